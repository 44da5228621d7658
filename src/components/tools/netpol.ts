/**
 * Network policy playground: NetworkPolicy YAML + a cluster (Namespaces and Pods) + a
 * query (connections, the matrix's ports, the engine). Shows the single-connection
 * walkthroughs, the truth-table matrix (each cell opens its walkthrough), and the policies
 * grouped by target → direction → peer → ports. Lint findings are diagnostics (the shell
 * lists them).
 */
import { diag, type Diagnostic } from '../../lib/diagnostics';
import { describeSelector } from '../../lib/k8s/selector';
import { parseClusterText } from '../../lib/netpol/cluster';
import { ENGINE_PROFILES } from '../../lib/netpol/engines';
import { lintModel } from '../../lib/netpol/lint';
import { buildModel, decide, selects, type Model } from '../../lib/netpol/model';
import { describePort, shortPeer, type CompiledPolicy, type Direction } from '../../lib/netpol/policy';
import { computeTable, type TableColumn } from '../../lib/netpol/table';
import { ENGINES, PROTOCOLS, type Engine, type Protocol, type Traffic, type TrafficResult } from '../../lib/netpol/types';
import { count } from '../../lib/plural';
import { h, type VNode } from '../../lib/view/h';
import type { ToolDefinition } from './types';

/** Largest matrix drawn (pods per side); bigger clusters are summarised and queried by line. */
export const MATRIX_MAX_PODS = 12;

// ---- the query pane -------------------------------------------------------------------

interface Query {
  engine: Engine;
  ports: TableColumn[];
  traffic: { traffic: Traffic; line: number }[];
  diagnostics: Diagnostic[];
}

const PORT_RE = /^([A-Za-z0-9][-A-Za-z0-9]*)(?:\/([A-Za-z]+))?$/;

function readPort(text: string, line: number, column: number, out: Diagnostic[]): TableColumn | undefined {
  const m = PORT_RE.exec(text.trim());
  const at = { line, column, endLine: line, endColumn: column + text.length, input: 'query' };
  if (!m) {
    out.push(diag('error', 'query-port', `"${text.trim()}" is not a port: write a number or a port name, optionally with /TCP, /UDP or /SCTP (e.g. 8080/TCP, 53/UDP, http).`, at));
    return undefined;
  }
  const protocol = (m[2] ?? 'TCP').toUpperCase() as Protocol;
  if (!PROTOCOLS.includes(protocol)) {
    out.push(diag('error', 'query-protocol', `"${m[2]}" is not TCP, UDP or SCTP — the only protocols NetworkPolicy defines (for ICMP and others, behaviour depends on the network plugin).`, at));
    return undefined;
  }
  const port = /^\d+$/.test(m[1]!) ? Number(m[1]) : m[1]!;
  if (typeof port === 'number' && (port < 1 || port > 65535)) {
    out.push(diag('error', 'query-port', `Port ${port} is not from 1 to 65535.`, at));
    return undefined;
  }
  return { port, protocol };
}

export function parseQuery(text: string): Query {
  const q: Query = { engine: 'kubernetes', ports: [], traffic: [], diagnostics: [] };
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const content = raw.replace(/#.*$/, '');
    if (content.trim() === '') return;
    const indent = content.length - content.trimStart().length;
    const directive = /^\s*(ports|engine)\s*:\s*(.*)$/i.exec(content);
    if (directive) {
      const key = directive[1]!.toLowerCase();
      const value = directive[2]!;
      const valueColumn = content.length - value.length + 1;
      if (key === 'engine') {
        const e = value.trim() as Engine;
        if (ENGINES.includes(e)) q.engine = e;
        else q.diagnostics.push(diag('error', 'query-engine', `Unknown engine "${value.trim()}"; use ${ENGINES.join(', ')}.`, { line, column: valueColumn, input: 'query' }));
        return;
      }
      let col = valueColumn;
      for (const part of value.split(',')) {
        if (part.trim()) {
          const p = readPort(part, line, col + (part.length - part.trimStart().length), q.diagnostics);
          if (p) q.ports.push(p);
        }
        col += part.length + 1;
      }
      return;
    }
    const arrow = content.indexOf('->');
    if (arrow < 0) {
      q.diagnostics.push(diag('error', 'query-syntax', 'Write a connection as "source -> destination:port", e.g. frontend/web -> backend/api:8080/TCP, or a "ports:" or "engine:" line.', { line, column: indent + 1, input: 'query' }));
      return;
    }
    const from = content.slice(0, arrow).trim().replace(/^\[(.*)\]$/, '$1');
    const rest = content.slice(arrow + 2).trim();
    // IPv6 destinations in brackets: [fd00::1]:80
    const m = /^\[([^\]]+)\]:(.+)$/.exec(rest) ?? /^([^:]+):(.+)$/.exec(rest);
    if (!from || !m) {
      q.diagnostics.push(diag('error', 'query-syntax', 'The destination needs a port: "namespace/pod:port" (IPv6: "[fd00::1]:80").', { line, column: arrow + 3, input: 'query' }));
      return;
    }
    const port = readPort(m[2]!, line, content.lastIndexOf(m[2]!) + 1, q.diagnostics);
    if (!port) return;
    q.traffic.push({ traffic: { from, to: m[1]!.trim(), port: port.port, protocol: port.protocol }, line });
  });
  return q;
}

