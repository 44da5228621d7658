/**
 * JSON Schema (draft-07) for the Kubernetes objects the YAML panes show, used by monaco-yaml
 * for validation and completion. It ships with the site: the `uri` is an id, never fetched.
 *
 * Descriptions paraphrase the field docs in kubernetes/api (core/v1, apps/v1, networking/v1
 * types.go). The networking kinds (NetworkPolicy, Service, Ingress, IngressClass) and
 * LabelSelector are complete and closed (`additionalProperties: false`) so a typo is flagged;
 * Pod and workload specs list the fields the guide talks about and leave the rest open.
 * `kind` is not an enum so other kinds (ConfigMap, CRDs) still pass the base checks.
 * The export is plain JSON data (posted to the YAML worker); the small builders below only
 * keep this source short.
 */

import { CILIUM_KINDS, ciliumDefinitions } from './cilium-schemas';
import { GATEWAY_KINDS, gatewayDefinitions } from './gateway-schemas';

export interface SchemaEntry {
  uri: string;
  schema: Record<string, unknown>;
}

/**
 * `null` means "unset" to the API server, and tools print it (`creationTimestamp: null`,
 * `matchLabels:` with nothing after it), so optional mappings and lists accept it.
 * Scalars stay strict: an empty `protocol:` is almost always an unfinished edit.
 */
const OBJECT = ['object', 'null'];
const LIST = ['array', 'null'];

const str = (description: string) => ({ type: 'string', description });
const nullableStr = (description: string) => ({ type: ['string', 'null'], description });
const int = (description: string) => ({ type: 'integer', description });
const bool = (description: string) => ({ type: 'boolean', description });
const strings = (description: string) => ({ type: LIST, items: { type: 'string' }, description });
const ref = (name: string, description: string) => ({ $ref: `#/definitions/${name}`, description });
const list = (name: string, description: string) => ({ type: LIST, items: { $ref: `#/definitions/${name}` }, description });
const stringMap = (description: string) => ({ type: OBJECT, additionalProperties: { type: 'string' }, description });
const oneOf = (values: string[], description: string) => ({ type: 'string', enum: values, description });
const portNumber = (description: string) => ({ type: 'integer', minimum: 1, maximum: 65535, description });
/** A port number, or the name of a container port (an IANA_SVC_NAME: at most 15 lowercase letters, digits and '-'). */
const portOrName = (description: string) => ({
  type: ['integer', 'string'],
  minimum: 1,
  maximum: 65535,
  maxLength: 15,
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
  description,
});

const PROTOCOL = ['TCP', 'UDP', 'SCTP'];

/** Top-level object with fixed apiVersion and kind. */
function kindSchema(apiVersion: string, kind: string, description: string, spec: object | null, status: object | null, closed: boolean) {
  const properties: Record<string, unknown> = {
    apiVersion: { type: 'string', enum: [apiVersion], description: `The versioned schema of this object: ${apiVersion} for ${kind}.` },
    kind: { type: 'string', enum: [kind], description: 'The REST resource this object represents.' },
    metadata: ref('ObjectMeta', "Standard object metadata: name, namespace, labels, annotations."),
  };
  if (spec) properties.spec = spec;
  if (status) properties.status = status;
  return { type: 'object', description, properties, additionalProperties: !closed };
}

