import { describe, it } from "vitest";
import { compile } from "./harness.js";

/** Integer semantics at each width, run in the VM. */
describe("integer arithmetic", () => {
  it("adds u64", () => compile`return a + b`.withArgs(2, 3).returns(5));
  it("wraps u64 addition", () => compile`return a + b`.withArgs(0xffffffffffffffffn, 2).returns(1));
  it("wraps u8 addition", () =>
    compile`return a + b`.types("a: u8, b: u8", "u8").withArgs(200, 100).returns(44));
  it("wraps u16 multiplication", () =>
    compile`return a * b`
      .types("a: u16, b: u16", "u16")
      .withArgs(300, 300)
      .returns((300 * 300) & 0xffff));
  it("wraps u32 subtraction", () =>
    compile`return a - b`.types("a: u32, b: u32", "u32").withArgs(1, 2).returns(0xffffffff));
  it("wraps i8 addition to negative", () =>
    compile`return a + b`.types("a: i8, b: i8", "i8").withArgs(100, 100).returns(-56));
  it("wraps i32 multiplication", () =>
    compile`return a * b`.types("a: i32, b: i32", "i32").withArgs(0x10000, 0x10000).returns(0));
  it("divides unsigned", () =>
    compile`return a / b`.types("a: u32, b: u32", "u32").withArgs(0xfffffffe, 2).returns(0x7fffffff));
  it("divides signed", () =>
    compile`return a / b`.types("a: i32, b: i32", "i32").withArgs(-7, 2).returns(-3));
  it("takes signed modulo", () =>
    compile`return a % b`.types("a: i64, b: i64", "i64").withArgs(-7, 3).returns(-1));
  it("takes unsigned modulo", () =>
    compile`return a % b`.types("a: u64, b: u64", "u64").withArgs(17, 5).returns(2));
  it("divides by zero as eBPF does", () => compile`return a / b`.withArgs(5, 0).returns(0));
  it("shifts right unsigned", () =>
    compile`return a >> 4`.types("a: u32", "u32").withArgs(0x80000000).returns(0x08000000));
  it("shifts right signed", () => compile`return a >> 4`.types("a: i32", "i32").withArgs(-256).returns(-16));
  it("shifts left and wraps at u8", () =>
    compile`return a << 4`.types("a: u8", "u8").withArgs(0xff).returns(0xf0));
  it("negates signed", () => compile`return -a`.types("a: i16", "i16").withArgs(5).returns(-5));
  it("complements unsigned", () => compile`return ~a`.types("a: u8", "u8").withArgs(0x0f).returns(0xf0));
  it("keeps every bit of a u64 literal", () =>
    compile`return 0xfedcba9876543210 ^ a`.withArgs(0).returns(0xfedcba9876543210n));
  it("keeps a u64 constant above 2^53", () =>
    compile`const big: u64 = 18446744073709551615; return big - a`.withArgs(1).returns(0xfffffffffffffffen));
  it("widens u8 to u64", () =>
    compile`const x: u64 = a; return x + 1000`.types("a: u8", "u64").withArgs(255).returns(1255));
  it("widens i8 to i64 with sign", () =>
    compile`const x: i64 = a; return x`.types("a: i8", "i64").withArgs(-3).returns(-3));
  it("narrows explicitly with wraparound", () =>
    compile`return u8(a)`.types("a: u32", "u8").withArgs(0x1234).returns(0x34));
  it("narrows with `as`", () => compile`return a as i8`.types("a: u32", "i8").withArgs(0xff).returns(-1));
  it("narrows a proven-small value implicitly", () =>
    compile`const hi: u32 = a >> 32; return hi`.withArgs(0x1234567800000000n).returns(0x12345678));
  it("reinterprets same-width sign", () =>
    compile`const x: u32 = a; return x`.types("a: i32", "u32").withArgs(-1).returns(0xffffffff));
  it("byte-swaps with ntohs", () =>
    compile`return ntohs(a)`.types("a: u16", "u16").withArgs(0x0800).returns(0x0008));
  it("byte-swaps with ntohl", () =>
    compile`return ntohl(a)`.types("a: u32", "u32").withArgs(0x11223344).returns(0x44332211));
});

