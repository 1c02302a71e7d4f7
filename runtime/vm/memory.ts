import { GUARD_BASE, MAX_REGION_BYTES, TAG_BASE, addressOf, hexAddress, regionIndexOfHi } from "./address.js";
import { VmCode } from "./codes.js";
import { VmFaultSignal, type FaultInfo } from "./fault.js";

/** What a region of program memory holds; it decides the fault messages and the default rights. */
export type RegionKind =
  | "ctx"
  | "stack"
  | "packet"
  | "packet_meta"
  | "map_value"
  | "ringbuf_record"
  | "rodata"
  | "data"
  | "bss"
  | "mem"
  | "other";

/**
 * Per-context access policy (kernel: each program type's `is_valid_access` and
 * `convert_ctx_access`). Any region may have one; the context usually does.
 */
export interface AccessPolicy {
  /** Refuse an access with a message, or accept it (undefined). */
  check?(offset: number, size: number, write: boolean): string | undefined;
  /**
   * Value of a load that the kernel rewrites into something else, e.g. `xdp_md.data` (a u32 field
   * in uapi) that the program receives as a packet pointer. Undefined = plain memory read.
   */
  load?(offset: number, size: number): bigint | undefined;
  /**
   * Faster form of `load` for hot context fields: write the value's low and high int32 halves to
   * out[0] and out[1] and return true, or return false for a plain memory read.
   */
  loadInto?(offset: number, size: number, out: Int32Array): boolean;
}

export interface RegionOptions {
  readonly kind: RegionKind;
  /** Shown in faults; defaults to the kind. */
  readonly name?: string;
  /** Default: everything but ctx and rodata is writable. */
  readonly writable?: boolean;
  readonly policy?: AccessPolicy;
}

export class Region {
  readonly index: number;
  readonly kind: RegionKind;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly size: number;
  readonly writable: boolean;
  readonly policy: AccessPolicy | undefined;
  /** Loads may bypass the slow path (no policy, not released). */
  fastLoad: boolean;
  /** Stores may bypass the slow path (writable, no policy, not released). */
  fastStore: boolean;
  released = false;

  /** Whether `add(bytes, options)` would build a region equal to this one (see Memory.add). */
  sameAs(bytes: Uint8Array, options: RegionOptions): boolean {
    // `length`, not `byteLength` (the same for a Uint8Array): V8 11's byteLength getter costs
    // about 14 ns, a tenth of a short run
    if (this.bytes === bytes && this.options === options && this.size === bytes.length) return true;
    return (
      this.bytes === bytes &&
      this.size === bytes.length &&
      this.kind === options.kind &&
      this.name === (options.name ?? options.kind) &&
      this.policy === options.policy &&
      this.writable === (options.writable ?? !(options.kind === "rodata" || options.kind === "ctx"))
    );
  }

  /** Makes a dropped region usable again (its rights as when it was created). */
  revive(): void {
    this.released = false;
    this.fastLoad = this.policy === undefined;
    this.fastStore = this.fastLoad && this.writable;
  }

  /** The options it was made with (sameAs compares them by identity first). */
  private readonly options: RegionOptions;

  constructor(index: number, bytes: Uint8Array, options: RegionOptions) {
    this.options = options;
    this.index = index;
    this.kind = options.kind;
    this.name = options.name ?? options.kind;
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.size = bytes.byteLength;
    this.writable = options.writable ?? !(options.kind === "rodata" || options.kind === "ctx");
    this.policy = options.policy;
    this.fastLoad = this.policy === undefined;
    this.fastStore = this.fastLoad && this.writable;
  }

  /** Low half of the address of `offset` in this region (the high half is `tag`). */
  lowAddress(offset = 0): number {
    return (GUARD_BASE + offset) | 0;
  }

  /** The 64-bit address of `offset` in this region. */
  address(offset = 0): bigint {
    return addressOf(this.index, offset);
  }

  /** The high half (tag) of every address in this region. */
  get tag(): number {
    return TAG_BASE + this.index;
  }
}

