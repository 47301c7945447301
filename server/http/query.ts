// Query parameters shared by the REST verbs, validated with upstream's 400 messages.

import { errors } from '../../apis/errors.js';
import { FieldValidation, WriteOptions } from '../../apis/registry/scope.js';
import { IncludeObject } from '../../apis/tables.js';

export function dryRunOf(values: string[]): boolean {
  for (const v of values) {
    if (v !== 'All') throw errors.badRequest(`Invalid dryRun value: "${v}"; only "All" is supported`);
  }
  return values.length > 0;
}

export function fieldValidationOf(q: URLSearchParams): FieldValidation {
  const v = q.get('fieldValidation');
  if (v === null || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw errors.badRequest(`fieldValidation: Unsupported value: "${v}": supported values: "Ignore", "Strict", "Warn"`);
}

/** The field manager of a write: the query parameter, else the User-Agent's first part. */
export function fieldManagerOf(q: URLSearchParams, userAgent: string | undefined): string {
  const m = q.get('fieldManager');
  if (m !== null) {
    if (m.length > 128) throw errors.badRequest(`fieldManager: Too long: may not be more than 128 bytes`);
    return m;
  }
  const ua = (userAgent ?? '').split('/')[0];
  return ua.length > 128 ? ua.slice(0, 128) : ua;
}

export function writeOptionsOf(q: URLSearchParams, userAgent: string | undefined): WriteOptions {
  return { dryRun: dryRunOf(q.getAll('dryRun')), fieldValidation: fieldValidationOf(q), fieldManager: fieldManagerOf(q, userAgent) };
}

export function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw errors.badRequest(`${name}: Invalid value: "${v}": must be an integer`);
  return Number(v);
}

export function boolParam(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  if (v === null) return false;
  if (v === '' || v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw errors.badRequest(`${name}: Invalid value: "${v}": must be a boolean`);
}

export function includeObjectOf(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  if (v === null || v === '') return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw errors.badRequest(`includeObject: Unsupported value: "${v}": supported values: "None", "Metadata", "Object"`);
}
