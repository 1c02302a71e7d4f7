// Nine nested BPF-to-BPF calls: the kernel allows eight frames.
import { rawTracepoint, type u64 } from "tsbpf";

/** @noinline */ function f1(x: u64): u64 {
  return x + 1;
}
/** @noinline */ function f2(x: u64): u64 {
  return f1(x) * 3;
}
/** @noinline */ function f3(x: u64): u64 {
  return f2(x) * 3;
}
/** @noinline */ function f4(x: u64): u64 {
  return f3(x) * 3;
}
/** @noinline */ function f5(x: u64): u64 {
  return f4(x) * 3;
}
/** @noinline */ function f6(x: u64): u64 {
  return f5(x) * 3;
}
/** @noinline */ function f7(x: u64): u64 {
  return f6(x) * 3;
}
/** @noinline */ function f8(x: u64): u64 {
  return f7(x) * 3;
}
/** @noinline */ function f9(x: u64): u64 {
  return f8(x) * 3;
}

export const prog = rawTracepoint("sys_enter", (ctx) => {
  return f9(ctx.arg(0)) === 0 ? 0 : 1;
});
