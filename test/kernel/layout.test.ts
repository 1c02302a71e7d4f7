import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import koffi from "koffi";
import { describe, expect, it } from "vitest";
import {
  ALL_LAYOUTS,
  countCpuList,
  errnoName,
  runningKernelVersion,
  syscallNumbers,
} from "../../runtime/kernel/index.js";
import { findTool, multiarchInclude, scratchDir } from "../support/tools.js";

/**
 * Every offset in runtime/kernel/attr.ts against offsetof() in the installed uapi headers
 * (linux-libc-dev), compiled and run with the host C compiler. Fields younger than the headers
 * (`since`) are checked to sit right after the previous field instead.
 */
const cc = findTool("cc") ?? findTool("gcc") ?? findTool("clang");
if (!cc) console.warn("no C compiler: skipping the bpf_attr layout check against <linux/bpf.h>");

function headerOffsets(): Map<string, [number, number]> {
  const lines: string[] = [];
  for (const [name, l] of Object.entries(ALL_LAYOUTS)) {
    for (const field of Object.keys(l.fields)) {
      if (l.since && field in l.since) continue;
      const member = `${l.cPrefix}${field}`;
      lines.push(
        `  printf("%s %s %zu %zu\\n", "${name}", "${field}", offsetof(${l.cType}, ${member}), sizeof(((${l.cType} *)0)->${member}));`,
      );
    }
  }
  const source = `#include <stddef.h>\n#include <stdio.h>\n#include <linux/bpf.h>\n#include <linux/perf_event.h>\nint main(void) {\n${lines.join("\n")}\n  return 0;\n}\n`;
  const dir = scratchDir();
  writeFileSync(join(dir, "layout.c"), source);
  execFileSync(cc!, ["-I", multiarchInclude(), "-o", join(dir, "layout"), join(dir, "layout.c")], {
    stdio: "pipe",
  });
  const out = execFileSync(join(dir, "layout"), { encoding: "utf8" });
  const map = new Map<string, [number, number]>();
  for (const line of out.trim().split("\n")) {
    const [layout, field, off, size] = line.split(" ");
    map.set(`${layout}.${field}`, [Number(off), Number(size)]);
  }
  return map;
}

describe.skipIf(!cc)("kernel structure layouts match <linux/bpf.h> and <linux/perf_event.h>", () => {
  const fromHeaders = cc ? headerOffsets() : new Map<string, [number, number]>();
  const rows = Object.entries(ALL_LAYOUTS).flatMap(([name, l]) =>
    Object.entries(l.fields).map(([field, f]) => ({
      id: `${name}.${field}`,
      field: f as readonly [number, number],
      newer: l.since && field in l.since,
      layout: l,
    })),
  );

  it.each(rows.filter((r) => !r.newer))("$id", ({ id, field }) => {
    expect(fromHeaders.get(id)).toEqual([...field]);
  });

  it.each(rows.filter((r) => r.newer))(
    "$id (newer than the headers) follows the field before it",
    ({ id, field, layout }) => {
      const ends = Object.values(layout.fields)
        .map(([o, s]) => o + s)
        .filter((e) => e <= field[0]);
      expect(Math.max(...ends), id).toBe(field[0]);
    },
  );

  it.each(Object.entries(ALL_LAYOUTS))("%s: the size passed covers every field", (_, l) => {
    for (const [off, size] of Object.values(l.fields)) expect(off + size).toBeLessThanOrEqual(l.size);
  });
});

describe("small pure parts of the kernel layer", () => {
  it("errno names agree with the C library's as koffi reports them", () => {
    const table = koffi.os.errno;
    const names = [
      "EPERM",
      "ENOENT",
      "E2BIG",
      "EBADF",
      "EAGAIN",
      "ENOMEM",
      "EACCES",
      "EFAULT",
      "EBUSY",
      "EEXIST",
      "EINVAL",
      "ENOSPC",
      "ERANGE",
      "ENOSYS",
      "EOPNOTSUPP",
      "ENOTTY",
      "ELOOP",
    ];
    for (const n of names) expect(errnoName(table[n]!)).toBe(n);
    expect(errnoName(524)).toBe("ENOTSUPP");
  });

  it.each([
    ["0", 1],
    ["0-1\n", 2],
    ["0-3,8-11", 12],
    ["0,2", 3],
  ])("cpu list %j → %i CPUs", (text, n) => {
    expect(countCpuList(text)).toBe(n);
  });

  it.each([
    ["6.18.44-fc-v669", (6 << 16) + (18 << 8) + 44],
    ["5.15.0-91-generic", (5 << 16) + (15 << 8)],
    ["4.19.300", (4 << 16) + (19 << 8) + 255],
  ])("LINUX_VERSION_CODE of %s", (release, code) => {
    expect(runningKernelVersion(release)).toBe(code);
  });

  it("syscall numbers per architecture (x86_64 syscall_64.tbl, asm-generic/unistd.h)", () => {
    expect(syscallNumbers("x64")).toEqual({ bpf: 321, perfEventOpen: 298 });
    expect(syscallNumbers("arm64")).toEqual({ bpf: 280, perfEventOpen: 241 });
    expect(syscallNumbers("mips")).toBeUndefined();
  });
});
