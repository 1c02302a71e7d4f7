import {
  Node,
  type ArrowFunction,
  type CallExpression,
  type Expression,
  type FunctionDeclaration,
  type FunctionExpression,
  type SourceFile,
  type VariableDeclaration,
} from "ts-morph";
import { int, sizeOf, struct, type Layout } from "../../runtime/layout/index.js";
import { encodeToBytes } from "../../runtime/layout/index.js";
import type { DataSectionSpec, MapSpec } from "../../runtime/object/spec.js";
import { AttachType, MapType, ProgType, type ProgTypeName } from "../../runtime/uapi/bpf.js";
import { bucketCount, type HistScale } from "../../runtime/maps/index.js";
import { Code } from "../diagnostics/codes.js";
import type { Reporter } from "../diagnostics/report.js";
import { constValue } from "./constants.js";
import { dslOfLayout, layoutOf, type DslType, type TypeResolver } from "./dsl-types.js";
import { fits, intName, U32 } from "./int-types.js";
import { stdlibNameOf } from "./intrinsics.js";
import { tracepointFormat, type TracepointFormat } from "../../runtime/tracepoint/index.js";

/**
 * What a module declares at its top level: maps (→ `.maps`), programs (exported program kinds →
 * ELF sections), global variables (`let` → .bss/.data, typed `const` objects → .rodata) and local
 * functions. Module-level `const` numbers are folded where used and need no entry here.
 */

export type MapClass =
  | "HashMap"
  | "PerCpuHashMap"
  | "LruHashMap"
  | "LruPerCpuHashMap"
  | "ArrayMap"
  | "PerCpuArrayMap"
  | "RingBuf"
  | "PerfEventArray"
  | "ProgArray"
  | "StackTraceMap"
  | "Queue"
  | "Stack"
  | "Histogram"
  | "KeyedHistogram";

const MAP_TYPES: Readonly<Record<MapClass, number>> = {
  HashMap: MapType.HASH,
  PerCpuHashMap: MapType.PERCPU_HASH,
  LruHashMap: MapType.LRU_HASH,
  LruPerCpuHashMap: MapType.LRU_PERCPU_HASH,
  ArrayMap: MapType.ARRAY,
  PerCpuArrayMap: MapType.PERCPU_ARRAY,
  RingBuf: MapType.RINGBUF,
  PerfEventArray: MapType.PERF_EVENT_ARRAY,
  ProgArray: MapType.PROG_ARRAY,
  StackTraceMap: MapType.STACK_TRACE,
  Queue: MapType.QUEUE,
  Stack: MapType.STACK,
  Histogram: MapType.ARRAY,
  KeyedHistogram: MapType.HASH,
};

export interface MapDecl {
  readonly name: string;
  readonly cls: MapClass;
  readonly key: Layout | undefined;
  readonly value: Layout | undefined;
  readonly spec: MapSpec;
  readonly histogram?: HistScale;
  readonly perCpu: boolean;
}

export type ProgramKind =
  | "tracepoint"
  | "rawTracepoint"
  | "xdp"
  | "tc"
  | "socketFilter"
  | "cgroupSkb"
  | "kprobe"
  | "kretprobe"
  | "uprobe"
  | "uretprobe"
  | "fentry"
  | "fexit"
  | "lsm"
  | "perfEvent";

const PROGRAM_KINDS: ReadonlySet<string> = new Set<ProgramKind>([
  "tracepoint",
  "rawTracepoint",
  "xdp",
  "tc",
  "socketFilter",
  "cgroupSkb",
  "kprobe",
  "kretprobe",
  "uprobe",
  "uretprobe",
  "fentry",
  "fexit",
  "lsm",
  "perfEvent",
]);

export interface ProgramDecl {
  readonly name: string;
  readonly kind: ProgramKind;
  readonly attach: string | undefined;
  readonly section: string;
  readonly type: ProgTypeName;
  readonly expectedAttachType?: number;
  readonly fn: ArrowFunction | FunctionExpression;
  readonly node: VariableDeclaration;
  /** Tracepoint record layout (tracepoint programs). */
  readonly tracepoint?: TracepointFormat;
}

