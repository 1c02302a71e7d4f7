// tstamp is not part of a socket filter's view of the packet.
import { socketFilter } from "tsbpf";

export const prog = socketFilter((ctx) => {
  return ctx.tstamp === 0 ? 0 : ctx.len;
});
