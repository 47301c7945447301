// tenancy.kcp.io/v1alpha1: workspaces and workspace types, with the shapes kcp gives them, so kcp
// users and tools (kubectl ws) find what they know.

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('tenancy/v1alpha1', `
Workspace                                    # A child workspace: an endpoint that looks like a cluster of its own, at /clusters/<path>.
  metadata               meta/v1:ObjectMeta -             # Standard object metadata; the name is the last segment of the child's path.
  spec                   WorkspaceSpec     -   req default={} # Type, placement and (set by the system) cluster and URL of the workspace.
  status                 WorkspaceStatus   -   default={} # Phase and conditions of the workspace.

WorkspaceSpec                                # The desired state of a workspace.
  type                   WorkspaceTypeReference -         # The workspace's type; immutable, defaults to the parent type's default child type.
  location               WorkspaceLocation -              # Constraints on where the workspace may be scheduled.
  cluster                string            -              # Logical cluster id the workspace is stored under; set by the system, immutable.
  URL                    string            -   fmt=uri    # Address at which the workspace is served; set by the system.
  mount                  Mount             -              # An object that serves the workspace instead of a logical cluster; immutable.

WorkspaceTypeReference                       # A workspace type, by name and the workspace that defines it.
  name                   string            -   req keep   # Name of the WorkspaceType.
  path                   string            -              # Absolute path of the workspace holding the type, like root:org.

WorkspaceLocation                            # Where a workspace may be scheduled.
  selector               meta/v1:LabelSelector -          # Labels the shard serving the workspace must carry.

Mount                                        # An object that serves a mounted workspace's traffic.
  ref                    ObjectReference   -   req        # The mounted object.

ObjectReference                              # Points at an object by API version, kind, name and namespace.
  apiVersion             string            -   req keep   # API group and version of the object.
  kind                   string            -   req keep   # Kind of the object.
  name                   string            -   req keep   # Name of the object.
  namespace              string            -              # Namespace of the object, if namespaced.

WorkspaceStatus                              # The observed state of a workspace.
  phase                  string            -   default="Scheduling" enum=Scheduling|Initializing|Ready|Unavailable|Inactive|Terminating|Deleting # Where the workspace is in its life-cycle.
  conditions             []corekcp/v1alpha1:Condition -   # WorkspaceScheduled, WorkspaceInitialized, APIBindingsInitialized and other conditions.
  initializers           []string          -              # Initializers that must finish before the workspace is ready.
  terminators            []string          -              # Terminators that must finish before the workspace is deleted.

WorkspaceType                                # Behaviour of the workspaces of one type: initializers, allowed parents and children, defaults.
  metadata               meta/v1:ObjectMeta -             # Standard object metadata; the name is the type's name.
  spec                   WorkspaceTypeSpec -              # What workspaces of this type get and where they may appear.
  status                 WorkspaceTypeStatus -            # Conditions and virtual workspace URLs of the type.

WorkspaceTypeSpec                            # What workspaces of a type get and where they may appear.
  initializer            bool              -              # Whether a controller named <workspace of the type>:<type name> initializes new workspaces.
  terminator             bool              -              # Whether a controller named <workspace of the type>:<type name> must finish before deletion.
  extend                 WorkspaceTypeExtension -         # Types whose initializers and parent/child rules this type inherits.
  additionalWorkspaceLabels map[string]string -           # Labels added to each new workspace of this type.
  defaultChildWorkspaceType WorkspaceTypeReference - default={"name":"universal","path":"root"} # Type given to child workspaces created without one.
  limitAllowedChildren   WorkspaceTypeSelector -          # Which types child workspaces may have.
  limitAllowedParents    WorkspaceTypeSelector -          # Which types the parent workspace may have.
  defaultAPIBindings     []APIExportReference -           # APIs bound in each new workspace while it initializes.
  defaultAPIBindingLifecycle string        -   ptr enum=InitializeOnly|Maintain # Whether the default bindings are created once or kept in place.
  authenticationConfigurations []AuthenticationConfigurationReference - # Further authentication (such as OIDC) for workspaces of this type.
  initializerPermissions []rbac/v1:PolicyRule -           # Rules granted to initializing controllers in the workspace; empty grants the owner's rights.
  terminatorPermissions  []rbac/v1:PolicyRule -           # Rules granted to terminating controllers in the workspace; empty grants the owner's rights.

WorkspaceTypeExtension                       # Other types a type builds on.
  with                   []WorkspaceTypeReference -       # Types whose initializers are added and which this type counts as.

WorkspaceTypeSelector                        # A set of workspace types: none, or the listed ones.
  none                   bool              -              # When true, no type matches.
  types                  []WorkspaceTypeReference -       # Matching types, extensions included; empty matches every type.

APIExportReference                           # An APIExport to bind, by workspace path and name.
  path                   string            -              # Path of the workspace holding the export; empty means the current one.
  export                 string            -   req keep   # Name of the APIExport.

AuthenticationConfigurationReference         # A WorkspaceAuthenticationConfiguration, by name.
  name                   string            -   req keep   # Name of the configuration.

WorkspaceTypeStatus                          # The observed state of a workspace type.
  conditions             []corekcp/v1alpha1:Condition -   # Current state of the type, like VirtualWorkspaceURLsReady.
  virtualWorkspaces      []VirtualWorkspace -             # URLs where controllers of this type reach initializing or terminating workspaces.

VirtualWorkspace                             # A virtual workspace URL for the controllers of a type.
  url                    string            -   req keep   # The URL.
  type                   string            -   enum=initializing|terminating # What the URL serves.
`);
