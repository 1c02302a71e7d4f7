/**
 * A small seeded generator (mulberry32 for 32-bit draws), so that program N of seed S is the same
 * program on every machine and every run: a failure names its seed and index and reproduces.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.u32() / 0x1_0000_0000) * n);
  }

  /** Integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p;
  }

  /** Signed 32-bit immediate, biased towards the edges where arithmetic goes wrong. */
  imm32(): number {
    switch (this.below(6)) {
      case 0:
        return this.pick([0, 1, -1, 2, 0x7fffffff, -0x80000000, 0x7fff, -0x8000, 0xff, 0x80, 31, 32, 63]);
      case 1:
        return this.range(-16, 16);
      case 2:
        return this.range(-0x8000, 0x7fff);
      default:
        return this.u32() | 0;
    }
  }

  /** 64-bit value, biased towards the edges. */
  u64(): bigint {
    switch (this.below(5)) {
      case 0:
        return this.pick([
          0n,
          1n,
          0xffff_ffff_ffff_ffffn,
          0x8000_0000_0000_0000n,
          0x7fff_ffff_ffff_ffffn,
          0xffff_ffffn,
          0x8000_0000n,
          0x1_0000_0000n,
          0xffff_ffff_8000_0000n,
        ]);
      case 1:
        return BigInt.asUintN(64, BigInt(this.imm32()));
      default:
        return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
    }
  }
}
