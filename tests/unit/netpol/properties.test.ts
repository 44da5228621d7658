/**
 * Properties of NetworkPolicy semantics (fast-check). Runs: PROPERTY_RUNS (default 50, ≤ 200).
 * - adding an allow rule (to a direction the policy already governs) never turns allow into deny;
 * - a policy that selects no pod changes nothing;
 * - evaluateTraffic (rule by rule) and truthTable (bitsets) agree on every cell.
 */
import fc from 'fast-check';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { evaluateTraffic, truthTable, type Cluster, type Engine, type Traffic } from '../../../src/lib/netpol';

const RUNS = Math.min(Number(process.env.PROPERTY_RUNS ?? 50) || 50, 1000);

const NS = ['a', 'b', 'c'];
const APPS = ['web', 'api', 'db'];

const clusterArb: fc.Arbitrary<Cluster> = fc
  .record({
    teams: fc.array(fc.constantFrom('x', 'y'), { minLength: 3, maxLength: 3 }),
    pods: fc.array(
      fc.record({ ns: fc.nat(2), app: fc.constantFrom(...APPS), tier: fc.option(fc.constantFrom('1', '2'), { nil: undefined }), node: fc.constantFrom('n1', 'n2'), host: fc.integer({ min: 0, max: 6 }).map((x) => x === 0), httpPort: fc.constantFrom(80, 8080) }),
      { minLength: 2, maxLength: 7 },
    ),
  })
  .map(({ teams, pods }) => ({
    namespaces: NS.map((name, i) => ({ name, labels: { team: teams[i]! } })),
    pods: pods.map((p, i) => ({
      namespace: NS[p.ns]!,
      name: `p${i}`,
      labels: { app: p.app, ...(p.tier ? { tier: p.tier } : {}) },
      ip: p.host ? `10.1.0.${p.node === 'n1' ? 1 : 2}` : `10.0.${p.ns}.${i + 10}`,
      node: p.node,
      ...(p.host ? { hostNetwork: true } : {}),
      ports: [
        { name: 'http', port: p.httpPort, protocol: 'TCP' as const },
        { name: 'dns', port: 53, protocol: 'UDP' as const },
      ],
    })),
  }));

const selectorArb = fc.oneof(
  fc.constant({}),
  fc.constantFrom(...APPS).map((app) => ({ matchLabels: { app } })),
  fc.record({ key: fc.constantFrom('app', 'tier'), operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'), values: fc.subarray([...APPS, '1', '2'], { minLength: 1 }) }).map((e) => ({
    matchExpressions: [e.operator === 'Exists' || e.operator === 'DoesNotExist' ? { key: e.key, operator: e.operator } : e],
  })),
);
const nsSelectorArb = fc.oneof(fc.constant({}), fc.constantFrom('x', 'y').map((team) => ({ matchLabels: { team } })), fc.constantFrom(...NS).map((n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } })));
const peerArb = fc.oneof(
  selectorArb.map((podSelector) => ({ podSelector })),
  nsSelectorArb.map((namespaceSelector) => ({ namespaceSelector })),
  fc.record({ podSelector: selectorArb, namespaceSelector: nsSelectorArb }),
  fc.constantFrom('10.0.0.0/16', '10.0.1.0/24', '10.1.0.0/24', '0.0.0.0/0').chain((cidr) => fc.constantFrom({ ipBlock: { cidr } }, { ipBlock: { cidr, except: [cidr === '0.0.0.0/0' ? '10.0.2.0/24' : cidr] } })),
);
const portArb = fc.oneof(
  fc.constantFrom(80, 8080, 53).map((port) => ({ port })),
  fc.constant({ port: 53, protocol: 'UDP' }),
  fc.constant({ port: 'http' }),
  fc.constant({ port: 'dns', protocol: 'UDP' }),
  fc.constant({ port: 70, endPort: 90 }),
  fc.constant({ protocol: 'UDP' }),
);
const ruleArb = (key: 'from' | 'to') =>
  fc.record({ peers: fc.option(fc.array(peerArb, { maxLength: 2 }), { nil: undefined }), ports: fc.option(fc.array(portArb, { maxLength: 2 }), { nil: undefined }) }).map((r) => ({
    ...(r.peers ? { [key]: r.peers } : {}),
    ...(r.ports ? { ports: r.ports } : {}),
  }));
