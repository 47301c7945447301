// A set of field paths, stored as a trie the way structured-merge-diff's fieldpath.Set is: at
// each level the elements that are members themselves, and the elements that have members
// below them. A path can be both ("a container is owned, and so is its image"), which FieldsV1
// writes as a "." entry next to the children.
//
// Sets are immutable once built: `insert`, `addMember` and `addChild` are for building a new
// set, and the operations (union, difference, ...) may share structure with their inputs.

import { Path, PathElement, compareElements, elementId } from './pathElement.js';

interface Child {
  readonly pe: PathElement;
  readonly set: FieldSet;
}

export class FieldSet {
  private readonly members = new Map<string, PathElement>();
  /** Invariant: every child set is non-empty. */
  private readonly children = new Map<string, Child>();

  static of(...paths: Path[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  /** Adds `p` (not its parents). Inserting the empty path does nothing. */
  insert(p: Path): this {
    if (p.length === 0) return this;
    if (this === EMPTY) throw new Error('the shared empty FieldSet cannot be changed');
    let s: FieldSet = this;
    for (let i = 0; i < p.length - 1; i++) s = s.descend(p[i]);
    s.addMember(p[p.length - 1]);
    return this;
  }

  /** Marks `pe` as a member at this level (for building). */
  addMember(pe: PathElement): void {
    if (this === EMPTY) throw new Error('the shared empty FieldSet cannot be changed');
    const id = elementId(pe);
    if (!this.members.has(id)) this.members.set(id, pe);
  }

  /** The child set of `pe`, created when missing (callers must fill it). */
  private descend(pe: PathElement): FieldSet {
    const id = elementId(pe);
    let c = this.children.get(id);
    if (!c) {
      c = { pe, set: new FieldSet() };
      this.children.set(id, c);
    }
    return c.set;
  }

  /** Adds `set` below `pe`, merged with what is already there (for building). */
  addChild(pe: PathElement, set: FieldSet): void {
    if (set.isEmpty()) return;
    if (this === EMPTY) throw new Error('the shared empty FieldSet cannot be changed');
    const id = elementId(pe);
    const c = this.children.get(id);
    this.children.set(id, { pe, set: c ? c.set.union(set) : set });
  }

  private setChild(pe: PathElement, set: FieldSet): void {
    if (!set.isEmpty()) this.children.set(elementId(pe), { pe, set });
  }

  /** True when `p` itself is a member. */
  has(p: Path): boolean {
    if (p.length === 0) return false;
    let s: FieldSet | undefined = this;
    for (let i = 0; i < p.length - 1 && s; i++) s = s.children.get(elementId(p[i]))?.set;
    return !!s && s.members.has(elementId(p[p.length - 1]));
  }

  hasMember(pe: PathElement): boolean {
    return this.members.has(elementId(pe));
  }

  /** The paths below `pe`, without the prefix (empty when none). */
  withPrefix(pe: PathElement): FieldSet {
    return this.children.get(elementId(pe))?.set ?? EMPTY;
  }

  isEmpty(): boolean {
    return this.members.size === 0 && this.children.size === 0;
  }

  /** Number of member paths. */
  size(): number {
    let n = this.members.size;
    for (const c of this.children.values()) n += c.set.size();
    return n;
  }

  /** Members at this level, in element order. */
  sortedMembers(): PathElement[] {
    return [...this.members.values()].sort(compareElements);
  }

  /** Children at this level, in element order. */
  sortedChildren(): Child[] {
    return [...this.children.values()].sort((a, b) => compareElements(a.pe, b.pe));
  }

  /**
   * Every member path, in upstream's iteration order: at each level the members first, then
   * each child's paths, all in element order.
   */
  paths(): Path[] {
    const out: Path[] = [];
    const walk = (s: FieldSet, prefix: PathElement[]): void => {
      for (const pe of s.sortedMembers()) out.push([...prefix, pe]);
      for (const c of s.sortedChildren()) walk(c.set, [...prefix, c.pe]);
    };
    walk(this, []);
    return out;
  }

  union(o: FieldSet): FieldSet {
    if (o.isEmpty()) return this;
    if (this.isEmpty()) return o;
    const out = new FieldSet();
    for (const [id, pe] of this.members) out.members.set(id, pe);
    for (const [id, pe] of o.members) if (!out.members.has(id)) out.members.set(id, pe);
    for (const [id, c] of this.children) {
      const oc = o.children.get(id);
      out.children.set(id, oc ? { pe: c.pe, set: c.set.union(oc.set) } : c);
    }
    for (const [id, c] of o.children) if (!out.children.has(id)) out.children.set(id, c);
    return out;
  }

  intersection(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [id, pe] of this.members) if (o.members.has(id)) out.members.set(id, pe);
    for (const [id, c] of this.children) {
      const oc = o.children.get(id);
      if (oc) out.setChild(c.pe, c.set.intersection(oc.set));
    }
    return out;
  }

  /**
   * Members of this set that are not members of `o`. A parent stays when only its children
   * are removed, and removing a parent does not remove its children.
   */
  difference(o: FieldSet): FieldSet {
    if (o.isEmpty()) return this;
    const out = new FieldSet();
    for (const [id, pe] of this.members) if (!o.members.has(id)) out.members.set(id, pe);
    for (const [id, c] of this.children) {
      const oc = o.children.get(id);
      if (oc) out.setChild(c.pe, c.set.difference(oc.set));
      else out.children.set(id, c);
    }
    return out;
  }

  /** Like difference, but a member of `o` also removes everything below it. */
  recursiveDifference(o: FieldSet): FieldSet {
    if (o.isEmpty()) return this;
    const out = new FieldSet();
    for (const [id, pe] of this.members) if (!o.members.has(id)) out.members.set(id, pe);
    for (const [id, c] of this.children) {
      if (o.members.has(id)) continue;
      const oc = o.children.get(id);
      if (oc) out.setChild(c.pe, c.set.recursiveDifference(oc.set));
      else out.children.set(id, c);
    }
    return out;
  }

  /**
   * The paths of this set that lie at or below a member of `prefixes` (the opposite of
   * recursiveDifference): with prefixes {status}, only .status and what is below it remain.
   */
  restrictTo(prefixes: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [id, pe] of this.members) if (prefixes.members.has(id)) out.members.set(id, pe);
    for (const [id, c] of this.children) {
      if (prefixes.members.has(id)) out.children.set(id, c);
      else {
        const pc = prefixes.children.get(id);
        if (pc) out.setChild(c.pe, c.set.restrictTo(pc.set));
      }
    }
    return out;
  }

