/**
 * Function pointers (`lddw rX, FUNC` — BPF_PSEUDO_FUNC, src 4, what clang emits for the callback
 * of bpf_loop or bpf_for_each_map_elem): the VM value is FUNC_BASE plus 8 times the slot where
 * the subprogram starts. The high half is no region tag (address.ts), so a program cannot
 * dereference one; `HelperContext.callFunction` turns it back into a slot.
 */
export const FUNC_BASE = 0xffff_ffff_a000_0000n;

/** The value a program holds for the subprogram starting at `slot`. */
export function funcPointer(slot: number): bigint {
  return FUNC_BASE + BigInt(slot) * 8n;
}

/** The slot a function pointer names, or undefined when the value is no function pointer. */
export function slotOfFuncPointer(ptr: bigint): number | undefined {
  const d = BigInt.asUintN(64, ptr) - FUNC_BASE;
  if (d < 0n || d % 8n !== 0n || d >= 8n << 24n) return undefined;
  return Number(d / 8n);
}
