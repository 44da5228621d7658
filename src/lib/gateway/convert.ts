/**
 * convertIngress: Ingresses (ingress-nginx semantics) → Gateways + HTTPRoutes that route
 * the same way, with everything that does not carry over listed (spec §10, §10.1).
 *
 * Follows ingress2gateway's mapping — one Gateway per namespace and class, a listener per
 * host (HTTP, plus HTTPS with the tls Secret), one HTTPRoute per host merging the rules of
 * every Ingress of that host — and does better where it is silent or wrong:
 * - host-less rules and defaultBackend get a hostname-less listener and are pinned to it
 *   with sectionName (otherwise they would also attach to the host listeners);
 * - host routes are pinned to their own listeners, and the ssl-redirect of tls hosts is a
 *   RequestRedirect route on the HTTP listener;
 * - duplicate host+path keeps the older Ingress's backend, as ingress-nginx does;
 * - wildcard depth, ImplementationSpecific string prefixes and HTTPS without a tls entry
 *   are reported, and every annotation is either converted or listed with the reason.
 */
import yaml from 'js-yaml';
import { diag, type Diagnostic } from '../diagnostics';
import { hostMatches, readIngressSet, type Backend, type IngressModel, type IngressSet } from '../ingress';
import { readManifests } from '../k8s/manifests';
import { FACTS } from '../facts';
import { annotationFate, NGINX_PREFIX } from './annotations';
import type { ConvertIngressInput, ConvertIngressResult, NotConverted } from './types';

type Obj = Record<string, unknown>;

/** GatewayClasses AKS offers for the Ingress classes AKS users have (spec §9). */
const CLASS_MAP: Record<string, string> = {
  [FACTS['app-routing-ingress-class'].value]: FACTS['app-routing-gateway-class'].value,
  'azure-application-gateway': 'azure-alb-external',
  'azure-alb-external': 'azure-alb-external',
};
const I2G = 'https://github.com/kubernetes-sigs/ingress2gateway';

/** Listener and route names from a host, as ingress2gateway's NameFromHost ("*" → "wildcard"). */
export const nameFromHost = (host: string): string => host.replace(/^\*/, 'wildcard').replace(/\./g, '-');

interface PathEntry {
  ing: IngressModel;
  rule: number;
  index: number;
  path: string;
  pathType: string;
  backend: Backend;
}

interface Group {
  namespace: string;
  className?: string;
  ingresses: IngressModel[];
  canaries: IngressModel[];
}

interface Ctx {
  set: IngressSet;
  notConverted: NotConverted[];
  diagnostics: Diagnostic[];
}

const ann = (ing: IngressModel, key: string): string | undefined => ing.manifest.annotations[NGINX_PREFIX + key];
const regexEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The Service port number of a backend, resolving a port name through the Services in the input. */
function servicePort(ctx: Ctx, ing: IngressModel, b: Backend, at: { line: number; column: number }): { name: string; port: number } | undefined {
  if (!b.service) {
    ctx.notConverted.push({ object: `Ingress ${ing.id}`, what: `resource backend ${b.resource?.kind ?? ''} ${b.resource?.name ?? ''}`, reason: 'A resource backend (not a Service) has no HTTPRoute equivalent in the standard channel; write a backendRef of that kind if your implementation supports it.' });
    return undefined;
  }
  const { name, port } = b.service;
  if (typeof port === 'number') return { name, port };
  const svc = ctx.set.services.find((s) => s.name === name && s.namespace === ing.namespace);
  const found = svc?.ports.find((p) => p.name === port);
  if (found) return { name, port: found.port };
  ctx.diagnostics.push(diag('error', 'named-port-unresolved', `cannot find port with name ${port} in service ${name}: a backendRef needs the Service port number; paste the Service too, or write the number.`, { ...at, source: I2G }));
  ctx.notConverted.push({ object: `Ingress ${ing.id}`, what: `backend ${name}:${port}`, reason: `The port is a name and Service ${ing.namespace}/${name} with a port "${port}" is not in the input, so the path was not converted.` });
  return undefined;
}

