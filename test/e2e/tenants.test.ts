// The tenant story with real kubectl over TLS and a --token-auth-file with users alice and bob:
// the admin creates root:acme and grants alice; alice creates root:acme:team and is its admin;
// bob is refused until alice binds him view; a service account token works in its own workspace
// only; deleting root:acme removes the whole subtree.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E, startE2E } from './harness.js';
import { RunResult } from '../support/kubectl.js';

let e: E2E;
let dir: string;
const TOKENS = { alice: 'alice-token-0123456789', bob: 'bob-token-0123456789' };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-tenants-'));
  const tokenFile = path.join(dir, 'tokens.csv');
  fs.writeFileSync(tokenFile, `${TOKENS.alice},alice,alice-uid,"acme-devs"\n${TOKENS.bob},bob,bob-uid\n`);
  e = await startE2E({ serve: { authentication: { tokenAuthFile: tokenFile } } });
});
afterAll(async () => {
  await e?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A kubeconfig for a user (token) pointed at a workspace path. */
function kubeconfigFor(user: string, token: string, workspace: string): string {
  const admin = YAML.parse(fs.readFileSync(e.server.kubeconfigPath, 'utf8'));
  const ca = admin.clusters[0].cluster['certificate-authority-data'];
  const file = path.join(dir, `${user}-${workspace.replace(/:/g, '_')}.kubeconfig`);
  fs.writeFileSync(
    file,
    YAML.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'ws', cluster: { server: `${e.server.baseURL}/clusters/${workspace}`, 'certificate-authority-data': ca } }],
      users: [{ name: user, user: { token } }],
      contexts: [{ name: 'ws', context: { cluster: 'ws', user } }],
      'current-context': 'ws',
    }),
  );
  return file;
}

function as(user: 'alice' | 'bob' | string, workspace: string, token = TOKENS[user as 'alice' | 'bob']) {
  const kubeconfig = kubeconfigFor(user, token, workspace);
  return (args: string[]): Promise<RunResult> => e.kubectl(['--kubeconfig', kubeconfig, ...args], { env: { KUBECONFIG: kubeconfig } });
}

