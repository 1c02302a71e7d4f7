import type { Command } from "commander";
import type { Io } from "../report.js";
import type { RunCommandOptions } from "./run.js";

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Declares `tsbpf run` and its flags on the CLI (kept beside the command it drives). */
export function registerRun(program: Command, io: Io, setStatus: (status: number) => void): void {
  program
    .command("run")
    .description("load a probe into the kernel, attach it, stream its events and print its maps")
    .argument("<file>", "the probe (.ts, or a .bpf.o object)")
    .option("-d, --duration <time>", "stop after this long (10s, 500ms, 2m); default: until Ctrl-C")
    .option("-i, --interval <time>", "print the maps every interval (they are always printed at exit)")
    .option("--json", "JSON lines (events, maps, histograms) instead of text")
    .option("-p, --program <name>", "attach only this program (repeatable)", collect)
    .option("--vm", "replay recorded inputs through tsbpf's VM instead of the kernel (with --input)")
    .option("--input <file>", "with --vm: recorded inputs, one JSON object per line")
    .option("--iface <name>", "XDP and tc programs: the network interface")
    .option("--cgroup <dir>", "cgroup_skb programs: the cgroup v2 directory (default /sys/fs/cgroup)")
    .option("--socket-fd <fd>", "socket filters: a socket fd this process inherited")
    .option("--uprobe <binary:function>", "uprobes without a target in their section")
    .option("--pid <pid>", "uprobes: only this process")
    .option("--no-verify", "skip tsbpf's verifier (the kernel's still decides)")
    .action(async (file: string, opts: RunCommandOptions) => {
      // imported on use, like every command (see main.ts)
      setStatus(await (await import("./run.js")).runCommand(io, file, opts));
    });
}
