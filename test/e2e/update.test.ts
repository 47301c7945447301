// Changing live objects in place: kubectl label, annotate, patch (all three patch types), edit,
// set image and replace, with the server's answers when a change cannot be made.

import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E, rows, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
  await e.ok(['create', 'ns', 'work']);
  await Promise.all([
    e.ok(['-n', 'work', 'create', 'cm', 'app-config', '--from-literal=color=blue', '--from-literal=size=10']),
    e.ok(['-n', 'work', 'create', 'deployment', 'api', '--image=nginx:1.27', '--replicas=2']),
  ]);
});
afterAll(async () => e?.stop());

const labelsOf = async (kind: string, name: string) => (await e.getJson(['-n', 'work', kind, name])).metadata.labels ?? {};

describe('kubectl label and annotate', () => {
  it('adds a label, and shows it in --show-labels and -l selections', async () => {
    expect(await e.ok(['-n', 'work', 'label', 'cm', 'app-config', 'tier=web'])).toBe('configmap/app-config labeled\n');
    expect(await labelsOf('cm', 'app-config')).toEqual({ tier: 'web' });
    expect(rows(await e.ok(['-n', 'work', 'get', 'cm', '-l', 'tier=web', '--show-labels']))).toEqual([
      { NAME: 'app-config', DATA: '2', AGE: expect.any(String), LABELS: 'tier=web' },
    ]);
  });

  it('refuses to change an existing label without --overwrite, and changes it with it', async () => {
    const stderr = await e.fails(['-n', 'work', 'label', 'cm', 'app-config', 'tier=db']);
    expect(stderr).toContain("'tier' already has a value (web), and --overwrite is false");
    expect(await labelsOf('cm', 'app-config')).toEqual({ tier: 'web' });

    expect(await e.ok(['-n', 'work', 'label', 'cm', 'app-config', 'tier=db', '--overwrite'])).toBe('configmap/app-config labeled\n');
    expect(await labelsOf('cm', 'app-config')).toEqual({ tier: 'db' });
  });

  it('removes a label with key-', async () => {
    await e.ok(['-n', 'work', 'label', 'cm', 'app-config', 'keep=yes']);
    expect(await e.ok(['-n', 'work', 'label', 'cm', 'app-config', 'tier-'])).toBe('configmap/app-config unlabeled\n');
    expect(await labelsOf('cm', 'app-config')).toEqual({ keep: 'yes' });
  });

  it('labels several objects at once', async () => {
    const out = await e.ok(['-n', 'work', 'label', 'cm,deploy', '--all', 'team=payments']);
    expect(out).toContain('configmap/app-config labeled');
    expect(out).toContain('deployment.apps/api labeled');
    expect(await labelsOf('deploy', 'api')).toEqual({ app: 'api', team: 'payments' });
  });

  it('annotates, overwrites and removes an annotation', async () => {
    expect(await e.ok(['-n', 'work', 'annotate', 'deploy', 'api', 'owner=team-a', 'docs=https://example.com/api'])).toBe('deployment.apps/api annotated\n');
    let d = await e.getJson(['-n', 'work', 'deploy', 'api']);
    // Besides the user's annotations, every object carries its logical cluster (kcp.io/cluster).
    expect(d.metadata.annotations).toEqual({ owner: 'team-a', docs: 'https://example.com/api', 'kcp.io/cluster': 'root' });
    // Metadata changes do not bump the generation.
    expect(d.metadata.generation).toBe(1);

    await e.fails(['-n', 'work', 'annotate', 'deploy', 'api', 'owner=team-b']);
    await e.ok(['-n', 'work', 'annotate', 'deploy', 'api', 'owner=team-b', '--overwrite']);
    await e.ok(['-n', 'work', 'annotate', 'deploy', 'api', 'docs-']);
    d = await e.getJson(['-n', 'work', 'deploy', 'api']);
    expect(d.metadata.annotations).toEqual({ owner: 'team-b', 'kcp.io/cluster': 'root' });
  });
});

