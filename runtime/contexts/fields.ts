/** A named field of a context structure, for access rules and messages. */
export interface CtxField {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

/** Builds a field table from `[name, size]` pairs laid out back to back from `start`. */
export function sequential(start: number, fields: ReadonlyArray<readonly [string, number]>): CtxField[] {
  let offset = start;
  return fields.map(([name, size]) => {
    const f = { name, offset, size };
    offset += size;
    return f;
  });
}

/** `name` (or `name+k` inside an array or wide field, `offset N` past every field). */
export function describeOffset(fields: readonly CtxField[], offset: number): string {
  const f = fields.find((x) => offset >= x.offset && offset < x.offset + x.size);
  if (!f) return `offset ${offset}`;
  return offset === f.offset ? f.name : `${f.name}+${offset - f.offset}`;
}

/** The field starting at `offset`, if any. */
export function fieldAt(fields: readonly CtxField[], offset: number): CtxField | undefined {
  return fields.find((x) => offset >= x.offset && offset < x.offset + x.size);
}
