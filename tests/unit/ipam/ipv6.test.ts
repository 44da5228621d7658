/**
 * Dual-stack plans: only Azure CNI Overlay ("Azure CNI Overlay is required",
 * learn.microsoft.com/azure/aks/configure-dual-stack; the kubenet dual-stack page was removed
 * on 2025-03-10). Ranges are written "IPv4,IPv6" as az's --pod-cidrs takes them.
 */
import { describe, expect, it } from 'vitest';
import { planCluster, type ClusterPlanInput } from '../../../src/lib/ipam';

const dual: ClusterPlanInput = {
  plugin: 'azure-overlay',
  vnetCidrs: ['10.1.0.0/16', 'fd00:1::/48'],
  nodeSubnetCidr: '10.1.0.0/24,fd00:1:0:1::/64',
  podCidr: '192.168.0.0/16,fd12:3456:789a::/64',
  serviceCidr: '10.2.0.0/16,fd00:2::/108',
  dnsServiceIp: '10.2.0.10',
  nodeCount: 10,
};
const codes = (i: ClusterPlanInput) => planCluster(i).diagnostics.map((d) => d.code);

describe('dual-stack', () => {
  it('a clean dual-stack Overlay plan has no errors and sizes both subnet families', () => {
    const p = planCluster(dual);
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(p.nodeSubnet.cidr).toBe('10.1.0.0/24');
    expect(p.nodeSubnet.usable).toBe(251);
    expect(p.ranges.filter((r) => r.family === 6).map((r) => r.kind).sort()).toEqual(['node-subnet', 'pod-cidr', 'service-cidr', 'vnet']);
    // an IPv6 /64 subnet: 2^64 − 5 usable
    expect(p.ranges.find((r) => r.kind === 'node-subnet' && r.family === 6)?.size).toBe('18,446,744,073,709,551,616');
  });
  it('an IPv6 pod CIDR inside the VNet IPv6 space overlaps it', () => {
    const d = planCluster({ ...dual, podCidr: '192.168.0.0/16,fd00:1:0:ff::/64' }).diagnostics.filter((x) => x.code === 'pod-cidr-overlap');
    expect(d.map((x) => x.message).join(' ')).toContain('fd00:1::/48');
  });
  it('an IPv6 service range over 20 host bits is refused (/107), /108 is fine', () => {
    expect(codes({ ...dual, serviceCidr: '10.2.0.0/16,fd00:2::/107' })).toContain('service-cidr-too-large');
    expect(codes(dual)).not.toContain('service-cidr-too-large');
  });
  it('an IPv6 node subnet outside the VNet IPv6 space', () => {
    expect(codes({ ...dual, nodeSubnetCidr: '10.1.0.0/24,fd00:9:0:1::/64' })).toContain('node-subnet-outside-vnet');
  });
  it('IPv6-only pod addressing is not supported', () => {
    expect(codes({ ...dual, podCidr: 'fd12:3456:789a::/64' })).toContain('ipv6-only');
    expect(codes(dual)).not.toContain('ipv6-only');
  });
  it('dual-stack kubenet is refused: dual-stack needs Azure CNI Overlay', () => {
    const p = planCluster({ ...dual, plugin: 'kubenet', podCidr: '192.168.0.0/15,fd12:3456:789a::/64', nodeSubnetCidr: '10.1.0.0/20,fd00:1:0:1::/64', nodeCount: 10 });
    const d = p.diagnostics.find((x) => x.code === 'option-not-applicable');
    expect(d?.severity).toBe('error');
    expect(d?.field).toBe('podCidr');
    expect(d?.message).toContain('Azure CNI Overlay is required');
    // the route table no longer halves for a second family: kubenet has no dual-stack mode
    expect(p.limits.find((l) => l.name === 'kubenet route table')?.maxNodes).toBe(400);
  });
  it('dual-stack with Azure CNI node subnet or pod subnet is refused too', () => {
    const d = planCluster({ ...dual, plugin: 'azure', podCidr: undefined }).diagnostics.find((x) => x.code === 'option-not-applicable');
    expect(d?.severity).toBe('error');
    expect(d?.field).toBe('nodeSubnetCidr');
    expect(codes(dual)).not.toContain('option-not-applicable');
  });
  it('a pair must be one IPv4 and one IPv6 range', () => {
    expect(codes({ ...dual, podCidr: '192.168.0.0/16,172.16.0.0/16' })).toContain('invalid-cidr');
  });
  it('the DNS service IP may be IPv6 inside the IPv6 service range', () => {
    expect(codes({ ...dual, dnsServiceIp: 'fd00:2::a' }).filter((c) => c.startsWith('dns-'))).toEqual([]);
    expect(codes({ ...dual, dnsServiceIp: 'fd00:2::1' })).toContain('dns-ip-reserved');
    expect(codes({ ...dual, dnsServiceIp: 'fd00:3::a' })).toContain('dns-ip-outside-service-cidr');
  });
});
