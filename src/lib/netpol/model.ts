/**
 * A policy set bound to a cluster: which policies select which pods (computed once), and
 * the matchers that decide one connection with an explanation. The truth table
 * (./table.ts) computes the same answers with bitsets; tests check they agree.
 */
import type { Diagnostic } from '../diagnostics';
import { containsIp, parseIp, type Ip } from '../cidr/ip';
import { resolveNamedPort } from '../k8s/manifests';
import { matches } from '../k8s/selector';
import { indexCluster, ipKey, type ClusterIndex, type PodRec } from './cluster';
import { engineDiagnostics, engineProfile, type EngineProfile } from './engines';
import { describePeer, describePort, describeRule, readPolicies, rulesOf, type CompiledPolicy, type Direction, type PeerMatcher, type PortMatcher, type Rule } from './policy';
import type { Cluster, DirectionVerdict, Engine, Protocol, Traffic, TrafficResult } from './types';

export interface Model {
  engine: EngineProfile;
  cluster: ClusterIndex;
  policies: CompiledPolicy[];
  /** Per pod index: the policies (indices) that select it, per direction. */
  isolating: { ingress: number[][]; egress: number[][] };
  /** Diagnostics about the policies text (positions refer to it). */
  diagnostics: Diagnostic[];
}

/** hostNetwork pods are left out of pod selection (spec §8, the "most common implementation"). */
export function selects(p: CompiledPolicy, pod: PodRec): boolean {
  return !pod.hostNetwork && pod.namespace === p.namespace && matches(p.podSelector, pod.labels);
}

export function buildModel(cluster: Cluster | ClusterIndex | undefined, policiesText: unknown, engine?: Engine): Model {
  const index = cluster && 'byKey' in cluster ? cluster : indexCluster(cluster as Cluster | undefined);
  const profile = engineProfile(engine);
  const { policies, diagnostics } = readPolicies(policiesText);
  const ingress: number[][] = index.pods.map(() => []);
  const egress: number[][] = index.pods.map(() => []);
  policies.forEach((p, pi) => {
    const isIn = p.policyTypes.includes('ingress');
    const isEg = p.policyTypes.includes('egress');
    for (const pod of index.pods) {
      if (!selects(p, pod)) continue;
      if (isIn) ingress[pod.index]!.push(pi);
      if (isEg) egress[pod.index]!.push(pi);
    }
  });
  diagnostics.push(...engineDiagnostics(profile, policies, index));
  return { engine: profile, cluster: index, policies, isolating: { ingress, egress }, diagnostics };
}

// ---- endpoints ------------------------------------------------------------------------

export type End =
  | { kind: 'pod'; pod: PodRec; viaIp?: string }
  | { kind: 'external'; ip: Ip; text: string }
  | { kind: 'unknown'; text: string; reason: string };

export function resolveEndpoint(m: Model, e: unknown): End {
  const text = typeof e === 'string' ? e.trim() : e && typeof e === 'object' && typeof (e as { ip?: unknown }).ip === 'string' ? (e as { ip: string }).ip.trim() : undefined;
  if (text === undefined) return { kind: 'unknown', text: String(e), reason: 'an endpoint is "namespace/pod" or { ip: "…" }' };
  const isIpForm = typeof e !== 'string' || !text.includes('/');
  if (isIpForm) {
    const ip = parseIp(text);
    if (!ip.ok) return { kind: 'unknown', text, reason: typeof e === 'string' && !/^[\d.:a-fA-F]+$/.test(text) ? 'it is neither "namespace/pod" nor an IP address' : ip.reason };
    const k = ipKey(ip.value);
    const pod = m.cluster.byIp.get(k) ?? m.cluster.hostByIp.get(k);
    if (pod) return { kind: 'pod', pod, viaIp: text };
    return { kind: 'external', ip: ip.value, text };
  }
  const pod = m.cluster.byKey.get(text);
  if (pod) return { kind: 'pod', pod };
  return { kind: 'unknown', text, reason: `no pod ${text} in the cluster` };
}

