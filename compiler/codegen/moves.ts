/**
 * Sequentialises a parallel move (all sources read before any destination is written), as call
 * arguments and entry parameters need. Cycles are broken through `scratch`, which must not be a
 * destination; it is only used once no remaining move reads it.
 */
export function sequentialize(
  moves: ReadonlyArray<readonly [dst: number, src: number]>,
  scratch: number,
): [number, number][] {
  const pending = moves.filter(([d, s]) => d !== s).map(([d, s]) => [d, s] as [number, number]);
  const out: [number, number][] = [];
  while (pending.length) {
    const k = pending.findIndex(([d]) => !pending.some(([, s]) => s === d));
    if (k >= 0) {
      out.push(pending.splice(k, 1)[0]!);
      continue;
    }
    // only cycles remain: park one source in scratch
    const [d, s] = pending[0]!;
    out.push([scratch, s]);
    pending[0] = [d, scratch];
    for (const m of pending) if (m[1] === s && m !== pending[0]) m[1] = scratch;
  }
  return out;
}
