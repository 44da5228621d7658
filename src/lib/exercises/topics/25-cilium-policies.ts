/**
 * CiliumNetworkPolicy exercises (Azure CNI Powered by Cilium). Like the NetworkPolicy ones,
 * each has a fixed cluster and is judged on behaviour: the learner's policies give the
 * required matrix and single connections — to DNS names, with HTTP requests — under the
 * Cilium engine (../netpol-check.ts). Some add a check no matrix can make: a deny must still
 * win when another allow is added later; a baseline must cover a namespace created later.
 *
 * Decoys tell a right answer from a plausible wrong one: a second CoreDNS replica and a
 * non-DNS kube-system pod, a sibling name under the same domain (gist.github.com), a pod with
 * the same labels in another namespace, a second pod in the namespace to keep out, a
 * kube-system pod that needs the metadata service. tests/unit/exercises-wrong-answers.test.ts
 * and tests/unit/exercises-cilium.test.ts name the wrong answers they catch.
 */
import { FACTS } from '../../facts';
import { cluster, COREDNS, COREDNS_2, isClusterDns, METRICS_SERVER, namespace, NOTE_CLUSTER, pod } from '../cluster-text';
import { checkPolicies, type NetpolSpec } from '../netpol-check';
import { fail, type Exercise } from '../types';

const cnp = (name: string, ns: string, spec: string): string => `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;
const ccnp = (name: string, spec: string): string => `apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

/** Exercise fields shared by every Cilium exercise; the checker judges with the Cilium engine only. */
function ciliumExercise(
  e: Omit<Exercise, 'page' | 'tool' | 'start' | 'solution' | 'check'> & {
    spec: Omit<NetpolSpec, 'engines'>;
    start: string;
    solution: string;
    query: string;
    /** A further check once the matrix and connections are right. */
    more?: (policies: string) => ReturnType<Exercise['check']> | undefined;
  },
): Exercise {
  const { spec, start, solution, query, startNote, more, ...rest } = e;
  const full: NetpolSpec = { ...spec, engines: ['cilium'] };
  return {
    ...rest,
    page: 'cilium-policies',
    tool: 'netpol',
    startNote: `${startNote} ${NOTE_CLUSTER}`,
    start: { policies: start, cluster: spec.cluster, query },
    solution: { policies: solution, cluster: spec.cluster, query },
    check: (inputs) => {
      const r = checkPolicies(inputs, full);
      return r.pass ? (more?.(inputs.policies ?? '') ?? r) : r;
    },
  };
}

// ---- 1. FQDN egress that works --------------------------------------------------------------

const GITHUB = cluster(
  namespace('shop'),
  namespace('tools'),
  namespace('kube-system'),
  pod('shop', 'web', 'app: web', '10.244.1.10', ['http:80']),
  pod('shop', 'api', 'app: api', '10.244.1.11', ['http:8080']),
  pod('tools', 'debug', 'app: debug', '10.244.2.10'),
  COREDNS,
  COREDNS_2,
  METRICS_SERVER,
);

const WEB_SELECTOR = '  endpointSelector:\n    matchLabels:\n      app: web\n';
const TO_KUBE_DNS = '  - toEndpoints:\n    - matchLabels:\n        k8s:io.kubernetes.pod.namespace: kube-system\n        k8s-app: kube-dns\n    toPorts:\n    - ports:\n      - port: "53"\n        protocol: ANY\n';
const TO_GITHUB = '  - toFQDNs:\n    - matchName: api.github.com\n    toPorts:\n    - ports:\n      - port: "443"\n        protocol: TCP\n';