export const endName = (e: End): string => (e.kind === 'pod' ? e.pod.key : e.text);

// ---- matchers ---------------------------------------------------------------------------

/** Does this peer (of a policy in `namespace`) match the endpoint at the other end? */
export function peerMatches(m: Model, peer: PeerMatcher, end: End): boolean {
  switch (peer.kind) {
    case 'any':
      return end.kind !== 'unknown';
    case 'invalid':
      return false;
    case 'ipBlock': {
      const ip = ipOf(m, end);
      return ip !== undefined && inBlock(peer, ip);
    }
    default: {
      if (end.kind !== 'pod' || end.pod.hostNetwork) return false;
      const pod = end.pod;
      if (peer.kind === 'pods') return pod.namespace === peer.namespace && matches(peer.pods, pod.labels);
      if (peer.kind === 'namespaces') return matches(peer.namespaces, pod.nsLabels);
      return matches(peer.namespaces, pod.nsLabels) && matches(peer.pods, pod.labels);
    }
  }
}

export function inBlock(peer: Extract<PeerMatcher, { kind: 'ipBlock' }>, ip: Ip): boolean {
  return containsIp(peer.cidr, ip) && !peer.except.some((x) => containsIp(x, ip));
}

/** The address an ipBlock sees for an endpoint, per engine (spec §5, §10.1). */
export function ipOf(m: Model, end: End): Ip | undefined {
  if (end.kind === 'external') return end.ip;
  if (end.kind === 'pod' && end.pod.ip && m.engine.ipBlockMatchesClusterIps) return end.pod.ip;
  return undefined;
}

/** Does this port entry match `port`/`proto` on the destination? Named ports resolve on it. */
export function portMatches(m: Model, pm: PortMatcher, dst: End, port: number, proto: Protocol): boolean {
  switch (pm.kind) {
    case 'any':
      return true;
    case 'invalid':
      return false;
    case 'protocol':
      return pm.protocol === proto;
    case 'number':
      return pm.protocol === proto && pm.port === port;
    case 'range':
      return pm.protocol === proto && (m.engine.endPort ? port >= pm.port && port <= pm.endPort : port === pm.port);
    case 'named':
      return pm.protocol === proto && dst.kind === 'pod' && resolveNamedPort(dst.pod, pm.name, pm.protocol) === port;
  }
}

export function ruleMatches(m: Model, rule: Rule, other: End, dst: End, port: number, proto: Protocol): boolean {
  return rule.ports.some((pm) => portMatches(m, pm, dst, port, proto)) && rule.peers.some((peer) => peerMatches(m, peer, other));
}

// ---- one connection, explained ----------------------------------------------------------

export interface ResolvedTraffic {
  src: End;
  dst: End;
  port?: number;
  protocol: Protocol;
  /** Why the port could not be resolved (named port missing on the destination). */
  portProblem?: string;
  portText: string;
}

export function resolveTraffic(m: Model, t: Traffic): ResolvedTraffic {
  const src = resolveEndpoint(m, t.from);
  const dst = resolveEndpoint(m, t.to);
  const protocol: Protocol = t.protocol === 'UDP' || t.protocol === 'SCTP' ? t.protocol : 'TCP';
  const raw = t.port;
  // Spec §7: NetworkPolicy is defined for TCP, UDP and SCTP only; ICMP and others vary by plugin.
  if (t.protocol !== undefined && t.protocol !== 'TCP' && t.protocol !== 'UDP' && t.protocol !== 'SCTP') {
    return { src, dst, protocol, portText: String(raw), portProblem: `NetworkPolicy is defined only for TCP, UDP and SCTP; for ${String(t.protocol)} the behaviour depends on the network plugin` };
  }
  if (typeof raw === 'number' || (typeof raw === 'string' && /^\d+$/.test(raw.trim()))) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 65535) return { src, dst, protocol, portText: String(raw), portProblem: `port ${String(raw)} is not from 1 to 65535` };
    return { src, dst, protocol, port: n, portText: String(n) };
  }
  const name = String(raw ?? '').trim();
  if (dst.kind !== 'pod') return { src, dst, protocol, portText: name, portProblem: `the named port "${name}" can only be resolved on a destination pod` };
  const n = resolveNamedPort(dst.pod, name, protocol);
  if (n === undefined) return { src, dst, protocol, portText: name, portProblem: `${dst.pod.key} has no ${protocol} container port named "${name}"` };
  return { src, dst, protocol, port: n, portText: `${name} (= ${n})` };
}

