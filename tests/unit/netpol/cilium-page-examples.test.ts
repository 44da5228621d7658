/**
 * The playgrounds of the "Cilium network policies on AKS" page run without errors and show
 * what the page's prose says they show (each test names the claim it checks).
 */
import { describe, expect, it } from 'vitest';
import tool from '../../../src/components/tools/netpol';
import { runQuery } from '../../../src/lib/netpol';
import { playgroundsIn } from '../mdx-playgrounds';

const PAGE = 'src/content/docs/network-policies/cilium-policies.mdx';
const playgrounds = new Map(
  playgroundsIn(PAGE)
    .filter((p) => p.tool === 'netpol')
    .map((p) => [p.id, p.inputs]),
);

const inputsOf = (id: string, edit?: (policies: string) => string): Record<string, string> => {
  const inputs = { ...tool.example, ...playgrounds.get(id)! };
  if (!edit) return inputs;
  const policies = edit(inputs.policies!);
  expect(policies, `${id}: the edit applies`).not.toBe(inputs.policies);
  return { ...inputs, policies };
};

/** Verdicts of the query's connections, as "label: verdict". */
function verdicts(id: string, edit?: (policies: string) => string): Record<string, string> {
  const r = runQuery(inputsOf(id, edit));
  return Object.fromEntries(r.results.map(({ r: x }) => [x.label, x.verdict]));
}
const codes = (id: string) => tool.run(inputsOf(id)).diagnostics.map((d) => d.code);

