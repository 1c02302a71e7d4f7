/**
 * The BTF type model (kernel Documentation/bpf/btf.rst). One shape serves reading (the `.BTF`
 * of an object, /sys/kernel/btf/vmlinux) and, later, writing: a `Btf` is a list of types whose
 * position is their id (`types[0]` is void), names are plain strings, and references are ids
 * into the same list. A writer walks `types` from id 1, interns the names into a string table and
 * emits each record from the fields below; nothing here depends on the bytes it came from.
 */
import type { BtfStringTable } from "./strings.js";

export type BtfTypeId = number;

export interface BtfVoid {
  readonly kind: "void";
  readonly name: "";
}

export interface BtfInt {
  readonly kind: "int";
  readonly name: string;
  /** Bytes (1, 2, 4, 8, 16). */
  readonly size: number;
  readonly signed: boolean;
  readonly char: boolean;
  readonly bool: boolean;
  /** BTF_INT_OFFSET: bit offset of the value within `size` (0 in practice). */
  readonly bitOffset: number;
  /** BTF_INT_BITS: width in bits. */
  readonly bits: number;
}

/** PTR, TYPEDEF, VOLATILE, CONST, RESTRICT and TYPE_TAG: a name (PTR/modifiers: "") and a target. */
export interface BtfRef {
  readonly kind: "ptr" | "typedef" | "volatile" | "const" | "restrict" | "type_tag";
  readonly name: string;
  readonly type: BtfTypeId;
}

export interface BtfArray {
  readonly kind: "array";
  readonly name: "";
  readonly elemType: BtfTypeId;
  readonly indexType: BtfTypeId;
  readonly nelems: number;
}

export interface BtfMember {
  readonly name: string;
  readonly type: BtfTypeId;
  /** Offset from the start of the struct in bits. */
  readonly bitOffset: number;
  /** Width of a bitfield in bits (kind_flag structs only); 0 for ordinary members. */
  readonly bitfieldSize: number;
}

export interface BtfComposite {
  readonly kind: "struct" | "union";
  readonly name: string;
  readonly size: number;
  /**
   * kind_flag: member offsets carry a bitfield size (bits 24-31) and a 24-bit bit offset. Kept so
   * a writer reproduces the input; a writer may also set it whenever a member has a bitfieldSize.
   */
  readonly kindFlag: boolean;
  readonly members: readonly BtfMember[];
}

export interface BtfEnum {
  readonly kind: "enum";
  readonly name: string;
  /** 1, 2, 4 or 8 bytes. */
  readonly size: number;
  /** kind_flag: values are signed. */
  readonly signed: boolean;
  readonly values: ReadonlyArray<{ readonly name: string; readonly value: number }>;
}

export interface BtfEnum64 {
  readonly kind: "enum64";
  readonly name: string;
  readonly size: number;
  readonly signed: boolean;
  readonly values: ReadonlyArray<{ readonly name: string; readonly value: bigint }>;
}

export interface BtfFwd {
  readonly kind: "fwd";
  readonly name: string;
  /** kind_flag: a forward-declared union rather than a struct. */
  readonly union: boolean;
}

export interface BtfFunc {
  readonly kind: "func";
  readonly name: string;
  /** The FUNC_PROTO. */
  readonly type: BtfTypeId;
  /** BtfLinkage (static, global, extern), stored in vlen. */
  readonly linkage: number;
}

export interface BtfParam {
  /** "" for unnamed parameters; a trailing {name "", type 0} means `...`. */
  readonly name: string;
  readonly type: BtfTypeId;
}

export interface BtfFuncProto {
  readonly kind: "func_proto";
  readonly name: "";
  readonly returnType: BtfTypeId;
  readonly params: readonly BtfParam[];
}

export interface BtfVar {
  readonly kind: "var";
  readonly name: string;
  readonly type: BtfTypeId;
  /** BtfLinkage. */
  readonly linkage: number;
}

export interface BtfVarSecinfo {
  /** The VAR (or FUNC, for `.ksyms`). */
  readonly type: BtfTypeId;
  readonly offset: number;
  readonly size: number;
}

export interface BtfDatasec {
  readonly kind: "datasec";
  readonly name: string;
  readonly size: number;
  readonly vars: readonly BtfVarSecinfo[];
}

export interface BtfFloat {
  readonly kind: "float";
  readonly name: string;
  readonly size: number;
}

export interface BtfDeclTag {
  readonly kind: "decl_tag";
  /** The tag text. */
  readonly name: string;
  readonly type: BtfTypeId;
  /** Member/parameter index the tag applies to, or -1 for the type itself. */
  readonly componentIdx: number;
}

export type BtfType =
  | BtfVoid
  | BtfInt
  | BtfRef
  | BtfArray
  | BtfComposite
  | BtfEnum
  | BtfEnum64
  | BtfFwd
  | BtfFunc
  | BtfFuncProto
  | BtfVar
  | BtfDatasec
  | BtfFloat
  | BtfDeclTag;

export type BtfKindName = BtfType["kind"];

export interface Btf {
  /** Types by id; `types[0]` is void. */
  readonly types: readonly BtfType[];
  /**
   * The string table the types were read from (absent on BTF built in memory). `.BTF.ext`
   * records name files and source lines by offsets into it.
   */
  readonly strings?: BtfStringTable;
}
