/**
 * What the endpoints of a connection are in the environment: the source as a client
 * (internet, VM, pod, node) and the destination as the thing that answers (a load balancer
 * frontend, an App Gateway listener, a cluster IP, a pod, the API server, an outside address).
 * Host names are resolved through the environment's DNS records, App Gateway listener host
 * names and Ingress hosts, in that order.
 */
import { isNotGlobal } from '../access';
import { parseCidr, parseIp } from '../cidr/ip';
import type { AppGateway } from '../azure/application-gateway';
import type { ClusterPod } from '../netpol';
import type { ResolvedService } from '../service';
import type { Endpoint } from './endpoint';
import type { Environment, NodeInfo } from './environment';
import { fqdnMatches } from './firewall';
import { inPeered, inVnets } from './network';
import { findPod } from './walk';

export type Source =
  | { kind: 'internet'; ip: string }
  | { kind: 'vm'; ip: string }
  | { kind: 'pod'; pod: ClusterPod }
  | { kind: 'node'; node: NodeInfo };

export type Target =
  | { kind: 'lb'; service: ResolvedService; ip: string }
  | { kind: 'appgw'; gw: AppGateway; ip: string; frontend: string }
  | { kind: 'cluster-ip'; service: ResolvedService }
  | { kind: 'pod'; pod: ClusterPod }
  | { kind: 'node'; node: NodeInfo }
  | { kind: 'api-server' }
  | { kind: 'external'; ip?: string; fqdn?: string; private?: boolean }
  | { kind: 'vm'; ip: string };

export interface Resolved<T> {
  value?: T;
  problem?: string;
  /** The host name the connection used, if any (DNS leg, SNI/Host). */
  name?: string;
  /** A private DNS zone record that answered, if any. */
  privateZone?: string;
}

const isPublic = (ip: string): boolean => {
  const c = parseCidr(`${ip}/32`);
  return c.ok && !isNotGlobal(c.value);
};

export function resolveSource(env: Environment, e: Endpoint): Resolved<Source> {
  switch (e.kind) {
    case 'internet':
      return { value: { kind: 'internet', ip: e.ip } };
    case 'vm':
      return { value: { kind: 'vm', ip: e.ip } };
    case 'pod': {
      const p = findPod(env, `${e.namespace}/${e.name}`);
      return p ? { value: { kind: 'pod', pod: p } } : { problem: `No pod ${e.namespace}/${e.name} in the environment (pods: ${env.pods.pods.slice(0, 6).map((x) => `${x.namespace}/${x.name}`).join(', ') || 'none'}).` };
    }
    case 'node': {
      const n = env.nodes.find((x) => x.name === e.name || x.ip === e.name);
      return n ? { value: { kind: 'node', node: n } } : { problem: `No Node ${e.name} in the environment (add kubectl get nodes -o yaml).` };
    }
    case 'ip': {
      const pod = env.pods.pods.find((p) => p.ip === e.ip);
      if (pod) return { value: { kind: 'pod', pod } };
      const node = env.nodes.find((n) => n.ip === e.ip);
      if (node) return { value: { kind: 'node', node } };
      return { value: isPublic(e.ip) ? { kind: 'internet', ip: e.ip } : { kind: 'vm', ip: e.ip } };
    }
    default:
      return { problem: `A connection starts at a client: internet:<ip>, vm:<ip>, pod:<ns>/<name>, node:<name> or an IP (not ${e.kind === 'api-server' ? 'api-server' : e.kind}).` };
  }
}

const svcKey = (s: ResolvedService): string => `${s.namespace}/${s.name}`;

/** Whatever in the environment answers on this address. `inside`: the client is in the cluster (cluster IPs apply). */
export function targetOfIp(env: Environment, ip: string): Target {
  for (const s of env.services) if ((env.lbIps.get(svcKey(s)) ?? []).includes(ip) && s.type === 'LoadBalancer') return { kind: 'lb', service: s, ip };
  for (const gw of env.appGateways) {
    for (const f of gw.frontends) {
      const pub = f.publicIpId ? env.publicIps.find((p) => p.id.toLowerCase() === f.publicIpId!.toLowerCase())?.ip : undefined;
      if (f.privateIp === ip || pub === ip) return { kind: 'appgw', gw, ip, frontend: f.name };
    }
  }
  const svc = env.services.find((s) => s.clusterIp === ip);
  if (svc) return { kind: 'cluster-ip', service: svc };
  const pod = env.pods.pods.find((p) => p.ip === ip);
  if (pod) return { kind: 'pod', pod };
  const node = env.nodes.find((n) => n.ip === ip);
  if (node) return { kind: 'node', node };
  if (inVnets(env, ip) || inPeered(env, ip) || !isPublic(ip)) return { kind: 'vm', ip };
  return { kind: 'external', ip };
}

