import { ProgArrayMap } from "../maps/prog-array.js";
import type { TailCallTarget } from "../vm/helper.js";
import type { TailCallHook } from "../vm/machine.js";
import { badArgument } from "./define.js";
import { mapAt } from "./handles.js";
import type { KernelState } from "./kernel.js";

/**
 * The VM's `tailCall` hook for bpf_tail_call(ctx, prog_array, index): the slot's program, or
 * undefined (the call falls through and the program continues, as in the kernel) when the index
 * is out of range (a u32 compare against max_entries) or the slot is empty. Slots hold whatever
 * the map's resolveProgram produced; it must be a TailCallTarget (vm.tailCallTarget).
 */
export function tailCallHook(kernel: KernelState): TailCallHook {
  return (ctx, progArray, index) => {
    const map = mapAt(kernel, ctx.mem, progArray);
    if (!(map instanceof ProgArrayMap))
      badArgument(`r2 (${ctx.mem.describe(progArray)}) is not a program array`);
    const target = map.getProgram(BigInt.asUintN(32, index));
    return target as TailCallTarget | undefined;
  };
}