export interface GlobalVar {
  readonly name: string;
  readonly section: ".bss" | ".data" | ".rodata";
  readonly offset: number;
  readonly type: DslType;
  readonly readOnly: boolean;
}

export interface ModuleInfo {
  readonly maps: Map<Node, MapDecl>;
  readonly programs: ProgramDecl[];
  readonly globals: Map<Node, GlobalVar>;
  readonly data: DataSectionSpec[];
  /** The entry module's `license("…")` declaration, when it has one. */
  license?: string;
}

export function isProgramKind(name: string | undefined): name is ProgramKind {
  return name !== undefined && PROGRAM_KINDS.has(name);
}

function sectionOf(
  kind: ProgramKind,
  attach: string | undefined,
): { section: string; type: ProgTypeName; eat?: number } {
  switch (kind) {
    case "tracepoint":
      return { section: `tracepoint/${attach}`, type: "TRACEPOINT" };
    case "rawTracepoint":
      return { section: `raw_tracepoint/${attach}`, type: "RAW_TRACEPOINT" };
    case "xdp":
      return { section: "xdp", type: "XDP", eat: AttachType.XDP };
    case "tc":
      return { section: "tc", type: "SCHED_CLS" };
    case "socketFilter":
      return { section: "socket", type: "SOCKET_FILTER" };
    case "cgroupSkb":
      return {
        section: `cgroup_skb/${attach}`,
        type: "CGROUP_SKB",
        eat: attach === "egress" ? AttachType.CGROUP_INET_EGRESS : AttachType.CGROUP_INET_INGRESS,
      };
    case "kprobe":
    case "kretprobe":
    case "uprobe":
    case "uretprobe":
      return { section: attach === undefined ? kind : `${kind}/${attach}`, type: "KPROBE" };
    case "fentry":
      return { section: `fentry/${attach}`, type: "TRACING", eat: AttachType.TRACE_FENTRY };
    case "fexit":
      return { section: `fexit/${attach}`, type: "TRACING", eat: AttachType.TRACE_FEXIT };
    case "lsm":
      return { section: `lsm/${attach}`, type: "LSM", eat: AttachType.LSM_MAC };
    case "perfEvent":
      return { section: "perf_event", type: "PERF_EVENT" };
  }
}

/** Properties of an options object literal: constants and string literals. */
function readOptions(
  expr: Expression | undefined,
  reporter: Reporter,
): Map<string, { value?: bigint; text?: string; node: Node }> {
  const out = new Map<string, { value?: bigint; text?: string; node: Node }>();
  if (!expr) return out;
  if (!Node.isObjectLiteralExpression(expr)) {
    reporter.error(
      Code.MAP_OPTIONS,
      expr,
      "map options must be an object literal",
      "write e.g. { maxEntries: 1024 }",
    );
    return out;
  }
  for (const p of expr.getProperties()) {
    if (!Node.isPropertyAssignment(p)) {
      reporter.error(Code.MAP_OPTIONS, p, "map options must be plain `name: value` properties");
      continue;
    }
    const init = p.getInitializerOrThrow();
    if (Node.isStringLiteral(init)) out.set(p.getName(), { text: init.getLiteralValue(), node: init });
    else {
      const v = constValue(init);
      if (v === undefined) {
        reporter.error(Code.NOT_CONSTANT, init, `map option \`${p.getName()}\` must be a constant`);
        out.set(p.getName(), { node: init });
      } else out.set(p.getName(), { value: v, node: init });
    }
  }
  return out;
}

export class ModuleCollector {
  readonly info: ModuleInfo = { maps: new Map(), programs: [], globals: new Map(), data: [] };
  private readonly sections = new Map<
    string,
    { bytes: number[]; vars: { name: string; offset: number; size: number }[] }
  >();

  constructor(
    private readonly reporter: Reporter,
    private readonly types: TypeResolver,
    private readonly liveTracepoints = true,
  ) {}

  collect(files: readonly SourceFile[], entry: SourceFile): ModuleInfo {
    for (const sf of files) this.collectFile(sf, sf === entry);
    for (const [name, s] of this.sections) {
      this.info.data.push({
        name,
        bytes: Uint8Array.from(s.bytes),
        readOnly: name === ".rodata",
        variables: s.vars,
      });
    }
    return this.info;
  }

