/**
 * Reads NetworkPolicy manifests (networking.k8s.io/v1) into small matcher types, in the
 * manner of policy-assistant's matcher package: a policy becomes a target (namespace +
 * pod selector) with, per direction, a list of rules; a rule is peers × ports; each
 * peer and port matcher can describe itself in words.
 *
 * Semantics follow ../shared/specs/network-policy.md (§2 policyTypes defaulting, §3 rules,
 * §4 peers, §5 ipBlock, §6 ports). Input the API server would reject becomes an error
 * diagnostic and the offending part matches nothing (never "everything").
 *
 * Fail closed (issue 12): a part that cannot be read never makes a verdict more permissive
 * than the part valid or left out. An unreadable peer or port list matches nothing; an
 * unreadable policyTypes or rule list isolates; a policy whose target (namespace, podSelector,
 * spec) or whole document cannot be read becomes an "unread" policy that selects every pod it
 * might and allows nothing.
 */
import { diag, type Diagnostic, type Position } from '../diagnostics';
import { containsCidr, formatCidr, parseCidr, type Cidr } from '../cidr/ip';
import { readManifests, type Manifest } from '../k8s/manifests';
import { checkShape, editDistance, type Shape } from '../k8s/shape';
import { describeSelector, EVERYTHING, readSelector, type Selector } from '../k8s/selector';
import type { PathSegment, YamlDocument } from '../yaml';
import { CCNP, CNP, type CiliumPolicy } from './cilium/policy';
import { readCiliumPolicy } from './cilium/read';
import { PROTOCOLS, type Protocol } from './types';

export type Direction = 'ingress' | 'egress';

export type PeerMatcher =
  /** `from`/`to` empty or missing: every source/destination, inside or outside the cluster. */
  | { kind: 'any' }
  /** podSelector alone: pods of the policy's own namespace. */
  | { kind: 'pods'; namespace: string; pods: Selector }
  /** namespaceSelector alone: every pod of the selected namespaces. */
  | { kind: 'namespaces'; namespaces: Selector }
  /** Both in one peer: AND. */
  | { kind: 'pods-in-namespaces'; namespaces: Selector; pods: Selector }
  | { kind: 'ipBlock'; cidr: Cidr; except: Cidr[] }
  /** A peer the API server would reject: matches nothing. */
  | { kind: 'invalid'; reason: string };

export type PortMatcher =
  /** `ports` empty or missing: every port and protocol. */
  | { kind: 'any' }
  /** Only `protocol`: every port of that protocol. */
  | { kind: 'protocol'; protocol: Protocol }
  | { kind: 'number'; protocol: Protocol; port: number }
  | { kind: 'range'; protocol: Protocol; port: number; endPort: number }
  /** Resolved against the destination pod's container ports. */
  | { kind: 'named'; protocol: Protocol; name: string }
  | { kind: 'invalid'; reason: string };

export interface Rule {
  direction: Direction;
  index: number;
  peers: PeerMatcher[];
  ports: PortMatcher[];
  /** YAML path of the rule inside its document. */
  path: PathSegment[];
}

export interface CompiledPolicy {
  namespace: string;
  name: string;
  /** "namespace/name" */
  key: string;
  podSelector: Selector;
  policyTypes: Direction[];
  /** True when policyTypes was written (not defaulted). */
  policyTypesExplicit: boolean;
  /** Rules per direction; only meaningful for directions in policyTypes. */
  ingress: Rule[];
  egress: Rule[];
  /** The rule lists as written, before policyTypes is applied (lint looks at both). */
  writtenIngress: boolean;
  writtenEgress: boolean;
  doc: YamlDocument;
  manifest: Manifest;
  /**
   * Set when the policy, or a whole document of the input, could not be read (what, in words):
   * it fails closed, selecting every pod it might in the directions it might cover, with no rules.
   */
  unread?: string;
  /** With `unread`: the namespace is unknown too, so the policy selects pods in every namespace. */
  anyNamespace?: boolean;
}

