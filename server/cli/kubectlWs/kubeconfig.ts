// Kubeconfig loading, editing and saving for kubectl-ws, following kubectl's rules:
// - --kubeconfig names the only file; else KUBECONFIG lists files (":"-separated, missing ones
//   skipped); else ~/.kube/config.
// - Merging: the first file that defines a cluster, context or user (or current-context) wins.
// - Writing: an entry is written back to the file that defines it; a new entry goes to the file
//   that holds the current context (the entry it was copied from); current-context goes to the
//   first file that sets one.
// Files are edited through the yaml Document API, so comments and the order of untouched entries
// survive.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML, { Document, isMap, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import { parseClusterURL } from './paths.js';

export const CURRENT_CONTEXT = 'workspace.kcp.io/current';
export const PREVIOUS_CONTEXT = 'workspace.kcp.io/previous';

/** A kubeconfig cluster entry (the "cluster:" map). */
export interface ClusterEntry {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  [k: string]: unknown;
}

/** A kubeconfig context entry (the "context:" map). */
export interface ContextEntry {
  cluster?: string;
  user?: string;
  namespace?: string;
  [k: string]: unknown;
}

/** A kubeconfig user entry (the "user:" map). */
export interface UserEntry {
  token?: string;
  'token-file'?: string;
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  username?: string;
  password?: string;
  exec?: unknown;
  'auth-provider'?: unknown;
  [k: string]: unknown;
}

type Section = 'clusters' | 'contexts' | 'users';
const FIELD: Record<Section, string> = { clusters: 'cluster', contexts: 'context', users: 'user' };
/** Fields holding file names, resolved against the kubeconfig file's directory. */
const FILE_FIELDS: Record<Section, string[]> = {
  clusters: ['certificate-authority'],
  contexts: [],
  users: ['client-certificate', 'client-key', 'token-file'],
};

export interface KubeconfigFile {
  path: string;
  /** Undefined while the file does not exist (it is created on save if something is written to it). */
  doc: Document | undefined;
  dirty: boolean;
}

export interface Found<T> {
  name: string;
  /** The entry with file names made absolute. */
  entry: T;
  /** The file that defines it. */
  file: KubeconfigFile;
}

export interface LoadOptions {
  /** --kubeconfig */
  explicitPath?: string;
  /** The KUBECONFIG variable (default process.env.KUBECONFIG). */
  envValue?: string;
  /** Home directory (default os.homedir()). */
  homeDir?: string;
}

function parseFile(file: string): Document {
  const text = fs.readFileSync(file, 'utf8');
  const doc = YAML.parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) throw new Error(`error loading config file "${file}": ${doc.errors[0].message}`);
  if (doc.contents !== null && !isMap(doc.contents)) throw new Error(`error loading config file "${file}": not a kubeconfig (a YAML map is expected)`);
  return doc;
}

export class Kubeconfig {
  readonly files: KubeconfigFile[];
  /** The file named by --kubeconfig, if any. */
  readonly explicit: boolean;

  private constructor(files: KubeconfigFile[], explicit: boolean) {
    this.files = files;
    this.explicit = explicit;
  }

  static load(opts: LoadOptions = {}): Kubeconfig {
    if (opts.explicitPath) {
      const p = path.resolve(opts.explicitPath);
      if (!fs.existsSync(p)) throw new Error(`stat ${opts.explicitPath}: no such file or directory`);
      return new Kubeconfig([{ path: p, doc: parseFile(p), dirty: false }], true);
    }
    const env = opts.envValue ?? process.env.KUBECONFIG ?? '';
    let paths = env
      .split(path.delimiter)
      .filter((p) => p !== '')
      .map((p) => path.resolve(p));
    paths = paths.filter((p, i) => paths.indexOf(p) === i);
    if (paths.length === 0) paths = [path.join(opts.homeDir ?? os.homedir(), '.kube', 'config')];
    return new Kubeconfig(
      paths.map((p) => ({ path: p, doc: fs.existsSync(p) ? parseFile(p) : undefined, dirty: false })),
      false,
    );
  }

