import type { MapSpec } from "../../../runtime/object/spec.js";
import { MapType, type ProgTypeName } from "../../../runtime/uapi/bpf.js";
import { Random } from "./random.js";

/**
 * Generates small programs in LLVM assembler syntax for the differential test against the
 * kernel: a prologue that reads the context, a few random safe snippets, and — for about half —
 * one planted hazard. Map references are `ld_pseudo rN, 1, <index into MAPS>`.
 */

export const MAPS: readonly MapSpec[] = [
  { name: "hash", type: MapType.HASH, keySize: 4, valueSize: 16, maxEntries: 64, flags: 0 },
  { name: "array", type: MapType.ARRAY, keySize: 4, valueSize: 32, maxEntries: 8, flags: 0 },
  { name: "rb", type: MapType.RINGBUF, keySize: 0, valueSize: 0, maxEntries: 4096, flags: 0 },
  { name: "progs", type: MapType.PROG_ARRAY, keySize: 4, valueSize: 4, maxEntries: 4, flags: 0 },
];
const HASH = 0;
const ARRAY = 1;
const RB = 2;
const PROGS = 3;

export const GEN_TYPES: readonly ProgTypeName[] = ["SOCKET_FILTER", "XDP", "TRACEPOINT", "RAW_TRACEPOINT"];

export interface GeneratedProgram {
  readonly name: string;
  readonly type: ProgTypeName;
  readonly source: string;
  /** The hazard planted, or undefined for a program meant to be safe. */
  readonly hazard: string | undefined;
}

/** Program state the snippets keep: r6 = ctx throughout; r7/r8 hold scalars. */
type Snippet = (r: Random, type: ProgTypeName, label: () => string) => string[];

const ALU = ["+=", "-=", "*=", "&=", "|=", "^=", "<<=", ">>=", "s>>="];
const JMP = ["==", "!=", ">", ">=", "<", "<=", "s>", "s>=", "s<", "s<="];

function ctxRead(r: Random, type: ProgTypeName, dst: string): string {
  switch (type) {
    case "SOCKET_FILTER":
      return `${dst} = *(u${r.pick([8, 16, 32])} *)(r6 + ${r.pick([0, 4, 8, 16, 48, 52, 68])})`;
    case "XDP":
      return `${dst} = *(u32 *)(r6 + ${r.pick([12, 16])})`;
    case "TRACEPOINT":
      return `${dst} = *(u64 *)(r6 + ${r.pick([8, 16, 24, 32])})`;
    default:
      return `${dst} = *(u64 *)(r6 + ${r.pick([0, 8, 16, 24])})`;
  }
}

const safe: Snippet[] = [
  // scalar arithmetic
  (r) => {
    const op = r.pick(ALU);
    const k = op.includes("<") || op.includes(">") ? r.int(0, 63) : r.int(-1000, 1000);
    return [`r7 ${op} ${k}`, `r8 ${r.pick(["+=", "^=", "|=", "-="])} r7`];
  },
  // 32-bit arithmetic, including division by an unknown register (the kernel allows it)
  (r) => [`w7 ${r.pick(["+=", "/=", "%=", "*=", "&="])} w8`, `w8 += ${r.int(0, 100)}`],
  // a branch on a scalar
  (r, _t, label) => {
    const l = label();
    return [`if r7 ${r.pick(JMP)} ${r.int(-5, 300)} goto ${l}`, `r8 += 1`, `${l}:`];
  },
  // stack round trip
  (r) => {
    const off = 8 * r.int(1, 60);
    return [`*(u64 *)(r10 - ${off}) = r7`, `r8 = *(u64 *)(r10 - ${off})`];
  },
  // narrow stack store and load of an immediate
  (r) => {
    const off = 4 * r.int(1, 120);
    return [`*(u32 *)(r10 - ${off}) = ${r.int(0, 1000)}`, `r8 = *(u32 *)(r10 - ${off})`];
  },
  // map lookup, null check, read and write inside the value
  (r, _t, label) => {
    const l = label();
    const map = r.pick([HASH, ARRAY]);
    const vs = map === HASH ? 16 : 32;
    const off = 8 * r.int(0, vs / 8 - 1);
    return [
      `*(u32 *)(r10 - 4) = ${r.int(0, 7)}`,
      `r2 = r10`,
      `r2 += -4`,
      `ld_pseudo r1, 1, ${map}`,
      `call 1`,
      `if r0 == 0 goto ${l}`,
      `r1 = *(u64 *)(r0 + ${off})`,
      `r1 += 1`,
      `*(u64 *)(r0 + ${off}) = r1`,
      `${l}:`,
    ];
  },
  // variable index into a map value, bounded with a mask
  (r, _t, label) => {
    const l = label();
    return [
      `*(u32 *)(r10 - 4) = 1`,
      `r2 = r10`,
      `r2 += -4`,
      `ld_pseudo r1, 1, ${ARRAY}`,
      `call 1`,
      `if r0 == 0 goto ${l}`,
      `r1 = r7`,
      `r1 &= ${r.pick([7, 15, 24, 31 - 3])}`,
      `r0 += r1`,
      `r1 = *(u8 *)(r0 + 0)`,
      `${l}:`,
    ];
  },
  // map update from stack
  (r) => [
    `*(u32 *)(r10 - 4) = ${r.int(0, 63)}`,
    `*(u64 *)(r10 - 24) = r7`,
    `*(u64 *)(r10 - 16) = r8`,
    `r2 = r10`,
    `r2 += -4`,
    `r3 = r10`,
    `r3 += -24`,
    `ld_pseudo r1, 1, ${HASH}`,
    `r4 = 0`,
    `call 2`,
  ],
  // ring buffer reserve, fill, submit or discard
  (r, _t, label) => {
    const l = label();
    const size = 8 * r.int(1, 4);
    return [
      `ld_pseudo r1, 1, ${RB}`,
      `r2 = ${size}`,
      `r3 = 0`,
      `call 131`,
      `if r0 == 0 goto ${l}`,
      `*(u64 *)(r0 + ${size - 8}) = r7`,
      `r1 = r0`,
      `r2 = 0`,
      `call ${r.pick([132, 133])}`,
      `${l}:`,
    ];
  },
  // bounded loop
  (r, _t, label) => {
    const l = label();
    return [`r1 = 0`, `${l}:`, `r1 += ${r.int(1, 3)}`, `r8 += r1`, `if r1 < ${r.int(4, 40)} goto ${l}`];
  },
  // helpers every type may call
  (r) => [`call ${r.pick([5, 7, 8, 125])}`, `r8 ^= r0`],
  // a number read from a map value, range-checked, then used as an offset into the value
  (r, _t, label) => mapContentIndex(r, label(), r.pick([16, 24])),
];

