// Accepting a definition's names (upstream's NamingConditionController): a requested name is
// accepted when it is already this definition's accepted name or no other definition of the same
// group has accepted it; the NamesAccepted condition says which name conflicts. Established goes
// True once the names are accepted (the EstablishingController), and stays True afterwards.

import { KObject } from '../resources/model.js';
import { CrdCondition, ESTABLISHED, NAMES_ACCEPTED, findCondition } from './conditions.js';

export interface NamingResult {
  acceptedNames: KObject;
  namesAccepted: CrdCondition;
  established: CrdCondition;
}

const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The names other definitions of the group have accepted: resource names and kinds. */
function claimedNames(group: string, others: KObject[]): { resources: Set<string>; kinds: Set<string> } {
  const resources = new Set<string>();
  const kinds = new Set<string>();
  for (const o of others) {
    if (o.spec?.group !== group) continue;
    const a = o.status?.acceptedNames ?? {};
    for (const n of [a.plural, a.singular, ...strs(a.shortNames)]) if (n) resources.add(n);
    for (const n of [a.kind, a.listKind]) if (n) kinds.add(n);
  }
  return { resources, kinds };
}

function conflict(requested: string | undefined, accepted: string | undefined, used: Set<string>): string | undefined {
  if ((requested ?? '') === (accepted ?? '')) return undefined;
  if (!requested || !used.has(requested)) return undefined;
  return `"${requested}" is already in use`;
}

/** calculateNamesAndConditions for `crd`, given every other definition of its workspace. */
export function calculateNames(crd: KObject, others: KObject[]): NamingResult {
  const requested: KObject = crd.spec?.names ?? {};
  const accepted: KObject = crd.status?.acceptedNames ?? {};
  const next: KObject = { ...accepted };
  const { resources, kinds } = claimedNames(crd.spec?.group, others);
  let failure: { reason: string; message: string } | undefined;
  const check = (field: string, used: Set<string>, reason: string): void => {
    const err = conflict(requested[field], accepted[field], used);
    if (err) failure = { reason, message: err };
    else if (requested[field] !== undefined) next[field] = requested[field];
    else delete next[field];
  };
  check('plural', resources, 'PluralConflict');
  check('singular', resources, 'SingularConflict');
  const requestedShort = strs(requested.shortNames);
  if (JSON.stringify(requestedShort) !== JSON.stringify(strs(accepted.shortNames))) {
    const mine = new Set(strs(accepted.shortNames));
    const errs = requestedShort.filter((s) => !mine.has(s)).map((s) => conflict(s, '', resources)).filter((e): e is string => !!e);
    if (errs.length) failure = { reason: 'ShortNamesConflict', message: errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]` };
    else if (requestedShort.length) next.shortNames = requestedShort;
    else delete next.shortNames;
  }
  check('kind', kinds, 'KindConflict');
  check('listKind', kinds, 'ListKindConflict');
  if (strs(requested.categories).length) next.categories = strs(requested.categories);
  else delete next.categories;

  const namesAccepted: CrdCondition = failure
    ? { type: NAMES_ACCEPTED, status: 'False', ...failure }
    : { type: NAMES_ACCEPTED, status: 'True', reason: 'NoConflicts', message: 'no conflicts found' };
  let established: CrdCondition = findCondition(crd, ESTABLISHED) ?? { type: ESTABLISHED, status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' };
  if (established.status !== 'True' && namesAccepted.status === 'True') {
    // Upstream's two controllers reach this in two writes (Installing, then InitialNamesAccepted);
    // here the names and the Established condition are decided together.
    established = { type: ESTABLISHED, status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' };
  }
  return { acceptedNames: next, namesAccepted, established };
}
