import { main } from "../../compiler/cli/main.js";

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const status = await main(argv, {
    out: (t) => void (out += t.endsWith("\n") ? t : t + "\n"),
    err: (t) => void (err += t.endsWith("\n") ? t : t + "\n"),
  });
  return { status, out, err };
}
