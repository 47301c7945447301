// apimachinery: object metadata, lists, selectors, status, and the special wire types
// (Time, Quantity, IntOrString, RawExtension) that every API group uses.

import { defineTypes } from '../schema/dsl.js';

export const metaV1 = defineTypes('meta/v1', `
ObjectMeta                                   # Metadata every persisted object carries: identity, labels, ownership and bookkeeping.
  name                   string            1              # Name of the object, unique per kind within its namespace (or the workspace, for cluster-scoped kinds).
  generateName           string            2              # Prefix from which the server generates a unique name when name is empty.
  namespace              string            3              # Namespace the object lives in; empty for cluster-scoped kinds.
  selfLink               string            4              # Deprecated and never set.
  uid                    string            5              # Server-assigned identifier, unique for the object's whole lifetime.
  resourceVersion        string            6              # Opaque version of this object, used for optimistic concurrency and watches.
  generation             int64             7              # Sequence number of changes to the desired state, maintained by the server.
  creationTimestamp      Time              8              # When the server created the object (RFC 3339, UTC).
  deletionTimestamp      Time              9              # When a graceful deletion was requested; set by the server.
  deletionGracePeriodSeconds int64         10  ptr        # Seconds the object has to terminate before it is removed.
  labels                 map[string]string 11             # Key/value pairs used to select and organise objects.
  annotations            map[string]string 12             # Arbitrary non-identifying key/value metadata for tools.
  ownerReferences        []OwnerReference  13  merge=uid list=map keys=uid # Objects this one depends on; the garbage collector removes it when they are gone.
  finalizers             []string          14  strategy=merge list=set # Tokens that must all be removed before the object is deleted.
  managedFields          []ManagedFieldsEntry 17 list=atomic # Which field manager owns which fields (server-side apply bookkeeping).

ListMeta                                     # Metadata of a list response.
  selfLink               string            1              # Deprecated and never set.
  resourceVersion        string            2              # Revision the list was read at; start a watch from here.
  continue               string            3              # Token to fetch the next page; empty when this is the last page.
  remainingItemCount     int64             4   ptr        # Estimated number of items after this page, when known.

OwnerReference atomic                        # Points at an object that owns this one.
  apiVersion             string            5   req keep   # API version of the owner.
  kind                   string            1   req keep   # Kind of the owner.
  name                   string            3   req keep   # Name of the owner.
  uid                    string            4   req keep   # UID of the owner.
  controller             bool              6   ptr        # True when the owner is the managing controller; at most one owner may be.
  blockOwnerDeletion     bool              7   ptr        # When true, foreground deletion of the owner waits for this object to go first.

ManagedFieldsEntry                           # The set of fields one manager owns, for one operation and version.
  manager                string            1              # Name of the field manager.
  operation              string            2              # Apply or Update.
  apiVersion             string            3              # API version the field set refers to.
  time                   Time              4              # When the manager last changed a field.
  fieldsType             string            6              # Format of the field set; always FieldsV1.
  fieldsV1               FieldsV1          7              # The field set as a nested map of field keys.
  subresource            string            8              # Subresource the operation went through, empty for the main resource.

FieldsV1 @fieldsv1                           # A set of fields as a trie of "f:name", "k:{...}", "v:..." and "i:N" keys.
  Raw                    bytes             1

Time @time                                   # A timestamp in RFC 3339 form with second precision.
  seconds                int64             1
  nanos                  int32             2

MicroTime @microtime                         # A timestamp in RFC 3339 form with microsecond precision.
  seconds                int64             1
  nanos                  int32             2

Duration @duration                           # A length of time in Go duration form, such as "1h30m0s".
  duration               int64             1

LabelSelector atomic                         # A query over labels; all conditions must hold. Empty selects everything.
  matchLabels            map[string]string 1              # Labels that must be present with exactly these values.
  matchExpressions       []LabelSelectorRequirement 2 list=atomic # Set-based conditions on labels.

LabelSelectorRequirement                     # One set-based condition on a label.
  key                    string            1   req keep merge=key # Label key the condition applies to.
  operator               string            2   req keep   # In, NotIn, Exists or DoesNotExist.
  values                 []string          3   list=atomic # Values for In and NotIn; must be empty for Exists and DoesNotExist.

FieldSelectorRequirement                     # One condition on a field value.
  key                    string            1   req keep   # Field path the condition applies to.
  operator               string            2   req keep   # In, NotIn, Exists or DoesNotExist.
  values                 []string          3   list=atomic # Values for In and NotIn.

Condition                                    # The state of one aspect of an object at a point in time.
  type                   string            1   req keep   # Kind of condition, in CamelCase.
  status                 string            2   req keep   # True, False or Unknown.
  observedGeneration     int64             3              # The metadata.generation the condition was computed from.
  lastTransitionTime     Time              4   req keep   # When the status last changed.
  reason                 string            5   req keep   # Machine-readable CamelCase cause of the last transition.
  message                string            6   req keep   # Human-readable details of the last transition.

Status                                       # The result of an operation that does not return an object, usually an error.
  metadata               ListMeta          1              # Standard list metadata.
  status                 string            2              # Success or Failure.
  message                string            3              # Human-readable description of the result.
  reason                 string            4              # Machine-readable reason; empty when none applies.
  details                StatusDetails     5   list=atomic # Extra data about the reason, depending on it.
  code                   int32             6              # HTTP status code of the result.

StatusDetails                                # Identifies the object an error is about and lists its causes.
  name                   string            1              # Name of the object concerned.
  group                  string            2              # API group of the object concerned.
  kind                   string            3              # Kind (or resource) of the object concerned.
  uid                    string            6              # UID of the object concerned.
  causes                 []StatusCause     4   list=atomic # Individual problems behind the error.
  retryAfterSeconds      int32             5              # Seconds the client should wait before retrying.

StatusCause                                  # One problem behind an error.
  reason                 string            1              # Machine-readable kind of problem.
  message                string            2              # Human-readable description of the problem.
  field                  string            3              # Path of the field at fault, like "spec.containers[0].name".

DeleteOptions                                # Options for a delete request.
  gracePeriodSeconds     int64             1   ptr        # Seconds to wait before deleting; 0 deletes at once.
  preconditions          Preconditions     2              # Conditions the object must meet to be deleted.
  orphanDependents       bool              3   ptr        # Deprecated: use propagationPolicy.
  propagationPolicy      string            4              # Orphan, Background or Foreground handling of dependents.
  dryRun                 []string          5   list=atomic # "All" to run every step without persisting.
  ignoreStoreReadErrorWithClusterBreakingPotential bool 6 ptr # Delete corrupt objects that cannot be decoded.

Preconditions                                # Conditions checked before an operation.
  uid                    string            1   ptr        # Required UID of the target object.
  resourceVersion        string            2   ptr        # Required resourceVersion of the target object.

Patch                                        # A patch body; its format depends on the request's content type.

WatchEvent                                   # One change delivered to a watcher.
  type                   string            1   req keep   # ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.
  object                 runtime:RawExtension 2 req keep  # The object after the change, or a Status for ERROR.
`);

export const runtime = defineTypes('runtime', `
RawExtension @rawextension                   # An embedded object of any kind.
  raw                    bytes             1

TypeMeta                                     # The kind and apiVersion of an object.
  apiVersion             string            1
  kind                   string            2

Unknown                                      # The protobuf envelope: a typed, encoded object.
  typeMeta               TypeMeta          1   inline
  raw                    bytes             2
  contentEncoding        string            3
  contentType            string            4
`);

export const resource = defineTypes('resource', `
Quantity @quantity                           # A fixed-point number with an optional unit suffix, such as 500m, 1.5Gi or 2.
  string                 string            1
`);

export const intstr = defineTypes('intstr', `
IntOrString @intorstring                     # A value that is either an integer or a string, such as 8080 or "http" or "25%".
  type                   int64             1
  intVal                 int32             2
  strVal                 string            3
`);
