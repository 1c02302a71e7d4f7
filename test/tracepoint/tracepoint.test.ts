import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  buildTracepointRecord,
  knownTracepoints,
  parseTracepointFormat,
  tracepointFormat,
} from "../../runtime/tracepoint/index.js";

const liveTracefs = existsSync("/sys/kernel/tracing/events/syscalls");
if (!liveTracefs) console.log("tracepoint tests: tracefs not mounted, live-vs-snapshot comparison skipped");

describe("tracefs format files", () => {
  it("every snapshot format parses", () => {
    const names = knownTracepoints();
    expect(names.length).toBeGreaterThan(500);
    for (const name of names) {
      const r = tracepointFormat(name, { live: false });
      expect(r.ok, name).toBe(true);
    }
  });

  it("reads sys_enter_openat like the kernel lays it out", () => {
    const r = tracepointFormat("syscalls/sys_enter_openat", { live: false });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const f = r.value;
    expect(f.fields.map((x) => [x.name, x.offset, x.size])).toEqual([
      ["common_type", 0, 2],
      ["common_flags", 2, 1],
      ["common_preempt_count", 3, 1],
      ["common_pid", 4, 4],
      ["__syscall_nr", 8, 4],
      ["dfd", 16, 8],
      ["filename", 24, 8],
      ["flags", 32, 8],
      ["mode", 40, 8],
    ]);
    expect(f.fields.filter((x) => x.common).length).toBe(4);
    expect(f.size).toBe(48);
  });

  it("knows arrays and __data_loc fields", () => {
    const enter = tracepointFormat("raw_syscalls/sys_enter", { live: false });
    const exec = tracepointFormat("sched/sched_process_exec", { live: false });
    expect(enter.ok && enter.value.fields.find((f) => f.name === "args")).toMatchObject({
      arrayLength: 6,
      size: 48,
    });
    expect(exec.ok && exec.value.fields.find((f) => f.name === "filename")).toMatchObject({
      dataLoc: true,
      size: 4,
    });
  });

  it.skipIf(!liveTracefs)("the snapshot matches the running kernel", () => {
    for (const name of ["syscalls/sys_enter_openat", "sched/sched_process_exec", "raw_syscalls/sys_exit"]) {
      const live = tracepointFormat(name);
      const snap = tracepointFormat(name, { live: false });
      expect(live.ok && snap.ok && live.value.fields).toEqual(snap.ok && snap.value.fields);
    }
  });

  it.each([
    ["not a format", "hello"],
    ["bad field", "name: x\nID: 1\nformat:\n\tfield:int a;\toffset:zz;\n"],
    ["missing id", "name: x\nformat:\n"],
  ])("refuses %s", (_, text) => {
    const r = parseTracepointFormat(text, "cat");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]!.code).toBe("TSB0801");
  });

  it("suggests close names for an unknown tracepoint", () => {
    const r = tracepointFormat("syscalls/sys_enter_opnat");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]!.hint).toContain("syscalls/sys_enter_openat");
  });
});

describe("records", () => {
  const openat = tracepointFormat("syscalls/sys_enter_openat", { live: false });
  const exec = tracepointFormat("sched/sched_process_exec", { live: false });

  it("fills common fields and arguments", () => {
    if (!openat.ok) throw new Error("snapshot missing");
    const r = buildTracepointRecord(
      openat.value,
      { dfd: -100, filename: 0x1000n, flags: 0, mode: 0 },
      { pid: 42 },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = new DataView(r.value.buffer);
    expect(v.getUint16(0, true)).toBe(openat.value.id);
    expect(v.getInt32(4, true)).toBe(42);
    expect(v.getBigInt64(16, true)).toBe(-100n);
    expect(v.getBigUint64(24, true)).toBe(0x1000n);
  });

  it("appends __data_loc strings after the fixed part", () => {
    if (!exec.ok) throw new Error("snapshot missing");
    const r = buildTracepointRecord(exec.value, { filename: "/bin/ls", pid: 7, old_pid: 7 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const loc = new DataView(r.value.buffer).getUint32(8, true);
    const offset = loc & 0xffff;
    const length = loc >>> 16;
    expect(length).toBe(8);
    expect(Buffer.from(r.value.subarray(offset, offset + length - 1)).toString()).toBe("/bin/ls");
  });

  it.each([
    ["unknown field", { nosuch: 1 }],
    ["too large", { __syscall_nr: 2n ** 40n }],
    ["string for an integer", { dfd: "x" }],
  ])("refuses %s", (_, values) => {
    if (!openat.ok) throw new Error("snapshot missing");
    const r = buildTracepointRecord(openat.value, values);
    expect(r.ok).toBe(false);
  });
});
