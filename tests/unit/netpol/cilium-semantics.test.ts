/**
 * Cilium semantics from ../shared/specs/cilium-policy.md beyond the shared vectors: the
 * traps the spec lists, Services and the API server in the cluster model, other engines,
 * the truth table with Cilium policies and DNS-name columns, and the lints (each test
 * names the spec section it checks).
 */
import { describe, expect, it } from 'vitest';
import { evaluateTraffic, lintPolicies, truthTable, type Cluster, type Engine, type Traffic } from '../../../src/lib/netpol';

const cluster: Cluster = {
  namespaces: [
    { name: 'shop', labels: { team: 'payments' } },
    { name: 'tools' },
    { name: 'kube-system' },
  ],
  pods: [
    { namespace: 'shop', name: 'web', labels: { app: 'web' }, ip: '10.244.0.10', node: 'n0' },
    { namespace: 'shop', name: 'api', labels: { app: 'api' }, ip: '10.244.0.11', node: 'n0' },
    { namespace: 'tools', name: 'debug', labels: { app: 'debug' }, ip: '10.244.1.20', node: 'n1' },
    { namespace: 'kube-system', name: 'coredns-0', labels: { 'k8s-app': 'kube-dns' }, ip: '10.244.0.2', node: 'n0' },
    { namespace: 'kube-system', name: 'node-0', labels: { app: 'node' }, ip: '10.224.0.4', node: 'n0', hostNetwork: true },
  ],
};

const cnp = (name: string, spec: string, ns = 'shop') => `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec.replace(/^/gm, '  ')}\n`;
const ccnp = (name: string, spec: string) => `apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n${spec.replace(/^/gm, '  ')}\n`;
const DNS_OK = `- toEndpoints:\n  - matchLabels:\n      k8s:io.kubernetes.pod.namespace: kube-system\n      k8s:k8s-app: kube-dns\n  toPorts:\n  - ports:\n    - port: "53"\n      protocol: ANY\n    rules:\n      dns:\n      - matchPattern: "*.github.com"`;

function verdicts(policies: string, traffic: Traffic[], c: Cluster = cluster, engine: Engine = 'cilium') {
  const out = evaluateTraffic({ cluster: c, policies, traffic, engine });
  expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return out.results.map((r) => r.verdict);
}
const codes = (policies: string, c: Cluster | undefined = cluster) => lintPolicies({ policies, engine: 'cilium', ...(c ? { cluster: c } : {}) }).map((d) => d.code);

