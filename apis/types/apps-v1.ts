// apps/v1: the workload controllers that keep pods running from a template — Deployments,
// StatefulSets, DaemonSets and ReplicaSets. In kplane they are desired state only; their status
// is reported back by the syncer.

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('apps/v1', `
Deployment                                   # Rolls out a replicated, interchangeable pod template through ReplicaSets.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   DeploymentSpec    2              # What the deployment should run and how to roll out changes.
  status                 DeploymentStatus  3              # What the deployment controller last observed.

DeploymentSpec                               # The desired state of a Deployment.
  replicas               int32             1   ptr        # Number of pods wanted; 1 when unset.
  selector               meta/v1:LabelSelector 2 req      # Selects the pods this deployment manages; must match the template's labels.
  template               core/v1:PodTemplateSpec 3 req    # The pod every replica is created from.
  strategy               DeploymentStrategy 4  strategy=retainKeys # How running pods are replaced by new ones.
  minReadySeconds        int32             5              # Seconds a new pod must stay ready before it counts as available.
  revisionHistoryLimit   int32             6   ptr        # Old ReplicaSets kept for rollback; 10 when unset.
  paused                 bool              7              # Stops the controller from acting on template changes while true.
  progressDeadlineSeconds int32            9   ptr        # Seconds a rollout may go without progress before it is reported as failed; 600 when unset.

DeploymentStrategy                           # How a Deployment replaces its pods.
  type                   string            1   enum=Recreate|RollingUpdate # Recreate or RollingUpdate (the default).
  rollingUpdate          RollingUpdateDeployment 2        # Rolling update limits, used only with RollingUpdate.

RollingUpdateDeployment                      # Limits that pace a Deployment's rolling update.
  maxUnavailable         intstr:IntOrString 1             # Pods (count or percentage) that may be unavailable during the update; 25% when unset.
  maxSurge               intstr:IntOrString 2             # Pods (count or percentage) that may exist above the desired count; 25% when unset.

DeploymentStatus                             # The observed state of a Deployment.
  observedGeneration     int64             1              # The metadata.generation the controller last acted on.
  replicas               int32             2              # Non-terminating pods selected by this deployment.
  updatedReplicas        int32             3              # Non-terminating pods that run the current template.
  readyReplicas          int32             7              # Non-terminating pods with a Ready condition.
  availableReplicas      int32             4              # Non-terminating pods that have been ready for minReadySeconds.
  unavailableReplicas    int32             5              # Pods still missing before the deployment is fully available.
  terminatingReplicas    int32             9   ptr        # Pods that are shutting down (alpha).
  conditions             []DeploymentCondition 6 merge=type list=map keys=type # Latest observations of the deployment's state.
  collisionCount         int32             8   ptr        # Hash collisions met while naming new ReplicaSets.

DeploymentCondition                          # One aspect of a Deployment's state at a point in time.
  type                   string            1   req keep   # Kind of condition: Available, Progressing or ReplicaFailure.
  status                 string            2   req keep   # True, False or Unknown.
  lastUpdateTime         meta/v1:Time      6              # When the condition was last refreshed.
  lastTransitionTime     meta/v1:Time      7              # When the status last changed.
  reason                 string            4              # Machine-readable CamelCase cause of the last transition.
  message                string            5              # Human-readable details of the last transition.

StatefulSet                                  # Runs pods with stable names, network identities and storage.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   StatefulSetSpec   2              # The identities and pods wanted.
  status                 StatefulSetStatus 3              # What the controller last observed.

StatefulSetSpec                              # The desired state of a StatefulSet.
  replicas               int32             1   ptr        # Number of pods wanted; 1 when unset.
  selector               meta/v1:LabelSelector 2 req      # Selects the pods this set manages; must match the template's labels.
  template               core/v1:PodTemplateSpec 3 req    # The pod every replica is created from, named <set>-<ordinal>.
  volumeClaimTemplates   []core/v1:PersistentVolumeClaim 4 list=atomic # Claims created for every pod and mounted by name.
  serviceName            string            5   keep       # Governing Service that gives pods their DNS names.
  podManagementPolicy    string            6   enum=OrderedReady|Parallel # Whether pods start and stop one by one (OrderedReady) or all at once (Parallel).
  updateStrategy         StatefulSetUpdateStrategy 7      # How pods are replaced when the template changes.
  revisionHistoryLimit   int32             8   ptr        # Revisions kept in the history; 10 when unset.
  minReadySeconds        int32             9              # Seconds a new pod must stay ready before it counts as available.
  persistentVolumeClaimRetentionPolicy StatefulSetPersistentVolumeClaimRetentionPolicy 10 # What happens to claims when the set is deleted or scaled down.
  ordinals               StatefulSetOrdinals 11           # How replica indices are numbered.

StatefulSetUpdateStrategy                    # How a StatefulSet replaces its pods after a template change.
  type                   string            1   enum=RollingUpdate|OnDelete # RollingUpdate (the default) or OnDelete.
  rollingUpdate          RollingUpdateStatefulSetStrategy 2 # Rolling update parameters, used only with RollingUpdate.

RollingUpdateStatefulSetStrategy             # Parameters of a StatefulSet rolling update.
  partition              int32             1   ptr        # Only pods with an ordinal at or above this are updated; 0 when unset.
  maxUnavailable         intstr:IntOrString 2             # Pods (count or percentage) that may be unavailable during the update (alpha).

StatefulSetPersistentVolumeClaimRetentionPolicy # Lifecycle of the claims a StatefulSet creates from its templates.
  whenDeleted            string            1   enum=Retain|Delete # Keep (Retain) or delete (Delete) the claims when the set is deleted.
  whenScaled             string            2   enum=Retain|Delete # Keep (Retain) or delete (Delete) the claims of pods removed by a scale-down.

StatefulSetOrdinals                          # Numbering of a StatefulSet's replicas.
  start                  int32             1   keep       # Index of the first replica; 0 when unset.

StatefulSetStatus                            # The observed state of a StatefulSet.
  observedGeneration     int64             1              # The metadata.generation the controller last acted on.
  replicas               int32             2   req keep   # Pods created by the controller.
  readyReplicas          int32             3              # Pods with a Ready condition.
  currentReplicas        int32             4              # Pods running the currentRevision.
  updatedReplicas        int32             5              # Pods running the updateRevision.
  currentRevision        string            6              # Revision the pods [0, currentReplicas) were created from.
  updateRevision         string            7              # Revision new and updated pods are created from.
  collisionCount         int32             9   ptr        # Hash collisions met while naming new ControllerRevisions.
  conditions             []StatefulSetCondition 10 merge=type list=map keys=type # Latest observations of the set's state.
  availableReplicas      int32             11  keep       # Pods that have been ready for minReadySeconds.

StatefulSetCondition                         # One aspect of a StatefulSet's state at a point in time.
  type                   string            1   req keep   # Kind of condition.
  status                 string            2   req keep   # True, False or Unknown.
  lastTransitionTime     meta/v1:Time      3              # When the status last changed.
  reason                 string            4              # Machine-readable CamelCase cause of the last transition.
  message                string            5              # Human-readable details of the last transition.

DaemonSet                                    # Runs one copy of a pod on every eligible node.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   DaemonSetSpec     2              # The pod to run and how to update it.
  status                 DaemonSetStatus   3              # What the controller last observed.

DaemonSetSpec                                # The desired state of a DaemonSet.
  selector               meta/v1:LabelSelector 1 req      # Selects the pods this daemon set manages; must match the template's labels.
  template               core/v1:PodTemplateSpec 2 req    # The pod run on each matching node.
  updateStrategy         DaemonSetUpdateStrategy 3        # How pods are replaced when the template changes.
  minReadySeconds        int32             4              # Seconds a new pod must stay ready before it counts as available.
  revisionHistoryLimit   int32             6   ptr        # Old revisions kept for rollback; 10 when unset.

DaemonSetUpdateStrategy                      # How a DaemonSet replaces its pods after a template change.
  type                   string            1   enum=RollingUpdate|OnDelete # RollingUpdate (the default) or OnDelete.
  rollingUpdate          RollingUpdateDaemonSet 2         # Rolling update limits, used only with RollingUpdate.

RollingUpdateDaemonSet                       # Limits that pace a DaemonSet's rolling update.
  maxUnavailable         intstr:IntOrString 1             # Nodes (count or percentage) whose pod may be down during the update; 1 when unset.
  maxSurge               intstr:IntOrString 2             # Nodes (count or percentage) that may briefly run an old and a new pod; 0 when unset.

DaemonSetStatus                              # The observed state of a DaemonSet.
  currentNumberScheduled int32             1   req keep   # Nodes that should run the pod and run at least one.
  numberMisscheduled     int32             2   req keep   # Nodes that run the pod but should not.
  desiredNumberScheduled int32             3   req keep   # Nodes that should run the pod.
  numberReady            int32             4   req keep   # Nodes that should run the pod and have a ready one.
  observedGeneration     int64             5              # The metadata.generation the controller last acted on.
  updatedNumberScheduled int32             6              # Nodes running a pod from the current template.
  numberAvailable        int32             7              # Nodes that should run the pod and have an available one.
  numberUnavailable      int32             8              # Nodes that should run the pod and have no available one.
  collisionCount         int32             9   ptr        # Hash collisions met while naming new ControllerRevisions.
  conditions             []DaemonSetCondition 10 merge=type list=map keys=type # Latest observations of the daemon set's state.

DaemonSetCondition                           # One aspect of a DaemonSet's state at a point in time.
  type                   string            1   req keep   # Kind of condition.
  status                 string            2   req keep   # True, False or Unknown.
  lastTransitionTime     meta/v1:Time      3              # When the status last changed.
  reason                 string            4              # Machine-readable CamelCase cause of the last transition.
  message                string            5              # Human-readable details of the last transition.

ReplicaSet                                   # Keeps a given number of identical pods running.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata; labels default to the template's.
  spec                   ReplicaSetSpec    2              # The pods wanted.
  status                 ReplicaSetStatus  3              # What the controller last observed.

ReplicaSetSpec                               # The desired state of a ReplicaSet.
  replicas               int32             1   ptr        # Number of pods wanted; 1 when unset.
  minReadySeconds        int32             4              # Seconds a new pod must stay ready before it counts as available.
  selector               meta/v1:LabelSelector 2 req      # Selects the pods counted against replicas; must match the template's labels.
  template               core/v1:PodTemplateSpec 3        # The pod created when replicas are missing.

ReplicaSetStatus                             # The observed state of a ReplicaSet.
  replicas               int32             1   req keep   # Non-terminating pods last counted.
  fullyLabeledReplicas   int32             2              # Non-terminating pods carrying all of the template's labels.
  readyReplicas          int32             4              # Non-terminating pods with a Ready condition.
  availableReplicas      int32             5              # Non-terminating pods that have been ready for minReadySeconds.
  terminatingReplicas    int32             7   ptr        # Pods that are shutting down (alpha).
  observedGeneration     int64             3              # The metadata.generation the controller last acted on.
  conditions             []ReplicaSetCondition 6 merge=type list=map keys=type # Latest observations of the replica set's state.

ReplicaSetCondition                          # One aspect of a ReplicaSet's state at a point in time.
  type                   string            1   req keep   # Kind of condition, such as ReplicaFailure.
  status                 string            2   req keep   # True, False or Unknown.
  lastTransitionTime     meta/v1:Time      3              # When the status last changed.
  reason                 string            4              # Machine-readable CamelCase cause of the last transition.
  message                string            5              # Human-readable details of the last transition.
`);
