import { error, type Diagnostic } from "../diag/diagnostic.js";
import {
  skipModifiers,
  skipModifiersAndTypedefs,
  typeSize,
  type Btf,
  type BtfComposite,
} from "../btf/index.js";
import { relocationsFor, SymbolType, type ElfFile, type ElfSection } from "../elf/index.js";
import { MapType, Pinning } from "../uapi/bpf.js";
import { ObjectCode } from "./codes.js";
import type { MapSpec } from "./spec.js";

/** A `.maps` variable: its spec and where it sits in the section (for relocations). */
export interface BtfMapPlacement {
  readonly spec: MapSpec;
  readonly offset: number;
  readonly size: number;
  /** Byte offset of the `values` member inside the definition, when it has one. */
  readonly valuesOffset?: number;
}

type Fields = {
  type?: number;
  maxEntries?: number;
  flags?: number;
  numaNode?: number;
  mapExtra?: number;
  pinning?: number;
  keySize?: number;
  valueSize?: number;
  keyType?: number;
  valueType?: number;
  inner?: MapSpec;
  valuesOffset?: number;
};

/**
 * Decodes one map definition struct the way libbpf's parse_btf_map_def does: `__uint(name, n)`
 * members are pointers to arrays of n elements, `__type(key, T)` members are pointers to T,
 * `__array(values, ...)` is a trailing zero-length array of pointers to an inner definition
 * (map-in-map) or to a function prototype (program array).
 */
