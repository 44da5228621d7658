/**
 * Matching one flow against one rule, field by field, with the reason a field does not match.
 * Service tags are resolved from a TagContext built from the reader's VNet ranges and any
 * tag prefixes they supply; membership follows "Virtual network service tags"
 * (https://learn.microsoft.com/azure/virtual-network/service-tags-overview).
 */
import { containsCidr, containsIp, parseCidr, parseIp, type Cidr, type Ip } from '../cidr/ip';
import { AZURE_HOST_IP, formatAddresses, formatPorts, type Address, type FlowProtocol, type NsgRule, type PortRange } from './model';

export interface Flow {
  direction: 'Inbound' | 'Outbound';
  protocol: FlowProtocol;
  sourceIp: string;
  sourcePort: number;
  destinationIp: string;
  destinationPort: number;
}

export interface ParsedFlow extends Omit<Flow, 'sourceIp' | 'destinationIp'> {
  source: Ip;
  destination: Ip;
  sourceText: string;
  destinationText: string;
}

const cidrs = (list: string[]): Cidr[] => list.map((t) => parseCidr(t, { strict: false, allowBareIp: true })).flatMap((r) => (r.ok ? [r.value] : []));

/**
 * Address space that is not "the IP address space … reachable by the public internet": private
 * (RFC 1918, RFC 4193), shared (RFC 6598), loopback, link-local, "this network", multicast and
 * reserved blocks. Used to decide the `Internet` tag, together with "outside the virtual network".
 */
const NOT_INTERNET = cidrs([
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/4', '240.0.0.0/4',
  '::/128', '::1/128', 'fc00::/7', 'fe80::/10', 'ff00::/8',
]);
/** Used for `VirtualNetwork` only when the reader gives no VNet ranges (an assumption the engine reports). */
export const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

export interface TagContext {
  /** Members of VirtualNetwork: the VNet ranges, peered/connected ranges given, and the host IP. */
  virtualNetwork: Cidr[];
  /** User-supplied tags (keys lower-cased) → prefixes. */
  custom: Map<string, Cidr[]>;
}

export function makeTagContext(vnetCidrs: string[], serviceTags: Record<string, string[]> = {}): TagContext {
  const custom = new Map<string, Cidr[]>();
  for (const [k, v] of Object.entries(serviceTags)) custom.set(k.toLowerCase(), cidrs(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []));
  const vnetExtra = custom.get('virtualnetwork') ?? [];
  return { virtualNetwork: [...cidrs(vnetCidrs), ...vnetExtra, ...cidrs([AZURE_HOST_IP])], custom };
}

export const BUILT_IN_TAGS = ['VirtualNetwork', 'AzureLoadBalancer', 'Internet'] as const;

export type Tri = 'yes' | 'no' | 'unknown';

/** Does the address entry contain `ip`? `unknown` for a tag whose prefixes the tool does not know. */
export function addressContains(a: Address, ip: Ip, ctx: TagContext): Tri {
  if (a.kind === 'any') return 'yes';
  if (a.kind === 'cidr') return containsIp(a.cidr, ip) ? 'yes' : 'no';
  const t = a.tag.toLowerCase();
  const inVnet = ctx.virtualNetwork.some((c) => containsIp(c, ip));
  if (t === 'virtualnetwork') return inVnet ? 'yes' : 'no';
  if (t === 'azureloadbalancer' && !ctx.custom.has(t)) {
    const host = parseIp(AZURE_HOST_IP);
    return host.ok && host.value.family === ip.family && host.value.value === ip.value ? 'yes' : 'no';
  }
  if (t === 'internet' && !ctx.custom.has(t)) return !inVnet && !NOT_INTERNET.some((c) => containsIp(c, ip)) ? 'yes' : 'no';
  const custom = ctx.custom.get(t);
  if (custom) return custom.some((c) => containsIp(c, ip)) ? 'yes' : 'no';
  return 'unknown';
}