describe('Cilium network policies page examples', () => {
  it('has the examples the page teaches, with unique ids', () => {
    expect([...playgrounds.keys()]).toEqual(['cnp-basics', 'empty-rule', 'entities', 'fqdn', 'fqdn-pattern', 'l7', 'l7-l4-cancels', 'deny-only', 'deny-over-allow', 'ccnp-baseline', 'acns']);
  });
  for (const [id, inputs] of playgrounds) {
    it(`${id} runs without errors, with the Cilium engine`, () => {
      const out = tool.run({ ...tool.example, ...inputs });
      expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(inputs.query).toMatch(/^engine: cilium$/m);
    });
  }
  it('"backend/db gets in, frontend/web does not": fromEndpoints [{}] is the own namespace, and flagged', () => {
    expect(verdicts('cnp-basics')).toEqual({
      'frontend/web -> backend/api 8080/TCP': 'deny',
      'backend/db -> backend/api 8080/TCP': 'allow',
      'monitoring/prometheus -> backend/api 8080/TCP': 'deny',
    });
    expect(codes('cnp-basics')).toContain('cilium-endpoints-own-namespace');
  });
  it('"add a selector that names its namespace" lets frontend/web in', () => {
    const fixed = verdicts('cnp-basics', (p) => p.replace('  - fromEndpoints:\n    - {}\n', '  - fromEndpoints:\n    - matchLabels:\n        k8s:io.kubernetes.pod.namespace: frontend\n        app: web\n'));
    expect(fixed['frontend/web -> backend/api 8080/TCP']).toBe('allow');
    expect(fixed['backend/db -> backend/api 8080/TCP']).toBe('deny');
  });
  it('ingress: [{}] denies every connection into backend; egress is untouched', () => {
    expect(verdicts('empty-rule')).toEqual({
      'frontend/web -> backend/api 8080/TCP': 'deny',
      'backend/api -> backend/db 5432/TCP': 'deny',
      'backend/api -> frontend/web 80/TCP': 'allow',
    });
  });
  it('"the same YAML as a NetworkPolicy" allows everything', () => {
    const np = verdicts('empty-rule', () => 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: backend-allow-all\n  namespace: backend\nspec:\n  podSelector: {}\n  ingress:\n  - {}\n');
    expect(Object.values(np)).toEqual(['allow', 'allow', 'allow']);
  });
  it('entities: cluster for everything inside, world on 443 only', () => {
    expect(verdicts('entities')).toEqual({
      'frontend/web -> backend/api 8080/TCP': 'allow',
      'frontend/web -> kube-system/coredns 53/UDP': 'allow',
      'frontend/web -> 203.0.113.10 443/TCP': 'allow',
      'frontend/web -> 203.0.113.10 80/TCP': 'deny',
    });
  });
  it('FQDN: the name is reached with the DNS rule; "delete the rules: block" and it is denied while the lookup passes', () => {
    expect(verdicts('fqdn')).toEqual({
      'frontend/web -> api.github.com 443/TCP': 'allow',
      'frontend/web -> kube-system/coredns 53/UDP': 'allow',
      'frontend/web -> www.example.com 443/TCP': 'deny',
      'frontend/web -> 203.0.113.10 443/TCP': 'deny',
    });
    const without = verdicts('fqdn', (p) => p.replace('      rules:\n        dns:\n        - matchPattern: "*.github.com"\n', ''));
    expect(without['frontend/web -> api.github.com 443/TCP']).toBe('deny');
    expect(without['frontend/web -> kube-system/coredns 53/UDP']).toBe('allow');
  });
  it('*.github.com matches api.github.com, not github.com, not uploads.api.github.com', () => {
    expect(verdicts('fqdn-pattern')).toEqual({
      'frontend/web -> api.github.com 443/TCP': 'allow',
      'frontend/web -> github.com 443/TCP': 'deny',
      'frontend/web -> uploads.api.github.com 443/TCP': 'deny',
    });
  });
  it('L7: only GET /products exactly; the connection itself is allowed; "/products(/.*)?" admits one product', () => {
    expect(verdicts('l7')).toEqual({
      'frontend/web -> backend/api 8080/TCP GET /products': 'allow',
      'frontend/web -> backend/api 8080/TCP GET /products/42': 'deny',
      'frontend/web -> backend/api 8080/TCP POST /products': 'deny',
      'frontend/web -> backend/api 8080/TCP': 'allow',
    });
    const prefix = verdicts('l7', (p) => p.replace('path: /products\n', 'path: /products(/.*)?\n'));
    expect(prefix['frontend/web -> backend/api 8080/TCP GET /products/42']).toBe('allow');
    expect(prefix['frontend/web -> backend/api 8080/TCP POST /products']).toBe('deny');
    const run = runQuery(inputsOf('l7'));
    expect(run.results[2]!.r.explanation).toMatch(/connection opens.*403/);
  });
  it('an L4-only rule for the same peer and port lets DELETE through, and is flagged', () => {
    expect(verdicts('l7-l4-cancels')).toEqual({
      'frontend/web -> backend/api 8080/TCP GET /products/42': 'allow',
      'frontend/web -> backend/api 8080/TCP DELETE /products/42': 'allow',
    });
    expect(codes('l7-l4-cancels')).toContain('cilium-l7-voided');
    // Without the second rule, DELETE is refused.
    const one = verdicts('l7-l4-cancels', (p) => p.slice(0, p.indexOf('  # Added later')));
    expect(one['frontend/web -> backend/api 8080/TCP DELETE /products/42']).toBe('deny');
  });
  it('a deny-only policy keeps everyone out, and is flagged; paired with an allow, only monitoring is denied', () => {
    expect(verdicts('deny-only')).toEqual({ 'monitoring/prometheus -> backend/api 8080/TCP': 'deny', 'frontend/web -> backend/api 8080/TCP': 'deny' });
    expect(codes('deny-only')).toContain('cilium-deny-only-enables-default-deny');
    expect(verdicts('deny-over-allow')).toEqual({
      'monitoring/prometheus -> backend/api 8080/TCP': 'deny',
      'monitoring/grafana -> backend/api 9090/TCP': 'deny',
      'frontend/web -> backend/api 8080/TCP': 'allow',
      'backend/db -> backend/api 8080/TCP': 'allow',
    });
  });
  it('the cluster-wide baseline blocks the metadata service outside kube-system and nothing else', () => {
    expect(verdicts('ccnp-baseline')).toEqual({
      'frontend/web -> 169.254.169.254 80/TCP': 'deny',
      'backend/api -> 169.254.169.254 80/TCP': 'deny',
      'kube-system/coredns -> 169.254.169.254 80/TCP': 'allow',
      'frontend/web -> 203.0.113.10 443/TCP': 'allow',
      'frontend/web -> backend/api 8080/TCP': 'allow',
    });
    // "The deny alone would put every pod in default deny for egress."
    const denyOnly = verdicts('ccnp-baseline', (p) => p.replace('  egress:\n  - toEntities:\n    - all\n', ''));
    expect(denyOnly['frontend/web -> 203.0.113.10 443/TCP']).toBe('deny');
    expect(denyOnly['frontend/web -> backend/api 8080/TCP']).toBe('deny');
  });
  it('ACNS: an HTTP rule in a CCNP is flagged for AKS, next to the ACNS requirement; under engine: kubernetes it is not applied', () => {
    expect(codes('acns')).toEqual(expect.arrayContaining(['cilium-l7-in-ccnp-aks', 'cilium-acns-required']));
    const inputs = inputsOf('acns');
    const k8s = tool.run({ ...inputs, query: inputs.query!.replace('engine: cilium', 'engine: kubernetes') });
    expect(k8s.diagnostics.map((d) => d.code)).toContain('cilium-needs-cilium');
  });
  it('a peer selector that names its namespace is not described as "in any namespace"', () => {
    const dns = runQuery(inputsOf('fqdn')).results[1]!.r;
    expect(dns.explanation).toContain('io.kubernetes.pod.namespace=kube-system');
    expect(dns.explanation).not.toContain('any namespace');
  });
  it('an end no policy enforces is explained in Cilium terms when Cilium policies are in play', () => {
    const dns = runQuery(inputsOf('fqdn')).results[1]!.r;
    expect(dns.ingress.steps.join(' ')).toContain('no Cilium policy with a non-empty ingress or ingressDeny list selects it');
    const name = runQuery(inputsOf('fqdn')).results[0]!.r;
    expect(name.ingress.steps.join(' ')).toContain('outside the cluster, so no policy applies');
  });
  it('the result counts Cilium policies as policies', () => {
    expect(tool.run(inputsOf('fqdn')).summary).toMatch(/; 1 policy$/);
  });
});
