// Errors as a kubectl user reads them: the server's Status (reason, message, causes) must come
// out of kubectl exactly as against a real cluster, with a non-zero exit and nothing stored.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
  await e.ok(['create', 'ns', 'app']);
});
afterAll(async () => e?.stop());

const SUBDOMAIN_RULE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('NotFound', () => {
  it('getting a missing object', async () => {
    const r = await e.kubectl(['-n', 'app', 'get', 'configmap', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
  });

  it('getting a missing object of a grouped kind names the group', async () => {
    const stderr = await e.fails(['-n', 'app', 'get', 'deployment', 'nope']);
    expect(stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });

  it('a missing object among existing ones: the found ones print, the missing one errors', async () => {
    await e.ok(['-n', 'app', 'create', 'cm', 'here']);
    const r = await e.kubectl(['-n', 'app', 'get', 'cm', 'here', 'gone', '-o', 'name']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('configmap/here\n');
    expect(r.stderr).toBe('Error from server (NotFound): configmaps "gone" not found\n');
  });
});

describe('AlreadyExists', () => {
  it('kubectl create of a name that is taken', async () => {
    await e.ok(['-n', 'app', 'create', 'cm', 'taken', '--from-literal=a=1']);
    const stderr = await e.fails(['-n', 'app', 'create', 'cm', 'taken', '--from-literal=a=2']);
    expect(stderr).toBe('error: failed to create configmap: configmaps "taken" already exists\n');
    expect((await e.getJson(['-n', 'app', 'cm', 'taken'])).data).toEqual({ a: '1' });
  });

  it('kubectl create -f of a manifest that was already created', async () => {
    const f = e.file('dupe.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dupe\n  namespace: app\n');
    await e.ok(['create', '-f', f]);
    const stderr = await e.fails(['create', '-f', f]);
    expect(stderr).toBe(`Error from server (AlreadyExists): error when creating "${f}": configmaps "dupe" already exists\n`);
  });
});

describe('Invalid', () => {
  it('a config map name with capitals and an underscore breaks RFC 1123', async () => {
    const stderr = await e.fails(['-n', 'app', 'create', 'cm', 'Bad_Name']);
    expect(stderr).toBe(`error: failed to create configmap: ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN_RULE}\n`);
  });

  it('a namespace name must be an RFC 1123 label', async () => {
    const stderr = await e.fails(['create', 'ns', 'Bad.NS']);
    expect(stderr).toContain('The Namespace "Bad.NS" is invalid: metadata.name: Invalid value: "Bad.NS": a lowercase RFC 1123 label must consist of');
  });

  it('a deployment with a bad name (sent as protobuf) is refused the same way', async () => {
    const stderr = await e.fails(['-n', 'app', 'create', 'deployment', 'Web', '--image=nginx']);
    expect(stderr).toBe(`error: failed to create deployment: Deployment.apps "Web" is invalid: metadata.name: Invalid value: "Web": ${SUBDOMAIN_RULE}\n`);
  });

  it('a manifest without a name', async () => {
    const f = e.file('noname.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: app\n');
    const stderr = await e.fails(['create', '-f', f]);
    expect(stderr).toBe('The ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required\n');
  });

  it('a label key that is not a qualified name', async () => {
    const f = e.file('badlabel.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: badlabel\n  namespace: app\n  labels:\n    "-bad": x\n');
    const stderr = await e.fails(['create', '-f', f]);
    expect(stderr).toContain('The ConfigMap "badlabel" is invalid: metadata.labels: Invalid value: "-bad": name part must consist of alphanumeric characters');
    expect((await e.kubectl(['-n', 'app', 'get', 'cm', 'badlabel'])).code).toBe(1);
  });
});

describe('a namespace that does not exist', () => {
  it('kubectl create into it', async () => {
    const stderr = await e.fails(['-n', 'nowhere', 'create', 'cm', 'x']);
    expect(stderr).toBe('error: failed to create configmap: namespaces "nowhere" not found\n');
  });

  it('kubectl apply into it', async () => {
    const f = e.file('nowhere.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: nowhere\n');
    const stderr = await e.fails(['apply', '-f', f]);
    expect(stderr).toBe(`Error from server (NotFound): error when creating "${f}": namespaces "nowhere" not found\n`);
  });

  it('kubectl get of a named object in it reports the namespace', async () => {
    expect(await e.fails(['-n', 'nowhere', 'get', 'cm', 'x'])).toBe('Error from server (NotFound): namespaces "nowhere" not found\n');
  });

  it('listing in it is simply empty', async () => {
    const r = await e.kubectl(['-n', 'nowhere', 'get', 'cm']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('No resources found in nowhere namespace.\n');
  });
});

describe('an unknown resource type', () => {
  it('kubectl get foos', async () => {
    const r = await e.kubectl(['get', 'foos']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: the server doesn\'t have a resource type "foos"\n');
  });

  it('a manifest of a kind at a version the server does not serve (validation off)', async () => {
    const f = e.file('v2.yaml', 'apiVersion: apps/v2\nkind: Deployment\nmetadata:\n  name: x\n  namespace: app\n');
    const stderr = await e.fails(['apply', '-f', f, '--validate=false']);
    expect(stderr).toContain('no matches for kind "Deployment" in version "apps/v2"');
  });
});

describe('strict field validation (kubectl apply/create default to --validate=strict)', () => {
  const manifest = (name: string, extra: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: app
spec:
${extra}  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: c
        image: nginx
`;

  it('an unknown field in a new object is a BadRequest, and nothing is created', async () => {
    const f = e.file('strict.yaml', manifest('strict', '  foo: bar\n'));
    const stderr = await e.fails(['apply', '-f', f]);
    expect(stderr).toBe(
      `Error from server (BadRequest): error when creating "${f}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"\n`,
    );
    expect(await e.fails(['-n', 'app', 'get', 'deploy', 'strict'])).toContain('deployments.apps "strict" not found');
  });

  it('unknown fields at several depths are all named', async () => {
    const f = e.file('strict-deep.yaml', manifest('deep', '  foo: bar\n').replace('      - name: c\n', '      - name: c\n        imagePolicy: x\n'));
    const stderr = await e.fails(['create', '-f', f]);
    expect(stderr).toContain('strict decoding error: unknown field "spec.foo", unknown field "spec.template.spec.containers[0].imagePolicy"');
  });

  it('an unknown field in an update is refused, and the object stays as it was', async () => {
    const good = e.file('strict-ok.yaml', manifest('updated', ''));
    await e.ok(['apply', '-f', good]);
    const before = await e.getJson(['-n', 'app', 'deploy', 'updated']);
    const bad = e.file('strict-update.yaml', manifest('updated', '  replicas: 4\n  foo: bar\n'));
    const stderr = await e.fails(['apply', '-f', bad]);
    expect(stderr).toContain('error when patching');
    expect(stderr).toContain('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"');
    const after = await e.getJson(['-n', 'app', 'deploy', 'updated']);
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(after.spec.replicas).toBe(1);
  });

  it('--validate=warn creates the object, drops the field and prints a warning', async () => {
    const f = e.file('warn.yaml', manifest('warned', '  foo: bar\n'));
    const r = await e.kubectl(['apply', '-f', f, '--validate=warn']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('deployment.apps/warned created\n');
    expect(r.stderr).toBe('Warning: unknown field "spec.foo"\n');
    expect((await e.getJson(['-n', 'app', 'deploy', 'warned'])).spec.foo).toBeUndefined();
  });

  it('--validate=false creates the object silently without the field', async () => {
    const f = e.file('ignore.yaml', manifest('ignored', '  foo: bar\n'));
    const r = await e.kubectl(['create', '-f', f, '--validate=false']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect((await e.getJson(['-n', 'app', 'deploy', 'ignored'])).spec.foo).toBeUndefined();
  });

  it('a value of the wrong type is a decoding error', async () => {
    const f = e.file('wrongtype.yaml', manifest('wrongtype', '  replicas: three\n'));
    const stderr = await e.fails(['create', '-f', f]);
    expect(stderr).toContain(`Error from server (BadRequest): error when creating "${f}": Deployment in version "v1" cannot be handled as a Deployment:`);
    expect(stderr).toContain('cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  });
});
