import type { BpfMap } from "../maps/types.js";
import type { Relocation } from "../object/spec.js";
import { splitAddress } from "../vm/address.js";
import type { Memory, Region } from "../vm/memory.js";
import type { KernelState } from "./kernel.js";

/** Shared data of an object: global sections by name (the same bytes for every program). */
export interface SharedSection {
  readonly bytes: Uint8Array;
  readonly readOnly: boolean;
}

export interface InstalledObjects {
  readonly maps: ReadonlyMap<string, Region>;
  readonly sections: ReadonlyMap<string, Region>;
}

/**
 * Puts an object's maps and global sections into a VM's memory, the way the kernel gives every
 * program of an object the same map pointers and global data (libbpf's internal .data/.bss maps):
 *
 * - each map is a zero-byte region named `map:<name>`: `lddw r1, MAP_FD` yields its address,
 *   which the helpers turn back into the map, and which the program cannot dereference (any load
 *   or store is out of bounds, as the verifier refuses CONST_PTR_TO_MAP accesses);
 * - each global section (.data, .bss, .rodata, ...) is a region over the SAME bytes in every VM,
 *   so programs of one object and the JavaScript side share globals.
 *
 * Regions are added in one fixed order on the first relocation of a VM, so every VM of an object
 * has them at the same indices — which tail calls need, since the callee runs in the caller's
 * memory.
 */
export class ObjectMemory {
  private readonly installed = new WeakMap<Memory, InstalledObjects>();
  readonly kernel: KernelState;
  readonly sections: ReadonlyMap<string, SharedSection>;

  constructor(kernel: KernelState, sections: ReadonlyMap<string, SharedSection> = new Map()) {
    this.kernel = kernel;
    this.sections = sections;
  }

  install(mem: Memory): InstalledObjects {
    const known = this.installed.get(mem);
    if (known) return known;
    const maps = new Map<string, Region>();
    for (const [name, map] of this.kernel.maps) {
      const r = mem.add(new Uint8Array(0), { kind: "other", name: `map:${name}`, writable: false });
      this.kernel.mapRegions.set(r, map);
      maps.set(name, r);
    }
    const sections = new Map<string, Region>();
    for (const [name, s] of this.sections) {
      const kind =
        s.readOnly || name.startsWith(".rodata") ? "rodata" : name.startsWith(".bss") ? "bss" : "data";
      sections.set(name, mem.add(s.bytes, { kind, name, writable: !s.readOnly }));
    }
    const result = { maps, sections };
    this.installed.set(mem, result);
    return result;
  }

  /** A `resolveRelocation` for createVm: maps and global data; other kinds are left to the caller. */
  resolve(rel: Relocation, mem: Memory): bigint | undefined {
    const t = rel.target;
    if (t.kind !== "map" && t.kind !== "mapValue") return undefined;
    const objects = this.install(mem);
    if (t.kind === "map") return objects.maps.get(t.map)?.address(0);
    return objects.sections.get(t.map)?.address(t.offset);
  }
}

/** The map a helper argument points to: a map handle's address (offset 0), else undefined. */
export function mapAt(kernel: KernelState, mem: Memory, addr: bigint): BpfMap | undefined {
  const r = mem.regionAt(addr);
  if (!r || splitAddress(addr).offset !== 0) return undefined;
  return kernel.mapRegions.get(r);
}
