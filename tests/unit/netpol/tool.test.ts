/** The netpol Playground tool: panes, query parsing, matrix, and diagnostics tagged with their pane. */
import { describe, expect, it } from 'vitest';
import tool from '../../../src/components/tools/netpol';
import { parseQuery } from '../../../src/lib/netpol';
import { toText, type VNode } from '../../../src/lib/view/h';

const run = (over: Record<string, string> = {}) => tool.run({ ...tool.example, ...over });

function find(node: unknown, pred: (n: VNode) => boolean, out: VNode[] = []): VNode[] {
  if (Array.isArray(node)) node.forEach((c) => find(c, pred, out));
  else if (node && typeof node === 'object' && 'tag' in node) {
    const n = node as VNode;
    if (pred(n)) out.push(n);
    n.children.forEach((c) => find(c, pred, out));
  }
  return out;
}
/** A header's full name: the grid shows short labels and names the pod in aria-label. */
const headerName = (th: VNode): string => String(th.attrs['aria-label'] ?? toText(th));
/** The matrix cell for src → dst in the first port's table. */
function cell(view: VNode, src: string, dst: string): string | undefined {
  const table = find(view, (n) => n.tag === 'table' && String(n.attrs.class).includes('pg-matrix'))[0]!;
  const cols = find(table, (n) => n.tag === 'th' && n.attrs.scope === 'col').map(headerName);
  const row = find(table, (n) => n.tag === 'tr').find((tr) => find(tr, (n) => n.tag === 'th' && n.attrs.scope === 'row').some((th) => headerName(th) === src))!;
  const tds = find(row, (n) => n.tag === 'td');
  return tds[cols.indexOf(dst) - 1]?.attrs['data-verdict'] as string | undefined;
}

describe('netpol tool', () => {
  it('declares the three panes', () => {
    expect(tool.inputs.map((i) => [i.name, i.language])).toEqual([
      ['policies', 'yaml'],
      ['cluster', 'yaml'],
      ['query', 'plaintext'],
    ]);
    expect(tool.inputs[0]!.schema).toBe('kubernetes');
  });
  it('runs its example without errors and explains the connections', () => {
    const out = run();
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(out.diagnostics.every((d) => ['policies', 'cluster', 'query'].includes(d.input!))).toBe(true);
    expect(out.summary).toMatch(/frontend\/web -> backend\/api 8080\/TCP: allow/);
    const text = toText(out.view);
    expect(text).toMatch(/backend\/api-allow-frontend ingress\[0\]/);
    expect(cell(out.view, 'frontend/web', 'backend/api')).toBe('allow');
    expect(cell(out.view, 'monitoring/prometheus', 'backend/api')).toBe('deny');
  });
  it('flips a matrix cell when a label in a policy changes', () => {
    const policies = tool.example.policies!.replace('app: web', 'app: prometheus').replace('kubernetes.io/metadata.name: frontend', 'kubernetes.io/metadata.name: monitoring');
    const out = run({ policies });
    expect(cell(out.view, 'frontend/web', 'backend/api')).toBe('deny');
    expect(cell(out.view, 'monitoring/prometheus', 'backend/api')).toBe('allow');
  });
  it('puts a lint finding on the policy line it concerns', () => {
    const policies = tool.example.policies!.replace(
      '      podSelector:\n        matchLabels:\n          app: web',
      '    - podSelector:\n        matchLabels:\n          app: web',
    );
    const d = run({ policies }).diagnostics.find((x) => x.code === 'peers-or-not-and')!;
    expect(d.input).toBe('policies');
    expect(policies.split('\n')[d.line! - 1]).toMatch(/^\s*- podSelector:/);
  });
  it('tags cluster and query problems with their pane and line', () => {
    const out = run({ cluster: 'kind: Pod\nmetadata: {name: x}\nspec: {containers: [{ports: [{containerPort: 0}]}]}', query: 'ports: 80\nweb -> api\nfrontend/web -> backend/api:99999\nengine: weave' });
    const q = out.diagnostics.filter((d) => d.input === 'query').map((d) => [d.code, d.line]);
    expect(q).toEqual(expect.arrayContaining([['query-syntax', 2], ['query-port', 3], ['query-engine', 4]]));
    expect(out.diagnostics.find((d) => d.code === 'invalid-port')?.input).toBe('cluster');
  });
});

