/**
 * Which listeners of a Gateway serve which HTTPRoutes (spec §4): parentRef (name,
 * namespace, sectionName, port), allowedRoutes (namespaces from All / Same / Selector,
 * kinds) and a non-empty hostname intersection. Cross-namespace attachment needs no
 * ReferenceGrant: the listener's allowedRoutes decides.
 */
import { matches } from '../k8s/selector';
import type { Diagnostic } from '../diagnostics';
import { diag } from '../diagnostics';
import { compareSpecificity, hostnameMatches, intersections } from './hostname';
import type { GatewayModel, GatewaySet, ListenerModel, ParentRefModel, RouteModel } from './model';
import { GATEWAY_GROUP, HTTPROUTE_TYPES } from './read';

export interface Attachment {
  route: RouteModel;
  listener: ListenerModel;
  /** The route's hostnames intersected with the listener's ("*" for any). */
  hostnames: string[];
}

export interface Refusal {
  route: RouteModel;
  parentRef: ParentRefModel;
  /** A condition reason of the API (NotAllowedByListeners, NoMatchingListenerHostname, NoMatchingParent). */
  code: string;
  reason: string;
}

const refersTo = (p: ParentRefModel, gw: GatewayModel): boolean => p.group === GATEWAY_GROUP && p.kind === 'Gateway' && p.name === gw.name && p.namespace === gw.namespace;

/** The namespace labels a selector sees: the input's plus the implicit kubernetes.io/metadata.name. */
function namespaceLabels(set: GatewaySet, ns: string): Record<string, string> {
  return { ...(set.namespaces.get(ns) ?? {}), 'kubernetes.io/metadata.name': ns };
}

/** Why a listener does not admit routes from this namespace, or undefined when it does. */
function namespaceRefusal(l: ListenerModel, gw: GatewayModel, route: RouteModel, set: GatewaySet): string | undefined {
  if (l.from === 'All') return undefined;
  if (l.from === 'Same') return route.namespace === gw.namespace ? undefined : `listener "${l.name}" admits routes of its own namespace "${gw.namespace}" only (allowedRoutes.namespaces.from: Same, the default)`;
  if (l.selector && matches(l.selector, namespaceLabels(set, route.namespace))) return undefined;
  return `listener "${l.name}" admits routes from namespaces whose labels match its selector, and namespace "${route.namespace}" does not match`;
}

/** Attachments of every route to the listeners of `gw`, and the parentRefs it refuses. */
export function attach(gw: GatewayModel, set: GatewaySet): { attached: Attachment[]; refused: Refusal[] } {
  const attached: Attachment[] = [];
  const refused: Refusal[] = [];
  for (const route of set.routes) {
    const seen = new Set<ListenerModel>();
    for (const p of route.parentRefs) {
      if (!refersTo(p, gw)) continue;
      const named = gw.listeners.filter((l) => (p.sectionName === undefined || l.name === p.sectionName) && (p.port === undefined || l.port === p.port));
      if (named.length === 0) {
        const what = [p.sectionName !== undefined ? `named "${p.sectionName}"` : '', p.port !== undefined ? `on port ${p.port}` : ''].filter(Boolean).join(' and ');
        refused.push({ route, parentRef: p, code: 'NoMatchingParent', reason: `Gateway ${gw.id} has no listener ${what}` });
        continue;
      }
      const reasons: { code: string; reason: string }[] = [];
      for (const l of named) {
        if (l.conflicted) {
          reasons.push({ code: 'NoMatchingParent', reason: `listener "${l.name}" conflicts with another and is not accepted` });
          continue;
        }
        if (!l.acceptsHTTPRoute) {
          reasons.push({ code: 'NotAllowedByListeners', reason: `listener "${l.name}" (${l.protocol}) does not admit HTTPRoutes (its protocol or allowedRoutes.kinds)` });
          continue;
        }
        const nsWhy = namespaceRefusal(l, gw, route, set);
        if (nsWhy) {
          reasons.push({ code: 'NotAllowedByListeners', reason: nsWhy });
          continue;
        }
        const hostnames = intersections(l.hostname, route.hostnames);
        if (hostnames.length === 0) {
          reasons.push({ code: 'NoMatchingListenerHostname', reason: `none of the route's hostnames (${route.hostnames.join(', ')}) intersects listener "${l.name}"'s hostname ${l.hostname}` });
          continue;
        }
        if (!seen.has(l)) {
          seen.add(l);
          attached.push({ route, listener: l, hostnames });
        }
      }
      if (reasons.length === named.length) {
        const first = reasons[0]!;
        const allHost = reasons.length > 1 && reasons.every((r) => r.code === 'NoMatchingListenerHostname');
        const reason = allHost
          ? `none of the route's hostnames (${route.hostnames.join(', ')}) intersects a listener's hostname (${named.map((l) => l.hostname ?? 'any').join(', ')})`
          : reasons.map((r) => r.reason).join('; ');
        refused.push({ route, parentRef: p, code: first.code, reason });
      }
    }
  }
  return { attached, refused };
}

