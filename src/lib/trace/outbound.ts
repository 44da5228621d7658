/**
 * Connections that start in the cluster, and to the API server: patterns E (pod → pod, by
 * pod IP or cluster IP), F (pod → internet per outbound type, through a UDR to a firewall),
 * G (pod → a private endpoint name) and H (admin / node / pod → API server) of
 * ../shared/specs/traffic-paths.md.
 */
import { checkApiServerAccess } from '../access';
import { sameId } from '../azure';
import type { ClusterPod } from '../netpol';
import type { ResolvedService } from '../service';
import type { Environment, NodeInfo } from './environment';
import { firewallAt, firewallHop } from './firewall';
import { inCidr, inPeered, inVnets, nodeSubnet, nsgHops, routeHop, subnetOf } from './network';
import type { Source } from './resolve';
import { SRC } from './sources';
import type { Connection, Hop } from './types';
import { clusterIpHop, dnsLeg, nodeIpOf, podAddr, podKey, podPortHop, policyHops, Walk } from './walk';

/** Public addresses spread over the internet, to test whether an egress verdict depends on the (unknown) address of a name. */
const SAMPLE_PUBLIC = ['203.0.113.1', '20.50.0.1', '52.96.0.1', '104.16.0.1', '151.101.0.1', '8.8.8.8'];

/** The address a pod's packet carries once it leaves the node towards `dst` (spec §1.5). */
export function leavingAddress(env: Environment, src: Source, dstInVnet: boolean): { ip: string; why: string } {
  if (src.kind === 'node') return { ip: src.node.ip ?? src.node.name, why: 'the node\'s own address' };
  if (src.kind !== 'pod') return { ip: src.ip, why: '' };
  const node = nodeIpOf(env, src.pod.node) ?? '<node IP>';
  switch (env.cluster.plugin) {
    case 'pod-subnet':
      return { ip: podAddr(src.pod), why: 'Azure CNI Pod Subnet "preserves the pod IP address across connected virtual networks"' };
    case 'node-subnet':
      return dstInVnet ? { ip: podAddr(src.pod), why: 'destinations in the cluster virtual network see the pod IP address' } : { ip: node, why: 'destinations outside the cluster virtual network see the node IP address' };
    case 'kubenet':
      return { ip: node, why: 'kubenet: "The source IP address of the traffic is NAT\'d to the node\'s primary IP address."' };
    default:
      return { ip: node, why: 'Azure CNI Overlay "translates the source IP (overlay IP of the pod) of the traffic to the primary IP address of the node VM"' };
  }
}

/** Pattern E: pod → pod, directly or through a cluster IP. */
export function walkPodToPod(w: Walk, src: Source & { kind: 'pod' }, target: { pod?: ClusterPod; service?: ResolvedService }, conn: Connection, name?: string): void {
  const env = w.env;
  const from = src.pod;
  if (name) w.add(...dnsLeg(env, from, name));
  if (!w.ok) return;
  let pod = target.pod;
  let port = conn.port ?? pod?.ports?.[0]?.port ?? 80;
  const protocol = conn.protocol ?? 'TCP';
  // Policies act on pod ports after the Service's DNAT, so the Service is resolved first, but shown after the egress check.
  let svcHop: Hop | undefined;
  if (target.service) {
    const r = clusterIpHop(env, target.service, conn.port, podAddr(from));
    svcHop = r.hop;
    if (r.to) {
      pod = r.to.pod;
      port = r.to.port;
    }
    if (!r.to) {
      w.add(svcHop);
      return;
    }
  }
  const dst = pod ? { pod } : { ip: '?' };
  w.add(...policyHops(env, { pod: from }, dst, port, protocol, ['egress']));
  if (!w.ok) return;
  w.add(svcHop);
  if (!pod) return;
  const sameNode = from.node && pod.node && from.node === pod.node;
  const dIp = podAddr(pod);
  if (sameNode) {
    w.add({ id: 'route', resource: `node ${from.node}`, verdict: 'skip', sees: { src: podAddr(from), dst: dIp, port }, detail: 'Both pods run on the same node: the packet is forwarded on the node and crosses no NSG or VNet route (derived; no source states it).', source: SRC.cni });
  } else {
    const sub = nodeSubnet(env);
    w.add(...nsgHops(env, { direction: 'Outbound', src: podAddr(from), dst: dIp, port, protocol, ...(sub ? { subnet: sub } : {}), nodeNic: true }));
    if (!w.ok) return;
    w.add(podRoute(env, from, pod, port));
    if (!w.ok) return;
    const dsub = pod.ip ? subnetOf(env, pod.ip) ?? sub : sub;
    w.add(...nsgHops(env, { direction: 'Inbound', src: podAddr(from), dst: dIp, port, protocol, ...(dsub ? { subnet: dsub } : {}), nodeNic: true }));
    if (!w.ok) return;
  }
  w.add(...policyHops(env, { pod: from }, { pod }, port, protocol, ['ingress']));
  if (!w.ok) return;
  w.add(podPortHop(pod, port, protocol, podAddr(from), podKey(pod)));
}

