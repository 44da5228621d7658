/**
 * Cilium's part of deciding one direction of one connection (cilium-policy.md §12, steps
 * 3, 4 and 7, plus the L7 candidates of step 8). ../model.ts composes it with the
 * Kubernetes NetworkPolicy part, the local-node rule and the verdict.
 */
import { containsIp } from '../../cidr/ip';
import { resolveNamedPort } from '../../k8s/manifests';
import type { ClusterIndex, PodRec } from '../cluster';
import type { End } from '../model';
import type { Direction } from '../policy';
import type { Protocol } from '../types';
import { selectsPod } from './endpoints';
import { entityMatches, identityOf, serviceEndpointHas, servicePods, type Identity } from './entities';
import { nameMatches } from './fqdn';
import { describeCiliumItem, describeCiliumPeer, describePortRule, enforces, listOf, type CiliumPeer, type CiliumPolicy, type CiliumRule, type CiliumRuleItem, type HttpRule, type PortRule } from './policy';

/** A rule of a Cilium policy, bound to its policy. */
export interface BoundRule {
  policy: CiliumPolicy;
  rule: CiliumRule;
}

export interface CiliumModel {
  policies: CiliumPolicy[];
  /** Per pod index: the rules whose endpointSelector selects the pod (§3). */
  selecting: BoundRule[][];
}

export function buildCiliumModel(cluster: ClusterIndex, policies: CiliumPolicy[]): CiliumModel {
  const selecting = cluster.pods.map((pod) => policies.flatMap((policy) => policy.rules.filter((rule) => !rule.nodeSelector && selectsPod(rule.endpointSelector, policy.namespace, pod)).map((rule) => ({ policy, rule }))));
  return { policies, selecting };
}

/** An allow item that matched, with the toPorts entries that matched (their L7 rules decide requests). */
export interface Candidate {
  policy: string;
  rule: string;
  /** undefined: no HTTP rules on the matching entries, so every request passes (§8). */
  http?: HttpRule[];
  /** The matching entries' DNS rules, undefined when one of them has none. */
  dns?: PortRule['dns'];
}

export interface CiliumSide {
  /** Keys of the Cilium policies that put the pod in default-deny for this direction. */
  enforcing: string[];
  /** Deny items that match (each described). */
  denied: string[];
  allows: Candidate[];
  /** Why each selecting allow item did not match. */
  misses: string[];
}

interface Ctx {
  cluster: ClusterIndex;
  cm: CiliumModel;
  /** The pod whose policies are being applied. */
  subject: PodRec;
  other: Identity;
  dst: End;
  port: number;
  proto: Protocol;
}

function peerMatches(c: Ctx, item: CiliumRuleItem, peer: CiliumPeer): boolean {
  const o = c.other;
  switch (peer.kind) {
    case 'endpoints':
      return o.kind === 'pod' && selectsPod(peer.selector, peer.namespace, o.pod);
    case 'entity':
      return entityMatches(c.cluster, peer.entity, c.subject, o);
    case 'cidr':
      // §5.3: CIDRs select outside addresses only; a name only through resolvesTo.
      return o.kind === 'world' && o.ip !== undefined && containsIp(peer.cidr, o.ip) && !peer.except.some((x) => containsIp(x, o.ip!));
    case 'fqdn':
      // §5.5 CONTRACT: names only (never IPs), and only names the DNS proxy has seen.
      return item.direction === 'egress' && o.kind === 'world' && o.name !== undefined && nameMatches(peer.name, o.name) && dnsVisible(c.cm, c.subject, o.name);
    case 'service': {
      const svcs = c.cluster.services.filter((s) => (peer.serviceName ? s.name === peer.serviceName && s.namespace === (peer.namespace ?? 'default') : (peer.namespace === undefined || s.namespace === peer.namespace) && peer.selector !== undefined && matchesLabels(peer.selector, s.labels)));
      return svcs.some((s) => (o.kind === 'pod' ? servicePods(s, o.pod) : o.kind === 'world' && o.ip !== undefined && s.selector === undefined && serviceEndpointHas(s, o.ip)));
    }
    case 'invalid':
      return false;
  }
}

const matchesLabels = (sel: NonNullable<Extract<CiliumPeer, { kind: 'service' }>['selector']>, labels: Record<string, string> | undefined): boolean =>
  sel.requirements.every((r) => {
    const v = labels?.[r.key];
    return r.operator === 'In' ? v !== undefined && r.values.includes(v) : r.operator === 'NotIn' ? v === undefined || !r.values.includes(v) : r.operator === 'Exists' ? v !== undefined : v === undefined;
  });