describe('Cilium traps (spec §4, §6, §8, §5.5)', () => {
  it('ingress: [{}] in a CNP denies all; the same in a NetworkPolicy allows all', () => {
    expect(verdicts(cnp('x', 'endpointSelector: {matchLabels: {app: api}}\ningress:\n- {}'), [{ from: 'shop/web', to: 'shop/api', port: 80 }])).toEqual(['deny']);
    const np = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: api}}\n  ingress:\n  - {}\n';
    expect(verdicts(np, [{ from: 'shop/web', to: 'shop/api', port: 80 }])).toEqual(['allow']);
    expect(codes(cnp('x', 'endpointSelector: {matchLabels: {app: api}}\ningress:\n- {}'))).toContain('cilium-empty-rule-deny-all');
  });
  it('a deny-only policy turns on default-deny, and lint says so', () => {
    const p = cnp('d', 'endpointSelector: {matchLabels: {app: api}}\ningressDeny:\n- fromEndpoints:\n  - matchLabels: {app: debug}');
    expect(verdicts(p, [{ from: 'shop/web', to: 'shop/api', port: 80 }])).toEqual(['deny']);
    expect(codes(p)).toContain('cilium-deny-only-enables-default-deny');
  });
  it('a port with no protocol is ANY', () => {
    const p = cnp('p', 'endpointSelector: {matchLabels: {app: api}}\ningress:\n- toPorts:\n  - ports:\n    - port: "53"');
    expect(verdicts(p, [{ from: 'shop/web', to: 'shop/api', port: 53, protocol: 'UDP' }, { from: 'shop/web', to: 'shop/api', port: 53, protocol: 'TCP' }, { from: 'shop/web', to: 'shop/api', port: 54 }])).toEqual(['allow', 'allow', 'deny']);
  });
  it('HTTP method and path are full matches; an L4-only allow for the same port cancels the L7 rules', () => {
    const l7 = cnp('l7', 'endpointSelector: {matchLabels: {app: api}}\ningress:\n- fromEndpoints: [{matchLabels: {app: web}}]\n  toPorts:\n  - ports: [{port: "8080", protocol: TCP}]\n    rules:\n      http:\n      - {method: GET, path: "/items"}');
    const t = (method: string, path: string): Traffic => ({ from: 'shop/web', to: 'shop/api', port: 8080, http: { method, path } });
    expect(verdicts(l7, [t('GET', '/items'), t('GET', '/items/1'), t('GETX', '/items'), t('POST', '/items'), { from: 'shop/web', to: 'shop/api', port: 8080 }])).toEqual(['allow', 'deny', 'deny', 'deny', 'allow']);
    const refused = evaluateTraffic({ cluster, policies: l7, traffic: [t('GET', '/admin')], engine: 'cilium' }).results[0]!;
    expect(refused.ingress.l7Denied).toMatch(/403/);
    expect(refused.explanation).toMatch(/connection opens/);
    const l4 = `${l7}---\n${cnp('l4', 'endpointSelector: {matchLabels: {app: api}}\ningress:\n- fromEndpoints: [{matchLabels: {app: web}}]\n  toPorts:\n  - ports: [{port: "8080", protocol: TCP}]')}`;
    expect(verdicts(l4, [t('POST', '/admin')])).toEqual(['allow']);
    expect(codes(l4)).toContain('cilium-l7-voided');
  });
  it('*.x.com matches neither x.com nor a.b.x.com', () => {
    const p = cnp('f', `endpointSelector: {matchLabels: {app: web}}\negress:\n${DNS_OK}\n- toFQDNs:\n  - matchPattern: "*.github.com"`);
    expect(verdicts(p, [{ from: 'shop/web', to: 'api.github.com', port: 443 }, { from: 'shop/web', to: 'github.com', port: 443 }, { from: 'shop/web', to: 'a.b.github.com', port: 443 }])).toEqual(['allow', 'deny', 'deny']);
  });
  it('an IP destination never matches toFQDNs; a name matches a CIDR only through resolvesTo', () => {
    const p = cnp('f', `endpointSelector: {matchLabels: {app: web}}\negress:\n${DNS_OK}\n- toFQDNs:\n  - matchName: api.github.com\n- toCIDR: [140.82.112.0/20]`);
    expect(verdicts(p, [{ from: 'shop/web', to: '140.82.121.6', port: 443 }, { from: 'shop/web', to: '20.1.1.1', port: 443 }, { from: 'shop/web', to: 'raw.github.com', port: 443, resolvesTo: '140.82.112.3' }, { from: 'shop/web', to: 'raw.github.com', port: 443 }])).toEqual(['allow', 'deny', 'allow', 'deny']);
  });
  it('a name whose lookup is denied is unreachable, even with world allowed', () => {
    const p = cnp('w', 'endpointSelector: {matchLabels: {app: web}}\negress:\n- toEntities: [world]');
    const r = evaluateTraffic({ cluster, policies: p, traffic: [{ from: 'shop/web', to: 'api.github.com', port: 443 }, { from: 'shop/web', to: '203.0.113.9', port: 443 }], engine: 'cilium' }).results;
    expect(r.map((x) => x.verdict)).toEqual(['deny', 'allow']);
    expect(r[0]!.explanation).toMatch(/lookup of api\.github\.com is refused/);
  });
  it('a namespaced fromEndpoints: [{}] covers its own namespace only, and lint says so', () => {
    const p = cnp('e', 'endpointSelector: {matchLabels: {app: api}}\ningress:\n- fromEndpoints:\n  - {}');
    expect(verdicts(p, [{ from: 'shop/web', to: 'shop/api', port: 80 }, { from: 'tools/debug', to: 'shop/api', port: 80 }])).toEqual(['allow', 'deny']);
    expect(codes(p)).toContain('cilium-endpoints-own-namespace');
  });
});

describe('Services and the API server in the cluster model (spec §5.4, §5.2)', () => {
  const withServices: Cluster = {
    ...cluster,
    pods: [...cluster.pods, { namespace: 'tools', name: 'other', labels: { app: 'api' }, ip: '10.244.1.21', node: 'n1' }],
    services: [
      { namespace: 'shop', name: 'api', selector: { app: 'api' } },
      { namespace: 'default', name: 'kubernetes', endpoints: ['20.30.40.50'] },
      { namespace: 'shop', name: 'legacy', endpoints: ['192.0.2.0/28'] },
    ],
  };
  it('toServices k8sService reaches the Service\'s pods in its namespace, and a selector-less Service\'s outside endpoints', () => {
    const p = cnp('s', 'endpointSelector: {matchLabels: {app: web}}\negress:\n- toServices:\n  - k8sService: {serviceName: api, namespace: shop}\n  - k8sService: {serviceName: legacy}');
    expect(verdicts(p, [{ from: 'shop/web', to: 'shop/api', port: 8080 }, { from: 'shop/web', to: 'tools/other', port: 8080 }, { from: 'shop/web', to: '192.0.2.5', port: 443 }, { from: 'shop/web', to: '192.0.2.99', port: 443 }], withServices)).toEqual(['allow', 'deny', 'allow', 'deny']);
    expect(verdicts(p, [{ from: 'shop/web', to: 'shop/api', port: 8080 }])).toEqual(['deny']);
    expect(codes(p)).toContain('cilium-toservices-not-modelled');
  });
  it('kube-apiserver matches the kubernetes Service\'s endpoint addresses', () => {
    const p = cnp('k', 'endpointSelector: {matchLabels: {app: web}}\negress:\n- toEntities: [kube-apiserver]');
    expect(verdicts(p, [{ from: 'shop/web', to: '20.30.40.50', port: 443 }, { from: 'shop/web', to: '20.30.40.51', port: 443 }], withServices)).toEqual(['allow', 'deny']);
    expect(verdicts(p, [{ from: 'shop/web', to: '20.30.40.50', port: 443 }])).toEqual(['deny']);
  });
});