const definitions: Record<string, unknown> = {
  ObjectMeta: {
    type: OBJECT,
    description: 'Metadata that all persisted resources must have.',
    additionalProperties: false,
    properties: {
      name: str('Unique name within a namespace. Required when creating, unless generateName is used. Cannot be updated.'),
      generateName: str('Prefix the server uses to generate a unique name when name is not given.'),
      namespace: str('The namespace this object lives in; empty means "default" for namespaced kinds. Cluster-scoped kinds have none.'),
      labels: stringMap('Key/value pairs used to organise and select objects; matched by label selectors of Services, NetworkPolicies and workloads.'),
      annotations: stringMap('Arbitrary non-identifying key/value metadata, often read by controllers (for example ingress controllers).'),
      uid: str('Unique id set by the server for the lifetime of the object. Read-only.'),
      resourceVersion: str('Opaque version of this object, set by the server for optimistic concurrency. Read-only.'),
      generation: int('Sequence number of the desired state, set by the server. Read-only.'),
      creationTimestamp: nullableStr('When the object was created (RFC 3339), set by the server. Read-only.'),
      deletionTimestamp: nullableStr('When the object will be deleted (RFC 3339), set by the server on a graceful delete. Read-only.'),
      deletionGracePeriodSeconds: int('Seconds allowed for graceful termination before removal. Read-only.'),
      finalizers: strings('Entries that must be removed before the object is deleted from the registry.'),
      ownerReferences: { type: LIST, items: { type: OBJECT }, description: 'Objects this object depends on; it is garbage-collected when all owners are gone.' },
      managedFields: { type: LIST, items: { type: OBJECT }, description: 'Which manager set which fields (server-side apply bookkeeping). Internal.' },
      selfLink: str('Deprecated and no longer set by the server.'),
    },
  },

  LabelSelector: {
    type: OBJECT,
    description: 'A label query over a set of resources. matchLabels and matchExpressions are ANDed. An empty selector matches all objects; a null selector matches none.',
    additionalProperties: false,
    properties: {
      matchLabels: stringMap('Map of key/value pairs; each is the same as a matchExpressions element with operator In and a single value. ANDed.'),
      matchExpressions: list('LabelSelectorRequirement', 'List of label selector requirements. The requirements are ANDed.'),
    },
  },
  LabelSelectorRequirement: {
    type: OBJECT,
    description: 'A selector that contains values, a key, and an operator relating the key and values.',
    additionalProperties: false,
    required: ['key', 'operator'],
    properties: {
      key: str('The label key that the selector applies to.'),
      operator: oneOf(['In', 'NotIn', 'Exists', 'DoesNotExist'], "The key's relationship to a set of values."),
      values: strings('Values for In and NotIn (must be non-empty); must be empty for Exists and DoesNotExist.'),
    },
  },

  // ---- networking.k8s.io/v1 NetworkPolicy ----
  NetworkPolicySpec: {
    type: OBJECT,
    description: 'The specification of a NetworkPolicy.',
    additionalProperties: false,
    properties: {
      podSelector: ref('LabelSelector', "Selects the pods this policy applies to; the rules apply to every selected pod. An empty selector matches all pods in the policy's namespace. Policies selecting the same pod combine additively."),
      policyTypes: {
        type: LIST,
        items: { type: 'string', enum: ['Ingress', 'Egress'] },
        maxItems: 2,
        description: 'Rule types this policy relates to: ["Ingress"], ["Egress"] or ["Ingress", "Egress"]. If unset, Ingress is always included and Egress is included when the policy has egress rules.',
      },
      ingress: list('NetworkPolicyIngressRule', 'List of ingress rules applied to the selected pods. Traffic is allowed if it matches at least one rule of any policy selecting the pod. Empty: the policy allows no ingress (it only isolates the pods).'),
      egress: list('NetworkPolicyEgressRule', 'List of egress rules applied to the selected pods. Outgoing traffic is allowed if it matches at least one rule of any policy selecting the pod. Empty: the policy allows no egress.'),
    },
  },
  NetworkPolicyIngressRule: {
    type: OBJECT,
    description: 'Traffic allowed to the selected pods: it must match both ports and from.',
    additionalProperties: false,
    properties: {
      ports: list('NetworkPolicyPort', 'Ports traffic may arrive on. Empty or missing: all ports. Otherwise traffic must match at least one item.'),
      from: list('NetworkPolicyPeer', 'Sources allowed to reach the selected pods. Empty or missing: all sources. Otherwise traffic must match at least one item.'),
    },
  },
  NetworkPolicyEgressRule: {
    type: OBJECT,
    description: 'Traffic allowed out of the selected pods: it must match both ports and to.',
    additionalProperties: false,
    properties: {
      ports: list('NetworkPolicyPort', 'Destination ports of outgoing traffic. Empty or missing: all ports. Otherwise traffic must match at least one item.'),
      to: list('NetworkPolicyPeer', 'Destinations the selected pods may reach. Empty or missing: all destinations. Otherwise traffic must match at least one item.'),
    },
  },
  NetworkPolicyPeer: {
    type: OBJECT,
    description: 'A peer: pods (podSelector and/or namespaceSelector) or an ipBlock. ipBlock cannot be combined with the selectors.',
    additionalProperties: false,
    properties: {
      podSelector: ref('LabelSelector', "Selects pods. With namespaceSelector, pods matching it in the selected namespaces; alone, pods in the policy's own namespace."),
      namespaceSelector: ref('LabelSelector', 'Selects namespaces by their labels; an empty selector means all namespaces. With podSelector, the pods matching it in those namespaces; alone, all pods in them.'),
      ipBlock: ref('IPBlock', 'A block of IPs (CIDR) allowed, minus exceptions. Cannot be set together with podSelector or namespaceSelector.'),
    },
    // An ipBlock peer may hold nothing else; propertyNames (not `not`) so the editor shows a readable message.
    if: { required: ['ipBlock'] },
    then: { propertyNames: { enum: ['ipBlock'], errorMessage: 'ipBlock cannot be combined with podSelector or namespaceSelector in one peer.' } },
  },
  IPBlock: {
    type: OBJECT,
    description: 'A CIDR range allowed as a peer, with optional exceptions. Pod IPs are ephemeral, so use selectors for in-cluster peers.',
    additionalProperties: false,
    required: ['cidr'],
    properties: {
      cidr: str('A CIDR such as "192.168.1.0/24" or "2001:db8::/64".'),
      except: strings('CIDRs not included in this block; each must lie inside cidr.'),
    },
  },
  NetworkPolicyPort: {
    type: OBJECT,
    description: 'A port and protocol to allow.',
    additionalProperties: false,
    properties: {
      protocol: oneOf(PROTOCOL, 'Protocol traffic must match: TCP, UDP or SCTP. Default TCP.'),
      port: portOrName('Port on the given protocol: a number or a named container port on the pods. Missing: all ports.'),
      endPort: portNumber('With a numeric port, allows the range port..endPort (inclusive). Must be >= port; not allowed with a named port.'),
    },
  },

  // ---- v1 Service ----
  ServiceSpec: {
    type: OBJECT,
    description: 'The attributes a user creates on a Service.',
    additionalProperties: false,
    properties: {
      type: oneOf(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'], 'How the Service is exposed. ClusterIP (default) gets a cluster-internal IP; NodePort adds a port on every node; LoadBalancer adds an external load balancer; ExternalName returns a DNS CNAME.'),
      selector: stringMap('Routes traffic to pods whose labels match these key/value pairs. Empty or missing: endpoints are managed externally. Ignored for ExternalName.'),
      ports: list('ServicePort', 'The ports this Service exposes.'),
      clusterIP: str('IP address of the Service, usually assigned at random. "None" makes a headless Service (no proxying). Cannot be changed once set (except to convert to ExternalName).'),
      clusterIPs: { type: LIST, items: { type: 'string' }, maxItems: 2, description: 'IP addresses of the Service, one per IP family (at most 2); the first equals clusterIP.' },
      externalIPs: strings('IPs for which nodes also accept traffic for this Service. Not managed by Kubernetes.'),
      externalName: str('DNS name returned as a CNAME by cluster DNS; requires type ExternalName. Must be a lowercase RFC 1123 hostname.'),
      externalTrafficPolicy: oneOf(['Cluster', 'Local'], 'How external traffic (NodePort, LoadBalancer, externalIPs) is routed. Local keeps the client source IP and only uses node-local endpoints; Cluster spreads over all endpoints.'),
      internalTrafficPolicy: oneOf(['Cluster', 'Local'], 'How traffic to the ClusterIP from inside the cluster is routed. Local only uses endpoints on the same node (dropped if none).'),
      healthCheckNodePort: portNumber('Node port the load balancer health check uses; only with type LoadBalancer and externalTrafficPolicy Local. Allocated if not set.'),
      loadBalancerIP: str('Deprecated: requested IP for the load balancer, where the provider supports it. Use provider annotations instead.'),
      loadBalancerSourceRanges: strings('Client CIDRs allowed through the cloud load balancer, where the provider supports it.'),
      loadBalancerClass: str('Which load balancer implementation handles this Service (a label-style name such as "internal-vip"). Unset: the cloud provider default. Immutable.'),
      allocateLoadBalancerNodePorts: bool('Whether NodePorts are allocated for a LoadBalancer Service. Default true; false for load balancers that route to pods directly.'),
      ipFamilies: { type: LIST, items: { type: 'string', enum: ['IPv4', 'IPv6'] }, maxItems: 2, description: 'IP families (IPv4, IPv6) assigned to the Service, in order; depends on ipFamilyPolicy.' },
      ipFamilyPolicy: oneOf(['SingleStack', 'PreferDualStack', 'RequireDualStack'], 'Dual-stack behaviour: SingleStack (default), PreferDualStack (two families if the cluster has them) or RequireDualStack.'),
      sessionAffinity: oneOf(['ClientIP', 'None'], 'ClientIP sends a client to the same endpoint each time; None (default) does not.'),
      sessionAffinityConfig: {
        type: OBJECT,
        description: 'Settings for session affinity.',
        additionalProperties: false,
        properties: {
          clientIP: {
            type: OBJECT,
            description: 'Settings for ClientIP session affinity.',
            additionalProperties: false,
            properties: { timeoutSeconds: { type: 'integer', minimum: 1, maximum: 86400, description: 'Sticky time for ClientIP affinity, 1 to 86400 seconds; default 10800 (3 hours).' } },
          },
        },
      },
      publishNotReadyAddresses: bool('Publish endpoints of pods that are not ready (used by headless Services for peer discovery).'),
      trafficDistribution: str('Preference for how traffic is spread over endpoints, for example PreferClose (topologically close endpoints first).'),
    },
  },
  ServicePort: {
    type: OBJECT,
    description: 'A port the Service exposes.',
    additionalProperties: false,
    required: ['port'],
    properties: {
      name: { type: 'string', maxLength: 63, description: 'Name of this port; must be unique and is required when there is more than one port. Referenced by EndpointSlices.' },
      protocol: oneOf(PROTOCOL, 'IP protocol of this port: TCP, UDP or SCTP. Default TCP.'),
      appProtocol: str('Application protocol hint, e.g. a standard name like "http" or a prefixed name like "kubernetes.io/h2c".'),
      port: portNumber('The port this Service exposes.'),
      targetPort: portOrName("Port on the pods to send traffic to: a number or a named container port. Defaults to port. Ignored for headless Services without a selector."),
      nodePort: portNumber('Port on every node for NodePort and LoadBalancer Services; allocated from the node port range (default 30000-32767) when not set.'),
    },
  },
  LoadBalancerStatus: {
    type: OBJECT,
    description: 'Status of a load balancer.',
    additionalProperties: false,
    properties: {
      ingress: {
        type: LIST,
        description: 'Ingress points of the load balancer.',
        items: {
          type: OBJECT,
          additionalProperties: false,
          properties: {
            ip: str('IP of the ingress point (typically for IP-based load balancers).'),
            hostname: str('DNS name of the ingress point (typically for DNS-based load balancers).'),
            ipMode: oneOf(['VIP', 'Proxy'], 'VIP: traffic arrives with the destination set to the load balancer IP; Proxy: the load balancer rewrites the destination to the node or pod.'),
            ports: {
              type: LIST,
              description: 'Records of the Service ports.',
              items: {
                type: OBJECT,
                additionalProperties: false,
                properties: {
                  port: int('Port number of the Service port.'),
                  protocol: oneOf(PROTOCOL, 'Protocol of the Service port.'),
                  error: str('Problem with this port, if any.'),
                },
              },
            },
          },
        },
      },
    },
  },

  // ---- networking.k8s.io/v1 Ingress and IngressClass ----
  IngressSpec: {
    type: OBJECT,
    description: 'The Ingress a user wishes to exist.',
    additionalProperties: false,
    properties: {
      ingressClassName: str('Name of the IngressClass (and so the controller) that implements this Ingress. Replaces the deprecated kubernetes.io/ingress.class annotation.'),
      defaultBackend: ref('IngressBackend', 'Backend for requests that match no rule. If unset, the controller decides (often a 404).'),
      tls: list('IngressTLS', 'TLS configuration; a single port (443) is assumed. SNI picks the certificate when hosts differ.'),
      rules: list('IngressRule', 'Host rules; requests matching no rule go to defaultBackend.'),
    },
  },
  IngressTLS: {
    type: OBJECT,
    description: 'Transport-layer security for a set of hosts.',
    additionalProperties: false,
    properties: {
      hosts: strings('Hosts in the TLS certificate; must match the hosts of the rules. Default: the wildcard host setting of the controller.'),
      secretName: str('Name of the Secret (same namespace) holding the certificate and key. Optional to allow SNI routing on host alone.'),
    },
  },
  IngressRule: {
    type: OBJECT,
    description: 'Maps the paths under a host to backends.',
    additionalProperties: false,
    properties: {
      host: str('Fully qualified domain name (no IP, no port). A single leading "*." wildcard matches exactly one DNS label. Missing: all hosts.'),
      http: {
        type: OBJECT,
        description: 'HTTP rules: a list of paths and their backends.',
        additionalProperties: false,
        required: ['paths'],
        properties: { paths: list('HTTPIngressPath', 'Paths mapped to backends.') },
      },
    },
  },
  HTTPIngressPath: {
    type: OBJECT,
    description: 'A path and the backend that receives its requests.',
    additionalProperties: false,
    required: ['pathType', 'backend'],
    properties: {
      path: str('Matched against the request path; must start with "/" (for Exact and Prefix). Missing: all paths.'),
      pathType: oneOf(['Exact', 'Prefix', 'ImplementationSpecific'], 'How path is matched. Exact: the whole path, case-sensitive. Prefix: element-wise prefix split on "/". ImplementationSpecific: up to the IngressClass.'),
      backend: ref('IngressBackend', 'Where matching requests go.'),
    },
  },
  IngressBackend: {
    type: OBJECT,
    description: 'A backend: a Service or a resource (exactly one).',
    additionalProperties: false,
    properties: {
      service: {
        type: OBJECT,
        description: 'A Service in the same namespace as the Ingress. Mutually exclusive with resource.',
        additionalProperties: false,
        required: ['name', 'port'],
        properties: {
          name: str('Name of the Service.'),
          port: {
            type: OBJECT,
            description: 'Port of the Service: name or number (not both).',
            additionalProperties: false,
            properties: {
              name: str('Name of the Service port.'),
              number: portNumber('Numeric port of the Service.'),
            },
            oneOf: [{ required: ['name'] }, { required: ['number'] }],
          },
        },
      },
      resource: ref('TypedLocalObjectReference', 'Another object in the same namespace, e.g. a storage bucket. Mutually exclusive with service.'),
    },
    oneOf: [{ required: ['service'] }, { required: ['resource'] }],
  },
  TypedLocalObjectReference: {
    type: OBJECT,
    description: 'A reference to an object in the same namespace.',
    additionalProperties: false,
    required: ['kind', 'name'],
    properties: {
      apiGroup: str('API group of the resource; empty for the core group.'),
      kind: str('Kind of the resource.'),
      name: str('Name of the resource.'),
    },
  },
  IngressClassSpec: {
    type: OBJECT,
    description: 'The IngressClass a user wishes to exist.',
    additionalProperties: false,
    properties: {
      controller: str('Name of the controller that implements this class, a domain-prefixed path such as "example.com/ingress-controller" (at most 250 characters). Immutable.'),
      parameters: {
        type: OBJECT,
        description: 'Link to a custom resource with extra configuration for the controller. Optional.',
        additionalProperties: false,
        required: ['kind', 'name'],
        properties: {
          apiGroup: str('API group of the referenced resource; empty for the core group.'),
          kind: str('Kind of the referenced resource.'),
          name: str('Name of the referenced resource.'),
          scope: oneOf(['Cluster', 'Namespace'], 'Whether the resource is cluster-scoped or namespace-scoped. Default Cluster.'),
          namespace: str('Namespace of the resource; required when scope is Namespace, must be unset when Cluster.'),
        },
      },
    },
  },

  // ---- v1 Pod and apps/v1 workloads (the networking-relevant subset; other fields allowed) ----
  PodSpec: {
    type: OBJECT,
    description: 'The specification of a pod. Fields not listed here are allowed but not checked.',
    additionalProperties: true,
    required: ['containers'],
    properties: {
      containers: list('Container', 'Containers in the pod. There must be at least one.'),
      initContainers: list('Container', 'Containers run in order before the app containers start.'),
      hostNetwork: bool("Use the node's network namespace: the pod gets the node IP and its ports are node ports. Default false."),
      nodeName: str('Schedule the pod onto this node directly, bypassing the scheduler.'),
      nodeSelector: stringMap('The pod only fits on nodes with these labels.'),
      dnsPolicy: oneOf(['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'], 'DNS policy. ClusterFirst (default) uses cluster DNS; ClusterFirstWithHostNet is needed for cluster DNS with hostNetwork; Default inherits from the node; None uses only dnsConfig.'),
      dnsConfig: {
        type: OBJECT,
        description: 'DNS settings merged into the generated resolv.conf (used alone with dnsPolicy None).',
        additionalProperties: false,
        properties: {
          nameservers: strings('DNS server IPs; at most 3.'),
          searches: strings('DNS search domains.'),
          options: { type: LIST, description: 'resolver options such as ndots.', items: { type: OBJECT, additionalProperties: false, properties: { name: str('Option name.'), value: str('Option value.') } } },
        },
      },
      hostname: str("The pod's hostname; defaults to a system-defined value."),
      subdomain: str('With a headless Service of the same name, gives the pod the DNS name <hostname>.<subdomain>.<namespace>.svc.<cluster-domain>.'),
      setHostnameAsFQDN: bool("Set the pod's hostname to its fully qualified domain name."),
      hostAliases: { type: LIST, description: "Entries added to the pod's /etc/hosts.", items: { type: OBJECT, additionalProperties: false, required: ['ip'], properties: { ip: str('IP address of the entry.'), hostnames: strings('Hostnames for that IP.') } } },
      serviceAccountName: str('Name of the ServiceAccount the pod runs as.'),
      restartPolicy: oneOf(['Always', 'OnFailure', 'Never'], 'Restart policy for all containers. Default Always.'),
    },
  },
  Container: {
    type: OBJECT,
    description: 'A container in a pod. Fields not listed here are allowed but not checked.',
    additionalProperties: true,
    required: ['name'],
    properties: {
      name: str('Name of the container (a DNS label), unique within the pod.'),
      image: str('Container image name.'),
      ports: list('ContainerPort', 'Ports the container exposes. Informational: a process listening on 0.0.0.0 is reachable either way. Named ports can be used by Services and NetworkPolicies.'),
    },
  },
  ContainerPort: {
    type: OBJECT,
    description: 'A network port in a single container.',
    additionalProperties: false,
    required: ['containerPort'],
    properties: {
      name: { type: 'string', maxLength: 15, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', description: 'An IANA_SVC_NAME, unique in the pod, that Services and NetworkPolicies can refer to.' },
      containerPort: portNumber("Port on the pod's IP address."),
      protocol: oneOf(PROTOCOL, 'Protocol for the port: TCP, UDP or SCTP. Default TCP.'),
      hostPort: portNumber('Port on the host to expose; most containers do not need it. Must equal containerPort with hostNetwork.'),
      hostIP: str('Host IP to bind the host port to.'),
    },
  },
  PodTemplateSpec: {
    type: OBJECT,
    description: 'Pods created from this template.',
    additionalProperties: false,
    properties: {
      metadata: ref('ObjectMeta', 'Metadata of the created pods; labels here must match the selector.'),
      spec: ref('PodSpec', 'Specification of the created pods.'),
    },
  },
  WorkloadSpec: {
    type: OBJECT,
    description: 'Spec of a Deployment, StatefulSet, DaemonSet or ReplicaSet. Only the selector and pod template are checked.',
    additionalProperties: true,
    required: ['selector', 'template'],
    properties: {
      replicas: { type: 'integer', minimum: 0, description: 'Desired number of pods (not for DaemonSet). Default 1.' },
      selector: ref('LabelSelector', "Label query over pods; must match the template's labels."),
      template: ref('PodTemplateSpec', 'Template for the pods this workload creates.'),
      serviceName: str('StatefulSet only: the headless Service that gives the pods stable DNS names.'),
    },
  },
  PodStatus: {
    type: OBJECT,
    description: 'Most recently observed status of the pod. Fields not listed here are allowed.',
    additionalProperties: true,
    properties: {
      phase: oneOf(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'], 'High-level summary of where the pod is in its lifecycle.'),
      podIP: str('IP address allocated to the pod; routable at least within the cluster. Empty if not yet allocated.'),
      podIPs: { type: LIST, description: 'IPs allocated to the pod, at most one per family; the first equals podIP.', items: { type: OBJECT, additionalProperties: false, properties: { ip: str('IP address of the pod.') } } },
      hostIP: str('IP address of the node the pod is on.'),
      hostIPs: { type: LIST, description: 'IPs of the node, at most one per family; the first equals hostIP.', items: { type: OBJECT, additionalProperties: false, properties: { ip: str('IP address of the node.') } } },
    },
  },
};

const NET = 'networking.k8s.io/v1';
const ingressStatus = { type: OBJECT, description: 'Current state of the Ingress.', additionalProperties: false, properties: { loadBalancer: ref('LoadBalancerStatus', 'Load balancer of the Ingress.') } };
const serviceStatus = {
  type: OBJECT,
  description: 'Most recently observed status of the Service.',
  additionalProperties: false,
  properties: {
    loadBalancer: ref('LoadBalancerStatus', 'Load balancer status, if one is present.'),
    conditions: { type: LIST, items: { type: OBJECT }, description: 'Current conditions of the Service.' },
  },
};
const workload = (kind: string) =>
  kindSchema('apps/v1', kind, `A ${kind} (apps/v1): only the selector and pod template are checked.`, ref('WorkloadSpec', `Desired behaviour of the ${kind}.`), { type: OBJECT, description: 'Observed status; set by the system.' }, false);

definitions.Namespace = kindSchema('v1', 'Namespace', 'A scope for names; NetworkPolicy namespaceSelectors match its labels.', { type: OBJECT, description: 'Namespace spec (finalizers).' }, { type: OBJECT, description: 'Observed status (phase).' }, true);
definitions.Pod = kindSchema('v1', 'Pod', 'A collection of containers that share a network namespace and IP.', ref('PodSpec', 'Desired behaviour of the pod.'), ref('PodStatus', 'Observed status of the pod.'), true);
definitions.Deployment = workload('Deployment');
definitions.StatefulSet = workload('StatefulSet');
definitions.DaemonSet = workload('DaemonSet');
definitions.ReplicaSet = workload('ReplicaSet');
definitions.Service = kindSchema('v1', 'Service', 'A named abstraction of a set of pods (selected by labels) and the ports they serve on, with a stable IP and DNS name.', ref('ServiceSpec', 'Behaviour of the Service.'), serviceStatus, true);
definitions.Ingress = kindSchema(NET, 'Ingress', 'Rules that route inbound HTTP(S) requests to backends, implemented by an ingress controller.', ref('IngressSpec', 'Desired state of the Ingress.'), ingressStatus, true);
definitions.IngressClass = kindSchema(NET, 'IngressClass', 'The class of an Ingress: which controller implements it. Annotation ingressclass.kubernetes.io/is-default-class marks the default.', ref('IngressClassSpec', 'Desired state of the IngressClass.'), null, true);
definitions.NetworkPolicy = kindSchema(NET, 'NetworkPolicy', 'Which network traffic is allowed for a set of pods.', ref('NetworkPolicySpec', 'Desired behaviour of this NetworkPolicy.'), null, true);
definitions.List = kindSchema('v1', 'List', 'A list of objects, as printed by kubectl get -o yaml.', null, null, true);
(definitions.List as { properties: Record<string, unknown> }).properties.items = {
  type: LIST,
  items: { $ref: '#' },
  description: 'The objects in the list; each is checked by its own kind.',
};
(definitions.List as { required?: string[] }).required = ['items'];

Object.assign(definitions, ciliumDefinitions);
Object.assign(definitions, gatewayDefinitions({ str, int, ref, oneOf, portNumber, OBJECT, LIST }));

const KINDS = ['Namespace', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Service', 'Ingress', 'IngressClass', 'NetworkPolicy', ...CILIUM_KINDS, 'List', ...GATEWAY_KINDS];

export const kubernetesSchema: SchemaEntry = {
  uri: 'https://aks-networking.local/schemas/kubernetes.json',
  schema: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://aks-networking.local/schemas/kubernetes.json',
    title: 'Kubernetes object',
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: { type: 'string', examples: ['v1', 'apps/v1', NET], description: 'The versioned schema of this object, e.g. v1, apps/v1, networking.k8s.io/v1.' },
      kind: { type: 'string', examples: KINDS, description: 'The kind of object, e.g. Pod, Service, Ingress, NetworkPolicy.' },
    },
    allOf: KINDS.map((kind) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: { $ref: `#/definitions/${kind}` },
    })),
    definitions,
  },
};
