import { Command, CommanderError, Option } from "commander";
import type { BuildCommandOptions } from "./commands/build.js";
import { registerRun } from "./commands/run-options.js";
import type { VerifyCommandOptions } from "./commands/verify.js";
import type { VmCommandOptions } from "./commands/vm.js";
import { processIo, UsageError, type Io } from "./report.js";

/**
 * Each command's module is imported when the command runs: the compiler pulls in ts-morph and
 * TypeScript (most of a second to load), which `tsbpf disasm x.o` or a cached `tsbpf run` never need.
 *
 * The `tsbpf` command line. Returns the exit status instead of exiting so tests can drive it
 * in-process. Exit codes: 0 success, 1 the input was refused (diagnostics printed), 2 usage error.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let status = 0;
  const program = new Command("tsbpf")
    .description("Write eBPF programs in TypeScript: compile, verify, run locally, ship to the kernel")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError(false);

  program
    .command("asm")
    .description("assemble LLVM-syntax (.s) or bpf_conformance (.data) eBPF assembler into raw bytecode")
    .argument("<file>", "assembler source (.s) or conformance test file (.data)")
    .requiredOption("-o, --output <file>", "where to write the little-endian instruction bytes")
    .addOption(
      new Option("--dialect <dialect>", "assembler syntax (default: detected)").choices([
        "llvm",
        "conformance",
      ]),
    )
    .action(async (file: string, opts: { output: string; dialect?: "llvm" | "conformance" }) => {
      status = (await import("./commands/asm.js")).asmCommand(io, file, opts);
    });

  program
    .command("build")
    .description("compile a TypeScript eBPF program to a libbpf-compatible object (ELF + BTF)")
    .argument("<file>", "the program (.ts)")
    .option("-o, --output <file>", "where to write the object (default: FILE with .bpf.o)")
    .option("--debug", "write .BTF.ext: line and function info pointing at the TypeScript (default)")
    .option("--no-debug", "leave out .BTF.ext (line and function info)")
    .option("--no-verify", "skip tsbpf's verifier (the kernel still verifies at load)")
    .option("--license <name>", 'license section (default "GPL")')
    .option("--skeleton", "also write FILE.skel.ts: a typed module that loads the object into the kernel")
    .action(async (file: string, opts: BuildCommandOptions) => {
      status = (await import("./commands/build.js")).buildCommand(io, file, opts);
    });

  program
    .command("check")
    .description("type-check and compile a TypeScript eBPF program; print every diagnostic with a code frame")
    .argument("<file>", "the program (.ts)")
    .action(async (file: string) => {
      status = (await import("./commands/check.js")).checkCommand(io, file);
    });

  program
    .command("disasm")
    .description("print a program's instructions in llvm-objdump's syntax")
    .argument("<file>", "raw bytecode (.bin), conformance file (.data) or assembler (.s)")
    .addOption(
      new Option("--dialect <dialect>", "output syntax").choices(["llvm", "conformance"]).default("llvm"),
    )
    .option("--raw-insn", "show the instruction bytes, as llvm-objdump does by default")
    .option("-j, --section <name>", "only this section of an object")
    .action(
      async (
        file: string,
        opts: { dialect: "llvm" | "conformance"; rawInsn?: boolean; section?: string },
      ) => {
        status = (await import("./commands/disasm.js")).disasmCommand(io, file, opts);
      },
    );

  program
    .command("vm")
    .description("run a program in the tsbpf VM; prints r0 as 64-bit hex on the last line")
    .argument(
      "<file>",
      "TypeScript (.ts), ELF object (.o), raw bytecode (.bin), conformance (.data) or assembler (.s)",
    )
    .option("--section <name>", "object: the program in this section")
    .option("-p, --program <name>", "object: the program with this function name")
    .option("--packet <file>", "the packet (binary, or hex bytes as text); raw programs run as XDP")
    .option("--ctx <json>", 'object: the program\'s input, e.g. tracepoint fields {"fields": {...}}')
    .option("--mem <file>", "pass this memory block as r1 (pointer) and r2 (length)")
    .option("--trace", "print every executed instruction with r0 and r1")
    .addOption(
      new Option("--tier <tier>", "execution tier (default: fastest that applies)").choices([
        "interpreter",
        "js",
      ]),
    )
    .option("--budget <n>", "stop after this many instructions")
    .action(async (file: string, opts: VmCommandOptions) => {
      status = (await import("./commands/vm.js")).vmCommand(io, file, opts);
    });

  program
    .command("verify")
    .description("run tsbpf's verifier on a program: exit 0 when accepted, 1 when refused")
    .argument("<file>", "TypeScript (.ts), ELF object (.o), raw bytecode (.bin) or assembler (.s)")
    .option("--type <type>", "program type (xdp, socket, tc, tracepoint, raw_tracepoint, kprobe, ...)")
    .option("--section <name>", "object: only the program in this section")
    .option("-p, --program <name>", "object: only the program with this function name")
    .option("--log <level>", "print the kernel-style verifier log (1: instructions, 2: with states)")
    .action(async (file: string, opts: VerifyCommandOptions) => {
      status = (await import("./commands/verify.js")).verifyCommand(io, file, opts);
    });

  program
    .command("conformance")
    .description("run the bpf_conformance suite through the VM; ends with `N passed, M failed`")
    .argument("<dir>", "the suite's folder (with tests/ and negative/) or a folder of .data files")
    .option("-v, --verbose", "also report the negative files")
    .action(async (dir: string, opts: { verbose?: boolean }) => {
      status = (await import("./commands/conformance.js")).conformanceCommand(io, dir, opts);
    });

  registerRun(program, io, (s) => (status = s));

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander already printed the message (or help/version, which exit with 0)
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError) {
      io.err(`tsbpf: ${e.message}`);
      return 2;
    }
    // A bug in tsbpf, not bad input: say so briefly; the stack only on request.
    io.err(`tsbpf: internal error: ${(e as Error).message}`);
    if (process.env.TSBPF_DEBUG) io.err(String((e as Error).stack));
    else io.err("tsbpf: (set TSBPF_DEBUG=1 for the stack trace and please report it)");
    return 70;
  }
  return status;
}