// ---- views --------------------------------------------------------------------------------

const verdictText = (v: 'allow' | 'deny') => (v === 'allow' ? '✓ allow' : '✗ deny');
const portLabel = (c: TableColumn) => `${c.port}/${c.protocol}`;

function walkthrough(r: TrafficResult): VNode {
  const steps = [...r.egress.steps, ...r.ingress.steps];
  const notes = r.implementationDefined ? [r.implementationDefined] : [];
  if (steps.length === 0) return h('p', null, r.explanation);
  return h('ol', null, ...steps.map((s) => h('li', null, s)), ...notes.map((n) => h('li', { class: 'pg-warn' }, n)));
}

/** A shorter walkthrough for matrix cells (many per page): the deciding step of each side. */
function cellWhy(r: TrafficResult, src: string, dst: string): VNode {
  const side = (v: TrafficResult['egress'], word: string, who: string) => (v.isolated ? `${word} ${who} (isolated): ${v.steps[v.steps.length - 1]!}` : `${word} ${who}: not isolated, so allowed.`);
  const items = src === dst || r.egress.steps.length === 0 ? [r.explanation] : [side(r.egress, 'Egress from', src), side(r.ingress, 'Ingress to', dst)];
  return h('ul', null, ...items.map((s) => h('li', null, s)), r.implementationDefined ? h('li', { class: 'pg-warn' }, r.implementationDefined) : null);
}

function queryView(results: { r: TrafficResult; line: number }[]): VNode | null {
  if (results.length === 0) return null;
  return h(
    'div',
    null,
    h('h4', null, 'Connections'),
    ...results.map(({ r }) =>
      h(
        'details',
        { open: true },
        h('summary', null, h('span', { class: 'pg-mono' }, r.label), ': ', h('span', { class: r.verdict === 'allow' ? 'pg-allow' : 'pg-deny' }, verdictText(r.verdict))),
        walkthrough(r),
        h('p', { class: r.verdict === 'allow' ? 'pg-allow' : 'pg-deny' }, r.explanation.split('\n').pop() ?? ''),
      ),
    ),
  );
}

