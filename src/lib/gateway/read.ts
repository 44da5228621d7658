/**
 * Reads Gateways, HTTPRoutes, Services, ReferenceGrants and Namespaces into the model
 * (model.ts), applying the API's defaults (spec §2) and reporting what the API server or
 * the implementation would reject, at its line. Never throws.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { createdOf, readManifests, type Manifest } from '../k8s/manifests';
import { readSelector } from '../k8s/selector';
import { checkShape } from '../k8s/shape';
import type { PathSegment } from '../yaml';
import { hostnameProblem } from './hostname';
import type { BackendRefModel, FilterModel, GatewayModel, GatewaySet, GrantModel, ListenerModel, MatchModel, ParentRefModel, PathMatch, PathModifier, RouteModel, RuleModel, ServiceModel, ValueMatch } from './model';
import { GATEWAY_SHAPE, HTTPROUTE_SHAPE, REFERENCEGRANT_SHAPE } from './shapes';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
export const HTTPROUTE_TYPES = 'https://gateway-api.sigs.k8s.io/reference/spec/#httproute';
export const GATEWAY_TYPES = 'https://gateway-api.sigs.k8s.io/reference/spec/#gateway';
const API_VERSIONS = [`${GATEWAY_GROUP}/v1`, `${GATEWAY_GROUP}/v1beta1`];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];
const REDIRECT_CODES = [301, 302, 303, 307, 308];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

/**
 * Compiles a Gateway API regular expression as a full match. The dialect is
 * implementation-specific (httproute_types.go); a leading `(?i)` — which ingress2gateway
 * emits — becomes JavaScript's `i` flag. Undefined when JavaScript cannot compile it.
 */
export function compileFullMatch(pattern: string): RegExp | undefined {
  const ci = pattern.startsWith('(?i)');
  const body = ci ? pattern.slice(4) : pattern;
  try {
    return new RegExp(`^(?:${body})$`, ci ? 'i' : '');
  } catch {
    return undefined;
  }
}

export function readGatewaySet(text: string): GatewaySet {
  const { manifests, diagnostics: out } = readManifests(text);
  const set: GatewaySet = { gateways: [], routes: [], services: [], grants: [], namespaces: new Map(), diagnostics: out };
  for (const m of manifests) {
    const gatewayKind = m.kind === 'Gateway' || m.kind === 'HTTPRoute' || m.kind === 'ReferenceGrant' || m.kind === 'GatewayClass';
    if (gatewayKind && !API_VERSIONS.includes(m.apiVersion)) {
      out.push(diag('error', 'api-version', `A ${m.kind} has apiVersion ${GATEWAY_GROUP}/v1 (or v1beta1), not "${m.apiVersion}".`, { ...m.doc.at(['apiVersion']), source: GATEWAY_TYPES }));
      continue;
    }
    switch (m.kind) {
      case 'Gateway':
        set.gateways.push(readGateway(m, out));
        break;
      case 'HTTPRoute':
        set.routes.push(readRoute(m, out));
        break;
      case 'Service':
        set.services.push(readService(m));
        break;
      case 'ReferenceGrant':
        set.grants.push(readGrant(m, out));
        break;
      case 'Namespace':
        set.namespaces.set(m.name, m.labels);
        break;
      case 'GatewayClass':
        break;
      case 'GRPCRoute':
      case 'TLSRoute':
      case 'TCPRoute':
      case 'UDPRoute':
        out.push(diag('info', 'route-kind-not-evaluated', `${m.kind} ${m.namespace}/${m.name} is not evaluated: this tool routes HTTP requests through HTTPRoutes only.`, m.doc.at(['kind'])));
        break;
      default:
        out.push(diag('info', 'kind-ignored', `${m.kind} ${m.name} is ignored: Gateway, HTTPRoute, Service, ReferenceGrant and Namespace are read.`, m.doc.at(['kind'])));
    }
  }
  return set;
}

