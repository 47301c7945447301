// The function signatures our checker resolves calls against, with cel-go's overload ids (the cost
// estimator keys on them): CEL's standard library, including the cross-type numeric comparisons
// Kubernetes enables. Library functions live in libraryDeclarations.ts.

import { CelType, T } from './types.js';

export interface Overload {
  id: string;
  /** Receiver-style (`x.f()`): args[0] is the receiver. */
  member: boolean;
  args: CelType[];
  result: CelType;
}

export type Declarations = Map<string, Overload[]>;

const A = T.param('A');
const B = T.param('B');
const { bool, int, uint, double, string, bytes, timestamp, duration } = T;

/** Adds overloads to a declaration table. */
export function declare(table: Declarations, name: string, ...overloads: Overload[]): void {
  table.set(name, [...(table.get(name) ?? []), ...overloads]);
}

export const fn = (id: string, args: CelType[], result: CelType): Overload => ({ id, member: false, args, result });
export const member = (id: string, args: CelType[], result: CelType): Overload => ({ id, member: true, args, result });

const ORDERED: [string, CelType][] = [
  ['bool', bool], ['int64', int], ['uint64', uint], ['double', double],
  ['string', string], ['bytes', bytes], ['timestamp', timestamp], ['duration', duration],
];
const NUMERIC: [string, CelType][] = [['int64', int], ['uint64', uint], ['double', double]];

function comparison(table: Declarations, op: string, idPrefix: string): void {
  const overloads = ORDERED.map(([n, t]) => fn(`${idPrefix}_${n}`, [t, t], bool));
  for (const [ln, lt] of NUMERIC) {
    for (const [rn, rt] of NUMERIC) if (ln !== rn) overloads.push(fn(`${idPrefix}_${ln}_${rn}`, [lt, rt], bool));
  }
  declare(table, op, ...overloads);
}

