// kubectl against `kplane serve --simulate-workloads`: what a user (or the syncer's tests) does
// with a cluster that runs things — apply an app, wait for its rollouts, its job and its claims,
// change the image and wait again — succeeds as it would against a real cluster.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E, lines, rows, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ serve: { simulateWorkloads: true } });
});
afterAll(async () => e?.stop());

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
        ports: [{containerPort: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: pg
        image: postgres:16
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: fluent/fluent-bit:3.1
---
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: busybox:1.36
        command: ["sh", "-c", "echo migrating"]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: uploads
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 2Gi}}
`;

describe('kubectl against a simulated member cluster', () => {
  it('applies an app and waits for every part of it', async () => {
    await e.ok(['apply', '-f', e.file('app.yaml', APP)]);
    expect(await e.ok(['rollout', 'status', 'deployment/web', '--timeout=30s'])).toContain('deployment "web" successfully rolled out');
    // apps/v1 defaults rollingUpdate.partition to 0, so kubectl reports a partitioned roll out.
    expect(await e.ok(['rollout', 'status', 'statefulset/db', '--timeout=30s'])).toContain('partitioned roll out complete: 2 new pods have been updated...');
    expect(await e.ok(['rollout', 'status', 'daemonset/agent', '--timeout=30s'])).toContain('daemon set "agent" successfully rolled out');
    expect(await e.ok(['wait', '--for=condition=complete', 'job/migrate', '--timeout=30s'])).toContain('job.batch/migrate condition met');
    expect(await e.ok(['wait', '--for=condition=Available', 'deployment/web', '--timeout=30s'])).toContain('deployment.apps/web condition met');
    expect(await e.ok(['wait', '--for=jsonpath={.status.phase}=Bound', 'pvc/uploads', '--timeout=30s'])).toContain('condition met');
  });

  it('shows what a cluster shows: ready counts, replica sets, cluster IPs, bound claims', async () => {
    const deploy = rows(await e.ok(['get', 'deployment', 'web']))[0];
    expect(deploy).toMatchObject({ NAME: 'web', READY: '3/3', 'UP-TO-DATE': '3', AVAILABLE: '3' });
    const rs = rows(await e.ok(['get', 'rs', '-l', 'app=web']));
    expect(rs).toHaveLength(1);
    expect(rs[0]).toMatchObject({ DESIRED: '3', CURRENT: '3', READY: '3' });
    expect(rs[0].NAME).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    const svc = rows(await e.ok(['get', 'svc', 'web']))[0];
    expect(svc['CLUSTER-IP']).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
    const claims = rows(await e.ok(['get', 'pvc']));
    expect(claims.map((c) => [c.NAME, c.STATUS])).toEqual([['data-db-0', 'Bound'], ['data-db-1', 'Bound'], ['uploads', 'Bound']]);
    expect(claims.find((c) => c.NAME === 'uploads')).toMatchObject({ CAPACITY: '2Gi', 'ACCESS MODES': 'RWO' });
    expect(rows(await e.ok(['get', 'job', 'migrate']))[0]).toMatchObject({ STATUS: 'Complete', COMPLETIONS: '1/1' });
    expect(rows(await e.ok(['get', 'ds', 'agent']))[0]).toMatchObject({ DESIRED: '1', CURRENT: '1', READY: '1', 'UP-TO-DATE': '1', AVAILABLE: '1' });
  });

  it('rolls out a new image: a second revision, the old replica set scaled to 0', async () => {
    await e.ok(['set', 'image', 'deployment/web', 'web=nginx:1.28']);
    await e.ok(['annotate', 'deployment/web', 'kubernetes.io/change-cause=image 1.28']);
    expect(await e.ok(['rollout', 'status', 'deployment/web', '--timeout=30s'])).toContain('deployment "web" successfully rolled out');
    const history = lines(await e.ok(['rollout', 'history', 'deployment/web']));
    expect(history[0]).toBe('deployment.apps/web ');
    expect(history.slice(1).map((l) => l.trim().split(/\s+/)[0])).toEqual(['REVISION', '1', '2']);
    expect(history[3]).toContain('image 1.28');
    const rs = rows(await e.ok(['get', 'rs', '-l', 'app=web', '-o', 'wide']));
    expect(rs.map((r) => [r.DESIRED, r.IMAGES]).sort()).toEqual([['0', 'nginx:1.27'], ['3', 'nginx:1.28']]);
    expect(await e.ok(['rollout', 'status', 'deployment/web', '--revision=2', '--timeout=30s'])).toContain('successfully rolled out');
  });

  it('undoes a rollout', async () => {
    await e.ok(['rollout', 'undo', 'deployment/web']);
    expect(await e.ok(['rollout', 'status', 'deployment/web', '--timeout=30s'])).toContain('successfully rolled out');
    expect(await e.ok(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}'])).toBe('nginx:1.27 3');
  });

  it('restarts a rollout and scales', async () => {
    await e.ok(['rollout', 'restart', 'deployment/web']);
    expect(await e.ok(['rollout', 'status', 'deployment/web', '--timeout=30s'])).toContain('successfully rolled out');
    await e.ok(['scale', 'deployment/web', '--replicas=5']);
    expect(await e.ok(['rollout', 'status', 'deployment/web', '--timeout=30s'])).toContain('successfully rolled out');
    expect(rows(await e.ok(['get', 'deployment', 'web']))[0].READY).toBe('5/5');
  });

  it('rolls out statefulset and daemonset template changes', async () => {
    await e.ok(['set', 'image', 'statefulset/db', 'pg=postgres:17']);
    expect(await e.ok(['rollout', 'status', 'statefulset/db', '--timeout=30s'])).toContain('partitioned roll out complete: 2 new pods have been updated...');
    const revisions = await e.ok(['get', 'statefulset', 'db', '-o', 'jsonpath={.status.currentRevision} {.status.updateRevision}']);
    const [current, update] = revisions.split(' ');
    expect(current).toBe(update);
    await e.ok(['set', 'image', 'daemonset/agent', 'agent=fluent/fluent-bit:3.2']);
    expect(await e.ok(['rollout', 'status', 'daemonset/agent', '--timeout=30s'])).toContain('successfully rolled out');
  });
});