function matrixView(m: Model, columns: TableColumn[], cells: ('allow' | 'deny')[][][]): VNode {
  const pods = m.cluster.pods;
  if (pods.length === 0) return h('p', { class: 'pg-muted' }, 'Add Pods (or Deployments) to the cluster pane to see who can reach whom.');
  const shown = pods.slice(0, MATRIX_MAX_PODS);
  return h(
    'div',
    null,
    h('h4', null, 'Who can connect to whom'),
    h('p', { class: 'pg-muted' }, 'Rows are sources, columns destinations. Open a cell for the rules that decided it; both the source\'s egress and the destination\'s ingress must allow.'),
    pods.length > shown.length ? h('p', { class: 'pg-warn' }, `The matrix shows the first ${shown.length} of ${pods.length} pods; ask about others with a connection line in the query pane.`) : null,
    ...columns.map((col, ci) => {
      const grid = cells[ci]!;
      const allowed = grid.flat().filter((x) => x === 'allow').length;
      return h(
        'table',
        { class: 'pg-table pg-matrix' },
        h('caption', null, `Port ${portLabel(col)} — ${allowed} of ${pods.length * pods.length} allowed`),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'from ↓ to →'), ...shown.map((p) => h('th', { scope: 'col', class: 'pg-mono' }, p.key)))),
        h(
          'tbody',
          null,
          ...shown.map((src, s) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row', class: 'pg-mono' }, src.key),
              ...shown.map((dst, d) => {
                const v = grid[s]![d]!;
                const r = decide(m, { from: src.key, to: dst.key, port: col.port, protocol: col.protocol }).result;
                // Stable hooks for tests and runbook automation: "src|dst|port/PROTO".
                return h(
                  'td',
                  { 'data-cell': `${src.key}|${dst.key}|${portLabel(col)}`, 'data-verdict': v },
                  h(
                    'details',
                    null,
                    h('summary', { class: v === 'allow' ? 'pg-allow' : 'pg-deny', 'aria-label': `${src.key} to ${dst.key} on ${portLabel(col)}: ${v}` }, src === dst ? `${verdictText(v)} (self)` : verdictText(v)),
                    cellWhy(r, src.key, dst.key),
                  ),
                );
              }),
            ),
          ),
        ),
      );
    }),
  );
}

interface PolicyRow {
  direction: Direction;
  peer: string;
  ports: string;
  rule: string;
}