const SELECTOR: Shape = 'any'; // readSelector checks selectors itself
const PEER: Shape = {
  object: {
    podSelector: SELECTOR,
    namespaceSelector: SELECTOR,
    ipBlock: { object: { cidr: 'string', except: { list: 'string' } }, required: ['cidr'] },
  },
};
const PORT: Shape = { object: { protocol: 'string', port: 'int-or-string', endPort: 'integer' } };
const NETWORK_POLICY: Shape = {
  object: {
    apiVersion: 'string',
    kind: 'string',
    metadata: {
      object: { name: 'string', namespace: 'string', labels: { map: 'string' }, annotations: { map: 'string' } },
      open: true, // uid, resourceVersion, creationTimestamp… from `kubectl get -o yaml`
    },
    spec: {
      object: {
        podSelector: SELECTOR,
        policyTypes: { list: 'string' },
        ingress: { list: { object: { from: { list: PEER }, ports: { list: PORT } } } },
        egress: { list: { object: { to: { list: PEER }, ports: { list: PORT } } } },
      },
    },
    status: 'any',
  },
};

const API = 'https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/';

export interface PolicySet {
  policies: CompiledPolicy[];
  /** CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy objects (applied only under the Cilium engine). */
  cilium: CiliumPolicy[];
  diagnostics: Diagnostic[];
}

const POLICY_KINDS = ['NetworkPolicy', CNP, CCNP];
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readPolicies(text: unknown): PolicySet {
  const { manifests, diagnostics } = readManifests(text);
  const byKey = new Map<string, CompiledPolicy>();
  const cilium = new Map<string, CiliumPolicy>();
  for (const m of manifests) {
    if (m.kind === CNP || m.kind === CCNP) {
      const c = readCiliumPolicy(m, diagnostics);
      if (cilium.has(`${c.kind}/${c.key}`)) diagnostics.push(diag('warning', 'duplicate-policy', `A second ${c.kind} named ${c.key}: applying both replaces the first, so only this one counts.`, m.doc.at(['metadata', 'name'])));
      cilium.set(`${c.kind}/${c.key}`, c);
      continue;
    }
    if (m.kind !== 'NetworkPolicy') {
      // A misspelt policy kind must not silently drop the policy (fail closed); other kinds are skipped.
      const near = POLICY_KINDS.find((k) => editDistance(k.toLowerCase(), m.kind.toLowerCase()) <= 3);
      // Network policy kinds this tool does not read (AdminNetworkPolicy, Calico GlobalNetworkPolicy) might deny: fail closed too.
      if (near || /network.?polic/i.test(m.kind)) {
        diagnostics.push(diag('error', 'unknown-policy-kind', `"${m.kind}" is not a policy kind read here; ${near ? `did you mean ${near}? ` : ''}Use NetworkPolicy, CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy (kinds are case-sensitive).`, m.doc.at(['kind'])));
        const u = unreadPolicy(`${m.namespace}/${m.name || `document ${m.doc.index + 1}`}`, 'its kind', m.doc.at(['kind']), m.namespaceSet ? m.namespace : undefined);
        byKey.set(u.key, u);
      } else diagnostics.push(diag('info', 'kind-skipped', `This ${m.kind} is not a NetworkPolicy; it was skipped here.`, m.doc.at(['kind'])));
      continue;
    }
    if (m.apiVersion !== 'networking.k8s.io/v1') {
      diagnostics.push(
        diag('error', 'wrong-api-version', `NetworkPolicy belongs to apiVersion networking.k8s.io/v1, not "${m.apiVersion}".`, { ...m.doc.at(['apiVersion']), source: API }),
      );
    }
    checkShape(m.doc, m.value, NETWORK_POLICY, [], diagnostics);
    const p = compile(m, diagnostics);
    const prev = byKey.get(p.key);
    if (prev) {
      diagnostics.push(
        diag('warning', 'duplicate-policy', `A second NetworkPolicy named ${p.key}: applying both replaces the first, so only this one counts.`, prev.doc.at(['metadata', 'name'])),
      );
    }
    byKey.set(p.key, p);
  }
  // Documents that could not be read at all: nothing is known of them, so they fail closed everywhere.
  for (const d of diagnostics.filter((x) => x.severity === 'error' && x.unread)) {
    const u = unreadPolicy(`(${d.unread})`, d.unread!, { line: d.line ?? 1, column: d.column ?? 1 });
    if (!byKey.has(u.key)) byKey.set(u.key, u);
  }
  const unread = [...byKey.values(), ...cilium.values()].filter((p) => p.unread);
  if (unread.length) {
    const many = unread.length > 1;
    diagnostics.push(
      diag(
        'info',
        'fails-closed',
        `Until ${unread.map((p) => `${p.key} (${p.unread})`).join(', ')} can be read, the verdicts count ${many ? 'them' : 'it'} as selecting every pod ${many ? 'they' : 'it'} might and allowing nothing${cilium.size && [...cilium.values()].some((c) => c.unread) ? ' (a Cilium policy: denying everything, since it might hold deny rules)' : ''}: a "deny" here may become "allow" once the error is fixed, never the other way.`,
        { line: unread[0]!.doc.line, column: 1 },
      ),
    );
  }
  return { policies: [...byKey.values()], cilium: [...cilium.values()], diagnostics };
}

