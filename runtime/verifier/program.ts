import { LdImm64Src, Op, type Instruction } from "../isa/index.js";
import type { LineInfo, MapSpec, ProgramSpec, Relocation } from "../object/spec.js";
import { MapType, type ProgTypeName } from "../uapi/bpf.js";
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
  readonly hasFuncInfo: boolean;
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
    hasFuncInfo: (spec?.funcInfo?.length ?? 0) > 1,
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
 * kernel: resolve_pseudo_ldimm64 — bind every `lddw` that names a map to a MapSpec. A relocation
 * names the map; without one, the immediate is the map's index in `maps` (as BPF_PSEUDO_MAP_IDX
 * indexes fd_array).
 */
export function resolveLddw(
  input: VerifyInput,
  maps: readonly MapSpec[],
): { targets: Map<number, LddwTarget> } | { failure: Failure; insn: number } {
  const targets = new Map<number, LddwTarget>();
  const relocAt = new Map(input.relocations.map((r) => [r.insn, r.target]));
  for (let i = 0; i < input.instructions.length; i++) {
    const insn = input.instructions[i]!;
    if (insn.opcode !== Op.LDDW) continue;
    const reloc = relocAt.get(i);
    const src = insn.src;
    const fail = (f: Failure) => ({ failure: f, insn: i });
    if (reloc && (reloc.kind === "call" || reloc.kind === "func" || reloc.kind === "kfunc")) {
      return fail(notModelled(`${reloc.kind} relocation on lddw`));
    }
    if (src === LdImm64Src.IMM && !reloc) continue;
    if (src === LdImm64Src.BTF_ID || src === LdImm64Src.FUNC) {
      return fail(
        notModelled(
          src === LdImm64Src.FUNC ? "callback functions (lddw of a function address)" : "lddw of a BTF id",
        ),
      );
    }
    const wantsValue =
      src === LdImm64Src.MAP_VALUE || src === LdImm64Src.MAP_IDX_VALUE || reloc?.kind === "mapValue";
    let index: number;
    if (reloc && (reloc.kind === "map" || reloc.kind === "mapValue")) {
      index = maps.findIndex((m) => m.name === reloc.map);
      if (index < 0) {
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
    const map = maps[index]!;
    if (!wantsValue) {
      targets.set(i, { kind: "map", map, index });
      continue;
    }
    const offset = reloc?.kind === "mapValue" ? reloc.offset + (insn.immHi ?? 0) : (insn.immHi ?? 0);
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
  return { targets };
}
