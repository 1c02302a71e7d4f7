import { error, type Diagnostic } from "../diag/diagnostic.js";
import { kernelAvailability } from "../kernel/availability.js";
import { loadCollection, type KernelCollection } from "../kernel/collection.js";
import { possibleCpus } from "../kernel/cpus.js";
import { Epoll } from "../kernel/epoll.js";
import { KernelMapView } from "../kernel/map-view.js";
import { PerfBuffer } from "../kernel/perf-buffer.js";
import { KernelRingbufReader } from "../kernel/ringbuf-reader.js";
import { ensureBpffs, ensureTracefs } from "../kernel/tracefs.js";
import { sizeOf } from "../layout/build.js";
import { decode } from "../layout/decode.js";
import type { Layout } from "../layout/types.js";
import { sizePerfArrays } from "../object/perf-arrays.js";
import type { CollectionSpec } from "../object/spec.js";
import { readProbeSource } from "../testing/source.js";
import { MapType } from "../uapi/bpf.js";
import { verify } from "../verifier/index.js";
import { attachProgram, type Attachment } from "./attach-program.js";
import { RunCode } from "./codes.js";
import { loadDiagnostics } from "./kernel-diagnostic.js";
import { eventMaps, printableMaps } from "./probe-maps.js";
import { RunPrinter, type RunOutput } from "./printer.js";
import type { RunSessionOptions } from "./session-options.js";

/** A session's outcome: 0 when it ran and stopped, else the diagnostics that stopped it. */
export type SessionResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const failed = (...diagnostics: Diagnostic[]): SessionResult => ({ ok: false, diagnostics });

/** A record's bytes as the declared type (a short record reads as zero-padded, as EventStream does). */
export function decodeRecord(layout: Layout | undefined, bytes: Uint8Array): unknown {
  if (!layout) return bytes;
  const size = sizeOf(layout);
  if (bytes.length < size) {
    const padded = new Uint8Array(size);
    padded.set(bytes);
    bytes = padded;
  }
  return decode(layout, bytes.subarray(0, size));
}

/** tsbpf's verifier over the chosen programs: refusals stop the run; gaps in its model do not. */
function tsbpfVerdict(spec: CollectionSpec, chosen: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of spec.programs) {
    if (!chosen.has(p.name)) continue;
    const v = verify(p, { maps: spec.maps, data: spec.data, ...(spec.btf ? { btf: spec.btf } : {}) });
    if (v.accepted) continue;
    const real = v.diagnostics.filter((d) => d.code !== "TSB4099");
    if (real.length)
      out.push(
        error(RunCode.TSBPF_VERIFIER, `tsbpf's verifier refuses ${p.name}; nothing was loaded`, {
          hint: "pass --no-verify to let the kernel's verifier decide",
        }),
        ...real,
      );
  }
  return out;
}

interface Consumer {
  readonly name: string;
  readonly layout: Layout | undefined;
  drain(): Array<{ data: Uint8Array; cpu?: number }>;
  close(): void;
  /** fd to watch with epoll. */
  readonly fd: number;
}

/**
 * `tsbpf run` on the live kernel: compile (or read the object), check with tsbpf's verifier,
 * load, attach every chosen program, stream ring-buffer and perf-buffer records as they arrive,
 * print maps at each interval and at exit. Everything is released when it stops — on
 * `durationMs`, on `signal`, on SIGINT/SIGTERM — and on any failure on the way.
 */
