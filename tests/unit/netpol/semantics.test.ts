/**
 * Behaviour beyond the vectors: input errors at their position, the cluster reader, the
 * AKS engine switches (each from its cited source), and rules the spec states directly.
 */
import { describe, expect, it } from 'vitest';
import { evaluateTraffic, lintPolicies, parseCluster, truthTable, type Cluster, type Engine } from '../../../src/lib/netpol';

const cluster: Cluster = {
  namespaces: [{ name: 'shop' }, { name: 'ops', labels: { team: 'ops' } }],
  pods: [
    { namespace: 'shop', name: 'web', labels: { app: 'web' }, ip: '10.244.1.10', node: 'n1', ports: [{ name: 'http', port: 8080 }] },
    { namespace: 'shop', name: 'api', labels: { app: 'api' }, ip: '10.244.1.11', node: 'n2', ports: [{ name: 'http', port: 9000 }] },
    { namespace: 'ops', name: 'agent', labels: { app: 'agent' }, ip: '10.224.0.4', node: 'n1', hostNetwork: true },
  ],
};
const np = (spec: string, name = 'p', ns = 'shop') => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;
const verdict = (policies: string, from: string | { ip: string }, to: string | { ip: string }, port: number | string, engine?: Engine, protocol?: 'TCP' | 'UDP' | 'SCTP') =>
  evaluateTraffic({ cluster, policies, traffic: [{ from, to, port, ...(protocol ? { protocol } : {}) }], ...(engine ? { engine } : {}) }).results[0]!;

describe('input errors', () => {
  it('reports unknown fields and wrong types at their line and column', () => {
    const d = lintPolicies({ policies: np('  podSelecter: {}\n  ingress:\n  - from: web\n') });
    const unknown = d.find((x) => x.code === 'unknown-field')!;
    expect(unknown).toMatchObject({ severity: 'error', line: 7, column: 3 });
    expect(unknown.message).toMatch(/podSelector/); // did-you-mean
    expect(d.find((x) => x.code === 'wrong-type')).toMatchObject({ severity: 'error', line: 9 });
  });
  it('reports invalid YAML with a line, and keeps the other documents', () => {
    const text = `${np('  podSelector: {}\n  policyTypes: [Ingress]\n', 'ok')}\n---\nkind: [unclosed\n`;
    const d = lintPolicies({ policies: text });
    expect(d.find((x) => x.code === 'yaml-syntax')?.line).toBeGreaterThanOrEqual(10);
    expect(d.find((x) => x.code === 'deny-all')).toBeDefined();
  });
  it('skips other kinds with an info', () => {
    const d = lintPolicies({ policies: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n' });
    expect(d).toEqual([expect.objectContaining({ severity: 'info', code: 'kind-skipped', line: 2 })]);
  });
  it('rejects what the API server rejects, and the broken part allows nothing', () => {
    const cases: [string, string][] = [
      ['  podSelector: {}\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/24\n        except: [10.1.0.0/24]\n', 'except-outside-cidr'],
      ['  podSelector: {}\n  ingress:\n  - ports:\n    - port: 90\n      endPort: 80\n', 'endport-before-port'],
      ['  podSelector: {}\n  ingress:\n  - ports:\n    - port: http\n      endPort: 90\n', 'endport-with-named-port'],
      ['  podSelector: {}\n  ingress:\n  - ports:\n    - protocol: tcp\n', 'invalid-protocol'],
      ['  podSelector: {}\n  ingress:\n  - from:\n    - {}\n', 'empty-peer'],
      ['  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/8}\n      podSelector: {}\n', 'ipblock-with-selector'],
      ['  podSelector: {}\n  policyTypes: [ingress]\n', 'invalid-policy-type'],
    ];
    for (const [spec, code] of cases) {
      const d = lintPolicies({ policies: np(spec) });
      expect(d.map((x) => x.code), code).toContain(code);
      expect(d.find((x) => x.code === code)!.line).toBeGreaterThan(6);
    }
    // A broken peer does not turn into "anywhere".
    expect(verdict(np('  podSelector: {}\n  ingress:\n  - from:\n    - {}\n'), 'shop/api', 'shop/web', 8080).verdict).toBe('deny');
  });
  it('never throws on hostile input', () => {
    for (const bad of ['', '- 1\n- 2', 'a: &a [*a]', '{'.repeat(500), 'kind: NetworkPolicy\nspec: 5', 'kind: NetworkPolicy\nspec:\n  ingress: 5\n  egress: [1, null, {to: 7, ports: [{port: -1}]}]']) {
      expect(() => evaluateTraffic({ cluster, policies: bad, traffic: [{ from: 'shop/web', to: 'shop/api', port: 80 }] })).not.toThrow();
      expect(() => truthTable({ cluster, policies: bad, ports: [{ port: 80 }] })).not.toThrow();
    }
    // @ts-expect-error wrong input types at run time
    expect(() => evaluateTraffic({ cluster: null, policies: 42, traffic: 'x' })).not.toThrow();
  });
});

describe('parseCluster', () => {
  it('reads Namespaces, Pods and workload templates', () => {
    const text = [
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: shop',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n  labels: {app: web}\nspec:\n  nodeName: n1\n  containers:\n  - name: c\n    ports:\n    - containerPort: 8080\n      name: http\nstatus:\n  podIP: 10.244.1.10',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: other\nspec:\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: c\n        ports:\n        - containerPort: 53\n          protocol: UDP',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x',
    ].join('\n---\n');
    const { cluster: c, diagnostics } = parseCluster(text);
    expect(c.namespaces).toEqual(
      expect.arrayContaining([
        { name: 'shop', labels: { team: 'shop', 'kubernetes.io/metadata.name': 'shop' } },
        { name: 'other', labels: { 'kubernetes.io/metadata.name': 'other' } },
      ]),
    );
    expect(c.pods).toEqual([
      { namespace: 'shop', name: 'web', labels: { app: 'web' }, ip: '10.244.1.10', node: 'n1', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      { namespace: 'other', name: 'api', labels: { app: 'api' }, ports: [{ port: 53, protocol: 'UDP' }] },
    ]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'kind-skipped', severity: 'info' })]);
  });
});

