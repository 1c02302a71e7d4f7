// Twin of ../shared/bench/empty.c: the per-call baseline, XDP_PASS.
import { xdp, XdpAction } from "tsbpf";

export const empty = xdp(() => XdpAction.Pass);