interface Pol {
  metadata: { name: string; namespace: string };
  spec: { podSelector: object; policyTypes?: string[]; ingress?: object[]; egress?: object[] };
}
const policyArb = fc
  .record({
    ns: fc.constantFrom(...NS),
    podSelector: selectorArb,
    types: fc.constantFrom<string[] | undefined>(undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']),
    ingress: fc.option(fc.array(ruleArb('from') as fc.Arbitrary<object>, { maxLength: 2 }), { nil: undefined }),
    egress: fc.option(fc.array(ruleArb('to') as fc.Arbitrary<object>, { maxLength: 2 }), { nil: undefined }),
  })
  .map((p): Pol => ({
    metadata: { name: 'p', namespace: p.ns },
    spec: { podSelector: p.podSelector, ...(p.types ? { policyTypes: p.types } : {}), ...(p.ingress ? { ingress: p.ingress } : {}), ...(p.egress ? { egress: p.egress } : {}) },
  }));
const policiesArb = fc.array(policyArb, { maxLength: 4 }).map((ps) => ps.map((p, i) => ({ ...p, metadata: { ...p.metadata, name: `p${i}` } })));

const toYaml = (ps: Pol[]) => ps.map((p) => yaml.dump({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', ...p })).join('---\n');
const PORTS = [{ port: 80 }, { port: 8080 }, { port: 53, protocol: 'UDP' }, { port: 'http' }, { port: 85 }];
const engineArb = fc.constantFrom<Engine>('kubernetes', 'azure-npm', 'calico', 'cilium');

/** Every connection of the table, in the table's order. */
function allTraffic(c: Cluster): Traffic[] {
  const out: Traffic[] = [];
  for (const p of PORTS) for (const s of c.pods) for (const d of c.pods) out.push({ from: `${s.namespace}/${s.name}`, to: `${d.namespace}/${d.name}`, port: p.port, protocol: (p.protocol ?? 'TCP') as 'TCP' | 'UDP' });
  return out;
}
const verdicts = (c: Cluster, ps: Pol[], engine: Engine) => evaluateTraffic({ cluster: c, policies: toYaml(ps), traffic: allTraffic(c), engine }).results.map((r) => r.verdict);

/** Does the policy already govern this direction (so one more rule can only add)? */
function governs(p: Pol, d: 'ingress' | 'egress'): boolean {
  if (p.spec.policyTypes) return p.spec.policyTypes.includes(d === 'ingress' ? 'Ingress' : 'Egress');
  return d === 'ingress' || (p.spec.egress?.length ?? 0) > 0;
}

describe('netpol properties', () => {
  it('generated policies are valid (no error diagnostics), so the properties test real semantics', () => {
    fc.assert(
      fc.property(clusterArb, policiesArb, (c, ps) => {
        const d = evaluateTraffic({ cluster: c, policies: toYaml(ps), traffic: [] }).diagnostics;
        expect(d.filter((x) => x.severity === 'error')).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('evaluateTraffic and truthTable agree', () => {
    fc.assert(
      fc.property(clusterArb, policiesArb, engineArb, (c, ps, engine) => {
        const t = truthTable({ cluster: c, policies: toYaml(ps), ports: PORTS, engine });
        expect(t.sources).toEqual(c.pods.map((p) => `${p.namespace}/${p.name}`));
        expect(t.cells.flat(2)).toEqual(verdicts(c, ps, engine));
      }),
      { numRuns: RUNS },
    );
  });

  it('adding an allow rule never turns an allowed connection into a denied one', () => {
    fc.assert(
      fc.property(clusterArb, policiesArb.filter((ps) => ps.length > 0), fc.nat(), fc.constantFrom<'ingress' | 'egress'>('ingress', 'egress'), ruleArb('from'), ruleArb('to'), engineArb, (c, ps, pick, d, inRule, outRule, engine) => {
        const target = ps[pick % ps.length]!;
        fc.pre(governs(target, d));
        const before = verdicts(c, ps, engine);
        const grown = structuredClone(ps);
        const t = grown[pick % ps.length]!;
        t.spec[d] = [...(t.spec[d] ?? []), d === 'ingress' ? inRule : outRule];
        const after = verdicts(c, grown, engine);
        before.forEach((v, i) => {
          if (v === 'allow') expect(after[i]).toBe('allow');
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('a policy that selects no pod changes nothing', () => {
    fc.assert(
      fc.property(clusterArb, policiesArb, policyArb, engineArb, (c, ps, extra, engine) => {
        // Select nothing: a label no generated pod has, or a namespace with no pods.
        const idle: Pol = { ...extra, metadata: { name: 'idle', namespace: extra.metadata.namespace }, spec: { ...extra.spec, podSelector: { matchLabels: { app: 'nobody' } } } };
        const before = truthTable({ cluster: c, policies: toYaml(ps), ports: PORTS, engine }).cells;
        expect(truthTable({ cluster: c, policies: toYaml([...ps, idle]), ports: PORTS, engine }).cells).toEqual(before);
        const empty: Pol = { ...extra, metadata: { name: 'idle', namespace: 'empty' } };
        expect(truthTable({ cluster: c, policies: toYaml([...ps, empty]), ports: PORTS, engine }).cells).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('with no policies everything is allowed', () => {
    fc.assert(
      fc.property(clusterArb, engineArb, (c, engine) => {
        // Every generated pod declares the named port "http", so every cell resolves.
        expect(new Set(truthTable({ cluster: c, policies: '', ports: PORTS, engine }).cells.flat(2))).toEqual(new Set(['allow']));
      }),
      { numRuns: Math.min(RUNS, 20) },
    );
  });
});