/** A policy that could not be read: it selects every pod of `namespace` (of every namespace when unknown), both directions, no rules. */
function unreadPolicy(key: string, what: string, at: Position, namespace?: string): CompiledPolicy {
  const doc: YamlDocument = { index: -1, value: undefined, line: at.line, at: () => at, keyAt: () => at, has: () => false };
  const manifest: Manifest = { kind: 'NetworkPolicy', apiVersion: '', name: key, namespace: namespace ?? '', namespaceSet: namespace !== undefined, namespaceUnread: namespace === undefined, labels: {}, annotations: {}, value: {}, doc };
  return {
    namespace: namespace ?? '',
    name: key,
    key,
    podSelector: EVERYTHING,
    policyTypes: ['ingress', 'egress'],
    policyTypesExplicit: true,
    ingress: [],
    egress: [],
    writtenIngress: false,
    writtenEgress: false,
    doc,
    manifest,
    unread: `${what} not read`,
    ...(namespace === undefined ? { anyNamespace: true } : {}),
  };
}

const present = (v: unknown): boolean => v !== undefined && v !== null;
/** Missing, or a mapping with only these fields (the shape check reports the others). */
const readable = (v: unknown, fields: string[]): boolean => !present(v) || (isMap(v) && Object.keys(v).every((k) => fields.includes(k)));
const errorCount = (out: Diagnostic[]): number => out.filter((d) => d.severity === 'error').length;