function rewriteFilters(ctx: Ctx, ing: IngressModel): Obj[] {
  const filters: Obj[] = [];
  const urlRewrite: Obj = {};
  const target = ing.rewriteTarget;
  if (target) {
    if (/\$\d/.test(target)) {
      ctx.notConverted.push({ object: `Ingress ${ing.id}`, what: `${NGINX_PREFIX}rewrite-target: ${target}`, reason: '"path rewrites with capture group references (e.g. `$1`) are not supported" (ingress2gateway): Gateway API rewrites a full path or a matched prefix only. Use ReplacePrefixMatch with a PathPrefix match if the rewrite strips a prefix.' });
    } else urlRewrite.path = { type: 'ReplaceFullPath', replaceFullPath: target };
  }
  const vhost = ann(ing, 'upstream-vhost');
  if (vhost) urlRewrite.hostname = vhost;
  if (Object.keys(urlRewrite).length) filters.push({ type: 'URLRewrite', urlRewrite });
  const set: Obj[] = [];
  const prefix = ann(ing, 'x-forwarded-prefix');
  if (prefix && target) set.push({ name: 'X-Forwarded-Prefix', value: prefix });
  const conn = ann(ing, 'connection-proxy-header');
  if (conn) set.push({ name: 'Connection', value: conn });
  if (set.length) filters.push({ type: 'RequestHeaderModifier', requestHeaderModifier: { set } });
  return filters;
}

/** rule.timeouts.request from proxy-*-timeout: the largest × 10 (ingress2gateway's tcpTimeoutMultiplier). */
function timeouts(ing: IngressModel): Obj | undefined {
  const secs = ['proxy-connect-timeout', 'proxy-send-timeout', 'proxy-read-timeout'].map((k) => Number(ann(ing, k))).filter((n) => Number.isFinite(n) && n > 0);
  return secs.length ? { request: `${Math.max(...secs) * 10}s` } : undefined;
}

function redirectRule(ctx: Ctx, ing: IngressModel, matches: Obj[]): Obj | undefined {
  const r = ing.redirectTo!;
  let url: URL;
  try {
    url = new URL(r.url);
  } catch {
    ctx.notConverted.push({ object: `Ingress ${ing.id}`, what: `${NGINX_PREFIX}${r.annotation}: ${r.url}`, reason: 'The redirect target is not an absolute URL, so it cannot become a RequestRedirect.' });
    return undefined;
  }
  const scheme = url.protocol.replace(':', '');
  const requestRedirect: Obj = { scheme, hostname: url.hostname, path: { type: 'ReplaceFullPath', replaceFullPath: url.pathname }, statusCode: r.status };
  if (url.port) requestRedirect.port = Number(url.port);
  if (url.search) ctx.notConverted.push({ object: `Ingress ${ing.id}`, what: `query of ${r.annotation}`, reason: `RequestRedirect has no query field: "${url.search}" is dropped from the Location.` });
  return { matches, filters: [{ type: 'RequestRedirect', requestRedirect }] };
}

