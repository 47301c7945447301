// The kubectl-ws commands: use (and its targets), current, tree, create, create-context. Output
// follows kcp's plugin: results on stdout, notes on stderr.

import type { ConnectionFlags, ParsedArgs } from './args.js';
import { HELP } from './args.js';
import { ApiClient, ApiError, apiError, clientFor, resolveConnection, Workspace } from './client.js';
import { createContext, enterWorkspace, Kubeconfig, swapWorkspaces } from './kubeconfig.js';
import { baseName, baseOf, clusterURL, joinPath, normalizeTarget, parentPath, parseClusterURL, resolveTarget, ROOT_PATH, typeString } from './paths.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface Deps {
  io: Io;
  kubeconfig: Kubeconfig;
  connection: ConnectionFlags;
  verbosity?: number;
  /** The user's home directory (to undo the shell's "~" expansion). */
  homeDir?: string;
  /** Builds the API client (tests inject one); default: from the kubeconfig and flags. */
  client?: (server: string) => ApiClient;
  /** How long `create` waits for Ready (default 1 minute) and how often it looks (default 500 ms). */
  readyTimeoutMs?: number;
  pollIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

type TypeRef = { name?: string; path?: string };

class Session {
  private api?: ApiClient;
  constructor(readonly d: Deps) {}

  get io(): Io {
    return this.d.io;
  }

  get kc(): Kubeconfig {
    return this.d.kubeconfig;
  }

  /** The server URL kubectl would talk to now (current context, after --server and friends). */
  server(): string {
    return resolveConnection(this.kc, this.d.connection).server;
  }

  client(): ApiClient {
    if (!this.api) {
      if (this.d.client) this.api = this.d.client(this.server());
      else {
        const conn = resolveConnection(this.kc, this.d.connection);
        this.api = clientFor(conn, { verbosity: this.d.verbosity, timeoutMs: this.d.connection.requestTimeoutMs, log: (l) => this.io.err(`${l}\n`) });
      }
    }
    return this.api;
  }

  async close(): Promise<void> {
    await this.api?.close();
  }

  save(): void {
    const written = this.kc.save();
    if ((this.d.verbosity ?? 0) >= 4) for (const f of written) this.io.err(`wrote ${f}\n`);
  }

  printCurrent(host: string, short: boolean, type?: TypeRef): void {
    const parsed = parseClusterURL(host);
    if (!parsed) {
      if (!short) this.io.out(`Current workspace is the URL "${host}".\n`);
      return;
    }
    if (short) {
      this.io.out(`${parsed.path}\n`);
      return;
    }
    const t = typeString(type);
    this.io.out(`Current workspace is '${parsed.path}'${t ? ` (type ${t})` : ''}.\n`);
  }

  /** The current workspace path, or an error naming the URL that is not a workspace URL. */
  currentPath(): string {
    const server = this.server();
    const parsed = parseClusterURL(server);
    if (!parsed) throw new Error(`current URL "${server}" does not point to a workspace`);
    return parsed.path;
  }

  /** The caller's home workspace path, from the server's synthetic "~" Workspace. */
  async homePath(): Promise<string> {
    const ws = await this.client().home();
    const url = ws.spec?.URL ?? '';
    const parsed = parseClusterURL(url);
    if (!parsed) throw new Error(`invalid home workspace URL "${url}"`);
    return parsed.path;
  }

  /**
   * Checks, before switching, that the caller may use the workspace (its discovery answers) and
   * that it exists (its Workspace object in the parent); returns its type when the parent tells.
   */
  async check(path: string): Promise<TypeRef | undefined> {
    const api = this.client();
    const discovery = await api.call('GET', `${api.clusterURL(path)}/api`);
    if (discovery.status >= 300 && discovery.status !== 403 && discovery.status !== 404) throw apiError(discovery.status, discovery.body, `${api.clusterURL(path)}/api`);
    const denied = discovery.status === 403;
    const absent = discovery.status === 404;
    let type: TypeRef | undefined;
    let notFound = false;
    let phase: string | undefined;
    const parent = parentPath(path);
    if (path === ROOT_PATH) type = { name: 'root' };
    else if (parent !== undefined) {
      // A 403 in the parent does not stop us: access is decided inside the workspace.
      const r = await api.call('GET', api.workspacesURL(parent, baseName(path)));
      if (r.status === 404) notFound = true;
      else if (r.status < 300 && r.body && typeof r.body === 'object') {
        const ws = r.body as Workspace;
        type = ws.spec?.type;
        phase = ws.status?.phase;
      }
    }
    if ((denied || absent) && notFound) throw new Error(`workspace "${path}" not found`);
    if (denied) throw new Error(`access to workspace "${path}" denied`);
    if (absent) throw new Error(phase && phase !== 'Ready' ? `workspace "${path}" is not ready (phase ${phase})` : `workspace "${path}" not found`);
    return type;
  }

