// Workspace paths as `kubectl ws` understands them: "root:org:team", read back from a server URL
// (".../clusters/root:org:team"), and the targets a user types: relative ("a:b"), absolute
// (":root:a"), "..", "..:..", "-" (previous), "." (current), ":" (root), "~" and "~:sub" (home).

export const ROOT_PATH = 'root';

/** One segment of a path: a workspace name, a logical cluster id, or a home segment ("user", a username). */
const SEGMENT = /^[A-Za-z0-9]([A-Za-z0-9._@-]*[A-Za-z0-9])?$/;

/** True for an absolute workspace path without dots: "root", "root:a:b", "user:alice", a cluster id. */
export function isValidPath(path: string): boolean {
  return path !== '' && path.split(':').every((s) => SEGMENT.test(s));
}

/** The parent of a path, or undefined for a path of one segment. */
export function parentPath(path: string): string | undefined {
  const i = path.lastIndexOf(':');
  return i < 0 ? undefined : path.slice(0, i);
}

/** The last segment of a path (the workspace's name in its parent). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf(':') + 1);
}

export function joinPath(parent: string, child: string): string {
  if (parent === '') return child;
  if (child === '') return parent;
  return `${parent}:${child}`;
}

export interface ClusterURL {
  /** The URL without "/clusters/<path>" and what follows it (keeps a path prefix before it). */
  base: string;
  /** The workspace path or logical cluster id in the URL. */
  path: string;
}

/**
 * Splits a server URL into its base and workspace path, or returns undefined when the URL does not
 * point to a workspace (no "/clusters/<valid path>").
 */
export function parseClusterURL(server: string): ClusterURL | undefined {
  let u: URL;
  try {
    u = new URL(server);
  } catch {
    return undefined;
  }
  const prefix = '/clusters/';
  const i = u.pathname.indexOf(prefix);
  if (i < 0) return undefined;
  const path = decodeURIComponent(u.pathname.slice(i + prefix.length).split('/')[0]);
  if (!isValidPath(path)) return undefined;
  u.pathname = u.pathname.slice(0, i);
  u.search = '';
  u.hash = '';
  return { base: stripSlash(u.toString()), path };
}

/** The URL of a workspace: <base>/clusters/<path>. */
export function clusterURL(base: string, path: string): string {
  return `${stripSlash(base)}/clusters/${path}`;
}

/** The base of a server URL that may not point to a workspace: the URL itself without a trailing slash. */
export function baseOf(server: string): string {
  return parseClusterURL(server)?.base ?? stripSlash(server.replace(/[?#].*$/, ''));
}

function stripSlash(s: string): string {
  return s.replace(/\/+$/, '');
}

/** What a target of `kubectl ws [use] <target>` asks for. */
export type Target =
  | { kind: 'current' }
  | { kind: 'previous' }
  | { kind: 'home'; sub: string }
  | { kind: 'absolute'; path: string }
  | { kind: 'relative'; path: string };

export interface NormalizedTarget {
  target: Target;
  /** Notes for stderr (legacy syntax was rewritten). */
  notes: string[];
}

/**
 * Turns what the user typed into a Target. `homeDir` undoes the shell's expansion of "~" (the
 * shell turns `kubectl ws ~/a` into "/home/me/a"); "/" separators are accepted for ":".
 */
export function normalizeTarget(input: string, homeDir?: string): NormalizedTarget {
  const notes: string[] = [];
  let name = input;
  if (homeDir && homeDir !== '/' && (name === homeDir || name.startsWith(`${homeDir}/`))) name = `~${name.slice(homeDir.length)}`;
  if (name !== '-') name = name.replaceAll('/', ':');
  if (name === ROOT_PATH || name.startsWith(`${ROOT_PATH}:`)) {
    notes.push("Note: Using 'root:' to define an absolute path is no longer supported. Instead, use ':root' to specify an absolute path.");
    name = `:${name}`;
  }
  if (name === '' || name === '~') return { target: { kind: 'home', sub: '' }, notes };
  if (name.startsWith('~:')) return { target: { kind: 'home', sub: name.slice(2) }, notes };
  if (name === '-') return { target: { kind: 'previous' }, notes };
  if (name === '.') return { target: { kind: 'current' }, notes };
  if (name === ':') return { target: { kind: 'absolute', path: ROOT_PATH }, notes };
  if (name.startsWith(':')) return { target: { kind: 'absolute', path: name.slice(1) }, notes };
  return { target: { kind: 'relative', path: name }, notes };
}

/** Removes "." and ".." segments from an absolute path. */
export function resolveDots(path: string): string {
  const out: string[] = [];
  for (const part of path.split(':')) {
    if (part === '.') continue;
    if (part === '..') {
      if (out.length === 0) throw new Error('cannot go up from root');
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out.join(':');
}

/**
 * The absolute path a target names, seen from `current` (the current workspace path; needed only
 * for relative targets) with `home` the caller's home path (needed only for "~"). Throws on an
 * invalid result.
 */
export function resolveTarget(target: Exclude<Target, { kind: 'current' } | { kind: 'previous' }>, current: string | undefined, home?: string): string {
  let raw: string;
  switch (target.kind) {
    case 'absolute':
      raw = target.path;
      break;
    case 'home':
      if (home === undefined) throw new Error('home workspace unknown');
      raw = joinPath(home, target.sub);
      break;
    case 'relative':
      if (current === undefined) throw new Error('the current workspace is unknown: use an absolute path (:root:...)');
      raw = joinPath(current, target.path);
      break;
  }
  const path = resolveDots(raw);
  if (!isValidPath(path)) throw new Error(`invalid workspace path: ${describeTarget(target)}`);
  return path;
}

function describeTarget(t: Target): string {
  switch (t.kind) {
    case 'absolute':
      return `:${t.path}`;
    case 'home':
      return t.sub ? `~:${t.sub}` : '~';
    case 'relative':
      return t.path;
    case 'current':
      return '.';
    case 'previous':
      return '-';
  }
}

/** A workspace type reference as text: "root:universal", or "universal" without a path. */
export function typeString(type: { name?: string; path?: string } | undefined): string | undefined {
  if (!type?.name) return undefined;
  return joinPath(type.path ?? '', type.name);
}
