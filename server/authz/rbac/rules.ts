// Pure RBAC rule logic, behaving like upstream's:
//   - rule matching: pkg/apis/rbac/v1/evaluation_helpers.go and plugin/pkg/auth/authorizer/rbac
//     (RuleAllows): verbs, API groups, "resource/subresource" and "*/subresource", resourceNames,
//     non-resource URLs with a trailing "*";
//   - subject matching: pkg/registry/rbac/validation/rule.go (appliesTo / appliesToUser);
//   - escalation comparison: component-helpers/auth/rbac/validation (Covers, BreakdownRule),
//     pkg/registry/rbac/validation/policy_compact.go (CompactRules) and CompactString.
// Fields of stored objects may be missing; every function treats a missing list as empty.

import { goQuote } from '../../../apis/machinery/goFormat.js';
import { Attributes } from '../authorizer.js';

/** rbac.authorization.k8s.io/v1 PolicyRule as stored (lists may be absent). */
export interface PolicyRule {
  verbs?: readonly string[];
  apiGroups?: readonly string[];
  resources?: readonly string[];
  resourceNames?: readonly string[];
  nonResourceURLs?: readonly string[];
}

export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup?: string;
  kind: string;
  name: string;
}

/** The identity facts subject matching needs (UserInfo fits). */
export interface SubjectUser {
  username: string;
  groups: readonly string[];
}

export const VERB_ALL = '*';
export const API_GROUP_ALL = '*';
export const RESOURCE_ALL = '*';
export const NON_RESOURCE_ALL = '*';
export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

const EMPTY: readonly string[] = Object.freeze([]);

function has(set: readonly string[] | undefined, s: string): boolean {
  if (!set) return false;
  for (let i = 0; i < set.length; i++) if (set[i] === s) return true;
  return false;
}

// ---- matching a request ---------------------------------------------------------------------

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  const verbs = rule.verbs ?? EMPTY;
  for (let i = 0; i < verbs.length; i++) if (verbs[i] === VERB_ALL || verbs[i] === verb) return true;
  return false;
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  const groups = rule.apiGroups ?? EMPTY;
  for (let i = 0; i < groups.length; i++) if (groups[i] === API_GROUP_ALL || groups[i] === group) return true;
  return false;
}

/**
 * `combined` is "resource" or "resource/subresource"; a rule resource "*" matches everything,
 * "*\/scale" matches any resource's scale subresource.
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  const resources = rule.resources ?? EMPTY;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    if (r === RESOURCE_ALL || r === combined) return true;
    if (subresource && r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

/** No resourceNames in the rule means every name (including none). */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames;
  if (!names || names.length === 0) return true;
  return has(names, name);
}

/** A rule URL "*" matches everything; "/apis/*" matches every path with that prefix. */
export function nonResourceURLMatches(rule: PolicyRule, url: string): boolean {
  const urls = rule.nonResourceURLs ?? EMPTY;
  for (let i = 0; i < urls.length; i++) {
    const u = urls[i];
    if (u === NON_RESOURCE_ALL || u === url) return true;
    if (u.endsWith('*') && url.startsWith(trimStars(u))) return true;
  }
  return false;
}

function trimStars(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 42 /* * */) end--;
  return s.slice(0, end);
}

/** True for resource requests (no path); non-resource requests carry `path`. */
export function isResourceRequest(a: Attributes): boolean {
  return a.path === undefined;
}

/** RuleAllows: does one rule grant the request? */
export function ruleAllows(a: Attributes, rule: PolicyRule): boolean {
  if (!verbMatches(rule, a.verb)) return false;
  if (!isResourceRequest(a)) return nonResourceURLMatches(rule, a.path ?? '');
  const sub = a.subresource ?? '';
  const combined = sub ? `${a.resource ?? ''}/${sub}` : a.resource ?? '';
  return apiGroupMatches(rule, a.group ?? '') && resourceMatches(rule, combined, sub) && resourceNameMatches(rule, a.name ?? '');
}

export function rulesAllow(a: Attributes, rules: readonly PolicyRule[]): boolean {
  for (let i = 0; i < rules.length; i++) if (ruleAllows(a, rules[i])) return true;
  return false;
}

// ---- matching a subject -----------------------------------------------------------------------

