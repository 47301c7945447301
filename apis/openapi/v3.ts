// OpenAPI v3: the /openapi/v3 index and one document per group-version, generated from the
// catalogue. kubectl reads them for field validation support (the fieldValidation parameter on
// PATCH), strategic-merge metadata (x-kubernetes-patch-*) and explain. Each document's hash is
// part of its URL, so it must change whenever the document does.

import { createHash } from 'node:crypto';
import { APIGroup, Catalogue, ServedResource, builtinCatalogue } from '../catalogue.js';
import { discoverableGroup } from '../discovery.js';
import { customListSchema, customModelName, customObjectSchema } from './custom.js';
import { GVK, Schema, SchemaFlavor, closure, listSchema, typeSchema } from './schemas.js';
import { KUBERNETES_VERSION } from '../version.js';

const FLAVOR: SchemaFlavor = { refPrefix: '#/components/schemas/', wrapRefs: true };
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const MEDIA = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

export interface RenderedOpenAPI {
  body: string;
  hash: string;
}

/** "apps" → "Apps", "rbac.authorization.k8s.io" → "RbacAuthorization", "" → "Core". */
function groupWord(group: string): string {
  if (!group) return 'Core';
  return group
    .replace(/\.k8s\.io$/, '')
    .split(/[.-]/)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function queryParam(name: string, type: 'string' | 'boolean' | 'integer', description: string): Schema {
  return { name, in: 'query', description, schema: { type, uniqueItems: true } };
}

const P = {
  pretty: queryParam('pretty', 'string', "If 'true', the output is pretty printed."),
  dryRun: queryParam('dryRun', 'string', 'When present, the request is run through every stage without being persisted. The only valid value is All.'),
  fieldManager: queryParam('fieldManager', 'string', 'Name of the actor making the change, recorded in managedFields.'),
  fieldValidation: queryParam('fieldValidation', 'string', 'How to treat unknown or duplicate fields in the body: Ignore, Warn (the default) or Strict.'),
  force: queryParam('force', 'boolean', 'Force an apply request to take ownership of conflicting fields. Only for apply patches.'),
  gracePeriodSeconds: queryParam('gracePeriodSeconds', 'integer', 'Seconds before the object should be deleted.'),
  orphanDependents: queryParam('orphanDependents', 'boolean', 'Deprecated: use propagationPolicy.'),
  propagationPolicy: queryParam('propagationPolicy', 'string', 'Whether and how dependents are garbage collected: Orphan, Background or Foreground.'),
  allowWatchBookmarks: queryParam('allowWatchBookmarks', 'boolean', 'Ask for BOOKMARK events on a watch.'),
  continue: queryParam('continue', 'string', 'Token from a previous page of results, to fetch the next page.'),
  fieldSelector: queryParam('fieldSelector', 'string', 'Restrict the returned objects by their fields.'),
  labelSelector: queryParam('labelSelector', 'string', 'Restrict the returned objects by their labels.'),
  limit: queryParam('limit', 'integer', 'Maximum number of objects to return in one page.'),
  resourceVersion: queryParam('resourceVersion', 'string', 'Which revision of the data a request may be served from.'),
  resourceVersionMatch: queryParam('resourceVersionMatch', 'string', 'How resourceVersion is applied to a list: Exact or NotOlderThan.'),
  sendInitialEvents: queryParam('sendInitialEvents', 'boolean', 'Start a watch with ADDED events for the current objects, then a bookmark.'),
  timeoutSeconds: queryParam('timeoutSeconds', 'integer', 'Limit the duration of a list or watch call.'),
  watch: queryParam('watch', 'boolean', 'Watch for changes instead of listing.'),
};
const LIST_PARAMS = [P.allowWatchBookmarks, P.continue, P.fieldSelector, P.labelSelector, P.limit, P.resourceVersion, P.resourceVersionMatch, P.sendInitialEvents, P.timeoutSeconds, P.watch];

function pathParam(name: string, description: string): Schema {
  return { name, in: 'path', required: true, description, schema: { type: 'string', uniqueItems: true } };
}

function content(schemaName: string, media = MEDIA): Schema {
  return Object.fromEntries(media.map((m) => [m, { schema: { $ref: `#/components/schemas/${schemaName}` } }]));
}

function responses(codes: Record<string, string>, schemaName: string): Schema {
  const out: Schema = {};
  for (const [code, description] of Object.entries(codes)) out[code] = { description, content: content(schemaName) };
  out['401'] = { description: 'Unauthorized' };
  return out;
}

interface OpArgs {
  r: ServedResource;
  action: string;
  verbWord: string;
  sub?: string;
  gvk: GVK;
  description: string;
  params?: Schema[];
  body?: Schema;
  responses: Schema;
  allNamespaces?: boolean;
}

function operation(a: OpArgs, tag: string): Schema {
  const ns = a.r.namespaced && !a.allNamespaces ? 'Namespaced' : '';
  const suffix = a.allNamespaces ? 'ForAllNamespaces' : '';
  const op: Schema = {
    tags: [tag],
    description: a.description,
    operationId: `${a.verbWord}${groupWord(a.r.group)}${cap(a.r.version)}${ns}${a.r.kind}${a.sub ? cap(a.sub) : ''}${suffix}`,
  };
  if (a.params?.length) op.parameters = a.params;
  if (a.body) op.requestBody = a.body;
  op.responses = a.responses;
  op['x-kubernetes-action'] = a.action;
  op['x-kubernetes-group-version-kind'] = { group: a.gvk.group, version: a.gvk.version, kind: a.gvk.kind };
  return op;
}

/** Paths of one resource: collection, item, watch paths and subresources. */
function resourcePaths(c: Catalogue, r: ServedResource, paths: Schema): void {
  const prefix = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const tag = `${groupWord(r.group).toLowerCase()}_${r.version}`;
  const { objName, listName } = schemaNames(c, r);
  const gvk: GVK = { group: r.group, version: r.version, kind: r.kind };
  const verbs = new Set(r.verbs);
  const nsSeg = r.namespaced ? '/namespaces/{namespace}' : '';
  const common = [...(r.namespaced ? [pathParam('namespace', 'Namespace of the objects')] : []), P.pretty];
  const named = [pathParam('name', `Name of the ${r.kind}`), ...common];
  const objBody = { content: { '*/*': { schema: { $ref: `#/components/schemas/${objName}` } } }, required: true };
  const kind = r.kind;

  const collection: Schema = { parameters: common };
  if (verbs.has('list')) {
    collection.get = operation({ r, action: 'list', verbWord: 'list', gvk, description: `list or watch objects of kind ${kind}`, params: LIST_PARAMS, responses: responses({ 200: 'OK' }, listName) }, tag);
  }
  if (verbs.has('create')) {
    collection.post = operation({
      r, action: 'post', verbWord: 'create', gvk, description: `create a ${kind}`, params: [P.dryRun, P.fieldManager, P.fieldValidation], body: objBody,
      responses: responses({ 200: 'OK', 201: 'Created', 202: 'Accepted' }, objName),
    }, tag);
  }
  if (verbs.has('deletecollection')) {
    collection.delete = operation({
      r, action: 'deletecollection', verbWord: 'deleteCollection', gvk, description: `delete collection of ${kind}`,
      params: [P.continue, P.dryRun, P.fieldSelector, P.gracePeriodSeconds, P.labelSelector, P.limit, P.orphanDependents, P.propagationPolicy, P.resourceVersion, P.resourceVersionMatch, P.sendInitialEvents, P.timeoutSeconds],
      body: { content: { '*/*': { schema: { $ref: `#/components/schemas/${META}.DeleteOptions` } } } },
      responses: responses({ 200: 'OK' }, `${META}.Status`),
    }, tag);
  }
  if (Object.keys(collection).length > 1) paths[`${prefix}${nsSeg}/${r.plural}`] = collection;

  const item: Schema = { parameters: named };
  if (verbs.has('get')) item.get = operation({ r, action: 'get', verbWord: 'read', gvk, description: `read the specified ${kind}`, responses: responses({ 200: 'OK' }, objName) }, tag);
  if (verbs.has('update')) {
    item.put = operation({ r, action: 'put', verbWord: 'replace', gvk, description: `replace the specified ${kind}`, params: [P.dryRun, P.fieldManager, P.fieldValidation], body: objBody, responses: responses({ 200: 'OK', 201: 'Created' }, objName) }, tag);
  }
  if (verbs.has('patch')) item.patch = patchOp(c, r, gvk, objName, tag);
  if (verbs.has('delete')) {
    item.delete = operation({
      r, action: 'delete', verbWord: 'delete', gvk, description: `delete a ${kind}`, params: [P.dryRun, P.gracePeriodSeconds, P.orphanDependents, P.propagationPolicy],
      body: { content: { '*/*': { schema: { $ref: `#/components/schemas/${META}.DeleteOptions` } } } },
      responses: responses({ 200: 'OK', 202: 'Accepted' }, `${META}.Status`),
    }, tag);
  }
  if (Object.keys(item).length > 1) paths[`${prefix}${nsSeg}/${r.plural}/{name}`] = item;

  if (r.namespaced && verbs.has('list')) {
    paths[`${prefix}/${r.plural}`] = {
      parameters: [...LIST_PARAMS, P.pretty],
      get: operation({ r, action: 'list', verbWord: 'list', gvk, allNamespaces: true, description: `list or watch objects of kind ${kind}`, responses: responses({ 200: 'OK' }, listName) }, tag),
    };
    if (verbs.has('watch')) {
      paths[`${prefix}/watch/${r.plural}`] = {
        parameters: [...LIST_PARAMS, P.pretty],
        get: operation({ r, action: 'watchlist', verbWord: 'watch', gvk, allNamespaces: true, sub: 'List', description: `watch individual changes to a list of ${kind}. deprecated: use the 'watch' parameter with a list operation instead.`, responses: responses({ 200: 'OK' }, `${META}.WatchEvent`) }, tag),
      };
    }
  }
  if (verbs.has('watch')) {
    const watchOk = responses({ 200: 'OK' }, `${META}.WatchEvent`);
    paths[`${prefix}/watch${nsSeg}/${r.plural}`] = {
      parameters: [...common, ...LIST_PARAMS],
      get: operation({ r, action: 'watchlist', verbWord: 'watch', gvk, description: `watch individual changes to a list of ${kind}. deprecated: use the 'watch' parameter with a list operation instead.`, responses: watchOk, sub: 'List' }, tag),
    };
    paths[`${prefix}/watch${nsSeg}/${r.plural}/{name}`] = {
      parameters: [pathParam('name', `Name of the ${kind}`), ...common, ...LIST_PARAMS],
      get: operation({ r, action: 'watch', verbWord: 'watch', gvk, description: `watch changes to an object of kind ${kind}. deprecated: use the 'watch' parameter with a list operation instead, filtered to a single item with the 'fieldSelector' parameter.`, responses: watchOk }, tag),
    };
  }

  const subs: Array<{ name: string; schemaName: string; gvk: GVK }> = [];
  if (r.status) subs.push({ name: 'status', schemaName: objName, gvk });
  if (r.scale) subs.push({ name: 'scale', schemaName: 'io.k8s.api.autoscaling.v1.Scale', gvk: { group: 'autoscaling', version: 'v1', kind: 'Scale' } });
  for (const x of r.subresources ?? []) {
    const typeId = c.typeOfKind(x.group, x.version, x.kind);
    if (!typeId) continue;
    const schemaName = c.types.openapiName(typeId);
    const xgvk: GVK = { group: x.group, version: x.version, kind: x.kind };
    const body = { content: { '*/*': { schema: { $ref: `#/components/schemas/${schemaName}` } } }, required: true };
    const item: Schema = { parameters: named };
    const wp = [P.dryRun, P.fieldManager, P.fieldValidation];
    if (x.verbs.includes('get')) item.get = operation({ r, action: 'get', verbWord: 'read', sub: x.name, gvk: xgvk, description: `read ${x.name} of the specified ${kind}`, responses: responses({ 200: 'OK' }, schemaName) }, tag);
    if (x.verbs.includes('update')) item.put = operation({ r, action: 'put', verbWord: 'replace', sub: x.name, gvk: xgvk, description: `replace ${x.name} of the specified ${kind}`, params: wp, body, responses: responses({ 200: 'OK', 201: 'Created' }, schemaName) }, tag);
    if (x.verbs.includes('create')) item.post = operation({ r, action: 'post', verbWord: 'create', sub: x.name, gvk: xgvk, description: `create ${x.name} of a ${kind}`, params: wp, body, responses: responses({ 200: 'OK', 201: 'Created', 202: 'Accepted' }, schemaName) }, tag);
    paths[`${prefix}${nsSeg}/${r.plural}/{name}/${x.name}`] = item;
  }
  for (const s of subs) {
    const body = { content: { '*/*': { schema: { $ref: `#/components/schemas/${s.schemaName}` } } }, required: true };
    paths[`${prefix}${nsSeg}/${r.plural}/{name}/${s.name}`] = {
      parameters: named,
      get: operation({ r, action: 'get', verbWord: 'read', sub: s.name, gvk: s.gvk, description: `read ${s.name} of the specified ${kind}`, responses: responses({ 200: 'OK' }, s.schemaName) }, tag),
      put: operation({ r, action: 'put', verbWord: 'replace', sub: s.name, gvk: s.gvk, description: `replace ${s.name} of the specified ${kind}`, params: [P.dryRun, P.fieldManager, P.fieldValidation], body, responses: responses({ 200: 'OK', 201: 'Created' }, s.schemaName) }, tag),
      patch: { ...patchOp(c, r, s.gvk, s.schemaName, tag, s.name) },
    };
  }
}

/** The definition names of a resource's objects and lists. */
export function schemaNames(c: Catalogue, r: ServedResource): { objName: string; listName: string } {
  if (r.custom) return { objName: customModelName(r.group, r.version, r.kind), listName: customModelName(r.group, r.version, r.listKind) };
  const objName = c.types.openapiName(r.type);
  return { objName, listName: `${objName.slice(0, objName.lastIndexOf('.'))}.${r.listKind}` };
}

/** A group's version as OpenAPI documents it (custom resources once Established). */
export function documentedVersion(c: Catalogue, group: string, version: string): ServedResource[] | undefined {
  const g: APIGroup | undefined = c.group(group);
  return (g && discoverableGroup(g))?.versions.find((v) => v.version === version)?.resources;
}

function patchOp(c: Catalogue, r: ServedResource, gvk: GVK, schemaName: string, tag: string, sub?: string): Schema {
  const strategic = !c.isCustom(r);
  const media = PATCH_TYPES.filter((m) => strategic || !m.startsWith('application/strategic'));
  return operation({
    r, action: 'patch', verbWord: 'patch', sub, gvk,
    description: sub ? `partially update ${sub} of the specified ${r.kind}` : `partially update the specified ${r.kind}`,
    params: [P.dryRun, P.fieldManager, P.fieldValidation, P.force],
    body: { content: Object.fromEntries(media.map((m) => [m, { schema: { $ref: `#/components/schemas/${META}.Patch` } }])), required: true },
    responses: responses({ 200: 'OK', 201: 'Created' }, schemaName),
  }, tag);
}

function render(doc: object): RenderedOpenAPI {
  const body = JSON.stringify(doc);
  return { body, hash: createHash('sha512').update(body).digest('hex').toUpperCase() };
}

/** The OpenAPI v3 document of one group-version of a catalogue. */
export function buildGroupVersionDoc(c: Catalogue, group: string, version: string): object | undefined {
  const resources = documentedVersion(c, group, version);
  if (!resources) return undefined;
  const gv = { version, resources };
  const paths: Schema = {};
  const gvks = new Map<string, GVK[]>();
  const addGVK = (type: string, g: GVK): void => {
    const list = gvks.get(type) ?? [];
    if (!list.some((x) => x.group === g.group && x.version === g.version && x.kind === g.kind)) list.push(g);
    gvks.set(type, list);
  };
  const roots = ['meta/v1:Status', 'meta/v1:DeleteOptions', 'meta/v1:Patch', 'meta/v1:WatchEvent'];
  for (const r of [...gv.resources].sort((a, b) => a.plural.localeCompare(b.plural))) {
    resourcePaths(c, r, paths);
    if (r.custom) roots.push('meta/v1:ObjectMeta', 'meta/v1:ListMeta');
    else {
      roots.push(r.type);
      addGVK(r.type, { group: r.group, version: r.version, kind: r.kind });
    }
    for (const x of r.subresources ?? []) {
      const t = c.typeOfKind(x.group, x.version, x.kind);
      if (t) {
        roots.push(t);
        addGVK(t, { group: x.group, version: x.version, kind: x.kind });
      }
    }
    if (r.scale) {
      roots.push('autoscaling/v1:Scale');
      addGVK('autoscaling/v1:Scale', { group: 'autoscaling', version: 'v1', kind: 'Scale' });
    }
  }
  // Kinds served elsewhere keep their own GVK where they are embedded (PVC templates in apps/v1).
  for (const r of c.allResources()) {
    if (!r.virtual && !r.custom) addGVK(r.type, { group: r.group, version: r.version, kind: r.kind });
  }
  for (const meta of ['meta/v1:Status', 'meta/v1:DeleteOptions', 'meta/v1:WatchEvent']) {
    addGVK(meta, { group, version, kind: meta.slice(meta.indexOf(':') + 1) });
  }
  const schemas: Schema = {};
  for (const id of closure(c.types, roots)) schemas[c.types.openapiName(id)] = typeSchema(c.types, FLAVOR, c.types.get(id), gvks.get(id) ?? []);
  for (const r of gv.resources) {
    const { objName, listName } = schemaNames(c, r);
    if (r.custom) {
      schemas[objName] = customObjectSchema(r, FLAVOR, 'v3');
      schemas[listName] = customListSchema(r, FLAVOR);
    } else {
      schemas[listName] = listSchema(c.types, FLAVOR, r.type, { group: r.group, version: r.version, kind: r.listKind });
    }
  }
  const sortedSchemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION.gitVersion },
    paths,
    components: {
      schemas: sortedSchemas,
      securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer token authentication', name: 'authorization', in: 'header' } },
    },
    security: [{ BearerToken: [] }],
  };
}

