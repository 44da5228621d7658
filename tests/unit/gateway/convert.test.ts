/**
 * convertIngress and the equivalence table (spec §10, §10.1): the AKS migration guide's
 * own example and the Ingress page's examples convert with a clean table or a listed,
 * explained difference; the gaps ingress2gateway leaves are handled or reported.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertIngress, ingressEquivalence, routeGatewayRequest } from '../../../src/lib/gateway';
import { NGINX_PREFIX } from '../../../src/lib/gateway/annotations';
import { MYAPP_INGRESS } from '../../../src/components/tools/ingress';

const AKS = readFileSync(new URL('./fixtures/aks-migration-httpbin.yaml', import.meta.url), 'utf8');

const ingress = (name: string, body: string, meta = ''): string => `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
${meta}spec:
${body}`;
const path = (p: string, svc: string, type = 'Prefix'): string => `      - path: ${p}\n        pathType: ${type}\n        backend:\n          service: {name: ${svc}, port: {number: 80}}\n`;
const rule = (host: string | undefined, paths: string): string => `  - ${host ? `host: ${host}\n    ` : ''}http:\n      paths:\n${paths}`;

describe('the AKS migration guide example (httpbin.contoso.com /get → httpbin:8000)', () => {
  const c = convertIngress({ manifests: AKS });
  it('converts to an approuting-istio Gateway and an HTTPRoute pinned to the host listener, followed by the Service', () => {
    expect(c.manifests).toMatch(/gatewayClassName: approuting-istio/);
    expect(c.manifests).toMatch(/sectionName: httpbin-contoso-com-http/);
    expect(c.manifests).toMatch(/kind: Service[\s\S]*name: httpbin/);
    const r = routeGatewayRequest({ manifests: c.manifests, request: { host: 'httpbin.contoso.com', path: '/get/x' } });
    expect(r.status).toBe(200);
    expect(r.match?.backends).toEqual([{ name: 'httpbin', namespace: 'demo', port: 8000, weight: 1 }]);
  });
  it('equivalence: every http request the same; the https one a listed difference (no tls on the Ingress)', () => {
    const e = ingressEquivalence({ manifests: AKS });
    const diffs = e.rows.filter((r) => !r.same);
    expect(e.rows.filter((r) => r.same).length).toBeGreaterThanOrEqual(4);
    expect(diffs.map((r) => `${r.request.scheme}://${r.request.host}${r.request.path}`)).toEqual(['https://httpbin.contoso.com/get']);
    expect(diffs[0]!.note).toMatch(/HTTPS for hosts without a tls entry/);
  });
});

describe('the Ingress page example (myapp.com with tls)', () => {
  it('has a clean equivalence table: ssl-redirect 308 on http, every path on https', () => {
    const e = ingressEquivalence({ manifests: MYAPP_INGRESS });
    expect(e.rows.length).toBeGreaterThan(10);
    expect(e.rows.filter((r) => !r.same)).toEqual([]);
    expect(e.rows.find((r) => r.request.scheme === 'http' && r.request.path === '/blog')?.gateway).toBe('308 → https://myapp.com/blog');
  });
});

describe('gaps ingress2gateway leaves', () => {
  it('host-less rules and defaultBackend get a hostname-less listener, pinned with sectionName', () => {
    const text = ingress('shop', `  defaultBackend:\n    service: {name: fallback, port: {number: 80}}\n  rules:\n${rule(undefined, path('/cart', 'cart'))}${rule('shop.example.com', path('/', 'web'))}`);
    const c = convertIngress({ manifests: text });
    expect(c.manifests).toMatch(/- name: http\n\s+port: 80\n\s+protocol: HTTP/);
    expect(c.manifests).toMatch(/name: shop-any-host[\s\S]*?sectionName: http\n/);
    const e = ingressEquivalence({ manifests: text });
    expect(e.rows.filter((r) => !r.same)).toEqual(e.rows.filter((r) => !r.same && r.request.scheme === 'https'));
    expect(routeGatewayRequest({ manifests: c.manifests, request: { host: 'other.net', path: '/nothing' } }).match?.backends[0]?.name).toBe('fallback');
  });
  it('a rule-less Ingress with only defaultBackend still gets a listener', () => {
    const c = convertIngress({ manifests: ingress('only', `  defaultBackend:\n    service: {name: fallback, port: {number: 80}}\n`) });
    expect(routeGatewayRequest({ manifests: c.manifests, request: { host: 'x.net', path: '/a' } }).match?.route).toBe('default/only-default-backend');
  });
  it('duplicate host+path: the older Ingress wins, and the newer one is listed', () => {
    const older = ingress('older', `  rules:\n${rule('a.com', path('/x', 'old'))}`, '  creationTimestamp: "2024-01-01T00:00:00Z"\n');
    const newer = ingress('newer', `  rules:\n${rule('a.com', path('/x', 'new'))}`, '  creationTimestamp: "2025-01-01T00:00:00Z"\n');
    const c = convertIngress({ manifests: newer + older });
    expect(c.notConverted.find((n) => n.what.startsWith('duplicate path'))?.object).toBe('Ingress default/newer');
    expect(routeGatewayRequest({ manifests: c.manifests, request: { host: 'a.com', path: '/x' } }).match?.backends[0]?.name).toBe('old');
    expect(ingressEquivalence({ manifests: newer + older }).rows.filter((r) => !r.same && r.request.scheme === 'http')).toEqual([]);
  });
  it('ImplementationSpecific becomes PathPrefix, and /apiv1 is a listed difference', () => {
    const text = ingress('api', `  rules:\n${rule('a.com', path('/api', 'api', 'ImplementationSpecific') + path('/', 'web'))}`);
    const e = ingressEquivalence({ manifests: text });
    const row = e.rows.find((r) => r.request.path === '/apiv1');
    expect(row).toMatchObject({ same: false, ingress: 'default/api:80', gateway: 'default/web:80' });
    expect(row?.note).toMatch(/string prefix/);
  });
  it('wildcard hosts: a diagnostic, and the deeper subdomain is a listed difference', () => {
    const text = ingress('w', `  rules:\n${rule('"*.foo.com"', path('/', 'web'))}`);
    const c = convertIngress({ manifests: text });
    expect(c.diagnostics.some((d) => d.code === 'wildcard-depth')).toBe(true);
    const row = ingressEquivalence({ manifests: text }).rows.find((r) => r.request.kind === 'deeper-host');
    expect(row).toMatchObject({ same: false, ingress: '404', gateway: 'default/web:80' });
    expect(row?.note).toMatch(/one or more/);
  });
});

describe('ingress-nginx annotations (spec §10.1)', () => {
  const annotated = (a: Record<string, string>, body = `  rules:\n${rule('a.com', path('/', 'web') + path('/api', 'api'))}`): string =>
    ingress('x', body, `  annotations:\n${Object.entries(a).map(([k, v]) => `    ${NGINX_PREFIX}${k}: "${v}"\n`).join('')}`);
  it('every annotation is either converted or in notConverted with a reason', () => {
    const keys = ['rewrite-target', 'use-regex', 'proxy-body-size', 'auth-url', 'configuration-snippet', 'enable-cors', 'canary-by-cookie', 'some-future-annotation', 'ssl-redirect', 'limit-rps'];
    const c = convertIngress({ manifests: annotated(Object.fromEntries(keys.map((k) => [k, k === 'rewrite-target' ? '/' : 'true']))) });
    const listed = new Set(c.notConverted.map((n) => n.what));
    for (const k of ['proxy-body-size', 'auth-url', 'configuration-snippet', 'enable-cors', 'canary-by-cookie', 'some-future-annotation', 'limit-rps']) {
      expect(listed.has(NGINX_PREFIX + k), k).toBe(true);
    }
    for (const k of ['rewrite-target', 'use-regex', 'ssl-redirect']) expect(listed.has(NGINX_PREFIX + k), k).toBe(false);
    expect(c.notConverted.every((n) => n.reason.length > 20)).toBe(true);
    expect(c.notConverted.find((n) => n.what === `${NGINX_PREFIX}some-future-annotation`)?.reason).toMatch(/Unsupported annotation/);
  });
  it('annotations of other controllers are listed too', () => {
    const text = ingress('x', `  rules:\n${rule('a.com', path('/', 'web'))}`, '  annotations:\n    example-ingress-controller.example.org/tls-redirect: "true"\n');
    expect(convertIngress({ manifests: text }).notConverted.map((n) => n.what)).toContain('example-ingress-controller.example.org/tls-redirect');
  });
  it('rewrite-target without capture groups → URLRewrite, and the table agrees on the upstream path', () => {
    const text = annotated({ 'rewrite-target': '/' }, `  rules:\n${rule('a.com', path('/app', 'web', 'ImplementationSpecific'))}`);
    const c = convertIngress({ manifests: text });
    expect(c.manifests).toMatch(/type: URLRewrite[\s\S]*replaceFullPath: \//);
    expect(c.manifests).toMatch(/type: RegularExpression\n\s+value: \(\?i\)\/app\.\*/);
    const e = ingressEquivalence({ manifests: text });
    expect(e.rows.filter((r) => !r.same && r.request.scheme === 'http')).toEqual([]);
  });
  it('rewrite-target with $1 is listed, and its upstream path shows as an explained difference', () => {
    const text = annotated({ 'rewrite-target': '/$2', 'use-regex': 'true' }, `  rules:\n${rule('a.com', path('/something(/|$)(.*)', 'web', 'ImplementationSpecific'))}`);
    const c = convertIngress({ manifests: text });
    expect(c.notConverted.some((n) => n.what.includes('rewrite-target') && /capture group/.test(n.reason))).toBe(true);
    const row = ingressEquivalence({ manifests: text }).rows.find((r) => r.request.path === '/something/x');
    expect(row?.same).toBe(false);
    expect(row?.note).toMatch(/capture group/);
  });
  it('permanent-redirect → RequestRedirect with the same Location and code', () => {
    const text = annotated({ 'permanent-redirect': 'https://www.example.org/new', 'permanent-redirect-code': '308' });
    const e = ingressEquivalence({ manifests: text });
    const row = e.rows.find((r) => r.request.scheme === 'http' && r.request.path === '/api');
    expect(row).toMatchObject({ same: true, gateway: '308 → https://www.example.org/new' });
  });
  it('ssl-redirect "false": plain http is served, not redirected', () => {
    const text = annotated({ 'ssl-redirect': 'false' }, `  tls:\n  - hosts: [a.com]\n    secretName: a-tls\n  rules:\n${rule('a.com', path('/', 'web'))}`);
    const e = ingressEquivalence({ manifests: text });
    expect(e.rows.find((r) => r.request.scheme === 'http' && r.request.path === '/')).toMatchObject({ same: true, gateway: 'default/web:80' });
    expect(e.differences).toBe(0);
  });
  it('canary-weight → a weighted split that contains the main backend', () => {
    const main = ingress('main', `  rules:\n${rule('a.com', path('/', 'web'))}`);
    const canary = ingress('canary', `  rules:\n${rule('a.com', path('/', 'web-v2'))}`, `  annotations:\n    ${NGINX_PREFIX}canary: "true"\n    ${NGINX_PREFIX}canary-weight: "20"\n`);
    const c = convertIngress({ manifests: main + canary });
    const r = routeGatewayRequest({ manifests: c.manifests, request: { host: 'a.com', path: '/' } });
    expect(r.match?.backends.map((b) => [b.name, b.weight])).toEqual([
      ['web', 80],
      ['web-v2', 20],
    ]);
    expect(ingressEquivalence({ manifests: main + canary }).rows.filter((x) => !x.same && x.request.scheme === 'http')).toEqual([]);
  });
});

