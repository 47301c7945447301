// The real server as a child process (`node bin/kplane serve`), for tests and benchmarks that
// must kill it (-9), restart it on the same data dir, or keep it off the load generator's event
// loop. Ready means: it wrote <data-dir>/admin.kubeconfig, which it does after it listens.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

/** bin/kplane of this checkout (this file runs from test/support or dist/test/support). */
export function kplaneBin(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const bin = path.join(dir, 'bin', 'kplane');
    if (fs.existsSync(bin) && fs.existsSync(path.join(dir, 'package.json'))) return bin;
    dir = path.dirname(dir);
  }
  throw new Error('cannot find bin/kplane above ' + fileURLToPath(import.meta.url));
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface ChildServer {
  proc: ChildProcess;
  pid: number;
  port: number;
  dataDir: string;
  /** https://127.0.0.1:<port> */
  baseURL: string;
  token: string;
  caPem: string;
  /** Resolves with the exit code or signal when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the server wrote to stderr (and stdout when not ignored), for failure messages. */
  output(): string;
  /** SIGKILL, then wait for the exit. */
  kill9(): Promise<void>;
  /** SIGTERM (graceful shutdown), then wait for the exit; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface ChildServerOptions {
  dataDir: string;
  port: number;
  logLevel?: string;
  /** Extra `node` flags, e.g. ['--cpu-prof', '--cpu-prof-dir=DIR']. */
  nodeArgs?: string[];
  /** Extra `kplane serve` flags, e.g. ['--simulate-workloads']. */
  extraArgs?: string[];
  /** Give up waiting for readiness after this long (default 30 s). */
  readyTimeoutMs?: number;
}

export async function startChildServer(o: ChildServerOptions): Promise<ChildServer> {
  fs.mkdirSync(o.dataDir, { recursive: true });
  const kubeconfig = path.join(o.dataDir, 'admin.kubeconfig');
  // A restart finds the previous kubeconfig: remove it so its reappearance means "listening".
  fs.rmSync(kubeconfig, { force: true });
  const proc = spawn(
    process.execPath,
    [...(o.nodeArgs ?? []), kplaneBin(), 'serve', '--data-dir', o.dataDir, '--listen', `127.0.0.1:${o.port}`, '--log-level', o.logLevel ?? 'warn', ...(o.extraArgs ?? [])],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 64_000) out = out.slice(-32_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
  });

  const deadline = Date.now() + (o.readyTimeoutMs ?? 30_000);
  let cfg: { token: string; caPem: string; baseURL: string } | undefined;
  while (!cfg) {
    if (exitInfo) throw new Error(`kplane exited before it was ready (${exitInfo.code ?? exitInfo.signal}):\n${out}`);
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`kplane was not ready within ${o.readyTimeoutMs ?? 30_000} ms:\n${out}`);
    }
    cfg = readKubeconfig(kubeconfig);
    if (!cfg) await new Promise((r) => setTimeout(r, 20));
  }

  const kill = async (signal: NodeJS.Signals, graceMs: number): Promise<void> => {
    if (exitInfo) return;
    proc.kill(signal);
    const t = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(t);
  };
  return {
    proc,
    pid: proc.pid!,
    port: o.port,
    dataDir: o.dataDir,
    ...cfg,
    exited,
    output: () => out,
    kill9: () => kill('SIGKILL', 0),
    stop: (graceMs = 10_000) => kill('SIGTERM', graceMs),
  };
}

/** The admin kubeconfig's base URL, token and CA; undefined while it is absent or half-written. */
function readKubeconfig(file: string): { token: string; caPem: string; baseURL: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const doc = YAML.parse(text);
    const cluster = doc.clusters.find((c: any) => c.name === 'base')?.cluster ?? doc.clusters[0].cluster;
    const token: string = doc.users[0].user.token;
    const caPem = Buffer.from(cluster['certificate-authority-data'], 'base64').toString();
    const baseURL = String(cluster.server).replace(/\/clusters\/.*$/, '');
    if (!token || !caPem.includes('END CERTIFICATE') || !baseURL.startsWith('https://')) return undefined;
    return { token, caPem, baseURL };
  } catch {
    return undefined;
  }
}
