/**
 * Every case of tests/vectors/nsg-cases.json (copied unchanged from the shared vectors, which
 * cite their Microsoft sources). Expected values come from the vectors; the only knowledge added
 * here is the list of spellings of default-rule names that the spec (§2) documents.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateFlow, type EvaluateFlowResult, type Flow } from '../../../src/lib/nsg';

const vectors = JSON.parse(readFileSync(new URL('../../vectors/nsg-cases.json', import.meta.url), 'utf8'));

// Spellings of the same default rule in Microsoft sources (spec §2: overview headings, ARM/IP flow
// verify output, and the 2018 tutorial, which says DefaultOutboundDenyAll "equates to" DenyAllOutBound).
const SAME_RULE: string[][] = [
  ['allowvnetinbound'],
  ['allowazureloadbalancerinbound'],
  ['denyallinbound', 'defaultinbounddenyall'],
  ['allowvnetoutbound'],
  ['allowinternetoutbound'],
  ['denyalloutbound', 'defaultoutbounddenyall'],
];
const canon = (name: string): string => {
  const n = name.replace(/^defaultSecurityRules\//i, '').replace(/\s*\(.*$/, '').trim().toLowerCase();
  return SAME_RULE.find((g) => g.includes(n))?.[0] ?? n;
};

function endpoint(s: string): { ip: string; port: number } {
  const i = s.lastIndexOf(':');
  const port = s.slice(i + 1);
  return { ip: s.slice(0, i), port: port === '*' ? 0 : Number(port) };
}
const proto = (p: string) => ({ TCP: 'Tcp', UDP: 'Udp' } as const)[p as 'TCP'];

/** IP flow verify's local/remote → source/destination. */
function flowOf(c: { direction: string; protocol: string; local: string; remote: string }): Flow {
  const local = endpoint(c.local);
  const remote = endpoint(c.remote);
  return c.direction === 'Inbound'
    ? { direction: 'Inbound', protocol: proto(c.protocol), sourceIp: remote.ip, sourcePort: remote.port, destinationIp: local.ip, destinationPort: local.port }
    : { direction: 'Outbound', protocol: proto(c.protocol), sourceIp: local.ip, sourcePort: local.port, destinationIp: remote.ip, destinationPort: remote.port };
}

const lastRule = (r: EvaluateFlowResult) => r.decidedBy[r.decidedBy.length - 1]!;

describe('Network Watcher quickstart (default NSG only)', () => {
  const g = vectors.defaultNsgQuickstart;
  for (const c of g.cases) {
    it(`${c.id}: ${c.statedResult}`, () => {
      // nicNsg "myVM-nsg (defaults only)", subnetNsg null
      const r = evaluateFlow({ nsgs: '{"nic": [], "subnet": null}', flow: flowOf(c), vnetCidrs: g.topology.vnetPrefixes });
      expect(r.valid).toBe(true);
      expect(r.access).toBe(c.expectAccess);
      expect(lastRule(r).ruleId).toBe(c.expectRule);
      expect(lastRule(r).nsg).toBe('nic');
    });
  }
});

describe('Older portal tutorial (2018 rule names)', () => {
  for (const c of vectors.olderPortalTutorial.cases) {
    it(`${c.id}: ${c.expectAccess} by ${c.expectRule}`, () => {
      const r = evaluateFlow({ nsgs: '[]', flow: flowOf(c), vnetCidrs: ['10.0.0.0/16'] });
      expect(r.access).toBe(c.expectAccess);
      expect(canon(lastRule(r).rule)).toBe(canon(c.expectRule));
    });
  }
});

describe('IP flow verify response shapes', () => {
  const s = vectors.ipFlowVerifyResponseShapes;
  it('allowed shape: an outbound internet flow is allowed by defaultSecurityRules/AllowInternetOutBound', () => {
    const r = evaluateFlow({ nsgs: '[]', flow: { direction: 'Outbound', protocol: 'Tcp', sourceIp: '10.0.0.4', sourcePort: 50000, destinationIp: '13.107.21.200', destinationPort: 443 }, vnetCidrs: ['10.0.0.0/16'] });
    expect({ access: r.access, ruleName: lastRule(r).ruleId }).toEqual(s.allowed);
  });
  it('denied shape: an inbound internet flow is denied by the default inbound deny rule (DefaultInboundDenyAll == DenyAllInBound)', () => {
    const r = evaluateFlow({ nsgs: '[]', flow: { direction: 'Inbound', protocol: 'Tcp', sourceIp: '13.107.21.200', sourcePort: 50000, destinationIp: '10.0.0.4', destinationPort: 443 }, vnetCidrs: ['10.0.0.0/16'] });
    expect(r.access).toBe(s.denied.access);
    expect(canon(lastRule(r).ruleId)).toBe(canon(s.denied.ruleName));
    expect(lastRule(r).ruleId.startsWith('defaultSecurityRules/')).toBe(true);
  });
});