function compile(m: Manifest, out: Diagnostic[]): CompiledPolicy {
  const doc = m.doc;
  const spec = isMap(m.value.spec) ? m.value.spec : {};
  const before = errorCount(out);
  const podSelector = readSelector(spec.podSelector, doc, ['spec', 'podSelector'], out);
  // Which pods the policy selects is unknown: fail closed (see unreadPolicy).
  const namespaceUnread = m.namespaceUnread;
  // A spec that is not a mapping, or has a field that is not a spec's (`polcyTypes`), or a document with a
  // stray top-level field (`spce:`) could hide any rule: the policy is unread.
  const specUnread = !readable(m.value.spec, ['podSelector', 'policyTypes', 'ingress', 'egress']) || !readable(m.value, ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  const target = specUnread ? 'spec' : namespaceUnread ? 'metadata.namespace' : errorCount(out) > before ? 'spec.podSelector' : undefined;
  if (target) {
    if (target === 'spec' && present(m.value.spec) && !isMap(m.value.spec)) out.push(diag('error', 'wrong-type', 'spec must be a mapping (podSelector, policyTypes, ingress, egress).', doc.at(['spec'])));
    return { ...unreadPolicy(`${m.namespace}/${m.name}`, target, doc.at(target.split('.')), namespaceUnread ? undefined : m.namespace), doc, manifest: m };
  }
  const writtenIngress = Array.isArray(spec.ingress) && spec.ingress.length > 0;
  const writtenEgress = Array.isArray(spec.egress) && spec.egress.length > 0;

  // §2: policyTypes defaults to [Ingress], plus Egress when egress rules exist.
  let policyTypes: Direction[] = writtenEgress ? ['ingress', 'egress'] : ['ingress'];
  let policyTypesExplicit = false;
  // Directions isolated only because policyTypes could not be read: isolated, and their written rules are
  // not applied (they could open traffic another policy closes, while the valid policy may not cover them).
  const guessed = new Set<Direction>();
  if (present(spec.policyTypes) && !Array.isArray(spec.policyTypes)) {
    // Unreadable policyTypes isolate both directions (fail closed); the shape check reports the type.
    policyTypesExplicit = true;
    policyTypes = ['ingress', 'egress'];
    guessed.add('ingress').add('egress');
  } else if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) {
    policyTypesExplicit = true;
    const types = new Set<Direction>();
    spec.policyTypes.forEach((t: unknown, i: number) => {
      if (t === 'Ingress') types.add('ingress');
      else if (t === 'Egress') types.add('egress');
      else {
        // An unreadable entry might have been either type: isolate both (fail closed).
        types.add('ingress').add('egress');
        const near = typeof t === 'string' && ['Ingress', 'Egress'].find((x) => x.toLowerCase() === t.toLowerCase());
        out.push(
          diag('error', 'invalid-policy-type', `"${String(t)}" is not a policy type; use Ingress or Egress${near ? ` (case-sensitive: "${near}")` : ''}.`, {
            ...doc.at(['spec', 'policyTypes', i]),
            source: API,
          }),
        );
      }
    });
    const known = new Set<unknown>(spec.policyTypes);
    if (!known.has('Ingress') && types.has('ingress')) guessed.add('ingress');
    if (!known.has('Egress') && types.has('egress')) guessed.add('egress');
    policyTypes = (['ingress', 'egress'] as Direction[]).filter((d) => types.has(d));
  }

  const policy: CompiledPolicy = {
    namespace: m.namespace,
    name: m.name,
    key: `${m.namespace}/${m.name}`,
    podSelector,
    policyTypes,
    policyTypesExplicit,
    ingress: [],
    egress: [],
    writtenIngress,
    writtenEgress,
    doc,
    manifest: m,
  };
  for (const direction of ['ingress', 'egress'] as Direction[]) {
    const list = spec[direction];
    if (present(list) && !Array.isArray(list)) {
      // An unreadable rule list isolates its direction with no rules (fail closed).
      if (!policyTypesExplicit && !policy.policyTypes.includes(direction)) policy.policyTypes = ['ingress', 'egress'];
      continue;
    }
    if (!Array.isArray(list) || guessed.has(direction)) continue;
    list.forEach((raw: unknown, i: number) => {
      const path: PathSegment[] = ['spec', direction, i];
      const peerKey = direction === 'ingress' ? 'from' : 'to';
      const unreadable = [{ kind: 'invalid', reason: 'the rule could not be read' }] as const;
      policy[direction].push({
        direction,
        index: i,
        path,
        // A null item is an empty rule (allows all). One that is not a mapping, or has a field that is
        // not a rule's (`form:` for `from:` would otherwise leave an allow-all rule), matches nothing.
        peers: readable(raw, [peerKey, 'ports']) ? readPeers(isMap(raw) ? raw[peerKey] : undefined, m.namespace, doc, [...path, peerKey], out) : [...unreadable],
        ports: readable(raw, [peerKey, 'ports']) ? readPorts(isMap(raw) ? raw.ports : undefined, doc, [...path, 'ports'], out) : [...unreadable],
      });
    });
  }
  return policy;
}

