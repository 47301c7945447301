// Parses a request path into what it addresses: the workspace, and either a non-resource path
// (discovery, OpenAPI, /version) or a resource request (group, version, resource, namespace,
// name, subresource, verb), like kube-apiserver's RequestInfoFactory.

export interface ResourceRequest {
  kind: 'resource';
  group: string;
  version: string;
  resource: string;
  namespace: string; // "" when not namespaced or all namespaces
  name: string; // "" for collections
  subresource: string;
  /** get | list | watch | create | update | patch | delete | deletecollection */
  verb: string;
}

export type NonResourceRequest =
  | { kind: 'discoveryRoot'; core: boolean } // /api, /apis
  | { kind: 'discoveryGroup'; group: string } // /apis/<g>
  | { kind: 'discoveryGroupVersion'; group: string; version: string } // /api/v1, /apis/<g>/<v>
  | { kind: 'openapiV3Index' }
  | { kind: 'openapiV3'; key: string } // api/v1, apis/apps/v1
  | { kind: 'openapiV2' }
  | { kind: 'version' }
  | { kind: 'other'; path: string };

export type ApiRequest = ResourceRequest | NonResourceRequest;

export interface ParsedPath {
  /** The workspace path or logical cluster id from /clusters/<ws>; undefined for paths outside it. */
  workspace?: string;
  /** The path inside the workspace (or the whole path). */
  path: string;
  request: ApiRequest;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function verbOf(method: string, hasName: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return watch ? 'watch' : hasName ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

function parseResource(method: string, group: string, version: string, parts: string[], watchParam: boolean): ApiRequest {
  let watch = watchParam;
  if (parts[0] === 'watch') {
    watch = true;
    parts = parts.slice(1);
  }
  let namespace = '';
  if (parts[0] === 'namespaces' && parts.length > 1) {
    namespace = parts[1];
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2])) {
      parts = parts.slice(2);
    }
  }
  if (!parts[0]) return { kind: 'other', path: '' };
  const resource = parts[0];
  let name = parts[1] ?? '';
  const subresource = parts[2] ?? '';
  if (parts.length > 3) return { kind: 'other', path: parts.join('/') };
  // /api/v1/namespaces/<ns> addresses the Namespace object itself.
  if (resource === 'namespaces' && !group && namespace && parts[1] === namespace) {
    name = namespace;
    namespace = '';
  }
  const watchable = watch && (method === 'GET' || method === 'HEAD');
  let verb = verbOf(method, name !== '', watchable);
  // A watch on a named path means "watch this one object".
  if (watchable) verb = 'watch';
  return { kind: 'resource', group, version, resource, namespace, name, subresource, verb };
}

function decodePath(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/** Parses `path` (without the query) and the `watch` query flag. */
export function parsePath(method: string, rawPath: string, watchParam = false): ParsedPath {
  // Decoded before it is split, as Go's URL.Path is: an encoded slash separates segments like a
  // plain one, so "%2F" cannot smuggle a "/" into a namespace or name.
  let path = decodePath(rawPath).replace(/\/+$/, '') || '/';
  let workspace: string | undefined;
  const m = /^\/clusters\/([^/]+)(\/.*)?$/.exec(path);
  if (m) {
    workspace = m[1];
    path = m[2] ?? '/';
  }
  const parts = path.split('/').filter(Boolean);
  const request = ((): ApiRequest => {
    if (parts[0] === 'api') {
      if (parts.length === 1) return { kind: 'discoveryRoot', core: true };
      if (parts.length === 2) return { kind: 'discoveryGroupVersion', group: '', version: parts[1] };
      return parseResource(method, '', parts[1], parts.slice(2), watchParam);
    }
    if (parts[0] === 'apis') {
      if (parts.length === 1) return { kind: 'discoveryRoot', core: false };
      if (parts.length === 2) return { kind: 'discoveryGroup', group: parts[1] };
      if (parts.length === 3) return { kind: 'discoveryGroupVersion', group: parts[1], version: parts[2] };
      return parseResource(method, parts[1], parts[2], parts.slice(3), watchParam);
    }
    if (parts[0] === 'openapi') {
      if (parts[1] === 'v2' && parts.length === 2) return { kind: 'openapiV2' };
      if (parts[1] === 'v3') return parts.length === 2 ? { kind: 'openapiV3Index' } : { kind: 'openapiV3', key: parts.slice(2).join('/') };
    }
    if (parts.length === 1 && parts[0] === 'version') return { kind: 'version' };
    return { kind: 'other', path };
  })();
  return { workspace, path, request };
}
