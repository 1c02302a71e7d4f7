// A socket filter sees the packet, not the socket's addresses.
import { socketFilter } from "tsbpf";

export const prog = socketFilter((ctx) => {
  return ctx.remotePort === 22 ? ctx.len : 0;
});
