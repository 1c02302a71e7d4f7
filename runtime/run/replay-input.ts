import { error, type Diagnostic } from "../diag/diagnostic.js";
import { RunCode } from "./codes.js";

/**
 * One recorded input of `tsbpf run --vm --input FILE`: a JSON object per line,
 *
 *     {"program": "on_sys_enter", "input": {...}, "env": {"pid": 42, "comm": "cat"}}
 *
 * `program` may be left out when the probe (or -p) has one program; `input` is what
 * probe.run() takes for the program's kind (tracepoint fields, `args`, `{"packet": "45 00 ..."}`
 * with the packet as hex text or a byte array); `env` is a TestEnv (pid, tgid, uid, gid, comm,
 * cpu, now, ...); `repeat` runs it that many times. JSON has no 64-bit integers: write those as
 * strings ending in `n` ("18446744073709551615n"). Blank lines and lines starting with `#` or
 * `//` are skipped.
 */
export interface ReplayRecord {
  readonly line: number;
  readonly program?: string;
  readonly input: unknown;
  readonly env: Record<string, unknown>;
  readonly repeat: number;
}

/** "123n" → 123n, nested; everything else as parsed. */
function revive(v: unknown): unknown {
  if (typeof v === "string" && /^-?\d+n$/.test(v)) return BigInt(v.slice(0, -1));
  if (Array.isArray(v)) return v.map(revive);
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, revive(x)]));
  return v;
}

/** A packet written as hex text ("45 00 00 1c ...", spaces optional) or an array of bytes. */
function packetBytes(v: unknown): Uint8Array | undefined {
  if (typeof v === "string") {
    const hex = v.replace(/\s+/g, "");
    if (!/^([0-9a-fA-F]{2})*$/.test(hex)) return undefined;
    return Uint8Array.from(hex.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
  }
  if (Array.isArray(v) && v.every((b) => typeof b === "number" && b >= 0 && b <= 255))
    return Uint8Array.from(v);
  return undefined;
}

export function parseReplay(
  text: string,
  file: string,
): { ok: true; value: ReplayRecord[] } | { ok: false; diagnostics: Diagnostic[] } {
  const out: ReplayRecord[] = [];
  const problems: Diagnostic[] = [];
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const at = { location: { file, line: i + 1, column: 1 } };
    if (!line || line.startsWith("#") || line.startsWith("//")) return;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch (e) {
      problems.push(error(RunCode.INPUT, `not JSON: ${(e as Error).message}`, at));
      return;
    }
    if (!o || typeof o !== "object" || Array.isArray(o)) {
      problems.push(error(RunCode.INPUT, "each line is one JSON object {program, input, env}", at));
      return;
    }
    const r = o as Record<string, unknown>;
    const extra = Object.keys(r).filter((k) => !["program", "input", "env", "repeat"].includes(k));
    if (extra.length) {
      problems.push(
        error(
          RunCode.INPUT,
          `unknown key(s) ${extra.join(", ")}: a record has program, input, env, repeat`,
          at,
        ),
      );
      return;
    }
    if (r.program !== undefined && typeof r.program !== "string") {
      problems.push(error(RunCode.INPUT, "program must be a string", at));
      return;
    }
    const repeat = r.repeat ?? 1;
    if (typeof repeat !== "number" || !Number.isInteger(repeat) || repeat < 1) {
      problems.push(error(RunCode.INPUT, "repeat must be a positive integer", at));
      return;
    }
    let input = revive(r.input ?? {});
    if (input && typeof input === "object" && !Array.isArray(input) && "packet" in input) {
      const packet = packetBytes((input as { packet: unknown }).packet);
      if (!packet) {
        problems.push(error(RunCode.INPUT, "packet must be hex text or an array of bytes", at));
        return;
      }
      input = { ...(input as object), packet };
    }
    const env = revive(r.env ?? {});
    if (!env || typeof env !== "object" || Array.isArray(env)) {
      problems.push(
        error(RunCode.INPUT, "env must be an object (pid, tgid, uid, gid, comm, cpu, now, ...)", at),
      );
      return;
    }
    out.push({
      line: i + 1,
      ...(r.program !== undefined ? { program: r.program as string } : {}),
      input,
      env: env as Record<string, unknown>,
      repeat,
    });
  });
  return problems.length ? { ok: false, diagnostics: problems } : { ok: true, value: out };
}
