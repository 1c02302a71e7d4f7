import {
  ELF64_EHDR_SIZE,
  ELF64_REL_SIZE,
  ELF64_SHDR_SIZE,
  ELF64_SYM_SIZE,
  ELFCLASS64,
  ELFDATA2LSB,
  ELF_MAGIC,
  EM_BPF,
  ElfType,
  EV_CURRENT,
  SectionType,
  SHN_ABS,
  SymbolBind,
  SymbolType,
} from "../../runtime/elf/index.js";

/**
 * A relocatable ELF64 little-endian image built section by section (System V gABI ch. 4), laid
 * out the way LLVM's ELF writer does for BPF: one `.strtab` (index 1) holding section and symbol
 * names, section contents in index order after the 64-byte header, `.symtab` with every local
 * symbol before the first global (sh_info), REL sections linked to `.symtab`, and the section
 * header table last. Symbol indexes are assigned when the image is written, so relocations name
 * symbols by handle.
 */

/** SHF_INFO_LINK: sh_info of a REL section holds the index of the section it applies to. */
const SHF_INFO_LINK = 0x40;

export interface SectionInit {
  readonly name: string;
  readonly type: number;
  readonly flags: number;
  readonly align: number;
  /** Contents; for SHT_NOBITS only `size` counts. */
  readonly data?: Uint8Array;
  readonly size?: number;
  readonly entsize?: number;
}

export interface ElfSymbolHandle {
  readonly name: string;
  readonly type: number;
  readonly bind: number;
  /** Section index, or SHN_ABS. */
  readonly section: number;
  readonly value: number;
  readonly size: number;
  /** Locals are written in order of this key (FILE, section symbols, then functions), as LLVM does. */
  readonly order: number;
}

export interface RelocationEntry {
  readonly offset: number;
  readonly symbol: ElfSymbolHandle;
  readonly type: number;
}

interface Section extends SectionInit {
  readonly index: number;
  link: number;
  info: number;
  /** Entries of a REL section, encoded when the symbol table is final. */
  relocations?: RelocationEntry[];
}

export class ElfImage {
  private readonly sections: Section[] = [];
  private readonly symbols: ElfSymbolHandle[] = [];
  private readonly sectionSymbols = new Map<number, ElfSymbolHandle>();
  private strtabIndex = 0;

  constructor() {
    this.sections.push({ name: "", type: SectionType.NULL, flags: 0, align: 0, index: 0, link: 0, info: 0 });
    this.strtabIndex = this.addSection({ name: ".strtab", type: SectionType.STRTAB, flags: 0, align: 1 });
  }

  addSection(init: SectionInit): number {
    const index = this.sections.length;
    this.sections.push({ ...init, index, link: 0, info: 0 });
    return index;
  }

  /** Sets the contents of a section added earlier (code is encoded once symbols exist). */
  setData(index: number, data: Uint8Array): void {
    const s = this.sections[index]!;
    this.sections[index] = { ...s, data };
  }

  /** A `.rel<name>` section for `target` (clang: `.reltracepoint/...`, `.rel.text`). */
  addRelocationSection(target: number, entries: RelocationEntry[]): number {
    const t = this.sections[target]!;
    const index = this.addSection({
      name: `.rel${t.name}`,
      type: SectionType.REL,
      flags: SHF_INFO_LINK,
      align: 8,
      entsize: ELF64_REL_SIZE,
    });
    const s = this.sections[index]!;
    s.info = target;
    s.relocations = entries;
    return index;
  }

  addSymbol(init: Omit<ElfSymbolHandle, "order"> & { order?: number }): ElfSymbolHandle {
    const sym: ElfSymbolHandle = { ...init, order: init.order ?? 3 };
    this.symbols.push(sym);
    return sym;
  }

  /** The STT_SECTION symbol of a section (relocations against static functions and data use it). */
  sectionSymbol(section: number): ElfSymbolHandle {
    let sym = this.sectionSymbols.get(section);
    if (!sym) {
      sym = this.addSymbol({
        name: "",
        type: SymbolType.SECTION,
        bind: SymbolBind.LOCAL,
        section,
        value: 0,
        size: 0,
        order: 1,
      });
      this.sectionSymbols.set(section, sym);
    }
    return sym;
  }

  fileSymbol(name: string): ElfSymbolHandle {
    return this.addSymbol({
      name,
      type: SymbolType.FILE,
      bind: SymbolBind.LOCAL,
      section: SHN_ABS,
      value: 0,
      size: 0,
      order: 0,
    });
  }

