/**
 * Reads CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy manifests into ./policy.ts
 * matchers. Input Cilium or the API server would reject becomes an error diagnostic and
 * the offending part matches nothing (never "everything"); features this evaluator does
 * not model are said so, with their source.
 */
import { diag, type Diagnostic } from '../../diagnostics';
import { containsCidr, formatCidr, parseCidr, type Cidr } from '../../cidr/ip';
import type { Manifest } from '../../k8s/manifests';
import { checkShape, type Shape } from '../../k8s/shape';
import { EVERYTHING, readSelector } from '../../k8s/selector';
import type { PathSegment, YamlDocument } from '../../yaml';
import type { Direction } from '../policy';
import { dropNamespace, namesNamespace, readEndpointSelector, usesNamespaceLabels } from './endpoints';
import { compileNameMatcher } from './fqdn';
import { compileFullMatch, readHeader } from './http';
import { CCNP, CNP, ENTITIES, type CiliumPeer, type CiliumPolicy, type CiliumPort, type CiliumProtocol, type CiliumRule, type CiliumRuleItem, type Entity, type HttpRule, type NameMatcher, type PortRule } from './policy';

export const CILIUM_SOURCES = {
  l3: 'https://github.com/cilium/cilium/blob/main/Documentation/security/policy/layer3.rst',
  l4: 'https://github.com/cilium/cilium/blob/main/Documentation/security/policy/layer4.rst',
  l7: 'https://github.com/cilium/cilium/blob/main/Documentation/security/policy/layer7.rst',
  deny: 'https://github.com/cilium/cilium/blob/main/Documentation/security/policy/deny.rst',
  intro: 'https://github.com/cilium/cilium/blob/main/Documentation/security/policy/intro.rst',
  k8s: 'https://github.com/cilium/cilium/blob/main/Documentation/security/policy/kubernetes.rst',
  aksCilium: 'https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium',
  aksFqdn: 'https://learn.microsoft.com/azure/aks/how-to-apply-fqdn-filtering-policies',
  aksL7: 'https://learn.microsoft.com/azure/aks/how-to-apply-l7-policies',
  aksObs: 'https://learn.microsoft.com/azure/aks/container-network-observability-guide',
} as const;

