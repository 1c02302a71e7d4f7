import { BtfLinkage, type BtfType, type BtfTypeId } from "../../runtime/btf/index.js";

/**
 * An append-only list of BTF types with the ids clang gives the common ones: each distinct
 * type is added once (keyed by its record), so `int`, `__u32` or a struct used as both key and
 * value share an id, as they do in clang's output. FUNC, VAR and DATASEC are never merged: each
 * names one object.
 */
export class BtfBuilder {
  readonly types: BtfType[] = [{ kind: "void", name: "" }];
  private readonly known = new Map<string, BtfTypeId>();

  /** Adds `t` (or finds the identical type already added) and returns its id. */
  add(t: BtfType): BtfTypeId {
    const unique = t.kind === "func" || t.kind === "var" || t.kind === "datasec";
    const key = unique
      ? undefined
      : JSON.stringify(t, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
    if (key !== undefined) {
      const id = this.known.get(key);
      if (id !== undefined) return id;
    }
    const id = this.types.length;
    this.types.push(t);
    if (key !== undefined) this.known.set(key, id);
    return id;
  }

  /** Reserves an id for a type whose members refer to types added later (set with `fill`). */
  reserve(): BtfTypeId {
    const id = this.types.length;
    this.types.push({ kind: "void", name: "" });
    return id;
  }

  fill(id: BtfTypeId, t: BtfType): void {
    this.types[id] = t;
  }

  int(
    name: string,
    size: number,
    signed: boolean,
    extra: { char?: boolean; bool?: boolean } = {},
  ): BtfTypeId {
    return this.add({
      kind: "int",
      name,
      size,
      signed,
      char: extra.char ?? false,
      bool: extra.bool ?? false,
      bitOffset: 0,
      bits: size * 8,
    });
  }

  /** clang's `int`, the return type of every program. */
  cInt(): BtfTypeId {
    return this.int("int", 4, true);
  }

  /** clang's `char` (signed on BPF), the element of char arrays. */
  cChar(): BtfTypeId {
    return this.int("char", 1, true);
  }

  /** The index type clang gives every array (`__ARRAY_SIZE_TYPE__`, a 4-byte unsigned int). */
  arrayIndex(): BtfTypeId {
    return this.int("__ARRAY_SIZE_TYPE__", 4, false);
  }

  array(elemType: BtfTypeId, nelems: number): BtfTypeId {
    return this.add({ kind: "array", name: "", elemType, indexType: this.arrayIndex(), nelems });
  }

  ptr(type: BtfTypeId): BtfTypeId {
    return this.add({ kind: "ptr", name: "", type });
  }

  typedef(name: string, type: BtfTypeId): BtfTypeId {
    return this.add({ kind: "typedef", name, type });
  }

  /** `const volatile T`, clang's type for `.rodata` variables that userspace sets before load. */
  constVolatile(type: BtfTypeId): BtfTypeId {
    return this.add({ kind: "const", name: "", type: this.add({ kind: "volatile", name: "", type }) });
  }

  funcProto(returnType: BtfTypeId, params: ReadonlyArray<{ name: string; type: BtfTypeId }>): BtfTypeId {
    return this.add({ kind: "func_proto", name: "", returnType, params: params.map((p) => ({ ...p })) });
  }

  func(name: string, proto: BtfTypeId, linkage: number): BtfTypeId {
    return this.add({ kind: "func", name, type: proto, linkage });
  }

  variable(name: string, type: BtfTypeId, linkage: number = BtfLinkage.GLOBAL): BtfTypeId {
    return this.add({ kind: "var", name, type, linkage });
  }
}
