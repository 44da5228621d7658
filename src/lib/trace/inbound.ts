/**
 * Connections from outside the cluster: patterns A (internet → public LoadBalancer Service),
 * B (VNet / peered / on-premises → internal LoadBalancer), C (internet → Application Gateway
 * with WAF → pod IPs, AGIC) and D (→ an in-cluster ingress controller → backend pod) of
 * ../shared/specs/traffic-paths.md, plus a VM dialling a pod IP directly (§1.5).
 */
import { routeGatewayRequest } from '../gateway';
import { routeRequest } from '../ingress';
import { evaluateWafRequest } from '../waf';
import { parseCidr } from '../cidr/ip';
import { formatIp } from '../cidr/ip';
import type { AppGateway } from '../azure/application-gateway';
import { sameId } from '../azure';
import type { ClusterPod } from '../netpol';
import type { ResolvedService } from '../service';
import type { Connection, Hop } from './types';
import type { Environment } from './environment';
import { firewallAt } from './firewall';
import { annotation, floatingIpDisabled, inCidr, inPeered, inVnets, nodeSubnet, nsgHops, routeHop, selectRoute, subnetOf } from './network';
import { controllerService, type Source } from './resolve';
import { SRC } from './sources';
import { nodeIpOf, noEndpoints, pickEndpoint, podAddr, podKey, podPortHop, policyHops, servicePort, Walk, type Translated } from './walk';

const clientIp = (src: Source): string => (src.kind === 'internet' || src.kind === 'vm' ? src.ip : src.kind === 'node' ? src.node.ip ?? src.node.name : podAddr(src.pod));

/** A VNet client reaching a private address: its subnet's routes, or peering, or "cannot tell". */
function vnetReach(env: Environment, src: Source, dst: string, port: number): Hop | undefined {
  if (src.kind !== 'vm') return undefined;
  const sub = subnetOf(env, src.ip);
  const sees = { src: src.ip, dst, port };
  if (sub) return routeHop(env, sub, dst, sees).hop;
  if (inPeered(env, src.ip)) return { id: 'route', resource: 'VNet peering', verdict: 'pass', sees, detail: `${src.ip} is in a VNet peered with the cluster VNet; peering gives both sides system routes to each other.`, source: SRC.udr };
  if (inVnets(env, src.ip)) return undefined;
  return { id: 'route', resource: `network of ${src.ip}`, verdict: 'unknown', sees, detail: `${src.ip} is in no VNet or peering of the environment: whether it reaches ${dst} (VPN, ExpressRoute, peering with gateway transit) cannot be told from it.`, source: SRC.ilb, fix: 'Paste az network vnet show for the client\'s VNet (with its peerings), or trace from a VM in a peered VNet.' };
}

