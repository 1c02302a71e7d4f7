import type { Instruction } from "../isa/instruction.js";
import type { ProgTypeName } from "../uapi/bpf.js";

/**
 * Inert descriptions of eBPF objects (cilium/ebpf's CollectionSpec idea). The ELF reader and the
 * compiler both produce a `CollectionSpec`; the VM, the verifier, the ELF writer and the kernel
 * loader all consume one. Nothing here holds a file descriptor or live state.
 */

/** A BTF type id inside the collection's `btf` (0 = void / unknown). */
export type BtfTypeId = number;

export interface MapSpec {
  /** Symbol name of the map (the C variable or TypeScript constant). */
  readonly name: string;
  readonly type: number; // MapType.*
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  /** LIBBPF_PIN_BY_NAME = 1 */
  readonly pinning?: number;
  /** BTF ids of key and value types when the object has BTF. */
  readonly keyType?: BtfTypeId;
  readonly valueType?: BtfTypeId;
  /** Inner map template for map-in-map. */
  readonly inner?: MapSpec;
  /** Initial contents (e.g. a program array's slots by program name), as libbpf's `.maps` values. */
  readonly initialValues?: ReadonlyArray<{ readonly key: number; readonly symbol: string }>;
  /** `map_extra` (bloom filter hash count, arena address), when the definition sets it. */
  readonly mapExtra?: number;
  /** `numa_node`, when the definition sets it (needs BPF_F_NUMA_NODE in flags). */
  readonly numaNode?: number;
}

/** How an instruction refers to something resolved at load time. */
export type RelocationKind =
  | { readonly kind: "map"; readonly map: string } // lddw MAP_FD
  | { readonly kind: "mapValue"; readonly map: string; readonly offset: number } // lddw MAP_VALUE (globals)
  | { readonly kind: "call"; readonly function: string } // BPF-to-BPF call into another function
  | { readonly kind: "func"; readonly function: string } // lddw FUNC (callbacks for bpf_loop etc.)
  | { readonly kind: "kfunc"; readonly name: string }; // kernel function call by BTF name

export interface Relocation {
  /** Index into the program's `instructions` (not a slot number). */
  readonly insn: number;
  readonly target: RelocationKind;
}

/** A source line that an instruction starts (BTF line_info). */
export interface LineInfo {
  readonly insn: number;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

export interface FuncInfo {
  readonly insn: number;
  readonly name: string;
  readonly typeId?: BtfTypeId;
}

/** A CO-RE relocation from `.BTF.ext` (struct bpf_core_relo), kept for a loader to apply. */
export interface CoreRelocation {
  readonly insn: number;
  /** Root type id in the collection's `btf`. */
  readonly typeId: BtfTypeId;
  /** Access string such as "0:1:2". */
  readonly accessString: string;
  /** enum bpf_core_relo_kind (0 = FIELD_BYTE_OFFSET, ...). */
  readonly kind: number;
}

export interface ProgramSpec {
  /** Function symbol of the entry point. */
  readonly name: string;
  /** ELF section, as libbpf's SEC() names it: `xdp`, `tracepoint/syscalls/sys_enter_openat`, ... */
  readonly section: string;
  readonly type: ProgTypeName;
  /** Attach target taken from the section name (tracepoint, function, ...), if any. */
  readonly attachTo?: string;
  readonly expectedAttachType?: number;
  /**
   * The entry function's instructions followed by every subprogram it calls (already linked, so
   * `call local` offsets are final). Relocations still name maps and globals.
   */
  readonly instructions: readonly Instruction[];
  readonly relocations: readonly Relocation[];
  readonly lineInfo?: readonly LineInfo[];
  readonly funcInfo?: readonly FuncInfo[];
  /** CO-RE relocations by instruction index (parsed, not applied). */
  readonly coreRelocations?: readonly CoreRelocation[];
  /** BPF_PROG_LOAD prog_flags the section name implies (ProgFlags.SLEEPABLE, XDP_HAS_FRAGS). */
  readonly flags?: number;
  readonly license: string;
}

/** A global data section (`.rodata`, `.data`, `.bss`, `.rodata.str1.1`, ...). */
export interface DataSectionSpec {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly readOnly: boolean;
  /** Variables in the section by name → offset/size, from BTF DATASEC or symbols. */
  readonly variables: ReadonlyArray<{
    readonly name: string;
    readonly offset: number;
    readonly size: number;
  }>;
}

export interface CollectionSpec {
  readonly programs: readonly ProgramSpec[];
  readonly maps: readonly MapSpec[];
  readonly data: readonly DataSectionSpec[];
  readonly license: string;
  /** Raw `.BTF` bytes when present (kept so loaders can pass it to the kernel). */
  readonly btf?: Uint8Array;
  /** Raw `.BTF.ext` bytes when present. */
  readonly btfExt?: Uint8Array;
}
