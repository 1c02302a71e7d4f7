import { basename } from "node:path";
import { assembleBtf, writeBtfTypes } from "../../runtime/btf/write.js";
import { writeBtfExt } from "../../runtime/btf/write-ext.js";
import { BtfStringWriter } from "../../runtime/btf/write-strings.js";
import type { BtfExtFuncInfo, BtfExtLineInfo, BtfExtSection } from "../../runtime/btf/index.js";
import { error, fail, ok, type Diagnostic, type Result } from "../../runtime/diag/diagnostic.js";
import { BpfReloc, SectionFlags, SectionType, SymbolBind, SymbolType } from "../../runtime/elf/index.js";
import { encodeProgram, Op, slotIndex, type Instruction } from "../../runtime/isa/index.js";
import { sizeOf, type Layout } from "../../runtime/layout/index.js";
import type { CollectionSpec, DataSectionSpec, LineInfo } from "../../runtime/object/spec.js";
import { planCode, type CodeSectionPlan } from "./code-layout.js";
import { EmitCode } from "./codes.js";
import { ElfImage, type ElfSymbolHandle, type RelocationEntry } from "./elf-image.js";
import { buildObjectBtf } from "./object-btf.js";

/**
 * Writes a CollectionSpec as a relocatable BPF ELF object that libbpf, bpftool and tsbpf's own
 * reader load (what `clang -O2 -g -target bpf -c` produces, minus DWARF). Sections come in
 * clang's order and with its flags: `.text` (subprograms, when there are any), each program
 * section followed by its `.rel` section, `.rodata`/`.data`/`.bss`, `.maps`, `license`, `.BTF`,
 * `.BTF.ext`, `.symtab`. In the object, a relocated `lddw` has src = 0 and imm = the addend:
 * libbpf sets BPF_PSEUDO_MAP_FD / MAP_VALUE and the fd when it loads (bpf_object__relocate_data),
 * and tsbpf's reader does the same (runtime/object/link.ts).
 */

/** Layouts the compiler knows for maps (key/value, ring-buffer records) and globals. */
export interface ObjectLayouts {
  readonly maps?: Readonly<Record<string, { readonly key?: Layout; readonly value?: Layout }>>;
  /** Global variables by name (compile()'s GlobalLayout fits); without one a variable is described by its size. */
  readonly globals?: Readonly<Record<string, { readonly layout: Layout }>>;
}

/** What to write: the compiler's output (`compile()`), or any CollectionSpec with layouts. */
export interface ObjectInput {
  readonly spec: CollectionSpec;
  readonly layouts?: ObjectLayouts;
}

export interface WriteObjectOptions {
  /** Write `.BTF.ext` (func_info, line_info). Default true; `.BTF` is always written. */
  readonly debug?: boolean;
  /** Name of the STT_FILE symbol (the source file); default: from line info. */
  readonly sourceName?: string;
}

const AX = SectionFlags.ALLOC | SectionFlags.EXECINSTR;
const WA = SectionFlags.WRITE | SectionFlags.ALLOC;

function dataFlags(name: string): { type: number; flags: number } {
  if (name.startsWith(".rodata")) return { type: SectionType.PROGBITS, flags: SectionFlags.ALLOC };
  if (name.startsWith(".bss")) return { type: SectionType.NOBITS, flags: WA };
  return { type: SectionType.PROGBITS, flags: WA };
}

function checkData(data: readonly DataSectionSpec[], diagnostics: Diagnostic[]): void {
  for (const d of data) {
    if (!/^\.(data|rodata|bss)(\..*)?$/.test(d.name)) {
      diagnostics.push(
        error(
          EmitCode.BAD_DATA,
          `'${d.name}' is no global data section libbpf maps (.data*, .rodata*, .bss*)`,
        ),
      );
    }
    if (d.name.startsWith(".bss") && d.bytes.some((b) => b !== 0)) {
      diagnostics.push(
        error(EmitCode.BAD_DATA, `'${d.name}' holds non-zero bytes; .bss is zero-filled at load`),
      );
    }
    let end = 0;
    for (const v of [...d.variables].sort((a, b) => a.offset - b.offset)) {
      if (v.offset < end || v.offset + v.size > d.bytes.length) {
        diagnostics.push(
          error(
            EmitCode.BAD_DATA,
            `variable '${v.name}' at ${v.offset}+${v.size} overlaps another or lies past the ${d.bytes.length} bytes of '${d.name}'`,
          ),
        );
      }
      end = Math.max(end, v.offset + v.size);
    }
  }
}

