import { HELPER_IDS } from "../uapi/helpers.js";
import type { Helper, HelperDef } from "../vm/helper.js";
import type { HelperEntries } from "./define.js";
import type { KernelState } from "./kernel.js";
import { loopHelpers } from "./loop.js";
import { mapHelpers } from "./maps.js";
import { packetHelpers } from "./packet.js";
import { perfHelpers } from "./perf.js";
import { printkHelpers } from "./printk.js";
import { probeHelpers } from "./probe.js";
import { ringbufHelpers } from "./ringbuf.js";
import { stackHelpers } from "./stack.js";
import { taskHelpers } from "./task.js";
import { timeHelpers } from "./time.js";

/**
 * Replacements for helpers, by kernel name without `bpf_` (`ktime_get_ns`) or by id. A function
 * replaces the helper; `undefined` removes it (a program calling it then fails to load).
 */
export type HelperOverrides = Readonly<Record<string, Helper | HelperDef | undefined>>;

/** Every helper family, in one table by id. */
export function kernelHelpers(kernel: KernelState, overrides: HelperOverrides = {}): Map<number, HelperDef> {
  const all: HelperEntries = new Map();
  for (const family of [
    mapHelpers,
    timeHelpers,
    taskHelpers,
    probeHelpers,
    printkHelpers,
    ringbufHelpers,
    perfHelpers,
    packetHelpers,
    loopHelpers,
    stackHelpers,
  ]) {
    for (const [id, def] of family(kernel)) all.set(id, def);
  }
  for (const [key, value] of Object.entries(overrides)) {
    const id = /^\d+$/.test(key) ? Number(key) : HELPER_IDS.get(key.replace(/^bpf_/, ""));
    if (id === undefined) throw new RangeError(`helper override '${key}' names no kernel helper`);
    if (value === undefined) all.delete(id);
    else
      all.set(
        id,
        typeof value === "function" ? { name: `bpf_${key.replace(/^bpf_/, "")}`, fn: value } : value,
      );
  }
  return all;
}
