// x-kubernetes-embedded-resource nodes (apiextensions-apiserver pkg/apiserver/schema/objectmeta
// algorithm.go and validation.go): their apiVersion and kind must be strings and their metadata an
// ObjectMeta, which the decoder coerces (coerce) and validation checks (validateEmbedded).

import { isDNS1035Label, nameIsPathSegment } from '../../machinery/validation.js';
import { validateObjectMeta } from '../../machinery/objectMetaValidation.js';
import type { FieldError } from '../../resources/model.js';
import { child, index, invalid, key, required } from '../../validation/field.js';
import { errValue, sortGoStrings } from './goValues.js';
import { decodeObjectMeta } from './objectMeta.js';
import { type Structural, asResourceRoot } from './structural.js';

const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export interface CoerceOptions {
  /** Treat `obj` itself as a resource root (its apiVersion, kind and metadata are coerced too). */
  isResourceRoot?: boolean;
  /** Drop malformed fields instead of failing (reading stored objects, pruning defaults). */
  dropInvalidFields?: boolean;
  /** Path of `obj` in error and unknown-field paths; "" for a whole object. */
  path?: string;
}

export interface CoerceResult {
  /** Unknown metadata fields removed, sorted ("spec.template.metadata.foo"). */
  unknown: string[];
  /** The first malformed field, when not dropping them (upstream fails decoding with it). */
  error?: FieldError;
}

/** CoerceWithOptions: coerces the TypeMeta and ObjectMeta of embedded resources in place. */
export function coerce(obj: unknown, s: Structural | undefined, opts: CoerceOptions = {}): CoerceResult {
  const unknown: string[] = [];
  const drop = opts.dropInvalidFields ?? false;
  const schema = opts.isResourceRoot ? asResourceRoot(s) : s;

  const walk = (pth: string, x: unknown, s: Structural | undefined): FieldError | undefined => {
    if (!s) return undefined;
    if (isMap(x)) {
      for (const k of Object.keys(x)) {
        const v = x[k];
        if (s.embeddedResource) {
          if (k === 'apiVersion' || k === 'kind') {
            if (typeof v !== 'string') {
              if (!drop) return invalid(child(pth, k), errValue(v), 'must be a string');
              delete x[k];
            }
          } else if (k === 'metadata') {
            const d = decodeObjectMeta(v, drop);
            unknown.push(...d.unknown.map((p) => `${child(pth, 'metadata')}.${p}`));
            if (d.error) {
              if (!drop) return invalid(child(pth, 'metadata'), errValue(v), d.error);
            } else x.metadata = d.meta;
          }
        }
        const prop = s.properties?.get(k);
        const err = prop ? walk(child(pth, k), v, prop) : s.additionalProperties ? walk(key(pth, k), v, s.additionalProperties.schema) : undefined;
        if (err) return err;
      }
    } else if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const err = walk(index(pth, i), x[i], s.items);
        if (err) return err;
      }
    }
    return undefined;
  };

  const error = walk(opts.path ?? '', obj, schema);
  return { unknown: sortGoStrings(unknown), error };
}

/** schema.ParseGroupVersion's error, if any. */
function groupVersionError(gv: string): string | undefined {
  if (gv === '' || gv === '/') return undefined;
  return gv.split('/').length > 2 ? `unexpected GroupVersion string: ${gv}` : undefined;
}

/** validateEmbeddedResource: apiVersion and kind required and well-formed, metadata valid. */
function validateEmbeddedResource(pth: string, x: Record<string, unknown>): FieldError[] {
  const errs: FieldError[] = [];
  if (!Object.prototype.hasOwnProperty.call(x, 'apiVersion')) errs.push(required(child(pth, 'apiVersion')));
  if (!Object.prototype.hasOwnProperty.call(x, 'kind')) errs.push(required(child(pth, 'kind')));
  for (const k of Object.keys(x)) {
    const v = x[k];
    if (k === 'apiVersion') {
      if (typeof v !== 'string') errs.push(invalid(child(pth, k), errValue(v), 'must be a string'));
      else if (!v) errs.push(invalid(child(pth, k), v, 'must not be empty'));
      else {
        const e = groupVersionError(v);
        if (e) errs.push(invalid(child(pth, k), v, e));
      }
    } else if (k === 'kind') {
      if (typeof v !== 'string') errs.push(invalid(child(pth, k), errValue(v), 'must be a string'));
      else if (!v) errs.push(invalid(child(pth, k), v, 'must not be empty'));
      else {
        const msgs = isDNS1035Label(v.toLowerCase());
        if (msgs.length) errs.push(invalid(child(pth, k), v, `may have mixed case, but should otherwise match: ${msgs.join(',')}`));
      }
    } else if (k === 'metadata') {
      const d = decodeObjectMeta(v);
      if (d.error) errs.push(invalid(child(pth, k), errValue(v), d.error));
      else {
        const meta = d.meta!;
        if (!meta.name) meta.name = 'fakename'; // upstream sets one to avoid the name-required error
        errs.push(...validateObjectMeta(meta, { namespaced: !!meta.namespace, nameFn: nameIsPathSegment }, child(pth, k)));
      }
    }
  }
  return errs;
}

/**
 * Validate (objectmeta): checks every x-kubernetes-embedded-resource object in `obj`, and `obj`
 * itself when isResourceRoot. `pth` prefixes the error paths.
 */
export function validateEmbedded(pth: string, obj: unknown, s: Structural | undefined, isResourceRoot = false): FieldError[] {
  const errs: FieldError[] = [];
  const walk = (p: string, x: unknown, s: Structural | undefined): void => {
    if (!s) return;
    if (isMap(x)) {
      if (s.embeddedResource) errs.push(...validateEmbeddedResource(p, x));
      for (const k of Object.keys(x)) {
        const prop = s.properties?.get(k);
        if (prop) walk(child(p, k), x[k], prop);
        else if (s.additionalProperties) walk(key(p, k), x[k], s.additionalProperties.schema);
      }
    } else if (Array.isArray(x)) {
      x.forEach((v, i) => walk(index(p, i), v, s.items));
    }
  };
  walk(pth, obj, isResourceRoot ? asResourceRoot(s) : s);
  return errs;
}
