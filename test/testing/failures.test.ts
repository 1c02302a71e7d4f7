import { describe, expect, it } from "vitest";
import {
  ProbeFaultError,
  ProbeLoadError,
  formatTrace,
  kernelSupport,
  load,
  packet,
  traceText,
} from "../../runtime/testing/index.js";
import "../../runtime/testing/vitest.js";
import type * as Syscount from "../fixtures/compiler/samples/syscount.js";
import { CLANG, cObject } from "./clang.js";

const SYSCOUNT = "test/fixtures/compiler/samples/syscount.ts";
const kernel = await kernelSupport();

/** What a thrown error says (message and stack), or fails the test when nothing is thrown. */
function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

async function rejected(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
}

describe("a VM fault shows the TypeScript line", () => {
  it("throws a ProbeFaultError with file:line:col, a code frame, and the line on top of the stack", async () => {
    const probe = await load<typeof Syscount>(SYSCOUNT);
    probe.helpers.override("getCurrentPidTgid", () => {
      throw new Error("no task");
    });
    const e = thrown(() => probe.run("onOpenat", {}));
    expect(e).toBeInstanceOf(ProbeFaultError);
    expect(e.message).toContain("onOpenat faulted");
    expect(e.message).toContain("no task");
    expect(e.message).toMatch(/syscount\.ts:7:\d+/);
    // the code frame: the failing line marked, its neighbours around it
    expect(e.message).toMatch(/> +7 \| +const pid: u32 = bpf\.getCurrentPidTgid\(\) >> 32;/);
    expect(e.message).toMatch(/ +6 \| export const onOpenat/);
    // vitest shows the code frame of the first stack frame: the probe's line
    const firstFrame = e.stack!.split("\n").find((l) => /^\s+at /.test(l));
    expect(firstFrame).toMatch(/at onOpenat \(.*test\/fixtures\/compiler\/samples\/syscount\.ts:7:\d+\)/);
    expect((e as ProbeFaultError).fault.message).toMatch(/no task/);
  });

  it("returns the fault with allowFault, for toFault", async () => {
    const probe = await load<typeof Syscount>(SYSCOUNT, { budget: 3 });
    const r = probe.run("onOpenat", {}, { allowFault: true });
    expect(r.ret).toBe(0);
    expect(r.fault?.location?.file).toMatch(/syscount\.ts$/);
    expect(r).toFault();
    expect(r).toFault(r.fault!.code);
    expect(r).not.toFault(/no such thing/);
    expect(thrown(() => expect(r).toReturnWith(0)).message).toMatch(
      /expected onOpenat to return 0, but it faulted: .*syscount\.ts/s,
    );
  });
});

describe("traces", () => {
  it("lists every executed instruction with the source line it came from", async () => {
    const probe = await load<typeof Syscount>(SYSCOUNT);
    const r = probe.run("onOpenat", {}, { tgid: 1, trace: true });
    expect(r.trace).toBeDefined();
    expect(r.trace!.length).toBe(r.insns);
    expect(r.trace![0]!.pc).toBe(0);
    expect(r.trace!.every((s) => s.program === "onOpenat" && s.regs.length === 11)).toBe(true);
    const text = traceText(r);
    expect(text).toBe(formatTrace(r.trace!));
    expect(text).toMatch(/^; syscount\.ts:7: const pid: u32 = bpf\.getCurrentPidTgid\(\) >> 32;$/m);
    expect(text).toMatch(/^; syscount\.ts:8: counts\.increment\(pid\);/m);
    expect(text).toMatch(/^ +\d+: call 14$/m); // bpf_get_current_pid_tgid
    // the call returns tgid << 32 | pid into r0, seen by the instruction after it
    const call = r.trace!.findIndex((s) => s.insn === "call 14");
    expect(r.trace![call + 1]!.regs[0]).toBe((1n << 32n) | 1n);
    // an untraced run (another new key: the same path) is the same run
    expect(probe.run("onOpenat", {}, { tgid: 2 }).insns).toBe(r.insns);
    expect(probe.maps.counts.entries()).toHaveLength(2);
  });
});

describe("load errors", () => {
  it("reports compile errors with the TypeScript code frame", async () => {
    const e = await rejected(load("test/testing/fixtures/bad-probe.ts"));
    expect(e).toBeInstanceOf(ProbeLoadError);
    expect(e.message).toMatch(/bad-probe\.ts:6:\d+: error TSB\d{4}/);
    expect(e.message).toMatch(/> +6 \| +const half = 1\.5;/);
  });

  it("reports a missing file", async () => {
    const e = await rejected(load("test/testing/fixtures/no-such-probe.ts"));
    expect(e.message).toMatch(/TSB0951: cannot read .*no-such-probe\.ts/);
  });

  it("refuses unknown programs and inputs that do not fit the program kind", async () => {
    const probe = await load(SYSCOUNT);
    expect(thrown(() => probe.run("onOpen", {})).message).toMatch(/TSB0953: no program named onOpen .*\n?.*/);
    const xdp = await load("test/fixtures/compiler/samples/xdp-proto.ts");
    expect(thrown(() => xdp.run("countProto", { tgid: 1 })).message).toMatch(
      /TSB0953: countProto is a XDP program: its input is a packet/,
    );
    expect(thrown(() => probe.run("onOpenat", { args: [1, 2, 3, 4, 5] })).message).toMatch(
      /takes 4 arguments \(dfd, filename, flags, mode\), got 5/,
    );
  });
});

const OUT_OF_BOUNDS = `
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("xdp")
int peek(struct xdp_md *ctx) {
  unsigned char *p = (void *)(long)ctx->data;
  return p[40];
}
char LICENSE[] SEC("license") = "GPL";
`;

describe.skipIf(!CLANG)("verifier rejections point at the source line", () => {
  it("tsbpf's verifier: the C line and its code frame", async () => {
    const obj = cObject("oob", OUT_OF_BOUNDS);
    const e = await rejected(load(obj));
    expect(e).toBeInstanceOf(ProbeLoadError);
    expect(e.message).toMatch(/the verifier rejected it/);
    expect(e.message).toMatch(/oob\.bpf\.c:7:\d+: error TSB4\d{3}/);
    expect(e.message).toMatch(/> +7 \| +return p\[40\];/);
  });

  it("without the verifier the VM faults on the same line", async () => {
    const probe = await load(cObject("oob", OUT_OF_BOUNDS), { verify: false });
    const short = packet.ethernet().ipv4({ src: "1.1.1.1", dst: "2.2.2.2" }).build();
    const e = thrown(() => probe.run("peek", short));
    expect(e.message).toMatch(/oob\.bpf\.c:7/);
    expect(e.message).toMatch(/> +7 \| +return p\[40\];/);
    const long = packet.ethernet().ipv4({ src: "1.1.1.1", dst: "2.2.2.2" }).payload(20).build();
    expect(probe.run("peek", long)).toReturnWith(long[40]!);
  });

  it.skipIf(!kernel.ok)("the kernel's verifier: its log in the error", async () => {
    const e = await rejected(load(cObject("oob", OUT_OF_BOUNDS), { backend: "kernel" }));
    expect(e.message).toMatch(/TSB0958/);
    expect(e.message).toMatch(/invalid access to packet/);
  });
});
