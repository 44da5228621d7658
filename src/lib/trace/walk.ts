/**
 * The walk of one connection: a list of hops that stops at the first `block`, and the hops
 * every pattern shares — NetworkPolicy at the source (egress) and at the destination
 * (ingress) with the address the policy really sees [K8S-NP], Service translation
 * (kube-proxy DNAT to podIP:targetPort, named ports resolved per pod; no endpoints →
 * REJECT) [K8S-SVC], [K8S-KP], the destination container's port [K8S-API], and the DNS
 * lookup to CoreDNS that comes first when the connection names a host [AKS-DNS].
 */
import { diag } from '../diagnostics';
import { evaluateTraffic, type Cluster, type ClusterPod, type Engine, type Endpoint as NpEndpoint } from '../netpol';
import type { Endpoint as SvcEndpoint, ResolvedService, ServicePort } from '../service';
import type { Environment } from './environment';
import { SRC } from './sources';
import type { Hop } from './types';

export class Walk {
  readonly hops: Hop[] = [];
  stopped = false;

  constructor(readonly env: Environment) {}

  /** Appends hops until one blocks; later ones are dropped (the packet never gets there). */
  add(...hops: (Hop | undefined)[]): boolean {
    for (const h of hops) {
      if (!h || this.stopped) continue;
      this.hops.push(h);
      if (h.verdict === 'block') this.stopped = true;
    }
    return !this.stopped;
  }

  get ok(): boolean {
    return !this.stopped;
  }
}

export const podKey = (p: { namespace: string; name: string }): string => `${p.namespace}/${p.name}`;

export const findPod = (env: Environment, key: string): ClusterPod | undefined => env.pods.pods.find((p) => podKey(p) === key);

export const nodeIpOf = (env: Environment, nodeName: string | undefined): string | undefined => env.nodes.find((n) => n.name === nodeName)?.ip;

/** A representative address for a pod: its status.podIP, else a placeholder naming it. */
export const podAddr = (p: ClusterPod): string => p.ip ?? `<${p.name} pod IP>`;

function npEngine(env: Environment): Engine {
  if (!env.cluster.given) return 'kubernetes';
  return env.cluster.policy === 'none' ? 'kubernetes' : env.cluster.policy;
}

const COREDNS: ClusterPod = { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] };

/** The cluster for the policy engine, with CoreDNS added when the environment lacks it (AKS labels it k8s-app=kube-dns). */
function clusterWithDns(env: Environment): { cluster: Cluster; dnsPod: string } {
  const dns = env.pods.pods.find((p) => p.namespace === 'kube-system' && p.labels?.['k8s-app'] === 'kube-dns');
  if (dns) return { cluster: env.pods, dnsPod: podKey(dns) };
  const namespaces = env.pods.namespaces.some((n) => n.name === 'kube-system') ? env.pods.namespaces : [...env.pods.namespaces, { name: 'kube-system', labels: { 'kubernetes.io/metadata.name': 'kube-system' } }];
  return { cluster: { namespaces, pods: [...env.pods.pods, COREDNS] }, dnsPod: 'kube-system/coredns' };
}

export type PolicyEnd = { pod: ClusterPod } | { ip: string };

const endText = (e: PolicyEnd): string => ('pod' in e ? podKey(e.pod) : e.ip);
const npEnd = (e: PolicyEnd): NpEndpoint => ('pod' in e ? podKey(e.pod) : { ip: e.ip });

/**
 * NetworkPolicy hops for one connection: egress at the source pod and/or ingress at the
 * destination pod, as the policy engine of the cluster decides them. `from` is the address
 * the destination really sees (a node IP after SNAT, a gateway or controller IP).
 */
