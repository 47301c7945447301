// Type assignability with type-parameter substitution, the rules cel-go's checker applies when it
// resolves overloads (checker/types.go): dyn matches anything, null matches message-like types,
// and type parameters bind to the most general type they meet.

import { CelType, T, formatType, isDyn, isDynOrError, isExactType, params } from './types.js';

/** Bindings of type parameters, keyed by parameter name. */
export class Substitutions {
  constructor(private readonly bound = new Map<string, CelType>()) {}
  find(t: CelType): CelType | undefined {
    return t.kind === 'param' ? this.bound.get(t.name) : undefined;
  }
  add(param: CelType, to: CelType): void {
    this.bound.set(formatType(param), to);
  }
  copy(): Substitutions {
    return new Substitutions(new Map(this.bound));
  }
}

function isEqualOrLessSpecific(t1: CelType, t2: CelType): boolean {
  if (isDyn(t1) || t1.kind === 'param') return true;
  if (isDyn(t2) || t2.kind === 'param') return false;
  if (t1.kind !== t2.kind) return false;
  switch (t1.kind) {
    case 'opaque':
    case 'list':
    case 'map': {
      if (t1.kind === 'opaque' && t1.name !== (t2 as typeof t1).name) return false;
      const p1 = params(t1);
      const p2 = params(t2);
      return p1.length === p2.length && p1.every((p, i) => isEqualOrLessSpecific(p, p2[i]));
    }
    case 'type':
      return true;
    default:
      return isExactType(t1, t2);
  }
}

export const mostGeneral = (t1: CelType, t2: CelType): CelType => (isEqualOrLessSpecific(t1, t2) ? t1 : t2);

function notReferencedIn(m: Substitutions, t: CelType, within: CelType): boolean {
  if (isExactType(t, within)) return false;
  if (within.kind === 'param') {
    const sub = m.find(within);
    return sub ? notReferencedIn(m, t, sub) : true;
  }
  return params(within).every((p) => notReferencedIn(m, t, p));
}

function validSubstitution(m: Substitutions, t1: CelType, t2: CelType): [valid: boolean, hasSub: boolean] {
  if (isExactType(t1, t2)) return [true, true];
  const sub = m.find(t2);
  if (sub) {
    if (isExactType(t1, sub)) return [true, true];
    if (assignable(m, t1, sub)) {
      const general = mostGeneral(t1, sub);
      if (notReferencedIn(m, t2, general)) m.add(t2, general);
      return [true, true];
    }
    return [false, true];
  }
  if (notReferencedIn(m, t2, t1)) {
    m.add(t2, t1);
    return [true, false];
  }
  return [false, false];
}

/** Null is assignable to message-like and opaque types, as with cel-go's legacy nullability. */
const nullable = (t: CelType): boolean => ['opaque', 'object', 'any', 'duration', 'timestamp', 'null'].includes(t.kind);

/** Whether a value of t2 may be used where t1 is expected; records bindings in m. */
function assignable(m: Substitutions, t1: CelType, t2: CelType): boolean {
  if (t2.kind === 'param') {
    const [valid, hasSub] = validSubstitution(m, t1, t2);
    if (valid) return true;
    if (hasSub) return false;
  }
  if (t1.kind === 'param') return validSubstitution(m, t2, t1)[0];
  if (isDynOrError(t1) || isDynOrError(t2)) return true;
  if (t1.kind === 'null') return nullable(t2);
  if (t2.kind === 'null') return nullable(t1);
  switch (t1.kind) {
    case 'type':
      return t2.kind === 'type';
    case 'opaque':
    case 'list':
    case 'map': {
      if (t1.kind !== t2.kind || (t1.kind === 'opaque' && t1.name !== (t2 as typeof t1).name)) return false;
      const p1 = params(t1);
      const p2 = params(t2);
      return p1.length === p2.length && p1.every((p, i) => assignable(m, p, p2[i]));
    }
    default:
      return isExactType(t1, t2);
  }
}

/** Assignability that only commits bindings when it succeeds (cel-go isAssignable). */
export function tryAssign(m: Substitutions, t1: CelType, t2: CelType): Substitutions | undefined {
  const c = m.copy();
  return assignable(c, t1, t2) ? c : undefined;
}

export function tryAssignList(m: Substitutions, l1: readonly CelType[], l2: readonly CelType[]): Substitutions | undefined {
  if (l1.length !== l2.length) return undefined;
  const c = m.copy();
  return l1.every((t, i) => assignable(c, t, l2[i])) ? c : undefined;
}

/** Replaces bound parameters; unbound ones become dyn when asked (cel-go substitute). */
export function substitute(m: Substitutions, t: CelType, paramToDyn: boolean): CelType {
  const sub = m.find(t);
  if (sub) return substitute(m, sub, paramToDyn);
  switch (t.kind) {
    case 'param':
      return paramToDyn ? T.dyn : t;
    case 'list':
      return T.list(substitute(m, t.elem, paramToDyn));
    case 'map':
      return T.map(substitute(m, t.key, paramToDyn), substitute(m, t.value, paramToDyn));
    case 'opaque':
      return T.opaque(t.name, ...t.params.map((p) => substitute(m, p, paramToDyn)));
    case 'type':
      return t.param ? T.type(substitute(m, t.param, paramToDyn)) : t;
    default:
      return t;
  }
}

/** Renames an overload's type parameters to fresh ones so separate calls do not share bindings. */
export function freshen(t: CelType, rename: Map<string, CelType>): CelType {
  switch (t.kind) {
    case 'param':
      return rename.get(t.name) ?? t;
    case 'list':
      return T.list(freshen(t.elem, rename));
    case 'map':
      return T.map(freshen(t.key, rename), freshen(t.value, rename));
    case 'opaque':
      return T.opaque(t.name, ...t.params.map((p) => freshen(p, rename)));
    case 'type':
      return t.param ? T.type(freshen(t.param, rename)) : t;
    default:
      return t;
  }
}
