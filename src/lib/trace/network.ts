/**
 * Azure network building blocks of a trace (spec §1.1, §1.2): which subnet and VNet an address
 * is in, the NSGs of a subnet and of the AKS-managed NIC (with the rules the cloud provider
 * writes for each LoadBalancer Service), an NSG pair evaluated by the NSG engine, and route
 * selection (longest prefix; on a tie user-defined before system routes).
 */
import { containsIp, formatCidr, parseCidr, parseIp, type Cidr } from '../cidr/ip';
import { diag } from '../diagnostics';
import { FACTS } from '../facts';
import { evaluateFlow } from '../nsg';
import type { ResolvedService } from '../service';
import { sameId } from '../azure';
import type { Route, RouteTable } from '../azure/route-table';
import type { Environment, NsgDoc, Subnet } from './environment';
import { SRC } from './sources';
import type { Hop } from './types';

export const inCidr = (c: Cidr, ip: string): boolean => {
  const p = parseIp(ip);
  return p.ok && containsIp(c, p.value);
};

export const subnetOf = (env: Environment, ip: string): Subnet | undefined =>
  env.subnets.filter((s) => s.prefixes.some((c) => inCidr(c, ip))).sort((a, b) => (b.prefixes[0]?.prefix ?? 0) - (a.prefixes[0]?.prefix ?? 0))[0];

export const inVnets = (env: Environment, ip: string): boolean => env.vnets.some((v) => v.prefixes.some((c) => inCidr(c, ip)));
export const inPeered = (env: Environment, ip: string): boolean => env.vnets.some((v) => v.peered.some((c) => inCidr(c, ip)));

/** Every prefix the `VirtualNetwork` tag covers that the environment knows: VNets and their peers. */
export const vnetTag = (env: Environment): string[] => [
  ...env.vnets.flatMap((v) => [...v.prefixes, ...v.peered]).map(formatCidr),
  // "address prefixes used on user-defined routes" [TAGS] (kubenet's pod routes among them).
  ...env.routeTables.flatMap((t) => t.routes.filter((r) => r.prefix.prefix > 0).map((r) => formatCidr(r.prefix))),
];

/** The subnet of the cluster's nodes: from `az aks show`, else the subnet holding a node IP. */
export function nodeSubnet(env: Environment): Subnet | undefined {
  const id = env.cluster.nodeSubnetId;
  if (id) {
    const s = env.subnets.find((x) => sameId(x.id, id));
    if (s) return s;
  }
  const ip = env.nodes.find((n) => n.ip)?.ip;
  return ip ? subnetOf(env, ip) : env.subnets.length === 1 ? env.subnets[0] : undefined;
}

export function nsgOfSubnet(env: Environment, s: Subnet | undefined): NsgDoc | undefined {
  if (!s?.nsgId) return undefined;
  return env.nsgs.find((n) => sameId(n.id, s.nsgId) || n.name.toLowerCase() === s.nsgId!.split('/').pop()!.toLowerCase());
}

export function routeTableOf(env: Environment, s: Subnet | undefined): RouteTable | undefined {
  if (!s) return undefined;
  return env.routeTables.find((t) => (s.routeTableId && (sameId(t.id, s.routeTableId) || t.name.toLowerCase() === s.routeTableId.split('/').pop()!.toLowerCase())) || t.subnetIds.some((id) => sameId(id, s.id)));
}

const ANNOTATION = 'service.beta.kubernetes.io/';

/** Is the Service's floating IP turned off (then NSG rules and the LB rule use node IP:nodePort)? */
export const floatingIpDisabled = (env: Environment, s: ResolvedService): boolean =>
  env.manifests.some((m) => m.kind === 'Service' && m.namespace === s.namespace && m.name === s.name && m.annotations[`${ANNOTATION}azure-disable-load-balancer-floating-ip`] === 'true');

export const annotation = (env: Environment, s: ResolvedService, key: string): string | undefined =>
  env.manifests.find((m) => m.kind === 'Service' && m.namespace === s.namespace && m.name === s.name)?.annotations[`${ANNOTATION}${key}`];

/**
 * The rules the cloud provider writes into the AKS-managed NIC NSG for each LoadBalancer
 * Service [CPA-CODE]: `k8s-azure-lb_allow_IPv4_*` from priority 500 up, sources = the
 * Service's loadBalancerSourceRanges, azure-allowed-ip-ranges or azure-allowed-service-tags,
 * else `Internet` for a public LB (none for an internal one), destination = the frontend IP and
 * the Service port (node IPs and the nodePort without floating IP); a deny-all from 4096 down
 * when azure-deny-all-except-load-balancer-source-ranges is set.
 */