  equals(o: FieldSet): boolean {
    if (this.members.size !== o.members.size || this.children.size !== o.children.size) return false;
    for (const id of this.members.keys()) if (!o.members.has(id)) return false;
    for (const [id, c] of this.children) {
      const oc = o.children.get(id);
      if (!oc || !c.set.equals(oc.set)) return false;
    }
    return true;
  }

  /** One rendered path per line, as fieldpath.Set.String() (handy in test failures). */
  toString(): string {
    return this.paths()
      .map((p) => p.map((pe) => (pe.kind === 'field' ? `.${pe.name}` : elementId(pe))).join(''))
      .join('\n');
  }

  /**
   * A copy with the members and children this set has, where `mapChild` may replace each child
   * set and `extraMembers` are added (used by schema-aware operations).
   */
  rebuild(mapChild: (pe: PathElement, set: FieldSet) => FieldSet, extraMembers: (pe: PathElement) => boolean): FieldSet {
    const out = new FieldSet();
    for (const [id, pe] of this.members) out.members.set(id, pe);
    for (const c of this.children.values()) {
      if (extraMembers(c.pe)) out.addMember(c.pe);
      out.setChild(c.pe, mapChild(c.pe, c.set));
    }
    return out;
  }
}

const EMPTY = new FieldSet();

/** The empty set (shared; never insert into it). */
export function emptySet(): FieldSet {
  return EMPTY;
}