/** Result of resolving an address for an access: the region and the checked offset. */
export interface Resolved {
  readonly region: Region;
  readonly offset: number;
}

/**
 * Program memory: a table of regions indexed by the tag of a pointer. Regions can be added and
 * released during a run (ring-buffer records, map values handed out by lookups). Every access —
 * by the program in either tier or by a helper through `read`/`write` — is checked for region,
 * bounds and rights; a bad one raises a fault, never a silent zero.
 */
export class Memory {
  /** By index; index 0 is never used so that the first tag is never valid by accident. */
  readonly regions: (Region | undefined)[] = [undefined];
  private readonly byBytes = new Map<Uint8Array, Region>();
  /**
   * Counts writes through this object's methods (helpers, run setup, slow-path stores); the VM
   * uses it to know whether a run left its stack as it found it.
   */
  writes = 0;
  /** Regions dropped by `truncate`, by index, so that the next run can take them back. */
  private readonly dropped: (Region | undefined)[] = [];

  /**
   * Drops every region added after the first `keep` (the VM keeps stacks and globals across
   * runs and drops per-run regions such as the context, the packet and map values).
   */
  truncate(keep: number): void {
    for (let i = keep; i < this.regions.length; i++) {
      const r = this.regions[i];
      // only regions made by regionFor are in byBytes (a Map look-up is most of a short run's cost)
      if (r && this.byBytes.size !== 0 && this.byBytes.get(r.bytes) === r) this.byBytes.delete(r.bytes);
      this.dropped[i] = r;
    }
    // pop, not `length =`: shrinking by assignment makes V8 trim and regrow the backing store
    while (this.regions.length > keep) this.regions.pop();
  }

  /** Adds a region backed by `bytes` (the VM reads and writes the array itself, not a copy). */
  add(bytes: Uint8Array, options: RegionOptions): Region {
    // A run that adds the same bytes at the same index as the last one (a benchmark or test
    // loop re-running one packet) gets the old Region object back: same index, same bytes,
    // same rights, so nothing observable differs, and a short run allocates far less. (Its size
    // passed the check below when it was made; sameAs compares it with the bytes' length.)
    const index = this.regions.length;
    const old = this.dropped[index];
    if (old !== undefined && old.sameAs(bytes, options)) {
      old.revive();
      this.regions.push(old);
      return old;
    }
    if (bytes.byteLength > MAX_REGION_BYTES) {
      throw new RangeError(`region ${options.name ?? options.kind} is larger than ${MAX_REGION_BYTES} bytes`);
    }
    const region = new Region(index, bytes, options);
    this.regions.push(region);
    return region;
  }

  /**
   * The region for a live view handed out repeatedly (a map value): the same Uint8Array object gets
   * the same region, so a lookup in a loop does not grow the table.
   */
  regionFor(bytes: Uint8Array, options: RegionOptions): Region {
    const known = this.byBytes.get(bytes);
    if (known && !known.released && known.kind === options.kind) return known;
    const region = this.add(bytes, options);
    this.byBytes.set(bytes, region);
    return region;
  }

  /** Releases a region: later accesses through pointers to it fault (use-after-submit). */
  release(region: Region | bigint): void {
    const r = typeof region === "bigint" ? this.regionAt(region) : region;
    if (!r) return;
    r.released = true;
    r.fastLoad = false;
    r.fastStore = false;
    if (this.byBytes.get(r.bytes) === r) this.byBytes.delete(r.bytes);
  }

  /** The region an address points into (bounds not checked), if any. */
  regionAt(addr: bigint): Region | undefined {
    const hi = Number(BigInt.asUintN(64, addr) >> 32n);
    const i = regionIndexOfHi(hi);
    return i > 0 ? this.regions[i] : undefined;
  }

