// apiextensions.k8s.io/v1: CustomResourceDefinitions and the JSON Schema dialect they validate
// custom objects with. Field numbers follow the upstream generated.proto of 1.34 (which has no
// observedGeneration on CRD conditions or status yet).
//
// JSONSchemaProps has JSON names the notation cannot spell ("$ref", "x-kubernetes-..."): those fields
// carry their protobuf name and give the JSON one with json=.

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('apiextensions/v1', `
CustomResourceDefinition                     # Adds a kind to the API, served at /apis/<group>/<version>/<plural>; named <plural>.<group>.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   CustomResourceDefinitionSpec 2 req # How the new kind should appear in the API.
  status                 CustomResourceDefinitionStatus 3 # What the server made of the definition.

CustomResourceDefinitionSpec                 # The group, names, scope and versions of a custom kind.
  group                  string            1   req keep   # API group of the kind, like "stable.example.com".
  names                  CustomResourceDefinitionNames 3 req # Plural, singular, kind and other names of the kind.
  scope                  string            4   req keep   # Cluster or Namespaced.
  versions               []CustomResourceDefinitionVersion 7 req list=atomic # Served versions; exactly one is the storage version.
  conversion             CustomResourceConversion 9       # How objects are converted between versions.
  preserveUnknownFields  bool              10             # Deprecated: keep fields the schema does not declare; must be false for structural schemas.

CustomResourceConversion                     # How the server converts custom objects between versions.
  strategy               string            1   req keep   # None (only apiVersion changes) or Webhook.
  webhook                WebhookConversion 2              # The webhook to call when strategy is Webhook.

WebhookConversion                            # A conversion webhook and the review versions it understands.
  clientConfig           WebhookClientConfig 2            # Where and how to call the webhook.
  conversionReviewVersions []string        3   req list=atomic # ConversionReview versions the webhook accepts, in order of preference.

WebhookClientConfig                          # How to reach a webhook: by URL or through a Service.
  url                    string            3   ptr        # Address of the webhook as https://host[:port]/path.
  service                ServiceReference  1              # Service in front of the webhook.
  caBundle               bytes             2              # PEM certificates to verify the webhook's serving certificate.

ServiceReference                             # A Service that fronts a webhook.
  namespace              string            1   req keep   # Namespace of the Service.
  name                   string            2   req keep   # Name of the Service.
  path                   string            3   ptr        # URL path requests are sent to.
  port                   int32             4   ptr        # Port of the Service; 443 by default.

CustomResourceDefinitionVersion              # One version of a custom kind: its schema, subresources and columns.
  name                   string            1   req keep   # Version name, like v1 or v2beta1, served at /apis/<group>/<name>.
  served                 bool              2   req keep   # Whether this version is served by the REST API.
  storage                bool              3   req keep   # Whether objects are stored in this version; exactly one version is.
  deprecated             bool              7              # Whether clients get a deprecation warning for this version.
  deprecationWarning     string            8   ptr        # Replaces the default deprecation warning.
  schema                 CustomResourceValidation 4       # Schema used to validate, prune and default objects of this version.
  subresources           CustomResourceSubresources 5     # The status and scale subresources of this version.
  additionalPrinterColumns []CustomResourceColumnDefinition 6 list=atomic # Columns of table output beside NAME; default is AGE.
  selectableFields       []SelectableField 9   list=atomic # Fields usable in field selectors, besides metadata.name and metadata.namespace.

SelectableField                              # A field that field selectors may use.
  jsonPath               string            1   req keep   # Simple JSON path to a string, boolean or integer field, like .spec.color.

CustomResourceColumnDefinition               # One column of table output.
  name                   string            1   req keep   # Column header.
  type                   string            2   req keep   # OpenAPI type of the cells: integer, number, string, boolean or date.
  format                 string            3              # OpenAPI format of the cells; "name" marks the object's key column.
  description            string            4              # Human-readable description of the column.
  priority               int32             5              # Importance; columns above 0 show only in wide output.
  jsonPath               string            6   req keep   # Simple JSON path evaluated against each object for the cell.

CustomResourceDefinitionNames                # The names a custom kind is known by.
  plural                 string            1   req keep   # Plural resource name, the last URL segment; lower case.
  singular               string            2              # Singular name, lower case; defaults to the lower-cased kind.
  shortNames             []string          3   list=atomic # Short aliases for kubectl, lower case.
  kind                   string            4   req keep   # Kind name, in CamelCase.
  listKind               string            5              # Kind of lists; defaults to <kind>List.
  categories             []string          6   list=atomic # Groups of resources the kind belongs to, like "all".

CustomResourceDefinitionCondition            # The state of one aspect of a definition.
  type                   string            1   req keep   # Established, NamesAccepted, NonStructuralSchema, Terminating or KubernetesAPIApprovalPolicyConformant.
  status                 string            2   req keep   # True, False or Unknown.
  lastTransitionTime     meta/v1:Time      3              # When the status last changed.
  reason                 string            4              # Machine-readable CamelCase cause of the last transition.
  message                string            5              # Human-readable details of the last transition.

CustomResourceDefinitionStatus               # What the server made of a definition.
  conditions             []CustomResourceDefinitionCondition 1 list=map keys=type # Observed state of the definition.
  acceptedNames          CustomResourceDefinitionNames 2  # Names actually served, which may differ from the requested ones on conflict.
  storedVersions         []string          3   list=atomic # Versions objects have ever been stored in; the server keeps old ones until removed here.

CustomResourceValidation                     # The validation schema of one version.
  openAPIV3Schema        JSONSchemaProps   1              # OpenAPI v3 schema used for validation, pruning and defaulting.

CustomResourceSubresources                   # Subresources a custom kind serves.
  status                 CustomResourceSubresourceStatus 1 # When set, /status is served and the main endpoint ignores status changes.
  scale                  CustomResourceSubresourceScale 2 # When set, /scale is served with an autoscaling/v1 Scale.

CustomResourceSubresourceStatus              # Turns on the /status subresource; it has no settings.

CustomResourceSubresourceScale               # Where the scale subresource reads and writes replicas.
  specReplicasPath       string            1   req keep   # JSON path under .spec of the desired replica count, like .spec.replicas.
  statusReplicasPath     string            2   req keep   # JSON path under .status of the observed replica count.
  labelSelectorPath      string            3   ptr        # JSON path under .spec or .status of the selector string, for autoscalers.

JSONSchemaProps                              # A JSON Schema (draft 4 subset) with Kubernetes extensions.
  id                     string            1              # Identifier of the schema.
  schema                 string            2   json=$schema # URI of the meta-schema.
  ref                    string            3   ptr json=$ref # Reference to another schema; not allowed in CRDs.
  description            string            4              # What the value means.
  type                   string            5              # object, array, string, integer, number or boolean.
  format                 string            6              # Format of a string or number, like date-time, int32 or uri.
  title                  string            7              # Short title of the schema.
  default                JSON              8              # Value given to the field when it is absent.
  maximum                double            9   ptr        # Largest allowed number.
  exclusiveMaximum       bool              10             # Whether the maximum itself is excluded.
  minimum                double            11  ptr        # Smallest allowed number.
  exclusiveMinimum       bool              12             # Whether the minimum itself is excluded.
  maxLength              int64             13  ptr        # Longest allowed string, in characters.
  minLength              int64             14  ptr        # Shortest allowed string, in characters.
  pattern                string            15             # Regular expression strings must match.
  maxItems               int64             16  ptr        # Most items allowed in an array.
  minItems               int64             17  ptr        # Fewest items allowed in an array.
  uniqueItems            bool              18             # Whether array items must differ; not allowed in CRDs (use a set list type).
  multipleOf             double            19  ptr        # Numbers must be a multiple of this.
  enum                   []JSON            20  list=atomic # The only values allowed.
  maxProperties          int64             21  ptr        # Most properties allowed in an object.
  minProperties          int64             22  ptr        # Fewest properties allowed in an object.
  required               []string          23  list=atomic # Properties that must be present.
  items                  JSONSchemaPropsOrArray 24        # Schema of array items: one schema, or one per position.
  allOf                  []JSONSchemaProps 25  list=atomic # Schemas the value must all satisfy.
  oneOf                  []JSONSchemaProps 26  list=atomic # Schemas of which the value must satisfy exactly one.
  anyOf                  []JSONSchemaProps 27  list=atomic # Schemas of which the value must satisfy at least one.
  not                    JSONSchemaProps   28             # A schema the value must not satisfy.
  properties             map[string]JSONSchemaProps 29    # Schemas of the object's named properties.
  additionalProperties   JSONSchemaPropsOrBool 30         # Schema of further properties, or whether they are allowed.
  patternProperties      map[string]JSONSchemaProps 31    # Schemas of properties whose names match a pattern; not allowed in CRDs.
  dependencies           map[string]JSONSchemaPropsOrStringArray 32 # Schemas or properties required when a property is present.
  additionalItems        JSONSchemaPropsOrBool 33         # Schema of items beyond the positional ones, or whether they are allowed.
  definitions            map[string]JSONSchemaProps 34    # Named schemas for references; not allowed in CRDs.
  externalDocs           ExternalDocumentation 35         # Further documentation of the value.
  example                JSON              36             # An example value.
  nullable               bool              37             # Whether null is accepted (and kept rather than pruned or defaulted).
  xKubernetesPreserveUnknownFields bool    38  ptr json=x-kubernetes-preserve-unknown-fields # Keep properties the schema does not declare instead of pruning them.
  xKubernetesEmbeddedResource bool         39  json=x-kubernetes-embedded-resource # The value is a whole Kubernetes object with apiVersion, kind and metadata.
  xKubernetesIntOrString bool              40  json=x-kubernetes-int-or-string # The value is an integer or a string.
  xKubernetesListMapKeys []string          41  list=atomic json=x-kubernetes-list-map-keys # Keys identifying items of a map-type list.
  xKubernetesListType    string            42  ptr json=x-kubernetes-list-type # How apply merges the list: atomic, set or map.
  xKubernetesMapType     string            43  ptr json=x-kubernetes-map-type # How apply merges the object: granular or atomic.
  xKubernetesValidations []ValidationRule  44  merge=rule list=map keys=rule json=x-kubernetes-validations # CEL rules the value must satisfy.

ValidationRule                               # A CEL expression a value must satisfy.
  rule                   string            1   req keep   # CEL expression over self (and oldSelf on updates) that must be true.
  message                string            2              # Message shown when the rule fails.
  messageExpression      string            3              # CEL expression giving the failure message; preferred over message.
  reason                 string            4   ptr enum=FieldValueRequired|FieldValueDuplicate|FieldValueInvalid|FieldValueForbidden # Reason returned to the client when the rule fails; FieldValueInvalid by default.
  fieldPath              string            5              # Path, relative to the value, of the field reported on failure.
  optionalOldSelf        bool              6   ptr        # Evaluate the rule on create too, with oldSelf as an optional.

ExternalDocumentation                        # A link to further documentation.
  description            string            1              # What the linked page holds.
  url                    string            2              # Address of the documentation.

JSON @json                                   # Any JSON value.
  raw                    bytes             1

JSONSchemaPropsOrArray @opaque               # A schema or an array of schemas (JSON: an object or an array).
  schema                 JSONSchemaProps   1              # The schema, in the single-schema form.
  jSONSchemas            []JSONSchemaProps 2   list=atomic # The schemas, in the array form.

JSONSchemaPropsOrBool @opaque                # A schema or a boolean (JSON: an object or true/false).
  allows                 bool              1              # The boolean form; true when a schema is given.
  schema                 JSONSchemaProps   2              # The schema form.

JSONSchemaPropsOrStringArray @opaque         # A schema or a list of property names (JSON: an object or an array).
  schema                 JSONSchemaProps   1              # The schema form.
  property               []string          2   list=atomic # The property-name list form.
`);
