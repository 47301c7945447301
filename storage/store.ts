// The Store: the only way the rest of kplane reaches data. SQLite (storage/sqlite/) is the
// embedded implementation; a distributed backend would implement the same interface.
//
// Model: one global, strictly increasing revision numbers every committed change in every
// workspace; an object's metadata.resourceVersion is the revision of its last change. Current
// state and the change log are written in one transaction; concurrent mutations share a
// transaction (group commit) and each caller is answered only after its commit is durable.

/** A JSON object (a Kubernetes object). */
export type JsonObject = Record<string, any>;

/** Identifies an object. `resource` is "<group>/<plural>" ("/configmaps", "apps/deployments"). */
export interface ObjectKey {
  /** Logical cluster id of the workspace ("root" for the root workspace). */
  cluster: string;
  resource: string;
  /** "" for cluster-scoped objects. */
  namespace: string;
  name: string;
}

/** An object as stored: its revision and its JSON text, parsed on demand. */
export interface StoredObject {
  key: ObjectKey;
  rv: number;
  /** The object's JSON, with metadata.resourceVersion equal to String(rv). */
  json: string;
  /** Parsed `json` (a fresh object per call site is NOT guaranteed: treat as read-only). */
  readonly object: JsonObject;
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ChangeEvent {
  type: EventType;
  key: ObjectKey;
  /** Revision of this change. */
  rv: number;
  /** The object after the change (for DELETED: its last state, with resourceVersion = rv). */
  json: string;
  readonly object: JsonObject;
  /** The object before the change (undefined for ADDED, or when it is no longer known). */
  readonly prev?: JsonObject;
}

/** Returned by Mutation.apply to delete the current object. */
export const DELETE = Symbol('delete');
/** Returned by Mutation.apply when nothing changes: no write, no revision, no event. */
export const UNCHANGED = Symbol('unchanged');

export interface TxReader {
  /** Reads another object inside the same transaction (e.g. the namespace of a create). */
  get(key: ObjectKey): StoredObject | undefined;
}

export interface Mutation {
  key: ObjectKey;
  /**
   * Runs inside the write transaction with the current object (undefined when absent), so
   * read-modify-write never races. Returns the object to store (the store sets its
   * metadata.resourceVersion), DELETE, or UNCHANGED. Throwing fails this mutation only; the
   * other mutations of the batch still commit.
   */
  apply(current: StoredObject | undefined, tx: TxReader): JsonObject | typeof DELETE | typeof UNCHANGED;
  /** Run apply but write nothing, consume no revision and emit no event. */
  dryRun?: boolean;
}

export interface MutationResult {
  /** What happened; UNCHANGED when apply returned UNCHANGED. */
  type: EventType | 'UNCHANGED';
  /**
   * The object as stored (for DELETED: its last state). On dry run: the object apply returned,
   * with the current object's resourceVersion (or none, for a create).
   */
  object: JsonObject;
  json: string;
  /** The revision of this change (the current one for UNCHANGED and dry runs). */
  rv: number;
}

export interface ListOptions {
  cluster: string;
  resource: string;
  /** Restrict to one namespace; undefined lists all namespaces (and cluster-scoped objects). */
  namespace?: string;
  /** Only this name (field selector metadata.name=...). */
  name?: string;
  /** Maximum number of items to return; 0 or undefined for all. */
  limit?: number;
  /** Resume after this key, taken from a previous result's `continueAfter`. */
  after?: { namespace: string; name: string };
  /** Keeps only objects for which it returns true (label and field selectors). */
  filter?: (obj: JsonObject) => boolean;
}

export interface ListResult {
  items: StoredObject[];
  /** Revision the list is consistent with (the current revision when it was read). */
  rv: number;
  /** Set when more items may follow: pass it back as `after`. */
  continueAfter?: { namespace: string; name: string };
}

export interface WatchOptions {
  /** Restrict to one workspace; undefined watches every workspace (the syncer's view). */
  cluster?: string;
  resource: string;
  namespace?: string;
  name?: string;
  /**
   * Deliver every change with a revision greater than this one, then live changes. Throws
   * ExpiredError when that part of the change log has been compacted. Undefined: live only.
   */
  fromRv?: number;
}

export interface Watch {
  stop(): void;
}

export type WatchSink = (event: ChangeEvent) => void;

export interface Store {
  get(key: ObjectKey): Promise<StoredObject | undefined>;
  list(opts: ListOptions): Promise<ListResult>;
  mutate(m: Mutation): Promise<MutationResult>;
  /** Starts a watch. Events are delivered in revision order, each exactly once. */
  watch(opts: WatchOptions, sink: WatchSink): Watch;
  /** Keys of every object of one workspace. */
  clusterKeys(cluster: string): Promise<ObjectKey[]>;
  /**
   * Every object of one resource in every workspace, consistent with the returned revision (a
   * full scan: for loading in-memory indexes at start, not for requests).
   */
  listAcrossClusters(resource: string): Promise<ListResult>;
  /** Every workspace (logical cluster id) that holds at least one object. */
  clusters(): Promise<string[]>;
  /**
   * Deletes every object of a workspace: a range delete committed in as few transactions as the
   * batch size allows, with a DELETED event per object. Returns how many objects were deleted.
   */
  deleteCluster(cluster: string): Promise<number>;
  /** The revision of the last committed change. */
  currentRevision(): number;
  /** The oldest revision a watch may resume from (exclusive lower bound of the kept log). */
  compactedRevision(): number;
  /** Drops change-log entries at or below `rv` (never above the current revision). */
  compact(rv: number): Promise<void>;
  close(): Promise<void>;
}

export class ExpiredError extends Error {
  constructor(readonly requested: number, readonly oldest: number) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}
