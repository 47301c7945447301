// Signatures of the libraries kube-apiserver adds to CRD validation rules (apiserver/pkg/cel/
// environment/base.go as of the 1.33 compatibility version): CEL's strings (v2) and sets
// extensions, and the Kubernetes lists, regex, URL, quantity, IP, CIDR, format and semver
// libraries, plus the optional type's methods (oldSelf is optional under optionalOldSelf).

import { Declarations, declare, fn, member } from './declarations.js';
import { CelType, T } from './types.js';

export const QUANTITY = T.struct('kubernetes.Quantity');
export const URL_TYPE = T.struct('kubernetes.URL');
export const FORMAT = T.struct('kubernetes.NamedFormat');
export const SEMVER = T.struct('kubernetes.Semver');
export const IP = T.opaque('net.IP');
export const CIDR = T.opaque('net.CIDR');

const A = T.param('A');
const B = T.param('B');
const { bool, int, uint, double, string, bytes, timestamp, duration } = T;

const COMPARABLE: [string, CelType][] = [
  ['int', int], ['uint', uint], ['double', double], ['bool', bool],
  ['duration', duration], ['timestamp', timestamp], ['string', string], ['bytes', bytes],
];
const SUMMABLE: [string, CelType][] = [['int', int], ['uint', uint], ['double', double], ['duration', duration]];

/** Format names of the format library (format.dns1123Label() ...). */
export const FORMAT_NAMES = [
  'dns1123Label', 'dns1123Subdomain', 'dns1035Label', 'qualifiedName', 'dns1123LabelPrefix',
  'dns1123SubdomainPrefix', 'dns1035LabelPrefix', 'labelValue', 'uri', 'uuid', 'byte', 'date', 'datetime',
];

function strings(t: Declarations): void {
  declare(t, 'charAt', member('string_char_at_int', [string, int], string));
  declare(t, 'indexOf', member('string_index_of_string', [string, string], int), member('string_index_of_string_int', [string, string, int], int));
  declare(t, 'lastIndexOf', member('string_last_index_of_string', [string, string], int), member('string_last_index_of_string_int', [string, string, int], int));
  declare(t, 'lowerAscii', member('string_lower_ascii', [string], string));
  declare(t, 'upperAscii', member('string_upper_ascii', [string], string));
  declare(t, 'replace', member('string_replace_string_string', [string, string, string], string), member('string_replace_string_string_int', [string, string, string, int], string));
  declare(t, 'split', member('string_split_string', [string, string], T.list(string)), member('string_split_string_int', [string, string, int], T.list(string)));
  declare(t, 'substring', member('string_substring_int', [string, int], string), member('string_substring_int_int', [string, int, int], string));
  declare(t, 'trim', member('string_trim', [string], string));
  declare(t, 'join', member('list_join', [T.list(string)], string), member('list_join_string', [T.list(string), string], string));
  declare(t, 'format', member('string_format', [string, T.list(T.dyn)], string));
  declare(t, 'strings.quote', fn('strings_quote', [string], string));
}

function sets(t: Declarations): void {
  declare(t, 'sets.contains', fn('list_sets_contains_list', [T.list(A), T.list(A)], bool));
  declare(t, 'sets.equivalent', fn('list_sets_equivalent_list', [T.list(A), T.list(A)], bool));
  declare(t, 'sets.intersects', fn('list_sets_intersects_list', [T.list(A), T.list(A)], bool));
}

function lists(t: Declarations): void {
  declare(t, 'isSorted', ...COMPARABLE.map(([n, ty]) => member(`list_${n}_is_sorted_bool`, [T.list(ty)], bool)));
  declare(t, 'sum', ...SUMMABLE.map(([n, ty]) => member(`list_${n}_sum_${n}`, [T.list(ty)], ty)));
  declare(t, 'max', ...COMPARABLE.map(([n, ty]) => member(`list_${n}_max_${n}`, [T.list(ty)], ty)));
  declare(t, 'min', ...COMPARABLE.map(([n, ty]) => member(`list_${n}_min_${n}`, [T.list(ty)], ty)));
  declare(t, 'indexOf', member('list_a_index_of_int', [T.list(A), A], int));
  declare(t, 'lastIndexOf', member('list_a_last_index_of_int', [T.list(A), A], int));
}

function regex(t: Declarations): void {
  declare(t, 'find', member('string_find_string', [string, string], string));
  declare(t, 'findAll', member('string_find_all_string', [string, string], T.list(string)), member('string_find_all_string_int', [string, string, int], T.list(string)));
}

function urls(t: Declarations): void {
  declare(t, 'url', fn('string_to_url', [string], URL_TYPE));
  declare(t, 'isURL', fn('is_url_string', [string], bool));
  for (const [name, id] of [['getScheme', 'scheme'], ['getHost', 'host'], ['getHostname', 'hostname'], ['getPort', 'port'], ['getEscapedPath', 'escaped_path']]) {
    declare(t, name, member(`url_get_${id}`, [URL_TYPE], string));
  }
  declare(t, 'getQuery', member('url_get_query', [URL_TYPE], T.map(string, T.list(string))));
}