function portRuleMatches(c: Ctx, pr: PortRule): boolean {
  if (pr.ports === 'any') return true;
  return pr.ports.some((p) => {
    if (p.kind === 'invalid') return false;
    if (p.protocol !== 'ANY' && p.protocol !== c.proto) return false;
    if (p.kind === 'named') return c.dst.kind === 'pod' && resolveNamedPort(c.dst.pod, p.name, c.proto) === c.port;
    if (p.port === 0) return true;
    return p.endPort !== undefined ? c.port >= p.port && c.port <= p.endPort : c.port === p.port;
  });
}

/** The toPorts entries of the item that match, or undefined when its peers or ports do not. */
function itemMatch(c: Ctx, item: CiliumRuleItem): PortRule[] | 'all' | undefined {
  const peerOk = item.peers === 'any' || (item.peers !== 'none' && item.peers.some((p) => peerMatches(c, item, p)));
  if (!peerOk) return undefined;
  if (item.ports === 'any') return 'all';
  const hit = item.ports.filter((pr) => portRuleMatches(c, pr));
  return hit.length ? hit : undefined;
}

/**
 * Does one rule item cover the connection from `subject`'s point of view (peers and
 * ports; L7 aside)? For lint, which asks about single items.
 */
export function itemCovers(cluster: ClusterIndex, cm: CiliumModel, item: CiliumRuleItem, subject: PodRec, other: End, dst: End, port: number, proto: Protocol): boolean {
  const id = identityOf(other);
  return id !== undefined && itemMatch({ cluster, cm, subject, other: id, dst, port, proto }, item) !== undefined;
}

function whyNot(c: Ctx, item: CiliumRuleItem): string {
  if (item.peers === 'none') return 'is an empty rule: it allows nothing (a CiliumNetworkPolicy `{}` rule only switches on default-deny)';
  const peerOk = item.peers === 'any' || item.peers.some((p) => peerMatches(c, item, p));
  const parts: string[] = [];
  if (!peerOk && item.peers !== 'any') parts.push(item.peers.length === 0 ? 'has an empty peer list, which selects nothing' : `does not cover the peer (it allows ${item.peers.map(describeCiliumPeer).join(' OR ')})`);
  if (item.ports !== 'any' && !item.ports.some((pr) => portRuleMatches(c, pr))) parts.push(`does not cover ${c.port}/${c.proto} (${item.ports.map(describePortRule).join('; ')})`);
  return parts.join(', and ') || 'does not match';
}

/** Applies the Cilium rules selecting `subject` to the connection with `other` (its egress, or its ingress). */
export function ciliumSide(cluster: ClusterIndex, cm: CiliumModel, d: Direction, subject: PodRec, other: End, dst: End, port: number, proto: Protocol): CiliumSide {
  const side: CiliumSide = { enforcing: [], denied: [], allows: [], misses: [] };
  const id = identityOf(other);
  const bound = cm.selecting[subject.index] ?? [];
  for (const { policy, rule } of bound) if (enforces(rule, d) && !side.enforcing.includes(policy.key)) side.enforcing.push(policy.key);
  if (!id) return side;
  const c: Ctx = { cluster, cm, subject, other: id, dst, port, proto };
  for (const { policy, rule } of bound) {
    for (const item of listOf(rule, d, true)) if (itemMatch(c, item)) side.denied.push(describeCiliumItem(policy, rule, item));
    for (const item of listOf(rule, d, false)) {
      const hit = itemMatch(c, item);
      if (!hit) {
        side.misses.push(`${describeCiliumItem(policy, rule, item).split(':')[0]} ${whyNot(c, item)}`);
        continue;
      }
      const entries = hit === 'all' ? [] : hit;
      const restricted = entries.length > 0 && entries.every((pr) => pr.http !== undefined && pr.http.length > 0);
      const withDns = entries.length > 0 && entries.every((pr) => pr.dns !== undefined);
      side.allows.push({
        policy: policy.key,
        rule: describeCiliumItem(policy, rule, item),
        ...(restricted ? { http: entries.flatMap((pr) => pr.http ?? []) } : {}),
        ...(withDns ? { dns: entries.flatMap((pr) => pr.dns ?? []) } : {}),
      });
    }
  }
  return side;
}

/**
 * §5.5 CONTRACT (DNS visibility): the proxy learns a name's addresses only when an egress
 * allow item of a rule selecting the source has a `rules.dns` entry matching the name.
 */
export function dnsVisible(cm: CiliumModel, source: PodRec, name: string): boolean {
  return (cm.selecting[source.index] ?? []).some(({ rule }) => rule.egress.some((item) => item.ports !== 'any' && item.ports.some((pr) => pr.dns?.some((m) => nameMatches(m, name)))));
}
