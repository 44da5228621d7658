/**
 * JSON Schema definitions for cilium.io/v2 CiliumNetworkPolicy and
 * CiliumClusterwideNetworkPolicy, merged into the Kubernetes schema of the YAML panes
 * (./k8s-schemas.ts). Descriptions paraphrase the Cilium policy docs
 * (Documentation/security/policy/{layer3,layer4,layer7,deny,language}.rst) and the Go field
 * docs of pkg/policy/api. Rules are closed (`additionalProperties: false`) so a typo such as
 * `toFQDN` is flagged; L7 kinds other than HTTP and DNS stay open.
 */
const OBJECT = ['object', 'null'];
const LIST = ['array', 'null'];
const str = (description: string) => ({ type: 'string', description });
const ref = (name: string, description: string) => ({ $ref: `#/definitions/${name}`, description });
const list = (name: string, description: string) => ({ type: LIST, items: { $ref: `#/definitions/${name}` }, description });
const strings = (description: string) => ({ type: LIST, items: { type: 'string' }, description });
const closed = (description: string, properties: Record<string, unknown>, required?: string[]) => ({ type: OBJECT, description, additionalProperties: false, properties, ...(required ? { required } : {}) });

const ENTITIES = ['world', 'world-ipv4', 'world-ipv6', 'cluster', 'host', 'remote-node', 'kube-apiserver', 'init', 'health', 'unmanaged', 'ingress', 'all'];

const common = {
  toPorts: list('CiliumPortRule', 'Ports (and optional L7 rules) the rule applies to; entries are ORed. Absent: every port and protocol.'),
  icmps: { type: LIST, items: { type: OBJECT }, description: 'ICMP types the rule allows (not evaluated by this site).' },
  authentication: { type: OBJECT, description: 'Mutual authentication required for the peers (not evaluated by this site).' },
};

const ingress = (deny: boolean) =>
  closed(deny ? 'Traffic to deny into the selected pods; deny rules win over every allow. No L7 rules.' : 'Traffic to allow into the selected pods: the peer fields are ORed, and ANDed with toPorts. `{}` allows nothing (but switches on default-deny).', {
    fromEndpoints: list('CiliumSelector', 'Pods allowed to connect, by labels. In a CiliumNetworkPolicy the policy\'s namespace is added unless the selector names k8s:io.kubernetes.pod.namespace; `{}` = every pod of that namespace.'),
    fromRequires: list('CiliumSelector', 'Deprecated in Cilium 1.17, removed in 1.19.'),
    fromCIDR: strings('Outside addresses (CIDRs) allowed; never pods or nodes.'),
    fromCIDRSet: list('CiliumCIDRRule', 'CIDRs with exceptions.'),
    fromEntities: { type: LIST, items: { type: 'string', enum: ENTITIES }, description: 'Special identities: world, cluster, host, remote-node, kube-apiserver, all…' },
    fromGroups: { type: LIST, items: { type: OBJECT }, description: 'Cloud provider groups (not evaluated by this site).' },
    fromNodes: list('CiliumSelector', 'Nodes by labels (not evaluated by this site).'),
    ...common,
  });

const egress = (deny: boolean) =>
  closed(deny ? 'Traffic to deny out of the selected pods; deny rules win over every allow. No toFQDNs, no L7 rules.' : 'Traffic to allow out of the selected pods: the peer fields are ORed, and ANDed with toPorts. `{}` allows nothing (but switches on default-deny).', {
    toEndpoints: list('CiliumSelector', 'Pods the selected pods may connect to, by labels. In a CiliumNetworkPolicy the policy\'s namespace is added unless the selector names k8s:io.kubernetes.pod.namespace.'),
    toRequires: list('CiliumSelector', 'Deprecated in Cilium 1.17, removed in 1.19.'),
    toCIDR: strings('Outside addresses (CIDRs); never pods or nodes.'),
    toCIDRSet: list('CiliumCIDRRule', 'CIDRs with exceptions.'),
    toEntities: { type: LIST, items: { type: 'string', enum: ENTITIES }, description: 'Special identities: world, cluster, host, remote-node, kube-apiserver, all…' },
    toServices: { type: LIST, items: ref('CiliumService', 'A Service by name or by labels.'), description: 'Kubernetes Services (their selected pods; selector-less Services become CIDRs).' },
    ...(deny ? {} : { toFQDNs: list('CiliumFQDN', 'DNS names outside the cluster; needs a DNS rule (toPorts.rules.dns) on the egress rule to kube-dns so the DNS proxy learns the addresses. On AKS: Advanced Container Networking Services.') }),
    toGroups: { type: LIST, items: { type: OBJECT }, description: 'Cloud provider groups (not evaluated by this site).' },
    toNodes: list('CiliumSelector', 'Nodes by labels (not evaluated by this site).'),
    ...common,
  });

