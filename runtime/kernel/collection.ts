import { BtfKind } from "../btf/kinds.js";
import type { CollectionSpec, DataSectionSpec, MapSpec, ProgramSpec } from "../object/spec.js";
import { AttachType, MapFlags, MapType, Pinning, ProgType } from "../uapi/bpf.js";
import { HOST_LITTLE_ENDIAN } from "./attr.js";
import { btfStringOffsets, datasecTypeId, fixupBtf } from "./btf-fixup.js";
import { type KernelError, type KernelResult, success, usageError } from "./errors.js";
import { buildExtInfo } from "./ext-info.js";
import { KernelMap } from "./kernel-map.js";
import { KernelProgram } from "./kernel-program.js";
import { btfLoad } from "./object-commands.js";
import { OwnedFd } from "./owned-fd.js";
import { patchRelocations } from "./patch-relocations.js";
import { vmlinuxTypeId } from "./vmlinux.js";

export interface LoadCollectionOptions {
  /** Verifier log level for every program (0: only on failure, 1, 2; | 4 for statistics). */
  readonly logLevel?: number;
  readonly logSize?: number;
  /** Pass the spec's BTF to the kernel (default true). Without it maps and programs load bare. */
  readonly btf?: boolean;
  /**
   * New values for variables of read-only data sections (.rodata*) before they are frozen
   * (cilium/ebpf's RewriteConstants): bytes of the variable's size, or a number written in that size.
   */
  readonly constants?: Readonly<Record<string, Uint8Array | number | bigint>>;
  /** Directory in bpffs where maps with `pinning: BY_NAME` are pinned, or reused when already there. */
  readonly pinPath?: string;
  /** Existing maps to use instead of creating the spec's map of the same name. Not closed with the collection. */
  readonly replaceMaps?: Readonly<Record<string, KernelMap>>;
  /** Load only these programs (default: all). */
  readonly programs?: readonly string[];
}

/**
 * The live side of a CollectionSpec: every map, global data map and program, held by fds.
 * `close()` releases all of them (maps passed in `replaceMaps` stay open).
 */
export class KernelCollection {
  private closedAll = false;

  constructor(
    readonly maps: ReadonlyMap<string, KernelMap>,
    readonly programs: ReadonlyMap<string, KernelProgram>,
    private readonly btf: OwnedFd | undefined,
    private readonly borrowed: ReadonlySet<KernelMap>,
    /** Things that were skipped or degraded (e.g. BTF the kernel refused). */
    readonly warnings: readonly string[],
  ) {}

  map(name: string): KernelMap | undefined {
    return this.maps.get(name);
  }

  program(name: string): KernelProgram | undefined {
    return this.programs.get(name);
  }

  /** The BTF object's fd, −1 when loaded without BTF. */
  get btfFd(): number {
    return this.btf?.raw ?? -1;
  }

  close(): void {
    if (this.closedAll) return;
    this.closedAll = true;
    for (const p of this.programs.values()) p.close();
    for (const m of this.maps.values()) if (!this.borrowed.has(m)) m.close();
    this.btf?.close();
  }
}

/**
 * Loads a CollectionSpec into the kernel, in libbpf's order (bpf_object__load): BTF, maps, global
 * data as one-entry array maps (.rodata written then frozen, so the verifier may treat it as
 * constant), programs with their relocations patched to the new fds, then initial slots of
 * program arrays and map-in-maps. On any failure everything created so far is closed and the error
 * names the object; a verifier rejection carries the log.
 */
