// What every end-to-end file needs: one kplane server and a kubectl 1.33 bound to its admin
// kubeconfig (own HOME and discovery cache), manifests written to a scratch dir, and kubectl
// processes left running in the background (`get -w`) whose output is read while they run.

import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { kubectlFor, KubectlOptions, RunResult } from '../support/kubectl.js';
import { startTestServer, TestServer } from '../support/server.js';
import { kubectlPath } from '../support/tools.js';

export interface E2E {
  server: TestServer;
  /** Runs kubectl; never throws, the result carries the exit code. */
  kubectl(args: string[], opts?: KubectlOptions): Promise<RunResult>;
  /** Runs kubectl and fails the test (showing stderr) unless it exits 0; returns stdout. */
  ok(args: string[], opts?: KubectlOptions): Promise<string>;
  /** Runs kubectl, expects a non-zero exit, and returns stderr. */
  fails(args: string[], opts?: KubectlOptions): Promise<string>;
  /** `kubectl get ... -o json`, parsed. */
  getJson<T = any>(args: string[]): Promise<T>;
  /** Writes a file into the scratch dir and returns its path. */
  file(name: string, content: string): string;
  /** Starts kubectl in the background (see Background). */
  background(args: string[]): Background;
  stop(): Promise<void>;
}

export interface Background {
  /** stdout so far. */
  readonly stdout: string;
  /** stderr so far. */
  readonly stderr: string;
  /** Resolves once `test` holds for (stdout, stderr); rejects after `timeoutMs`. */
  until(test: (stdout: string, stderr: string) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves once kubectl's watch request has been answered (needs `-v=6` in the args). */
  watching(timeoutMs?: number): Promise<void>;
  /** Kills the process and waits for it to exit. */
  stop(): Promise<void>;
}

function environment(workDir: string, kubeconfigPath: string): Record<string, string> {
  const home = path.join(workDir, 'home');
  return { PATH: process.env.PATH ?? '', KUBECONFIG: kubeconfigPath, HOME: home, KUBECACHEDIR: path.join(home, '.kube', 'cache') };
}

function startBackground(args: string[], env: Record<string, string>): Background {
  const child: ChildProcess = spawn(kubectlPath(), args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += String(d)));
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const bg: Background = {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    async until(test, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!test(stdout, stderr)) {
        if (Date.now() > deadline) {
          throw new Error(`background kubectl ${args.join(' ')}: condition not met in ${timeoutMs} ms\n--- stdout\n${stdout}\n--- stderr\n${stderr.slice(-2000)}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    watching(timeoutMs) {
      return bg.until((_o, e) => /verb="GET" url="[^"]*watch=true[^"]*" status="200/.test(e), timeoutMs);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  return bg;
}

export async function startE2E(opts: Parameters<typeof startTestServer>[0] = {}): Promise<E2E> {
  const server = await startTestServer(opts);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-e2e-'));
  const kubectl = kubectlFor(server.kubeconfigPath, workDir);
  const running = new Set<Background>();
  const show = (args: string[], r: RunResult) => `kubectl ${args.join(' ')} → exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  const e2e: E2E = {
    server,
    kubectl,
    async ok(args, opts) {
      const r = await kubectl(args, opts);
      expect(r.code, show(args, r)).toBe(0);
      return r.stdout;
    },
    async fails(args, opts) {
      const r = await kubectl(args, opts);
      expect(r.code, show(args, r)).not.toBe(0);
      return r.stderr;
    },
    async getJson(args) {
      return JSON.parse(await e2e.ok(['get', ...args, '-o', 'json']));
    },
    file(name, content) {
      const p = path.join(workDir, name);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
      return p;
    },
    background(args) {
      const bg = startBackground(args, environment(workDir, server.kubeconfigPath));
      running.add(bg);
      return bg;
    },
    async stop() {
      await Promise.all([...running].map((b) => b.stop()));
      await server.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
  return e2e;
}

/** The non-empty lines of a command's output. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

/**
 * A table printed by kubectl as records keyed by the header's column names. Cells are cut at the
 * header's column positions (kubectl aligns every column to its header), so empty cells (no
 * SHORTNAMES, say) stay in their column.
 */
export function rows(text: string): Record<string, string>[] {
  const [header, ...body] = lines(text);
  const columns = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], start: m.index! }));
  return body.map((line) =>
    Object.fromEntries(columns.map((c, i) => [c.name, line.slice(c.start, i + 1 < columns.length ? columns[i + 1].start : undefined).trim()])),
  );
}

/** Polls `fn` until it returns a truthy value. */
export async function eventually<T>(fn: () => Promise<T>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
