/**
 * The az script checker: the seed article's script, the diagnostics the checker adds on
 * top of the planner's (each raised and a near miss), and position mapping.
 */
import { describe, expect, it } from 'vitest';
import { checkAzScript } from '../../../src/lib/azcli';
import { SEED } from './seed';


const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const codes = (t: string) => checkAzScript(t).diagnostics.map((d) => d.code);

describe('the seed script', () => {
  const r = checkAzScript(SEED);
  it('finds one cluster with the script\'s ranges', () => {
    expect(r.clusters).toHaveLength(1);
    const c = r.clusters[0]!;
    expect(c.name).toBe('myAKSCluster');
    expect(c.line).toBe(lineOf(SEED, 'az aks create'));
    expect(c.subnet).toBe('myAKSVnet/myAKSSubnet');
    expect(c.input).toMatchObject({ plugin: 'kubenet', vnetCidrs: ['10.0.0.0/8'], nodeSubnetCidr: '10.100.0.0/16', serviceCidr: '10.32.0.0/16', dnsServiceIp: '10.32.0.10', podCidr: '10.244.0.0/16', nodeCount: 3 });
  });
  it('reports service-cidr-overlap on the --service-cidr line: inside the VNet 10.0.0.0/8, not inside its subnet', () => {
    const d = r.diagnostics.filter((x) => x.code === 'service-cidr-overlap');
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe('error');
    expect(d[0]!.line).toBe(lineOf(SEED, '--service-cidr'));
    expect(d[0]!.column).toBe(SEED.split('\n')[d[0]!.line! - 1]!.indexOf('10.32.0.0/16') + 1);
    expect(d[0]!.message).toContain('10.0.0.0/8');
    expect(d[0]!.message).toContain('not inside the cluster subnet');
  });
  it('reports the default-looking pod CIDR 10.244.0.0/16 inside the same VNet on the --pod-cidr line', () => {
    const d = r.diagnostics.find((x) => x.code === 'pod-cidr-overlap');
    expect(d?.line).toBe(lineOf(SEED, '--pod-cidr'));
  });
  it('the DNS service IP itself is fine, and nothing else is an error', () => {
    expect(r.diagnostics.filter((x) => x.code.startsWith('dns-'))).toEqual([]);
    expect(r.diagnostics.filter((x) => x.severity === 'error').map((x) => x.code).sort()).toEqual(['pod-cidr-overlap', 'service-cidr-overlap']);
  });
  it('with a service CIDR and pod CIDR outside the VNet the script is clean', () => {
    const fixed = SEED.replace('10.32.0.0/16', '172.16.0.0/16').replace('10.32.0.10', '172.16.0.10').replace('10.244.0.0/16', '192.168.0.0/16');
    const report = checkAzScript(fixed, { today: new Date('2026-11-30') });
    // the seed's clusters use kubenet, which retires on 31 March 2028: that warning stays
    expect(report.diagnostics.filter((x) => x.severity !== 'info' && x.code !== 'kubenet-retirement')).toEqual([]);
    expect(report.diagnostics.filter((x) => x.code === 'kubenet-retirement').map((x) => x.severity)).toContain('warning');
  });
});

