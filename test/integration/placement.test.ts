// Placement over HTTPS: a compute workspace root:compute with SyncTargets, a tenant workspace
// root:tenant with namespaces, objects and a CRD. A Placement there decides targets, writes its
// status and stamps the placed namespace, its objects and the workspace's CRDs; new and replaced
// objects are stamped at write time; changing or deleting the Placement removes the stamps, the
// namespace first. Placing needs verb "use" on synctargets in the compute workspace.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conflictPolicyAnnotation,
  deletionPolicyAnnotation,
  downstreamNamespace,
  stateLabel,
  syncerFinalizer,
  targetKey,
} from '../../apis/sync/contract.js';
import { ApiClient, apiClient } from '../support/http.js';
import { crontabCRD, waitEstablished } from '../support/crds.js';
import { expectStatus } from '../support/kube.js';
import { startTestServer, TestServer } from '../support/server.js';
import { must, readyWorkspace, sendTo as send, until } from '../support/polling.js';

const ALICE = 'alice-token-7c1e0b9a44';
const SYNC = '/apis/sync.kplane.io/v1alpha1';
const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const CRD_NAME = 'crontabs.stable.example.com';
const MERGE = { 'content-type': 'application/merge-patch+json' };

let server: TestServer;
let admin: ApiClient;
let alice: ApiClient;
let dir: string;
let computeId = '';
let tenantId = '';

const T = (p: string): string => `/clusters/root:tenant${p}`;
const C = (p: string): string => `/clusters/root:compute${p}`;
const getT = (p: string): Promise<any> => must(admin.get(T(p)));

function syncTarget(name: string, labels: Record<string, string>): object {
  return { apiVersion: 'sync.kplane.io/v1alpha1', kind: 'SyncTarget', metadata: { name, labels }, spec: {} };
}

function placement(name: string, spec: object): object {
  return { apiVersion: 'sync.kplane.io/v1alpha1', kind: 'Placement', metadata: { name }, spec };
}

const condition = (o: any, type: string): any => (o.status?.conditions ?? []).find((c: any) => c.type === type);
const keyOf = (target: string): string => targetKey(computeId, target);

/** The target keys an object is stamped with: [label keys, finalizer keys]. */
function stamps(o: any): { labels: string[]; finalizers: string[] } {
  const labels = Object.keys(o.metadata.labels ?? {}).filter((k) => k.startsWith('state.sync.kplane.io/')).map((k) => k.slice('state.sync.kplane.io/'.length)).sort();
  const finalizers = (o.metadata.finalizers ?? []).filter((f: string) => f.startsWith('sync.kplane.io/syncer-')).map((f: string) => f.slice('sync.kplane.io/syncer-'.length)).sort();
  return { labels, finalizers };
}

