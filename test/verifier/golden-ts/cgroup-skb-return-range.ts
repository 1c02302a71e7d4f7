// The verdict must be 0 or 1, and `len & 3` can be 2 or 3.
import { cgroupSkb } from "tsbpf";

export const prog = cgroupSkb("ingress", (ctx) => {
  return ctx.len & 3;
});
