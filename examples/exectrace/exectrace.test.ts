import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kernelSupport, load, type Probe } from "tsbpf/testing";
import "tsbpf/testing/vitest";
import type * as Exectrace from "./exectrace.ts";

const source = new URL("./exectrace.ts", import.meta.url);
// a tracepoint: BPF_PROG_TEST_RUN cannot run it, so the kernel half says why and is skipped
const kernel = await kernelSupport(source);
if (!kernel.ok) console.log(`exectrace: kernel backend skipped: ${kernel.reason}`);

describe.each([
  ["vm", true],
  ["kernel", kernel.ok],
] as const)("exectrace on the %s backend: exec events through a ring buffer", (backend, enabled) => {
  let probe: Probe<typeof Exectrace>;
  beforeEach(async () => {
    probe = await load<typeof Exectrace>(source, { backend });
  });
  afterEach(() => probe.close());

  it.skipIf(!enabled)("declares the C twin's ring buffer and section", () => {
    expect(probe.spec.maps).toEqual([
      {
        name: "events",
        type: 27 /* BPF_MAP_TYPE_RINGBUF */,
        keySize: 0,
        valueSize: 0,
        maxEntries: 256 * 1024,
        flags: 0,
      },
    ]);
    expect(probe.spec.programs[0]!.section).toBe("tracepoint/sched/sched_process_exec");
  });

  it.skipIf(!enabled)("sends pid, time and the new comm of each exec, in order", () => {
    const execs = [
      { pid: 4100, comm: "ls", now: 10n },
      { pid: 4101, comm: "a-very-long-program-name", now: 20n },
      { pid: 4102, comm: "sh", now: 30n },
    ];
    for (const e of execs) {
      // the record's filename (a __data_loc string) is left out: the program does not read it
      const r = probe.run("on_exec", { pid: e.pid, old_pid: e.pid }, { comm: e.comm, now: e.now });
      expect(r).toReturnWith(0);
    }
    expect(probe.events.events).toHaveEmitted({ pid: 4101, comm: "a-very-long-p" + "ro" });
    // the record's bytes are the C twin's struct exec_event: pid at 0, ts at 8, comm at 16; 32 in all
    const raw = probe.events.events.raw()[0]!.data;
    const bytes = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    expect(raw.length).toBe(32);
    expect([bytes.getUint32(0, true), bytes.getBigUint64(8, true)]).toEqual([4100, 10n]);
    expect(new TextDecoder().decode(raw.subarray(16, 18))).toBe("ls");
    // comm is TASK_COMM_LEN (16) bytes with its NUL: 15 characters survive
    expect(probe.events.events.drain()).toEqual(
      execs.map((e) => ({ pid: e.pid, pad: 0, ts: e.now, comm: e.comm.slice(0, 15) })),
    );
  });

  it.skipIf(!enabled)("takes the comm from getCurrentComm, which a test can override", () => {
    probe.helpers.override("getCurrentComm", () => "overridden");
    probe.run("on_exec", { pid: 1 }, { comm: "ignored" });
    probe.helpers.restore("getCurrentComm");
    probe.run("on_exec", { pid: 2 }, { comm: "bash" });
    expect(probe.events.events).toMatchInlineSnapshot(`
      { pid: 1, pad: 0, ts: 1000000000, comm: overridden }
      { pid: 2, pad: 0, ts: 1000000000, comm: bash }
    `);
    expect(probe.events.events.drain().map((e) => [e.pid, e.comm])).toEqual([
      [1, "overridden"],
      [2, "bash"],
    ]);
  });
});
