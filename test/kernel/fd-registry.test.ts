import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  KernelMap,
  closeAllTracked,
  kernelAvailability,
  trackedFds,
  type KernelResult,
} from "../../runtime/kernel/index.js";
import { MapType } from "../../runtime/uapi/bpf.js";

const avail = kernelAvailability();
if (!avail.ok) console.warn(`skipping fd registry tests: ${avail.reason}`);

function must<T>(r: KernelResult<T>): T {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe("kernelAvailability", () => {
  it("is cached and says why when it is not ok", () => {
    const a = kernelAvailability();
    expect(kernelAvailability()).toBe(a);
    if (!a.ok) expect(a.reason.length).toBeGreaterThan(10);
    else expect(a).toEqual({ ok: true });
  });
});

describe.skipIf(!avail.ok)("fd registry", () => {
  it("tracks the fds of live objects, forgets them on close, and closeAllTracked releases the rest", () => {
    const a = must(KernelMap.create({ type: MapType.ARRAY, keySize: 4, valueSize: 4, maxEntries: 1 }));
    const b = must(KernelMap.create({ type: MapType.ARRAY, keySize: 4, valueSize: 4, maxEntries: 1 }));
    expect(trackedFds()).toEqual(expect.arrayContaining([a.fd, b.fd]));
    const aFd = a.fd;
    a.close();
    expect(trackedFds()).not.toContain(aFd);
    const bFd = b.fd;
    expect(existsSync(`/proc/self/fd/${bFd}`)).toBe(true);
    expect(closeAllTracked()).toBeGreaterThanOrEqual(1);
    expect(existsSync(`/proc/self/fd/${bFd}`)).toBe(false);
    expect(trackedFds()).toEqual([]);
    expect(closeAllTracked()).toBe(0);
  });

  it("installs one exit handler and one per signal, however many objects are created", () => {
    const before = ["exit", "SIGINT", "SIGTERM"].map((e) => process.listenerCount(e));
    const maps = Array.from({ length: 3 }, () =>
      must(KernelMap.create({ type: MapType.ARRAY, keySize: 4, valueSize: 4, maxEntries: 1 })),
    );
    const after = ["exit", "SIGINT", "SIGTERM"].map((e) => process.listenerCount(e));
    maps.forEach((m) => m.close());
    expect(after).toEqual(before);
  });
});
