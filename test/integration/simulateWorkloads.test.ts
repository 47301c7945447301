// `serve({ simulateWorkloads: true })` over HTTPS: the server behaves like a member cluster that
// runs its workloads, in every workspace, through the same API semantics as any client's writes
// (status subresource, generation, managedFields), and goes quiet once everything is settled.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, apiClient } from '../support/http.js';
import { createNamespace, currentRV, deployment, get, send } from '../support/kube.js';
import { startTestServer, TestServer } from '../support/server.js';

const NS = 'sim';
const APPS = `/apis/apps/v1/namespaces/${NS}`;
const CORE = `/api/v1/namespaces/${NS}`;
const MERGE = { 'content-type': 'application/merge-patch+json' };
const HASH = /^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/;

/** Polls a GET until `test` holds for its JSON body; returns that body. */
async function until(c: ApiClient, path: string, test: (o: any) => boolean, what = path, timeoutMs = 10_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: any;
  for (;;) {
    const r = await get(c, path);
    last = r.status === 200 ? r.json() : { status: r.status, body: r.text };
    if (r.status === 200 && test(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last, null, 1).slice(0, 3000)}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

const condition = (o: any, type: string): any => (o.status?.conditions ?? []).find((c: any) => c.type === type);
const rolledOut = (d: any): boolean =>
  d.metadata.generation <= (d.status?.observedGeneration ?? 0) && (d.status?.updatedReplicas ?? 0) === d.spec.replicas
  && (d.status?.replicas ?? 0) === d.spec.replicas && (d.status?.availableReplicas ?? 0) === d.spec.replicas
  && condition(d, 'Progressing')?.reason === 'NewReplicaSetAvailable';

/** Waits until nothing has been written for a while: the simulation has settled. */
async function settled(c: ApiClient): Promise<string> {
  let rv = await currentRV(c);
  for (let quiet = 0; quiet < 6; ) {
    await new Promise((res) => setTimeout(res, 50));
    const next = await currentRV(c);
    quiet = next === rv ? quiet + 1 : 0;
    rv = next;
  }
  return rv;
}

describe('simulated workloads', () => {
  let server: TestServer;
  let c: ApiClient;
  beforeAll(async () => {
    server = await startTestServer({ serve: { simulateWorkloads: true } });
    c = apiClient(server.baseURL, server.caPem, server.token);
    await createNamespace(c, NS);
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  describe('deployments', () => {
    let rsName = '';

    it('get a ReplicaSet and report their replicas available, as the deployment controller writes it', async () => {
      const created = await send(c, 'POST', `${APPS}/deployments`, { ...deployment('web', { replicas: 2 }), metadata: { name: 'web', labels: { app: 'web' }, annotations: { 'kubernetes.io/change-cause': 'first' } } });
      expect(created.status, created.text).toBe(201);
      const d = await until(c, `${APPS}/deployments/web`, rolledOut, 'deployment web rolled out');
      expect(d.metadata.generation).toBe(1);
      expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
      const { conditions, ...counts } = d.status;
      expect(counts).toEqual({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 });
      const rsList = (await get(c, `${APPS}/replicasets?labelSelector=app=web`)).json().items;
      expect(rsList).toHaveLength(1);
      const rs = rsList[0];
      rsName = rs.metadata.name;
      const hash = rs.metadata.labels['pod-template-hash'];
      expect(hash).toMatch(HASH);
      expect(rsName).toBe(`web-${hash}`);
      expect(conditions.map((x: any) => [x.type, x.status, x.reason, x.message])).toEqual([
        ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
        ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`],
      ]);
      for (const x of conditions) {
        expect(x.lastUpdateTime).toMatch(/Z$/);
        expect(x.lastTransitionTime).toMatch(/Z$/);
      }
      expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
      expect(rs.metadata.annotations).toMatchObject({
        'deployment.kubernetes.io/revision': '1',
        'deployment.kubernetes.io/desired-replicas': '2',
        'deployment.kubernetes.io/max-replicas': '3',
        'kubernetes.io/change-cause': 'first',
      });
      expect(rs.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
      expect(rs.spec.template.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
      expect(rs.spec.replicas).toBe(2);
      expect(rs.status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
    });

    it('write status through /status as kube-controller-manager, without touching the generation', async () => {
      const d = (await get(c, `${APPS}/deployments/web`)).json();
      const managers = d.metadata.managedFields.map((m: any) => `${m.manager}/${m.operation}/${m.subresource ?? ''}`);
      expect(managers).toContain('kube-controller-manager/Update/status');
      const status = d.metadata.managedFields.find((m: any) => m.subresource === 'status');
      expect(Object.keys(status.fieldsV1['f:status'])).toEqual(expect.arrayContaining(['f:availableReplicas', 'f:conditions', 'f:observedGeneration']));
      expect(d.metadata.generation).toBe(1);
    });

    it('are quiet once settled: nothing is written again', async () => {
      const rv = await settled(c);
      await new Promise((res) => setTimeout(res, 300));
      expect(await currentRV(c)).toBe(rv);
    });

    it('roll out a new template: a new ReplicaSet, the old one scaled to 0, revision 2', async () => {
      const before = (await get(c, `${APPS}/deployments/web`)).json();
      const patch = { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } } };
      const r = await send(c, 'PATCH', `${APPS}/deployments/web`, patch, { 'content-type': 'application/strategic-merge-patch+json' });
      expect(r.status, r.text).toBe(200);
      expect(r.json().metadata.generation).toBe(2);
      const d = await until(c, `${APPS}/deployments/web`, (o) => rolledOut(o) && o.status.observedGeneration === 2, 'second rollout');
      expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
      const rsList = (await get(c, `${APPS}/replicasets?labelSelector=app=web`)).json().items;
      expect(rsList).toHaveLength(2);
      const old = rsList.find((x: any) => x.metadata.name === rsName);
      const next = rsList.find((x: any) => x.metadata.name !== rsName);
      expect(next.spec.template.spec.containers[0].image).toBe('nginx:1.28');
      expect(next.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
      expect(next.status.readyReplicas).toBe(2);
      await until(c, `${APPS}/replicasets/${rsName}`, (o) => o.spec.replicas === 0 && o.status.replicas === 0, 'old replica set scaled down');
      expect(old.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
      const progressing = condition(d, 'Progressing');
      expect(progressing.message).toBe(`ReplicaSet "${next.metadata.name}" has successfully progressed.`);
      // Progressing stayed True through the rollout: its transition time is the first one.
      expect(progressing.lastTransitionTime).toBe(condition(before, 'Progressing').lastTransitionTime);
    });

    it('going back to an old template reuses its ReplicaSet under a new revision', async () => {
      const patch = { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } };
      expect((await send(c, 'PATCH', `${APPS}/deployments/web`, patch, { 'content-type': 'application/strategic-merge-patch+json' })).status).toBe(200);
      const d = await until(c, `${APPS}/deployments/web`, (o) => rolledOut(o) && o.status.observedGeneration === 3, 'rollback');
      expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
      const rs = await until(c, `${APPS}/replicasets/${rsName}`, (o) => o.status.readyReplicas === 2, 'old replica set back');
      expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
      expect((await get(c, `${APPS}/replicasets?labelSelector=app=web`)).json().items).toHaveLength(2);
    });

    it('follow /scale', async () => {
      const r = await send(c, 'PATCH', `${APPS}/deployments/web/scale`, { spec: { replicas: 4 } }, MERGE);
      expect(r.status, r.text).toBe(200);
      const d = await until(c, `${APPS}/deployments/web`, (o) => rolledOut(o) && o.status.availableReplicas === 4, 'scaled to 4');
      expect(d.status.readyReplicas).toBe(4);
      expect((await get(c, `${APPS}/replicasets/${rsName}`)).json().spec.replicas).toBe(4);
    });

    it('delete their ReplicaSets with them (garbage collection)', async () => {
      expect((await send(c, 'DELETE', `${APPS}/deployments/web`)).status).toBe(200);
      await until(c, `${APPS}/replicasets?labelSelector=app=web`, (o) => o.items.length === 0, 'replica sets collected');
    });
  });

  it('statefulsets report every replica ready at one revision, and their claims exist and bind', async () => {
    const sts = {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
      spec: {
        replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16' }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    };
    expect((await send(c, 'POST', `${APPS}/statefulsets`, sts)).status).toBe(201);
    const s = await until(c, `${APPS}/statefulsets/db`, (o) => o.status?.readyReplicas === 2, 'statefulset ready');
    expect(s.status).toEqual({
      observedGeneration: 1, replicas: 2, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2,
      currentRevision: s.status.updateRevision, updateRevision: s.status.updateRevision, collisionCount: 0, availableReplicas: 2,
    });
    expect(s.status.updateRevision).toMatch(/^db-[bcdfghjklmnpqrstvwxz2456789]+$/);
    for (const ordinal of [0, 1]) {
      const claim = await until(c, `${CORE}/persistentvolumeclaims/data-db-${ordinal}`, (o) => o.status?.phase === 'Bound', `claim data-db-${ordinal}`);
      expect(claim.metadata.labels).toEqual({ app: 'db' });
      expect(claim.status.capacity).toEqual({ storage: '1Gi' });
    }
    const patched = await send(c, 'PATCH', `${APPS}/statefulsets/db`, { spec: { template: { metadata: { annotations: { v: '2' } } } } }, MERGE);
    expect(patched.status, patched.text).toBe(200);
    const next = await until(c, `${APPS}/statefulsets/db`, (o) => o.status?.observedGeneration === 2, 'statefulset update');
    expect(next.status.updateRevision).not.toBe(s.status.updateRevision);
    expect(next.status.currentRevision).toBe(next.status.updateRevision);
  });

  it('daemonsets run on the one node', async () => {
    const ds = {
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox' }] } } },
    };
    expect((await send(c, 'POST', `${APPS}/daemonsets`, ds)).status).toBe(201);
    const d = await until(c, `${APPS}/daemonsets/agent`, (o) => o.status?.observedGeneration === 1, 'daemonset');
    expect(d.status).toEqual({
      currentNumberScheduled: 1, numberMisscheduled: 0, desiredNumberScheduled: 1, numberReady: 1,
      observedGeneration: 1, updatedNumberScheduled: 1, numberAvailable: 1,
    });
  });

  it('replicasets without a deployment report ready', async () => {
    const rs = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'plain' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'plain' } }, template: { metadata: { labels: { app: 'plain' } }, spec: { containers: [{ name: 'a', image: 'busybox' }] } } },
    };
    expect((await send(c, 'POST', `${APPS}/replicasets`, rs)).status).toBe(201);
    const r = await until(c, `${APPS}/replicasets/plain`, (o) => o.status?.readyReplicas === 3, 'replicaset');
    expect(r.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  });

  it('jobs complete, with the conditions of Kubernetes 1.31+', async () => {
    const job = {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' },
      spec: { completions: 3, completionMode: 'Indexed', template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'busybox' }] } } },
    };
    expect((await send(c, 'POST', `/apis/batch/v1/namespaces/${NS}/jobs`, job)).status).toBe(201);
    const j = await until(c, `/apis/batch/v1/namespaces/${NS}/jobs/migrate`, (o) => !!condition(o, 'Complete'), 'job complete');
    expect(j.status.conditions.map((x: any) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    expect(j.status).toMatchObject({ succeeded: 3, completedIndexes: '0-2', ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(j.status.startTime).toMatch(/Z$/);
    expect(j.status.completionTime >= j.status.startTime).toBe(true);
  });

  it('suspended jobs wait until resumed', async () => {
    const job = {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'later' },
      spec: { suspend: true, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'busybox' }] } } },
    };
    const path = `/apis/batch/v1/namespaces/${NS}/jobs/later`;
    expect((await send(c, 'POST', `/apis/batch/v1/namespaces/${NS}/jobs`, job)).status).toBe(201);
    const j = await until(c, path, (o) => !!condition(o, 'Suspended'), 'job suspended');
    expect(condition(j, 'Suspended')).toMatchObject({ status: 'True', reason: 'JobSuspended', message: 'Job suspended' });
    expect(j.status.startTime).toBeUndefined();
    expect((await send(c, 'PATCH', path, { spec: { suspend: false } }, MERGE)).status).toBe(200);
    const done = await until(c, path, (o) => !!condition(o, 'Complete'), 'resumed job complete');
    expect(condition(done, 'Suspended')).toMatchObject({ status: 'False', reason: 'JobResumed', message: 'Job resumed' });
    expect(done.status.succeeded).toBe(1);
  });

  describe('services', () => {
    const svc = (name: string, spec: any) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });

    it('get a cluster IP from 10.96.0.0/12, one per service, and single-stack IPv4 fields', async () => {
      for (const name of ['a', 'b', 'c']) {
        expect((await send(c, 'POST', `${CORE}/services`, svc(name, { selector: { app: name }, ports: [{ port: 80 }] }))).status).toBe(201);
      }
      const ips: string[] = [];
      for (const name of ['a', 'b', 'c']) {
        const s = await until(c, `${CORE}/services/${name}`, (o) => !!o.spec.clusterIP, `service ${name}`);
        expect(s.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
        expect(s.spec.clusterIPs).toEqual([s.spec.clusterIP]);
        expect(s.spec.ipFamilies).toEqual(['IPv4']);
        expect(s.spec.ipFamilyPolicy).toBe('SingleStack');
        expect(s.status).toEqual({ loadBalancer: {} });
        ips.push(s.spec.clusterIP);
      }
      expect(new Set(ips).size).toBe(3);
    });

    it('node ports for NodePort and LoadBalancer services, and an ingress address for load balancers', async () => {
      expect((await send(c, 'POST', `${CORE}/services`, svc('np', { type: 'NodePort', selector: { app: 'np' }, ports: [{ name: 'http', port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }] }))).status).toBe(201);
      expect((await send(c, 'POST', `${CORE}/services`, svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', selector: { app: 'lb' }, ports: [{ port: 443 }] }))).status).toBe(201);
      const np = await until(c, `${CORE}/services/np`, (o) => !!o.spec.clusterIP, 'nodeport');
      for (const p of np.spec.ports) expect(p.nodePort).toBeGreaterThanOrEqual(30000);
      expect(np.spec.ports[0].nodePort).not.toBe(np.spec.ports[1].nodePort);
      const lb = await until(c, `${CORE}/services/lb`, (o) => !!o.status?.loadBalancer?.ingress, 'load balancer');
      expect(lb.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
      expect(lb.spec.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
      expect(lb.status.loadBalancer.ingress).toEqual([{ ip: expect.stringMatching(/^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/), ipMode: 'VIP' }]);
    });

    it('headless services stay headless; ExternalName services get nothing', async () => {
      expect((await send(c, 'POST', `${CORE}/services`, svc('headless', { clusterIP: 'None', ports: [{ port: 5432 }] }))).status).toBe(201);
      expect((await send(c, 'POST', `${CORE}/services`, svc('ext', { type: 'ExternalName', externalName: 'example.com' }))).status).toBe(201);
      const h = await until(c, `${CORE}/services/headless`, (o) => !!o.spec.ipFamilies, 'headless');
      expect(h.spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] });
      await settled(c);
      const e = (await get(c, `${CORE}/services/ext`)).json();
      expect(e.spec.clusterIP).toBeUndefined();
      expect(e.spec.ipFamilies).toBeUndefined();
    });
  });

  it('claims bind to a volume named after them, with the requested capacity', async () => {
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'files' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } } };
    const created = (await send(c, 'POST', `${CORE}/persistentvolumeclaims`, pvc)).json();
    const p = await until(c, `${CORE}/persistentvolumeclaims/files`, (o) => o.status?.phase === 'Bound', 'claim bound');
    expect(p.spec.volumeName).toBe(`pvc-${created.metadata.uid}`);
    expect(p.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(p.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' } });
  });

  it('disruption budgets count the pods of the workloads they select', async () => {
    expect((await send(c, 'POST', `${APPS}/deployments`, deployment('api', { replicas: 3 }))).status).toBe(201);
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'api' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'api' } } } };
    expect((await send(c, 'POST', `/apis/policy/v1/namespaces/${NS}/poddisruptionbudgets`, pdb)).status).toBe(201);
    const b = await until(c, `/apis/policy/v1/namespaces/${NS}/poddisruptionbudgets/api`, (o) => o.status?.expectedPods === 3, 'budget');
    expect(b.status).toMatchObject({ observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
    expect(b.status.conditions).toEqual([{ type: 'DisruptionAllowed', status: 'True', observedGeneration: 1, lastTransitionTime: expect.any(String), reason: 'SufficientPods', message: '' }]);
  });

  it('autoscalers report their target and bring it within [minReplicas, maxReplicas]', async () => {
    expect((await send(c, 'POST', `${APPS}/deployments`, deployment('scaled', { replicas: 1 }))).status).toBe(201);
    const hpa = {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'scaled' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'scaled' }, minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
    };
    expect((await send(c, 'POST', `/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers`, hpa)).status).toBe(201);
    await until(c, `${APPS}/deployments/scaled`, (o) => o.spec.replicas === 2 && rolledOut(o), 'scaled up to minReplicas');
    const h = await until(c, `/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers/scaled`, (o) => o.status?.currentReplicas === 2, 'autoscaler status');
    expect(h.status.desiredReplicas).toBe(2);
    expect(h.status.lastScaleTime).toMatch(/Z$/);
    expect(h.status.currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 70 } } }]);
    expect(h.status.conditions.map((x: any) => [x.type, x.status, x.reason])).toEqual([
      ['AbleToScale', 'True', 'ReadyForNewScale'],
      ['ScalingActive', 'True', 'ValidMetricFound'],
      ['ScalingLimited', 'False', 'DesiredWithinRange'],
    ]);
    expect(condition(h, 'ScalingActive').message).toBe('the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)');
  });

  it('works in every workspace, not only root', async () => {
    const ws = await send(c, 'POST', '/apis/tenancy.kcp.io/v1alpha1/workspaces', { apiVersion: 'tenancy.kcp.io/v1alpha1', kind: 'Workspace', metadata: { name: 'member' } });
    expect(ws.status, ws.text).toBe(201);
    await until(c, '/apis/tenancy.kcp.io/v1alpha1/workspaces/member', (o) => o.status?.phase === 'Ready', 'workspace ready');
    const base = '/clusters/root:member/apis/apps/v1/namespaces/default/deployments';
    const r = await c.request('POST', base, { body: JSON.stringify(deployment('web')), headers: { 'content-type': 'application/json' } });
    expect(r.status, r.text).toBe(201);
    const deadline = Date.now() + 10_000;
    let d: any;
    do {
      await new Promise((res) => setTimeout(res, 50));
      d = (await c.get(`${base}/web`)).json();
    } while (!rolledOut(d) && Date.now() < deadline);
    expect(rolledOut(d)).toBe(true);
    // Cluster IPs are unique per workspace, so another workspace may reuse root's.
    const svc = await c.request('POST', '/clusters/root:member/api/v1/namespaces/default/services', { body: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }), headers: { 'content-type': 'application/json' } });
    expect(svc.status).toBe(201);
  });

  it('settles: after all of the above, nothing more is written', async () => {
    const rv = await settled(c);
    await new Promise((res) => setTimeout(res, 500));
    expect(await currentRV(c)).toBe(rv);
  });
});

describe('without --simulate-workloads', () => {
  let server: TestServer;
  let c: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    c = apiClient(server.baseURL, server.caPem, server.token);
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  it('status is left alone: a control plane runs nothing', async () => {
    expect((await send(c, 'POST', '/apis/apps/v1/namespaces/default/deployments', deployment('web'))).status).toBe(201);
    expect((await send(c, 'POST', '/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } })).status).toBe(201);
    await new Promise((res) => setTimeout(res, 500));
    const d = (await get(c, '/apis/apps/v1/namespaces/default/deployments/web')).json();
    expect(d.status).toBeUndefined();
    expect((await get(c, '/apis/apps/v1/namespaces/default/replicasets')).json().items).toEqual([]);
    expect((await get(c, '/api/v1/namespaces/default/services/web')).json().spec.clusterIP).toBeUndefined();
  });
});
