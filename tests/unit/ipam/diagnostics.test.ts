/**
 * Every planner diagnostic code: a case that raises it and a near miss that does not.
 * The rules come from the pages in src/lib/ipam/sources.ts; the cases are built by hand.
 */
import { describe, expect, it } from 'vitest';
import { planCluster, type ClusterPlanInput } from '../../../src/lib/ipam';

// A clean Overlay plan: every case below changes one thing.
const ok: ClusterPlanInput = {
  plugin: 'azure-overlay',
  vnetCidrs: ['10.1.0.0/16'],
  nodeSubnetCidr: '10.1.0.0/24',
  podCidr: '192.168.0.0/16',
  serviceCidr: '10.2.0.0/16',
  dnsServiceIp: '10.2.0.10',
  nodeCount: 3,
};
const dynamicOk: ClusterPlanInput = { ...ok, plugin: 'azure-dynamic', podCidr: undefined, podSubnetCidr: '10.1.16.0/20', maxPods: 30 };

const find = (i: ClusterPlanInput, code: string) => planCluster(i).diagnostics.filter((d) => d.code === code);

const cases: { code: string; field?: string; raises: ClusterPlanInput; nearMiss: ClusterPlanInput }[] = [
  { code: 'invalid-cidr', field: 'nodeSubnetCidr', raises: { ...ok, nodeSubnetCidr: '10.1.0.1/24' }, nearMiss: { ...ok, nodeSubnetCidr: '10.1.0.0/24' } },
  { code: 'invalid-cidr', field: 'vnetCidrs[1]', raises: { ...ok, vnetCidrs: ['10.1.0.0/16', '10.300.0.0/16'] }, nearMiss: { ...ok, vnetCidrs: ['10.1.0.0/16', '10.3.0.0/16'] } },
  { code: 'invalid-ip', field: 'dnsServiceIp', raises: { ...ok, dnsServiceIp: '10.2.0.256' }, nearMiss: { ...ok, dnsServiceIp: '10.2.0.255' } },
  { code: 'node-subnet-outside-vnet', field: 'nodeSubnetCidr', raises: { ...ok, nodeSubnetCidr: '10.3.0.0/24' }, nearMiss: { ...ok, nodeSubnetCidr: '10.1.255.0/24' } },
  { code: 'pod-subnet-outside-vnet', field: 'podSubnetCidr', raises: { ...dynamicOk, podSubnetCidr: '10.3.0.0/20' }, nearMiss: { ...dynamicOk, podSubnetCidr: '10.1.240.0/20' } },
  // Azure CNI: (3 + 1) × (1 + 30) = 124 addresses; a /25 has 123 usable, a /24 251.
  { code: 'node-subnet-too-small', field: 'nodeSubnetCidr', raises: { ...ok, plugin: 'azure', podCidr: undefined, nodeSubnetCidr: '10.1.0.0/25' }, nearMiss: { ...ok, plugin: 'azure', podCidr: undefined, nodeSubnetCidr: '10.1.0.0/24', nodeCount: 3 } },
  // (3 + 1) × 30 = 120 pod addresses; a /25 has 123 usable, a /26 59.
  { code: 'pod-subnet-too-small', field: 'podSubnetCidr', raises: { ...dynamicOk, podSubnetCidr: '10.1.16.0/26' }, nearMiss: { ...dynamicOk, podSubnetCidr: '10.1.16.0/25' } },
  // /22 = 4 /24 blocks: 3 nodes + 1 surge fit, 4 + 1 do not.
  { code: 'pod-cidr-too-small', field: 'podCidr', raises: { ...ok, podCidr: '192.168.0.0/22', nodeCount: 4 }, nearMiss: { ...ok, podCidr: '192.168.0.0/22', nodeCount: 3 } },
  { code: 'service-cidr-overlap', field: 'serviceCidr', raises: { ...ok, serviceCidr: '10.1.128.0/20', dnsServiceIp: '10.1.128.10' }, nearMiss: { ...ok, serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.10' } },
  { code: 'service-cidr-overlap', field: 'serviceCidr', raises: { ...ok, serviceCidr: '192.168.128.0/20', dnsServiceIp: '192.168.128.10' }, nearMiss: { ...ok, serviceCidr: '192.169.0.0/20', dnsServiceIp: '192.169.0.10' } },
  { code: 'pod-cidr-overlap', field: 'podCidr', raises: { ...ok, podCidr: '10.1.0.0/16' }, nearMiss: { ...ok, podCidr: '10.4.0.0/16' } },
  { code: 'pod-cidr-overlap', field: 'podCidr', raises: { ...ok, otherCidrs: [{ name: 'on-premises', cidr: '192.168.10.0/24' }] }, nearMiss: { ...ok, otherCidrs: [{ name: 'on-premises', cidr: '172.16.0.0/24' }] } },
  { code: 'subnet-overlap', field: 'podSubnetCidr', raises: { ...dynamicOk, podSubnetCidr: '10.1.0.0/20' }, nearMiss: { ...dynamicOk, podSubnetCidr: '10.1.16.0/20' } },
  { code: 'subnet-overlap', field: 'otherCidrs[0].cidr', raises: { ...ok, otherCidrs: [{ name: 'subnet db', cidr: '10.1.0.128/25' }] }, nearMiss: { ...ok, otherCidrs: [{ name: 'subnet db', cidr: '10.1.1.0/25' }] } },
  { code: 'forbidden-range', field: 'podCidr', raises: { ...ok, podCidr: '172.30.0.0/16' }, nearMiss: { ...ok, podCidr: '172.29.0.0/16' } },
  { code: 'forbidden-range', field: 'serviceCidr', raises: { ...ok, serviceCidr: '192.0.2.0/24', dnsServiceIp: '192.0.2.10' }, nearMiss: { ...ok, serviceCidr: '192.0.3.0/24', dnsServiceIp: '192.0.3.10' } },
  { code: 'forbidden-range', field: 'vnetCidrs[0]', raises: { ...ok, vnetCidrs: ['169.254.0.0/16'], nodeSubnetCidr: '169.254.0.0/24' }, nearMiss: { ...ok, vnetCidrs: ['169.253.0.0/16'], nodeSubnetCidr: '169.253.0.0/24' } },
  // /11 has 21 host bits (refused by Kubernetes); /13 is fine; /12 is the docs' warning case (below).
  { code: 'service-cidr-too-large', field: 'serviceCidr', raises: { ...ok, serviceCidr: '100.64.0.0/11', dnsServiceIp: '100.64.0.10' }, nearMiss: { ...ok, serviceCidr: '100.64.0.0/13', dnsServiceIp: '100.64.0.10' } },
  { code: 'dns-ip-outside-service-cidr', field: 'dnsServiceIp', raises: { ...ok, dnsServiceIp: '10.3.0.10' }, nearMiss: { ...ok, dnsServiceIp: '10.2.255.254' } },
  { code: 'dns-ip-reserved', field: 'dnsServiceIp', raises: { ...ok, dnsServiceIp: '10.2.0.1' }, nearMiss: { ...ok, dnsServiceIp: '10.2.0.2' } },
  { code: 'dns-ip-reserved', field: 'dnsServiceIp', raises: { ...ok, dnsServiceIp: '10.2.0.0' }, nearMiss: { ...ok, dnsServiceIp: '10.2.0.3' } },
  { code: 'max-pods-out-of-range', field: 'maxPods', raises: { ...ok, maxPods: 251 }, nearMiss: { ...ok, maxPods: 250 } },
  { code: 'max-pods-out-of-range', field: 'maxPods', raises: { ...ok, maxPods: 9 }, nearMiss: { ...ok, maxPods: 10 } },
  // maxPods 10 needs room for 30 pods in the pool: 2 nodes × 10 = 20 is refused, 3 × 10 = 30 passes.
  { code: 'max-pods-out-of-range', field: 'maxPods', raises: { ...ok, maxPods: 10, nodeCount: 2 }, nearMiss: { ...ok, maxPods: 10, nodeCount: 3 } },
  { code: 'node-limit', field: 'nodeCount', raises: { ...ok, plugin: 'kubenet', nodeSubnetCidr: '10.1.0.0/20', podCidr: '192.168.0.0/15', nodeCount: 401 }, nearMiss: { ...ok, plugin: 'kubenet', nodeSubnetCidr: '10.1.0.0/20', podCidr: '192.168.0.0/15', nodeCount: 400 } },
  { code: 'node-limit', field: 'nodeCount', raises: { ...ok, nodeSubnetCidr: '10.1.0.0/17', podCidr: '100.64.0.0/10', nodeCount: 5001 }, nearMiss: { ...ok, nodeSubnetCidr: '10.1.0.0/17', podCidr: '100.64.0.0/10', nodeCount: 1000 } },
  { code: 'option-not-applicable', field: 'podCidr', raises: { ...ok, plugin: 'azure', podCidr: '192.168.0.0/16' }, nearMiss: { ...ok, plugin: 'azure', podCidr: undefined } },
  { code: 'option-not-applicable', field: 'podSubnetCidr', raises: { ...ok, podSubnetCidr: '10.1.16.0/20' }, nearMiss: { ...dynamicOk } },
  { code: 'option-not-applicable', field: 'dataplane', raises: { ...ok, plugin: 'kubenet', dataplane: 'cilium' }, nearMiss: { ...ok, dataplane: 'cilium' } },
  { code: 'invalid-plugin', field: 'plugin', raises: { ...ok, plugin: 'calico' as never }, nearMiss: ok },
  { code: 'invalid-number', field: 'nodeCount', raises: { ...ok, nodeCount: 2.5 }, nearMiss: { ...ok, nodeCount: 2 } },
  { code: 'missing-field', field: 'podSubnetCidr', raises: { ...dynamicOk, podSubnetCidr: undefined }, nearMiss: dynamicOk },
];

describe('planner diagnostics', () => {
  for (const c of cases) {
    it(`${c.code} on ${c.field}: raised, and not raised by the near miss`, () => {
      const hits = find(c.raises, c.code);
      expect(hits.length).toBeGreaterThan(0);
      if (c.field) expect(hits.map((h) => h.field)).toContain(c.field);
      expect(find(c.nearMiss, c.code).filter((h) => !c.field || h.field === c.field)).toEqual([]);
    });
  }

  it('every required code is covered above', () => {
    const required = [
      'invalid-cidr', 'invalid-ip', 'node-subnet-outside-vnet', 'pod-subnet-outside-vnet', 'node-subnet-too-small',
      'pod-subnet-too-small', 'pod-cidr-too-small', 'service-cidr-overlap', 'pod-cidr-overlap', 'subnet-overlap',
      'forbidden-range', 'service-cidr-too-large', 'dns-ip-outside-service-cidr', 'dns-ip-reserved',
      'max-pods-out-of-range', 'node-limit', 'option-not-applicable',
    ];
    expect(required.filter((r) => !cases.some((c) => c.code === r))).toEqual([]);
  });

  it('the clean plans raise no error or warning', () => {
    for (const i of [ok, dynamicOk]) expect(planCluster(i).diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('a /12 service CIDR is accepted by Kubernetes but warned about (AKS docs: "smaller than /12")', () => {
    const d = find({ ...ok, serviceCidr: '100.64.0.0/12', dnsServiceIp: '100.64.0.10' }, 'service-cidr-too-large');
    expect(d.map((x) => x.severity)).toEqual(['warning']);
  });

  it('the service CIDR inside the VNet but outside every subnet still overlaps (the seed article\'s case)', () => {
    const d = find({ ...ok, plugin: 'kubenet', vnetCidrs: ['10.0.0.0/8'], nodeSubnetCidr: '10.100.0.0/16', serviceCidr: '10.32.0.0/16', dnsServiceIp: '10.32.0.10', podCidr: '192.168.0.0/16' }, 'service-cidr-overlap');
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain('10.0.0.0/8');
    expect(d[0]!.message).toContain('not inside the cluster subnet');
  });

  it('the default service CIDR 10.0.0.0/16 collides with a 10.0.0.0/16 VNet', () => {
    const d = find({ ...ok, vnetCidrs: ['10.0.0.0/16'], nodeSubnetCidr: '10.0.1.0/24', serviceCidr: undefined, dnsServiceIp: undefined }, 'service-cidr-overlap');
    expect(d.length).toBeGreaterThan(0);
  });

  it('never throws on hostile input', () => {
    const bad = [null, undefined, 42, 'x', { plugin: 'azure', vnetCidrs: 'nope', nodeSubnetCidr: 7, nodeCount: -1, otherCidrs: [null, { cidr: 5 }] }];
    for (const b of bad) {
      const p = planCluster(b as never);
      expect(Array.isArray(p.diagnostics)).toBe(true);
      expect(p.diagnostics.length).toBeGreaterThan(0);
    }
  });
});