  /** Builds a Kubeconfig from texts, for tests: each file's path and content (undefined: missing). */
  static fromTexts(files: { path: string; text: string | undefined }[], explicit = false): Kubeconfig {
    return new Kubeconfig(
      files.map((f) => {
        let doc: Document | undefined;
        if (f.text !== undefined) {
          doc = YAML.parseDocument(f.text);
          if (doc.errors.length > 0) throw new Error(`error loading config file "${f.path}": ${doc.errors[0].message}`);
        }
        return { path: f.path, doc, dirty: false };
      }),
      explicit,
    );
  }

  /** True when no file exists (kubectl: "no configuration has been provided"). */
  get empty(): boolean {
    return this.files.every((f) => f.doc === undefined);
  }

  /** The merged current-context: the first non-empty one. */
  get currentContext(): string {
    for (const f of this.files) {
      const c = f.doc?.get('current-context');
      if (typeof c === 'string' && c !== '') return c;
    }
    return '';
  }

  context(name: string): Found<ContextEntry> | undefined {
    return this.find<ContextEntry>('contexts', name);
  }

  cluster(name: string): Found<ClusterEntry> | undefined {
    return this.find<ClusterEntry>('clusters', name);
  }

  user(name: string): Found<UserEntry> | undefined {
    return this.find<UserEntry>('users', name);
  }

  /** The names of every entry of a section, merged. */
  names(section: Section): string[] {
    const out = new Set<string>();
    for (const f of this.files) for (const item of items(f.doc, section)) {
      const n = item.get('name');
      if (typeof n === 'string') out.add(n);
    }
    return [...out];
  }

  private find<T>(section: Section, name: string): Found<T> | undefined {
    for (const f of this.files) {
      const item = items(f.doc, section).find((i) => i.get('name') === name);
      if (!item) continue;
      const node = item.get(FIELD[section], true);
      const raw = node && isMap(node) ? (node.toJSON() as Record<string, unknown>) : {};
      const entry = { ...raw };
      for (const k of FILE_FIELDS[section]) {
        const v = entry[k];
        if (typeof v === 'string' && v !== '' && !path.isAbsolute(v)) entry[k] = path.resolve(path.dirname(f.path), v);
      }
      return { name, entry: entry as T, file: f };
    }
    return undefined;
  }

  /**
   * Sets a cluster entry. It is written where the name is defined already, else into `preferred`
   * (the file of the entry it was made from), else into the default file.
   */
  setCluster(name: string, entry: ClusterEntry, preferred?: KubeconfigFile): KubeconfigFile {
    return this.set('clusters', name, entry, preferred);
  }

  setContext(name: string, entry: ContextEntry, preferred?: KubeconfigFile): KubeconfigFile {
    return this.set('contexts', name, entry, preferred);
  }

  /** Sets current-context in the first file that sets one (else the default file). */
  setCurrentContext(name: string): KubeconfigFile {
    let target = this.files.find((f) => {
      const c = f.doc?.get('current-context');
      return typeof c === 'string' && c !== '';
    });
    target ??= this.defaultFile();
    const doc = ensureDoc(target);
    if (doc.get('current-context') !== name) {
      doc.set('current-context', name);
      target.dirty = true;
    }
    return target;
  }

  /**
   * Where kubectl writes what has no file yet: the --kubeconfig file; the only KUBECONFIG file;
   * the first KUBECONFIG file that exists, else the last one.
   */
  defaultFile(): KubeconfigFile {
    if (this.files.length === 1) return this.files[0];
    return this.files.find((f) => f.doc !== undefined) ?? this.files[this.files.length - 1];
  }

  private set(section: Section, name: string, entry: Record<string, unknown>, preferred?: KubeconfigFile): KubeconfigFile {
    const existing = this.files.find((f) => items(f.doc, section).some((i) => i.get('name') === name));
    const target = existing ?? preferred ?? this.defaultFile();
    const doc = ensureDoc(target);
    const value = relativize(section, entry, target.path);
    let seq = doc.get(section, true);
    if (!isSeq(seq)) {
      seq = doc.createNode([]) as YAMLSeq;
      doc.set(section, seq);
    }
    const list = seq as YAMLSeq;
    const item = list.items.find((i): i is YAMLMap => isMap(i) && i.get('name') === name);
    if (item) {
      const before = item.get(FIELD[section], true);
      const same = before && isMap(before) && JSON.stringify(before.toJSON()) === JSON.stringify(value);
      if (!same) {
        item.set(FIELD[section], doc.createNode(value));
        target.dirty = true;
      }
    } else {
      list.items.push(doc.createNode({ name, [FIELD[section]]: value }));
      target.dirty = true;
    }
    return target;
  }

