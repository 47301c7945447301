// The admin kubeconfig kplane writes at start: contexts like kcp's (.kcp/admin.kubeconfig), the
// current one pointing at the root workspace.

import fs from 'node:fs';
import YAML from 'yaml';

export interface KubeconfigInput {
  /** Base URL of the server, e.g. https://127.0.0.1:6443 */
  baseURL: string;
  caPem: string;
  token: string;
  /** Workspace path of the current context. */
  workspace?: string;
}

export function adminKubeconfig(i: KubeconfigInput): string {
  const ca = Buffer.from(i.caPem).toString('base64');
  const ws = i.workspace ?? 'root';
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: 'root', cluster: { server: `${i.baseURL}/clusters/${ws}`, 'certificate-authority-data': ca } },
      { name: 'base', cluster: { server: i.baseURL, 'certificate-authority-data': ca } },
    ],
    users: [{ name: 'kplane-admin', user: { token: i.token } }],
    contexts: [
      { name: 'root', context: { cluster: 'root', user: 'kplane-admin' } },
      { name: 'base', context: { cluster: 'base', user: 'kplane-admin' } },
    ],
    'current-context': 'root',
    preferences: {},
  };
  return YAML.stringify(doc);
}

export function writeKubeconfig(file: string, text: string): void {
  fs.writeFileSync(file, text, { mode: 0o600 });
}
