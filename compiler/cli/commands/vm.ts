import { readFileSync } from "node:fs";
import { formatInstruction } from "../../../runtime/disasm/index.js";
import { conformanceHelpers } from "../../../runtime/vm/conformance-helpers.js";
import { formatFault } from "../../../runtime/vm/fault.js";
import { createVm, type Tier, type TraceEvent } from "../../../runtime/vm/vm.js";
import { xdpContext } from "../../../runtime/vm/xdp-context.js";
import { loadCollectionSpec, type CollectionSpec } from "../../../runtime/object/index.js";
import { compile, type MapLayouts } from "../../index.js";
import { createSandbox, type RunInput, type Sandbox } from "../../../runtime/sandbox/index.js";
import { inputKind, readFlatProgram, readInput } from "../input.js";
import { refuse, reportDiagnostics, UsageError, type Io } from "../report.js";

export interface VmCommandOptions {
  section?: string;
  program?: string;
  ctx?: string;
  packet?: string;
  mem?: string;
  trace?: boolean;
  tier?: Tier;
  budget?: string;
}

const hex64 = (v: bigint) => "0x" + v.toString(16).padStart(16, "0");

/** Reads a packet/memory file: binary, or text of hex bytes (`45 00 00 54 ...`) when it looks like one. */
function readBytes(path: string): Uint8Array {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const text = raw.toString("latin1");
  if (/^[\s0-9a-fA-F]+$/.test(text) && /[0-9a-fA-F]{2}\s/.test(text + " ")) {
    const hex = text.trim().split(/\s+/);
    if (hex.every((h) => h.length === 2)) return Uint8Array.from(hex.map((h) => parseInt(h, 16)));
  }
  return new Uint8Array(raw);
}

/**
 * `tsbpf vm FILE`: runs a program in the VM and prints r0 as 64-bit hex on the last line.
 * `.data` files run as the conformance suite runs them (r1 = memory, r2 = its length, helpers 0–5);
 * `--packet` runs the program as XDP (r1 = xdp_md over the packet); `--mem` passes a memory block.
 */
export function vmCommand(io: Io, file: string, options: VmCommandOptions): number {
  const bytes = readInput(file);
  if (!bytes.ok) return refuse(io, bytes.diagnostics);
  const kind = inputKind(file, bytes.value);
  if (kind === "elf") {
    const spec = loadCollectionSpec(bytes.value, { file });
    if (!spec.ok) return refuse(io, spec.diagnostics);
    return runCollection(io, file, spec.value, options);
  }
  if (kind === "typescript") {
    const compiled = compile(file);
    if (!compiled.ok) return refuse(io, compiled.diagnostics);
    return runCollection(io, file, compiled.value.spec, options, compiled.value.layouts.maps);
  }
  if (options.ctx || options.section || options.program) {
    throw new UsageError("--ctx, --section and -p apply to ELF objects; raw programs take --packet or --mem");
  }
  if (options.packet && options.mem) throw new UsageError("give either --packet or --mem, not both");
  const program = readFlatProgram(file, bytes.value, kind);
  if (!program.ok) return refuse(io, program.diagnostics);
  const budget = options.budget === undefined ? undefined : Number(options.budget);
  if (budget !== undefined && !(Number.isInteger(budget) && budget > 0)) {
    throw new UsageError(`--budget takes a positive number of instructions, not "${options.budget}"`);
  }
  const conformance = program.value.conformance;
  const mem = options.mem ? readBytes(options.mem) : conformance?.mem;
  const packet = options.packet ? readBytes(options.packet) : undefined;
  const vm = createVm(program.value.instructions, {
    name: file,
    helpers: conformanceHelpers,
    initialized: packet ? [1, 10] : [1, 2, 10],
    format: (insn) => formatInstruction(insn),
    ...(budget !== undefined ? { budget } : {}),
  });
  if (!vm.ok) return refuse(io, vm.diagnostics);
  const trace = options.trace
    ? (e: TraceEvent) => {
        const loaded = vm.value.program;
        const insn = loaded.instructions[loaded.insnAtSlot[e.pc] ?? -1];
        const text = insn ? formatInstruction(insn) : "?";
        io.out(
          `${String(e.pc).padStart(6)}: ${text.padEnd(40)} ; r0=${hex64(e.regs[0]!)} r1=${hex64(e.regs[1]!)}`,
        );
      }
    : undefined;
  const result = vm.value.run({
    ...(options.tier ? { tier: options.tier } : {}),
    ...(trace ? { trace } : {}),
    ...(packet ? { packet } : {}),
    setup: (memory) => {
      if (packet) return [xdpContext(memory, packet.slice())];
      if (mem && mem.length > 0)
        return [memory.add(mem.slice(), { kind: "mem", name: "mem" }).address(0), mem.length];
      return [0, 0];
    },
  });
  if (result.kind === "fault") {
    io.err(`tsbpf: fault: ${formatFault(result)}`);
    return 1;
  }
  if (conformance?.result !== undefined && BigInt.asUintN(64, conformance.result) !== result.r0) {
    io.err(
      `tsbpf: r0 differs from the file's expected result ${hex64(BigInt.asUintN(64, conformance.result))}`,
    );
    io.out(hex64(result.r0));
    return 1;
  }
  io.out(`${result.insns} instructions executed (${result.tier})`);
  io.out(hex64(result.r0));
  return 0;
}

