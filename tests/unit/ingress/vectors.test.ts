/**
 * Every case of tests/vectors/ingress-cases.json (Kubernetes docs tables, API reference
 * examples, ingress-controller-conformance features, validation.go branches, ingress-nginx
 * docs and e2e tests, Gateway API path cases), each checked against routeRequest.
 */
import { describe, expect, it } from 'vitest';
import cases from '../../vectors/ingress-cases.json';
import { routeRequest } from '../../../src/lib/ingress';
import { hostMatches } from '../../../src/lib/ingress/match';
import { ingress, manifestText, pathsIngress, svcBackend, type Obj } from './helpers';

type PathCase = { id: string; paths: { path: string; pathType: string }[]; requestPath: string; expectMatch: boolean; expectWinner?: { path: string; pathType: string } | null; expectDefaultBackend?: boolean; verbatim?: string };

function checkPathCase(c: PathCase): void {
  const r = routeRequest({ manifests: manifestText(pathsIngress(c.paths)), request: { host: 'example.com', path: c.requestPath } });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!c.expectMatch) {
    expect(r.match).toBeNull();
    return;
  }
  expect(r.match).not.toBeNull();
  expect({ path: r.match!.path, pathType: r.match!.pathType }).toEqual(c.expectWinner);
  // The backend is the one written on that path entry.
  const idx = c.paths.findIndex((p) => p.path === c.expectWinner!.path && p.pathType === c.expectWinner!.pathType);
  expect(r.match!.backend.service!.name).toBe(`svc-${idx}`);
}

describe('Kubernetes docs: path matching examples table, row by row', () => {
  for (const c of cases.k8sDocsPathTable.vectors as PathCase[]) {
    it(`${c.id}: ${c.paths.map((p) => `${p.pathType} ${p.path}`).join(', ')} vs ${c.requestPath}`, () => checkPathCase(c));
    if (c.expectDefaultBackend) {
      it(`${c.id}: with spec.defaultBackend, the unmatched request goes there (rule -1)`, () => {
        const r = routeRequest({ manifests: manifestText(pathsIngress(c.paths, { defaultBackend: true })), request: { host: 'example.com', path: c.requestPath } });
        expect(r.match?.rule).toBe(-1);
        expect(r.match?.backend.service?.name).toBe('default-svc');
      });
    }
  }
});

describe('Kubernetes docs: hostname wildcards table, row by row', () => {
  for (const c of cases.k8sDocsHostWildcardTable.vectors) {
    it(`${c.id}: ${c.ruleHost} vs Host ${c.hostHeader}`, () => {
      expect(hostMatches(c.ruleHost, c.hostHeader)).toBe(c.expectMatch);
      const r = routeRequest({ manifests: manifestText(pathsIngress([{ path: '/', pathType: 'Prefix' }], { host: c.ruleHost })), request: { host: c.hostHeader, path: '/' } });
      expect(r.match !== null).toBe(c.expectMatch);
    });
  }
});

describe('API reference (types.go) PathTypePrefix examples', () => {
  for (const c of cases.apiTypesExamples as PathCase[]) it(`${c.id}: ${c.verbatim ?? ''}`, () => checkPathCase(c));
});

describe('Kubernetes docs: name based virtual hosting', () => {
  const m = manifestText(cases.k8sDocsNameVirtualHost.ingress as Obj);
  for (const c of cases.k8sDocsNameVirtualHost.cases) {
    it(`${c.id}: ${c.host ?? '(no Host header)'} → ${c.expectBackend}`, () => {
      const r = routeRequest({ manifests: m, request: { host: c.host ?? '', path: c.path } });
      expect(r.match?.backend.service?.name).toBe(c.expectBackend);
    });
  }
});

