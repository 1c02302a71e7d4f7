import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cString, kernelSupport, load, type Probe } from "tsbpf/testing";
import "tsbpf/testing/vitest";
import type * as Opensnoop from "./opensnoop.ts";

const source = new URL("./opensnoop.ts", import.meta.url);
// a tracepoint: BPF_PROG_TEST_RUN cannot run it, so the kernel half says why and is skipped
const kernel = await kernelSupport(source);
if (!kernel.ok) console.log(`opensnoop: kernel backend skipped: ${kernel.reason}`);

const PATH_ADDR = 0x7ffd_1234_0000n;
const AT_FDCWD = -100;
const O_CLOEXEC = 0o2000000;

describe.each([
  ["vm", true],
  ["kernel", kernel.ok],
] as const)("opensnoop on the %s backend: one event per openat", (backend, enabled) => {
  let probe: Probe<typeof Opensnoop>;
  beforeEach(async () => {
    probe = await load<typeof Opensnoop>(source, { backend });
  });
  afterEach(() => probe.close());

  it.skipIf(!enabled)("declares the C twin's ring buffer and section", () => {
    expect(probe.spec.maps).toMatchObject([
      { name: "events", type: 27 /* BPF_MAP_TYPE_RINGBUF */, maxEntries: 256 * 1024 },
    ]);
    expect(probe.spec.programs[0]!.section).toBe("tracepoint/syscalls/sys_enter_openat");
  });

  it.skipIf(!enabled)("reports who opened which path, reading the path from user memory", () => {
    const r = probe.run(
      "on_openat",
      { dfd: AT_FDCWD, filename: PATH_ADDR, flags: O_CLOEXEC, mode: 0 },
      {
        tgid: 1234,
        pid: 1236,
        uid: 1000,
        comm: "cat",
        now: 5_000_000_000n,
        userMemory: [cString(PATH_ADDR, "/etc/passwd")],
      },
    );
    expect(r).toReturnWith(0);
    expect(probe.events.events).toHaveEmitted({ filename: "/etc/passwd" });
    // the record's bytes are the C twin's struct open_event: pid 0, uid 4, ts 8, comm 16, filename 32
    const raw = probe.events.events.raw()[0]!.data;
    const bytes = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    expect(raw.length).toBe(160);
    expect([bytes.getUint32(0, true), bytes.getUint32(4, true), bytes.getBigUint64(8, true)]).toEqual([
      1234,
      1000,
      5_000_000_000n,
    ]);
    expect(new TextDecoder().decode(raw.subarray(16, 19))).toBe("cat");
    expect(new TextDecoder().decode(raw.subarray(32, 32 + 12))).toBe("/etc/passwd\0");
    expect(probe.events.events.drain()).toEqual([
      { pid: 1234, uid: 1000, ts: 5_000_000_000n, comm: "cat", filename: "/etc/passwd" },
    ]);
    expect(probe.events.events.drain()).toEqual([]);
  });

  it.skipIf(!enabled)(
    "takes the path from `args` as the syscall passed it, and the time from the clock",
    () => {
      const env = { userMemory: [cString(PATH_ADDR, "/tmp/a")] };
      probe.clock.set(1_000n);
      probe.run("on_openat", { args: [AT_FDCWD, PATH_ADDR, 0, 0] }, env);
      probe.clock.advance(250);
      probe.run("on_openat", { args: [AT_FDCWD, PATH_ADDR, 0, 0] }, env);
      expect(probe.events.events.drain().map((e) => [e.ts, e.filename])).toEqual([
        [1_000n, "/tmp/a"],
        [1_250n, "/tmp/a"],
      ]);
    },
  );

  it.skipIf(!enabled)(
    "truncates long paths to 127 bytes and still submits when the path is unreadable",
    () => {
      const long = "/" + "d".repeat(300);
      probe.run("on_openat", { filename: PATH_ADDR }, { userMemory: [cString(PATH_ADDR, long)] });
      probe.run("on_openat", { filename: 0x10n }); // a bad pointer: -EFAULT, empty name
      expect(probe.events.events.drain().map((e) => e.filename)).toEqual([long.slice(0, 127), ""]);
    },
  );

  it.skipIf(!enabled)("drops events while the ring buffer is full", () => {
    const env = { userMemory: [cString(PATH_ADDR, "/tmp/x")] };
    // 256 KiB of 8-byte headers plus 160-byte records (kernel: BPF_RINGBUF_HDR_SZ, 8-byte rounding);
    // a run that leaked its reservation would throw
    const capacity = Math.floor((256 * 1024) / (8 + 160));
    for (let n = 0; n < capacity + 20; n++)
      expect(probe.run("on_openat", { filename: PATH_ADDR }, env).ret).toBe(0);
    expect(probe.events.events.length).toBe(capacity);
    expect(probe.events.events.drain()).toHaveLength(capacity);
    // drained, there is room again
    probe.run("on_openat", { filename: PATH_ADDR }, env);
    expect(probe.events.events.length).toBe(1);
  });
});
