import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  Histogram,
  checkLinearParams,
  formatHistMap,
  linearBucket,
  log2Bucket,
  printHistogramMap,
  printKeyedHistogramMap,
  type HistScale,
} from "../../runtime/maps/index.js";
import { struct, u32, u64 } from "../../runtime/layout/index.js";
import { MapType } from "../../runtime/uapi/bpf.js";
import { make, u64 as u64b } from "./helpers.js";

/**
 * One bpftrace program and the same data put through tsbpf's printer: the text must be the same
 * byte for byte, and is committed as golden/hist.txt (UPDATE_GOLDEN=1 rewrites it).
 */
interface MapDef {
  readonly name: string;
  readonly scale: HistScale;
  /** key (or none) → values recorded */
  readonly entries: ReadonlyArray<{ readonly key?: number; readonly values: readonly number[] }>;
}

const repeat = (v: number, n: number): number[] => new Array<number>(n).fill(v);
const DEFS: readonly MapDef[] = [
  {
    name: "@a",
    scale: { kind: "log2" },
    entries: [
      {
        values: [
          -5,
          0,
          0,
          1,
          ...repeat(3, 7),
          ...repeat(100, 13),
          5000,
          70000,
          ...repeat(2_000_000, 2),
          3_000_000_000,
        ],
      },
    ],
  },
  { name: "@b", scale: { kind: "log2" }, entries: [{ values: [1024, 1500, 1500, 4095] }] },
  {
    name: "@c",
    scale: { kind: "linear", min: 0, max: 100, step: 10 },
    entries: [{ values: [-1, 5, 15, 15, 15, 99, 100, 250, 42] }],
  },
  {
    name: "@d",
    scale: { kind: "linear", min: 1024, max: 4096, step: 1024 },
    entries: [{ values: [3000, 3001, 5000, 10] }],
  },
  {
    name: "@e",
    scale: { kind: "linear", min: 0, max: 10, step: 3 },
    entries: [{ values: [9, 10, 8, 1, 1, 1] }],
  },
  {
    name: "@k",
    scale: { kind: "log2" },
    entries: [
      { key: 2, values: [3, 3, 70] },
      { key: 1, values: [7] },
      { key: 3, values: [1, 2, 3, 4, 5, 6] },
    ],
  },
  {
    name: "@l",
    scale: { kind: "linear", min: 0, max: 20, step: 5 },
    entries: [
      { key: 10, values: [1, 2, 3, 6, 7] },
      { key: 20, values: [19] },
    ],
  },
];

function ours(): string {
  return DEFS.map((d) =>
    formatHistMap(
      d.name,
      d.scale,
      d.entries.map((e) => {
        const h = new Histogram(d.scale);
        for (const v of e.values) h.add(v);
        return e.key === undefined ? { counts: h.counts } : { key: e.key, counts: h.counts };
      }),
    ),
  ).join("");
}

function bpftraceProgram(): string {
  const stmts: string[] = [];
  for (const d of DEFS) {
    for (const e of d.entries) {
      const target = e.key === undefined ? d.name : `${d.name}[${e.key}]`;
      for (const v of e.values) {
        const call =
          d.scale.kind === "log2"
            ? `hist(${v})`
            : `lhist(${v}, ${d.scale.min}, ${d.scale.max}, ${d.scale.step})`;
        stmts.push(`${target} = ${call};`);
      }
    }
  }
  return `BEGIN { ${stmts.join(" ")} exit(); }`;
}

const golden = join(import.meta.dirname, "golden", "hist.txt");