  /**
   * Checks an access of `size` bytes at hi:lo and returns region and offset, or throws the fault
   * (a VmFaultSignal, caught by the VM). Mirrors kernel check_mem_access in spirit.
   */
  resolve(hi: number, lo: number, size: number, write: boolean): Resolved {
    const index = regionIndexOfHi(hi);
    const region = index > 0 ? this.regions[index] : undefined;
    const offset = (lo >>> 0) - GUARD_BASE;
    const what = write ? "write" : "read";
    if (!region) {
      throw new VmFaultSignal({
        code: VmCode.NOT_A_POINTER,
        message: `${what} of ${size} bytes at ${hexAddress(hi, lo)}, which is not a pointer into program memory`,
        address: hexAddress(hi, lo),
      });
    }
    const info = (code: FaultInfo["code"], message: string): VmFaultSignal =>
      new VmFaultSignal({ code, message, address: hexAddress(hi, lo), region: region.name });
    if (region.released) {
      throw info(VmCode.REGION_RELEASED, `${what} of ${size} bytes in ${region.name} after it was released`);
    }
    if (offset < 0 || offset + size > region.size) {
      throw info(
        VmCode.OUT_OF_BOUNDS,
        `${what} of ${size} bytes at offset ${offset} is outside ${region.name} (${region.size} bytes)`,
      );
    }
    // the policy speaks first: it knows which field was touched (kernel: is_valid_access)
    const refusal = region.policy?.check?.(offset, size, write);
    if (refusal !== undefined) throw info(VmCode.CTX_ACCESS, `${region.name}: ${refusal}`);
    if (write && !region.writable) {
      throw info(
        VmCode.READ_ONLY,
        `write of ${size} bytes at offset ${offset} into read-only ${region.name}`,
      );
    }
    return { region, offset };
  }

  /**
   * A program load of 1/2/4/8 bytes at hi:lo + off (the instruction's offset) through the slow
   * path; the value goes to out[0] (lo) and out[1] (hi).
   */
  load(hi: number, lo: number, off: number, size: number, out: Int32Array): void {
    const sum = (lo >>> 0) + off;
    const { region, offset } = this.resolve((hi + Math.floor(sum / 0x1_0000_0000)) | 0, sum | 0, size, false);
    const policy = region.policy;
    if (policy?.loadInto && policy.loadInto(offset, size, out)) return;
    const special = policy?.load?.(offset, size);
    if (special !== undefined) {
      out[0] = Number(BigInt.asIntN(32, special));
      out[1] = Number(BigInt.asIntN(32, special >> 32n));
      return;
    }
    const v = region.view;
    switch (size) {
      case 1:
        out[0] = v.getUint8(offset);
        out[1] = 0;
        return;
      case 2:
        out[0] = v.getUint16(offset, true);
        out[1] = 0;
        return;
      case 4:
        out[0] = v.getInt32(offset, true);
        out[1] = 0;
        return;
      default:
        out[0] = v.getInt32(offset, true);
        out[1] = v.getInt32(offset + 4, true);
    }
  }

  /** A program store of 1/2/4/8 bytes at hi:lo + off through the slow path. */
  store(hi: number, lo: number, off: number, size: number, vlo: number, vhi: number): void {
    this.writes++;
    const sum = (lo >>> 0) + off;
    const { region, offset } = this.resolve((hi + Math.floor(sum / 0x1_0000_0000)) | 0, sum | 0, size, true);
    const v = region.view;
    switch (size) {
      case 1:
        v.setUint8(offset, vlo & 0xff);
        return;
      case 2:
        v.setUint16(offset, vlo & 0xffff, true);
        return;
      case 4:
        v.setInt32(offset, vlo, true);
        return;
      default:
        v.setInt32(offset, vlo, true);
        v.setInt32(offset + 4, vhi, true);
    }
  }

  // ---- the helper-facing API: addresses as bigint, checked, faults thrown as VmFaultSignal ----

  private resolveBig(addr: bigint, len: number, write: boolean): Resolved {
    const a = BigInt.asUintN(64, addr);
    return this.resolve(Number(a >> 32n), Number(a & 0xffff_ffffn), len, write);
  }

