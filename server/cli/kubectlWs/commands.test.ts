// The commands against a small fake of the workspace API (plain HTTP, in memory): what they print,
// what they ask the server, and what they leave in the kubeconfig.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import YAML from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';
import { renderTree, runCommand } from './commands.js';
import { CURRENT_CONTEXT, Kubeconfig, PREVIOUS_CONTEXT } from './kubeconfig.js';

interface FakeWs {
  type: { name: string; path: string };
  cluster: string;
  phase: string;
  /** GETs left before an Initializing workspace turns Ready. */
  readyAfter: number;
}

class FakeServer {
  server!: http.Server;
  base = '';
  /** Workspaces by path (root is implicit). */
  ws = new Map<string, FakeWs>();
  /** Paths whose discovery answers 403. */
  forbidden = new Set<string>();
  homeRequests = 0;
  requests: string[] = [];

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.ws.clear();
    this.forbidden.clear();
    this.homeRequests = 0;
    this.requests = [];
  }

  exists(p: string): boolean {
    return p === 'root' || this.ws.has(p);
  }

  object(p: string): object {
    const w = this.ws.get(p)!;
    return {
      apiVersion: 'tenancy.kcp.io/v1alpha1',
      kind: 'Workspace',
      metadata: { name: p.slice(p.lastIndexOf(':') + 1) },
      spec: { type: w.type, cluster: w.cluster, URL: `${this.base}/clusters/${p}` },
      status: { phase: w.phase },
    };
  }

  handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      this.requests.push(`${req.method} ${req.url}`);
      const send = (status: number, obj: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(obj));
      };
      const status = (code: number, reason: string, message: string) => send(code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code });
      if (req.headers.authorization !== 'Bearer t0ken') return status(401, 'Unauthorized', 'Unauthorized');
      const m = /^\/clusters\/([^/]+)(\/.*)$/.exec(req.url ?? '');
      if (!m) return status(404, 'NotFound', 'not found');
      const [, p, rest] = m;
      if (rest === '/api') {
        if (this.forbidden.has(p)) return status(403, 'Forbidden', 'forbidden');
        if (!this.exists(p) || (this.ws.get(p) && this.ws.get(p)!.phase !== 'Ready')) return status(404, 'NotFound', 'not found');
        return send(200, { kind: 'APIVersions', versions: ['v1'] });
      }
      const wm = /^\/apis\/tenancy\.kcp\.io\/v1alpha1\/workspaces(?:\/([^/]+))?$/.exec(rest);
      if (!wm || !this.exists(p)) return status(404, 'NotFound', 'the server could not find the requested resource');
      const name = wm[1] ? decodeURIComponent(wm[1]) : undefined;
      if (req.method === 'GET' && name === '~' && p === 'root') {
        this.homeRequests++;
        if (!this.ws.has('user:alice')) {
          this.ws.set('user:alice', { type: { name: 'home', path: 'root' }, cluster: 'homeid', phase: 'Ready', readyAfter: 0 });
          return status(429, 'TooManyRequests', 'home workspace is being created');
        }
        return send(200, this.object('user:alice'));
      }
      if (req.method === 'GET' && name) {
        const child = `${p}:${name}`;
        const w = this.ws.get(child);
        if (!w) return status(404, 'NotFound', `workspaces.tenancy.kcp.io "${name}" not found`);
        if (w.phase !== 'Ready' && --w.readyAfter <= 0) w.phase = 'Ready';
        return send(200, this.object(child));
      }
      if (req.method === 'GET') {
        const items = [...this.ws.keys()].filter((k) => k.startsWith(`${p}:`) && !k.slice(p.length + 1).includes(':')).map((k) => this.object(k));
        return send(200, { kind: 'WorkspaceList', apiVersion: 'tenancy.kcp.io/v1alpha1', items });
      }
      if (req.method === 'POST') {
        const obj = JSON.parse(body);
        const child = `${p}:${obj.metadata.name}`;
        if (this.ws.has(child)) return status(409, 'AlreadyExists', `workspaces.tenancy.kcp.io "${obj.metadata.name}" already exists`);
        const type = obj.spec?.type ? { name: obj.spec.type.name, path: obj.spec.type.path ?? 'root' } : { name: 'universal', path: 'root' };
        this.ws.set(child, { type, cluster: `id${this.ws.size}`, phase: 'Initializing', readyAfter: 2 });
        return send(201, this.object(child));
      }
      return status(405, 'MethodNotAllowed', 'no');
    });
  }
}

