import { Command, CommanderError, Option } from "commander";
import { asmCommand } from "./commands/asm.js";
import { processIo, UsageError, type Io } from "./report.js";

/**
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
    .action((file: string, opts: { output: string; dialect?: "llvm" | "conformance" }) => {
      status = asmCommand(io, file, opts);
    });

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