/** Attachment diagnostics for every route and Gateway of the set (at the parentRef). */
export function attachmentDiagnostics(set: GatewaySet): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const gw of set.gateways) {
    for (const r of attach(gw, set).refused) {
      out.push(diag('warning', r.code, `HTTPRoute ${r.route.id} is not attached to Gateway ${gw.id} by parentRef ${r.parentRef.index}: ${r.reason}.`, { ...r.parentRef.at, source: HTTPROUTE_TYPES }));
    }
  }
  for (const route of set.routes) {
    for (const p of route.parentRefs) {
      if (p.kind === 'Gateway' && p.group === GATEWAY_GROUP && !set.gateways.some((g) => g.name === p.name && g.namespace === p.namespace)) {
        out.push(diag('info', 'gateway-not-in-input', `HTTPRoute ${route.id} names Gateway ${p.namespace}/${p.name}, which is not in the input.`, p.at));
      }
    }
  }
  return out;
}

/**
 * The one listener a request reaches (listener isolation, spec §3): the Gateway's
 * listeners on the request's port with its protocol (http → HTTP, https → HTTPS), whose
 * hostname covers the Host; the most specific of them. "requests SHOULD match at most one
 * Listener" (gateway_types.go).
 */
export function selectListener(gw: GatewayModel, req: { scheme: 'http' | 'https'; port: number; host: string }): { listener?: ListenerModel; why: string } {
  const protocol = req.scheme === 'https' ? 'HTTPS' : 'HTTP';
  const onPort = gw.listeners.filter((l) => !l.conflicted && l.port === req.port && l.protocol === protocol);
  if (onPort.length === 0) {
    const ports = gw.listeners.filter((l) => !l.conflicted).map((l) => `${l.name} ${l.port}/${l.protocol}`);
    return { why: `Gateway ${gw.id} has no ${protocol} listener on port ${req.port} (it has ${ports.join(', ') || 'none'}), so the request is not accepted (404).` };
  }
  const fits = onPort.filter((l) => hostnameMatches(l.hostname, req.host)).sort((a, b) => compareSpecificity(a.hostname, b.hostname) || a.index - b.index);
  const chosen = fits[0];
  if (!chosen) {
    return { why: `No ${protocol} listener on port ${req.port} covers the host "${req.host}" (${onPort.map((l) => `${l.name}: ${l.hostname ?? 'any host'}`).join(', ')}): "the request MUST be rejected" (404).` };
  }
  const others = fits.slice(1);
  const kind = chosen.hostname === undefined ? 'it has no hostname, so it takes any host' : chosen.hostname.startsWith('*.') ? `its wildcard ${chosen.hostname} covers ${req.host} (one or more labels)` : `its hostname is exactly ${req.host}`;
  return {
    listener: chosen,
    why:
      `Listener "${chosen.name}" (${chosen.port}/${chosen.protocol}) takes the request: ${kind}.` +
      (others.length ? ` It is more specific than ${others.map((o) => `"${o.name}" (${o.hostname ?? 'any host'})`).join(', ')}; with listener isolation only its routes are consulted.` : ''),
  };
}
