import { describe, expect, it } from "vitest";
import { readBtf, type Btf, type BtfComposite, type BtfType } from "../../runtime/btf/index.js";
import { readElf, sectionByName, SectionType } from "../../runtime/elf/index.js";
import { readBtfMaps } from "../../runtime/object/btf-maps.js";
import { loadCollectionSpec, ObjectCode } from "../../runtime/object/index.js";
import type { Diagnostic } from "../../runtime/diag/diagnostic.js";
import { committedObject, OBJECT_FIXTURES } from "./fixtures.js";

/**
 * Objects that are valid ELF but not loadable the way libbpf would load them: each is a real
 * fixture with one field changed, and must produce the listed TSB036x code.
 */
const fixture = (name: string) =>
  committedObject(OBJECT_FIXTURES.find((f) => f.name === name && f.cpu === "v3")!);

function edited(name: string, edit: (v: DataView, elf: ReturnType<typeof parse>) => void): Uint8Array {
  const bytes = fixture(name).slice();
  edit(new DataView(bytes.buffer), parse(bytes));
  return bytes;
}
function parse(bytes: Uint8Array) {
  const r = readElf(bytes);
  if (!r.ok) throw new Error("fixture");
  return r.value;
}
const symbolAt = (elf: ReturnType<typeof parse>, name: string) => {
  const symtab = elf.sections.find((s) => s.type === SectionType.SYMTAB)!;
  return symtab.offset + elf.symbols.find((s) => s.name === name)!.index * 24;
};

const firstDiagnostic = (r: ReturnType<typeof loadCollectionSpec>): Diagnostic => {
  if (r.ok) throw new Error("expected a refusal");
  return r.diagnostics[0]!;
};
const codes = (r: ReturnType<typeof loadCollectionSpec>) => (r.ok ? [] : r.diagnostics.map((d) => d.code));

describe("object-level problems", () => {
  it("a static program (libbpf: 'program is static and not supported')", () => {
    const bytes = edited("tracepoint_hash", (v, elf) => v.setUint8(symbolAt(elf, "on_openat") + 4, 0x02)); // STB_LOCAL, STT_FUNC
    expect(codes(loadCollectionSpec(bytes))).toEqual([ObjectCode.BAD_PROGRAM]);
  });

  it("'.maps' without BTF", () => {
    const bytes = edited("tracepoint_hash", (v, elf) => {
      const btf = sectionByName(elf, ".BTF")!;
      v.setUint32(btf.headerOffset, v.getUint32(btf.headerOffset, true) + 1, true); // ".BTF" → "BTF"
    });
    expect(codes(loadCollectionSpec(bytes))).toContain(ObjectCode.MISSING_BTF);
  });

  it("a map relocation moved onto a helper call", () => {
    const bytes = edited("tracepoint_hash", (v, elf) => {
      const rel = elf.relocations.find((r) => elf.sections[r.target]!.name.startsWith("tracepoint"))!;
      v.setBigUint64(elf.sections[rel.index]!.offset, 8n, true); // slot 1: `call bpf_get_current_pid_tgid`? any non-lddw
    });
    const r = loadCollectionSpec(bytes);
    expect(codes(r)).toEqual([ObjectCode.BAD_RELOCATION]);
    expect(firstDiagnostic(r).byteOffset).toBeGreaterThan(0);
  });

  it("a BPF-to-BPF call into the middle of a function", () => {
    const bytes = edited("subprogs", (v, elf) => {
      // add_square's `call 2` (slot 2 of .text) → `call 1`, which lands on add_square's exit.
      const text = sectionByName(elf, ".text")!;
      expect(v.getInt32(text.offset + 2 * 8 + 4, true)).toBe(2);
      v.setInt32(text.offset + 2 * 8 + 4, 1, true);
    });
    expect(codes(loadCollectionSpec(bytes))).toContain(ObjectCode.BAD_CALL_TARGET);
  });

  it("an invalid instruction in a program section is the decoder's diagnostic", () => {
    const bytes = edited("socket_filter", (v, elf) => v.setUint8(sectionByName(elf, "socket")!.offset, 0xff));
    const r = loadCollectionSpec(bytes);
    expect(codes(r)).toEqual(["TSB0102"]);
    expect(firstDiagnostic(r).byteOffset).toBe(
      parse(fixture("socket_filter")).sections.find((s) => s.name === "socket")!.offset,
    );
  });

  it("a function symbol that runs past its section", () => {
    const bytes = edited("socket_filter", (v, elf) =>
      v.setBigUint64(symbolAt(elf, "keep_tcp") + 16, 4096n, true),
    );
    expect(codes(loadCollectionSpec(bytes))).toEqual([ObjectCode.BAD_FUNCTION]);
  });

  it("a huge .bss", () => {
    const bytes = edited("globals", (v, elf) =>
      v.setBigUint64(sectionByName(elf, ".bss")!.headerOffset + 32, 1n << 40n, true),
    );
    expect(codes(loadCollectionSpec(bytes))).toEqual([ObjectCode.DATA_TOO_LARGE]);
  });
});