/** Waits until the placement's status reflects its generation and `test` holds. */
async function placed(name: string, test: (p: any) => boolean, what = name): Promise<any> {
  return until(async () => {
    const p = await getT(`${SYNC}/placements/${name}`);
    return p.status?.observedGeneration === p.metadata.generation && test(p) && p;
  }, what);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-placement-'));
  const tokenFile = path.join(dir, 'tokens.csv');
  fs.writeFileSync(tokenFile, `${ALICE},alice,alice-uid\n`);
  server = await startTestServer({ serve: { authentication: { tokenAuthFile: tokenFile } } });
  admin = apiClient(server.baseURL, server.caPem, server.token);
  alice = apiClient(server.baseURL, server.caPem, ALICE);
  [computeId, tenantId] = await Promise.all([readyWorkspace(admin, 'compute'), readyWorkspace(admin, 'tenant')]);

  await must(send(admin, 'POST', C(`${SYNC}/synctargets`), syncTarget('east', { region: 'us' })), 201);
  await must(send(admin, 'POST', C(`${SYNC}/synctargets`), syncTarget('west', { region: 'us' })), 201);
  await must(send(admin, 'POST', C(`${SYNC}/synctargets`), syncTarget('lyon', { region: 'eu' })), 201);

  for (const [name, app] of [['web', 'web'], ['api', 'api']]) {
    await must(send(admin, 'POST', T('/api/v1/namespaces'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { app } } }), 201);
  }
  await must(send(admin, 'POST', T('/api/v1/namespaces/web/configmaps'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: '1' } }), 201);
  await must(send(admin, 'POST', T('/api/v1/namespaces/web/secrets'), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' }, stringData: { p: 'x' } }), 201);
  await must(send(admin, 'POST', T('/api/v1/namespaces/api/configmaps'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api-settings' }, data: { a: '1' } }), 201);
  await must(send(admin, 'POST', T('/apis/apiextensions.k8s.io/v1/customresourcedefinitions'), crontabCRD()), 201);
  await waitEstablished(admin, CRD_NAME, '/clusters/root:tenant');
  await must(send(admin, 'POST', T('/apis/stable.example.com/v1/namespaces/web/crontabs'), { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'nightly' }, spec: { cronSpec: '0 0 * * *' } }), 201);

  // alice administers the tenant workspace and nothing in the compute one.
  await must(send(admin, 'POST', T(`${RBAC}/clusterrolebindings`), {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'alice-admin' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
  }), 201);
}, 60_000);

afterAll(async () => {
  await alice?.close();
  await admin?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('admission', () => {
  it('refuses a placement without "use" on synctargets in the compute workspace, and an unknown workspace alike', async () => {
    const denied = expectStatus(await send(alice, 'POST', T(`${SYNC}/placements`), placement('web', { location: { workspace: 'root:compute' } })), 403, 'Forbidden');
    expect(denied.message).toBe('placements.sync.kplane.io "web" is forbidden: User "alice" cannot use resource "synctargets" in API group "sync.kplane.io" in workspace "root:compute"');
    expect(denied.details).toEqual({ name: 'web', group: 'sync.kplane.io', kind: 'placements' });
    const unknown = expectStatus(await send(alice, 'POST', T(`${SYNC}/placements`), placement('web', { location: { workspace: 'root:nowhere' } })), 403, 'Forbidden');
    expect(unknown.message).toBe(denied.message.replace('root:compute', 'root:nowhere'));
    // Bad input is a 422 before any permission is looked at.
    const invalid = expectStatus(await send(alice, 'POST', T(`${SYNC}/placements`), placement('web', { location: { workspace: 'root:compute' }, numberOfTargets: 0 })), 422, 'Invalid');
    expect(invalid.details.causes).toEqual([{ reason: 'FieldValueInvalid', message: 'Invalid value: 0: must be greater than or equal to 1', field: 'spec.numberOfTargets' }]);
  });

  it('lets an administrator place on a workspace that does not exist, reported Misconfigured', async () => {
    await must(send(admin, 'POST', T(`${SYNC}/placements`), placement('lost', { location: { workspace: 'root:nowhere' }, namespaceSelector: { matchLabels: { none: 'x' } } })), 201);
    const p = await placed('lost', (x) => !!condition(x, 'Misconfigured'));
    expect(condition(p, 'Misconfigured')).toMatchObject({ status: 'True', reason: 'WorkspaceNotFound' });
    expect(condition(p, 'Ready')).toMatchObject({ status: 'False', reason: 'Misconfigured' });
    expect(p.status.decisions).toBeUndefined();
    await must(send(admin, 'DELETE', T(`${SYNC}/placements/lost`)));
  });

  it('accepts the placement once a ClusterRoleBinding in the compute workspace grants "use"', async () => {
    // Like every permission in a workspace, "use" counts once the workspace's access gate is passed.
    await must(send(admin, 'POST', C(`${RBAC}/clusterroles`), {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'synctarget-user' },
      rules: [{ apiGroups: ['sync.kplane.io'], resources: ['synctargets'], verbs: ['use'] }, { nonResourceURLs: ['/'], verbs: ['access'] }],
    }), 201);
    await must(send(admin, 'POST', C(`${RBAC}/clusterrolebindings`), {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'alice-uses-targets' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'synctarget-user' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
    }), 201);
    const created = await must(send(alice, 'POST', T(`${SYNC}/placements`), placement('web', {
      namespaceSelector: { matchLabels: { app: 'web' } },
      location: { workspace: 'root:compute', selector: { matchLabels: { region: 'us' } } },
    })), 201);
    expect(created.spec).toMatchObject({ numberOfTargets: 1, conflictPolicy: 'Abort', deletionPolicy: 'Delete' });
  });
});

describe('placing', () => {
  let target = '';
  let key = '';

  it('decides one matching target for the selected namespace and reports Ready', async () => {
    const p = await placed('web', (x) => condition(x, 'Ready')?.status === 'True');
    expect(p.status.decisions).toHaveLength(1);
    const d = p.status.decisions[0];
    target = d.target;
    key = keyOf(target);
    expect(['east', 'west']).toContain(target);
    expect(d).toEqual({ namespace: 'web', target, targetKey: key, downstreamNamespace: downstreamNamespace(key, tenantId, 'web') });
    expect(condition(p, 'Ready')).toMatchObject({ status: 'True', reason: 'Placed', observedGeneration: 1 });
    expect(condition(p, 'Misconfigured')).toMatchObject({ status: 'False' });
  });

  it('stamps the namespace with label, policy annotations and finalizer', async () => {
    const ns = await getT('/api/v1/namespaces/web');
    expect(ns.metadata.labels).toEqual({ app: 'web', 'kubernetes.io/metadata.name': 'web', [stateLabel(key)]: 'Sync' });
    expect(ns.metadata.annotations).toMatchObject({ [conflictPolicyAnnotation(key)]: 'Abort', [deletionPolicyAnnotation(key)]: 'Delete' });
    expect(ns.metadata.finalizers).toEqual([syncerFinalizer(key)]);
    expect(stamps(await getT('/api/v1/namespaces/api'))).toEqual({ labels: [], finalizers: [] });
  });

  it('stamps every syncable object in it, custom ones included, but not what the member makes itself', async () => {
    for (const p of ['/api/v1/namespaces/web/configmaps/settings', '/api/v1/namespaces/web/secrets/creds', '/apis/stable.example.com/v1/namespaces/web/crontabs/nightly']) {
      const o = await until(async () => {
        const x = await getT(p);
        return stamps(x).labels.length > 0 && x;
      }, p);
      expect(stamps(o), p).toEqual({ labels: [key], finalizers: [key] });
    }
    expect(stamps(await getT('/api/v1/namespaces/web/serviceaccounts/default'))).toEqual({ labels: [], finalizers: [] });
    expect(stamps(await getT('/api/v1/namespaces/api/configmaps/api-settings'))).toEqual({ labels: [], finalizers: [] });
  });

  it('labels the CRDs of the workspace, without a finalizer', async () => {
    const crd = await until(async () => {
      const x = await getT(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${CRD_NAME}`);
      return stamps(x).labels.length > 0 && x;
    }, 'CRD labelled');
    expect(stamps(crd)).toEqual({ labels: [key], finalizers: [] });
  });

  it('stamps new objects at create, and objects replaced without the stamps', async () => {
    const created = await must(send(alice, 'POST', T('/api/v1/namespaces/web/configmaps'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fresh' }, data: { a: '1' } }), 201);
    expect(stamps(created)).toEqual({ labels: [key], finalizers: [key] });
    const applied = await must(send(alice, 'PATCH', T('/apis/apps/v1/namespaces/web/deployments/app?fieldManager=alice'), {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app' },
      spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    }, { 'content-type': 'application/apply-patch+yaml' }), 201);
    expect(stamps(applied)).toEqual({ labels: [key], finalizers: [key] });
    // A PUT of the object without its stamps keeps them.
    const replaced = await must(send(alice, 'PUT', T('/api/v1/namespaces/web/configmaps/fresh'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fresh' }, data: { a: '2' } }));
    expect(replaced.data).toEqual({ a: '2' });
    expect(stamps(replaced)).toEqual({ labels: [key], finalizers: [key] });
    // An identical PUT is a no-op.
    const again = await must(send(alice, 'PUT', T('/api/v1/namespaces/web/configmaps/fresh'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fresh' }, data: { a: '2' } }));
    expect(again.metadata.resourceVersion).toBe(replaced.metadata.resourceVersion);
  });

  it('keeps an object being deleted until its finalizer is released, and never stamps it again', async () => {
    const deleted = await must(send(alice, 'DELETE', T('/api/v1/namespaces/web/configmaps/fresh')));
    expect(deleted.metadata.deletionTimestamp).toBeTruthy();
    expect(deleted.metadata.finalizers).toEqual([syncerFinalizer(key)]);
    // A write to it adds nothing back: the stamps stay as they are.
    const touched = await must(send(alice, 'PATCH', T('/api/v1/namespaces/web/configmaps/fresh'), { metadata: { labels: { touched: 'yes' } } }, MERGE));
    expect(stamps(touched)).toEqual({ labels: [key], finalizers: [key] });
    // The agent releases its finalizer; nothing puts it back and the object goes.
    await must(send(alice, 'PATCH', T('/api/v1/namespaces/web/configmaps/fresh'), { metadata: { finalizers: null } }, MERGE));
    expect((await alice.get(T('/api/v1/namespaces/web/configmaps/fresh'))).status).toBe(404);
  });

  it('settles: no further writes once everything is placed', async () => {
    const paths = [
      `${SYNC}/placements/web`, '/api/v1/namespaces/web', '/api/v1/namespaces/api', '/api/v1/namespaces/web/configmaps/settings',
      `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${CRD_NAME}`, '/apis/apps/v1/namespaces/web/deployments/app',
    ];
    const rvs = async () => Promise.all(paths.map(async (p) => (await getT(p)).metadata.resourceVersion));
    const before = await rvs();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await rvs()).toEqual(before);
  });

  it('places on numberOfTargets targets', async () => {
    await must(send(alice, 'PATCH', T(`${SYNC}/placements/web`), { spec: { numberOfTargets: 2 } }, MERGE));
    const p = await placed('web', (x) => x.status.decisions?.length === 2);
    expect(p.status.decisions.map((d: any) => d.target)).toEqual(['east', 'west']);
    const both = [keyOf('east'), keyOf('west')].sort();
    const ns = await until(async () => {
      const x = await getT('/api/v1/namespaces/web');
      return stamps(x).labels.length === 2 && x;
    }, 'namespace on two targets');
    expect(stamps(ns)).toEqual({ labels: both, finalizers: both });
    const cm = await until(async () => {
      const x = await getT('/api/v1/namespaces/web/configmaps/settings');
      return stamps(x).labels.length === 2 && x;
    }, 'configmap on two targets');
    expect(stamps(cm)).toEqual({ labels: both, finalizers: both });
    // Back to one: the target first chosen stays.
    await must(send(alice, 'PATCH', T(`${SYNC}/placements/web`), { spec: { numberOfTargets: 1 } }, MERGE));
    const one = await placed('web', (x) => x.status.decisions?.length === 1);
    expect(one.status.decisions[0].target).toBe(target);
    await until(async () => stamps(await getT('/api/v1/namespaces/web/configmaps/settings')).labels.length === 1, 'back to one target');
  });

  it('moves the stamps when the namespace selector changes, the namespace first', async () => {
    const kept = await must(send(admin, 'POST', T('/api/v1/namespaces/web/configmaps'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'going' }, data: { a: '1' } }), 201);
    await must(send(admin, 'DELETE', T('/api/v1/namespaces/web/configmaps/going')));
    expect(kept.metadata.finalizers).toEqual([syncerFinalizer(key)]);

    const rv = (await getT('/api/v1/namespaces')).metadata.resourceVersion;
    await must(send(alice, 'PATCH', T(`${SYNC}/placements/web`), { spec: { namespaceSelector: { matchLabels: { app: 'api' } } } }, MERGE));
    const p = await placed('web', (x) => x.status.decisions?.[0]?.namespace === 'api');
    const apiKey = p.status.decisions[0].targetKey;
    await until(async () => stamps(await getT('/api/v1/namespaces/api/configmaps/api-settings')).labels.length === 1, 'api objects stamped');
    await until(async () => stamps(await getT('/api/v1/namespaces/web/configmaps/settings')).labels.length === 0, 'web objects unstamped');
    expect(stamps(await getT('/api/v1/namespaces/web'))).toEqual({ labels: [], finalizers: [] });
    expect(Object.keys((await getT('/api/v1/namespaces/web')).metadata.annotations ?? {}).filter((a) => a.includes('sync.kplane.io'))).toEqual([]);
    expect(stamps(await getT('/api/v1/namespaces/api'))).toEqual({ labels: [apiKey], finalizers: [apiKey] });
    expect(stamps(await getT('/apis/stable.example.com/v1/namespaces/web/crontabs/nightly'))).toEqual({ labels: [], finalizers: [] });
    // The object being deleted lost its finalizer with the rest, and went.
    expect((await admin.get(T('/api/v1/namespaces/web/configmaps/going'))).status).toBe(404);
    // The namespace lost its stamps before any of its objects did.
    const events = await watchedChanges(rv);
    const nsAt = events.findIndex((e) => e.kind === 'Namespace' && e.name === 'web');
    const firstObjectAt = events.findIndex((e) => e.kind !== 'Namespace' && e.namespace === 'web');
    expect(nsAt).toBeGreaterThanOrEqual(0);
    expect(firstObjectAt).toBeGreaterThan(nsAt);
    // The CRD follows the targets still in use in the workspace.
    await until(async () => {
      const crd = await getT(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${CRD_NAME}`);
      return JSON.stringify(stamps(crd).labels) === JSON.stringify([apiKey]);
    }, 'CRD labelled for the api namespace target');
  });

  it('removes everything when the placement is deleted', async () => {
    await must(send(alice, 'DELETE', T(`${SYNC}/placements/web`)));
    await until(async () => stamps(await getT('/api/v1/namespaces/api/configmaps/api-settings')).labels.length === 0, 'api objects unstamped');
    expect(stamps(await getT('/api/v1/namespaces/api'))).toEqual({ labels: [], finalizers: [] });
    await until(async () => stamps(await getT(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${CRD_NAME}`)).labels.length === 0, 'CRD unlabelled');
    // Nothing placed: new objects are written as sent.
    const plain = await must(send(alice, 'POST', T('/api/v1/namespaces/api/configmaps'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plain' } }), 201);
    expect(stamps(plain)).toEqual({ labels: [], finalizers: [] });
  });
});

describe('targets', () => {
  it('keeps a namespace on its target when the target turns unschedulable, and places no new namespace there', async () => {
    await must(send(admin, 'POST', T(`${SYNC}/placements`), placement('eu', { namespaceSelector: { matchLabels: { app: 'web' } }, location: { workspace: 'root:compute', selector: { matchLabels: { region: 'eu' } } } })), 201);
    const p = await placed('eu', (x) => condition(x, 'Ready')?.status === 'True');
    expect(p.status.decisions.map((d: any) => d.target)).toEqual(['lyon']);
    await must(send(admin, 'PATCH', C(`${SYNC}/synctargets/lyon`), { spec: { unschedulable: true } }, MERGE));
    await must(send(admin, 'PATCH', T('/api/v1/namespaces/api'), { metadata: { labels: { app: 'web' } } }, MERGE));
    const after = await placed('eu', (x) => condition(x, 'Ready')?.reason === 'NoSchedulableTargets');
    expect(after.status.decisions).toEqual([expect.objectContaining({ namespace: 'web', target: 'lyon' })]);
    // The target goes: the namespace is unplaced and unstamped.
    await must(send(admin, 'DELETE', C(`${SYNC}/synctargets/lyon`)));
    const gone = await placed('eu', (x) => condition(x, 'Ready')?.reason === 'NoTargets');
    expect(gone.status.decisions).toBeUndefined();
    await until(async () => stamps(await getT('/api/v1/namespaces/web')).labels.length === 0, 'web unstamped');
    await until(async () => stamps(await getT('/api/v1/namespaces/web/configmaps/settings')).labels.length === 0, 'web objects unstamped');
  });
});

/** Changes in the tenant workspace after `rv`, in order, from a watch on each kind involved. */
async function watchedChanges(rv: string): Promise<Array<{ kind: string; name: string; namespace?: string; rv: number }>> {
  const out: Array<{ kind: string; name: string; namespace?: string; rv: number }> = [];
  const paths = ['/api/v1/namespaces', '/api/v1/configmaps', '/api/v1/secrets', '/apis/stable.example.com/v1/crontabs'];
  const answers = await Promise.all(paths.map((p) => admin.request('GET', T(`${p}?watch=true&resourceVersion=${rv}&timeoutSeconds=1`))));
  for (const r of answers) {
    for (const line of r.text.split('\n').filter(Boolean)) {
      const e = JSON.parse(line);
      if (e.type === 'BOOKMARK') continue;
      out.push({ kind: e.object.kind, name: e.object.metadata.name, namespace: e.object.metadata.namespace, rv: Number(e.object.metadata.resourceVersion) });
    }
  }
  return out.sort((a, b) => a.rv - b.rv);
}