/** Cross-node pod routing per plugin (spec §E table). */
function podRoute(env: Environment, from: ClusterPod, to: ClusterPod, port: number): Hop {
  const sees = { src: podAddr(from), dst: podAddr(to), port };
  switch (env.cluster.plugin) {
    case 'overlay':
      return { id: 'route', resource: 'Azure CNI Overlay routing domain', verdict: 'pass', sees, detail: '"A separate routing domain is created in the Azure networking stack for the pod\'s private CIDR space"; pod-to-pod traffic is not encapsulated and subnet NSG rules apply.', source: SRC.overlay };
    case 'kubenet': {
      const r = routeHop(env, nodeSubnet(env), podAddr(to), sees);
      if (r.hop.verdict === 'block') return { ...r.hop, detail: `${r.hop.detail} kubenet needs a route per node's pod range in the route table on the cluster subnet ("a route table must exist on your cluster subnet(s)").`, fix: `Associate the AKS route table (with a route for ${to.node ?? 'the node'}'s pod CIDR → its node IP) with the node subnet.`, source: SRC.kubenet };
      return r.hop;
    }
    default:
      return routeHop(env, nodeSubnet(env), podAddr(to), sees).hop;
  }
}

/** The outbound device after the route: the egress hop per outbound type (spec §F table). */
function egressHop(env: Environment, from: string, dst: string, port: number, viaFirewall: boolean): Hop {
  const ot = env.cluster.outboundType;
  const sees = { src: from, dst, port };
  const ips = env.cluster.outboundIpIds.map((id) => env.publicIps.find((p) => sameId(p.id, id))?.ip).filter((x): x is string => !!x);
  switch (ot) {
    case 'loadBalancer':
      return { id: 'egress', resource: 'outbound type loadBalancer', verdict: 'rewrite', sees, detail: `SNAT to the load balancer's outbound public IP ${ips[0] ?? '(not given: paste az network public-ip show for it)'} (1,024 SNAT ports per node up to 50 nodes by default).`, source: SRC.outboundType };
    case 'managedNATGateway':
    case 'userAssignedNATGateway':
      return { id: 'egress', resource: `outbound type ${ot}`, verdict: 'rewrite', sees, detail: `SNAT to the NAT gateway's public IP ${ips[0] ?? '(not given)'}.`, source: SRC.outboundType };
    case 'userDefinedRouting':
      return viaFirewall
        ? { id: 'egress', resource: 'outbound type userDefinedRouting', verdict: 'pass', sees, detail: '"AKS never creates a public IP address for outbound requests" with UDR: the firewall or appliance provides the egress (and its SNAT).', source: SRC.udrEgress }
        : { id: 'egress', resource: 'outbound type userDefinedRouting', verdict: 'unknown', sees, detail: 'With UDR, AKS has no egress IP of its own and the route did not lead to a firewall in the environment: what happens after the next hop cannot be told.', source: SRC.udrEgress, fix: 'Paste the route table of the node subnet and the firewall (or appliance) its 0.0.0.0/0 route points to.' };
    case 'none':
      return { id: 'egress', resource: 'outbound type none', verdict: 'block', sees, detail: '"AKS doesn\'t automatically configure egress paths": with outbound type none the cluster has no way to the internet.', source: SRC.outboundType, fix: 'Reach it through a private endpoint, or change the outbound type (loadBalancer, NAT gateway or UDR to a firewall).' };
    case 'block':
      return { id: 'egress', resource: 'outbound type block', verdict: 'block', sees, detail: '"AKS ensures that no public internet traffic can leave the cluster through network security group (NSG) rules."', source: SRC.outboundType, fix: 'Reach it through a private endpoint, or change the outbound type.' };
  }
}

/**
 * Patterns F/G: a pod (or node) to an address or name outside the cluster. Returns the
 * public address the destination sees (for H), when the connection gets out.
 */
