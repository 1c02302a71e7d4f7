import { HOST_LITTLE_ENDIAN } from "./attr.js";

/**
 * Map keys and values are bytes in host order (the kernel copies them as they are). These helpers
 * turn numbers into such bytes and back for the common integer keys and counters.
 */
export function u32Bytes(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0, HOST_LITTLE_ENDIAN);
  return b;
}

export function u64Bytes(n: bigint | number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, BigInt(n)), HOST_LITTLE_ENDIAN);
  return b;
}

export function readU32(bytes: Uint8Array, offset = 0): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, HOST_LITTLE_ENDIAN);
}

export function readU64(bytes: Uint8Array, offset = 0): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(
    offset,
    HOST_LITTLE_ENDIAN,
  );
}
