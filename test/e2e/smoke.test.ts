import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TestServer } from '../support/server.js';
import { kubectlFor } from '../support/kubectl.js';

describe('kubectl 1.33 against a fresh server', () => {
  let server: TestServer;
  let kubectl: ReturnType<typeof kubectlFor>;
  beforeAll(async () => {
    server = await startTestServer();
    kubectl = kubectlFor(server.kubeconfigPath, fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-kubectl-')));
  });
  afterAll(async () => server?.stop());

  it('lists the namespaces every workspace starts with', async () => {
    const r = await kubectl(['get', 'ns', '-o', 'name']);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(['namespace/default', 'namespace/kube-system']);
  });
});
