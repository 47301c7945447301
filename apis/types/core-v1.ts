// core/v1 kinds other than pods: namespaces, configuration and credentials, events, services,
// storage claims and quota policy, with everything they reach outside the pod spec
// (the pod graph lives in core-v1-pod.ts, in the same package).

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('core/v1', `
// ---- Namespace ----

Namespace                                    # A scope for names and policy that groups namespaced objects.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   NamespaceSpec     2              # Desired behaviour of the namespace.
  status                 NamespaceStatus   3              # Observed state of the namespace.

NamespaceSpec                                # Desired behaviour of a namespace.
  finalizers             []string          1   list=atomic # Tokens that must all be cleared before the namespace is removed from storage.

NamespaceStatus                              # Observed state of a namespace.
  phase                  string            1   enum=Active|Terminating # Lifecycle phase: Active, or Terminating while its content is deleted.
  conditions             []NamespaceCondition 2 merge=type list=map keys=type # Latest observations of the namespace's state.

NamespaceCondition                           # One observation about a namespace.
  type                   string            1   req keep   # Kind of condition.
  status                 string            2   req keep   # True, False or Unknown.
  lastTransitionTime     meta/v1:Time      4              # When the status last changed.
  reason                 string            5              # Machine-readable CamelCase cause of the last transition.
  message                string            6              # Human-readable details of the last transition.

// ---- ConfigMap, Secret, ServiceAccount ----

ConfigMap                                    # Non-confidential configuration data as key/value pairs.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  immutable              bool              4   ptr        # When true, data and binaryData can no longer be changed.
  data                   map[string]string 2              # UTF-8 configuration values by key.
  binaryData             map[string]bytes  3              # Binary configuration values by key, base64 in JSON; keys must not repeat those of data.

Secret                                       # Confidential data such as passwords, tokens or keys.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  immutable              bool              5   ptr        # When true, data can no longer be changed.
  data                   map[string]bytes  2              # Secret values by key, base64 in JSON.
  stringData             map[string]string 4              # Write-only plain-text values merged into data on write; never returned.
  type                   string            3              # What the secret holds, which decides the keys it must have (Opaque by default).

ServiceAccount                               # An identity for processes that run in pods.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  secrets                []ObjectReference 2   merge=name list=map keys=name # Secrets in the same namespace that pods using this account may use.
  imagePullSecrets       []LocalObjectReference 3 list=atomic # Secrets used to pull images for pods that use this account.
  automountServiceAccountToken bool        4   ptr        # Whether pods using this account get an API token mounted automatically.

// ---- Event ----

Event                                        # A report of something that happened to an object.
  metadata               meta/v1:ObjectMeta 1  req        # Standard object metadata.
  involvedObject         ObjectReference   2   req        # The object the event is about.
  reason                 string            3              # Short machine-readable cause of the event.
  message                string            4              # Human-readable description of what happened.
  source                 EventSource       5              # The component that reported the event.
  firstTimestamp         meta/v1:Time      6              # When the event was first recorded.
  lastTimestamp          meta/v1:Time      7              # When the event was most recently recorded.
  count                  int32             8              # How many times the event has happened.
  type                   string            9              # Normal or Warning.
  eventTime              meta/v1:MicroTime 10             # When the event was first observed, with microsecond precision.
  series                 EventSeries       11             # The series this event belongs to; absent for a one-off event.
  action                 string            12             # What was done, or failed to be done, to the object.
  related                ObjectReference   13             # A second object involved in the event.
  reportingComponent     string            14  keep       # Name of the controller that emitted the event.
  reportingInstance      string            15  keep       # Identifier of the controller instance that emitted the event.

EventSource                                  # The component and host an event came from.
  component              string            1              # Component that generated the event.
  host                   string            2              # Node on which the event was generated.

EventSeries                                  # Bookkeeping for an event that keeps recurring.
  count                  int32             1              # Occurrences so far in the series.
  lastObservedTime       meta/v1:MicroTime 2              # When the latest occurrence was seen.

ObjectReference atomic                       # Points at an object, or a part of one, anywhere in the workspace.
  kind                   string            1              # Kind of the target.
  namespace              string            2              # Namespace of the target.
  name                   string            3              # Name of the target.
  uid                    string            4              # UID of the target.
  apiVersion             string            5              # API version of the target.
  resourceVersion        string            6              # Exact resourceVersion referred to, if any.
  fieldPath              string            7              # Path to a part of the target, such as "spec.containers{app}".

// ---- Service ----

Service                                      # A stable name and virtual address in front of a set of pods.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   ServiceSpec       2              # Desired behaviour of the service.
  status                 ServiceStatus     3              # Observed state of the service.

ServiceSpec                                  # How a service is exposed and which pods receive its traffic.
  ports                  []ServicePort     1   merge=port list=map keys=port,protocol # Ports the service exposes.
  selector               map[string]string 2   mapType=atomic # Labels of the pods that receive traffic; empty means endpoints are managed elsewhere.
  clusterIP              string            3              # Virtual IP of the service, "None" for a headless service; usually allocated.
  clusterIPs             []string          18  list=atomic # Virtual IPs of the service, one per IP family; the first equals clusterIP.
  type                   string            4   enum=ClusterIP|ExternalName|LoadBalancer|NodePort # How the service is exposed; ClusterIP by default.
  externalIPs            []string          5   list=atomic # Extra addresses, not managed by Kubernetes, on which nodes accept the service's traffic.
  sessionAffinity        string            7   enum=ClientIP|None # ClientIP keeps a client on the same endpoint; None by default.
  loadBalancerIP         string            8              # Deprecated: a requested load-balancer address, where the provider supports it.
  loadBalancerSourceRanges []string        9   list=atomic # Client address ranges allowed through the cloud load balancer.
  externalName           string            10             # DNS name the service aliases, for type ExternalName.
  externalTrafficPolicy  string            11  enum=Cluster|Local # Whether external traffic goes to any endpoint (Cluster) or only node-local ones (Local).
  healthCheckNodePort    int32             12             # Node port serving health checks for LoadBalancer services with the Local policy.
  publishNotReadyAddresses bool            13             # Publish endpoints for pods even when they are not ready.
  sessionAffinityConfig  SessionAffinityConfig 14         # Settings of session affinity.
  ipFamilies             []string          19  list=atomic # IP families (IPv4, IPv6) of the service, in order.
  ipFamilyPolicy         string            17  ptr enum=PreferDualStack|RequireDualStack|SingleStack # How many IP families the service asks for.
  allocateLoadBalancerNodePorts bool       20  ptr        # Whether LoadBalancer services get node ports allocated; true by default.
  loadBalancerClass      string            21  ptr        # Load-balancer implementation the service belongs to.
  internalTrafficPolicy  string            22  ptr enum=Cluster|Local # Whether cluster-internal traffic goes to any endpoint or only node-local ones.
  trafficDistribution    string            23  ptr        # Preference for how traffic is spread over endpoints, such as PreferClose.

ServicePort                                  # One port a service exposes.
  name                   string            1              # Name of the port, unique within the service; optional with a single port.
  protocol               string            2   enum=SCTP|TCP|UDP default="TCP" # IP protocol of the port.
  appProtocol            string            6   ptr        # Application protocol carried on the port, as a hint to implementations.
  port                   int32             3   req keep   # Port number the service exposes.
  targetPort             intstr:IntOrString 4             # Number or name of the port on the pods; defaults to port.
  nodePort               int32             5              # Port opened on every node for NodePort and LoadBalancer services; usually allocated.

ServiceStatus                                # Observed state of a service.
  loadBalancer           LoadBalancerStatus 1             # State of the load balancer, when there is one.
  conditions             []meta/v1:Condition 2 merge=type list=map keys=type # Latest observations of the service's state.

SessionAffinityConfig                        # Settings of session affinity.
  clientIP               ClientIPConfig    1              # Settings of client-IP based affinity.

ClientIPConfig                               # Settings of client-IP based session affinity.
  timeoutSeconds         int32             1   ptr        # How long a client sticks to an endpoint, in seconds (10800 by default).

LoadBalancerStatus                           # State of a load balancer.
  ingress                []LoadBalancerIngress 1 list=atomic # Addresses at which the load balancer receives traffic.

LoadBalancerIngress                          # One address at which a load balancer receives traffic.
  ip                     string            1              # IP address of the ingress point.
  hostname               string            2              # DNS name of the ingress point.
  ipMode                 string            3   ptr        # How traffic reaches nodes for this IP: VIP or Proxy.
  ports                  []PortStatus      4   list=atomic # State of each service port at this ingress point.

PortStatus                                   # The state of one service port.
  port                   int32             1   req keep   # Number of the service port.
  protocol               string            2   req keep enum=SCTP|TCP|UDP # Protocol of the service port.
  error                  string            3   ptr        # Problem with the port, as a CamelCase (optionally domain-prefixed) reason.

// ---- PersistentVolumeClaim ----

PersistentVolumeClaim                        # A request for storage by a user.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   PersistentVolumeClaimSpec 2      # The storage asked for.
  status                 PersistentVolumeClaimStatus 3    # Observed state of the claim.

PersistentVolumeClaimSpec                    # The storage a claim asks for.
  accessModes            []string          1   list=atomic # Access modes the volume must support, such as ReadWriteOnce.
  selector               meta/v1:LabelSelector 4          # Labels of the volumes that may be bound.
  resources              VolumeResourceRequirements 2     # Minimum resources, such as storage size, the volume must have.
  volumeName             string            3              # Name of the volume bound to the claim.
  storageClassName       string            5   ptr        # StorageClass the claim asks for.
  volumeMode             string            6   ptr enum=Block|Filesystem # Whether the volume is used as a filesystem or a raw block device.
  dataSource             TypedLocalObjectReference 7      # Existing snapshot or claim to fill the new volume from.
  dataSourceRef          TypedObjectReference 8           # Any object, possibly in another namespace, to fill the new volume from.
  volumeAttributesClassName string         9   ptr        # VolumeAttributesClass the claim asks for.

PersistentVolumeClaimStatus                  # Observed state of a claim.
  phase                  string            1   enum=Bound|Lost|Pending # Pending, Bound or Lost.
  accessModes            []string          2   list=atomic # Access modes the bound volume actually has.
  capacity               map[string]resource:Quantity 3   # Resources the bound volume actually has.
  conditions             []PersistentVolumeClaimCondition 4 merge=type list=map keys=type # Latest observations of the claim, such as Resizing.
  allocatedResources     map[string]resource:Quantity 5   # Resources allocated to the claim, which may exceed capacity during a resize.
  allocatedResourceStatuses map[string]string 7 mapType=granular # Progress of a resize, per resource.
  currentVolumeAttributesClassName string  8   ptr        # VolumeAttributesClass currently applied to the volume.
  modifyVolumeStatus     ModifyVolumeStatus 9             # State of a volume attribute change in progress.

PersistentVolumeClaimCondition               # One observation about a claim.
  type                   string            1   req keep   # Kind of condition.
  status                 string            2   req keep   # True, False or Unknown.
  lastProbeTime          meta/v1:Time      3              # When the condition was last checked.
  lastTransitionTime     meta/v1:Time      4              # When the status last changed.
  reason                 string            5              # Machine-readable CamelCase cause of the last transition.
  message                string            6              # Human-readable details of the last transition.

VolumeResourceRequirements                   # Resource amounts a volume must provide.
  limits                 map[string]resource:Quantity 1   # Maximum amounts by resource name.
  requests               map[string]resource:Quantity 2   # Minimum amounts by resource name.

TypedLocalObjectReference atomic             # Points at an object of a given kind in the same namespace.
  apiGroup               string            1   ptr        # API group of the target; empty for the core group.
  kind                   string            2   req keep   # Kind of the target.
  name                   string            3   req keep   # Name of the target.

TypedObjectReference                         # Points at an object of a given kind, possibly in another namespace.
  apiGroup               string            1   ptr        # API group of the target; empty for the core group.
  kind                   string            2   req keep   # Kind of the target.
  name                   string            3   req keep   # Name of the target.
  namespace              string            4   ptr        # Namespace of the target; the claim's own namespace when empty.

ModifyVolumeStatus                           # Progress of a change of a claim's volume attributes.
  targetVolumeAttributesClassName string   1              # VolumeAttributesClass being applied.
  status                 string            2   req keep enum=InProgress|Infeasible|Pending # Pending, InProgress or Infeasible.

// ---- ResourceQuota ----

ResourceQuota                                # Limits on the total resource use of a namespace.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   ResourceQuotaSpec 2              # The limits to enforce.
  status                 ResourceQuotaStatus 3            # Enforced limits and current use.

ResourceQuotaSpec                            # The limits a quota enforces.
  hard                   map[string]resource:Quantity 1   # Hard limits by resource name.
  scopes                 []string          2   list=atomic # Filters an object must match to count against the quota.
  scopeSelector          ScopeSelector     3              # Further filters, as expressions over scopes.

ResourceQuotaStatus                          # Enforced limits and current use of a quota.
  hard                   map[string]resource:Quantity 1   # Hard limits being enforced.
  used                   map[string]resource:Quantity 2   # Current total use in the namespace.

ScopeSelector atomic                         # Filters over quota scopes; all must match.
  matchExpressions       []ScopedResourceSelectorRequirement 1 list=atomic # The scope conditions.

ScopedResourceSelectorRequirement            # One condition on a quota scope.
  scopeName              string            1   req keep enum=BestEffort|CrossNamespacePodAffinity|NotBestEffort|NotTerminating|PriorityClass|Terminating|VolumeAttributesClass # Scope the condition applies to.
  operator               string            2   req keep enum=DoesNotExist|Exists|In|NotIn # In, NotIn, Exists or DoesNotExist.
  values                 []string          3   list=atomic # Values for In and NotIn; empty for Exists and DoesNotExist.

// ---- LimitRange ----

LimitRange                                   # Per-object resource constraints and defaults in a namespace.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   LimitRangeSpec    2              # The constraints to enforce.

LimitRangeSpec                               # The constraints a limit range enforces.
  limits                 []LimitRangeItem  1   req list=atomic # Constraints, each for one kind of object.

LimitRangeItem                               # Resource constraints for one kind of object (Pod, Container or PersistentVolumeClaim).
  type                   string            1   req keep   # Kind of object the constraints apply to.
  max                    map[string]resource:Quantity 2   # Maximum use by resource name.
  min                    map[string]resource:Quantity 3   # Minimum use by resource name.
  default                map[string]resource:Quantity 4   # Limit applied when a container states none.
  defaultRequest         map[string]resource:Quantity 5   # Request applied when a container states none.
  maxLimitRequestRatio   map[string]resource:Quantity 6   # Highest allowed limit-to-request ratio by resource name.
`);