function parseDefinition(
  btf: Btf,
  mapName: string,
  def: BtfComposite,
  isInner: boolean,
  fail: (message: string) => void,
): Fields | undefined {
  const f: Fields = {};
  const intField = (member: string, typeId: number): number | undefined => {
    const ptrId = skipModifiersAndTypedefs(btf, typeId);
    const ptr = ptrId === undefined ? undefined : btf.types[ptrId];
    if (!ptr || ptr.kind !== "ptr") {
      fail(
        `map '${mapName}': attr '${member}': expected a pointer (__uint), got ${ptr?.kind ?? "a bad type"}`,
      );
      return undefined;
    }
    const arr = btf.types[ptr.type];
    if (!arr || arr.kind !== "array") {
      fail(
        `map '${mapName}': attr '${member}': expected a pointer to an array, got a pointer to ${arr?.kind}`,
      );
      return undefined;
    }
    return arr.nelems;
  };
  for (let i = 0; i < def.members.length; i++) {
    const m = def.members[i]!;
    if (m.name === "") {
      fail(`map '${mapName}': member ${i} has no name`);
      return undefined;
    }
    switch (m.name) {
      case "type":
      case "max_entries":
      case "map_flags":
      case "numa_node":
      case "map_extra":
      case "pinning":
      case "key_size":
      case "value_size": {
        const v = intField(m.name, m.type);
        if (v === undefined) return undefined;
        if (m.name === "type") f.type = v;
        else if (m.name === "max_entries") f.maxEntries = v;
        else if (m.name === "map_flags") f.flags = v;
        else if (m.name === "numa_node") f.numaNode = v;
        else if (m.name === "map_extra") f.mapExtra = v;
        else if (m.name === "pinning") {
          if (v !== Pinning.NONE && v !== Pinning.BY_NAME) {
            fail(`map '${mapName}': pinning ${v} is neither LIBBPF_PIN_NONE (0) nor LIBBPF_PIN_BY_NAME (1)`);
            return undefined;
          }
          if (isInner && v !== Pinning.NONE) {
            fail(`map '${mapName}': an inner map definition cannot be pinned`);
            return undefined;
          }
          f.pinning = v;
        } else if (m.name === "key_size") {
          if (f.keySize !== undefined && f.keySize !== v) {
            fail(`map '${mapName}': key_size ${v} conflicts with the key type's ${f.keySize} bytes`);
            return undefined;
          }
          f.keySize = v;
        } else {
          if (f.valueSize !== undefined && f.valueSize !== v) {
            fail(`map '${mapName}': value_size ${v} conflicts with the value type's ${f.valueSize} bytes`);
            return undefined;
          }
          f.valueSize = v;
        }
        break;
      }
      case "key":
      case "value": {
        const ptrId = skipModifiersAndTypedefs(btf, m.type);
        const ptr = ptrId === undefined ? undefined : btf.types[ptrId];
        if (!ptr || ptr.kind !== "ptr") {
          fail(`map '${mapName}': ${m.name} must be a pointer (__type), got ${ptr?.kind ?? "a bad type"}`);
          return undefined;
        }
        const size = typeSize(btf, ptr.type);
        if (size === undefined) {
          fail(`map '${mapName}': cannot work out the size of the ${m.name} type (id ${ptr.type})`);
          return undefined;
        }
        const key = m.name === "key";
        const known = key ? f.keySize : f.valueSize;
        if (known !== undefined && known !== size) {
          fail(`map '${mapName}': ${m.name} type is ${size} bytes but ${m.name}_size says ${known}`);
          return undefined;
        }
        if (key) {
          f.keySize = size;
          f.keyType = ptr.type;
        } else {
          f.valueSize = size;
          f.valueType = ptr.type;
        }
        break;
      }
      case "values": {
        const isMapInMap = f.type === MapType.ARRAY_OF_MAPS || f.type === MapType.HASH_OF_MAPS;
        const isProgArray = f.type === MapType.PROG_ARRAY;
        if (!isMapInMap && !isProgArray) {
          fail(`map '${mapName}': 'values' needs a map-in-map or program array type (declare 'type' first)`);
          return undefined;
        }
        if (isInner) {
          fail(`map '${mapName}': an inner map definition cannot have 'values'`);
          return undefined;
        }
        if (i !== def.members.length - 1) {
          fail(`map '${mapName}': 'values' must be the last member`);
          return undefined;
        }
        const arrId = skipModifiers(btf, m.type);
        const arr = arrId === undefined ? undefined : btf.types[arrId];
        if (!arr || arr.kind !== "array" || arr.nelems !== 0) {
          fail(`map '${mapName}': 'values' must be a zero-length array`);
          return undefined;
        }
        const ptrId = skipModifiersAndTypedefs(btf, arr.elemType);
        const ptr = ptrId === undefined ? undefined : btf.types[ptrId];
        if (!ptr || ptr.kind !== "ptr") {
          fail(`map '${mapName}': 'values' must be an array of pointers`);
          return undefined;
        }
        const targetId = skipModifiersAndTypedefs(btf, ptr.type);
        const target = targetId === undefined ? undefined : btf.types[targetId];
        if (isProgArray) {
          if (!target || target.kind !== "func_proto") {
            fail(`map '${mapName}': program array 'values' must point to a function prototype`);
            return undefined;
          }
        } else {
          if (!target || target.kind !== "struct") {
            fail(`map '${mapName}': map-in-map 'values' must point to a map definition struct`);
            return undefined;
          }
          const innerName = `${mapName}.inner`;
          const inner = parseDefinition(btf, innerName, target, true, fail);
          if (!inner) return undefined;
          const spec = toSpec(innerName, inner, fail);
          if (!spec) return undefined;
          f.inner = spec;
        }
        if (f.valueSize !== undefined && f.valueSize !== 4) {
          fail(`map '${mapName}': value_size must be 4 for a map with 'values', not ${f.valueSize}`);
          return undefined;
        }
        f.valueSize = 4;
        f.valuesOffset = m.bitOffset / 8;
        break;
      }
      default:
        // libbpf ignores unknown members unless in strict mode; so do we.
        break;
    }
  }
  return f;
}

function toSpec(name: string, f: Fields, fail: (message: string) => void): MapSpec | undefined {
  if (f.type === undefined || f.type === MapType.UNSPEC) {
    fail(`map '${name}': no map type (add __uint(type, BPF_MAP_TYPE_...))`);
    return undefined;
  }
  return {
    name,
    type: f.type,
    keySize: f.keySize ?? 0,
    valueSize: f.valueSize ?? 0,
    maxEntries: f.maxEntries ?? 0,
    flags: f.flags ?? 0,
    ...(f.pinning !== undefined ? { pinning: f.pinning } : {}),
    ...(f.keyType !== undefined ? { keyType: f.keyType } : {}),
    ...(f.valueType !== undefined ? { valueType: f.valueType } : {}),
    ...(f.inner ? { inner: f.inner } : {}),
    ...(f.mapExtra !== undefined ? { mapExtra: f.mapExtra } : {}),
    ...(f.numaNode !== undefined ? { numaNode: f.numaNode } : {}),
  };
}

/**
 * Reads the BTF-defined maps of `.maps` (libbpf bpf_object__init_user_btf_maps): one per VAR of
 * the `.maps` DATASEC, placed by the variable's ELF symbol.
 */
