// kubectl apply (client-side): a user keeps manifests in files and re-applies them; the server
// must merge each change in (strategic merge patch against the last-applied configuration),
// drop what the manifest no longer says, and keep quiet when nothing changed. Also kubectl diff
// and --dry-run=server, which preview a change without storing it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E, lines, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
  await e.ok(['create', 'ns', 'prod']);
});
afterAll(async () => e?.stop());

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** A realistic Deployment; `v2` is the next release of the same manifest. */
function shopDeployment(v2: boolean): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: prod
  labels: {app: shop}
spec:
  replicas: ${v2 ? 3 : 2}
  selector:
    matchLabels: {app: shop}
  template:
    metadata:
      labels: {app: shop}
    spec:
      initContainers:
      - name: migrate
        image: busybox:1.36
        command: ["sh", "-c", "echo migrating"]
      - name: log-shipper
        image: fluent/fluent-bit:${v2 ? '3.1' : '3.0'}
        restartPolicy: Always
        volumeMounts:
        - {name: logs, mountPath: /var/log/app}
      containers:
      - name: app
        image: nginx:${v2 ? '1.28' : '1.27'}
        ports:
        - {containerPort: 80, name: http}
        env:
        - {name: MODE, value: ${v2 ? 'staging' : 'prod'}}
${v2 ? '' : '        - {name: LOG_LEVEL, value: info}\n'}        - {name: REGION, value: eu}
        resources:
          requests: {cpu: ${v2 ? '250m' : '100m'}, memory: 128Mi}
          limits: {cpu: "1", memory: 256Mi}
        readinessProbe:
          httpGet: {path: /healthz, port: http}
          periodSeconds: 5
${v2 ? '' : `        livenessProbe:
          tcpSocket: {port: 80}
          initialDelaySeconds: 10
`}        volumeMounts:
        - {name: logs, mountPath: /var/log/app}
        - {name: config, mountPath: /etc/app}
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
              labelSelector:
                matchLabels: {app: shop}
      tolerations:
      - {key: dedicated, operator: Equal, value: shop, effect: NoSchedule}
${v2 ? '      - {key: spot, operator: Exists, effect: NoExecute}\n' : ''}      volumes:
      - name: logs
        emptyDir: {}
      - name: config
        configMap: {name: shop-config}
