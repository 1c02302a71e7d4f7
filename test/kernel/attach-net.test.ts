import { mkdirSync, readdirSync, rmdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  KernelProgram,
  kernelAvailability,
  listIds,
  mountedFsType,
  objGetInfo,
  readU32,
  type KernelResult,
} from "../../runtime/kernel/index.js";
import { AttachType, ProgType, XdpAction, XdpFlags } from "../../runtime/uapi/bpf.js";
import { exit, mov64 } from "./asm.js";

/**
 * bpf_link attachments that touch networking: XDP (generic mode) on the loopback device with a
 * program that passes every packet, and a cgroup_skb program on a fresh, empty cgroup v2 — both
 * leave traffic alone, and both are detached by closing the link.
 */
const avail = kernelAvailability();
const CGROUP2 = ["/sys/fs/cgroup/unified", "/sys/fs/cgroup"].find((p) => mountedFsType(p) === "cgroup2");
if (!avail.ok) console.warn(`skipping network attach tests: ${avail.reason}`);

function must<T>(r: KernelResult<T>): T {
  if (!r.ok) throw new Error(`${r.message}${r.log ? `\n${r.log}` : ""}`);
  return r.value;
}

const openFds = (): number => readdirSync("/proc/self/fd").length;

describe.skipIf(!avail.ok)("network attachments", () => {
  it("XDP on lo (generic mode) through a bpf_link, detached on close", () => {
    const before = openFds();
    const prog = must(
      KernelProgram.load({
        type: ProgType.XDP,
        expectedAttachType: AttachType.XDP,
        instructions: [mov64(0, XdpAction.PASS), exit()],
        name: "t_xdp_lo",
      }),
    );
    const link = must(prog.attachXdp(1, XdpFlags.SKB_MODE));
    expect(link.fd).toBeGreaterThan(0);
    // struct bpf_link_info starts with type and id; the kernel lists the id while the link lives.
    const info = must(objGetInfo(link.fd, 16));
    const id = readU32(info, 4);
    expect(readU32(info, 0)).toBe(6); // BPF_LINK_TYPE_XDP
    expect(must(listIds("link"))).toContain(id);
    // A second XDP program on the same device without REPLACE is refused while the link holds it.
    const other = must(
      KernelProgram.load({
        type: ProgType.XDP,
        expectedAttachType: AttachType.XDP,
        instructions: [mov64(0, XdpAction.PASS), exit()],
      }),
    );
    const second = other.attachXdp(1, XdpFlags.SKB_MODE);
    expect(second.ok ? "ok" : second.name).toBe("EBUSY");
    link.close();
    expect(must(listIds("link"))).not.toContain(id);
    other.close();
    prog.close();
    expect(openFds()).toBe(before);
  });

  it.skipIf(!CGROUP2)("cgroup_skb ingress on an empty cgroup v2", () => {
    const dir = `${CGROUP2}/tsbpf-test-${process.pid}`;
    mkdirSync(dir);
    try {
      const prog = must(
        KernelProgram.load({
          type: ProgType.CGROUP_SKB,
          expectedAttachType: AttachType.CGROUP_INET_INGRESS,
          instructions: [mov64(0, 1), exit()],
          name: "t_cg_skb",
        }),
      );
      const link = must(prog.attachCgroup(dir, AttachType.CGROUP_INET_INGRESS));
      expect(link.fd).toBeGreaterThan(0);
      link.close();
      prog.close();
      const missing = prog.attachCgroup(`${dir}-missing`, AttachType.CGROUP_INET_INGRESS);
      expect(missing.ok ? "ok" : missing.name).toBe("ENOENT");
    } finally {
      rmdirSync(dir);
    }
  });
});
