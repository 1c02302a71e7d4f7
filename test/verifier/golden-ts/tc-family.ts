// The socket's address family is for cgroup and socket programs, not tc.
import { tc } from "tsbpf";

export const prog = tc((ctx) => {
  return ctx.family === 2 ? 0 : 2;
});
