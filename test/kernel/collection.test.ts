import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lddw, LdImm64Src, type Instruction } from "../../runtime/isa/index.js";
import {
  KernelMap,
  ensureBpffs,
  kernelAvailability,
  loadCollection,
  possibleCpus,
  readU32,
  readU64,
  u32Bytes,
  type KernelResult,
} from "../../runtime/kernel/index.js";
import { loadCollectionSpec, type CollectionSpec } from "../../runtime/object/index.js";
import { MapType, XdpAction } from "../../runtime/uapi/bpf.js";
import { OBJECT_DIR, committedObject, type ObjectFixture } from "../elf/fixtures.js";
import { findTool } from "../support/tools.js";
import { atomicAdd64, exit, ldxw, mov64 } from "./asm.js";

const avail = kernelAvailability();
if (!avail.ok) console.warn(`skipping kernel collection tests: ${avail.reason}`);

function must<T>(r: KernelResult<T>): T {
  if (!r.ok) throw new Error(`${r.message}${r.log ? `\n${r.log}` : ""}`);
  return r.value;
}

const openFds = (): number => readdirSync("/proc/self/fd").length;

function specOf(name: string): CollectionSpec {
  const r = loadCollectionSpec(committedObject({ name, cpu: "v3", clang: 14 } as ObjectFixture), {
    file: `${name}.v3.o`,
  });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.value;
}

/** An IPv4 packet of `protocol` in an Ethernet frame (only the fields xdp_parse.c reads are set). */
function ipv4Packet(protocol: number): Uint8Array {
  const p = new Uint8Array(64);
  p[12] = 0x08; // ETH_P_IP, big-endian
  p[13] = 0x00;
  p[14] = 0x45; // version 4, IHL 5
  p[14 + 9] = protocol;
  return p;
}