/** Pattern A/B (and the front half of D): to a LoadBalancer Service's frontend. */
export function walkLoadBalancer(w: Walk, src: Source, s: ResolvedService, lbIp: string, conn: Connection): void {
  const env = w.env;
  const client = clientIp(src);
  const internal = s.azure.loadBalancer === 'internal';
  const sp = servicePort(s, conn.port);
  const port = conn.port ?? sp?.port ?? 80;
  const svcName = `${s.namespace}/${s.name}`;
  const sees = { src: client, dst: lbIp, port };
  if (src.kind === 'internet' && internal) {
    w.add({ id: 'load-balancer', resource: `internal load balancer of ${svcName}`, verdict: 'block', sees, detail: `${lbIp} is the private frontend of an internal load balancer: "An internal load balancer doesn't have a public IP", so an internet client cannot reach it.`, source: SRC.ilb, fix: 'Remove service.beta.kubernetes.io/azure-load-balancer-internal to get a public frontend, or reach it from the VNet.' });
    return;
  }
  w.add(vnetReach(env, src, lbIp, port));
  if (!w.ok) return;
  // 1. frontend + LB rule + health probe.
  const lbRes = `${internal ? 'internal' : 'public'} load balancer, frontend ${lbIp} (${svcName})`;
  if (!sp) {
    w.add({ id: 'load-balancer', resource: lbRes, verdict: 'block', sees, detail: `No load-balancing rule for port ${port}: the Service exposes ${s.ports.map((p) => `${p.port}/${p.protocol}`).join(', ')}.`, source: SRC.lb, fix: `Connect to ${s.ports[0]?.port ?? 'a Service port'}, or add port ${port} to the Service.` });
    return;
  }
  const local = s.externalTrafficPolicy === 'Local';
  const candidates = s.endpoints.filter((e) => e.servicePort === (sp.name ?? String(sp.port)));
  if (!candidates.length) {
    const notReady = env.notReady.get(svcName);
    w.add({ id: 'load-balancer', resource: lbRes, verdict: 'block', sees, rule: 'health probe', detail: `The Service has no ${notReady ? `ready endpoint (its EndpointSlice marks ${notReady.join(', ')} not ready)` : 'endpoint'}, so the health probe fails on every node (${local ? `eTP Local probes /healthz on the health check node port` : `eTP Cluster probes the nodePort over TCP`}) and "the load balancer will stop sending new connections" to them.`, source: SRC.probe, fix: noEndpoints(env, s, sp, sees).fix! });
    return;
  }
  const floatingOff = floatingIpDisabled(env, s);
  const nodeIps = env.nodes.flatMap((n) => (n.ip ? [n.ip] : []));
  const healthyNodes = local ? [...new Set(candidates.map((e) => e.node).filter((n): n is string => !!n))] : env.nodes.map((n) => n.name);
  const probe = local
    ? `eTP Local: only nodes with a ready local endpoint answer the probe${healthyNodes.length ? ` (${healthyNodes.join(', ')})` : ''}`
    : `eTP Cluster: every node answers the TCP probe on nodePort ${sp.nodePort ?? '(assigned)'}`;
  const firstNodeIp = nodeIps[0] ?? '<node IP>';
  w.add({
    id: 'load-balancer', resource: lbRes, verdict: floatingOff ? 'rewrite' : 'pass', sees,
    detail: floatingOff
      ? `Rule ${sp.port}/${sp.protocol} with floating IP disabled: the destination becomes a node IP and the nodePort (${firstNodeIp}:${sp.nodePort ?? '?'}). ${probe}.`
      : `Rule ${sp.port}/${sp.protocol} with floating IP (AKS default): the packet keeps destination ${lbIp}:${sp.port}. ${probe}.`,
    rule: `LB rule ${sp.port}/${sp.protocol}`, source: SRC.cpaLb,
  });
  // 2–3. subnet NSG then the AKS-managed NIC NSG.
  const nsgDst = floatingOff ? firstNodeIp : lbIp;
  const nsgPort = floatingOff ? sp.nodePort ?? port : port;
  const sub = nodeSubnet(env);
  const hops = nsgHops(env, { direction: 'Inbound', src: client, dst: nsgDst, port: nsgPort, protocol: sp.protocol === 'UDP' ? 'UDP' : 'TCP', ...(sub ? { subnet: sub } : {}), nodeNic: true });
  const ranged = s.azure.sourceRanges.length > 0 || !!annotation(env, s, 'azure-allowed-ip-ranges') || !!annotation(env, s, 'azure-allowed-service-tags');
  for (const h of hops) {
    if (h.verdict === 'block' && ranged && h.resource.includes('(NIC)')) {
      w.add({ ...h, id: 'lb-source-ranges', resource: `${svcName} source ranges (NSG rule in the AKS-managed NIC NSG)`, detail: `${client} is not in the Service's allowed sources (${[...s.azure.sourceRanges, annotation(env, s, 'azure-allowed-ip-ranges'), annotation(env, s, 'azure-allowed-service-tags')].filter(Boolean).join(', ')}); ${h.detail}`, source: SRC.lbConfig, fix: `Add ${client}/32 to spec.loadBalancerSourceRanges of ${svcName}.` });
    } else w.add(h);
  }
  if (!w.ok) return;
  // 4. kube-proxy's own check of loadBalancerSourceRanges.
  if (s.azure.sourceRanges.length) {
    const inRange = s.azure.sourceRanges.some((r) => {
      const c = parseCidr(r, { strict: false });
      return c.ok && inCidr(c.value, client);
    });
    w.add({
      id: 'lb-source-ranges', resource: `${svcName} loadBalancerSourceRanges (kube-proxy on the node)`, verdict: inRange ? 'pass' : 'block', sees,
      detail: inRange ? `${client} is in ${s.azure.sourceRanges.join(', ')}.` : `${client} is outside ${s.azure.sourceRanges.join(', ')}: the node drops it ("CIDR-based restrictions enforced both in the NSG and the host")${internal ? '; on an internal load balancer the NSG default AllowVNetInBound let it through, but the host still filters' : ''}.`,
      rule: 'loadBalancerSourceRanges', source: SRC.lbConfig,
      ...(!inRange ? { fix: `Add ${client}/32 to spec.loadBalancerSourceRanges of ${svcName}.` } : {}),
    });
    if (env.cluster.cilium) env.diagnostics.push({ severity: 'info', code: 'trace-cilium-source-ranges', message: 'Whether Cilium\'s kube-proxy replacement on AKS enforces loadBalancerSourceRanges on the host is not stated by the sources; the kube-proxy behaviour is shown.', source: SRC.cilium });
  }
  if (!w.ok) return;
  // 5. Service translation.
  const to = (local ? candidates.find((e) => e.ip) : candidates.find((e) => e.ip)) ?? candidates[0]!;
  const pod = env.pods.pods.find((p) => podKey(p) === to.pod);
  const nodeOfPod = nodeIpOf(env, to.node);
  const otherNode = env.nodes.find((n) => n.ip && n.name !== to.node)?.ip;
  // eTP Cluster: SNAT to the receiving node; a node other than the pod's when there is one (the common case).
  const seenSrc = local ? client : otherNode ?? nodeOfPod ?? firstNodeIp;
  const dstPod = to.ip ?? `<${to.pod} pod IP>`;
  w.add({
    id: 'service', resource: `service ${svcName}`, verdict: 'rewrite', sees: { src: seenSrc, dst: dstPod, port: to.port },
    detail: local
      ? `eTP Local: kube-proxy sends it to a pod on the receiving node, ${dstPod}:${to.port}, and keeps the client IP ${client}.`
      : `eTP Cluster: kube-proxy DNATs to ${dstPod}:${to.port}${typeof sp.targetPort === 'string' ? ` (named port "${sp.targetPort}")` : ''} on any node and SNATs the source to the receiving node's IP (${seenSrc}): "The source IP on the packet that's delivered to the pod becomes the private IP of the node."`,
    rule: `${sp.port} → ${sp.targetPort}`, source: local ? SRC.k8sVip : SRC.lbConfig,
  });
  const gatewayName = gatewayOf(env, s);
  if (pod && gatewayName && (conn.http || conn.to.startsWith('http'))) {
    walkGateway(w, pod, gatewayName, conn, client, port);
  } else if (pod && isIngressController(env, s) && (conn.http || conn.to.startsWith('http'))) {
    walkIngress(w, pod, conn, client);
  } else {
    w.add(...policyHops(env, { ip: seenSrc }, pod ? { pod } : { ip: dstPod }, to.port, sp.protocol === 'UDP' ? 'UDP' : 'TCP', ['ingress']));
    if (!w.ok) return;
    w.add(podPortHop(pod, to.port, sp.protocol === 'UDP' ? 'UDP' : 'TCP', seenSrc, to.pod));
  }
  if (!w.ok) return;
  returnPath(w, client, sub ? sub : undefined, internal);
}

