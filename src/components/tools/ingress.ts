import { diag, type Diagnostic } from '../../lib/diagnostics';
import { routeRequest, type RouteRow } from '../../lib/ingress';
import { queryText } from '../../lib/query-text';
import { h, type VNode } from '../../lib/view/h';
import type { ToolDefinition } from './types';

export const MYAPP_INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: myapp-ingress
  namespace: default
spec:
  ingressClassName: webapprouting.kubernetes.azure.com
  tls:
  - hosts:
    - myapp.com
    secretName: myapp-tls
  rules:
  - host: myapp.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: frontend
            port:
              number: 80
      - path: /blog
        pathType: Prefix
        backend:
          service:
            name: blog
            port:
              number: 80
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api
            port:
              number: 8080
`;

interface ParsedRequest {
  host: string;
  path: string;
  scheme: 'http' | 'https';
  className?: string;
}

/**
 * The request pane: a URL such as `https://myapp.com/blog/x` (a method before it and a
 * missing scheme are accepted), and optionally a line `class: nginx`.
 */
export function parseRequestText(text: string): { request?: ParsedRequest; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let url: { line: number; text: string } | undefined;
  let className: string | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cls = /^class\s*:\s*(\S*)\s*$/i.exec(line);
    if (cls) {
      className = cls[1];
      return;
    }
    if (url) diagnostics.push(diag('warning', 'extra-request-line', 'Only one request line is read; this one is ignored.', { line: i + 1, column: 1, endColumn: raw.length + 1 }));
    else url = { line: i + 1, text: line };
  });
  if (!url) {
    diagnostics.push(diag('error', 'missing-request', 'Write a request URL, e.g. https://myapp.com/blog/x.', { line: 1, column: 1 }));
    return { diagnostics };
  }
  const m = /^(?:[A-Z]+\s+)?(?:(https?):\/\/)?([^/\s?#]*)([/?#]\S*)?$/i.exec(url.text);
  // A host is letters, digits, dots, dashes (and a port, an IPv6 literal or a wildcard).
  if (!m || m[2]!.length > 253 || !/^[A-Za-z0-9.*_:[\]-]*$/.test(m[2]!)) {
    diagnostics.push(diag('error', 'invalid-request', `"${url.text}" is not a URL such as https://myapp.com/blog/x.`, { line: url.line, column: 1, endColumn: url.text.length + 1 }));
    return { diagnostics };
  }
  return {
    request: { scheme: m[1]?.toLowerCase() === 'https' ? 'https' : 'http', host: m[2] ?? '', path: m[3] ?? '/', ...(className ? { className } : {}) },
    diagnostics,
  };
}

const CLASS_LINE = /^\s*class\s*:/i;

/**
 * Runbook links: `?url=https://myapp.com/blog/x` replaces the request line and
 * `?class=nginx` the class line of the request pane; the other line is kept.
 */
export function requestFromQuery(params: URLSearchParams, current: string): Partial<Record<string, string>> {
  const url = queryText(params, 'url', { noSpaces: true });
  const cls = queryText(params, 'class', { max: 253, noSpaces: true });
  if (url === undefined && cls === undefined) return {};
  const lines = current.split('\n');
  const oldUrl = lines.find((l) => l.trim() !== '' && !l.trim().startsWith('#') && !CLASS_LINE.test(l))?.trim();
  const oldClass = lines.find((l) => CLASS_LINE.test(l))?.trim();
  const classLine = cls === undefined ? oldClass : cls === '' ? undefined : `class: ${cls}`;
  return { request: [url ?? oldUrl ?? '', ...(classLine ? [classLine] : [])].join('\n') };
}

function routeTableView(routes: RouteRow[], chosen: number): VNode {
  return h(
    'table',
    { class: 'pg-table' },
    h('caption', null, `Route table: ${routes.length} route${routes.length === 1 ? '' : 's'}${chosen >= 0 ? ' (the chosen one is marked)' : ''}`),
    h('thead', null, h('tr', null, ...['Host', 'Status', 'Path', 'Path type', 'Backend', 'How it matches', 'TLS secret', 'Ingress / rule'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      null,
      ...routes.map((r, i) =>
        h(
          'tr',
          { class: i === chosen ? 'pg-allow' : r.neverMatches ? 'pg-warn' : null, 'aria-current': i === chosen ? 'true' : null },
          h('th', { scope: 'row', class: 'pg-mono' }, r.rule === -1 ? '(no rule matched)' : (r.host ?? '(any host)')),
          h('td', null, i === chosen ? '✔ chosen' : r.neverMatches ? h('span', { title: r.neverMatches }, 'never used') : ''),
          h('td', { class: 'pg-mono' }, r.path ?? '—'),
          h('td', null, r.pathType ?? 'defaultBackend'),
          h('td', { class: 'pg-mono' }, r.backendText),
          h('td', null, r.matching),
          h('td', { class: 'pg-mono' }, r.tlsSecret ?? ''),
          h('td', { class: 'pg-mono' }, `${r.ingress}${r.rule >= 0 ? ` rule ${r.rule} path ${r.pathIndex}` : ' defaultBackend'}`),
        ),
      ),
    ),
  );
}

const ingress: ToolDefinition = {
  id: 'ingress',
  title: 'Ingress route evaluator',
  description: 'Which backend an Ingress sends a request to, and why: hosts, wildcards, path types, longest match, default backend, TLS.',
  inputs: [
    { name: 'manifests', label: 'Ingress manifests (and optionally IngressClass, Service)', language: 'yaml', schema: 'kubernetes', rows: 18, hint: 'One or more Ingresses; several of one class are merged, as the controller does.' },
    { name: 'request', label: 'Request', language: 'plaintext', rows: 2, hint: 'A URL such as https://myapp.com/blog/x; an optional second line "class: nginx" evaluates only that class.' },
  ],
  example: { manifests: MYAPP_INGRESS, request: 'https://myapp.com/blog/x' },
  fromQuery: (params, inputs) => requestFromQuery(params, inputs.request ?? ''),
  queryParams: {
    url: 'The request to route, e.g. url=https://myapp.com/blog/x (scheme, host and path; https also checks TLS).',
    class: 'Evaluate only the Ingresses of this IngressClass, e.g. class=webapprouting.kubernetes.azure.com; class= (empty) removes the filter.',
  },
  run(inputs) {
    const req = parseRequestText(inputs.request ?? '');
    const diagnostics: Diagnostic[] = req.diagnostics.map((d) => ({ ...d, input: 'request' }));
    if (!req.request) {
      return { view: h('p', { class: 'pg-muted' }, 'Write a request URL to see where it goes.'), diagnostics, summary: 'No request to evaluate' };
    }
    const r = routeRequest({
      manifests: inputs.manifests ?? '',
      request: { host: req.request.host, path: req.request.path, scheme: req.request.scheme },
      ...(req.request.className ? { ingressClassName: req.request.className } : {}),
    });
    diagnostics.push(...r.diagnostics.map((d) => ({ ...d, input: 'manifests' })));
    const target = `${req.request.scheme}://${req.request.host}${req.request.path}`;
    const backend = r.match ? (r.match.backend.service ? `Service ${r.match.backend.service.name}, port ${r.match.backend.service.port}` : `${r.match.backend.resource!.kind} ${r.match.backend.resource!.name}`) : undefined;
    const where = r.match ? (r.match.rule === -1 ? `${r.match.ingress}, spec.defaultBackend` : `${r.match.ingress}, rule ${r.match.rule}, ${r.match.pathType} ${r.match.path}`) : '';
    const verdict = r.match
      ? h('p', { class: 'pg-verdict pg-allow' }, `${target} → ${backend}`, h('br'), h('span', { class: 'pg-muted' }, `(${where})`))
      : h('p', { class: 'pg-verdict pg-deny' }, `${target} → no backend: the controller answers itself (ingress-nginx: 404)`);
    const view = h(
      'div',
      null,
      verdict,
      r.redirect ? h('p', { class: 'pg-warn' }, `First, ingress-nginx answers ${r.redirect.status} → ${r.redirect.location} (${r.redirect.reason}).`) : null,
      r.rewrite ? h('p', null, `The backend receives the path `, h('code', null, r.rewrite.upstreamPath), ` (rewrite-target ${r.rewrite.target}).`) : null,
      r.tls ? h('p', { class: r.tls.covered ? null : 'pg-warn' }, r.tls.covered ? `TLS: certificate from Secret "${r.tls.secretName ?? '?'}"; TLS ends at the controller.` : 'TLS: no tls entry lists this host — the controller\'s default certificate is presented.') : null,
      h('details', { open: true }, h('summary', null, 'Why'), h('ol', null, ...r.steps.map((s) => h('li', null, s)))),
      r.routes.length ? routeTableView(r.routes, r.chosen) : null,
    );
    const summary = r.match ? `${target} goes to ${backend} (${where})` : `${target} matches no rule and no default backend`;
    return { view, diagnostics, summary };
  },
};

export default ingress;
