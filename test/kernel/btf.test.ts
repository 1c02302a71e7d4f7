import { afterAll, describe, expect, it } from "vitest";
import { readBtf } from "../../runtime/btf/index.js";
import {
  KernelMap,
  btfLoad,
  closeFd,
  kernelAvailability,
  type KernelResult,
} from "../../runtime/kernel/index.js";
import { MapType } from "../../runtime/uapi/bpf.js";

const avail = kernelAvailability();
if (!avail.ok) console.warn(`skipping kernel BTF tests: ${avail.reason}`);

function must<T>(r: KernelResult<T>): T {
  if (!r.ok) throw new Error(`${r.message}${r.log ? `\n${r.log}` : ""}`);
  return r.value;
}

/**
 * A minimal BTF blob by hand (Documentation/bpf/btf.rst §2): header, then
 *   [1] INT 'int' size 4, signed, 32 bits
 *   [2] INT 'long long unsigned int' size 8, 64 bits
 * and the string section "\0int\0long long unsigned int\0".
 */
function minimalBtf(options: { magic?: number; intBits?: number } = {}): Uint8Array {
  const strings = new TextEncoder().encode("\0int\0long long unsigned int\0");
  const types = new DataView(new ArrayBuffer(2 * 16));
  const int = (at: number, name: number, size: number, encoding: number, bits: number): void => {
    types.setUint32(at, name, true);
    types.setUint32(at + 4, 1 << 24, true); // kind INT, vlen 0
    types.setUint32(at + 8, size, true);
    types.setUint32(at + 12, (encoding << 24) | bits, true);
  };
  int(0, 1, 4, 1, options.intBits ?? 32);
  int(16, 5, 8, 0, 64);
  const header = new DataView(new ArrayBuffer(24));
  header.setUint16(0, options.magic ?? 0xeb9f, true);
  header.setUint8(2, 1);
  header.setUint32(4, 24, true); // hdr_len
  header.setUint32(8, 0, true); // type_off
  header.setUint32(12, types.byteLength, true);
  header.setUint32(16, types.byteLength, true); // str_off
  header.setUint32(20, strings.length, true);
  const out = new Uint8Array(24 + types.byteLength + strings.length);
  out.set(new Uint8Array(header.buffer), 0);
  out.set(new Uint8Array(types.buffer), 24);
  out.set(strings, 24 + types.byteLength);
  return out;
}

describe.skipIf(!avail.ok)("kernel BTF", () => {
  const fds: number[] = [];
  afterAll(() => fds.forEach((fd) => closeFd(fd)));

  it("the hand-built blob is what tsbpf's own BTF reader reads", () => {
    const btf = readBtf(minimalBtf());
    expect(btf.ok).toBe(true);
    if (btf.ok)
      expect(btf.value.types.slice(1).map((t) => t.name)).toEqual(["int", "long long unsigned int"]);
  });

  it("loads, and a map can name its key and value types in it", () => {
    const btf = must(btfLoad(minimalBtf()));
    fds.push(btf.fd);
    expect(btf.fd).toBeGreaterThan(0);
    const map = must(
      KernelMap.create({
        type: MapType.HASH,
        keySize: 4,
        valueSize: 8,
        maxEntries: 4,
        name: "t_btf_map",
        btfFd: btf.fd,
        btfKeyTypeId: 1,
        btfValueTypeId: 2,
      }),
    );
    const info = must(map.info());
    map.close();
    expect(info.btfId).toBeGreaterThan(0);
    expect(info.btfKeyTypeId).toBe(1);
    expect(info.btfValueTypeId).toBe(2);
  });

  it("a map whose value type has the wrong size is refused", () => {
    const btf = must(btfLoad(minimalBtf()));
    fds.push(btf.fd);
    const r = KernelMap.create({
      type: MapType.HASH,
      keySize: 4,
      valueSize: 8,
      maxEntries: 4,
      btfFd: btf.fd,
      btfKeyTypeId: 1,
      btfValueTypeId: 1,
    });
    expect(r.ok ? "ok" : r.name).toBe("EINVAL");
  });

  it.each([
    { what: "bad magic", blob: () => minimalBtf({ magic: 0x1234 }), log: /magic/i },
    { what: "an int wider than its size", blob: () => minimalBtf({ intBits: 64 }), log: /nr_bits|Invalid/ },
  ])("$what: EINVAL with the kernel's BTF log", ({ blob, log }) => {
    const r = btfLoad(blob());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.name).toBe("EINVAL");
    expect(r.log).toMatch(log);
  });

  it("a successful load at log level 1 returns the kernel's walk of the types", () => {
    const btf = must(btfLoad(minimalBtf(), 1));
    fds.push(btf.fd);
    expect(btf.log).toContain("magic: 0xeb9f");
    expect(btf.log).toContain("[1] INT int size=4 bits_offset=0 nr_bits=32 encoding=SIGNED");
    expect(btf.log).toContain("[2] INT long long unsigned int size=8");
  });
});