describe('ingress-controller-conformance features', () => {
  const conf = cases.conformance;
  describe('path_rules.feature', () => {
    const m = manifestText(conf['path_rules.feature'].ingress as Obj);
    for (const c of conf['path_rules.feature'].cases) {
      it(`${c.id}: ${c.scenarioVerbatim}`, () => {
        const r = routeRequest({ manifests: m, request: { host: c.request.host, path: c.request.path } });
        if (c.expectStatus === 404) expect(r.match).toBeNull();
        else expect(r.match?.backend.service?.name).toBe(c.expectBackend);
      });
    }
  });
  describe('host_rules.feature', () => {
    const m = manifestText(conf['host_rules.feature'].ingress as Obj);
    for (const c of conf['host_rules.feature'].cases) {
      it(`${c.id}: ${c.scenarioVerbatim}`, () => {
        const r = routeRequest({ manifests: m, request: { host: c.request.host, path: c.request.path, scheme: c.request.scheme as 'http' | 'https' } });
        if (c.expectStatus === 404) expect(r.match).toBeNull();
        else expect(r.match?.backend.service?.name).toBe(c.expectBackend);
        if ('expectTlsVerifiesHostname' in c) {
          expect(r.tls).toEqual({ covered: true, secretName: 'conformance-tls' });
        }
      });
    }
  });
  describe('default_backend.feature', () => {
    const m = manifestText(ingress('default-backend', conf['default_backend.feature'].ingressSpec as Obj));
    for (const c of conf['default_backend.feature'].cases) {
      it(`${c.id}: ${c.request.method} ${c.request.host || '(no host)'} /${c.request.path} → ${c.expectBackend}`, () => {
        const r = routeRequest({ manifests: m, request: { host: c.request.host, path: `/${c.request.path}` } });
        expect(r.match?.rule).toBe(-1);
        expect(r.match?.backend.service?.name).toBe(c.expectBackend);
      });
    }
  });
  describe('ingress_class.feature', () => {
    const c = conf['ingress_class.feature'];
    it(`${c.id}: ${c.scenarioVerbatim}`, () => {
      const m = manifestText(c.ingress as Obj);
      const r = routeRequest({ manifests: m, request: { host: 'ingress-class', path: '/' }, ingressClassName: 'conformance' });
      expect(r.match).toBeNull();
      expect(r.explanation).toMatch(/ignored.*some-invalid-class-name/);
      // With an IngressClass list that lacks the class, the lint says no controller serves it.
      const withClass = manifestText(c.ingress as Obj, { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'conformance' }, spec: { controller: 'example.com/conformance' } });
      expect(routeRequest({ manifests: withClass, request: { host: 'ingress-class', path: '/' } }).diagnostics.map((d) => d.code)).toContain('ingress-class-not-found');
    });
  });
});

describe('validation.go: paths', () => {
  for (const c of cases.validation.paths) {
    it(`${c.id}: ${c.pathType ?? '(no pathType)'} "${c.path}" is ${c.expectValid ? 'valid' : 'rejected'}`, () => {
      const r = routeRequest({ manifests: manifestText(pathsIngress([{ path: c.path, pathType: c.pathType }])), request: { host: 'x', path: '/' } });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      if (c.expectValid) expect(errors).toEqual([]);
      else expect(errors.map((e) => e.message).join('\n')).toContain(c.expectErrorContains);
    });
  }
});

describe('validation.go: spec', () => {
  for (const c of cases.validation.spec) {
    it(`${c.id}`, () => {
      let doc: Obj;
      if ('spec' in c) doc = ingress('v', c.spec as Obj);
      else if ('rule' in c) doc = ingress('v', { rules: [c.rule] });
      else if ('backend' in c) doc = ingress('v', { defaultBackend: c.backend });
      else {
        const ac = c.annotationsAndClass as Record<string, string>;
        doc = ingress('v', { ingressClassName: ac.ingressClassName, defaultBackend: svcBackend('s') }, { 'kubernetes.io/ingress.class': ac['kubernetes.io/ingress.class']! });
      }
      const r = routeRequest({ manifests: manifestText(doc), request: { host: 'x', path: '/' } });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      if (c.expectErrorContains) expect(errors.map((e) => e.message).join('\n')).toContain(c.expectErrorContains);
      // A rejected Ingress never exists in a cluster, so it routes nothing.
      expect(r.match).toBeNull();
    });
  }
});

