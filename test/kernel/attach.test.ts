import { readdirSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  KernelMap,
  KernelProgram,
  ensureBpffs,
  ensureTracefs,
  kernelAvailability,
  loadLibc,
  patchRelocations,
  readU64,
  trackedFds,
  u32Bytes,
  type KernelResult,
} from "../../runtime/kernel/index.js";
import { MapType, ProgType } from "../../runtime/uapi/bpf.js";
import { countCallsOf } from "./asm.js";

const avail = kernelAvailability();
const tracefs = avail.ok ? ensureTracefs() : undefined;
const skipReason = !avail.ok ? avail.reason : tracefs && !tracefs.ok ? tracefs.message : undefined;
if (skipReason) console.warn(`skipping kernel attach tests: ${skipReason}`);

function must<T>(r: KernelResult<T>): T {
  if (!r.ok) throw new Error(`${r.message}${r.log ? `\n${r.log}` : ""}`);
  return r.value;
}

const openFds = (): number => readdirSync("/proc/self/fd").length;

function getppidTimes(n: number): void {
  const libc = must(loadLibc());
  for (let i = 0; i < n; i++) libc.getppid();
}

/** A counting program of `type` with its map patched in. */
function counter(type: number, map: KernelMap): KernelProgram {
  const code = must(
    patchRelocations(countCallsOf(process.pid, "counts"), [], (n) => (n === "counts" ? map.fd : undefined)),
  );
  return must(KernelProgram.load({ type, instructions: code, name: "t_count" }));
}

describe.skipIf(skipReason !== undefined)("attaching to the live kernel", () => {
  it("tracepoint syscalls/sys_enter_getppid counts exactly our calls while attached, and no fd leaks", () => {
    const before = openFds();
    const tracked = trackedFds().length;
    const map = must(
      KernelMap.create({ type: MapType.ARRAY, keySize: 4, valueSize: 8, maxEntries: 1, name: "t_tp_counts" }),
    );
    const prog = counter(ProgType.TRACEPOINT, map);
    const link = must(prog.attach("syscalls/sys_enter_getppid"));
    expect(link.kind).toBe("bpf-link");
    getppidTimes(7);
    expect(readU64(must(map.lookup(u32Bytes(0)))!)).toBe(7n);
    must(link.close());
    getppidTimes(3);
    expect(readU64(must(map.lookup(u32Bytes(0)))!)).toBe(7n);
    prog.close();
    map.close();
    expect(trackedFds().length).toBe(tracked);
    expect(openFds()).toBe(before);
  });

  it("raw tracepoint sys_enter sees the same calls (and others of ours)", () => {
    const before = openFds();
    const map = must(
      KernelMap.create({
        type: MapType.ARRAY,
        keySize: 4,
        valueSize: 8,
        maxEntries: 1,
        name: "t_raw_counts",
      }),
    );
    const prog = counter(ProgType.RAW_TRACEPOINT, map);
    const link = must(prog.attach("sys_enter"));
    getppidTimes(5);
    link.close();
    // sys_enter fires for every syscall of this process, getppid among them.
    expect(readU64(must(map.lookup(u32Bytes(0)))!)).toBeGreaterThanOrEqual(5n);
    prog.close();
    map.close();
    expect(openFds()).toBe(before);
  });

  it("an unknown tracepoint is an ENOENT value, not an exception", () => {
    const map = must(KernelMap.create({ type: MapType.ARRAY, keySize: 4, valueSize: 8, maxEntries: 1 }));
    const prog = counter(ProgType.TRACEPOINT, map);
    const r = prog.attach("syscalls/sys_enter_no_such_call");
    expect(r.ok ? "ok" : r.name).toBe("ENOENT");
    const bad = prog.attach("nocategory");
    expect(bad.ok ? "ok" : bad.name).toBe("EINVAL");
    prog.close();
    map.close();
  });

  it("pinning a map in bpffs and opening it again gives the same map", () => {
    const bpffs = ensureBpffs();
    if (!bpffs.ok) {
      console.warn(`skipping pin test: ${bpffs.message}`);
      return;
    }
    const path = `${bpffs.value}/tsbpf_test_${process.pid}`;
    const map = must(
      KernelMap.create({ type: MapType.HASH, keySize: 4, valueSize: 4, maxEntries: 2, name: "t_pinned" }),
    );
    try {
      must(map.pin(path));
      must(map.update(u32Bytes(1), u32Bytes(99)));
      const again = must(KernelMap.fromPin(path));
      expect(must(again.info()).id).toBe(must(map.info()).id);
      expect(again).toMatchObject({
        type: MapType.HASH,
        keySize: 4,
        valueSize: 4,
        maxEntries: 2,
        name: "t_pinned",
      });
      expect([...must(again.lookup(u32Bytes(1)))!]).toEqual([...u32Bytes(99)]);
      again.close();
      const missing = KernelMap.fromPin(`${path}_missing`);
      expect(missing.ok ? "ok" : missing.name).toBe("ENOENT");
    } finally {
      rmSync(path, { force: true });
      map.close();
    }
  });
});
