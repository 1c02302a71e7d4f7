import type { PacketContext } from "../helpers/kernel.js";
import type { AccessPolicy, Memory, Region } from "../vm/memory.js";
import { describeOffset, fieldAt, sequential, type CtxField } from "./fields.js";

/** uapi struct __sk_buff (Linux 6.18), 192 bytes. */
export const SK_BUFF_FIELDS: readonly CtxField[] = sequential(0, [
  ["len", 4],
  ["pkt_type", 4],
  ["mark", 4],
  ["queue_mapping", 4],
  ["protocol", 4],
  ["vlan_present", 4],
  ["vlan_tci", 4],
  ["vlan_proto", 4],
  ["priority", 4],
  ["ingress_ifindex", 4],
  ["ifindex", 4],
  ["tc_index", 4],
  ["cb", 20],
  ["hash", 4],
  ["tc_classid", 4],
  ["data", 4],
  ["data_end", 4],
  ["napi_id", 4],
  ["family", 4],
  ["remote_ip4", 4],
  ["local_ip4", 4],
  ["remote_ip6", 16],
  ["local_ip6", 16],
  ["remote_port", 4],
  ["local_port", 4],
  ["data_meta", 4],
  ["flow_keys", 8],
  ["tstamp", 8],
  ["wire_len", 4],
  ["gso_segs", 4],
  ["sk", 8],
  ["gso_size", 4],
  ["tstamp_type", 1],
  ["(padding)", 3],
  ["hwtstamp", 8],
]);
export const SK_BUFF_SIZE = 192;

const off = (name: string): number => SK_BUFF_FIELDS.find((f) => f.name === name)!.offset;
export const SkbOffset = {
  len: off("len"),
  pkt_type: off("pkt_type"),
  mark: off("mark"),
  queue_mapping: off("queue_mapping"),
  protocol: off("protocol"),
  vlan_present: off("vlan_present"),
  vlan_tci: off("vlan_tci"),
  vlan_proto: off("vlan_proto"),
  priority: off("priority"),
  ingress_ifindex: off("ingress_ifindex"),
  ifindex: off("ifindex"),
  tc_index: off("tc_index"),
  cb: off("cb"),
  hash: off("hash"),
  tc_classid: off("tc_classid"),
  data: off("data"),
  data_end: off("data_end"),
  napi_id: off("napi_id"),
  family: off("family"),
  remote_ip4: off("remote_ip4"),
  local_ip4: off("local_ip4"),
  remote_ip6: off("remote_ip6"),
  local_ip6: off("local_ip6"),
  remote_port: off("remote_port"),
  local_port: off("local_port"),
  data_meta: off("data_meta"),
  flow_keys: off("flow_keys"),
  tstamp: off("tstamp"),
  wire_len: off("wire_len"),
  gso_segs: off("gso_segs"),
  sk: off("sk"),
  gso_size: off("gso_size"),
  tstamp_type: off("tstamp_type"),
  hwtstamp: off("hwtstamp"),
} as const;
const O = SkbOffset;

/** The program types that get a __sk_buff, each with its kernel access rules. */
export type SkbKind = "socket_filter" | "tc" | "cgroup_skb";

const inRange = (o: number, start: number, size: number) => o >= start && o < start + size;

/**
 * The kernel's __sk_buff access rules (net/core/filter.c): bpf_skb_is_valid_access for all, then
 * sk_filter_is_valid_access / tc_cls_act_is_valid_access / cg_skb_is_valid_access (CAP_BPF
 * assumed, as root loads). Returns why an access is refused, or undefined.
 */
