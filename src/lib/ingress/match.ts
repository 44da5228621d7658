/**
 * The matching primitives of Ingress routing, each a small pure function so the rules of
 * the Kubernetes docs' tables can be tested one by one.
 *
 * Sources: https://kubernetes.io/docs/concepts/services-networking/ingress/ ("Path types",
 * "Examples", "Hostname wildcards") and networking/v1 types.go (IngressRule.host,
 * PathTypePrefix) in https://github.com/kubernetes/api.
 */

/** Path elements: the path split on "/" with empty elements dropped ("/foo/" → ["foo"]). */
export const pathElements = (path: string): string[] => path.split('/').filter((e) => e !== '');

/**
 * `Prefix`: "matches based on a URL path prefix split by `/` … done on a path element by
 * element basis", case-sensitive. `/foo/bar` matches `/foo/bar/baz` but not `/foo/barbaz`;
 * a trailing slash on either side is ignored; `/` matches everything.
 */
export function prefixMatches(rulePath: string, requestPath: string): boolean {
  const rule = pathElements(rulePath);
  const req = pathElements(requestPath);
  if (rule.length > req.length) return false;
  return rule.every((e, i) => e === req[i]);
}

/**
 * ingress-nginx's `ImplementationSpecific` outside regex mode: `buildLocation`
 * (internal/ingress/controller/template/template.go) returns the path unchanged, i.e. an
 * NGINX prefix location `location /api`, which is a plain string prefix — it serves
 * `/apiv1` too, unlike the element-wise `Prefix`.
 */
export const nginxPrefixMatches = (rulePath: string, requestPath: string): boolean => requestPath.startsWith(rulePath);

/** `Exact`: "Matches the URL path exactly and with case sensitivity" (`/foo` ≠ `/foo/`). */
export const exactMatches = (rulePath: string, requestPath: string): boolean => rulePath === requestPath;

/**
 * Host matching (types.go, IngressRule.host): a precise host matches when the Host header
 * equals it; a wildcard `*.foo.com` matches when the header, minus its first label, equals
 * `foo.com` — so exactly one label: `bar.foo.com` yes, `baz.bar.foo.com` and `foo.com` no.
 */
export function hostMatches(ruleHost: string, requestHost: string): boolean {
  if (ruleHost.startsWith('*.')) {
    const dot = requestHost.indexOf('.');
    if (dot <= 0) return false;
    return requestHost.slice(dot + 1) === ruleHost.slice(2);
  }
  return ruleHost === requestHost;
}

/**
 * The Host header as the evaluator compares it: lower-cased, without a `:port` and a
 * trailing dot. Ingress hosts are lower-case DNS names without ports (types.go: "ports are
 * not allowed"); how controllers treat a port or upper case in the header is not stated
 * for Ingress (Gateway API says to ignore the port), so we follow what NGINX does.
 */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(0, end + 1) : h;
  }
  const colon = h.lastIndexOf(':');
  if (colon >= 0 && /^\d*$/.test(h.slice(colon + 1))) h = h.slice(0, colon);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/**
 * The path part of a request target: before the first '?' or '#' (types.go,
 * HTTPIngressRuleValue). A missing leading slash is added, as an HTTP client would.
 */
export function requestPathOf(target: string): string {
  const cut = target.search(/[?#]/);
  const p = cut >= 0 ? target.slice(0, cut) : target;
  return p.startsWith('/') ? p : `/${p}`;
}

// Validation of Ingress hosts (validation.go: IsDNS1123Subdomain / IsWildcardDNS1123Subdomain).
const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = new RegExp(`^${LABEL}(\\.${LABEL})*$`);
const WILDCARD_SUBDOMAIN = new RegExp(`^\\*\\.${LABEL}(\\.${LABEL})*$`);

export function hostProblem(host: string, isIp: boolean): string | undefined {
  if (isIp) return `"${host}" must be a DNS name, not an IP address`;
  if (host.length > 253) return `"${host}" is longer than 253 characters`;
  if (host.includes('*')) {
    if (!WILDCARD_SUBDOMAIN.test(host)) {
      return `"${host}" is not a valid wildcard host: the wildcard '*' must be the whole first label and be followed by a DNS name (e.g. "*.foo.com"); "*" alone is not allowed`;
    }
    return undefined;
  }
  if (!DNS1123_SUBDOMAIN.test(host)) {
    return `"${host}" is not a valid host: a lower-case DNS name of letters, digits, '-' and '.', without a port or a trailing dot`;
  }
  return undefined;
}

/** Validation of one HTTPIngressPath's path (validation.go, validateHTTPIngressPath). */
export function pathProblem(path: string, pathType: string): { code: string; message: string } | undefined {
  if (pathType === 'ImplementationSpecific') {
    if (path !== '' && !path.startsWith('/')) return { code: 'path-not-absolute', message: `"${path}" must be an absolute path (start with "/").` };
    return undefined;
  }
  if (!path.startsWith('/')) return { code: 'path-not-absolute', message: `"${path}" must be an absolute path (start with "/").` };
  for (const bad of ['//', '/./', '/../', '%2f', '%2F']) {
    if (path.includes(bad)) return { code: 'path-invalid-sequence', message: `"${path}" must not contain '${bad}' (pathType ${pathType}).` };
  }
  for (const bad of ['/..', '/.']) {
    if (path.endsWith(bad)) return { code: 'path-invalid-suffix', message: `"${path}" cannot end with '${bad}' (pathType ${pathType}).` };
  }
  return undefined;
}

/**
 * ingress-nginx's strict path check (configmap `strict-validate-path-type`, default "true"):
 * Exact and Prefix paths may hold only letters, digits, '-', '_' and '/'.
 */
export const nginxStrictPathOk = (path: string): boolean => /^\/[A-Za-z0-9_\-/]*$/.test(path);
