/**
 * What becomes of each ingress-nginx annotation in the conversion (spec §10.1, after
 * ingress2gateway's ingressnginx provider: README, annotations.go `parsedAnnotations`,
 * converter.go). `converted` ones are turned into Gateway API fields by convert.ts; every
 * other key is listed in `notConverted` with the reason given here.
 */

export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';

/** Annotations convert.ts turns into Gateway API (each handled there by name). */
export const CONVERTED = new Set([
  'ssl-redirect',
  'rewrite-target',
  'use-regex',
  'app-root',
  'permanent-redirect',
  'permanent-redirect-code',
  'temporal-redirect',
  'temporal-redirect-code',
  'canary',
  'canary-weight',
  'canary-weight-total',
  'canary-by-header',
  'canary-by-header-value',
  'upstream-vhost',
  'x-forwarded-prefix',
  'connection-proxy-header',
  'proxy-connect-timeout',
  'proxy-send-timeout',
  'proxy-read-timeout',
]);

const I2G = 'https://github.com/kubernetes-sigs/ingress2gateway/blob/main/pkg/i2gw/providers/ingressnginx/README.md';

/** Why an annotation does not carry over, by key (without the prefix). */
const REASONS: Record<string, string> = {
  // Converted by ingress2gateway into resources this converter does not emit.
  'backend-protocol': 'GRPC/GRPCS need a GRPCRoute and HTTPS/GRPCS a BackendTLSPolicy (ingress2gateway emits them); this converter writes HTTPRoutes only — add them by hand. HTTP needs nothing.',
  'enable-cors': 'ingress2gateway maps the cors-* annotations to a CORS filter; the AKS docs do not state that approuting-istio supports it, so it is left out — add the filter by hand after checking your implementation.',
  'cors-allow-origin': 'See enable-cors: the CORS filter is left out.',
  'cors-allow-methods': 'See enable-cors: the CORS filter is left out.',
  'cors-allow-headers': 'See enable-cors: the CORS filter is left out.',
  'cors-expose-headers': 'See enable-cors: the CORS filter is left out.',
  'cors-allow-credentials': 'See enable-cors: the CORS filter is left out.',
  'cors-max-age': 'See enable-cors: the CORS filter is left out.',
  'proxy-ssl-verify': 'TLS to the backend is a BackendTLSPolicy in Gateway API (ingress2gateway emits one); not written here.',
  'proxy-ssl-secret': 'TLS to the backend is a BackendTLSPolicy in Gateway API; not written here.',
  'proxy-ssl-name': 'TLS to the backend is a BackendTLSPolicy in Gateway API; not written here.',
  'proxy-ssl-server-name': 'TLS to the backend is a BackendTLSPolicy in Gateway API; not written here.',
  'ssl-passthrough': 'Passthrough needs a TLS listener and a TLSRoute; the AKS application routing Gateway API implementation does not support TLSRoute.',
  'from-to-www-redirect': 'Needs a second hostname and a redirect route per host; write an HTTPRoute for the www (or bare) host with a RequestRedirect setting hostname. (ingress2gateway converts it but also reports it as unsupported.)',
  // Recorded by ingress2gateway only for implementation-specific emitters: lost with the standard emitter.
  'proxy-body-size': 'No Gateway API field limits the request body; implementation-specific (Envoy Gateway, kgateway) policies only.',
  'client-body-buffer-size': 'No Gateway API field; implementation-specific only.',
  'whitelist-source-range': 'IP allow-lists are not part of HTTPRoute; use an implementation policy (Istio AuthorizationPolicy) or an NSG / network policy.',
  'denylist-source-range': 'IP deny-lists are not part of HTTPRoute; use an implementation policy or an NSG.',
  affinity: 'Session affinity is sessionPersistence, an experimental HTTPRoute field not in the standard channel AKS installs.',
  'session-cookie-expires': 'See affinity: session persistence is not in the standard channel.',
  'session-cookie-name': 'See affinity: session persistence is not in the standard channel.',
  // Recognized by ingress2gateway but not converted.
  'canary-by-header-pattern': 'A regex header match could express it, but its semantics (always/never plus a pattern) are not converted; write a header match by hand.',
  'canary-by-cookie': 'Gateway API has no cookie match; a header match on Cookie cannot express it exactly.',
  'proxy-redirect-from': 'Rewriting Location headers of responses has no Gateway API field.',
  'proxy-redirect-to': 'Rewriting Location headers of responses has no Gateway API field.',
  'custom-headers': 'Refers to a ConfigMap of response headers; write a ResponseHeaderModifier filter by hand.',
  'proxy-ssl-verify-depth': 'No Gateway API field.',
  'proxy-ssl-protocols': 'No Gateway API field.',
  // Unsupported ones AKS users meet.
  'force-ssl-redirect': 'ingress2gateway reports it unsupported. The equivalent is an HTTPRoute on the HTTP listener with a RequestRedirect to https (as written for tls hosts here).',
  'auth-url': 'External authentication is not in the standard channel; use the implementation\'s policy (Istio: AuthorizationPolicy with an ext-authz provider).',
  'auth-signin': 'See auth-url: external authentication is not converted.',
  'auth-type': 'Basic/digest auth has no Gateway API field.',
  'auth-secret': 'Basic/digest auth has no Gateway API field.',
  'auth-realm': 'Basic/digest auth has no Gateway API field.',
  'configuration-snippet': 'Raw NGINX configuration has no Gateway API equivalent (and snippets are a security risk ingress-nginx itself disables by default).',
  'server-snippet': 'Raw NGINX configuration has no Gateway API equivalent.',
  'limit-rps': 'Rate limiting is not part of Gateway API; use the implementation\'s policy.',
  'limit-rpm': 'Rate limiting is not part of Gateway API; use the implementation\'s policy.',
  'limit-connections': 'Connection limits are not part of Gateway API.',
  'proxy-buffer-size': 'Proxy buffering has no Gateway API field.',
  'proxy-buffering': 'Proxy buffering has no Gateway API field.',
  'custom-http-errors': 'Custom error pages have no Gateway API field.',
  'default-backend': 'A per-Ingress default backend Service for errors has no Gateway API field.',
  'server-alias': 'Add the aliases to the HTTPRoute\'s hostnames (and listeners) by hand.',
  'service-upstream': 'Gateway implementations choose endpoints themselves; there is no field for sending to the ClusterIP.',
  'upstream-hash-by': 'Consistent hashing has no Gateway API field.',
  'load-balance': 'The load-balancing algorithm has no Gateway API field.',
  'enable-modsecurity': 'WAF is not part of Gateway API; on AKS use Application Gateway for Containers with WAF, or Azure Front Door.',
  'enable-owasp-core-rules': 'WAF is not part of Gateway API.',
  'ssl-ciphers': 'TLS settings are implementation-specific (listener tls.options).',
  'proxy-next-upstream': 'Retries are an experimental HTTPRoute field (retry), not in the standard channel.',
  'proxy-next-upstream-tries': 'Retries are an experimental HTTPRoute field, not in the standard channel.',
};

export type AnnotationFate = { converted: true } | { converted: false; reason: string };

/** What happens to one annotation key. Non-nginx keys of other controllers are reported too. */
export function annotationFate(key: string): AnnotationFate | undefined {
  if (key === 'kubernetes.io/ingress.class') return { converted: true };
  if (key === 'kubectl.kubernetes.io/last-applied-configuration') return undefined;
  if (key.startsWith(NGINX_PREFIX)) {
    const name = key.slice(NGINX_PREFIX.length);
    if (CONVERTED.has(name)) return { converted: true };
    return { converted: false, reason: REASONS[name] ?? `ingress2gateway: "Unsupported annotation ${key}" — Gateway API has no equivalent (${I2G}).` };
  }
  return { converted: false, reason: 'An annotation of another controller (or a tool): it means nothing to Gateway API and is not carried over; check what it did and whether the Gateway implementation needs a policy for it.' };
}
