/**
 * Who the other end of a connection is, in Cilium's terms (cilium-policy.md §5.2, §10):
 * a pod (endpoint), a node (a hostNetwork pod or a node's IP: `host` when it is the
 * subject pod's own node, `remote-node` otherwise), or the world (an outside address or
 * a DNS name). Entities are matched against that identity.
 */
import { containsIp, parseCidr, parseIp, type Ip } from '../../cidr/ip';
import { ipKey, type ClusterIndex, type PodRec } from '../cluster';
import type { End } from '../model';
import type { Entity } from './policy';

export type Identity =
  | { kind: 'pod'; pod: PodRec }
  | { kind: 'node'; pod: PodRec; node?: string }
  | { kind: 'world'; ip?: Ip; name?: string };

export function identityOf(end: End): Identity | undefined {
  switch (end.kind) {
    case 'pod':
      return end.pod.hostNetwork ? { kind: 'node', pod: end.pod, ...(end.pod.node !== undefined ? { node: end.pod.node } : {}) } : { kind: 'pod', pod: end.pod };
    case 'external':
      return { kind: 'world', ip: end.ip };
    case 'name':
      return { kind: 'world', name: end.name, ...(end.ip ? { ip: end.ip } : {}) };
    case 'unknown':
      return undefined;
  }
}

/** The subject's own node? Unknown nodes never count as the same node. */
export const sameNode = (a: PodRec, b: Identity): boolean => b.kind === 'node' && a.node !== undefined && b.node === a.node;

/** The API server's addresses: endpoints of the `kubernetes` Service in `default` (the cluster model's only way to know them). */
export function apiServerIps(cluster: ClusterIndex): Set<string> {
  const svc = cluster.services.find((s) => s.namespace === 'default' && s.name === 'kubernetes');
  const out = new Set<string>();
  for (const e of svc?.endpoints ?? []) {
    const ip = parseIp(e);
    if (ip.ok) out.add(ipKey(ip.value));
  }
  return out;
}

/** Does the entity cover the other end, seen from the subject pod (C-L3 definitions, §5.2 table)? */
export function entityMatches(cluster: ClusterIndex, entity: Entity, subject: PodRec, other: Identity): boolean {
  switch (entity) {
    case 'all':
      return true;
    case 'world':
      return other.kind === 'world';
    case 'world-ipv4':
    case 'world-ipv6':
      return other.kind === 'world' && (other.ip === undefined || other.ip.family === (entity === 'world-ipv4' ? 4 : 6));
    case 'cluster':
      return other.kind !== 'world';
    case 'host':
      return sameNode(subject, other);
    case 'remote-node':
      return other.kind === 'node' && !sameNode(subject, other);
    case 'kube-apiserver':
      return other.kind === 'world' && other.ip !== undefined && apiServerIps(cluster).has(ipKey(other.ip));
    // init, health, unmanaged and Cilium's own ingress have no counterpart in the cluster model.
    case 'init':
    case 'health':
    case 'unmanaged':
    case 'ingress':
      return false;
  }
}

/** Pods behind a Service (its selector, in its namespace); none for a Service without a selector. */
export function servicePods(svc: ClusterIndex['services'][number], pod: PodRec): boolean {
  return svc.selector !== undefined && !pod.hostNetwork && pod.namespace === svc.namespace && Object.entries(svc.selector).every(([k, v]) => pod.labels[k] === v);
}

/** An outside address among a selector-less Service's endpoints (CIDR semantics: never a pod or node). */
export function serviceEndpointHas(svc: ClusterIndex['services'][number], ip: Ip): boolean {
  return (svc.endpoints ?? []).some((e) => {
    const c = parseCidr(e, { strict: false, allowBareIp: true });
    return c.ok && containsIp(c.value, ip);
  });
}