export function policyHops(env: Environment, from: PolicyEnd, to: PolicyEnd, port: number, protocol: 'TCP' | 'UDP', sides: ('egress' | 'ingress')[], label = ''): Hop[] {
  if (!env.policiesGiven) return [];
  const sees = { src: 'pod' in from ? podAddr(from.pod) : from.ip, dst: 'pod' in to ? podAddr(to.pod) : to.ip, port };
  if (env.cluster.given && env.cluster.policy === 'none') {
    return [{ id: 'network-policy', resource: 'no network policy engine', verdict: 'skip', sees, detail: 'The cluster has no network policy engine (networkPolicy none), so NetworkPolicies are not enforced.', source: SRC.k8sNetpol }];
  }
  const { cluster } = clusterWithDns(env);
  const r = evaluateTraffic({ cluster, policies: env.k8sText, traffic: [{ from: npEnd(from), to: npEnd(to), port, protocol }], engine: npEngine(env) });
  const res = r.results[0];
  if (!res) return [];
  const hops: Hop[] = [];
  for (const side of sides) {
    const pod = side === 'egress' ? from : to;
    if (!('pod' in pod)) continue;
    if (pod.pod.hostNetwork) {
      hops.push({ id: 'network-policy', resource: `${podKey(pod.pod)} (host network)`, verdict: 'skip', sees, detail: 'Network policies aren\'t applied to pods using host networking.', source: SRC.cilium });
      continue;
    }
    const v = side === 'egress' ? res.egress : res.ingress;
    // "traffic to and from the node where a Pod is running is always allowed" — only the pod's own node.
    const ownNode = side === 'ingress' && 'ip' in from && nodeIpOf(env, pod.pod.node) === from.ip;
    const allow = v.verdict === 'allow' || ownNode;
    const steps = v.steps.join(' ');
    hops.push({
      id: 'network-policy',
      resource: v.allowedBy[0] ?? (v.isolated ? `policies selecting ${podKey(pod.pod)}` : `${podKey(pod.pod)} (not isolated)`),
      verdict: allow ? 'pass' : 'block',
      sees,
      detail: `${label}${side === 'egress' ? 'Egress' : 'Ingress'} at ${podKey(pod.pod)} for ${endText(from)} → ${endText(to)}:${port}/${protocol}: ${ownNode ? 'the source is the pod\'s own node, and traffic from the pod\'s node is always allowed.' : steps || (allow ? 'no policy isolates the pod.' : 'denied.')}`,
      ...(v.rules[0] ? { rule: v.rules[0] } : {}),
      source: SRC.k8sNetpol,
      ...(!allow ? { fix: `Allow ${side === 'egress' ? `egress from ${podKey(pod.pod)} to ${endText(to)}` : `ingress to ${podKey(pod.pod)} from ${'pod' in from ? podKey(from.pod) : `ipBlock ${from.ip}/32`}`} on ${port}/${protocol} in a NetworkPolicy.` } : {}),
    });
    if (!allow) break;
  }
  return hops;
}

/** The DNS leg: the pod asks CoreDNS (via the kube-dns Service) on UDP 53 before it connects. */
export function dnsLeg(env: Environment, pod: ClusterPod, name: string): Hop[] {
  if (!env.policiesGiven) return [];
  const { cluster, dnsPod } = clusterWithDns(env);
  const dns = cluster.pods.find((p) => podKey(p) === dnsPod)!;
  if (dnsPod === 'kube-system/coredns' && !env.given.has('coredns-assumed')) {
    env.given.add('coredns-assumed');
    env.diagnostics.push(diag('info', 'trace-coredns-assumed', 'No CoreDNS pod was given: the DNS lookup is traced to kube-system pods labelled k8s-app=kube-dns, as AKS runs them.', { source: SRC.dns }));
  }
  return policyHops(env, { pod }, { pod: dns }, 53, 'UDP', ['egress', 'ingress'], `DNS lookup of ${name} via the kube-dns Service ${env.cluster.dnsServiceIp}: `).map((h) => ({
    ...h,
    resource: `DNS lookup of ${name}: ${h.resource}`,
    sees: { src: podAddr(pod), dst: `${env.cluster.dnsServiceIp} → ${podAddr(dns)}`, port: 53 },
    ...(h.verdict === 'block' ? { fix: `Allow egress from ${podKey(pod)} to namespace kube-system, pods k8s-app=kube-dns, on 53/UDP and 53/TCP.` } : {}),
  }));
}

export interface Translated {
  endpoint: SvcEndpoint;
  pod?: ClusterPod;
  port: number;
}

/** The Service port a connection port means (the first one when none is given). */
export function servicePort(s: ResolvedService, port: number | undefined, node = false): ServicePort | undefined {
  if (port === undefined) return s.ports[0];
  return s.ports.find((p) => (node ? p.nodePort === port : p.port === port));
}

/** kube-proxy's choice: an endpoint of that Service port, preferring one with a known IP. */
export function pickEndpoint(env: Environment, s: ResolvedService, sp: ServicePort, onNode?: string): Translated | undefined {
  const eps = s.endpoints.filter((e) => e.servicePort === (sp.name ?? String(sp.port)) && (!onNode || e.node === onNode));
  const e = eps.find((x) => x.ip) ?? eps[0];
  if (!e) return undefined;
  return { endpoint: e, pod: findPod(env, e.pod), port: e.port };
}

