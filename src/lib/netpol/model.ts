/**
 * A policy set bound to a cluster: which policies select which pods (computed once), and
 * the matchers that decide one connection with an explanation. The truth table
 * (./table.ts) computes the same answers with bitsets; tests check they agree.
 */
import type { Diagnostic } from '../diagnostics';
import { containsIp, parseIp, type Ip } from '../cidr/ip';
import { resolveNamedPort } from '../k8s/manifests';
import { matches } from '../k8s/selector';
import { ciliumEngineDiagnostics } from './cilium/aks';
import { buildCiliumModel, ciliumSide, dnsVisible, type Candidate, type CiliumModel } from './cilium/evaluate';
import { DNS_NAME_RE, nameMatches } from './cilium/fqdn';
import { describeRequest, httpRuleMatches } from './cilium/http';
import { indexCluster, ipKey, kubeDnsPods, type ClusterIndex, type PodRec } from './cluster';
import { engineDiagnostics, engineProfile, type EngineProfile } from './engines';
import { describePeer, describePort, describeRule, readPolicies, rulesOf, type CompiledPolicy, type Direction, type PeerMatcher, type PortMatcher, type Rule } from './policy';
import type { Cluster, DirectionVerdict, Engine, HttpRequest, Protocol, Traffic, TrafficResult } from './types';

export interface Model {
  engine: EngineProfile;
  cluster: ClusterIndex;
  policies: CompiledPolicy[];
  /** Cilium policies and the rules selecting each pod (empty unless the engine is Cilium). */
  cilium: CiliumModel;
  /** Per pod index: the policies (indices) that select it, per direction. */
  isolating: { ingress: number[][]; egress: number[][] };
  /** Diagnostics about the policies text (positions refer to it). */
  diagnostics: Diagnostic[];
}

/** hostNetwork pods are left out of pod selection (spec §8, the "most common implementation"). */
export function selects(p: CompiledPolicy, pod: PodRec): boolean {
  return !pod.hostNetwork && (p.anyNamespace || pod.namespace === p.namespace) && matches(p.podSelector, pod.labels);
}

export function buildModel(cluster: Cluster | ClusterIndex | undefined, policiesText: unknown, engine?: Engine): Model {
  const index = cluster && 'byKey' in cluster ? cluster : indexCluster(cluster as Cluster | undefined);
  const profile = engineProfile(engine);
  const { policies, cilium, diagnostics } = readPolicies(policiesText);
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
  diagnostics.push(...engineDiagnostics(profile, policies, index), ...ciliumEngineDiagnostics(profile, cilium));
  // Cilium's own objects apply only under the Cilium engine (the diagnostic above says so).
  const cm = buildCiliumModel(index, profile.id === 'cilium' ? cilium : []);
  return { engine: profile, cluster: index, policies, cilium: cm, isolating: { ingress, egress }, diagnostics };
}

// ---- endpoints ------------------------------------------------------------------------

export type End =
  | { kind: 'pod'; pod: PodRec; viaIp?: string }
  | { kind: 'external'; ip: Ip; text: string }
  /** A destination outside the cluster known by its DNS name; `ip` is what it resolves to, if given. */
  | { kind: 'name'; name: string; ip?: Ip; text: string }
  | { kind: 'unknown'; text: string; reason: string };

