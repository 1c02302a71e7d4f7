// tc ingress statistics: packets and bytes per IPv4 flow (5-tuple; ports for TCP and UDP).
// C twin: examples/c/tc_flowstats.bpf.c (same key and value layouts).
import {
  HashMap,
  tc,
  TcAction,
  UpdateFlag,
  ETH_P_IP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  ntohs,
  zeroed,
  type EthHdr,
  type FixedArray,
  type IpHdr,
  type UdpHdr,
  type u8,
  type u16,
  type u32,
  type u64,
} from "tsbpf";

export interface FlowKey {
  saddr: u32;
  daddr: u32;
  sport: u16;
  dport: u16;
  proto: u8;
  pad: FixedArray<u8, 3>;
}

export interface FlowStats {
  packets: u64;
  bytes: u64;
}

export const flows = new HashMap<FlowKey, FlowStats>({ maxEntries: 16384 });

export const flow_stats = tc((ctx) => {
  const eth = ctx.packet.at<EthHdr>(0);
  if (!eth || ntohs(eth.proto) !== ETH_P_IP) return TcAction.Ok;
  const ip = ctx.packet.at<IpHdr>(14);
  if (!ip) return TcAction.Ok;
  const key: FlowKey = zeroed(); // padding included: the key's bytes are hashed
  key.saddr = ip.saddr;
  key.daddr = ip.daddr;
  key.proto = ip.protocol;
  if (ip.protocol === IPPROTO_TCP || ip.protocol === IPPROTO_UDP) {
    const l4 = ctx.packet.at<UdpHdr>(34); // ports are the first 4 bytes of TCP and UDP alike
    if (!l4) return TcAction.Ok;
    key.sport = ntohs(l4.source);
    key.dport = ntohs(l4.dest);
  }
  const st = flows.lookup(key);
  if (st) {
    st.packets += 1; // atomic adds: another CPU may count the same flow
    st.bytes += ctx.len;
  } else {
    flows.set(key, { packets: 1, bytes: ctx.len }, UpdateFlag.NoExist);
  }
  return TcAction.Ok;
});
