// kubectl-ws: kcp's `kubectl ws` for kplane. Run by kubectl as a plugin (`kubectl ws ...` finds
// `kubectl-ws` on PATH and passes the arguments verbatim), or directly.

import os from 'node:os';
import { parseArgs, UsageError } from './args.js';
import { runCommand } from './commands.js';
import { Kubeconfig } from './kubeconfig.js';

/** Runs the plugin on process.argv-style arguments; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const out = (t: string) => process.stdout.write(t);
  const err = (t: string) => process.stderr.write(t);
  try {
    const parsed = parseArgs(argv.slice(2));
    const kubeconfig = parsed.command === 'help' ? Kubeconfig.fromTexts([]) : Kubeconfig.load({ explicitPath: parsed.connection.kubeconfig, homeDir: os.homedir() });
    await runCommand(parsed, {
      io: { out, err },
      kubeconfig,
      connection: parsed.connection,
      verbosity: parsed.verbosity,
      homeDir: process.env.HOME || os.homedir(),
    });
    return 0;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    err(`Error: ${msg}\n`);
    if (e instanceof UsageError) err("Run 'kubectl ws --help' for usage.\n");
    else if (process.env.KUBECTL_WS_DEBUG && e instanceof Error && e.stack) err(`${e.stack}\n`);
    return 1;
  }
}