/** Resolves "namespace/pod", an IP, or (when `asDestination`) a DNS name with its optional resolved address. */
export function resolveEndpoint(m: Model, e: unknown, asDestination = false, resolvesTo?: unknown): End {
  const text = typeof e === 'string' ? e.trim() : e && typeof e === 'object' && typeof (e as { ip?: unknown }).ip === 'string' ? (e as { ip: string }).ip.trim() : undefined;
  if (text === undefined) return { kind: 'unknown', text: String(e), reason: 'an endpoint is "namespace/pod" or { ip: "…" }' };
  const isIpForm = typeof e !== 'string' || !text.includes('/');
  if (isIpForm) {
    const ip = parseIp(text);
    if (!ip.ok && typeof e === 'string' && /[a-zA-Z_]/.test(text) && !text.includes(':') && DNS_NAME_RE.test(text)) {
      if (!asDestination) return { kind: 'unknown', text, reason: 'a DNS name can only be a destination (traffic from outside is from an address)' };
      if (resolvesTo === undefined || resolvesTo === null || resolvesTo === '') return { kind: 'name', name: text.toLowerCase().replace(/\.$/, ''), text };
      const r = parseIp(String(resolvesTo).trim());
      if (!r.ok) return { kind: 'unknown', text, reason: `resolvesTo "${String(resolvesTo)}" is not an IP address` };
      return { kind: 'name', name: text.toLowerCase().replace(/\.$/, ''), ip: r.value, text: `${text} (${String(resolvesTo).trim()})` };
    }
    if (!ip.ok) return { kind: 'unknown', text, reason: typeof e === 'string' && !/^[\d.:a-fA-F]+$/.test(text) ? `it is neither "namespace/pod", an IP address${asDestination ? ' nor a DNS name' : ''}` : ip.reason };
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

/** The address an ipBlock sees for an endpoint, per engine (spec §5, §10.1); a name's only through resolvesTo. */
export function ipOf(m: Model, end: End): Ip | undefined {
  if (end.kind === 'external') return end.ip;
  if (end.kind === 'name') return end.ip;
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
  const dst = resolveEndpoint(m, t.to, true, t.resolvesTo);
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

/** One side of a connection: the egress of the source, or the ingress of the destination (spec §12 for Cilium). */
function direction(m: Model, d: Direction, self: End, other: End, dst: End, port: number, proto: Protocol, notes: string[], http?: HttpRequest): DirectionVerdict {
  const word = d === 'ingress' ? 'Ingress to' : 'Egress from';
  if (self.kind !== 'pod') return allowAll([`${word} ${endName(self)}: outside the cluster, so no ${m.cilium.policies.length ? 'policy' : 'NetworkPolicy'} applies on this side.`]);
  const pod = self.pod;
  if (pod.hostNetwork) {
    return allowAll([`${word} ${pod.key}: a hostNetwork pod is not selected by policies; its traffic is node traffic (Kubernetes docs: the most common implementation).`]);
  }
  const selecting = m.isolating[d][pod.index]!.map((i) => m.policies[i]!);
  const cil = m.cilium.policies.length ? ciliumSide(m.cluster, m.cilium, d, pod, other, dst, port, proto) : undefined;
  const enforcing = [...selecting.map((p) => p.key), ...(cil?.enforcing ?? [])];
  if (enforcing.length === 0) {
    const types = `NetworkPolicy with ${d === 'ingress' ? 'Ingress' : 'Egress'} in its policyTypes`;
    // With Cilium policies in play, say what makes one of them enforce too (spec §4: a non-empty allow or deny list).
    const none = m.cilium.policies.length ? `${types} and no Cilium policy with a non-empty ${d} or ${d}Deny list` : types;
    return allowAll([`${word} ${pod.key}: not isolated — no ${none} selects it, so everything is allowed.`]);
  }
  const steps = [`${word} ${pod.key}: isolated by ${enforcing.join(', ')}; only what one of their ${d} rules allows gets through.`];
  const v: DirectionVerdict = { verdict: 'deny', isolated: true, allowedBy: [], rules: [], steps };
  // Cilium: deny rules win over every allow, of any kind (C-DENY), before anything else.
  if (cil?.denied.length) {
    v.deniedBy = cil.denied;
    steps.push(`Denied by ${cil.denied.join('; ')} — a deny rule wins over every allow (CiliumNetworkPolicy, cluster-wide or Kubernetes NetworkPolicy).`);
    return v;
  }
  // Traffic between a pod and its own node is always allowed (Kubernetes docs; API `ingress`).
  if (other.kind === 'pod' && other.pod.hostNetwork && other.pod.node !== undefined && other.pod.node === pod.node) {
    if (d === 'ingress' || m.engine.egressToOwnNode) {
      v.verdict = 'allow';
      steps.push(`${other.pod.key} runs on ${pod.key}'s own node (${pod.node}); traffic ${d === 'ingress' ? 'from' : 'to'} the pod's node is always allowed.`);
      return v;
    }
    steps.push(`${other.pod.key} is ${pod.key}'s own node; ${m.engine.title} does not allow egress to it implicitly.`);
  }
  const candidates: Candidate[] = [];
  for (const p of selecting) {
    for (const rule of rulesOf(p, d)) {
      if (!ruleMatches(m, rule, other, dst, port, proto)) continue;
      if (!v.allowedBy.includes(p.key)) v.allowedBy.push(p.key);
      v.rules.push(describeRule(p, rule));
      candidates.push({ policy: p.key, rule: describeRule(p, rule) });
      const viaIpBlock = other.kind === 'pod' && rule.peers.every((peer) => peer.kind === 'ipBlock' || !peerMatches(m, peer, other));
      if (viaIpBlock) notes.push(`${p.key} ${d}[${rule.index}] matches ${other.pod.key} only through an ipBlock containing its IP; the upstream e2e tests allow this, Cilium on AKS does not (ipBlock can't select pod or node IPs).`);
    }
  }
  for (const c of cil?.allows ?? []) {
    if (!v.allowedBy.includes(c.policy)) v.allowedBy.push(c.policy);
    v.rules.push(c.rule);
    candidates.push(c);
  }
  if (v.rules.length) {
    v.verdict = 'allow';
    steps.push(`Allowed by ${v.rules.join('; ')}.`);
    const l7 = candidates.filter((c) => c.http);
    if (l7.length) l7Step(v, candidates, l7, http);
  } else {
    const reasons = selecting.flatMap((p) => {
      const rules = rulesOf(p, d);
      if (p.unread) return [`${p.key} could not be read (${p.unread}); until it can, it counts as isolating and allowing nothing`];
      if (rules.length === 0) return [`${p.key} has no ${d} rules (it only isolates)`];
      return rules.map((r) => `${p.key} ${d}[${r.index}] ${whyNot(m, r, other, dst, port, proto)}`);
    });
    reasons.push(...(cil?.misses ?? []));
    steps.push(`Denied: no rule matches — ${reasons.length ? reasons.join('; ') : 'the selecting Cilium rules have no allow items for this direction (a deny-only policy still switches on default-deny)'}.`);
    if (other.kind === 'pod' && other.pod.ip && !m.engine.ipBlockMatchesClusterIps) {
      const blocked = selecting.some((p) => rulesOf(p, d).some((r) => r.peers.some((peer) => peer.kind === 'ipBlock' && inBlock(peer, other.pod.ip!)) && r.ports.some((pm) => portMatches(m, pm, dst, port, proto))));
      if (blocked) notes.push(`An ipBlock contains ${other.pod.key}'s IP, but ${m.engine.title} does not let ipBlock select pod or node IPs; the upstream e2e tests would allow it.`);
    }
  }
  return v;
}

/**
 * Cilium L7 (spec §8): a request passes when some allowing rule has no HTTP rules (an
 * L4-only allow for the same peer and port voids the L7 rules), or it fully matches one
 * HTTP rule of the allowing rules; otherwise the proxy answers 403 and the verdict is deny.
 */
function l7Step(v: DirectionVerdict, candidates: Candidate[], l7: Candidate[], http: HttpRequest | undefined): void {
  const open = candidates.filter((c) => !c.http);
  const where = l7.map((c) => c.rule.split(':')[0]).join(', ');
  if (open.length) {
    v.steps.push(`The HTTP rules of ${where} have no effect for this peer and port: ${open.map((c) => c.rule.split(':')[0]).join(', ')} allows it without L7 rules, which lets every request through (Cilium: "the layer 7 portions of the latter rule will have no effect").`);
    return;
  }
  if (!http) {
    v.steps.push(`The connection is accepted (by Cilium's L7 proxy); each HTTP request over it must match an HTTP rule of ${where}, or it gets 403 Forbidden.`);
    return;
  }
  const rules = l7.flatMap((c) => (c.http ?? []).map((r) => ({ r, c })));
  const hit = rules.find(({ r }) => httpRuleMatches(r, http));
  if (hit) {
    v.steps.push(`The request ${describeRequest(http)} matches the HTTP rule "${hit.r.text}" of ${hit.c.rule.split(':')[0]} (method and path are matched as whole-string regular expressions).`);
    return;
  }
  v.verdict = 'deny';
  v.l7Denied = `The connection is allowed, but the request ${describeRequest(http)} matches none of the HTTP rules (${rules.map(({ r }) => `"${r.text}"`).join(', ')}) of ${where}: Cilium's proxy answers 403 Forbidden (method and path must match as a whole).`;
  v.steps.push(v.l7Denied);
}

function whyNot(m: Model, rule: Rule, other: End, dst: End, port: number, proto: Protocol): string {
  const portOk = rule.ports.some((pm) => portMatches(m, pm, dst, port, proto));
  const peerOk = rule.peers.some((peer) => peerMatches(m, peer, other));
  const parts: string[] = [];
  if (!peerOk) parts.push(`${endName(other)} is not ${rule.peers.map((p) => describePeer(p, rule.direction)).join(' nor ')}`);
  if (!portOk) parts.push(`${port}/${proto} is not ${rule.ports.map(describePort).join(' nor ')}`);
  return parts.join(', and ');
}

/** Reads `traffic.http`; a reason instead when it is not { method, path, headers? } of text. */
function readHttp(raw: unknown): { http?: HttpRequest; problem?: string } {
  if (raw === undefined || raw === null) return {};
  const o = raw as { method?: unknown; path?: unknown; headers?: unknown };
  if (typeof raw !== 'object' || typeof o.method !== 'string' || typeof o.path !== 'string' || !o.method || !o.path.startsWith('/')) {
    return { problem: 'an HTTP request is { method: "GET", path: "/…", headers?: {…} } (the path starts with /)' };
  }
  const headers = o.headers && typeof o.headers === 'object' && !Array.isArray(o.headers) ? Object.fromEntries(Object.entries(o.headers as Record<string, unknown>).map(([k, v]) => [k, String(v)])) : undefined;
  return { http: { method: o.method, path: o.path, ...(headers ? { headers } : {}) } };
}

/**
 * A name's lookup is its own flow to cluster DNS (spec §5.5 CONTRACT): the name is
 * reachable only when the source may query kube-dns on 53/UDP and, where every rule
 * allowing that query carries DNS rules, one of them covers the name (else DNS REFUSED).
 * Returns why the lookup fails, or undefined when it passes (or cannot be checked).
 */
function lookupProblem(m: Model, src: PodRec, name: string, notes: string[]): string | undefined {
  const dns = kubeDnsPods(m.cluster)[0];
  if (!dns) {
    notes.push(`The cluster has no kube-dns pod (k8s-app=kube-dns in kube-system), so whether ${src.key} may look up ${name} is not checked.`);
    return undefined;
  }
  const lookup = decide(m, { from: src.key, to: dns.key, port: 53, protocol: 'UDP' }).result;
  if (lookup.verdict === 'deny') return `the lookup of ${name} is refused: ${src.key} -> ${dns.key} 53/UDP is denied (${[...lookup.egress.steps, ...lookup.ingress.steps].slice(-1)[0] ?? ''}), so the name never resolves`;
  if (!lookup.egress.isolated || !m.cilium.policies.length) return undefined;
  const dnsEnd: End = { kind: 'pod', pod: dns };
  const viaK8s = m.isolating.egress[src.index]!.some((i) => rulesOf(m.policies[i]!, 'egress').some((r) => ruleMatches(m, r, dnsEnd, dnsEnd, 53, 'UDP')));
  const allows = ciliumSide(m.cluster, m.cilium, 'egress', src, dnsEnd, dnsEnd, 53, 'UDP').allows;
  if (viaK8s || allows.some((c) => !c.dns)) return undefined;
  if (allows.some((c) => c.dns!.some((x) => nameMatches(x, name)))) return undefined;
  return `the DNS proxy refuses the query for ${name}: the DNS rules allowing ${src.key}'s lookups (${allows.flatMap((c) => c.dns!.map((x) => x.text)).join(', ')}) do not cover it, so the lookup gets REFUSED`;
}

export function decide(m: Model, t: Traffic): { result: TrafficResult; problem?: string } {
  const r = resolveTraffic(m, t);
  const h = readHttp((t as { http?: unknown }).http);
  const label = `${endName(r.src)} -> ${endName(r.dst)} ${r.port ?? r.portText}/${r.protocol}${h.http ? ` ${describeRequest(h.http)}` : ''}`;
  const deny = (why: string, problem?: string): { result: TrafficResult; problem?: string } => {
    const empty: DirectionVerdict = { verdict: 'deny', isolated: false, allowedBy: [], rules: [], steps: [] };
    return { result: { verdict: 'deny', egress: empty, ingress: { ...empty, steps: [] }, explanation: why, label }, ...(problem ? { problem } : {}) };
  };
  if (r.src.kind === 'unknown') return deny(`Unknown source: ${r.src.reason}.`, `source "${r.src.text}": ${r.src.reason}`);
  if (r.dst.kind === 'unknown') return deny(`Unknown destination: ${r.dst.reason}.`, `destination "${r.dst.text}": ${r.dst.reason}`);
  if (r.port === undefined) return deny(`No connection: ${r.portProblem}.`, r.portProblem);
  if (h.problem) return deny(`No request: ${h.problem}.`, h.problem);
  const port = r.port;
  if (r.src.kind === 'pod' && r.dst.kind === 'pod' && r.src.pod === r.dst.pod) {
    const steps = [`${r.src.pod.key} connects to itself: "a pod cannot block access to itself" (Kubernetes docs).`];
    const v: DirectionVerdict = { verdict: 'allow', isolated: false, allowedBy: [], rules: [], steps };
    return { result: { verdict: 'allow', egress: v, ingress: { ...v, steps: [] }, explanation: steps[0]!, label } };
  }
  const notes: string[] = [];
  const egress = direction(m, 'egress', r.src, r.dst, r.dst, port, r.protocol, notes, h.http);
  const ingress = direction(m, 'ingress', r.dst, r.src, r.dst, port, r.protocol, notes, h.http);
  if (r.dst.kind === 'name' && r.src.kind === 'pod' && !r.src.pod.hostNetwork) {
    const problem = lookupProblem(m, r.src.pod, r.dst.name, notes);
    if (problem) {
      egress.verdict = 'deny';
      egress.steps.push(`Denied: ${problem}.`);
    } else if (m.cilium.policies.length && egress.verdict === 'deny' && !egress.deniedBy && !dnsVisible(m.cilium, r.src.pod, r.dst.name) && m.cilium.policies.some((p) => p.rules.some((ru) => ru.egress.some((i) => i.peers !== 'any' && i.peers !== 'none' && i.peers.some((x) => x.kind === 'fqdn' && nameMatches(x.name, r.dst.kind === 'name' ? r.dst.name : '')))))) {
      egress.steps.push(`A toFQDNs rule names ${r.dst.name}, but no DNS rule (toPorts.rules.dns) of ${r.src.pod.key}'s egress covers it: the DNS proxy never sees the answer, so Cilium cannot tie the returned addresses to the name.`);
    }
  }
  const verdict = egress.verdict === 'allow' && ingress.verdict === 'allow' ? 'allow' : 'deny';
  const final =
    verdict === 'allow'
      ? `Verdict: allow — the source may send it and the destination may receive it${h.http ? ' (the request reaches the server)' : ''}.`
      : egress.l7Denied || ingress.l7Denied
        ? 'Verdict: deny — the connection opens, but the HTTP request is refused with 403 Forbidden by an L7 rule.'
        : `Verdict: deny — ${[egress.verdict === 'deny' ? 'the source\'s egress' : '', ingress.verdict === 'deny' ? 'the destination\'s ingress' : ''].filter(Boolean).join(' and ')} does not allow it (both sides must allow).`;
  const explanation = [`${label}.`, ...egress.steps, ...ingress.steps, ...notes, final].join('\n');
  return {
    result: { verdict, egress, ingress, explanation, label, ...(notes.length ? { implementationDefined: notes.join(' ') } : {}) },
  };
}
