// go-openapi errors as field errors (apiextensions-apiserver pkg/apiserver/validation
// kubeOpenAPIResultToFieldErrors): the path is `fldPath` plus the error's name, required and enum
// become Required and NotSupported, maxLength TooLong, maxItems and maxProperties TooMany, and
// every other error Invalid with go-openapi's message. Composite messages (anyOf, oneOf, allOf,
// not) carry their path inside the message and are reported at `fldPath` itself.
//
// Not reproduced: type and format errors are field.TypeInvalid upstream (Status cause reason
// FieldValueTypeInvalid); FieldError has no such type, so they are Invalid, whose text is the same.

import type { FieldError } from '../../resources/model.js';
import { child, invalid, required } from '../../validation/field.js';
import { errValue, marshalJson } from './goValues.js';
import type { GoError } from './openapiErrors.js';

/** field.TooMany with upstream's singular ("must have at most 1 item"). */
const tooMany = (field: string, actual: number, max: number): FieldError => ({ type: 'TooMany', field, value: actual, detail: `must have at most ${max} ${max === 1 ? 'item' : 'items'}` });

/** field.TooLong: the value is never shown. */
const tooLong = (field: string, max: number): FieldError => ({ type: 'TooLong', field, detail: max >= 0 ? `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` : 'value is too long' });

/** The enum values as NotSupported lists them: strings as they are, the rest as JSON. */
const supportedValues = (values: unknown[]): string[] => values.map((v) => (typeof v === 'string' ? v : marshalJson(v)));

/** `fldPath` ("" for none: a nil field.Path, which prints as "<nil>"). */
export function toFieldErrors(errors: readonly GoError[], fldPath: string): FieldError[] {
  const base = fldPath || '<nil>';
  return errors.map((e): FieldError => {
    if (e.code === 'composite') return invalid(base, '', e.message);
    const path = e.name && e.name !== '.' ? child(fldPath, e.name.replace(/^\./, '')) : base;
    const value = e.value === undefined || e.value === null ? '' : errValue(e.value);
    switch (e.code) {
      case 'required':
        return required(path);
      case 'enum':
        return { type: 'NotSupported', field: path, value: errValue(e.value), supported: supportedValues(e.values ?? []) };
      case 'tooLong':
        return tooLong(path, e.limit ?? -1);
      case 'tooManyItems':
      case 'tooManyProperties':
        return tooMany(path, e.value as number, e.limit ?? -1);
      default:
        return invalid(path, value, e.message);
    }
  });
}