function readGateway(m: Manifest, out: Diagnostic[]): GatewayModel {
  checkShape(m.doc, m.value, GATEWAY_SHAPE, [], out);
  const spec = isObj(m.value.spec) ? m.value.spec : {};
  const listeners: ListenerModel[] = [];
  list(spec.listeners).forEach((raw, i) => {
    if (!isObj(raw)) return;
    const at: PathSegment[] = ['spec', 'listeners', i];
    const name = str(raw.name) ?? `listener-${i}`;
    const port = int(raw.port);
    const protocol = str(raw.protocol) ?? '';
    if (port === undefined || port < 1 || port > 65535) {
      out.push(diag('error', 'invalid-port', `Listener "${name}": port must be a whole number from 1 to 65535.`, m.doc.at([...at, 'port'])));
      return;
    }
    let hostname = str(raw.hostname);
    if (hostname !== undefined) {
      const problem = hostnameProblem(hostname);
      if (problem) {
        out.push(diag('error', 'invalid-hostname', `Listener "${name}": ${problem}.`, { ...m.doc.at([...at, 'hostname']), source: GATEWAY_TYPES }));
        hostname = undefined;
        return;
      }
    }
    if (listeners.some((l) => l.name === name)) {
      out.push(diag('error', 'duplicate-listener-name', `Two listeners are named "${name}": listener names must be unique within a Gateway.`, m.doc.at([...at, 'name'])));
    }
    if ((protocol === 'HTTPS' || protocol === 'TLS') && !isObj(raw.tls)) {
      out.push(diag('error', 'missing-tls', `Listener "${name}" uses ${protocol}: its \`tls\` field "is required if the Protocol field is \\"HTTPS\\" or \\"TLS\\"".`, { ...m.doc.at(at), source: GATEWAY_TYPES }));
    }
    const allowed = isObj(raw.allowedRoutes) ? raw.allowedRoutes : {};
    const ns = isObj(allowed.namespaces) ? allowed.namespaces : {};
    const fromRaw = ns.from ?? 'Same';
    let from: ListenerModel['from'] = 'Same';
    if (fromRaw === 'All' || fromRaw === 'Same' || fromRaw === 'Selector') from = fromRaw;
    else out.push(diag('error', 'UnsupportedValue', `allowedRoutes.namespaces.from is All, Same or Selector, not "${String(fromRaw)}".`, m.doc.at([...at, 'allowedRoutes', 'namespaces', 'from'])));
    const selector = from === 'Selector' ? readSelector(ns.selector ?? {}, m.doc, [...at, 'allowedRoutes', 'namespaces', 'selector'], out) : undefined;
    const kinds = list(allowed.kinds).filter(isObj);
    const httpProtocol = protocol === 'HTTP' || protocol === 'HTTPS';
    const acceptsHTTPRoute = httpProtocol && (kinds.length === 0 || kinds.some((k) => k.kind === 'HTTPRoute' && (k.group === undefined || k.group === GATEWAY_GROUP)));
    if (!['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'].includes(protocol)) {
      out.push(diag('warning', 'UnsupportedValue', `Listener "${name}": protocol "${protocol}" is not one of HTTP, HTTPS, TLS, TCP, UDP (case-sensitive).`, m.doc.at([...at, 'protocol'])));
    }
    listeners.push({ name, port, protocol, ...(hostname !== undefined ? { hostname } : {}), from, ...(selector ? { selector } : {}), acceptsHTTPRoute, index: i, at: m.doc.at([...at, 'name']) });
  });
  // "ALL indistinct Listeners must not be accepted for processing" (gateway_types.go).
  for (const l of listeners) {
    const twins = listeners.filter((o) => o !== l && o.port === l.port && o.protocol === l.protocol && o.hostname === l.hostname);
    if (twins.length) {
      l.conflicted = true;
      out.push(
        diag('error', 'Conflicted', `Listener "${l.name}" has the same port, protocol and hostname as "${twins[0]!.name}": such listeners conflict and neither is accepted.`, { ...l.at, source: GATEWAY_TYPES }),
      );
    }
  }
  if (listeners.length === 0) out.push(diag('error', 'no-listener', `Gateway ${m.namespace}/${m.name} has no listener: it accepts no traffic.`, m.doc.at(['spec'])));
  return { id: `${m.namespace}/${m.name}`, name: m.name, namespace: m.namespace, className: str(spec.gatewayClassName) ?? '', listeners, manifest: m };
}