export function skbAccessRefusal(kind: SkbKind, o: number, size: number, write: boolean): string | undefined {
  const field = describeOffset(SK_BUFF_FIELDS, o);
  const f = fieldAt(SK_BUFF_FIELDS, o);
  const name = f?.name ?? "";
  const what = `${write ? "write" : "read"} of ${size} bytes at ${field}`;
  const refuse = (why: string) => `${what}: ${why}`;
  const family = o >= O.family && o < O.local_port + 4;
  // per-type rules first (each returns false before reaching bpf_skb_is_valid_access)
  if (kind === "socket_filter") {
    if (
      ["tc_classid", "data", "data_meta", "data_end", "tstamp", "wire_len", "hwtstamp"].includes(name) ||
      family
    ) {
      return refuse(
        `socket filters cannot access ${name || field}` +
          (name.startsWith("data") ? " (no direct packet access; use bpf_skb_load_bytes or LD_ABS)" : ""),
      );
    }
    if (write && name !== "cb") return refuse("socket filters may only write cb[]");
  } else if (kind === "tc") {
    const writable = ["mark", "tc_index", "priority", "tc_classid", "cb", "tstamp", "queue_mapping"];
    if (write && !writable.includes(name)) return refuse(`tc programs may write only ${writable.join(", ")}`);
    if (family) return refuse("tc programs cannot read socket fields");
  } else {
    if (["tc_classid", "data_meta", "wire_len"].includes(name))
      return refuse(`cgroup_skb programs cannot access ${name}`);
    const writable = ["mark", "priority", "cb", "tstamp"];
    if (write && !writable.includes(name))
      return refuse(`cgroup_skb programs may write only ${writable.join(", ")}`);
  }
  // bpf_skb_is_valid_access
  if (o < 0 || o >= SK_BUFF_SIZE) return refuse("outside __sk_buff");
  if (o % size !== 0) return refuse("misaligned");
  if (inRange(o, O.cb, 20)) {
    if (o + size > O.cb + 20) return refuse("past the end of cb[]");
    return undefined;
  }
  if (
    ["remote_ip6", "local_ip6", "remote_ip4", "local_ip4", "data", "data_meta", "data_end"].includes(name)
  ) {
    return size !== 4 ? refuse(`${name} is accessed as a u32`) : undefined;
  }
  if (name === "flow_keys") return refuse("flow_keys is only for flow dissectors");
  if (name === "hwtstamp") return write || size !== 8 ? refuse("hwtstamp is read as a u64") : undefined;
  if (name === "tstamp") return size !== 8 ? refuse("tstamp is accessed as a u64") : undefined;
  if (name === "sk") return write || size !== 8 || o !== O.sk ? refuse("sk is read as a pointer") : undefined;
  if (name === "tstamp_type" || name === "(padding)") return refuse(`${name} is not accessible`);
  if (write) return size !== 4 ? refuse("fields are written as u32") : undefined;
  if (size > 4) return refuse("fields are u32 (narrower reads are allowed, wider are not)");
  return undefined;
}

export interface SkbInput {
  /** The frame from the Ethernet header on, as passed to BPF_PROG_TEST_RUN. */
  readonly packet: Uint8Array;
  readonly mark?: number;
  readonly priority?: number;
  /** Default 1 (loopback), as test runs use. */
  readonly ifindex?: number;
  readonly ingressIfindex?: number;
  readonly cb?: readonly number[];
  readonly hash?: number;
  readonly tstamp?: bigint;
  readonly queueMapping?: number;
  readonly tcIndex?: number;
  readonly gsoSegs?: number;
  readonly gsoSize?: number;
  readonly wireLen?: number;
  readonly vlanTci?: number;
  readonly vlanProto?: number;
}

const ETH_HLEN = 14;
const ETH_P_IP = 0x0800;
const ETH_P_IPV6 = 0x86dd;
const AF_INET = 2;
const AF_INET6 = 10;

/**
 * skb->pkt_type as eth_type_trans sets it for the loopback device (address 00:00:00:00:00:00):
 * PACKET_BROADCAST (1), PACKET_MULTICAST (2), PACKET_OTHERHOST (3) or PACKET_HOST (0).
 */
export function pktType(frame: Uint8Array): number {
  if (frame.length < 6) return 0;
  const dest = frame.subarray(0, 6);
  if (dest[0]! & 1) return dest.every((b) => b === 0xff) ? 1 : 2;
  return dest.every((b) => b === 0) ? 0 : 3;
}

/**
 * An __sk_buff context as BPF_PROG_TEST_RUN builds it (net/bpf/test_run.c bpf_prog_test_run_skb):
 * skb->protocol from eth_type_trans (the big-endian EtherType as stored), family and addresses of
 * the fake socket from the IPv4/IPv6 header, and — except for tc, which sees layer 2 — the
 * Ethernet header pulled off: skb->data starts at the network header and skb->len excludes it.
 * After the run the kernel pushes the 14 bytes back zeroed (`output()` does the same).
 *
 * tc and cgroup_skb programs read packet pointers from data / data_end (a packet region);
 * socket filters have no direct packet access.
 */
