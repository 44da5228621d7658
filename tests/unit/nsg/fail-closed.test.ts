/**
 * NSG checks that must never fail open, and the outputs `az` prints read as what they are.
 * Sources: `az network watcher test-ip-flow --direction {Inbound, Outbound} --protocol {TCP, UDP}`
 * (https://learn.microsoft.com/cli/azure/network/watcher#az-network-watcher-test-ip-flow: the CLI
 * accepts these case-insensitively); "Diagnose a virtual machine network traffic filter problem"
 * (https://learn.microsoft.com/azure/network-watcher/diagnose-vm-network-traffic-filtering-problem-cli)
 * for the effective-rules output; "Outbound network and FQDN rules for AKS clusters"
 * (https://learn.microsoft.com/azure/aks/outbound-rules-control-egress) for what AKS nodes need.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateFlow, type Flow } from '../../../src/lib/nsg';
import nsgTool from '../../../src/components/tools/nsg';

const fixture = (n: string) => readFileSync(new URL(`../../fixtures/az/${n}`, import.meta.url), 'utf8');
const flow = (over: Partial<Flow> = {}): Flow => ({ direction: 'Inbound', protocol: 'Tcp', sourceIp: '203.0.113.7', sourcePort: 50000, destinationIp: '10.0.0.4', destinationPort: 22, ...over });
const rules = (...r: Record<string, unknown>[]) => JSON.stringify(r.map((x, i) => ({ name: `r${i}`, priority: 100 + i * 10, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '22', ...x })));

describe('evaluateFlow reads enums the way the Azure CLI prints them', () => {
  it('direction "inbound" and protocol "TCP" (test-ip-flow spellings)', () => {
    const r = evaluateFlow({ nsgs: rules({}), flow: flow({ direction: 'inbound' as never, protocol: 'TCP' as never }), vnetCidrs: ['10.0.0.0/16'] });
    expect(r.valid).toBe(true);
    expect(r.access).toBe('Allow');
    expect(r.verdict).toBe('Allow');
  });
  it('an unknown direction is still an error', () => {
    const r = evaluateFlow({ nsgs: rules({}), flow: flow({ direction: 'sideways' as never }) });
    expect(r.valid).toBe(false);
    expect(r.verdict).toBe('unknown');
    expect(r.diagnostics.map((d) => d.code)).toContain('flow-invalid-direction');
  });
});

describe('rules that cannot be read never let a flow through', () => {
  it('an unreadable Deny before the Allow makes the verdict unknown', () => {
    const r = evaluateFlow({ nsgs: rules({ access: 'Deny', destinationPortRange: 'ssh' }, {}), flow: flow(), vnetCidrs: ['10.0.0.0/16'] });
    expect(r.access).toBe('Allow');
    expect(r.verdict).toBe('unknown');
    expect(r.unresolved[0]).toMatch(/unreadable rule "r0"/);
    expect(r.returnTrafficAllowed).toBe(false);
  });
  it('an unreadable Allow does not change a Deny', () => {
    const r = evaluateFlow({ nsgs: rules({ destinationPortRange: 'ssh' }), flow: flow(), vnetCidrs: ['10.0.0.0/16'] });
    expect(r.verdict).toBe('Deny');
  });
  it('a Deny naming a service tag whose prefixes are unknown makes a later Allow unknown', () => {
    const r = evaluateFlow({ nsgs: rules({ access: 'Deny', sourceAddressPrefix: 'AzureCloud.westeurope' }, {}), flow: flow(), vnetCidrs: ['10.0.0.0/16'] });
    expect(r.verdict).toBe('unknown');
    const known = evaluateFlow({ nsgs: rules({ access: 'Deny', sourceAddressPrefix: 'AzureCloud.westeurope' }, {}), flow: flow(), vnetCidrs: ['10.0.0.0/16'], serviceTags: { 'AzureCloud.westeurope': ['20.50.0.0/16'] } });
    expect(known.verdict).toBe('Allow');
  });
  it('a subnet NSG that cannot be read leaves the NIC NSG\'s Allow unknown', () => {
    const r = evaluateFlow({ nsgs: `{"subnet": 42, "nic": ${rules({})}}`, flow: flow(), vnetCidrs: ['10.0.0.0/16'] });
    expect(r.verdict).toBe('unknown');
    expect(r.unresolved.join()).toMatch(/subnet NSG, which could not be read/);
  });
});

describe('az network nic list-effective-nsg is read as the effective rules', () => {
  it('protocol All, defaultSecurityRules/… names and priority 65500 are not errors', () => {
    const r = evaluateFlow({ nsgs: fixture('nic-list-effective-nsg.json'), flow: flow({ destinationIp: '10.0.0.4', destinationPort: 22 }) });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.verdict).toBe('Allow');
    expect(r.decidedBy[0]).toMatchObject({ nsg: 'nic', rule: 'default-allow-ssh', priority: 1000 });
    // The VNet range comes from AllowVnetInBound's expansion (10.0.0.0/16), not the RFC 1918 assumption.
    expect(r.diagnostics.map((d) => d.code)).toContain('nsg-vnet-from-effective');
    expect(r.diagnostics.map((d) => d.code)).not.toContain('nsg-vnet-assumed');
  });
  it('port 80 from the internet falls to DenyAllInBound', () => {
    const r = evaluateFlow({ nsgs: fixture('nic-list-effective-nsg.json'), flow: flow({ destinationPort: 80 }) });
    expect(r.verdict).toBe('Deny');
    expect(r.decidedBy[0]!.rule).toBe('DenyAllInBound');
  });
  it('the tool accepts it pasted as printed, and nsg show (REST sample) too', () => {
    const out = nsgTool.run({ nsgs: fixture('nic-list-effective-nsg.json'), flow: 'inbound TCP 203.0.113.7:50000 -> 10.0.0.4:22' });
    expect(out.summary).toMatch(/^Allowed by NIC NSG rule default-allow-ssh \(1000\)/);
    const show = nsgTool.run({ nsgs: fixture('nsg-get-rest-sample.json'), flow: 'Inbound Tcp 203.0.113.7:50000 -> 10.0.0.4:80\nvnet: 10.0.0.0/16' });
    expect(show.summary).toMatch(/^Allowed by NSG rule rule1 \(130\)/);
  });
});
