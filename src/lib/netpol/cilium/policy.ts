/**
 * CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2) as matcher types,
 * the Cilium counterpart of ../policy.ts. One object holds rules (`spec` and/or `specs`);
 * a rule selects endpoints and has four lists: ingress, ingressDeny, egress, egressDeny.
 * Semantics and sources: ../shared/specs/cilium-policy.md (section numbers below).
 */
import { formatCidr, type Cidr } from '../../cidr/ip';
import { describeSelector, type Selector } from '../../k8s/selector';
import { namesNamespace } from './endpoints';
import type { CompiledRegex } from '../../regex';
import type { PathSegment, YamlDocument } from '../../yaml';
import type { Direction } from '../policy';

export const CNP = 'CiliumNetworkPolicy';
export const CCNP = 'CiliumClusterwideNetworkPolicy';

/** The entities Cilium defines (C-L3), as written in fromEntities/toEntities. */
export const ENTITIES = ['world', 'world-ipv4', 'world-ipv6', 'cluster', 'host', 'remote-node', 'kube-apiserver', 'init', 'health', 'unmanaged', 'ingress', 'all'] as const;
export type Entity = (typeof ENTITIES)[number];

/** A DNS name selector: toFQDNs entries and `rules.dns` entries share it (§5.5). */
export interface NameMatcher {
  /** As written, for explanations. */
  text: string;
  kind: 'matchName' | 'matchPattern';
  /** Full-match program over the lower-cased name without its trailing dot; undefined when invalid. */
  re?: CompiledRegex;
}

export type CiliumPeer =
  /**
   * fromEndpoints/toEndpoints item: pods (never nodes or world) whose label view matches.
   * `namespace` is the namespace a CNP adds when the selector names none (§5.1); a CCNP
   * adds none (any pod of any namespace).
   */
  | { kind: 'endpoints'; selector: Selector; namespace?: string }
  | { kind: 'entity'; entity: Entity }
  /** fromCIDR/toCIDR/…CIDRSet: addresses outside the cluster only (§5.3). */
  | { kind: 'cidr'; cidr: Cidr; except: Cidr[] }
  /** toFQDNs: a name destination whose name matches and that the DNS proxy has seen (§5.5). */
  | { kind: 'fqdn'; name: NameMatcher }
  /** toServices: k8sService by name or k8sServiceSelector by labels (§5.4). */
  | { kind: 'service'; namespace?: string; serviceName?: string; selector?: Selector }
  /** A peer the API server or Cilium would reject, or a feature not evaluated: matches nothing. */
  | { kind: 'invalid'; reason: string };

/** One port of a toPorts entry; port 0 means every port, protocol ANY every protocol (§6). */
export type CiliumPort =
  | { kind: 'number'; port: number; endPort?: number; protocol: CiliumProtocol }
  | { kind: 'named'; name: string; protocol: CiliumProtocol }
  | { kind: 'invalid'; reason: string };

export type CiliumProtocol = 'TCP' | 'UDP' | 'SCTP' | 'ANY';

/** One `rules.http` item: every field given must match (§8). */
export interface HttpRule {
  method?: CompiledRegex;
  path?: CompiledRegex;
  /** Header name (lower case) → exact value, or undefined for "must be present". */
  headers: { name: string; value?: string }[];
  /** As written, for explanations. */
  text: string;
  /** A regex Cilium would accept but this evaluator cannot run: the rule matches nothing. */
  broken?: string;
}

export interface PortRule {
  index: number;
  /** Empty `ports` (or none): every port and protocol. */
  ports: CiliumPort[] | 'any';
  /** `rules.http`, when written (an empty list is no L7 restriction). */
  http?: HttpRule[];
  /** `rules.dns`, when written. */
  dns?: NameMatcher[];
}

export interface CiliumRuleItem {
  direction: Direction;
  deny: boolean;
  index: number;
  /** YAML path of the item inside its document. */
  path: PathSegment[];
  /**
   * 'any': no L3 field but toPorts given, every peer ("to any layer 3 destination").
   * 'none': the empty rule `{}` (deny-all for its direction, §4).
   * A list: any of these peers (an explicit empty list matches nothing).
   */
  peers: CiliumPeer[] | 'any' | 'none';
  /** toPorts entries; 'any' when absent (an L3-only rule allows every port). */
  ports: PortRule[] | 'any';
  /** Set when a part of the item could not be read: as an allow it allows nothing, as a deny it denies everything. */
  unread?: boolean;
}