describe('ingress-nginx documentation and e2e tests', () => {
  const ngx = cases.ingressNginx;
  const toIngress = (i: { name: string; host: string; annotations?: Record<string, string>; paths: { path: string; pathType: string; service?: string }[] }): Obj =>
    ingress(i.name, { rules: [{ host: i.host, http: { paths: i.paths.map((p) => ({ path: p.path, pathType: p.pathType, backend: svcBackend(p.service ?? 'test') })) } }] }, i.annotations);

  describe('Path Priority example (regex mode, longest first)', () => {
    const m = manifestText(...ngx.pathPriorityExample.ingresses.map(toIngress));
    for (const c of ngx.pathPriorityExample.cases) {
      it(`${c.id}: ${c.verbatim}`, () => {
        expect(routeRequest({ manifests: m, request: { host: c.host, path: c.path } }).match?.backend.service?.name).toBe(c.expectBackend);
      });
    }
  });
  it(`${ngx.regexFirstMatchWarning.case.id}: ${ngx.regexFirstMatchWarning.case.verbatim}`, () => {
    const i = ngx.regexFirstMatchWarning.ingress;
    const m = manifestText(ingress(i.name, { rules: [{ host: i.host, http: { paths: i.paths.map((p, k) => ({ ...p, backend: svcBackend(`svc-${k}`) })) } }] }, i.annotations));
    const r = routeRequest({ manifests: m, request: { host: ngx.regexFirstMatchWarning.case.host, path: ngx.regexFirstMatchWarning.case.path } });
    expect(`^${r.match?.path}`).toBe(ngx.regexFirstMatchWarning.case.expectMatchedLocation);
  });
  describe('rewrite-target example', () => {
    const i = ngx.rewriteTarget.ingress;
    const m = manifestText(toIngress({ name: 'rewrite', host: i.host, annotations: i.annotations, paths: i.paths }));
    for (const c of ngx.rewriteTarget.cases) {
      it(`${c.id}: ${c.in} → ${c.out}`, () => {
        const [host, ...rest] = c.in.split('/');
        const r = routeRequest({ manifests: m, request: { host: host!, path: `/${rest.join('/')}` } });
        expect(r.match?.backend.service?.name).toBe('http-svc');
        expect(`${host}${r.rewrite?.upstreamPath}`).toBe(c.out);
      });
    }
  });
  it(`${ngx.appRoot.case.id}: app-root answers / with 302`, () => {
    const url = new URL(ngx.appRoot.case.request.split(' ')[1]!);
    const m = manifestText(ingress('approot', { rules: [{ host: url.hostname, http: { paths: [{ path: '/', pathType: 'Prefix', backend: svcBackend('http-svc') }] } }] }, ngx.appRoot.annotation));
    const r = routeRequest({ manifests: m, request: { host: url.hostname, path: url.pathname } });
    expect(r.redirect?.status).toBe(ngx.appRoot.case.expectStatus);
    expect(r.redirect?.location).toBe(ngx.appRoot.case.expectLocation);
  });
  describe('wildcard server_name: one label, as ingress-nginx generates it', () => {
    const samples = ['a.foo.bar', 'a-b.foo.bar', 'a.b.foo.bar', 'foo.bar', 'www.foo.bar', 'x.sub.foo.bar', 'y.x.sub.foo.bar', 'sub.foo.bar'];
    for (const c of ngx.wildcardServerName.cases) {
      it(`${c.hostname} → ${c.serverName}`, () => {
        const matcher = c.serverName.startsWith('~') ? new RegExp(c.serverName.slice(1)) : null;
        for (const h of samples) expect(hostMatches(c.hostname, h), h).toBe(matcher ? matcher.test(h) : h === c.serverName);
      });
    }
  });
  describe('e2e pathType tests', () => {
    const [prefix, mixed, exact, regex] = ngx.e2ePathType as Obj[] as [
      { host: string; ingressPath: { path: string; pathType: string }; cases: { path: string; expectStatus: number }[] },
      { host: string; paths: { path: string; pathType: string; tag: string }[]; cases: { path: string; expectWinner: string }[] },
      { host: string; paths: { path: string; pathType: string }[]; cases: { path: string; expectWinner: string }[] },
      { annotations: Record<string, string>; groups: { ingressPath: string; cases: { path: string; expectStatus: number }[] }[] },
    ];
    for (const c of prefix.cases) {
      it(`prefix /aaa vs ${c.path} → ${c.expectStatus}`, () => {
        const r = routeRequest({ manifests: manifestText(pathsIngress([prefix.ingressPath], { host: prefix.host })), request: { host: prefix.host, path: c.path } });
        expect(r.match !== null).toBe(c.expectStatus === 200);
      });
    }
    for (const c of mixed.cases) {
      it(`mixed: ${c.path} → ${c.expectWinner}`, () => {
        const r = routeRequest({ manifests: manifestText(pathsIngress(mixed.paths, { host: mixed.host })), request: { host: mixed.host, path: c.path } });
        const w = mixed.paths[Number(r.match!.backend.service!.name.slice(4))]!;
        expect(w.tag).toBe(c.expectWinner);
      });
    }
    for (const c of exact.cases) {
      it(`exact: ${c.path} → ${c.expectWinner}`, () => {
        const r = routeRequest({ manifests: manifestText(pathsIngress(exact.paths, { host: exact.host })), request: { host: exact.host, path: c.path } });
        expect(r.match?.pathType).toBe(c.expectWinner);
      });
    }
    for (const g of regex.groups) {
      for (const c of g.cases) {
        it(`use-regex ${g.ingressPath} vs ${c.path} → ${c.expectStatus}`, () => {
          const m = manifestText(pathsIngress([{ path: g.ingressPath, pathType: 'Prefix' }], { host: 'regex.path', annotations: regex.annotations }));
          expect(routeRequest({ manifests: m, request: { host: 'regex.path', path: c.path } }).match !== null).toBe(c.expectStatus === 200);
        });
      }
    }
  });
});

describe('Gateway API PathPrefix cases (path only: "semantically equivalent to the Prefix path type")', () => {
  const gw = cases.gatewayApiHttpRouteForContrast;
  const rules = gw.route.rules.map((r) => ({ path: r.matches.find((m) => 'path' in m)!.path!.value, backend: r.backend }));
  const m = manifestText(ingress('gw', { rules: [{ http: { paths: rules.map((r) => ({ path: r.path, pathType: 'Prefix', backend: svcBackend(r.backend) })) } }] }));
  // Header matches have no Ingress equivalent, so only the path-only cases apply.
  for (const c of gw.cases.filter((c) => !('headers' in c))) {
    it(`${c.path} → ${c.expectBackend}`, () => {
      expect(routeRequest({ manifests: m, request: { host: 'example.com', path: c.path } }).match?.backend.service?.name).toBe(c.expectBackend);
    });
  }
});
