// kubectl delete: objects go away (and kubectl's --wait sees them go), `--all` empties a
// namespace of one kind, and deleting a namespace removes everything in it before the namespace
// itself, refusing new content while it terminates.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E, eventually, lines, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => e?.stop());

const notFound = async (args: string[]) => {
  const r = await e.kubectl(['get', ...args]);
  return r.code !== 0 && r.stderr.includes('NotFound');
};

describe('kubectl delete removes objects', () => {
  beforeAll(async () => {
    await e.ok(['create', 'ns', 'scratch']);
    await Promise.all([
      ...['one', 'two', 'three'].map((n) => e.ok(['-n', 'scratch', 'create', 'cm', n, '--from-literal=k=v'])),
      e.ok(['-n', 'scratch', 'create', 'deployment', 'web', '--image=nginx']),
      e.ok(['-n', 'scratch', 'create', 'secret', 'generic', 'kept', '--from-literal=k=v']),
    ]);
  });

  it('deletes a config map by name', async () => {
    expect(await e.ok(['-n', 'scratch', 'delete', 'cm', 'one'])).toBe('configmap "one" deleted\n');
    const r = await e.kubectl(['-n', 'scratch', 'get', 'cm', 'one']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (NotFound): configmaps "one" not found\n');
  });

  it('deletes a deployment', async () => {
    expect(await e.ok(['-n', 'scratch', 'delete', 'deployment', 'web'])).toBe('deployment.apps "web" deleted\n');
    expect(await notFound(['-n', 'scratch', 'deployment', 'web'])).toBe(true);
  });

  it('deleting something that is not there fails with NotFound, or succeeds with --ignore-not-found', async () => {
    const stderr = await e.fails(['-n', 'scratch', 'delete', 'cm', 'one']);
    expect(stderr).toBe('Error from server (NotFound): configmaps "one" not found\n');
    expect(await e.ok(['-n', 'scratch', 'delete', 'cm', 'one', '--ignore-not-found'])).toBe('');
  });

  it('--dry-run=server reports the delete and keeps the object', async () => {
    expect(await e.ok(['-n', 'scratch', 'delete', 'cm', 'two', '--dry-run=server'])).toBe('configmap "two" deleted (server dry run)\n');
    expect(await e.ok(['-n', 'scratch', 'get', 'cm', 'two', '-o', 'name'])).toBe('configmap/two\n');
  });

  it('delete cm --all removes every config map in the namespace and nothing else', async () => {
    const out = lines(await e.ok(['-n', 'scratch', 'delete', 'cm', '--all']));
    expect(out.sort()).toEqual(['configmap "three" deleted', 'configmap "two" deleted']);
    const r = await e.kubectl(['-n', 'scratch', 'get', 'cm']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('No resources found in scratch namespace.\n');
    expect(await e.ok(['-n', 'scratch', 'get', 'secret', 'kept', '-o', 'name'])).toBe('secret/kept\n');
  });

  it('delete -l removes only the selected objects', async () => {
    await Promise.all([
      e.ok(['-n', 'scratch', 'create', 'cm', 'blue']),
      e.ok(['-n', 'scratch', 'create', 'cm', 'green']),
    ]);
    await e.ok(['-n', 'scratch', 'label', 'cm', 'blue', 'color=blue']);
    expect(await e.ok(['-n', 'scratch', 'delete', 'cm', '-l', 'color=blue'])).toBe('configmap "blue" deleted\n');
    expect(await e.ok(['-n', 'scratch', 'get', 'cm', '-o', 'name'])).toBe('configmap/green\n');
  });

  it('delete -f removes what a manifest describes', async () => {
    const f = e.file('doomed.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: doomed\n  namespace: scratch\n');
    await e.ok(['create', '-f', f]);
    expect(await e.ok(['delete', '-f', f])).toBe('configmap "doomed" deleted\n');
    expect(await notFound(['-n', 'scratch', 'cm', 'doomed'])).toBe(true);
  });
});

describe('kubectl delete namespace removes its content, then the namespace', () => {
  it('empties the namespace and removes it; kubectl waits until it is gone', async () => {
    await e.ok(['create', 'ns', 'team-a']);
    await Promise.all([
      ...['a', 'b', 'c'].map((n) => e.ok(['-n', 'team-a', 'create', 'cm', n, '--from-literal=k=v'])),
      e.ok(['-n', 'team-a', 'create', 'deployment', 'app', '--image=nginx']),
      e.ok(['-n', 'team-a', 'create', 'sa', 'bot']),
    ]);
    expect(await e.ok(['delete', 'ns', 'team-a'])).toBe('namespace "team-a" deleted\n');
    await eventually(() => notFound(['ns', 'team-a']), 'namespace team-a to be gone');

    // Its content went with it, seen from an all-namespaces list too.
    expect(await e.ok(['get', 'cm,deploy,sa', '-A', '--no-headers', '-o', 'custom-columns=NS:.metadata.namespace'])).not.toContain('team-a');
    const r = await e.kubectl(['-n', 'team-a', 'get', 'cm']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('No resources found in team-a namespace.\n');

    // The name can be used again, for a new, empty namespace.
    await e.ok(['create', 'ns', 'team-a']);
    expect((await e.kubectl(['-n', 'team-a', 'get', 'cm', '-o', 'name'])).stdout).toBe('');
  });

  it('while held by a finalizer, the namespace shows Terminating and refuses new content', async () => {
    await e.ok(['create', 'ns', 'held']);
    await e.ok(['-n', 'held', 'create', 'cm', 'free', '--from-literal=k=v']);
    await e.ok(['-n', 'held', 'create', 'cm', 'stuck', '--from-literal=k=v']);
    // A finalizer that nothing will remove keeps "stuck" (and so the namespace) around.
    await e.ok(['-n', 'held', 'patch', 'cm', 'stuck', '--type', 'merge', '-p', '{"metadata":{"finalizers":["example.com/hold"]}}']);

    expect(await e.ok(['delete', 'ns', 'held', '--wait=false'])).toBe('namespace "held" deleted\n');
    await eventually(() => notFound(['-n', 'held', 'cm', 'free']), 'the unheld config map to be deleted');
    const ns = await e.getJson(['ns', 'held']);
    expect(ns.status.phase).toBe('Terminating');
    expect(ns.metadata.deletionTimestamp).toBeDefined();
    expect((await e.ok(['get', 'ns', 'held', '--no-headers'])).split(/\s+/)[1]).toBe('Terminating');

    const stuck = await e.getJson(['-n', 'held', 'cm', 'stuck']);
    expect(stuck.metadata.deletionTimestamp).toBeDefined();
    expect(stuck.metadata.finalizers).toEqual(['example.com/hold']);

    const stderr = await e.fails(['-n', 'held', 'create', 'cm', 'late', '--from-literal=k=v']);
    expect(stderr).toContain('configmaps "late" is forbidden: unable to create new content in namespace held because it is being terminated');

    // Releasing the finalizer lets the namespace finish.
    await e.ok(['-n', 'held', 'patch', 'cm', 'stuck', '--type', 'json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
    await eventually(() => notFound(['ns', 'held']), 'namespace held to be gone');
    expect(await notFound(['-n', 'held', 'cm', 'stuck'])).toBe(true);
  });
});