const fake = new FakeServer();
let dir: string;
let kubeconfigPath: string;

function kubeconfigText(server: string): string {
  return `# test kubeconfig
apiVersion: v1
kind: Config
clusters:
- name: root
  cluster:
    server: ${server}
- name: elsewhere
  cluster:
    server: https://elsewhere.example.com
contexts:
- name: root
  context:
    cluster: root
    user: alice
users:
- name: alice
  user:
    token: t0ken
current-context: root
`;
}

async function ws(...argv: string[]): Promise<{ out: string; err: string; error?: string }> {
  let out = '';
  let err = '';
  try {
    const parsed = parseArgs(argv);
    await runCommand(parsed, {
      io: { out: (t) => (out += t), err: (t) => (err += t) },
      kubeconfig: Kubeconfig.load({ explicitPath: kubeconfigPath }),
      connection: { ...parsed.connection, kubeconfig: kubeconfigPath },
      verbosity: parsed.verbosity,
      homeDir: '/home/alice',
      pollIntervalMs: 5,
      readyTimeoutMs: 2000,
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))),
    });
    return { out, err };
  } catch (e) {
    return { out, err, error: (e as Error).message };
  }
}

function config(): any {
  return YAML.parse(fs.readFileSync(kubeconfigPath, 'utf8'));
}

function currentServer(): string {
  const c = config();
  const ctx = c.contexts.find((x: any) => x.name === c['current-context']).context;
  return c.clusters.find((x: any) => x.name === ctx.cluster).cluster.server;
}