/** One HTTPRoute's rules for the paths of one host (or of no host). */
function rulesFor(ctx: Ctx, group: Group, host: string | undefined, entries: PathEntry[], defaultRule: Obj | undefined): Obj[] {
  const rules: Obj[] = [];
  const regex = entries.some((e) => e.ing.regex);
  const seen = new Map<string, PathEntry>();
  const appRoot = entries.find((e) => e.ing.appRoot)?.ing;
  if (appRoot?.appRoot) {
    rules.push({ matches: [{ path: { type: 'Exact', value: '/' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: appRoot.appRoot }, statusCode: 302 } }] });
  }
  for (const e of entries) {
    const key = regex ? e.path : `${e.pathType === 'Exact' ? 'Exact' : 'Prefix'}|${e.path}`;
    const first = seen.get(key);
    const where = `${host ?? '(any host)'} ${e.pathType} ${e.path}`;
    if (first) {
      ctx.notConverted.push({
        object: `Ingress ${e.ing.id}`,
        what: `duplicate path ${where}`,
        reason: `${first.ing.id === e.ing.id ? 'The same Ingress' : `Ingress ${first.ing.id}`} already routes this host and path; ingress-nginx keeps the older Ingress (creationTimestamp, then the order written), so its backend is kept. ingress2gateway would instead split 50/50 between both or report an error.`,
      });
      continue;
    }
    seen.set(key, e);
    let path: Obj;
    if (regex) path = { type: 'RegularExpression', value: `(?i)${e.path}.*` };
    else if (e.pathType === 'Exact') path = { type: 'Exact', value: e.path };
    else path = { type: 'PathPrefix', value: e.path };
    if (!regex && e.pathType === 'ImplementationSpecific' && e.path !== '/') {
      ctx.notConverted.push({
        object: `Ingress ${e.ing.id}`,
        what: `ImplementationSpecific ${e.path}`,
        reason: `ingress-nginx serves it as a plain string prefix (NGINX "location ${e.path}", so ${e.path}v1 too); it becomes PathPrefix ${e.path}, which matches whole path elements only. If clients rely on the looser match, use RegularExpression "${regexEscape(e.path)}.*".`,
      });
    }
    const matches = [{ path }];
    if (e.ing.redirectTo) {
      const r = redirectRule(ctx, e.ing, matches);
      if (r) rules.push(r);
      continue;
    }
    const at = e.ing.manifest.doc.at(['spec', 'rules', e.rule, 'http', 'paths', e.index, 'backend']);
    const main = servicePort(ctx, e.ing, e.backend, at);
    if (!main) continue;
    const backendRefs: Obj[] = [{ name: main.name, port: main.port }];
    // Canaries of this host and path: weight → split; by-header → a header-matched rule first.
    for (const c of group.canaries) {
      const cp = c.rules.filter((r) => r.host === host).flatMap((r) => r.paths).find((p) => p.path === e.path);
      if (!cp) continue;
      const cb = servicePort(ctx, c, cp.backend, c.manifest.doc.at(['spec']));
      if (!cb) continue;
      const header = ann(c, 'canary-by-header');
      if (header) {
        const value = ann(c, 'canary-by-header-value') ?? 'always';
        rules.push({ matches: [{ path, headers: [{ name: header, value }] }], backendRefs: [{ name: cb.name, port: cb.port }] });
        if (!ann(c, 'canary-by-header-value')) {
          ctx.notConverted.push({ object: `Ingress ${c.id}`, what: `${NGINX_PREFIX}canary-by-header: ${header}`, reason: `Converted to a match on "${header}: always"; the value "never" (force the main backend) needs no rule, any other value falls back to the weight.` });
        }
      }
      const w = Number(ann(c, 'canary-weight'));
      if (Number.isFinite(w) && w > 0) {
        const total = Number(ann(c, 'canary-weight-total')) || 100;
        backendRefs[0]!.weight = Math.max(0, total - w);
        backendRefs.push({ name: cb.name, port: cb.port, weight: w });
      }
    }
    const rule: Obj = { matches, backendRefs };
    const filters = rewriteFilters(ctx, e.ing);
    if (filters.length) rule.filters = filters;
    const t = timeouts(e.ing);
    if (t) rule.timeouts = t;
    rules.push(rule);
  }
  if (defaultRule) rules.push(defaultRule);
  return rules;
}

function reportAnnotations(ctx: Ctx, ing: IngressModel): void {
  for (const key of Object.keys(ing.manifest.annotations)) {
    const fate = annotationFate(key);
    if (fate && !fate.converted) ctx.notConverted.push({ object: `Ingress ${ing.id}`, what: key, reason: fate.reason });
  }
  if (ing.regex) {
    ctx.diagnostics.push(
      diag('info', 'regex-paths', `${ing.id} uses use-regex or rewrite-target: every path of its hosts becomes a case-insensitive RegularExpression "(?i)<path>.*" ("Using case-insensitive regex path matches. You may want to change this." — ingress2gateway).`, ing.manifest.doc.at(['metadata', 'annotations'])),
    );
  }
}

function cleanService(v: Obj): Obj {
  const meta = (typeof v.metadata === 'object' && v.metadata !== null ? v.metadata : {}) as Obj;
  const spec = (typeof v.spec === 'object' && v.spec !== null ? { ...(v.spec as Obj) } : {}) as Obj;
  for (const k of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy', 'internalTrafficPolicy', 'sessionAffinity']) delete spec[k];
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: meta.name, namespace: typeof meta.namespace === 'string' ? meta.namespace : 'default', ...(meta.labels ? { labels: meta.labels } : {}) },
    spec,
  };
}

