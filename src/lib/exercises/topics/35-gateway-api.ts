/**
 * Gateway API exercises. Each checker sends requests through the Gateway API engine
 * (routeGatewayRequest) — or, for the migration, through both the Ingress engine and the
 * converted Gateway (ingressEquivalence) — and judges where they go, so any correct way of
 * writing the answer passes. Decoy requests catch the plausible wrong answers.
 */
import { ingressEquivalence, routeGatewayRequest, type RouteGatewayResult } from '../../gateway';
import { routeRequest } from '../../ingress';
import { failOnError } from '../checks';
import { fail, pass, type CheckResult, type Exercise } from '../types';

const PAGE = 'gateway-api';

const gateway = (from = 'All'): string => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
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
        from: ${from}
`;

const parent = `  parentRefs:
  - name: web
    namespace: infra
`;

interface Probe {
  url: string;
  headers?: Record<string, string>;
  /** The one Service with traffic, "404", "500", or a share like "checkout-v2=10%". */
  want: string;
}

/** What a request ends at, in the Probe's words. */
function outcome(r: RouteGatewayResult, shareOf?: string): string {
  if (r.status !== 200 || !r.match) return String(r.status);
  const live = r.match.backends.filter((b) => b.weight > 0);
  if (shareOf !== undefined) {
    const total = live.reduce((s, b) => s + b.weight, 0);
    const mine = live.filter((b) => b.name === shareOf).reduce((s, b) => s + b.weight, 0);
    return `${shareOf}=${total ? Math.round((mine / total) * 1000) / 10 : 0}%`;
  }
  return live.length === 1 ? live[0]!.name : live.map((b) => `${b.name}×${b.weight}`).join('+');
}

function probe(manifests: string, probes: Probe[]): { error?: CheckResult; wrong: string[] } {
  const wrong: string[] = [];
  for (const p of probes) {
    const u = /^(https?):\/\/([^/]+)(.*)$/.exec(p.url)!;
    const r = routeGatewayRequest({ manifests, request: { scheme: u[1] as 'http' | 'https', host: u[2]!, path: u[3] || '/', ...(p.headers ? { headers: p.headers } : {}) } });
    const error = failOnError(r.diagnostics.filter((d) => !['RefNotPermitted', 'BackendNotFound'].includes(d.code)), 'manifests');
    if (error) return { error, wrong };
    const share = /^(.+)=/.exec(p.want)?.[1];
    const got = outcome(r, share);
    if (got !== p.want) wrong.push(`${p.url}${p.headers ? ` (${Object.entries(p.headers).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''} ends at ${got}, not ${p.want}.`);
  }
  return { wrong };
}

const checkProbes = (inputs: Record<string, string>, probes: Probe[], ok: string, notYet: string): CheckResult => {
  const { error, wrong } = probe(inputs.manifests ?? '', probes);
  if (error) return error;
  if (wrong.length) return fail(`${notYet} ${wrong.length} of ${probes.length} test requests go elsewhere.`, wrong);
  return pass(ok);
};

// 1. Precedence: hostnames come before paths.
const storefront = `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: storefront
  namespace: shop
spec:
${parent}  hostnames: ["shop.example.com"]
  rules:
  - matches:
    - path:
        type: PathPrefix
        value: /cart
    backendRefs:
    - name: cart
      port: 80
`;
const checkoutRoute = (hostnames: string): string => `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: checkout
  namespace: shop
spec:
${parent}${hostnames}  rules:
  - matches:
    - path:
        type: PathPrefix
        value: /cart/checkout
    backendRefs:
    - name: checkout
      port: 80
`;
const PRECEDENCE_PROBES: Probe[] = [
  { url: 'http://shop.example.com/cart/checkout', want: 'checkout' },
  { url: 'http://shop.example.com/cart/checkout/pay', want: 'checkout' },
  { url: 'http://shop.example.com/cart/items', want: 'cart' },
  { url: 'http://shop.example.com/cart/checkoutx', want: 'cart' },
  { url: 'http://blog.example.com/cart', want: '404' },
];

