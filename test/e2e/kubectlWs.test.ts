// `kubectl ws` end to end: real kubectl 1.33 runs our plugin (bin/kubectl-ws, found on PATH through
// a symlink) against a kplane server, and after each move plain kubectl proves it talks to the
// workspace the plugin reports.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { run, RunResult } from '../support/kubectl.js';
import { startTestServer, TestServer } from '../support/server.js';
import { kubectlPath } from '../support/tools.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Compiled to dist/test/e2e: the checkout is two levels further up.
const checkout = fs.existsSync(path.join(repo, 'bin', 'kubectl-ws')) ? repo : path.resolve(repo, '..');
const plugin = path.join(checkout, 'bin', 'kubectl-ws');

describe('kubectl ws (kubectl 1.33 plugin)', () => {
  let server: TestServer;
  let workDir: string;
  let kubeconfig: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(checkout, 'dist', 'server', 'cli', 'kubectlWs', 'main.js'))) {
      throw new Error('dist/ has no kubectl-ws: run `npx tsc -b` first');
    }
    server = await startTestServer();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-kubectl-ws-'));
    const binDir = path.join(workDir, 'bin');
    fs.mkdirSync(binDir);
    fs.symlinkSync(plugin, path.join(binDir, 'kubectl-ws'));
    // The plugin edits its kubeconfig: give it a copy of the admin kubeconfig, with a comment to keep.
    kubeconfig = path.join(workDir, 'config');
    fs.writeFileSync(kubeconfig, `# kplane admin kubeconfig, copied for the kubectl ws test\n${fs.readFileSync(server.kubeconfigPath, 'utf8')}`, { mode: 0o600 });
    const home = path.join(workDir, 'home');
    fs.mkdirSync(home);
    env = {
      PATH: `${binDir}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
      KUBECONFIG: kubeconfig,
      HOME: home,
      KUBECACHEDIR: path.join(home, '.kube', 'cache'),
    };
  });
  afterAll(async () => {
    await server?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  const kubectl = (args: string[]): Promise<RunResult> => run(kubectlPath(), args, env, { timeoutMs: 90_000 });
  const show = (args: string[], r: RunResult) => `kubectl ${args.join(' ')} → exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  async function ok(...args: string[]): Promise<string> {
    const r = await kubectl(args);
    expect(r.code, show(args, r)).toBe(0);
    return r.stdout;
  }
  async function fails(...args: string[]): Promise<string> {
    const r = await kubectl(args);
    expect(r.code, show(args, r)).not.toBe(0);
    return r.stderr;
  }
  async function namespaces(): Promise<string[]> {
    return (await ok('get', 'ns', '-o', 'name')).split('\n').filter(Boolean).sort();
  }
  async function current(): Promise<string> {
    return (await ok('ws', 'current', '--short')).trim();
  }

  it('is found by kubectl', async () => {
    expect(await ok('plugin', 'list')).toContain('kubectl-ws');
  });

  it('prints the current workspace', async () => {
    expect(await ok('ws', 'current')).toBe("Current workspace is 'root'.\n");
    expect(await ok('ws', '.')).toBe("Current workspace is 'root'.\n");
    expect(await namespaces()).toEqual(['namespace/default', 'namespace/kube-system']);
    await ok('create', 'namespace', 'only-in-root');
  });

  it('creates an organization and enters it', async () => {
    expect(await ok('ws', 'create', 'org1', '--type', 'organization', '--enter')).toMatch(
      /^Workspace "org1" \(type root:organization\) (created\. Waiting for it to be ready\.\.\.\nWorkspace "org1" \(type root:organization\) )?is ready to use\.\nCurrent workspace is 'root:org1' \(type root:organization\)\.\n$/,
    );
    expect(await current()).toBe('root:org1');
    expect((await ok('config', 'current-context')).trim()).toBe('workspace.kcp.io/current');
    expect(await ok('config', 'view', '--minify', '-o', 'jsonpath={.clusters[0].cluster.server}')).toBe(`${server.baseURL}/clusters/root:org1`);
    // kubectl now talks to the new workspace: it starts with its own namespaces, not root's
    const ns = await namespaces();
    expect(ns).toContain('namespace/default');
    expect(ns).not.toContain('namespace/only-in-root');
    await ok('create', 'namespace', 'only-in-org1');
  });

  it('creates a team inside it (default type) and enters it', async () => {
    const out = await ok('ws', 'create', 'team1', '--enter');
    expect(out).toContain('Workspace "team1" (type root:universal)');
    expect(out).toContain("Current workspace is 'root:org1:team1' (type root:universal).\n");
    expect(await current()).toBe('root:org1:team1');
    const ns = await namespaces();
    expect(ns).not.toContain('namespace/only-in-org1');
    await ok('create', 'namespace', 'only-in-team1');
  });

  it('goes to the parent with ..', async () => {
    expect(await ok('ws', '..')).toBe("Current workspace is 'root:org1' (type root:organization).\n");
    expect(await current()).toBe('root:org1');
    const ns = await namespaces();
    expect(ns).toContain('namespace/only-in-org1');
    expect(ns).not.toContain('namespace/only-in-team1');
    // the parent sees its child as a Workspace object
    expect(await ok('get', 'workspaces', '-o', 'name')).toBe('workspace.tenancy.kcp.io/team1\n');
  });

  it('goes back with -', async () => {
    expect(await ok('ws', '-')).toBe("Current workspace is 'root:org1:team1'.\n");
    expect(await namespaces()).toContain('namespace/only-in-team1');
    expect(await ok('ws', '-')).toBe("Current workspace is 'root:org1'.\n");
    expect(await namespaces()).toContain('namespace/only-in-org1');
    expect(await ok('ws', '-')).toBe("Current workspace is 'root:org1:team1'.\n");
  });

  it('goes to an absolute path with :root', async () => {
    expect(await ok('ws', ':root')).toBe("Current workspace is 'root' (type root).\n");
    expect(await current()).toBe('root');
    const ns = await namespaces();
    expect(ns).toContain('namespace/only-in-root');
    expect(ns).not.toContain('namespace/only-in-org1');
    expect(await ok('ws', 'use', ':root:org1:team1')).toBe("Current workspace is 'root:org1:team1' (type root:universal).\n");
    expect(await ok('ws', ':')).toBe("Current workspace is 'root' (type root).\n");
    expect(await ok('ws', 'org1:team1', '--short')).toBe('root:org1:team1\n');
    expect(await ok('ws', '..:..')).toBe("Current workspace is 'root' (type root).\n");
  });

  it('prints the tree', async () => {
    expect(await ok('ws', 'tree')).toBe(['.', '└── root', '    └── org1', '        └── team1', ''].join('\n'));
    await ok('ws', 'org1');
    expect(await ok('ws', 'tree', '--full')).toBe(['.', '└── root:org1', '    └── root:org1:team1', ''].join('\n'));
  });

  it('refuses workspaces that do not exist', async () => {
    expect(await fails('ws', 'nope')).toContain('Error: workspace "root:org1:nope" not found');
    expect(await fails('ws', ':root:nope:deeper')).toContain('Error: workspace "root:nope:deeper" not found');
    expect(await current()).toBe('root:org1');
  });

  it('goes home with ~ and back', async () => {
    const out = await ok('ws', '~');
    expect(out).toMatch(/^Current workspace is 'user:kplane-admin'( \(type root:home\))?\.\n$/);
    expect(await current()).toBe('user:kplane-admin');
    expect(await ok('config', 'view', '--minify', '-o', 'jsonpath={.clusters[0].cluster.server}')).toBe(`${server.baseURL}/clusters/user:kplane-admin`);
    const ns = await namespaces();
    expect(ns).toContain('namespace/default');
    expect(ns).not.toContain('namespace/only-in-root');
    await ok('create', 'namespace', 'only-at-home');
    expect(await ok('ws', '-')).toBe("Current workspace is 'root:org1'.\n");
    // no argument: home, like cd
    const r = await kubectl(['ws']);
    expect(r.code, show(['ws'], r)).toBe(0);
    expect(r.stdout).toMatch(/^Current workspace is 'user:kplane-admin'/);
    expect(await namespaces()).toContain('namespace/only-at-home');
  });

  it('kept the kubeconfig comment and the admin entries (kubectl config commands drop comments: checked before them)', () => {
    const text = fs.readFileSync(kubeconfig, 'utf8');
    expect(text.startsWith('# kplane admin kubeconfig, copied for the kubectl ws test\n')).toBe(true);
    const doc = YAML.parse(text);
    const names = (s: string) => doc[s].map((e: { name: string }) => e.name);
    expect(names('clusters')).toEqual(expect.arrayContaining(['root', 'base', 'workspace.kcp.io/current', 'workspace.kcp.io/previous']));
    expect(names('users')).toEqual(['kplane-admin']);
    expect(doc.clusters.find((c: { name: string }) => c.name === 'root').cluster.server).toBe(`${server.baseURL}/clusters/root`);
  });

  it('creates a context for the current workspace', async () => {
    await ok('ws', ':root:org1:team1');
    expect(await ok('ws', 'create-context')).toBe('Created context "root:org1:team1" and switched to it.\n');
    expect((await ok('config', 'current-context')).trim()).toBe('root:org1:team1');
    expect(await namespaces()).toContain('namespace/only-in-team1');
    await ok('config', 'use-context', 'root');
    expect(await current()).toBe('root');
    // the named context still reaches team1
    expect(await ok('--context', 'root:org1:team1', 'get', 'ns', 'only-in-team1', '-o', 'name')).toBe('namespace/only-in-team1\n');
  });
});
