/**
 * Network-policy exercises. Each has a fixed cluster (shown in the cluster pane, but the
 * checker always uses its own copy) and a required allow/deny matrix; the checker
 * computes the truth table of the learner's policies and compares cell by cell
 * (../netpol-check.ts), so any policy set with the right behaviour passes.
 *
 * Each cluster holds decoys: pods that a plausible wrong answer treats differently from
 * the right one (a second CoreDNS replica and a non-DNS pod in kube-system, a pod labelled
 * like the allowed one in another namespace, a namespace added later with the same team
 * label…). Without them a wrong answer could give the right matrix on a too-simple cluster;
 * tests/unit/exercises-wrong-answers.test.ts names the wrong answer each decoy catches.
 */
import { cluster, COREDNS, COREDNS_2, isClusterDns, METRICS_SERVER, namespace, NOTE_CLUSTER, pod } from '../cluster-text';
import { checkPolicies, type NetpolSpec } from '../netpol-check';
import type { Exercise } from '../types';

// ---- cluster text ---------------------------------------------------------------------------

/** One NetworkPolicy manifest around a spec (indented two spaces). */
const policy = (name: string, ns: string, spec: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;


/** Exercise fields shared by every network-policy exercise, and the checker from its spec. */
function netpolExercise(
  e: Omit<Exercise, 'page' | 'tool' | 'start' | 'solution' | 'check'> & { spec: NetpolSpec; start: string; solution: string; query: string },
): Exercise {
  const { spec, start, solution, query, startNote, ...rest } = e;
  return {
    ...rest,
    page: 'network-policies',
    tool: 'netpol',
    startNote: `${startNote} ${NOTE_CLUSTER}`,
    start: { policies: start, cluster: spec.cluster, query },
    solution: { policies: solution, cluster: spec.cluster, query },
    check: (inputs) => checkPolicies(inputs, spec),
  };
}

// ---- 1. default deny ---------------------------------------------------------------------------

const SHOP = cluster(
  namespace('shop'),
  namespace('tools'),
  pod('shop', 'web', 'app: web', '10.244.1.10', ['http:80']),
  pod('shop', 'api', 'app: api', '10.244.1.11', ['http:8080']),
  pod('shop', 'db', 'app: db', '10.244.1.12', ['postgres:5432']),
  // Decoy: a shop pod without an app label (a selector on app does not select every pod).
  pod('shop', 'nightly-report', 'job: nightly-report', '10.244.1.13'),
  pod('tools', 'debug', 'app: debug', '10.244.2.10'),
);

const defaultDeny = netpolExercise({
  id: 'netpol-default-deny',
  title: 'Default deny for a namespace',
  task: 'Make every pod in namespace shop refuse all incoming connections — from any pod, in any namespace, on any port. Outgoing traffic from shop, and the pods of other namespaces, must stay as they are.',
  startNote: 'The starting policy isolates only the db pod, so web and api still accept everything.',
  spec: {
    cluster: SHOP,
    ports: [{ port: 80 }, { port: 8080 }, { port: 5432 }],
    expect: (_from, to) => to.namespace !== 'shop',
    success: 'Every shop pod is isolated for ingress and no rule allows anything in, while egress and the tools namespace are untouched. This is the usual first policy of a namespace; allow rules are added next to it.',
  },
  start: policy('deny-db-ingress', 'shop', `  podSelector:\n    matchLabels:\n      app: db\n  policyTypes:\n  - Ingress\n`),
  solution: policy('default-deny-ingress', 'shop', `  podSelector: {}\n  policyTypes:\n  - Ingress\n`),
  query: 'tools/debug -> shop/api:8080\nshop/web -> shop/db:5432\nshop/api -> tools/debug:80\nports: 80, 8080, 5432\n',
  hints: [
    'A policy applies to the pods its spec.podSelector selects, in its own namespace. Which selector selects every pod?',
    'An empty selector, podSelector: {}, selects all pods of the namespace. A policy with Ingress in policyTypes and no ingress rules allows nothing in.',
    'Replace the podSelector with {} and keep policyTypes: [Ingress] — do not add Egress, or outgoing traffic is cut too.',
  ],
});

// ---- 2. allow only from frontend -------------------------------------------------------------

const APP = cluster(
  namespace('shop'),
  namespace('tools'),
  pod('shop', 'frontend', 'app: frontend', '10.244.1.20', ['http:80']),
  pod('shop', 'backend', 'app: backend', '10.244.1.21', ['http:8080', 'metrics:9090']),
  pod('shop', 'worker', 'app: worker', '10.244.1.22'),
  pod('tools', 'debug', 'app: debug', '10.244.2.10'),
  // Decoy: a pod labelled app=frontend in another namespace is not "the frontend pod".
  namespace('staging'),
  pod('staging', 'frontend', 'app: frontend', '10.244.3.20', ['http:80']),
);

const allowFrontend = netpolExercise({
  id: 'netpol-allow-frontend',
  title: 'Only the front end may reach the back end',
  task: 'Only the frontend pod may connect to the backend pod, and only on TCP 8080. No other pod (in shop or elsewhere) may connect to backend on any port, and frontend may not use its other ports. Connections to the other pods stay as they are.',
  startNote: 'The starting policy allows too much, in two ways.',
  spec: {
    cluster: APP,
    ports: [{ port: 8080 }, { port: 9090 }, { port: 80 }],
    expect: (from, to, p) => to.key !== 'shop/backend' || (from.key === 'shop/frontend' && p.port === 8080 && p.protocol === 'TCP'),
    success: 'backend is isolated for ingress and its one rule needs both things at once: the peer is a frontend pod AND the port is 8080. Peers and ports of one rule combine with AND.',
  },
  start: policy(
    'backend-allow',
    'shop',
    `  podSelector:\n    matchLabels:\n      app: backend\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: frontend\n  - ports:\n    - port: 8080\n`,
  ),
  solution: policy(
    'backend-allow-frontend',
    'shop',
    `  podSelector:\n    matchLabels:\n      app: backend\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: frontend\n    ports:\n    - port: 8080\n`,
  ),
  query: 'shop/frontend -> shop/backend:8080\nshop/frontend -> shop/backend:9090\nshop/worker -> shop/backend:8080\nports: 8080, 9090, 80\n',
  hints: [
    'Look at the matrix for 9090 and for worker → backend on 8080: which rule lets each through?',
    'The start has two rules: one allows frontend on every port (it has no ports), the other allows every source on 8080 (it has no from). Rules are ORed; inside one rule, from and ports are ANDed.',
    'Merge them into one rule: "- from: [frontend pods]" with "ports: [8080]" under the same dash (no "-" before ports).',
  ],
});

// ---- 3. cross-namespace -------------------------------------------------------------------

const PAYMENTS = cluster(
  namespace('payments', 'team: payments'),
  namespace('checkout', 'team: checkout'),
  namespace('checkout-canary', 'team: checkout'),
  namespace('reporting', 'team: finance'),
  pod('payments', 'api', 'app: payments-api', '10.244.3.10', ['https:8443']),
  pod('payments', 'ledger', 'app: ledger', '10.244.3.11'),
  pod('checkout', 'cart', 'app: cart', '10.244.4.10'),
  pod('checkout-canary', 'cart', 'app: cart', '10.244.5.10'),
  pod('reporting', 'reports', 'app: reports', '10.244.6.10'),
  // Decoys: a namespace added later with the team label (naming today's two is not enough),
  // and a cart pod of another team (selecting app=cart everywhere is not the team).
  namespace('checkout-eu', 'team: checkout'),
  pod('checkout-eu', 'cart', 'app: cart', '10.244.5.20'),
  namespace('marketing', 'team: marketing'),
  pod('marketing', 'cart', 'app: cart', '10.244.8.10'),
);

const crossNamespace = netpolExercise({
  id: 'netpol-cross-namespace',
  title: 'Allow a team’s namespaces',
  task: 'payments/api must accept connections on 8443 only from pods in namespaces labelled team=checkout — today that is checkout and checkout-canary, and new ones will follow. Every other pod, including the others in payments, is refused.',
  startNote: 'The starting policy names one namespace, so the canary namespace is refused.',
  spec: {
    cluster: PAYMENTS,
    ports: [{ port: 8443 }],
    expect: (from, to) => to.key !== 'payments/api' || from.nsLabels.team === 'checkout',
    success: 'The namespaceSelector matches the team label, so every namespace labelled team=checkout — present or future — may reach the API, and nothing else may.',
  },
  start: policy(
    'api-allow-checkout',
    'payments',
    `  podSelector:\n    matchLabels:\n      app: payments-api\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: checkout\n    ports:\n    - port: 8443\n`,
  ),
  solution: policy(
    'api-allow-checkout',
    'payments',
    `  podSelector:\n    matchLabels:\n      app: payments-api\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          team: checkout\n    ports:\n    - port: 8443\n`,
  ),
  query: 'checkout/cart -> payments/api:8443\ncheckout-canary/cart -> payments/api:8443\nreporting/reports -> payments/api:8443\nports: 8443\n',
  hints: [
    'kubernetes.io/metadata.name selects one namespace by its name. What do checkout and checkout-canary have in common?',
    'A namespaceSelector matches the labels of namespaces; both namespaces carry team: checkout.',
    'Select namespaces with matchLabels: {team: checkout} instead of the name label.',
  ],
});

// ---- 4. AND vs OR ---------------------------------------------------------------------------

const SCRAPE = cluster(
  namespace('monitoring', 'team: ops'),
  namespace('backend', 'team: api'),
  namespace('dev', 'team: dev'),
  pod('monitoring', 'prometheus', 'app: prometheus', '10.244.1.30', ['web:9090']),
  pod('monitoring', 'grafana', 'app: grafana', '10.244.1.31', ['http:3000']),
  pod('backend', 'api', 'app: api', '10.244.2.20', ['http:8080', 'metrics:9090']),
  pod('backend', 'prometheus', 'app: prometheus', '10.244.2.21', ['web:9090']),
  pod('dev', 'prometheus', 'app: prometheus', '10.244.7.10', ['web:9090']),
  // Decoy: a second team=ops namespace (selecting the namespace monitoring by name is not the task).
  namespace('monitoring-eu', 'team: ops'),
  pod('monitoring-eu', 'prometheus', 'app: prometheus', '10.244.1.40', ['web:9090']),
);

const andVsOr = netpolExercise({
  id: 'netpol-and-vs-or',
  title: 'AND vs OR: one dash too many',
  task: 'On port 9090, backend/api must accept connections only from Prometheus pods (app=prometheus) that run in namespaces labelled team=ops. Grafana in monitoring, and the Prometheus pods of backend and dev, must be refused.',
  startNote: 'The starting policy writes namespaceSelector and podSelector as two list items, which means OR.',
  spec: {
    cluster: SCRAPE,
    ports: [{ port: 9090 }],
    expect: (from, to) => to.key !== 'backend/api' || (from.nsLabels.team === 'ops' && from.labels.app === 'prometheus'),
    success: 'namespaceSelector and podSelector now sit in one peer, so both must match: Prometheus pods in team=ops namespaces, and nothing else.',
  },
  start: policy(
    'api-allow-scrape',
    'backend',
    `  podSelector:\n    matchLabels:\n      app: api\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          team: ops\n    - podSelector:\n        matchLabels:\n          app: prometheus\n    ports:\n    - port: 9090\n`,
  ),
  solution: policy(
    'api-allow-scrape',
    'backend',
    `  podSelector:\n    matchLabels:\n      app: api\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          team: ops\n      podSelector:\n        matchLabels:\n          app: prometheus\n    ports:\n    - port: 9090\n`,
  ),
  query: 'monitoring/prometheus -> backend/api:9090\nmonitoring/grafana -> backend/api:9090\nbackend/prometheus -> backend/api:9090\nports: 9090\n',
  hints: [
    'Read the peers-or-not-and finding: how many peers does the from list have?',
    'Each "-" starts a new peer, and peers are ORed: "any pod in a team=ops namespace" OR "Prometheus pods in backend" (a podSelector alone means the policy’s own namespace).',
    'Delete the "-" before podSelector and indent it like namespaceSelector, so both are keys of one list item.',
  ],
});

// ---- 5. egress with DNS ---------------------------------------------------------------------

const DNS_CLUSTER = cluster(
  namespace('shop'),
  namespace('kube-system'),
  namespace('tools'),
  pod('shop', 'web', 'app: web', '10.244.1.10', ['http:80']),
  pod('shop', 'api', 'app: api', '10.244.1.11', ['http:8080']),
  pod('shop', 'db', 'app: db', '10.244.1.12', ['postgres:5432']),
  COREDNS,
  COREDNS_2,
  METRICS_SERVER,
  pod('tools', 'debug', 'app: debug', '10.244.2.10'),
  // Decoy: a test DNS server labelled like CoreDNS outside kube-system ("other DNS servers").
  pod('tools', 'dns-test', 'k8s-app: kube-dns', '10.244.2.11', ['dns:53/UDP', 'dns-tcp:53']),
);

const DNS_RULE = `  - to:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n    ports:\n    - port: 53\n      protocol: UDP\n    - port: 53\n      protocol: TCP\n`;
const WEB_TO_API = `  - to:\n    - podSelector:\n        matchLabels:\n          app: api\n    ports:\n    - port: 8080\n`;

const egressDns = netpolExercise({
  id: 'netpol-egress-dns',
  title: 'Lock down egress, keep DNS',
  task: 'The web pod in shop may open connections only to the api pod on TCP 8080 and to the cluster DNS — the CoreDNS pods (k8s-app=kube-dns in kube-system) on UDP and TCP 53. Nothing else: not db, not other DNS servers, not addresses outside the cluster. Connections to web, and from the other pods, stay as they are.',
  startNote: 'The starting policy locks egress down but forgets DNS, so every name lookup from web fails.',
  spec: {
    cluster: DNS_CLUSTER,
    ports: [{ port: 8080 }, { port: 5432 }, { port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
    expect: (from, to, p) => from.key !== 'shop/web' || (to.key === 'shop/api' && p.port === 8080 && p.protocol === 'TCP') || (isClusterDns(to) && p.port === 53),
    traffic: [
      { from: 'shop/web', to: 'kube-system/coredns', port: 53, protocol: 'UDP', allow: true },
      { from: 'shop/web', to: 'kube-system/coredns', port: 53, protocol: 'TCP', allow: true },
      { from: 'shop/web', to: '168.63.129.16', port: 53, protocol: 'UDP', allow: false },
      { from: 'shop/web', to: '203.0.113.7', port: 443, allow: false },
      { from: 'shop/api', to: '203.0.113.7', port: 443, allow: true },
      { from: '203.0.113.7', to: 'shop/web', port: 80, allow: true },
    ],
    success: 'web is isolated for egress only (policyTypes: [Egress]), and may reach api on 8080 and CoreDNS on UDP and TCP 53 — DNS falls back to TCP for large answers, so both matter.',
  },
  start: policy(
    'web-egress',
    'shop',
    `  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n  - Egress\n  egress:\n${WEB_TO_API}`,
  ),
  solution: policy(
    'web-egress',
    'shop',
    `  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n  - Egress\n  egress:\n${WEB_TO_API}${DNS_RULE}`,
  ),
  query: 'shop/web -> kube-system/coredns:53/UDP\nshop/web -> shop/api:8080\nshop/web -> 203.0.113.7:443\nports: 8080, 5432, 53/UDP, 53/TCP\n',
  hints: [
    'Read the dns-blocked finding. Which pods answer DNS in the cluster, and on which ports?',
    'Add a second egress rule whose peer is the kube-dns pods in kube-system (namespaceSelector and podSelector in ONE peer), with ports 53/UDP and 53/TCP.',
    'Keep policyTypes: [Egress]: without it, a policy with only egress rules also isolates web for ingress.',
  ],
});

// ---- 6. ipBlock with except -------------------------------------------------------------------

const EDGE = cluster(
  namespace('edge'),
  namespace('shop'),
  namespace('tools'),
  pod('edge', 'gateway', 'app: gateway', '10.244.3.10', ['https:443']),
  // Decoy: a second edge pod; the partner may reach the gateway only, not every edge pod.
  pod('edge', 'cache', 'app: cache', '10.244.3.11', ['https:443']),
  pod('shop', 'web', 'app: web', '10.244.1.10', ['http:80']),
  pod('tools', 'debug', 'app: debug', '10.244.2.10'),
);

const ipBlockExcept = netpolExercise({
  id: 'netpol-ipblock-except',
  title: 'A partner range, minus its quarantine',
  task: 'edge/gateway must accept TCP 443 from the partner network 198.51.100.0/24 except its quarantined block 198.51.100.64/26, and from no other address outside the cluster. Every pod in the cluster must still reach it on 443. Nothing may reach it on other ports from outside.',
  startNote: 'The starting policy lets the quarantined block in, and cuts off the pods of the cluster.',
  spec: {
    cluster: EDGE,
    ports: [{ port: 443 }],
    expect: () => true,
    traffic: [
      { from: '198.51.100.10', to: 'edge/gateway', port: 443, allow: true },
      { from: '198.51.100.63', to: 'edge/gateway', port: 443, allow: true },
      { from: '198.51.100.64', to: 'edge/gateway', port: 443, allow: false },
      { from: '198.51.100.100', to: 'edge/gateway', port: 443, allow: false },
      { from: '198.51.100.127', to: 'edge/gateway', port: 443, allow: false },
      { from: '198.51.100.128', to: 'edge/gateway', port: 443, allow: true },
      { from: '198.51.100.255', to: 'edge/gateway', port: 443, allow: true },
      { from: '198.51.101.1', to: 'edge/gateway', port: 443, allow: false },
      { from: '203.0.113.9', to: 'edge/gateway', port: 443, allow: false },
      { from: '198.51.100.10', to: 'edge/gateway', port: 80, allow: false },
      // The other edge pod is not part of the task: it stays open as before.
      { from: '203.0.113.9', to: 'edge/cache', port: 443, allow: true },
    ],
    success: 'The ipBlock allows 198.51.100.0/24 minus 198.51.100.64–127, and a separate peer selects the cluster’s pods by namespace rather than by IP — pod IPs change, and Cilium on AKS ignores them in ipBlock.',
  },
  start: policy(
    'gateway-allow-partner',
    'edge',
    `  podSelector:\n    matchLabels:\n      app: gateway\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 198.51.100.0/24\n    ports:\n    - port: 443\n`,
  ),
  solution: policy(
    'gateway-allow-partner',
    'edge',
    `  podSelector:\n    matchLabels:\n      app: gateway\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 198.51.100.0/24\n        except:\n        - 198.51.100.64/26\n    - namespaceSelector: {}\n    ports:\n    - port: 443\n`,
  ),
  query: '198.51.100.10 -> edge/gateway:443\n198.51.100.70 -> edge/gateway:443\nshop/web -> edge/gateway:443\nports: 443\n',
  hints: [
    'Two things are wrong: 198.51.100.70 gets in, and shop/web does not. Once gateway is isolated, pods need a rule too.',
    'An ipBlock takes an except list of ranges inside cidr. A peer namespaceSelector: {} means every pod in every namespace.',
    'Add "except: [198.51.100.64/26]" under the ipBlock, and a second peer "- namespaceSelector: {}" in the same from list.',
  ],
});

// ---- 7. named ports ---------------------------------------------------------------------------

const NAMED = cluster(
  namespace('gateway'),
  namespace('shop'),
  namespace('monitoring'),
  pod('gateway', 'ingress', 'app: ingress-nginx', '10.244.0.20', ['http:80', 'https:443']),
  pod('shop', 'web', 'app: web', '10.244.1.10', ['http:8080', 'metrics:9090']),
  pod('shop', 'api', 'app: api', '10.244.1.11', ['http:3000', 'metrics:9090']),
  pod('monitoring', 'prometheus', 'app: prometheus', '10.244.1.30', ['web:9090']),
  // Decoys: the "future pod" whose http port is neither 8080 nor 3000, and a pod labelled
  // app=ingress-nginx outside the gateway namespace.
  pod('shop', 'admin', 'app: admin', '10.244.1.12', ['http:8000']),
  pod('monitoring', 'ingress-test', 'app: ingress-nginx', '10.244.1.31', ['http:80']),
);
const HTTP_PORT: Record<string, number> = { 'shop/web': 8080, 'shop/api': 3000, 'shop/admin': 8000 };

const namedPorts = netpolExercise({
  id: 'netpol-named-ports',
  title: 'One rule for every pod’s http port',
  task: 'Every pod in shop must accept connections only from gateway/ingress, and only on its own container port named http — 8080 on web, 3000 on api, 8000 on the admin pod just added, and whatever a future pod names http. Nothing else may reach shop pods (not metrics, not other ports).',
  startNote: 'The starting policy uses the number 8080, which is web’s http port but not api’s.',
  spec: {
    cluster: NAMED,
    ports: [{ port: 8080 }, { port: 3000 }, { port: 8000 }, { port: 9090 }],
    expect: (from, to, p) => to.namespace !== 'shop' || (from.key === 'gateway/ingress' && p.protocol === 'TCP' && p.port === HTTP_PORT[to.key]),
    success: 'port: http is looked up on each destination pod, so one rule allows 8080 on web and 3000 on api — and only those.',
  },
  start: policy(
    'shop-allow-gateway',
    'shop',
    `  podSelector: {}\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: gateway\n      podSelector:\n        matchLabels:\n          app: ingress-nginx\n    ports:\n    - port: 8080\n`,
  ),
  solution: policy(
    'shop-allow-gateway',
    'shop',
    `  podSelector: {}\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: gateway\n      podSelector:\n        matchLabels:\n          app: ingress-nginx\n    ports:\n    - port: http\n`,
  ),
  query: 'gateway/ingress -> shop/web:http\ngateway/ingress -> shop/api:http\ngateway/ingress -> shop/api:8080\nports: 8080, 3000, 8000, 9090\n',
  hints: [
    'Look at the matrix for 3000: gateway/ingress → shop/api is denied. What is api’s http port?',
    'A ports entry may name a port instead of numbering it; the name is resolved on the destination pod’s container ports.',
    'Write "port: http" instead of "port: 8080". Listing both 8080 and 3000 would also open 3000 on web and 8080 on api.',
  ],
});

// ---- 8. fix a broken policy set ---------------------------------------------------------------

const THREE_TIER = cluster(
  namespace('frontend', 'team: web'),
  namespace('backend', 'team: api'),
  namespace('monitoring', 'team: ops'),
  namespace('kube-system'),
  pod('frontend', 'web', 'app: web', '10.244.1.10', ['http:80']),
  pod('frontend', 'batch', 'app: batch', '10.244.1.11'),
  pod('backend', 'api', 'app: api', '10.244.2.20', ['http:8080', 'metrics:9090']),
  pod('backend', 'db', 'app: db', '10.244.2.21', ['postgres:5432']),
  pod('monitoring', 'prometheus', 'app: prometheus', '10.244.1.30', ['web:9090']),
  COREDNS,
  COREDNS_2,
  METRICS_SERVER,
);

const BROKEN_SET = [
  policy(
    'backend-baseline',
    'backend',
    `  podSelector: {}\n  policyTypes:\n  - Ingress\n  egress:\n  - to:\n    - podSelector: {}\n  - to:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n    ports:\n    - port: 53\n      protocol: UDP\n`,
  ),
  policy(
    'api-allow-web',
    'backend',
    `  podSelector:\n    matchLabels:\n      app: api\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: frontend\n    - podSelector:\n        matchLabels:\n          app: web\n    ports:\n    - port: 8080\n`,
  ),
  policy('db-allow-api', 'backend', `  podSelector:\n    matchLabels:\n      app: db\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: api\n    ports:\n    - port: 5432\n      protocol: UDP\n`),
  policy(
    'api-allow-prometheus',
    'monitoring',
    `  podSelector:\n    matchLabels:\n      app: api\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          team: ops\n      podSelector:\n        matchLabels:\n          app: prometheus\n    ports:\n    - port: metrics\n`,
  ),
].join('---\n');

const FIXED_SET = [
  policy(
    'backend-baseline',
    'backend',
    `  podSelector: {}\n  policyTypes:\n  - Ingress\n  - Egress\n  egress:\n  - to:\n    - podSelector: {}\n  - to:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n    ports:\n    - port: 53\n      protocol: UDP\n    - port: 53\n      protocol: TCP\n`,
  ),
  policy(
    'api-allow-web',
    'backend',
    `  podSelector:\n    matchLabels:\n      app: api\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: frontend\n      podSelector:\n        matchLabels:\n          app: web\n    ports:\n    - port: 8080\n`,
  ),
  policy('db-allow-api', 'backend', `  podSelector:\n    matchLabels:\n      app: db\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: api\n    ports:\n    - port: 5432\n`),
  policy(
    'api-allow-prometheus',
    'backend',
    `  podSelector:\n    matchLabels:\n      app: api\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          team: ops\n      podSelector:\n        matchLabels:\n          app: prometheus\n    ports:\n    - port: metrics\n`,
  ),
].join('---\n');

const is = (p: { port: number; protocol: string }, port: number) => p.port === port && p.protocol === 'TCP';

const fixBrokenSet = netpolExercise({
  id: 'netpol-fix-broken-set',
  title: 'Fix a broken policy set',
  task: 'In backend: nothing may connect to its pods except frontend/web → api on TCP 8080, monitoring/prometheus → api on its metrics port (9090), and api → db on TCP 5432. Backend pods may open connections only to backend pods (any port) and to CoreDNS (kube-dns in kube-system) on UDP and TCP 53. Pods outside backend are otherwise unaffected.',
  startNote: 'This set has five mistakes, on purpose. The findings point at some of them; the matrix shows the rest.',
  spec: {
    cluster: THREE_TIER,
    ports: [{ port: 80 }, { port: 8080 }, { port: 9090 }, { port: 5432 }, { port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
    expect: (from, to, p) => {
      const egressOk = from.namespace !== 'backend' || to.namespace === 'backend' || (isClusterDns(to) && p.port === 53);
      const ingressOk =
        to.namespace !== 'backend' ||
        (from.key === 'frontend/web' && to.key === 'backend/api' && is(p, 8080)) ||
        (from.key === 'monitoring/prometheus' && to.key === 'backend/api' && is(p, 9090)) ||
        (from.key === 'backend/api' && to.key === 'backend/db' && is(p, 5432));
      return egressOk && ingressOk;
    },
    traffic: [
      { from: 'backend/api', to: '203.0.113.7', port: 443, allow: false },
      { from: 'frontend/web', to: '203.0.113.7', port: 443, allow: true },
    ],
    success: 'All five fixed: the baseline lists Egress in policyTypes, DNS is open on TCP as well as UDP, the web peer is one peer (AND), db accepts TCP, and the Prometheus policy lives in backend, where its pods are.',
  },
  start: BROKEN_SET,
  solution: FIXED_SET,
  query: 'frontend/web -> backend/api:8080\nfrontend/batch -> backend/api:8080\nmonitoring/prometheus -> backend/api:metrics\nbackend/api -> backend/db:5432\nbackend/api -> frontend/web:80\nports: 80, 8080, 9090, 5432, 53/UDP, 53/TCP\n',
  hints: [
    'Work through the findings first (egress-rules-ignored, peers-or-not-and), then compare the matrix with the task, port by port.',
    'A policy selects pods in its own metadata.namespace. Ports default to TCP. Once egress is enforced, DNS needs TCP 53 as well as UDP 53.',
    'Add Egress to backend-baseline’s policyTypes and a TCP 53 entry; remove the "-" before podSelector in api-allow-web; drop "protocol: UDP" in db-allow-api; move api-allow-prometheus to namespace backend.',
  ],
});

const exercises: Exercise[] = [defaultDeny, allowFrontend, crossNamespace, andVsOr, egressDns, ipBlockExcept, namedPorts, fixBrokenSet];

export default exercises;