beforeAll(async () => {
  await fake.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubectl-ws-cmd-'));
});
afterAll(async () => {
  await new Promise((r) => fake.server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.reset();
  kubeconfigPath = path.join(dir, `config-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(kubeconfigPath, kubeconfigText(`${fake.base}/clusters/root`));
});

describe('kubectl ws commands', () => {
  it('prints the current workspace', async () => {
    expect(await ws('current')).toEqual({ out: "Current workspace is 'root'.\n", err: '' });
    expect(await ws('.')).toEqual({ out: "Current workspace is 'root'.\n", err: '' });
    expect((await ws('current', '--short')).out).toBe('root\n');
    expect((await ws('.', '--context', 'root', '--server', 'https://x.example.com')).out).toBe('Current workspace is the URL "https://x.example.com".\n');
    expect(fake.requests).toEqual([]);
  });

  it('creates a workspace, waits until it is ready and enters it', async () => {
    const r = await ws('create', 'org1', '--type', 'organization', '--enter');
    expect(r.error).toBeUndefined();
    expect(r.out).toBe(
      'Workspace "org1" (type root:organization) created. Waiting for it to be ready...\n' +
        'Workspace "org1" (type root:organization) is ready to use.\n' +
        "Current workspace is 'root:org1' (type root:organization).\n",
    );
    expect(currentServer()).toBe(`${fake.base}/clusters/root:org1`);
    expect(fake.requests[0]).toBe('POST /clusters/root/apis/tenancy.kcp.io/v1alpha1/workspaces');
    const c = config();
    expect(c['current-context']).toBe(CURRENT_CONTEXT);
    expect(c.contexts.find((x: any) => x.name === PREVIOUS_CONTEXT).context).toEqual({ cluster: 'root', user: 'alice' });
    expect(fs.readFileSync(kubeconfigPath, 'utf8')).toContain('# test kubeconfig');

    expect((await ws('-')).out).toBe("Current workspace is 'root'.\n");
    const again = await ws('create', 'org1');
    expect(again.error).toBe('workspaces.tenancy.kcp.io "org1" already exists');
  });

  it('navigates: relative, .., -, :root, :, absolute', async () => {
    await ws('create', 'org1', '--type', 'root:organization', '--enter');
    expect((await ws('create', 'team1', '--enter')).out).toContain("Current workspace is 'root:org1:team1' (type root:universal).\n");
    expect(await ws('..')).toEqual({ out: "Current workspace is 'root:org1' (type root:organization).\n", err: '' });
    expect(await ws('-')).toEqual({ out: "Current workspace is 'root:org1:team1'.\n", err: '' });
    expect(await ws('-')).toEqual({ out: "Current workspace is 'root:org1'.\n", err: '' });
    expect((await ws('team1')).out).toBe("Current workspace is 'root:org1:team1' (type root:universal).\n");
    expect((await ws('..:..')).out).toBe("Current workspace is 'root' (type root).\n");
    expect((await ws('use', 'org1:team1')).out).toBe("Current workspace is 'root:org1:team1' (type root:universal).\n");
    expect((await ws(':root')).out).toBe("Current workspace is 'root' (type root).\n");
    expect((await ws('cd', ':root:org1:team1', '--short')).out).toBe('root:org1:team1\n');
    expect((await ws(':')).out).toBe("Current workspace is 'root' (type root).\n");
    const legacy = await ws('root:org1');
    expect(legacy.out).toBe("Current workspace is 'root:org1' (type root:organization).\n");
    expect(legacy.err).toMatch(/use ':root'/);
    expect(currentServer()).toBe(`${fake.base}/clusters/root:org1`);
  });

  it('refuses workspaces that do not exist or deny access, and leaves the kubeconfig alone', async () => {
    const before = fs.readFileSync(kubeconfigPath, 'utf8');
    expect((await ws('nope')).error).toBe('workspace "root:nope" not found');
    expect((await ws(':root:a:b')).error).toBe('workspace "root:a:b" not found');
    fake.ws.set('root:secret', { type: { name: 'universal', path: 'root' }, cluster: 'x', phase: 'Ready', readyAfter: 0 });
    fake.forbidden.add('root:secret');
    expect((await ws('secret')).error).toBe('access to workspace "root:secret" denied');
    expect((await ws('..')).error).toBe('invalid workspace path: ..');
    expect((await ws('-')).error).toBe('no previous workspace found in kubeconfig');
    expect(fs.readFileSync(kubeconfigPath, 'utf8')).toBe(before);
  });

  it('goes home (retrying while the home workspace is created) and below it', async () => {
    const r = await ws();
    expect(r.error).toBeUndefined();
    expect(r.out).toBe("Current workspace is 'user:alice'.\n");
    expect(r.err).toMatch(/'kubectl ws' now matches 'cd' semantics/);
    expect(fake.homeRequests).toBe(2);
    expect(currentServer()).toBe(`${fake.base}/clusters/user:alice`);
    await ws(':root');
    expect((await ws('~')).out).toBe("Current workspace is 'user:alice'.\n");
    // the shell expanded "~"
    await ws(':root');
    expect((await ws('/home/alice')).out).toBe("Current workspace is 'user:alice'.\n");
    fake.ws.set('user:alice:proj', { type: { name: 'universal', path: 'root' }, cluster: 'p', phase: 'Ready', readyAfter: 0 });
    expect((await ws('~:proj')).out).toBe("Current workspace is 'user:alice:proj' (type root:universal).\n");
  });

  it('goes home from a context whose URL is not a workspace URL', async () => {
    fs.writeFileSync(kubeconfigPath, kubeconfigText(fake.base));
    expect((await ws('.')).out).toBe(`Current workspace is the URL "${fake.base}".\n`);
    expect((await ws('team')).error).toBe(`current URL "${fake.base}" does not point to a workspace`);
    expect((await ws('~')).out).toBe("Current workspace is 'user:alice'.\n");
    expect(currentServer()).toBe(`${fake.base}/clusters/user:alice`);
  });

  it('prints the tree below the current workspace', async () => {
    for (const [p, t] of [
      ['root:org1', 'organization'],
      ['root:org2', 'organization'],
      ['root:org1:team1', 'universal'],
      ['root:org1:team2', 'universal'],
      ['root:org1:team1:deep', 'universal'],
    ]) {
      fake.ws.set(p, { type: { name: t, path: 'root' }, cluster: p, phase: 'Ready', readyAfter: 0 });
    }
    expect((await ws('tree')).out).toBe(['.', '└── root', '    ├── org1', '    │   ├── team1', '    │   │   └── deep', '    │   └── team2', '    └── org2', ''].join('\n'));
    await ws('org1');
    expect((await ws('tree', '--full')).out).toBe(['.', '└── root:org1', '    ├── root:org1:team1', '    │   └── root:org1:team1:deep', '    └── root:org1:team2', ''].join('\n'));
  });

  it('creates with --ignore-existing and checks the type', async () => {
    await ws('create', 'org1', '--type', 'organization');
    const r = await ws('create', 'org1', '--type', 'organization', '--ignore-existing');
    expect(r.error).toBeUndefined();
    expect(r.out).toBe('Workspace "org1" (type root:organization) already exists.\nWorkspace "org1" (type root:organization) is ready to use.\n');
    expect((await ws('create', 'org1', '--type', 'team', '--ignore-existing')).error).toBe(
      'workspace "org1" cannot be created with type team, it already exists with different type root:organization',
    );
    expect(currentServer()).toBe(`${fake.base}/clusters/root`);
  });

  it('gives up waiting after the timeout', async () => {
    fake.ws.set('root:slow', { type: { name: 'universal', path: 'root' }, cluster: 's', phase: 'Initializing', readyAfter: 1e9 });
    const r = await ws('create', 'slow', '--ignore-existing');
    expect(r.out).toBe('Workspace "slow" (type root:universal) already exists. Waiting for it to be ready...\n');
    expect(r.error).toMatch(/timed out waiting for workspace "slow" to be ready \(phase Initializing\)/);
  });

  it('creates contexts', async () => {
    await ws('create', 'org1', '--enter');
    expect((await ws('create-context')).out).toBe('Created context "root:org1" and switched to it.\n');
    expect(config()['current-context']).toBe('root:org1');
    expect((await ws('create-context')).error).toBe('context "root:org1" already exists in kubeconfig, use --overwrite to update it');
    expect((await ws('create-context', '--overwrite')).out).toBe('Updated context "root:org1".\n');
    expect((await ws('create-context', 'mine')).out).toBe('Created context "mine" and switched to it.\n');
    expect((await ws('create', 'team', '--create-context', 'team-ctx')).out).toContain('Created context "team-ctx".\n');
    const c = config();
    expect(c['current-context']).toBe('mine');
    expect(c.clusters.find((x: any) => x.name === 'team-ctx').cluster.server).toBe(`${fake.base}/clusters/root:org1:team`);
    expect(c.contexts.find((x: any) => x.name === 'team-ctx').context).toEqual({ cluster: 'team-ctx', user: 'alice' });
  });

  it('logs requests at -v=6', async () => {
    const r = await ws('-v=6', ':root');
    expect(r.err).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/clusters\/root\/api 200 in \d+ milliseconds/);
  });

  it('reports authentication failures', async () => {
    fs.writeFileSync(kubeconfigPath, kubeconfigText(`${fake.base}/clusters/root`).replace('t0ken', 'wrong'));
    expect((await ws('create', 'x')).error).toBe('Unauthorized');
    expect((await ws('org')).error).toBe('Unauthorized');
  });
});

describe('tree drawing', () => {
  it('draws like treeprint', () => {
    const t = renderTree({ label: 'root', path: 'root', children: [{ label: 'a', path: 'root:a', children: [{ label: 'c', path: '', children: [] }] }, { label: 'b', path: 'root:b', children: [] }] });
    expect(t).toBe('.\n└── root\n    ├── a\n    │   └── c\n    └── b\n');
  });
});
