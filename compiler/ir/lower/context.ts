import type { Node } from "ts-morph";
import { int, type Layout } from "../../../runtime/layout/index.js";
import { Code } from "../../diagnostics/codes.js";
import { tracepointLayout } from "../../frontend/tracepoint-types.js";
import { U64 } from "../../frontend/int-types.js";
import { kernelFunctionArgCount } from "../../frontend/kernel-functions.js";
import { imm, type Operand } from "../ir.js";
import type { Lowerer } from "./lowerer.js";
import { ERROR, type Value } from "./values.js";

/**
 * Program contexts: what `ctx.field` and `ctx.arg(n)` read for each program kind. Offsets are the
 * kernel's uapi structures (struct xdp_md, struct __sk_buff, struct bpf_perf_event_data) and the
 * x86_64 `struct pt_regs`; tracepoint records come from their tracefs formats.
 */

const u32 = int(4, false);
const u64 = int(8, false);

const XDP_FIELDS: Readonly<Record<string, [number, Layout]>> = {
  ingressIfindex: [12, u32],
  rxQueueIndex: [16, u32],
  egressIfindex: [20, u32],
};

const SKB_FIELDS: Readonly<Record<string, [number, Layout]>> = {
  len: [0, u32],
  pktType: [4, u32],
  mark: [8, u32],
  queueMapping: [12, u32],
  protocol: [16, u32],
  vlanPresent: [20, u32],
  vlanTci: [24, u32],
  vlanProto: [28, u32],
  priority: [32, u32],
  ingressIfindex: [36, u32],
  ifindex: [40, u32],
  tcIndex: [44, u32],
  hash: [68, u32],
  tcClassid: [72, u32],
  napiId: [84, u32],
  family: [88, u32],
  remoteIp4: [92, u32],
  localIp4: [96, u32],
  remotePort: [132, u32],
  localPort: [136, u32],
  tstamp: [152, u64],
  wireLen: [160, u32],
  gsoSegs: [164, u32],
  gsoSize: [176, u32],
};

const PERF_EVENT_FIELDS: Readonly<Record<string, [number, Layout]>> = {
  samplePeriod: [168, u64],
  addr: [176, u64],
};

/** x86_64 struct pt_regs offsets of the System V argument registers rdi, rsi, rdx, rcx, r8, r9. */
const PT_REGS_ARGS = [112, 104, 96, 88, 72, 64];
const PT_REGS_RET = 80; // rax
const PT_REGS_IP = 128;
const PT_REGS_SP = 152;

function ctxPlace(L: Lowerer, off: number, layout: Layout): Value {
  return { kind: "place", layout, addr: { kind: "reg", reg: L.ctxReg, off }, region: "ctx", readOnly: true };
}

export function contextField(L: Lowerer, name: string, node: Node): Value {
  const prog = L.prog;
  if (!prog) return L.error(Code.CONTEXT_FIELD, node, "no program context here");
  if (
    name === "packet" &&
    (prog.kind === "xdp" || prog.kind === "tc" || prog.kind === "cgroupSkb" || prog.kind === "socketFilter")
  )
    return { kind: "packet" };
  let table: Readonly<Record<string, [number, Layout]>> | undefined;
  switch (prog.kind) {
    case "tracepoint": {
      const layout = tracepointLayout(prog.tracepoint!);
      const f = layout.fields.find((x) => x.name === name);
      if (f) return ctxPlace(L, f.offset, f.layout);
      return L.error(
        Code.CONTEXT_FIELD,
        node,
        `tracepoint ${prog.attach} has no field \`${name}\``,
        `its fields: ${layout.fields.map((x) => x.name).join(", ")}`,
      );
    }
    case "xdp":
      table = XDP_FIELDS;
      break;
    case "tc":
    case "socketFilter":
    case "cgroupSkb":
      table = SKB_FIELDS;
      break;
    case "perfEvent":
      table = PERF_EVENT_FIELDS;
      break;
    default:
      break;
  }
  const entry = table?.[name];
  if (entry) return ctxPlace(L, entry[0], entry[1]);
  return L.error(
    Code.CONTEXT_FIELD,
    node,
    `the ${prog.kind} context has no field \`${name}\``,
    table ? `its fields: ${Object.keys(table).join(", ")}` : "read arguments with ctx.arg(n)",
  );
}

/** ctx.arg(n), ctx.ret(), ctx.ip(), ctx.sp() */
export function contextMethod(L: Lowerer, method: string, args: Value[], node: Node): Value {
  const prog = L.prog;
  if (!prog) return ERROR;
  const ptRegs =
    prog.kind === "kprobe" ||
    prog.kind === "kretprobe" ||
    prog.kind === "uprobe" ||
    prog.kind === "uretprobe" ||
    prog.kind === "perfEvent";
  const argsArray =
    prog.kind === "fentry" || prog.kind === "fexit" || prog.kind === "lsm" || prog.kind === "rawTracepoint";
  const loadU64 = (off: number): Value => {
    const op: Operand = L.load(8, { kind: "reg", reg: L.ctxReg, off }, U64);
    return { kind: "int", type: U64, op };
  };
  if (method === "arg") {
    const n = args[0];
    if (!n || n.kind !== "const")
      return L.error(Code.NOT_CONSTANT, node, "ctx.arg(n) needs a constant argument number");
    if (ptRegs) {
      if (n.value < 0n || n.value > 5n)
        return L.error(Code.LITERAL_RANGE, node, "pt_regs holds arguments 0 to 5 only");
      return loadU64(PT_REGS_ARGS[Number(n.value)]!);
    }
    if (argsArray) {
      if (n.value < 0n || n.value > 11n)
        return L.error(Code.LITERAL_RANGE, node, "argument numbers go from 0 to 11");
      return loadU64(Number(n.value) * 8);
    }
  }
  if (ptRegs && method === "ret") return loadU64(PT_REGS_RET);
  if (ptRegs && method === "ip") return loadU64(PT_REGS_IP);
  if (ptRegs && method === "sp") return loadU64(PT_REGS_SP);
  if (method === "ret" && prog.kind === "fexit") {
    const n = kernelFunctionArgCount(prog.attach ?? "");
    if (n === undefined)
      return L.error(
        Code.NOT_SUPPORTED,
        node,
        `ctx.ret() needs the argument count of \`${prog.attach}\`, which the kernel's BTF (/sys/kernel/btf/vmlinux) does not give here`,
        "build on a machine whose kernel has CONFIG_DEBUG_INFO_BTF and this function",
      );
    return loadU64(n * 8); // the trampoline stores the return value after the arguments
  }
  return L.error(Code.CONTEXT_FIELD, node, `ctx.${method}() is not available in ${prog.kind} programs`);
}

export { imm };