function bpftraceUsable(): boolean {
  try {
    execFileSync("bpftrace", ["--version"], { stdio: "ignore" });
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
}
const haveBpftrace = bpftraceUsable();
if (!haveBpftrace)
  console.log("bpftrace not available (or not root): skipping the comparison with real bpftrace output");

describe("bpftrace hist()/lhist() text", () => {
  it("matches the committed golden text", () => {
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, ours());
    expect(ours()).toBe(readFileSync(golden, "utf8"));
  });

  it.skipIf(!haveBpftrace)("matches real bpftrace output byte for byte", () => {
    const out = execFileSync("bpftrace", ["-e", bpftraceProgram()], {
      encoding: "utf8",
      timeout: 60_000,
      stdio: ["ignore", "pipe", "ignore"],
    });
    const maps = out.slice(out.indexOf("\n@") + 1);
    expect(ours()).toBe(maps);
  });

  it("prints 52-column bars scaled to the largest bucket", () => {
    const h = new Histogram({ kind: "log2" }).add(5, 12n).add(4, 100n).add(9, 1n);
    expect(h.format()).toBe(
      "[4, 8)               112 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n" +
        "[8, 16)                1 |                                                    |\n",
    );
    expect(new Histogram({ kind: "log2" }).format()).toBe("");
  });
});

describe("buckets", () => {
  it.each([
    [-1n, 0],
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 3],
    [4, 4],
    [1023, 11],
    [1024, 12],
    [(1n << 63n) - 1n, 64],
    [1n << 63n, 0], // a u64 above i64 max is negative as bpftrace sees it
  ])("log2Bucket(%s) = %i", (v, want) => {
    expect(log2Bucket(v)).toBe(want);
  });

  it.each([
    [-1, 0, 10, 2, 0],
    [0, 0, 10, 2, 1],
    [9, 0, 10, 2, 5],
    [10, 0, 10, 2, 6],
    [11, 0, 10, 2, 6],
    [9, 0, 10, 3, 4], // (max - min) is not a multiple of step: 9 lands in the last bucket
  ])("linearBucket(%i, %i, %i, %i) = %i", (v, min, max, step, want) => {
    expect(linearBucket(v, min, max, step)).toBe(want);
  });

  it("checks lhist parameters as bpftrace does", () => {
    expect(checkLinearParams(0, 100, 10)).toEqual([]);
    expect(checkLinearParams(0, 100, 0).map((d) => d.code)).toEqual(["TSB0720"]);
    expect(checkLinearParams(10, 5, 1)[0]!.message).toMatch(/less than max/);
    expect(checkLinearParams(0, 100000, 1)[0]!.message).toMatch(/too many buckets/);
  });
});

describe("histogram views of maps", () => {
  it("reads an array of per-CPU counts indexed by bucket", () => {
    const m = make(MapType.PERCPU_ARRAY, 4, 8, 65, 0, 2);
    const bump = (bucket: number, cpu: number, n: number): void => {
      const k = new Uint8Array(4);
      new DataView(k.buffer).setUint32(0, bucket, true);
      m.update(k, u64b(n), 0, cpu);
    };
    bump(log2Bucket(5), 0, 3);
    bump(log2Bucket(5), 1, 4);
    bump(log2Bucket(100), 1, 1);
    const h = new Histogram({ kind: "log2" }).add(5, 7n).add(100);
    expect(printHistogramMap("@lat", m, { kind: "log2" })).toBe(`@lat: \n${h.format()}\n`);
  });

  it("groups a hash keyed by {pid, bucket} into one histogram per pid", () => {
    const key = struct([
      ["pid", u32],
      ["bucket", u32],
    ]);
    const m = make(MapType.HASH, 8, 8, 64);
    const add = (pid: number, value: number): void => {
      const k = new Uint8Array(8);
      const dv = new DataView(k.buffer);
      dv.setUint32(0, pid, true);
      dv.setUint32(4, log2Bucket(value), true);
      const v = m.lookup(k);
      if (v)
        new DataView(v.buffer, v.byteOffset).setBigUint64(
          0,
          new DataView(v.buffer, v.byteOffset).getBigUint64(0, true) + 1n,
          true,
        );
      else m.update(k, u64b(1));
    };
    [1, 2, 3].forEach((v) => add(100, v));
    add(200, 8);
    const text = printKeyedHistogramMap("@h", m, key, { kind: "log2" });
    const h1 = new Histogram({ kind: "log2" }).add(1).add(2).add(3);
    const h2 = new Histogram({ kind: "log2" }).add(8);
    expect(text).toBe(`@h[200]: \n${h2.format()}\n@h[100]: \n${h1.format()}\n`);
    expect(u64.size).toBe(8);
  });
});
