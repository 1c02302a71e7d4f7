import { describe, expect, it } from "vitest";
import { cString } from "../../runtime/helpers/index.js";
import { decode } from "../../runtime/layout/index.js";
import { buildExample, sandboxOf } from "../../test/examples/harness.js";

const PATH_ADDR = 0x7ffd_1234_0000n;

describe("opensnoop: one event per openat", () => {
  const out = buildExample("opensnoop");
  const record = out.layouts.maps.events!.value!;

  it("lays the event out as the C twin's struct open_event", () => {
    expect(record).toMatchObject({
      kind: "struct",
      size: 160,
      fields: [
        { name: "pid", offset: 0 },
        { name: "uid", offset: 4 },
        { name: "ts", offset: 8 },
        { name: "comm", offset: 16 },
        { name: "filename", offset: 32 },
      ],
    });
    expect(out.spec.programs[0]!.section).toBe("tracepoint/syscalls/sys_enter_openat");
  });

  it("reports who opened which path, reading the path from user memory", () => {
    const sb = sandboxOf(out, { env: { userMemory: [cString(PATH_ADDR, "/etc/passwd")] } });
    const r = sb.run(
      "on_openat",
      { fields: { dfd: -100, filename: PATH_ADDR, flags: 0o2000000, mode: 0 } },
      { tgid: 1234, pid: 1236, uid: 1000, comm: "cat", now: 5_000_000_000n },
    );
    expect(r.fault).toBeUndefined();
    expect(r.leakedRecords).toBe(0);
    const events = sb.drainRingbuf("events").map((b) => decode(record, b));
    expect(events).toEqual([
      { pid: 1234, uid: 1000, ts: 5_000_000_000n, comm: "cat", filename: "/etc/passwd" },
    ]);
  });

  it("truncates long paths to 127 bytes and still submits when the path is unreadable", () => {
    const long = "/" + "d".repeat(300);
    const sb = sandboxOf(out, { env: { userMemory: [cString(PATH_ADDR, long)] } });
    sb.run("on_openat", { fields: { filename: PATH_ADDR } });
    sb.run("on_openat", { fields: { filename: 0x10n } }); // a bad pointer: -EFAULT, empty name
    const events = sb.drainRingbuf("events").map((b) => decode(record, b) as { filename: string });
    expect(events.map((e) => e.filename)).toEqual([long.slice(0, 127), ""]);
  });

  it("drops events while the ring buffer is full and never leaks a reservation", () => {
    const sb = sandboxOf(out, { env: { userMemory: [cString(PATH_ADDR, "/tmp/x")] } });
    // 256 KiB of 8-byte headers plus 160-byte records (kernel: BPF_RINGBUF_HDR_SZ, 8-byte rounding)
    const capacity = Math.floor((256 * 1024) / (8 + 160));
    for (let n = 0; n < capacity + 20; n++) {
      const r = sb.run("on_openat", { fields: { filename: PATH_ADDR } });
      expect(r.ret).toBe(0);
      expect(r.leakedRecords).toBe(0);
    }
    expect(sb.drainRingbuf("events")).toHaveLength(capacity);
  });
});
