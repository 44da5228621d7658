/**
 * Engine behaviour beyond the shared vectors: hostname intersection table (hostnames
 * concept page), ReplacePrefixMatch table (httproute_types.go), route-table "never wins"
 * reasons, diagnostics at their lines, and bad input that must not throw.
 */
import { describe, expect, it } from 'vitest';
import { gatewayRouteTable, routeGatewayRequest } from '../../../src/lib/gateway';
import { intersectHostname } from '../../../src/lib/gateway/hostname';
import { replacePrefix } from '../../../src/lib/gateway/filters';

const GW = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw
spec:
  gatewayClassName: approuting-istio
  listeners:
  - name: any
    port: 80
    protocol: HTTP
  - name: wild
    port: 80
    protocol: HTTP
    hostname: "*.example.com"
`;
const route = (name: string, body: string): string => `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: ${name}
spec:
${body}`;

describe('hostname intersection (hostnames concept page, verbatim rows)', () => {
  const rows: [string, string, string][] = [
    ['www.example.com', 'www.example.com', 'www.example.com'],
    ['*.example.com', 'www.example.com', 'www.example.com'],
    ['*.example.com', 'sub.domain.example.com', 'sub.domain.example.com'],
    ['www.example.com', '*.example.com', 'www.example.com'],
    ['*.example.com', '*.example.com', '*.example.com'],
    ['*.com', '*.example.com', '*.example.com'],
    ['*', 'www.example.com', 'www.example.com'],
  ];
  for (const [l, r, want] of rows) it(`${l} ∩ ${r} = ${want}`, () => expect(intersectHostname(l, r)).toBe(want));
  it('disjoint hostnames do not intersect', () => expect(intersectHostname('*.example.com', 'example.com')).toBeUndefined());
});

describe('ReplacePrefixMatch (httproute_types.go table, verbatim rows)', () => {
  const rows: [string, string, string, string][] = [
    ['/foo/bar', '/foo', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo', '/xyz/', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz/', '/xyz/bar'],
    ['/foo', '/foo', '/xyz', '/xyz'],
    ['/foo/', '/foo', '/xyz', '/xyz/'],
    ['/foo/bar', '/foo', '', '/bar'],
    ['/foo/', '/foo', '', '/'],
    ['/foo', '/foo', '', '/'],
    ['/foo/', '/foo', '/', '/'],
    ['/foo', '/foo', '/', '/'],
  ];
  for (const [path, prefix, repl, want] of rows) it(`${path} ${prefix} → ${repl || '(empty)'} = ${want}`, () => expect(replacePrefix(path, prefix, repl)).toBe(want));
});

describe('route table', () => {
  it('marks a route on the hostname-less listener whose host a wildcard listener takes (listener isolation)', () => {
    const text = GW + route('pinned', `  parentRefs:\n  - name: gw\n    sectionName: any\n  hostnames: [shop.example.com]\n  rules:\n  - backendRefs:\n    - name: shop\n      port: 80\n`);
    const t = gatewayRouteTable({ manifests: text });
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]!.neverWins).toMatch(/listener isolation.*"wild"/);
    const r = routeGatewayRequest({ manifests: text, request: { host: 'shop.example.com', path: '/' } });
    expect(r.status).toBe(404);
    expect(r.match).toBeNull();
  });
  it('marks a later route with the same conditions as never winning, and orders rows by precedence', () => {
    const text =
      GW +
      route('b-route', `  parentRefs:\n  - name: gw\n    sectionName: any\n  rules:\n  - matches:\n    - path: {type: PathPrefix, value: /api}\n    backendRefs:\n    - name: b\n      port: 80\n`) +
      route('a-route', `  parentRefs:\n  - name: gw\n    sectionName: any\n  rules:\n  - matches:\n    - path: {type: PathPrefix, value: /api}\n    backendRefs:\n    - name: a\n      port: 80\n  - matches:\n    - path: {type: Exact, value: /}\n    backendRefs:\n    - name: a\n      port: 80\n`);
    const rows = gatewayRouteTable({ manifests: text }).rows;
    expect(rows.map((r) => `${r.route}#${r.rule}`)).toEqual(['default/a-route#1', 'default/a-route#0', 'default/b-route#0']);
    expect(rows[2]!.neverWins).toMatch(/default\/a-route rule 0/);
    expect(rows[0]!.neverWins).toBeUndefined();
  });
});

describe('diagnostics', () => {
  it('an unknown path type is an error at its line, and the route does not match by it', () => {
    const text = GW + route('r', `  parentRefs:\n  - name: gw\n  rules:\n  - matches:\n    - path: {type: prefix, value: /x}\n    backendRefs:\n    - name: a\n      port: 80\n`);
    const r = routeGatewayRequest({ manifests: text, request: { host: 'a.com', path: '/x' } });
    const d = r.diagnostics.find((x) => x.code === 'UnsupportedValue');
    expect(d?.line).toBe(25);
  });
  it('a misspelt field is reported with a suggestion', () => {
    const text = GW + route('r', `  parentRefs:\n  - name: gw\n  rules:\n  - backendRef:\n    - name: a\n      port: 80\n`);
    const r = routeGatewayRequest({ manifests: text, request: { host: 'a.com', path: '/' } });
    expect(r.diagnostics.find((x) => x.code === 'unknown-field')?.message).toMatch(/did you mean "backendRefs"/);
    expect(r.status).toBe(500);
  });
  it('several Gateways and no gateway in the request: 404 with a diagnostic naming them', () => {
    const text = GW + '---\n' + GW.replace('name: gw', 'name: gw2');
    const r = routeGatewayRequest({ manifests: text, request: { host: 'a.com', path: '/' } });
    expect(r.status).toBe(404);
    expect(r.diagnostics.some((d) => d.code === 'gateway-ambiguous' && d.message.includes('default/gw2'))).toBe(true);
  });
  it('all-zero weights answer 500 and say the question is open', () => {
    const text = GW + route('r', `  parentRefs:\n  - name: gw\n  rules:\n  - backendRefs:\n    - name: a\n      port: 80\n      weight: 0\n`);
    const r = routeGatewayRequest({ manifests: text, request: { host: 'a.com', path: '/' } });
    expect(r.status).toBe(500);
    expect(r.explanation).toMatch(/500 or 503/);
  });
});

describe('bad input never throws', () => {
  for (const text of ['', ':::', '[1,2', 'kind: HTTPRoute', 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec: {listeners: 5}', '\u0000\u0001binary', `${'- '.repeat(300)}x`]) {
    it(JSON.stringify(text.slice(0, 30)), () => {
      const r = routeGatewayRequest({ manifests: text, request: { host: 'x', path: '/' } });
      expect(r.status).toBe(404);
      expect(r.diagnostics.some((d) => d.code === 'internal-error')).toBe(false);
      expect(gatewayRouteTable({ manifests: text }).rows).toEqual([]);
    });
  }
});
