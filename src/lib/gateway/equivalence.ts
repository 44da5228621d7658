/**
 * The equivalence table of a migration: requests derived from every host and path of the
 * Ingresses (plus near-misses: a longer word after a path, a child path, an unlisted host,
 * a deeper subdomain under a wildcard, https for every host) routed by the Ingress engine
 * (ingress-nginx semantics) and by this engine on the converted Gateway API side by side.
 */
import { readIngressSet, routeRequest, type RouteResult } from '../ingress';
import { convert } from './convert';
import { readGatewaySet } from './read';
import { evaluate } from './route';
import type { NotConverted, RouteGatewayResult } from './types';

export interface EquivalenceRequest {
  scheme: 'http' | 'https';
  host: string;
  path: string;
  /** Why this request is in the table. */
  kind: 'path' | 'near-miss' | 'other-host' | 'deeper-host' | 'https';
}

export interface EquivalenceRow {
  request: EquivalenceRequest;
  ingress: string;
  gateway: string;
  /** The Gateway that answered (first non-404), when any. */
  via?: string;
  same: boolean;
  /** For a difference: the notConverted entry (or rule) that explains it. */
  note?: string;
}

export interface EquivalenceResult {
  rows: EquivalenceRow[];
  differences: number;
}

const MAX_ROWS = 240;

/** A concrete path for a regex path: its literal start ("/something(/|$)(.*)" → "/something"). */
const literalOf = (p: string): string => {
  const cut = p.search(/[()[\]{}*+?|^$\\.]/);
  const lit = cut >= 0 ? p.slice(0, cut) : p;
  return lit === '' ? '/' : lit;
};

/** Requests derived from the Ingresses (deduplicated, at most MAX_ROWS). */
export function equivalenceRequests(ingressManifests: string): EquivalenceRequest[] {
  const set = readIngressSet(ingressManifests);
  const out: EquivalenceRequest[] = [];
  const seen = new Set<string>();
  const add = (r: EquivalenceRequest): void => {
    const k = `${r.scheme}://${r.host}${r.path}`;
    if (seen.has(k) || out.length >= MAX_ROWS) return;
    seen.add(k);
    out.push(r);
  };
  const hostOf = (h: string | undefined): string => (h === undefined ? 'unlisted.example.net' : h.startsWith('*.') ? `a.${h.slice(2)}` : h);
  for (const ing of set.ingresses) {
    if (ing.rejected) continue;
    for (const r of ing.rules) {
      const host = hostOf(r.host);
      for (const p of r.paths) {
        const path = ing.regex || p.pathType === 'ImplementationSpecific' ? literalOf(p.path) : p.path;
        add({ scheme: 'http', host, path, kind: 'path' });
        add({ scheme: 'https', host, path, kind: 'https' });
        const base = path.endsWith('/') && path !== '/' ? path.slice(0, -1) : path;
        add({ scheme: 'http', host, path: base === '/' ? '/anything' : `${base}v1`, kind: 'near-miss' });
        add({ scheme: 'http', host, path: `${base === '/' ? '' : base}/x`, kind: 'near-miss' });
      }
      if (r.host?.startsWith('*.')) add({ scheme: 'http', host: `a.b.${r.host.slice(2)}`, path: r.paths[0]?.path ?? '/', kind: 'deeper-host' });
    }
    if (ing.defaultBackend) add({ scheme: 'http', host: 'unlisted.example.net', path: '/', kind: 'other-host' });
  }
  add({ scheme: 'http', host: 'unlisted.example.net', path: '/', kind: 'other-host' });
  return out;
}

/** The Ingress engine's answer in the table's words. */
function ingressText(r: RouteResult, ports: (ns: string, name: string, port: number | string) => number | string): string {
  if (r.redirect) return `${r.redirect.status} → ${normalizeUrl(r.redirect.location)}`;
  if (!r.match) return '404';
  const svc = r.match.backend.service;
  if (!svc) return `${r.match.backend.resource?.kind ?? '?'} ${r.match.backend.resource?.name ?? ''}`;
  const ns = r.match.ingress.split('/')[0]!;
  return `${ns}/${svc.name}:${ports(ns, svc.name, svc.port)}${r.rewrite ? ` path ${r.rewrite.upstreamPath}` : ''}`;
}

function gatewayText(r: RouteGatewayResult, rewritten: boolean): string {
  if (r.redirect) return `${r.redirect.status} → ${normalizeUrl(r.redirect.location)}`;
  if (r.status !== 200 || !r.match) return String(r.status);
  const live = r.match.backends.filter((b) => b.weight > 0);
  const total = live.reduce((s, b) => s + b.weight, 0);
  const text = live.map((b) => `${b.namespace}/${b.name}:${b.port ?? '?'}${live.length > 1 ? ` (${Math.round((b.weight / total) * 100)}%)` : ''}`).join(' + ');
  return `${text}${rewritten && r.upstream ? ` path ${r.upstream.path}` : ''}`;
}

