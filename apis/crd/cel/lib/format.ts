// The Kubernetes format library (apiserver/pkg/cel/library/format.go): format.dns1123Label() and
// friends name a validator; `<format>.validate(s)` returns optional.none() when s is valid and
// optional.of(<messages>) otherwise; format.named('name') looks one up.

import { celFunc, celList, celMethod, listType } from '@bufbuild/cel';
import {
  isQualifiedName,
  isValidLabelValue,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from '../../../machinery/validation.js';
import { FORMAT_NAMES } from '../libraryDeclarations.js';
import { FORMAT_T, STRING, libraryValue, textOf } from './libraryTypes.js';
import { optionalNone, optionalOf } from './optional.js';
import { parseRequestURI } from './urls.js';
import { parseDateTime, parseFullDate } from '../values/time.js';

const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const check = (ok: boolean, message: string): string[] => (ok ? [] : [message]);

const VALIDATORS: Record<string, (s: string) => string[]> = {
  dns1123Label: (s) => nameIsDNSLabel(s, false),
  dns1123Subdomain: (s) => nameIsDNSSubdomain(s, false),
  dns1035Label: (s) => nameIsDNS1035Label(s, false),
  qualifiedName: isQualifiedName,
  dns1123LabelPrefix: (s) => nameIsDNSLabel(s, true),
  dns1123SubdomainPrefix: (s) => nameIsDNSSubdomain(s, true),
  dns1035LabelPrefix: (s) => nameIsDNS1035Label(s, true),
  labelValue: isValidLabelValue,
  uri: (s) => {
    try {
      parseRequestURI(s);
      return [];
    } catch (e) {
      return [(e as Error).message];
    }
  },
  uuid: (s) => check(UUID.test(s), 'does not match the UUID format'),
  byte: (s) => check(BASE64.test(s), 'invalid base64'),
  date: (s) => check(parseFullDate(s) !== undefined, 'invalid date'),
  datetime: (s) => check(parseDateTime(s) !== undefined, 'invalid datetime'),
};

const F = FORMAT_T.cel;

export const formatFunctions = [
  ...FORMAT_NAMES.map((name) => celFunc(`format.${name}`, [], F, () => libraryValue(FORMAT_T, name))),
  celFunc('format.named', [STRING], listType(F), (name) => (name in VALIDATORS ? optionalOf(libraryValue(FORMAT_T, name) as never) : optionalNone())),
  celMethod('validate', F, [STRING], listType(listType(STRING)), function (s) {
    const errors = VALIDATORS[textOf(this)](s);
    return errors.length === 0 ? optionalNone() : optionalOf(celList(errors));
  }),
];
