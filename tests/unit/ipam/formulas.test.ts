/**
 * The planner's formulas against the worked examples of the public pages
 * (numbers copied from the pages, not from the code's output).
 */
import { describe, expect, it } from 'vitest';
import { planCluster, type ClusterPlanInput } from '../../../src/lib/ipam';

const codes = (i: ClusterPlanInput) => planCluster(i).diagnostics.map((d) => d.code);
// A VNet that holds every subnet below and stays clear of the default service CIDR 10.0.0.0/16.
const base = { vnetCidrs: ['10.1.0.0/16'], serviceCidr: '10.2.0.0/16', dnsServiceIp: '10.2.0.10' };

describe('Azure CNI (node subnet): (n + 1) + ((n + 1) × maxPods)', () => {
  // learn.microsoft.com/azure/aks/configure-azure-cni, "Plan IP addressing":
  // "Example for a 50 node cluster: (51) + (51 * 30 (default)) = 1,581 (/21 or larger)"
  it('50 nodes × 30 pods needs 1,581 addresses: a /21 (2,043 usable) fits', () => {
    const p = planCluster({ ...base, plugin: 'azure', nodeSubnetCidr: '10.1.0.0/21', nodeCount: 50 });
    expect(p.nodeSubnet.required).toBe(1581);
    expect(p.nodeSubnet.usable).toBe(2043);
    expect(p.nodeSubnet.fits).toBe(true);
    expect(p.nodeSubnet.smallestFittingPrefix).toBe(21);
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
  it('… and a /22 (1,019 usable) does not', () => {
    const p = planCluster({ ...base, plugin: 'azure', nodeSubnetCidr: '10.1.0.0/22', nodeCount: 50 });
    expect(p.nodeSubnet.required).toBe(1581);
    expect(p.nodeSubnet.usable).toBe(1019);
    expect(p.nodeSubnet.fits).toBe(false);
    const d = p.diagnostics.find((x) => x.code === 'node-subnet-too-small');
    expect(d?.field).toBe('nodeSubnetCidr');
    expect(d?.message).toContain('1,581');
    expect(d?.message).toContain('/21');
  });
  // Same page: "Example for a 50 node cluster that also includes provision to scale up an
  // additional 10 nodes: (61) + (61 * 30 (default)) = 1,891 (/21 or larger)"
  it('60 nodes (50 + 10 scale-out) × 30 pods needs 1,891 addresses and still fits a /21', () => {
    const p = planCluster({ ...base, plugin: 'azure', nodeSubnetCidr: '10.1.0.0/21', nodeCount: 60 });
    expect(p.nodeSubnet.required).toBe(1891);
    expect(p.nodeSubnet.fits).toBe(true);
  });
  it('a larger max surge counts in both terms', () => {
    const p = planCluster({ ...base, plugin: 'azure', nodeSubnetCidr: '10.1.0.0/21', nodeCount: 50, maxSurge: 3 });
    expect(p.nodeSubnet.required).toBe(53 + 53 * 30);
  });
  // learn.microsoft.com training "Analyze decision criteria": "that same basic /24 subnet range
  // could only support a maximum of 8 nodes in the cluster" (251 usable ÷ 31 per node, no surge).
  it('a /24 holds 8 nodes of 30 pods without surge, 7 with one surge node', () => {
    expect(planCluster({ ...base, plugin: 'azure', nodeSubnetCidr: '10.1.0.0/24', nodeCount: 1, maxSurge: 0 }).maxNodeCount).toBe(8);
    expect(planCluster({ ...base, plugin: 'azure', nodeSubnetCidr: '10.1.0.0/24', nodeCount: 1 }).maxNodeCount).toBe(7);
  });
  it('maxPods defaults to 30', () => {
    expect(planCluster({ ...base, plugin: 'azure', nodeSubnetCidr: '10.1.0.0/21', nodeCount: 1 }).effective.maxPods).toBe(30);
  });
});

describe('Azure reserves five addresses in every subnet, whatever its size', () => {
  // Azure virtual network FAQ; azure-docs #38961/#81106: 10.0.0.128/26 reserves .128–.131 and .191.
  it.each([
    ['10.1.0.128/26', 59],
    ['10.1.0.0/24', 251],
    ['10.1.0.0/29', 3],
  ])('%s has %i usable addresses', (cidr, usable) => {
    const p = planCluster({ ...base, plugin: 'kubenet', nodeSubnetCidr: cidr, nodeCount: 1, podCidr: '192.168.0.0/16' });
    expect(p.nodeSubnet.usable).toBe(usable);
  });
});

describe('kubenet: nodes take node-subnet addresses, pods a /24 each from the pod CIDR', () => {
  // Training "Analyze decision criteria": "a simple /24 IP address range can support up to 251 nodes".
  it('a /24 node subnet holds 251 nodes without surge (250 with one surge node)', () => {
    const p = planCluster({ ...base, plugin: 'kubenet', nodeSubnetCidr: '10.1.0.0/24', nodeCount: 250, podCidr: '192.168.0.0/16' });
    expect(p.nodeSubnet.required).toBe(251);
    expect(p.nodeSubnet.fits).toBe(true);
    expect(p.limits.find((l) => l.name.startsWith('node subnet'))?.maxNodes).toBe(250);
  });
  it('a /16 pod CIDR covers 256 nodes (one /24 each), so 255 plus the surge node', () => {
    const p = planCluster({ ...base, plugin: 'kubenet', nodeSubnetCidr: '10.1.0.0/20', nodeCount: 10, podCidr: '192.168.0.0/16' });
    expect(p.podCidr?.nodesSupported).toBe(256);
    expect(p.maxNodeCount).toBe(255);
    expect(p.limits.find((l) => l.binding)?.name).toBe('pod CIDR 192.168.0.0/16');
  });
  it('the route table (400 routes) binds before a /15 pod CIDR does', () => {
    const p = planCluster({ ...base, plugin: 'kubenet', nodeSubnetCidr: '10.1.0.0/20', nodeCount: 10, podCidr: '192.168.0.0/15' });
    expect(p.podCidr?.nodesSupported).toBe(512);
    // 400 routes allow 400 nodes: a plan at the limit is valid (the surge node only warns)
    expect(p.maxNodeCount).toBe(400);
    expect(p.limits.find((l) => l.binding)?.name).toBe('kubenet route table');
  });
  it('defaults: maxPods 110, pod CIDR 10.244.0.0/16', () => {
    const p = planCluster({ ...base, plugin: 'kubenet', nodeSubnetCidr: '10.1.0.0/24', nodeCount: 3 });
    expect(p.effective.maxPods).toBe(110);
    expect(p.effective.podCidr).toBe('10.244.0.0/16');
  });
});

describe('Azure CNI Overlay', () => {
  it('node subnet holds nodes + surge only; maxPods defaults to 250', () => {
    const p = planCluster({ ...base, plugin: 'azure-overlay', nodeSubnetCidr: '10.1.0.0/24', nodeCount: 100, podCidr: '192.168.0.0/16' });
    expect(p.nodeSubnet.required).toBe(101);
    expect(p.effective.maxPods).toBe(250);
  });
  it('a /16 pod CIDR limits the cluster to 256 /24 blocks; a /13 is bound by the 5,000-node quota', () => {
    expect(planCluster({ ...base, plugin: 'azure-overlay', nodeSubnetCidr: '10.1.0.0/18', nodeCount: 3, podCidr: '192.168.0.0/16' }).maxNodeCount).toBe(255);
    const big = planCluster({ vnetCidrs: ['10.1.0.0/16'], serviceCidr: '10.2.0.0/16', dnsServiceIp: '10.2.0.10', plugin: 'azure-overlay', nodeSubnetCidr: '10.1.0.0/17', nodeCount: 3, podCidr: '100.64.0.0/10' });
    expect(big.podCidr?.nodesSupported).toBe(16384);
    expect(big.maxNodeCount).toBe(5000);
    expect(big.limits.find((l) => l.binding)?.name).toBe('AKS nodes per cluster');
  });
});

describe('Azure CNI with dynamic pod subnet', () => {
  it('node subnet: nodes + surge; pod subnet: (nodes + surge) × maxPods', () => {
    const p = planCluster({ ...base, plugin: 'azure-dynamic', nodeSubnetCidr: '10.1.0.0/24', podSubnetCidr: '10.1.16.0/20', nodeCount: 20, maxPods: 110 });
    expect(p.nodeSubnet.required).toBe(21);
    expect(p.podSubnet?.required).toBe(21 * 110);
    expect(p.podSubnet?.usable).toBe(4096 - 5);
    expect(p.podSubnet?.fits).toBe(true);
    // ⌊4,091 ÷ 110⌋ − 1 = 36
    expect(p.maxNodeCount).toBe(36);
    expect(codes({ ...base, plugin: 'azure-dynamic', nodeSubnetCidr: '10.1.0.0/24', podSubnetCidr: '10.1.16.0/20', nodeCount: 20 })).toContain('pod-subnet-batches');
  });
});

describe('maxNodeCount is the lowest limit', () => {
  it('planning exactly maxNodeCount nodes fits; one more does not', () => {
    const inputs: ClusterPlanInput[] = [
      { ...base, plugin: 'azure', nodeSubnetCidr: '10.1.0.0/22', nodeCount: 1 },
      { ...base, plugin: 'kubenet', nodeSubnetCidr: '10.1.0.0/26', nodeCount: 1, podCidr: '192.168.0.0/16' },
      { ...base, plugin: 'azure-overlay', nodeSubnetCidr: '10.1.0.0/24', nodeCount: 1, podCidr: '192.168.0.0/18' },
      { ...base, plugin: 'azure-dynamic', nodeSubnetCidr: '10.1.0.0/24', podSubnetCidr: '10.1.8.0/22', nodeCount: 1, maxPods: 50 },
    ];
    const sizing = ['node-subnet-too-small', 'pod-subnet-too-small', 'pod-cidr-too-small', 'node-limit'];
    for (const i of inputs) {
      const max = planCluster(i).maxNodeCount;
      expect(max).toBeGreaterThan(0);
      expect(codes({ ...i, nodeCount: max }).filter((c) => sizing.includes(c))).toEqual([]);
      expect(codes({ ...i, nodeCount: max + 1 }).some((c) => sizing.includes(c))).toBe(true);
    }
  });
});
