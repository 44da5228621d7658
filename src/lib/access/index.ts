/**
 * Can this client reach the AKS API server? Public endpoint with or without authorized IP
 * ranges, or a private cluster's private endpoint reached from the cluster VNet, a peered
 * (management) VNet, or a VPN/ExpressRoute.
 *
 * Facts and their sources:
 * - Authorized ranges: up to 200 (2,000 with API Server VNet Integration); "" disables them;
 *   0.0.0.0/32 allows only the outbound IP of the Standard load balancer; the LB outbound IP and the
 *   API server IP are added by default at creation; "the cluster egress IP (firewall, NAT gateway …)"
 *   should be added. [RANGES]
 * - The Azure CLI refuses IPv6 ranges, non-global (private/reserved) ranges, ranges with host bits
 *   set, and 0.0.0.0/32 combined with other ranges. [CLI]
 * - Private clusters: "IP authorized ranges only apply to the public API server. You can't apply
 *   these ranges to the private API server endpoint." [PRIVATE] Reaching the private endpoint needs
 *   network access to the cluster VNet (same VNet, peering + a private DNS zone link, VPN/ExpressRoute,
 *   Bastion, Cloud Shell in a VNet, or `az aks command invoke`). [CONNECT]
 */
import { containsCidr, containsIp, formatCidr, overlaps, parseCidr, parseIp, type Cidr, type Ip } from '../cidr/ip';
import { diag, guard, type Diagnostic } from '../diagnostics';
import { FACTS } from '../facts';

export const ACCESS_SOURCES = {
  ranges: 'https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges',
  cli: 'https://github.com/Azure/azure-cli/blob/dev/src/azure-cli/azure/cli/command_modules/acs/_validators.py',
  private: 'https://learn.microsoft.com/azure/aks/private-clusters',
  connect: 'https://learn.microsoft.com/azure/aks/private-cluster-connect',
  outboundType: 'https://learn.microsoft.com/azure/aks/egress-outboundtype',
  vnetIntegration: 'https://learn.microsoft.com/azure/aks/api-server-vnet-integration',
} as const;

export const MAX_AUTHORIZED_RANGES = FACTS['authorized-ranges-max'].value;
export const MAX_AUTHORIZED_RANGES_VNET_INTEGRATION = FACTS['authorized-ranges-max-vnet-integration'].value;
/** The placeholder that means "only the cluster's own load balancer outbound IP". */
export const ONLY_OUTBOUND = FACTS['authorized-ranges-outbound-only'].value;

export type Via = 'internet' | 'vnet' | 'peered-vnet' | 'vpn';
/** loadBalancer, managedNATGateway, managedNATGatewayV2 (preview), userAssignedNATGateway, userDefinedRouting, none, block. */
export type OutboundType = (typeof FACTS)['outbound-types']['value'][number];
export const OUTBOUND_TYPES: readonly OutboundType[] = FACTS['outbound-types'].value;

export interface ApiServerAccessInput {
  cluster: {
    privateCluster: boolean;
    /** A list, or one comma-separated string as `az aks update --api-server-authorized-ip-ranges` takes it. */
    authorizedIpRanges?: string[] | string;
    vnetCidrs?: string[];
    peeredCidrs?: string[];
    /** The cluster's egress public IPs (load balancer, NAT gateway or firewall), when known. */
    outboundIps?: string[];
    outboundType?: OutboundType;
    /** API Server VNet Integration raises the range limit to 2,000. */
    apiServerVnetIntegration?: boolean;
  };
  client: { ip: string; via?: Via };
}

export interface ApiServerAccessResult {
  reachable: boolean;
  why: string;
  diagnostics: Diagnostic[];
  /** `unknown` when the answer depends on something not given (e.g. the public IP a private client leaves from). */
  verdict: 'reachable' | 'blocked' | 'unknown';
  endpoint: 'public' | 'private';
  /** The path used: given, or inferred from the client address. */
  via: Via;
  /** `unreadable`: the restriction could not be read, so no client is reported reachable through it. */
  ranges: 'disabled' | 'list' | 'outbound-only' | 'not-applicable' | 'unreadable';
  /** The authorized range that admitted the client, if any. */
  matchedRange?: string;
  /** What must also be true for the verdict to hold (DNS links, peering …). */
  conditions: string[];
}