/**
 * A map value's own contents (unknown to the verifier, random in the property test) as an offset
 * into it: safe when the check keeps `index + 8` within the 32-byte value, a hazard when it does not.
 */
function mapContentIndex(r: Random, l: string, limit: number): string[] {
  return [
    `*(u32 *)(r10 - 4) = ${r.int(0, 7)}`,
    `r2 = r10`,
    `r2 += -4`,
    `ld_pseudo r1, 1, ${ARRAY}`,
    `call 1`,
    `if r0 == 0 goto ${l}`,
    `r1 = *(u64 *)(r0 + 0)`,
    `if r1 > ${limit} goto ${l}`,
    `r0 += r1`,
    `r1 = *(u64 *)(r0 + 0)`,
    `r8 ^= r1`,
    `${l}:`,
  ];
}

/** Hazards: each returns lines that (are meant to) make the kernel refuse the program. */
const hazards: ReadonlyArray<readonly [string, Snippet]> = [
  [
    "null map value used",
    (r) => [
      // a non-zero key: the kernel only proves array lookups non-NULL for keys it knows
      `*(u32 *)(r10 - 4) = ${r.int(1, 7)}`,
      `r2 = r10`,
      `r2 += -4`,
      `ld_pseudo r1, 1, ${r.pick([HASH, ARRAY])}`,
      `call 1`,
      `r1 = *(u64 *)(r0 + 0)`,
    ],
  ],
  [
    "map value read past its end",
    (r, _t, label) => {
      const l = label();
      return [
        `*(u32 *)(r10 - 4) = 0`,
        `r2 = r10`,
        `r2 += -4`,
        `ld_pseudo r1, 1, ${HASH}`,
        `call 1`,
        `if r0 == 0 goto ${l}`,
        `r1 = *(u64 *)(r0 + ${r.pick([12, 16, 24])})`,
        `${l}:`,
      ];
    },
  ],
  [
    "unbounded index into a map value",
    (_r, _t, label) => {
      const l = label();
      return [
        `*(u32 *)(r10 - 4) = 0`,
        `r2 = r10`,
        `r2 += -4`,
        `ld_pseudo r1, 1, ${ARRAY}`,
        `call 1`,
        `if r0 == 0 goto ${l}`,
        `r0 += r7`,
        `r1 = *(u8 *)(r0 + 0)`,
        `${l}:`,
      ];
    },
  ],
  [
    "map contents used as an offset past the value",
    (r, _t, label) => mapContentIndex(r, label(), r.pick([25, 32, 64])),
  ],
  ["uninitialised register read", (r) => [`r8 += r${r.pick([2, 3, 4, 5, 9])}`]],
  ["uninitialised register after a call", () => [`call 5`, `r8 = r1`]],
  [
    "unbounded loop",
    (_r, _t, label) => {
      const l = label();
      return [`r1 = r7`, `${l}:`, `if r1 != 0 goto ${l}`];
    },
  ],
  [
    "pointer arithmetic on ctx",
    (r, type) => [`r1 = r6`, `r1 += ${r.pick([4, 8, 16])}`, ctxRead(r, type, "r2").replace("r6", "r1")],
  ],
  [
    "leaked ring buffer reference",
    (_r, _t, label) => {
      const l = label();
      return [
        `ld_pseudo r1, 1, ${RB}`,
        `r2 = 16`,
        `r3 = 0`,
        `call 131`,
        `if r0 == 0 goto ${l}`,
        `r7 = 0`,
        `${l}:`,
      ];
    },
  ],
  [
    "ring buffer record used after submit",
    (_r, _t, label) => {
      const l = label();
      return [
        `ld_pseudo r1, 1, ${RB}`,
        `r2 = 16`,
        `r3 = 0`,
        `call 131`,
        `if r0 == 0 goto ${l}`,
        `r9 = r0`,
        `r1 = r0`,
        `r2 = 0`,
        `call 132`,
        `*(u64 *)(r9 + 0) = 1`,
        `${l}:`,
      ];
    },
  ],
  ["stack out of bounds", (r) => [`*(u64 *)(r10 - ${r.pick([520, 1024])}) = r7`]],
  ["write to the frame pointer", () => [`r10 = 0`]],
  ["misaligned stack access", (r) => [`*(u64 *)(r10 - ${r.pick([4, 12, 20])}) = r7`]],
  [
    "invalid context offset",
    (_r, type) => [
      type === "TRACEPOINT"
        ? `r2 = *(u32 *)(r6 + 0)`
        : type === "RAW_TRACEPOINT"
          ? `r2 = *(u64 *)(r6 + 96)`
          : type === "XDP"
            ? `r2 = *(u16 *)(r6 + 12)`
            : `r2 = *(u32 *)(r6 + 76)`,
    ],
  ],
  ["write into the context", () => [`r2 = 1`, `*(u32 *)(r6 + 8) = r2`]],
  ["division by constant zero", () => [`r7 /= 0`]],
  ["scalar dereference", () => [`r1 = *(u64 *)(r7 + 0)`]],
  [
    "wrong map for the helper",
    () => [`*(u32 *)(r10 - 4) = 0`, `r2 = r10`, `r2 += -4`, `ld_pseudo r1, 1, ${RB}`, `call 1`],
  ],
  ["helper not allowed for the program type", (_r, type) => [`call ${type === "SOCKET_FILTER" ? 44 : 26}`]],
  ["tail call with a hash map", () => [`r1 = r6`, `ld_pseudo r2, 1, ${HASH}`, `r3 = 0`, `call 12`]],
];