const NAME: Shape = { object: { matchName: 'string', matchPattern: 'string' } };
const CIDR_SET: Shape = { object: { cidr: 'string', except: { list: 'string' }, cidrGroupRef: 'string', cidrGroupSelector: 'any' } };
const HTTP: Shape = { object: { method: 'string', path: 'string', host: 'string', headers: { list: 'string' }, headerMatches: 'any' } };
const PORT_RULE: Shape = {
  object: {
    ports: { list: { object: { port: 'int-or-string', endPort: 'integer', protocol: 'string' } } },
    rules: { object: { http: { list: HTTP }, dns: { list: NAME }, kafka: 'any', l7proto: 'string', l7: 'any' } },
    originatingTLS: 'any',
    terminatingTLS: 'any',
    serverNames: { list: 'string' },
    listener: 'any',
  },
};
const COMMON = { toPorts: { list: PORT_RULE }, icmps: 'any', authentication: 'any' } as const;
const INGRESS: Shape = { object: { fromEndpoints: { list: 'any' }, fromRequires: { list: 'any' }, fromCIDR: { list: 'string' }, fromCIDRSet: { list: CIDR_SET }, fromEntities: { list: 'string' }, fromGroups: 'any', fromNodes: 'any', ...COMMON } };
const EGRESS: Shape = {
  object: { toEndpoints: { list: 'any' }, toRequires: { list: 'any' }, toCIDR: { list: 'string' }, toCIDRSet: { list: CIDR_SET }, toEntities: { list: 'string' }, toServices: { list: 'any' }, toFQDNs: { list: NAME }, toGroups: 'any', toNodes: 'any', ...COMMON },
};
const RULE: Shape = {
  object: {
    endpointSelector: 'any',
    nodeSelector: 'any',
    ingress: { list: INGRESS },
    ingressDeny: { list: INGRESS },
    egress: { list: EGRESS },
    egressDeny: { list: EGRESS },
    enableDefaultDeny: { object: { ingress: 'boolean', egress: 'boolean' } },
    description: 'string',
    labels: 'any',
  },
};
const POLICY: Shape = {
  object: {
    apiVersion: 'string',
    kind: 'string',
    metadata: { object: { name: 'string', namespace: 'string', labels: { map: 'string' }, annotations: { map: 'string' } }, open: true },
    spec: RULE,
    specs: { list: RULE },
    status: 'any',
  },
};

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads one CNP/CCNP manifest; diagnostics go to `out`. */
export function readCiliumPolicy(m: Manifest, out: Diagnostic[]): CiliumPolicy {
  const doc = m.doc;
  const clusterwide = m.kind === CCNP;
  if (m.apiVersion !== 'cilium.io/v2') {
    out.push(diag('error', 'wrong-api-version', `${m.kind} belongs to apiVersion cilium.io/v2, not "${m.apiVersion}".`, { ...doc.at(['apiVersion']), source: CILIUM_SOURCES.intro }));
  }
  const before = errorCount(out);
  checkShape(doc, m.value, POLICY, [], out);
  const shapeErrors = errorCount(out) > before;
  if (clusterwide && m.namespaceSet) {
    out.push(diag('warning', 'cilium-ccnp-namespace', `A CiliumClusterwideNetworkPolicy is cluster-scoped: metadata.namespace is ignored, and it selects pods in every namespace.`, { ...doc.at(['metadata', 'namespace']), source: CILIUM_SOURCES.k8s }));
  }
  const policy: CiliumPolicy = {
    kind: clusterwide ? CCNP : CNP,
    clusterwide,
    ...(clusterwide ? {} : { namespace: m.namespace }),
    name: m.name,
    key: clusterwide ? `${m.name} (cluster-wide)` : `${m.namespace}/${m.name}`,
    rules: [],
    doc,
  };
  const v = m.value;
  if (v.spec === undefined && v.specs === undefined) {
    out.push(diag('error', 'cilium-no-spec', `This ${m.kind} has neither spec nor specs: it holds no rule. Write spec: with an endpointSelector and ingress/egress rules.`, { ...doc.at([]), source: CILIUM_SOURCES.intro }));
  }
  let selectorErrors = false;
  if (isMap(v.spec)) policy.rules.push(readRule(policy, v.spec, -1, ['spec'], out, () => (selectorErrors = true)));
  if (Array.isArray(v.specs)) v.specs.forEach((s: unknown, i: number) => isMap(s) && policy.rules.push(readRule(policy, s, i, ['specs', i], out, () => (selectorErrors = true))));
  // Fail closed (issue 12): a policy whose shape, namespace or endpoint selection cannot be read could
  // hold any allow or deny rule, for pods of any namespace when the namespace is unknown. It is
  // replaced by a deny of everything for every pod it might select.
  const namespaceUnread = !clusterwide && m.namespaceUnread;
  if (namespaceUnread) delete policy.namespace;
  const what = namespaceUnread ? 'its namespace' : shapeErrors ? 'a field of the wrong shape' : selectorErrors ? 'its endpointSelector' : (present(v.spec) && !isMap(v.spec)) || (present(v.specs) && !Array.isArray(v.specs)) ? 'its spec' : undefined;
  if (what) {
    policy.unread = `${what} not read`;
    policy.rules = [denyEverything(policy)];
  }
  return policy;
}

const present = (v: unknown): boolean => v !== undefined && v !== null;
const errorCount = (out: Diagnostic[]): number => out.filter((d) => d.severity === 'error').length;
/** Errors whose meaning is already a stricter reading of the item (the diagnostic says which); they do not make it unread. */
const DEFINED_READINGS = new Set(['cilium-deny-l7', 'cilium-host-policy']);
const unreadErrors = (out: Diagnostic[], from: number): boolean => out.slice(from).some((d) => d.severity === 'error' && !DEFINED_READINGS.has(d.code));