const fqdnEgress = ciliumExercise({
  id: 'cilium-fqdn-egress',
  title: 'Egress to one DNS name',
  task: 'The web pod in shop calls the GitHub API at https://api.github.com (TCP 443) and nothing else: no other name (not even other github.com names), no address written as an IP, no other pod — except the cluster DNS, the CoreDNS pods (k8s-app=kube-dns in kube-system) on port 53, which it needs to look the name up. Other pods stay unrestricted.',
  startNote: 'The starting CiliumNetworkPolicy allows DNS and api.github.com, yet web cannot reach the name.',
  spec: {
    cluster: GITHUB,
    ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }, { port: 8080 }, { port: 80 }],
    expect: (from, to, p) => from.key !== 'shop/web' || (isClusterDns(to) && p.port === 53),
    traffic: [
      { from: 'shop/web', to: 'api.github.com', port: 443, allow: true },
      { from: 'shop/web', to: 'api.github.com', port: 80, allow: false },
      { from: 'shop/web', to: 'gist.github.com', port: 443, allow: false },
      { from: 'shop/web', to: 'github.com', port: 443, allow: false },
      { from: 'shop/web', to: '203.0.113.10', port: 443, allow: false },
      { from: 'tools/debug', to: 'www.example.com', port: 443, allow: true },
    ],
    success: 'web may look names up at CoreDNS, and the DNS rule (rules.dns) sends those lookups through the DNS proxy, which learns the addresses of api.github.com; the toFQDNs rule then allows exactly those addresses on 443. Without the DNS rule the lookup passes but the addresses are never learned.',
  },
  start: cnp('web-egress', 'shop', `${WEB_SELECTOR}  egress:\n${TO_KUBE_DNS}${TO_GITHUB}`),
  solution: cnp('web-egress', 'shop', `${WEB_SELECTOR}  egress:\n${TO_KUBE_DNS}      rules:\n        dns:\n        - matchName: api.github.com\n${TO_GITHUB}`),
  query: 'shop/web -> api.github.com:443\nshop/web -> kube-system/coredns:53/UDP\nshop/web -> gist.github.com:443\nports: 53/UDP, 53/TCP\nengine: cilium\n',
  hints: [
    'Read the findings under the result. How does Cilium know which addresses api.github.com stands for?',
    'A toFQDNs rule allows the addresses the DNS proxy has seen in the pod\'s own DNS answers. The proxy sees a lookup only if the egress rule towards CoreDNS carries a DNS rule: toPorts[].rules.dns.',
    'Under the port 53 entry of the CoreDNS rule, add "rules: {dns: [{matchName: api.github.com}]}" (indented under the same toPorts item as ports).',
  ],
});

// ---- 2. L7: a read-only API ---------------------------------------------------------------------

const CATALOG = cluster(
  namespace('frontend'),
  namespace('shop'),
  pod('frontend', 'web', 'app: web', '10.244.1.10', ['http:80']),
  pod('shop', 'catalog', 'app: catalog', '10.244.2.10', ['http:8080', 'metrics:9090']),
  pod('shop', 'worker', 'app: worker', '10.244.2.11'),
  // Decoy: a pod labelled app=web in another namespace is not the web front end.
  namespace('staging'),
  pod('staging', 'web', 'app: web', '10.244.3.10', ['http:80']),
);

const CATALOG_SELECTOR = '  endpointSelector:\n    matchLabels:\n      app: catalog\n';
const FROM_WEB = '  - fromEndpoints:\n    - matchLabels:\n        k8s:io.kubernetes.pod.namespace: frontend\n        app: web\n    toPorts:\n    - ports:\n      - port: "8080"\n        protocol: TCP\n';
const GET_ONLY = '      rules:\n        http:\n        - method: GET\n';
const get = (path: string) => ({ method: 'GET', path });

const l7ReadOnly = ciliumExercise({
  id: 'cilium-l7-read-only',
  title: 'A read-only API with an HTTP rule',
  task: 'catalog (namespace shop) serves a REST API on TCP 8080. The web pod of namespace frontend may only read from it: GET requests on any path pass, every other method (POST, PUT, DELETE…) is refused. No other pod may connect to catalog at all, on any port. Pods other than catalog stay unrestricted.',
  startNote: 'The starting policy has a GET-only HTTP rule, and yet web can still POST and DELETE.',
  spec: {
    cluster: CATALOG,
    ports: [{ port: 8080 }, { port: 9090 }],
    expect: (from, to, p) => to.key !== 'shop/catalog' || (from.key === 'frontend/web' && p.port === 8080),
    traffic: [
      { from: 'frontend/web', to: 'shop/catalog', port: 8080, http: get('/products'), allow: true },
      { from: 'frontend/web', to: 'shop/catalog', port: 8080, http: get('/products/42'), allow: true },
      { from: 'frontend/web', to: 'shop/catalog', port: 8080, http: get('/healthz'), allow: true },
      { from: 'frontend/web', to: 'shop/catalog', port: 8080, http: { method: 'POST', path: '/products' }, allow: false },
      { from: 'frontend/web', to: 'shop/catalog', port: 8080, http: { method: 'DELETE', path: '/products/42' }, allow: false },
      { from: 'frontend/web', to: 'shop/catalog', port: 8080, http: { method: 'PUT', path: '/products/42' }, allow: false },
      { from: 'staging/web', to: 'shop/catalog', port: 8080, http: get('/products'), allow: false },
      { from: 'shop/worker', to: 'shop/catalog', port: 8080, http: get('/products'), allow: false },
    ],
    success: 'One rule allows web on 8080 and carries the HTTP rule, so every request over that connection is judged by it: GET passes, anything else gets 403 from the proxy while the connection stays open. No other rule opens 8080 for web without L7 rules, which would cancel them.',
  },
  start: cnp('catalog-ingress', 'shop', `${CATALOG_SELECTOR}  ingress:\n${FROM_WEB}${GET_ONLY}  # Added for health checks: web may open 8080.\n${FROM_WEB}`),
  solution: cnp('catalog-ingress', 'shop', `${CATALOG_SELECTOR}  ingress:\n${FROM_WEB}${GET_ONLY}`),
  query: 'frontend/web -> shop/catalog:8080/TCP GET /products/42\nfrontend/web -> shop/catalog:8080/TCP POST /products\nfrontend/web -> shop/catalog:8080/TCP DELETE /products/42\nports: 8080, 9090\nengine: cilium\n',
  hints: [
    'Read the findings under the result: which rule lets POST through, though the first rule says GET?',
    'When a rule without L7 rules opens the same port for the same peer, the L7 rules of the other rule have no effect: every request passes.',
    'Delete the second rule (the one "for health checks"). Kubelet health probes come from the node, which may always reach its pods.',
  ],
});