/** F4: the reply of a public-LB flow follows the node subnet's routes; via a stateful firewall it is dropped. */
function returnPath(w: Walk, client: string, sub: ReturnType<typeof nodeSubnet>, internal: boolean): void {
  const env = w.env;
  if (internal) return;
  const r = selectRoute(env, sub, client);
  if (r.nextHopType !== 'VirtualAppliance') return;
  const fw = firewallAt(env, r.nextHopIp);
  w.add({
    id: 'route', resource: `${r.name.startsWith('udr ') ? `route table ${r.name.slice(4).split('/')[0]}` : 'node subnet routes'} (return path)`, verdict: 'block', sees: { src: 'reply', dst: client },
    detail: `The reply to ${client} matches ${r.name} → ${fw ? `firewall ${fw.name}` : 'virtual appliance'} ${r.nextHopIp}. The request came in through the load balancer's public IP, so the stateful firewall has no state for it and drops the reply (asymmetric routing).`,
    rule: r.name, source: SRC.aksFirewall,
    fix: 'Publish the Service through a DNAT rule on the firewall to an internal load balancer (azure-load-balancer-internal: "true") instead of a public one.',
  });
}

const isIngressController = (env: Environment, s: ResolvedService): boolean => controllerService(env) === s;

/** "namespace/name" of the Gateway whose data plane this Service is (the gateway.networking.k8s.io/gateway-name label its implementation sets). */
export function gatewayOf(env: Environment, s: ResolvedService): string | undefined {
  const m = env.manifests.find((x) => x.kind === 'Service' && x.namespace === s.namespace && x.name === s.name);
  const name = m?.labels['gateway.networking.k8s.io/gateway-name'];
  return name ? `${s.namespace}/${name}` : undefined;
}