// 2. Hostname intersection and wildcard depth.
const apiRoute = (hostnames: string): string => `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: api
  namespace: infra
spec:
${parent}  hostnames: ${hostnames}
  rules:
  - backendRefs:
    - name: api
      port: 8080
`;
const webRoute = `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: infra
spec:
${parent}  rules:
  - backendRefs:
    - name: web
      port: 80
`;
const HOST_PROBES: Probe[] = [
  { url: 'http://api.example.com/v1/users', want: 'api' },
  { url: 'http://eu.api.example.com/v1/users', want: 'api' },
  { url: 'http://a.b.api.example.com/', want: 'api' },
  { url: 'http://www.example.com/', want: 'web' },
  { url: 'http://apis.example.com/', want: 'web' },
];

// 3. Cross-namespace backends need a ReferenceGrant in the Service's namespace.
const crossNs = `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: pay
  namespace: shop
spec:
${parent}  hostnames: ["shop.example.com"]
  rules:
  - matches:
    - path:
        type: PathPrefix
        value: /pay
    backendRefs:
    - name: payments-api
      namespace: payments
      port: 443
  - matches:
    - path:
        type: PathPrefix
        value: /db
    backendRefs:
    - name: payments-db
      namespace: payments
      port: 5432
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: blog-pay
  namespace: blog
spec:
${parent}  hostnames: ["blog.example.com"]
  rules:
  - backendRefs:
    - name: payments-api
      namespace: payments
      port: 443
---
apiVersion: v1
kind: Service
metadata:
  name: payments-api
  namespace: payments
spec:
  ports:
  - port: 443
---
apiVersion: v1
kind: Service
metadata:
  name: payments-db
  namespace: payments
spec:
  ports:
  - port: 5432
`;
const grant = (ns: string, from: string, name: string): string => `---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: shop-to-payments
  namespace: ${ns}
spec:
  from:
  - group: gateway.networking.k8s.io
    kind: HTTPRoute
    namespace: ${from}
  to:
  - group: ""
    kind: Service
${name}`;
const GRANT_PROBES: Probe[] = [
  { url: 'http://shop.example.com/pay/42', want: 'payments-api' },
  { url: 'http://shop.example.com/db', want: '500' },
  { url: 'http://blog.example.com/', want: '500' },
];

// 4. A canary split with a header for testers.
const canaryRoute = (rules: string): string => `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: checkout
  namespace: shop
spec:
${parent}  hostnames: ["shop.example.com"]
  rules:
${rules}`;
const CANARY_START = `  - backendRefs:
    - name: checkout-v1
      port: 80
`;
const CANARY_SOLUTION = `  - matches:
    - headers:
      - name: x-canary
        value: always
    backendRefs:
    - name: checkout-v2
      port: 80
  - backendRefs:
    - name: checkout-v1
      port: 80
      weight: 90
    - name: checkout-v2
      port: 80
      weight: 10
`;
const CANARY_PROBES: Probe[] = [
  { url: 'http://shop.example.com/checkout', want: 'checkout-v2=10%' },
  { url: 'http://shop.example.com/checkout/pay', want: 'checkout-v2=10%' },
  { url: 'http://shop.example.com/checkout', headers: { 'X-Canary': 'always' }, want: 'checkout-v2' },
  { url: 'http://shop.example.com/checkout', headers: { 'x-canary': 'never' }, want: 'checkout-v2=10%' },
];

// 5. A migration whose equivalence table must come out clean.
const shopIngress = (pathType: string, tls: string): string => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
spec:
  ingressClassName: webapprouting.kubernetes.azure.com
${tls}  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
      - path: /api
        pathType: ${pathType}
        backend:
          service:
            name: api
            port:
              number: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
spec:
  ports:
  - port: 8080
`;
const SHOP_TLS = `  tls:
  - hosts:
    - shop.example.com
    secretName: shop-tls