describe('input as kubectl prints it, and bad input', () => {
  it('a kind: List from kubectl get ingress,svc -A -o yaml converts', () => {
    const list = `apiVersion: v1
kind: List
items:
- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata: {name: web, namespace: shop, creationTimestamp: "2025-01-01T00:00:00Z", uid: 1a2b}
  spec:
    ingressClassName: webapprouting.kubernetes.azure.com
    rules:
    - host: shop.example.com
      http:
        paths:
        - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
  status: {loadBalancer: {ingress: [{ip: 20.1.2.3}]}}
- apiVersion: v1
  kind: Service
  metadata: {name: web, namespace: shop}
  spec: {clusterIP: 10.0.1.2, ports: [{name: http, port: 8080, targetPort: 80}], selector: {app: web}}
`;
    const c = convertIngress({ manifests: list });
    expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(c.manifests).toMatch(/port: 8080/);
    expect(c.manifests).not.toMatch(/clusterIP/);
    expect(routeGatewayRequest({ manifests: c.manifests, request: { host: 'shop.example.com', path: '/' } }).status).toBe(200);
  });
  it('a named port without its Service is an error at the backend, and the path is listed', () => {
    const text = ingress('x', `  rules:\n  - host: a.com\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}\n`);
    const c = convertIngress({ manifests: text });
    expect(c.diagnostics.find((d) => d.code === 'named-port-unresolved')?.line).toBe(11);
    expect(c.notConverted.some((n) => n.what === 'backend web:http')).toBe(true);
  });
  for (const bad of ['', '{{{', 'kind: Ingress', '\u0000']) {
    it(`never throws on ${JSON.stringify(bad)}`, () => {
      const c = convertIngress({ manifests: bad });
      expect(c.diagnostics.some((d) => d.code === 'internal-error')).toBe(false);
      expect(ingressEquivalence({ manifests: bad }).diagnostics).toEqual([]);
    });
  }
});