/** The `service` hop for a cluster-IP connection (source unchanged: "never source NAT'd" in iptables mode). */
export function clusterIpHop(env: Environment, s: ResolvedService, port: number | undefined, src: string): { hop: Hop; to?: Translated } {
  const sp = servicePort(s, port);
  const sees = { src, dst: s.clusterIp ?? `${s.name}.${s.namespace} cluster IP`, port: port ?? sp?.port };
  const resource = `service ${s.namespace}/${s.name}`;
  if (!sp) return { hop: { id: 'service', resource, verdict: 'block', sees, detail: `The Service has no port ${port} (it has ${s.ports.map((p) => p.port).join(', ') || 'none'}): the connection is refused.`, source: SRC.k8sService, fix: `Connect to one of ${s.ports.map((p) => p.port).join(', ')}, or add port ${port} to the Service.` } };
  const to = pickEndpoint(env, s, sp);
  if (!to) return { hop: noEndpoints(env, s, sp, sees) };
  return { hop: { id: 'service', resource, verdict: 'rewrite', sees, detail: `${env.cluster.cilium ? 'Cilium (eBPF, no kube-proxy)' : 'kube-proxy'} translates ${sees.dst}:${sp.port} to ${to.endpoint.ip ?? to.endpoint.pod}:${to.port}${typeof sp.targetPort === 'string' ? ` (targetPort "${sp.targetPort}" is the named container port ${to.port})` : ''}; the source IP is kept.`, rule: `${sp.name ?? sp.port} → ${sp.targetPort}`, source: SRC.k8sService }, to };
}

export function noEndpoints(env: Environment, s: ResolvedService, sp: ServicePort, sees: Hop['sees']): Hop {
  const m = env.manifests.find((x) => x.kind === 'Service' && x.namespace === s.namespace && x.name === s.name);
  const sel = (m?.value.spec as { selector?: Record<string, unknown> } | undefined)?.selector ?? {};
  const selected = env.pods.pods.some((p) => p.namespace === s.namespace && Object.entries(sel).every(([k, v]) => p.labels?.[k] === v));
  const notReady = env.notReady.get(`${s.namespace}/${s.name}`);
  if (notReady) {
    return {
      id: 'service', resource: `service ${s.namespace}/${s.name}`, verdict: 'block', sees,
      detail: `The Service's EndpointSlice marks ${notReady.join(', ')} not ready (conditions.ready: false), so no endpoint is ready and kube-proxy rejects the connection ("If the service has no endpoints then reject packets"); a pod is ready when its readiness probe passes.`,
      source: SRC.endpointSlices,
      fix: `Find why ${notReady.length > 1 ? 'the pods are' : 'the pod is'} not ready: kubectl describe pod ${notReady[0]!.split(' ')[0]!.split('/')[1]} -n ${s.namespace} (readiness probe, container restarts).`,
    };
  }
  return {
    id: 'service', resource: `service ${s.namespace}/${s.name}`, verdict: 'block', sees,
    detail: `The Service has no endpoint for port ${sp.name ?? sp.port}: ${s.selector ? `its selector ${s.selector} matches no ready pod${typeof sp.targetPort === 'string' ? ` with a container port named "${sp.targetPort}"` : ''}` : 'it has no selector'}, so kube-proxy rejects the connection ("If the service has no endpoints then reject packets").`,
    source: SRC.k8sProxy,
    fix: selected && typeof sp.targetPort === 'string' ? `Name a container port "${sp.targetPort}" in the pods, or set targetPort to the port number.` : `Make the selector ${s.selector ?? ''} match the pods' labels.`,
  };
}

/** Does a container of the pod declare the port? containerPort is informational, so an undeclared one is `unknown`. */
export function podPortHop(pod: ClusterPod | undefined, port: number, protocol: 'TCP' | 'UDP', src: string, label: string): Hop {
  const dst = pod ? podAddr(pod) : label;
  const sees = { src, dst, port };
  const declared = pod?.ports?.some((p) => p.port === port && (p.protocol ?? 'TCP') === protocol);
  if (declared) return { id: 'pod-port', resource: `pod ${pod ? podKey(pod) : label}`, verdict: 'pass', sees, detail: `A container declares ${port}/${protocol}; the connection is delivered to it.`, source: SRC.k8sApi };
  return {
    id: 'pod-port', resource: `pod ${pod ? podKey(pod) : label}`, verdict: 'unknown', sees,
    detail: `No container of the pod declares ${port}/${protocol}${pod?.ports?.length ? ` (they declare ${pod.ports.map((p) => p.port).join(', ')})` : ''}. Declaring is informational: whether a process listens on ${port} cannot be known offline; if none does, the connection is reset.`,
    source: SRC.k8sApi,
    fix: `Check that the container listens on ${port} (kubectl exec … ss -ltn), or point targetPort at the port it does listen on.`,
  };
}