function normalizeUrl(u: string): string {
  try {
    return new URL(u).href;
  } catch {
    return u;
  }
}

/** The same answer: equal text, or the Ingress's backend is one of a weighted (canary) split's. */
function same(a: string, b: string): boolean {
  if (a === b) return true;
  const parts = b.split(' + ').map((p) => p.replace(/ \(\d+%\)$/, ''));
  return parts.length > 1 && parts.includes(a);
}

/** What explains a difference on this request: the Gateway side's own reason for a 500, else a notConverted entry. */
function explain(req: EquivalenceRequest, notConverted: NotConverted[], gr: RouteGatewayResult | undefined): string | undefined {
  if (gr?.status === 500 && gr.invalidBackends?.length) {
    const missing = gr.invalidBackends.find((b) => b.code === 'BackendNotFound');
    return missing
      ? `${missing.reason}: the Gateway answers 500, while ingress-nginx only warns (and answers 503 in a cluster without it). Paste the Service too (kubectl get ingress,svc -A -o yaml).`
      : gr.invalidBackends.map((b) => b.reason).join('; ');
  }
  const find = (test: (n: NotConverted) => boolean): string | undefined => {
    const n = notConverted.find(test);
    return n ? `${n.what}: ${n.reason}` : undefined;
  };
  if (req.scheme === 'https') return find((n) => n.what.startsWith('HTTPS for hosts')) ?? find((n) => n.what.startsWith('tls for'));
  if (req.kind === 'deeper-host') return find((n) => n.what.startsWith('wildcard host'));
  return (
    find((n) => n.what.startsWith('ImplementationSpecific') && req.path.startsWith(n.what.slice('ImplementationSpecific '.length))) ??
    find((n) => n.what.includes('rewrite-target')) ??
    find((n) => n.what.startsWith('duplicate path')) ??
    find((n) => n.what === 'spec.defaultBackend') ??
    find((n) => n.what.includes('canary'))
  );
}

/**
 * Routes every derived request through both engines. `gatewayManifests` defaults to the
 * conversion of the Ingresses; pass edited YAML to check a hand-tuned result.
 */
export function equivalence(input: { manifests: string; ingressClassName?: string; gatewayClassName?: string; gatewayManifests?: string }): EquivalenceResult & { notConverted: NotConverted[] } {
  const conv = convert({ manifests: input.manifests, ...(input.ingressClassName ? { ingressClassName: input.ingressClassName } : {}), ...(input.gatewayClassName ? { gatewayClassName: input.gatewayClassName } : {}) });
  const gwText = input.gatewayManifests ?? conv.manifests;
  const gateways = readGatewaySet(gwText).gateways.map((g) => g.id);
  const services = readIngressSet(input.manifests).services;
  const ports = (ns: string, name: string, port: number | string): number | string =>
    typeof port === 'number' ? port : (services.find((s) => s.namespace === ns && s.name === name)?.ports.find((p) => p.name === port)?.port ?? port);
  const rows: EquivalenceRow[] = [];
  for (const req of equivalenceRequests(input.manifests)) {
    const ir = routeRequest({ manifests: input.manifests, request: { host: req.host, path: req.path, scheme: req.scheme }, ...(input.ingressClassName ? { ingressClassName: input.ingressClassName } : {}) });
    const itext = ingressText(ir, ports);
    let gr: RouteGatewayResult | undefined;
    let via: string | undefined;
    for (const g of gateways.length ? gateways : [undefined]) {
      const r = evaluate({ manifests: gwText, request: { ...(g ? { gateway: g } : {}), host: req.host, path: req.path, scheme: req.scheme } });
      if (!gr || (gr.status === 404 && r.status !== 404)) {
        gr = r;
        via = g;
      }
      if (r.status !== 404) break;
    }
    const gtext = gr ? gatewayText(gr, ir.rewrite !== undefined || (gr.upstream !== undefined && gr.upstream.path !== req.path.split('?')[0])) : '404';
    const ok = same(itext, gtext);
    const note = ok ? undefined : explain(req, conv.notConverted, gr);
    rows.push({ request: req, ingress: itext, gateway: gtext, ...(via && gr && gr.status !== 404 ? { via } : {}), same: ok, ...(note ? { note } : {}) });
  }
  return { rows, differences: rows.filter((r) => !r.same).length, notConverted: conv.notConverted };
}