describe('query pane', () => {
  it('reads connections, IPv4/IPv6 addresses, ports and the engine', () => {
    const q = parseQuery('a/b -> c/d:http\n203.0.113.7 -> c/d:80/tcp\nc/d -> [fd00::1]:443\nports: 80, 53/UDP, http\nengine: cilium');
    expect(q.diagnostics).toEqual([]);
    expect(q.engine).toBe('cilium');
    expect(q.ports).toEqual([
      { port: 80, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
      { port: 'http', protocol: 'TCP' },
    ]);
    expect(q.traffic.map((t) => t.traffic)).toEqual([
      { from: 'a/b', to: 'c/d', port: 'http', protocol: 'TCP' },
      { from: '203.0.113.7', to: 'c/d', port: 80, protocol: 'TCP' },
      { from: 'c/d', to: 'fd00::1', port: 443, protocol: 'TCP' },
    ]);
  });
  it('switches engine behaviour through the query', () => {
    const policies = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: e, namespace: frontend}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - ipBlock: {cidr: 10.244.0.0/16}\n';
    const q = (engine: string) => run({ policies, query: `frontend/web -> backend/api:8080\nengine: ${engine}` }).summary;
    expect(q('kubernetes')).toMatch(/: allow/);
    expect(q('cilium')).toMatch(/: deny/);
  });
});

describe('netpol tool with Cilium', () => {
  const cnp = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: web-egress
  namespace: frontend
spec:
  endpointSelector:
    matchLabels:
      app: web
  egress:
  - toEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: kube-system
        k8s:k8s-app: kube-dns
    toPorts:
    - ports:
      - port: "53"
        protocol: ANY
      rules:
        dns:
        - matchPattern: "*.github.com"
  - toFQDNs:
    - matchName: api.github.com
    toPorts:
    - ports:
      - port: "443"
        protocol: TCP
  - toEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: backend
    toPorts:
    - ports:
      - port: "8080"
        protocol: TCP
      rules:
        http:
        - method: GET
          path: "/api/.*"
`;
  it('parses DNS names, resolved addresses and HTTP requests in the query', () => {
    const q = parseQuery('frontend/web -> api.github.com:443/TCP\nfrontend/web -> backend/api:8080/TCP GET /admin X-Token:abc\nfrontend/web -> raw.github.com (140.82.112.3):443\nfrontend/web -> backend/api:8080 get admin\n');
    expect(q.traffic.map((t) => t.traffic)).toEqual([
      { from: 'frontend/web', to: 'api.github.com', port: 443, protocol: 'TCP' },
      { from: 'frontend/web', to: 'backend/api', port: 8080, protocol: 'TCP', http: { method: 'GET', path: '/admin', headers: { 'X-Token': 'abc' } } },
      { from: 'frontend/web', to: 'raw.github.com', port: 443, protocol: 'TCP', resolvesTo: '140.82.112.3' },
    ]);
    expect(q.diagnostics.map((d) => [d.code, d.line])).toEqual([['query-http', 4]]);
  });
  it('evaluates CiliumNetworkPolicies under engine: cilium, with DNS names as matrix columns', () => {
    const query = 'frontend/web -> api.github.com:443/TCP\nfrontend/web -> example.com:443\nfrontend/web -> backend/api:8080/TCP GET /admin\nfrontend/web -> backend/api:8080/TCP GET /api/items\nports: 443, 8080\nengine: cilium\n';
    const out = run({ policies: cnp, query });
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text = toText(out.view);
    expect(text).toMatch(/frontend\/web -> api\.github\.com 443\/TCP: ✓ allow/);
    expect(text).toMatch(/frontend\/web -> example\.com 443\/TCP: ✗ deny/);
    expect(text).toMatch(/GET \/admin: ✗ deny/);
    expect(text).toMatch(/403 Forbidden/);
    expect(text).toMatch(/GET \/api\/items: ✓ allow/);
    expect(cell(out.view, 'frontend/web', 'api.github.com')).toBe('allow');
    expect(cell(out.view, 'frontend/web', 'example.com')).toBe('deny');
    expect(cell(out.view, 'backend/api', 'api.github.com')).toBe('allow');
  });
  it('says a CiliumNetworkPolicy needs the Cilium engine', () => {
    const out = run({ policies: cnp });
    expect(out.diagnostics.find((d) => d.code === 'cilium-needs-cilium')?.input).toBe('policies');
  });
});