  /** Writes the image; `.symtab` is appended as the last section. */
  toBytes(): Uint8Array {
    // Locals first (gABI: sh_info of .symtab is one past the last local); sort is stable.
    const locals = this.symbols
      .filter((s) => s.bind === SymbolBind.LOCAL)
      .sort((a, b) => a.order - b.order || (a.order === 1 ? a.section - b.section : 0));
    const globals = this.symbols.filter((s) => s.bind !== SymbolBind.LOCAL);
    const ordered = [...locals, ...globals];
    const symIndex = new Map<ElfSymbolHandle, number>(ordered.map((s, i) => [s, i + 1]));

    const symtabIndex = this.sections.length;
    const symtab: Section = {
      name: ".symtab",
      type: SectionType.SYMTAB,
      flags: 0,
      align: 8,
      entsize: ELF64_SYM_SIZE,
      index: symtabIndex,
      link: this.strtabIndex,
      info: locals.length + 1,
    };
    const sections = [...this.sections.map((s) => ({ ...s })), symtab];

    // String table: section names, then symbol names, each once.
    const strOffsets = new Map<string, number>([["", 0]]);
    const strChunks: Uint8Array[] = [new Uint8Array(1)];
    let strLen = 1;
    const enc = new TextEncoder();
    const str = (s: string): number => {
      const known = strOffsets.get(s);
      if (known !== undefined) return known;
      const b = enc.encode(s);
      const chunk = new Uint8Array(b.length + 1);
      chunk.set(b);
      strOffsets.set(s, strLen);
      strChunks.push(chunk);
      strLen += chunk.length;
      return strOffsets.get(s)!;
    };
    const nameOff = sections.map((s) => str(s.name));
    const symNameOff = ordered.map((s) => str(s.name));

    const symData = new Uint8Array((ordered.length + 1) * ELF64_SYM_SIZE);
    const sv = new DataView(symData.buffer);
    ordered.forEach((s, i) => {
      const p = (i + 1) * ELF64_SYM_SIZE;
      sv.setUint32(p, symNameOff[i]!, true);
      symData[p + 4] = (s.bind << 4) | (s.type & 0xf);
      symData[p + 5] = 0; // STV_DEFAULT
      sv.setUint16(p + 6, s.section, true);
      sv.setBigUint64(p + 8, BigInt(s.value), true);
      sv.setBigUint64(p + 16, BigInt(s.size), true);
    });
    const contents = new Map<number, Uint8Array>([[symtabIndex, symData]]);

    for (const s of sections) {
      if (!s.relocations) continue;
      s.link = symtabIndex;
      const data = new Uint8Array(s.relocations.length * ELF64_REL_SIZE);
      const v = new DataView(data.buffer);
      s.relocations.forEach((r, i) => {
        const sym = symIndex.get(r.symbol);
        if (sym === undefined) throw new Error(`relocation names a symbol that is not in the table`);
        v.setBigUint64(i * ELF64_REL_SIZE, BigInt(r.offset), true);
        v.setBigUint64(i * ELF64_REL_SIZE + 8, (BigInt(sym) << 32n) | BigInt(r.type), true);
      });
      contents.set(s.index, data);
    }
    const strData = new Uint8Array(strLen);
    let q = 0;
    for (const c of strChunks) {
      strData.set(c, q);
      q += c.length;
    }
    contents.set(this.strtabIndex, strData);

    // Lay out contents after the header, each at its alignment.
    const offsets: number[] = [];
    const sizes: number[] = [];
    let pos = ELF64_EHDR_SIZE;
    for (const s of sections) {
      const data = contents.get(s.index) ?? s.data ?? new Uint8Array(0);
      const size = s.type === SectionType.NOBITS ? (s.size ?? 0) : data.length;
      if (s.index === 0) {
        offsets.push(0);
        sizes.push(0);
        continue;
      }
      if (s.align > 1) pos = Math.ceil(pos / s.align) * s.align;
      offsets.push(pos);
      sizes.push(size);
      if (s.type !== SectionType.NOBITS) pos += data.length;
    }
    const shoff = Math.ceil(pos / 8) * 8;
    const total = shoff + sections.length * ELF64_SHDR_SIZE;
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);

    out.set(ELF_MAGIC, 0);
    out[4] = ELFCLASS64;
    out[5] = ELFDATA2LSB;
    out[6] = EV_CURRENT;
    view.setUint16(16, ElfType.REL, true);
    view.setUint16(18, EM_BPF, true);
    view.setUint32(20, EV_CURRENT, true);
    view.setBigUint64(40, BigInt(shoff), true);
    view.setUint16(52, ELF64_EHDR_SIZE, true);
    view.setUint16(58, ELF64_SHDR_SIZE, true);
    view.setUint16(60, sections.length, true);
    view.setUint16(62, this.strtabIndex, true);

    for (const s of sections) {
      const data = contents.get(s.index) ?? s.data;
      if (data && s.type !== SectionType.NOBITS) out.set(data, offsets[s.index]!);
      const h = shoff + s.index * ELF64_SHDR_SIZE;
      view.setUint32(h, nameOff[s.index]!, true);
      view.setUint32(h + 4, s.type, true);
      view.setBigUint64(h + 8, BigInt(s.flags), true);
      view.setBigUint64(h + 24, BigInt(offsets[s.index]!), true);
      view.setBigUint64(h + 32, BigInt(sizes[s.index]!), true);
      view.setUint32(h + 40, s.link, true);
      view.setUint32(h + 44, s.info, true);
      view.setBigUint64(h + 48, BigInt(s.align), true);
      view.setBigUint64(h + 56, BigInt(s.entsize ?? 0), true);
    }
    return out;
  }
}
