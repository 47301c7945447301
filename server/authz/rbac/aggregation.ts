// ClusterRole resolution in one workspace: the bootstrap roles plus the workspace's stored ones,
// with aggregation evaluated on the fly instead of by a controller.
//
// A role with an aggregationRule grants the union of the rules of every ClusterRole (bootstrap or
// stored, itself excluded) matching any of its clusterRoleSelectors, like upstream's
// clusterrole-aggregation controller (roles in name order, duplicate rules dropped). Aggregation
// is transitive (admin picks up edit, which picks up view), cycles contribute nothing. The
// stored `rules` of an aggregated role are ignored: upstream's controller overwrites them.
// A stored ClusterRole whose name is a bootstrap one is ignored: the bootstrap role wins.
//
// Bootstrap-only results are computed once; a workspace pays for aggregation only when one of its
// own ClusterRoles carries a label the bootstrap selectors look for, or when a stored aggregated
// role is referenced.

import { KObject } from '../../../apis/resources/model.js';
import { Labels, labelSelectorAsSelector, LabelSelector, Selector } from '../../../apis/machinery/labels.js';
import { BOOTSTRAP_CLUSTER_ROLES } from './bootstrap.js';
import { compareGo, PolicyRule, ruleKey } from './rules.js';

interface RoleEntry {
  readonly name: string;
  readonly labels: Labels;
  /** Own rules (non-aggregated roles). */
  readonly rules: readonly PolicyRule[];
  /** Selectors of an aggregated role; undefined for a plain role. Invalid selectors are dropped. */
  readonly selectors?: readonly Selector[];
  readonly bootstrap: boolean;
}

const NO_RULES: readonly PolicyRule[] = Object.freeze([]);

function selectorsOf(role: KObject): Selector[] | undefined {
  const agg = role.aggregationRule;
  if (agg === undefined || agg === null) return undefined;
  const out: Selector[] = [];
  for (const s of (agg.clusterRoleSelectors ?? []) as LabelSelector[]) {
    try {
      out.push(labelSelectorAsSelector(s));
    } catch {
      // an invalid selector selects nothing (the upstream controller errors on it)
    }
  }
  return out;
}

function entryOf(role: KObject, bootstrap: boolean): RoleEntry {
  const selectors = selectorsOf(role);
  return {
    name: role.metadata?.name ?? '',
    labels: role.metadata?.labels,
    rules: selectors ? NO_RULES : Array.isArray(role.rules) ? role.rules : NO_RULES,
    selectors,
    bootstrap,
  };
}

const BOOTSTRAP_ENTRIES: readonly RoleEntry[] = BOOTSTRAP_CLUSTER_ROLES.map((r) => entryOf(r, true));
const BOOTSTRAP_BY_NAME = new Map(BOOTSTRAP_ENTRIES.map((e) => [e.name, e]));
const BOOTSTRAP_SELECTORS: readonly Selector[] = BOOTSTRAP_ENTRIES.flatMap((e) => e.selectors ?? []);

function matchesAny(selectors: readonly Selector[], labels: Labels): boolean {
  for (const s of selectors) if (s.matches(labels)) return true;
  return false;
}

/** The ClusterRoles visible in one workspace, resolved with aggregation. */
export class ClusterRoleSet {
  private readonly stored = new Map<string, RoleEntry>();
  /** True when a stored role joins a bootstrap aggregation (admin/edit/view). */
  private readonly extendsBootstrap: boolean;
  private readonly memo = new Map<string, readonly PolicyRule[]>();
  private readonly resolving = new Set<string>();

  /** `stored`: the workspace's ClusterRoles as the source returns them. */
  constructor(stored: readonly KObject[]) {
    let extendsBootstrap = false;
    for (const role of stored) {
      const name = role?.metadata?.name;
      if (typeof name !== 'string' || BOOTSTRAP_BY_NAME.has(name)) continue;
      const entry = entryOf(role, false);
      this.stored.set(name, entry);
      if (!extendsBootstrap && matchesAny(BOOTSTRAP_SELECTORS, entry.labels)) extendsBootstrap = true;
    }
    this.extendsBootstrap = extendsBootstrap;
  }

  /** Bootstrap roles only: the same for every workspace. */
  static readonly BOOTSTRAP = new ClusterRoleSet([]);

  has(name: string): boolean {
    return BOOTSTRAP_BY_NAME.has(name) || this.stored.has(name);
  }

  /** The rules a ClusterRole grants, or undefined when there is no such role. */
  rules(name: string): readonly PolicyRule[] | undefined {
    const entry = BOOTSTRAP_BY_NAME.get(name) ?? this.stored.get(name);
    if (!entry) return undefined;
    if (!entry.selectors) return entry.rules;
    if (entry.bootstrap && !this.extendsBootstrap && this !== ClusterRoleSet.BOOTSTRAP) return ClusterRoleSet.BOOTSTRAP.rules(name);
    const done = this.memo.get(name);
    if (done) return done;
    if (this.resolving.has(name)) return NO_RULES;
    this.resolving.add(name);
    try {
      const result = Object.freeze(this.aggregate(entry));
      this.memo.set(name, result);
      return result;
    } finally {
      this.resolving.delete(name);
    }
  }

  private aggregate(entry: RoleEntry): readonly PolicyRule[] {
    const selected: RoleEntry[] = [];
    const consider = (e: RoleEntry) => {
      if (e.name !== entry.name && matchesAny(entry.selectors!, e.labels)) selected.push(e);
    };
    for (const e of BOOTSTRAP_ENTRIES) consider(e);
    for (const e of this.stored.values()) consider(e);
    selected.sort((a, b) => compareGo(a.name, b.name));
    const out: PolicyRule[] = [];
    const seen = new Set<string>();
    for (const e of selected) {
      for (const r of this.rules(e.name) ?? NO_RULES) {
        const key = ruleKey(r);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(r);
      }
    }
    return out;
  }
}

/** The rules of a bootstrap ClusterRole (aggregated ones over bootstrap roles only), or undefined. */
export function bootstrapRules(name: string): readonly PolicyRule[] | undefined {
  return ClusterRoleSet.BOOTSTRAP.rules(name);
}

/** Whether resolving `name` needs the workspace's stored ClusterRoles. */
export function needsStoredRoles(name: string): boolean {
  const e = BOOTSTRAP_BY_NAME.get(name);
  return !e || e.selectors !== undefined;
}