  private collectFile(sf: SourceFile, isEntry: boolean): void {
    for (const stmt of sf.getStatements()) {
      if (Node.isImportDeclaration(stmt)) {
        const spec = stmt.getModuleSpecifierValue();
        const target = stmt.getModuleSpecifierSourceFile();
        if (spec !== "tsbpf" && !target)
          this.reporter.error(
            Code.IMPORT,
            stmt.getModuleSpecifier(),
            `cannot import "${spec}" into an eBPF program`,
            'import from "tsbpf" or from your own local modules',
          );
        else if (spec !== "tsbpf" && target && target.isDeclarationFile())
          this.reporter.error(
            Code.IMPORT,
            stmt.getModuleSpecifier(),
            `"${spec}" is a declaration file or package, which has no code to compile`,
            'import from "tsbpf" or from your own local .ts modules',
          );
        continue;
      }
      if (
        Node.isInterfaceDeclaration(stmt) ||
        Node.isTypeAliasDeclaration(stmt) ||
        Node.isEnumDeclaration(stmt) ||
        Node.isFunctionDeclaration(stmt) ||
        Node.isExportDeclaration(stmt) ||
        Node.isEmptyStatement(stmt) ||
        Node.isClassDeclaration(stmt) // reported by the subset check
      )
        continue;
      if (Node.isVariableStatement(stmt)) {
        for (const d of stmt.getDeclarations())
          this.collectVariable(d, stmt.getDeclarationKind(), stmt.isExported(), isEntry);
        continue;
      }
      this.reporter.error(
        Code.MODULE_STATEMENT,
        stmt,
        "an eBPF module has no top-level code that runs",
        "move this into a program function; at top level declare only maps, programs, constants, globals, types and functions",
      );
    }
  }

  private collectVariable(d: VariableDeclaration, kind: string, exported: boolean, isEntry: boolean): void {
    const init = d.getInitializer();
    const name = d.getName();
    if (init && Node.isNewExpression(init)) {
      const cls = stdlibNameOf(init.getExpression(), "value");
      if (cls !== undefined && cls in MAP_TYPES) {
        if (kind !== "const")
          this.reporter.error(Code.DECLARATION, d, `map \`${name}\` must be declared with const`);
        this.collectMap(d, cls as MapClass, init);
        return;
      }
    }
    if (init && Node.isCallExpression(init) && stdlibNameOf(init.getExpression(), "value") === "license") {
      this.collectLicense(d, init, kind, isEntry);
      return;
    }
    if (init && Node.isCallExpression(init)) {
      const kindName = stdlibNameOf(init.getExpression(), "value");
      if (isProgramKind(kindName)) {
        this.collectProgram(
          d,
          kindName,
          init.getArguments() as Expression[],
          exported && isEntry && kind === "const",
        );
        return;
      }
    }
    if (kind === "const" && init && constValue(init) !== undefined) return; // folded where used
    if (kind === "const" && init && (Node.isObjectLiteralExpression(init) || Node.isAsExpression(init))) {
      if (Node.isAsExpression(init)) return; // `as const` objects: members fold like enums
      this.collectGlobal(d, ".rodata", true);
      return;
    }
    if (kind === "let" || kind === "var") {
      this.collectGlobal(d, undefined, false);
      return;
    }
    this.reporter.error(
      Code.MODULE_STATEMENT,
      d,
      `cannot compile the module-level value \`${name}\``,
      "at top level declare maps (new HashMap…), programs (tracepoint(…), xdp(…)), integer constants, `let` globals or typed config objects",
    );
  }