// ---- 3. a deny that beats every allow ------------------------------------------------------------

const SANDBOX = cluster(
  namespace('shop'),
  namespace('sandbox'),
  namespace('monitoring'),
  pod('shop', 'db', 'app: db', '10.244.1.20', ['postgres:5432', 'metrics:9187']),
  pod('shop', 'api', 'app: api', '10.244.1.21', ['http:8080']),
  // Decoy: a runner in shop (a selector on app=runner alone names the policy's namespace).
  pod('shop', 'runner', 'app: runner', '10.244.1.22'),
  pod('sandbox', 'runner', 'app: runner', '10.244.4.10'),
  // Decoy: a second sandbox pod with other labels (denying app=runner is not the namespace).
  pod('sandbox', 'notebook', 'app: notebook', '10.244.4.11'),
  pod('monitoring', 'prometheus', 'app: prometheus', '10.244.5.10', ['web:9090']),
);

const DB_ALLOW_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-allow-all
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: db
  policyTypes:
  - Ingress
  ingress:
  - from:
    - namespaceSelector: {}
    ports:
    - port: 5432
`;
const DB_SELECTOR = '  endpointSelector:\n    matchLabels:\n      app: db\n';
const denyPolicies = (peer: string) => `${DB_ALLOW_ALL}---\n${cnp('db-deny-sandbox', 'shop', `${DB_SELECTOR}  ingressDeny:\n  - fromEndpoints:\n    - matchLabels:\n${peer}`)}`;

/** Added by the checker: an allow for everyone, as another team might write later. */
const LATER_ALLOW = cnp('db-allow-everything-later', 'shop', `${DB_SELECTOR}  ingress:\n  - fromEntities:\n    - all\n`);

const denyOverAllow = ciliumExercise({
  id: 'cilium-deny-over-allow',
  title: 'A deny that beats every allow',
  task: 'The NetworkPolicy db-allow-all lets every pod of the cluster reach db (namespace shop) on 5432. Pods of namespace sandbox run untrusted code: none of them may reach db, whatever any allow policy says, now or later. Keep db-allow-all as it is and add a CiliumNetworkPolicy with a deny rule. Every pod outside sandbox must still reach db on 5432.',
  startNote: 'The starting deny keeps the wrong runner out.',
  spec: {
    cluster: SANDBOX,
    ports: [{ port: 5432 }, { port: 9187 }, { port: 8080 }],
    expect: (from, to, p) => to.key !== 'shop/db' || (p.port === 5432 && from.namespace !== 'sandbox'),
    success: 'The ingressDeny rule names the sandbox namespace, so it covers every pod there, and a deny wins over every allow — db-allow-all, and any allow added later. The CNP has only a deny rule, which puts db in default deny for ingress; db-allow-all already did.',
  },
  more: (policies) => {
    const later = checkPolicies(
      { policies: `${policies}\n---\n${LATER_ALLOW}` },
      { cluster: SANDBOX, ports: [{ port: 5432 }, { port: 9187 }], expect: (from, to) => to.key !== 'shop/db' || from.namespace !== 'sandbox', success: '', engines: ['cilium'] },
    );
    return later.pass
      ? undefined
      : fail('Sandbox is kept out only because no allow admits it. When another team adds an allow for db (the checker adds one that allows everything), sandbox gets in: write the rule as an ingressDeny, which wins over every allow.', later.details);
  },
  start: denyPolicies('        app: runner\n'),
  solution: denyPolicies('        k8s:io.kubernetes.pod.namespace: sandbox\n'),
  query: 'sandbox/runner -> shop/db:5432\nsandbox/notebook -> shop/db:5432\nshop/runner -> shop/db:5432\nports: 5432, 9187\nengine: cilium\n',
  hints: [
    'Which namespace does a fromEndpoints selector without a namespace label mean in a CiliumNetworkPolicy?',
    'It means the policy\'s own namespace (shop): the start denies shop/runner and not the sandbox pods. Select the namespace itself, so every pod in it is covered.',
    'Write the deny peer as matchLabels: {k8s:io.kubernetes.pod.namespace: sandbox}.',
  ],
});

// ---- 4. a cluster-wide baseline --------------------------------------------------------------

const IMDS = FACTS['azure-imds-ip'].value;
const BASELINE_PODS = [
  namespace('shop'),
  namespace('tools'),
  namespace('team-b'),
  namespace('kube-system'),
  pod('shop', 'web', 'app: web', '10.244.1.10', ['http:80']),
  pod('shop', 'api', 'app: api', '10.244.1.11', ['http:8080']),
  pod('tools', 'debug', 'app: debug', '10.244.2.10'),
  pod('team-b', 'app', 'app: orders', '10.244.3.10', ['http:8080']),
  COREDNS,
  // Decoy: a kube-system pod that needs the metadata service (the baseline must leave kube-system alone).
  pod('kube-system', 'csi-azuredisk', 'app: csi-azuredisk-controller', '10.244.0.20'),
];
const BASELINE = cluster(...BASELINE_PODS);
/** The same cluster once another team has created its namespace (a per-namespace answer misses it). */
const BASELINE_LATER = cluster(...BASELINE_PODS, namespace('payments'), pod('payments', 'api', 'app: payments-api', '10.244.6.10', ['https:8443']));

const NOT_KUBE_SYSTEM = '  endpointSelector:\n    matchExpressions:\n    - key: k8s:io.kubernetes.pod.namespace\n      operator: NotIn\n      values: [kube-system]\n';
const DENY_IMDS = `  egressDeny:\n  - toCIDR:\n    - ${IMDS}/32\n`;
const imdsCases = (podKeys: string[]) => podKeys.flatMap((from) => [80, 443].map((port) => ({ from, to: IMDS, port, allow: false })));

const ccnpBaseline = ciliumExercise({
  id: 'cilium-ccnp-baseline',
  title: 'A cluster-wide baseline',
  task: `With one CiliumClusterwideNetworkPolicy, stop every pod outside kube-system — in every namespace, including namespaces created later — from reaching the Azure Instance Metadata Service at ${IMDS} (any port). Nothing else changes: all other connections keep working, to pods and to the internet, and kube-system pods (some need the metadata service) are not affected.`,
  startNote: 'The starting policy blocks the metadata service — and a lot more.',
  spec: {
    cluster: BASELINE,
    ports: [{ port: 8080 }, { port: 53, protocol: 'UDP' }, { port: 80 }],
    expect: () => true,
    traffic: [
      ...imdsCases(['shop/web', 'tools/debug', 'team-b/app']),
      { from: 'kube-system/coredns', to: IMDS, port: 80, allow: true },
      { from: 'kube-system/csi-azuredisk', to: IMDS, port: 80, allow: true },
      { from: 'shop/web', to: '203.0.113.10', port: 443, allow: true },
      { from: 'shop/web', to: 'api.github.com', port: 443, allow: true },
      { from: 'team-b/app', to: '203.0.113.10', port: 443, allow: true },
    ],
    success: 'The policy selects every pod outside kube-system, now and later; its egressDeny keeps them from the metadata service whatever else allows it, and its egress rule to the entity all keeps everything else open — without it, the deny alone would put every selected pod in default deny for egress.',
  },
  more: (policies) => {
    const later = checkPolicies(
      { policies },
      { cluster: BASELINE_LATER, ports: [{ port: 8443 }], expect: () => true, traffic: imdsCases(['payments/api']), success: '', engines: ['cilium'] },
    );
    return later.pass ? undefined : fail('A namespace created later (payments) is not covered. Select pods by what they are not (outside kube-system) rather than listing today\'s namespaces, in one cluster-wide policy.', later.details);
  },
  start: ccnp('baseline-block-imds', `  endpointSelector: {}\n${DENY_IMDS}`),
  solution: ccnp('baseline-block-imds', `${NOT_KUBE_SYSTEM}  egress:\n  - toEntities:\n    - all\n${DENY_IMDS}`),
  query: `shop/web -> ${IMDS}:80\nkube-system/csi-azuredisk -> ${IMDS}:80\nshop/web -> 203.0.113.10:443\nshop/web -> shop/api:8080\nports: 8080, 53/UDP\nengine: cilium\n`,
  hints: [
    'Look at shop/web → 203.0.113.10 and at the matrix: why is everything denied, though the policy only denies one address?',
    'A policy with only egressDeny rules still puts the pods it selects in default deny for egress. Add an egress rule that allows everything (toEntities: [all]); the deny still wins for the metadata service.',
    'Then leave kube-system out: endpointSelector with matchExpressions [{key: k8s:io.kubernetes.pod.namespace, operator: NotIn, values: [kube-system]}].',
  ],
});

export default [fqdnEgress, l7ReadOnly, denyOverAllow, ccnpBaseline];
