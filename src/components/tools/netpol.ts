/**
 * Network policy playground: NetworkPolicy YAML + a cluster (Namespaces and Pods) + a
 * query (connections, the matrix's ports, the engine). Shows the single-connection
 * walkthroughs, the truth-table matrix (each cell opens its walkthrough), and the policies
 * grouped by target → direction → peer → ports. Lint findings are diagnostics (the shell
 * lists them).
 */
import { ENGINE_PROFILES, explainPolicies, runQuery } from '../../lib/netpol';
import { count } from '../../lib/plural';
import { h } from '../../lib/view/h';
import { matrixView, policyTable, portLabel, queryView } from '../views/netpol';
import type { ToolDefinition } from './types';

// ---- defaults -------------------------------------------------------------------------------

const pod = (ns: string, name: string, labels: string, ip: string, node: string, ports: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels: {${labels}}\nspec:\n  nodeName: ${node}\n  containers:\n  - name: ${name}\n    image: ${name}\n    ports: [${ports}]\nstatus:\n  podIP: ${ip}`;

export const DEFAULT_CLUSTER = [
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: frontend\n  labels: {team: web}',
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: backend\n  labels: {team: api}',
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n  labels: {team: ops}',
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-system',
  pod('frontend', 'web', 'app: web', '10.244.1.10', 'aks-nodepool1-0', '{name: http, containerPort: 80}'),
  pod('backend', 'api', 'app: api', '10.244.2.20', 'aks-nodepool1-1', '{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}'),
  pod('backend', 'db', 'app: db', '10.244.2.21', 'aks-nodepool1-1', '{name: postgres, containerPort: 5432}'),
  pod('monitoring', 'prometheus', 'app: prometheus', '10.244.1.30', 'aks-nodepool1-0', '{name: web, containerPort: 9090}'),
  pod('monitoring', 'grafana', 'app: grafana', '10.244.1.31', 'aks-nodepool1-0', '{name: http, containerPort: 3000}'),
  pod('kube-system', 'coredns', 'k8s-app: kube-dns', '10.244.0.10', 'aks-nodepool1-0', '{name: dns, containerPort: 53, protocol: UDP}, {name: dns-tcp, containerPort: 53}'),
].join('\n---\n');

const DEFAULT_POLICIES = `# Default deny: every pod in backend is isolated for ingress.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: backend
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
# ...then allow the web front end to reach the API on its http port.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-allow-frontend
  namespace: backend
spec:
  podSelector:
    matchLabels:
      app: api
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: frontend
      podSelector:
        matchLabels:
          app: web
    ports:
    - port: 8080
`;

const DEFAULT_QUERY = `# One connection per line: source -> destination:port[/protocol]
frontend/web -> backend/api:8080
frontend/web -> backend/db:5432
# Columns of the matrix, and the engine whose behaviour to follow
ports: 8080, 5432
engine: kubernetes
`;

// ---- readable query parameters (runbook links) ------------------------------------------------

/** Longest parameter value read; a link is data, and one line of it. */
const MAX_PARAM = 256;
const oneLine = (v: string): string => v.slice(0, MAX_PARAM).replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

/** Replaces the query pane's lines that start with `key:` (or appends one) with `key: value`. */
function setDirective(query: string, key: string, value: string): string {
  const re = new RegExp(`^\\s*${key}\\s*:`, 'i');
  const lines = query.split('\n');
  const kept = lines.filter((l) => !re.test(l));
  while (kept.length && kept[kept.length - 1]!.trim() === '') kept.pop();
  return `${[...kept, `${key}: ${value}`].join('\n')}\n`;
}

export function netpolFromQuery(params: URLSearchParams, inputs: Record<string, string>): Partial<Record<string, string>> {
  let query = inputs.query ?? '';
  const get = (name: string) => {
    const v = params.get(name);
    return v === null ? undefined : oneLine(v);
  };
  const from = get('from');
  const to = get('to');
  const port = get('port');
  const protocol = get('protocol');
  const ports = get('ports');
  const engine = get('engine');
  if (from === undefined && to === undefined && port === undefined && ports === undefined && engine === undefined) return {};
  if (from !== undefined || to !== undefined) {
    // The link's connection goes first: the summary line reports the first connection.
    const p = port ? `:${port}${protocol && !port.includes('/') ? `/${protocol.toUpperCase()}` : ''}` : '';
    query = `${from ?? ''} -> ${to ?? ''}${p}\n${query}`;
  }
  if (ports !== undefined) query = setDirective(query, 'ports', ports);
  else if (port !== undefined && from === undefined && to === undefined) query = setDirective(query, 'ports', port);
  if (engine !== undefined) query = setDirective(query, 'engine', engine);
  return { query };
}

// ---- the tool --------------------------------------------------------------------------------

const netpol: ToolDefinition = {
  id: 'netpol',
  title: 'Network policy evaluator',
  description: 'Which pod may connect to which, and why: Kubernetes NetworkPolicy semantics with the AKS engines (Azure NPM, Calico, Cilium), and CiliumNetworkPolicy with FQDN and HTTP rules.',
  inputs: [
    { name: 'policies', label: 'NetworkPolicies', language: 'yaml', schema: 'kubernetes', rows: 14, hint: 'NetworkPolicy manifests, separated by ---; with "engine: cilium", also CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy.' },
    { name: 'cluster', label: 'Cluster: Namespaces and Pods', language: 'yaml', rows: 10, hint: 'Namespace and Pod manifests (Deployments work too); status.podIP gives a pod its IP.', folded: 'the example cluster — frontend/web, backend/api, backend/db, monitoring/prometheus, monitoring/grafana and kube-system/coredns' },
    { name: 'query', label: 'Query', language: 'plaintext', rows: 5, hint: 'Connections like "frontend/web -> backend/api:8080/TCP", "203.0.113.7 -> frontend/web:80", "frontend/web -> api.github.com:443" or, with an HTTP request, "frontend/web -> backend/api:8080/TCP GET /admin"; "ports: 80, 53/UDP" for the matrix; "engine: cilium".' },
  ],
  example: { policies: DEFAULT_POLICIES, cluster: DEFAULT_CLUSTER, query: DEFAULT_QUERY },
  fromQuery: netpolFromQuery,
  queryParams: {
    from: 'Source of a connection to check: "namespace/pod" or an IP address, e.g. from=frontend/web. Used with to and port; the connection is added as the first line of the query pane.',
    to: 'Destination of that connection: "namespace/pod", an IP address or a DNS name, e.g. to=backend/api or to=api.github.com.',
    port: 'Its port: a number or a port name, optionally with /TCP, /UDP or /SCTP, e.g. port=8080 or port=53/UDP. Without from and to, it sets the matrix\'s ports line.',
    protocol: 'The connection\'s protocol when port has none: TCP (default), UDP or SCTP.',
    ports: 'The matrix columns, e.g. ports=8080,53/UDP (replaces the ports: line).',
    engine: 'Whose behaviour to follow: kubernetes, azure-npm, calico or cilium (replaces the engine: line).',
    policies: 'The whole NetworkPolicies pane (URL-encoded YAML) — long; prefer "Copy link" for your own policies.',
    cluster: 'The whole cluster pane (URL-encoded YAML of Namespaces and Pods).',
    query: 'The whole query pane.',
  },
  run(inputs) {
    const { model: m, query: q, results, columns, names, cells, diagnostics } = runQuery(inputs);
    const engine = ENGINE_PROFILES[q.engine];
    // NetworkPolicies and, with the Cilium engine, CiliumNetworkPolicies and CCNPs.
    const policyCount = m.policies.length + m.cilium.policies.length;
    const view = h(
      'div',
      null,
      h('p', { class: 'pg-muted' }, `${count(policyCount, 'policy')}, ${count(m.cluster.pods.length, 'pod')}; behaviour of ${engine.title}.`),
      queryView(results),
      matrixView(m, columns, cells, names),
      policyTable(explainPolicies(m)),
    );
    const first = results[0]?.r;
    const n = m.cluster.pods.length;
    const allowed = (cells[0] ?? []).flatMap((row) => row.slice(0, n)).filter((x) => x === 'allow').length;
    const summary = [
      first ? `${first.label}: ${first.verdict}` : '',
      n ? `${allowed} of ${n * n} pod pairs allowed on ${portLabel(columns[0]!)}` : 'No pods in the cluster',
      count(policyCount, 'policy'),
    ]
      .filter(Boolean)
      .join('; ');
    return { view, diagnostics, summary };
  },
};

export default netpol;