function quantity(t: Declarations): void {
  declare(t, 'quantity', fn('string_to_quantity', [string], QUANTITY));
  declare(t, 'isQuantity', fn('is_quantity_string', [string], bool));
  declare(t, 'sign', fn('quantity_sign', [QUANTITY], int));
  declare(t, 'isGreaterThan', member('quantity_is_greater_than', [QUANTITY, QUANTITY], bool));
  declare(t, 'isLessThan', member('quantity_is_less_than', [QUANTITY, QUANTITY], bool));
  declare(t, 'compareTo', member('quantity_compare_to', [QUANTITY, QUANTITY], int));
  declare(t, 'asApproximateFloat', member('quantity_get_float', [QUANTITY], double));
  declare(t, 'asInteger', member('quantity_get_int', [QUANTITY], int));
  declare(t, 'isInteger', member('quantity_is_integer', [QUANTITY], bool));
  declare(t, 'add', member('quantity_add', [QUANTITY, QUANTITY], QUANTITY), member('quantity_add_int', [QUANTITY, int], QUANTITY));
  declare(t, 'sub', member('quantity_sub', [QUANTITY, QUANTITY], QUANTITY), member('quantity_sub_int', [QUANTITY, int], QUANTITY));
}

function ip(t: Declarations): void {
  declare(t, 'ip', fn('string_to_ip', [string], IP));
  declare(t, 'family', member('ip_family', [IP], int));
  declare(t, 'ip.isCanonical', fn('ip_is_canonical', [string], bool));
  for (const [name, id] of [
    ['isUnspecified', 'is_unspecified'], ['isLoopback', 'is_loopback'], ['isLinkLocalMulticast', 'is_link_local_multicast'],
    ['isLinkLocalUnicast', 'is_link_local_unicast'], ['isGlobalUnicast', 'is_global_unicast'],
  ]) {
    declare(t, name, member(`ip_${id}`, [IP], bool));
  }
  declare(t, 'isIP', fn('is_ip', [string], bool));
  declare(t, 'string', fn('ip_to_string', [IP], string));
}

function cidr(t: Declarations): void {
  declare(t, 'cidr', fn('string_to_cidr', [string], CIDR));
  declare(t, 'containsIP', member('cidr_contains_ip_string', [CIDR, string], bool), member('cidr_contains_ip_ip', [CIDR, IP], bool));
  declare(t, 'containsCIDR', member('cidr_contains_cidr_string', [CIDR, string], bool), member('cidr_contains_cidr', [CIDR, CIDR], bool));
  declare(t, 'ip', member('cidr_ip', [CIDR], IP));
  declare(t, 'prefixLength', member('cidr_prefix_length', [CIDR], int));
  declare(t, 'masked', member('cidr_masked', [CIDR], CIDR));
  declare(t, 'isCIDR', fn('is_cidr', [string], bool));
  declare(t, 'string', fn('cidr_to_string', [CIDR], string));
}

function format(t: Declarations): void {
  declare(t, 'validate', member('format-validate', [FORMAT, string], T.optional(T.list(string))));
  declare(t, 'format.named', fn('format-named', [string], T.optional(FORMAT)));
  for (const name of FORMAT_NAMES) declare(t, `format.${name}`, fn(`format.${name}`, [], FORMAT));
}

function semver(t: Declarations): void {
  declare(t, 'semver', fn('string_to_semver', [string], SEMVER), fn('string_bool_to_semver', [string, bool], SEMVER));
  declare(t, 'isSemver', fn('is_semver_string', [string], bool), fn('is_semver_string_bool', [string, bool], bool));
  declare(t, 'isGreaterThan', member('semver_is_greater_than', [SEMVER, SEMVER], bool));
  declare(t, 'isLessThan', member('semver_is_less_than', [SEMVER, SEMVER], bool));
  declare(t, 'compareTo', member('semver_compare_to', [SEMVER, SEMVER], int));
  for (const part of ['major', 'minor', 'patch']) declare(t, part, member(`semver_${part}`, [SEMVER], int));
}

/** Methods of optional values and the optional.* constructors (cel-go OptionalTypes). */
function optionals(t: Declarations): void {
  const OPT_A = T.optional(A);
  declare(t, 'optional.of', fn('optional_of', [A], OPT_A));
  declare(t, 'optional.ofNonZeroValue', fn('optional_ofNonZeroValue', [A], OPT_A));
  declare(t, 'optional.none', fn('optional_none', [], OPT_A));
  declare(t, 'value', member('optional_value', [OPT_A], A));
  declare(t, 'hasValue', member('optional_hasValue', [OPT_A], bool));
  declare(t, 'or', member('optional_or_optional', [OPT_A, OPT_A], OPT_A));
  declare(t, 'orValue', member('optional_orValue_value', [OPT_A, A], A));
  declare(t, '_[_]', fn('optional_list_index_int', [T.optional(T.list(A)), int], T.optional(A)), fn('optional_map_index_value', [T.optional(T.map(A, B)), A], T.optional(B)));
}

export function libraryDeclarations(t: Declarations): void {
  strings(t);
  sets(t);
  lists(t);
  regex(t);
  urls(t);
  quantity(t);
  ip(t);
  cidr(t);
  format(t);
  semver(t);
  optionals(t);
}