function anyOf(list: Address[], ip: Ip, ctx: TagContext): Tri {
  let unknown = false;
  for (const a of list) {
    const r = addressContains(a, ip, ctx);
    if (r === 'yes') return 'yes';
    if (r === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'no';
}

export const portIn = (ports: PortRange[], port: number): boolean => ports.some((p) => port >= p.from && port <= p.to);
const isAllPorts = (ports: PortRange[]): boolean => ports.some((p) => p.from === 0 && p.to === 65535);

export interface RuleMatch {
  /** yes: the rule applies; no: it does not; unknown: it names something this tool cannot resolve. */
  result: Tri;
  /** Why, in words (the first field that does not match, or "all five fields match"). */
  why: string;
}

/** Matches a flow against a rule in the five-tuple order the overview lists. */
export function matchRule(rule: NsgRule, flow: ParsedFlow, ctx: TagContext): RuleMatch {
  if (rule.invalid) return { result: 'no', why: 'the rule could not be read (see the diagnostics), so it is skipped' };
  if (rule.direction !== flow.direction) return { result: 'no', why: `it is an ${rule.direction.toLowerCase()} rule` };
  if (rule.protocol !== '*' && rule.protocol !== flow.protocol) {
    return { result: 'no', why: `protocol ${rule.protocol} ≠ ${flow.protocol === '*' ? 'any protocol' : flow.protocol}` };
  }
  if (rule.sourceAsgs.length || rule.destinationAsgs.length) {
    return { result: 'unknown', why: 'it uses an application security group, whose members this offline tool cannot know; it is treated as not matching' };
  }
  const src = anyOf(rule.sources, flow.source, ctx);
  if (src === 'unknown') return { result: 'unknown', why: `source ${formatAddresses(rule.sources)} is a service tag whose prefixes were not supplied; treated as not matching` };
  if (src === 'no') return { result: 'no', why: `source ${flow.sourceText} is not in ${formatAddresses(rule.sources)}` };
  const dst = anyOf(rule.destinations, flow.destination, ctx);
  if (dst === 'unknown') return { result: 'unknown', why: `destination ${formatAddresses(rule.destinations)} is a service tag whose prefixes were not supplied; treated as not matching` };
  if (dst === 'no') return { result: 'no', why: `destination ${flow.destinationText} is not in ${formatAddresses(rule.destinations)}` };
  // ICMP carries no ports. Whether Azure ignores port fields for ICMP is not documented; we
  // only let an ICMP flow match rules whose port fields are "all ports" (the conservative reading).
  if (flow.protocol === 'Icmp' || flow.protocol === '*') {
    if (!isAllPorts(rule.sourcePorts) || !isAllPorts(rule.destinationPorts)) {
      return { result: 'no', why: `it limits ports (${formatPorts(rule.destinationPorts)}), and ${flow.protocol === 'Icmp' ? 'ICMP has no ports' : 'an any-protocol flow has no single port'}` };
    }
    return { result: 'yes', why: 'protocol, source and destination match (port fields are "any")' };
  }
  if (!portIn(rule.sourcePorts, flow.sourcePort)) return { result: 'no', why: `source port ${flow.sourcePort} is not in ${formatPorts(rule.sourcePorts)}` };
  if (!portIn(rule.destinationPorts, flow.destinationPort)) return { result: 'no', why: `destination port ${flow.destinationPort} is not in ${formatPorts(rule.destinationPorts)}` };
  return { result: 'yes', why: 'protocol, source, source port, destination and destination port all match' };
}

// ---- containment, for the shadowed-rule lint ----

function addressCovers(outer: Address, inner: Address, ctx: TagContext): boolean {
  if (outer.kind === 'any') return true;
  if (inner.kind === 'any') return false;
  if (outer.kind === 'tag' && inner.kind === 'tag') return outer.tag.toLowerCase() === inner.tag.toLowerCase();
  if (outer.kind === 'cidr' && inner.kind === 'cidr') return containsCidr(outer.cidr, inner.cidr);
  if (outer.kind === 'tag' && inner.kind === 'cidr') {
    const t = outer.tag.toLowerCase();
    const list = t === 'virtualnetwork' ? ctx.virtualNetwork : ctx.custom.get(t) ?? [];
    return list.some((c) => containsCidr(c, inner.cidr));
  }
  return false;
}

const portsCover = (outer: PortRange[], inner: PortRange[]): boolean => inner.every((i) => outer.some((o) => o.from <= i.from && o.to >= i.to));

/** True when every flow `inner` matches is also matched by `outer` (same direction assumed). */
export function ruleCovers(outer: NsgRule, inner: NsgRule, ctx: TagContext): boolean {
  if (outer.invalid || inner.invalid) return false;
  if (outer.sourceAsgs.length || outer.destinationAsgs.length || inner.sourceAsgs.length || inner.destinationAsgs.length) return false;
  if (outer.protocol !== '*' && outer.protocol !== inner.protocol) return false;
  return (
    inner.sources.every((i) => outer.sources.some((o) => addressCovers(o, i, ctx))) &&
    inner.destinations.every((i) => outer.destinations.some((o) => addressCovers(o, i, ctx))) &&
    portsCover(outer.sourcePorts, inner.sourcePorts) &&
    portsCover(outer.destinationPorts, inner.destinationPorts)
  );
}