describe.skipIf(!avail.ok)("loadCollection", () => {
  it("a hand-built spec: map and global data relocations, .rodata constants, frozen .rodata", () => {
    const before = openFds();
    // r0 = *(u32 *)(&.rodata + 4); *(u64 *)(&.bss + 8) += 1 (atomic, through r1 = &.bss + 8); return r0
    const instructions: Instruction[] = [
      lddw(2, 0n, LdImm64Src.MAP_VALUE),
      ldxw(0, 2, 0),
      lddw(3, 0n, LdImm64Src.MAP_VALUE),
      mov64(1, 1),
      atomicAdd64(3, 1, 0),
      exit(),
    ];
    const spec: CollectionSpec = {
      license: "GPL",
      maps: [{ name: "unused_hash", type: MapType.HASH, keySize: 4, valueSize: 4, maxEntries: 8, flags: 0 }],
      data: [
        {
          name: ".rodata",
          bytes: Uint8Array.from([1, 0, 0, 0, 2, 0, 0, 0]),
          readOnly: true,
          variables: [
            { name: "first", offset: 0, size: 4 },
            { name: "second", offset: 4, size: 4 },
          ],
        },
        {
          name: ".bss",
          bytes: new Uint8Array(16),
          readOnly: false,
          variables: [{ name: "counter", offset: 8, size: 8 }],
        },
      ],
      programs: [
        {
          name: "xdp_globals",
          section: "xdp",
          type: "XDP",
          license: "GPL",
          instructions,
          relocations: [
            { insn: 0, target: { kind: "mapValue", map: ".rodata", offset: 4 } },
            { insn: 2, target: { kind: "mapValue", map: ".bss", offset: 8 } },
          ],
        },
      ],
    };
    const c = must(loadCollection(spec, { constants: { second: XdpAction.TX } }));
    expect([...c.maps.keys()]).toEqual(["unused_hash", ".rodata", ".bss"]);
    const prog = c.program("xdp_globals")!;
    const run = must(prog.testRun({ data: new Uint8Array(64), repeat: 3 }));
    expect(run.retval).toBe(XdpAction.TX);
    expect(readU64(must(c.map(".bss")!.lookup(u32Bytes(0)))!, 8)).toBe(3n);
    const rodata = c.map(".rodata")!;
    expect(readU32(must(rodata.lookup(u32Bytes(0)))!, 0)).toBe(1);
    const write = rodata.update(u32Bytes(0), new Uint8Array(8));
    expect(write.ok ? "ok" : write.name).toBe("EPERM");
    c.close();
    c.close(); // idempotent
    expect(openFds()).toBe(before);
  });

  it("a relocation to a map the spec lacks fails cleanly and releases what was created", () => {
    const before = openFds();
    const spec: CollectionSpec = {
      license: "GPL",
      maps: [{ name: "present", type: MapType.ARRAY, keySize: 4, valueSize: 4, maxEntries: 1, flags: 0 }],
      data: [],
      programs: [
        {
          name: "p",
          section: "xdp",
          type: "XDP",
          license: "GPL",
          instructions: [lddw(1, 0n, LdImm64Src.MAP_FD), mov64(0, 2), exit()],
          relocations: [{ insn: 0, target: { kind: "map", map: "absent" } }],
        },
      ],
    };
    const r = loadCollection(spec);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/program 'p'.*'absent'/);
    expect(openFds()).toBe(before);
  });

  it("a verifier rejection names the program and carries the log with source lines from BTF line info", () => {
    const spec = specOf("xdp_parse");
    // Neutralise the bounds checks `if (ptr > data_end) goto out` (jgt reg, 0x2d) by making them
    // jump nowhere: the packet reads that follow must be refused.
    const prog = spec.programs.find((p) => p.name === "count_proto")!;
    const broken = prog.instructions.map((i) => (i.opcode === 0x2d ? { ...i, off: 0 } : i));
    expect(broken.filter((i, n) => i !== prog.instructions[n]).length).toBe(2);
    const r = loadCollection({ ...spec, programs: [{ ...prog, instructions: broken }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(
      /^program 'count_proto' \(xdp\): BPF_PROG_LOAD 'count_proto': Permission denied \(EACCES\)/,
    );
    expect(r.log).toMatch(/invalid access to packet/);
    expect(r.log).toMatch(/; .* @ xdp_parse\.c:\d+/);
  });

  it("xdp_parse.c (clang) through tsbpf's ELF reader and loader counts an IPv4/UDP packet per CPU", () => {
    const c = must(loadCollection(specOf("xdp_parse")));
    try {
      expect(c.warnings).toEqual([]);
      expect(c.btfFd).toBeGreaterThan(0);
      const prog = c.program("count_proto")!;
      expect(must(prog.info()).btfId).toBeGreaterThan(0);
      expect(must(prog.testRun({ data: ipv4Packet(17), repeat: 4 })).retval).toBe(XdpAction.PASS);
      expect(must(prog.testRun({ data: ipv4Packet(6) })).retval).toBe(XdpAction.PASS);
      const perProto = c.map("per_proto")!;
      const sum = (proto: number): bigint => {
        const v = must(perProto.lookup(u32Bytes(proto)))!;
        let total = 0n;
        for (let cpu = 0; cpu < possibleCpus(); cpu++) total += readU64(v, cpu * 8);
        return total;
      };
      expect([sum(17), sum(6), sum(1)]).toEqual([4n, 1n, 0n]);
    } finally {
      c.close();
    }
  });

  it("globals.c: .rodata constants set before load, .data/.bss counters from a real tracepoint", () => {
    const spec = specOf("globals");
    const c = must(loadCollection(spec, { constants: { target_pid: process.pid, threshold: 1n << 40n } }));
    try {
      expect(c.warnings).toEqual([]);
      const link = must(c.program("on_write")!.attach("syscalls/sys_enter_write"));
      const fd = openSync("/dev/null", "w");
      for (let i = 0; i < 5; i++) writeSync(fd, "x");
      closeSync(fd);
      link.close();
      const dataVar = (section: string, name: string): Uint8Array => {
        const d = spec.data.find((s) => s.name === section)!;
        const v = d.variables.find((x) => x.name === name)!;
        return must(c.map(section)!.lookup(u32Bytes(0)))!.subarray(v.offset, v.offset + v.size);
      };
      // hits starts at 7 (.data); our 5 writes count, and maybe a few more of this process's own.
      expect(readU64(dataVar(".data", "hits"))).toBeGreaterThanOrEqual(12n);
      expect(readU32(dataVar(".data", "last_pid"))).toBe(process.pid);
      expect(readU32(dataVar(".rodata", "target_pid"))).toBe(process.pid);
    } finally {
      c.close();
    }
  });

  it("maps pinned by name are created once and reused by the next load", () => {
    const bpffs = ensureBpffs();
    if (!bpffs.ok) return console.warn(`skipping: ${bpffs.message}`);
    const dir = mkdtempSync(`${bpffs.value}/tsbpf-`);
    const spec: CollectionSpec = {
      license: "GPL",
      maps: [
        { name: "shared", type: MapType.HASH, keySize: 4, valueSize: 4, maxEntries: 4, flags: 0, pinning: 1 },
      ],
      data: [],
      programs: [],
    };
    try {
      const a = must(loadCollection(spec, { pinPath: dir }));
      must(a.map("shared")!.update(u32Bytes(1), u32Bytes(11)));
      const b = must(loadCollection(spec, { pinPath: dir }));
      expect(must(b.map("shared")!.info()).id).toBe(must(a.map("shared")!.info()).id);
      expect(readU32(must(b.map("shared")!.lookup(u32Bytes(1)))!)).toBe(11);
      a.close();
      b.close();
      const other = loadCollection({ ...spec, maps: [{ ...spec.maps[0]!, valueSize: 8 }] }, { pinPath: dir });
      expect(other.ok ? "ok" : other.name).toBe("EINVAL");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("replaceMaps uses a map the caller owns and leaves it open", () => {
    const mine = must(
      KernelMap.create({
        type: MapType.PERCPU_ARRAY,
        keySize: 4,
        valueSize: 8,
        maxEntries: 256,
        name: "mine",
      }),
    );
    const c = must(loadCollection(specOf("xdp_parse"), { replaceMaps: { per_proto: mine } }));
    must(c.program("count_proto")!.testRun({ data: ipv4Packet(47) }));
    c.close();
    expect(mine.closed).toBe(false);
    const v = must(mine.lookup(u32Bytes(47)))!;
    let total = 0n;
    for (let cpu = 0; cpu < possibleCpus(); cpu++) total += readU64(v, cpu * 8);
    expect(total).toBe(1n);
    mine.close();
  });
});

/**
 * Differential against libbpf (through bpftool): the same committed object loaded by bpftool and
 * by tsbpf must give programs with the same tag — the kernel's hash of the instructions with map
 * fds blanked (kernel: bpf_prog_calc_tag) — so linking, subprogram order and relocation agree.
 */
const bpftool = avail.ok ? findTool("bpftool") : undefined;
if (avail.ok && !bpftool) console.warn("bpftool not installed: skipping the libbpf tag comparison");
const TAG_FIXTURES = readdirSync(OBJECT_DIR).filter((f) => f.endsWith(".o"));

describe.skipIf(!avail.ok || !bpftool)("program tags match libbpf's", () => {
  it.each(TAG_FIXTURES)("%s", (file) => {
    const bpffs = must(ensureBpffs());
    const dir = mkdtempSync(`${bpffs}/tsbpf-tags-`);
    try {
      try {
        execFileSync(bpftool!, ["prog", "loadall", `${OBJECT_DIR}/${file}`, dir], { stdio: "pipe" });
      } catch {
        console.log(`${file}: libbpf (bpftool) does not load it; nothing to compare`);
        return;
      }
      const theirs = new Map<string, string>();
      for (const pin of readdirSync(dir)) {
        const info = JSON.parse(
          execFileSync(bpftool!, ["-j", "prog", "show", "pinned", `${dir}/${pin}`], { encoding: "utf8" }),
        ) as {
          name: string;
          tag: string;
        };
        theirs.set(info.name, info.tag);
      }
      const fileSpec = loadCollectionSpec(new Uint8Array(readFileSync(`${OBJECT_DIR}/${file}`)), { file });
      if (!fileSpec.ok) throw new Error(`tsbpf cannot read ${file}`);
      const c = must(loadCollection(fileSpec.value));
      try {
        for (const p of fileSpec.value.programs) {
          const kernelName = p.name.slice(0, 15);
          if (!theirs.has(kernelName)) continue;
          if ((p.coreRelocations ?? []).length > 0) {
            console.log(
              `${file}/${p.name}: has CO-RE relocations, which tsbpf does not apply yet; tag not compared`,
            );
            continue;
          }
          expect(`${p.name} ${must(c.program(p.name)!.info()).tag}`).toBe(
            `${p.name} ${theirs.get(kernelName)}`,
          );
        }
      } finally {
        c.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