function readValueMatches(raw: unknown, m: Manifest, at: PathSegment[], what: 'header' | 'query', out: Diagnostic[]): ValueMatch[] {
  const res: ValueMatch[] = [];
  list(raw).forEach((h, i) => {
    if (!isObj(h)) return;
    const name = str(h.name) ?? '';
    const value = str(h.value) ?? '';
    const type = h.type ?? 'Exact';
    if (type !== 'Exact' && type !== 'RegularExpression') {
      out.push(diag('error', 'UnsupportedValue', `A ${what} match type is Exact or RegularExpression, not "${String(type)}".`, m.doc.at([...at, i, 'type'])));
      return;
    }
    // Headers: "only the first entry with an equivalent name MUST be considered" (case-insensitive names).
    const same = (o: ValueMatch): boolean => (what === 'header' ? o.name.toLowerCase() === name.toLowerCase() : o.name === name);
    if (res.some(same)) {
      out.push(diag('warning', 'duplicate-match-name', `A second ${what} match on "${name}" is ignored: only the first entry with an equivalent name is considered.`, m.doc.at([...at, i])));
      return;
    }
    const regex = type === 'RegularExpression' ? compileFullMatch(value) : undefined;
    if (type === 'RegularExpression' && !regex) out.push(diag('error', 'invalid-regex', `"${value}" is not a regular expression this evaluator can compile; the match never matches.`, m.doc.at([...at, i, 'value'])));
    res.push({ name, type, value, ...(regex ? { regex } : {}) });
  });
  return res;
}

function readMatch(raw: Obj, index: number, m: Manifest, at: PathSegment[], out: Diagnostic[]): MatchModel {
  const p = isObj(raw.path) ? raw.path : {};
  const type = p.type ?? 'PathPrefix';
  const value = str(p.value) ?? '/';
  let path: PathMatch = { type: 'PathPrefix', value };
  if (type === 'Exact' || type === 'PathPrefix') {
    path = { type, value };
    if (!value.startsWith('/')) out.push(diag('error', 'invalid-path', `Path "${value}" must begin with "/".`, { ...m.doc.at([...at, 'path', 'value']), source: HTTPROUTE_TYPES }));
    else if (value.includes('//')) out.push(diag('error', 'invalid-path', `Path "${value}" must not contain consecutive "/" characters.`, { ...m.doc.at([...at, 'path', 'value']), source: HTTPROUTE_TYPES }));
  } else if (type === 'RegularExpression') {
    const regex = compileFullMatch(value);
    path = { type, value, ...(regex ? { regex } : {}) };
    if (!regex) out.push(diag('error', 'invalid-regex', `"${value}" is not a regular expression this evaluator can compile; the match never matches.`, m.doc.at([...at, 'path', 'value'])));
  } else {
    out.push(
      diag('error', 'UnsupportedValue', `Path match type is Exact, PathPrefix or RegularExpression (case-sensitive), not "${String(type)}"; the route is not accepted.`, {
        ...m.doc.at([...at, 'path', 'type']),
        source: HTTPROUTE_TYPES,
      }),
    );
  }
  let method: string | undefined;
  if (raw.method !== undefined && raw.method !== null) {
    const mm = String(raw.method);
    if (METHODS.includes(mm)) method = mm;
    else out.push(diag('error', 'UnsupportedValue', `method is one of ${METHODS.join(', ')} (upper case), not "${mm}".`, m.doc.at([...at, 'method'])));
  }
  return {
    index,
    path,
    ...(method ? { method } : {}),
    headers: readValueMatches(raw.headers, m, [...at, 'headers'], 'header', out),
    query: readValueMatches(raw.queryParams, m, [...at, 'queryParams'], 'query', out),
  };
}

function readPathModifier(raw: unknown, m: Manifest, at: PathSegment[], out: Diagnostic[]): PathModifier | undefined {
  if (!isObj(raw)) return undefined;
  if (raw.type === 'ReplaceFullPath') return { type: 'ReplaceFullPath', value: str(raw.replaceFullPath) ?? '/' };
  if (raw.type === 'ReplacePrefixMatch') return { type: 'ReplacePrefixMatch', value: str(raw.replacePrefixMatch) ?? '/' };
  out.push(diag('error', 'UnsupportedValue', `A path modifier type is ReplaceFullPath or ReplacePrefixMatch, not "${String(raw.type)}".`, m.doc.at([...at, 'type'])));
  return undefined;
}