describe('Subnet vs NIC NSG scenarios ("How network security groups filter network traffic")', () => {
  const g = vectors.subnetVsNicScenarios;
  // NSG1 on Subnet1 (VM1, VM2), NSG2 on the NIC of VM1 and VM3; VM4 has none. Traffic: TCP 80 to/from the internet.
  const allowIn80 = '{"name":"allow-80-in","priority":100,"direction":"Inbound","access":"Allow","protocol":"Tcp","sourceAddressPrefix":"Internet","sourcePortRange":"*","destinationAddressPrefix":"*","destinationPortRange":"80"}';
  const denyOut80 = '{"name":"deny-80-out","priority":100,"direction":"Outbound","access":"Deny","protocol":"Tcp","sourceAddressPrefix":"*","sourcePortRange":"*","destinationAddressPrefix":"Internet","destinationPortRange":"80"}';
  const build = (c: Record<string, unknown>): string => {
    const nsg1 = `[${c.nsg1AllowsIn80 ? allowIn80 : ''}${c.nsg1DeniesOut80 ? denyOut80 : ''}]`;
    const nsg2 = `[${c.nsg2AllowsIn80 ? allowIn80 : ''}${c.nsg2DeniesOut80 ? denyOut80 : ''}]`;
    if (c.vm === 'VM1') return `{"subnet": ${nsg1}, "nic": ${nsg2}}`;
    if (c.vm === 'VM2') return `{"subnet": ${nsg1}}`;
    if (c.vm === 'VM3') return `{"nic": ${nsg2}}`;
    return '{}';
  };
  const vm = '10.0.0.4';
  const internet = '198.51.100.20';
  for (const c of g.cases) {
    it(`${c.id} (${c.vm}, ${c.direction}): ${c.expect}`, () => {
      const inbound = String(c.direction).startsWith('Inbound');
      const flow: Flow = inbound
        ? { direction: 'Inbound', protocol: 'Tcp', sourceIp: internet, sourcePort: 50000, destinationIp: vm, destinationPort: 80 }
        : { direction: 'Outbound', protocol: 'Tcp', sourceIp: vm, sourcePort: 50000, destinationIp: internet, destinationPort: 80 };
      const r = evaluateFlow({ nsgs: build(c), flow, vnetCidrs: ['10.0.0.0/16'] });
      expect(r.valid).toBe(true);
      if (c.conflict) {
        // Sources disagree: both readings are shown and the result says which applies.
        expect(String(c.expect)).toContain(r.access);
        expect(r.conflict?.readings.length).toBe(2);
        expect(r.conflict?.readings.map((x) => x.says).join(' ')).toMatch(/blocked/i);
        expect(r.conflict?.readings.map((x) => x.says).join(' ')).toMatch(/allowed/i);
        expect(r.conflict?.applied).toMatch(/2025/);
        expect(r.access).toBe('Deny'); // the current page applies to internet traffic
        return;
      }
      expect(r.access).toBe(c.expect);
      if (c.expectDecidedBy === 'NSG1 DenyAllInbound; NSG2 not evaluated') {
        expect(r.decidedBy).toHaveLength(1);
        expect(r.decidedBy[0]).toMatchObject({ nsg: 'subnet', rule: 'DenyAllInBound' });
        expect(r.nsgs.find((n) => n.name === 'nic')?.evaluated).toBe(false);
      }
      if (c.expectDecidedBy === 'NSG2 DenyAllInbound') expect(lastRule(r)).toMatchObject({ nsg: 'nic', rule: 'DenyAllInBound' });
      if (c.id === 'how-in-3') expect(r.decidedBy.map((d) => `${d.nsg}/${d.rule}`)).toEqual(['subnet/allow-80-in', 'nic/allow-80-in']);
      if (c.id === 'how-in-4') expect(r.decidedBy.map((d) => `${d.nsg}/${d.rule}`)).toEqual(['subnet/allow-80-in']);
      if (c.id === 'how-out-1') {
        expect(r.decidedBy).toEqual([expect.objectContaining({ nsg: 'nic', rule: 'deny-80-out' })]);
        expect(r.nsgs.find((n) => n.name === 'subnet')?.evaluated).toBe(false);
        expect(r.order).toEqual(['nic', 'subnet']);
      }
      if (c.expectRule === 'AllowInternetOutbound (both NSGs)') expect(r.decidedBy.map((d) => `${d.nsg}/${canon(d.rule)}`)).toEqual(['nic/allowinternetoutbound', 'subnet/allowinternetoutbound']);
      if (c.id === 'how-out-3') expect(lastRule(r)).toMatchObject({ nsg: 'subnet', rule: 'deny-80-out' });
      if (c.expectRule === 'AllowInternetOutbound in NSG2') expect(r.decidedBy.map((d) => `${d.nsg}/${canon(d.rule)}`)).toEqual(['nic/allowinternetoutbound']);
      if (c.vm === 'VM4') expect(r.decidedBy).toEqual([]);
    });
  }
});

