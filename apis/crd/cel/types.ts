// The static types our checker reasons with, shaped like cel-go's types.Type: primitives, lists,
// maps, object types built from a CRD schema (field access and has()), opaque library types
// (optional_type, net.IP), type values and the type parameters overload resolution binds.

export type PrimitiveKind = 'bool' | 'int' | 'uint' | 'double' | 'string' | 'bytes' | 'null' | 'dyn' | 'any' | 'error' | 'timestamp' | 'duration';

export type CelType =
  | { readonly kind: PrimitiveKind }
  | { readonly kind: 'list'; readonly elem: CelType }
  | { readonly kind: 'map'; readonly key: CelType; readonly value: CelType }
  | ObjectType
  | { readonly kind: 'opaque'; readonly name: string; readonly params: readonly CelType[] }
  | { readonly kind: 'type'; readonly param?: CelType }
  | { readonly kind: 'param'; readonly name: string };

/** A message-like type: a schema object (fields by escaped name) or a library struct (no fields). */
export interface ObjectType {
  readonly kind: 'object';
  readonly name: string;
  field(name: string): CelType | undefined;
}

const prim = (kind: PrimitiveKind): CelType => ({ kind });

export const T = {
  bool: prim('bool'),
  int: prim('int'),
  uint: prim('uint'),
  double: prim('double'),
  string: prim('string'),
  bytes: prim('bytes'),
  null: prim('null'),
  dyn: prim('dyn'),
  any: prim('any'),
  error: prim('error'),
  timestamp: prim('timestamp'),
  duration: prim('duration'),
  list: (elem: CelType): CelType => ({ kind: 'list', elem }),
  map: (key: CelType, value: CelType): CelType => ({ kind: 'map', key, value }),
  opaque: (name: string, ...params: CelType[]): CelType => ({ kind: 'opaque', name, params }),
  type: (param?: CelType): CelType => (param ? { kind: 'type', param } : { kind: 'type' }),
  param: (name: string): CelType => ({ kind: 'param', name }),
  optional: (t: CelType): CelType => ({ kind: 'opaque', name: 'optional_type', params: [t] }),
  /** A library struct type such as kubernetes.Quantity: message-like, without fields. */
  struct: (name: string): ObjectType => ({ kind: 'object', name, field: () => undefined }),
};

/** Type parameters of a type (cel-go Parameters()). */
export function params(t: CelType): readonly CelType[] {
  switch (t.kind) {
    case 'list':
      return [t.elem];
    case 'map':
      return [t.key, t.value];
    case 'opaque':
      return t.params;
    case 'type':
      return t.param ? [t.param] : [];
    default:
      return [];
  }
}

/** cel-go FormatCELType: how types appear in compile errors ("list(int)", "map(string, dyn)"). */
export function formatType(t: CelType): string {
  switch (t.kind) {
    case 'error':
      return '!error!';
    case 'list':
      return `list(${formatType(t.elem)})`;
    case 'map':
      return `map(${formatType(t.key)}, ${formatType(t.value)})`;
    case 'object':
      return t.name;
    case 'opaque':
      return t.params.length ? `${t.name}(${t.params.map(formatType).join(', ')})` : t.name;
    case 'type':
      return t.param ? `type(${formatType(t.param)})` : 'type';
    case 'param':
      return t.name;
    default:
      return t.kind;
  }
}

/** Same type, parameters included (cel-go IsExactType). */
export function isExactType(a: CelType, b: CelType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'object') return a.name === (b as ObjectType).name;
  if (a.kind === 'opaque' && a.name !== (b as typeof a).name) return false;
  if (a.kind === 'param') return a.name === (b as typeof a).name;
  const pa = params(a);
  const pb = params(b);
  return pa.length === pb.length && pa.every((p, i) => isExactType(p, pb[i]));
}

export const isDyn = (t: CelType): boolean => t.kind === 'dyn' || t.kind === 'any';
export const isDynOrError = (t: CelType): boolean => isDyn(t) || t.kind === 'error';
export const isOptional = (t: CelType): boolean => t.kind === 'opaque' && t.name === 'optional_type';