/**
 * JSON for `--ctx`: numbers, and strings that spell integers (`"0x1000"`, `"-100"`,
 * `"18446744073709551615"`) become bigints so 64-bit values keep every bit.
 */
function parseContextJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text, (_key, v: unknown) =>
      typeof v === "string" && /^-?(0x[0-9a-fA-F]+|\d+)$/.test(v)
        ? v.startsWith("-")
          ? -BigInt(v.slice(1))
          : BigInt(v)
        : v,
    );
  } catch (e) {
    throw new UsageError(`--ctx is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError(
      '--ctx takes a JSON object, e.g. \'{"fields": {"dfd": -100}}\' or \'{"args": [1, 2]}\'',
    );
  }
  return value as Record<string, unknown>;
}

/**
 * Runs one program of an object (from an ELF file or compiled TypeScript) in the sandbox: its
 * maps, globals, kernel helpers and the context its program type gets.
 */
function runCollection(
  io: Io,
  file: string,
  spec: CollectionSpec,
  options: VmCommandOptions,
  layouts: Readonly<Record<string, MapLayouts>> = {},
): number {
  if (options.mem) throw new UsageError("--mem applies to raw programs; objects take --packet or --ctx");
  if (options.trace) {
    throw new UsageError(
      "--trace applies to raw programs; for objects use run(..., { trace: true }) of tsbpf/testing",
    );
  }
  const programs = spec.programs;
  const chosen = programs.filter(
    (p) =>
      (options.section === undefined || p.section === options.section) &&
      (options.program === undefined || p.name === options.program),
  );
  const list = programs.map((p) => `${p.name} (${p.section})`).join(", ");
  if (chosen.length === 0) {
    throw new UsageError(
      programs.length ? `no such program; ${file} has: ${list}` : `${file} has no programs`,
    );
  }
  if (chosen.length > 1)
    throw new UsageError(`${file} has several programs; pick one with -p or --section: ${list}`);
  const target = chosen[0]!;
  const budget = options.budget === undefined ? undefined : Number(options.budget);
  if (budget !== undefined && !(Number.isInteger(budget) && budget > 0)) {
    throw new UsageError(`--budget takes a positive number of instructions, not "${options.budget}"`);
  }
  const sandbox = createSandbox(spec, {
    format: (insn) => formatInstruction(insn),
    ...(options.tier ? { tier: options.tier } : {}),
    ...(budget !== undefined ? { budget } : {}),
  });
  if (!sandbox.ok) return refuse(io, sandbox.diagnostics);
  const input = {
    ...(options.ctx ? parseContextJson(options.ctx) : {}),
    ...(options.packet ? { packet: readBytes(options.packet) } : {}),
  } as RunInput;
  const outcome = sandbox.value.run(target.name, input);
  for (const line of outcome.printk) io.out(`printk: ${line.text}`);
  if (outcome.fault) {
    io.err(`tsbpf: fault: ${formatFault(outcome.fault)}`);
    return 1;
  }
  for (const line of mapLines(sandbox.value, layouts)) io.out(line);
  io.out(`${outcome.insns} instructions executed (${target.name}, ${target.type.toLowerCase()})`);
  io.out(hex64(outcome.r0));
  return 0;
}

/** A JS value as one short text: bigints without the `n`, objects and arrays inline. */
function show(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return `[${Array.from(value).join(", ")}]`;
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  if (value && typeof value === "object") {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${show(v)}`)
      .join(", ")} }`;
  }
  return JSON.stringify(value);
}

const isZero = (v: unknown): boolean =>
  v === 0 ||
  v === 0n ||
  (Array.isArray(v) && v.every(isZero)) ||
  (v instanceof Uint8Array && v.every((b) => b === 0));

/**
 * The maps after the run, for programs whose key/value layouts are known (compiled TypeScript):
 * one line per entry, array slots that are still zero left out.
 */
function mapLines(sandbox: Sandbox, layouts: Readonly<Record<string, MapLayouts>>): string[] {
  const lines: string[] = [];
  for (const [name, layout] of Object.entries(layouts)) {
    if (!layout.key || !layout.value) continue;
    const typed = sandbox.typed(name, layout.key, layout.value);
    if (!typed.ok) continue;
    for (const [key, value] of typed.value.entries()) {
      if (!isZero(value)) lines.push(`${name}[${show(key)}] = ${show(value)}`);
    }
  }
  return lines;
}