describe("BTF map definitions libbpf's parse_btf_map_def rejects", () => {
  const elf = parse(fixture("map_values"));
  const maps = sectionByName(elf, ".maps")!;
  const btfResult = readBtf(sectionByName(elf, ".BTF")!.data);
  if (!btfResult.ok) throw new Error("btf");
  const btf = btfResult.value;
  /** Rewrites the definition struct of map `name` in an in-memory copy of the BTF. */
  const withDef = (name: string, change: (def: BtfComposite, types: BtfType[]) => BtfComposite): Btf => {
    const types = btf.types.slice();
    const v = types.find((t) => t.kind === "var" && t.name === name) as { type: number };
    let id = v.type;
    while (types[id]!.kind !== "struct") id = (types[id] as { type: number }).type;
    types[id] = change(types[id] as BtfComposite, types);
    return { types };
  };
  const run = (b: Btf) => {
    const diagnostics: Diagnostic[] = [];
    const placements = readBtfMaps(elf, maps, b, diagnostics);
    return { placements, messages: diagnostics.map((d) => `${d.code} ${d.message}`) };
  };

  it("the unchanged definitions parse", () => {
    const { placements, messages } = run(btf);
    expect(messages).toEqual([]);
    expect(placements.map((p) => p.spec.name)).toEqual(["inner_a", "inner_b", "outer", "jumps", "pinned"]);
  });

  const cases: Array<[string, string, (def: BtfComposite, types: BtfType[]) => BtfComposite, RegExp]> = [
    [
      "no type",
      "pinned",
      (d) => ({ ...d, members: d.members.filter((m) => m.name !== "type") }),
      /no map type/,
    ],
    [
      "pinning 2",
      "pinned",
      (d, types) => {
        const m = d.members.find((x) => x.name === "pinning")!;
        const ptr = types[m.type] as { type: number };
        types[ptr.type] = { ...(types[ptr.type] as Extract<BtfType, { kind: "array" }>), nelems: 2 };
        return d;
      },
      /pinning 2/,
    ],
    [
      "key_size that contradicts the key type",
      "outer",
      (d) => ({
        ...d,
        members: [{ ...d.members.find((m) => m.name === "max_entries")!, name: "key_size" }, ...d.members],
      }),
      /key type is 4 bytes but key_size says 3|key_size 3/,
    ],
    ["values not last", "jumps", (d) => ({ ...d, members: [...d.members.slice().reverse()] }), /'values'/],
    [
      "an integer attribute that is not a pointer",
      "pinned",
      (d) => ({ ...d, members: d.members.map((m) => (m.name === "max_entries" ? { ...m, type: 0 } : m)) }),
      /expected a pointer/,
    ],
  ];
  for (const [what, map, change, message] of cases) {
    it(what, () => {
      const { messages } = run(withDef(map, change));
      expect(messages.length).toBe(1);
      expect(messages[0]).toMatch(new RegExp(`^${ObjectCode.BAD_BTF_MAP} `));
      expect(messages[0]).toMatch(message);
    });
  }

  it("unknown members are ignored, as libbpf does outside strict mode", () => {
    const { messages, placements } = run(
      withDef("pinned", (d) => ({
        ...d,
        members: [...d.members, { ...d.members[0]!, name: "future_field" }],
      })),
    );
    expect(messages).toEqual([]);
    expect(placements.find((p) => p.spec.name === "pinned")!.spec.maxEntries).toBe(64);
  });
});