  /** A live view of `len` bytes at `addr` (writes through it change program memory). */
  view(addr: bigint, len: number, write = false): Uint8Array {
    if (write) this.writes++;
    if (len === 0) return new Uint8Array(0);
    const { region, offset } = this.resolveBig(addr, len, write);
    return region.bytes.subarray(offset, offset + len);
  }

  /** A copy of `len` bytes at `addr`. */
  read(addr: bigint, len: number): Uint8Array {
    return this.view(addr, len).slice();
  }

  write(addr: bigint, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.view(addr, bytes.length, true).set(bytes);
  }

  readU64(addr: bigint): bigint {
    const { region, offset } = this.resolveBig(addr, 8, false);
    return region.view.getBigUint64(offset, true);
  }

  writeU64(addr: bigint, value: bigint): void {
    this.writes++;
    const { region, offset } = this.resolveBig(addr, 8, true);
    region.view.setBigUint64(offset, BigInt.asUintN(64, value), true);
  }

  /**
   * The NUL-terminated string at `addr`, reading at most `max` bytes and never past the region.
   * `terminated` is false when no NUL was found within them (the kernel's -E2BIG / truncation cases).
   */
  readCString(addr: bigint, max: number): { text: string; bytes: Uint8Array; terminated: boolean } {
    const { region, offset } = this.resolveBig(addr, 1, false);
    const end = Math.min(region.size, offset + max);
    let i = offset;
    while (i < end && region.bytes[i] !== 0) i++;
    const bytes = region.bytes.slice(offset, i);
    return { text: new TextDecoder().decode(bytes), bytes, terminated: i < end };
  }

  /** Describes an address for messages: `stack[0]+504`, `packet+14`, or the hex value. */
  describe(addr: bigint): string {
    const a = BigInt.asUintN(64, addr);
    const r = this.regionAt(a);
    if (!r) return "0x" + a.toString(16);
    return `${r.name}+${Number(a & 0xffff_ffffn) - GUARD_BASE}`;
  }
}

/**
 * An atomic read-modify-write (RFC 9669 §5.3) of 4 or 8 bytes at hi:lo + off; `op` is the imm
 * field (Atomic.*). The old memory value goes to out[0]/out[1] (zero-extended for 4 bytes). The VM
 * is single-threaded, so atomicity is trivial; what matters is exact widths and results.
 */
export function atomicRmw(
  mem: Memory,
  hi: number,
  lo: number,
  off: number,
  size: 4 | 8,
  op: number,
  vlo: number,
  vhi: number,
  r0lo: number,
  r0hi: number,
  out: Int32Array,
): void {
  const sum = (lo >>> 0) + off;
  const { region, offset } = mem.resolve((hi + Math.floor(sum / 0x1_0000_0000)) | 0, sum | 0, size, true);
  const v = region.view;
  const olo = v.getInt32(offset, true);
  const ohi = size === 8 ? v.getInt32(offset + 4, true) : 0;
  if (size === 4) vhi = 0;
  let nlo = olo;
  let nhi = ohi;
  switch (op & ~0x01) {
    case 0x00: {
      nlo = (olo + vlo) | 0;
      nhi = (ohi + vhi + (nlo >>> 0 < olo >>> 0 ? 1 : 0)) | 0;
      break;
    }
    case 0x40:
      nlo = olo | vlo;
      nhi = ohi | vhi;
      break;
    case 0x50:
      nlo = olo & vlo;
      nhi = ohi & vhi;
      break;
    case 0xa0:
      nlo = olo ^ vlo;
      nhi = ohi ^ vhi;
      break;
    case 0xe0: // xchg
      nlo = vlo;
      nhi = vhi;
      break;
    case 0xf0: // cmpxchg: store only if memory equals r0 (its low half for the 32-bit form)
      if (olo === r0lo && (size === 4 || ohi === r0hi)) {
        nlo = vlo;
        nhi = vhi;
      }
      break;
  }
  v.setInt32(offset, nlo, true);
  if (size === 8) v.setInt32(offset + 4, nhi, true);
  out[0] = olo;
  out[1] = ohi;
}
