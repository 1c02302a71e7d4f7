import { BtfLinkage, type Btf, type BtfTypeId, type BtfVarSecinfo } from "../../runtime/btf/index.js";
import { alignOf, sizeOf, type Layout } from "../../runtime/layout/index.js";
import type { DataSectionSpec, MapSpec } from "../../runtime/object/spec.js";
import { BtfBuilder } from "./btf-builder.js";
import { layoutOfSize, layoutType, mapDefinition, type MapDefinitionTypes } from "./btf-from-layout.js";
import type { CodeSectionPlan } from "./code-layout.js";

/**
 * The `.BTF` of an object, in the order clang emits it: map definitions (with their key and
 * value types), then a FUNC per program and subprogram, global variables, the license, and a
 * DATASEC per data section (sorted by name, as clang does) whose offsets and sizes are final, so
 * libbpf's btf_fixup_datasec has nothing left to patch.
 */

export interface MapPlacement {
  readonly spec: MapSpec;
  readonly offset: number;
  readonly size: number;
}

export interface VariablePlacement {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
  readonly align: number;
}

export interface ObjectBtf {
  readonly btf: Btf;
  /** FUNC type id by function name (programs and subprograms). */
  readonly funcs: ReadonlyMap<string, BtfTypeId>;
  /** Each map's definition in `.maps`. */
  readonly maps: readonly MapPlacement[];
  readonly mapsSize: number;
  /** Alignment each data section needs (largest of its variables'). */
  readonly dataAlign: ReadonlyMap<string, number>;
}

export interface ObjectBtfInput {
  readonly maps: readonly MapSpec[];
  readonly mapTypes: (name: string) => MapDefinitionTypes;
  readonly code: readonly CodeSectionPlan[];
  readonly data: readonly DataSectionSpec[];
  readonly globalType: (name: string, size: number) => Layout | undefined;
  /** The `license` section's variable: name and size in bytes (string + NUL). */
  readonly license: { readonly name: string; readonly size: number };
}

export function buildObjectBtf(input: ObjectBtfInput): ObjectBtf {
  const b = new BtfBuilder();
  const datasecs: Array<{ name: string; size: number; vars: BtfVarSecinfo[] }> = [];

  // .maps: one anonymous definition struct per map, 8-byte aligned one after another.
  const maps: MapPlacement[] = [];
  const mapVars: BtfVarSecinfo[] = [];
  let mapsSize = 0;
  for (const spec of input.maps) {
    const types = input.mapTypes(spec.name);
    const def = mapDefinition(b, spec, types);
    const t = b.types[def]!;
    const size = t.kind === "struct" ? t.size : 0;
    const v = b.variable(spec.name, def);
    maps.push({ spec, offset: mapsSize, size });
    mapVars.push({ type: v, offset: mapsSize, size });
    mapsSize += size;
    // Record types of ring buffers and perf arrays are no part of the definition (the kernel
    // wants no value type there) but userspace decodes them: keep them as named types.
    if (types.key && !inDefinition(spec.keySize, types.key)) layoutType(b, types.key);
    if (types.value && !inDefinition(spec.valueSize, types.value)) layoutType(b, types.value);
  }
  if (mapVars.length) datasecs.push({ name: ".maps", size: mapsSize, vars: mapVars });

  // Functions: programs are global (libbpf loads only global entry points), subprograms static
  // so the kernel verifies them in their callers' context (kernel: subprog_is_global).
  const funcs = new Map<string, BtfTypeId>();
  const ctx = b.ptr(0);
  for (const plan of input.code) {
    for (const f of plan.functions) {
      if (f.program) {
        const proto = b.funcProto(b.cInt(), [{ name: "ctx", type: ctx }]);
        funcs.set(f.name, b.func(f.name, proto, BtfLinkage.GLOBAL));
      }
    }
  }
  for (const plan of input.code) {
    for (const f of plan.functions) {
      // Parameter lists of subprograms are not in the spec; the kernel reads a static
      // function's prototype only to mark it reliable (btf_check_subprog_call), so `int (void)`.
      if (!f.program) funcs.set(f.name, b.func(f.name, b.funcProto(b.cInt(), []), BtfLinkage.STATIC));
    }
  }

  // Global data.
  const dataAlign = new Map<string, number>();
  for (const section of input.data) {
    const vars: BtfVarSecinfo[] = [];
    let align = 1;
    const sorted = [...section.variables].sort((x, y) => x.offset - y.offset);
    for (const v of sorted) {
      if (v.size === 0) continue; // kernel btf_datasec_check_meta: no empty variables
      const known = input.globalType(v.name, v.size);
      const layout = known ?? layoutOfSize(v.size);
      let type = layoutType(b, layout);
      if (section.readOnly) type = b.constVolatile(type);
      // Without the variable's type its alignment is unknown: assume the largest a BPF type has.
      align = Math.max(align, known ? alignOf(layout) : 8);
      vars.push({ type: b.variable(v.name, type), offset: v.offset, size: v.size });
    }
    dataAlign.set(section.name, sorted.length ? Math.min(align, 8) : 8);
    datasecs.push({ name: section.name, size: section.bytes.length, vars });
  }

  // license: char LICENSE[] SEC("license").
  const lic = b.variable(input.license.name, b.array(b.cChar(), input.license.size));
  datasecs.push({
    name: "license",
    size: input.license.size,
    vars: [{ type: lic, offset: 0, size: input.license.size }],
  });

  datasecs.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  for (const d of datasecs) b.add({ kind: "datasec", name: d.name, size: d.size, vars: d.vars });
  return { btf: { types: b.types }, funcs, maps, mapsSize, dataAlign };
}

/** Whether mapDefinition put this layout in as the key or value type (see there). */
function inDefinition(specSize: number, l: Layout): boolean {
  return specSize > 0 && sizeOf(l) === specSize;
}
