// Field errors as upstream's k8s.io/apimachinery/pkg/util/validation/field builds them: the
// constructors (Required, Invalid, NotSupported, ...), field paths ("spec.ports[0].name",
// "data[key]") and small readers of JSON-decoded objects shared by every kind validator.

import type { FieldError, KObject } from '../resources/model.js';

export type { FieldError, KObject };

// ---- paths ----------------------------------------------------------------------------------

/** `path.name` (field.Path.Child); `name` alone at the root. */
export const child = (path: string, ...names: string[]): string =>
  names.reduce((p, n) => (p ? `${p}.${n}` : n), path);

/** `path[i]` (field.Path.Index). */
export const index = (path: string, i: number): string => `${path}[${i}]`;

/** `path[key]` (field.Path.Key): map keys are printed as they are, unquoted. */
export const key = (path: string, k: string): string => `${path}[${k}]`;

// ---- constructors ---------------------------------------------------------------------------

export const required = (field: string, detail = ''): FieldError => (detail ? { type: 'Required', field, detail } : { type: 'Required', field });

export const invalid = (field: string, value: unknown, detail: string): FieldError => (detail ? { type: 'Invalid', field, value, detail } : { type: 'Invalid', field, value });

/** NotSupported with upstream's "supported values: ..." list, in the order given. */
export const notSupported = (field: string, value: unknown, supported: readonly string[]): FieldError => ({
  type: 'NotSupported',
  field,
  value,
  supported: [...supported],
});

export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'Duplicate', field, value });

export const forbidden = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail });

export const notFound = (field: string, value: unknown, detail = ''): FieldError => (detail ? { type: 'NotFound', field, value, detail } : { type: 'NotFound', field, value });

/** field.TooLong as of apimachinery 1.32+: "may not be more than N bytes". */
export const tooLong = (field: string, max: number): FieldError => ({ type: 'TooLong', field, detail: `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` });

/** field.TooLongMaxLength: "may not be longer than N". */
export const tooLongMaxLength = (field: string, max: number): FieldError => ({ type: 'TooLong', field, detail: `may not be longer than ${max}` });

export const tooMany = (field: string, actual: number, max: number): FieldError => ({ type: 'TooMany', field, value: actual, detail: `must have at most ${max} items` });

export const FIELD_IMMUTABLE = 'field is immutable';
export const IS_NEGATIVE = 'must be greater than or equal to 0';

// ---- JSON readers ---------------------------------------------------------------------------

export const isObject = (v: unknown): v is KObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object at v, or an empty one (a Go zero-valued struct). */
export const obj = (v: unknown): KObject => (isObject(v) ? v : {});

/** The list at v, or an empty one. */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The objects of the list at v (a non-object item reads as an empty struct). */
export const objects = (v: unknown): KObject[] => list(v).map(obj);

/** A string field: absent or non-string reads as Go's "". */
export const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** An integer field: absent reads as Go's 0. */
export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

export const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** Keys of a map field in Go's sorted order (our stand-in for Go's random map order). */
export const sortedKeys = (v: unknown): string[] => (isObject(v) ? Object.keys(v).sort() : []);

export const mapSize = (v: unknown): number => (isObject(v) ? Object.keys(v).length : 0);