describe('rules stated by the spec', () => {
  const denyAll = np('  podSelector: {}\n  policyTypes: [Ingress, Egress]\n');
  it('a pod can always reach itself', () => {
    expect(verdict(denyAll, 'shop/web', 'shop/web', 8080).verdict).toBe('allow');
  });
  it('traffic from the pod\'s own node is allowed even under deny-all; another node is not', () => {
    expect(verdict(denyAll, 'ops/agent', 'shop/web', 8080).verdict).toBe('allow'); // agent is hostNetwork on n1
    expect(verdict(denyAll, 'ops/agent', 'shop/api', 9000).verdict).toBe('deny'); // api is on n2
  });
  it('named traffic ports resolve on the destination', () => {
    const p = np('  podSelector: {}\n  ingress:\n  - ports:\n    - port: 9000\n');
    expect(verdict(p, 'shop/web', 'shop/api', 'http').verdict).toBe('allow');
    expect(verdict(p, 'shop/api', 'shop/web', 'http').verdict).toBe('deny'); // web's http is 8080
  });
  it('an unknown pod is a diagnostic and a deny, not an exception', () => {
    const r = evaluateTraffic({ cluster, policies: '', traffic: [{ from: 'shop/nope', to: 'shop/web', port: 80 }] });
    expect(r.results[0]!.verdict).toBe('deny');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'invalid-traffic', severity: 'error' })]);
  });
  it('claims no verdict for protocols NetworkPolicy does not define (ICMP)', () => {
    const r = evaluateTraffic({ cluster, policies: '', traffic: [{ from: 'shop/web', to: 'shop/api', port: 0, protocol: 'ICMP' as never }] });
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'invalid-traffic', message: expect.stringMatching(/TCP, UDP and SCTP/) })]);
  });
  it('an address that belongs to a pod is that pod', () => {
    const p = np('  podSelector:\n    matchLabels: {app: api}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels: {app: web}\n');
    expect(verdict(p, { ip: '10.244.1.10' }, 'shop/api', 9000).verdict).toBe('allow');
    expect(verdict(p, { ip: '10.244.9.9' }, 'shop/api', 9000).verdict).toBe('deny');
  });
  it('the explanation names the deciding rule', () => {
    const p = np('  podSelector:\n    matchLabels: {app: api}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels: {app: web}\n', 'api-from-web');
    const r = verdict(p, 'shop/web', 'shop/api', 9000);
    expect(r.ingress).toMatchObject({ verdict: 'allow', isolated: true, allowedBy: ['shop/api-from-web'] });
    expect(r.egress).toMatchObject({ verdict: 'allow', isolated: false, allowedBy: [] });
    expect(r.explanation).toMatch(/shop\/api-from-web ingress\[0\]/);
  });
});

describe('AKS engines', () => {
  const range = np('  podSelector:\n    matchLabels: {app: api}\n  ingress:\n  - ports:\n    - port: 8000\n      endPort: 9000\n');
  it('Azure NPM enforces only `port` of a range (Azure/AKS#2857) and warns', () => {
    expect(verdict(range, 'shop/web', 'shop/api', 9000).verdict).toBe('allow');
    expect(verdict(range, 'shop/web', 'shop/api', 9000, 'azure-npm').verdict).toBe('deny');
    expect(verdict(range, 'shop/web', 'shop/api', 8000, 'azure-npm').verdict).toBe('allow');
    const d = lintPolicies({ policies: range, engine: 'azure-npm' });
    expect(d.find((x) => x.code === 'engine-endport-ignored')).toMatchObject({ severity: 'warning', line: 11, source: expect.stringMatching(/github\.com\/Azure\/AKS\/issues\/2857/) });
    expect(d.find((x) => x.code === 'engine-retirement')).toBeDefined();
  });
  it('Cilium does not allow egress to the pod\'s own node implicitly; the default does', () => {
    const egress = np('  podSelector: {}\n  policyTypes: [Egress]\n');
    const c2: Cluster = { ...cluster, pods: [...cluster.pods, { namespace: 'ops', name: 'node-exporter', labels: {}, ip: '10.224.0.4', node: 'n1', hostNetwork: true, ports: [{ port: 9100 }] }] };
    const run = (engine: Engine) => evaluateTraffic({ cluster: c2, policies: egress, traffic: [{ from: 'shop/web', to: 'ops/node-exporter', port: 9100 }], engine }).results[0]!.verdict;
    expect(run('kubernetes')).toBe('allow');
    expect(run('azure-npm')).toBe('allow');
    expect(run('cilium')).toBe('deny');
  });
  it('warns about Windows limits of Azure NPM (negative selectors, except)', () => {
    const p = np('  podSelector:\n    matchExpressions:\n    - {key: app, operator: NotIn, values: [db]}\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n        except: [10.1.0.0/16]\n');
    const d = lintPolicies({ policies: p, engine: 'azure-npm' }).filter((x) => x.code === 'engine-windows-unsupported');
    expect(d).toHaveLength(2);
    expect(lintPolicies({ policies: p, engine: 'calico' }).filter((x) => x.code.startsWith('engine-'))).toEqual([]);
  });
});
