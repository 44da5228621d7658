/**
 * Hostnames in Gateway API: matching a Host header, intersecting a route's hostnames with
 * a listener's, and ranking listeners. Sources (spec §3, §4.5):
 * - gateway_types.go Listener.Hostname: "`*.example.com` would match both `test.example.com`,
 *   and `foo.test.example.com`, but not `example.com`" — a wildcard covers one *or more* labels,
 *   unlike Ingress's one label (https://gateway-api.sigs.k8s.io/docs/concepts/hostnames/).
 * - the hostnames concept page's intersection table, and "Having no hostname set is
 *   equivalent to having a `hostname` field set to `*`".
 */

/** True when `pattern` (exact, `*.suffix`, `*` or undefined for any) covers the host. */
export function hostnameMatches(pattern: string | undefined, host: string): boolean {
  if (pattern === undefined || pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.length > pattern.length - 1 && host.endsWith(pattern.slice(1));
  return pattern === host;
}

const isWildcard = (h: string): boolean => h.startsWith('*.') || h === '*';

/**
 * The intersection of a listener hostname and one route hostname, or undefined when they
 * share no host: the more specific of the two when one covers the other.
 */
export function intersectHostname(listener: string | undefined, route: string): string | undefined {
  if (listener === undefined || listener === '*') return route;
  if (!isWildcard(listener) && !isWildcard(route)) return listener === route ? route : undefined;
  if (!isWildcard(route)) return hostnameMatches(listener, route) ? route : undefined;
  if (!isWildcard(listener)) return hostnameMatches(route, listener) ? listener : undefined;
  const ls = listener.slice(1);
  const rs = route.slice(1);
  if (rs.endsWith(ls)) return route;
  if (ls.endsWith(rs)) return listener;
  return undefined;
}

/** The hostnames a route serves on a listener: "*" when neither sets any. */
export function intersections(listener: string | undefined, routeHostnames: readonly string[]): string[] {
  if (routeHostnames.length === 0) return [listener ?? '*'];
  const out: string[] = [];
  for (const r of routeHostnames) {
    const i = intersectHostname(listener, r);
    if (i !== undefined && !out.includes(i)) out.push(i);
  }
  return out;
}

/**
 * How specific a listener hostname is, highest first: "Exact matches MUST be processed
 * before wildcard matches, and wildcard matches MUST be processed before fallback (empty
 * Hostname value) matches"; among wildcards "the higher the number of dots in the hostname
 * to the right of the wildcard character, the higher the precedence" (gateway_types.go).
 */
export function listenerSpecificity(hostname: string | undefined): [number, number, number] {
  if (hostname === undefined || hostname === '*') return [0, 0, 0];
  if (hostname.startsWith('*.')) return [1, hostname.split('.').length - 1, hostname.length];
  return [2, 0, hostname.length];
}

export function compareSpecificity(a: string | undefined, b: string | undefined): number {
  const x = listenerSpecificity(a);
  const y = listenerSpecificity(b);
  return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
}

/**
 * Route-hostname precedence (httproute_types.go HTTPRouteSpec.Hostnames): "the largest
 * number of: * Characters in a matching non-wildcard hostname. * Characters in a matching
 * hostname." Computed on the intersected hostnames (spec §6 open point, gateway-api#5120),
 * so a hostname-less route on a `foo.com` listener ties with a `foo.com` route.
 */
export function hostnameRank(hostnames: readonly string[], host: string): { precise: number; any: number; matched?: string } {
  let precise = 0;
  let any = 0;
  let matched: string | undefined;
  for (const h of hostnames) {
    if (!hostnameMatches(h, host)) continue;
    const chars = h === '*' ? 0 : h.length;
    if (!isWildcard(h) && chars > precise) precise = chars;
    if (matched === undefined || chars > any) {
      any = chars;
      matched = h;
    }
  }
  return { precise, any, ...(matched !== undefined ? { matched } : {}) };
}

// Validation of Hostname (shared_types.go): a DNS name, optionally with a leading "*." label; no IPs.
const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const HOSTNAME = new RegExp(`^(\\*\\.)?${LABEL}(\\.${LABEL})*$`);

export function hostnameProblem(h: string): string | undefined {
  if (/^\d+(\.\d+){3}$/.test(h) || h.includes(':')) return `"${h}" is an IP address; Gateway API hostnames must be DNS names ("IPs are not allowed")`;
  if (h.length > 253) return `"${h}" is longer than 253 characters`;
  if (!HOSTNAME.test(h)) return `"${h}" is not a valid hostname: lower-case DNS labels of letters, digits and '-', optionally after a first label "*." (e.g. "*.example.com")`;
  return undefined;
}
