/** BTF_KIND_* numbers (kernel include/uapi/linux/btf.h, Documentation/bpf/btf.rst §2.2). */
export const BtfKind = {
  UNKN: 0,
  INT: 1,
  PTR: 2,
  ARRAY: 3,
  STRUCT: 4,
  UNION: 5,
  ENUM: 6,
  FWD: 7,
  TYPEDEF: 8,
  VOLATILE: 9,
  CONST: 10,
  RESTRICT: 11,
  FUNC: 12,
  FUNC_PROTO: 13,
  VAR: 14,
  DATASEC: 15,
  FLOAT: 16,
  DECL_TAG: 17,
  TYPE_TAG: 18,
  ENUM64: 19,
} as const;

export const BTF_MAGIC = 0xeb9f;
export const BTF_VERSION = 1;
/** struct btf_header is 24 bytes; newer headers may be longer (hdr_len). */
export const BTF_HEADER_SIZE = 24;
/** struct btf_type: name_off, info, size/type. */
export const BTF_TYPE_SIZE = 12;
/** Largest type id (the kernel's BTF_MAX_TYPE). */
export const BTF_MAX_TYPE = 0x000fffff;
/** Max vlen (16 bits of info). */
export const BTF_MAX_VLEN = 0xffff;

/** BTF_INT_* encoding bits. */
export const BtfIntEncoding = { SIGNED: 1, CHAR: 2, BOOL: 4 } as const;

/** enum btf_func_linkage / BTF_VAR_* linkage. */
export const BtfLinkage = { STATIC: 0, GLOBAL: 1, EXTERN: 2 } as const;