export function loadCollection(
  spec: CollectionSpec,
  options: LoadCollectionOptions = {},
): KernelResult<KernelCollection> {
  const maps = new Map<string, KernelMap>();
  const programs = new Map<string, KernelProgram>();
  const borrowed = new Set<KernelMap>();
  const warnings: string[] = [];
  let btf: OwnedFd | undefined;
  const fail = (e: KernelError, prefix: string): KernelError => {
    new KernelCollection(maps, programs, btf, borrowed, warnings).close();
    return { ...e, message: `${prefix}: ${e.message}` };
  };

  // 1. BTF (fixed up like libbpf does); a refusal degrades to loading without BTF, as libbpf does.
  let btfBytes: Uint8Array | undefined;
  if (spec.btf && options.btf !== false) {
    const fixed = fixupBtf(spec.btf, spec.data);
    const loaded = btfLoad(fixed);
    if (loaded.ok) {
      btf = new OwnedFd(loaded.value.fd);
      btfBytes = fixed;
    } else warnings.push(`BTF not loaded, continuing without it: ${loaded.message}`);
  }

  // 2. Maps (inner templates first), 3. global data.
  for (const m of spec.maps) {
    const replacement = options.replaceMaps?.[m.name];
    if (replacement) {
      maps.set(m.name, replacement);
      borrowed.add(replacement);
      continue;
    }
    const created = createMap(m, btf, options.pinPath, warnings);
    if (!created.ok) return fail(created, `map '${m.name}'`);
    maps.set(m.name, created.value);
  }
  for (const d of spec.data) {
    const created = createDataMap(d, btf, btfBytes, options.constants ?? {});
    if (!created.ok) return fail(created, `data section '${d.name}'`);
    maps.set(d.name, created.value);
  }

  // 4. Programs.
  const strings = btfBytes ? btfStringOffsets(btfBytes) : new Map<string, number>();
  const wanted = options.programs ? new Set(options.programs) : undefined;
  for (const p of spec.programs) {
    if (wanted && !wanted.has(p.name)) continue;
    if ((p.coreRelocations ?? []).length > 0) {
      warnings.push(
        `program '${p.name}': ${p.coreRelocations!.length} CO-RE relocations not applied (field offsets are clang's)`,
      );
    }
    const loaded = loadProgram(p, maps, btf, strings, options);
    if (!loaded.ok) return fail(loaded, `program '${p.name}' (${p.section})`);
    programs.set(p.name, loaded.value);
  }

  // 5. Initial contents of program arrays and map-in-maps (libbpf: bpf_object__init_prog_arrays).
  for (const m of spec.maps) {
    for (const init of m.initialValues ?? []) {
      const target = programs.get(init.symbol)?.fd ?? maps.get(init.symbol)?.fd;
      if (target === undefined)
        return fail(
          usageError(`slot ${init.key} names '${init.symbol}', which was not loaded`, 2),
          `map '${m.name}'`,
        );
      const r = maps.get(m.name)!.update(u32(init.key), u32(target));
      if (!r.ok) return fail(r, `map '${m.name}' slot ${init.key}`);
    }
  }
  return success(new KernelCollection(maps, programs, btf, borrowed, warnings));
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0, HOST_LITTLE_ENDIAN);
  return b;
}

function createMap(
  m: MapSpec,
  btf: OwnedFd | undefined,
  pinPath: string | undefined,
  warnings: string[],
): KernelResult<KernelMap> {
  const pinned = m.pinning === Pinning.BY_NAME && pinPath ? `${pinPath}/${m.name}` : undefined;
  if (pinned) {
    const existing = KernelMap.fromPin(pinned);
    if (existing.ok) {
      const e = existing.value;
      if (
        e.type === m.type &&
        e.keySize === m.keySize &&
        e.valueSize === m.valueSize &&
        e.maxEntries === m.maxEntries
      ) {
        return existing;
      }
      e.close();
      return usageError(`the map pinned at ${pinned} has a different shape than the spec`, 22);
    }
  }
  let inner: KernelMap | undefined;
  if (m.inner) {
    const made = createMap(
      { ...m.inner, name: `${m.name}.inner`, pinning: Pinning.NONE },
      btf,
      undefined,
      warnings,
    );
    if (!made.ok) return made;
    inner = made.value;
  }
  const base = {
    type: m.type,
    keySize: m.keySize,
    valueSize: m.valueSize,
    maxEntries: m.maxEntries,
    flags: m.flags,
    name: m.name,
    ...(inner ? { innerMapFd: inner.fd } : {}),
    ...(m.numaNode !== undefined ? { numaNode: m.numaNode } : {}),
    ...(m.mapExtra !== undefined ? { mapExtra: BigInt(m.mapExtra) } : {}),
  };
  const withBtf =
    btf && m.keyType !== undefined && m.valueType !== undefined && hasBtfTypes(m.type)
      ? { ...base, btfFd: btf.raw, btfKeyTypeId: m.keyType, btfValueTypeId: m.valueType }
      : base;
  let created = KernelMap.create(withBtf);
  if (!created.ok && withBtf !== base) {
    // libbpf retries a map without BTF when the kernel refuses its types (bpf_object__create_map).
    created = KernelMap.create(base);
    if (created.ok) warnings.push(`map '${m.name}' created without BTF types`);
  }
  inner?.close();
  if (!created.ok) return created;
  if (pinned) {
    const pin = created.value.pin(pinned);
    if (!pin.ok) {
      created.value.close();
      return pin;
    }
  }
  return created;
}

/** Map types whose key/value may carry BTF ids (the kernel refuses them on e.g. perf event arrays). */
function hasBtfTypes(type: number): boolean {
  return (
    type !== MapType.PERF_EVENT_ARRAY &&
    type !== MapType.RINGBUF &&
    type !== MapType.USER_RINGBUF &&
    type !== MapType.PROG_ARRAY &&
    type !== MapType.ARRAY_OF_MAPS &&
    type !== MapType.HASH_OF_MAPS
  );
}

/**
 * A global data section as a one-entry array map whose value is the section (libbpf:
 * bpf_object__init_internal_map). .rodata is BPF_F_RDONLY_PROG and frozen after its contents
 * (with `constants` applied) are written; the verifier then knows its values.
 */
