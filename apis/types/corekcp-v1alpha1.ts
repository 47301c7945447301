// core.kcp.io/v1alpha1: the LogicalCluster object named "cluster" that lives inside every
// workspace and makes it exist, with kcp's shape. Also kcp's Condition, shared by the kcp kinds.

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('corekcp/v1alpha1', `
LogicalCluster                               # The workspace's own record of itself, always named "cluster".
  metadata               meta/v1:ObjectMeta -             # Standard object metadata.
  spec                   LogicalClusterSpec -  default={} # Owner, creator, initializers and terminators of the logical cluster.
  status                 LogicalClusterStatus - default={} # Phase, URL and conditions of the logical cluster.

LogicalClusterSpec                           # Who owns and created a logical cluster, and who must act before it is ready or gone.
  directlyDeletable      bool              -   default=false # Whether deleting this object from inside deletes the logical cluster.
  owner                  LogicalClusterOwner -            # The object (usually a Workspace) whose life-cycle this logical cluster follows.
  createdBy              OwnerUserInfo     -              # The user who created the workspace.
  initializers           []string          -              # Initializers set at creation, copied to status when initialization starts.
  terminators            []string          -              # Terminators set at creation, copied to status when deletion starts.

LogicalClusterOwner                          # The object controlling a logical cluster's life-cycle.
  apiVersion             string            -   req keep   # Group and version of the owner.
  resource               string            -   req keep   # Resource of the owner, like workspaces.
  name                   string            -   req keep   # Name of the owner.
  namespace              string            -              # Namespace of the owner, if namespaced.
  cluster                string            -   req keep   # Logical cluster the owner lives in.
  uid                    string            -   req keep   # UID of the owner.

OwnerUserInfo                                # The user who created a logical cluster.
  username               string            -              # Name of the user.
  groups                 []string          -              # Groups of the user.
  uid                    string            -              # Unique identifier of the user.
  extra                  map[string]authentication/v1:ExtraValue - # Further attributes from the authenticator.

LogicalClusterStatus                         # Observed state of a logical cluster.
  URL                    string            -   fmt=uri    # Address at which the logical cluster is served, /clusters/<id>.
  phase                  string            -   default="Scheduling" enum=Scheduling|Initializing|Ready|Unavailable|Inactive|Terminating|Deleting # Where the logical cluster is in its life-cycle.
  conditions             []Condition       -              # Current processing state of the logical cluster.
  initializers           []string          -              # Initializers still to finish; the phase stays Initializing until none is left.
  terminators            []string          -              # Terminators still to finish; the phase stays Terminating until none is left.

Condition                                    # kcp's condition: the state of one aspect of an object, with a severity.
  type                   string            -   req keep   # Kind of condition, in CamelCase or foo.example.com/CamelCase.
  status                 string            -   req keep   # True, False or Unknown.
  severity               string            -              # Error, Warning or Info; set only when status is False.
  lastTransitionTime     meta/v1:Time      -   req keep   # When the status last changed.
  reason                 string            -              # Machine-readable CamelCase cause of the last transition.
  message                string            -              # Human-readable details of the last transition.
`);