/** The rule an unread policy stands for: every pod it might select, all ingress and egress denied. */
function denyEverything(p: CiliumPolicy): CiliumRule {
  const item = (direction: Direction, index: number): CiliumRuleItem => ({ direction, deny: true, index, path: [], peers: 'any', ports: 'any' });
  return { index: -1, path: [], endpointSelector: EVERYTHING, nodeSelector: false, ingress: [], ingressDeny: [item('ingress', 0)], egress: [], egressDeny: [item('egress', 0)], defaultDeny: { ingress: true, egress: true } };
}

function readRule(p: CiliumPolicy, raw: Record<string, unknown>, index: number, path: PathSegment[], out: Diagnostic[], selectorUnread: () => void): CiliumRule {
  const doc = p.doc;
  const nodeSelector = raw.nodeSelector !== undefined && raw.nodeSelector !== null;
  if (nodeSelector) {
    out.push(diag('warning', 'cilium-host-policy', 'nodeSelector makes this a host policy (it applies to nodes, not pods). Host policies are not documented for AKS and are not evaluated here.', { ...doc.keyAt([...path, 'nodeSelector']), source: CILIUM_SOURCES.aksCilium }));
    if (!p.clusterwide) out.push(diag('error', 'cilium-host-policy', 'nodeSelector is only allowed in a CiliumClusterwideNetworkPolicy.', doc.keyAt([...path, 'nodeSelector'])));
  } else if (raw.endpointSelector === undefined || raw.endpointSelector === null) {
    out.push(diag('error', 'cilium-no-endpoint-selector', 'A rule needs an endpointSelector (use `endpointSelector: {}` for every pod the policy can select).', { ...doc.at(path), source: CILIUM_SOURCES.intro }));
    // Which pods it meant is unknown: fail closed like an unreadable selector.
    selectorUnread();
  }
  const beforeSelector = out.length;
  let endpointSelector = nodeSelector ? { requirements: [{ key: '\u0000node', operator: 'Exists' as const, values: [] }], matchesAll: false } : readEndpointSelector(raw.endpointSelector ?? {}, doc, [...path, 'endpointSelector'], out);
  if (unreadErrors(out, beforeSelector)) selectorUnread();
  if (!p.clusterwide && !nodeSelector) endpointSelector = dropNamespace(endpointSelector, doc, [...path, 'endpointSelector'], p.namespace!, out);
  const edd = isMap(raw.enableDefaultDeny) ? raw.enableDefaultDeny : {};
  const defaultDeny = { ingress: edd.ingress !== false, egress: edd.egress !== false };
  if (edd.ingress === false || edd.egress === false) {
    out.push(diag('warning', 'cilium-enable-default-deny', 'enableDefaultDeny: false is honoured here (this rule does not switch the pods to default-deny), but whether AKS enables it is unconfirmed: it depends on an agent setting AKS does not let you change.', { ...doc.keyAt([...path, 'enableDefaultDeny']), source: CILIUM_SOURCES.intro }));
  }
  const rule: CiliumRule = { index, path, endpointSelector, nodeSelector, ingress: [], ingressDeny: [], egress: [], egressDeny: [], defaultDeny };
  for (const [key, direction, deny] of [['ingress', 'ingress', false], ['ingressDeny', 'ingress', true], ['egress', 'egress', false], ['egressDeny', 'egress', true]] as const) {
    const list = raw[key];
    if (!Array.isArray(list)) continue;
    list.forEach((item: unknown, i: number) => {
      const from = out.length;
      const read = readItem(p, isMap(item) ? item : {}, direction, deny, i, [...path, key, i], out);
      // Fail closed: an item with a part that cannot be read allows nothing, or, as a deny, denies everything.
      const unread = !isMap(item) || unreadErrors(out, from);
      rule[key].push(unread ? { ...read, peers: deny ? 'any' : [], ports: 'any', unread: true } : read);
    });
  }
  if (rule.ingress.length + rule.ingressDeny.length + rule.egress.length + rule.egressDeny.length === 0 && !nodeSelector) {
    out.push(diag('warning', 'cilium-rule-no-effect', 'This rule has no ingress, ingressDeny, egress or egressDeny items, so it changes nothing (empty lists count as absent). Cilium 1.17 and later reject such a rule. To deny all ingress, write `ingress: [{}]`.', { ...doc.at(path), source: CILIUM_SOURCES.intro }));
  }
  return rule;
}

