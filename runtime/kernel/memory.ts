import koffi from "koffi";
import type { NativePointer } from "./libc.js";

/**
 * Native (malloc'd) memory with a JavaScript view on it. bpf_attr carries user-space addresses
 * as u64 (insns, log_buf, key, value, data_in, ...); a JavaScript ArrayBuffer may move or be
 * copied by koffi, so everything the kernel reads or writes through an address lives here.
 */
export class NativeBlock {
  readonly pointer: NativePointer;
  readonly address: bigint;
  readonly bytes: Uint8Array;
  readonly view: DataView;
  private freed = false;

  constructor(readonly size: number) {
    // koffi.alloc(…, 0) is not valid; keep one byte so every block has an address.
    const n = Math.max(1, size);
    this.pointer = koffi.alloc("uint8_t", n) as NativePointer;
    const buffer = koffi.view(this.pointer, n);
    this.bytes = new Uint8Array(buffer, 0, size);
    this.view = new DataView(buffer, 0, n);
    this.bytes.fill(0);
    this.address = BigInt(koffi.address(this.pointer));
  }

  free(): void {
    if (this.freed) return;
    this.freed = true;
    koffi.free(this.pointer);
  }
}

/**
 * Blocks that live for one operation and are freed together (try/finally in the callers).
 * `bytes()` copies data in, `cstring()` adds a NUL.
 */
export class Arena {
  private readonly blocks: NativeBlock[] = [];

  alloc(size: number): NativeBlock {
    const b = new NativeBlock(size);
    this.blocks.push(b);
    return b;
  }

  bytes(data: Uint8Array): NativeBlock {
    const b = this.alloc(data.length);
    b.bytes.set(data);
    return b;
  }

  cstring(text: string): NativeBlock {
    const encoded = new TextEncoder().encode(text);
    const b = this.alloc(encoded.length + 1);
    b.bytes.set(encoded);
    return b;
  }

  freeAll(): void {
    for (const b of this.blocks) b.free();
    this.blocks.length = 0;
  }
}

/** Runs `fn` with an arena that is freed afterwards, whatever happens. */
export function withArena<T>(fn: (arena: Arena) => T): T {
  const arena = new Arena();
  try {
    return fn(arena);
  } finally {
    arena.freeAll();
  }
}

/** Text up to the first NUL (a C string in a buffer). */
export function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
}