  /** Points the kubeconfig at `path` and prints the new current workspace. */
  async enter(path: string, short: boolean): Promise<void> {
    const type = await this.check(path);
    const server = clusterURL(baseOf(this.server()), path);
    enterWorkspace(this.kc, server, this.d.connection.context);
    this.save();
    this.printCurrent(server, short, type);
  }

  async use(name: string | undefined, short: boolean): Promise<void> {
    const { target, notes } = normalizeTarget(name ?? '', this.d.homeDir);
    if (!short) for (const n of notes) this.io.err(`${n}\n`);
    switch (target.kind) {
      case 'current':
        this.printCurrent(this.server(), short);
        return;
      case 'previous': {
        const server = swapWorkspaces(this.kc, this.d.connection.context);
        this.save();
        this.printCurrent(server, short);
        return;
      }
      case 'home': {
        const home = await this.homePath();
        await this.enter(resolveTarget(target, undefined, home), short);
        break;
      }
      case 'absolute':
        await this.enter(resolveTarget(target, undefined), short);
        break;
      case 'relative': {
        const current = this.currentPath();
        await this.enter(resolveTarget(target, current), short);
        break;
      }
    }
    if ((name === undefined || name === '') && !short) {
      this.io.err("Note: 'kubectl ws' now matches 'cd' semantics: go to home workspace. 'kubectl ws -' to go back. 'kubectl ws .' to print current workspace.\n");
    }
  }

  async tree(full: boolean): Promise<void> {
    const server = this.server();
    let current = parseClusterURL(server)?.path;
    if (current === undefined) {
      this.io.err(`Warning: current context URL "${server}" does not point to a workspace. Showing tree from root.\n`);
      current = ROOT_PATH;
    }
    const api = this.client();
    const root: TreeNode = { label: full ? current : baseName(current), path: current, children: [] };
    // Level by level: every workspace of one depth is listed (in parallel) before the next depth.
    let level: TreeNode[] = [root];
    while (level.length > 0) {
      await Promise.all(
        level.map(async (node) => {
          const r = await api.call('GET', api.workspacesURL(node.path));
          // A workspace without the tenancy API (404) or that we may not list (403) is a leaf.
          if (r.status === 404 || r.status === 403) return;
          if (r.status >= 300) throw apiError(r.status, r.body, api.workspacesURL(node.path));
          const items: Workspace[] = Array.isArray(r.body?.items) ? r.body.items : [];
          items.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
          for (const ws of items) {
            if (ws.metadata.deletionTimestamp) continue;
            const childPath = parseClusterURL(ws.spec?.URL ?? '')?.path ?? joinPath(node.path, ws.metadata.name);
            const label = full ? joinPath(node.label, ws.metadata.name) : ws.metadata.name;
            node.children.push({ label: ws.spec?.mount ? `${label} [mount]` : label, path: childPath, children: [], leaf: !!ws.spec?.mount });
          }
        }),
      );
      level = level.flatMap((n) => n.children.filter((c) => !c.leaf));
    }
    this.io.out(renderTree(root));
  }

