// wire_len is for tc and cgroup programs; a socket filter may not read it.
import { socketFilter } from "tsbpf";

export const prog = socketFilter((ctx) => {
  if (ctx.wireLen > 1500) return 0;
  return ctx.len;
});