// Python's ipaddress "private" blocks (the Azure CLI refuses ranges that are not `is_global`),
// plus 100.64.0.0/10, which `is_global` also excludes.
const NOT_GLOBAL = [
  '0.0.0.0/8', '10.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/29', '192.0.0.170/31', '192.0.2.0/24',
  '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '240.0.0.0/4', '255.255.255.255/32',
].map((t) => parseCidr(t)).flatMap((r) => (r.ok ? [r.value] : []));
const SHARED = parseCidr('100.64.0.0/10');

/** Not "global" in the sense of Python's ipaddress (first and last address both special, or inside 100.64.0.0/10). */
export function isNotGlobal(c: Cidr): boolean {
  if (c.family !== 4) return false;
  const first: Ip = { family: 4, value: c.network };
  const last: Ip = { family: 4, value: c.network + (1n << BigInt(32 - c.prefix)) - 1n };
  if (SHARED.ok && containsCidr(SHARED.value, c)) return true;
  return NOT_GLOBAL.some((b) => containsIp(b, first)) && NOT_GLOBAL.some((b) => containsIp(b, last));
}

const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((t) => parseCidr(t)).flatMap((r) => (r.ok ? [r.value] : []));
const isPrivateIp = (ip: Ip): boolean => (ip.family === 4 ? PRIVATE_V4.some((c) => containsIp(c, ip)) : (ip.value >> 121n) === 0x7en /* fc00::/7 */);

interface RangeCheck {
  /** `unreadable` when the list itself could not be read (it must never read as "no restriction"). */
  mode: 'disabled' | 'list' | 'outbound-only' | 'unreadable';
  ranges: { cidr: Cidr; index: number; text: string }[];
  /** Entries that restrict access but cannot be evaluated offline: service tags, or text that is not a range. */
  unresolved: { index: number; text: string; kind: 'service-tag' | 'invalid' }[];
  diagnostics: Diagnostic[];
}

/** A service tag name as the Azure CLI accepts it in --api-server-authorized-ip-ranges (preview): `AzureCloud`, `AzureCloud.westeurope`. */
const SERVICE_TAG = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)?$/;

