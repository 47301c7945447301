// networking.k8s.io/v1: Ingresses (HTTP routing into Services) and NetworkPolicies (which pods
// may talk to which).

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('networking/v1', `
Ingress                                      # Routes external HTTP(S) traffic to Services by host and path.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   IngressSpec       2              # The routing rules.
  status                 IngressStatus     3              # Where the ingress is reachable, as reported by its controller.

IngressSpec                                  # The desired routing of an Ingress.
  ingressClassName       string            4   ptr        # Name of the IngressClass that implements this ingress.
  defaultBackend         IngressBackend    1              # Where requests go that match no rule.
  tls                    []IngressTLS      2   list=atomic # TLS settings per set of hosts.
  rules                  []IngressRule     3   list=atomic # Host rules, each mapping paths to backends.

IngressTLS                                   # The TLS certificate used for some hosts.
  hosts                  []string          1   list=atomic # Hosts the certificate covers.
  secretName             string            2              # Secret holding the certificate and key.

IngressRule                                  # Maps requests for one host (or every host) to backends.
  host                   string            1              # Fully qualified host name, possibly with a leading "*." wildcard; all hosts when empty.
  ingressRuleValue       IngressRuleValue  2   inline     # The routes for this host.

IngressRuleValue                             # The routes of an ingress rule; HTTP is the only kind.
  http                   HTTPIngressRuleValue 1           # HTTP path routes.

HTTPIngressRuleValue                         # A list of HTTP paths and their backends.
  paths                  []HTTPIngressPath 1   req list=atomic # Paths matched against the request path.

HTTPIngressPath                              # One path and the backend that serves it.
  path                   string            1              # Path to match; must start with "/" unless pathType is ImplementationSpecific.
  pathType               string            3   req ptr enum=Exact|Prefix|ImplementationSpecific # How path is matched.
  backend                IngressBackend    2   req        # Where matching requests are sent.

IngressBackend                               # A destination for ingress traffic: a Service port or another resource.
  service                IngressServiceBackend 4          # A Service in the ingress's namespace.
  resource               core/v1:TypedLocalObjectReference 3 # Another object in the ingress's namespace.

IngressServiceBackend                        # A Service port used as a backend.
  name                   string            1   req keep   # Name of the Service.
  port                   ServiceBackendPort 2             # Port of the Service.

ServiceBackendPort atomic                    # A Service port, by name or by number.
  name                   string            1              # Port name; excludes number.
  number                 int32             2              # Port number; excludes name.

IngressStatus                                # The observed state of an Ingress.
  loadBalancer           IngressLoadBalancerStatus 1      # Load balancer addresses serving the ingress.

IngressLoadBalancerStatus                    # The load balancer endpoints of an Ingress.
  ingress                []IngressLoadBalancerIngress 1 list=atomic # The addresses traffic enters through.

IngressLoadBalancerIngress                   # One entry point of an ingress load balancer.
  ip                     string            1              # IP address of the entry point.
  hostname               string            2              # DNS name of the entry point.
  ports                  []IngressPortStatus 4 list=atomic # Status of each exposed port.

IngressPortStatus                            # The status of one load balancer port.
  port                   int32             1   req keep   # Port number.
  protocol               string            2   req keep enum=TCP|UDP|SCTP # Protocol of the port.
  error                  string            3   ptr        # Problem with the port, as a CamelCase reason; absent when healthy.

NetworkPolicy                                # Declares which traffic may reach and leave a set of pods.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   NetworkPolicySpec 2              # The pods and traffic the policy covers.

NetworkPolicySpec                            # The selected pods and their allowed traffic.
  podSelector            meta/v1:LabelSelector 1          # Pods the policy applies to; empty selects every pod in the namespace.
  ingress                []NetworkPolicyIngressRule 2 list=atomic # Incoming traffic allowed; none when empty.
  egress                 []NetworkPolicyEgressRule 3 list=atomic # Outgoing traffic allowed; none when empty.
  policyTypes            []string          4   list=atomic enum=Ingress|Egress # Directions the policy restricts: Ingress, Egress or both.

NetworkPolicyIngressRule                     # Incoming traffic that is allowed when it matches both ports and from.
  ports                  []NetworkPolicyPort 1 list=atomic # Destination ports; every port when empty.
  from                   []NetworkPolicyPeer 2 list=atomic # Allowed sources; every source when empty.

NetworkPolicyEgressRule                      # Outgoing traffic that is allowed when it matches both ports and to.
  ports                  []NetworkPolicyPort 1 list=atomic # Destination ports; every port when empty.
  to                     []NetworkPolicyPeer 2 list=atomic # Allowed destinations; every destination when empty.

NetworkPolicyPort                            # A port, or range of ports, on one protocol.
  protocol               string            1   ptr enum=TCP|UDP|SCTP # Protocol; TCP when unset.
  port                   intstr:IntOrString 2             # Port number or named port; every port when unset.
  endPort                int32             3   ptr        # Last port of a range starting at port.

NetworkPolicyPeer                            # A source or destination: selected pods, selected namespaces, or an IP block.
  podSelector            meta/v1:LabelSelector 1          # Pods to allow, in the selected namespaces or the policy's own.
  namespaceSelector      meta/v1:LabelSelector 2          # Namespaces whose pods to allow.
  ipBlock                IPBlock           3              # CIDR range to allow.

IPBlock                                      # A CIDR range with optional exceptions.
  cidr                   string            1   req keep   # The range, such as "192.168.1.0/24" or "2001:db8::/64".
  except                 []string          2   list=atomic # Sub-ranges excluded from it.
`);