function readPeers(raw: unknown, namespace: string, doc: YamlDocument, path: PathSegment[], out: Diagnostic[]): PeerMatcher[] {
  // §3: "If this field is empty or missing, this rule matches all sources". Anything else that is
  // not a list cannot be read and matches nothing (the shape check reports it).
  if (present(raw) && !Array.isArray(raw)) return [{ kind: 'invalid', reason: 'not a list' }];
  if (!Array.isArray(raw) || raw.length === 0) return [{ kind: 'any' }];
  return raw.map((item: unknown, i: number): PeerMatcher => {
    const p = [...path, i];
    if (!isMap(item)) return { kind: 'invalid', reason: 'not a mapping' };
    if (!readable(item, ['podSelector', 'namespaceSelector', 'ipBlock'])) return { kind: 'invalid', reason: 'a field that is not a peer\'s' };
    const has = (k: string) => item[k] !== undefined && item[k] !== null;
    if (has('ipBlock')) {
      if (has('podSelector') || has('namespaceSelector')) {
        out.push(diag('error', 'ipblock-with-selector', 'A peer with ipBlock cannot also have podSelector or namespaceSelector ("If this field is set then neither of the other fields can be").', { ...doc.at(p), source: API }));
        return { kind: 'invalid', reason: 'ipBlock combined with a selector' };
      }
      return readIpBlock(item.ipBlock, doc, [...p, 'ipBlock'], out);
    }
    if (!has('podSelector') && !has('namespaceSelector')) {
      out.push(diag('error', 'empty-peer', 'This peer has none of podSelector, namespaceSelector or ipBlock; the API server rejects it. (To allow every source, leave out `from`/`to` instead.)', { ...doc.at(p), source: API }));
      return { kind: 'invalid', reason: 'empty peer' };
    }
    const pods = has('podSelector') ? readSelector(item.podSelector, doc, [...p, 'podSelector'], out) : undefined;
    const namespaces = has('namespaceSelector') ? readSelector(item.namespaceSelector, doc, [...p, 'namespaceSelector'], out) : undefined;
    if (pods && namespaces) return { kind: 'pods-in-namespaces', pods, namespaces };
    if (namespaces) return { kind: 'namespaces', namespaces };
    return { kind: 'pods', namespace, pods: pods! };
  });
}

function readIpBlock(raw: unknown, doc: YamlDocument, path: PathSegment[], out: Diagnostic[]): PeerMatcher {
  if (!isMap(raw) || typeof raw.cidr !== 'string') return { kind: 'invalid', reason: 'ipBlock without cidr' };
  // Host bits set (10.0.0.5/24): Go's net.ParseCIDR and policy-assistant use the network (spec §10.9).
  const c = parseCidr(raw.cidr, { strict: false });
  if (!c.ok) {
    out.push(diag('error', 'invalid-cidr', `ipBlock.cidr: ${c.reason}.`, doc.at([...path, 'cidr'])));
    return { kind: 'invalid', reason: 'invalid cidr' };
  }
  if (c.hostBitsSet) {
    out.push(
      diag('warning', 'ipblock-host-bits', `"${c.value.text}" has host bits set; it is read as ${formatCidr(c.value)}, as Go's CIDR parser (used by Kubernetes tools) does. Write the network address to be clear.`, doc.at([...path, 'cidr'])),
    );
  }
  const except: Cidr[] = [];
  let broken = false;
  if (Array.isArray(raw.except)) {
    raw.except.forEach((e: unknown, i: number) => {
      const at = doc.at([...path, 'except', i]);
      const x = parseCidr(e, { strict: false });
      if (!x.ok) {
        out.push(diag('error', 'invalid-cidr', `ipBlock.except: ${x.reason}.`, at));
        broken = true;
        return;
      }
      if (!containsCidr(c.value, x.value)) {
        out.push(diag('error', 'except-outside-cidr', `${formatCidr(x.value)} is not inside ${formatCidr(c.value)}; "Except values will be rejected if they are outside the cidr range".`, { ...at, source: API }));
        broken = true;
        return;
      }
      except.push(x.value);
    });
  }
  if (broken) return { kind: 'invalid', reason: 'invalid except' };
  return { kind: 'ipBlock', cidr: c.value, except };
}