function readItem(p: CiliumPolicy, raw: Record<string, unknown>, direction: Direction, deny: boolean, index: number, path: PathSegment[], out: Diagnostic[]): CiliumRuleItem {
  const doc = p.doc;
  const fromTo = direction === 'ingress' ? 'from' : 'to';
  const has = (k: string) => raw[k] !== undefined && raw[k] !== null;
  const peers: CiliumPeer[] = [];
  let anyL3 = false;
  const l3 = (k: string) => {
    if (!has(k)) return undefined;
    anyL3 = true;
    return Array.isArray(raw[k]) ? (raw[k] as unknown[]) : [];
  };
  l3(`${fromTo}Endpoints`)?.forEach((s, i) => {
    const at: PathSegment[] = [...path, `${fromTo}Endpoints`, i];
    const selector = readEndpointSelector(s ?? {}, doc, at, out);
    // §5.1: a CNP adds its namespace unless the selector names one (or uses namespace labels, C-UTIL).
    const implied = p.clusterwide || namesNamespace(selector) || usesNamespaceLabels(selector) ? undefined : p.namespace;
    peers.push({ kind: 'endpoints', selector, ...(implied !== undefined ? { namespace: implied } : {}) });
  });
  l3(`${fromTo}Entities`)?.forEach((e, i) => {
    if (typeof e === 'string' && (ENTITIES as readonly string[]).includes(e)) peers.push({ kind: 'entity', entity: e as Entity });
    else {
      out.push(diag('error', 'cilium-unknown-entity', `"${String(e)}" is not a Cilium entity; use one of ${ENTITIES.join(', ')}.`, { ...doc.at([...path, `${fromTo}Entities`, i]), source: CILIUM_SOURCES.l3 }));
      peers.push({ kind: 'invalid', reason: 'unknown entity' });
    }
  });
  l3(`${fromTo}CIDR`)?.forEach((c, i) => peers.push(readCidr(c, [], doc, [...path, `${fromTo}CIDR`, i], out)));
  l3(`${fromTo}CIDRSet`)?.forEach((c, i) => {
    const at: PathSegment[] = [...path, `${fromTo}CIDRSet`, i];
    if (!isMap(c) || typeof c.cidr !== 'string') {
      out.push(diag('warning', 'cilium-cidr-group', 'Only `cidr` (with `except`) is evaluated here; CIDR groups (cidrGroupRef, cidrGroupSelector) are not modelled, so this entry matches nothing.', doc.at(at)));
      peers.push({ kind: 'invalid', reason: 'CIDR group' });
      return;
    }
    peers.push(readCidr(c.cidr, Array.isArray(c.except) ? c.except : [], doc, at, out));
  });
  if (direction === 'egress') {
    l3('toFQDNs')?.forEach((f, i) => {
      const at: PathSegment[] = [...path, 'toFQDNs', i];
      if (deny) {
        out.push(diag('error', 'cilium-deny-fqdn', 'Deny rules do not support toFQDNs ("Deny policies do not support … toFQDNs"); this entry matches nothing. Allow only the names you want instead.', { ...doc.at(at), source: CILIUM_SOURCES.deny }));
        peers.push({ kind: 'invalid', reason: 'toFQDNs in a deny rule' });
        return;
      }
      const name = readName(f, doc, at, out);
      peers.push(name ? { kind: 'fqdn', name } : { kind: 'invalid', reason: 'invalid FQDN selector' });
    });
    l3('toServices')?.forEach((s, i) => peers.push(readService(p, s, doc, [...path, 'toServices', i], out)));
  }
  for (const k of [`${fromTo}Requires`]) {
    if (has(k)) {
      anyL3 = true;
      out.push(diag('warning', 'cilium-requires-removed', `${k} is deprecated since Cilium 1.17 and removed in 1.19; it is not evaluated here. Put the extra labels in the endpoint selectors instead.`, { ...doc.keyAt([...path, k]), source: CILIUM_SOURCES.l3 }));
    }
  }
  for (const k of [`${fromTo}Groups`, `${fromTo}Nodes`]) {
    if (has(k)) {
      anyL3 = true;
      out.push(diag('warning', 'cilium-peer-not-modelled', `${k} is not evaluated here (no cloud groups or node labels in the cluster model); it matches nothing.`, { ...doc.keyAt([...path, k]), source: CILIUM_SOURCES.l3 }));
      peers.push({ kind: 'invalid', reason: `${k} not modelled` });
    }
  }
  if (has('icmps')) out.push(diag('info', 'cilium-icmp-not-modelled', 'ICMP rules are outside what this evaluator checks (TCP, UDP and SCTP connections only).', doc.keyAt([...path, 'icmps'])));
  const toPorts = Array.isArray(raw.toPorts) && raw.toPorts.length > 0 ? raw.toPorts.map((pr: unknown, i: number) => readPortRule(p, isMap(pr) ? pr : {}, deny, i, [...path, 'toPorts', i], out)) : undefined;
  const peerSpec: CiliumRuleItem['peers'] = anyL3 ? peers : toPorts ? 'any' : 'none';
  return { direction, deny, index, path, peers: peerSpec, ports: toPorts ?? 'any' };
}

