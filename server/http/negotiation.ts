// Content negotiation: which representation an Accept header asks for, and which decoder a
// request Content-Type needs.

export interface MediaRange {
  type: string; // "application/json", "*/*"
  params: Record<string, string>;
  q: number;
}

export function parseMediaType(value: string): MediaRange {
  const [type, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  let q = 1;
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const k = p.slice(0, eq).trim().toLowerCase();
    const v = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
    if (k === 'q') q = Number(v) || 0;
    else params[k] = v;
  }
  return { type: type.trim().toLowerCase(), params, q };
}

/** Media ranges of an Accept header, most preferred first (stable for equal q). */
export function parseAccept(accept: string | undefined): MediaRange[] {
  if (!accept) return [{ type: '*/*', params: {}, q: 1 }];
  return accept
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parseMediaType)
    .filter((m) => m.q > 0)
    .map((m, i) => ({ m, i }))
    .sort((a, b) => b.m.q - a.m.q || a.i - b.i)
    .map((x) => x.m);
}

function isJsonLike(t: string): boolean {
  return t === 'application/json' || t === '*/*' || t === 'application/*';
}

export type ObjectFormat =
  | { as: 'object'; encoding: 'json' | 'yaml' }
  | { as: 'table'; version: 'v1' | 'v1beta1' }
  | { as: 'partial'; version: 'v1' | 'v1beta1' };

/** What an object/list response should be, or undefined when nothing acceptable is offered. */
export function objectFormat(accept: string | undefined): ObjectFormat | undefined {
  for (const m of parseAccept(accept)) {
    const as = m.params.as;
    if (as) {
      if (m.type !== 'application/json' || m.params.g !== 'meta.k8s.io') continue;
      const version = m.params.v === 'v1beta1' ? 'v1beta1' : m.params.v === 'v1' ? 'v1' : undefined;
      if (!version) continue;
      if (as === 'Table') return { as: 'table', version };
      if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { as: 'partial', version };
      continue;
    }
    if (isJsonLike(m.type)) return { as: 'object', encoding: 'json' };
    if (m.type === 'application/yaml') return { as: 'object', encoding: 'yaml' };
  }
  return undefined;
}

/** Which aggregated discovery version an Accept header prefers, else legacy. */
export function discoveryFormat(accept: string | undefined): 'v2' | 'v2beta1' | 'legacy' {
  for (const m of parseAccept(accept)) {
    if (m.params.as === 'APIGroupDiscoveryList' && m.params.g === 'apidiscovery.k8s.io') {
      if (m.params.v === 'v2') return 'v2';
      if (m.params.v === 'v2beta1') return 'v2beta1';
      continue;
    }
    if (isJsonLike(m.type)) return 'legacy';
  }
  return 'legacy';
}

export type BodyEncoding = 'json' | 'yaml' | 'protobuf';
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

export const BODY_CONTENT_TYPES: Record<string, BodyEncoding> = {
  'application/json': 'json',
  'application/yaml': 'yaml',
  'application/vnd.kubernetes.protobuf': 'protobuf',
};
