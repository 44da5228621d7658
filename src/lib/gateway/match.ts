/**
 * Matching a request against one HTTPRouteMatch, and the precedence that picks one winner
 * among all matches of the routes on a listener (spec §5, §6; httproute_types.go).
 */
import { normalizeHost, requestPathOf } from '../ingress';
import { hostnameRank } from './hostname';
import type { MatchModel, PathMatch, RouteModel, RuleModel, ValueMatch } from './model';

/** The request as the matchers read it. */
export interface NormalizedRequest {
  scheme: 'http' | 'https';
  port: number;
  /** Host header as received (kept for upstream Host). */
  hostHeader: string;
  /** Lower-case, without a port: what hostnames are compared with. */
  host: string;
  path: string;
  /** Query parameters, first value of each name (names case-sensitive). */
  query: Map<string, string>;
  method: string;
  /** Header names lower-cased. */
  headers: Map<string, string>;
}

export function normalizeRequest(r: { scheme?: string; port?: number; host?: string; path?: string; method?: string; headers?: Record<string, string> }): NormalizedRequest {
  const scheme = r.scheme === 'https' ? 'https' : 'http';
  const target = typeof r.path === 'string' && r.path !== '' ? r.path : '/';
  const q = target.indexOf('?');
  const query = new Map<string, string>();
  if (q >= 0) {
    const raw = target.slice(q + 1).split('#')[0]!;
    for (const part of raw.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const name = safeDecode(eq >= 0 ? part.slice(0, eq) : part);
      // "it is *recommended* that implementations should match against the first value".
      if (!query.has(name)) query.set(name, safeDecode(eq >= 0 ? part.slice(eq + 1) : ''));
    }
  }
  const headers = new Map<string, string>();
  for (const [k, v] of Object.entries(r.headers ?? {})) if (typeof v === 'string') headers.set(k.toLowerCase(), v);
  const hostHeader = typeof r.host === 'string' ? r.host.trim() : '';
  return {
    scheme,
    port: typeof r.port === 'number' && Number.isInteger(r.port) ? r.port : scheme === 'https' ? 443 : 80,
    hostHeader,
    host: normalizeHost(hostHeader),
    path: requestPathOf(target),
    query,
    method: typeof r.method === 'string' && r.method !== '' ? r.method.toUpperCase() : 'GET',
    headers,
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * PathPrefix: "done on a path element by element basis ... a trailing `/` is ignored":
 * the value without its trailing slash, equal to the path or followed by "/" in it.
 */
export function pathPrefixMatches(value: string, path: string): boolean {
  const v = value.length > 1 && value.endsWith('/') ? value.slice(0, -1) : value;
  if (v === '/') return true;
  return path === v || path.startsWith(`${v}/`);
}

export function pathMatches(m: PathMatch, path: string): boolean {
  switch (m.type) {
    case 'Exact':
      return m.value === path;
    case 'PathPrefix':
      return pathPrefixMatches(m.value, path);
    case 'RegularExpression':
      return m.regex !== undefined && m.regex.test(path);
  }
}

const valueMatches = (m: ValueMatch, v: string | undefined): boolean => v !== undefined && (m.type === 'Exact' ? m.value === v : m.regex !== undefined && m.regex.test(v));

/** The first condition of `m` the request fails, in words; undefined when every condition holds (they are ANDed). */
export function failedCondition(m: MatchModel, req: NormalizedRequest): string | undefined {
  if (!pathMatches(m.path, req.path)) return `path ${m.path.type} ${m.path.value}`;
  if (m.method !== undefined && m.method !== req.method) return `method ${m.method}`;
  for (const h of m.headers) if (!valueMatches(h, req.headers.get(h.name.toLowerCase()))) return `header ${h.name}${h.type === 'Exact' ? '=' : '~'}${h.value}`;
  for (const q of m.query) if (!valueMatches(q, req.query.get(q.name))) return `query ${q.name}${q.type === 'Exact' ? '=' : '~'}${q.value}`;
  return undefined;
}

/** Everything precedence compares, for one (route, rule, match) on a listener. */
export interface Ranked {
  route: RouteModel;
  rule: RuleModel;
  match: MatchModel;
  /** Characters in the matching non-wildcard hostname, then in any matching hostname. */
  preciseHost: number;
  anyHost: number;
  matchedHostname?: string;
}

/** Path kinds in precedence order: Exact, then RegularExpression (implementation-specific; ranked here by pattern length), then PathPrefix. */
const pathTier = (p: PathMatch): number => (p.type === 'Exact' ? 2 : p.type === 'RegularExpression' ? 1 : 0);

export function rank(route: RouteModel, rule: RuleModel, match: MatchModel, hostnames: readonly string[], host: string): Ranked {
  const h = hostnameRank(hostnames, host);
  return { route, rule, match, preciseHost: h.precise, anyHost: h.any, ...(h.matched !== undefined ? { matchedHostname: h.matched } : {}) };
}

/**
 * Negative when `a` takes precedence over `b`. The order (spec §6, DERIVED from
 * httproute_types.go): hostname (precise characters, then any characters); Exact path;
 * longest PathPrefix value; method; most header matches; most query matches; oldest
 * route; route "namespace/name" alphabetically; rule order; match order.
 */
export function comparePrecedence(a: Ranked, b: Ranked): number {
  return (
    b.preciseHost - a.preciseHost ||
    b.anyHost - a.anyHost ||
    pathTier(b.match.path) - pathTier(a.match.path) ||
    b.match.path.value.length - a.match.path.value.length ||
    Number(b.match.method !== undefined) - Number(a.match.method !== undefined) ||
    b.match.headers.length - a.match.headers.length ||
    b.match.query.length - a.match.query.length ||
    compareAge(a.route, b.route) ||
    (a.route.id < b.route.id ? -1 : a.route.id > b.route.id ? 1 : 0) ||
    a.rule.index - b.rule.index ||
    a.match.index - b.match.index
  );
}

/** Older first; a route without creationTimestamp ties (pasted manifests rarely carry one). */
function compareAge(a: RouteModel, b: RouteModel): number {
  if (a.created === undefined || b.created === undefined) return 0;
  return a.created - b.created;
}

/** The first criterion on which `a` beats `b`, in words (for explanations). */
export function whyBefore(a: Ranked, b: Ranked): string {
  if (a.preciseHost !== b.preciseHost) return `its matching precise hostname is longer (${a.preciseHost} vs ${b.preciseHost} characters)`;
  if (a.anyHost !== b.anyHost) return `its matching hostname is longer (${a.anyHost} vs ${b.anyHost} characters)`;
  if (pathTier(a.match.path) !== pathTier(b.match.path)) return `${a.match.path.type} ranks before ${b.match.path.type}`;
  if (a.match.path.value.length !== b.match.path.value.length) return `its path value has more characters (${a.match.path.value.length} vs ${b.match.path.value.length})`;
  if ((a.match.method !== undefined) !== (b.match.method !== undefined)) return 'it also matches the method';
  if (a.match.headers.length !== b.match.headers.length) return `it has more header matches (${a.match.headers.length} vs ${b.match.headers.length})`;
  if (a.match.query.length !== b.match.query.length) return `it has more query-parameter matches (${a.match.query.length} vs ${b.match.query.length})`;
  if (compareAge(a.route, b.route) !== 0) return 'its route is older (creationTimestamp)';
  if (a.route.id !== b.route.id) return `with everything else equal, "${a.route.id}" comes first alphabetically`;
  if (a.rule.index !== b.rule.index) return 'within one route, the first matching rule in list order wins';
  return 'the first match in list order';
}