describe("comparisons", () => {
  it("compares unsigned", () =>
    compile`return a < b ? 1 : 0`.types("a: u32, b: u32", "u32").withArgs(0xffffffff, 1).returns(0));
  it("compares signed", () =>
    compile`return a < b ? 1 : 0`.types("a: i32, b: i32", "u32").withArgs(-1, 1).returns(1));
  it("compares u64 at the top bit", () =>
    compile`return a > b ? 1 : 0`.withArgs(0x8000000000000000n, 1).returns(1));
  it("compares with a literal on the left", () =>
    compile`return 10 < a ? 1 : 0`.types("a: u32", "u32").withArgs(11).returns(1));
  it("short-circuits &&", () => compile`return a !== 0 && b / a > 2 ? 1 : 0`.withArgs(0, 9).returns(0));
  it("short-circuits ||", () => compile`return a === 0 || b / a > 2 ? 1 : 0`.withArgs(3, 9).returns(1));
  it("materialises a bool", () =>
    compile`const ok: bool = a > b; return ok ? 7 : 9`.withArgs(1, 2).returns(9));
});

describe("control flow", () => {
  it("takes if/else", () =>
    compile`if (a > 10) { return 1; } else if (a > 5) { return 2; } return 3;`.withArgs(7).returns(2));
  it("loops with a constant bound", () =>
    compile`let s: u64 = 0; for (let i = 0; i < 10; i++) { s += i; } return s;`.returns(45));
  it("breaks and continues", () =>
    compile`let s: u64 = 0; for (let i = 0; i < 100; i++) { if (i === 5) continue; if (i === 8) break; s += i; } return s;`.returns(
      0 + 1 + 2 + 3 + 4 + 6 + 7,
    ));
  it("switches with fall-through and default", () =>
    compile`let r: u64 = 0; switch (a) { case 1: r += 1; case 2: r += 10; break; case 3: r = 100; break; default: r = 7; } return r;`
      .withArgs(1)
      .returns(11));
  it("switches to default", () =>
    compile`switch (a) { case 1: return 1; default: return 9; }`.withArgs(4).returns(9));
  it("mutates a let", () =>
    compile`let x: u32 = 1; x <<= 3; x |= 1; x++; return x;`.types("a: u64", "u32").returns(10));
  it("inlines a module function", () =>
    compile`return twice(a) + 1`
      .withPrelude("function twice(x: u64): u64 { return x * 2; }")
      .withArgs(20)
      .returns(41));
  it("inlines early returns", () =>
    compile`return clamp(a)`
      .withPrelude("function clamp(x: u64): u64 { if (x > 100) return 100; return x; }")
      .withArgs(500)
      .returns(100));
  it("folds module constants and enums", () =>
    compile`return a + LIMIT + Color.Blue`
      .withPrelude("const LIMIT = 1000;\nenum Color { Red = 1, Blue = 4 }")
      .withArgs(1)
      .returns(1005));
  it("builds a struct on the stack and reads it back", () =>
    compile`const p: Pair = { x: a, y: b }; p.y += 1; return p.x * 100 + p.y;`
      .withPrelude("interface Pair { x: u32; y: u64 }")
      .types("a: u32, b: u64", "u64")
      .withArgs(3, 4)
      .returns(305));
  it("indexes a fixed array with a loop counter", () =>
    compile`const h: Hist = zeroed(); for (let i = 0; i < 4; i++) { h.v[i] = i * 2; } return h.v[3] + h.v[1];`
      .withPrelude("interface Hist { n: u32; v: FixedArray<u32, 4> }")
      .types("a: u64", "u64")
      .returns(8));
});