export async function runKernelSession(options: RunSessionOptions, io: RunOutput): Promise<SessionResult> {
  const available = kernelAvailability();
  if (!available.ok)
    return failed(
      error(RunCode.NO_BPF, `cannot use bpf(): ${available.reason}`, {
        hint: "run as root (sudo), or grant CAP_BPF and CAP_PERFMON; --vm --input replays recorded inputs without a kernel",
      }),
    );
  const source = await readProbeSource(options.file);
  if (!source.ok) return source;
  const spec = sizePerfArrays(source.value.spec, possibleCpus());
  const names = spec.programs.map((p) => p.name);
  const unknown = (options.programs ?? []).filter((p) => !names.includes(p));
  if (unknown.length)
    return failed(
      error(RunCode.USAGE, `${options.file} has no program ${unknown.join(", ")}`, {
        hint: `its programs: ${names.join(", ") || "(none)"}`,
      }),
    );
  const chosen = new Set(options.programs?.length ? options.programs : names);
  if (chosen.size === 0) return failed(error(RunCode.USAGE, `${options.file} exports no program`));
  if (options.verify !== false) {
    const refusals = tsbpfVerdict(spec, chosen);
    if (refusals.length) return failed(...refusals);
  }
  const chosenSpecs = spec.programs.filter((p) => chosen.has(p.name));
  if (chosenSpecs.some((p) => p.type === "TRACEPOINT")) {
    const fs = ensureTracefs();
    if (!fs.ok) return failed(error(RunCode.NO_TRACEFS, fs.message));
  }
  const bpffs = ensureBpffs();
  const printer = new RunPrinter(
    io,
    options.json === true,
    eventMaps(source.value).map((e) => e.name),
  );
  if (!bpffs.ok) printer.status(`warning: ${bpffs.message} (tsbpf run does not pin, so it goes on)`);

  const loaded = loadCollection(spec, { programs: [...chosen] });
  if (!loaded.ok) {
    const name = /^program '([^']+)'/.exec(loaded.message)?.[1];
    return failed(
      ...loadDiagnostics(
        loaded,
        spec.programs.find((p) => p.name === name),
        spec,
      ),
    );
  }
  const collection = loaded.value;
  const attachments: Attachment[] = [];
  const consumers: Consumer[] = [];
  let epoll: Epoll | undefined;
  const release = (): void => {
    // detach first, so nothing new arrives while the rest goes
    for (const a of attachments.splice(0)) a.close();
    for (const c of consumers.splice(0)) c.close();
    epoll?.close();
    epoll = undefined;
    collection.close();
  };

  for (const p of chosenSpecs) {
    const prog = collection.program(p.name)!;
    const r = attachProgram(prog, p, options);
    if (!r.ok) {
      release();
      return failed(...r.diagnostics);
    }
    attachments.push(r.value);
  }

  const opened = openConsumers(collection, source.value.spec, eventMaps(source.value));
  if (!opened.ok) {
    for (const c of opened.partial) c.close();
    release();
    return failed(error(RunCode.KERNEL, opened.message));
  }
  consumers.push(...opened.value);
  const ep = Epoll.create(Math.max(1, consumers.length));
  if (!ep.ok) {
    release();
    return failed(error(RunCode.KERNEL, ep.message));
  }
  epoll = ep.value;
  for (const c of consumers) epoll.add(c.fd);

  const maps = printableMaps(source.value, (name) => {
    const k = collection.map(name);
    return k ? new KernelMapView(k) : undefined;
  });
  return new Promise<SessionResult>((resolve) => {
    let finished = false;
    const timers: NodeJS.Timeout[] = [];
    const drain = (): number => {
      let n = 0;
      for (const c of consumers)
        for (const r of c.drain()) {
          printer.event(c.name, decodeRecord(c.layout, r.data), r.cpu);
          n++;
        }
      return n;
    };
    const finish = (): void => {
      if (finished) return;
      finished = true;
      for (const t of timers) clearTimeout(t);
      drain();
      for (const a of attachments) a.close(); // detach before the last look at the maps
      drain();
      printer.maps(maps, true);
      const lost = consumers.reduce((n, c) => n + (c instanceof PerfConsumer ? Number(c.buffer.lost) : 0), 0);
      if (lost) printer.status(`${lost} perf buffer samples were lost (the buffer was full)`);
      release();
      // removed only after the signal's emit is over (see onSignal)
      setImmediate(() => {
        for (const s of ["SIGINT", "SIGTERM"] as const) process.removeListener(s, onSignal);
      });
      options.signal?.removeEventListener("abort", finish);
      resolve({ ok: true });
    };
    // Prepended, so this runs before runtime/kernel's exit handler closes every fd: the final
    // maps are read while they still exist. Staying registered during the emit also keeps that
    // handler from re-raising the signal, so the process ends normally with status 0.
    const onSignal = (): void => finish();
    for (const s of ["SIGINT", "SIGTERM"] as const) process.prependListener(s, onSignal);
    options.signal?.addEventListener("abort", finish);
    if (options.signal?.aborted) return finish();
    if (options.durationMs !== undefined) timers.push(setTimeout(finish, options.durationMs));
    if (options.intervalMs !== undefined) {
      const every = options.intervalMs;
      const tick = (): void => {
        if (finished) return;
        drain();
        printer.maps(maps, false);
        timers.push(setTimeout(tick, every));
      };
      timers.push(setTimeout(tick, every));
    }
    printer.status(
      `Attached ${attachments.length} program${attachments.length === 1 ? "" : "s"}: ${attachments
        .map((a) => a.description)
        .join("; ")}. Ctrl-C to stop.`,
    );
    options.onAttached?.(attachments.map((a) => a.description));
    const loop = (): void => {
      if (finished || !epoll) return;
      // A short blocking wait: idle without data, woken at once by the kernel when records
      // arrive; the event loop (signals, timers) runs between waits.
      const ready = epoll.wait(consumers.length ? 5 : 0);
      const n = ready.ok && ready.value.length ? drain() : 0;
      if (n > 0) setImmediate(loop);
      else setTimeout(loop, consumers.length ? 0 : 20);
    };
    loop();
  });
}

class RingConsumer implements Consumer {
  constructor(
    readonly name: string,
    readonly layout: Layout | undefined,
    readonly reader: KernelRingbufReader,
    readonly fd: number,
  ) {}
  drain(): Array<{ data: Uint8Array }> {
    return this.reader.consume().map((data) => ({ data }));
  }
  close(): void {
    this.reader.close();
  }
}

class PerfConsumer implements Consumer {
  constructor(
    readonly name: string,
    readonly layout: Layout | undefined,
    readonly buffer: PerfBuffer,
  ) {}
  get fd(): number {
    return this.buffer.fd;
  }
  drain(): Array<{ data: Uint8Array; cpu: number }> {
    return this.buffer.consume();
  }
  close(): void {
    this.buffer.close();
  }
}

function openConsumers(
  collection: KernelCollection,
  spec: CollectionSpec,
  maps: ReturnType<typeof eventMaps>,
): { ok: true; value: Consumer[] } | { ok: false; message: string; partial: Consumer[] } {
  const out: Consumer[] = [];
  for (const m of maps) {
    const kmap = collection.map(m.name);
    if (!kmap || !spec.maps.some((s) => s.name === m.name)) continue;
    if (m.type === MapType.RINGBUF) {
      const r = KernelRingbufReader.open(kmap);
      if (!r.ok) return { ok: false, message: `ring buffer ${m.name}: ${r.message}`, partial: out };
      out.push(new RingConsumer(m.name, m.layout, r.value, kmap.fd));
    } else {
      const r = PerfBuffer.open(kmap);
      if (!r.ok) return { ok: false, message: `perf buffer ${m.name}: ${r.message}`, partial: out };
      out.push(new PerfConsumer(m.name, m.layout, r.value));
    }
  }
  return { ok: true, value: out };
}