function readCidr(raw: unknown, except: unknown[], doc: YamlDocument, path: PathSegment[], out: Diagnostic[]): CiliumPeer {
  const at = doc.at(path);
  // Cilium's CIDR type also takes a bare address (a /32 or /128).
  const c = parseCidr(raw, { strict: false, allowBareIp: true });
  if (!c.ok) {
    out.push(diag('error', 'invalid-cidr', `CIDR: ${c.reason}.`, at));
    return { kind: 'invalid', reason: 'invalid CIDR' };
  }
  const ex: Cidr[] = [];
  for (const [i, e] of except.entries()) {
    const x = parseCidr(e, { strict: false });
    if (!x.ok || !containsCidr(c.value, x.value)) {
      out.push(diag('error', 'invalid-cidr', x.ok ? `except ${formatCidr(x.value)} is not inside ${formatCidr(c.value)}.` : `except: ${x.reason}.`, doc.at([...path, 'except', i])));
      return { kind: 'invalid', reason: 'invalid except' };
    }
    ex.push(x.value);
  }
  return { kind: 'cidr', cidr: c.value, except: ex };
}

function readName(raw: unknown, doc: YamlDocument, path: PathSegment[], out: Diagnostic[]): NameMatcher | undefined {
  const r = isMap(raw) ? raw : {};
  const kind = r.matchName !== undefined ? 'matchName' : r.matchPattern !== undefined ? 'matchPattern' : undefined;
  if (!kind) {
    out.push(diag('error', 'cilium-fqdn-empty', 'Write matchName (an exact name, e.g. api.github.com) or matchPattern (with *, e.g. *.github.com).', { ...doc.at(path), source: CILIUM_SOURCES.l3 }));
    return undefined;
  }
  const m = compileNameMatcher(kind, r[kind]);
  if ('problem' in m) {
    out.push(diag('error', 'cilium-fqdn-invalid', `${m.problem}.`, { ...doc.at([...path, kind]), source: CILIUM_SOURCES.l3 }));
    return undefined;
  }
  if (kind === 'matchPattern' && m.text.includes('**')) {
    out.push(diag('warning', 'cilium-matchpattern-multilevel', `"**." (several labels) exists only from Cilium 1.19; AKS runs 1.16–1.18, where ** behaves like *. This evaluator follows 1.16–1.18.`, { ...doc.at([...path, kind]), source: 'https://github.com/cilium/cilium/pull/43420' }));
  }
  if (kind === 'matchPattern' && m.text === '*') {
    out.push(diag('warning', 'cilium-matchpattern-bare-star-aks', 'matchPattern "*" matches every name in Cilium, but the AKS guide says "matchPattern: "*" blocks all DNS. A bare wildcard isn\'t supported." The sources disagree; on AKS list the domains instead.', { ...doc.at([...path, kind]), source: CILIUM_SOURCES.aksObs }));
  }
  return m;
}

