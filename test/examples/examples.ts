/** The example programs (examples/<name>/<name>.ts), each with a C twin examples/c/<name>.bpf.c. */
export const EXAMPLES = [
  "syscount",
  "opensnoop",
  "exectrace",
  "syslatency",
  "xdp_proto",
  "xdp_blocklist",
  "tc_flowstats",
  "sockfilter_syn",
  "uprobe_count",
] as const;
