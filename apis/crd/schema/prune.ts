// Pruning (apiextensions-apiserver pkg/apiserver/schema/pruning): removes, in place, the object
// fields a structural schema does not specify, and reports their paths the way strict field
// validation prints them ("spec.foo", "spec.list[0].bar", map keys as "spec.map.key").

import { sortGoStrings } from './goValues.js';
import { type Structural, asResourceRoot } from './structural.js';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const appendKey = (path: string, k: string) => (path ? `${path}.${k}` : k);

class Pruner {
  readonly unknown: string[] = [];

  prune(x: unknown, s: Structural | undefined, path: string): void {
    if (s?.preserveUnknownFields) return this.skipPrune(x, s, path);
    if (!s) return this.pruneAll(x, path);
    if (isMap(x)) {
      for (const k of Object.keys(x)) {
        if (s.embeddedResource && META_FIELDS.has(k)) continue;
        const prop = s.properties?.get(k);
        if (prop) this.prune(x[k], prop, appendKey(path, k));
        else if (s.additionalProperties) this.prune(x[k], s.additionalProperties.schema, appendKey(path, k));
        else {
          if (!META_FIELDS.has(k) || path) this.unknown.push(appendKey(path, k));
          delete x[k];
        }
      }
    } else if (Array.isArray(x)) {
      x.forEach((v, i) => this.prune(v, s.items, `${path}[${i}]`));
    }
  }

  /** Under x-kubernetes-preserve-unknown-fields: unknown fields stay, known ones are still pruned. */
  private skipPrune(x: unknown, s: Structural | undefined, path: string): void {
    if (!s) return;
    if (isMap(x)) {
      for (const k of Object.keys(x)) {
        if (s.embeddedResource && META_FIELDS.has(k)) continue;
        const prop = s.properties?.get(k);
        if (prop) this.prune(x[k], prop, appendKey(path, k));
        else if (s.additionalProperties) this.prune(x[k], s.additionalProperties.schema, appendKey(path, k));
      }
    } else if (Array.isArray(x)) {
      x.forEach((v, i) => this.skipPrune(v, s.items, `${path}[${i}]`));
    }
  }

  /**
   * No schema: every object field goes, also inside nested arrays (additionalProperties: true
   * keeps scalars only). Iterative, since the depth is the data's, not the schema's.
   */
  private pruneAll(root: unknown, rootPath: string): void {
    const stack: [unknown, string][] = [[root, rootPath]];
    while (stack.length) {
      const [x, path] = stack.pop()!;
      if (isMap(x)) {
        for (const k of Object.keys(x)) {
          this.unknown.push(appendKey(path, k));
          delete x[k];
        }
      } else if (Array.isArray(x)) {
        x.forEach((v, i) => stack.push([v, `${path}[${i}]`]));
      }
    }
  }
}

/**
 * PruneWithOptions: prunes `obj` in place against `s` and returns the sorted paths of what it
 * removed. At a resource root (and at x-kubernetes-embedded-resource nodes) apiVersion, kind and
 * metadata are left alone.
 */
export function prune(obj: unknown, s: Structural | undefined, isResourceRoot: boolean): string[] {
  const schema = isResourceRoot ? asResourceRoot(s) : s;
  const p = new Pruner();
  p.prune(obj, schema, '');
  return sortGoStrings(p.unknown);
}
