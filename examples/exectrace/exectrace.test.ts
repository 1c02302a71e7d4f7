import { describe, expect, it } from "vitest";
import { decode } from "../../runtime/layout/index.js";
import { MapType } from "../../runtime/uapi/bpf.js";
import { buildExample, sandboxOf } from "../../test/examples/harness.js";

describe("exectrace: exec events through a ring buffer", () => {
  const out = buildExample("exectrace");
  const record = out.layouts.maps.events!.value!;

  it("declares the C twin's ring buffer, record and section", () => {
    expect(out.spec.maps).toEqual([
      { name: "events", type: MapType.RINGBUF, keySize: 0, valueSize: 0, maxEntries: 256 * 1024, flags: 0 },
    ]);
    expect(record).toMatchObject({
      size: 32,
      fields: [{ offset: 0 }, { offset: 4 }, { offset: 8 }, { offset: 16 }],
    });
    expect(out.spec.programs[0]!.section).toBe("tracepoint/sched/sched_process_exec");
  });

  it("sends pid, time and the new comm of each exec, in order", () => {
    const sb = sandboxOf(out);
    const execs = [
      { pid: 4100, comm: "ls", now: 10n },
      { pid: 4101, comm: "a-very-long-program-name", now: 20n },
      { pid: 4102, comm: "sh", now: 30n },
    ];
    for (const e of execs) {
      const r = sb.run(
        "on_exec",
        { fields: { pid: e.pid, old_pid: e.pid, filename: `/usr/bin/${e.comm}` } },
        { comm: e.comm, now: e.now },
      );
      expect(r.fault).toBeUndefined();
    }
    expect(sb.drainRingbuf("events").map((b) => decode(record, b))).toEqual(
      execs.map((e) => ({ pid: e.pid, pad: 0, ts: e.now, comm: e.comm.slice(0, 15) })),
    );
  });
});
