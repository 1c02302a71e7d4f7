// tc programs may not read local_ip4 (kernel: tc_cls_act_is_valid_access).
import { tc } from "tsbpf";

export const prog = tc((ctx) => {
  return ctx.localIp4 === 0 ? 2 : 0;
});