const allowAll = (steps: string[]): DirectionVerdict => ({ verdict: 'allow', isolated: false, allowedBy: [], rules: [], steps });

function direction(m: Model, d: Direction, self: End, other: End, dst: End, port: number, proto: Protocol, notes: string[]): DirectionVerdict {
  const word = d === 'ingress' ? 'Ingress to' : 'Egress from';
  if (self.kind !== 'pod') return allowAll([`${word} ${endName(self)}: outside the cluster, so no NetworkPolicy applies on this side.`]);
  const pod = self.pod;
  if (pod.hostNetwork) {
    return allowAll([`${word} ${pod.key}: a hostNetwork pod is not selected by policies; its traffic is node traffic (Kubernetes docs: the most common implementation).`]);
  }
  const selecting = m.isolating[d][pod.index]!.map((i) => m.policies[i]!);
  if (selecting.length === 0) {
    return allowAll([`${word} ${pod.key}: not isolated — no NetworkPolicy with ${d === 'ingress' ? 'Ingress' : 'Egress'} in its policyTypes selects it, so everything is allowed.`]);
  }
  const steps = [`${word} ${pod.key}: isolated by ${selecting.map((p) => p.key).join(', ')}; only what one of their ${d} rules allows gets through.`];
  const v: DirectionVerdict = { verdict: 'deny', isolated: true, allowedBy: [], rules: [], steps };
  // Traffic between a pod and its own node is always allowed (Kubernetes docs; API `ingress`).
  if (other.kind === 'pod' && other.pod.hostNetwork && other.pod.node !== undefined && other.pod.node === pod.node) {
    if (d === 'ingress' || m.engine.egressToOwnNode) {
      v.verdict = 'allow';
      steps.push(`${other.pod.key} runs on ${pod.key}'s own node (${pod.node}); traffic ${d === 'ingress' ? 'from' : 'to'} the pod's node is always allowed.`);
      return v;
    }
    steps.push(`${other.pod.key} is ${pod.key}'s own node; ${m.engine.title} does not allow egress to it implicitly.`);
  }
  for (const p of selecting) {
    for (const rule of rulesOf(p, d)) {
      if (!ruleMatches(m, rule, other, dst, port, proto)) continue;
      if (!v.allowedBy.includes(p.key)) v.allowedBy.push(p.key);
      v.rules.push(describeRule(p, rule));
      const viaIpBlock = other.kind === 'pod' && rule.peers.every((peer) => peer.kind === 'ipBlock' || !peerMatches(m, peer, other));
      if (viaIpBlock) notes.push(`${p.key} ${d}[${rule.index}] matches ${other.pod.key} only through an ipBlock containing its IP; the upstream e2e tests allow this, Cilium on AKS does not (ipBlock can't select pod or node IPs).`);
    }
  }
  if (v.rules.length) {
    v.verdict = 'allow';
    steps.push(`Allowed by ${v.rules.join('; ')}.`);
  } else {
    const reasons = selecting.flatMap((p) => {
      const rules = rulesOf(p, d);
      if (rules.length === 0) return [`${p.key} has no ${d} rules (it only isolates)`];
      return rules.map((r) => `${p.key} ${d}[${r.index}] ${whyNot(m, r, other, dst, port, proto)}`);
    });
    steps.push(`Denied: no rule matches — ${reasons.join('; ')}.`);
    if (other.kind === 'pod' && other.pod.ip && !m.engine.ipBlockMatchesClusterIps) {
      const blocked = selecting.some((p) => rulesOf(p, d).some((r) => r.peers.some((peer) => peer.kind === 'ipBlock' && inBlock(peer, other.pod.ip!)) && r.ports.some((pm) => portMatches(m, pm, dst, port, proto))));
      if (blocked) notes.push(`An ipBlock contains ${other.pod.key}'s IP, but ${m.engine.title} does not let ipBlock select pod or node IPs; the upstream e2e tests would allow it.`);
    }
  }
  return v;
}

