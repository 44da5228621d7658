/**
 * Services and Ingress exercises. Each checker runs the real engines (routeRequest,
 * resolveService) on the learner's manifests and compares what they DO — which backend a
 * set of requests reaches, which pods a Service gets, which load balancer Azure makes —
 * so any correct way of writing the answer passes.
 */
import { routeRequest } from '../../ingress';
import { readManifests } from '../../k8s/manifests';
import { resolveService, type ResolvedService } from '../../service';
import { failOnError } from '../checks';
import { fail, pass, type CheckResult, type Exercise } from '../types';

const ING = 'webapprouting.kubernetes.azure.com';

/** An Ingress path entry, written the long way as kubectl prints it. */
const pathEntry = (path: string, pathType: string, service: string): string => `      - path: ${path}
        pathType: ${pathType}
        backend:
          service:
            name: ${service}
            port:
              number: 80
`;

const ingress = (rules: string, tls = ''): string => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: ${ING}
${tls}  rules:
  - host: shop.example.com
    http:
      paths:
${rules}`;

interface RouteCase {
  path: string;
  /** The Service the request must reach. */
  want: string;
}

/** Paths under /cart (element-wise) go to cart; everything else, /cartoons included, to web. */
const SHOP_ROUTES: RouteCase[] = [
  { path: '/', want: 'web' },
  { path: '/products/42', want: 'web' },
  { path: '/cart', want: 'cart' },
  { path: '/cart/', want: 'cart' },
  { path: '/cart/items/3', want: 'cart' },
  { path: '/cartoons', want: 'web' },
];

/**
 * Sends each request through routeRequest and lists the ones that reach the wrong
 * Service (or port). `tls` also requires the certificate of Secret shop-tls for HTTPS.
 */
function checkRoutes(manifests: string, scheme: 'http' | 'https', cases: RouteCase[], tls?: string): { error?: CheckResult; wrong: string[] } {
  const wrong: string[] = [];
  if (manifests.trim() === '') return { error: fail('The manifests pane is empty: write the Ingress (Reset restores the start).'), wrong };
  for (const c of cases) {
    const r = routeRequest({ manifests, request: { host: 'shop.example.com', path: c.path, scheme } });
    const err = failOnError(r.diagnostics, 'manifests');
    if (err) return { error: err, wrong };
    const url = `${scheme}://shop.example.com${c.path}`;
    const svc = r.match?.backend.service;
    if (!svc) wrong.push(`${url} reaches ${r.match ? 'a resource backend' : 'no backend (404)'}; it should reach Service ${c.want}.`);
    else if (svc.name !== c.want) wrong.push(`${url} reaches Service ${svc.name}; it should reach ${c.want}.`);
    else if (typeof svc.port === 'number' && svc.port !== 80) wrong.push(`${url} reaches ${svc.name} on port ${svc.port}; the Service listens on port 80.`);
    if (tls !== undefined) {
      if (!r.tls?.covered) wrong.push(`${url}: no tls entry covers shop.example.com, so the controller presents its default certificate.`);
      else if (r.tls.secretName !== tls) wrong.push(`${url}: the certificate comes from Secret "${r.tls.secretName ?? '(none named)'}"; it is in Secret "${tls}".`);
    }
  }
  return { wrong };
}

const APP_DEPLOYMENTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
        tier: backend
    spec:
      containers:
      - name: api
        image: contoso/api:2.0
        ports:
        - name: http
          containerPort: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  replicas: 2
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
        tier: backend
    spec:
      containers:
      - name: worker
        image: contoso/worker:2.0
        ports:
        - name: http
          containerPort: 8081
`;

const apiService = (selector: string): string => `${APP_DEPLOYMENTS}---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
${selector}  ports:
  - name: http
    port: 80
    targetPort: http
`;

const ORDERS_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  replicas: 2
  selector:
    matchLabels:
      app: orders
  template:
    metadata:
      labels:
        app: orders
    spec:
      containers:
      - name: orders
        image: contoso/orders:1.4
        ports:
        - containerPort: 8080
`;

const ordersService = (annotations: string): string => `${ORDERS_DEPLOYMENT}---
apiVersion: v1
kind: Service
metadata:
  name: orders
  annotations:
${annotations}spec:
  type: LoadBalancer
  selector:
    app: orders
  ports:
  - port: 80
    targetPort: 8080
`;