/** XDP: a packet bounds check, safe or (hazard) read past it. */
function packetSnippet(r: Random, label: () => string, hazard: boolean): string[] {
  const l = label();
  const checked = r.pick([14, 20, 34, 54]);
  const size = r.pick([1, 2, 4]);
  const off = hazard ? checked - size + r.int(1, 4) : r.int(0, checked - size);
  return [
    `r2 = *(u32 *)(r6 + 0)`,
    `r3 = *(u32 *)(r6 + 4)`,
    `r4 = r2`,
    `r4 += ${checked}`,
    `if r4 > r3 goto ${l}`,
    `r8 = *(u${size * 8} *)(r2 + ${off})`,
    `${l}:`,
  ];
}

export function generate(seed: number, count: number): GeneratedProgram[] {
  const r = new Random(seed);
  const out: GeneratedProgram[] = [];
  for (let n = 0; n < count; n++) {
    const type = GEN_TYPES[n % GEN_TYPES.length]!;
    let labels = 0;
    const label = () => `L${labels++}`;
    const body: string[] = ["r6 = r1", ctxRead(r, type, "r7"), ctxRead(r, type, "r8")];
    const wantHazard = r.chance(0.5);
    const snippets = r.int(1, 4);
    const hazardAt = wantHazard ? r.int(0, snippets) : -1;
    let hazard: string | undefined;
    for (let s = 0; s <= snippets; s++) {
      if (s === hazardAt) {
        if (type === "XDP" && r.chance(0.3)) {
          hazard = "packet read past the check";
          body.push(...packetSnippet(r, label, true));
        } else {
          const [name, make] = r.pick(hazards);
          hazard = name;
          body.push(...make(r, type, label));
        }
      }
      if (s < snippets) {
        if (type === "XDP" && r.chance(0.2)) body.push(...packetSnippet(r, label, false));
        else body.push(...r.pick(safe)(r, type, label));
      }
    }
    body.push(`r0 = ${type === "XDP" ? 2 : 0}`, "exit");
    out.push({ name: `gen-${seed}-${n}`, type, source: body.join("\n"), hazard });
    void PROGS;
  }
  return out;
}