/** Validates authorized IP ranges the way the Azure CLI and the AKS docs describe. */
export function validateAuthorizedRanges(input: { ranges?: unknown; privateCluster?: boolean; apiServerVnetIntegration?: boolean }): RangeCheck {
  // Accepts a list, or one comma-separated string as `az aks update --api-server-authorized-ip-ranges` takes it.
  const diagnostics: Diagnostic[] = [];
  const field = (i: number) => `cluster.authorizedIpRanges[${i}]`;
  const given = input.ranges;
  if (given === undefined || given === null) return { mode: 'disabled', ranges: [], unresolved: [], diagnostics };
  // The Azure CLI takes the ranges as one comma-separated string; read that form as the list it is.
  const raw: unknown = typeof given === 'string' ? given.split(',') : given;
  if (!Array.isArray(raw)) {
    diagnostics.push(diag('error', 'authorized-ranges-wrong-type', `authorizedIpRanges should be a list of CIDR ranges (or one comma-separated string, as az takes it), not ${JSON.stringify(given) ?? String(given)}. The restriction cannot be read, so no client is reported as reachable through it.`, { field: 'cluster.authorizedIpRanges', source: ACCESS_SOURCES.ranges }));
    return { mode: 'unreadable', ranges: [], unresolved: [], diagnostics };
  }
  const texts = raw.map((r, i) => ({ text: typeof r === 'string' ? r.trim() : r, index: i }));
  const nonEmpty = texts.filter((t) => t.text !== '');
  if (nonEmpty.length === 0) {
    diagnostics.push(diag('info', 'authorized-ranges-disabled', 'No authorized ranges: the feature is off ("" disables it) and the public API server accepts connections from any address. Kubernetes RBAC / Azure RBAC still decide what a caller may do.', { field: 'cluster.authorizedIpRanges', source: ACCESS_SOURCES.ranges }));
    return { mode: 'disabled', ranges: [], unresolved: [], diagnostics };
  }
  if (texts.length > nonEmpty.length && nonEmpty.length) {
    const e = texts.find((t) => t.text === '')!;
    diagnostics.push(diag('error', 'authorized-ranges-empty-entry', 'An empty entry disables authorized ranges; the Azure CLI refuses it mixed with ranges ("cannot be disabled and simultaneously enabled").', { field: field(e.index), source: ACCESS_SOURCES.cli }));
  }
  const limit = input.apiServerVnetIntegration ? MAX_AUTHORIZED_RANGES_VNET_INTEGRATION : MAX_AUTHORIZED_RANGES;
  if (nonEmpty.length > limit) {
    diagnostics.push(diag('error', 'authorized-ranges-too-many', `${nonEmpty.length} ranges: the upper limit is ${limit.toLocaleString('en')}${input.apiServerVnetIntegration ? ' with API Server VNet Integration' : ' (API Server VNet Integration allows up to 2,000)'}.`, { field: 'cluster.authorizedIpRanges', source: ACCESS_SOURCES.ranges }));
  }
  if (input.privateCluster) {
    diagnostics.push(diag('warning', 'authorized-ranges-private-cluster', 'Authorized IP ranges only apply to the public API server; they do not restrict a private cluster\'s private endpoint (and the feature "isn\'t supported on private clusters" unless public access is kept, e.g. with API Server VNet Integration).', { field: 'cluster.authorizedIpRanges', source: ACCESS_SOURCES.private }));
  }
  const onlyOutbound = nonEmpty.some((t) => t.text === ONLY_OUTBOUND);
  if (onlyOutbound && nonEmpty.length > 1) {
    const e = nonEmpty.find((t) => t.text === ONLY_OUTBOUND)!;
    diagnostics.push(diag('error', 'authorized-ranges-outbound-only-combined', `${ONLY_OUTBOUND} means "only the cluster's own load balancer outbound IP"; the Azure CLI refuses it together with other ranges.`, { field: field(e.index), source: ACCESS_SOURCES.cli }));
  }
  const ranges: RangeCheck['ranges'] = [];
  const unresolved: RangeCheck['unresolved'] = [];
  for (const { text, index } of nonEmpty) {
    if (typeof text !== 'string') {
      diagnostics.push(diag('error', 'authorized-range-invalid', `Entry ${index + 1} should be text such as 73.140.245.0/24. It cannot be read, so a client it might admit is reported as unknown, not reachable.`, { field: field(index) }));
      unresolved.push({ index, text: JSON.stringify(text) ?? String(text), kind: 'invalid' });
      continue;
    }
    if (text === ONLY_OUTBOUND) continue;
    if (SERVICE_TAG.test(text)) {
      diagnostics.push(diag('warning', 'authorized-range-service-tag', `"${text}" is a service tag (a preview feature of authorized IP ranges). Its addresses change and are not known offline, so a client not covered by the other ranges is "unknown", not blocked.`, { field: field(index), source: ACCESS_SOURCES.ranges }));
      unresolved.push({ index, text, kind: 'service-tag' });
      continue;
    }
    const c = parseCidr(text, { strict: false, allowBareIp: true });
    if (!c.ok) {
      diagnostics.push(diag('error', 'authorized-range-invalid', `"${text}" is not an IPv4 address or CIDR range: ${c.reason}. The Azure CLI refuses it; a client it might be meant to admit is reported as unknown.`, { field: field(index), source: ACCESS_SOURCES.cli }));
      unresolved.push({ index, text, kind: 'invalid' });
      continue;
    }
    if (c.value.family === 6) {
      diagnostics.push(diag('error', 'authorized-range-ipv6', `"${text}" is IPv6. Authorized ranges are IPv4 only: the Azure CLI answers "--api-server-authorized-ip-ranges cannot be IPv6 addresses".`, { field: field(index), source: ACCESS_SOURCES.cli }));
      continue;
    }
    if (c.hostBitsSet) {
      diagnostics.push(diag('error', 'authorized-range-host-bits', `"${text}" does not start at the first address of its range; write ${formatCidr(c.value)}. ("When you specify a CIDR range, start with the first IP address in the range.")`, { field: field(index), source: ACCESS_SOURCES.ranges }));
    }
    if (c.value.prefix === 0) {
      diagnostics.push(diag('warning', 'authorized-range-allows-all', `"${text}" authorizes every IPv4 address, which is the same as having no restriction.`, { field: field(index), source: ACCESS_SOURCES.ranges }));
    }
    if (c.value.prefix > 0 && isNotGlobal(c.value)) {
      diagnostics.push(diag('error', 'authorized-range-not-global', `"${text}" is a private or reserved range. The API server's public endpoint only ever sees public source addresses, and the Azure CLI refuses it ("must be global non-reserved addresses or CIDRs"). Authorize the public IP your network leaves from instead.`, { field: field(index), source: ACCESS_SOURCES.cli }));
    }
    const dup = ranges.find((r) => containsCidr(r.cidr, c.value) || containsCidr(c.value, r.cidr));
    if (dup) {
      diagnostics.push(diag('warning', 'authorized-range-duplicate', `"${text}" ${formatCidr(dup.cidr) === formatCidr(c.value) ? 'repeats' : 'overlaps'} "${dup.text}"; one entry is enough and each counts towards the limit of ${limit.toLocaleString('en')}.`, { field: field(index) }));
    }
    ranges.push({ cidr: c.value, index, text });
  }
  return { mode: onlyOutbound && ranges.length === 0 && unresolved.length === 0 ? 'outbound-only' : 'list', ranges, unresolved, diagnostics };
}