function createDataMap(
  d: DataSectionSpec,
  btf: OwnedFd | undefined,
  btfBytes: Uint8Array | undefined,
  constants: Readonly<Record<string, Uint8Array | number | bigint>>,
): KernelResult<KernelMap> {
  const bytes = d.bytes.slice();
  if (d.readOnly) {
    for (const [name, value] of Object.entries(constants)) {
      const v = d.variables.find((x) => x.name === name);
      if (!v) continue;
      const encoded = encodeConstant(value, v.size);
      if (!encoded) return usageError(`constant '${name}' does not fit its ${v.size}-byte variable`);
      bytes.set(encoded, v.offset);
    }
  }
  const valueType = btf && btfBytes ? datasecTypeId(btfBytes, d.name) : undefined;
  const base = {
    type: MapType.ARRAY,
    keySize: 4,
    valueSize: Math.max(1, bytes.length),
    maxEntries: 1,
    flags: d.readOnly ? MapFlags.RDONLY_PROG : 0,
    name: d.name,
  };
  let created = valueType
    ? KernelMap.create({ ...base, btfFd: btf!.raw, btfKeyTypeId: 0, btfValueTypeId: valueType })
    : KernelMap.create(base);
  if (!created.ok && valueType) created = KernelMap.create(base);
  if (!created.ok) return created;
  const map = created.value;
  const value = new Uint8Array(base.valueSize);
  value.set(bytes);
  const written = map.update(u32(0), value);
  const frozen = written.ok && d.readOnly ? map.freeze() : written;
  if (!frozen.ok) {
    map.close();
    return frozen;
  }
  return success(map);
}

function encodeConstant(value: Uint8Array | number | bigint, size: number): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value.length === size ? value : undefined;
  if (size > 8 || size === 0) return undefined;
  const n = BigInt(value);
  if (n < -(1n << BigInt(size * 8 - 1)) || n >= 1n << BigInt(size * 8)) return undefined;
  const out = new Uint8Array(size);
  let u = BigInt.asUintN(size * 8, n);
  for (let i = 0; i < size; i++) {
    out[HOST_LITTLE_ENDIAN ? i : size - 1 - i] = Number(u & 0xffn);
    u >>= 8n;
  }
  return out;
}

function loadProgram(
  p: ProgramSpec,
  maps: ReadonlyMap<string, KernelMap>,
  btf: OwnedFd | undefined,
  strings: ReadonlyMap<string, number>,
  options: LoadCollectionOptions,
): KernelResult<KernelProgram> {
  const type = ProgType[p.type];
  const patched = patchRelocations(p.instructions, p.relocations, (name) => maps.get(name)?.fd, p.name);
  if (!patched.ok) return patched;
  const attachBtfId = attachTargetId(p);
  if (attachBtfId && !attachBtfId.ok) return attachBtfId;
  const ext = btf ? buildExtInfo(p, patched.value, strings) : {};
  return KernelProgram.load({
    type,
    instructions: patched.value,
    license: p.license,
    name: p.name,
    ...(p.expectedAttachType !== undefined ? { expectedAttachType: p.expectedAttachType } : {}),
    ...(p.flags !== undefined ? { flags: p.flags } : {}),
    ...(options.logLevel !== undefined ? { logLevel: options.logLevel } : {}),
    ...(options.logSize !== undefined ? { logSize: options.logSize } : {}),
    ...(btf && (ext.funcInfo || ext.lineInfo) ? { btfFd: btf.raw } : {}),
    ...(ext.funcInfo ? { funcInfo: ext.funcInfo } : {}),
    ...(ext.lineInfo ? { lineInfo: ext.lineInfo } : {}),
    ...(attachBtfId ? { attachBtfId: attachBtfId.value } : {}),
  });
}

/**
 * attach_btf_id for programs the kernel verifies against a kernel function or tracepoint type
 * (libbpf: libbpf_find_attach_btf_id): fentry/fexit/fmod_ret → FUNC, lsm → FUNC bpf_lsm_<hook>,
 * tp_btf → TYPEDEF btf_trace_<tp>, iter → FUNC bpf_iter_<target>. Undefined for everything else.
 */
function attachTargetId(p: ProgramSpec): KernelResult<number> | undefined {
  const to = p.attachTo;
  if (!to) return undefined;
  if (p.type === "LSM") return vmlinuxTypeId(`bpf_lsm_${to}`, BtfKind.FUNC);
  if (p.type !== "TRACING") return undefined;
  switch (p.expectedAttachType) {
    case AttachType.TRACE_RAW_TP:
      return vmlinuxTypeId(`btf_trace_${to}`, BtfKind.TYPEDEF);
    case AttachType.TRACE_ITER:
      return vmlinuxTypeId(`bpf_iter_${to}`, BtfKind.FUNC);
    default:
      return vmlinuxTypeId(to, BtfKind.FUNC);
  }
}
