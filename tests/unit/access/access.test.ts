/**
 * API server access. Expected values come from the public sources, not from the code:
 * - "Secure access to the API server using authorized IP address ranges in AKS" (examples
 *   73.140.245.0/24, 137.117.106.88/29, "" disables, 0.0.0.0/32, limit 200 / 2,000 with VNet integration);
 * - the Azure CLI validator's own unit tests (acs/tests/…/test_validators.py): "192.168.0.0,192.168.0.0/16"
 *   is refused as not global, "193.168.0" as not an IPv4 address/CIDR, "3ffe:1900:4545:3:200:f8ff:fe21:67cf" as IPv6;
 * - "Create a private AKS cluster" (ranges only apply to the public endpoint) and
 *   "Establish network connectivity to a private AKS cluster" (peering needs a private DNS zone link).
 */
import { describe, expect, it } from 'vitest';
import { checkApiServerAccess, validateAuthorizedRanges, type ApiServerAccessInput } from '../../../src/lib/access';

const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);
const pub = (ranges: string[] | undefined, client: ApiServerAccessInput['client'], extra: Partial<ApiServerAccessInput['cluster']> = {}) =>
  checkApiServerAccess({ cluster: { privateCluster: false, authorizedIpRanges: ranges, vnetCidrs: ['10.224.0.0/12'], ...extra }, client });

describe('public API server with authorized IP ranges (docs examples)', () => {
  it('az aks update … --api-server-authorized-ip-ranges 73.140.245.0/24: a client inside is reachable, one outside is blocked', () => {
    const inside = pub(['73.140.245.0/24'], { ip: '73.140.245.20', via: 'internet' });
    expect(inside).toMatchObject({ reachable: true, verdict: 'reachable', matchedRange: '73.140.245.0/24', endpoint: 'public' });
    const outside = pub(['73.140.245.0/24'], { ip: '73.140.246.1', via: 'internet' });
    expect(outside).toMatchObject({ reachable: false, verdict: 'blocked' });
  });
  it('several ranges separated by commas (73.140.245.0/24,193.168.1.0/24,194.168.1.0/24)', () => {
    const r = pub(['73.140.245.0/24', '193.168.1.0/24', '194.168.1.0/24'], { ip: '194.168.1.77' });
    expect(r).toMatchObject({ reachable: true, matchedRange: '194.168.1.0/24', via: 'internet' });
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
  it('"" (or no value) disables authorized ranges: reachable from anywhere', () => {
    for (const ranges of [[''], [], undefined]) {
      const r = pub(ranges, { ip: '198.51.100.9', via: 'internet' });
      expect(r).toMatchObject({ reachable: true, ranges: 'disabled' });
    }
    expect(codes(pub([''], { ip: '8.8.8.8' }))).toContain('authorized-ranges-disabled');
  });
  it('137.117.106.90/29 must be written 137.117.106.88/29 (first address of the range)', () => {
    const d = validateAuthorizedRanges({ ranges: ['137.117.106.90/29'] }).diagnostics.find((x) => x.code === 'authorized-range-host-bits');
    expect(d?.message).toContain('137.117.106.88/29');
    expect(validateAuthorizedRanges({ ranges: ['137.117.106.88/29'] }).diagnostics).toEqual([]);
  });
  it('0.0.0.0/32 allows only the cluster\'s load balancer outbound IP', () => {
    const lbIp = '20.62.10.5';
    expect(pub(['0.0.0.0/32'], { ip: lbIp }, { outboundIps: [lbIp] })).toMatchObject({ reachable: true, ranges: 'outbound-only' });
    expect(pub(['0.0.0.0/32'], { ip: '73.140.245.20' }, { outboundIps: [lbIp] })).toMatchObject({ reachable: false, verdict: 'blocked' });
    expect(pub(['0.0.0.0/32'], { ip: '10.224.0.9', via: 'vnet' }, { outboundIps: [lbIp] })).toMatchObject({ reachable: true });
  });
  it('0.0.0.0/32 cannot be combined with other ranges; "" cannot be mixed with ranges', () => {
    expect(codes(validateAuthorizedRanges({ ranges: ['0.0.0.0/32', '73.140.245.0/24'] }))).toContain('authorized-ranges-outbound-only-combined');
    expect(codes(validateAuthorizedRanges({ ranges: ['', '73.140.245.0/24'] }))).toContain('authorized-ranges-empty-entry');
  });
});

describe('validation of ranges (Azure CLI validator test cases + limits)', () => {
  const v = (ranges: string[], extra = {}) => codes(validateAuthorizedRanges({ ranges, ...extra }));
  it('"192.168.0.0,192.168.0.0/16" → must be global non-reserved addresses', () => {
    expect(v(['192.168.0.0', '192.168.0.0/16']).filter((c) => c === 'authorized-range-not-global')).toHaveLength(2);
  });
  it('"193.168.0" → not an IPv4 address or CIDR', () => {
    expect(v(['193.168.0'])).toContain('authorized-range-invalid');
  });
  it('"3ffe:1900:4545:3:200:f8ff:fe21:67cf" → cannot be IPv6 addresses (IPv6 is not supported)', () => {
    expect(v(['3ffe:1900:4545:3:200:f8ff:fe21:67cf'])).toContain('authorized-range-ipv6');
    expect(v(['2001:db8::/32'])).toContain('authorized-range-ipv6');
  });
  it('other reserved blocks are refused; neighbours just outside are not', () => {
    for (const bad of ['10.1.0.0/16', '172.31.0.0/16', '100.64.0.0/24', '127.0.0.1', '169.254.1.0/24', '203.0.113.0/24']) expect(v([bad])).toContain('authorized-range-not-global');
    for (const good of ['100.63.255.0/24', '172.32.0.0/16', '11.0.0.0/8', '73.140.245.0/24', '8.8.8.8']) expect(v([good])).not.toContain('authorized-range-not-global');
  });
  it('limit: 200 ranges pass, 201 do not; with API Server VNet Integration, 2,000 pass and 2,001 do not', () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `${20 + Math.floor(i / 250)}.${i % 250}.0.0/16`);
    expect(v(list(200))).not.toContain('authorized-ranges-too-many');
    expect(v(list(201))).toContain('authorized-ranges-too-many');
    expect(v(list(2000), { apiServerVnetIntegration: true })).not.toContain('authorized-ranges-too-many');
    expect(v(list(2001), { apiServerVnetIntegration: true })).toContain('authorized-ranges-too-many');
  });
  it('duplicates and nested ranges are reported; disjoint ranges are not', () => {
    expect(v(['73.140.245.0/24', '73.140.245.0/24'])).toContain('authorized-range-duplicate');
    expect(v(['73.140.0.0/16', '73.140.245.0/24'])).toContain('authorized-range-duplicate');
    expect(v(['73.140.245.0/24', '73.140.246.0/24'])).not.toContain('authorized-range-duplicate');
  });
  it('0.0.0.0/0 is reported as allowing everything', () => {
    expect(v(['0.0.0.0/0'])).toContain('authorized-range-allows-all');
  });
  it('garbage never throws', () => {
    for (const ranges of [[null], [42], 'x', {}, [['a']]]) expect(() => validateAuthorizedRanges({ ranges })).not.toThrow();
    expect(() => checkApiServerAccess(undefined as unknown as ApiServerAccessInput)).not.toThrow();
    expect(codes(checkApiServerAccess({ cluster: { privateCluster: false }, client: { ip: 'not-an-ip' } }))).toContain('client-ip-invalid');
  });
});