/** Pattern D with Gateway API: listener, route attachment, match and backendRef validity decide; then a new connection from the gateway pod. */
function walkGateway(w: Walk, gwPod: ClusterPod, gateway: string, conn: Connection, client: string, port: number): void {
  const env = w.env;
  const u = /^(https?):\/\/([^/:?#]+)(?::\d+)?([^#]*)/i.exec(conn.to);
  const host = conn.http?.host ?? u?.[2] ?? '';
  const path = conn.http?.path ?? (u?.[3] || '/');
  const r = routeGatewayRequest({ manifests: env.k8sText, request: { gateway, port, scheme: (u?.[1]?.toLowerCase() ?? 'http') as 'http' | 'https', host, path, method: conn.http?.method ?? 'GET', ...(conn.http?.headers ? { headers: conn.http.headers } : {}) } });
  const sees = { src: client, dst: `${host}${path}`, port };
  const be = r.match?.backends.find((b) => b.weight > 0) ?? r.match?.backends[0];
  const resource = r.match ? `gateway ${r.match.gateway} listener ${r.match.listener}, route ${r.match.route}` : `gateway ${gateway}`;
  if (r.status !== 200 || !be) {
    w.add({ id: 'gateway', resource, verdict: 'block', sees, detail: `${r.explanation} The gateway answers ${r.status}.`, source: SRC.gatewayApi, fix: r.status === 404 ? `Attach an HTTPRoute for ${host}${path} to ${gateway} (parentRefs, allowedRoutes, hostnames).` : 'Make the backendRef valid (Service exists, port set, ReferenceGrant for another namespace).' });
    return;
  }
  const s = env.services.find((x) => x.namespace === be.namespace && x.name === be.name);
  const sp = s ? servicePort(s, be.port) : undefined;
  const to = s && sp ? pickEndpoint(env, s, sp) : undefined;
  if (!s || !sp || !to) {
    w.add({ id: 'gateway', resource, verdict: 'block', sees, detail: `${r.explanation} Backend ${be.namespace}/${be.name}${be.port ? `:${be.port}` : ''} has no ready endpoint: "implementations SHOULD return a 503".`, source: SRC.gatewayApi, fix: `Give Service ${be.namespace}/${be.name} ready pods on port ${be.port ?? '?'}.` });
    return;
  }
  const gwIp = podAddr(gwPod);
  w.add({ id: 'gateway', resource, verdict: 'rewrite', sees: { src: gwIp, dst: to.endpoint.ip ?? to.endpoint.pod, port: to.port }, detail: `${r.explanation} The gateway's proxy opens a new connection from its pod ${gwIp} to an endpoint of ${be.namespace}/${be.name} (that Envoy-based gateways go to endpoints directly is not stated by the sources read; it is assumed, as for NGINX).`, rule: `${r.match!.route} rule ${r.match!.rule}`, source: SRC.gatewayApi });
  w.add(...policyHops(env, { pod: gwPod }, to.pod ? { pod: to.pod } : { ip: to.endpoint.ip ?? '' }, to.port, 'TCP', ['egress', 'ingress']));
  if (!w.ok) return;
  w.add(podPortHop(to.pod, to.port, 'TCP', gwIp, to.endpoint.pod));
}

/** Pattern D: the controller routes by host/path and opens a new connection from its pod to a backend pod. */
function walkIngress(w: Walk, ctrlPod: ClusterPod, conn: Connection, client: string): void {
  const env = w.env;
  const u = /^https?:\/\/([^/:?#]+)(?::\d+)?([^?#]*)/i.exec(conn.to);
  const host = conn.http?.host ?? u?.[1] ?? '';
  const path = conn.http?.path ?? (u?.[2] || '/');
  const r = routeRequest({ manifests: env.k8sText, request: { host, path, scheme: conn.to.startsWith('https') ? 'https' : 'http' } });
  const sees = { src: client, dst: `${host}${path}`, port: conn.port ?? (conn.to.startsWith('https') ? 443 : 80) };
  const resource = r.match ? `ingress ${r.match.ingress}` : `ingress controller ${podKey(ctrlPod)}`;
  const be = r.match?.backend.service;
  if (!r.match || !be) {
    w.add({ id: 'ingress', resource, verdict: 'block', sees, detail: `${r.explanation} The controller answers 404.`, source: SRC.appRouting, fix: `Add a rule for host ${host} and path ${path} to an Ingress of the controller's class.` });
    return;
  }
  const s = env.services.find((x) => x.namespace === r.match!.ingress.split('/')[0] && x.name === be.name);
  if (!s) {
    w.add({ id: 'ingress', resource, verdict: 'block', sees, detail: `${r.explanation} The backend Service ${be.name} is not in the environment: the controller answers 503.`, source: SRC.appRouting, fix: `Create Service ${be.name} in ${r.match.ingress.split('/')[0]}, or paste it.` });
    return;
  }
  const sp = typeof be.port === 'number' ? servicePort(s, be.port) : s.ports.find((p) => p.name === be.port);
  const to: Translated | undefined = sp ? pickEndpoint(env, s, sp) : undefined;
  if (!sp || !to) {
    w.add({ ...(sp ? noEndpoints(env, s, sp, sees) : { id: 'service' as const, resource: `service ${s.namespace}/${s.name}`, verdict: 'block' as const, sees, detail: `The Ingress names port ${be.port}, which Service ${s.name} does not have.`, source: SRC.k8sService, fix: `Use one of the Service's ports: ${s.ports.map((p) => p.name ?? p.port).join(', ')}.` }), id: 'ingress', resource });
    return;
  }
  const ctrlIp = podAddr(ctrlPod);
  w.add({
    id: 'ingress', resource, verdict: 'rewrite', sees: { src: ctrlIp, dst: to.endpoint.ip ?? to.endpoint.pod, port: to.port },
    detail: `${r.explanation} NGINX proxies to the endpoints (pod IP and port) of ${s.namespace}/${s.name}, not the cluster IP, in a new connection from its own pod ${ctrlIp}; the client IP travels in X-Forwarded-For.`,
    rule: `${host}${r.match.path ?? ''} → ${be.name}:${be.port}`, source: SRC.nginxUpstream,
  });
  w.add(...policyHops(env, { pod: ctrlPod }, to.pod ? { pod: to.pod } : { ip: to.endpoint.ip ?? '' }, to.port, 'TCP', ['egress', 'ingress']));
  if (!w.ok) return;
  w.add(podPortHop(to.pod, to.port, 'TCP', ctrlIp, to.endpoint.pod));
}

// ---- pattern C ------------------------------------------------------------------------------

const hostOk = (names: string[], host: string): boolean => !names.length || names.some((n) => n.toLowerCase() === host || (n.startsWith('*.') && host.endsWith(n.slice(1).toLowerCase())));

function pathPool(gw: AppGateway, ruleName: string, path: string): { pool?: string; how: string } {
  const rule = gw.rules.find((r) => r.name === ruleName)!;
  if (rule.pool) return { pool: rule.pool, how: `basic rule ${rule.name}` };
  const map = gw.pathMaps.find((m) => m.name === rule.pathMap);
  if (!map) return { how: `rule ${rule.name} names path map ${rule.pathMap ?? '?'}, which is missing` };
  for (const pr of map.rules) {
    if (pr.paths.some((p) => (p.endsWith('/*') ? path.startsWith(p.slice(0, -1)) || path === p.slice(0, -2) : path === p))) return { ...(pr.pool ? { pool: pr.pool } : {}), how: `path rule ${pr.name} (${pr.paths.join(', ')}) of ${map.name}` };
  }
  return { ...(map.defaultPool ? { pool: map.defaultPool } : {}), how: `default pool of path map ${map.name}` };
}

/** Pattern C: internet → App Gateway (listener, WAF, rule, backend) → new connection from an instance IP → pod. */
export function walkAppGateway(w: Walk, src: Source, gw: AppGateway, ip: string, frontend: string, conn: Connection): void {
  const env = w.env;
  const client = clientIp(src);
  const u = /^(https?):\/\/([^/:?#]+)(?::(\d+))?([^?#]*)(\?[^#]*)?/i.exec(conn.to);
  const https = (u?.[1] ?? 'https').toLowerCase() === 'https';
  const port = conn.port ?? (u?.[3] ? Number(u[3]) : https ? 443 : 80);
  const host = (conn.http?.host ?? u?.[2] ?? '').toLowerCase();
  const path = conn.http?.path ?? (u?.[4] || '/');
  const sees = { src: client, dst: ip, port };
  const gwSubnet = env.subnets.find((s) => sameId(s.id, gw.subnetId));
  // 1. App Gateway subnet NSG (inbound; the gateway has no NIC NSG).
  const fe = gw.frontends.find((f) => f.name === frontend);
  w.add(...nsgHops(env, { direction: 'Inbound', src: client, dst: fe?.privateIp && fe.privateIp === ip ? ip : ip, port, protocol: 'TCP', ...(gwSubnet ? { subnet: gwSubnet } : {}), nodeNic: false }));
  if (!w.ok) return;
  // 2. listener.
  const listener = gw.listeners.find((l) => l.frontend === frontend && l.port === port && hostOk(l.hostNames, host)) ?? gw.listeners.find((l) => l.port === port && hostOk(l.hostNames, host) && !l.frontend);
  if (!listener) {
    w.add({ id: 'app-gateway', resource: `application gateway ${gw.name}`, verdict: 'block', sees, detail: `No listener on ${frontend}:${port} for host ${host || '(none)'} (listeners: ${gw.listeners.map((l) => `${l.name} ${l.port}${l.hostNames.length ? ` ${l.hostNames.join('/')}` : ''}`).join('; ') || 'none'}).`, source: SRC.agwHow, fix: `Add a listener on port ${port}${host ? ` for ${host}` : ''} (AGIC writes one per Ingress host).` });
    return;
  }
  w.add({ id: 'app-gateway', resource: `application gateway ${gw.name} listener ${listener.name}`, verdict: 'pass', sees, detail: `Listener ${listener.name} takes ${listener.protocol} on ${port}${listener.hostNames.length ? ` for ${listener.hostNames.join(', ')}` : ' for any host'}.`, rule: listener.name, source: SRC.agwHow });
  // 3. WAF.
  const policy = env.wafPolicies.find((p) => sameId(p.id, gw.wafPolicyId)) ?? (gw.wafPolicyId ? undefined : env.wafPolicies.length === 1 && /waf/i.test(gw.tier) ? env.wafPolicies[0] : undefined);
  if (policy) {
    const r = evaluateWafRequest({ policy: policy.text, request: { method: conn.http?.method ?? 'GET', url: `${path}${u?.[5] ?? ''}`, headers: { host, ...(conn.http?.headers ?? {}) }, remoteAddr: client } });
    const blocked = r.action === 'Block';
    w.add({ id: 'waf', resource: `waf policy ${policy.name}`, verdict: blocked ? 'block' : 'pass', sees, detail: `${r.explanation} (RemoteAddr = ${client}, the TCP peer the gateway sees.)`, ...(r.decidedBy ? { rule: r.decidedBy } : {}), source: SRC.agwHow, ...(blocked ? { fix: `Exclude this request from ${r.decidedBy ?? 'the blocking rule'} (a higher-priority Allow custom rule for ${client}, or fix the rule's match).` } : {}) });
    if (!w.ok) return;
  } else if (gw.wafPolicyId) {
    w.add({ id: 'waf', resource: `waf policy ${gw.wafPolicyId.split('/').pop()}`, verdict: 'unknown', sees, detail: 'The gateway uses a WAF policy that was not given, so whether it blocks this request cannot be told.', source: SRC.agwHow, fix: 'Paste az network application-gateway waf-policy show for it.' });
  }
  // 4. rule → pool.
  const rule = gw.rules.find((r) => r.listener === listener.name);
  const pp = rule ? pathPool(gw, rule.name, path) : { how: `no routing rule uses listener ${listener.name}` };
  const pool = gw.pools.find((p) => p.name === pp.pool);
  if (!rule || !pool || !pool.addresses.length) {
    w.add({ id: 'app-gateway', resource: `application gateway ${gw.name}${rule ? ` rule ${rule.name}` : ''}`, verdict: 'block', sees, detail: `${pp.how}; ${pool ? `backend pool ${pool.name} is empty` : 'no backend pool'}: "Application Gateway does not forward the request … when no backend pool members are available" (the status code is not settled by the sources).`, source: SRC.agwHow, fix: 'Make the Ingress backend Service have ready pods (AGIC fills the pool with their IPs).' });
    return;
  }
  const backend = pool.addresses[0]!;
  const pod = env.pods.pods.find((p) => p.ip === backend);
  const gwSub = gwSubnet?.prefixes[0];
  const instanceIp = gwSub ? formatIp({ family: gwSub.family, value: gwSub.network + 4n }) : '<App Gateway instance IP>';
  const backendPort = pod?.ports?.[0]?.port ?? 80;
  w.add({ id: 'app-gateway', resource: `application gateway ${gw.name} rule ${rule.name} → pool ${pool.name}`, verdict: 'rewrite', sees: { src: instanceIp, dst: backend, port: backendPort }, detail: `${pp.how} → pool ${pool.name} (${pool.addresses.join(', ')}). The gateway opens a new TCP connection from an instance private IP in its subnet (${gwSub ? `e.g. ${instanceIp}` : 'unknown'}) to ${backend}:${backendPort} and adds X-Forwarded-For: ${client}.`, rule: rule.name, source: SRC.agwHow });
  // 5. route gateway subnet → pod.
  const overlayPod = pod && (env.cluster.plugin === 'overlay') && env.cluster.podCidr && inCidr(env.cluster.podCidr, backend);
  if (overlayPod) {
    w.add({ id: 'route', resource: `routes of ${gwSubnet?.name ?? 'the App Gateway subnet'}`, verdict: 'pass', sees: { src: instanceIp, dst: backend, port: backendPort }, detail: 'AGIC with Azure CNI Overlay is "Supported" in the AKS feature table; how the gateway reaches overlay pod IPs is not stated by the sources read.', source: SRC.cni });
  } else {
    const rh = routeHop(env, gwSubnet, backend, { src: instanceIp, dst: backend, port: backendPort }).hop;
    w.add(rh.verdict === 'block' && env.cluster.plugin === 'kubenet' ? { ...rh, detail: `${rh.detail} With kubenet "you need a route table to allow traffic sent to the pods from Application Gateway to be routed to the correct node".`, fix: 'Associate the AKS route table with the App Gateway subnet.', source: SRC.agwInfra } : rh);
  }
  if (!w.ok) return;
  // 6. node subnet NSG inbound.
  w.add(...nsgHops(env, { direction: 'Inbound', src: instanceIp, dst: backend, port: backendPort, protocol: 'TCP', ...(nodeSubnet(env) ? { subnet: nodeSubnet(env)! } : {}), nodeNic: true }));
  if (!w.ok) return;
  // 7–8. policy (peer = the gateway's instance IP) and the port.
  w.add(...policyHops(env, { ip: instanceIp }, pod ? { pod } : { ip: backend }, backendPort, 'TCP', ['ingress']));
  if (!w.ok) return;
  w.add(podPortHop(pod, backendPort, 'TCP', instanceIp, backend));
}

/** A VM dialling a pod IP directly (§1.5): only pod IPs that are VNet IPs are reachable. */
export function walkToPodIp(w: Walk, src: Source, pod: ClusterPod, conn: Connection): void {
  const env = w.env;
  const client = clientIp(src);
  const port = conn.port ?? pod.ports?.[0]?.port ?? 80;
  const sees = { src: client, dst: podAddr(pod), port };
  const p = env.cluster.plugin;
  if (src.kind === 'internet' || p === 'overlay' || p === 'kubenet') {
    w.add({ id: 'route', resource: `pod network (${p})`, verdict: 'block', sees, detail: src.kind === 'internet' ? 'Pod IPs are private: the internet has no route to them.' : p === 'overlay' ? '"Endpoints outside the cluster can\'t connect to a pod directly." (Azure CNI Overlay: pod IPs exist only in the cluster\'s routing domain.)' : 'With kubenet, pod IPs are not VNet addresses: connections to pods are "Pod initiated" only.', source: p === 'overlay' ? SRC.overlay : SRC.cni, fix: 'Expose the pod through a Service of type LoadBalancer (internal) and connect to its frontend.' });
    return;
  }
  w.add(vnetReach(env, src, podAddr(pod), port));
  if (!w.ok) return;
  const sub = pod.ip ? subnetOf(env, pod.ip) : undefined;
  w.add(...nsgHops(env, { direction: 'Inbound', src: client, dst: podAddr(pod), port, protocol: conn.protocol ?? 'TCP', ...(sub ? { subnet: sub } : {}), nodeNic: true }));
  if (!w.ok) return;
  w.add(...policyHops(env, { ip: client }, { pod }, port, conn.protocol ?? 'TCP', ['ingress']));
  if (!w.ok) return;
  w.add(podPortHop(pod, port, conn.protocol ?? 'TCP', client, podKey(pod)));
}