  /** Writes the files that changed; returns their paths. */
  save(): string[] {
    const written: string[] = [];
    for (const f of this.files) {
      if (!f.dirty || !f.doc) continue;
      const text = f.doc.toString({ lineWidth: 0 });
      const exists = fs.existsSync(f.path);
      if (!exists) fs.mkdirSync(path.dirname(f.path), { recursive: true });
      // Write a sibling and rename it over the file: a crash never leaves half a kubeconfig.
      // The original's mode is kept; new files are private (kubeconfigs hold credentials).
      const mode = exists ? fs.statSync(f.path).mode & 0o777 : 0o600;
      // kubectl's lock: <file>.lock, created exclusively while the file is written.
      const lock = `${f.path}.lock`;
      try {
        fs.writeFileSync(lock, '', { flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`cannot write ${f.path}: ${lock} exists (another kubectl is writing it; remove the lock if it is stale)`);
        throw e;
      }
      const tmp = `${f.path}.kubectl-ws-${process.pid}.tmp`;
      try {
        fs.writeFileSync(tmp, text, { mode });
        fs.chmodSync(tmp, mode);
        fs.renameSync(tmp, f.path);
      } catch {
        fs.rmSync(tmp, { force: true });
        // Renaming fails across some mounts (a bind-mounted file): write in place instead.
        fs.writeFileSync(f.path, text, { mode });
      } finally {
        fs.rmSync(lock, { force: true });
      }
      f.dirty = false;
      written.push(f.path);
    }
    return written;
  }

  /** Each file's text as it would be saved (for tests). */
  texts(): Record<string, string | undefined> {
    return Object.fromEntries(this.files.map((f) => [f.path, f.doc?.toString({ lineWidth: 0 })]));
  }
}

function items(doc: Document | undefined, section: Section): YAMLMap[] {
  const seq = doc?.get(section, true);
  if (!isSeq(seq)) return [];
  return seq.items.filter((i): i is YAMLMap => isMap(i));
}

function ensureDoc(f: KubeconfigFile): Document {
  if (!f.doc) {
    f.doc = new Document({ apiVersion: 'v1', kind: 'Config', clusters: [], contexts: [], users: [], 'current-context': '', preferences: {} });
    f.dirty = true;
  }
  if (f.doc.contents === null) {
    f.doc.contents = f.doc.createNode({ apiVersion: 'v1', kind: 'Config' }) as YAMLMap;
  }
  return f.doc;
}

/** File names in an entry, written relative to the destination's directory when they lie below it. */
function relativize(section: Section, entry: Record<string, unknown>, dest: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry)) {
    if (v === undefined) continue;
    if (FILE_FIELDS[section].includes(k) && typeof v === 'string' && path.isAbsolute(v)) {
      const rel = path.relative(path.dirname(dest), v);
      out[k] = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : v;
    } else out[k] = v;
  }
  return out;
}

/** The effective current context: --context, else current-context. */
export function currentContextName(kc: Kubeconfig, override?: string): string {
  const name = override || kc.currentContext;
  if (!name) throw new Error(kc.empty ? 'no configuration has been provided, try setting KUBERNETES_MASTER environment variable' : 'current-context is not set in kubeconfig');
  return name;
}

export interface CurrentState {
  contextName: string;
  context: Found<ContextEntry>;
  cluster: Found<ClusterEntry>;
}

/** The current context and its cluster, or a kcp-worded error. */
export function currentState(kc: Kubeconfig, contextOverride?: string): CurrentState {
  const contextName = currentContextName(kc, contextOverride);
  const context = kc.context(contextName);
  if (!context) throw new Error(`current "${contextName}" context not found`);
  const clusterName = context.entry.cluster ?? '';
  const cluster = kc.cluster(clusterName);
  if (!cluster) throw new Error(`cluster "${clusterName}" not found in kubeconfig`);
  return { contextName, context, cluster };
}

/**
 * Points the kubeconfig at a workspace, as kcp's plugin does: the cluster+context pair
 * workspace.kcp.io/current gets the current cluster's settings with server = `server` and the
 * current context's user; the context we leave becomes workspace.kcp.io/previous (its cluster
 * copied to workspace.kcp.io/previous when it was workspace.kcp.io/current itself); the current
 * context becomes workspace.kcp.io/current.
 */
