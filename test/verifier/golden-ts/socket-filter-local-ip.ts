// A socket filter may not read local_ip4: the socket's addresses are for cgroup programs.
import { socketFilter } from "tsbpf";

export const prog = socketFilter((ctx) => {
  return ctx.localIp4 === 0x0100007f ? ctx.len : 0;
});