export const ciliumDefinitions: Record<string, unknown> = {
  CiliumSelector: { type: OBJECT, description: 'A label selector over endpoints; keys may carry a source prefix such as k8s: or any:.', additionalProperties: false, properties: { matchLabels: { type: OBJECT, additionalProperties: { type: 'string' }, description: 'Labels that must all match.' }, matchExpressions: list('LabelSelectorRequirement', 'Requirements, ANDed.') } },
  CiliumCIDRRule: closed('A CIDR with exceptions.', { cidr: str('The CIDR, e.g. 10.0.0.0/8.'), except: strings('CIDRs inside cidr to leave out.'), cidrGroupRef: str('A CiliumCIDRGroup (not evaluated by this site).'), cidrGroupSelector: { type: OBJECT, description: 'CiliumCIDRGroups by labels (not evaluated by this site).' } }),
  CiliumFQDN: closed('One DNS name selector: matchName (exact) or matchPattern (* = any DNS characters except the dot).', { matchName: str('An exact name, e.g. api.github.com.'), matchPattern: str('A pattern, e.g. *.github.com (one label only; not github.com).') }),
  CiliumService: closed('A Service to allow.', {
    k8sService: closed('A Service by name.', { serviceName: str('Name of the Service.'), namespace: str('Namespace of the Service (default: the policy\'s).') }, ['serviceName']),
    k8sServiceSelector: closed('Services by labels.', { selector: ref('CiliumSelector', 'Labels of the Services.'), namespace: str('Namespace of the Services.') }, ['selector']),
  }),
  CiliumPort: closed('A port (or range) and protocol.', {
    port: { type: ['string', 'integer'], description: 'Port number or name, written as text ("80"). "0" or absent: every port.' },
    endPort: { type: 'integer', minimum: 1, maximum: 65535, description: 'Last port of a range (inclusive), from Cilium 1.16.' },
    protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP', 'ANY'], description: 'TCP, UDP, SCTP or ANY. Absent: ANY (unlike a Kubernetes NetworkPolicy, where it means TCP).' },
  }),
  CiliumHTTPRule: closed('An HTTP request pattern; every field given must match. Requests matching no rule get 403.', {
    method: str('Extended POSIX regular expression matched against the whole method, e.g. GET or GET|HEAD.'),
    path: str('Extended POSIX regular expression matched against the whole path: /products does not match /products/42; write /products(/.*)?.'),
    host: str('Regular expression matched against the host (authority).'),
    headers: strings('Headers that must be present: "X-Token" (present) or "X-Token: value" (exact value).'),
    headerMatches: { type: LIST, items: { type: OBJECT }, description: 'Header matches with mismatch actions (not evaluated by this site).' },
  }),
  CiliumL7Rules: closed('L7 rules of a port: one kind only (a union).', {
    http: list('CiliumHTTPRule', 'HTTP rules, ORed. On AKS needs ACNS with the L7 option; not in a CiliumClusterwideNetworkPolicy.'),
    dns: list('CiliumFQDN', 'DNS queries the pods may make (others get REFUSED); also what the DNS proxy learns for toFQDNs.'),
    kafka: { type: LIST, items: { type: OBJECT }, description: 'Kafka rules (not evaluated by this site).' },
    l7proto: str('Name of a generic L7 parser.'),
    l7: { type: LIST, items: { type: OBJECT }, description: 'Generic L7 rules.' },
  }),
  CiliumPortRule: closed('Ports and their optional L7 rules.', {
    ports: list('CiliumPort', 'Ports, ORed. Empty: every port.'),
    rules: ref('CiliumL7Rules', 'L7 rules for these ports.'),
    originatingTLS: { type: OBJECT, description: 'TLS context for originating connections.' },
    terminatingTLS: { type: OBJECT, description: 'TLS context for terminating connections.' },
    serverNames: strings('TLS SNI names.'),
    listener: { type: OBJECT, description: 'An Envoy listener to use.' },
  }),
  CiliumIngressRule: ingress(false),
  CiliumIngressDenyRule: ingress(true),
  CiliumEgressRule: egress(false),
  CiliumEgressDenyRule: egress(true),
  CiliumRule: closed('One rule: which pods it selects, and what they may receive and send.', {
    endpointSelector: ref('CiliumSelector', 'The pods the rule applies to (in a CiliumNetworkPolicy: of its namespace only). {} = all of them.'),
    nodeSelector: ref('CiliumSelector', 'Nodes, for host policies (CiliumClusterwideNetworkPolicy only; not evaluated by this site).'),
    ingress: list('CiliumIngressRule', 'Allowed ingress. A non-empty list switches the pods to ingress default-deny.'),
    ingressDeny: list('CiliumIngressDenyRule', 'Denied ingress; wins over allows, and also switches on default-deny.'),
    egress: list('CiliumEgressRule', 'Allowed egress. A non-empty list switches the pods to egress default-deny.'),
    egressDeny: list('CiliumEgressDenyRule', 'Denied egress; wins over allows, and also switches on default-deny.'),
    enableDefaultDeny: closed('Whether this rule switches on default-deny per direction (default true).', { ingress: { type: 'boolean', description: 'Default true.' }, egress: { type: 'boolean', description: 'Default true.' } }),
    description: str('Free text saying what the rule is for.'),
    labels: { type: LIST, items: { type: OBJECT }, description: 'Labels identifying the rule.' },
  }),
};

const policy = (kind: string, description: string) => ({
  type: 'object',
  description,
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string', enum: ['cilium.io/v2'], description: `The versioned schema of this object: cilium.io/v2 for ${kind}.` },
    kind: { type: 'string', enum: [kind], description: 'The REST resource this object represents.' },
    metadata: ref('ObjectMeta', kind === 'CiliumClusterwideNetworkPolicy' ? 'Metadata: a cluster-wide policy has a name and no namespace.' : 'Metadata: name and namespace (the pods it selects live there).'),
    spec: ref('CiliumRule', 'One rule: an endpointSelector and its ingress/egress lists.'),
    specs: list('CiliumRule', 'Several rules in one object.'),
    status: { type: OBJECT, description: 'Status set by Cilium.' },
  },
});

ciliumDefinitions.CiliumNetworkPolicy = policy('CiliumNetworkPolicy', 'A Cilium policy for pods of one namespace: L3/L4 like NetworkPolicy, plus entities, FQDN, L7 and deny rules.');
ciliumDefinitions.CiliumClusterwideNetworkPolicy = policy('CiliumClusterwideNetworkPolicy', 'A Cilium policy for pods of every namespace (cluster-scoped).');

export const CILIUM_KINDS = ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'];
