import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  detectAzOutput, findWafPolicies, readAksCluster, readAzDocuments, readEffectiveNsgs, readNsg, readRuleList, readVnet, surgeNodes,
} from '../../../src/lib/azure';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/az/${name}`, import.meta.url), 'utf8');
const json = (name: string): unknown => JSON.parse(fixture(name));

describe('az aks show', () => {
  it('reads the REST sample (properties wrapper, dnsServiceIP spelling)', () => {
    const { cluster, diagnostics } = readAksCluster(json('aks-get-rest-sample.json'));
    expect(diagnostics).toEqual([]);
    expect(cluster!.name).toBe('clustername1');
    expect(cluster!.networkProfile).toMatchObject({ networkPlugin: 'kubenet', podCidrs: ['10.244.0.0/16'], serviceCidrs: ['10.0.0.0/16'], dnsServiceIp: '10.0.0.10', outboundType: 'loadBalancer', loadBalancerSku: 'standard' });
    expect(cluster!.networkProfile.effectiveOutboundIpIds).toHaveLength(2);
    // "33%" of 3 nodes = 0.99, "fractional nodes are rounded up" → 1.
    expect(cluster!.agentPools[0]).toMatchObject({ name: 'nodepool1', count: 3, maxPods: 110, maxSurge: '33%', surgeNodes: 1 });
    expect(cluster!.apiServerAccess).toMatchObject({ authorizedIpRanges: [], enablePrivateCluster: false });
  });

  it('reads the CLI shape: overlay, Cilium, subnets by id, authorized ranges', () => {
    const { cluster, diagnostics } = readAksCluster(json('aks-show-cli-overlay.json'));
    expect(diagnostics).toEqual([]);
    expect(cluster!.networkProfile).toMatchObject({ networkPlugin: 'azure', networkPluginMode: 'overlay', networkDataplane: 'cilium', networkPolicy: 'cilium', podCidrs: ['192.168.0.0/16'] });
    expect(cluster!.agentPools.map((p) => [p.count, p.surgeNodes])).toEqual([[3, 1], [20, 7]]);
    expect(cluster!.agentPools[0]!.vnetSubnetId).toMatch(/subnets\/aks-nodes$/);
    expect(cluster!.apiServerAccess.authorizedIpRanges).toEqual(['73.140.245.0/24', '20.50.60.70/32']);
  });

  it('reads a private cluster (privateFqdn, pod subnet, UDR)', () => {
    const { cluster } = readAksCluster(json('aks-show-cli-private-podsubnet.json'));
    expect(cluster!.apiServerAccess.enablePrivateCluster).toBe(true);
    expect(cluster!.privateFqdn).toMatch(/privatelink\.westeurope\.azmk8s\.io$/);
    expect(cluster!.networkProfile.outboundType).toBe('userDefinedRouting');
    expect(cluster!.agentPools[0]!.podSubnetId).toMatch(/subnets\/aks-pods$/);
  });

  it('reads enums ignoring case, and an unknown value is an error, never a default', () => {
    const v = { name: 'c', agentPoolProfiles: [], networkProfile: { networkPlugin: 'AZURE', networkPluginMode: 'Overlay', outboundType: 'loadbalancer' } };
    expect(readAksCluster(v).cluster!.networkProfile).toMatchObject({ networkPlugin: 'azure', networkPluginMode: 'overlay', outboundType: 'loadBalancer' });
    const bad = readAksCluster({ ...v, networkProfile: { networkPlugin: 'azurecni' } });
    expect(bad.cluster!.networkProfile.networkPlugin).toBeUndefined();
    expect(bad.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'az-unknown-value', field: 'networkProfile.networkPlugin' })]);
  });

  it('reads authorized ranges given as one comma-separated string, as az takes them', () => {
    const { cluster } = readAksCluster({ name: 'c', agentPoolProfiles: [], apiServerAccessProfile: { authorizedIpRanges: '73.140.245.0/24, 20.50.60.70/32' } });
    expect(cluster!.apiServerAccess.authorizedIpRanges).toEqual(['73.140.245.0/24', '20.50.60.70/32']);
  });

  it('surge: a node count, or a percentage rounded up', () => {
    expect(surgeNodes('1', 10)).toBe(1);
    expect(surgeNodes('10%', 3)).toBe(1);
    expect(surgeNodes('50%', 5)).toBe(3);
    expect(surgeNodes('many', 5)).toBeUndefined();
  });
});

describe('az network vnet show', () => {
  it('reads address space, subnets and their NSG / route table ids', () => {
    const { vnet, diagnostics } = readVnet(json('vnet-show-cli.json'));
    expect(diagnostics).toEqual([]);
    expect(vnet!.addressPrefixes).toEqual(['10.224.0.0/12']);
    expect(vnet!.subnets.map((s) => [s.name, s.addressPrefixes[0]])).toEqual([['aks-nodes', '10.224.0.0/22'], ['aks-pods', '10.228.0.0/16'], ['AzureFirewallSubnet', '10.225.0.0/26']]);
    expect(vnet!.subnets[0]!.networkSecurityGroupId).toMatch(/networkSecurityGroups\/nsg-aks-nodes$/);
    expect(vnet!.subnets[0]!.routeTableId).toMatch(/routeTables\/rt-aks$/);
  });
});

describe('NSG outputs', () => {
  it('nsg show (REST sample): custom and default rules', () => {
    const { nsg, diagnostics } = readNsg(json('nsg-get-rest-sample.json'));
    expect(diagnostics).toEqual([]);
    expect(nsg!.rules).toEqual([expect.objectContaining({ name: 'rule1', priority: 130, access: 'Allow', direction: 'Inbound', protocol: '*', destinationPortRanges: ['80'] })]);
    expect(nsg!.defaultRules.map((r) => r.name)).toContain('DenyAllInBound');
    expect(nsg!.defaultRules.every((r) => r.kind === 'default')).toBe(true);
  });

  it('nsg rule list: a list of rules', () => {
    const rules = (json('nsg-get-rest-sample.json') as { properties: { securityRules: unknown[] } }).properties.securityRules;
    expect(readRuleList(rules).rules.map((r) => r.name)).toEqual(['rule1']);
  });

  it('nic list-effective-nsg: protocol All is *, prefixed names are split, expansions kept', () => {
    const { nsgs, diagnostics } = readEffectiveNsgs(json('nic-list-effective-nsg.json'));
    expect(diagnostics).toEqual([]);
    expect(nsgs).toHaveLength(1);
    expect(nsgs[0]!.attachedTo).toBe('nic');
    const ssh = nsgs[0]!.rules[0]!;
    expect(ssh).toMatchObject({ name: 'default-allow-ssh', kind: 'custom', protocol: 'Tcp', destinationPortRanges: ['22-22'], sourceAddressPrefixes: ['0.0.0.0/0'] });
    const internet = nsgs[0]!.rules.find((r) => r.name === 'AllowInternetOutBound')!;
    expect(internet).toMatchObject({ kind: 'default', protocol: '*', priority: 65001 });
    expect(internet.expandedDestinationAddressPrefixes).toContain('12.0.0.0/6');
  });
});

describe('WAF policy', () => {
  it('is found in the REST resource and in an ARM template export', () => {
    expect(findWafPolicies(json('waf-policy-get-rest-sample.json'))).toEqual([{ value: expect.anything(), path: [] }]);
    expect(findWafPolicies(json('waf-policy-arm-export.json'))).toEqual([{ value: expect.anything(), path: ['resources', 0] }]);
  });
});

describe('detecting outputs pasted together', () => {
  it('names each fixture', () => {
    expect(detectAzOutput(json('aks-get-rest-sample.json'))).toBe('aks-cluster');
    expect(detectAzOutput(json('aks-show-cli-overlay.json'))).toBe('aks-cluster');
    expect(detectAzOutput(json('vnet-show-cli.json'))).toBe('vnet');
    expect(detectAzOutput((json('vnet-show-cli.json') as { subnets: unknown[] }).subnets[0])).toBe('subnet');
    expect(detectAzOutput(json('nsg-get-rest-sample.json'))).toBe('nsg');
    expect(detectAzOutput(json('nic-list-effective-nsg.json'))).toBe('effective-nsg');
    expect(detectAzOutput(json('waf-policy-get-rest-sample.json'))).toBe('waf-policy');
    expect(detectAzOutput(json('waf-policy-arm-export.json'))).toBe('arm-template');
    expect(detectAzOutput({ apiVersion: 'v1', kind: 'List', items: [] })).toBe('kubernetes');
  });

  it('splits two JSON outputs pasted one after the other, keeping line numbers', () => {
    const aks = fixture('aks-show-cli-overlay.json').trimEnd();
    const text = `${aks}\n${fixture('vnet-show-cli.json')}`;
    const { documents, diagnostics } = readAzDocuments(text);
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => d.kind)).toEqual(['aks-cluster', 'vnet']);
    expect(documents[1]!.doc.line).toBe(aks.split('\n').length + 1);
  });

  it('says "JSON syntax error" for broken JSON', () => {
    const { diagnostics } = readAzDocuments('{ "name": "x", }}');
    expect(diagnostics[0]!.message).toMatch(/^JSON syntax error/);
  });
});
