import { readFileSync } from "node:fs";

let possible: number | undefined;

/**
 * Number of possible CPUs (/sys/devices/system/cpu/possible, e.g. "0-7"): per-CPU maps hold one
 * value slot per possible CPU, each rounded up to 8 bytes (kernel: bpf_percpu_*_copy).
 */
export function possibleCpus(): number {
  if (possible !== undefined) return possible;
  try {
    possible = countCpuList(readFileSync("/sys/devices/system/cpu/possible", "utf8"));
  } catch {
    possible = 1;
  }
  return possible;
}

/** Counts a kernel cpu list such as "0-3,8-11" or "0". The highest CPU + 1, as libbpf does. */
export function countCpuList(text: string): number {
  let max = -1;
  for (const part of text.trim().split(",")) {
    if (!part) continue;
    const [a, b] = part.split("-");
    const hi = Number.parseInt(b ?? a!, 10);
    if (Number.isFinite(hi) && hi > max) max = hi;
  }
  return max + 1 > 0 ? max + 1 : 1;
}
