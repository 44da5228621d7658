/**
 * JSON Schema definitions for Gateway API v1 objects (GatewayClass, Gateway, HTTPRoute,
 * ReferenceGrant), merged into the Kubernetes schema the YAML panes use (k8s-schemas.ts), so
 * a pane gets completion and validation for them as for Ingress. Written from the Gateway API
 * reference (https://gateway-api.sigs.k8s.io/reference/spec/, apis/v1/*_types.go in
 * kubernetes-sigs/gateway-api); enums and limits are the kubebuilder markers there. Objects
 * are closed (`additionalProperties: false`) so a typo such as `backendRef` is flagged.
 */

/** The small builders of k8s-schemas.ts, passed in (no import cycle). */
export interface SchemaBuilders {
  str(description: string): object;
  int(description: string): object;
  ref(name: string, description: string): object;
  oneOf(values: string[], description: string): object;
  portNumber(description: string): object;
  OBJECT: string[];
  LIST: string[];
}

export const GATEWAY_KINDS = ['GatewayClass', 'Gateway', 'HTTPRoute', 'ReferenceGrant'];
const API_VERSIONS = ['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1'];

export function gatewayDefinitions(b: SchemaBuilders): Record<string, unknown> {
  const { str, int, ref, oneOf, portNumber, OBJECT, LIST } = b;
  const closed = (description: string, properties: Record<string, unknown>, required?: string[]) => ({ type: OBJECT, description, additionalProperties: false, properties, ...(required ? { required } : {}) });
  const top = (kind: string, description: string, spec: object) =>
    closed(description, {
      apiVersion: { type: 'string', enum: API_VERSIONS, description: `The versioned schema: gateway.networking.k8s.io/v1 (v1beta1 is also served) for ${kind}.` },
      kind: { type: 'string', enum: [kind], description: 'The REST resource this object represents.' },
      metadata: ref('ObjectMeta', 'Standard object metadata: name, namespace, labels, annotations.'),
      spec,
      status: { type: OBJECT, description: 'Conditions set by the implementation (Accepted, Programmed, ResolvedRefs). Read-only.' },
    });
  const hostname = (d: string) => ({ type: 'string', maxLength: 253, pattern: '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$', description: d });
  const nameValue = closed('A header name and value.', { name: str('Header name; compared case-insensitively.'), value: str('Header value.') }, ['name', 'value']);
  const pathModifier = closed(
    'How the path is changed.',
    {
      type: oneOf(['ReplaceFullPath', 'ReplacePrefixMatch'], 'ReplaceFullPath replaces the whole path; ReplacePrefixMatch replaces the matched PathPrefix and keeps the rest.'),
      replaceFullPath: str('The new path (type ReplaceFullPath).'),
      replacePrefixMatch: str('What replaces the matched prefix (type ReplacePrefixMatch; needs exactly one PathPrefix match).'),
    },
    ['type'],
  );
  const headerModifier = closed('Set, add or remove headers; only one action per header name.', {
    set: { type: LIST, maxItems: 16, items: nameValue, description: '"Set overwrites the request with the given header (name, value) before the action."' },
    add: { type: LIST, maxItems: 16, items: nameValue, description: '"Add adds the given header(s) ... It appends to any existing values" (comma-joined).' },
    remove: { type: LIST, maxItems: 16, items: { type: 'string' }, description: 'Header names to remove before the action.' },
  });
  const backendObject = {
    group: str('API group of the backend; "" (core) for a Service, the default.'),
    kind: str('Kind of the backend; default Service.'),
    name: str('Name of the backend.'),
    namespace: str('Namespace of the backend; default the route\'s. Another namespace needs a ReferenceGrant there.'),
    port: portNumber('"Port is required when the referent is a Kubernetes Service": the Service port, not the target port.'),
  };
  const filter = closed(
    'A filter applied to requests this rule matches ("in the order they are specified").',
    {
      type: oneOf(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'RequestRedirect', 'URLRewrite', 'CORS', 'ExternalAuth', 'ExtensionRef'], 'The filter type; RequestRedirect and URLRewrite may not be combined.'),
      requestHeaderModifier: ref('HeaderModifier', 'Headers changed before forwarding (Core).'),
      responseHeaderModifier: ref('HeaderModifier', 'Headers changed on the response (Extended).'),
      requestMirror: closed('Mirror requests to another backend (Extended); responses are ignored.', { backendRef: closed('The mirror backend.', backendObject, ['name']), percent: int('Share of requests mirrored, 0–100.'), fraction: { type: OBJECT, description: 'Share of requests mirrored as numerator/denominator.' } }, ['backendRef']),
      requestRedirect: closed('Answer with a redirect instead of forwarding (Core); "must not be used together with backendRefs".', {
        scheme: oneOf(['http', 'https'], 'Scheme of the Location; default the request\'s.'),
        hostname: hostname('Host of the Location; default the request\'s Host.'),
        path: ref('PathModifier', 'Path of the Location; default the request path.'),
        port: portNumber('Port of the Location; default the scheme\'s well-known port, else the listener\'s.'),
        statusCode: { type: 'integer', enum: [301, 302, 303, 307, 308], description: 'Redirect status; default 302. 301 and 302 are Core, the rest Extended.' },
      }),
      urlRewrite: closed('Rewrite the request before forwarding (Extended).', { hostname: hostname('Replaces the Host header when forwarding.'), path: ref('PathModifier', 'Rewrites the path when forwarding.') }),
      cors: { type: OBJECT, description: 'Cross-origin resource sharing settings (Extended).' },
      externalAuth: { type: OBJECT, description: 'External authorization (experimental channel).' },
      extensionRef: { type: OBJECT, description: 'An implementation-specific filter; "Unknown values ... Accepted Condition ... status: False".' },
    },
    ['type'],
  );
  const valueMatch = (what: string) =>
    closed(`A ${what} match; several are ANDed.`, {
      type: oneOf(['Exact', 'RegularExpression'], 'Exact (Core, the default) or RegularExpression (implementation-specific dialect).'),
      name: str(what === 'header' ? 'Header name, case-insensitive; only the first entry with an equivalent name counts.' : 'Query parameter name, exact and case-sensitive.'),
      value: str('The value to match.'),
    }, ['name', 'value']);
  return {
    GatewayClass: top(
      'GatewayClass',
      'A class of Gateways and the controller that implements it (AKS: approuting-istio, istio, azure-alb-external).',
      closed('Desired state of the GatewayClass.', {
        controllerName: str('The controller that manages Gateways of this class, e.g. istio.io/gateway-controller.'),
        parametersRef: { type: OBJECT, description: 'Implementation-specific parameters for the class.' },
        description: str('A description of the class for people.'),
      }, ['controllerName']),
    ),
    Gateway: top(
      'Gateway',
      'A load balancer with listeners (port, protocol, hostname) to which routes attach.',
      closed('Desired state of the Gateway.', {
        gatewayClassName: str('The GatewayClass, e.g. approuting-istio for the AKS application routing add-on.'),
        listeners: { type: LIST, maxItems: 64, items: ref('Listener', 'A listener.'), description: 'Logical endpoints; each port+protocol+hostname must be unique.' },
        addresses: { type: LIST, items: { type: OBJECT }, description: 'Requested addresses for the Gateway (implementation-specific).' },
        infrastructure: { type: OBJECT, description: 'Labels and annotations for the resources the implementation creates.' },
        allowedListeners: { type: OBJECT, description: 'ListenerSets that may attach (experimental channel).' },
        backendTLS: { type: OBJECT, description: 'Client certificate the Gateway presents to backends.' },
        tls: { type: OBJECT, description: 'Gateway-level TLS settings.' },
        defaultScope: str('Default scope for the Gateway (experimental channel).'),
      }, ['gatewayClassName', 'listeners']),
    ),
    Listener: closed('One listener: requests reach only the most specific listener whose hostname matches (listener isolation).', {
      name: str('Unique name of the listener; routes pin to it with parentRefs[].sectionName.'),
      hostname: hostname('Hostname to match; "*.example.com" matches one or more labels. Empty: every hostname.'),
      port: portNumber('Network port.'),
      protocol: { type: 'string', enum: ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'], description: 'Protocol: HTTP/HTTPS for HTTPRoutes; TLS, TCP, UDP for other routes.' },
      tls: closed('TLS settings; required for HTTPS and TLS.', {
        mode: oneOf(['Terminate', 'Passthrough'], 'Terminate (default) ends TLS at the Gateway; Passthrough needs TLSRoute.'),
        certificateRefs: { type: LIST, items: { type: OBJECT }, description: 'Secrets with the certificate (kind Secret by default).' },
        frontendValidation: { type: OBJECT, description: 'Client certificate validation (mutual TLS).' },
        options: { type: OBJECT, description: 'Implementation-specific TLS options.' },
      }),
      allowedRoutes: closed('Which routes may attach to this listener.', {
        namespaces: closed('Namespaces routes may come from; default Same.', {
          from: oneOf(['All', 'Same', 'Selector'], 'All namespaces, the Gateway\'s own (Same, default), or those matching the selector.'),
          selector: ref('LabelSelector', 'Namespaces whose labels match (with from: Selector); kubernetes.io/metadata.name is on every namespace.'),
        }),
        kinds: { type: LIST, items: closed('A route kind.', { group: str('API group; default gateway.networking.k8s.io.'), kind: str('Route kind, e.g. HTTPRoute.') }, ['kind']), description: 'Route kinds allowed; by default those of the protocol (HTTPRoute for HTTP/HTTPS).' },
      }),
    }, ['name', 'port', 'protocol']),
    HTTPRoute: top(
      'HTTPRoute',
      'HTTP routing rules attached to Gateway listeners.',
      closed('Desired state of the HTTPRoute.', {
        parentRefs: { type: LIST, maxItems: 32, items: ref('ParentReference', 'A parent.'), description: 'Gateways (and listeners) this route attaches to.' },
        hostnames: { type: LIST, maxItems: 16, items: hostname('A hostname; intersected with the listener\'s.'), description: 'Hosts this route serves; empty: every host the listener takes. Longer precise hostnames take precedence.' },
        rules: { type: LIST, maxItems: 16, items: ref('HTTPRouteRule', 'A rule.'), description: 'Rules; precedence is per match across all routes of a listener.' },
      }),
    ),
    ParentReference: closed('A parent (Gateway) of the route.', {
      group: str('API group; default gateway.networking.k8s.io.'),
      kind: str('Kind; default Gateway.'),
      namespace: str('Namespace of the Gateway; default the route\'s (allowedRoutes decides; no ReferenceGrant needed).'),
      name: str('Name of the Gateway.'),
      sectionName: str('Listener name: attach to this listener only.'),
      port: portNumber('Attach to the listeners on this port only (Extended).'),
    }, ['name']),
    HTTPRouteRule: closed('Matches, filters and backends.', {
      name: str('Optional name of the rule.'),
      matches: { type: LIST, maxItems: 64, items: ref('HTTPRouteMatch', 'A match.'), description: 'ORed matches; none: every request (PathPrefix /).' },
      filters: { type: LIST, maxItems: 16, items: ref('HTTPRouteFilter', 'A filter.'), description: 'Filters applied in order.' },
      backendRefs: { type: LIST, maxItems: 16, items: ref('HTTPBackendRef', 'A backend.'), description: 'Backends, weighted; none and no redirect: 500.' },
      timeouts: closed('Timeouts (Extended).', { request: str('Whole request timeout, e.g. 10s.'), backendRequest: str('Timeout of one request to a backend.') }),
      retry: { type: OBJECT, description: 'Retries (experimental channel).' },
      sessionPersistence: { type: OBJECT, description: 'Session persistence (experimental channel).' },
    }),
    HTTPRouteMatch: closed('Conditions ANDed together.', {
      path: closed('Path match; default PathPrefix /.', {
        type: oneOf(['Exact', 'PathPrefix', 'RegularExpression'], 'Exact, PathPrefix (element by element; default) or RegularExpression.'),
        value: str('The path; must begin with "/".'),
      }),
      headers: { type: LIST, maxItems: 16, items: valueMatch('header'), description: 'Header matches, ANDed.' },
      queryParams: { type: LIST, maxItems: 16, items: valueMatch('query parameter'), description: 'Query parameter matches, ANDed (Extended).' },
      method: oneOf(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'], 'HTTP method (Extended).'),
    }),
    HTTPRouteFilter: filter,
    HeaderModifier: headerModifier,
    PathModifier: pathModifier,
    HTTPBackendRef: closed('A backend and its weight.', {
      ...backendObject,
      weight: { type: 'integer', minimum: 0, maximum: 1000000, description: 'Share: weight / sum of weights; default 1; 0 sends nothing.' },
      filters: { type: LIST, items: ref('HTTPRouteFilter', 'A filter.'), description: 'Filters applied only when forwarding to this backend.' },
    }, ['name']),
    ReferenceGrant: top(
      'ReferenceGrant',
      'Lets objects of other namespaces refer to objects of this one (e.g. an HTTPRoute to a Service).',
      closed('Who may refer to what.', {
        from: { type: LIST, maxItems: 16, items: closed('Referrers allowed.', { group: str('API group of the referrer, e.g. gateway.networking.k8s.io.'), kind: str('Kind of the referrer, e.g. HTTPRoute.'), namespace: str('Namespace of the referrer.') }, ['group', 'kind', 'namespace']), description: 'Referrers, ORed.' },
        to: { type: LIST, maxItems: 16, items: closed('Referents allowed, in this namespace.', { group: str('API group, "" for core (Service).'), kind: str('Kind, e.g. Service.'), name: str('Name; empty: every object of the kind.') }, ['group', 'kind']), description: 'Referents, ORed.' },
      }, ['from', 'to']),
    ),
  };
}