describe('Default rule table applied (derived)', () => {
  const g = vectors.defaultRuleTableDerived;
  for (const c of g.cases) {
    it(`${c.id}: ${c.direction} ${c.protocol} ${c.remote} -> ${c.local} = ${c.expectAccess}`, () => {
      const r = evaluateFlow({ nsgs: '[]', flow: flowOf(c), vnetCidrs: g.topology.vnetPrefixes });
      expect(r.access).toBe(c.expectAccess);
      const got = canon(lastRule(r).rule);
      if (c.expectRuleEither) expect(c.expectRuleEither.map(canon)).toContain(got);
      else expect(got).toBe(canon(c.expectRule));
    });
  }
});

describe('First match by priority (derived)', () => {
  const g = vectors.priorityDerived;
  for (const c of g.cases) {
    it(`${c.id}: ${c.protocol} to port ${endpoint(c.local).port} → ${c.expectAccess} by ${c.expectRule}`, () => {
      const r = evaluateFlow({ nsgs: JSON.stringify(g.nsg), flow: flowOf(c), vnetCidrs: ['10.0.0.0/16'] });
      expect(r.access).toBe(c.expectAccess);
      expect(canon(lastRule(r).rule)).toBe(canon(c.expectRule));
    });
  }
});

describe('Stateful flows (derived)', () => {
  const c = vectors.statefulDerived.cases[0];
  it(`${c.id}: ${c.expect}`, () => {
    const out = evaluateFlow({ nsgs: '[]', flow: { direction: 'Outbound', protocol: 'Tcp', sourceIp: '10.0.0.4', sourcePort: 60000, destinationIp: '13.107.21.200', destinationPort: 80 }, vnetCidrs: ['10.0.0.0/16'] });
    expect(out.access).toBe('Allow');
    expect(canon(lastRule(out).rule)).toBe('allowinternetoutbound');
    expect(out.returnTrafficAllowed).toBe(true);
    // Evaluated on its own as a new inbound flow, the reply packet would hit DenyAllInBound:
    // it passes only because the flow record exists, i.e. inbound rules are not consulted.
    const reply = evaluateFlow({ nsgs: '[]', flow: { direction: 'Inbound', protocol: 'Tcp', sourceIp: '13.107.21.200', sourcePort: 80, destinationIp: '10.0.0.4', destinationPort: 60000 }, vnetCidrs: ['10.0.0.0/16'] });
    expect(canon(lastRule(reply).rule)).toBe('denyallinbound');
  });
});

describe('AKS cases (derived)', () => {
  const [aks1, aks2] = vectors.aksDerived.cases;
  const denyAllIn = { name: 'deny-all-in', priority: 100, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' };
  const probe: Flow = { direction: 'Inbound', protocol: 'Tcp', sourceIp: '168.63.129.16', sourcePort: 53000, destinationIp: '10.224.0.4', destinationPort: 10256 };
  it(`${aks1.id}: ${aks1.expect}`, () => {
    const r = evaluateFlow({ nsgs: JSON.stringify({ subnet: [denyAllIn] }), flow: probe, vnetCidrs: ['10.224.0.0/16'] });
    expect(r.access).toBe('Deny');
    expect(lastRule(r).rule).toBe('deny-all-in');
    expect(r.diagnostics.map((d) => d.code)).toContain('nsg-blocks-lb-probe');
  });
  it(`${aks1.id} fix: ${aks1.fix}`, () => {
    const allowLb = { name: 'allow-lb', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: 'AzureLoadBalancer', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' };
    const r = evaluateFlow({ nsgs: JSON.stringify({ subnet: [allowLb, { ...denyAllIn, priority: 200 }] }), flow: probe, vnetCidrs: ['10.224.0.0/16'] });
    expect(r.access).toBe('Allow');
    expect(lastRule(r).rule).toBe('allow-lb');
    expect(r.diagnostics.map((d) => d.code)).not.toContain('nsg-blocks-lb-probe');
  });
  it(`${aks2.id}: ${aks2.expect}`, () => {
    const denyInternet = { name: 'deny-internet', priority: 4000, direction: 'Outbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'Internet', destinationPortRange: '*' };
    const r = evaluateFlow({
      nsgs: JSON.stringify({ subnet: [denyInternet] }),
      flow: { direction: 'Outbound', protocol: 'Udp', sourceIp: '10.224.0.4', sourcePort: 40000, destinationIp: '20.50.10.10', destinationPort: 1194 },
      vnetCidrs: ['10.224.0.0/16'],
    });
    expect(r.access).toBe('Deny');
    expect(lastRule(r).rule).toBe('deny-internet');
    expect(r.diagnostics.map((d) => d.code)).toContain('nsg-blocks-aks-egress');
  });
});