/** Resolves one Service by name; an engine error, or its absence, is the failure. */
function oneService(manifests: string, name: string): { error: CheckResult } | { s: ResolvedService; diagnostics: ReturnType<typeof resolveService>['diagnostics'] } {
  if (manifests.trim() === '') return { error: fail('The manifests pane is empty: put the Deployment and the Service back (Reset restores the start).') };
  const r = resolveService({ manifests, service: `default/${name}` });
  const err = failOnError(r.diagnostics, 'manifests');
  if (err) return { error: err };
  const s = r.services[0];
  if (!s) return { error: fail(`There is no Service "${name}" in namespace default.`) };
  return { s, diagnostics: r.diagnostics };
}

/** Annotation problems the Service evaluator reports; any of them means Azure does not do what was written. */
const ANNOTATION_CODES = new Set(['unknown-azure-annotation', 'invalid-annotation-value', 'removed-azure-annotation', 'annotation-needs-internal', 'dns-label-on-internal']);

const exercises: Exercise[] = [
  {
    id: 'ingress-route-two-apps',
    title: 'Route two apps by path',
    page: 'services-ingress',
    task: 'One host, shop.example.com, serves two apps: the cart (Service cart, port 80) handles /cart and every path under it, such as /cart/items/3; the shop front (Service web, port 80) handles everything else — including /cartoons, which is not under /cart. Change the Ingress so every request reaches the right app.',
    startNote: 'The /cart path is written with pathType Exact, so only /cart itself reaches the cart: /cart/items/3 goes to web.',
    tool: 'ingress',
    start: { manifests: ingress(pathEntry('/', 'Prefix', 'web') + pathEntry('/cart', 'Exact', 'cart')), request: 'http://shop.example.com/cart/items/3' },
    solution: { manifests: ingress(pathEntry('/', 'Prefix', 'web') + pathEntry('/cart', 'Prefix', 'cart')), request: 'http://shop.example.com/cart/items/3' },
    hints: [
      'Try a few requests in the request pane: /cart, /cart/items/3, /cartoons. Which path type does the /cart rule use, and what does it match?',
      'Exact matches one path only. Prefix matches a path and everything below it, element by element — so Prefix /cart matches /cart/items/3 but not /cartoons.',
      'Change the /cart entry to pathType: Prefix. The longest matching path wins, so /cart beats / for cart requests.',
    ],
    check(inputs) {
      const { error, wrong } = checkRoutes(inputs.manifests ?? '', 'http', SHOP_ROUTES);
      if (error) return error;
      if (wrong.length) return fail(`${wrong.length} of ${SHOP_ROUTES.length} test requests reach the wrong app.`, wrong);
      return pass(`All ${SHOP_ROUTES.length} test requests reach the right app: /cart and the paths under it go to cart, everything else (even /cartoons, since Prefix compares whole path elements) to web.`);
    },
  },
  {
    id: 'ingress-add-tls',
    title: 'Serve a host over HTTPS with its own certificate',
    page: 'services-ingress',
    task: 'The certificate for shop.example.com is in the Secret shop-tls (same namespace as the Ingress). Make HTTPS requests to shop.example.com get that certificate, while / still reaches web and /cart/… still reaches cart.',
    startNote: 'The tls section lists example.com. A certificate entry is matched to the exact host (or a one-label wildcard), so shop.example.com is not covered and the controller presents its default certificate.',
    tool: 'ingress',
    start: {
      manifests: ingress(pathEntry('/', 'Prefix', 'web') + pathEntry('/cart', 'Prefix', 'cart'), '  tls:\n  - hosts:\n    - example.com\n    secretName: shop-tls\n'),
      request: 'https://shop.example.com/',
    },
    solution: {
      manifests: ingress(pathEntry('/', 'Prefix', 'web') + pathEntry('/cart', 'Prefix', 'cart'), '  tls:\n  - hosts:\n    - shop.example.com\n    secretName: shop-tls\n'),
      request: 'https://shop.example.com/',
    },
    hints: [
      'Send https://shop.example.com/ in the request pane and read the TLS line: which host does the tls entry name?',
      'spec.tls[].hosts must name the host of the rule — here shop.example.com. example.com does not cover its subdomains.',
      'Under tls, list "- shop.example.com" in hosts and keep secretName: shop-tls.',
    ],
    check(inputs) {
      const cases: RouteCase[] = [
        { path: '/', want: 'web' },
        { path: '/cart/items/3', want: 'cart' },
      ];
      const { error, wrong } = checkRoutes(inputs.manifests ?? '', 'https', cases, 'shop-tls');
      if (error) return error;
      if (wrong.length) return fail('HTTPS requests to shop.example.com are not served as asked yet.', wrong);
      return pass('HTTPS requests to shop.example.com get the certificate from Secret shop-tls (TLS ends at the controller), and still reach web and cart.');
    },
  },
  {
    id: 'service-fix-selector',
    title: 'Fix a Service whose selector matches no pod',
    page: 'services-ingress',
    task: 'The Service api must send its traffic to the pods of the api Deployment — all of them, on their container port 8080 — and to no other pods (not the worker pods). Fix the Service; leave both Deployments in place.',
    startNote: 'The Service selects app: api-server, a label no pod has, so it has no endpoints and every connection to it fails.',
    tool: 'service',
    start: { manifests: apiService('    app: api-server\n    tier: backend\n') },
    solution: { manifests: apiService('    app: api\n    tier: backend\n') },
    hints: [
      'The evaluator says which labels the pods have. A Service selects the pods whose labels include every key=value of its selector.',
      'The api pods are labelled app: api and tier: backend. tier: backend alone would select the worker pods too.',
      'Set the selector to app: api (with or without tier: backend). targetPort: http then resolves to the api container port 8080.',
    ],
    check(inputs) {
      const text = inputs.manifests ?? '';
      const got = oneService(text, 'api');
      if ('error' in got) return got.error;
      const names = new Set(readManifests(text).manifests.filter((m) => m.kind !== 'Service').map((m) => m.name));
      const gone = ['api', 'worker'].filter((n) => !names.has(n));
      if (gone.length) return fail(`Keep both Deployments: ${gone.join(' and ')} ${gone.length === 1 ? 'is' : 'are'} missing. The task is to fix the Service.`);
      const { s } = got;
      if (s.endpoints.length === 0) return fail(`The Service still has no endpoints: its selector ${s.selector ?? '(none)'} matches none of the pods (or their ports).`);
      const wrong = s.endpoints.filter((e) => e.pod !== 'default/api').map((e) => `${e.pod} is selected too; only the api pods should be.`);
      const ports = s.endpoints.filter((e) => e.pod === 'default/api' && e.port !== 8080).map((e) => `Traffic reaches the api pods on port ${e.port}; they listen on 8080.`);
      if (!s.endpoints.some((e) => e.pod === 'default/api')) wrong.push('The api pods are not among the endpoints.');
      if (wrong.length || ports.length) return fail('The Service reaches the wrong pods or port.', [...wrong, ...ports]);
      return pass(`The selector ${s.selector} picks exactly the api pods, and targetPort reaches their container port 8080.`);
    },
  },
  {
    id: 'service-internal-lb',
    title: 'Make a LoadBalancer Service internal',
    page: 'services-ingress',
    task: 'The Service orders must be reachable only from the virtual network (and networks connected to it), through an internal Azure load balancer with a private IP — not from the internet. Keep it a LoadBalancer Service on port 80 that reaches the orders pods.',
    startNote: 'Someone tried: the annotation key is misspelt ("internel"), so Azure ignores it and the load balancer gets a public IP.',
    tool: 'service',
    start: { manifests: ordersService('    service.beta.kubernetes.io/azure-load-balancer-internel: "true"\n') },
    solution: { manifests: ordersService('    service.beta.kubernetes.io/azure-load-balancer-internal: "true"\n') },
    hints: [
      'Read the warnings: Azure reads only the annotation keys it knows, and ignores the rest silently.',
      'The annotation that makes the load balancer internal is service.beta.kubernetes.io/azure-load-balancer-internal.',
      'Spell the key azure-load-balancer-internal and keep the value the string "true" (quoted).',
    ],
    check(inputs) {
      const got = oneService(inputs.manifests ?? '', 'orders');
      if ('error' in got) return got.error;
      const { s, diagnostics } = got;
      const ann = diagnostics.find((d) => ANNOTATION_CODES.has(d.code));
      if (ann) return fail(`An annotation does not do what it says${ann.line ? ` (line ${ann.line})` : ''}: ${ann.message}`);
      if (s.type !== 'LoadBalancer') return fail(`The Service is type ${s.type}; keep it a LoadBalancer so clients in the VNet get a load balancer IP.`);
      if (s.azure.loadBalancer !== 'internal') return fail('The load balancer is still public: AKS gives it a public IP reachable from the internet.');
      if (!s.ports.some((p) => p.port === 80)) return fail('The Service no longer listens on port 80.');
      if (s.endpoints.length === 0) return fail('The Service has no endpoints: it must still reach the orders pods.');
      return pass('Azure creates an internal load balancer frontend with a private IP in the VNet; the Service still reaches the orders pods on port 80.');
    },
  },
];

export default exercises;
