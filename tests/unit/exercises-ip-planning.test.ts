/**
 * IP-planning exercises: per exercise, a differently written correct answer passes and
 * plausible wrong answers fail, with a reason that names the problem. Expected numbers
 * are worked out by hand from the documented formulas (learn.microsoft.com/azure/aks/
 * concepts-network-ip-address-planning, configure-azure-cni), not taken from the code.
 */
import { describe, expect, it } from 'vitest';
import { exerciseById, type Exercise } from '../../src/lib/exercises';

const ex = (id: string): Exercise => {
  const e = exerciseById(id);
  if (!e) throw new Error(`no exercise ${id}`);
  return e;
};
const plan = (e: Exercise, from: string, to: string): Record<string, string> => {
  expect(e.start.plan, `start has "${from}"`).toContain(from);
  return { plan: e.start.plan!.replace(from, to) };
};

describe('size-node-subnet: Azure CNI, 40 nodes × 50 pods, surge 2, VNet 10.10.0.0/16', () => {
  const e = ex('size-node-subnet');
  const SUBNET = 'nodeSubnetCidr: 10.10.0.0/22';
  // (40 + 2) × (1 + 50) = 2,142 needed; /21 = 2,043 usable (too small), /20 = 4,091 (smallest that fits)

  it('any /20 inside the VNet passes, however the plan is written', () => {
    const r = e.check(plan(e, SUBNET, 'nodeSubnetCidr: 10.10.240.0/20'));
    expect(r.pass, r.reason).toBe(true);
    const rewritten = `dnsServiceIp: 10.2.0.10
serviceCidr: 10.2.0.0/16
maxSurge: 2
maxPods: 50
nodeCount: 40
nodeSubnetCidr: "10.10.16.0/20"
vnetCidrs:
  - 10.10.0.0/16
plugin: azure
`;
    expect(e.check({ plan: rewritten }).pass).toBe(true);
  });

  it('a /21 fails: it holds 40 × 51 = 2,040 but not the surge nodes (2,142)', () => {
    const r = e.check(plan(e, SUBNET, 'nodeSubnetCidr: 10.10.0.0/21'));
    expect(r.pass).toBe(false);
    expect(r.reason).toContain('2,142');
    expect(r.reason).toContain('2,043');
  });

  it('a /19 fits but is not the smallest: fails, saying a /20 is enough', () => {
    const r = e.check(plan(e, SUBNET, 'nodeSubnetCidr: 10.10.0.0/19'));
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/larger than needed.*\/20/);
  });

  it('a /20 outside the VNet fails', () => {
    expect(e.check(plan(e, SUBNET, 'nodeSubnetCidr: 10.20.0.0/20')).pass).toBe(false);
  });

  it('shrinking the problem fails with the field named: fewer nodes, less surge, fewer pods', () => {
    const fewer = e.check({ plan: e.start.plan!.replace('nodeCount: 40', 'nodeCount: 30').replace(SUBNET, 'nodeSubnetCidr: 10.10.0.0/21') });
    expect(fewer.pass).toBe(false);
    expect(fewer.details?.join(' ')).toMatch(/nodeCount is 30.*40/);
    const noSurge = e.check({ plan: e.start.plan!.replace('maxSurge: 2\n', '').replace(SUBNET, 'nodeSubnetCidr: 10.10.0.0/21') });
    expect(noSurge.pass).toBe(false);
    expect(noSurge.details?.join(' ')).toMatch(/maxSurge is 1.*2/);
    const pods = e.check({ plan: e.start.plan!.replace('maxPods: 50', 'maxPods: 30') });
    expect(pods.pass).toBe(false);
    expect(pods.details?.join(' ')).toContain('maxPods');
  });
});