function readPorts(raw: unknown, doc: YamlDocument, path: PathSegment[], out: Diagnostic[]): PortMatcher[] {
  // §3: "If this field is empty or missing, this rule matches all ports"; a non-list matches none.
  if (present(raw) && !Array.isArray(raw)) return [{ kind: 'invalid', reason: 'not a list' }];
  if (!Array.isArray(raw) || raw.length === 0) return [{ kind: 'any' }];
  return raw.map((item: unknown, i: number): PortMatcher => {
    const p = [...path, i];
    if (!isMap(item)) return { kind: 'invalid', reason: 'not a mapping' };
    if (!readable(item, ['protocol', 'port', 'endPort'])) return { kind: 'invalid', reason: 'a field that is not a port\'s' };
    // §6: protocol defaults to TCP.
    let protocol: Protocol = 'TCP';
    if (item.protocol !== undefined && item.protocol !== null) {
      if (!PROTOCOLS.includes(item.protocol as Protocol)) {
        out.push(diag('error', 'invalid-protocol', `"${String(item.protocol)}" is not a protocol; use TCP, UDP or SCTP (upper case).`, { ...doc.at([...p, 'protocol']), source: API }));
        return { kind: 'invalid', reason: 'invalid protocol' };
      }
      protocol = item.protocol as Protocol;
    }
    const port = item.port;
    const endPort = item.endPort;
    const hasEnd = endPort !== undefined && endPort !== null;
    if (port === undefined || port === null) {
      if (hasEnd) {
        out.push(diag('error', 'endport-without-port', 'endPort "cannot be defined if the port field is not defined".', { ...doc.at([...p, 'endPort']), source: API }));
        return { kind: 'invalid', reason: 'endPort without port' };
      }
      return { kind: 'protocol', protocol };
    }
    if (typeof port === 'string' && !/^\d+$/.test(port)) {
      if (hasEnd) {
        out.push(diag('error', 'endport-with-named-port', 'endPort cannot be used with a named port.', { ...doc.at([...p, 'endPort']), source: API }));
        return { kind: 'invalid', reason: 'endPort with named port' };
      }
      // IANA_SVC_NAME: ≤15 lower-case letters, digits and '-', at least one letter.
      if (!/^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/.test(port) || !/[a-z]/.test(port) || port.includes('--')) {
        out.push(diag('error', 'invalid-port-name', `"${port}" is not a valid port name (at most 15 lower-case letters, digits and '-').`, doc.at([...p, 'port'])));
        return { kind: 'invalid', reason: 'invalid port name' };
      }
      return { kind: 'named', protocol, name: port };
    }
    const n = typeof port === 'string' ? Number(port) : port;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535) {
      out.push(diag('error', 'invalid-port', 'port must be a whole number from 1 to 65535, or a port name.', doc.at([...p, 'port'])));
      return { kind: 'invalid', reason: 'invalid port' };
    }
    if (!hasEnd) return { kind: 'number', protocol, port: n };
    if (typeof endPort !== 'number' || !Number.isInteger(endPort) || endPort < 1 || endPort > 65535) {
      out.push(diag('error', 'invalid-port', 'endPort must be a whole number from 1 to 65535.', doc.at([...p, 'endPort'])));
      return { kind: 'invalid', reason: 'invalid endPort' };
    }
    if (endPort < n) {
      out.push(diag('error', 'endport-before-port', `endPort ${endPort} is below port ${n}; "The endPort must be equal or greater than port".`, { ...doc.at([...p, 'endPort']), source: API }));
      return { kind: 'invalid', reason: 'endPort below port' };
    }
    return { kind: 'range', protocol, port: n, endPort };
  });
}

