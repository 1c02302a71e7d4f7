/**
 * Hash of raw key bytes (MurmurHash3 x86_32). The kernel uses jhash with a random seed, so its
 * bucket order is unspecified and differs per map; tsbpf uses a fixed seed so that runs of the
 * VM are reproducible (the kernel's BPF_F_ZERO_SEED gives the same property there).
 */
export function hashBytes(key: Uint8Array, len: number, seed = 0): number {
  let h = seed ^ len;
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    let k = key[i]! | (key[i + 1]! << 8) | (key[i + 2]! << 16) | (key[i + 3]! << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const rest = len & 3;
  if (rest !== 0) {
    let k = key[i]!;
    if (rest > 1) k ^= key[i + 1]! << 8;
    if (rest > 2) k ^= key[i + 2]! << 16;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