export class SkbContext implements PacketContext {
  readonly kind = "skb";
  readonly pointer: bigint;
  readonly skbKind: SkbKind;
  readonly ctx = new Uint8Array(SK_BUFF_SIZE);
  private readonly bytes: Uint8Array;
  private readonly region: Region | undefined;

  constructor(mem: Memory, input: SkbInput, kind: SkbKind) {
    this.skbKind = kind;
    const frame = input.packet; // used in place: callers pass a copy they may inspect
    if (frame.length < ETH_HLEN)
      throw new RangeError(`a packet for an skb test run has at least ${ETH_HLEN} bytes`);
    const l2 = kind === "tc";
    this.bytes = l2 ? frame : frame.subarray(ETH_HLEN);
    const v = new DataView(this.ctx.buffer);
    const fv = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    const proto = fv.getUint16(12, false);
    v.setUint32(O.len, this.bytes.length, true);
    v.setUint32(O.pkt_type, pktType(frame), true);
    v.setUint32(O.mark, input.mark ?? 0, true);
    v.setUint32(O.queue_mapping, input.queueMapping ?? 0, true);
    v.setUint16(O.protocol, proto, false); // __be16 as stored in the skb
    v.setUint32(O.vlan_present, input.vlanTci !== undefined ? 1 : 0, true);
    v.setUint32(O.vlan_tci, input.vlanTci ?? 0, true);
    v.setUint16(O.vlan_proto, input.vlanProto ?? 0, false);
    v.setUint32(O.priority, input.priority ?? 0, true);
    v.setUint32(O.ingress_ifindex, input.ingressIfindex ?? 0, true);
    v.setUint32(O.ifindex, input.ifindex ?? 1, true);
    v.setUint32(O.tc_index, input.tcIndex ?? 0, true);
    (input.cb ?? []).slice(0, 5).forEach((x, i) => v.setUint32(O.cb + 4 * i, x, true));
    v.setUint32(O.hash, input.hash ?? 0, true);
    v.setBigUint64(O.tstamp, input.tstamp ?? 0n, true);
    v.setUint32(O.wire_len, input.wireLen ?? this.bytes.length, true);
    v.setUint32(O.gso_segs, input.gsoSegs ?? 0, true);
    v.setUint32(O.gso_size, input.gsoSize ?? 0, true);
    // the fake socket test runs attach: family and addresses from the IP header
    const ip = frame.subarray(ETH_HLEN);
    if (proto === ETH_P_IP) {
      v.setUint32(O.family, AF_INET, true);
      if (ip.length >= 20) {
        this.ctx.set(ip.subarray(16, 20), O.remote_ip4); // sk_daddr = daddr
        this.ctx.set(ip.subarray(12, 16), O.local_ip4); // sk_rcv_saddr = saddr
      }
    } else if (proto === ETH_P_IPV6) {
      v.setUint32(O.family, AF_INET6, true);
      if (ip.length >= 40) {
        this.ctx.set(ip.subarray(24, 40), O.remote_ip6);
        this.ctx.set(ip.subarray(8, 24), O.local_ip6);
      }
    }
    this.region =
      kind === "socket_filter" ? undefined : mem.add(this.bytes, { kind: "packet", name: "packet" });
    const region = this.region;
    const policy: AccessPolicy = {
      check: (offset, size, write) => skbAccessRefusal(kind, offset, size, write),
      load: (offset) => {
        if (!region) return undefined;
        if (offset === O.data || offset === O.data_meta) return region.address(0);
        if (offset === O.data_end) return region.address(region.size);
        return undefined;
      },
    };
    this.pointer = mem.add(this.ctx, { kind: "ctx", name: "__sk_buff", writable: true, policy }).address(0);
  }

  packet(): Uint8Array {
    return this.bytes;
  }

  /** The packet BPF_PROG_TEST_RUN returns: for non-tc programs with the Ethernet header zeroed. */
  output(): Uint8Array {
    if (this.skbKind === "tc") return this.bytes.slice();
    const out = new Uint8Array(ETH_HLEN + this.bytes.length);
    out.set(this.bytes, ETH_HLEN);
    return out;
  }

  /** A u32 field of the context after the run (mark, priority, cb…). */
  field(name: keyof typeof SkbOffset): number {
    return new DataView(this.ctx.buffer).getUint32(SkbOffset[name], true);
  }
}
