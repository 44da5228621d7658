/**
 * NSG rules beyond the shared vectors: each documented default rule (names and priorities as
 * printed in the overview's table), boundary ports, IPv6 and plural prefixes, input shapes, and
 * every lint code with a near miss that must not raise it.
 */
import { describe, expect, it } from 'vitest';
import { evaluateFlow, lintNsg, parseFlowLine, type Flow } from '../../../src/lib/nsg';

const VNET = ['10.0.0.0/16'];
const inbound = (src: string, dst: string, port: number, protocol: Flow['protocol'] = 'Tcp', sport = 50000): Flow => ({ direction: 'Inbound', protocol, sourceIp: src, sourcePort: sport, destinationIp: dst, destinationPort: port });
const outbound = (src: string, dst: string, port: number, protocol: Flow['protocol'] = 'Tcp'): Flow => ({ direction: 'Outbound', protocol, sourceIp: src, sourcePort: 50000, destinationIp: dst, destinationPort: port });
const rule = (over: Record<string, unknown>) => ({ name: 'r', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*', ...over });
const nsg = (...rules: Record<string, unknown>[]) => JSON.stringify(rules.map(rule));
const decided = (r: ReturnType<typeof evaluateFlow>) => r.decidedBy[r.decidedBy.length - 1];
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe('the six default rules (overview table)', () => {
  // [flow, expected name, priority, access] — each flow chosen so that rule is the first match.
  const cases: [string, Flow, string, number, 'Allow' | 'Deny'][] = [
    ['VNet → VNet inbound', inbound('10.0.5.9', '10.0.0.4', 22), 'AllowVnetInBound', 65000, 'Allow'],
    ['probe source to an address outside VirtualNetwork', inbound('168.63.129.16', '10.9.0.4', 80), 'AllowAzureLoadBalancerInBound', 65001, 'Allow'],
    ['internet inbound', inbound('203.0.113.10', '10.0.0.4', 443), 'DenyAllInBound', 65500, 'Deny'],
    ['VNet → VNet outbound', outbound('10.0.0.4', '10.0.200.1', 5432), 'AllowVnetOutBound', 65000, 'Allow'],
    ['outbound to a public address', outbound('10.0.0.4', '13.107.21.200', 443), 'AllowInternetOutBound', 65001, 'Allow'],
    ['outbound to a private address outside the VNet', outbound('10.0.0.4', '192.168.7.7', 443), 'DenyAllOutBound', 65500, 'Deny'],
  ];
  for (const [what, flow, name, priority, access] of cases) {
    it(`${name} (${priority}, ${access}) decides ${what}`, () => {
      const r = evaluateFlow({ nsgs: '[]', flow, vnetCidrs: VNET });
      expect(r.access).toBe(access);
      expect(decided(r)).toMatchObject({ rule: name, priority, isDefault: true, ruleId: `defaultSecurityRules/${name}` });
    });
  }
  it('the table of an NSG with no custom rules lists the three defaults of the direction, in order', () => {
    const r = evaluateFlow({ nsgs: '[]', flow: inbound('203.0.113.10', '10.0.0.4', 443), vnetCidrs: VNET });
    expect(r.nsgs[0]!.rows.map((x) => [x.name, x.priority, x.access, x.source, x.destination])).toEqual([
      ['AllowVnetInBound', 65000, 'Allow', 'VirtualNetwork', 'VirtualNetwork'],
      ['AllowAzureLoadBalancerInBound', 65001, 'Allow', 'AzureLoadBalancer', '0.0.0.0/0'],
      ['DenyAllInBound', 65500, 'Deny', '0.0.0.0/0', '0.0.0.0/0'],
    ]);
    const out = evaluateFlow({ nsgs: '[]', flow: outbound('10.0.0.4', '8.8.8.8', 53, 'Udp'), vnetCidrs: VNET });
    expect(out.nsgs[0]!.rows.map((x) => [x.name, x.priority, x.destination])).toEqual([
      ['AllowVnetOutBound', 65000, 'VirtualNetwork'], ['AllowInternetOutBound', 65001, 'Internet'], ['DenyAllOutBound', 65500, '0.0.0.0/0'],
    ]);
  });
  it('a custom rule overrides a default rule ("override them by creating rules with higher priorities")', () => {
    const r = evaluateFlow({ nsgs: nsg({ name: 'deny-vnet', priority: 4096, access: 'Deny', protocol: '*', sourceAddressPrefix: 'VirtualNetwork' }), flow: inbound('10.0.5.9', '10.0.0.4', 22), vnetCidrs: VNET });
    expect(decided(r)).toMatchObject({ rule: 'deny-vnet', isDefault: false, ruleId: 'securityRules/deny-vnet' });
  });
});

describe('ports', () => {
  const r = (port: number, ranges: unknown, sport = 50000) => evaluateFlow({ nsgs: nsg({ name: 'web', destinationPortRanges: ranges, destinationPortRange: undefined }), flow: inbound('203.0.113.10', '10.0.0.4', port, 'Tcp', sport), vnetCidrs: VNET });
  it.each([
    [9999, 'Deny'], [10000, 'Allow'], [10005, 'Allow'], [10006, 'Deny'], [80, 'Allow'], [79, 'Deny'], [81, 'Deny'],
  ])('port %i against ["80", "10000-10005"] → %s', (port, access) => {
    expect(r(port, ['80', '10000-10005']).access).toBe(access);
  });
  it('ports 0 and 65535 are inside "*" and "0-65535"', () => {
    expect(r(0, ['*']).access).toBe('Allow');
    expect(r(65535, ['0-65535']).access).toBe('Allow');
    expect(r(65535, ['1-65534']).access).toBe('Deny');
  });
  it('a comma-separated port string works ("80, 10000-10005")', () => {
    expect(r(10002, ['80, 10000-10005']).access).toBe('Allow');
  });
  it('source port ranges are checked too', () => {
    const x = evaluateFlow({ nsgs: nsg({ sourcePortRange: '1024-65535' }), flow: inbound('203.0.113.10', '10.0.0.4', 443, 'Tcp', 1023), vnetCidrs: VNET });
    expect(x.access).toBe('Deny');
    expect(x.nsgs[0]!.rows[0]!.why).toMatch(/source port 1023/);
  });
  it.each(['65536', '443-80', 'http', '-1'])('"%s" is an invalid port (nsg-invalid-port) and the rule never matches', (bad) => {
    const x = r(443, [bad]);
    expect(codes(x)).toContain('nsg-invalid-port');
    expect(x.access).toBe('Deny');
  });
  it('an invalid flow port is an error, not an exception', () => {
    const x = evaluateFlow({ nsgs: '[]', flow: inbound('203.0.113.10', '10.0.0.4', 65536), vnetCidrs: VNET });
    expect(x.valid).toBe(false);
    expect(codes(x)).toContain('flow-invalid-port');
  });
});

describe('addresses: plural prefixes, IPv6, service tags', () => {
  it('plural sourceAddressPrefixes: any entry matches', () => {
    const rules = nsg({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ['192.0.2.7', '198.51.100.0/24'] });
    expect(evaluateFlow({ nsgs: rules, flow: inbound('192.0.2.7', '10.0.0.4', 443), vnetCidrs: VNET }).access).toBe('Allow');
    expect(evaluateFlow({ nsgs: rules, flow: inbound('198.51.100.255', '10.0.0.4', 443), vnetCidrs: VNET }).access).toBe('Allow');
    expect(evaluateFlow({ nsgs: rules, flow: inbound('192.0.2.8', '10.0.0.4', 443), vnetCidrs: VNET }).access).toBe('Deny');
  });
  const V6 = ['fd00:10::/48'];
  it('IPv6 prefixes: a /48 source matches inside, not outside', () => {
    const rules = nsg({ sourceAddressPrefix: '2001:db8:1::/48' });
    const inside = evaluateFlow({ nsgs: rules, flow: inbound('2001:db8:1:ffff::1', 'fd00:10::4', 443), vnetCidrs: V6 });
    expect(decided(inside)?.rule).toBe('r');
    const outside = evaluateFlow({ nsgs: rules, flow: inbound('2001:db8:2::1', 'fd00:10::4', 443), vnetCidrs: V6 });
    expect(decided(outside)?.rule).toBe('DenyAllInBound');
  });
  it('IPv6: a bare address is a /128, and VirtualNetwork covers the IPv6 VNet range', () => {
    const rules = nsg({ sourceAddressPrefix: '2001:db8::7', access: 'Deny' });
    expect(decided(evaluateFlow({ nsgs: rules, flow: inbound('2001:db8::7', 'fd00:10::4', 22), vnetCidrs: V6 }))?.rule).toBe('r');
    expect(decided(evaluateFlow({ nsgs: '[]', flow: inbound('fd00:10::9', 'fd00:10::4', 22), vnetCidrs: V6 }))?.rule).toBe('AllowVnetInBound');
    // a public IPv6 address is "Internet" for the outbound default rule
    expect(decided(evaluateFlow({ nsgs: '[]', flow: outbound('fd00:10::4', '2001:4860::8888', 443), vnetCidrs: V6 }))?.rule).toBe('AllowInternetOutBound');
  });
  it('mixing IPv4 and IPv6 in one flow is rejected', () => {
    expect(codes(evaluateFlow({ nsgs: '[]', flow: inbound('2001:db8::1', '10.0.0.4', 443), vnetCidrs: VNET }))).toContain('flow-mixed-families');
  });
  it('user-supplied tag prefixes are used; an unknown tag is reported and never matches', () => {
    const rules = nsg({ access: 'Deny', direction: 'Outbound', sourceAddressPrefix: '*', destinationAddressPrefix: 'AzureCloud.westeurope' });
    const known = evaluateFlow({ nsgs: rules, flow: outbound('10.0.0.4', '20.50.1.1', 443), vnetCidrs: VNET, serviceTags: { 'AzureCloud.westeurope': ['20.50.0.0/16'] } });
    expect(decided(known)?.rule).toBe('r');
    const unknown = evaluateFlow({ nsgs: rules, flow: outbound('10.0.0.4', '20.50.1.1', 443), vnetCidrs: VNET });
    expect(decided(unknown)?.rule).toBe('AllowInternetOutBound');
    expect(codes(unknown)).toContain('nsg-rule-not-resolved');
  });
  it('"Any", "*", "0.0.0.0/0" all mean every address; tags are case-insensitive', () => {
    for (const any of ['Any', '*', '0.0.0.0/0']) {
      expect(decided(evaluateFlow({ nsgs: nsg({ sourceAddressPrefix: any }), flow: inbound('203.0.113.10', '10.0.0.4', 443), vnetCidrs: VNET }))?.rule).toBe('r');
    }
    expect(decided(evaluateFlow({ nsgs: nsg({ sourceAddressPrefix: 'internet' }), flow: inbound('203.0.113.10', '10.0.0.4', 443), vnetCidrs: VNET }))?.rule).toBe('r');
  });
  it('without VNet ranges, VirtualNetwork is assumed to be the RFC 1918 ranges and the tool says so', () => {
    const r = evaluateFlow({ nsgs: '[]', flow: inbound('172.16.5.5', '10.0.0.4', 22) });
    expect(codes(r)).toContain('nsg-vnet-assumed');
    expect(decided(r)?.rule).toBe('AllowVnetInBound');
  });
  it('ICMP only matches rules that do not limit ports', () => {
    const limited = evaluateFlow({ nsgs: nsg({ protocol: '*', destinationPortRange: '443' }), flow: inbound('203.0.113.10', '10.0.0.4', 0, 'Icmp'), vnetCidrs: VNET });
    expect(decided(limited)?.rule).toBe('DenyAllInBound');
    const all = evaluateFlow({ nsgs: nsg({ protocol: 'Icmp' }), flow: inbound('203.0.113.10', '10.0.0.4', 0, 'Icmp'), vnetCidrs: VNET });
    expect(decided(all)?.rule).toBe('r');
    expect(codes(all)).toContain('nsg-icmp-ports');
  });
});

describe('input shapes', () => {
  const flow = inbound('203.0.113.10', '10.0.0.4', 443);
  it('ARM: an NSG resource with properties.securityRules of { name, properties } rules', () => {
    const arm = { name: 'aks-nsg', type: 'Microsoft.Network/networkSecurityGroups', properties: { securityRules: [{ name: 'https', properties: rule({ name: undefined, destinationPortRange: '443' }) }] } };
    const r = evaluateFlow({ nsgs: JSON.stringify({ subnet: arm }), flow, vnetCidrs: VNET });
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(decided(r)).toMatchObject({ nsg: 'subnet', rule: 'https' });
  });
  it('az network nsg rule list output (with id, etag, provisioningState …) reads without warnings', () => {
    const az = [{ ...rule({ name: 'https', destinationPortRange: '443' }), id: '/subscriptions/x/…/securityRules/https', etag: 'W/"1"', provisioningState: 'Succeeded', resourceGroup: 'rg', type: 'Microsoft.Network/networkSecurityGroups/securityRules', sourceAddressPrefixes: [], destinationAddressPrefixes: [], sourcePortRanges: [], destinationPortRanges: [] }];
    const r = evaluateFlow({ nsgs: JSON.stringify(az), flow, vnetCidrs: VNET });
    expect(r.diagnostics).toEqual([]);
    expect(decided(r)?.rule).toBe('https');
  });
  it('a YAML syntax error is a positioned diagnostic, not an exception', () => {
    const r = evaluateFlow({ nsgs: '[\n  {"name": "x",\n  "priority": 100\n', flow, vnetCidrs: VNET });
    expect(r.valid).toBe(false);
    expect(r.diagnostics[0]!.code).toBe('yaml-syntax');
    expect(r.diagnostics[0]!.line).toBeGreaterThanOrEqual(2);
  });
  it('an unknown top-level key and an unknown rule field are reported at their position', () => {
    const r = evaluateFlow({ nsgs: '{\n  "subnt": []\n}', flow, vnetCidrs: VNET });
    expect(r.diagnostics.find((d) => d.code === 'nsg-unknown-key')).toMatchObject({ line: 2 });
    const f = evaluateFlow({ nsgs: '[\n {"name": "a", "priority": 100, "direction": "Inbound", "access": "Allow",\n  "protocl": "Tcp", "sourceAddressPrefix": "*", "destinationAddressPrefix": "*"}\n]', flow, vnetCidrs: VNET });
    expect(f.diagnostics.find((d) => d.code === 'nsg-unknown-field')).toMatchObject({ line: 3, column: 3 });
    expect(f.diagnostics.find((d) => d.code === 'nsg-unknown-field')!.message).toMatch(/did you mean "protocol"/);
  });
  it('hostile input never throws', () => {
    for (const text of ['', 'null', '42', '"x"', '[[[[', '{"subnet": 5}', '[1, "a", null]', '&a [*a]', '['.repeat(500), JSON.stringify(Array.from({ length: 1200 }, (_, i) => rule({ name: `r${i}`, priority: 100 + (i % 3000) })))]) {
      expect(() => evaluateFlow({ nsgs: text, flow, vnetCidrs: VNET })).not.toThrow();
    }
    expect(() => evaluateFlow({ nsgs: '[]', flow: undefined as unknown as Flow })).not.toThrow();
    expect(codes(evaluateFlow({ nsgs: JSON.stringify(Array.from({ length: 1001 }, (_, i) => rule({ name: `r${i}`, priority: 100 + i }))), flow, vnetCidrs: VNET }))).toContain('nsg-too-many-rules');
  });
});

describe('lint codes (each raised, and a near miss that is not)', () => {
  const lint = (...rules: Record<string, unknown>[]) => codes(lintNsg({ nsgs: nsg(...rules), vnetCidrs: VNET }));
  it('nsg-duplicate-priority: same priority and direction; near miss: same priority, other direction', () => {
    expect(lint({ name: 'a' }, { name: 'b' })).toContain('nsg-duplicate-priority');
    expect(lint({ name: 'a' }, { name: 'b', direction: 'Outbound' })).not.toContain('nsg-duplicate-priority');
  });
  it('nsg-shadowed-rule: an earlier broader rule with the other access; near miss: the earlier rule is narrower', () => {
    expect(lint({ name: 'deny-10', access: 'Deny', sourceAddressPrefix: '10.0.0.0/8' }, { name: 'allow-10-1', priority: 200, sourceAddressPrefix: '10.1.0.0/16', destinationPortRange: '443' })).toContain('nsg-shadowed-rule');
    expect(lint({ name: 'allow-10-1', sourceAddressPrefix: '10.1.0.0/16', destinationPortRange: '443' }, { name: 'deny-10', priority: 200, access: 'Deny', sourceAddressPrefix: '10.0.0.0/8' })).not.toContain('nsg-shadowed-rule');
    // partial port overlap is not shadowing
    expect(lint({ name: 'a', access: 'Deny', destinationPortRange: '80-100' }, { name: 'b', priority: 200, destinationPortRange: '90-110' })).not.toContain('nsg-shadowed-rule');
  });
  it('nsg-redundant-rule: an earlier broader rule with the same access; near miss: other protocol', () => {
    expect(lint({ name: 'a', protocol: '*' }, { name: 'b', priority: 200, protocol: 'Udp', destinationPortRange: '53' })).toContain('nsg-redundant-rule');
    expect(lint({ name: 'a', protocol: 'Tcp' }, { name: 'b', priority: 200, protocol: 'Udp', destinationPortRange: '53' })).not.toContain('nsg-redundant-rule');
  });
  it('nsg-blocks-lb-probe: inbound Deny from * / VirtualNetwork / AzureLoadBalancer; near miss: Deny from Internet, or an earlier Allow from AzureLoadBalancer', () => {
    expect(lint({ name: 'deny', access: 'Deny', protocol: '*' })).toContain('nsg-blocks-lb-probe');
    expect(lint({ name: 'deny', access: 'Deny', sourceAddressPrefix: 'VirtualNetwork' })).toContain('nsg-blocks-lb-probe');
    expect(lint({ name: 'deny', access: 'Deny', sourceAddressPrefix: '168.63.129.0/24' })).toContain('nsg-blocks-lb-probe');
    expect(lint({ name: 'deny', access: 'Deny', sourceAddressPrefix: 'Internet' })).not.toContain('nsg-blocks-lb-probe');
    expect(lint({ name: 'deny', access: 'Deny', protocol: 'Udp' })).not.toContain('nsg-blocks-lb-probe');
    expect(lint({ name: 'deny-ssh', access: 'Deny', destinationPortRange: '22' })).not.toContain('nsg-blocks-lb-probe');
    expect(lint({ name: 'deny-nodeports', access: 'Deny', destinationPortRange: '32000-32100' })).toContain('nsg-blocks-lb-probe');
    expect(lint({ name: 'lb', sourceAddressPrefix: 'AzureLoadBalancer', protocol: '*' }, { name: 'deny', priority: 4000, access: 'Deny', protocol: '*' })).not.toContain('nsg-blocks-lb-probe');
  });
  it('nsg-blocks-aks-egress: outbound Deny to Internet on 443/1194/9000; near miss: Deny only port 25, or earlier Allows to AzureCloud', () => {
    const deny = { name: 'deny-out', priority: 4000, direction: 'Outbound', access: 'Deny', protocol: '*', destinationAddressPrefix: 'Internet' };
    expect(lint(deny)).toContain('nsg-blocks-aks-egress');
    expect(lint({ ...deny, protocol: 'Tcp', destinationPortRange: '25' })).not.toContain('nsg-blocks-aks-egress');
    const allowTcp = { name: 'allow-tcp', direction: 'Outbound', protocol: 'Tcp', destinationAddressPrefix: 'AzureCloud', destinationPortRanges: ['443', '9000'] };
    const allowUdp = { name: 'allow-udp', priority: 110, direction: 'Outbound', protocol: 'Udp', destinationAddressPrefix: 'AzureCloud', destinationPortRange: '1194' };
    // AKS documents `AzureCloud.<Region>` for UDP 1194 / TCP 9000; HTTPS 443 goes to FQDNs an NSG cannot name.
    const egress = (...rules: Record<string, unknown>[]) => lintNsg({ nsgs: nsg(...rules), vnetCidrs: VNET }).diagnostics.filter((d) => d.code === 'nsg-blocks-aks-egress').map((d) => d.message).join(' ');
    expect(egress(allowTcp, allowUdp, deny)).toMatch(/denies outbound TCP 443 to the internet/);
    
    const allowHttps = { name: 'allow-https', priority: 120, direction: 'Outbound', protocol: 'Tcp', destinationAddressPrefix: 'Internet', destinationPortRange: '443' };
    expect(lint(allowTcp, allowUdp, allowHttps, deny)).not.toContain('nsg-blocks-aks-egress');
    expect(lint(allowTcp, allowHttps, deny)).toContain('nsg-blocks-aks-egress'); // UDP 1194 still blocked
  });
  it('nsg-blocks-aks-egress: an Allow to another service tag (Storage) does not meet what AKS needs', () => {
    const deny = { name: 'deny-out', priority: 4000, direction: 'Outbound', access: 'Deny', protocol: '*', destinationAddressPrefix: 'Internet' };
    const storage = { name: 'allow-storage', priority: 100, direction: 'Outbound', protocol: '*', destinationAddressPrefix: 'Storage', destinationPortRange: '*' };
    expect(lint(storage, deny)).toContain('nsg-blocks-aks-egress');
    const regional = { name: 'allow-cloud', priority: 100, direction: 'Outbound', protocol: '*', destinationAddressPrefix: 'AzureCloud.westeurope', destinationPortRanges: ['1194', '9000'] };
    const https = { name: 'allow-https', priority: 110, direction: 'Outbound', protocol: 'Tcp', destinationAddressPrefix: 'Internet', destinationPortRange: '443' };
    expect(lint(regional, https, deny)).not.toContain('nsg-blocks-aks-egress');
  });
  it('nsg-priority-out-of-range at 99 and 4097; near miss: 100 and 4096', () => {
    expect(lint({ name: 'a', priority: 99 })).toContain('nsg-priority-out-of-range');
    expect(lint({ name: 'a', priority: 4097 })).toContain('nsg-priority-out-of-range');
    expect(lint({ name: 'a', priority: 100 }, { name: 'b', priority: 4096, destinationPortRange: '1' })).not.toContain('nsg-priority-out-of-range');
  });
  it('nsg-invalid-rule-name; near miss: dots, dashes and a trailing _ are fine', () => {
    expect(lint({ name: '-bad' })).toContain('nsg-invalid-rule-name');
    expect(lint({ name: 'bad.' })).toContain('nsg-invalid-rule-name');
    expect(lint({ name: 'x'.repeat(81) })).toContain('nsg-invalid-rule-name');
    expect(lint({ name: 'allow.web-443_' })).not.toContain('nsg-invalid-rule-name');
  });
  it('nsg-multiple-service-tags; near miss: one tag', () => {
    expect(lint({ name: 'a', sourceAddressPrefix: undefined, sourceAddressPrefixes: ['Internet', 'AzureCloud'] })).toContain('nsg-multiple-service-tags');
    expect(lint({ name: 'a', sourceAddressPrefix: undefined, sourceAddressPrefixes: ['Internet'] })).not.toContain('nsg-multiple-service-tags');
  });
  it('nsg-invalid-prefix and nsg-missing-field', () => {
    expect(lint({ name: 'a', sourceAddressPrefix: '10.0.0.300/24' })).toContain('nsg-invalid-prefix');
    expect(lint({ name: 'a', direction: undefined })).toContain('nsg-missing-field');
    expect(lint({ name: 'a', sourceAddressPrefix: '10.0.0.0/24' })).not.toContain('nsg-invalid-prefix');
  });
  it('diagnostics point at the rule in the JSON text', () => {
    const text = '[\n  {"name": "a", "priority": 100, "direction": "Inbound", "access": "Allow", "sourceAddressPrefix": "*", "destinationAddressPrefix": "*"},\n  {"name": "b", "priority": 100, "direction": "Inbound", "access": "Deny", "sourceAddressPrefix": "*", "destinationAddressPrefix": "*"}\n]';
    const d = lintNsg({ nsgs: text, vnetCidrs: VNET }).diagnostics.find((x) => x.code === 'nsg-duplicate-priority')!;
    expect(d.line).toBe(3);
    expect(text.split('\n')[2]!.slice(d.column! - 1)).toMatch(/^100/);
  });
});

describe('flow line', () => {
  it('reads direction, protocol, endpoints, vnet and tag lines', () => {
    const r = parseFlowLine('# probe\nInbound Tcp 203.0.113.7:50000 -> 10.240.0.4:443\nvnet: 10.240.0.0/16, 10.241.0.0/16\ntag AzureCloud.westeurope: 20.50.0.0/16');
    expect(r.diagnostics).toEqual([]);
    expect(r.flow).toEqual({ direction: 'Inbound', protocol: 'Tcp', sourceIp: '203.0.113.7', sourcePort: 50000, destinationIp: '10.240.0.4', destinationPort: 443 });
    expect(r.vnetCidrs).toEqual(['10.240.0.0/16', '10.241.0.0/16']);
    expect(r.serviceTags).toEqual({ 'AzureCloud.westeurope': ['20.50.0.0/16'] });
  });
  it('reads IPv6 endpoints in brackets', () => {
    expect(parseFlowLine('outbound udp [fd00::4]:5000 → [2001:db8::53]:53').flow).toMatchObject({ direction: 'Outbound', protocol: 'Udp', sourceIp: 'fd00::4', destinationIp: '2001:db8::53', destinationPort: 53 });
  });
  it('reports mistakes at their column', () => {
    const r = parseFlowLine('Sideways Tcp 1.2.3.4:1 -> 10.0.0.4:443');
    expect(r.diagnostics[0]).toMatchObject({ code: 'flow-invalid-direction', line: 1, column: 1 });
    expect(parseFlowLine('Inbound Tcp 1.2.3.4 -> 10.0.0.4:443').diagnostics[0]).toMatchObject({ code: 'flow-invalid-endpoint', column: 13 });
    expect(parseFlowLine('').diagnostics[0]!.code).toBe('flow-missing');
  });
});
