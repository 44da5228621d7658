import { parseRequestText, requestFromQuery, routeGatewayRequest } from '../../lib/gateway';
import type { Diagnostic } from '../../lib/diagnostics';
import { h } from '../../lib/view/h';
import { requestPicture, routeTableView } from '../views/gateway';
import type { ToolDefinition } from './types';

/** A Gateway with a wildcard and a precise listener, two teams' routes, a canary split. */
export const SHOP_GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: shop-gateway
  namespace: infra
spec:
  gatewayClassName: approuting-istio
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    hostname: "*.example.com"
    allowedRoutes:
      namespaces:
        from: All
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: storefront
  namespace: shop
spec:
  parentRefs:
  - name: shop-gateway
    namespace: infra
  hostnames: ["shop.example.com"]
  rules:
  - backendRefs:
    - name: web
      port: 80
  - matches:
    - path:
        type: PathPrefix
        value: /cart
    backendRefs:
    - name: cart
      port: 8080
      weight: 90
    - name: cart-v2
      port: 8080
      weight: 10
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: catch-all
  namespace: infra
spec:
  parentRefs:
  - name: shop-gateway
  rules:
  - matches:
    - path:
        type: PathPrefix
        value: /cart/checkout
    backendRefs:
    - name: maintenance
      port: 80
`;

const gateway: ToolDefinition = {
  id: 'gateway',
  title: 'Gateway API router',
  description: 'Where a request goes through a Gateway and its HTTPRoutes, and why: listener, attachment, hostname and match precedence, filters, weights, ReferenceGrant.',
  inputs: [
    { name: 'manifests', label: 'Gateway API manifests (Gateway, HTTPRoute; optionally Service, ReferenceGrant, Namespace)', language: 'yaml', schema: 'kubernetes', rows: 20, hint: 'Paste kubectl get gateway,httproute,svc -A -o yaml as it prints, or write your own.' },
    { name: 'request', label: 'Request', language: 'plaintext', rows: 3, hint: 'GET https://shop.example.com/cart — then optional "Header: value" lines and "gateway: namespace/name".' },
  ],
  example: { manifests: SHOP_GATEWAY, request: 'GET http://shop.example.com/cart/items' },
  fromQuery: (params, inputs) => requestFromQuery(params, inputs.request ?? ''),
  queryParams: {
    host: 'The Host of the request, e.g. host=shop.example.com (a :port in it selects the listener port).',
    path: 'The path, with a query string if any, e.g. path=/cart/items.',
    method: 'The HTTP method, e.g. method=POST (default GET).',
    gateway: 'Which Gateway receives the request, as namespace/name, when the input has several; gateway= (empty) removes it.',
    scheme: 'http or https (default http; https uses the HTTPS listeners on 443).',
  },
  run(inputs) {
    const req = parseRequestText(inputs.request ?? '');
    const diagnostics: Diagnostic[] = req.diagnostics.map((d) => ({ ...d, input: 'request' }));
    if (!req.request) return { view: h('p', { class: 'pg-muted' }, 'Write a request to see where it goes.'), diagnostics, summary: 'No request to evaluate' };
    const r = routeGatewayRequest({ manifests: inputs.manifests ?? '', request: req.request });
    diagnostics.push(...r.diagnostics.map((d) => ({ ...d, input: 'manifests' })));
    const target = `${req.request.method ?? 'GET'} ${req.request.scheme ?? 'http'}://${req.request.host}${req.request.path}`;
    const m = r.match;
    const answer = r.redirect
      ? `${r.redirect.status} redirect to ${r.redirect.location}`
      : r.status === 200 && m
        ? `200 → ${m.backends.filter((b) => b.weight > 0).map((b) => `${b.namespace}/${b.name}${b.port !== undefined ? `:${b.port}` : ''}`).join(' or ')}`
        : r.status === 500
          ? '500: the winning rule cannot forward'
          : '404: no listener or no matching rule';
    const where = m ? `${m.route} rule ${m.rule}${m.match >= 0 ? ` match ${m.match}` : ''}, listener ${m.listener}` : '';
    const ok = r.status < 400;
    const view = h(
      'div',
      null,
      // The headline above states request, answer and route; the verdict is the answer, coloured.
      h('p', { class: `pg-verdict ${ok ? 'pg-allow' : 'pg-deny'}` }, `${ok ? '✓' : '✗'} ${answer}`),
      requestPicture(r),
      r.upstream ? h('p', null, 'The backend receives ', h('code', null, r.upstream.path), ` with Host ${r.upstream.host}${Object.keys(r.upstream.headers).length ? ` and headers ${Object.entries(r.upstream.headers).map(([k, v]) => `${k}: ${v}`).join('; ')}` : ''}.`) : null,
      h('details', { open: true }, h('summary', null, 'Why'), h('ol', null, ...r.steps.map((s) => h('li', null, s)))),
      r.table.length ? routeTableView(r.table, r.chosen) : null,
    );
    return { view, diagnostics, summary: `${target} → ${answer}${where ? ` (${where})` : ''}` };
  },
};

export default gateway;
