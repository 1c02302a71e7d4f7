"""Reference packet builder for test/testing/packet.test.ts.

Builds the same frames as runtime/testing/packet from a JSON description, independently:
struct for the headers, ipaddress for addresses, its own RFC 1071 checksum. Reads a JSON list
of cases (each a list of layers) on stdin and prints one hex frame per line.
"""
import ipaddress
import json
import struct
import sys


def csum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def mac(text: str) -> bytes:
    return bytes(int(x, 16) for x in text.split(":"))


TCP_BITS = {"F": 1, "S": 2, "R": 4, "P": 8, "A": 16, "U": 32, "E": 64, "C": 128}


def build(layers, i=0) -> bytes:
    if i == len(layers):
        return b""
    layer = layers[i]
    kind = layer["kind"]
    nxt = layers[i + 1]["kind"] if i + 1 < len(layers) else None
    inner = build(layers, i + 1)
    ip = next((l for l in reversed(layers[:i]) if l["kind"] in ("ipv4", "ipv6")), None)

    def pseudo(proto: int, length: int) -> bytes:
        if ip is None:
            return b""
        if ip["kind"] == "ipv4":
            return (
                ipaddress.IPv4Address(ip["src"]).packed
                + ipaddress.IPv4Address(ip["dst"]).packed
                + struct.pack("!BBH", 0, proto, length)
            )
        return (
            ipaddress.IPv6Address(ip["src"]).packed
            + ipaddress.IPv6Address(ip["dst"]).packed
            + struct.pack("!I3xB", length, proto)
        )

    def ethertype_of_next():
        if nxt == "vlan":
            after = layers[i + 2]["kind"] if i + 2 < len(layers) else None
            return layers[i + 1].get("tpid", 0x88A8 if after == "vlan" else 0x8100)
        return {"ipv4": 0x0800, "ipv6": 0x86DD}.get(nxt, layer.get("type"))

    if kind == "payload":
        return bytes.fromhex(layer["hex"])
    if kind == "ethernet":
        return (
            mac(layer.get("dst", "02:00:00:00:00:02"))
            + mac(layer.get("src", "02:00:00:00:00:01"))
            + struct.pack("!H", layer.get("type", ethertype_of_next()))
            + inner
        )
    if kind == "vlan":
        tci = (layer.get("pcp", 0) << 13) | ((1 if layer.get("dei") else 0) << 12) | layer["id"]
        return struct.pack("!HH", tci, layer.get("type", ethertype_of_next())) + inner
    v6 = kind == "ipv6"
    proto = {"tcp": 6, "udp": 17, "icmp": 58 if v6 else 1, "ipv4": 4, "ipv6": 41}.get(nxt, 59 if v6 else 255)
    if kind == "ipv4":
        flags = (0x4000 if layer.get("df") else 0) | layer.get("fragmentOffset", 0)
        header = struct.pack(
            "!BBHHHBBH4s4s",
            0x45,
            layer.get("tos", 0),
            20 + len(inner),
            layer.get("id", 1),
            flags,
            layer.get("ttl", 64),
            layer.get("protocol", proto),
            0,
            ipaddress.IPv4Address(layer["src"]).packed,
            ipaddress.IPv4Address(layer["dst"]).packed,
        )
        header = header[:10] + struct.pack("!H", csum(header)) + header[12:]
        return header + inner
    if kind == "ipv6":
        first = (6 << 28) | (layer.get("trafficClass", 0) << 20) | layer.get("flowLabel", 0)
        return (
            struct.pack("!IHBB", first, len(inner), layer.get("nextHeader", proto), layer.get("hopLimit", 64))
            + ipaddress.IPv6Address(layer["src"]).packed
            + ipaddress.IPv6Address(layer["dst"]).packed
            + inner
        )
    if kind == "tcp":
        flags = sum(TCP_BITS[c] for c in layer.get("flags", "S"))
        seg = struct.pack(
            "!HHIIBBHHH",
            layer.get("sport", 12345),
            layer.get("dport", 80),
            layer.get("seq", 0),
            layer.get("ack", 0),
            5 << 4,
            flags,
            layer.get("window", 65535),
            0,
            0,
        ) + inner
        c = csum(pseudo(6, len(seg)) + seg)
        return seg[:16] + struct.pack("!H", c) + seg[18:]
    if kind == "udp":
        seg = struct.pack("!HHHH", layer.get("sport", 12345), layer.get("dport", 53), 8 + len(inner), 0) + inner
        c = csum(pseudo(17, len(seg)) + seg) or 0xFFFF
        return seg[:6] + struct.pack("!H", c) + seg[8:]
    if kind == "icmp":
        v6 = ip is not None and ip["kind"] == "ipv6"
        seg = struct.pack(
            "!BBHHH",
            layer.get("type", 128 if v6 else 8),
            layer.get("code", 0),
            0,
            layer.get("id", 0),
            layer.get("seq", 0),
        ) + inner
        c = csum((pseudo(58, len(seg)) if v6 else b"") + seg)
        return seg[:2] + struct.pack("!H", c) + seg[4:]
    raise ValueError(kind)


for case in json.load(sys.stdin):
    print(build(case).hex())