  async create(name: string, f: ParsedArgs['flags']): Promise<void> {
    const current = this.currentPath();
    let wanted: TypeRef | undefined;
    if (f.type) {
      const i = f.type.lastIndexOf(':');
      wanted = i < 0 ? { name: f.type.toLowerCase() } : { name: f.type.slice(i + 1).toLowerCase(), path: f.type.slice(0, i) };
    }
    const api = this.client();
    const body: Workspace = { apiVersion: 'tenancy.kcp.io/v1alpha1', kind: 'Workspace', metadata: { name }, spec: wanted ? { type: wanted } : {} };
    let preExisting = false;
    let ws: Workspace;
    try {
      ws = await api.createWorkspace(current, body);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 409 && f.ignoreExisting)) throw e;
      preExisting = true;
      ws = await api.getWorkspace(current, name);
    }
    const t = typeString(ws.spec?.type);
    const ref = `Workspace "${name}"${t ? ` (type ${t})` : ''}`;
    const timeout = this.d.readyTimeoutMs ?? 60_000;
    const ready = () => ws.status?.phase === 'Ready';
    if (preExisting) {
      const have = ws.spec?.type;
      if (wanted && have?.name && (have.name !== wanted.name || (wanted.path !== undefined && (have.path ?? '') !== wanted.path))) {
        throw new Error(`workspace "${name}" cannot be created with type ${typeString(wanted)}, it already exists with different type ${typeString(have)}`);
      }
      this.io.out(!ready() && timeout > 0 ? `${ref} already exists. Waiting for it to be ready...\n` : `${ref} already exists.\n`);
    } else if (!ready() && timeout > 0) {
      this.io.out(`${ref} created. Waiting for it to be ready...\n`);
    } else if (!ready()) {
      throw new Error(`${ref} created but is not ready to use`);
    }
    if (!ready()) {
      const sleep = this.d.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
      const interval = this.d.pollIntervalMs ?? 500;
      const deadline = Date.now() + timeout;
      for (;;) {
        await sleep(interval);
        const r = await api.call('GET', api.workspacesURL(current, name));
        // Just created: the object may not be visible yet (404), so keep what we have.
        if (r.status === 404) {
          /* look again */
        } else if (r.status >= 300) throw apiError(r.status, r.body, api.workspacesURL(current, name));
        else ws = r.body as Workspace;
        if (ready()) break;
        if (Date.now() >= deadline) throw new Error(`timed out waiting for workspace "${name}" to be ready (phase ${ws.status?.phase ?? 'unknown'})`);
      }
    }
    this.io.out(`${ref} is ready to use.\n`);

    if (f.createContext) {
      const res = createContext(this.kc, { name: f.createContext, server: ws.spec?.URL || clusterURL(baseOf(this.server()), joinPath(current, name)), overwrite: f.ignoreExisting, keepCurrent: !f.enter, contextOverride: this.d.connection.context });
      this.save();
      this.printContextResult(res, !f.enter);
      return;
    }
    if (f.enter) await this.enter(joinPath(current, name), false);
  }

  createContext(name: string | undefined, overwrite: boolean): void {
    const res = createContext(this.kc, { name, overwrite, contextOverride: this.d.connection.context });
    this.save();
    this.printContextResult(res, false);
  }

  private printContextResult(res: { name: string; existedBefore: boolean; switched: boolean }, keepCurrent: boolean): void {
    const verb = res.existedBefore ? 'Updated' : 'Created';
    this.io.out(keepCurrent || !res.switched ? `${verb} context "${res.name}".\n` : `${verb} context "${res.name}" and switched to it.\n`);
  }
}

export interface TreeNode {
  label: string;
  path: string;
  children: TreeNode[];
  leaf?: boolean;
}

/** A tree drawn like kcp's (treeprint): "." on top, then the workspace and its descendants. */
export function renderTree(root: TreeNode): string {
  const lines = ['.'];
  const walk = (node: TreeNode, prefix: string, last: boolean): void => {
    lines.push(`${prefix}${last ? '└── ' : '├── '}${node.label}`);
    const inner = prefix + (last ? '    ' : '│   ');
    node.children.forEach((c, i) => walk(c, inner, i === node.children.length - 1));
  };
  walk(root, '', true);
  return `${lines.join('\n')}\n`;
}

/** Runs a parsed command. Throws on failure (main prints "Error: ..." and exits 1). */
export async function runCommand(p: ParsedArgs, deps: Deps): Promise<void> {
  if (p.command === 'help') {
    deps.io.out(p.helpFor && p.helpFor !== 'help' ? HELP[p.helpFor] : HELP.root);
    return;
  }
  const s = new Session(deps);
  try {
    switch (p.command) {
      case 'use':
        await s.use(p.args[0], p.flags.short);
        return;
      case 'current':
        s.printCurrent(s.server(), p.flags.short);
        return;
      case 'tree':
        await s.tree(p.flags.full);
        return;
      case 'create':
        await s.create(p.args[0], p.flags);
        return;
      case 'create-context':
        s.createContext(p.args[0], p.flags.overwrite);
        return;
    }
  } finally {
    await s.close();
  }
}