describe('script-conflicting-range: the seed-style script, service CIDR 10.32.0.0/16 inside the VNet 10.0.0.0/8', () => {
  const e = ex('script-conflicting-range');
  const SVC = '--service-cidr 10.32.0.0/16 \\\n    --dns-service-ip 10.32.0.10';
  const edit = (to: string) => {
    expect(e.start.script).toContain(SVC);
    return { script: e.start.script!.replace(SVC, to) };
  };

  it('another range outside the VNet, written with --flag=value, passes', () => {
    const r = e.check(edit('--service-cidr=172.20.0.0/16 \\\n    --dns-service-ip=172.20.0.53'));
    expect(r.pass, r.reason).toBe(true);
  });

  it('a range still inside 10.0.0.0/8 fails with the overlap', () => {
    const r = e.check(edit('--service-cidr 10.33.0.0/16 \\\n    --dns-service-ip 10.33.0.10'));
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/10\.33\.0\.0\/16.*10\.0\.0\.0\/8/);
  });

  it('moving the service CIDR but not the DNS service IP fails on the DNS IP', () => {
    const r = e.check(edit('--service-cidr 172.16.0.0/16 \\\n    --dns-service-ip 10.32.0.10'));
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/DNS service IP 10\.32\.0\.10 is not inside/);
  });

  it('a DNS service IP the script does not give (an unset variable) fails instead of skipping the check', () => {
    const r = e.check(edit('--service-cidr 172.16.0.0/16 \\\n    --dns-service-ip $DNS_IP'));
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/DNS service IP/);
  });

  it('a reserved range (172.30.0.0/16) fails', () => {
    expect(e.check(edit('--service-cidr 172.30.0.0/16 \\\n    --dns-service-ip 172.30.0.10')).pass).toBe(false);
  });

  it('dropping --service-cidr leaves the default 10.0.0.0/16, which is in the VNet: fails', () => {
    expect(e.check(edit('--generate-ssh-keys')).pass).toBe(false);
  });

  it('changing the network instead of the range fails: smaller VNet, no subnet, no cluster', () => {
    const vnet = e.check({ script: e.start.script!.replace('--address-prefixes 10.0.0.0/8', '--address-prefixes 10.100.0.0/16') });
    expect(vnet.pass).toBe(false);
    expect(vnet.details?.join(' ')).toContain('10.0.0.0/8');
    const noSubnet = e.check({ script: e.start.script!.replace('--vnet-subnet-id $SUBNET_ID \\\n', '') });
    expect(noSubnet.pass).toBe(false);
    expect(noSubnet.details?.join(' ')).toContain('myAKSVnet/myAKSSubnet');
    const noCluster = e.check({ script: e.start.script!.slice(0, e.start.script!.indexOf('az aks create')) });
    expect(noCluster.pass).toBe(false);
    expect(noCluster.reason).toMatch(/no longer creates the cluster/);
  });
});

describe('choose-plugin-for-scale: 1,000 nodes × 100 pods, node subnet /20, VNet /16', () => {
  const e = ex('choose-plugin-for-scale');
  const withPlugin = (lines: string) => ({ plan: e.start.plan!.replace('plugin: azure\n', lines) });

  it('Overlay with Cilium and another large pod CIDR passes', () => {
    const r = e.check(withPlugin('plugin: azure-overlay\ndataplane: cilium\npodCidr: 192.168.0.0/14\n'));
    expect(r.pass, r.reason).toBe(true);
    expect(e.check(withPlugin('plugin: azure-overlay\npodCidr: 100.64.0.0/10\n')).pass).toBe(true);
  });

  it('Overlay with the default /16 pod CIDR fails: 256 /24 blocks for 1,001 nodes', () => {
    const r = e.check(withPlugin('plugin: azure-overlay\n'));
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/10\.244\.0\.0\/16.*256/);
  });

  it('kubenet fails on its 400-route limit even with a large pod CIDR', () => {
    const r = e.check(withPlugin('plugin: kubenet\npodCidr: 10.128.0.0/14\n'));
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/400/);
  });

  it('flat Azure CNI and a pod subnet fail: (1,000 + 1) × 101 VNet addresses', () => {
    expect(e.check(e.start).pass).toBe(false);
    const dyn = e.check(withPlugin('plugin: azure-dynamic\npodSubnetCidr: 10.10.16.0/20\n'));
    expect(dyn.pass).toBe(false);
  });

  it('lowering the node count or widening the node subnet fails on the constraint', () => {
    const fewer = e.check({ plan: e.solution.plan!.replace('nodeCount: 1000', 'nodeCount: 300') });
    expect(fewer.pass).toBe(false);
    expect(fewer.details?.join(' ')).toMatch(/nodeCount is 300/);
    const wider = e.check({ plan: e.start.plan!.replace('nodeSubnetCidr: 10.10.0.0/20', 'nodeSubnetCidr: 10.10.0.0/16') });
    expect(wider.pass).toBe(false);
    expect(wider.details?.join(' ')).toContain('nodeSubnetCidr');
  });
});

describe('fix-dns-service-ip: service CIDR 10.2.0.0/16, DNS IP left at 10.0.0.10', () => {
  const e = ex('fix-dns-service-ip');
  const DNS = 'dnsServiceIp: 10.0.0.10';

  it('another usable address of the service CIDR passes', () => {
    const r = e.check(plan(e, DNS, 'dnsServiceIp: "10.2.255.53"'));
    expect(r.pass, r.reason).toBe(true);
  });

  it('the first address (.1, the kubernetes API Service) and the network address fail', () => {
    const first = e.check(plan(e, DNS, 'dnsServiceIp: 10.2.0.1'));
    expect(first.pass).toBe(false);
    expect(first.reason).toMatch(/first address/);
    expect(e.check(plan(e, DNS, 'dnsServiceIp: 10.2.0.0')).pass).toBe(false);
  });

  it('an address of the VNet, not of the service CIDR, fails', () => {
    const r = e.check(plan(e, DNS, 'dnsServiceIp: 10.1.0.10'));
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/not inside the service CIDR/);
  });

  it('moving the service CIDR back around the old DNS IP fails on the constraint; no DNS IP fails', () => {
    const moved = e.check(plan(e, 'serviceCidr: 10.2.0.0/16', 'serviceCidr: 10.0.0.0/16'));
    expect(moved.pass).toBe(false);
    expect(moved.details?.join(' ')).toContain('serviceCidr');
    expect(e.check(plan(e, DNS, '')).pass).toBe(false);
  });
});