  private collectMap(d: VariableDeclaration, cls: MapClass, init: Node): void {
    if (!Node.isNewExpression(init)) return;
    const name = d.getName();
    const typeArgs = init.getTypeArguments();
    const opts = readOptions(init.getArguments()[0] as Expression | undefined, this.reporter);
    const want = (n: number, what: string): Layout[] | undefined => {
      if (typeArgs.length !== n) {
        this.reporter.error(
          Code.MAP_TYPE_ARGS,
          init,
          `${cls} needs its ${what} as type arguments`,
          `write new ${cls}<${what}>(…)`,
        );
        return undefined;
      }
      const out: Layout[] = [];
      for (const t of typeArgs) {
        const r = this.types.resolve(t);
        if (!r) return undefined;
        out.push(layoutOf(r));
      }
      return out;
    };
    const num = (key: string, required: boolean, fallback = 0n): number => {
      const o = opts.get(key);
      if (!o || o.value === undefined) {
        if (required && !o)
          this.reporter.error(Code.MAP_OPTIONS, init, `${cls} needs \`${key}\` in its options`);
        return Number(fallback);
      }
      if (o.value < 0n || o.value > 0xffffffffn) {
        this.reporter.error(Code.MAP_OPTIONS, o.node, `\`${key}\` must be between 0 and 2^32-1`);
        return Number(fallback);
      }
      return Number(o.value);
    };
    let key: Layout | undefined;
    let value: Layout | undefined;
    let maxEntries = 0;
    let histogram: HistScale | undefined;
    switch (cls) {
      case "HashMap":
      case "PerCpuHashMap":
      case "LruHashMap":
      case "LruPerCpuHashMap": {
        const kv = want(2, "key and value types");
        key = kv?.[0];
        value = kv?.[1];
        maxEntries = num("maxEntries", true);
        break;
      }
      case "ArrayMap":
      case "PerCpuArrayMap":
        key = layoutOf(U32);
        value = want(1, "value type")?.[0];
        maxEntries = num("maxEntries", true);
        break;
      case "Queue":
      case "Stack":
        value = want(1, "value type")?.[0];
        maxEntries = num("maxEntries", true);
        break;
      case "RingBuf": {
        value = want(1, "record type")?.[0];
        maxEntries = num("size", true);
        if (maxEntries && (maxEntries & (maxEntries - 1) || maxEntries % 4096))
          this.reporter.error(
            Code.MAP_OPTIONS,
            opts.get("size")?.node ?? init,
            `ring buffer size ${maxEntries} must be a power of two and a multiple of 4096`,
          );
        break;
      }
      case "PerfEventArray":
        value = want(1, "record type")?.[0];
        key = int(4, false);
        maxEntries = num("maxEntries", false);
        break;
      case "ProgArray":
        key = int(4, false);
        maxEntries = num("maxEntries", true);
        break;
      case "StackTraceMap":
        key = int(4, false);
        maxEntries = num("maxEntries", true);
        value = { kind: "array", elem: int(8, false), length: num("depth", false, 127n) };
        break;
      case "Histogram":
      case "KeyedHistogram": {
        const scale = opts.get("scale");
        if (scale?.text === "log2") histogram = { kind: "log2" };
        else if (scale?.text === "linear") {
          const min = num("min", true);
          const max = num("max", true);
          const step = num("step", true);
          if (step < 1 || min > max)
            this.reporter.error(Code.MAP_OPTIONS, init, "linear histogram needs min ≤ max and step ≥ 1");
          else histogram = { kind: "linear", min, max, step };
        } else
          this.reporter.error(
            Code.MAP_OPTIONS,
            scale?.node ?? init,
            'Histogram needs scale: "log2" or "linear"',
          );
        value = int(8, false);
        if (cls === "KeyedHistogram") {
          // bpftrace's @h[key] = hist(v): one count per (key, bucket)
          const user = want(1, "key type")?.[0];
          key = user
            ? struct(
                [
                  ["key", user],
                  ["bucket", int(4, false)],
                ],
                { name: `${name}_key` },
              )
            : undefined;
          maxEntries = num("maxEntries", false, 10240n);
        } else {
          key = int(4, false);
          maxEntries = histogram ? bucketCount(histogram) : 1;
        }
        break;
      }
    }
    if (
      maxEntries === 0 &&
      cls !== "PerfEventArray" &&
      cls !== "Histogram" &&
      cls !== "KeyedHistogram" &&
      opts.get(cls === "RingBuf" ? "size" : "maxEntries")?.value === 0n
    )
      this.reporter.error(
        Code.MAP_OPTIONS,
        opts.get(cls === "RingBuf" ? "size" : "maxEntries")!.node,
        `${cls} needs a non-zero size`,
      );
    const valueSize =
      cls === "RingBuf" || cls === "ProgArray" ? (cls === "ProgArray" ? 4 : 0) : value ? sizeOf(value) : 0;
    const pin = opts.get("pinning")?.text === "byName" ? { pinning: 1 } : {};
    const spec: MapSpec = {
      name,
      type: MAP_TYPES[cls],
      keySize: cls === "RingBuf" || cls === "Queue" || cls === "Stack" ? 0 : key ? sizeOf(key) : 0,
      valueSize: cls === "PerfEventArray" ? 4 : valueSize,
      maxEntries,
      flags: num("flags", false),
      ...pin,
    };
    const perCpu = cls === "PerCpuHashMap" || cls === "PerCpuArrayMap" || cls === "LruPerCpuHashMap";
    this.info.maps.set(d, { name, cls, key, value, spec, perCpu, ...(histogram ? { histogram } : {}) });
  }