describe('script checker diagnostics', () => {
  const vnet = 'az network vnet create -g rg -n v --address-prefixes 10.1.0.0/16 --subnet-name s --subnet-prefixes 10.1.0.0/24\n';
  const aks = (flags: string) => `${vnet}az aks create -g rg -n c --network-plugin azure --network-plugin-mode overlay --vnet-subnet-id /subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s --service-cidr 10.2.0.0/16 --dns-service-ip 10.2.0.10 ${flags}\n`;

  it('a clean script has only info', () => {
    expect(checkAzScript(aks('')).diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
  it('unknown-flag', () => {
    expect(codes(aks('--network-plugn azure'))).toContain('unknown-flag');
    expect(codes(aks('--network-policy calico'))).not.toContain('unknown-flag');
  });
  it('missing-value', () => {
    expect(codes(aks('--pod-cidr'))).toContain('missing-value');
    expect(codes(aks('--pod-cidr 192.168.0.0/16'))).not.toContain('missing-value');
    expect(codes(aks('--pod-cidr --node-count 3'))).toContain('missing-value');
  });
  it('--flag=value and short flags', () => {
    const r = checkAzScript(aks('--pod-cidr=10.1.0.0/16 -c 4 -m 100'));
    expect(r.clusters[0]!.input).toMatchObject({ podCidr: '10.1.0.0/16', nodeCount: 4, maxPods: 100 });
    const d = r.diagnostics.find((x) => x.code === 'pod-cidr-overlap')!;
    const line = aks('--pod-cidr=10.1.0.0/16 -c 4 -m 100').split('\n')[1]!;
    expect(d.column).toBe(line.indexOf('10.1.0.0/16') + 1);
  });
  it('unresolved-subnet: a subnet the script does not create, and an unknown variable', () => {
    expect(codes(aks('').replace('/subnets/s', '/subnets/other'))).toContain('unresolved-subnet');
    const withVar = `${vnet}az aks create -g rg -n c --vnet-subnet-id $SUBNET\n`;
    const cs = codes(withVar);
    expect(cs).toContain('unresolved-subnet');
    expect(cs).toContain('unresolved-variable');
    expect(codes(aks(''))).not.toContain('unresolved-subnet');
  });
  it('variables assigned in the script are followed; unknown ones only noted', () => {
    const t = `RG=rg\nVNET=v\n${vnet}az aks create -g $RG -n c --vnet-subnet-id "/subscriptions/$SUB/resourceGroups/$RG/providers/Microsoft.Network/virtualNetworks/$VNET/subnets/s" --pod-cidr 10.1.0.0/16\n`;
    const r = checkAzScript(t);
    expect(r.clusters[0]!.subnet).toBe('v/s');
    expect(r.clusters[0]!.resourceGroup).toBe('rg');
    expect(r.diagnostics.filter((d) => d.code === 'unresolved-variable').map((d) => d.message)).toEqual([expect.stringContaining('$SUB')]);
  });
  it('an unresolved value skips its checks with a note instead of guessing', () => {
    const r = checkAzScript(aks('').replace('--service-cidr 10.2.0.0/16 --dns-service-ip 10.2.0.10', '--service-cidr $SVC --dns-service-ip 10.1.0.10'));
    expect(r.diagnostics.map((d) => d.code)).toContain('unresolved-value');
    expect(r.diagnostics.filter((d) => d.code.startsWith('service-') || d.code.startsWith('dns-'))).toEqual([]);
  });
  it('prose, output and unknown commands are skipped with info, never an error', () => {
    const t = `Run the following:\n\n{\n  "id": "/subscriptions/x"\n}\nkubectl get nodes\naz login\n${aks('')}`;
    const r = checkAzScript(t);
    const skipped = r.diagnostics.filter((d) => d.code === 'skipped-line' || d.code === 'unmodelled-command');
    expect(skipped.length).toBeGreaterThanOrEqual(3);
    expect(skipped.every((d) => d.severity === 'info')).toBe(true);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.clusters).toHaveLength(1);
  });
  it('subnet-outside-vnet and subnet-overlap when creating subnets', () => {
    expect(codes(`${vnet}az network vnet subnet create -g rg --vnet-name v -n t --address-prefixes 10.9.0.0/24\n`)).toContain('subnet-outside-vnet');
    expect(codes(`${vnet}az network vnet subnet create -g rg --vnet-name v -n t --address-prefixes 10.1.0.128/25\n`)).toContain('subnet-overlap');
    expect(codes(`${vnet}az network vnet subnet create -g rg --vnet-name v -n t --address-prefixes 10.1.1.0/25\n`).filter((c) => c.startsWith('subnet-'))).toEqual([]);
  });
  it('a sibling subnet in the cluster VNet is an "other" range for overlap checks', () => {
    const t = `${vnet}az network vnet subnet create -g rg --vnet-name v -n db --address-prefixes 10.1.1.0/24\n${aks('--pod-cidr 10.1.1.0/24')}`;
    const r = checkAzScript(t);
    expect(r.clusters[0]!.input.otherCidrs).toEqual([{ name: 'subnet db', cidr: '10.1.1.0/24' }]);
    expect(r.diagnostics.some((d) => d.code === 'pod-cidr-overlap' && d.message.includes('subnet db'))).toBe(true);
  });
  it('missing-flag, invalid-value, invalid-number, invalid-cidr', () => {
    expect(codes('az aks create -g rg\n')).toContain('missing-flag');
    expect(codes(aks('').replace('--network-plugin azure', '--network-plugin calico'))).toContain('invalid-value');
    expect(codes(aks('--node-count three'))).toContain('invalid-number');
    expect(codes(aks('--api-server-authorized-ip-ranges 1.2.3.4,10.0.0.0/33'))).toContain('invalid-cidr');
    expect(codes(aks('--api-server-authorized-ip-ranges 1.2.3.4,10.0.0.0/8'))).not.toContain('invalid-cidr');
    expect(codes(aks('--outbound-type userDefinedRouting'))).not.toContain('invalid-value');
  });
  it('option rules: kubenet with Azure NPM, cilium policy without cilium dataplane, overlay mode with kubenet', () => {
    const kubenet = aks('').replace('--network-plugin azure --network-plugin-mode overlay', '--network-plugin kubenet --pod-cidr 192.168.0.0/16');
    expect(codes(`${kubenet.trim()} --network-policy azure\n`)).toContain('option-not-applicable');
    expect(codes(`${kubenet.trim()} --network-policy calico\n`)).not.toContain('option-not-applicable');
    expect(codes(aks('--network-policy cilium'))).toContain('option-not-applicable');
    expect(codes(aks('--network-policy cilium --network-dataplane cilium'))).not.toContain('option-not-applicable');
    expect(codes(aks('').replace('--network-plugin azure', '--network-plugin kubenet'))).toContain('option-not-applicable');
  });
  it('plugin from flags: overlay, dynamic pod subnet, node subnet, and the default', () => {
    const two = 'az network vnet create -g rg -n v --address-prefixes 10.1.0.0/16 --subnet-name nodes --subnet-prefixes 10.1.0.0/24\naz network vnet subnet create -g rg --vnet-name v -n pods --address-prefixes 10.1.16.0/20\n';
    const id = (s: string) => `/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/${s}`;
    const dyn = checkAzScript(`${two}az aks create -g rg -n c --network-plugin azure --vnet-subnet-id ${id('nodes')} --pod-subnet-id ${id('pods')} --service-cidr 10.2.0.0/16 --dns-service-ip 10.2.0.10\n`);
    expect(dyn.clusters[0]!.input).toMatchObject({ plugin: 'azure-dynamic', podSubnetCidr: '10.1.16.0/20', nodeSubnetCidr: '10.1.0.0/24' });
    expect(dyn.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const flat = checkAzScript(`${two}az aks create -g rg -n c --network-plugin azure --vnet-subnet-id ${id('nodes')} --service-cidr 10.2.0.0/16 --dns-service-ip 10.2.0.10\n`);
    expect(flat.clusters[0]!.input.plugin).toBe('azure');
    const def = checkAzScript(`az aks create -g rg -n c\n`);
    expect(def.clusters[0]!.input.plugin).toBe('azure-overlay');
    expect(def.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['default-plugin', 'managed-vnet']));
  });
  it('az aks update changes the cluster created earlier in the script', () => {
    const t = `${aks('')}az aks update -g rg -n c --pod-cidr 10.1.0.0/16\n`;
    const r = checkAzScript(t);
    expect(r.clusters[0]!.updates).toEqual([3]);
    expect(r.diagnostics.find((d) => d.code === 'pod-cidr-overlap')?.line).toBe(3);
    expect(codes('az aks update -g rg -n elsewhere --pod-cidr 10.1.0.0/16\n')).toContain('cluster-not-in-script');
  });
  it('two clusters in one subnet', () => {
    const t = `${aks('')}${aks('').split('\n')[1]!.replace('-n c', '-n d')}\n`;
    expect(codes(t)).toContain('subnet-shared');
    expect(codes(aks(''))).not.toContain('subnet-shared');
  });
  it('a subnet ID from $(az network vnet subnet create … --query id) resolves', () => {
    const t = `az network vnet create -g rg -n v --address-prefixes 10.1.0.0/16\nSUB=$(az network vnet subnet create -g rg --vnet-name v -n s --address-prefixes 10.1.0.0/22 --query id -o tsv)\naz aks create -g rg -n c --network-plugin azure --vnet-subnet-id $SUB --service-cidr 10.2.0.0/16 --dns-service-ip 10.2.0.10 --node-count 50\n`;
    const r = checkAzScript(t);
    expect(r.clusters[0]!.input.nodeSubnetCidr).toBe('10.1.0.0/22');
    const d = r.diagnostics.find((x) => x.code === 'node-subnet-too-small');
    expect(d?.line).toBe(3);
  });
  it('never throws, even on junk', () => {
    for (const t of ['', '"', "'", '$(', 'az', 'az aks create --', '\\', 'az aks create -n "x\n'.repeat(50), 'x'.repeat(10000)]) {
      expect(() => checkAzScript(t)).not.toThrow();
    }
    expect(checkAzScript(42 as never).diagnostics[0]!.code).toBe('wrong-type');
  });
});

// `az network vnet create --help`: --address-prefixes "Default: 10.0.0.0/16"; --subnet-prefixes
// "If omitted, automatically reserves a /24 (or as large as available) block within the VNet
// address space" (Azure CLI, network vnet create).
describe('az network vnet create without prefixes', () => {
  const subnetOf = (script: string) => checkAzScript(`${script}\naz aks create -g rg -n c --network-plugin azure --vnet-subnet-id $(az network vnet subnet show -g rg --vnet-name v -n s --query id -o tsv)\n`).clusters[0]?.input;
  it('gives the VNet 10.0.0.0/16 and the subnet its first /24', () => {
    expect(subnetOf('az network vnet create -g rg -n v --subnet-name s')).toMatchObject({ vnetCidrs: ['10.0.0.0/16'], nodeSubnetCidr: '10.0.0.0/24' });
  });
  it('reserves the subnet inside a VNet given its own range, not at 10.0.0.0', () => {
    expect(subnetOf('az network vnet create -g rg -n v --address-prefixes 10.240.0.0/16 --subnet-name s')).toMatchObject({ vnetCidrs: ['10.240.0.0/16'], nodeSubnetCidr: '10.240.0.0/24' });
  });
  it('takes the whole VNet when it is smaller than a /24', () => {
    expect(subnetOf('az network vnet create -g rg -n v --address-prefixes 192.168.5.0/26 --subnet-name s')).toMatchObject({ nodeSubnetCidr: '192.168.5.0/26' });
  });
});
