import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { adminKubeconfig } from '../../server/kubeconfig.js';
import { hubKubeconfigPath, parseKubeconfig, serverOrigin, upstreamKubeconfig } from './kubeconfig.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('hub kubeconfig', () => {
  it('reads kplane\'s admin kubeconfig: server, CA and token of the current context', () => {
    const text = adminKubeconfig({ baseURL: 'https://127.0.0.1:6443', caPem: CA, token: 'tok' });
    expect(parseKubeconfig(text, '/x/admin.kubeconfig')).toMatchObject({ server: 'https://127.0.0.1:6443/clusters/root', caPem: CA, token: 'tok' });
    expect(parseKubeconfig(text, '/x/admin.kubeconfig', 'base').server).toBe('https://127.0.0.1:6443');
    expect(() => parseKubeconfig(text, '/x/k', 'nope')).toThrow(/no context named "nope"/);
  });

  it('reads files relative to the kubeconfig', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-kc-'));
    try {
      fs.writeFileSync(path.join(dir, 'ca.crt'), CA);
      fs.writeFileSync(path.join(dir, 'token'), 'from-file\n');
      const text = YAML.stringify({
        clusters: [{ name: 'c', cluster: { server: 'https://hub:6443', 'certificate-authority': 'ca.crt' } }],
        users: [{ name: 'u', user: { tokenFile: 'token' } }],
        contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'x',
      });
      expect(parseKubeconfig(text, path.join(dir, 'config'))).toMatchObject({ server: 'https://hub:6443', caPem: CA, token: 'from-file' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is found from the flag, then $KUBECONFIG, then .kplane/admin.kubeconfig', () => {
    expect(hubKubeconfigPath('a', { KUBECONFIG: 'b' })).toBe('a');
    expect(hubKubeconfigPath(undefined, { KUBECONFIG: `b${path.delimiter}c` })).toBe('b');
    expect(hubKubeconfigPath(undefined, {})).toBe(path.join('.kplane', 'admin.kubeconfig'));
  });

  it('gives the server origin without the workspace path', () => {
    expect(serverOrigin('https://127.0.0.1:6443/clusters/root')).toBe('https://127.0.0.1:6443');
    expect(serverOrigin('https://hub.example.com/')).toBe('https://hub.example.com');
    expect(serverOrigin('https://proxy/kplane/clusters/root:a')).toBe('https://proxy/kplane');
    expect(() => serverOrigin('http://hub:6443')).toThrow(/https/);
  });
});

describe('upstream kubeconfig', () => {
  it('points at the compute workspace with the CA and token, named after the target', () => {
    const doc = YAML.parse(upstreamKubeconfig({ server: 'https://hub:6443', workspace: 'root:compute', target: 'edge-1', caPem: CA, token: 't' }));
    expect(doc['current-context']).toBe('edge-1');
    expect(doc.contexts).toEqual([{ name: 'edge-1', context: { cluster: 'edge-1', user: 'edge-1' } }]);
    expect(doc.clusters[0].cluster).toEqual({ server: 'https://hub:6443/clusters/root:compute', 'certificate-authority-data': Buffer.from(CA).toString('base64') });
    expect(doc.users).toEqual([{ name: 'edge-1', user: { token: 't' } }]);
  });
});
