import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readBtf, type Btf } from "../../runtime/btf/index.js";
import { readElf, sectionByName } from "../../runtime/elf/index.js";
import {
  committedObject,
  committedPath,
  compileFixture,
  findTool,
  fixtureId,
  OBJECT_FIXTURES,
} from "../elf/fixtures.js";
import { toBpftoolJson, type BpftoolType } from "./bpftool-json.js";

/**
 * Differential test of the BTF reader against bpftool (libbpf's parser): every type of every
 * fixture's `.BTF`, and of the running kernel's /sys/kernel/btf/vmlinux, must match
 * `bpftool -j btf dump file` field by field.
 */
const bpftool = findTool("bpftool");
if (!bpftool) console.log("btf: bpftool not found; differential BTF tests skipped");
const VMLINUX = "/sys/kernel/btf/vmlinux";
const hasVmlinux = existsSync(VMLINUX);
if (!hasVmlinux) console.log(`btf: ${VMLINUX} absent; vmlinux BTF tests skipped`);

function bpftoolTypes(path: string): BpftoolType[] {
  const out = execFileSync(bpftool!, ["-j", "btf", "dump", "file", path], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  return (JSON.parse(out) as { types: BpftoolType[] }).types;
}

function compare(btf: Btf, expected: BpftoolType[]) {
  expect(btf.types.length - 1).toBe(expected.length);
  const mine = btf.types.slice(1).map((t, i) => toBpftoolJson(i + 1, t));
  // One toEqual over 100k types prints unreadably on failure; report the first differing type.
  for (let i = 0; i < expected.length; i++) {
    if (JSON.stringify(mine[i]) !== JSON.stringify(expected[i])) expect(mine[i]).toEqual(expected[i]);
  }
}

function objectBtf(bytes: Uint8Array): Btf {
  const elf = readElf(bytes);
  if (!elf.ok) throw new Error(elf.diagnostics[0]!.message);
  const btf = readBtf(sectionByName(elf.value, ".BTF")!.data);
  if (!btf.ok) throw new Error(btf.diagnostics[0]!.message);
  return btf.value;
}

describe("BTF reader against bpftool", () => {
  for (const f of OBJECT_FIXTURES) {
    it.skipIf(!bpftool)(`${fixtureId(f)} .BTF`, () => {
      compare(objectBtf(committedObject(f)), bpftoolTypes(committedPath(f)));
    });
  }

  it.skipIf(!bpftool || !findTool("clang", 14))("fresh clang object (subprogs.v3)", () => {
    const built = compileFixture(OBJECT_FIXTURES.find((f) => f.name === "subprogs")!);
    if ("skip" in built) return;
    compare(objectBtf(new Uint8Array(readFileSync(built.path))), bpftoolTypes(built.path));
  });

  it.skipIf(!bpftool || !hasVmlinux)("/sys/kernel/btf/vmlinux (every kind the kernel uses)", () => {
    const r = readBtf(new Uint8Array(readFileSync(VMLINUX)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const kinds = new Set(r.value.types.map((t) => t.kind));
    for (const k of [
      "int",
      "ptr",
      "array",
      "struct",
      "union",
      "enum",
      "enum64",
      "fwd",
      "typedef",
      "func",
      "func_proto",
      "var",
      "datasec",
    ])
      expect(kinds, k).toContain(k);
    compare(r.value, bpftoolTypes(VMLINUX));
  });
});
