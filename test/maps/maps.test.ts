import { describe, expect, it } from "vitest";
import { unwrap } from "../../runtime/diag/diagnostic.js";
import { createMap, type BpfMap, QueueStackMap } from "../../runtime/maps/index.js";
import { MAP_CASES, type Op } from "./kernel-cases.js";

const u32 = (n: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};
const val = (n: number, size: number): Uint8Array => {
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  if (size === 8) dv.setBigUint64(0, BigInt(n), true);
  else dv.setUint32(0, n, true);
  return b;
};
const num = (b: Uint8Array): number => {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return b.length >= 8 ? Number(dv.getBigUint64(0, true)) : dv.getUint32(0, true);
};

function run(map: BpfMap, op: Op): unknown {
  switch (op.op) {
    case "update":
      return map.update(u32(op.key), val(op.value, map.valueSize), op.flags ?? 0);
    case "delete":
      return map.delete(u32(op.key));
    case "lookup": {
      const v = map.lookup(u32(op.key));
      return v === undefined ? null : num(v);
    }
    case "push":
      return (map as QueueStackMap).push(val(op.value, map.valueSize), op.flags ?? 0);
    case "pop":
    case "peek": {
      const out = new Uint8Array(map.valueSize);
      const rc = op.op === "pop" ? (map as QueueStackMap).pop(out) : (map as QueueStackMap).peek(out);
      return rc === 0 ? num(out) : rc === op.errno ? null : `errno ${rc}`;
    }
    case "nextKey": {
      const k = map.getNextKey(op.key === null ? undefined : u32(op.key));
      return k === undefined ? null : num(k);
    }
    case "keys":
      return [...map.keys()].map(num).sort((a, b) => a - b);
  }
}

describe("maps follow the kernel's results (kernel-cases.ts)", () => {
  for (const c of MAP_CASES) {
    it(c.name, () => {
      const map = unwrap(createMap(c.spec, { cpus: 2 }));
      c.ops.forEach((op, i) => {
        expect(run(map, op), `step ${i}: ${JSON.stringify(op)}`).toEqual(op.expect);
      });
    });
  }
});