function readFilter(raw: Obj, m: Manifest, at: PathSegment[], out: Diagnostic[]): FilterModel | undefined {
  const type = str(raw.type) ?? '';
  if (type === 'RequestRedirect') {
    const r = isObj(raw.requestRedirect) ? raw.requestRedirect : {};
    const statusCode = int(r.statusCode) ?? 302;
    if (!REDIRECT_CODES.includes(statusCode)) out.push(diag('error', 'UnsupportedValue', `statusCode is one of ${REDIRECT_CODES.join(', ')}, not ${String(r.statusCode)}.`, m.doc.at([...at, 'requestRedirect', 'statusCode'])));
    const scheme = str(r.scheme);
    if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') out.push(diag('error', 'UnsupportedValue', `scheme is "http" or "https", not "${scheme}".`, m.doc.at([...at, 'requestRedirect', 'scheme'])));
    const path = readPathModifier(r.path, m, [...at, 'requestRedirect', 'path'], out);
    const hostname = str(r.hostname);
    const port = int(r.port);
    return { type, statusCode: REDIRECT_CODES.includes(statusCode) ? statusCode : 302, ...(scheme ? { scheme } : {}), ...(hostname ? { hostname } : {}), ...(port !== undefined ? { port } : {}), ...(path ? { path } : {}) };
  }
  if (type === 'URLRewrite') {
    const r = isObj(raw.urlRewrite) ? raw.urlRewrite : {};
    const path = readPathModifier(r.path, m, [...at, 'urlRewrite', 'path'], out);
    const hostname = str(r.hostname);
    return { type, ...(hostname ? { hostname } : {}), ...(path ? { path } : {}) };
  }
  if (type === 'RequestHeaderModifier') {
    const r = isObj(raw.requestHeaderModifier) ? raw.requestHeaderModifier : {};
    const pairs = (v: unknown): { name: string; value: string }[] => list(v).filter(isObj).map((p) => ({ name: str(p.name) ?? '', value: str(p.value) ?? '' }));
    return { type, set: pairs(r.set), add: pairs(r.add), remove: list(r.remove).filter((x): x is string => typeof x === 'string') };
  }
  if (['ResponseHeaderModifier', 'RequestMirror', 'CORS', 'ExtensionRef', 'ExternalAuth'].includes(type)) return { type: 'Other', name: type };
  out.push(
    diag('error', 'UnsupportedValue', `Unknown filter type "${type}": "Unknown values here must result in the implementation setting the Accepted Condition for the Route to status: False".`, {
      ...m.doc.at([...at, 'type']),
      source: HTTPROUTE_TYPES,
    }),
  );
  return undefined;
}

function readRule(raw: Obj, index: number, m: Manifest, out: Diagnostic[]): RuleModel {
  const at: PathSegment[] = ['spec', 'rules', index];
  const rawMatches = list(raw.matches);
  const matches = rawMatches.length === 0 ? [readMatch({}, -1, m, [...at, 'matches'], out)] : rawMatches.map((mm, j) => readMatch(isObj(mm) ? mm : {}, j, m, [...at, 'matches', j], out));
  const filters: FilterModel[] = [];
  list(raw.filters).forEach((f, j) => {
    if (!isObj(f)) return;
    const model = readFilter(f, m, [...at, 'filters', j], out);
    if (!model) return;
    if (model.type !== 'Other' && filters.some((o) => o.type === model.type)) {
      out.push(diag('error', 'repeated-filter', `${model.type} "cannot be repeated" in one rule.`, { ...m.doc.at([...at, 'filters', j]), source: HTTPROUTE_TYPES }));
      return;
    }
    filters.push(model);
  });
  const redirect = filters.find((f) => f.type === 'RequestRedirect');
  if (redirect && filters.some((f) => f.type === 'URLRewrite')) {
    out.push(diag('error', 'incompatible-filters', 'RequestRedirect and URLRewrite "may not be combined" in one rule.', { ...m.doc.at([...at, 'filters']), source: HTTPROUTE_TYPES }));
  }
  const prefixOnly = (f: FilterModel): boolean => (f.type === 'RequestRedirect' || f.type === 'URLRewrite') && f.path?.type === 'ReplacePrefixMatch';
  if (filters.some(prefixOnly) && !(matches.length === 1 && matches[0]!.path.type === 'PathPrefix')) {
    out.push(diag('error', 'replace-prefix-needs-prefix', 'ReplacePrefixMatch needs exactly one PathPrefix match in the rule.', { ...m.doc.at([...at, 'filters']), source: HTTPROUTE_TYPES }));
  }
  const backends: BackendRefModel[] = [];
  list(raw.backendRefs).forEach((b, j) => {
    if (!isObj(b)) return;
    const bat = [...at, 'backendRefs', j];
    const weight = int(b.weight) ?? 1;
    if (weight < 0 || weight > 1_000_000) out.push(diag('error', 'invalid-weight', 'weight is a whole number from 0 to 1000000.', m.doc.at([...bat, 'weight'])));
    const port = int(b.port);
    const group = str(b.group) ?? '';
    const kind = str(b.kind) ?? 'Service';
    if (port === undefined && group === '' && kind === 'Service') {
      out.push(diag('error', 'missing-port', `backendRef "${String(b.name)}": "Port is required when the referent is a Kubernetes Service" (the Service port, not the target port).`, { ...m.doc.at(bat), source: HTTPROUTE_TYPES }));
    }
    backends.push({ group, kind, name: str(b.name) ?? '', namespace: str(b.namespace) ?? m.namespace, ...(port !== undefined ? { port } : {}), weight: Math.max(0, weight), at: m.doc.at(bat) });
  });
  if (redirect && backends.length) out.push(diag('error', 'redirect-with-backends', 'RequestRedirect "must not be used together with backendRefs".', { ...m.doc.at([...at, 'backendRefs']), source: HTTPROUTE_TYPES }));
  return { index, matches, filters, backends, at: m.doc.at(at) };
}