/** Policies grouped by target → direction → peer → ports, like policy-assistant's explain table. */
function policyTable(m: Model): VNode | null {
  if (m.policies.length === 0) return null;
  const groups = new Map<string, { policies: CompiledPolicy[]; rows: PolicyRow[] }>();
  for (const p of m.policies) {
    const target = `${p.namespace}: ${p.podSelector.matchesAll ? 'all pods' : describeSelector(p.podSelector)}`;
    const g = groups.get(target) ?? { policies: [], rows: [] };
    g.policies.push(p);
    for (const d of p.policyTypes) {
      const rules = p[d];
      if (rules.length === 0) g.rows.push({ direction: d, peer: '—', ports: '—', rule: `${p.key} (no ${d} rules: deny all)` });
      for (const r of rules) {
        for (const peer of r.peers) g.rows.push({ direction: d, peer: shortPeer(peer), ports: r.ports.map(describePort).join(', '), rule: `${p.key} ${d}[${r.index}]` });
      }
    }
    groups.set(target, g);
  }
  const order = (d: Direction) => (d === 'ingress' ? 0 : 1);
  return h(
    'div',
    null,
    h('h4', null, 'Policies by target'),
    h(
      'table',
      { class: 'pg-table' },
      h('caption', null, 'What each group of pods may receive (ingress) and send (egress); rows of one target combine with OR'),
      h('thead', null, h('tr', null, ...['Target pods', 'Direction', 'Peer', 'Ports', 'Rule'].map((t) => h('th', { scope: 'col' }, t)))),
      ...[...groups.entries()].map(([target, g]) => {
        const rows = [...g.rows].sort((a, b) => order(a.direction) - order(b.direction) || a.peer.localeCompare(b.peer));
        const pods = m.cluster.pods.filter((pod) => g.policies.some((p) => selects(p, pod))).map((p) => p.key);
        const head = h('th', { scope: 'rowgroup', rowspan: Math.max(1, rows.length) }, h('span', { class: 'pg-mono' }, target), h('br'), h('span', { class: 'pg-muted' }, pods.length ? pods.join(', ') : 'selects no pod'));
        if (rows.length === 0) return h('tbody', null, h('tr', null, head, h('td', { colspan: 4, class: 'pg-muted' }, 'no policy types')));
        return h(
          'tbody',
          null,
          ...rows.map((r, i) =>
            h('tr', null, i === 0 ? head : null, h('td', null, r.direction), h('td', null, r.peer), h('td', { class: 'pg-mono' }, r.ports), h('td', { class: 'pg-mono' }, r.rule)),
          ),
        );
      }),
    ),
  );
}

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
  description: 'Which pod may connect to which, and why: Kubernetes NetworkPolicy semantics with the AKS engines (Azure NPM, Calico, Cilium).',
  inputs: [
    { name: 'policies', label: 'NetworkPolicies', language: 'yaml', schema: 'kubernetes', rows: 14, hint: 'One or more NetworkPolicy manifests, separated by ---.' },
    { name: 'cluster', label: 'Cluster: Namespaces and Pods', language: 'yaml', rows: 10, hint: 'Namespace and Pod manifests (Deployments work too); status.podIP gives a pod its IP.' },
    { name: 'query', label: 'Query', language: 'plaintext', rows: 5, hint: 'Connections like "frontend/web -> backend/api:8080/TCP" or "203.0.113.7 -> frontend/web:80"; "ports: 80, 53/UDP" for the matrix; "engine: cilium".' },
  ],
  example: { policies: DEFAULT_POLICIES, cluster: DEFAULT_CLUSTER, query: DEFAULT_QUERY },
  fromQuery: netpolFromQuery,
  queryParams: {
    from: 'Source of a connection to check: "namespace/pod" or an IP address, e.g. from=frontend/web. Used with to and port; the connection is added as the first line of the query pane.',
    to: 'Destination of that connection: "namespace/pod" or an IP address, e.g. to=backend/api.',
    port: 'Its port: a number or a port name, optionally with /TCP, /UDP or /SCTP, e.g. port=8080 or port=53/UDP. Without from and to, it sets the matrix\'s ports line.',
    protocol: 'The connection\'s protocol when port has none: TCP (default), UDP or SCTP.',
    ports: 'The matrix columns, e.g. ports=8080,53/UDP (replaces the ports: line).',
    engine: 'Whose behaviour to follow: kubernetes, azure-npm, calico or cilium (replaces the engine: line).',
    policies: 'The whole NetworkPolicies pane (URL-encoded YAML) — long; prefer "Copy link" for your own policies.',
    cluster: 'The whole cluster pane (URL-encoded YAML of Namespaces and Pods).',
    query: 'The whole query pane.',
  },
  run(inputs) {
    const parsed = parseClusterText(inputs.cluster ?? '');
    const q = parseQuery(inputs.query ?? '');
    const m = buildModel(parsed.cluster, inputs.policies ?? '', q.engine);
    const diagnostics: Diagnostic[] = [
      ...parsed.diagnostics.map((d) => ({ ...d, input: 'cluster' })),
      ...m.diagnostics.map((d) => ({ ...d, input: 'policies' })),
      ...lintModel(m, m.cluster.pods.length > 0).map((d) => ({ ...d, input: 'policies' })),
      ...q.diagnostics,
    ];
    const results = q.traffic.map(({ traffic, line }) => {
      const { result, problem } = decide(m, traffic);
      if (problem) diagnostics.push(diag('error', 'query-connection', `${problem[0]!.toUpperCase()}${problem.slice(1)}.`, { line, column: 1, input: 'query' }));
      return { r: result, line };
    });
    // Without a ports: line, the matrix uses the first declared container ports.
    let columns = q.ports;
    if (columns.length === 0) {
      const seen = new Map<string, TableColumn>();
      for (const p of m.cluster.pods) for (const x of p.ports) if (seen.size < 3) seen.set(`${x.port}/${x.protocol}`, { port: x.port, protocol: x.protocol });
      columns = seen.size ? [...seen.values()] : [{ port: 80, protocol: 'TCP' }];
    }
    const table = computeTable(m, columns);
    const engine = ENGINE_PROFILES[q.engine];
    const view = h(
      'div',
      null,
      h('p', { class: 'pg-muted' }, `${count(m.policies.length, 'policy')}, ${count(m.cluster.pods.length, 'pod')}; behaviour of ${engine.title}.`),
      queryView(results),
      matrixView(m, columns, table.cells),
      policyTable(m),
    );
    const first = results[0]?.r;
    const n = m.cluster.pods.length;
    const allowed = table.cells[0]?.flat().filter((x) => x === 'allow').length ?? 0;
    const summary = [
      first ? `${first.label}: ${first.verdict}` : '',
      n ? `${allowed} of ${n * n} pod pairs allowed on ${portLabel(columns[0]!)}` : 'No pods in the cluster',
      count(m.policies.length, 'policy'),
    ]
      .filter(Boolean)
      .join('; ');
    return { view, diagnostics, summary };
  },
};

export default netpol;
