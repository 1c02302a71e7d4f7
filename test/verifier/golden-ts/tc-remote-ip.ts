// tc programs may not read the socket fields family..local_port (kernel: tc_cls_act_is_valid_access).
import { tc } from "tsbpf";

export const prog = tc((ctx) => {
  return ctx.remoteIp4 === 0x0100007f ? 2 : 0;
});