function convertGroup(ctx: Ctx, group: Group, gatewayClassName: string | undefined): { objects: Obj[]; gateway: string } {
  const gwName = group.className ?? 'gateway';
  const className = gatewayClassName || (group.className ? CLASS_MAP[group.className] : undefined) || group.className || FACTS['app-routing-gateway-class'].value;
  if (!gatewayClassName && group.className && !CLASS_MAP[group.className]) {
    ctx.notConverted.push({ object: `Gateway ${group.namespace}/${gwName}`, what: `gatewayClassName ${className}`, reason: `Named after the Ingress class "${group.className}", as ingress2gateway does; no such GatewayClass exists unless you create one. On AKS: approuting-istio (application routing), istio (the Istio add-on) or azure-alb-external (Application Gateway for Containers).` });
  }
  const byHost = new Map<string, PathEntry[]>();
  for (const ing of group.ingresses) {
    reportAnnotations(ctx, ing);
    for (const r of ing.rules) {
      const key = r.host ?? '';
      if (!byHost.has(key)) byHost.set(key, []);
      for (const p of r.paths) byHost.get(key)!.push({ ing, rule: r.index, index: p.index, path: p.path, pathType: p.pathType, backend: p.backend });
    }
  }
  for (const c of group.canaries) reportAnnotations(ctx, c);
  const defIng = group.ingresses.find((i) => i.defaultBackend);
  let defaultRule: Obj | undefined;
  if (defIng?.defaultBackend) {
    const b = servicePort(ctx, defIng, defIng.defaultBackend, defIng.manifest.doc.at(['spec', 'defaultBackend']));
    if (b) defaultRule = { backendRefs: [{ name: b.name, port: b.port }] };
    if (byHost.size > (byHost.has('') ? 1 : 0)) {
      ctx.notConverted.push({
        object: `Ingress ${defIng.id}`,
        what: 'spec.defaultBackend',
        reason: 'Read as the Kubernetes docs put it — the backend for any request no rule matches — so it is the last rule of every generated HTTPRoute and the only rule for hosts no rule names (on the hostname-less listener). ingress-nginx may use it for the catch-all server only; ingress2gateway emits no listener for it.',
      });
    }
    for (const other of group.ingresses.filter((i) => i !== defIng && i.defaultBackend)) {
      ctx.notConverted.push({ object: `Ingress ${other.id}`, what: 'spec.defaultBackend', reason: `${defIng.id} (older) also sets one, and only one default backend is used.` });
    }
  }

  const listeners: Obj[] = [];
  const routes: Obj[] = [];
  const parent = (sectionName: string): Obj => ({ name: gwName, sectionName });
  const hosts = [...byHost.keys()].filter((h) => h !== '');
  let hostlessNoTls = byHost.has('') || defaultRule !== undefined;
  for (const host of hosts) {
    const entries = byHost.get(host)!;
    const n = nameFromHost(host);
    const first = entries[0]!.ing;
    const tlsIng = group.ingresses.find((i) => i.tls.some((t) => t.hosts.some((th) => th === host || hostMatches(th, host))));
    const tls = tlsIng?.tls.find((t) => t.hosts.some((th) => th === host || hostMatches(th, host)));
    listeners.push({ name: `${n}-http`, hostname: host, port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } });
    if (tls) {
      listeners.push({
        name: `${n}-https`,
        hostname: host,
        port: 443,
        protocol: 'HTTPS',
        tls: { mode: 'Terminate', certificateRefs: tls.secretName ? [{ kind: 'Secret', name: tls.secretName }] : [] },
        allowedRoutes: { namespaces: { from: 'Same' } },
      });
      if (!tls.secretName) ctx.notConverted.push({ object: `Ingress ${tlsIng!.id}`, what: `tls for ${host} without secretName`, reason: 'ingress-nginx serves its default certificate; a Gateway HTTPS listener needs a certificateRefs Secret.' });
    } else hostlessNoTls = true;
    if (host.startsWith('*.')) {
      const at = first.manifest.doc.at(['spec', 'rules', entries[0]!.rule, 'host']);
      ctx.diagnostics.push(diag('warning', 'wildcard-depth', `Ingress host ${host} matches exactly one label (a.${host.slice(2)}); the Gateway listener ${host} matches one or more ("a.b.${host.slice(2)}" too). Gateway API cannot express one label only.`, { ...at, source: 'https://gateway-api.sigs.k8s.io/docs/concepts/hostnames/' }));
      ctx.notConverted.push({ object: `Ingress ${first.id}`, what: `wildcard host ${host}`, reason: `Ingress wildcards cover one DNS label, Gateway wildcards one or more: a.b.${host.slice(2)} gets no rule from the Ingress but reaches this route through the Gateway.` });
    }
    const rules = rulesFor(ctx, group, host, entries, defaultRule);
    const redirect = tls && tlsIng!.sslRedirect;
    routes.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: `${first.name}-${n}`, namespace: group.namespace },
      spec: { parentRefs: tls ? (redirect ? [parent(`${n}-https`)] : [parent(`${n}-http`), parent(`${n}-https`)]) : [parent(`${n}-http`)], hostnames: [host], rules },
    });
    if (redirect) {
      routes.push({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: `${first.name}-${n}-ssl-redirect`, namespace: group.namespace },
        spec: { parentRefs: [parent(`${n}-http`)], hostnames: [host], rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 308 } }] }] },
      });
    }
  }
  if (byHost.has('') || defaultRule) {
    listeners.push({ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } });
    const entries = byHost.get('') ?? [];
    const owner = entries[0]?.ing ?? defIng!;
    routes.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: entries.length ? `${owner.name}-any-host` : `${owner.name}-default-backend`, namespace: group.namespace },
      spec: { parentRefs: [parent('http')], rules: rulesFor(ctx, group, undefined, entries, defaultRule) },
    });
  }
  if (hostlessNoTls) {
    ctx.notConverted.push({
      object: `Gateway ${group.namespace}/${gwName}`,
      what: 'HTTPS for hosts without a tls entry',
      reason: '"Ingress NGINX serves TLS traffic for host … with a self-signed certificate. This behavior will not be translated" (ingress2gateway): the Gateway has no HTTPS listener for them, so https requests to them are not served.',
    });
  }
  const gateway: Obj = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: gwName, namespace: group.namespace },
    spec: { gatewayClassName: className, listeners },
  };
  return { objects: [gateway, ...routes], gateway: `${group.namespace}/${gwName}` };
}

