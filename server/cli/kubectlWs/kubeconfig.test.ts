import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContext, CURRENT_CONTEXT, enterWorkspace, Kubeconfig, PREVIOUS_CONTEXT, swapWorkspaces } from './kubeconfig.js';

const ADMIN = `# kplane admin kubeconfig (a comment that must survive)
apiVersion: v1
kind: Config
clusters:
  # the workspace we start in
  - name: root
    cluster:
      server: https://127.0.0.1:6443/clusters/root
      certificate-authority-data: Q0EK # base64 of "CA"
  - name: other
    cluster:
      server: https://other.example.com
      insecure-skip-tls-verify: true
users:
  - name: kplane-admin
    user:
      token: secret-token
  - name: someone-else
    user:
      client-certificate: certs/client.crt
      client-key: certs/client.key
contexts:
  - name: root
    context:
      cluster: root
      user: kplane-admin
  - name: other
    context:
      cluster: other
      user: someone-else
      namespace: ns1 # keep me
current-context: root
preferences: {}
`;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubectl-ws-kc-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text, { mode: 0o600 });
  return p;
}

function parsed(p: string): any {
  return YAML.parse(fs.readFileSync(p, 'utf8'));
}

function entry(doc: any, section: string, name: string): any {
  return doc[section].find((e: any) => e.name === name)?.[section.slice(0, -1)];
}