export function walkEgress(w: Walk, src: Source, dst: { ip?: string; fqdn?: string; privateZone?: string }, conn: Connection, viaServiceIp?: string): string | undefined {
  const env = w.env;
  const port = conn.port ?? 443;
  const protocol = conn.protocol ?? 'TCP';
  if (src.kind === 'pod' && dst.fqdn && !viaServiceIp) w.add(...dnsLeg(env, src.pod, dst.fqdn));
  if (!w.ok) return undefined;
  if (dst.privateZone || (dst.fqdn && /\.privatelink\./.test(dst.fqdn))) {
    const zone = dst.privateZone ?? dst.fqdn!;
    const vnet = nodeSubnet(env)?.vnet;
    const linked = env.dnsLinks.some((l) => zone.endsWith(l.zone) && env.vnets.some((v) => v.name === vnet && sameId(v.id, l.vnetId)));
    w.add({ id: 'private-dns', resource: `private DNS zone for ${zone}`, verdict: linked || !env.dnsLinks.length ? (linked ? 'pass' : 'unknown') : 'block', sees: { src: src.kind === 'pod' ? podAddr(src.pod) : '', dst: dst.fqdn ?? '', port: 53 }, detail: linked ? `The zone is linked to ${vnet}: the name resolves to the private endpoint ${dst.ip ?? ''}.` : `The name must resolve through a private DNS zone "linked to the resolving VNet"; ${env.dnsLinks.length ? `no link to ${vnet ?? 'the cluster VNet'} is given, so it resolves to the public IP instead` : 'no zone links were given'}.`, source: SRC.peDns, ...(!linked ? { fix: `Link the private DNS zone to ${vnet ?? 'the cluster VNet'} (az network private-dns link vnet create).` } : {}) });
    if (!w.ok) return undefined;
  }
  const dstIp = dst.ip;
  const dstInVnet = !!dstIp && (inVnets(env, dstIp) || inPeered(env, dstIp));
  if (src.kind === 'pod') {
    if (dstIp) w.add(...policyHops(env, { pod: src.pod }, { ip: dstIp }, port, protocol, ['egress']));
    else {
      // The name's public address is not given: the verdict holds only if it is the same for addresses across the internet.
      const samples = SAMPLE_PUBLIC.map((ip) => policyHops(env, { pod: src.pod }, { ip }, port, protocol, ['egress']));
      const verdicts = new Set(samples.map((hs) => hs[0]?.verdict ?? 'pass'));
      const first = samples[0]?.[0];
      if (first) {
        const named = { ...first, sees: { ...first.sees, dst: dst.fqdn ?? '?' }, detail: first.detail.replace(SAMPLE_PUBLIC[0]!, `${dst.fqdn} (any public address)`) };
        w.add(verdicts.size > 1 ? { ...named, verdict: 'unknown', detail: `${named.detail} The verdict depends on the address ${dst.fqdn} resolves to, which is not given.`, fix: `Add the DNS record of ${dst.fqdn} (az network dns record-set a show) to settle it.` } : named);
      }
    }
    if (!w.ok) return undefined;
  }
  const leave = leavingAddress(env, src, dstInVnet);
  const shownDst = dstIp ?? dst.fqdn ?? '?';
  const sub = nodeSubnet(env);
  const nsgDst = dstIp ?? SAMPLE_PUBLIC[0]!;
  const nh = nsgHops(env, { direction: 'Outbound', src: leave.ip, dst: nsgDst, port, protocol, ...(sub ? { subnet: sub } : {}), nodeNic: true, sees: { src: leave.ip, dst: shownDst, port } });
  for (let i = 0; i < nh.length; i++) nh[i] = { ...nh[i]!, detail: nh[i]!.detail.replace(nsgDst, dstIp ?? `${dst.fqdn} (a public address)`) };
  if (nh[0] && leave.why) nh[0] = { ...nh[0], detail: `${nh[0].detail} Source ${leave.ip}: ${leave.why}.` };
  w.add(...nh);
  if (!w.ok) return undefined;
  const { hop, route } = routeHop(env, sub, nsgDst, { src: leave.ip, dst: shownDst, port });
  w.add(dstIp ? hop : { ...hop, detail: `${hop.detail.replace(nsgDst, dst.fqdn ?? '?')} (${dst.fqdn} resolves to a public address not given here; the route shown is the one for public addresses that no more specific route covers.)` });
  if (!w.ok) return undefined;
  if (dstInVnet) return leave.ip;
  if (route.nextHopType === 'VirtualAppliance') {
    const fw = firewallAt(env, route.nextHopIp);
    if (!fw) {
      w.add({ id: 'firewall', resource: `virtual appliance ${route.nextHopIp}`, verdict: 'unknown', sees: { src: leave.ip, dst: shownDst, port }, detail: `The route sends the packet to ${route.nextHopIp}, and no firewall with that private IP is in the environment: its rules cannot be checked.`, source: SRC.udr, fix: 'Paste az network firewall show (or the kind: AzureFirewall form) for that appliance.' });
      w.add(egressHop(env, leave.ip, shownDst, port, true));
      return undefined;
    }
    const fh = firewallHop(env, fw, { src: leave.ip, ...(dstIp ? { dstIp } : {}), ...(dst.fqdn && !viaServiceIp ? { fqdn: dst.fqdn } : {}), port, protocol }, true);
    w.add(fh);
    if (!w.ok) return undefined;
    w.add(egressHop(env, leave.ip, shownDst, port, true));
    return fh.verdict === 'unknown' ? undefined : fw.publicIps[0];
  }
  const eh = egressHop(env, leave.ip, shownDst, port, false);
  w.add(eh);
  if (!w.ok || eh.verdict === 'unknown') return undefined;
  const ips = env.cluster.outboundIpIds.map((id) => env.publicIps.find((p) => sameId(p.id, id))?.ip).filter((x): x is string => !!x);
  return ips[0];
}