`;

function checkMigration(inputs: Record<string, string>): CheckResult {
  const manifests = inputs.manifests ?? '';
  const ing = (scheme: 'http' | 'https', path: string) => routeRequest({ manifests, request: { scheme, host: 'shop.example.com', path } });
  const first = ing('https', '/');
  const error = failOnError(first.diagnostics, 'manifests');
  if (error) return error;
  const wants: [string, 'http' | 'https', string, string][] = [
    ['/', 'https', 'web', ''],
    ['/api/orders', 'https', 'api', ''],
    ['/api', 'https', 'api', ''],
    ['/apiv1', 'https', 'web', ' (nobody uses /apiv1: it belongs to the shop front)'],
  ];
  const wrong: string[] = [];
  for (const [path, scheme, want, why] of wants) {
    const r = ing(scheme, path);
    const got = r.match?.backend.service?.name ?? 'nothing';
    if (got !== want) wrong.push(`${scheme}://shop.example.com${path} reaches ${got} through the Ingress, not ${want}${why}.`);
    if (scheme === 'https' && r.tls && (!r.tls.covered || r.tls.secretName !== 'shop-tls')) wrong.push(`https://shop.example.com${path} does not get the certificate from Secret shop-tls.`);
  }
  if (wrong.length) return fail('The Ingresses do not yet serve the shop as asked.', [...new Set(wrong)]);
  const e = ingressEquivalence({ manifests, ingressClassName: 'webapprouting.kubernetes.azure.com' });
  const diffs = e.rows.filter((r) => !r.same);
  if (diffs.length) return fail(`${diffs.length} of ${e.rows.length} requests in the equivalence table still differ between the Ingress and the converted Gateway.`, diffs.map((r) => `${r.request.scheme}://${r.request.host}${r.request.path}: Ingress ${r.ingress}, Gateway ${r.gateway}${r.note ? ` — ${r.note}` : ''}`));
  return pass(`All ${e.rows.length} requests route the same through the Ingress and the converted Gateway: the migration changes nothing a client can see.`);
}