export function enterWorkspace(kc: Kubeconfig, server: string, contextOverride?: string): void {
  const cur = currentState(kc, contextOverride);
  const home = cur.context.file;
  kc.setCluster(CURRENT_CONTEXT, { ...cur.cluster.entry, server }, cur.cluster.file);
  kc.setContext(CURRENT_CONTEXT, { ...cur.context.entry, cluster: CURRENT_CONTEXT }, home);
  let previous = cur.context.entry;
  if (previous.cluster === CURRENT_CONTEXT) {
    previous = { ...previous, cluster: PREVIOUS_CONTEXT };
    kc.setCluster(PREVIOUS_CONTEXT, cur.cluster.entry, cur.cluster.file);
  }
  kc.setContext(PREVIOUS_CONTEXT, previous, home);
  kc.setCurrentContext(CURRENT_CONTEXT);
}

/**
 * `kubectl ws -`: swaps workspace.kcp.io/current and workspace.kcp.io/previous (contexts, and the
 * clusters they own) and makes workspace.kcp.io/current current. Returns the new server URL.
 */
export function swapWorkspaces(kc: Kubeconfig, contextOverride?: string): string {
  const cur = currentState(kc, contextOverride);
  const prev = kc.context(PREVIOUS_CONTEXT);
  if (!prev) throw new Error('no previous workspace found in kubeconfig');
  const home = cur.context.file;
  let newPrevious = cur.context.entry;
  let newCurrent = prev.entry;
  // Read both clusters before writing either.
  const curCluster = cur.cluster;
  const prevCluster = kc.cluster(prev.entry.cluster ?? '');
  if (newPrevious.cluster === CURRENT_CONTEXT) {
    newPrevious = { ...newPrevious, cluster: PREVIOUS_CONTEXT };
  }
  if (newCurrent.cluster === PREVIOUS_CONTEXT) {
    if (!prevCluster) throw new Error(`cluster "${prev.entry.cluster}" not found in kubeconfig`);
    newCurrent = { ...newCurrent, cluster: CURRENT_CONTEXT };
  }
  if (cur.context.entry.cluster === CURRENT_CONTEXT) kc.setCluster(PREVIOUS_CONTEXT, curCluster.entry, curCluster.file);
  if (prev.entry.cluster === PREVIOUS_CONTEXT) kc.setCluster(CURRENT_CONTEXT, prevCluster!.entry, prevCluster!.file);
  kc.setContext(CURRENT_CONTEXT, newCurrent, prev.file);
  kc.setContext(PREVIOUS_CONTEXT, newPrevious, home);
  kc.setCurrentContext(CURRENT_CONTEXT);
  const server = kc.cluster(newCurrent.cluster ?? '')?.entry.server;
  if (!server) throw new Error(`cluster "${newCurrent.cluster}" not found in kubeconfig`);
  return server;
}

export interface CreateContextResult {
  name: string;
  existedBefore: boolean;
  switched: boolean;
}

/**
 * `kubectl ws create-context [name]`: a cluster and a context named `name` (default: the current
 * workspace path) copied from the current ones, with server = `server` when given. Switches to it
 * unless `keepCurrent`.
 */
export function createContext(kc: Kubeconfig, opts: { name?: string; overwrite?: boolean; server?: string; keepCurrent?: boolean; contextOverride?: string }): CreateContextResult {
  const cur = currentState(kc, opts.contextOverride);
  const server = cur.cluster.entry.server ?? '';
  const parsed = parseClusterURL(server);
  if (!parsed) throw new Error(`current URL "${server}" does not point to a workspace`);
  const name = opts.name || (opts.server ? (parseClusterURL(opts.server)?.path ?? parsed.path) : parsed.path);
  const existedBefore = kc.context(name) !== undefined;
  if (existedBefore && !opts.overwrite) throw new Error(`context "${name}" already exists in kubeconfig, use --overwrite to update it`);
  const wasCurrent = kc.currentContext === name;
  kc.setCluster(name, { ...cur.cluster.entry, server: opts.server ?? server }, cur.cluster.file);
  kc.setContext(name, { ...cur.context.entry, cluster: name }, cur.context.file);
  if (!opts.keepCurrent) kc.setCurrentContext(name);
  return { name, existedBefore, switched: !opts.keepCurrent && !wasCurrent };
}
