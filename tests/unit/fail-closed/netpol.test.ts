import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateTraffic, type Cluster, type Traffic } from '../../../src/lib/netpol';
import { DELETE, garbage, notMorePermissive, runs, withField } from './corrupt';

const RANK = { allow: 1, deny: 0 } as const;

const cluster: Cluster = {
  namespaces: [
    { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop', team: 'shop' } },
    { name: 'ops', labels: { 'kubernetes.io/metadata.name': 'ops', team: 'ops' } },
  ],
  pods: [
    { namespace: 'shop', name: 'web', labels: { app: 'web' }, ip: '10.244.1.10', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
    { namespace: 'shop', name: 'api', labels: { app: 'api' }, ip: '10.244.1.11', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
    { namespace: 'ops', name: 'probe', labels: { app: 'probe' }, ip: '10.244.2.20' },
  ],
} as Cluster;
const PODS = ['shop/web', 'shop/api', 'ops/probe'];

const selector = fc.oneof(fc.constant({}), fc.constantFrom('web', 'api', 'probe').map((app) => ({ matchLabels: { app } })));
const peer = fc.oneof(
  selector.map((podSelector) => ({ podSelector })),
  fc.constantFrom('shop', 'ops').map((team) => ({ namespaceSelector: { matchLabels: { team } } })),
  fc.constantFrom('10.244.0.0/16', '10.244.2.0/24').map((cidr) => ({ ipBlock: { cidr, except: ['10.244.2.128/25'].filter(() => cidr.endsWith('/16')) } })),
);
const port = fc.oneof(fc.constantFrom(80, 8080).map((p) => ({ protocol: 'TCP', port: p })), fc.constant({ port: 'http' }), fc.constant({ protocol: 'TCP', port: 8000, endPort: 8100 }));
const rule = (key: 'from' | 'to') => fc.record({ [key]: fc.array(peer, { minLength: 1, maxLength: 2 }), ports: fc.array(port, { minLength: 1, maxLength: 2 }) });
const policy = fc.record({
  apiVersion: fc.constant('networking.k8s.io/v1'),
  kind: fc.constant('NetworkPolicy'),
  metadata: fc.record({ name: fc.constant('p'), namespace: fc.constantFrom('shop', 'ops') }),
  spec: fc.record({
    podSelector: selector,
    policyTypes: fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
    ingress: fc.array(rule('from'), { maxLength: 2 }),
    egress: fc.array(rule('to'), { maxLength: 2 }),
  }),
});
const policies = fc.array(policy, { minLength: 1, maxLength: 3 }).map((ps) => ps.map((p, i) => ({ ...p, metadata: { ...p.metadata, name: `p${i}` } })));

/** Every path of an object below `spec` or at metadata.namespace: the fields a reader can get wrong. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof v !== 'object' || v === null) return [at];
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
  return [...(at.length ? [at] : []), ...entries.flatMap(([k, x]) => paths(x, [...at, k]))];
}
const corruptible = (p: object) => paths(p).filter((path) => path[0] === 'spec' || (path[0] === 'metadata' && path[1] === 'namespace'));

const cnpPeer = fc.oneof(
  selector.map((s) => ({ endpoints: [s] })),
  fc.constantFrom('world', 'cluster').map((e) => ({ entities: [e] })),
  fc.constant({ cidrs: ['10.244.0.0/16'] }),
);
const cnpPorts = fc.oneof(fc.constant(undefined), fc.constantFrom('80', '8080').map((port) => [{ ports: [{ port, protocol: 'TCP' }] }]));
const cnpItem = (dir: 'from' | 'to') =>
  fc.record({ peer: cnpPeer, toPorts: cnpPorts }).map(({ peer, toPorts }) => ({
    ...('endpoints' in peer ? { [`${dir}Endpoints`]: peer.endpoints } : 'entities' in peer ? { [`${dir}Entities`]: peer.entities } : { [`${dir}CIDR`]: peer.cidrs }),
    ...(toPorts ? { toPorts } : {}),
  }));
const cnp = fc.record({
  apiVersion: fc.constant('cilium.io/v2'),
  kind: fc.constant('CiliumNetworkPolicy'),
  metadata: fc.record({ name: fc.constant('c'), namespace: fc.constantFrom('shop', 'ops') }),
  spec: fc.record(
    { endpointSelector: selector, ingress: fc.array(cnpItem('from'), { minLength: 1, maxLength: 2 }), egress: fc.array(cnpItem('to'), { minLength: 1, maxLength: 2 }), ingressDeny: fc.array(cnpItem('from'), { minLength: 1, maxLength: 1 }), egressDeny: fc.array(cnpItem('to'), { minLength: 1, maxLength: 1 }) },
    { requiredKeys: ['endpointSelector'] },
  ),
});
const cnps = fc.array(cnp, { minLength: 1, maxLength: 3 }).map((ps) => ps.map((p, i) => ({ ...p, metadata: { ...p.metadata, name: `c${i}` } })));

const traffic: Traffic[] = PODS.flatMap((from) => PODS.filter((to) => to !== from).flatMap((to) => [8080, 80].map((port) => ({ from, to, port, protocol: 'TCP' as const }))));
const run = (ps: unknown[], engine?: 'cilium') => evaluateTraffic({ cluster, policies: ps.map((p) => JSON.stringify(p)).join('\n---\n'), traffic, ...(engine ? { engine } : {}) });

/** Corrupts one field of one policy; the verdicts must never be more permissive than with it valid or removed. */
function corruptedNeverMorePermissive(arb: fc.Arbitrary<object[]>, engine?: 'cilium') {
  fc.assert(
    fc.property(arb, fc.nat(), fc.nat(), garbage, (ps, which, where, bad) => {
      const i = which % ps.length;
      const options = corruptible(ps[i]!);
      const path = [i, ...options[where % options.length]!];
      // A list of empty objects is a valid rule or peer list (`ingress: [{}]` allows all), not garbage there.
      const original = path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], ps);
      if (Array.isArray(original) && Array.isArray(bad)) return;
      const valid = run(ps, engine);
      const removed = run(withField(ps, path, DELETE), engine);
      const corrupted = run(withField(ps, path, bad), engine);
      traffic.forEach((_, t) => {
        const [c, v, r] = [corrupted, valid, removed].map((x) => x.results[t]!);
        expect(notMorePermissive(RANK, c!.verdict, v!.verdict, r!.verdict), `${path.join('.')} = ${JSON.stringify(bad)}, ${c!.label}: ${c!.verdict} (valid: ${v!.verdict}, removed: ${r!.verdict})`).toBe(true);
      });
      expect(corrupted.diagnostics.some((x) => x.severity === 'error'), `${path.join('.')} = ${JSON.stringify(bad)}: no error`).toBe(true);
    }),
    { numRuns: runs },
  );
}

describe('Network policy evaluation fails closed', () => {
  it('a corrupted policy field never allows a connection that the field valid or removed denies', () => corruptedNeverMorePermissive(policies));

  it('a policy document that cannot be parsed never lets through what it (valid or removed) would deny', () => {
    // Ways a document becomes unreadable as a whole: a syntax error, a misspelt kind.
    const breakings: ((json: string) => string)[] = [(j) => j.slice(0, -1), (j) => `${j}\n\tindented: [`, (j) => j.replace('"NetworkPolicy"', '"NetworkPolcy"'), (j) => j.replace('"NetworkPolicy"', '"networkpolicy"')];
    fc.assert(
      fc.property(policies, fc.nat(), fc.constantFrom(...breakings), (ps, which, breakIt) => {
        const i = which % ps.length;
        const texts = ps.map((p) => JSON.stringify(p));
        const text = (list: string[]) => evaluateTraffic({ cluster, policies: list.join('\n---\n'), traffic });
        const valid = text(texts);
        const removed = text(texts.filter((_, j) => j !== i));
        const corrupted = text(texts.map((t, j) => (j === i ? breakIt(t) : t)));
        traffic.forEach((_, t) => expect(notMorePermissive(RANK, corrupted.results[t]!.verdict, valid.results[t]!.verdict, removed.results[t]!.verdict), `${corrupted.results[t]!.label}: ${corrupted.results[t]!.explanation}`).toBe(true));
        expect(corrupted.diagnostics.some((d) => d.severity === 'error')).toBe(true);
        expect(corrupted.diagnostics.map((d) => d.code)).toContain('fails-closed');
      }),
      { numRuns: runs },
    );
  });

  it('a corrupted CiliumNetworkPolicy field never allows a connection that the field valid or removed denies', () => corruptedNeverMorePermissive(cnps, 'cilium'));

  it('says why a denied connection may be allowed once the policy is fixed', () => {
    const r = evaluateTraffic({ cluster, policies: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: open, namespace: shop}\nspec:\n  podSelector: app=web\n  ingress: [{}]', traffic: [{ from: 'ops/probe', to: 'shop/web', port: 8080 }] });
    expect(r.results[0]!.verdict).toBe('deny');
    expect(r.results[0]!.explanation).toMatch(/shop\/open could not be read \(spec\.podSelector not read\)/);
    expect(r.diagnostics.find((d) => d.code === 'fails-closed')?.message).toMatch(/may become "allow" once the error is fixed/);
  });
});
