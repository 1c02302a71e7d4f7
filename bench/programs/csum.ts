// Twin of ../shared/bench/csum.c: Internet-style checksum over the first 1500 bytes of the
// packet, big-endian 16-bit words summed into 64 bits and folded twice to 16 bits.
import { xdp, u32, type u8, type u64 } from "tsbpf";

/** Two bytes of the packet, read one by one as the C reads p[0] and p[1]. */
interface Word {
  hi: u8;
  lo: u8;
}

export const csum = xdp((ctx) => {
  let sum: u64 = 0;
  for (let k: u32 = 0; k < 750; k++) {
    const w = ctx.packet.at<Word>(k * 2);
    if (!w) break;
    sum += (u32(w.hi) << 8) | w.lo;
  }
  sum = (sum & 0xffff) + (sum >> 16);
  sum = (sum & 0xffff) + (sum >> 16);
  return u32(~sum & 0xffff);
});