/** Line records of one function with a record at its first instruction (kernel check_btf_line). */
function functionLines(
  lines: readonly LineInfo[],
  first: number,
  fallback: LineInfo | undefined,
): LineInfo[] {
  const sorted = [...lines].sort((a, b) => a.insn - b.insn);
  const out: LineInfo[] = [];
  const start = sorted[0] ?? fallback;
  if (start && (sorted.length === 0 || sorted[0]!.insn !== first)) out.push({ ...start, insn: first });
  for (const l of sorted) if (out.length === 0 || l.insn > out[out.length - 1]!.insn) out.push(l);
  return out;
}

export function writeObject(input: ObjectInput, options: WriteObjectOptions = {}): Result<Uint8Array> {
  const { spec } = input;
  const debug = options.debug ?? true;
  const diagnostics: Diagnostic[] = [];

  const planned = planCode(spec.programs);
  if (!planned.ok) return planned;
  const plans = planned.value;

  for (const p of spec.programs) {
    if (p.coreRelocations?.length) {
      // Their type ids point into the BTF of the object they were read from, which is not rewritten.
      diagnostics.push(
        error(EmitCode.BAD_PROGRAM, `program '${p.name}': CO-RE relocations cannot be written yet`),
      );
    }
  }
  for (const m of spec.maps) {
    if (m.inner || m.initialValues?.length) {
      diagnostics.push(
        error(EmitCode.BAD_MAP, `map '${m.name}': map-in-map and initial 'values' cannot be written yet`),
      );
    }
  }
  const data = spec.data.filter((d) => d.bytes.length > 0);
  checkData(data, diagnostics);

  // Symbol names: one namespace for functions, maps, variables and the license.
  const owner = new Map<string, string>();
  const claim = (name: string, what: string) => {
    const prev = owner.get(name);
    if (prev) diagnostics.push(error(EmitCode.DUPLICATE_SYMBOL, `'${name}' names both ${prev} and ${what}`));
    else owner.set(name, what);
  };
  for (const p of plans) for (const f of p.functions) claim(f.name, f.program ? "a program" : "a function");
  for (const m of spec.maps) claim(m.name, "a map");
  for (const d of data) for (const v of d.variables) claim(v.name, `a variable in ${d.name}`);
  if (diagnostics.length) return fail(...diagnostics);
  const licenseName = ["LICENSE", "_license", "__license"].find((n) => !owner.has(n)) ?? "__tsbpf_license";
  const licenseBytes = new TextEncoder().encode(`${spec.license}\0`);

  const layouts = input.layouts ?? {};
  const objBtf = buildObjectBtf({
    maps: spec.maps,
    mapTypes: (name) => {
      const l = layouts.maps?.[name];
      return { ...(l?.key ? { key: l.key } : {}), ...(l?.value ? { value: l.value } : {}) };
    },
    code: plans,
    data,
    globalType: (name, size) => {
      const l = layouts.globals?.[name]?.layout;
      return l && sizeOf(l) === size ? l : undefined;
    },
    license: { name: licenseName, size: licenseBytes.length },
  });

  // Sections, in clang's order.
  const image = new ElfImage();
  const firstLine = plans.flatMap((p) => p.functions.flatMap((f) => f.lineInfo))[0];
  const sourceName = options.sourceName ?? (firstLine ? basename(firstLine.file) : undefined);
  if (sourceName) image.fileSymbol(sourceName);
  const code = plans.map((plan) => {
    const index = image.addSection({ name: plan.name, type: SectionType.PROGBITS, flags: AX, align: 8 });
    const relocations: RelocationEntry[] = [];
    if (plan.relocations.length) image.addRelocationSection(index, relocations);
    return { plan, index, relocations };
  });
  const dataIndex = new Map<string, number>();
  for (const d of data) {
    const { type, flags } = dataFlags(d.name);
    dataIndex.set(
      d.name,
      image.addSection({
        name: d.name,
        type,
        flags,
        align: objBtf.dataAlign.get(d.name) ?? 8,
        ...(type === SectionType.NOBITS ? { size: d.bytes.length } : { data: d.bytes }),
      }),
    );
  }
  const mapsIndex = spec.maps.length
    ? image.addSection({
        name: ".maps",
        type: SectionType.PROGBITS,
        flags: WA,
        align: 8,
        data: new Uint8Array(objBtf.mapsSize),
      })
    : undefined;
  const licenseIndex = image.addSection({
    name: "license",
    type: SectionType.PROGBITS,
    flags: WA,
    align: 1,
    data: licenseBytes,
  });
  const btfIndex = image.addSection({ name: ".BTF", type: SectionType.PROGBITS, flags: 0, align: 4 });
  const extIndex = debug
    ? image.addSection({ name: ".BTF.ext", type: SectionType.PROGBITS, flags: 0, align: 4 })
    : undefined;

  // Symbols: section symbols and static functions (locals), then programs, maps, variables.
  const textIndex = code.find((c) => c.plan.name === ".text")?.index;
  for (const c of code) image.sectionSymbol(c.index);
  const slotsOf = new Map<CodeSectionPlan, number[]>(
    code.map((c) => [c.plan, slotIndex(c.plan.instructions)]),
  );
  const funcSymbol = (c: (typeof code)[number], global: boolean) => {
    const slots = slotsOf.get(c.plan)!;
    for (const f of c.plan.functions) {
      if (!!f.program !== global) continue;
      image.addSymbol({
        name: f.name,
        type: SymbolType.FUNC,
        bind: global ? SymbolBind.GLOBAL : SymbolBind.LOCAL,
        section: c.index,
        value: slots[f.first]! * 8,
        size: (slots[f.end]! - slots[f.first]!) * 8,
        order: 2,
      });
    }
  };
  for (const c of code) funcSymbol(c, false);
  for (const c of code) funcSymbol(c, true);
  const mapSymbols = new Map<string, ElfSymbolHandle>();
  for (const m of objBtf.maps) {
    mapSymbols.set(
      m.spec.name,
      image.addSymbol({
        name: m.spec.name,
        type: SymbolType.OBJECT,
        bind: SymbolBind.GLOBAL,
        section: mapsIndex!,
        value: m.offset,
        size: m.size,
      }),
    );
  }
  const variables = new Map<string, Array<{ symbol: ElfSymbolHandle; offset: number; size: number }>>();
  for (const d of data) {
    const list: Array<{ symbol: ElfSymbolHandle; offset: number; size: number }> = [];
    for (const v of d.variables) {
      const symbol = image.addSymbol({
        name: v.name,
        type: SymbolType.OBJECT,
        bind: SymbolBind.GLOBAL,
        section: dataIndex.get(d.name)!,
        value: v.offset,
        size: v.size,
      });
      list.push({ symbol, offset: v.offset, size: v.size });
    }
    variables.set(d.name, list);
  }
  image.addSymbol({
    name: licenseName,
    type: SymbolType.OBJECT,
    bind: SymbolBind.GLOBAL,
    section: licenseIndex,
    value: 0,
    size: licenseBytes.length,
  });

  // Code: relocations, and lddw in object form (src = 0, imm = addend).
  for (const c of code) {
    const slots = slotsOf.get(c.plan)!;
    const insns: Instruction[] = c.plan.instructions.map((i) => (i.meta ? { ...i, meta: undefined } : i));
    const relocated = new Set<number>();
    for (const r of c.plan.relocations) {
      const at = r.insn;
      const insn = insns[at]!;
      const offset = slots[at]! * 8;
      relocated.add(at);
      const t = r.target;
      const wantLddw = () => {
        if (insn.opcode !== Op.LDDW) {
          diagnostics.push(
            error(
              EmitCode.BAD_RELOCATION,
              `${c.plan.name}: '${t.kind}' relocation on instruction ${at}, not a lddw`,
            ),
          );
          return false;
        }
        return true;
      };
      switch (t.kind) {
        case "map": {
          const symbol = mapSymbols.get(t.map);
          if (!symbol) {
            diagnostics.push(
              error(EmitCode.BAD_RELOCATION, `${c.plan.name}: instruction ${at} uses unknown map '${t.map}'`),
            );
            break;
          }
          if (!wantLddw()) break;
          insns[at] = { ...insn, src: 0, imm: 0, immHi: 0 };
          c.relocations.push({ offset, symbol, type: BpfReloc.R_BPF_64_64 });
          break;
        }
        case "mapValue": {
          const section = dataIndex.get(t.map);
          const size = data.find((d) => d.name === t.map)?.bytes.length ?? 0;
          if (section === undefined || t.offset < 0 || t.offset >= size) {
            diagnostics.push(
              error(
                EmitCode.BAD_RELOCATION,
                `${c.plan.name}: instruction ${at} reads '${t.map}'+${t.offset}, which the collection's data does not hold`,
              ),
            );
            break;
          }
          if (!wantLddw()) break;
          // Against the variable that holds the offset, as clang does; else the section symbol.
          const v = variables.get(t.map)!.find((x) => t.offset >= x.offset && t.offset < x.offset + x.size);
          const symbol = v ? v.symbol : image.sectionSymbol(section);
          insns[at] = { ...insn, src: 0, imm: t.offset - (v ? v.offset : 0), immHi: 0 };
          c.relocations.push({ offset, symbol, type: BpfReloc.R_BPF_64_64 });
          break;
        }
        case "call":
        case "func":
          // code-layout set the immediates; the relocation points at .text.
          c.relocations.push({
            offset,
            symbol: image.sectionSymbol(textIndex!),
            type: t.kind === "call" ? BpfReloc.R_BPF_64_32 : BpfReloc.R_BPF_64_64,
          });
          break;
        case "kfunc":
          diagnostics.push(error(EmitCode.BAD_PROGRAM, `${c.plan.name}: kfunc calls cannot be written yet`));
          break;
      }
    }
    insns.forEach((insn, i) => {
      // A pseudo lddw (map fd, map value) is meaningless without a relocation: nothing would fill it.
      if (insn.opcode === Op.LDDW && insn.src !== 0 && !relocated.has(i)) {
        diagnostics.push(
          error(
            EmitCode.BAD_RELOCATION,
            `${c.plan.name}: lddw at instruction ${i} has pseudo source ${insn.src} but no relocation`,
          ),
        );
      }
    });
    image.setData(c.index, encodeProgram(insns));
  }
  if (diagnostics.length) return fail(...diagnostics);

  // .BTF.ext: func_info for every function, line_info for every statement start.
  const strings = new BtfStringWriter();
  const types = writeBtfTypes(objBtf.btf, strings);
  if (!types.ok) return types;
  if (extIndex !== undefined) {
    const funcInfo: Array<BtfExtSection<BtfExtFuncInfo>> = [];
    const lineInfo: Array<BtfExtSection<BtfExtLineInfo>> = [];
    for (const c of code) {
      const slots = slotsOf.get(c.plan)!;
      funcInfo.push({
        section: c.plan.name,
        records: c.plan.functions.map((f) => ({
          insnOff: slots[f.first]! * 8,
          typeId: objBtf.funcs.get(f.name)!,
        })),
      });
      // No line info anywhere (a hand-built spec): write none; the kernel wants all or nothing.
      if (!firstLine) continue;
      const records: BtfExtLineInfo[] = [];
      for (const f of c.plan.functions) {
        for (const l of functionLines(f.lineInfo, f.first, firstLine)) {
          records.push({
            insnOff: slots[l.insn]! * 8,
            fileName: l.file,
            lineText: l.text,
            line: l.line,
            column: l.column,
          });
        }
      }
      lineInfo.push({ section: c.plan.name, records });
    }
    const ext = writeBtfExt({ funcInfo, lineInfo, coreRelos: [] }, strings);
    if (!ext.ok) return ext;
    image.setData(extIndex, ext.value);
  }
  image.setData(btfIndex, assembleBtf(types.value, strings.bytes()));
  return ok(image.toBytes());
}
