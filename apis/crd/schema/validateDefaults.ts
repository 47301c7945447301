// Checks of `default` values when a CRD is written (apiextensions-apiserver
// pkg/apiserver/schema/defaulting/validation.go ValidateDefaults): each default must already be
// pruned, must coerce to valid TypeMeta/ObjectMeta where it spans resource metadata, and must
// validate against its own schema. Defaults under additionalProperties are not visited (they are
// forbidden where they would matter). CEL rules on defaults are not run here.

import { aggregate, fieldErrorText } from '../../errors.js';
import { cloneJson, deepEqual } from '../../machinery/jsonEqual.js';
import type { FieldError } from '../../resources/model.js';
import { child, invalid, key } from '../../validation/field.js';
import { coerce, validateEmbedded } from './embedded.js';
import { errValue } from './goValues.js';
import { prune } from './prune.js';
import { toAjvSchema } from './ajvSchema.js';
import { AjvCompiler } from './ajvInstance.js';
import { SchemaValidator } from './schemaValidator.js';
import { type Structural, asResourceRoot } from './structural.js';
import { type Step, VALIDATION_TYPE_META, surround } from './surrounding.js';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/** ValidateDefaults for the schema of a whole resource; `fldPath` is the schema's path. */
export function validateDefaults(fldPath: string, schema: Structural, requirePrunedDefaults = true): FieldError[] {
  const errs: FieldError[] = [];
  const ajv = new AjvCompiler(); // one for all defaults of this schema
  // Defaults often share a schema (a string with an enum, an integer with bounds): compile each once.
  const validators = new Map<string, SchemaValidator>();
  const validatorOf = (s: Structural) => {
    const text = JSON.stringify(toAjvSchema(s.raw, 'defaults'));
    let v = validators.get(text);
    if (!v) validators.set(text, (v = new SchemaValidator(s.raw, 'defaults', ajv)));
    return v;
  };

  /** The errors of one default value. */
  const checkDefault = (pth: string, s: Structural, resource: Structural, steps: Step[], insideMeta: boolean): FieldError[] => {
    const value = s.default!.value;
    const at = child(pth, 'default');
    const validator = validatorOf(s);
    if (insideMeta) {
      // Validated inside a minimal resource holding it, as TypeMeta/ObjectMeta of that resource.
      const holder = surround(cloneJson(value), steps, VALIDATION_TYPE_META);
      if (!holder) return [];
      const c = coerce(holder.root, resource, { isResourceRoot: true });
      if (c.error) return [invalid(at, errValue(value), `must result in valid metadata: ${fieldErrorText(c.error)}`)];
      const metaErrs = validateEmbedded('', holder.root, resource, true);
      if (metaErrs.length) return [invalid(at, errValue(value), `must result in valid metadata: ${aggregate(metaErrs.map(fieldErrorText))}`)];
      return validator.validate(value, at);
    }
    const out: FieldError[] = [];
    if (requirePrunedDefaults) {
      const pruned = cloneJson(value);
      prune(pruned, s, s.embeddedResource);
      if (!deepEqual(pruned, value)) out.push(invalid(at, errValue(value), 'must not have unknown fields'));
    }
    // Upstream coerces the default itself; this copy is what the later checks see.
    const coerced = cloneJson(value);
    const c = coerce(coerced, s, { isResourceRoot: s.embeddedResource, path: at });
    if (c.error) return [...out, c.error];
    const metaErrs = validateEmbedded(at, coerced, s, s.embeddedResource);
    if (metaErrs.length) return [...out, ...metaErrs];
    return [...out, ...validator.validate(coerced, at)];
  };

  const visit = (pth: string, s: Structural, resource: Structural, steps: Step[], insideMeta: boolean) => {
    if (s.embeddedResource) {
      insideMeta = false;
      resource = s;
      steps = [];
    }
    if (s.default) errs.push(...checkDefault(pth, s, resource, steps, insideMeta));
    if (s.items) visit(child(pth, 'items'), s.items, resource, [...steps, { index: true }], insideMeta);
    for (const [k, sub] of s.properties ?? []) {
      const subInsideMeta = insideMeta || (s.embeddedResource && META_FIELDS.has(k));
      visit(key(child(pth, 'properties'), k), sub, resource, [...steps, { key: k }], subInsideMeta);
    }
  };

  const root = asResourceRoot(schema);
  visit(fldPath, root, root, [], false);
  return errs;
}
