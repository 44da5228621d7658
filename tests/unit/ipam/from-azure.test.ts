/**
 * The IP planner reads `az aks show -o json` + `az network vnet show -o json` pasted together
 * (fixtures in tests/fixtures/az, sources in its README) and plans the real cluster.
 * Rules: "For percentages, fractional nodes are rounded up" (AgentPoolUpgradeSettings.maxSurge,
 * AKS REST API); Azure CNI node subnet needs (nodes + surge) × (1 + maxPods) addresses
 * (https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planFromText } from '../../../src/lib/ipam/plan-text';
import { planCluster } from '../../../src/lib/ipam';
import planner from '../../../src/components/tools/ip-planner';

const fixture = (n: string) => readFileSync(new URL(`../../fixtures/az/${n}`, import.meta.url), 'utf8');
const pasted = (...names: string[]) => names.map((n) => fixture(n).trimEnd()).join('\n');

describe('az aks show + az network vnet show', () => {
  it('an Overlay cluster: pools added up, surge from percentages, the other subnets checked for overlaps', () => {
    const r = planFromText(pasted('aks-show-cli-overlay.json', 'vnet-show-cli.json'));
    expect(r.input).toMatchObject({
      plugin: 'azure-overlay', dataplane: 'cilium', vnetCidrs: ['10.224.0.0/12'], nodeSubnetCidr: '10.224.0.0/22', podCidr: '192.168.0.0/16',
      serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.10', nodeCount: 23, maxPods: 250,
      // system: 10% of 3 → 1; user: 33% of 20 = 6.6 → 7
      maxSurge: 8,
    });
    expect(r.input!.otherCidrs).toEqual([{ name: 'subnet aks-pods', cidr: '10.228.0.0/16' }, { name: 'subnet AzureFirewallSubnet', cidr: '10.225.0.0/26' }]);
    // Overlay: the node subnet holds nodes + surge = 31 of 1,019 usable.
    expect(r.plan!.nodeSubnet).toMatchObject({ required: 31, usable: 1019, fits: true });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // The same plan as typing the values in.
    expect(r.plan!.maxNodeCount).toBe(planCluster(r.input!).maxNodeCount);
  });

  it('the pod-subnet cluster: azure-dynamic, pod subnet sized', () => {
    const r = planFromText(pasted('aks-show-cli-private-podsubnet.json', 'vnet-show-cli.json'));
    expect(r.input).toMatchObject({ plugin: 'azure-dynamic', nodeSubnetCidr: '10.224.0.0/22', podSubnetCidr: '10.228.0.0/16', nodeCount: 3, maxSurge: 1, maxPods: 110 });
    expect(r.plan!.podSubnet).toMatchObject({ required: (3 + 1) * 110, fits: true });
  });

  it('the REST sample alone (kubenet, no VNet): planned, and says which output is missing', () => {
    const r = planFromText(fixture('aks-get-rest-sample.json'));
    expect(r.input).toMatchObject({ plugin: 'kubenet', podCidr: '10.244.0.0/16', nodeCount: 3, maxSurge: 1, maxPods: 110 });
    expect(r.diagnostics.map((d) => d.code)).toContain('az-managed-vnet');
  });

  it('the tool says it planned the real cluster', () => {
    const out = planner.run({ plan: pasted('aks-show-cli-overlay.json', 'vnet-show-cli.json') });
    expect(out.summary).toMatch(/^Azure CNI Overlay: node subnet needs 31 addresses of 1,019 usable/);
  });
});

describe('an unknown plugin is an error, never a silent default', () => {
  it('plugin: azurecni is reported with a suggestion, and the summary does not present Overlay as the answer', () => {
    const out = planner.run({ plan: 'plugin: azurecni\nvnetCidrs: [10.1.0.0/16]\nnodeSubnetCidr: 10.1.0.0/24\nnodeCount: 3\n' });
    const d = out.diagnostics.find((x) => x.code === 'invalid-plugin')!;
    expect(d).toMatchObject({ severity: 'error', line: 1 });
    expect(d.message).toMatch(/did you mean azure\?/);
    expect(out.summary).toMatch(/^Network plugin not read/);
    expect(out.summary).not.toMatch(/^Azure CNI Overlay/);
  });
  it('plugin names are read ignoring case', () => {
    expect(planCluster({ plugin: 'Kubenet' as never, vnetCidrs: [], nodeSubnetCidr: '', nodeCount: 3 }).effective.plugin).toBe('kubenet');
    expect(planCluster({ plugin: 'Kubenet' as never, vnetCidrs: [], nodeSubnetCidr: '', nodeCount: 3 }).unread).toBeUndefined();
  });
});