export function readBtfMaps(
  file: ElfFile,
  section: ElfSection,
  btf: Btf,
  diagnostics: Diagnostic[],
): BtfMapPlacement[] {
  const at = { byteOffset: section.headerOffset };
  const datasec = btf.types.find((t) => t.kind === "datasec" && t.name === ".maps");
  if (!datasec || datasec.kind !== "datasec") {
    diagnostics.push(error(ObjectCode.BAD_BTF_MAP, "section '.maps' has no DATASEC '.maps' in BTF", at));
    return [];
  }
  const out: BtfMapPlacement[] = [];
  for (const vi of datasec.vars) {
    const v = btf.types[vi.type];
    if (!v || v.kind !== "var") {
      diagnostics.push(error(ObjectCode.BAD_BTF_MAP, `DATASEC '.maps' entry ${vi.type} is not a VAR`, at));
      continue;
    }
    const problem = (message: string) => diagnostics.push(error(ObjectCode.BAD_BTF_MAP, message, at));
    const defId = skipModifiersAndTypedefs(btf, v.type);
    const def = defId === undefined ? undefined : btf.types[defId];
    if (!def || def.kind !== "struct") {
      problem(`map '${v.name}': its definition is a ${def?.kind ?? "bad type"}, not a struct`);
      continue;
    }
    // clang may leave DATASEC offsets for libbpf to fix up from the symbol (btf_fixup_datasec).
    const sym = file.symbols.find(
      (s) => s.sectionIndex === section.index && s.name === v.name && s.type !== SymbolType.SECTION,
    );
    const offset = sym ? sym.value : vi.offset;
    const fields = parseDefinition(btf, v.name, def, false, problem);
    if (!fields) continue;
    const spec = toSpec(v.name, fields, problem);
    if (!spec) continue;
    out.push({
      spec,
      offset,
      size: sym?.size || def.size,
      ...(fields.valuesOffset !== undefined ? { valuesOffset: fields.valuesOffset } : {}),
    });
  }
  return out;
}

/**
 * Initial `values` from `.rel.maps` (libbpf bpf_object__collect_map_relos): each 8-byte slot of a
 * map's `values` array that a relocation fills names a program (program arrays) or another map
 * (map-in-map); the slot index is the key.
 */
export function attachInitialValues(
  file: ElfFile,
  section: ElfSection,
  placements: BtfMapPlacement[],
  diagnostics: Diagnostic[],
): BtfMapPlacement[] {
  const values = new Map<BtfMapPlacement, Array<{ key: number; symbol: string }>>();
  for (const r of relocationsFor(file, section.index)) {
    const sym = file.symbols[r.symbolIndex]!;
    const at = { byteOffset: section.offset + r.offset };
    const p = placements.find((m) => r.offset >= m.offset && r.offset < m.offset + m.size);
    if (!p || p.valuesOffset === undefined) {
      diagnostics.push(
        error(
          ObjectCode.UNKNOWN_MAP,
          `relocation at '.maps'+${r.offset} (${sym.name}) is not inside a map's 'values'`,
          at,
        ),
      );
      continue;
    }
    const rel = r.offset - p.offset - p.valuesOffset;
    if (rel < 0 || rel % 8 !== 0) {
      diagnostics.push(
        error(
          ObjectCode.BAD_RELOCATION,
          `map '${p.spec.name}': 'values' relocation at ${r.offset} is not a pointer slot`,
          at,
        ),
      );
      continue;
    }
    const key = rel / 8;
    if (key >= p.spec.maxEntries) {
      diagnostics.push(
        error(
          ObjectCode.BAD_RELOCATION,
          `map '${p.spec.name}': initial value at slot ${key} is past max_entries ${p.spec.maxEntries}`,
          at,
        ),
      );
      continue;
    }
    const isProgArray = p.spec.type === MapType.PROG_ARRAY;
    const targetSection = file.sections[sym.sectionIndex];
    const ok = isProgArray
      ? sym.type === SymbolType.FUNC
      : targetSection?.index === section.index && sym.type !== SymbolType.SECTION;
    if (!ok) {
      diagnostics.push(
        error(
          ObjectCode.UNKNOWN_MAP,
          `map '${p.spec.name}': slot ${key} points at '${sym.name}', which is not a ${isProgArray ? "program" : "map in .maps"}`,
          at,
        ),
      );
      continue;
    }
    const list = values.get(p) ?? [];
    list.push({ key, symbol: sym.name });
    values.set(p, list);
  }
  return placements.map((p) => {
    const v = values.get(p);
    return v ? { ...p, spec: { ...p.spec, initialValues: v.sort((a, b) => a.key - b.key) } } : p;
  });
}