/** Renders and caches the v3 documents and index of one catalogue. */
export class OpenAPIv3Docs {
  private readonly docs = new Map<string, RenderedOpenAPI | null>();
  private index?: string;

  constructor(private readonly catalogue: Catalogue) {}

  /** `key` is "api/v1" or "apis/<group>/<version>". */
  doc(key: string): RenderedOpenAPI | undefined {
    if (!this.docs.has(key)) {
      const m = /^(?:api\/(v\w+)|apis\/([^/]+)\/([^/]+))$/.exec(key);
      const [group, version] = m ? (m[1] ? ['', m[1]] : [m[2]!, m[3]!]) : ['', ''];
      const builtin = builtinCatalogue();
      // A group-version without custom resources is the same document in every workspace.
      if (m && this.catalogue !== builtin && !documentedVersion(this.catalogue, group, version)?.some((r) => r.custom)) return openapiV3(builtin).doc(key);
      const doc = m ? buildGroupVersionDoc(this.catalogue, group, version) : undefined;
      this.docs.set(key, doc ? render(doc) : null);
    }
    return this.docs.get(key) ?? undefined;
  }

  /** The /openapi/v3 index: every group-version with its hash-stamped URL. */
  indexBody(): string {
    if (!this.index) {
      const paths: Record<string, { serverRelativeURL: string }> = {};
      for (const found of this.catalogue.groups()) {
        const g = discoverableGroup(found);
        if (!g) continue;
        for (const v of g.versions) {
          const key = g.name ? `apis/${g.name}/${v.version}` : `api/${v.version}`;
          paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${this.doc(key)!.hash}` };
        }
      }
      this.index = JSON.stringify({ paths });
    }
    return this.index;
  }
}

const byCatalogue = new WeakMap<Catalogue, OpenAPIv3Docs>();

export function openapiV3(c: Catalogue): OpenAPIv3Docs {
  let d = byCatalogue.get(c);
  if (!d) byCatalogue.set(c, (d = new OpenAPIv3Docs(c)));
  return d;
}