`;
}

describe('kubectl apply keeps a Deployment in line with its manifest', () => {
  it('creates it, configures it when the manifest changes, and leaves it unchanged on a re-apply', async () => {
    const v1 = e.file('shop-v1.yaml', shopDeployment(false));
    const v2 = e.file('shop-v2.yaml', shopDeployment(true));

    expect(await e.ok(['apply', '-f', v1])).toBe('deployment.apps/shop created\n');
    const created = await e.getJson(['-n', 'prod', 'deployment', 'shop']);
    expect(created.metadata.generation).toBe(1);
    expect(created.spec.template.spec.containers[0].livenessProbe.tcpSocket).toEqual({ port: 80 });

    expect(await e.ok(['apply', '-f', v2])).toBe('deployment.apps/shop configured\n');
    const configured = await e.getJson(['-n', 'prod', 'deployment', 'shop']);
    expect(configured.metadata.generation).toBe(2);
    expect(configured.metadata.uid).toBe(created.metadata.uid);

    expect(await e.ok(['apply', '-f', v2])).toBe('deployment.apps/shop unchanged\n');
    const unchanged = await e.getJson(['-n', 'prod', 'deployment', 'shop']);
    expect(unchanged.metadata.generation).toBe(2);
    expect(unchanged.metadata.resourceVersion).toBe(configured.metadata.resourceVersion);
  });

  it('stored the changed fields and removed what the manifest no longer has', async () => {
    const d = await e.getJson(['-n', 'prod', 'deployment', 'shop']);
    const pod = d.spec.template.spec;
    expect(d.spec.replicas).toBe(3);
    const app = pod.containers[0];
    expect(app.image).toBe('nginx:1.28');
    expect(app.env).toEqual([
      { name: 'MODE', value: 'staging' },
      { name: 'REGION', value: 'eu' },
    ]);
    expect(app.resources).toEqual({ requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } });
    expect(app.livenessProbe).toBeUndefined();
    expect(app.readinessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, periodSeconds: 5 });
    expect(app.volumeMounts).toEqual([
      { name: 'logs', mountPath: '/var/log/app' },
      { name: 'config', mountPath: '/etc/app' },
    ]);

    expect(pod.initContainers.map((c: any) => [c.name, c.image, c.restartPolicy])).toEqual([
      ['migrate', 'busybox:1.36', undefined],
      ['log-shipper', 'fluent/fluent-bit:3.1', 'Always'],
    ]);
    expect(pod.tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'shop', effect: 'NoSchedule' },
      { key: 'spot', operator: 'Exists', effect: 'NoExecute' },
    ]);
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]).toEqual({
      weight: 100,
      podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'shop' } } },
    });
    expect(pod.volumes).toEqual([
      { name: 'logs', emptyDir: {} },
      { name: 'config', configMap: { name: 'shop-config', defaultMode: 420 } },
    ]);
  });

  it('records the applied manifest in the last-applied annotation', async () => {
    const d = await e.getJson(['-n', 'prod', 'deployment', 'shop']);
    const lastApplied = JSON.parse(d.metadata.annotations[LAST_APPLIED]);
    expect(lastApplied).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'shop', namespace: 'prod' }, spec: { replicas: 3 } });
    expect(lastApplied.spec.template.spec.containers[0].livenessProbe).toBeUndefined();
    // kubectl reads it back the same way.
    const viewed = await e.ok(['-n', 'prod', 'apply', 'view-last-applied', 'deployment/shop', '-o', 'json']);
    expect(JSON.parse(viewed)).toEqual(lastApplied);
  });

  it('shows the deployment in -o wide with the new image', async () => {
    const out = await e.ok(['-n', 'prod', 'get', 'deploy', 'shop', '-o', 'wide', '--no-headers']);
    expect(out.trim().split(/\s+/)).toEqual(['shop', '0/3', '0', '0', expect.stringMatching(/^\d+s$/), 'app', 'nginx:1.28', 'app=shop']);
  });
});

describe('kubectl apply of a ConfigMap removes keys deleted from the manifest', () => {
  it('deletes the removed key (a strategic merge patch with null) and keeps the rest', async () => {
    const manifest = (data: Record<string, string>) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: prod\ndata:\n${Object.entries(data)
        .map(([k, v]) => `  ${k}: "${v}"\n`)
        .join('')}`;
    const first = e.file('settings-1.yaml', manifest({ color: 'blue', size: '10', legacy: 'true' }));
    const second = e.file('settings-2.yaml', manifest({ color: 'green', size: '10' }));
    expect(await e.ok(['apply', '-f', first])).toBe('configmap/settings created\n');
    expect(await e.ok(['apply', '-f', second])).toBe('configmap/settings configured\n');
    const cm = await e.getJson(['-n', 'prod', 'cm', 'settings']);
    expect(cm.data).toEqual({ color: 'green', size: '10' });
  });

  it('keeps keys added by someone else when they were never in the manifest', async () => {
    await e.ok(['-n', 'prod', 'patch', 'cm', 'settings', '--type', 'merge', '-p', '{"data":{"added-by-hand":"yes"}}']);
    const third = e.file('settings-3.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: prod\ndata:\n  color: red\n');
    await e.ok(['apply', '-f', third]);
    const cm = await e.getJson(['-n', 'prod', 'cm', 'settings']);
    expect(cm.data).toEqual({ color: 'red', 'added-by-hand': 'yes' });
  });
});

