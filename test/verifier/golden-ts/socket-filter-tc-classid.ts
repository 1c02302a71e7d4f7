// A socket filter may not read __sk_buff.tc_classid (kernel: sk_filter_is_valid_access).
import { socketFilter } from "tsbpf";

export const prog = socketFilter((ctx) => {
  return ctx.tcClassid === 0 ? 0 : ctx.len;
});
