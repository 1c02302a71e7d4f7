import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Project, ts, type SourceFile } from "ts-morph";

/**
 * The ts-morph project a program is parsed and type-checked in. `import ... from "tsbpf"`
 * resolves to the stdlib declarations (stdlib/index.ts) wherever the user's file lives, through a
 * `paths` mapping, so the compiler sees exactly what the editor sees through package.json exports.
 */

function findStdlibDir(): string {
  // compiler/frontend (source) or dist/compiler/frontend (built): the stdlib sources sit at the
  // package root either way.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "stdlib", "index.ts")) && existsSync(join(dir, "package.json")))
      return join(dir, "stdlib");
    dir = dirname(dir);
  }
  throw new Error("tsbpf: cannot find stdlib/index.ts above the compiler");
}

export const STDLIB_DIR = findStdlibDir();
export const STDLIB_ENTRY = join(STDLIB_DIR, "index.ts");

export function isStdlibFile(path: string): boolean {
  return path.startsWith(STDLIB_DIR + "/");
}

export const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2023.d.ts"],
  types: [],
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
  paths: { tsbpf: [STDLIB_ENTRY] },
};

export function createProject(): Project {
  return new Project({ compilerOptions: COMPILER_OPTIONS, skipAddingFilesFromTsConfig: true });
}

let shared: Project | undefined;

/**
 * A project kept across in-memory compilations (tests, editors): the stdlib and lib files are
 * parsed once. Callers remove their source file when done.
 */
export function sharedProject(): Project {
  return (shared ??= createProject());
}

export function absolute(fileName: string): string {
  return resolve(fileName);
}

/** The local modules `entry` imports, transitively (not the stdlib, not lib files). */
export function localModules(entry: SourceFile): SourceFile[] {
  const out: SourceFile[] = [];
  const seen = new Set<SourceFile>();
  const visit = (sf: SourceFile): void => {
    if (seen.has(sf)) return;
    seen.add(sf);
    out.push(sf);
    for (const imp of sf.getImportDeclarations()) {
      const target = imp.getModuleSpecifierSourceFile();
      if (target && !isStdlibFile(target.getFilePath()) && !target.isDeclarationFile()) visit(target);
    }
  };
  visit(entry);
  return out;
}