/** True when the policy selects pods with these labels in this namespace (hostNetwork aside). */
export const affects = (p: CompiledPolicy, d: Direction): boolean => p.policyTypes.includes(d);

export function rulesOf(p: CompiledPolicy, d: Direction): Rule[] {
  return affects(p, d) ? p[d] : [];
}

// ---- self-description -------------------------------------------------------------

export function describePeer(peer: PeerMatcher, direction: Direction): string {
  const fromTo = direction === 'ingress' ? 'from' : 'to';
  switch (peer.kind) {
    case 'any':
      return `${fromTo} anywhere (no ${direction === 'ingress' ? '`from`' : '`to`'}: every pod and every outside address)`;
    case 'pods':
      return `${fromTo} pods ${selectorWords(peer.pods)} in namespace ${peer.namespace} (podSelector alone means the policy's own namespace)`;
    case 'namespaces':
      return `${fromTo} every pod in namespaces ${selectorWords(peer.namespaces)}`;
    case 'pods-in-namespaces':
      return `${fromTo} pods ${selectorWords(peer.pods)} AND in namespaces ${selectorWords(peer.namespaces)} (one peer: both must match)`;
    case 'ipBlock':
      return `${fromTo} addresses in ${formatCidr(peer.cidr)}${peer.except.length ? ` except ${peer.except.map(formatCidr).join(', ')}` : ''}`;
    case 'invalid':
      return `${fromTo} nothing (invalid peer: ${peer.reason})`;
  }
}

export function shortPeer(peer: PeerMatcher): string {
  switch (peer.kind) {
    case 'any':
      return 'anywhere';
    case 'pods':
      return `pods ${describeSelector(peer.pods)} in ${peer.namespace}`;
    case 'namespaces':
      return `all pods in namespaces ${describeSelector(peer.namespaces)}`;
    case 'pods-in-namespaces':
      return `pods ${describeSelector(peer.pods)} in namespaces ${describeSelector(peer.namespaces)}`;
    case 'ipBlock':
      return `${formatCidr(peer.cidr)}${peer.except.length ? ` except ${peer.except.map(formatCidr).join(', ')}` : ''}`;
    case 'invalid':
      return `nothing (${peer.reason})`;
  }
}

const selectorWords = (s: Selector): string => (s.matchesAll ? '{} (any)' : describeSelector(s));

export function describePort(port: PortMatcher): string {
  switch (port.kind) {
    case 'any':
      return 'all ports';
    case 'protocol':
      return `all ${port.protocol} ports`;
    case 'number':
      return `${port.port}/${port.protocol}`;
    case 'range':
      return `${port.port}-${port.endPort}/${port.protocol}`;
    case 'named':
      return `port named "${port.name}"/${port.protocol}`;
    case 'invalid':
      return `no port (${port.reason})`;
  }
}

export function describeRule(policy: CompiledPolicy, rule: Rule): string {
  return `${policy.key} ${rule.direction}[${rule.index}]: ${rule.peers.map((p) => shortPeer(p)).join(' OR ')} on ${rule.ports.map(describePort).join(', ')}`;
}

export function describeTarget(p: CompiledPolicy): string {
  if (p.anyNamespace) return 'every pod in every namespace';
  return p.podSelector.matchesAll ? `all pods in ${p.namespace}` : `pods ${describeSelector(p.podSelector)} in ${p.namespace}`;
}
