import { BtfLinkage, readBtf, resolveType, type Btf } from "../btf/index.js";
import type { FuncInfo } from "../object/spec.js";
import type { ProgTypeName } from "../uapi/bpf.js";
import type { Cfg } from "./cfg.js";
import { notModelled, type Failure } from "./codes.js";
import type { GlobalFunc } from "./env.js";

/**
 * Global functions (kernel: subprog_is_global, btf_prepare_func_args). A subprogram whose BTF
 * FUNC has global linkage is verified once on its own, from the argument types its prototype
 * declares, and its callers only check their arguments against that prototype. tsbpf models
 * scalar arguments and the context pointer; other argument kinds are refused as not modelled.
 */

/** The context struct each program type's global functions may take (kernel: btf_is_prog_ctx_type). */
const CTX_STRUCTS: Partial<Record<ProgTypeName, readonly string[]>> = {
  SOCKET_FILTER: ["__sk_buff"],
  SCHED_CLS: ["__sk_buff"],
  CGROUP_SKB: ["__sk_buff"],
  XDP: ["xdp_md"],
  KPROBE: ["pt_regs", "bpf_user_pt_regs_t"],
  PERF_EVENT: ["bpf_perf_event_data"],
  RAW_TRACEPOINT: ["bpf_raw_tracepoint_args"],
};

export function findGlobalFuncs(
  funcInfo: readonly FuncInfo[],
  btfBytes: Uint8Array | undefined,
  cfg: Cfg,
  type: ProgTypeName,
): { globals: Map<number, GlobalFunc> } | { failure: Failure; insn: number } {
  const globals = new Map<number, GlobalFunc>();
  if (cfg.subprogStart.length < 2 || funcInfo.length < 2) return { globals };
  let btf: Btf | undefined;
  if (btfBytes) {
    const r = readBtf(btfBytes);
    if (r.ok) btf = r.value;
  }
  if (!btf) {
    return {
      failure: notModelled("subprograms with func_info but without the collection's BTF (pass options.btf)"),
      insn: cfg.subprogStart[1]!,
    };
  }
  for (const fi of funcInfo) {
    const sp = cfg.subprogStart.indexOf(fi.insn);
    if (sp <= 0 || fi.typeId === undefined) continue;
    const fn = btf.types[fi.typeId];
    if (!fn || fn.kind !== "func" || fn.linkage !== BtfLinkage.GLOBAL) continue;
    const refuse = (why: string) => ({
      failure: notModelled(`global function ${fi.name}: ${why}`),
      insn: fi.insn,
    });
    const proto = btf.types[fn.type];
    if (!proto || proto.kind !== "func_proto") return refuse("no prototype");
    const ret = resolveType(btf, proto.returnType);
    if (!ret || (ret.type.kind !== "int" && ret.type.kind !== "enum" && ret.type.kind !== "enum64")) {
      return refuse("only functions returning an integer are modelled");
    }
    if (proto.params.length > 5) return refuse("more than 5 arguments");
    const args: Array<"scalar" | "ctx"> = [];
    for (const p of proto.params) {
      const t = resolveType(btf, p.type);
      if (t && (t.type.kind === "int" || t.type.kind === "enum" || t.type.kind === "enum64")) {
        args.push("scalar");
        continue;
      }
      if (t && t.type.kind === "ptr") {
        const target = btf.types[t.type.type];
        const named = target && "name" in target ? target.name : "";
        const to = resolveType(btf, t.type.type);
        const structName = to && to.type.kind === "struct" ? to.type.name : "";
        const ctx = CTX_STRUCTS[type] ?? [];
        if (ctx.includes(structName) || ctx.includes(named)) {
          args.push("ctx");
          continue;
        }
      }
      return refuse(`argument '${p.name}' is neither an integer nor the context pointer`);
    }
    globals.set(sp, { name: fi.name, args });
  }
  return { globals };
}