async function eventually(probe: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const workspaceYaml = (name: string): string => `apiVersion: tenancy.kcp.io/v1alpha1\nkind: Workspace\nmetadata: {name: ${name}}\n`;

describe('tenants in workspaces', () => {
  it('the admin creates root:acme and grants alice admin there', async () => {
    await e.ok(['create', '-f', e.file('acme.yaml', workspaceYaml('acme'))]);
    await eventually(async () => (await e.getJson(['workspace', 'acme'])).status?.phase === 'Ready');
    const ws = await e.getJson(['workspace', 'acme']);
    expect(ws.spec.type).toEqual({ name: 'organization', path: 'root' });
    expect(ws.spec.URL).toBe(`${e.server.baseURL}/clusters/root:acme`);
    const admin = as('kplane-admin', 'root:acme', e.server.token);
    expect((await admin(['create', 'clusterrolebinding', 'alice-admin', '--clusterrole=admin', '--user=alice'])).code).toBe(0);
  });

  it('alice creates root:acme:team and is its workspace admin', async () => {
    const alice = as('alice', 'root:acme');
    const created = await alice(['create', '-f', e.file('team.yaml', workspaceYaml('team'))]);
    expect(created.code, created.stderr).toBe(0);
    await eventually(async () => JSON.parse((await alice(['get', 'workspace', 'team', '-o', 'json'])).stdout || '{}').status?.phase === 'Ready');
    const inTeam = as('alice', 'root:acme:team');
    expect((await inTeam(['create', 'configmap', 'plans', '--from-literal=q1=ship'])).code).toBe(0);
    expect((await inTeam(['auth', 'can-i', '*', '*'])).stdout.trim()).toBe('yes');
    const binding = JSON.parse((await inTeam(['get', 'clusterrolebinding', 'workspace-admin', '-o', 'json'])).stdout);
    expect(binding.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }]);
    // In root:acme alice is only admin: no ClusterRoleBindings at all, and no RoleBinding to
    // more than she holds.
    expect((await alice(['create', 'clusterrolebinding', 'steal', '--clusterrole=cluster-admin', '--user=alice'])).stderr).toContain('cannot create resource "clusterrolebindings"');
    const escalate = await alice(['-n', 'default', 'create', 'rolebinding', 'steal', '--clusterrole=cluster-admin', '--user=alice']);
    expect(escalate.code).not.toBe(0);
    expect(escalate.stderr).toContain('is attempting to grant RBAC permissions not currently held');
    expect((await alice(['-n', 'default', 'create', 'rolebinding', 'fine', '--clusterrole=edit', '--user=bob'])).code).toBe(0);
  });

  it('bob is refused until alice binds him view', async () => {
    const bob = as('bob', 'root:acme:team');
    const refused = await bob(['get', 'configmaps']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Error from server (Forbidden)');
    expect((await bob(['auth', 'whoami'])).code).not.toBe(0);
    const alice = as('alice', 'root:acme:team');
    expect((await alice(['create', 'clusterrolebinding', 'bob-view', '--clusterrole=view', '--user=bob'])).code).toBe(0);
    const allowed = await bob(['get', 'configmaps', '-o', 'name']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout).toContain('configmap/plans');
    const write = await bob(['create', 'configmap', 'nope', '--from-literal=a=b']);
    expect(write.stderr).toContain('configmaps is forbidden: User "bob" cannot create resource "configmaps"');
    expect((await bob(['get', 'secrets'])).stderr).toContain('Forbidden');
    // bob has nothing in root:acme.
    expect((await as('bob', 'root:acme')(['get', 'configmaps'])).code).not.toBe(0);
  });

  it('a service account token works in its workspace only', async () => {
    const alice = as('alice', 'root:acme:team');
    expect((await alice(['create', 'serviceaccount', 'bot'])).code).toBe(0);
    expect((await alice(['create', 'rolebinding', 'bot-edit', '--clusterrole=edit', '--serviceaccount=default:bot'])).code).toBe(0);
    const token = (await alice(['create', 'token', 'bot'])).stdout.trim();
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims.sub).toBe('system:serviceaccount:default:bot');
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    const bot = as('bot', 'root:acme:team', token);
    expect((await bot(['create', 'configmap', 'from-bot', '--from-literal=a=b'])).code).toBe(0);
    const elsewhere = as('bot', 'root:acme', token);
    const denied = await elsewhere(['get', 'configmaps']);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain('Forbidden');
    expect((await as('bot', 'root', token)(['get', 'configmaps', '-n', 'default'])).stderr).toContain('Forbidden');
    // A second token is another credential: revoking it leaves the first one working.
    const second = (await alice(['create', 'token', 'bot'])).stdout.trim();
    expect(JSON.parse(Buffer.from(second.split('.')[1], 'base64url').toString()).jti).not.toBe(claims.jti);
    // Deleting the service account revokes every token it had.
    expect((await alice(['delete', 'serviceaccount', 'bot'])).code).toBe(0);
    expect((await bot(['get', 'configmaps'])).stderr).toContain('Unauthorized');
  });

  it('deleting root:acme removes the whole subtree', async () => {
    const teamId = JSON.parse((await as('alice', 'root:acme')(['get', 'workspace', 'team', '-o', 'json'])).stdout).spec.cluster;
    await e.ok(['delete', 'workspace', 'acme']);
    await eventually(async () => (await e.kubectl(['get', 'workspace', 'acme'])).code !== 0);
    const admin = as('kplane-admin', 'root:acme:team', e.server.token);
    expect((await admin(['get', 'configmaps'])).stderr).toContain('NotFound');
    expect((await as('kplane-admin', teamId, e.server.token)(['get', 'ns'])).code).not.toBe(0);
    expect(await e.server.store.clusterKeys(teamId)).toEqual([]);
  });
});
