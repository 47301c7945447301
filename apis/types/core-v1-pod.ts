// core/v1: the pod template graph — PodTemplateSpec, PodSpec and everything a pod spec reaches
// (containers, probes, volumes and their sources, security, scheduling). Embedded by every
// workload kind (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob).

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('core/v1', `
// ---------------------------------------------------------------------------------------------
// Template and spec
// ---------------------------------------------------------------------------------------------

PodTemplateSpec                              # The metadata and spec from which a controller creates pods.
  metadata               meta/v1:ObjectMeta 1             # Labels, annotations and other metadata given to each created pod.
  spec                   PodSpec           2              # Desired behaviour of each created pod.

PodSpec                                      # Desired state of a pod: its containers, volumes, scheduling and security settings.
  volumes                []Volume          1   merge=name strategy=merge,retainKeys list=map keys=name # Volumes that the pod's containers can mount.
  initContainers         []Container       20  merge=name list=map keys=name # Containers run in order before the app containers start; restartPolicy Always makes one a sidecar.
  containers             []Container       2   req merge=name list=map keys=name # The pod's application containers; at least one is needed.
  ephemeralContainers    []EphemeralContainer 34 merge=name list=map keys=name # Debugging containers added to a running pod through its subresource.
  restartPolicy          string            3   enum=Always|OnFailure|Never # When containers are restarted after they exit; defaults to Always.
  terminationGracePeriodSeconds int64      4   ptr        # Seconds the pod gets to shut down after the stop signal before it is killed; defaults to 30.
  activeDeadlineSeconds  int64             5   ptr        # Seconds the pod may run, counted from its start, before it is failed.
  dnsPolicy              string            6   enum=ClusterFirstWithHostNet|ClusterFirst|Default|None # How the pod's DNS resolver is configured; defaults to ClusterFirst.
  nodeSelector           map[string]string 7   mapType=atomic # Node labels that a node must carry for the pod to be placed on it.
  serviceAccountName     string            8              # Service account the pod runs as.
  serviceAccount         string            9              # Deprecated alias of serviceAccountName.
  automountServiceAccountToken bool        21  ptr        # Whether a service account token is mounted into the pod automatically.
  nodeName               string            10             # Node the pod is bound to; set by the scheduler, or by hand to bypass it.
  hostNetwork            bool              11             # Run the pod in the node's network namespace.
  hostPID                bool              12             # Run the pod in the node's process ID namespace.
  hostIPC                bool              13             # Run the pod in the node's IPC namespace.
  shareProcessNamespace  bool              27  ptr        # Put all containers of the pod in one shared process namespace.
  securityContext        PodSecurityContext 14            # Security settings for the whole pod, and defaults for its containers.
  imagePullSecrets       []LocalObjectReference 15 merge=name list=map keys=name # Secrets in the pod's namespace used to pull its images.
  hostname               string            16             # Host name of the pod; defaults to a system-chosen value.
  subdomain              string            17             # Subdomain that, with hostname, gives the pod a fully qualified DNS name.
  affinity               Affinity          18             # Node and inter-pod affinity rules for scheduling.
  schedulerName          string            19             # Scheduler responsible for the pod; defaults to default-scheduler.
  tolerations            []Toleration      22  list=atomic # Node taints the pod tolerates.
  hostAliases            []HostAlias       23  merge=ip list=map keys=ip # Extra entries written to the pod's hosts file.
  priorityClassName      string            24             # Name of the PriorityClass giving the pod its priority.
  priority               int32             25  ptr        # Priority value, filled in from priorityClassName by admission.
  dnsConfig              PodDNSConfig      26             # Extra DNS settings merged into those the dnsPolicy produces.
  readinessGates         []PodReadinessGate 28 list=atomic # Extra pod conditions that must be True for the pod to be ready.
  runtimeClassName       string            29  ptr        # RuntimeClass (node.k8s.io) whose handler runs the pod.
  enableServiceLinks     bool              30  ptr        # Whether environment variables describing services are injected; defaults to true.
  preemptionPolicy       string            31  ptr enum=PreemptLowerPriority|Never # Whether the pod may preempt lower-priority pods.
  overhead               map[string]resource:Quantity 32 # Resources consumed by the pod sandbox on top of its containers.
  topologySpreadConstraints []TopologySpreadConstraint 33 merge=topologyKey list=map keys=topologyKey,whenUnsatisfiable # How the pod's replicas spread across topology domains.
  setHostnameAsFQDN      bool              35  ptr        # Use the fully qualified domain name as the pod's hostname.
  os                     PodOS             36             # Operating system the pod's containers need.
  hostUsers              bool              37  ptr        # Run in the host's user namespace (true) or a new one (false).
  schedulingGates        []PodSchedulingGate 38 merge=name list=map keys=name # Gates that hold the pod back from scheduling while any remain.
  resourceClaims         []PodResourceClaim 39 merge=name strategy=merge,retainKeys list=map keys=name # Dynamic resource claims the pod needs before it can start.
  resources              ResourceRequirements 40          # Resources for the pod as a whole, shared by its containers.
  hostnameOverride       string            41  ptr        # Explicit hostname for the pod, taking precedence over hostname and subdomain.

// ---------------------------------------------------------------------------------------------
// Volumes
// ---------------------------------------------------------------------------------------------

Volume                                       # A named volume in a pod that its containers can mount.
  name                   string            1   req keep   # Name of the volume, a DNS label unique within the pod.
  volumeSource           VolumeSource      2   inline     # Where the volume's data comes from; exactly one source may be set.

VolumeSource                                 # The backing storage of a pod volume; only one member may be set.
  hostPath               HostPathVolumeSource 1           # A file or directory on the node.
  emptyDir               EmptyDirVolumeSource 2           # A scratch directory that lives as long as the pod.
  gcePersistentDisk      GCEPersistentDiskVolumeSource 3  # A GCE persistent disk (deprecated in-tree driver).
  awsElasticBlockStore   AWSElasticBlockStoreVolumeSource 4 # An AWS EBS volume (deprecated in-tree driver).
  gitRepo                GitRepoVolumeSource 5            # A git repository cloned into the volume (deprecated).
  secret                 SecretVolumeSource 6             # The keys of a Secret as files.
  nfs                    NFSVolumeSource   7              # An NFS export.
  iscsi                  ISCSIVolumeSource 8              # An iSCSI disk.
  glusterfs              GlusterfsVolumeSource 9          # A GlusterFS volume (removed in-tree driver).
  persistentVolumeClaim  PersistentVolumeClaimVolumeSource 10 # The volume bound to a PersistentVolumeClaim in the same namespace.
  rbd                    RBDVolumeSource   11             # A Ceph RBD image (deprecated in-tree driver).
  flexVolume             FlexVolumeSource  12             # A volume handled by a FlexVolume driver (deprecated).
  cinder                 CinderVolumeSource 13            # An OpenStack Cinder volume (deprecated in-tree driver).
  cephfs                 CephFSVolumeSource 14            # A CephFS mount (deprecated in-tree driver).
  flocker                FlockerVolumeSource 15           # A Flocker dataset (deprecated).
  downwardAPI            DownwardAPIVolumeSource 16       # Pod metadata and resource values as files.
  fc                     FCVolumeSource    17             # A Fibre Channel disk.
  azureFile              AzureFileVolumeSource 18         # An Azure File share (deprecated in-tree driver).
  configMap              ConfigMapVolumeSource 19         # The keys of a ConfigMap as files.
  vsphereVolume          VsphereVirtualDiskVolumeSource 20 # A vSphere virtual disk (deprecated in-tree driver).
  quobyte                QuobyteVolumeSource 21           # A Quobyte volume (deprecated).
  azureDisk              AzureDiskVolumeSource 22         # An Azure data disk (deprecated in-tree driver).
  photonPersistentDisk   PhotonPersistentDiskVolumeSource 23 # A Photon Controller persistent disk (deprecated).
  projected              ProjectedVolumeSource 26         # Several sources (secrets, config maps, downward API, tokens) merged into one directory.
  portworxVolume         PortworxVolumeSource 24          # A Portworx volume (deprecated in-tree driver).
  scaleIO                ScaleIOVolumeSource 25           # A ScaleIO volume (deprecated).
  storageos              StorageOSVolumeSource 27         # A StorageOS volume (deprecated).
  csi                    CSIVolumeSource   28             # An ephemeral volume provided by a CSI driver.
  ephemeral              EphemeralVolumeSource 29         # A volume provisioned from a claim template that lives and dies with the pod.
  image                  ImageVolumeSource 30             # The content of an OCI image or artifact, mounted read-only.

HostPathVolumeSource                         # A path on the node mounted into the pod.
  path                   string            1   req keep   # Path on the node; symlinks are followed.
  type                   string            2   ptr enum=|DirectoryOrCreate|Directory|FileOrCreate|File|Socket|CharDevice|BlockDevice # What must exist at the path, and whether it is created; empty checks nothing.

EmptyDirVolumeSource                         # An initially empty directory that shares the pod's lifetime.
  medium                 string            1              # Storage medium: empty for the node's default, or Memory for tmpfs.
  sizeLimit              resource:Quantity 2              # Largest amount of storage the directory may use.

GCEPersistentDiskVolumeSource                # A Google Compute Engine persistent disk.
  pdName                 string            1   req keep   # Name of the disk in GCE.
  fsType                 string            2              # Filesystem type to mount, such as ext4.
  partition              int32             3              # Partition to mount; 0 means the whole disk.
  readOnly               bool              4              # Mount the disk read-only.

AWSElasticBlockStoreVolumeSource             # An Amazon Elastic Block Store volume.
  volumeID               string            1   req keep   # ID of the EBS volume.
  fsType                 string            2              # Filesystem type to mount, such as ext4.
  partition              int32             3              # Partition to mount; 0 means the whole volume.
  readOnly               bool              4              # Mount the volume read-only.

GitRepoVolumeSource                          # A directory populated by cloning a git repository.
  repository             string            1   req keep   # URL of the repository.
  revision               string            2              # Commit hash to check out.
  directory              string            3              # Target directory name inside the volume; "." clones into the volume root.

SecretVolumeSource                           # Presents the data of a Secret as files.
  secretName             string            1              # Name of the Secret in the pod's namespace.
  items                  []KeyToPath       2   list=atomic # Keys to project and their file paths; all keys when empty.
  defaultMode            int32             3   ptr        # Permission bits of the created files; defaults to 0644.
  optional               bool              4   ptr        # Tolerate a missing Secret or missing keys.

NFSVolumeSource                              # An export of an NFS server.
  server                 string            1   req keep   # Host name or IP address of the server.
  path                   string            2   req keep   # Path of the export on the server.
  readOnly               bool              3              # Mount the export read-only.

ISCSIVolumeSource                            # An iSCSI target disk.
  targetPortal           string            1   req keep   # Target portal address, as IP or IP:port.
  iqn                    string            2   req keep   # iSCSI qualified name of the target.
  lun                    int32             3   req keep   # Logical unit number of the target.
  iscsiInterface         string            4   default="default" # iSCSI interface name for the transport; defaults to "default" (tcp).
  fsType                 string            5              # Filesystem type to mount, such as ext4.
  readOnly               bool              6              # Mount the disk read-only.
  portals                []string          7   list=atomic # Further target portal addresses.
  chapAuthDiscovery      bool              8              # Use CHAP authentication for discovery.
  chapAuthSession        bool              11             # Use CHAP authentication for sessions.
  secretRef              LocalObjectReference 10          # Secret holding the CHAP credentials.
  initiatorName          string            12  ptr        # Custom initiator name for the connection.

GlusterfsVolumeSource                        # A GlusterFS volume.
  endpoints              string            1   req keep   # Name of the Endpoints object listing the Gluster servers.
  path                   string            2   req keep   # Name of the Gluster volume.
  readOnly               bool              3              # Mount the volume read-only.

PersistentVolumeClaimVolumeSource            # Uses the volume bound to a PersistentVolumeClaim.
  claimName              string            1   req keep   # Name of the claim in the pod's namespace.
  readOnly               bool              2              # Mount the volume read-only.

RBDVolumeSource                              # A Ceph RADOS block device.
  monitors               []string          1   req list=atomic # Ceph monitor addresses.
  image                  string            2   req keep   # Name of the RBD image.
  fsType                 string            3              # Filesystem type to mount, such as ext4.
  pool                   string            4   default="rbd" # RADOS pool holding the image.
  user                   string            5   default="admin" # RADOS user name.
  keyring                string            6   default="/etc/ceph/keyring" # Path of the keyring for the user.
  secretRef              LocalObjectReference 7           # Secret holding the user's key, overriding keyring.
  readOnly               bool              8              # Mount the image read-only.

FlexVolumeSource                             # A volume mounted by an exec-based FlexVolume driver.
  driver                 string            1   req keep   # Name of the driver.
  fsType                 string            2              # Filesystem type to mount.
  secretRef              LocalObjectReference 3           # Secret passed to the driver's scripts.
  readOnly               bool              4              # Mount the volume read-only.
  options                map[string]string 5              # Extra options passed to the driver.

CinderVolumeSource                           # An OpenStack Cinder volume.
  volumeID               string            1   req keep   # ID of the Cinder volume.
  fsType                 string            2              # Filesystem type to mount, such as ext4.
  readOnly               bool              3              # Mount the volume read-only.
  secretRef              LocalObjectReference 4           # Secret with the parameters for connecting to OpenStack.

CephFSVolumeSource                           # A CephFS filesystem mount.
  monitors               []string          1   req list=atomic # Ceph monitor addresses.
  path                   string            2              # Path inside the filesystem to mount; defaults to /.
  user                   string            3              # RADOS user name.
  secretFile             string            4              # Path of the user's keyring.
  secretRef              LocalObjectReference 5           # Secret holding the user's key, overriding secretFile.
  readOnly               bool              6              # Mount the filesystem read-only.

FlockerVolumeSource                          # A dataset managed by the Flocker agent.
  datasetName            string            1              # Name of the dataset.
  datasetUUID            string            2              # UUID of the dataset.

DownwardAPIVolumeSource                      # Presents pod fields and container resources as files.
  items                  []DownwardAPIVolumeFile 1 list=atomic # Files to create and what each holds.
  defaultMode            int32             2   ptr        # Permission bits of the created files; defaults to 0644.

DownwardAPIVolumeFile                        # One file of a downward API volume.
  path                   string            1   req keep   # Relative path of the file inside the volume.
  fieldRef               ObjectFieldSelector 2            # Pod field whose value the file holds.
  resourceFieldRef       ResourceFieldSelector 3          # Container resource limit or request the file holds.
  mode                   int32             4   ptr        # Permission bits of this file.

FCVolumeSource                               # A Fibre Channel disk.
  targetWWNs             []string          1   list=atomic # World wide names of the targets.
  lun                    int32             2   ptr        # Logical unit number of the target.
  fsType                 string            3              # Filesystem type to mount, such as ext4.
  readOnly               bool              4              # Mount the disk read-only.
  wwids                  []string          5   list=atomic # World wide identifiers of the volume, as an alternative to targetWWNs with lun.

AzureFileVolumeSource                        # An Azure File Service share.
  secretName             string            1   req keep   # Secret holding the storage account name and key.
  shareName              string            2   req keep   # Name of the share.
  readOnly               bool              3              # Mount the share read-only.

ConfigMapVolumeSource                        # Presents the data of a ConfigMap as files.
  localObjectReference   LocalObjectReference 1 inline    # The ConfigMap, by name.
  items                  []KeyToPath       2   list=atomic # Keys to project and their file paths; all keys when empty.
  defaultMode            int32             3   ptr        # Permission bits of the created files; defaults to 0644.
  optional               bool              4   ptr        # Tolerate a missing ConfigMap or missing keys.

VsphereVirtualDiskVolumeSource               # A vSphere VMDK volume.
  volumePath             string            1   req keep   # Path that identifies the disk.
  fsType                 string            2              # Filesystem type to mount, such as ext4.
  storagePolicyName      string            3              # Name of the storage policy-based management profile.
  storagePolicyID        string            4              # ID of the storage policy-based management profile.

QuobyteVolumeSource                          # A Quobyte volume.
  registry               string            1   req keep   # Registry service addresses, as host:port pairs separated by commas.
  volume                 string            2   req keep   # Name of an existing Quobyte volume.
  readOnly               bool              3              # Mount the volume read-only.
  user                   string            4              # User to map volume access to.
  group                  string            5              # Group to map volume access to.
  tenant                 string            6              # Tenant that owns the volume.

AzureDiskVolumeSource                        # An Azure data disk.
  diskName               string            1   req keep   # Name of the data disk in blob storage.
  diskURI                string            2   req keep   # URI of the data disk in blob storage.
  cachingMode            string            3   ptr enum=None|ReadOnly|ReadWrite default="ReadWrite" # Host caching mode of the disk.
  fsType                 string            4   ptr default="ext4" # Filesystem type to mount.
  readOnly               bool              5   ptr default=false # Mount the disk read-only.
  kind                   string            6   ptr enum=Shared|Dedicated|Managed default="Shared" # Kind of disk: blob per storage account, shared blob, or managed.

PhotonPersistentDiskVolumeSource             # A Photon Controller persistent disk.
  pdID                   string            1   req keep   # ID of the disk.
  fsType                 string            2              # Filesystem type to mount, such as ext4.

ProjectedVolumeSource                        # Several volume sources merged into one directory.
  sources                []VolumeProjection 1  list=atomic # The sources to project.
  defaultMode            int32             2   ptr        # Permission bits of the created files; defaults to 0644.

VolumeProjection                             # One source of a projected volume; only one member may be set.
  secret                 SecretProjection  1              # Keys of a Secret.
  downwardAPI            DownwardAPIProjection 2          # Pod fields and container resources.
  configMap              ConfigMapProjection 3            # Keys of a ConfigMap.
  serviceAccountToken    ServiceAccountTokenProjection 4  # A token for the pod's service account.
  clusterTrustBundle     ClusterTrustBundleProjection 5   # Certificates from ClusterTrustBundle objects.
  podCertificate         PodCertificateProjection 6       # A private key and certificate chain issued to the pod.

SecretProjection                             # The keys of a Secret within a projected volume.
  localObjectReference   LocalObjectReference 1 inline    # The Secret, by name.
  items                  []KeyToPath       2   list=atomic # Keys to project and their file paths; all keys when empty.
  optional               bool              4   ptr        # Tolerate a missing Secret or missing keys.

ConfigMapProjection                          # The keys of a ConfigMap within a projected volume.
  localObjectReference   LocalObjectReference 1 inline    # The ConfigMap, by name.
  items                  []KeyToPath       2   list=atomic # Keys to project and their file paths; all keys when empty.
  optional               bool              4   ptr        # Tolerate a missing ConfigMap or missing keys.

DownwardAPIProjection                        # Pod fields and container resources within a projected volume.
  items                  []DownwardAPIVolumeFile 1 list=atomic # Files to create and what each holds.

ServiceAccountTokenProjection                # A service account token written into a projected volume.
  audience               string            1              # Audience the token is meant for; defaults to the API server's identifier.
  expirationSeconds      int64             2   ptr        # Requested validity of the token in seconds; defaults to one hour.
  path                   string            3   req keep   # File path of the token, relative to the mount point.

ClusterTrustBundleProjection                 # Certificates of ClusterTrustBundle objects written into a projected volume.
  name                   string            1   ptr        # Select one bundle by name.
  signerName             string            2   ptr        # Select the bundles of this signer.
  labelSelector          meta/v1:LabelSelector 3          # Select bundles of the signer by label.
  optional               bool              5   ptr        # Write nothing rather than fail when no bundle matches.
  path                   string            4   req keep   # File path of the bundle, relative to the mount point.

PodCertificateProjection                     # A key pair and a certificate issued for the pod, written into a projected volume.
  signerName             string            1   req        # Signer that certificate requests are addressed to.
  keyType                string            2   req        # Type of key pair to generate, such as ECDSAP256 or RSA3072.
  maxExpirationSeconds   int32             3   ptr        # Upper bound on the certificate's lifetime in seconds.
  credentialBundlePath   string            4              # File path of a bundle holding the key followed by the certificate chain.
  keyPath                string            5              # File path of the private key.
  certificateChainPath   string            6              # File path of the certificate chain.

PortworxVolumeSource                         # A Portworx volume.
  volumeID               string            1   req keep   # ID of the Portworx volume.
  fsType                 string            2              # Filesystem type to mount, such as ext4.
  readOnly               bool              3              # Mount the volume read-only.

ScaleIOVolumeSource                          # A ScaleIO volume.
  gateway                string            1   req keep   # Address of the ScaleIO API gateway.
  system                 string            2   req keep   # Name of the storage system.
  secretRef              LocalObjectReference 3 req       # Secret holding the ScaleIO user credentials.
  sslEnabled             bool              4              # Use SSL to talk to the gateway.
  protectionDomain       string            5              # Protection domain of the storage.
  storagePool            string            6              # Storage pool of the protection domain.
  storageMode            string            7   default="ThinProvisioned" # ThickProvisioned or ThinProvisioned.
  volumeName             string            8              # Name of an existing volume in the system.
  fsType                 string            9   default="xfs" # Filesystem type to mount.
  readOnly               bool              10             # Mount the volume read-only.

StorageOSVolumeSource                        # A StorageOS volume.
  volumeName             string            1              # Name of the volume within its namespace.
  volumeNamespace        string            2              # StorageOS namespace of the volume; defaults to the pod's namespace.
  fsType                 string            3              # Filesystem type to mount, such as ext4.
  readOnly               bool              4              # Mount the volume read-only.
  secretRef              LocalObjectReference 5           # Secret holding the StorageOS API credentials.

CSIVolumeSource                              # An ephemeral volume provided by a CSI driver.
  driver                 string            1   req keep   # Name of the CSI driver.
  readOnly               bool              2   ptr        # Mount the volume read-only.
  fsType                 string            3   ptr        # Filesystem type to mount.
  volumeAttributes       map[string]string 4              # Driver-specific properties of the volume.
  nodePublishSecretRef   LocalObjectReference 5           # Secret passed to the driver's publish and unpublish calls.

EphemeralVolumeSource                        # A volume backed by a claim that is created with the pod and deleted with it.
  volumeClaimTemplate    PersistentVolumeClaimTemplate 1  # Template of the claim created for the pod.

PersistentVolumeClaimTemplate                # The template from which an ephemeral volume's claim is created.
  metadata               meta/v1:ObjectMeta 1             # Labels and annotations copied to the created claim.
  spec                   PersistentVolumeClaimSpec 2 req  # Spec of the created claim.

ImageVolumeSource                            # An OCI image or artifact mounted as a read-only volume.
  reference              string            1              # Image or artifact reference to pull.
  pullPolicy             string            2   enum=Always|Never|IfNotPresent # When the image is pulled; like a container's imagePullPolicy.

KeyToPath                                    # Maps one key of a Secret or ConfigMap to a file path.
  key                    string            1   req keep   # The key to project.
  path                   string            2   req keep   # Relative file path to write the value to.
  mode                   int32             3   ptr        # Permission bits of this file.

LocalObjectReference atomic                  # Refers to an object by name within the same namespace.
  name                   string            1              # Name of the referenced object.

// ---------------------------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------------------------

Container                                    # One container of a pod: image, command, environment, resources and probes.
  name                   string            1   req keep   # Name of the container, a DNS label unique within the pod.
  image                  string            2              # Container image to run.
  command                []string          3   list=atomic # Entrypoint, replacing the image's ENTRYPOINT.
  args                   []string          4   list=atomic # Arguments, replacing the image's CMD.
  workingDir             string            5              # Working directory of the process.
  ports                  []ContainerPort   6   merge=containerPort list=map keys=containerPort,protocol # Network ports the container exposes.
  envFrom                []EnvFromSource   19  list=atomic # Sources whose keys all become environment variables.
  env                    []EnvVar          7   merge=name list=map keys=name # Environment variables of the container.
  resources              ResourceRequirements 8           # Compute resources the container requests and is limited to.
  resizePolicy           []ContainerResizePolicy 23 list=atomic # How each resource may be resized in place.
  restartPolicy          string            24  ptr        # Per-container restart policy; Always on an init container makes it a sidecar.
  restartPolicyRules     []ContainerRestartRule 25 list=atomic # Rules, checked in order, that decide whether an exited container restarts.
  volumeMounts           []VolumeMount     9   merge=mountPath list=map keys=mountPath # Pod volumes mounted into the container.
  volumeDevices          []VolumeDevice    21  merge=devicePath list=map keys=devicePath # Raw block volumes exposed to the container as devices.
  livenessProbe          Probe             10             # Check that restarts the container when it fails.
  readinessProbe         Probe             11             # Check that removes the pod from service endpoints when it fails.
  startupProbe           Probe             22             # Check that must pass before the other probes run.
  lifecycle              Lifecycle         12             # Actions run after the container starts and before it stops.
  terminationMessagePath string            13             # File whose content becomes the termination message; defaults to /dev/termination-log.
  terminationMessagePolicy string          20  enum=File|FallbackToLogsOnError # Where the termination message comes from; defaults to File.
  imagePullPolicy        string            14  enum=Always|Never|IfNotPresent # When the image is pulled; Always for :latest, else IfNotPresent.
  securityContext        SecurityContext   15             # Security settings of the container, overriding the pod's.
  stdin                  bool              16             # Allocate a stdin buffer for the container.
  stdinOnce              bool              17             # Close stdin after the first attached client disconnects.
  tty                    bool              18             # Allocate a terminal for the container.

EphemeralContainer                           # A temporary container added to a running pod, typically for debugging.
  ephemeralContainerCommon EphemeralContainerCommon 1 inline # The container's settings.
  targetContainerName    string            2              # Container whose namespaces (process, IPC) this one joins.

EphemeralContainerCommon                     # The settings of an ephemeral container; like Container, minus what it may not use.
  name                   string            1   req keep   # Name of the container, unique among all the pod's containers.
  image                  string            2              # Container image to run.
  command                []string          3   list=atomic # Entrypoint, replacing the image's ENTRYPOINT.
  args                   []string          4   list=atomic # Arguments, replacing the image's CMD.
  workingDir             string            5              # Working directory of the process.
  ports                  []ContainerPort   6   merge=containerPort list=map keys=containerPort,protocol # Not allowed for ephemeral containers.
  envFrom                []EnvFromSource   19  list=atomic # Sources whose keys all become environment variables.
  env                    []EnvVar          7   merge=name list=map keys=name # Environment variables of the container.
  resources              ResourceRequirements 8           # Not allowed: ephemeral containers use the pod's existing resources.
  resizePolicy           []ContainerResizePolicy 23 list=atomic # Not allowed for ephemeral containers.
  restartPolicy          string            24  ptr        # Not allowed for ephemeral containers.
  restartPolicyRules     []ContainerRestartRule 25 list=atomic # Not allowed for ephemeral containers.
  volumeMounts           []VolumeMount     9   merge=mountPath list=map keys=mountPath # Pod volumes mounted into the container; subPath is not allowed.
  volumeDevices          []VolumeDevice    21  merge=devicePath list=map keys=devicePath # Raw block volumes exposed to the container as devices.
  livenessProbe          Probe             10             # Not allowed for ephemeral containers.
  readinessProbe         Probe             11             # Not allowed for ephemeral containers.
  startupProbe           Probe             22             # Not allowed for ephemeral containers.
  lifecycle              Lifecycle         12             # Not allowed for ephemeral containers.
  terminationMessagePath string            13             # File whose content becomes the termination message; defaults to /dev/termination-log.
  terminationMessagePolicy string          20  enum=File|FallbackToLogsOnError # Where the termination message comes from; defaults to File.
  imagePullPolicy        string            14  enum=Always|Never|IfNotPresent # When the image is pulled; Always for :latest, else IfNotPresent.
  securityContext        SecurityContext   15             # Security settings of the container, overriding the pod's.
  stdin                  bool              16             # Allocate a stdin buffer for the container.
  stdinOnce              bool              17             # Close stdin after the first attached client disconnects.
  tty                    bool              18             # Allocate a terminal for the container.

ContainerPort                                # A network port a container listens on.
  name                   string            1              # Name of the port, an IANA service name unique within the pod.
  hostPort               int32             2              # Port opened on the node and forwarded to the container port.
  containerPort          int32             3   req keep   # Port number the container listens on.
  protocol               string            4   enum=TCP|UDP|SCTP default="TCP" # Transport protocol; defaults to TCP.
  hostIP                 string            5              # Node address the host port binds to.

EnvVar                                       # One environment variable of a container.
  name                   string            1   req keep   # Name of the variable.
  value                  string            2              # Literal value; $(VAR) references to earlier variables are expanded.
  valueFrom              EnvVarSource      3              # Source of the value, when it is not a literal.

EnvVarSource                                 # Where an environment variable's value comes from; only one member may be set.
  fieldRef               ObjectFieldSelector 1            # A field of the pod.
  resourceFieldRef       ResourceFieldSelector 2          # A resource limit or request of a container.
  configMapKeyRef        ConfigMapKeySelector 3           # A key of a ConfigMap.
  secretKeyRef           SecretKeySelector 4              # A key of a Secret.
  fileKeyRef             FileKeySelector   5              # A key of an env file inside a volume.

ConfigMapKeySelector atomic                  # One key of a ConfigMap.
  localObjectReference   LocalObjectReference 1 inline    # The ConfigMap, by name.
  key                    string            2   req keep   # The key to read.
  optional               bool              3   ptr        # Tolerate a missing ConfigMap or key.

SecretKeySelector atomic                     # One key of a Secret.
  localObjectReference   LocalObjectReference 1 inline    # The Secret, by name.
  key                    string            2   req keep   # The key to read.
  optional               bool              3   ptr        # Tolerate a missing Secret or key.

FileKeySelector atomic                       # One key of an env file stored in a pod volume.
  volumeName             string            1   req keep   # Name of the volume holding the file.
  path                   string            2   req keep   # Relative path of the file inside the volume.
  key                    string            3   req keep   # The key to read from the file.
  optional               bool              4   ptr default=false # Tolerate a missing file or key.

ObjectFieldSelector atomic                   # Selects a field of the pod.
  apiVersion             string            1              # API version the field path is written against; defaults to v1.
  fieldPath              string            2   req keep   # Path of the field, such as metadata.name or status.podIP.

ResourceFieldSelector atomic                 # Selects a resource limit or request of a container.
  containerName          string            1              # Container to read from; required for volumes.
  resource               string            2   req keep   # The resource, such as limits.cpu or requests.memory.
  divisor                resource:Quantity 3              # Unit the value is divided by before it is exposed; defaults to 1.

EnvFromSource                                # A source whose keys all become environment variables.
  prefix                 string            1              # Text prepended to every key.
  configMapRef           ConfigMapEnvSource 2             # The ConfigMap to read.
  secretRef              SecretEnvSource   3              # The Secret to read.

ConfigMapEnvSource                           # A ConfigMap whose keys become environment variables.
  localObjectReference   LocalObjectReference 1 inline    # The ConfigMap, by name.
  optional               bool              2   ptr        # Tolerate a missing ConfigMap.

SecretEnvSource                              # A Secret whose keys become environment variables.
  localObjectReference   LocalObjectReference 1 inline    # The Secret, by name.
  optional               bool              2   ptr        # Tolerate a missing Secret.

ResourceRequirements                         # Compute resources requested and the limits enforced.
  limits                 map[string]resource:Quantity 1   # Largest amount of each resource allowed.
  requests               map[string]resource:Quantity 2   # Amount of each resource reserved; defaults to the limit when unset.
  claims                 []ResourceClaim   3   list=map keys=name # Pod resource claims this container uses.

ResourceClaim                                # Names one of the pod's resource claims for use by a container.
  name                   string            1   req keep   # Name of an entry in the pod's resourceClaims.
  request                string            2              # One request within the claim; the whole claim when empty.

ContainerResizePolicy                        # How a resource of a container is resized in place.
  resourceName           string            1   req keep   # The resource, such as cpu or memory.
  restartPolicy          string            2   req keep   # NotRequired or RestartContainer.

ContainerRestartRule                         # An action taken when a container's exit matches a condition.
  action                 string            1   req        # What to do on a match; only Restart is defined.
  exitCodes              ContainerRestartRuleOnExitCodes 2 # Condition on the container's exit code.

ContainerRestartRuleOnExitCodes              # A condition on a container's exit code.
  operator               string            1   req        # In or NotIn.
  values                 []int32           2   list=set   # Exit codes to compare against.

VolumeMount                                  # Mounts a pod volume at a path inside a container.
  name                   string            1   req keep   # Name of the volume.
  readOnly               bool              2              # Mount the volume read-only.
  recursiveReadOnly      string            7   ptr        # Whether read-only applies to submounts too: Disabled, IfPossible or Enabled.
  mountPath              string            3   req keep   # Path inside the container; must not contain ':'.
  subPath                string            4              # Path inside the volume to mount instead of its root.
  mountPropagation       string            5   ptr enum=None|HostToContainer|Bidirectional # How mounts propagate between host and container; defaults to None.
  subPathExpr            string            6              # Like subPath, with $(VAR) references expanded from the environment.

VolumeDevice                                 # Exposes a raw block volume as a device inside a container.
  name                   string            1   req keep   # Name of the volume, which must be a block-mode claim.
  devicePath             string            2   req keep   # Device path inside the container.

// ---------------------------------------------------------------------------------------------
// Probes and lifecycle hooks
// ---------------------------------------------------------------------------------------------

Probe                                        # A periodic health check of a container.
  handler                ProbeHandler      1   inline     # The check to perform.
  initialDelaySeconds    int32             2              # Seconds after the container starts before the first check.
  timeoutSeconds         int32             3              # Seconds before a check times out; defaults to 1.
  periodSeconds          int32             4              # Seconds between checks; defaults to 10.
  successThreshold       int32             5              # Consecutive successes that count as passing after a failure; defaults to 1.
  failureThreshold       int32             6              # Consecutive failures that count as failing; defaults to 3.
  terminationGracePeriodSeconds int64      7   ptr        # Grace period used when the probe fails, overriding the pod's.

ProbeHandler                                 # The action of a probe; only one member may be set.
  exec                   ExecAction        1              # Run a command in the container.
  httpGet                HTTPGetAction     2              # Send an HTTP GET request.
  tcpSocket              TCPSocketAction   3              # Open a TCP connection.
  grpc                   GRPCAction        4              # Call the gRPC health checking service.

ExecAction                                   # Runs a command inside the container; exit status 0 is success.
  command                []string          1   list=atomic # Command and arguments, run without a shell.

HTTPGetAction                                # An HTTP GET request; a status from 200 to 399 is success.
  path                   string            1              # Path of the request.
  port                   intstr:IntOrString 2  req        # Port number or name to connect to.
  host                   string            3              # Host to connect to; defaults to the pod IP.
  scheme                 string            4   enum=HTTP|HTTPS # Scheme of the request; defaults to HTTP.
  httpHeaders            []HTTPHeader      5   list=atomic # Extra request headers.

HTTPHeader                                   # One HTTP header.
  name                   string            1   req keep   # Header name.
  value                  string            2   req keep   # Header value.

TCPSocketAction                              # Opens a TCP connection; a successful connect is success.
  port                   intstr:IntOrString 1  req        # Port number or name to connect to.
  host                   string            2              # Host to connect to; defaults to the pod IP.

GRPCAction                                   # Calls the standard gRPC health checking service.
  port                   int32             1   req keep   # Port of the gRPC service.
  service                string            2   ptr        # Service name sent in the health check request; empty checks the server as a whole.

Lifecycle                                    # Actions run at container lifecycle events.
  postStart              LifecycleHandler  1              # Action run right after the container is created.
  preStop                LifecycleHandler  2              # Action run before the container is stopped.
  stopSignal             string            3   ptr enum=SIGABRT|SIGALRM|SIGBUS|SIGCHLD|SIGCLD|SIGCONT|SIGFPE|SIGHUP|SIGILL|SIGINT|SIGIO|SIGIOT|SIGKILL|SIGPIPE|SIGPOLL|SIGPROF|SIGPWR|SIGQUIT|SIGSEGV|SIGSTKFLT|SIGSTOP|SIGSYS|SIGTERM|SIGTRAP|SIGTSTP|SIGTTIN|SIGTTOU|SIGURG|SIGUSR1|SIGUSR2|SIGVTALRM|SIGWINCH|SIGXCPU|SIGXFSZ|SIGRTMIN|SIGRTMIN+1|SIGRTMIN+2|SIGRTMIN+3|SIGRTMIN+4|SIGRTMIN+5|SIGRTMIN+6|SIGRTMIN+7|SIGRTMIN+8|SIGRTMIN+9|SIGRTMIN+10|SIGRTMIN+11|SIGRTMIN+12|SIGRTMIN+13|SIGRTMIN+14|SIGRTMIN+15|SIGRTMAX-14|SIGRTMAX-13|SIGRTMAX-12|SIGRTMAX-11|SIGRTMAX-10|SIGRTMAX-9|SIGRTMAX-8|SIGRTMAX-7|SIGRTMAX-6|SIGRTMAX-5|SIGRTMAX-4|SIGRTMAX-3|SIGRTMAX-2|SIGRTMAX-1|SIGRTMAX # Signal sent to stop the container, overriding the image's STOPSIGNAL.

LifecycleHandler                             # The action of a lifecycle hook; only one member may be set.
  exec                   ExecAction        1              # Run a command in the container.
  httpGet                HTTPGetAction     2              # Send an HTTP GET request.
  tcpSocket              TCPSocketAction   3              # Deprecated and ignored; kept for compatibility.
  sleep                  SleepAction       4              # Wait for a while.

SleepAction                                  # Waits for a number of seconds.
  seconds                int64             1   req keep   # Seconds to wait.

// ---------------------------------------------------------------------------------------------
// Security
// ---------------------------------------------------------------------------------------------

SecurityContext                              # Security settings of one container; they override the pod's.
  capabilities           Capabilities      1              # Linux capabilities to add and drop.
  privileged             bool              2   ptr        # Run as privileged, equivalent to root on the host.
  seLinuxOptions         SELinuxOptions    3              # SELinux context of the container.
  windowsOptions         WindowsSecurityContextOptions 10 # Settings specific to Windows containers.
  runAsUser              int64             4   ptr        # User ID the process runs as.
  runAsGroup             int64             8   ptr        # Primary group ID the process runs as.
  runAsNonRoot           bool              5   ptr        # Refuse to start the container when it would run as root.
  readOnlyRootFilesystem bool              6   ptr        # Mount the container's root filesystem read-only.
  allowPrivilegeEscalation bool            7   ptr        # Whether a process may gain more privileges than its parent.
  procMount              string            9   ptr enum=Default|Unmasked # How /proc is mounted.
  seccompProfile         SeccompProfile    11             # Seccomp profile of the container.
  appArmorProfile        AppArmorProfile   12             # AppArmor profile of the container.

PodSecurityContext                           # Security settings of a pod, and defaults for its containers.
  seLinuxOptions         SELinuxOptions    1              # SELinux context of every container.
  windowsOptions         WindowsSecurityContextOptions 8  # Settings specific to Windows containers.
  runAsUser              int64             2   ptr        # User ID the containers' processes run as.
  runAsGroup             int64             6   ptr        # Primary group ID the containers' processes run as.
  runAsNonRoot           bool              3   ptr        # Refuse to start containers that would run as root.
  supplementalGroups     []int64           4   list=atomic # Extra group IDs given to the first process of each container.
  supplementalGroupsPolicy string          12  ptr enum=Merge|Strict # Whether the image's groups are merged with supplementalGroups.
  fsGroup                int64             5   ptr        # Group ID that owns supported volumes and is added to every container.
  sysctls                []Sysctl          7   list=atomic # Namespaced kernel parameters set for the pod.
  fsGroupChangePolicy    string            9   ptr enum=OnRootMismatch|Always # When volume ownership is changed to fsGroup.
  seccompProfile         SeccompProfile    10             # Seccomp profile of every container.
  appArmorProfile        AppArmorProfile   11             # AppArmor profile of every container.
  seLinuxChangePolicy    string            13  ptr        # How the SELinux label is applied to volumes: Recursive or MountOption.

Capabilities                                 # Linux capabilities added to and dropped from a container.
  add                    []string          1   list=atomic # Capabilities to add.
  drop                   []string          2   list=atomic # Capabilities to drop.

SELinuxOptions                               # An SELinux label.
  user                   string            1              # SELinux user.
  role                   string            2              # SELinux role.
  type                   string            3              # SELinux type.
  level                  string            4              # SELinux level.

WindowsSecurityContextOptions                # Security settings specific to Windows.
  gmsaCredentialSpecName string            1   ptr        # Name of the GMSACredentialSpec object to use.
  gmsaCredentialSpec     string            2   ptr        # Content of the GMSA credential spec, filled in by a webhook.
  runAsUserName          string            3   ptr        # Windows user name the process runs as.
  hostProcess            bool              4   ptr        # Run as a Windows host process container.

SeccompProfile                               # A seccomp profile; exactly one source is chosen by type.
  type                   string            1   req keep enum=Unconfined|RuntimeDefault|Localhost # Which profile applies.
  localhostProfile       string            2   ptr        # Path of a profile on the node, for the Localhost type.

AppArmorProfile                              # An AppArmor profile; exactly one source is chosen by type.
  type                   string            1   req keep enum=Unconfined|RuntimeDefault|Localhost # Which profile applies.
  localhostProfile       string            2   ptr        # Name of a profile loaded on the node, for the Localhost type.

Sysctl                                       # One kernel parameter.
  name                   string            1   req keep   # Name of the parameter.
  value                  string            2   req keep   # Value to set.

// ---------------------------------------------------------------------------------------------
// Scheduling
// ---------------------------------------------------------------------------------------------

Affinity                                     # Scheduling constraints relative to nodes and other pods.
  nodeAffinity           NodeAffinity      1              # Rules on the labels of nodes.
  podAffinity            PodAffinity       2              # Rules to place the pod near matching pods.
  podAntiAffinity        PodAntiAffinity   3              # Rules to keep the pod away from matching pods.

NodeAffinity                                 # Node selection rules, hard and soft.
  requiredDuringSchedulingIgnoredDuringExecution NodeSelector 1 # Rules a node must meet for the pod to be scheduled there.
  preferredDuringSchedulingIgnoredDuringExecution []PreferredSchedulingTerm 2 list=atomic # Weighted rules that make a node more attractive.

NodeSelector atomic                          # A selection of nodes: any one of the terms must match.
  nodeSelectorTerms      []NodeSelectorTerm 1  req list=atomic # The terms, ORed together.

NodeSelectorTerm atomic                      # Conditions on a node that must all hold.
  matchExpressions       []NodeSelectorRequirement 1 list=atomic # Conditions on node labels.
  matchFields            []NodeSelectorRequirement 2 list=atomic # Conditions on node fields.

NodeSelectorRequirement                      # One condition on a node label or field.
  key                    string            1   req keep   # Label key or field name.
  operator               string            2   req keep enum=In|NotIn|Exists|DoesNotExist|Gt|Lt # How the value is compared.
  values                 []string          3   list=atomic # Values to compare against; one integer for Gt and Lt, none for Exists.

PreferredSchedulingTerm                      # A weighted node preference.
  weight                 int32             1   req keep   # Weight of the term, from 1 to 100.
  preference             NodeSelectorTerm  2   req        # Conditions a preferred node meets.

PodAffinity                                  # Rules that attract the pod to pods matching a selector.
  requiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm 1 list=atomic # Terms that must all hold for the pod to be scheduled.
  preferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm 2 list=atomic # Weighted terms that make a node more attractive.

PodAntiAffinity                              # Rules that keep the pod away from pods matching a selector.
  requiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm 1 list=atomic # Terms that must all hold for the pod to be scheduled.
  preferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm 2 list=atomic # Weighted terms that make a node less attractive.

PodAffinityTerm                              # Pods, selected by label and namespace, that share (or not) a topology domain with this pod.
  labelSelector          meta/v1:LabelSelector 1          # Selects the pods by label.
  namespaces             []string          2   list=atomic # Namespaces the pods are looked up in; the pod's own when empty.
  topologyKey            string            3   req keep   # Node label whose value defines the topology domain.
  namespaceSelector      meta/v1:LabelSelector 4          # Selects the namespaces the pods are looked up in.
  matchLabelKeys         []string          5   list=atomic # Label keys whose values are taken from this pod and added to the selector.
  mismatchLabelKeys      []string          6   list=atomic # Label keys whose values are taken from this pod and excluded by the selector.

WeightedPodAffinityTerm                      # A pod affinity term with a weight.
  weight                 int32             1   req keep   # Weight of the term, from 1 to 100.
  podAffinityTerm        PodAffinityTerm   2   req        # The term.

Toleration                                   # Lets the pod be scheduled onto (or stay on) nodes with a matching taint.
  key                    string            1              # Taint key to match; empty with Exists matches every taint.
  operator               string            2   enum=Exists|Equal # How the value is compared; defaults to Equal.
  value                  string            3              # Taint value to match.
  effect                 string            4   enum=NoSchedule|PreferNoSchedule|NoExecute # Taint effect to match; empty matches every effect.
  tolerationSeconds      int64             5   ptr        # For NoExecute, how long the pod stays on a tainted node.

HostAlias                                    # An entry of the pod's hosts file.
  ip                     string            1   req keep   # IP address of the entry.
  hostnames              []string          2   list=atomic # Host names for the address.

PodDNSConfig                                 # DNS settings of a pod beyond those its dnsPolicy gives.
  nameservers            []string          1   list=atomic # Extra name server addresses.
  searches               []string          2   list=atomic # Extra search domains.
  options                []PodDNSConfigOption 3 list=atomic # Resolver options.

PodDNSConfigOption                           # One resolver option.
  name                   string            1              # Name of the option.
  value                  string            2   ptr        # Value of the option, if it takes one.

PodReadinessGate                             # An extra condition that must be True for the pod to be ready.
  conditionType          string            1   req keep   # Type of the pod condition.

TopologySpreadConstraint                     # How matching pods are spread across a topology.
  maxSkew                int32             1   req keep   # Largest allowed difference in matching pods between domains.
  topologyKey            string            2   req keep   # Node label whose value defines the topology domain.
  whenUnsatisfiable      string            3   req keep enum=DoNotSchedule|ScheduleAnyway # What to do with a pod that cannot meet the constraint.
  labelSelector          meta/v1:LabelSelector 4          # Selects the pods that are counted.
  minDomains             int32             5   ptr        # Least number of eligible domains; fewer counts as a global minimum of zero.
  nodeAffinityPolicy     string            6   ptr enum=Honor|Ignore # Whether the pod's node affinity limits the domains counted; defaults to Honor.
  nodeTaintsPolicy       string            7   ptr enum=Honor|Ignore # Whether node taints limit the domains counted; defaults to Ignore.
  matchLabelKeys         []string          8   list=atomic # Label keys whose values are taken from this pod and added to the selector.

PodOS                                        # The operating system of a pod.
  name                   string            1   req keep   # Operating system name: linux or windows.

PodSchedulingGate                            # A gate that holds back scheduling of a pod.
  name                   string            1   req keep   # Name of the gate, unique within the pod.

PodResourceClaim                             # A dynamic resource claim the pod uses, by claim or claim template.
  name                   string            1   req keep   # Name of the entry, used by containers to refer to it.
  resourceClaimName      string            3   ptr        # Name of an existing ResourceClaim in the pod's namespace.
  resourceClaimTemplateName string         4   ptr        # Name of a ResourceClaimTemplate from which a claim is made for the pod.
`);