export function convert(input: ConvertIngressInput): ConvertIngressResult & { gateways: string[] } {
  const text = typeof input?.manifests === 'string' ? input.manifests : '';
  const set = readIngressSet(text);
  const ctx: Ctx = { set, notConverted: [], diagnostics: [...set.diagnostics] };
  const only = typeof input?.ingressClassName === 'string' && input.ingressClassName !== '' ? input.ingressClassName : undefined;
  const groups = new Map<string, Group>();
  for (const ing of set.ingresses) {
    if (ing.rejected) {
      ctx.notConverted.push({ object: `Ingress ${ing.id}`, what: 'the whole Ingress', reason: 'The API server would reject it (see the errors), so it never exists in a cluster.' });
      continue;
    }
    if (only !== undefined && ing.className !== only) {
      ctx.notConverted.push({ object: `Ingress ${ing.id}`, what: 'the whole Ingress', reason: `Its class is ${ing.className ?? '(none)'}; only class ${only} is converted.` });
      continue;
    }
    const key = `${ing.namespace}\u0000${ing.className ?? ''}`;
    if (!groups.has(key)) groups.set(key, { namespace: ing.namespace, ...(ing.className !== undefined ? { className: ing.className } : {}), ingresses: [], canaries: [] });
    const g = groups.get(key)!;
    (ing.canary ? g.canaries : g.ingresses).push(ing);
  }
  const objects: Obj[] = [];
  const gateways: string[] = [];
  for (const g of groups.values()) {
    if (g.ingresses.length === 0) continue;
    const out = convertGroup(ctx, g, input?.gatewayClassName);
    objects.push(...out.objects);
    gateways.push(out.gateway);
  }
  const { manifests: all } = readManifests(text);
  for (const m of all) if (m.kind === 'Service') objects.push(cleanService(m.value));
  const header =
    objects.length === 0
      ? '# No Ingress to convert.\n'
      : `# Gateway API for ${set.ingresses.length} Ingress${set.ingresses.length === 1 ? '' : 'es'}: ${gateways.length} Gateway${gateways.length === 1 ? '' : 's'}, then HTTPRoutes, then the Services given.\n# Review before applying: notConverted lists what did not carry over.\n`;
  const manifests = header + objects.map((o) => yaml.dump(o, { lineWidth: -1, noRefs: true })).join('---\n');
  return { manifests, notConverted: ctx.notConverted, diagnostics: ctx.diagnostics, gateways };
}
