// sync.kplane.io/v1alpha1: kplane's own syncer API. A platform team registers each member cluster
// as a SyncTarget in a compute workspace; tenants place the namespaces of their workspace on
// targets with a Placement. Both kinds are cluster-scoped within their workspace: a Placement
// selects namespaces, so it cannot live inside one.

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('sync/v1alpha1', `
SyncTarget                                   # A member cluster that a syncer agent runs in; its labels are what placements select.
  metadata               meta/v1:ObjectMeta -             # Standard object metadata; labels (region, provider, ...) drive placement.
  spec                   SyncTargetSpec    -              # What the platform team allows on the target.
  status                 SyncTargetStatus  -              # What the agent reports about the member, written by the agent.

SyncTargetSpec                               # What a platform team allows on a member cluster.
  unschedulable          bool              -              # When true, placements choose no new work for the target; placed work stays.
  supportedResources     []string          -   list=set   # Resources the target accepts, as <plural>.<group> ("deployments.apps", "services"); empty accepts all it serves.
  leaseDurationSeconds   int32             -   ptr default=20 # Seconds between agent heartbeats; the target turns not Ready after three missed ones.

SyncTargetStatus                             # The state of a member cluster as its agent reports it.
  conditions             []meta/v1:Condition - merge=type list=map keys=type # Ready, HeartbeatHealthy and ResourcesCompatible, among others.
  lastHeartbeatTime      meta/v1:Time      -              # When the agent last renewed its heartbeat.
  clusterID              string            -              # UID of the member's kube-system namespace, which tells one cluster from another.
  targetKey              string            -              # Short hash naming this target in labels and finalizers of placed objects.
  version                SyncTargetVersion -              # Versions of the member and of the agent.
  distribution           string            -              # Kubernetes distribution of the member, like k3s, eks or kubeadm.
  properties             []ClusterProperty - list=map keys=name # Further facts about the member, like its default storage class.
  syncedResources        []ResourceToSync  - list=map keys=group,resource # Resources the member can take, with whether they are compatible.
  lastAppliedRevision    string            -              # The last workspace revision the agent applied; it resumes from here.

SyncTargetVersion                            # Versions of a member cluster and of its agent.
  kubernetes             string            -              # Kubernetes version of the member, like v1.31.4+k3s1.
  agent                  string            -              # Version of the syncer agent.

ClusterProperty                              # One named fact about a member cluster.
  name                   string            -   req keep   # Name of the property, like defaultStorageClass.
  value                  string            -   req keep   # Value of the property.
  lastObservedTime       meta/v1:Time      -              # When the agent last observed the value.

ResourceToSync                               # A resource a member cluster serves, and whether placed objects of it can go there.
  group                  string            -   keep       # API group; empty for the core group.
  resource               string            -   req keep   # Plural resource name.
  versions               []string          -   list=atomic # Versions the member serves.
  state                  string            -   enum=Pending|Accepted|Incompatible # Whether objects of this resource are synced to the target.

Placement                                    # Places the namespaces of this workspace that match a selector on sync targets of a compute workspace.
  metadata               meta/v1:ObjectMeta -             # Standard object metadata.
  spec                   PlacementSpec     -   req        # Which namespaces go where, and how conflicts and deletions are handled.
  status                 PlacementStatus   -              # The decisions made.

PlacementSpec                                # Which namespaces go to which targets, and under which policies.
  namespaceSelector      meta/v1:LabelSelector -          # Namespaces of this workspace to place; empty selects every namespace.
  location               PlacementLocation -   req        # The compute workspace and the targets there to choose from.
  numberOfTargets        int32             -   ptr default=1 # How many matching targets each namespace is placed on.
  conflictPolicy         string            -   default="Abort" enum=Abort|Adopt # What to do when an object already exists on the member and is not ours: report it (Abort) or take it over (Adopt).
  deletionPolicy         string            -   default="Delete" enum=Delete|Orphan # What happens to the member's copies when objects are removed or unplaced: delete them or leave them.

PlacementLocation                            # Sync targets to choose from.
  workspace              string            -   req keep   # Path of the compute workspace holding the targets, like root:compute; the caller needs "use" on its synctargets.
  selector               meta/v1:LabelSelector -          # Labels the targets must carry; empty selects every target there.

PlacementStatus                              # The observed state of a placement.
  observedGeneration     int64             -              # The metadata.generation the decisions were made for.
  conditions             []meta/v1:Condition - merge=type list=map keys=type # Ready, and Misconfigured when the location cannot be used.
  decisions              []PlacementDecision - list=map keys=namespace,target # Where each selected namespace has been placed.

PlacementDecision                            # One namespace placed on one target.
  namespace              string            -   req keep   # Namespace of this workspace.
  target                 string            -   req keep   # Name of the SyncTarget.
  targetKey              string            -              # Hash naming the target in the labels and finalizers of placed objects.
  downstreamNamespace    string            -              # Namespace on the member that holds the copies.
`);