function readService(p: CiliumPolicy, raw: unknown, doc: YamlDocument, path: PathSegment[], out: Diagnostic[]): CiliumPeer {
  const r = isMap(raw) ? raw : {};
  if (isMap(r.k8sService)) {
    const name = r.k8sService.serviceName;
    if (typeof name !== 'string' || name === '') {
      out.push(diag('error', 'cilium-service-invalid', 'k8sService needs serviceName (and namespace, default: the policy\'s).', doc.at([...path, 'k8sService'])));
      return { kind: 'invalid', reason: 'no serviceName' };
    }
    const ns = typeof r.k8sService.namespace === 'string' ? r.k8sService.namespace : (p.namespace ?? 'default');
    return { kind: 'service', serviceName: name, namespace: ns };
  }
  if (isMap(r.k8sServiceSelector)) {
    const selector = readSelector(r.k8sServiceSelector.selector ?? {}, doc, [...path, 'k8sServiceSelector', 'selector'], out);
    const ns = typeof r.k8sServiceSelector.namespace === 'string' ? r.k8sServiceSelector.namespace : p.namespace;
    return { kind: 'service', selector, ...(ns !== undefined ? { namespace: ns } : {}) };
  }
  out.push(diag('error', 'cilium-service-invalid', 'A toServices entry is k8sService {serviceName, namespace} or k8sServiceSelector {selector, namespace}.', { ...doc.at(path), source: CILIUM_SOURCES.l3 }));
  return { kind: 'invalid', reason: 'invalid toServices entry' };
}

function readPortRule(p: CiliumPolicy, raw: Record<string, unknown>, deny: boolean, index: number, path: PathSegment[], out: Diagnostic[]): PortRule {
  const doc = p.doc;
  const ports: CiliumPort[] | 'any' = Array.isArray(raw.ports) && raw.ports.length > 0 ? raw.ports.map((x: unknown, i: number) => readPort(x, doc, [...path, 'ports', i], out)) : 'any';
  const pr: PortRule = { index, ports };
  const rules = isMap(raw.rules) ? raw.rules : undefined;
  if (!rules) return pr;
  if (deny) {
    out.push(diag('error', 'cilium-deny-l7', 'Deny rules cannot have L7 rules ("Deny policies do not support: policy enforcement at L7"); these are ignored and the deny applies to the whole port.', { ...doc.keyAt([...path, 'rules']), source: CILIUM_SOURCES.deny }));
    return pr;
  }
  const kinds = Object.keys(rules).filter((k) => rules[k] !== undefined && rules[k] !== null);
  if (kinds.length > 1) {
    out.push(diag('error', 'cilium-l7-union', `Only one kind of L7 rule per port entry ("implemented as a union"); found ${kinds.join(' and ')}.`, { ...doc.keyAt([...path, 'rules']), source: CILIUM_SOURCES.l7 }));
  }
  if (Array.isArray(rules.http)) {
    pr.http = rules.http.map((h: unknown, i: number) => readHttp(isMap(h) ? h : {}, doc, [...path, 'rules', 'http', i], out));
  }
  if (Array.isArray(rules.dns)) {
    pr.dns = [];
    rules.dns.forEach((d: unknown, i: number) => {
      const m = readName(d, doc, [...path, 'rules', 'dns', i], out);
      if (m) pr.dns!.push(m);
    });
    if (ports !== 'any' && ports.some((x) => x.kind === 'number' && x.endPort !== undefined)) {
      out.push(diag('error', 'cilium-dns-port-range', '"DNS policies do not support port ranges": list port 53 alone.', { ...doc.keyAt([...path, 'rules', 'dns']), source: CILIUM_SOURCES.l7 }));
    }
  }
  for (const k of ['kafka', 'l7proto', 'l7']) {
    if (rules[k] !== undefined) out.push(diag('info', 'cilium-l7-not-modelled', `${k} rules are not evaluated here (only HTTP and DNS); requests over this port are judged as if unrestricted.`, { ...doc.keyAt([...path, 'rules', k]), source: CILIUM_SOURCES.l7 }));
  }
  return pr;
}