/** Resolves a host name: DNS records, App Gateway listener host names, Ingress hosts (their controller's load balancer). */
function resolveName(env: Environment, host: string, fromOutside: boolean): Resolved<Target> {
  const rec = env.dnsRecords.find((r) => r.fqdn === host);
  if (rec?.ips[0]) return { value: targetOfIp(env, rec.ips[0]), name: host, ...(rec.private ? { privateZone: host } : {}) };
  if (env.cluster.fqdn === host || env.cluster.privateFqdn === host) return { value: { kind: 'api-server' }, name: host };
  for (const gw of env.appGateways) {
    const l = gw.listeners.find((x) => x.hostNames.some((h) => fqdnMatches(h, host)));
    const f = l ? gw.frontends.find((x) => x.name === l.frontend) : undefined;
    if (l && f) {
      const ip = (f.publicIpId ? env.publicIps.find((p) => p.id.toLowerCase() === f.publicIpId!.toLowerCase())?.ip : undefined) ?? f.privateIp ?? `${gw.name} frontend`;
      return { value: { kind: 'appgw', gw, ip, frontend: f.name }, name: host };
    }
  }
  const ingress = env.manifests.find((m) => m.kind === 'Ingress' && JSON.stringify((m.value.spec as Record<string, unknown> | undefined)?.rules ?? []).includes(`"host":"${host}"`));
  if (ingress) {
    const ctrl = controllerService(env);
    const ip = ctrl ? env.lbIps.get(svcKey(ctrl))?.[0] : undefined;
    if (ctrl && ip) return { value: fromOutside ? { kind: 'lb', service: ctrl, ip } : { kind: 'lb', service: ctrl, ip }, name: host };
  }
  const svc = /^([a-z0-9-]+)\.([a-z0-9-]+)(\.svc(\.cluster\.local)?)?$/.exec(host);
  if (svc) {
    const s = env.services.find((x) => x.name === svc[1] && x.namespace === svc[2]);
    if (s) return { value: { kind: 'cluster-ip', service: s }, name: host };
  }
  return { value: { kind: 'external', fqdn: host }, name: host };
}

/** The in-cluster ingress controller's LoadBalancer Service (app routing's nginx in app-routing-system, or an ingress-nginx controller). */
export function controllerService(env: Environment): ResolvedService | undefined {
  return env.services.find((s) => s.type === 'LoadBalancer' && (s.namespace === 'app-routing-system' || /ingress-nginx|nginx/.test(s.name)));
}

export function resolveTarget(env: Environment, e: Endpoint, src: Source): Resolved<Target> {
  const inside = src.kind === 'pod' || src.kind === 'node';
  switch (e.kind) {
    case 'api-server':
      return { value: { kind: 'api-server' } };
    case 'pod': {
      const p = findPod(env, `${e.namespace}/${e.name}`);
      return p ? { value: { kind: 'pod', pod: p } } : { problem: `No pod ${e.namespace}/${e.name} in the environment.` };
    }
    case 'node': {
      const n = env.nodes.find((x) => x.name === e.name || x.ip === e.name);
      return n ? { value: { kind: 'node', node: n } } : { problem: `No Node ${e.name} in the environment.` };
    }
    case 'service': {
      const s = env.services.find((x) => x.namespace === e.namespace && x.name === e.name);
      if (!s) return { problem: `No Service ${e.namespace}/${e.name} in the environment (Services: ${env.services.slice(0, 6).map(svcKey).join(', ') || 'none'}).` };
      const lb = env.lbIps.get(svcKey(s))?.[0];
      if (!inside) {
        if (s.type !== 'LoadBalancer') return { problem: `Service ${svcKey(s)} is ${s.type}: it has no address outside the cluster.` };
        if (!lb) return { problem: `Service ${svcKey(s)} has no load balancer IP in status.loadBalancer.ingress (paste kubectl get svc -o yaml after the IP is assigned).` };
        return { value: { kind: 'lb', service: s, ip: lb }, name: `${s.name}.${s.namespace}.svc.cluster.local` };
      }
      return { value: { kind: 'cluster-ip', service: s }, name: `${s.name}.${s.namespace}.svc.cluster.local` };
    }
    case 'url':
      if (parseIp(e.host).ok) return { value: targetOfIp(env, e.host) };
      return resolveName(env, e.host, !inside);
    case 'fqdn':
      return resolveName(env, e.name, !inside);
    case 'internet':
    case 'vm':
    case 'ip':
      return { value: targetOfIp(env, e.ip) };
  }
}
