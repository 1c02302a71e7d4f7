import { describe, expect, it } from "vitest";
import { readBtf } from "../../runtime/btf/index.js";
import { sizeOf } from "../../runtime/layout/index.js";
import { loadCollectionSpec } from "../../runtime/object/index.js";
import { btfLayout, btfLayoutByName, load } from "../../runtime/testing/index.js";
import "../../runtime/testing/vitest.js";
import { readFileSync } from "node:fs";
import { CLANG, cObject } from "./clang.js";

/**
 * BTF → layout, checked against clang itself: C code writes every kind of member, the test
 * reads the map through the layout made from the object's BTF (and the other way round).
 */
const SOURCE = `
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
typedef unsigned int my_u32;
enum color { RED = 1, BLUE = 300 };
struct inner { short s; unsigned char b; };
struct value {
  char name[8];
  my_u32 id;
  long long neg;
  unsigned char raw[3];
  enum color c;
  struct inner in;
  unsigned int lo : 3;
  unsigned int hi : 12;
  int sbits : 5;
  union { unsigned int u; unsigned short halves[2]; } un;
  _Bool flag;
  unsigned short arr[2];
  const volatile unsigned long long cv;
};
struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 2);
  __type(key, __u32);
  __type(value, struct value);
} values SEC(".maps");

SEC("xdp")
int fill(struct xdp_md *ctx) {
  __u32 k = 0;
  struct value *v = bpf_map_lookup_elem(&values, &k);
  if (!v) return 0;
  v->name[0] = 'h'; v->name[1] = 'i'; v->name[2] = 0;
  v->id = 0xdeadbeef;
  v->neg = -5;
  v->raw[0] = 1; v->raw[1] = 2; v->raw[2] = 250;
  v->c = BLUE;
  v->in.s = -2; v->in.b = 200;
  v->lo = 5; v->hi = 4000; v->sbits = -3;
  v->un.u = 0x00020001;
  v->flag = 1;
  v->arr[0] = 7; v->arr[1] = 65535;
  return XDP_PASS;
}

SEC("xdp")
int check(struct xdp_md *ctx) {
  __u32 k = 1;
  struct value *v = bpf_map_lookup_elem(&values, &k);
  if (!v) return 0;
  /* every member the test wrote, folded into one number the test can predict */
  return v->hi * 1000 + (v->sbits + 16) * 10 + v->lo + v->in.b + v->raw[2] + v->name[1] + v->un.halves[1] + v->flag;
}
char LICENSE[] SEC("license") = "GPL";
`;

describe.skipIf(!CLANG)("BTF layouts of clang objects", () => {
  it("decode what C wrote, member by member", async () => {
    const probe = await load(cObject("layouts", SOURCE));
    probe.run("fill", new Uint8Array(64));
    expect(probe.maps.values.get(0)).toEqual({
      name: "hi",
      id: 0xdeadbeef,
      neg: -5n,
      raw: new Uint8Array([1, 2, 250]),
      c: 300,
      in: { s: -2, b: 200 },
      lo: 5,
      hi: 4000,
      sbits: -3,
      un: { u: 0x00020001, halves: [1, 2] },
      flag: true,
      arr: [7, 65535],
      cv: 0n,
    });
  });

  it("encode what C reads", async () => {
    const probe = await load(cObject("layouts", SOURCE));
    const zero = probe.maps.values.get(1) as Record<string, unknown>;
    probe.maps.values.set(1, {
      ...zero,
      name: "xy",
      lo: 6,
      hi: 321,
      sbits: -16,
      in: { s: 0, b: 9 },
      raw: new Uint8Array([0, 0, 11]),
      un: { halves: [0, 5] }, // a union value sets one member (the codec refuses two)
      flag: true,
    });
    expect(probe.run("check", new Uint8Array(64))).toReturnWith(
      321 * 1000 + 0 * 10 + 6 + 9 + 11 + "y".charCodeAt(0) + 5 + 1,
    );
  });

  it("match the sizes clang gave the types, and name typedefs", () => {
    const spec = loadCollectionSpec(readFileSync(cObject("layouts", SOURCE)));
    if (!spec.ok) throw new Error("unreadable object");
    const btf = readBtf(spec.value.btf!);
    if (!btf.ok) throw new Error("unreadable BTF");
    const map = spec.value.maps.find((m) => m.name === "values")!;
    const value = btfLayout(btf.value, map.valueType!);
    expect(value.ok && sizeOf(value.value)).toBe(map.valueSize);
    const byName = btfLayoutByName(btf.value, "value");
    expect(byName.ok && byName.value).toEqual(value.ok && value.value);
    const id =
      byName.ok && byName.value.kind === "struct"
        ? byName.value.fields.find((f) => f.name === "id")
        : undefined;
    expect(id?.layout).toEqual({ kind: "int", size: 4, signed: false, name: "my_u32" });
    const missing = btfLayoutByName(btf.value, "open_event");
    expect(!missing.ok && missing.diagnostics[0]!.code).toBe("TSB0957");
    const func = btf.value.types.findIndex((t) => t.kind === "func");
    const refused = btfLayout(btf.value, func);
    expect(!refused.ok && refused.diagnostics[0]!.message).toMatch(/a func has no data layout/);
  });
});
