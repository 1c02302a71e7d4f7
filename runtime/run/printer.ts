import { formatSnapshot, snapshotJson, snapshotMap, type PrintableMap } from "./map-print.js";
import { eventText, jsonValue } from "./value-format.js";

/** Where a session's output goes (the CLI's Io is one). */
export interface RunOutput {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Prints a session's events and maps, as text or as JSON lines, the same for the kernel and the
 * VM replay. Events of the only event map are bare lines; with several, each is prefixed by its
 * map's name (`events: pid=1 ...`).
 */
export class RunPrinter {
  constructor(
    private readonly io: RunOutput,
    private readonly json: boolean,
    private readonly eventMaps: readonly string[],
  ) {}

  event(map: string, value: unknown, cpu?: number): void {
    if (this.json) {
      this.io.out(
        JSON.stringify({
          type: "event",
          map,
          ...(cpu !== undefined ? { cpu } : {}),
          value: jsonValue(value),
        }),
      );
      return;
    }
    const text = eventText(value);
    this.io.out(this.eventMaps.length > 1 ? `${map}: ${text}` : text);
  }

  /** Every map: at an interval (`final` false: empty maps skipped) or at exit. */
  maps(maps: readonly PrintableMap[], final: boolean): void {
    const shots = maps.map(snapshotMap);
    if (this.json) {
      for (const s of shots) this.io.out(JSON.stringify({ ...snapshotJson(s), final }));
      return;
    }
    const shown = shots.filter(
      (s) =>
        final ||
        (s.kind === "table" ? s.rows.length > 0 : s.histograms.some((h) => h.counts.some((c) => c !== 0n))),
    );
    if (shown.length === 0) return;
    this.io.out(`\n${shown.map(formatSnapshot).join("\n")}`);
  }

  /** Status lines ("Attached 2 programs", lost samples) go to stderr, never between the data. */
  status(text: string): void {
    if (this.json) this.io.err(JSON.stringify({ type: "status", message: text }));
    else this.io.err(text);
  }
}