export function standardDeclarations(table: Declarations): void {
  declare(table, '_?_:_', fn('conditional', [bool, A, A], A));
  declare(table, '_&&_', fn('logical_and', [bool, bool], bool));
  declare(table, '_||_', fn('logical_or', [bool, bool], bool));
  declare(table, '!_', fn('logical_not', [bool], bool));
  declare(table, '@not_strictly_false', fn('not_strictly_false', [bool], bool));
  declare(table, '_==_', fn('equals', [A, A], bool));
  declare(table, '_!=_', fn('not_equals', [A, A], bool));
  declare(
    table,
    '_+_',
    fn('add_bytes', [bytes, bytes], bytes),
    fn('add_double', [double, double], double),
    fn('add_duration_duration', [duration, duration], duration),
    fn('add_duration_timestamp', [duration, timestamp], timestamp),
    fn('add_timestamp_duration', [timestamp, duration], timestamp),
    fn('add_int64', [int, int], int),
    fn('add_list', [T.list(A), T.list(A)], T.list(A)),
    fn('add_string', [string, string], string),
    fn('add_uint64', [uint, uint], uint),
  );
  declare(table, '_/_', fn('divide_double', [double, double], double), fn('divide_int64', [int, int], int), fn('divide_uint64', [uint, uint], uint));
  declare(table, '_%_', fn('modulo_int64', [int, int], int), fn('modulo_uint64', [uint, uint], uint));
  declare(table, '_*_', fn('multiply_double', [double, double], double), fn('multiply_int64', [int, int], int), fn('multiply_uint64', [uint, uint], uint));
  declare(table, '-_', fn('negate_double', [double], double), fn('negate_int64', [int], int));
  declare(
    table,
    '_-_',
    fn('subtract_double', [double, double], double),
    fn('subtract_duration_duration', [duration, duration], duration),
    fn('subtract_int64', [int, int], int),
    fn('subtract_timestamp_duration', [timestamp, duration], timestamp),
    fn('subtract_timestamp_timestamp', [timestamp, timestamp], duration),
    fn('subtract_uint64', [uint, uint], uint),
  );
  comparison(table, '_<_', 'less');
  comparison(table, '_<=_', 'less_equals');
  comparison(table, '_>_', 'greater');
  comparison(table, '_>=_', 'greater_equals');
  declare(table, '_[_]', fn('index_list', [T.list(A), int], A), fn('index_map', [T.map(A, B), A], B));
  declare(table, '@in', fn('in_list', [A, T.list(A)], bool), fn('in_map', [A, T.map(A, B)], bool));
  declare(
    table,
    'size',
    fn('size_bytes', [bytes], int),
    member('bytes_size', [bytes], int),
    fn('size_list', [T.list(A)], int),
    member('list_size', [T.list(A)], int),
    fn('size_map', [T.map(A, B)], int),
    member('map_size', [T.map(A, B)], int),
    fn('size_string', [string], int),
    member('string_size', [string], int),
  );
  declare(table, 'type', fn('type', [A], T.type(A)));
  declare(table, 'bool', fn('bool_to_bool', [bool], bool), fn('string_to_bool', [string], bool));
  declare(table, 'bytes', fn('bytes_to_bytes', [bytes], bytes), fn('string_to_bytes', [string], bytes));
  declare(
    table,
    'double',
    fn('double_to_double', [double], double),
    fn('int64_to_double', [int], double),
    fn('string_to_double', [string], double),
    fn('uint64_to_double', [uint], double),
  );
  declare(table, 'duration', fn('duration_to_duration', [duration], duration), fn('int64_to_duration', [int], duration), fn('string_to_duration', [string], duration));
  declare(table, 'dyn', fn('to_dyn', [A], T.dyn));
  declare(
    table,
    'int',
    fn('int64_to_int64', [int], int),
    fn('double_to_int64', [double], int),
    fn('duration_to_int64', [duration], int),
    fn('string_to_int64', [string], int),
    fn('timestamp_to_int64', [timestamp], int),
    fn('uint64_to_int64', [uint], int),
  );
  declare(
    table,
    'string',
    fn('string_to_string', [string], string),
    fn('bool_to_string', [bool], string),
    fn('bytes_to_string', [bytes], string),
    fn('double_to_string', [double], string),
    fn('duration_to_string', [duration], string),
    fn('int64_to_string', [int], string),
    fn('timestamp_to_string', [timestamp], string),
    fn('uint64_to_string', [uint], string),
  );
  declare(table, 'timestamp', fn('timestamp_to_timestamp', [timestamp], timestamp), fn('int64_to_timestamp', [int], timestamp), fn('string_to_timestamp', [string], timestamp));
  declare(
    table,
    'uint',
    fn('uint64_to_uint64', [uint], uint),
    fn('double_to_uint64', [double], uint),
    fn('int64_to_uint64', [int], uint),
    fn('string_to_uint64', [string], uint),
  );
  declare(table, 'contains', member('contains_string', [string, string], bool));
  declare(table, 'endsWith', member('ends_with_string', [string, string], bool));
  declare(table, 'startsWith', member('starts_with_string', [string, string], bool));
  declare(table, 'matches', fn('matches', [string, string], bool), member('matches_string', [string, string], bool));
  const timestampAccessors: [string, string][] = [
    ['getFullYear', 'year'], ['getMonth', 'month'], ['getDayOfYear', 'day_of_year'], ['getDayOfMonth', 'day_of_month'],
    ['getDate', 'day_of_month_1_based'], ['getDayOfWeek', 'day_of_week'], ['getHours', 'hours'], ['getMinutes', 'minutes'],
    ['getSeconds', 'seconds'], ['getMilliseconds', 'milliseconds'],
  ];
  for (const [name, id] of timestampAccessors) {
    declare(table, name, member(`timestamp_to_${id}`, [timestamp], int), member(`timestamp_to_${id}_with_tz`, [timestamp, string], int));
  }
  for (const [name, id] of [['getHours', 'hours'], ['getMinutes', 'minutes'], ['getSeconds', 'seconds'], ['getMilliseconds', 'milliseconds']]) {
    declare(table, name, member(`duration_to_${id}`, [duration], int));
  }
}

/** Identifiers that name types, so `type(x) == int` compiles. */
export const TYPE_IDENTIFIERS: ReadonlyMap<string, CelType> = new Map([
  ['bool', T.type(bool)],
  ['bytes', T.type(bytes)],
  ['double', T.type(double)],
  ['int', T.type(int)],
  ['uint', T.type(uint)],
  ['string', T.type(string)],
  ['null_type', T.type(T.null)],
  ['type', T.type(T.type())],
  ['list', T.type(T.list(T.dyn))],
  ['map', T.type(T.map(T.dyn, T.dyn))],
  ['google.protobuf.Timestamp', T.type(timestamp)],
  ['google.protobuf.Duration', T.type(duration)],
]);