function parseList(list: unknown, name: string, diags: Diagnostic[]): Cidr[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    diags.push(diag('error', 'access-wrong-type', `${name} should be a list of CIDR ranges.`, { field: `cluster.${name}` }));
    return [];
  }
  return list.flatMap((t, i) => {
    const r = parseCidr(t, { strict: false, allowBareIp: true });
    if (!r.ok) {
      diags.push(diag('error', 'access-invalid-cidr', `${name}[${i}]: ${r.reason}.`, { field: `cluster.${name}[${i}]` }));
      return [];
    }
    return [r.value];
  });
}

const inAny = (list: Cidr[], ip: Ip): Cidr | undefined => list.find((c) => containsIp(c, ip));

export function checkApiServerAccess(input: ApiServerAccessInput): ApiServerAccessResult {
  return guard(
    () => check(input),
    (d) => ({ reachable: false, why: 'The input could not be evaluated.', diagnostics: [d], verdict: 'unknown', endpoint: 'public', via: 'internet', ranges: 'disabled', conditions: [] }),
  );
}

function check(input: ApiServerAccessInput): ApiServerAccessResult {
  const cluster = input?.cluster ?? ({ privateCluster: false } as ApiServerAccessInput['cluster']);
  const client = input?.client ?? ({ ip: '' } as ApiServerAccessInput['client']);
  const diags: Diagnostic[] = [];
  const isPrivate = cluster.privateCluster === true;
  // An unreadable privateCluster must not read as "public, so reachable": the endpoint is unknown.
  const privacyUnknown = cluster.privateCluster !== undefined && cluster.privateCluster !== null && typeof cluster.privateCluster !== 'boolean';
  if (privacyUnknown) diags.push(diag('error', 'access-wrong-type', `privateCluster should be true or false, not ${JSON.stringify(cluster.privateCluster) ?? String(cluster.privateCluster)}; whether the API server has a public endpoint is unknown.`, { field: 'cluster.privateCluster' }));
  const vnet = parseList(cluster.vnetCidrs, 'vnetCidrs', diags);
  const peered = parseList(cluster.peeredCidrs, 'peeredCidrs', diags);
  const outbound = parseList(cluster.outboundIps, 'outboundIps', diags);
  for (const p of peered) {
    const clash = vnet.find((v) => overlaps(v, p));
    if (clash) diags.push(diag('error', 'peered-overlaps-vnet', `The peered range ${formatCidr(p)} overlaps the cluster VNet range ${formatCidr(clash)}; VNets with overlapping address spaces cannot be peered.`, { field: 'cluster.peeredCidrs', source: ACCESS_SOURCES.connect }));
  }
  const rc = validateAuthorizedRanges({ ranges: cluster.authorizedIpRanges, privateCluster: isPrivate, apiServerVnetIntegration: cluster.apiServerVnetIntegration });
  diags.push(...rc.diagnostics);

  // ARM reads enums ignoring case (`loadbalancer` is loadBalancer); an unknown value is an error, never a default.
  const outboundType = OUTBOUND_TYPES.find((t) => typeof cluster.outboundType === 'string' && t.toLowerCase() === cluster.outboundType.trim().toLowerCase());
  if (cluster.outboundType !== undefined && cluster.outboundType !== null && !outboundType) {
    diags.push(diag('error', 'access-invalid-outbound-type', `outboundType "${String(cluster.outboundType)}" is not one of ${OUTBOUND_TYPES.join(', ')}; the load balancer's outbound IP is not assumed to be authorized.`, { field: 'cluster.outboundType', source: ACCESS_SOURCES.outboundType }));
  }
  const lbAutoAdded = (outboundType === undefined && (cluster.outboundType === undefined || cluster.outboundType === null)) || outboundType === 'loadBalancer';
  // Lock-out: egress IPs the ranges do not cover (only LB outbound IPs are added automatically).
  if (!isPrivate && rc.mode === 'list' && outbound.length) {
    const uncovered = outbound.filter((o) => !rc.ranges.some((r) => containsCidr(r.cidr, o)));
    if (uncovered.length) {
      const list = uncovered.map(formatCidr).join(', ');
      if (lbAutoAdded) {
        diags.push(diag('info', 'authorized-ranges-outbound-auto', `The cluster's outbound IP ${list} is not in the list. With outbound type loadBalancer, AKS adds the load balancer's outbound IP by default when the ranges are enabled at creation; list it explicitly if you are unsure how the ranges were set.`, { field: 'cluster.outboundIps', source: ACCESS_SOURCES.ranges }));
      } else {
        diags.push(diag('warning', 'authorized-ranges-lock-out', `The cluster's egress IP ${list} (${outboundType}) is not authorized. Only the load balancer's outbound IP is added automatically; Microsoft recommends adding "the cluster egress IP address (firewall, NAT gateway, or other address)". Workloads and tools inside the cluster that call the public API server would be refused.`, { field: 'cluster.outboundIps', source: ACCESS_SOURCES.ranges }));
      }
    }
  }

  const ipr = parseIp(client.ip);
  if (!ipr.ok) {
    diags.push(diag('error', 'client-ip-invalid', `The client address is not valid: ${ipr.reason}.`, { field: 'client.ip' }));
    return { reachable: false, why: 'The client address is not valid.', diagnostics: diags, verdict: 'unknown', endpoint: isPrivate ? 'private' : 'public', via: 'internet', ranges: isPrivate ? 'not-applicable' : rc.mode, conditions: [] };
  }
  const ip = ipr.value;
  const inVnet = inAny(vnet, ip);
  const inPeered = inAny(peered, ip);
  let via: Via;
  const givenVia = (['internet', 'vnet', 'peered-vnet', 'vpn'] as const).find((v) => typeof client.via === 'string' && v === client.via.trim().toLowerCase());
  if (client.via !== undefined && client.via !== null) {
    if (!givenVia) diags.push(diag('error', 'client-via-invalid', `"${String(client.via)}" is not a path: use internet, vnet, peered-vnet or vpn. It is taken as internet.`, { field: 'client.via' }));
    via = givenVia ?? 'internet';
  } else {
    via = inVnet ? 'vnet' : inPeered ? 'peered-vnet' : isPrivateIp(ip) ? 'vpn' : 'internet';
    diags.push(diag('info', 'client-via-inferred', `No path given: ${client.ip} is taken to come ${({ vnet: 'from inside the cluster VNet', 'peered-vnet': 'from a peered VNet', vpn: 'over a VPN/ExpressRoute (a private address outside the VNets given)', internet: 'from the internet' } as const)[via]}.`, { field: 'client.via' }));
  }
  if (via === 'vnet' && vnet.length && !inVnet) diags.push(diag('warning', 'client-not-in-vnet', `${client.ip} is not inside the cluster VNet (${vnet.map(formatCidr).join(', ')}).`, { field: 'client.ip' }));
  if (via === 'peered-vnet' && peered.length && !inPeered) diags.push(diag('warning', 'client-not-in-peered-vnet', `${client.ip} is not inside the peered ranges (${peered.map(formatCidr).join(', ')}).`, { field: 'client.ip' }));
  if (via === 'internet' && isPrivateIp(ip)) diags.push(diag('warning', 'client-private-on-internet', `${client.ip} is a private address; on the internet the API server sees the public address your network's NAT or firewall uses. Enter that address.`, { field: 'client.ip' }));

  const base = { diagnostics: diags, via, endpoint: (isPrivate ? 'private' : 'public') as 'private' | 'public' };
  if (privacyUnknown) {
    return { ...base, ranges: rc.mode === 'disabled' ? 'disabled' : rc.mode, reachable: false, verdict: 'unknown', conditions: [], why: 'Unknown: privateCluster could not be read, so whether the API server has a public endpoint is unknown.' };
  }

  if (isPrivate) {
    const ranges = 'not-applicable' as const;
    if (via === 'internet') {
      return { ...base, ranges, reachable: false, verdict: 'blocked', conditions: [], why: 'Blocked: in a private cluster the API server has only a private endpoint in the cluster VNet, so nothing on the internet reaches it, whatever the authorized ranges say. Connect from the VNet, a peered management VNet (jump box or Azure Bastion), a VPN/ExpressRoute, or use `az aks command invoke`.' };
    }
    const consistent = via === 'vnet' ? !vnet.length || !!inVnet : via === 'peered-vnet' ? !peered.length || !!inPeered : true;
    const conditions =
      via === 'vnet'
        ? ['The VNet uses Azure DNS (168.63.129.16) or a DNS server that forwards the privatelink.<region>.azmk8s.io zone, so the API server name resolves to the private endpoint.']
        : via === 'peered-vnet'
          ? ['The two VNets are peered in both directions (their ranges must not overlap).', 'The cluster\'s private DNS zone has a virtual network link to the peered VNet (or its DNS server forwards the zone to 168.63.129.16).', 'No NSG or firewall on the path blocks TCP 443 to the private endpoint.']
          : ['The VPN or ExpressRoute connects to the cluster VNet (directly or through a hub peered with it).', 'On-premises DNS forwards the privatelink.<region>.azmk8s.io zone to Azure (for example Azure DNS Private Resolver).'];
    if (!consistent) {
      return { ...base, ranges, reachable: false, verdict: 'unknown', conditions, why: `Unknown: the client is said to come from the ${via === 'vnet' ? 'cluster VNet' : 'peered VNet'}, but ${client.ip} is not in its ranges.` };
    }
    const where = via === 'vnet' ? 'inside the cluster VNet' : via === 'peered-vnet' ? 'in a peered VNet' : 'on a network connected by VPN/ExpressRoute';
    return { ...base, ranges, reachable: true, verdict: 'reachable', conditions, why: `Reachable through the private endpoint: the client is ${where}, and a private cluster's API server answers on a private IP in the cluster VNet. Authorized IP ranges do not apply to this endpoint.` };
  }

  // Public endpoint.
  if (rc.mode === 'unreadable') {
    return { ...base, ranges: 'unreadable', reachable: false, verdict: 'unknown', conditions: ['Write authorizedIpRanges as a list of CIDR ranges (or one comma-separated string).'], why: 'Unknown: the authorized IP ranges could not be read. A restriction that cannot be read is never taken as "no restriction".' };
  }
  if (rc.mode === 'disabled') {
    return { ...base, ranges: 'disabled', reachable: true, verdict: 'reachable', conditions: [], why: 'Reachable: the API server has a public endpoint and no authorized IP ranges, so any address can connect (authentication and RBAC still apply). Consider authorized ranges or a private cluster.' };
  }
  // The address the API server sees: the client's own if public, else the network's egress IP.
  const seen: { ips: Cidr[]; how: string } | undefined =
    !isPrivateIp(ip) ? { ips: [{ family: ip.family, network: ip.value, prefix: ip.family === 4 ? 32 : 128, text: client.ip }], how: `its own address ${client.ip}` }
      : via === 'vnet' && outbound.length ? { ips: outbound, how: `the cluster's egress IP ${outbound.map(formatCidr).join(', ')}` }
        : undefined;
  if (!seen) {
    return { ...base, ranges: rc.mode, reachable: false, verdict: 'unknown', conditions: [`Find the public IP your ${via === 'vnet' ? 'cluster egresses' : 'network leaves'} from (NAT gateway, firewall or proxy) and check that it is authorized.`], why: `Unknown: ${client.ip} is private, so the public API server sees the public IP this network leaves from, which was not given${via === 'vnet' ? ' (add outboundIps)' : ''}.` };
  }
  const outboundMatch = (c: Cidr) => outbound.some((o) => containsCidr(o, c));
  if (rc.mode === 'outbound-only') {
    const ok = seen.ips.every(outboundMatch);
    return {
      ...base, ranges: 'outbound-only', reachable: ok, verdict: ok ? 'reachable' : outbound.length ? 'blocked' : 'unknown', conditions: outbound.length ? [] : ['Give outboundIps to check against the cluster\'s load balancer outbound IP.'],
      why: ok ? `Reachable: ${ONLY_OUTBOUND} allows only the cluster's own load balancer outbound IP, and the client arrives from ${seen.how}.` : `Blocked: ${ONLY_OUTBOUND} allows only the cluster's own load balancer outbound IP${outbound.length ? ` (${outbound.map(formatCidr).join(', ')})` : ''}; the client arrives from ${seen.how}.`,
    };
  }
  const match = seen.ips.map((c) => rc.ranges.find((r) => containsCidr(r.cidr, c)));
  if (match.every(Boolean)) {
    const m = match[0]!;
    return { ...base, ranges: 'list', reachable: true, verdict: 'reachable', matchedRange: m.text, conditions: [], why: `Reachable: the client arrives from ${seen.how}, inside the authorized range ${m.text}.` };
  }
  if (via === 'vnet' && lbAutoAdded && seen.ips.every(outboundMatch)) {
    return { ...base, ranges: 'list', reachable: true, verdict: 'reachable', conditions: ['The load balancer outbound IP was added automatically (true when the ranges were enabled at cluster creation).'], why: `Reachable: the client leaves through the cluster's load balancer outbound IP, which AKS allows by default in addition to the listed ranges.` };
  }
  if (rc.unresolved.length) {
    const tags = rc.unresolved.filter((u) => u.kind === 'service-tag').map((u) => u.text);
    const bad = rc.unresolved.filter((u) => u.kind === 'invalid').map((u) => u.text);
    const what = [tags.length ? `the service tag${tags.length > 1 ? 's' : ''} ${tags.join(', ')} (not expandable offline)` : '', bad.length ? `the unreadable entr${bad.length > 1 ? 'ies' : 'y'} ${bad.join(', ')}` : ''].filter(Boolean).join(' and ');
    return { ...base, ranges: 'list', reachable: false, verdict: 'unknown', conditions: tags.length ? [`Check whether ${seen.how.replace(/^its own address /, '')} belongs to ${tags.join(' or ')} (Azure publishes the service tag ranges weekly).`] : [], why: `Unknown: the client arrives from ${seen.how}, which none of the readable ranges covers; ${what} might.` };
  }
  return { ...base, ranges: 'list', reachable: false, verdict: 'blocked', conditions: [], why: `Blocked: the client arrives from ${seen.how}, ${rc.ranges.length === 1 ? `which is not in the authorized range ${rc.ranges[0]!.text}` : `which is in none of the ${rc.ranges.length} authorized ranges`}. Add it (keeping the existing ranges: the list given to az aks update replaces the old one).` };
}
