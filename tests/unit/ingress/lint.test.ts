/** Lint and explanation checks of the Ingress evaluator, on hand-written manifests. */
import { describe, expect, it } from 'vitest';
import { routeRequest, routeTable } from '../../../src/lib/ingress';

const base = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: myapp-ingress
spec:
  ingressClassName: nginx
  tls:
  - hosts: [myapp.com, www.myapp.com]
    secretName: myapp-tls
  rules:
  - host: myapp.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: frontend, port: {number: 80}}
      - path: /blog
        pathType: Prefix
        backend:
          service: {name: blog, port: {name: http}}
      - path: /blog
        pathType: Prefix
        backend:
          service: {name: blog-v2, port: {number: 80}}
---
apiVersion: v1
kind: Service
metadata: {name: frontend}
spec:
  ports: [{port: 8080}]
`;

const codes = (text: string, request = { host: 'myapp.com', path: '/' }) => routeRequest({ manifests: text, request }).diagnostics.map((d) => d.code);

describe('lint', () => {
  it('flags a duplicate path that can never match, on its line', () => {
    const d = routeRequest({ manifests: base, request: { host: 'myapp.com', path: '/' } }).diagnostics.find((x) => x.code === 'path-never-matches');
    expect(d?.line).toBe(22); // the third path item
  });
  it('flags a TLS host without a rule', () => {
    const d = routeRequest({ manifests: base, request: { host: 'myapp.com', path: '/' } }).diagnostics.filter((x) => x.code === 'tls-host-without-rule');
    expect(d.map((x) => x.message)).toEqual([expect.stringContaining('www.myapp.com')]);
  });
  it('flags a backend Service that is missing, and a port the Service lacks', () => {
    const c = codes(base);
    expect(c.filter((x) => x === 'backend-service-missing')).toHaveLength(2); // blog, blog-v2
    expect(c).toContain('backend-port-missing'); // frontend has 8080, not 80
  });
  it('says nothing about Services when none are given', () => {
    expect(codes(base.split('---')[0]!)).not.toContain('backend-service-missing');
  });
  it('reports a missing pathType (the seed manifest omits it) and leaves the Ingress out', () => {
    const text = base.split('---')[0]!.replace('        pathType: Prefix\n        backend:\n          service: {name: frontend', '        backend:\n          service: {name: frontend');
    const r = routeRequest({ manifests: text, request: { host: 'myapp.com', path: '/' } });
    const d = r.diagnostics.find((x) => x.code === 'missing-path-type');
    expect(d?.line).toBe(14); // the path item without pathType
    expect(r.match).toBeNull();
    expect(r.explanation).toContain('reject');
  });
  it('warns about regex characters in a Prefix path (ingress-nginx strict path validation)', () => {
    expect(codes(base.replace('path: /blog\n', 'path: /blog(/|$)(.*)\n'))).toContain('nginx-strict-path');
  });
  it('flags an invalid regex in regex mode', () => {
    const t = base.replace('name: myapp-ingress', 'name: myapp-ingress\n  annotations: {nginx.ingress.kubernetes.io/use-regex: "true"}').replace('path: /blog\n', 'path: /blog(\n').replace(/pathType: Prefix\n        backend:\n          service: \{name: blog,/, 'pathType: ImplementationSpecific\n        backend:\n          service: {name: blog,');
    expect(codes(t)).toContain('invalid-regex');
  });
});

describe('routing details', () => {
  it('serves the TLS secret for an HTTPS request and redirects plain HTTP with 308', () => {
    const https = routeRequest({ manifests: base, request: { host: 'myapp.com', path: '/blog/x', scheme: 'https' } });
    expect(https.tls).toEqual({ covered: true, secretName: 'myapp-tls' });
    expect(https.match?.backend.service?.name).toBe('blog');
    const http = routeRequest({ manifests: base, request: { host: 'myapp.com', path: '/blog/x' } });
    expect(http.redirect).toMatchObject({ status: 308, location: 'https://myapp.com/blog/x' });
  });
  it('ignores Ingresses of another class when a class is given, and says so', () => {
    const r = routeRequest({ manifests: base, request: { host: 'myapp.com', path: '/' }, ingressClassName: 'webapprouting.kubernetes.azure.com' });
    expect(r.match).toBeNull();
    expect(r.explanation).toContain('belongs to class "nginx"');
  });
  it('prefers a precise host over a wildcard, and ignores the port and case of the Host header', () => {
    const t = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: hosts}
spec:
  rules:
  - host: "*.bar.com"
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: wild, port: {number: 80}}}}]}
  - host: foo.bar.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: exact, port: {number: 80}}}}]}
`;
    expect(routeRequest({ manifests: t, request: { host: 'Foo.Bar.com:8443', path: '/' } }).match?.backend.service?.name).toBe('exact');
    expect(routeRequest({ manifests: t, request: { host: 'baz.bar.com', path: '/' } }).match?.backend.service?.name).toBe('wild');
  });
  it('matches the path without the query string', () => {
    expect(routeRequest({ manifests: base, request: { host: 'myapp.com', path: '/blog?x=/other' } }).match?.path).toBe('/blog');
  });
  it('builds the route table with the default backend last', () => {
    const t = base.split('---')[0]!.replace('spec:\n', 'spec:\n  defaultBackend: {service: {name: fallback, port: {number: 80}}}\n');
    const { routes } = routeTable(t);
    expect(routes.map((r) => `${r.host ?? '*'} ${r.path ?? '-'} ${r.backendText}`)).toEqual([
      'myapp.com / Service frontend:80',
      'myapp.com /blog Service blog:http',
      'myapp.com /blog Service blog-v2:80',
      '* - Service fallback:80',
    ]);
    expect(routes[2]!.neverMatches).toBeDefined();
  });
});
