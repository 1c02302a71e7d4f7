import { readFileSync } from "node:fs";
import { DiagnosticError, error, type Diagnostic } from "../diag/diagnostic.js";
import { fromSource } from "../testing/load.js";
import type { ProbeMapView } from "../testing/probe-map.js";
import type { RunEnv } from "../testing/probe.js";
import { readProbeSource } from "../testing/source.js";
import { RunCode } from "./codes.js";
import type { SessionResult } from "./kernel-session.js";
import type { PrintableMap } from "./map-print.js";
import { eventMaps } from "./probe-maps.js";
import { RunPrinter, type RunOutput } from "./printer.js";
import { parseReplay } from "./replay-input.js";
import type { ReplayOptions } from "./session-options.js";

const failed = (...diagnostics: Diagnostic[]): SessionResult => ({ ok: false, diagnostics });

function diagnosticsOf(e: unknown): Diagnostic[] | undefined {
  return e instanceof DiagnosticError ? [...e.diagnostics] : undefined;
}

/**
 * `tsbpf run --vm --input FILE`: the recorded inputs through tsbpf's verifier and VM (the test
 * harness's VM backend and run-input handling), printed exactly as a kernel session prints:
 * events as they are produced, maps once at the end.
 */
export async function runVmReplay(options: ReplayOptions, io: RunOutput): Promise<SessionResult> {
  let text: string;
  try {
    text = readFileSync(options.input, "utf8");
  } catch (e) {
    return failed(error(RunCode.INPUT, `cannot read ${options.input}: ${(e as Error).message}`));
  }
  const records = parseReplay(text, options.input);
  if (!records.ok) return failed(...records.diagnostics);
  const source = await readProbeSource(options.file);
  if (!source.ok) return source;
  const names = source.value.spec.programs.map((p) => p.name);
  const chosen = options.programs?.length ? options.programs : names;
  const unknown = chosen.filter((p) => !names.includes(p));
  if (unknown.length)
    return failed(
      error(RunCode.USAGE, `${options.file} has no program ${unknown.join(", ")}`, {
        hint: `its programs: ${names.join(", ")}`,
      }),
    );
  let probe;
  try {
    probe = await fromSource(source.value, { backend: "vm", verify: options.verify !== false });
  } catch (e) {
    const d = diagnosticsOf(e);
    if (d) return failed(...d);
    throw e;
  }
  const events = eventMaps(source.value).map((e) => e.name);
  const printer = new RunPrinter(io, options.json === true, events);
  for (const r of records.value) {
    const at = { location: { file: options.input, line: r.line, column: 1 } };
    const program = r.program ?? (chosen.length === 1 ? chosen[0] : undefined);
    if (!program) return failed(error(RunCode.INPUT, `say which program runs: ${chosen.join(", ")}`, at));
    if (!chosen.includes(program)) {
      if (names.includes(program)) continue; // -p left it out: its inputs are skipped
      return failed(
        error(RunCode.INPUT, `${options.file} has no program ${program}`, {
          ...at,
          hint: `its programs: ${names.join(", ")}`,
        }),
      );
    }
    for (let i = 0; i < r.repeat; i++) {
      try {
        probe.run(program, r.input as never, r.env as RunEnv);
      } catch (e) {
        const d = diagnosticsOf(e);
        if (!d) throw e;
        return failed(error(RunCode.REPLAY, `${program} failed on the input of line ${r.line}`, at), ...d);
      }
      for (const name of events) for (const v of probe.events[name]!.drain()) printer.event(name, v);
    }
  }
  const maps: PrintableMap[] = source.value.spec.maps.flatMap((m) => {
    const view = probe.maps[m.name] as ProbeMapView | undefined;
    const info = source.value.maps[m.name];
    if (!view || !info?.key || !info.value) return [];
    return [{ name: m.name, view, ...(info.histogram ? { histogram: info.histogram } : {}) }];
  });
  printer.maps(maps, true);
  probe.close();
  return { ok: true };
}