describe('other engines and AKS limits (spec §1, §11)', () => {
  const p = cnp('x', 'endpointSelector: {matchLabels: {app: api}}\ningress:\n- {}');
  it('a CNP is not applied under another engine, with a diagnostic saying it needs Cilium', () => {
    const out = evaluateTraffic({ cluster, policies: p, traffic: [{ from: 'shop/web', to: 'shop/api', port: 80 }], engine: 'kubernetes' });
    expect(out.results[0]!.verdict).toBe('allow');
    expect(out.diagnostics.map((d) => d.code)).toContain('cilium-needs-cilium');
  });
  it('FQDN and L7 rules say they need ACNS; L7 in a CCNP is flagged for AKS', () => {
    const l7 = ccnp('c', 'endpointSelector: {matchLabels: {app: api}}\ningress:\n- toPorts:\n  - ports: [{port: "80", protocol: TCP}]\n    rules:\n      http: [{method: GET}]');
    expect(codes(l7)).toEqual(expect.arrayContaining(['cilium-acns-required', 'cilium-l7-in-ccnp-aks']));
  });
  it('a cluster-wide egress baseline that also selects CoreDNS is flagged', () => {
    expect(codes(ccnp('b', 'endpointSelector: {}\negress:\n- toEntities: [world]'))).toContain('cilium-ccnp-selects-kube-system');
  });
  it('an FQDN rule without a DNS rule, and a DNS rule that does not reach kube-dns, are flagged', () => {
    expect(codes(cnp('f', 'endpointSelector: {matchLabels: {app: web}}\negress:\n- toFQDNs:\n  - matchName: api.github.com'))).toContain('cilium-fqdn-without-dns-rule');
    expect(codes(cnp('f', `endpointSelector: {matchLabels: {app: web}}\negress:\n${DNS_OK}\n- toFQDNs:\n  - matchName: api.github.com`))).not.toContain('cilium-fqdn-without-dns-rule');
    const wrong = DNS_OK.replace('kube-system', 'shop');
    expect(codes(cnp('f', `endpointSelector: {matchLabels: {app: web}}\negress:\n${wrong}`))).toContain('cilium-dns-rule-no-egress');
    expect(codes(cnp('f', `endpointSelector: {matchLabels: {app: web}}\negress:\n${DNS_OK}`))).not.toContain('cilium-dns-rule-no-egress');
  });
  it('hostile HTTP regexes are refused or bounded, never run by a backtracking engine', () => {
    const p = cnp('r', 'endpointSelector: {matchLabels: {app: api}}\ningress:\n- toPorts:\n  - ports: [{port: "80", protocol: TCP}]\n    rules:\n      http: [{path: "(a+)+$"}]');
    const started = Date.now();
    const out = evaluateTraffic({ cluster, policies: p, traffic: [{ from: 'shop/web', to: 'shop/api', port: 80, http: { method: 'GET', path: `/${'a'.repeat(20000)}!` } }], engine: 'cilium' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(out.results[0]!.verdict).toBe('deny');
  });
});

describe('truthTable with Cilium policies and DNS names', () => {
  it('agrees with evaluateTraffic cell by cell, names as extra destinations', () => {
    const policies = `${cnp('f', `endpointSelector: {matchLabels: {app: web}}\negress:\n${DNS_OK}\n- toFQDNs:\n  - matchPattern: "*.github.com"\n- toEntities: [host]`)}---\n${ccnp('c', 'endpointSelector: {matchLabels: {app: api}}\ningressDeny:\n- fromEntities: [remote-node]\ningress:\n- fromEntities: [cluster]')}`;
    const t = truthTable({ cluster, policies, ports: [{ port: 443 }, { port: 53, protocol: 'UDP' }], engine: 'cilium', names: [{ name: 'api.github.com' }, { name: 'example.com' }] });
    expect(t.destinations.slice(-2)).toEqual(['api.github.com', 'example.com']);
    const ports = [{ port: 443, protocol: 'TCP' as const }, { port: 53, protocol: 'UDP' as const }];
    ports.forEach((col, ci) => {
      t.sources.forEach((src, s) => {
        const traffic = t.destinations.map((to) => ({ from: src, to, port: col.port, protocol: col.protocol }));
        const r = evaluateTraffic({ cluster, policies, traffic, engine: 'cilium' }).results.map((x) => x.verdict);
        expect(t.cells[ci]![s], `${src} on ${col.port}`).toEqual(r);
      });
    });
    const web = t.sources.indexOf('shop/web');
    expect(t.cells[0]![web]!.slice(-2)).toEqual(['allow', 'deny']);
  });
});
