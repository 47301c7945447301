// The syncer end to end on loopback, as a platform team and a tenant use it: a control plane, a
// member cluster (`kplane serve --simulate-workloads`, standing in for K3s or EKS) and the agent
// (`kplane syncer`, a child process). The platform team registers the member with
// `kplane syncer-manifest`; the tenant places a namespace and works with kubectl 1.33 in its
// workspace only. Every step is checked where a user would look: kubectl on the workspace, kubectl
// on the member.

import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kplaneBin } from '../support/childServer.js';
import { E2E, eventually, startE2E } from './harness.js';

let hub: E2E;
let member: E2E;
let tenantServer: string;
let agent: Agent | undefined;
let upstreamKubeconfig: string;
let memberNs: string;

/** The agent as its own process, the way the Deployment runs it. */
interface Agent {
  proc: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

function startAgent(): Agent {
  const proc = spawn(
    process.execPath,
    [kplaneBin(), 'syncer', '--upstream-kubeconfig', upstreamKubeconfig, '--downstream-kubeconfig', member.server.kubeconfigPath, '--log-level', 'info'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const keep = (d: Buffer) => {
    out += String(d);
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    proc,
    output: () => out,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** kubectl on the tenant's workspace. */
const inTenant = (args: string[]) => ['--server', tenantServer, ...args];
/** kubectl on the compute workspace of the platform team. */
const inCompute = (args: string[]) => ['--server', `${hub.server.baseURL}/clusters/root:compute`, ...args];

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80, name: http}]
        resources:
          requests: {cpu: 100m, memory: 64Mi}
        readinessProbe:
          httpGet: {path: /, port: http}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: cache
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 2
  selector:
    matchLabels: {app: web}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 6
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Ingress]
  ingress:
  - ports: [{port: 80}]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: production
`;

beforeAll(async () => {
  hub = await startE2E();
  member = await startE2E({ serve: { simulateWorkloads: true } });
  tenantServer = `${hub.server.baseURL}/clusters/root:team`;
  // The platform team: a compute workspace, and the tenant's workspace.
  for (const ws of ['compute', 'team']) {
    await hub.ok(['create', '-f', hub.file(`${ws}.yaml`, `apiVersion: tenancy.kcp.io/v1alpha1\nkind: Workspace\nmetadata: {name: ${ws}}\n`)]);
    await hub.ok(['wait', `workspace/${ws}`, '--for=jsonpath={.status.phase}=Ready', '--timeout=30s']);
  }
}, 60_000);

afterAll(async () => {
  await agent?.stop();
  await member?.stop();
  await hub?.stop();
});

// A failed step shows what the agent logged.
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail' && agent) process.stderr.write(`--- agent output\n${agent.output().slice(-8000)}\n`);
});

describe('kplane syncer, end to end', () => {
  it('registers a member: syncer-manifest makes the target and a kubeconfig scoped to it', async () => {
    const r = await runKplane(['syncer-manifest', 'edge-1', '--workspace', 'root:compute', '--kubeconfig', hub.server.kubeconfigPath, '--kubeconfig-only', '--lease-duration-seconds', '1']);
    expect(r.code, r.stderr).toBe(0);
    upstreamKubeconfig = hub.file('edge-1.kubeconfig', r.stdout);
    await hub.ok(inCompute(['label', 'synctarget/edge-1', 'region=edge']));
    agent = startAgent();
    await hub.ok(inCompute(['wait', 'synctarget/edge-1', '--for=condition=Ready', '--timeout=30s']));
    const target = await hub.getJson(inCompute(['synctarget', 'edge-1']));
    expect(target.status.version.kubernetes).toMatch(/^v1\./);
    expect(target.status.clusterID).toMatch(/^[0-9a-f-]{36}$/);
  }, 60_000);

  it('places a namespace of the tenant on the target', async () => {
    await hub.ok(inTenant(['create', 'namespace', 'shop']));
    await hub.ok(inTenant(['label', 'namespace', 'shop', 'env=prod']));
    await hub.ok(inTenant(['apply', '-f', hub.file('placement.yaml', `apiVersion: sync.kplane.io/v1alpha1
kind: Placement
metadata: {name: prod}
spec:
  namespaceSelector: {matchLabels: {env: prod}}
  location:
    workspace: root:compute
    selector: {matchLabels: {region: edge}}
`)]));
    await hub.ok(inTenant(['wait', 'placement/prod', '--for=condition=Ready', '--timeout=30s']));
    const p = await hub.getJson(inTenant(['placement', 'prod']));
    expect(p.status.decisions).toHaveLength(1);
    expect(p.status.decisions[0]).toMatchObject({ namespace: 'shop', target: 'edge-1' });
    memberNs = p.status.decisions[0].downstreamNamespace;
    expect(memberNs).toMatch(/^kplane-/);
    // The member namespace appears, labelled and with its locator.
    const ns = await eventually(async () => {
      const r = await member.kubectl(['get', 'namespace', memberNs, '-o', 'json']);
      return r.code === 0 ? JSON.parse(r.stdout) : undefined;
    }, 'the mapped namespace on the member', 20_000);
    const locator = JSON.parse(ns.metadata.annotations['sync.kplane.io/namespace-locator']);
    expect(locator).toMatchObject({ namespace: 'shop', syncTarget: { name: 'edge-1' } });
  }, 60_000);

  it('applies an app in the workspace; it runs on the member; rollout status in the workspace succeeds', async () => {
    await hub.ok(inTenant(['apply', '-n', 'shop', '-f', hub.file('app.yaml', APP)]));
    const out = await hub.ok(inTenant(['rollout', 'status', 'deployment/web', '-n', 'shop', '--timeout=60s']));
    expect(out).toContain('successfully rolled out');
    for (const kind of ['deployment/web', 'service/web', 'pvc/cache', 'pdb/web', 'hpa/web', 'networkpolicy/web', 'configmap/settings']) {
      await member.ok(['get', kind, '-n', memberNs]);
    }
    // What must not travel did not: the member gave the service its own cluster IP.
    const upSvc = await hub.getJson(inTenant(['service', 'web', '-n', 'shop']));
    const downSvc = await member.getJson(['service', 'web', '-n', memberNs]);
    expect(downSvc.spec.clusterIP).toMatch(/^10\./);
    expect(downSvc.metadata.labels['sync.kplane.io/managed-by']).toBeTruthy();
    expect(downSvc.metadata.ownerReferences).toBeUndefined();
    expect(upSvc.metadata.uid).not.toBe(downSvc.metadata.uid);
    // Status came back: kubectl get in the workspace tells what runs.
    const deploy = await hub.getJson(inTenant(['deployment', 'web', '-n', 'shop']));
    expect(deploy.status).toMatchObject({ readyReplicas: 3, availableReplicas: 3, observedGeneration: deploy.metadata.generation });
    await hub.ok(inTenant(['wait', 'pvc/cache', '-n', 'shop', '--for=jsonpath={.status.phase}=Bound', '--timeout=30s']));
    const cond = JSON.parse(deploy.metadata.annotations?.[Object.keys(deploy.metadata.annotations ?? {}).find((k) => k.startsWith('condition.sync.kplane.io/')) ?? ''] ?? '{}');
    expect(cond).toMatchObject({ type: 'Synced', status: 'True', reason: 'Applied' });
  }, 120_000);

  it('propagates a spec change, and the new rollout is reported in the workspace', async () => {
    await hub.ok(inTenant(['set', 'image', 'deployment/web', 'web=nginx:1.28', '-n', 'shop']));
    await hub.ok(inTenant(['rollout', 'status', 'deployment/web', '-n', 'shop', '--timeout=60s']));
    await eventually(async () => {
      const d = await member.getJson(['deployment', 'web', '-n', memberNs]);
      return d.spec.template.spec.containers[0].image === 'nginx:1.28' || undefined;
    }, 'the new image on the member');
    await hub.ok(inTenant(['patch', 'configmap', 'settings', '-n', 'shop', '-p', '{"data":{"mode":"canary"}}']));
    await eventually(async () => (await member.getJson(['configmap', 'settings', '-n', memberNs])).data.mode === 'canary' || undefined, 'the changed ConfigMap on the member');
  }, 120_000);

  it('shows the member\'s revisions to kubectl rollout history; rollout undo runs the old image on the member', async () => {
    // The member's ReplicaSets are upsynced into the workspace, owned by the workspace Deployment.
    const history = await eventually(async () => {
      const out = await hub.ok(inTenant(['rollout', 'history', 'deployment/web', '-n', 'shop']));
      return /\n1\s+<none>\n2\s+<none>/.test(out) ? out : undefined;
    }, 'revisions 1 and 2 in the workspace');
    expect(history).toContain('REVISION');
    const rev1 = await hub.ok(inTenant(['rollout', 'history', 'deployment/web', '-n', 'shop', '--revision=1']));
    expect(rev1).toContain('nginx:1.27');
    await hub.ok(inTenant(['rollout', 'undo', 'deployment/web', '-n', 'shop']));
    await eventually(async () => (await member.getJson(['deployment', 'web', '-n', memberNs])).spec.template.spec.containers[0].image === 'nginx:1.27' || undefined, 'the old image on the member');
    await hub.ok(inTenant(['rollout', 'status', 'deployment/web', '-n', 'shop', '--timeout=60s']));
    // And back to the newer one (revision 2 became 4 after the undo made 1 into 3).
    await eventually(async () => /\n3\s+<none>/.test(await hub.ok(inTenant(['rollout', 'history', 'deployment/web', '-n', 'shop']))) || undefined, 'revision 3 in the workspace');
    await hub.ok(inTenant(['rollout', 'undo', 'deployment/web', '-n', 'shop']));
    await eventually(async () => (await member.getJson(['deployment', 'web', '-n', memberNs])).spec.template.spec.containers[0].image === 'nginx:1.28' || undefined, 'the newer image on the member again');
    await hub.ok(inTenant(['rollout', 'status', 'deployment/web', '-n', 'shop', '--timeout=60s']));
  }, 120_000);

  it('corrects drift on the member', async () => {
    // (Replicas are the member's HPA's to set, so the template is what is tampered with.)
    await member.ok(['set', 'image', 'deployment/web', 'web=evil:latest', '-n', memberNs]);
    await member.ok(['patch', 'configmap', 'settings', '-n', memberNs, '-p', '{"data":{"mode":"tampered"}}']);
    await eventually(async () => (await member.getJson(['deployment', 'web', '-n', memberNs])).spec.template.spec.containers[0].image === 'nginx:1.28' || undefined, 'the image restored on the member');
    await eventually(async () => (await member.getJson(['configmap', 'settings', '-n', memberNs])).data.mode === 'canary' || undefined, 'data restored on the member');
  }, 60_000);

  it('never takes over a member object that is not its own (Abort), and says so on the workspace object', async () => {
    await member.ok(['create', 'configmap', 'local', '-n', memberNs, '--from-literal=owner=member-admin']);
    await hub.ok(inTenant(['create', 'configmap', 'local', '-n', 'shop', '--from-literal=owner=tenant']));
    const cond = await eventually(async () => {
      const cm = await hub.getJson(inTenant(['configmap', 'local', '-n', 'shop']));
      const key = Object.keys(cm.metadata.annotations ?? {}).find((k) => k.startsWith('condition.sync.kplane.io/'));
      const c = key ? JSON.parse(cm.metadata.annotations[key]) : undefined;
      return c?.reason === 'Conflict' ? c : undefined;
    }, 'a Conflict condition on the workspace ConfigMap');
    expect(cond.status).toBe('False');
    const down = await member.getJson(['configmap', 'local', '-n', memberNs]);
    expect(down.data.owner).toBe('member-admin');
    expect(down.metadata.labels?.['sync.kplane.io/managed-by']).toBeUndefined();
  }, 60_000);

  it('catches up after being offline: changes made meanwhile arrive, nothing is mass-deleted', async () => {
    await agent!.stop();
    agent = undefined;
    await hub.ok(inTenant(['create', 'configmap', 'while-offline', '-n', 'shop', '--from-literal=k=v']));
    await hub.ok(inTenant(['set', 'env', 'deployment/web', 'MODE=offline', '-n', 'shop']));
    agent = startAgent();
    await eventually(async () => ((await member.kubectl(['get', 'configmap', 'while-offline', '-n', memberNs])).code === 0) || undefined, 'the ConfigMap made while offline');
    await eventually(async () => {
      const env = (await member.getJson(['deployment', 'web', '-n', memberNs])).spec.template.spec.containers[0].env ?? [];
      return env.some((e: any) => e.name === 'MODE' && e.value === 'offline') || undefined;
    }, 'the template change made while offline');
    await hub.ok(inTenant(['rollout', 'status', 'deployment/web', '-n', 'shop', '--timeout=60s']));
    // Everything synced before is still there.
    for (const kind of ['service/web', 'pvc/cache', 'configmap/settings']) await member.ok(['get', kind, '-n', memberNs]);
  }, 120_000);

  it('propagates a delete: the member copy goes first, then the workspace object', async () => {
    await hub.ok(inTenant(['delete', 'configmap', 'settings', '-n', 'shop', '--timeout=60s']));
    expect((await member.kubectl(['get', 'configmap', 'settings', '-n', memberNs])).code).not.toBe(0);
    expect((await hub.kubectl(inTenant(['get', 'configmap', 'settings', '-n', 'shop']))).code).not.toBe(0);
    await hub.ok(inTenant(['delete', 'deployment', 'web', '-n', 'shop', '--timeout=60s']));
    expect((await member.kubectl(['get', 'deployment', 'web', '-n', memberNs])).code).not.toBe(0);
    // Its upsynced ReplicaSets went with it (the hub's garbage collector, by their ownerReference).
    await eventually(async () => (await hub.ok(inTenant(['get', 'replicasets', '-n', 'shop', '-o', 'name']))).trim() === '' || undefined, 'no ReplicaSets left in the workspace');
  }, 120_000);

  it('the target loses Ready when the agent stops', async () => {
    await agent!.stop();
    agent = undefined;
    await hub.ok(inCompute(['wait', 'synctarget/edge-1', '--for=condition=Ready=Unknown', '--timeout=30s']));
    const t = await hub.getJson(inCompute(['synctarget', 'edge-1']));
    const ready = t.status.conditions.find((c: any) => c.type === 'Ready');
    expect(ready.reason).toBe('HeartbeatMissed');
  }, 60_000);
});

function runKplane(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [kplaneBin(), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KUBECONFIG: '' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += String(d)));
    p.stderr.on('data', (d) => (stderr += String(d)));
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