export interface CiliumRule {
  /** Index in `specs`, or -1 for `spec`. */
  index: number;
  path: PathSegment[];
  /** endpointSelector, with any namespace requirement removed (a CNP's namespace is implied, §3). */
  endpointSelector: Selector;
  /** True for host policies (nodeSelector): not applied to pods. */
  nodeSelector: boolean;
  ingress: CiliumRuleItem[];
  ingressDeny: CiliumRuleItem[];
  egress: CiliumRuleItem[];
  egressDeny: CiliumRuleItem[];
  /** enableDefaultDeny (default true per direction, §4). */
  defaultDeny: { ingress: boolean; egress: boolean };
}

export interface CiliumPolicy {
  kind: typeof CNP | typeof CCNP;
  clusterwide: boolean;
  /** The CNP's namespace; undefined for a CCNP. */
  namespace?: string;
  name: string;
  /** "namespace/name" for a CNP, "name (cluster-wide)" for a CCNP. */
  key: string;
  rules: CiliumRule[];
  doc: YamlDocument;
  /** Set when the policy could not be read (what, in words): its rules are replaced by a deny of everything for every pod it might select. */
  unread?: string;
}

export const listOf = (r: CiliumRule, d: Direction, deny: boolean): CiliumRuleItem[] => (d === 'ingress' ? (deny ? r.ingressDeny : r.ingress) : deny ? r.egressDeny : r.egress);

/** Does this rule put its endpoints in default-deny for `d`? A non-empty allow or deny list does (§4). */
export const enforces = (r: CiliumRule, d: Direction): boolean => r.defaultDeny[d] && (listOf(r, d, false).length > 0 || listOf(r, d, true).length > 0);

// ---- self-description ------------------------------------------------------------------

export function describeCiliumPeer(p: CiliumPeer): string {
  switch (p.kind) {
    case 'endpoints':
      // A selector that names its namespace (io.kubernetes.pod.namespace=…) says where already.
      return `pods ${p.selector.matchesAll ? '{} (any)' : describeSelector(p.selector)}${p.namespace ? ` in ${p.namespace}` : namesNamespace(p.selector) ? '' : ' in any namespace'}`;
    case 'entity':
      return `entity ${p.entity}`;
    case 'cidr':
      return `${formatCidr(p.cidr)}${p.except.length ? ` except ${p.except.map(formatCidr).join(', ')}` : ''} (outside addresses only)`;
    case 'fqdn':
      return `FQDN ${p.name.kind} "${p.name.text}"`;
    case 'service':
      return p.serviceName ? `Service ${p.namespace ?? 'default'}/${p.serviceName}` : `Services ${p.selector ? describeSelector(p.selector) : ''}${p.namespace ? ` in ${p.namespace}` : ''}`;
    case 'invalid':
      return `nothing (${p.reason})`;
  }
}

export function describeCiliumPort(p: CiliumPort): string {
  if (p.kind === 'invalid') return `no port (${p.reason})`;
  const proto = p.protocol === 'ANY' ? 'any protocol' : p.protocol;
  if (p.kind === 'named') return `port named "${p.name}"/${proto}`;
  if (p.port === 0) return `all ports/${proto}`;
  return `${p.port}${p.endPort !== undefined ? `-${p.endPort}` : ''}/${proto}`;
}

export function describePortRule(pr: PortRule): string {
  const ports = pr.ports === 'any' ? 'all ports' : pr.ports.map(describeCiliumPort).join(', ');
  const l7 = pr.http?.length ? ` with HTTP rules ${pr.http.map((h) => h.text).join(' OR ')}` : pr.dns?.length ? ` with DNS rules ${pr.dns.map((d) => d.text).join(', ')}` : '';
  return `${ports}${l7}`;
}

/** "shop/api-policy ingressDeny[0]: pods app=web in shop on 80/TCP". */
export function describeCiliumItem(p: CiliumPolicy, r: CiliumRule, item: CiliumRuleItem): string {
  const list = `${item.direction}${item.deny ? 'Deny' : ''}`;
  const where = r.index >= 0 ? `specs[${r.index}].${list}[${item.index}]` : `${list}[${item.index}]`;
  if (item.unread) return `${p.key} ${where}: ${item.deny ? 'everything (a part could not be read, so it counts as denying all)' : 'nothing (a part could not be read)'}`;
  if (p.unread) return `${p.key}: every peer and port (${p.unread}; it counts as denying all)`;
  const peers = item.peers === 'any' ? 'any peer' : item.peers === 'none' ? 'nothing (empty rule)' : item.peers.length === 0 ? 'nothing (empty list)' : item.peers.map(describeCiliumPeer).join(' OR ');
  const ports = item.ports === 'any' ? 'all ports' : item.ports.map(describePortRule).join('; ');
  return `${p.key} ${where}: ${peers} on ${ports}`;
}