function whyNot(m: Model, rule: Rule, other: End, dst: End, port: number, proto: Protocol): string {
  const portOk = rule.ports.some((pm) => portMatches(m, pm, dst, port, proto));
  const peerOk = rule.peers.some((peer) => peerMatches(m, peer, other));
  const parts: string[] = [];
  if (!peerOk) parts.push(`${endName(other)} is not ${rule.peers.map((p) => describePeer(p, rule.direction)).join(' nor ')}`);
  if (!portOk) parts.push(`${port}/${proto} is not ${rule.ports.map(describePort).join(' nor ')}`);
  return parts.join(', and ');
}

export function decide(m: Model, t: Traffic): { result: TrafficResult; problem?: string } {
  const r = resolveTraffic(m, t);
  const label = `${endName(r.src)} -> ${endName(r.dst)} ${r.port ?? r.portText}/${r.protocol}`;
  const deny = (why: string, problem?: string): { result: TrafficResult; problem?: string } => {
    const empty: DirectionVerdict = { verdict: 'deny', isolated: false, allowedBy: [], rules: [], steps: [] };
    return { result: { verdict: 'deny', egress: empty, ingress: { ...empty, steps: [] }, explanation: why, label }, ...(problem ? { problem } : {}) };
  };
  if (r.src.kind === 'unknown') return deny(`Unknown source: ${r.src.reason}.`, `source "${r.src.text}": ${r.src.reason}`);
  if (r.dst.kind === 'unknown') return deny(`Unknown destination: ${r.dst.reason}.`, `destination "${r.dst.text}": ${r.dst.reason}`);
  if (r.port === undefined) return deny(`No connection: ${r.portProblem}.`, r.portProblem);
  const port = r.port;
  if (r.src.kind === 'pod' && r.dst.kind === 'pod' && r.src.pod === r.dst.pod) {
    const steps = [`${r.src.pod.key} connects to itself: "a pod cannot block access to itself" (Kubernetes docs).`];
    const v: DirectionVerdict = { verdict: 'allow', isolated: false, allowedBy: [], rules: [], steps };
    return { result: { verdict: 'allow', egress: v, ingress: { ...v, steps: [] }, explanation: steps[0]!, label } };
  }
  const notes: string[] = [];
  const egress = direction(m, 'egress', r.src, r.dst, r.dst, port, r.protocol, notes);
  const ingress = direction(m, 'ingress', r.dst, r.src, r.dst, port, r.protocol, notes);
  const verdict = egress.verdict === 'allow' && ingress.verdict === 'allow' ? 'allow' : 'deny';
  const final =
    verdict === 'allow'
      ? 'Verdict: allow — the source may send it and the destination may receive it.'
      : `Verdict: deny — ${[egress.verdict === 'deny' ? 'the source\'s egress' : '', ingress.verdict === 'deny' ? 'the destination\'s ingress' : ''].filter(Boolean).join(' and ')} does not allow it (both sides must allow).`;
  const explanation = [`${label}.`, ...egress.steps, ...ingress.steps, ...notes, final].join('\n');
  return {
    result: { verdict, egress, ingress, explanation, label, ...(notes.length ? { implementationDefined: notes.join(' ') } : {}) },
  };
}