/** Pattern H: to the API server, public (authorized ranges) or private (private DNS, private endpoint). */
export function walkApiServer(w: Walk, src: Source, conn: Connection): void {
  const env = w.env;
  const c = env.cluster;
  const port = conn.port ?? 443;
  const name = c.privateCluster ? c.privateFqdn ?? `<cluster>.privatelink.${c.location}.azmk8s.io` : c.fqdn ?? `<cluster>.hcp.${c.location}.azmk8s.io`;
  const srcText = src.kind === 'pod' ? podAddr(src.pod) : src.kind === 'node' ? src.node.ip ?? src.node.name : src.ip;
  if (c.privateCluster) {
    if (src.kind === 'pod' || src.kind === 'node') {
      w.add({ id: 'route', resource: 'API server private endpoint in the node subnet', verdict: 'pass', sees: { src: srcText, dst: name, port }, detail: '"AKS places the API server private endpoint in the subnet used by the first node pool"; nodes and pods reach it over Private Link.', source: SRC.privateCluster });
      w.add({ id: 'api-server-authorized-ranges', resource: 'authorized IP ranges', verdict: 'skip', sees: { src: srcText, dst: name, port }, detail: '"IP authorized ranges only apply to the public API server."', source: SRC.privateCluster });
      return;
    }
    if (src.kind === 'internet') {
      w.add({ id: 'private-dns', resource: `private DNS zone of ${name}`, verdict: 'block', sees: { src: srcText, dst: name, port }, detail: 'A private cluster has no public API endpoint: the name resolves only in VNets linked to the private DNS zone ("The private DNS zone is linked only to the VNet that the cluster nodes are attached to"), and even a public FQDN "doesn\'t create a public API endpoint".', source: SRC.privateCluster, fix: 'Connect from a VM in the cluster VNet or a peered VNet linked to the zone, or use az aks command invoke.' });
      return;
    }
    // A client in a VNet's address space but in no subnet the environment lists still has its VNet.
    const vnet = env.vnets.find((v) => v.prefixes.some((p) => inCidr(p, src.ip)));
    const clusterVnet = nodeSubnet(env)?.vnet;
    const zone = c.privateDnsZone && c.privateDnsZone !== 'system' && c.privateDnsZone !== 'none' ? c.privateDnsZone.split('/').pop()!.toLowerCase() : `privatelink.${c.location}.azmk8s.io`;
    const srcVnet = subnetOf(env, src.ip)?.vnet ?? vnet?.name;
    const linked = srcVnet === clusterVnet || env.dnsLinks.some((l) => l.zone === zone && env.vnets.some((v) => v.name === srcVnet && sameId(v.id, l.vnetId)));
    const known = !!srcVnet;
    w.add({ id: 'private-dns', resource: `private DNS zone ${zone}`, verdict: linked ? 'pass' : known ? 'block' : 'unknown', sees: { src: srcText, dst: name, port: 53 }, detail: linked ? `${srcVnet === clusterVnet ? 'The client is in the cluster VNet, to which AKS links the zone' : `The zone is linked to ${srcVnet}`}: ${name} resolves to the private endpoint.` : known ? `The zone is not linked to ${srcVnet}: ${name} does not resolve there. "you need to set up a link between the VNet and the private DNS zone".` : `${src.ip} is in no VNet of the environment: whether its DNS resolves the private zone cannot be told.`, source: SRC.privateConnect, ...(!linked ? { fix: `Link ${zone} to ${srcVnet ?? 'the client VNet'} (az network private-dns link vnet create), or forward to 168.63.129.16 from a linked VNet.` } : {}) });
    if (!w.ok) return;
    const inCluster = srcVnet === clusterVnet;
    w.add(inCluster || inPeered(env, src.ip) ? { id: 'route', resource: inCluster ? 'cluster VNet' : 'VNet peering', verdict: 'pass', sees: { src: srcText, dst: name, port }, detail: inCluster ? 'Same VNet as the private endpoint.' : 'The client VNet is peered with the cluster VNet.', source: SRC.privateConnect } : { id: 'route', resource: `network of ${src.ip}`, verdict: known ? 'block' : 'unknown', sees: { src: srcText, dst: name, port }, detail: 'The client VNet is not peered with the cluster VNet: no route to the private endpoint.', source: SRC.privateConnect, fix: 'Peer the client VNet with the cluster VNet (both directions).' });
    if (!w.ok) return;
    w.add({ id: 'api-server-authorized-ranges', resource: 'authorized IP ranges', verdict: 'skip', sees: { src: srcText, dst: name, port }, detail: '"IP authorized ranges only apply to the public API server. You can\'t apply these ranges to the private API server endpoint."', source: SRC.privateCluster });
    return;
  }
  // Public API server: the address the server sees is the client's public IP, or the cluster's egress IP for nodes and pods.
  let seen: string | undefined = src.kind === 'internet' ? src.ip : undefined;
  if (src.kind === 'pod' || src.kind === 'node') {
    // Pods use KUBERNETES_SERVICE_HOST (10.0.0.1) → the API server's IP, so an FQDN application rule does not see a name (F3); nodes (konnectivity) use the FQDN.
    const viaIp = src.kind === 'pod' ? '10.0.0.1' : undefined;
    if (viaIp) w.add({ id: 'service', resource: 'service default/kubernetes', verdict: 'rewrite', sees: { src: srcText, dst: viaIp, port: 443 }, detail: 'The pod calls KUBERNETES_SERVICE_HOST (the kubernetes Service, first address of the service range); it is translated to the API server\'s public IP, so the connection leaves the cluster to an IP address, not a name.', source: SRC.aksFirewall });
    seen = walkEgress(w, src, { fqdn: name }, { ...conn, port: 443 }, viaIp);
    if (!w.ok) return;
  } else if (src.kind === 'vm') {
    seen = undefined;
  }
  const sees = { src: seen ?? `${srcText} (public address unknown)`, dst: name, port };
  if (!c.authorizedIpRanges.length) {
    w.add({ id: 'api-server-authorized-ranges', resource: 'authorized IP ranges (off)', verdict: 'pass', sees, detail: 'No authorized IP ranges are set: the public API server accepts any address (authentication still applies).', source: SRC.authorized });
    return;
  }
  if (!seen) {
    w.add({ id: 'api-server-authorized-ranges', resource: 'authorized IP ranges', verdict: 'unknown', sees, detail: `The API server sees the public address the client leaves from, which the environment does not give; the ranges are ${c.authorizedIpRanges.join(', ')}.`, source: SRC.authorized, fix: src.kind === 'vm' ? 'Trace from internet:<the VM\'s public egress IP>.' : 'Paste az network public-ip show for the cluster\'s egress IP (or give the firewall publicIp).' });
    return;
  }
  const r = checkApiServerAccess({ cluster: { privateCluster: false, authorizedIpRanges: c.authorizedIpRanges }, client: { ip: seen, via: 'internet' } });
  const ok = r.verdict === 'reachable';
  w.add({ id: 'api-server-authorized-ranges', resource: 'authorized IP ranges', verdict: ok ? 'pass' : r.verdict === 'blocked' ? 'block' : 'unknown', sees, detail: `${r.why}${src.kind !== 'internet' && !ok ? ' Nodes and pods are clients too: the cluster egress IP must be in the ranges.' : ''}`, ...(r.matchedRange ? { rule: r.matchedRange } : {}), source: SRC.authorized, ...(!ok ? { fix: `az aks update --api-server-authorized-ip-ranges <current ranges>,${seen}/32` } : {}) });
}

export const nodeAddr = (n: NodeInfo): string => n.ip ?? n.name;