  private collectProgram(
    d: VariableDeclaration,
    kind: ProgramKind,
    args: Expression[],
    exported: boolean,
  ): void {
    const name = d.getName();
    if (!exported) {
      this.reporter.error(
        Code.PROGRAM_NOT_EXPORTED,
        d,
        `program \`${name}\` is not an exported const of the entry module, so no loader can reach it`,
        `write \`export const ${name} = …\` in the file you compile`,
      );
      return;
    }
    // uprobe(fn): SEC("uprobe"), attached by the loader to a binary and offset it chooses
    const optionalAttach = (kind === "uprobe" || kind === "uretprobe") && args.length === 1;
    const takesAttach =
      kind !== "xdp" && kind !== "tc" && kind !== "socketFilter" && kind !== "perfEvent" && !optionalAttach;
    const fnArg = args[takesAttach ? 1 : 0];
    let attach: string | undefined;
    if (takesAttach) {
      const a = args[0];
      if (!a || !Node.isStringLiteral(a)) {
        this.reporter.error(
          Code.UNKNOWN_ATTACH,
          a ?? d,
          `${kind} needs its attach point as a string literal`,
        );
        return;
      }
      attach = a.getLiteralValue();
    }
    if (!fnArg || !(Node.isArrowFunction(fnArg) || Node.isFunctionExpression(fnArg))) {
      this.reporter.error(
        Code.EXPRESSION,
        fnArg ?? d,
        `${kind} needs the program as an inline function: ${kind}(${takesAttach ? '"…", ' : ""}(ctx) => { … })`,
      );
      return;
    }
    let tracepoint: TracepointFormat | undefined;
    if (kind === "tracepoint") {
      // the running kernel's record layout when tracefs is mounted (what the program will read),
      // else the snapshot stdlib/tracepoints.ts was generated from
      const r = tracepointFormat(attach ?? "", { live: this.liveTracepoints });
      if (!r.ok) {
        const d0 = r.diagnostics[0]!;
        this.reporter.error(Code.UNKNOWN_ATTACH, args[0]!, d0.message, d0.hint);
        return;
      }
      tracepoint = r.value;
    }
    const { section, type, eat } = sectionOf(kind, attach);
    this.info.programs.push({
      name,
      kind,
      attach,
      section,
      type,
      fn: fnArg,
      node: d,
      ...(eat !== undefined ? { expectedAttachType: eat } : {}),
      ...(tracepoint ? { tracepoint } : {}),
    });
  }