const exercises: Exercise[] = [
  {
    id: 'gateway-precedence',
    title: 'Make the checkout route win',
    page: PAGE,
    task: 'Requests to shop.example.com/cart/checkout (and paths under it) must reach Service checkout; every other /cart path of shop.example.com stays on cart — including /cart/checkoutx, which is not under /cart/checkout. The cart belongs to the shop only: blog.example.com/cart must not reach it. Change the HTTPRoutes.',
    startNote: 'The checkout route has the longer path, but storefront names a precise hostname, and hostnames decide before paths: /cart/checkout goes to cart.',
    tool: 'gateway',
    start: { manifests: gateway() + storefront + checkoutRoute(''), request: 'GET http://shop.example.com/cart/checkout' },
    solution: { manifests: gateway() + storefront + checkoutRoute('  hostnames: ["shop.example.com"]\n'), request: 'GET http://shop.example.com/cart/checkout' },
    hints: [
      'Read the "Why" steps: which criterion makes storefront win over checkout?',
      'Precedence starts with the route\'s matching precise hostname (most characters), then the path. A route without hostnames has none.',
      'Give the checkout route hostnames: ["shop.example.com"]; then both tie on hostname and the longer PathPrefix /cart/checkout wins.',
    ],
    check: (inputs) => checkProbes(inputs, PRECEDENCE_PROBES, 'checkout wins for /cart/checkout and below, cart keeps the other /cart paths, and blog.example.com gets nothing from the shop.', 'Not yet:'),
  },
  {
    id: 'gateway-hostname-intersection',
    title: 'Serve api.example.com and every host under it',
    page: PAGE,
    task: 'The Gateway\'s listener serves *.example.com. Make api.example.com and every host under it — eu.api.example.com, a.b.api.example.com — reach Service api, while www.example.com and apis.example.com keep reaching web. Change the api route.',
    startNote: 'The api route names api.example.com only, so eu.api.example.com falls to the web route.',
    tool: 'gateway',
    start: { manifests: gateway() + apiRoute('["api.example.com"]') + webRoute, request: 'GET http://eu.api.example.com/v1/users' },
    solution: { manifests: gateway() + apiRoute('["api.example.com", "*.api.example.com"]') + webRoute, request: 'GET http://eu.api.example.com/v1/users' },
    hints: [
      'Which hostnames does the api route serve on the *.example.com listener? The route table shows the intersection.',
      'A Gateway API wildcard covers one or more labels ("*.api.example.com" covers a.b.api.example.com) but never the name itself.',
      'List both: hostnames: ["api.example.com", "*.api.example.com"]. "*.example.com" would take www.example.com too.',
    ],
    check: (inputs) => checkProbes(inputs, HOST_PROBES, 'api.example.com and every host under it reach api; the other hosts of the listener still reach web.', 'Not yet:'),
  },
  {
    id: 'gateway-reference-grant',
    title: 'Let the shop reach the payments Service, and nothing more',
    page: PAGE,
    task: 'The pay route in namespace shop sends /pay to Service payments-api in namespace payments, and gets 500. Allow it — but only HTTPRoutes of namespace shop, and only Service payments-api: the /db rule (payments-db) and the blog team\'s route must still get 500.',
    startNote: 'A backendRef into another namespace is invalid (RefNotPermitted) until a ReferenceGrant allows it, so /pay answers 500.',
    tool: 'gateway',
    start: { manifests: gateway() + crossNs, request: 'GET http://shop.example.com/pay/42' },
    solution: { manifests: gateway() + crossNs + grant('payments', 'shop', '    name: payments-api\n'), request: 'GET http://shop.example.com/pay/42' },
    hints: [
      'The answer is 500 with RefNotPermitted: which namespace has to agree to the reference?',
      'A ReferenceGrant lives in the namespace of the object referred to (payments), lists who may refer (from) and to what (to).',
      'In namespace payments: from [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}], to [{group: "", kind: Service, name: payments-api}].',
    ],
    check: (inputs) => checkProbes(inputs, GRANT_PROBES, 'shop\'s /pay reaches payments-api; payments-db and the blog route stay refused (500).', 'Not yet:'),
  },
  {
    id: 'gateway-canary',
    title: 'Send 10% to the canary, and testers always',
    page: PAGE,
    task: 'Release checkout-v2 as a canary: 10% of shop.example.com requests go to checkout-v2 and 90% to checkout-v1, while requests with the header x-canary: always always reach checkout-v2 (testers). Any other x-canary value gets the normal split.',
    startNote: 'Every request goes to checkout-v1.',
    tool: 'gateway',
    start: { manifests: gateway() + canaryRoute(CANARY_START), request: 'GET http://shop.example.com/checkout\nx-canary: always' },
    solution: { manifests: gateway() + canaryRoute(CANARY_SOLUTION), request: 'GET http://shop.example.com/checkout\nx-canary: always' },
    hints: [
      'Weights share traffic: weight / sum of weights. The header needs a rule of its own.',
      'A header match makes a match more specific, so a rule matching x-canary: always wins over the match-less rule for those requests.',
      'Rule 1: matches headers [{name: x-canary, value: always}] → checkout-v2. Rule 2: checkout-v1 weight 90 and checkout-v2 weight 10.',
    ],
    check: (inputs) => checkProbes(inputs, CANARY_PROBES, '10% of requests reach checkout-v2, and x-canary: always reaches it every time.', 'Not yet:'),
  },
  {
    id: 'gateway-migration-clean',
    title: 'A migration that changes nothing',
    page: PAGE,
    task: 'Before moving the shop to Gateway API, fix the Ingress so the equivalence table comes out clean: every request must route the same through the Ingress and the converted Gateway. Keep what the shop needs: / → web, /api and paths under it → api, /apiv1 → web (logs show nobody relies on the looser match), and HTTPS for shop.example.com with the certificate in Secret shop-tls.',
    startNote: 'ImplementationSpecific /api is a string prefix under ingress-nginx (it serves /apiv1), and without a tls entry https is served with the controller\'s default certificate: both differ after conversion.',
    tool: 'ingress-to-gateway',
    start: { manifests: shopIngress('ImplementationSpecific', ''), options: 'gateway class: approuting-istio' },
    solution: { manifests: shopIngress('Prefix', SHOP_TLS), options: 'gateway class: approuting-istio' },
    hints: [
      'Read the "Why they differ" column of the equivalence table: each difference names its cause.',
      'Prefix compares whole path elements, exactly as Gateway API\'s PathPrefix; a tls entry gives the Gateway an HTTPS listener with the Secret.',
      'Set the /api path to pathType: Prefix and add tls: [{hosts: [shop.example.com], secretName: shop-tls}].',
    ],
    check: checkMigration,
  },
];

export default exercises;