describe('cluster egress IPs and lock-out', () => {
  const egress = '20.62.10.5';
  it('UDR/NAT gateway egress IP not in the ranges → authorized-ranges-lock-out; near miss: listed → no warning', () => {
    for (const outboundType of ['userDefinedRouting', 'userAssignedNATGateway', 'managedNATGateway'] as const) {
      expect(codes(pub(['73.140.245.0/24'], { ip: '73.140.245.20' }, { outboundIps: [egress], outboundType }))).toContain('authorized-ranges-lock-out');
      expect(codes(pub(['73.140.245.0/24', `${egress}/32`], { ip: '73.140.245.20' }, { outboundIps: [egress], outboundType }))).not.toContain('authorized-ranges-lock-out');
    }
  });
  it('load balancer egress: AKS adds the outbound IP by default, so only an info note', () => {
    const r = pub(['73.140.245.0/24'], { ip: '10.224.0.9', via: 'vnet' }, { outboundIps: [egress], outboundType: 'loadBalancer' });
    expect(codes(r)).toContain('authorized-ranges-outbound-auto');
    expect(codes(r)).not.toContain('authorized-ranges-lock-out');
    expect(r.reachable).toBe(true);
  });
  it('a client inside the cluster VNet behind a firewall egress IP that is not authorized is blocked', () => {
    const r = pub(['73.140.245.0/24'], { ip: '10.224.0.9', via: 'vnet' }, { outboundIps: [egress], outboundType: 'userDefinedRouting' });
    expect(r).toMatchObject({ reachable: false, verdict: 'blocked' });
  });
  it('a private client whose egress IP is unknown gives an "unknown" verdict, not a guess', () => {
    expect(pub(['73.140.245.0/24'], { ip: '192.168.1.10', via: 'vpn' })).toMatchObject({ reachable: false, verdict: 'unknown' });
  });
});

describe('private cluster', () => {
  const priv = (client: ApiServerAccessInput['client'], extra: Partial<ApiServerAccessInput['cluster']> = {}) =>
    checkApiServerAccess({ cluster: { privateCluster: true, vnetCidrs: ['10.224.0.0/12'], peeredCidrs: ['10.100.0.0/24'], ...extra }, client });
  it('unreachable from the internet, even from an address that would be "authorized"', () => {
    const r = priv({ ip: '73.140.245.20', via: 'internet' }, { authorizedIpRanges: ['73.140.245.0/24'] });
    expect(r).toMatchObject({ reachable: false, verdict: 'blocked', endpoint: 'private', ranges: 'not-applicable' });
    expect(codes(r)).toContain('authorized-ranges-private-cluster');
  });
  it('reachable from the cluster VNet', () => {
    expect(priv({ ip: '10.224.5.5', via: 'vnet' })).toMatchObject({ reachable: true, via: 'vnet' });
  });
  it('reachable from a jump box in a peered management VNet, provided the private DNS zone is linked to it', () => {
    const r = priv({ ip: '10.100.0.4' });
    expect(r).toMatchObject({ reachable: true, via: 'peered-vnet' });
    expect(r.conditions.join(' ')).toMatch(/private DNS zone/);
    expect(r.conditions.join(' ')).toMatch(/peered/);
  });
  it('a client claiming the peered VNet with an address outside it is "unknown"', () => {
    expect(priv({ ip: '10.101.0.4', via: 'peered-vnet' })).toMatchObject({ reachable: false, verdict: 'unknown' });
  });
  it('overlapping peered and cluster ranges are an error (such VNets cannot be peered)', () => {
    expect(codes(priv({ ip: '10.224.0.4' }, { peeredCidrs: ['10.224.128.0/24'] }))).toContain('peered-overlaps-vnet');
  });
  it('reachable over VPN/ExpressRoute, with the DNS forwarding condition', () => {
    const r = priv({ ip: '192.168.50.7', via: 'vpn' });
    expect(r.reachable).toBe(true);
    expect(r.conditions.join(' ')).toMatch(/DNS/);
  });
});