describe('kubeconfig editing', () => {
  it('enters a workspace: creates the current and previous pairs, keeps comments and other entries', () => {
    const file = write('config', ADMIN);
    const kc = Kubeconfig.load({ explicitPath: file });
    enterWorkspace(kc, 'https://127.0.0.1:6443/clusters/root:org');
    expect(kc.save()).toEqual([file]);

    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('# kplane admin kubeconfig (a comment that must survive)');
    expect(text).toContain('# the workspace we start in');
    expect(text).toContain('# base64 of "CA"');
    expect(text).toContain('namespace: ns1 # keep me');
    const doc = parsed(file);
    expect(doc['current-context']).toBe(CURRENT_CONTEXT);
    expect(entry(doc, 'clusters', CURRENT_CONTEXT)).toEqual({ server: 'https://127.0.0.1:6443/clusters/root:org', 'certificate-authority-data': 'Q0EK' });
    expect(entry(doc, 'contexts', CURRENT_CONTEXT)).toEqual({ cluster: CURRENT_CONTEXT, user: 'kplane-admin' });
    // the context we left, as it was
    expect(entry(doc, 'contexts', PREVIOUS_CONTEXT)).toEqual({ cluster: 'root', user: 'kplane-admin' });
    expect(entry(doc, 'clusters', PREVIOUS_CONTEXT)).toBeUndefined();
    // untouched
    expect(entry(doc, 'clusters', 'root')).toEqual({ server: 'https://127.0.0.1:6443/clusters/root', 'certificate-authority-data': 'Q0EK' });
    expect(entry(doc, 'contexts', 'other')).toEqual({ cluster: 'other', user: 'someone-else', namespace: 'ns1' });
    expect(doc.users.map((u: any) => u.name)).toEqual(['kplane-admin', 'someone-else']);
    expect(entry(doc, 'users', 'someone-else')).toEqual({ 'client-certificate': 'certs/client.crt', 'client-key': 'certs/client.key' });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('moves the current pair to previous on the next switch, and swaps them with "-"', () => {
    const file = write('config', ADMIN);
    let kc = Kubeconfig.load({ explicitPath: file });
    enterWorkspace(kc, 'https://127.0.0.1:6443/clusters/root:org');
    kc.save();
    kc = Kubeconfig.load({ explicitPath: file });
    enterWorkspace(kc, 'https://127.0.0.1:6443/clusters/root:org:team');
    kc.save();
    let doc = parsed(file);
    expect(entry(doc, 'clusters', CURRENT_CONTEXT).server).toBe('https://127.0.0.1:6443/clusters/root:org:team');
    expect(entry(doc, 'clusters', PREVIOUS_CONTEXT).server).toBe('https://127.0.0.1:6443/clusters/root:org');
    expect(entry(doc, 'contexts', PREVIOUS_CONTEXT)).toEqual({ cluster: PREVIOUS_CONTEXT, user: 'kplane-admin' });

    kc = Kubeconfig.load({ explicitPath: file });
    expect(swapWorkspaces(kc)).toBe('https://127.0.0.1:6443/clusters/root:org');
    kc.save();
    doc = parsed(file);
    expect(doc['current-context']).toBe(CURRENT_CONTEXT);
    expect(entry(doc, 'clusters', CURRENT_CONTEXT).server).toBe('https://127.0.0.1:6443/clusters/root:org');
    expect(entry(doc, 'clusters', PREVIOUS_CONTEXT).server).toBe('https://127.0.0.1:6443/clusters/root:org:team');
    // and back
    kc = Kubeconfig.load({ explicitPath: file });
    expect(swapWorkspaces(kc)).toBe('https://127.0.0.1:6443/clusters/root:org:team');
    kc.save();
    expect(fs.readFileSync(file, 'utf8')).toContain('# the workspace we start in');
  });

  it('swaps back to a context that is not a workspace pair', () => {
    const file = write('config', ADMIN);
    const kc = Kubeconfig.load({ explicitPath: file });
    enterWorkspace(kc, 'https://127.0.0.1:6443/clusters/root:org');
    // previous is the "root" context (cluster "root"); "-" makes that the current pair
    expect(swapWorkspaces(kc)).toBe('https://127.0.0.1:6443/clusters/root');
    kc.save();
    const doc = parsed(file);
    expect(entry(doc, 'contexts', CURRENT_CONTEXT)).toEqual({ cluster: 'root', user: 'kplane-admin' });
    expect(entry(doc, 'contexts', PREVIOUS_CONTEXT)).toEqual({ cluster: PREVIOUS_CONTEXT, user: 'kplane-admin' });
    expect(entry(doc, 'clusters', PREVIOUS_CONTEXT).server).toBe('https://127.0.0.1:6443/clusters/root:org');
  });

  it('fails "-" without a previous workspace', () => {
    const kc = Kubeconfig.fromTexts([{ path: '/k/config', text: ADMIN }], true);
    expect(() => swapWorkspaces(kc)).toThrow('no previous workspace found in kubeconfig');
  });

  it('starts from --context instead of current-context', () => {
    const kc = Kubeconfig.fromTexts([{ path: '/k/config', text: ADMIN }], true);
    enterWorkspace(kc, 'https://other.example.com/clusters/root:x', 'other');
    expect(kc.context(CURRENT_CONTEXT)?.entry).toEqual({ cluster: CURRENT_CONTEXT, user: 'someone-else', namespace: 'ns1' });
    // insecure setting and file paths (made absolute, then written relative to the file again) kept
    expect(kc.cluster(CURRENT_CONTEXT)?.entry).toEqual({ server: 'https://other.example.com/clusters/root:x', 'insecure-skip-tls-verify': true });
    expect(kc.context(PREVIOUS_CONTEXT)?.entry.cluster).toBe('other');
  });

  it('with several KUBECONFIG files edits the one holding the current context', () => {
    const first = write('first', `# first file\napiVersion: v1\nkind: Config\nclusters:\n- name: a\n  cluster:\n    server: https://a.example.com\ncontexts:\n- name: a\n  context:\n    cluster: a\n    user: a\nusers:\n- name: a\n  user:\n    token: a\n`);
    const second = write('second', ADMIN);
    const missing = path.join(dir, 'missing');
    const kc = Kubeconfig.load({ envValue: [missing, first, second].join(path.delimiter) });
    expect(kc.currentContext).toBe('root');
    enterWorkspace(kc, 'https://127.0.0.1:6443/clusters/root:org');
    expect(kc.save()).toEqual([second]);
    expect(fs.existsSync(missing)).toBe(false);
    expect(fs.readFileSync(first, 'utf8')).toContain('# first file');
    expect(parsed(first).clusters.map((c: any) => c.name)).toEqual(['a']);
    const doc = parsed(second);
    expect(doc['current-context']).toBe(CURRENT_CONTEXT);
    expect(entry(doc, 'clusters', CURRENT_CONTEXT).server).toBe('https://127.0.0.1:6443/clusters/root:org');
    expect(fs.readFileSync(second, 'utf8')).toContain('# the workspace we start in');
  });

  it('with several files, the first definition wins and current-context stays in the file that sets it', () => {
    const a = write('a', `apiVersion: v1\nkind: Config\ncurrent-context: root\nclusters:\n- name: root\n  cluster:\n    server: https://first.example.com/clusters/root\n`);
    const b = write('b', ADMIN);
    const kc = Kubeconfig.load({ envValue: `${a}${path.delimiter}${b}` });
    expect(kc.cluster('root')?.entry.server).toBe('https://first.example.com/clusters/root');
    expect(kc.cluster('root')?.file.path).toBe(a);
    enterWorkspace(kc, 'https://first.example.com/clusters/root:x');
    kc.save();
    // current-context is written where it was set (a); the new context goes beside the current context (b);
    // the new cluster beside the cluster it was copied from (a).
    expect(parsed(a)['current-context']).toBe(CURRENT_CONTEXT);
    expect(parsed(b)['current-context']).toBe('root');
    expect(entry(parsed(a), 'clusters', CURRENT_CONTEXT).server).toBe('https://first.example.com/clusters/root:x');
    expect(entry(parsed(b), 'contexts', CURRENT_CONTEXT)).toEqual({ cluster: CURRENT_CONTEXT, user: 'kplane-admin' });
    // read back merged
    const again = Kubeconfig.load({ envValue: `${a}${path.delimiter}${b}` });
    expect(again.currentContext).toBe(CURRENT_CONTEXT);
    expect(again.cluster(again.context(CURRENT_CONTEXT)!.entry.cluster!)?.entry.server).toBe('https://first.example.com/clusters/root:x');
  });

  it('updates a pair where it is already defined', () => {
    const a = write('a', ADMIN);
    const kc1 = Kubeconfig.load({ explicitPath: a });
    enterWorkspace(kc1, 'https://127.0.0.1:6443/clusters/root:one');
    kc1.save();
    const before = fs.readFileSync(a, 'utf8').split('\n').length;
    const kc2 = Kubeconfig.load({ explicitPath: a });
    enterWorkspace(kc2, 'https://127.0.0.1:6443/clusters/root:two');
    kc2.save();
    const doc = parsed(a);
    expect(doc.clusters.filter((c: any) => c.name === CURRENT_CONTEXT)).toHaveLength(1);
    expect(doc.contexts.filter((c: any) => c.name === CURRENT_CONTEXT)).toHaveLength(1);
    // one more cluster (previous) and nothing else grew
    expect(fs.readFileSync(a, 'utf8').split('\n').length).toBeGreaterThan(before);
    expect(doc.clusters.map((c: any) => c.name)).toEqual(['root', 'other', CURRENT_CONTEXT, PREVIOUS_CONTEXT]);
  });

  it('keeps relative certificate paths working when the pair is written to the same file', () => {
    const file = write('config', ADMIN);
    const kc = Kubeconfig.load({ explicitPath: file });
    expect(kc.user('someone-else')?.entry['client-certificate']).toBe(path.join(dir, 'certs/client.crt'));
    enterWorkspace(kc, 'https://other.example.com/clusters/root', 'other');
    kc.save();
    // the user is referenced, not copied
    expect(entry(parsed(file), 'contexts', CURRENT_CONTEXT).user).toBe('someone-else');
  });

  it('reports the missing current context the way kcp does', () => {
    const kc = Kubeconfig.fromTexts([{ path: '/k', text: ADMIN.replace('current-context: root', 'current-context: gone') }], true);
    expect(() => enterWorkspace(kc, 'https://h/clusters/root')).toThrow('current "gone" context not found');
  });

  it('creates a context for the current workspace', () => {
    const file = write('config', ADMIN);
    let kc = Kubeconfig.load({ explicitPath: file });
    expect(() => createContext(kc, {})).toThrow('context "root" already exists in kubeconfig, use --overwrite to update it');
    expect(createContext(kc, { overwrite: true })).toEqual({ name: 'root', existedBefore: true, switched: false });
    kc = Kubeconfig.load({ explicitPath: file });
    enterWorkspace(kc, 'https://127.0.0.1:6443/clusters/root:org');
    kc.save();
    kc = Kubeconfig.load({ explicitPath: file });
    expect(() => createContext(kc, { name: 'root' })).toThrow('context "root" already exists in kubeconfig, use --overwrite to update it');
    expect(createContext(kc, {})).toEqual({ name: 'root:org', existedBefore: false, switched: true });
    kc.save();
    let doc = parsed(file);
    expect(doc['current-context']).toBe('root:org');
    expect(entry(doc, 'clusters', 'root:org')).toEqual({ server: 'https://127.0.0.1:6443/clusters/root:org', 'certificate-authority-data': 'Q0EK' });
    expect(entry(doc, 'contexts', 'root:org')).toEqual({ cluster: 'root:org', user: 'kplane-admin' });

    kc = Kubeconfig.load({ explicitPath: file });
    expect(createContext(kc, { name: 'mine', server: 'https://127.0.0.1:6443/clusters/root:org:new', keepCurrent: true })).toEqual({ name: 'mine', existedBefore: false, switched: false });
    kc.save();
    doc = parsed(file);
    expect(doc['current-context']).toBe('root:org');
    expect(entry(doc, 'clusters', 'mine').server).toBe('https://127.0.0.1:6443/clusters/root:org:new');
    expect(fs.readFileSync(file, 'utf8')).toContain('# kplane admin kubeconfig');
  });

  it('creates the default file when none exists yet', () => {
    const home = path.join(dir, 'home');
    const kc = Kubeconfig.load({ envValue: '', homeDir: home });
    expect(kc.empty).toBe(true);
    expect(() => enterWorkspace(kc, 'https://h/clusters/root')).toThrow(/no configuration/);
  });
});
