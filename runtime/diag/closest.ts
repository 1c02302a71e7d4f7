/**
 * "Did you mean" support shared by every message that names something unknown (assembler
 * mnemonics, tracepoints, ...): Levenshtein distance over one reused row.
 */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The `limit` names closest to `wanted`, nearest first (ties keep the names' order). */
export function closestNames(wanted: string, names: readonly string[], limit = 3): string[] {
  return names
    .map((name) => [name, editDistance(wanted, name)] as const)
    .sort((x, y) => x[1] - y[1])
    .slice(0, limit)
    .map(([name]) => name);
}