export function managedNicRules(env: Environment): Record<string, unknown>[] {
  const rules: Record<string, unknown>[] = [];
  // LoadBalancerMinimumPriority / LoadBalancerMaximumPriority of the cloud provider.
  const [min, max] = FACTS['cloud-provider-rule-priorities'].value;
  let prio = Number(min);
  let denyPrio = Number(max);
  for (const s of env.services) {
    if (s.type !== 'LoadBalancer') continue;
    const ips = env.lbIps.get(`${s.namespace}/${s.name}`) ?? [];
    if (!ips.length) continue;
    const floating = !floatingIpDisabled(env, s);
    const allowedIps = (annotation(env, s, 'azure-allowed-ip-ranges') ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    const tags = (annotation(env, s, 'azure-allowed-service-tags') ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    let sources = [...s.azure.sourceRanges, ...allowedIps, ...tags];
    if (!sources.length) sources = s.azure.loadBalancer === 'internal' ? [] : ['Internet'];
    const destinations = floating ? ips : env.nodes.flatMap((n) => (n.ip ? [n.ip] : []));
    for (const p of s.ports) {
      if (!sources.length || !destinations.length) continue;
      const port = floating ? p.port : p.nodePort;
      if (port === undefined) continue;
      rules.push({
        name: `k8s-azure-lb_allow_IPv4_${s.namespace}-${s.name}-${p.port}`,
        priority: prio++, direction: 'Inbound', access: 'Allow', protocol: p.protocol === 'UDP' ? 'Udp' : 'Tcp',
        sourceAddressPrefixes: sources, sourcePortRange: '*', destinationAddressPrefixes: destinations, destinationPortRange: String(port),
      });
    }
    if (annotation(env, s, 'azure-deny-all-except-load-balancer-source-ranges') === 'true') {
      rules.push({
        name: `k8s-azure-lb_deny-all_IPv4_${s.namespace}-${s.name}`, priority: denyPrio--, direction: 'Inbound', access: 'Deny', protocol: '*',
        sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefixes: destinations, destinationPortRange: '*',
      });
    }
  }
  return rules;
}

/** The AKS-managed NIC NSG: as given (a name starting `aks-agentpool-`), else modelled from the Services. */
export function managedNicNsg(env: Environment): { name: string; rules: unknown; modelled: boolean } {
  const given = env.nsgs.find((n) => /^aks-agentpool-/i.test(n.name));
  if (given) return { name: given.name, rules: given.value, modelled: false };
  if (!env.given.has('aks-nic-assumed')) {
    env.given.add('aks-nic-assumed');
    env.diagnostics.push(diag('info', 'trace-nic-nsg-modelled', 'The AKS-managed NIC NSG (aks-agentpool-…-nsg) was not given: it is modelled with the rules the cloud provider writes for each LoadBalancer Service (k8s-azure-lb_allow_… from priority 500) and the default rules.', { source: SRC.cpaCode }));
  }
  return { name: 'aks-agentpool-nsg (AKS-managed, modelled)', rules: { securityRules: managedNicRules(env) }, modelled: true };
}

export interface NsgLeg {
  direction: 'Inbound' | 'Outbound';
  src: string;
  dst: string;
  port: number;
  protocol: 'TCP' | 'UDP';
  subnet?: Subnet;
  /** Include the AKS-managed NIC NSG (the endpoint is a node NIC). */
  nodeNic: boolean;
  /** What the hop's picture shows as the packet (may differ from the NSG's view: public → private). */
  sees?: Hop['sees'];
}

/** Does a rule's port text ("80, 443", "65200-65535", "Any") cover the port? */
const portsCover = (text: string, port: number): boolean =>
  text.split(',').map((t) => t.trim()).some((t) => t === 'Any' || t === '*' || t === String(port) || (/^\d+-\d+$/.test(t) && port >= Number(t.split('-')[0]) && port <= Number(t.split('-')[1])));

const rulesOf = (n: NsgDoc): unknown => {
  const v = n.value;
  const p = (v.properties && typeof v.properties === 'object' ? v.properties : v) as Record<string, unknown>;
  return { securityRules: Array.isArray(p.securityRules) ? p.securityRules : [] };
};

/**
 * The NSG hops of one direction at one end: subnet then NIC inbound, NIC then subnet outbound
 * [NSG-HOW], each a hop; the walk stops at the first that denies. A rule that cannot be
 * resolved offline ahead of the deciding one makes the hop `unknown`.
 */
export function nsgHops(env: Environment, leg: NsgLeg): Hop[] {
  const subnetNsg = nsgOfSubnet(env, leg.subnet);
  if (leg.subnet && !subnetNsg) {
    const key = `no-nsg:${leg.subnet.id}`;
    if (!env.given.has(key)) {
      env.given.add(key);
      env.diagnostics.push(diag('info', 'trace-no-subnet-nsg', leg.subnet.nsgId
        ? `Subnet ${leg.subnet.name} names the NSG ${leg.subnet.nsgId.split('/').pop()}, which was not given: it is treated as absent. Paste az network nsg show for it.`
        : `No NSG on ${leg.subnet.name}: ${leg.nodeNic ? 'only the AKS-managed NIC NSG applies' : 'no subnet rule filters this flow'}.`, { source: SRC.nsgHow }));
    }
  }
  const nic = leg.nodeNic ? managedNicNsg(env) : undefined;
  if (!subnetNsg && !nic) return [];
  const nsgs: Record<string, unknown> = {};
  if (subnetNsg) nsgs.subnet = rulesOf(subnetNsg);
  if (nic) nsgs.nic = nic.rules;
  const vnet = vnetTag(env);
  const r = evaluateFlow({
    nsgs: JSON.stringify(nsgs),
    flow: { direction: leg.direction, protocol: leg.protocol === 'UDP' ? 'Udp' : 'Tcp', sourceIp: leg.src, sourcePort: 50000, destinationIp: leg.dst, destinationPort: leg.port },
    ...(vnet.length ? { vnetCidrs: vnet } : {}),
  });
  for (const d of r.diagnostics) {
    if (d.severity === 'error' || d.code === 'nsg-rule-not-resolved') env.diagnostics.push({ ...d, line: undefined, column: undefined, message: `NSG check ${leg.src} → ${leg.dst}:${leg.port}: ${d.message}` } as typeof d);
  }
  const sees = leg.sees ?? { src: leg.src, dst: leg.dst, port: leg.port };
  if (!r.valid) {
    return [{ id: 'nsg', resource: `nsg ${subnetNsg?.name ?? nic?.name}`, verdict: 'unknown', sees, detail: `The NSG rules could not be evaluated: ${r.explanation}`, source: SRC.nsgHow }];
  }
  const hops: Hop[] = [];
  for (const e of r.nsgs) {
    if (!e.evaluated) break;
    const name = e.name === 'subnet' ? `nsg ${subnetNsg!.name} (subnet ${leg.subnet?.name ?? ''})` : `nsg ${nic!.name} (NIC)`;
    const deciding = e.rows.find((x) => x.deciding);
    // A rule that could not be resolved offline matters only if it precedes the decision, has the other access and covers the port.
    const unresolved = e.rows.slice(0, e.rows.findIndex((x) => x.deciding)).some((x) => x.result === 'unknown' && x.access !== e.access && portsCover(x.destinationPorts, leg.port));
    const allow = e.access === 'Allow';
    const rule = deciding ? `${deciding.name} (priority ${deciding.priority})` : undefined;
    // Spec E2: whether the VirtualNetwork tag covers an Overlay pod CIDR is not stated; a default deny of pod traffic is then not certain.
    const pc = env.cluster.podCidr;
    const overlayPods = env.cluster.plugin === 'overlay' && !!pc && (inCidr(pc, leg.src) || inCidr(pc, leg.dst));
    if (!allow && overlayPods && deciding?.isDefault) {
      hops.push({ id: 'nsg', resource: name, verdict: 'unknown', sees, rule: rule!, source: SRC.overlay, detail: `${leg.direction} ${leg.protocol} ${leg.src} → ${leg.dst}:${leg.port} reaches the default ${rule}: whether the VirtualNetwork tag (AllowVNet…) covers the Overlay pod CIDR ${formatCidr(pc!)} is not stated by the sources.`, fix: `Add explicit allows for the pod CIDR ${formatCidr(pc!)} ("Node CIDR → Pod CIDR", "Pod CIDR → Pod CIDR") to ${e.name === 'subnet' ? subnetNsg!.name : 'a subnet NSG'}.` });
      continue;
    }
    hops.push({
      id: 'nsg',
      resource: name,
      verdict: unresolved ? 'unknown' : allow ? 'pass' : 'block',
      sees,
      detail: `${leg.direction} ${leg.protocol} ${leg.src} → ${leg.dst}:${leg.port} ${allow ? 'allowed' : 'denied'} by ${rule ?? 'no rule'}${unresolved ? '; an earlier rule could not be resolved offline, so the verdict may differ' : ''}.`,
      ...(rule ? { rule } : {}),
      source: SRC.nsgHow,
      ...(!allow ? { fix: `Add an ${leg.direction.toLowerCase()} allow for ${leg.src} → ${leg.dst} ${leg.protocol} ${leg.port} above priority ${deciding?.priority ?? FACTS['nsg-default-deny-priority'].value} in ${e.name === 'subnet' ? subnetNsg!.name : 'a subnet NSG (do not edit the AKS-managed NIC NSG)'}.` } : {}),
    });
    if (!allow) break;
  }
  return hops;
}

// ---- routes ---------------------------------------------------------------------------------

export interface RouteChoice {
  nextHopType: Route['nextHopType'] | 'VNetPeering';
  nextHopIp?: string;
  /** "udr <table>/<route>" or "system route 10.0.0.0/8". */
  name: string;
  prefix: string;
  user: boolean;
}

const SYSTEM_NONE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];
const cidr = (t: string): Cidr => (parseCidr(t) as { ok: true; value: Cidr }).value;

/** The route Azure picks for `dst` from `subnet` [UDR]: longest prefix; user-defined before system on a tie. */
export function selectRoute(env: Environment, subnet: Subnet | undefined, dst: string): RouteChoice {
  if (dst === '168.63.129.16') return { nextHopType: 'VnetLocal', name: 'host (168.63.129.16 is not subject to user-defined routes)', prefix: '168.63.129.16/32', user: false };
  const cands: (RouteChoice & { len: number })[] = [];
  const table = routeTableOf(env, subnet);
  for (const r of table?.routes ?? []) {
    if (inCidr(r.prefix, dst)) cands.push({ nextHopType: r.nextHopType, ...(r.nextHopIp ? { nextHopIp: r.nextHopIp } : {}), name: `udr ${table!.name}/${r.name}`, prefix: r.prefixText, user: true, len: r.prefix.prefix });
  }
  const vnet = env.vnets.find((v) => subnet && v.name === subnet.vnet) ?? env.vnets[0];
  for (const p of vnet?.prefixes ?? []) if (inCidr(p, dst)) cands.push({ nextHopType: 'VnetLocal', name: `system route ${formatCidr(p)} (virtual network)`, prefix: formatCidr(p), user: false, len: p.prefix });
  for (const p of vnet?.peered ?? []) if (inCidr(p, dst)) cands.push({ nextHopType: 'VNetPeering', name: `system route ${formatCidr(p)} (VNet peering)`, prefix: formatCidr(p), user: false, len: p.prefix });
  for (const t of SYSTEM_NONE) if (inCidr(cidr(t), dst)) cands.push({ nextHopType: 'None', name: `system route ${t} → None`, prefix: t, user: false, len: cidr(t).prefix });
  cands.push({ nextHopType: 'Internet', name: 'system route 0.0.0.0/0 → Internet', prefix: '0.0.0.0/0', user: false, len: 0 });
  cands.sort((a, b) => b.len - a.len || Number(b.user) - Number(a.user));
  const { len: _len, ...best } = cands[0]!;
  return best;
}

/** The route hop for a packet leaving `subnet` towards `dst`. `None` blocks. */
export function routeHop(env: Environment, subnet: Subnet | undefined, dst: string, sees: Hop['sees']): { hop: Hop; route: RouteChoice } {
  const route = selectRoute(env, subnet, dst);
  const where = subnet ? `subnet ${subnet.name}` : 'the source subnet';
  const next = route.nextHopType === 'VirtualAppliance' ? `virtual appliance ${route.nextHopIp}` : route.nextHopType;
  const hop: Hop = {
    id: 'route',
    resource: route.user ? `route table ${route.name.slice(4).split('/')[0]}` : `effective routes of ${where}`,
    verdict: route.nextHopType === 'None' ? 'block' : 'pass',
    sees,
    detail: `${dst} matches ${route.name} (${route.prefix}); next hop ${next}.${route.nextHopType === 'None' ? ' Traffic to the None next hop is dropped.' : ''}`,
    rule: route.name,
    source: SRC.udr,
    ...(route.nextHopType === 'None' ? { fix: `Give ${dst} a route: a VNet or peering that contains it, or a route in the subnet's route table.` } : {}),
  };
  return { hop, route };
}
