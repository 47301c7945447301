// What the catalogue states about each served resource: identity, discovery facts, printer
// columns and the small per-kind "strategy" hooks. Handlers stay generic over these entries.

import type { TypeRegistry } from '../schema/registry.js';

/** A Kubernetes object as JSON. */
export type KObject = Record<string, any>;

export type CellValue = string | number | boolean | null;

export interface ColumnDef {
  /** Column header as upstream spells it ("Ready", "Up-to-date"); kubectl upper-cases it. */
  name: string;
  /** OpenAPI type of the cell: string | integer | number | boolean | date. */
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description?: string;
  /** 0 = always shown, 1 = only with -o wide. */
  priority?: number;
  /** Computes the cell from the object (may read `now` for ages). */
  cell: (obj: KObject, now: number) => CellValue;
}

export interface ScaleDef {
  specReplicasPath: string; // ".spec.replicas"
  statusReplicasPath: string; // ".status.replicas"
  labelSelectorPath?: string; // ".status.selector" (string) or ".spec.selector" (LabelSelector)
}

/** Extra subresources listed in discovery (status and scale are described by their own fields). */
export interface SubresourceDef {
  name: string; // "token", "finalize"
  group: string;
  version: string;
  kind: string;
  verbs: string[];
}

export interface FieldError {
  /** "Required" | "Invalid" | "NotSupported" | "Duplicate" | "Forbidden" | "TooLong" | "TooMany" | "NotFound" */
  type: 'Required' | 'Invalid' | 'NotSupported' | 'Duplicate' | 'Forbidden' | 'TooLong' | 'TooMany' | 'NotFound';
  /** Field path like "spec.template.spec.containers[0].image". */
  field: string;
  /**
   * Offending value for Invalid/NotSupported/Duplicate/NotFound (and the count for TooMany). An
   * object with a goString() method is printed by that method: the Go rendering (%#v or String())
   * upstream's message shows for a typed value.
   */
  value?: unknown;
  /** Upstream detail text, e.g. "must be no more than 63 characters". */
  detail?: string;
  /** Supported values for NotSupported. */
  supported?: string[];
}

export interface Strategy {
  /** Applies upstream defaulting (SetDefaults_*) in place; runs on every write after decoding. */
  defaults?(obj: KObject): void;
  /** Create-only preparation after the server set metadata (PrepareForCreate). */
  prepareForCreate?(obj: KObject): void;
  /** Update-only preparation: keep what a main-resource update may not change (PrepareForUpdate). */
  prepareForUpdate?(obj: KObject, old: KObject): void;
  /**
   * The object an update through subresource `name` (other than status and scale) stores, from
   * the request body `obj` and the stored `old`; undefined when the kind has no such subresource.
   */
  updateSubresource?(name: string, obj: KObject, old: KObject): KObject | undefined;
  /**
   * Kind-specific validation beyond structure and names. `old` is set on update; `caller` is who
   * writes (for fields only the system may set).
   */
  validate?(obj: KObject, old?: KObject, caller?: { username: string; groups: string[] }): FieldError[];
  /** True while the kind itself holds the object's deletion (Namespace: spec.finalizers). */
  holdsDeletion?(obj: KObject): boolean;
  /** Marks an object whose deletion has begun but is deferred (Namespace: phase Terminating). */
  beginDeletion?(obj: KObject): void;
}

/** Shared storage between versions or groups (HPA v1 and v2; core and events.k8s.io Events). */
export interface StorageDef {
  /** Storage key of the resource, "<group>/<plural>" ("" group for core), shared by all its versions. */
  resource: string;
  /** The group/version objects are stored in. */
  version: string;
  /** Converts a stored object into this resource's version. */
  fromStorage(obj: KObject): KObject;
  /** Converts an object of this resource's version into the stored version. */
  toStorage(obj: KObject): KObject;
}

/** How object names are validated (upstream ValidateObjectMeta name functions). */
export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path' | 'any';

export interface ResourceDef {
  group: string; // "" for core
  version: string;
  kind: string;
  /** Defaults to kind + "List". */
  listKind?: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  /** Qualified catalogue type of the object, e.g. "apps/v1:Deployment". */
  type: string;
  /** True when a status subresource exists (main writes ignore status; /status writes ignore the rest). */
  status?: boolean;
  scale?: ScaleDef;
  subresources?: SubresourceDef[];
  /** True when metadata.generation is maintained (bumped on every change outside metadata/status). */
  generation?: boolean;
  /** Name validation; defaults to "subdomain". */
  nameRule?: NameRule;
  /**
   * Printer columns for Table output, all of them in upstream order (usually name() first and
   * age() where upstream puts AGE); defaultColumns() when the kind has no printer upstream.
   */
  columns?: ColumnDef[];
  strategy?: Strategy;
  storage?: StorageDef;
  /**
   * Fields besides metadata.name and metadata.namespace that field selectors may use, with the
   * function reading each from an object (events: involvedObject.name, secrets: type, ...).
   */
  selectableFields?: Record<string, (obj: KObject) => string | undefined>;
  /** Not stored: create-only review endpoints answered by the server (SelfSubjectAccessReview...). */
  virtual?: boolean;
  /** Served from a CustomResourceDefinition: no strategic merge patch, schema from the CRD. */
  custom?: CustomResourceHooks;
}

/**
 * What a custom resource's version takes from its CustomResourceDefinition beyond the fields of
 * ResourceDef (apis/crd/served.ts builds it). Validation runs through `strategy.validate`.
 */
export interface CustomResourceHooks {
  /** Name of the definition ("crontabs.stable.example.com"). */
  crd: string;
  /** The version's openAPIV3Schema (JSON), or undefined when the version declares none. */
  schema?: Record<string, any>;
  /**
   * Decodes a request object in place as the custom resource codec does: drops the fields the
   * schema does not declare (returning their paths, "spec.foo") and applies schema defaults.
   */
  decode(obj: KObject): string[];
  /** The schema as catalogue types, for server-side apply (built on first use). */
  ssaTypes(): { registry: TypeRegistry; typeId: string };
  /** Warning sent with every request to a deprecated version. */
  deprecationWarning?: string;
  /** True while the definition is being deleted: new objects are refused. */
  terminating?: boolean;
  /** True once the definition is Established: only then is the resource listed in discovery and OpenAPI. */
  established: boolean;
}

export const STANDARD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
