/**
 * Every probe of the public vectors (tests/vectors/netpol-cases.json, copied unchanged from
 * ../shared/vectors with their sources) through evaluateTraffic under the default engine.
 * Probes marked depends_on "ipBlock-matches-pod-IP" must also flip under the Cilium engine
 * (AKS docs: ipBlock can't select pod or node IPs), and only those probes may.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateTraffic, type Cluster, type Protocol, type Traffic } from '../../../src/lib/netpol';

interface Probe {
  from: string | { ip: string };
  to: string | { ip: string };
  port: number;
  protocol: Protocol;
  expected: 'allow' | 'deny';
  evidence: string;
  depends_on?: string;
}
interface Case {
  id: string;
  name: string;
  source: string;
  namespaces: Cluster['namespaces'];
  pods: Cluster['pods'];
  policies: string;
  probes: Probe[];
}

const cases = JSON.parse(readFileSync(new URL('../../vectors/netpol-cases.json', import.meta.url), 'utf8')) as Case[];

const traffic = (c: Case): Traffic[] => c.probes.map((p) => ({ from: p.from, to: p.to, port: p.port, protocol: p.protocol }));
const name = (e: string | { ip: string }) => (typeof e === 'string' ? e : e.ip);

describe('netpol vectors (default engine)', () => {
  it('has the expected number of cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(59);
  });
  for (const c of cases) {
    it(`${c.id}: ${c.name}`, () => {
      const { results, diagnostics } = evaluateTraffic({ cluster: { namespaces: c.namespaces, pods: c.pods }, policies: c.policies, traffic: traffic(c) });
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(results).toHaveLength(c.probes.length);
      c.probes.forEach((p, i) => {
        const r = results[i]!;
        expect(r.verdict, `${name(p.from)} -> ${name(p.to)} ${p.port}/${p.protocol} (${p.evidence})\n${r.explanation}`).toBe(p.expected);
        // The overall verdict is the AND of both sides.
        expect(r.verdict === 'allow').toBe(r.egress.verdict === 'allow' && r.ingress.verdict === 'allow');
      });
    });
  }
});

describe('netpol vectors under the Cilium engine (ipBlock cannot select pod IPs)', () => {
  const dependent = cases.filter((c) => c.probes.some((p) => p.depends_on === 'ipBlock-matches-pod-IP'));
  it('covers the probes the spec lists (e2e-35, e2e-36, pa-02, antrea-04)', () => {
    expect(dependent.map((c) => c.id)).toEqual(expect.arrayContaining(['e2e-35', 'e2e-36-1-cidr-with-except', 'pa-02', 'antrea-04']));
  });
  for (const c of dependent) {
    it(`${c.id}: only the depends_on probes flip`, () => {
      const { results } = evaluateTraffic({ cluster: { namespaces: c.namespaces, pods: c.pods }, policies: c.policies, traffic: traffic(c), engine: 'cilium' });
      c.probes.forEach((p, i) => {
        const expected = p.depends_on === 'ipBlock-matches-pod-IP' ? (p.expected === 'allow' ? 'deny' : 'allow') : p.expected;
        expect(results[i]!.verdict, `${name(p.from)} -> ${name(p.to)}`).toBe(expected);
      });
    });
  }
});
