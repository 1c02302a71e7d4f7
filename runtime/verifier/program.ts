import { LdImm64Src, Op, slotIndex, type Instruction } from "../isa/index.js";
import type {
  DataSectionSpec,
  FuncInfo,
  LineInfo,
  MapSpec,
  ProgramSpec,
  Relocation,
} from "../object/spec.js";
import { MapFlags, MapType, type ProgTypeName } from "../uapi/bpf.js";
import { failure, notModelled, VerifierCode, type Failure } from "./codes.js";
import type { LddwTarget } from "./env.js";

/** The verifier's input, whichever form it came in. */
export interface VerifyInput {
  readonly instructions: readonly Instruction[];
  readonly type: ProgTypeName;
  readonly expectedAttachType?: number;
  readonly relocations: readonly Relocation[];
  readonly lineInfo: readonly LineInfo[];
  readonly license: string;
  readonly funcInfo: readonly FuncInfo[];
}

export function normalizeInput(
  program: ProgramSpec | { readonly instructions: readonly Instruction[]; readonly type: ProgTypeName },
  license: string | undefined,
): VerifyInput {
  const spec = "relocations" in program ? (program as ProgramSpec) : undefined;
  return {
    instructions: program.instructions,
    type: program.type,
    ...(spec?.expectedAttachType !== undefined ? { expectedAttachType: spec.expectedAttachType } : {}),
    relocations: spec?.relocations ?? [],
    lineInfo: spec?.lineInfo ?? [],
    license: license ?? spec?.license ?? "GPL",
    funcInfo: spec?.funcInfo ?? [],
  };
}

/** kernel: license_is_gpl_compatible */
export function gplCompatible(license: string): boolean {
  return [
    "GPL",
    "GPL v2",
    "GPL and additional rights",
    "Dual BSD/GPL",
    "Dual MIT/GPL",
    "Dual MPL/GPL",
  ].includes(license);
}

/**
 * The single-element array map a loader creates for a global data section (libbpf:
 * bpf_object__init_internal_map): read-only sections get BPF_F_RDONLY_PROG and are frozen, so the
 * kernel (and tsbpf) know their bytes.
 */
export function dataSectionMap(section: DataSectionSpec): MapSpec {
  return {
    name: section.name,
    type: MapType.ARRAY,
    keySize: 4,
    valueSize: Math.max(section.bytes.length, 1),
    maxEntries: 1,
    flags: section.readOnly ? MapFlags.RDONLY_PROG : 0,
  };
}

/**
 * kernel: resolve_pseudo_ldimm64 — bind every `lddw` that names a map to a MapSpec. A relocation
 * names the map; without one, the immediate is the map's index in `maps` (as BPF_PSEUDO_MAP_IDX
 * indexes fd_array).
 */
export function resolveLddw(
  input: VerifyInput,
  maps: readonly MapSpec[],
  data: readonly DataSectionSpec[] = [],
):
  | { targets: Map<number, LddwTarget>; frozen: Map<MapSpec, Uint8Array> }
  | { failure: Failure; insn: number } {
  const frozen = new Map<MapSpec, Uint8Array>();
  const sectionMaps = new Map<string, MapSpec>();
  const sectionMap = (name: string): MapSpec | undefined => {
    const section = data.find((d) => d.name === name);
    if (!section) return undefined;
    let m = sectionMaps.get(name);
    if (!m) {
      m = dataSectionMap(section);
      sectionMaps.set(name, m);
      if (section.readOnly) frozen.set(m, section.bytes);
    }
    return m;
  };
  const targets = new Map<number, LddwTarget>();
  const relocAt = new Map(input.relocations.map((r) => [r.insn, r.target]));
  const slot = slotIndex(input.instructions);
  const atSlot = new Map(input.instructions.map((_, k) => [slot[k]!, k]));
  for (let i = 0; i < input.instructions.length; i++) {
    const insn = input.instructions[i]!;
    if (insn.opcode !== Op.LDDW) continue;
    const reloc = relocAt.get(i);
    const src = insn.src;
    const fail = (f: Failure) => ({ failure: f, insn: i });
    if (src === LdImm64Src.FUNC) {
      // the address of a function (callback); the ELF reader already linked the offset
      const t = slot[i]! + insn.imm + 1;
      const target = t >= 0 && t < slot[input.instructions.length]! ? atSlot.get(t) : undefined;
      if (target === undefined) {
        return fail(failure(VerifierCode.JUMP_OUT_OF_RANGE, "call to invalid destination"));
      }
      targets.set(i, { kind: "func", insn: target });
      continue;
    }
    if (reloc && (reloc.kind === "call" || reloc.kind === "func" || reloc.kind === "kfunc")) {
      return fail(notModelled(`${reloc.kind} relocation on lddw`));
    }
    if (src === LdImm64Src.IMM && !reloc) continue;
    if (src === LdImm64Src.BTF_ID) return fail(notModelled("lddw of a BTF id"));
    const wantsValue =
      src === LdImm64Src.MAP_VALUE || src === LdImm64Src.MAP_IDX_VALUE || reloc?.kind === "mapValue";
    let index: number;
    let map: MapSpec | undefined;
    if (reloc && (reloc.kind === "map" || reloc.kind === "mapValue")) {
      index = maps.findIndex((m) => m.name === reloc.map);
      map = maps[index];
      if (!map && reloc.kind === "mapValue") {
        map = sectionMap(reloc.map);
        index = map ? maps.length + [...sectionMaps.keys()].indexOf(reloc.map) : -1;
      }
      if (!map) {
        return fail(
          failure(
            VerifierCode.MAP_REFERENCE,
            `map '${reloc.map}' is not defined`,
            "pass the program's maps in options.maps",
          ),
        );
      }
    } else {
      index = insn.imm;
      if (index < 0 || index >= maps.length) {
        return fail(
          failure(
            VerifierCode.MAP_REFERENCE,
            `fd ${insn.imm} is not pointing to valid bpf_map`,
            "without a relocation, the lddw immediate is the map's index in options.maps",
          ),
        );
      }
    }
    map ??= maps[index]!;
    if (!wantsValue) {
      targets.set(i, { kind: "map", map, index });
      continue;
    }
    // the object reader already folded the addend into the relocation (and mirrors it in immHi)
    const offset = reloc?.kind === "mapValue" ? reloc.offset : (insn.immHi ?? 0);
    if (map.type !== MapType.ARRAY || map.maxEntries !== 1) {
      return fail(
        failure(
          VerifierCode.MAP_REFERENCE,
          "no direct value access support for this map type",
          "global data lives in single-element array maps",
        ),
      );
    }
    if (offset < 0 || offset >= map.valueSize) {
      return fail(
        failure(
          VerifierCode.MAP_REFERENCE,
          `invalid access to map value pointer, value_size=${map.valueSize} off=${offset}`,
        ),
      );
    }
    targets.set(i, { kind: "mapValue", map, index, offset });
  }
  return { targets, frozen };
}