/** "system:serviceaccount:<ns>:<name>" (serviceaccount.MakeUsername). */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`;
}

/** serviceaccount.MatchesUsername without building the string. */
function matchesServiceAccount(namespace: string, name: string, username: string): boolean {
  const p = SERVICE_ACCOUNT_PREFIX.length;
  if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) return false;
  if (username.length !== p + namespace.length + 1 + name.length) return false;
  return username.startsWith(namespace, p) && username.charCodeAt(p + namespace.length) === 58 /* : */ && username.endsWith(name);
}

/**
 * Does a binding subject name this user? A ServiceAccount subject without a namespace takes the
 * binding's namespace (none for ClusterRoleBindings, which then match nobody).
 */
export function appliesToUser(user: SubjectUser, subject: Subject, bindingNamespace: string): boolean {
  switch (subject?.kind) {
    case 'User':
      return user.username === subject.name;
    case 'Group':
      return has(user.groups, subject.name);
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace;
      if (!ns) return false;
      return matchesServiceAccount(ns, subject.name ?? '', user.username);
    }
    default:
      return false;
  }
}

/** The index of the first subject that names the user, or -1. */
export function appliesTo(user: SubjectUser, subjects: readonly Subject[] | undefined, bindingNamespace: string): number {
  if (!subjects) return -1;
  for (let i = 0; i < subjects.length; i++) if (appliesToUser(user, subjects[i], bindingNamespace)) return i;
  return -1;
}

// ---- covers (escalation checks) -----------------------------------------------------------------

/** One rule per (group, resource, verb[, name]) and per (URL, verb). */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  const verbs = rule.verbs ?? EMPTY;
  for (const group of rule.apiGroups ?? EMPTY) {
    for (const resource of rule.resources ?? EMPTY) {
      for (const verb of verbs) {
        if (rule.resourceNames && rule.resourceNames.length > 0) {
          for (const name of rule.resourceNames) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        } else {
          out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        }
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? EMPTY) {
    for (const verb of verbs) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

function hasAll(set: readonly string[], contains: readonly string[]): boolean {
  for (const c of contains) if (!has(set, c)) return false;
  return true;
}

function resourceCoversAll(set: readonly string[], wanted: readonly string[]): boolean {
  if (has(set, RESOURCE_ALL) || hasAll(set, wanted)) return true;
  for (const path of wanted) {
    if (has(set, path)) continue;
    const slash = path.indexOf('/');
    if (slash < 0) return false;
    if (!has(set, `*/${path.slice(slash + 1)}`)) return false;
  }
  return true;
}

function nonResourceURLCovers(owner: string, sub: string): boolean {
  if (owner === sub) return true;
  return owner.endsWith('*') && sub.startsWith(trimStars(owner));
}

function nonResourceURLsCoverAll(set: readonly string[], wanted: readonly string[]): boolean {
  for (const path of wanted) {
    let covered = false;
    for (const owner of set) {
      if (nonResourceURLCovers(owner, path)) {
        covered = true;
        break;
      }
    }
    if (!covered) return false;
  }
  return true;
}

/** Does the owner rule cover a broken-down rule (at most one verb, resource, name or URL)? */
export function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const ownerVerbs = owner.verbs ?? EMPTY;
  const ownerGroups = owner.apiGroups ?? EMPTY;
  const ownerNames = owner.resourceNames ?? EMPTY;
  const subNames = sub.resourceNames ?? EMPTY;
  const verbOk = has(ownerVerbs, VERB_ALL) || hasAll(ownerVerbs, sub.verbs ?? EMPTY);
  const groupOk = has(ownerGroups, API_GROUP_ALL) || hasAll(ownerGroups, sub.apiGroups ?? EMPTY);
  const resourceOk = resourceCoversAll(owner.resources ?? EMPTY, sub.resources ?? EMPTY);
  const urlOk = nonResourceURLsCoverAll(owner.nonResourceURLs ?? EMPTY, sub.nonResourceURLs ?? EMPTY);
  const nameOk = subNames.length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, subNames);
  return verbOk && groupOk && resourceOk && nameOk && urlOk;
}

/** Whether the owner rules cover the requested ones, and the broken-down rules they miss. */
export function covers(ownerRules: readonly PolicyRule[], requested: readonly PolicyRule[]): { covered: boolean; missing: PolicyRule[] } {
  const missing: PolicyRule[] = [];
  for (const rule of requested) {
    for (const sub of breakdownRule(rule)) {
      let ok = false;
      for (const owner of ownerRules) {
        if (ruleCovers(owner, sub)) {
          ok = true;
          break;
        }
      }
      if (!ok) missing.push(sub);
    }
  }
  return { covered: missing.length === 0, missing };
}

/**
 * CompactRules: rules with one group and one resource (and nothing else) that differ only by
 * verb are merged; the rest are kept as they are.
 */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, { apiGroups: string[]; resources: string[]; verbs: string[] }>();
  for (const r of rules) {
    const isSimple =
      !(r.resourceNames && r.resourceNames.length) &&
      !(r.nonResourceURLs && r.nonResourceURLs.length) &&
      r.apiGroups?.length === 1 &&
      r.resources?.length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = `${r.apiGroups![0]}\u0000${r.resources![0]}`;
    const existing = simple.get(key);
    if (existing) existing.verbs.push(...(r.verbs ?? EMPTY));
    else simple.set(key, { apiGroups: [r.apiGroups![0]], resources: [r.resources![0]], verbs: [...(r.verbs ?? EMPTY)] });
  }
  for (const r of simple.values()) out.push(r);
  return out;
}

/** Go's %q of a []string: ["a" "b"]. */
export function goQuotedList(xs: readonly string[]): string {
  return `[${xs.map(goQuote).join(' ')}]`;
}

/** rbacv1helpers.CompactString: {APIGroups:["apps"], Resources:["deployments"], Verbs:["create"]}. */
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if (r.apiGroups?.length) parts.push(`APIGroups:${goQuotedList(r.apiGroups)}`);
  if (r.resources?.length) parts.push(`Resources:${goQuotedList(r.resources)}`);
  if (r.nonResourceURLs?.length) parts.push(`NonResourceURLs:${goQuotedList(r.nonResourceURLs)}`);
  if (r.resourceNames?.length) parts.push(`ResourceNames:${goQuotedList(r.resourceNames)}`);
  if (r.verbs?.length) parts.push(`Verbs:${goQuotedList(r.verbs)}`);
  return `{${parts.join(', ')}}`;
}

/** Byte-wise string order (Go's sort.Strings). */
export function compareGo(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A key equal for semantically equal rules (absent and empty lists are the same). */
export function ruleKey(r: PolicyRule): string {
  return JSON.stringify([r.verbs ?? EMPTY, r.apiGroups ?? EMPTY, r.resources ?? EMPTY, r.resourceNames ?? EMPTY, r.nonResourceURLs ?? EMPTY]);
}