describe('kubectl patch with each patch type', () => {
  it('a strategic merge patch (the default) merges containers by name', async () => {
    const out = await e.ok(['-n', 'work', 'patch', 'deploy', 'api', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}']);
    expect(out).toBe('deployment.apps/api patched\n');
    const d = await e.getJson(['-n', 'work', 'deploy', 'api']);
    // Merged into the existing container, not a replacement list: the defaults are still there.
    expect(d.spec.template.spec.containers).toHaveLength(1);
    expect(d.spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.28', imagePullPolicy: 'IfNotPresent' });
    expect(d.metadata.generation).toBe(2);
  });

  it('a strategic merge patch adds a second container, and $patch: delete removes it', async () => {
    await e.ok(['-n', 'work', 'patch', 'deploy', 'api', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox"}]}}}}']);
    let d = await e.getJson(['-n', 'work', 'deploy', 'api']);
    expect(d.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['sidecar', 'nginx']);
    await e.ok(['-n', 'work', 'patch', 'deploy', 'api', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}']);
    d = await e.getJson(['-n', 'work', 'deploy', 'api']);
    expect(d.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['nginx']);
  });

  it('--type merge sets fields and deletes with null', async () => {
    expect(await e.ok(['-n', 'work', 'patch', 'deploy', 'api', '--type', 'merge', '-p', '{"spec":{"replicas":5}}'])).toBe('deployment.apps/api patched\n');
    expect((await e.getJson(['-n', 'work', 'deploy', 'api'])).spec.replicas).toBe(5);
    await e.ok(['-n', 'work', 'patch', 'cm', 'app-config', '--type', 'merge', '-p', '{"data":{"size":null,"shape":"round"}}']);
    expect((await e.getJson(['-n', 'work', 'cm', 'app-config'])).data).toEqual({ color: 'blue', shape: 'round' });
  });

  it('--type json applies RFC 6902 operations in order', async () => {
    const ops = [
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/spec/template/spec/containers/0/env', value: [{ name: 'MODE', value: 'json' }] },
      { op: 'add', path: '/metadata/labels/patched', value: 'json' },
    ];
    expect(await e.ok(['-n', 'work', 'patch', 'deploy', 'api', '--type', 'json', '-p', JSON.stringify(ops)])).toBe('deployment.apps/api patched\n');
    const d = await e.getJson(['-n', 'work', 'deploy', 'api']);
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.template.spec.containers[0].env).toEqual([{ name: 'MODE', value: 'json' }]);
    expect(d.metadata.labels.patched).toBe('json');
  });

  it('a json patch whose test operation fails is refused, and nothing of it is applied', async () => {
    const before = await e.getJson(['-n', 'work', 'deploy', 'api']);
    const ops = [
      { op: 'replace', path: '/spec/replicas', value: 9 },
      { op: 'test', path: '/spec/minReadySeconds', value: 42 },
    ];
    const stderr = await e.fails(['-n', 'work', 'patch', 'deploy', 'api', '--type', 'json', '-p', JSON.stringify(ops)]);
    expect(stderr).toContain('The request is invalid');
    const after = await e.getJson(['-n', 'work', 'deploy', 'api']);
    expect(after.spec.replicas).toBe(3);
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('a patch that changes nothing leaves the object as it was', async () => {
    const before = await e.getJson(['-n', 'work', 'deploy', 'api']);
    expect(await e.ok(['-n', 'work', 'patch', 'deploy', 'api', '--type', 'merge', '-p', '{"spec":{"replicas":3}}'])).toBe('deployment.apps/api patched (no change)\n');
    const after = await e.getJson(['-n', 'work', 'deploy', 'api']);
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('a patch of an object that does not exist says so', async () => {
    const stderr = await e.fails(['-n', 'work', 'patch', 'cm', 'missing', '--type', 'merge', '-p', '{"data":{"a":"b"}}']);
    expect(stderr).toContain('Error from server (NotFound): configmaps "missing" not found');
  });
});

describe('kubectl set image, edit and replace', () => {
  it('kubectl set image changes one container image and bumps the generation', async () => {
    const before = await e.getJson(['-n', 'work', 'deploy', 'api']);
    expect(await e.ok(['-n', 'work', 'set', 'image', 'deployment/api', 'nginx=nginx:1.29'])).toBe('deployment.apps/api image updated\n');
    const after = await e.getJson(['-n', 'work', 'deploy', 'api']);
    expect(after.spec.template.spec.containers[0].image).toBe('nginx:1.29');
    expect(after.metadata.generation).toBe(before.metadata.generation + 1);
  });

  it('kubectl rollout restart stamps the pod template', async () => {
    expect(await e.ok(['-n', 'work', 'rollout', 'restart', 'deployment/api'])).toBe('deployment.apps/api restarted\n');
    const d = await e.getJson(['-n', 'work', 'deploy', 'api']);
    expect(d.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('kubectl edit saves what the editor wrote', async () => {
    // The "editor" is a script that rewrites one value in the file kubectl hands it.
    const editor = e.file(
      'editor.mjs',
      `#!${process.execPath}\nimport fs from 'node:fs';\nconst f = process.argv[2];\nfs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('color: blue', 'color: purple'));\n`,
    );
    fs.chmodSync(editor, 0o755);
    expect(await e.ok(['-n', 'work', 'edit', 'cm', 'app-config'], { env: { KUBE_EDITOR: editor } })).toBe('configmap/app-config edited\n');
    expect((await e.getJson(['-n', 'work', 'cm', 'app-config'])).data.color).toBe('purple');
  });

  it('kubectl replace -f stores the whole object', async () => {
    const current = await e.getJson(['-n', 'work', 'cm', 'app-config']);
    current.data = { replaced: 'yes' };
    const f = e.file('replace.json', JSON.stringify(current));
    expect(await e.ok(['replace', '-f', f])).toBe('configmap/app-config replaced\n');
    expect((await e.getJson(['-n', 'work', 'cm', 'app-config'])).data).toEqual({ replaced: 'yes' });
  });

  it('kubectl replace -f with a stale resourceVersion is a Conflict, and the newer write survives', async () => {
    const stale = await e.getJson(['-n', 'work', 'cm', 'app-config']);
    await e.ok(['-n', 'work', 'label', 'cm', 'app-config', 'changed=meanwhile']);
    stale.data = { lost: 'update' };
    const f = e.file('stale.json', JSON.stringify(stale));
    const stderr = await e.fails(['replace', '-f', f]);
    expect(stderr).toContain(
      'Error from server (Conflict): error when replacing "' +
        f +
        '": Operation cannot be fulfilled on configmaps "app-config": the object has been modified; please apply your changes to the latest version and try again',
    );
    const now = await e.getJson(['-n', 'work', 'cm', 'app-config']);
    expect(now.data).toEqual({ replaced: 'yes' });
    expect(now.metadata.labels.changed).toBe('meanwhile');
  });
});