  /**
   * `const LICENSE = license("Dual MIT/GPL")`: the text of the object's license section. One per
   * program module, a string literal of printable ASCII (the kernel reads it as a C string and
   * compares it with its list of GPL-compatible names: kernel license_is_gpl_compatible).
   */
  private collectLicense(d: VariableDeclaration, init: CallExpression, kind: string, isEntry: boolean): void {
    const arg = init.getArguments()[0];
    const text = arg && Node.isStringLiteral(arg) ? arg.getLiteralValue() : undefined;
    if (kind !== "const") {
      this.reporter.error(Code.LICENSE, d, "the license must be declared with const");
      return;
    }
    if (text === undefined || init.getArguments().length !== 1) {
      this.reporter.error(
        Code.LICENSE,
        arg ?? init,
        "license(…) takes one string literal",
        'write export const LICENSE = license("GPL");',
      );
      return;
    }
    if (!/^[\x20-\x7e]+$/.test(text) || text.length > 127) {
      this.reporter.error(
        Code.LICENSE,
        arg!,
        "a license is 1 to 127 printable ASCII characters",
        'use a name the kernel knows, e.g. "GPL", "Dual MIT/GPL", "Dual BSD/GPL"',
      );
      return;
    }
    if (!isEntry) return; // an imported module's license does not decide the program's
    if (this.info.license !== undefined) {
      this.reporter.error(Code.LICENSE, d, "this module already declares its license");
      return;
    }
    this.info.license = text;
  }

  private collectGlobal(d: VariableDeclaration, forced: ".rodata" | undefined, readOnly: boolean): void {
    const tn = d.getTypeNode();
    const init = d.getInitializer();
    let type: DslType | undefined = tn ? this.types.resolve(tn) : undefined;
    if (!tn) {
      this.reporter.error(
        Code.UNSUPPORTED_TYPE,
        d,
        `global \`${d.getName()}\` needs a type annotation`,
        `write e.g. let ${d.getName()}: u64 = 0;`,
      );
      return;
    }
    if (!type) return;
    const layout = layoutOf(type);
    let bytes: Uint8Array = new Uint8Array(sizeOf(layout));
    if (init) {
      const value = this.initialValue(init, type);
      if (value === undefined) return;
      const enc = encodeToBytes(layout, value, { path: d.getName() });
      if (!enc.ok) {
        this.reporter.error(Code.LITERAL_RANGE, init, enc.diagnostics[0]!.message);
        return;
      }
      bytes = enc.value;
    }
    const section = forced ?? (bytes.some((b) => b !== 0) ? ".data" : ".bss");
    const s = this.sections.get(section) ?? { bytes: [], vars: [] };
    this.sections.set(section, s);
    const align = layout.kind === "int" ? layout.size : layout.kind === "struct" ? layout.align : 1;
    while (s.bytes.length % align) s.bytes.push(0);
    const offset = s.bytes.length;
    s.bytes.push(...bytes);
    s.vars.push({ name: d.getName(), offset, size: bytes.length });
    this.info.globals.set(d, { name: d.getName(), section, offset, type, readOnly });
  }

  /** A constant initializer as a JavaScript value for the layout encoder. */
  private initialValue(init: Node, type: DslType): unknown {
    if (type.kind === "int") {
      const v = constValue(init);
      if (v === undefined) {
        this.reporter.error(Code.NOT_CONSTANT, init, "a global's initial value must be a constant");
        return undefined;
      }
      if (!fits(v, type)) {
        this.reporter.error(Code.LITERAL_RANGE, init, `${v} does not fit ${intName(type)}`);
        return undefined;
      }
      return type.bits === 64 ? v : Number(v);
    }
    if (type.kind === "bool") return constValue(init) === 1n;
    if (Node.isObjectLiteralExpression(init) && type.layout.kind === "struct") {
      const out: Record<string, unknown> = {};
      for (const p of init.getProperties()) {
        if (!Node.isPropertyAssignment(p)) continue;
        const f = type.layout.fields.find((x) => x.name === p.getName());
        if (!f) continue;
        const v = this.initialValue(p.getInitializerOrThrow(), dslOfLayout(f.layout));
        if (v === undefined) return undefined;
        out[p.getName()] = v;
      }
      for (const f of type.layout.fields)
        if (!(f.name in out))
          out[f.name] = f.layout.kind === "int" ? (f.layout.size === 8 ? 0n : 0) : undefined;
      return out;
    }
    this.reporter.error(
      Code.NOT_SUPPORTED,
      init,
      "this initial value is not supported for globals yet",
      "use integer constants or an object literal of them",
    );
    return undefined;
  }
}

export type { FunctionDeclaration };