function readRoute(m: Manifest, out: Diagnostic[]): RouteModel {
  checkShape(m.doc, m.value, HTTPROUTE_SHAPE, [], out);
  const spec = isObj(m.value.spec) ? m.value.spec : {};
  const hostnames: string[] = [];
  list(spec.hostnames).forEach((h, i) => {
    if (typeof h !== 'string') return;
    const problem = hostnameProblem(h);
    if (problem) out.push(diag('error', 'invalid-hostname', `${problem}.`, { ...m.doc.at(['spec', 'hostnames', i]), source: HTTPROUTE_TYPES }));
    else hostnames.push(h);
  });
  const parentRefs: ParentRefModel[] = [];
  list(spec.parentRefs).forEach((p, i) => {
    if (!isObj(p)) return;
    const sectionName = str(p.sectionName);
    const port = int(p.port);
    parentRefs.push({
      group: str(p.group) ?? GATEWAY_GROUP,
      kind: str(p.kind) ?? 'Gateway',
      name: str(p.name) ?? '',
      namespace: str(p.namespace) ?? m.namespace,
      ...(sectionName ? { sectionName } : {}),
      ...(port !== undefined ? { port } : {}),
      index: i,
      at: m.doc.at(['spec', 'parentRefs', i]),
    });
  });
  if (parentRefs.length === 0) out.push(diag('warning', 'no-parent-refs', `HTTPRoute ${m.namespace}/${m.name} has no parentRefs: it attaches to no Gateway.`, m.doc.at(['spec'])));
  // An omitted rules list defaults to one rule matching every request ("+kubebuilder:default" in httproute_types.go).
  const rawRules = spec.rules === undefined || spec.rules === null ? [{}] : list(spec.rules);
  const rules = rawRules.map((r, i) => readRule(isObj(r) ? r : {}, i, m, out));
  const created = createdOf(m);
  return { id: `${m.namespace}/${m.name}`, name: m.name, namespace: m.namespace, hostnames, parentRefs, rules, ...(created !== undefined ? { created } : {}), manifest: m };
}

function readService(m: Manifest): ServiceModel {
  const spec = isObj(m.value.spec) ? m.value.spec : {};
  const ports = list(spec.ports)
    .filter(isObj)
    .flatMap((p) => (typeof p.port === 'number' ? [{ port: p.port, ...(typeof p.name === 'string' ? { name: p.name } : {}) }] : []));
  return { name: m.name, namespace: m.namespace, ports, externalName: spec.type === 'ExternalName' };
}

function readGrant(m: Manifest, out: Diagnostic[]): GrantModel {
  checkShape(m.doc, m.value, REFERENCEGRANT_SHAPE, [], out);
  const spec = isObj(m.value.spec) ? m.value.spec : {};
  return {
    namespace: m.namespace,
    from: list(spec.from).filter(isObj).map((f) => ({ group: str(f.group) ?? '', kind: str(f.kind) ?? '', namespace: str(f.namespace) ?? '' })),
    to: list(spec.to)
      .filter(isObj)
      .map((t) => ({ group: str(t.group) ?? '', kind: str(t.kind) ?? '', ...(typeof t.name === 'string' && t.name !== '' ? { name: t.name } : {}) })),
  };
}
