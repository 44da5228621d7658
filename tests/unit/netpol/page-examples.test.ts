/**
 * The playgrounds of the Network policies page run without errors and show what the page's
 * prose says they show (each expectation quotes the claim it checks).
 */
import { playgroundsIn } from '../mdx-playgrounds';
import { describe, expect, it } from 'vitest';
import tool from '../../../src/components/tools/netpol';
import { parseQuery } from '../../../src/lib/netpol';
import { buildModel, decide } from '../../../src/lib/netpol/model';
import { parseClusterText } from '../../../src/lib/netpol/cluster';

const playgrounds = new Map(
  playgroundsIn('src/content/docs/network-policies/network-policies.mdx')
    .filter((p) => p.tool === 'netpol')
    .map((p) => [p.id, p.inputs]),
);

/** Verdicts of the query's connections, as "label: verdict". */
function verdicts(id: string, queryOverride?: string): Record<string, string> {
  const inputs = { ...tool.example, ...playgrounds.get(id)! };
  const q = parseQuery(queryOverride ?? inputs.query!);
  const m = buildModel(parseClusterText(inputs.cluster!).cluster, inputs.policies!, q.engine);
  return Object.fromEntries(q.traffic.map(({ traffic }) => {
    const r = decide(m, traffic).result;
    return [r.label, r.verdict];
  }));
}
const codes = (id: string) => tool.run({ ...tool.example, ...playgrounds.get(id)! }).diagnostics.map((d) => d.code);

describe('Network policies page examples', () => {
  it('has the examples the page teaches, with unique ids', () => {
    expect([...playgrounds.keys()]).toEqual(['default-deny', 'allow-frontend-mistake', 'allow-from-namespace', 'peers-and', 'peers-or', 'egress-dns', 'ipblock', 'ipblock-pods', 'ports']);
  });
  for (const [id, inputs] of playgrounds) {
    it(`${id} runs without errors`, () => {
      const out = tool.run({ ...tool.example, ...inputs });
      expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
  }
  it('default deny: api accepts nothing, web still does', () => {
    expect(verdicts('default-deny')).toEqual({ 'frontend/web -> backend/api 8080/TCP': 'deny', 'backend/api -> frontend/web 80/TCP': 'allow' });
  });
  it('podSelector alone: web in another namespace is denied', () => {
    expect(verdicts('allow-frontend-mistake')).toEqual({ 'frontend/web -> backend/api 8080/TCP': 'deny' });
  });
  it('namespaces: web on 8080 and monitoring on metrics, nothing else', () => {
    expect(verdicts('allow-from-namespace')).toEqual({
      'frontend/web -> backend/api 8080/TCP': 'allow',
      'monitoring/prometheus -> backend/api 9090/TCP': 'allow',
      'frontend/web -> backend/api 9090/TCP': 'deny',
    });
  });
  it('AND admits only prometheus; OR ("with the extra dash, grafana gets in") admits grafana too, and is flagged', () => {
    expect(verdicts('peers-and')).toEqual({ 'monitoring/prometheus -> backend/api 9090/TCP': 'allow', 'monitoring/grafana -> backend/api 9090/TCP': 'deny' });
    expect(verdicts('peers-or')).toEqual({ 'monitoring/prometheus -> backend/api 9090/TCP': 'allow', 'monitoring/grafana -> backend/api 9090/TCP': 'allow' });
    expect(codes('peers-or')).toContain('peers-or-not-and');
    expect(codes('peers-and')).not.toContain('peers-or-not-and');
  });
  it('egress without DNS: flagged dns-blocked; fixed by the commented rule', () => {
    expect(verdicts('egress-dns')).toEqual({
      'frontend/web -> backend/api 8080/TCP': 'allow',
      'frontend/web -> kube-system/coredns 53/UDP': 'deny',
      'frontend/web -> 203.0.113.7 443/TCP': 'deny',
    });
    expect(codes('egress-dns')).toContain('dns-blocked');
    const fixed = playgrounds.get('egress-dns')!.policies!.replace(/^#(?! Uncomment)/gm, '');
    const out = tool.run({ ...tool.example, ...playgrounds.get('egress-dns')!, policies: fixed });
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(out.diagnostics.map((d) => d.code)).not.toContain('dns-blocked');
  });
  it('ipBlock with except', () => {
    expect(verdicts('ipblock')).toEqual({
      '203.0.113.7 -> frontend/web 80/TCP': 'allow',
      '203.0.113.200 -> frontend/web 80/TCP': 'deny',
      '198.51.100.1 -> frontend/web 80/TCP': 'deny',
      'backend/api -> frontend/web 80/TCP': 'deny',
    });
  });
  it('ipBlock holding pod IPs: allowed by default, flipped under engine: cilium', () => {
    const q = playgrounds.get('ipblock-pods')!.query!;
    expect(verdicts('ipblock-pods')['frontend/web -> backend/api 8080/TCP']).toBe('allow');
    expect(verdicts('ipblock-pods', q.replace('engine: kubernetes', 'engine: cilium'))['frontend/web -> backend/api 8080/TCP']).toBe('deny');
    expect(verdicts('ipblock-pods', q.replace('engine: kubernetes', 'engine: cilium'))['frontend/web -> 10.244.200.1 443/TCP']).toBe('allow');
    expect(codes('ipblock-pods')).toContain('ipblock-includes-pod-ips');
  });
  it('ports: named port, range, protocol; azure-npm collapses the range', () => {
    expect(verdicts('ports')).toEqual({
      'frontend/web -> backend/api 8080/TCP': 'allow',
      'frontend/web -> backend/api 9090/TCP': 'allow',
      'frontend/web -> backend/api 9090/UDP': 'deny',
    });
    const npm = verdicts('ports', playgrounds.get('ports')!.query!.replace('engine: kubernetes', 'engine: azure-npm'));
    expect(npm['frontend/web -> backend/api 9090/TCP']).toBe('deny');
  });
});
