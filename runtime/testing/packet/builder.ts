import { encodeLayers, payloadBytes } from "./encode.js";
import type {
  EthernetOptions,
  IcmpOptions,
  Ipv4Options,
  Ipv6Options,
  Layer,
  PayloadInput,
  TcpOptions,
  UdpOptions,
  VlanOptions,
} from "./layers.js";

/**
 * Immutable packet builders: every call returns a new builder, so a common prefix can be shared
 * (`const base = packet.ethernet().ipv4({...})`, then `base.udp(...)`, `base.tcp(...)`). The stage
 * types only offer the layers that may come next; `build()` checks the order again at run time.
 */

/** Anything `run()` takes as a packet: bytes, or a builder. */
export type PacketSource = Uint8Array | { build(): Uint8Array };

export interface BuiltPacket {
  /** The layers so far, as given. */
  readonly layers: readonly Layer[];
  /** The frame: lengths and checksums computed where not given. */
  build(): Uint8Array;
}

export interface PayloadStage extends BuiltPacket {
  /** Bytes after the last header: bytes, UTF-8 text, or a count of zero bytes. */
  payload(data: PayloadInput): BuiltPacket;
}

export interface NetworkStage extends PayloadStage {
  tcp(options?: TcpOptions): PayloadStage;
  udp(options?: UdpOptions): PayloadStage;
  /** ICMP after IPv4, ICMPv6 after IPv6. */
  icmp(options?: IcmpOptions): PayloadStage;
  /** IP in IP (protocol 4 / next header 4). */
  ipv4(options: Ipv4Options): NetworkStage;
  /** IPv6 in IP (protocol 41). */
  ipv6(options: Ipv6Options): NetworkStage;
}

export interface LinkStage extends PayloadStage {
  vlan(options: VlanOptions): LinkStage;
  ipv4(options: Ipv4Options): NetworkStage;
  ipv6(options: Ipv6Options): NetworkStage;
}

class Builder implements LinkStage, NetworkStage {
  readonly layers: readonly Layer[];

  constructor(layers: readonly Layer[]) {
    this.layers = layers;
  }

  private with(layer: Layer): Builder {
    return new Builder([...this.layers, layer]);
  }

  vlan(options: VlanOptions): Builder {
    return this.with({ kind: "vlan", options });
  }
  ipv4(options: Ipv4Options): Builder {
    return this.with({ kind: "ipv4", options });
  }
  ipv6(options: Ipv6Options): Builder {
    return this.with({ kind: "ipv6", options });
  }
  tcp(options: TcpOptions = {}): Builder {
    return this.with({ kind: "tcp", options });
  }
  udp(options: UdpOptions = {}): Builder {
    return this.with({ kind: "udp", options });
  }
  icmp(options: IcmpOptions = {}): Builder {
    return this.with({ kind: "icmp", options });
  }
  payload(data: PayloadInput): Builder {
    return this.with({ kind: "payload", bytes: payloadBytes(data) });
  }
  build(): Uint8Array {
    return encodeLayers(this.layers);
  }
}

/** An Ethernet II frame (then VLAN tags, IPv4 or IPv6, or a raw payload with `type`). */
export function ethernet(options: EthernetOptions = {}): LinkStage {
  return new Builder([{ kind: "ethernet", options }]);
}

/** A bare IPv4 packet (no link layer). */
export function ipv4(options: Ipv4Options): NetworkStage {
  return new Builder([{ kind: "ipv4", options }]);
}

/** A bare IPv6 packet (no link layer). */
export function ipv6(options: Ipv6Options): NetworkStage {
  return new Builder([{ kind: "ipv6", options }]);
}

/** The bytes of a packet source. */
export function packetBytes(source: PacketSource): Uint8Array {
  return source instanceof Uint8Array ? source : source.build();
}

export function isPacketSource(v: unknown): v is PacketSource {
  return (
    v instanceof Uint8Array ||
    (typeof v === "object" && v !== null && typeof (v as { build?: unknown }).build === "function")
  );
}
