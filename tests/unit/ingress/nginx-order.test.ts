/**
 * Two ingress-nginx behaviours the Gateway migration depends on (spec gateway-api.md §10):
 * ImplementationSpecific outside regex mode is a plain NGINX prefix location (`buildLocation`
 * returns the path as is), so `/api` also serves `/apiv1`; and of two Ingresses with the same
 * host and path, the older one (sortIngressSlice: creationTimestamp, then namespace/name
 * descending) is kept.
 */
import { describe, expect, it } from 'vitest';
import { routeRequest } from '../../../src/lib/ingress';

const ing = (name: string, path: string, pathType: string, svc: string, extra = ''): string => `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
${extra}spec:
  rules:
  - host: a.com
    http:
      paths:
      - path: ${path}
        pathType: ${pathType}
        backend:
          service: {name: ${svc}, port: {number: 80}}
`;

describe('ImplementationSpecific under ingress-nginx is a string prefix', () => {
  const m = ing('x', '/api', 'ImplementationSpecific', 'api') + ing('y', '/', 'Prefix', 'web');
  for (const [path, want] of [
    ['/api', 'api'],
    ['/api/v1', 'api'],
    ['/apiv1', 'api'],
    ['/ap', 'web'],
  ] as const) {
    it(`${path} → ${want}`, () => expect(routeRequest({ manifests: m, request: { host: 'a.com', path } }).match?.backend.service?.name).toBe(want));
  }
  it('Prefix /api, by contrast, does not serve /apiv1', () => {
    const p = ing('x', '/api', 'Prefix', 'api') + ing('y', '/', 'Prefix', 'web');
    expect(routeRequest({ manifests: p, request: { host: 'a.com', path: '/apiv1' } }).match?.backend.service?.name).toBe('web');
  });
});

describe('duplicate host+path: the older Ingress wins', () => {
  const ts = (t: string): string => `  creationTimestamp: "${t}"\n`;
  it('by creationTimestamp, whatever the order written', () => {
    const m = ing('newer', '/x', 'Prefix', 'new', ts('2025-05-01T00:00:00Z')) + ing('older', '/x', 'Prefix', 'old', ts('2024-01-01T00:00:00Z'));
    const r = routeRequest({ manifests: m, request: { host: 'a.com', path: '/x' } });
    expect(r.match?.backend.service?.name).toBe('old');
    expect(r.diagnostics.some((d) => d.code === 'path-never-matches' && d.message.includes('default/older'))).toBe(true);
  });
  it('equal timestamps: namespace/name descending, as sortIngressSlice ("in > jn")', () => {
    const m = ing('aaa', '/x', 'Prefix', 'a', ts('2024-01-01T00:00:00Z')) + ing('bbb', '/x', 'Prefix', 'b', ts('2024-01-01T00:00:00Z'));
    expect(routeRequest({ manifests: m, request: { host: 'a.com', path: '/x' } }).match?.backend.service?.name).toBe('b');
  });
  it('without timestamps: the first written', () => {
    const m = ing('bbb', '/x', 'Prefix', 'b') + ing('aaa', '/x', 'Prefix', 'a');
    expect(routeRequest({ manifests: m, request: { host: 'a.com', path: '/x' } }).match?.backend.service?.name).toBe('b');
  });
});