describe('kubectl apply of a multi-document file', () => {
  it('applies every document in order, a namespace before what lives in it', async () => {
    const f = e.file(
      'bundle.yaml',
      `apiVersion: v1
kind: Namespace
metadata:
  name: bundle
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: runner
  namespace: bundle
---
apiVersion: v1
kind: Secret
metadata:
  name: token
  namespace: bundle
data:
  token: YWJj
`,
    );
    expect(lines(await e.ok(['apply', '-f', f]))).toEqual(['namespace/bundle created', 'serviceaccount/runner created', 'secret/token created']);
    const secret = await e.getJson(['-n', 'bundle', 'secret', 'token']);
    expect(Buffer.from(secret.data.token, 'base64').toString()).toBe('abc');
    expect(lines(await e.ok(['apply', '-f', f]))).toEqual(['namespace/bundle unchanged', 'serviceaccount/runner unchanged', 'secret/token unchanged']);
  });

  it('turns a Secret\'s stringData into base64 data', async () => {
    const f = e.file('string-secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\n  namespace: bundle\nstringData:\n  password: hunter2\n');
    await e.ok(['apply', '-f', f]);
    const secret = await e.getJson(['-n', 'bundle', 'secret', 'plain']);
    expect(secret.data).toEqual({ password: Buffer.from('hunter2').toString('base64') });
    expect(secret.stringData).toBeUndefined();
  });

  it('warns when applying over an object made by kubectl create, then takes it over', async () => {
    await e.ok(['-n', 'prod', 'create', 'cm', 'handmade', '--from-literal=a=1']);
    const f = e.file('handmade.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: handmade\n  namespace: prod\ndata:\n  a: "2"\n');
    const r = await e.kubectl(['apply', '-f', f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('configmap/handmade configured\n');
    expect(r.stderr).toContain(`is missing the ${LAST_APPLIED} annotation`);
    const cm = await e.getJson(['-n', 'prod', 'cm', 'handmade']);
    expect(cm.data).toEqual({ a: '2' });
    expect(cm.metadata.annotations[LAST_APPLIED]).toBeDefined();
  });
});

describe('kubectl diff previews an apply without storing it', () => {
  it('prints the changed field and exits 1; the stored object stays as it was', async () => {
    const before = await e.getJson(['-n', 'prod', 'deployment', 'shop']);
    const changed = e.file('shop-v3.yaml', shopDeployment(true).replace('replicas: 3', 'replicas: 7'));
    const r = await e.kubectl(['diff', '-f', changed], { env: { KUBECTL_EXTERNAL_DIFF: 'diff -u' } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^-  replicas: 3$/m);
    expect(r.stdout).toMatch(/^\+  replicas: 7$/m);
    // The dry run bumps generation like a real write would (so the diff shows it), nothing else.
    expect(r.stdout).toMatch(/^\+  generation: 3$/m);
    const changedLines = lines(r.stdout).filter((l) => /^[-+] /.test(l));
    expect(changedLines).toHaveLength(4);

    const after = await e.getJson(['-n', 'prod', 'deployment', 'shop']);
    expect(after.spec.replicas).toBe(3);
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('prints nothing and exits 0 when the manifest matches', async () => {
    const same = e.file('shop-v2-again.yaml', shopDeployment(true));
    const r = await e.kubectl(['diff', '-f', same], { env: { KUBECTL_EXTERNAL_DIFF: 'diff -u' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('shows a whole new object for a manifest not yet created', async () => {
    const fresh = e.file('fresh.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fresh\n  namespace: prod\ndata:\n  k: v\n');
    const r = await e.kubectl(['diff', '-f', fresh], { env: { KUBECTL_EXTERNAL_DIFF: 'diff -u' } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^\+  k: v$/m);
    expect(r.stdout).toMatch(/^\+  name: fresh$/m);
    expect((await e.kubectl(['-n', 'prod', 'get', 'cm', 'fresh'])).code).toBe(1);
  });
});

describe('--dry-run=server returns the object the server would store, and stores nothing', () => {
  it('kubectl create deployment --dry-run=server -o yaml prints a defaulted object', async () => {
    const out = await e.ok(['-n', 'prod', 'create', 'deployment', 'preview', '--image=nginx:1.27', '--dry-run=server', '-o', 'json']);
    const d = JSON.parse(out);
    expect(d).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'preview', namespace: 'prod', generation: 1 } });
    expect(d.metadata.uid).toBeDefined();
    expect(d.spec).toMatchObject({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    });
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30 });
    expect(d.spec.template.spec.containers[0]).toMatchObject({ image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' });

    const yaml = await e.ok(['-n', 'prod', 'create', 'deployment', 'preview', '--image=nginx', '--dry-run=server', '-o', 'yaml']);
    expect(yaml).toContain('imagePullPolicy: Always');
    expect(yaml).toContain('progressDeadlineSeconds: 600');

    const r = await e.kubectl(['-n', 'prod', 'get', 'deployment', 'preview']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('deployments.apps "preview" not found');
  });

  it('kubectl apply --dry-run=server says so and changes nothing', async () => {
    const f = e.file('dry.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: prod\ndata:\n  color: black\n');
    expect(await e.ok(['apply', '-f', f, '--dry-run=server'])).toBe('configmap/settings configured (server dry run)\n');
    expect((await e.getJson(['-n', 'prod', 'cm', 'settings'])).data.color).toBe('red');
  });
});