function readHttp(raw: Record<string, unknown>, doc: YamlDocument, path: PathSegment[], out: Diagnostic[]): HttpRule {
  const rule: HttpRule = { headers: [], text: '' };
  const words: string[] = [];
  for (const field of ['method', 'path'] as const) {
    const v = raw[field];
    if (typeof v !== 'string' || v === '') continue;
    words.push(v);
    const c = compileFullMatch(v);
    if (c.ok) rule[field] = c.re;
    else {
      rule.broken = c.reason;
      out.push(diag('error', 'cilium-http-regex', `${field} "${v}" cannot be evaluated: ${c.reason}. Cilium reads it as an extended POSIX regular expression matched against the whole ${field}; this rule matches nothing here.`, { ...doc.at([...path, field]), source: CILIUM_SOURCES.l7 }));
    }
  }
  if (Array.isArray(raw.headers)) {
    for (const h of raw.headers) if (typeof h === 'string' && h.trim()) rule.headers.push(readHeader(h));
    if (rule.headers.length) words.push(`[${rule.headers.map((h) => (h.value === undefined ? h.name : `${h.name}: ${h.value}`)).join(', ')}]`);
  }
  if (raw.host !== undefined) out.push(diag('info', 'cilium-http-host', 'host (a regex on :authority) is not part of the traffic this evaluator checks; requests are judged on method, path and headers only.', doc.keyAt([...path, 'host'])));
  if (raw.headerMatches !== undefined) out.push(diag('info', 'cilium-http-header-matches', 'headerMatches (with mismatch actions) is not evaluated here.', doc.keyAt([...path, 'headerMatches'])));
  rule.text = words.length ? words.join(' ') : 'any request';
  return rule;
}

function readPort(raw: unknown, doc: YamlDocument, path: PathSegment[], out: Diagnostic[]): CiliumPort {
  const r = isMap(raw) ? raw : {};
  let protocol: CiliumProtocol = 'ANY';
  if (r.protocol !== undefined && r.protocol !== null && r.protocol !== '') {
    const up = String(r.protocol).toUpperCase();
    if (!['TCP', 'UDP', 'SCTP', 'ANY'].includes(up) || up !== r.protocol) {
      out.push(diag('error', 'invalid-protocol', `"${String(r.protocol)}" is not a protocol; use TCP, UDP, SCTP or ANY (upper case).`, { ...doc.at([...path, 'protocol']), source: CILIUM_SOURCES.l4 }));
      return { kind: 'invalid', reason: 'invalid protocol' };
    }
    protocol = up as CiliumProtocol;
  }
  const port = r.port;
  if (port === undefined || port === null || port === '' || port === '0' || port === 0) return { kind: 'number', port: 0, protocol };
  if (typeof port === 'string' && !/^\d+$/.test(port)) {
    if (!/^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/.test(port) || !/[a-z]/.test(port)) {
      out.push(diag('error', 'invalid-port-name', `"${port}" is not a valid port name (at most 15 lower-case letters, digits and '-').`, doc.at([...path, 'port'])));
      return { kind: 'invalid', reason: 'invalid port name' };
    }
    return { kind: 'named', name: port, protocol };
  }
  const n = Number(port);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    out.push(diag('error', 'invalid-port', 'port must be a whole number from 1 to 65535 (written as text in a CiliumNetworkPolicy, e.g. port: "80").', doc.at([...path, 'port'])));
    return { kind: 'invalid', reason: 'invalid port' };
  }
  if (r.endPort === undefined || r.endPort === null) return { kind: 'number', port: n, protocol };
  const e = r.endPort;
  if (typeof e !== 'number' || !Number.isInteger(e) || e < n || e > 65535) {
    out.push(diag('error', 'endport-before-port', `endPort must be a whole number from ${n} to 65535.`, doc.at([...path, 'endPort'])));
    return { kind: 'invalid', reason: 'invalid endPort' };
  }
  return { kind: 'number', port: n, endPort: e, protocol };
}
