import { convertIngress, ingressEquivalence, type EquivalenceRow, type NotConverted } from '../../lib/gateway';
import type { Diagnostic } from '../../lib/diagnostics';
import { diag } from '../../lib/diagnostics';
import { queryText } from '../../lib/query-text';
import { count } from '../../lib/plural';
import { h, type VNode } from '../../lib/view/h';
import { secondary } from '../views/secondary';
import { MYAPP_INGRESS } from './ingress';
import type { ToolDefinition } from './types';

/** The Ingress page's example plus a host-less health check and an ImplementationSpecific path. */
export const MIGRATION_EXAMPLE = `${MYAPP_INGRESS}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: health
  namespace: default
  annotations:
    nginx.ingress.kubernetes.io/proxy-body-size: 8m
spec:
  ingressClassName: webapprouting.kubernetes.azure.com
  rules:
  - http:
      paths:
      - path: /healthz
        pathType: ImplementationSpecific
        backend:
          service:
            name: frontend
            port:
              number: 80
`;

/** The options pane: "ingress class: …" and "gateway class: …" lines. */
export function readOptions(text: string): { ingressClassName?: string; gatewayClassName?: string; diagnostics: Diagnostic[] } {
  const out: { ingressClassName?: string; gatewayClassName?: string; diagnostics: Diagnostic[] } = { diagnostics: [] };
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(ingress|gateway)\s*class\s*:\s*(\S*)\s*$/i.exec(line);
    if (!m) {
      out.diagnostics.push(diag('warning', 'option-ignored', `"${line}" is ignored: write "ingress class: <name>" or "gateway class: <name>".`, { line: i + 1, column: 1, endColumn: raw.length + 1 }));
      return;
    }
    if (m[2]) {
      if (m[1]!.toLowerCase() === 'ingress') out.ingressClassName = m[2];
      else out.gatewayClassName = m[2];
    }
  });
  return out;
}

const requestOf = (r: EquivalenceRow): string => `${r.request.scheme}://${r.request.host}${r.request.path}`;
const KIND: Record<EquivalenceRow['request']['kind'], string> = { path: 'a path', 'near-miss': 'near-miss', 'other-host': 'unlisted host', 'deeper-host': 'deeper subdomain', https: 'https' };

function equivalenceView(rows: EquivalenceRow[]): VNode {
  const cols = ['Request', 'Same?', 'Ingress (ingress-nginx)', 'Gateway API', 'Why tried'];
  return h(
    'table',
    { class: 'pg-table gw-equivalence' },
    h('caption', null, `Equivalence: ${rows.length} requests routed by ingress-nginx's rules and by the Gateway API above`),
    h('thead', null, h('tr', null, ...cols.map((t) => h('th', { scope: 'col' }, t)))),
    // A differing request gets a second row with the reason across the table, so a long reason
    // neither hides in a far column nor makes the row tall.
    ...rows.map((r) =>
      h(
        'tbody',
        { class: r.same ? null : 'gw-diff' },
        h(
          'tr',
          { class: r.same ? null : 'pg-hit' },
          h('th', { scope: 'row', class: 'pg-mono' }, requestOf(r)),
          h('td', null, r.same ? h('span', { class: 'pg-allow' }, 'same') : h('span', { class: 'pg-deny' }, '≠ differs')),
          h('td', { class: 'pg-mono' }, r.ingress),
          h('td', { class: 'pg-mono' }, r.gateway),
          h('td', null, KIND[r.request.kind]),
        ),
        r.same ? null : h('tr', { class: 'pg-hit gw-why' }, h('td', { colspan: cols.length }, 'Why they differ: ', r.note ?? 'not explained by the conversion notes: check this request by hand.')),
      ),
    ),
  );
}

function notConvertedView(items: NotConverted[]): VNode {
  if (items.length === 0) return h('p', { class: 'pg-allow' }, 'Everything in the input carried over.');
  return h(
    'table',
    { class: 'pg-table' },
    h('caption', null, `Not converted, or converted with a difference: ${items.length}`),
    h('thead', null, h('tr', null, ...['What', 'Object', 'Why'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, ...items.map((n) => h('tr', null, h('th', { scope: 'row', class: 'pg-mono' }, n.what), h('td', { class: 'pg-mono' }, n.object), h('td', null, n.reason)))),
  );
}

const tool: ToolDefinition = {
  id: 'ingress-to-gateway',
  title: 'Ingress to Gateway API migration',
  description: 'Converts Ingresses (and their Services) to Gateway and HTTPRoute YAML, lists what does not carry over, and routes requests through both side by side.',
  inputs: [
    { name: 'manifests', label: 'Ingresses and Services (kubectl get ingress,svc -A -o yaml)', language: 'yaml', schema: 'kubernetes', rows: 20, hint: 'Paste what kubectl prints; status, uid and other server fields are fine.' },
    { name: 'options', label: 'Classes (optional)', language: 'plaintext', rows: 2, hint: '"ingress class: <name>" converts only that class; "gateway class: <name>" sets gatewayClassName (default: approuting-istio for application routing).' },
  ],
  example: { manifests: MIGRATION_EXAMPLE, options: 'ingress class: webapprouting.kubernetes.azure.com\ngateway class: approuting-istio' },
  fromQuery(params, inputs) {
    const ing = queryText(params, 'ingressClass', { max: 253, noSpaces: true });
    const gw = queryText(params, 'gatewayClass', { max: 253, noSpaces: true });
    if (ing === undefined && gw === undefined) return {};
    const current = readOptions(inputs.options ?? '');
    const i = ing ?? current.ingressClassName;
    const g = gw ?? current.gatewayClassName;
    return { options: [i ? `ingress class: ${i}` : '', g ? `gateway class: ${g}` : ''].filter(Boolean).join('\n') };
  },
  queryParams: {
    ingressClass: 'Convert only the Ingresses of this class, e.g. ingressClass=webapprouting.kubernetes.azure.com.',
    gatewayClass: 'The gatewayClassName of the generated Gateways, e.g. gatewayClass=approuting-istio.',
  },
  run(inputs) {
    const opts = readOptions(inputs.options ?? '');
    const diagnostics: Diagnostic[] = opts.diagnostics.map((d) => ({ ...d, input: 'options' }));
    const input = { manifests: inputs.manifests ?? '', ...(opts.ingressClassName ? { ingressClassName: opts.ingressClassName } : {}), ...(opts.gatewayClassName ? { gatewayClassName: opts.gatewayClassName } : {}) };
    const c = convertIngress(input);
    diagnostics.push(...c.diagnostics.map((d) => ({ ...d, input: 'manifests' })));
    const e = ingressEquivalence(input);
    diagnostics.push(...e.diagnostics.map((d) => ({ ...d, input: 'manifests' })));
    const routes = (c.manifests.match(/^kind: HTTPRoute$/gm) ?? []).length;
    const unexplained = e.rows.filter((r) => !r.same && !r.note).length;
    // Ingresses left out only because of the class filter: say so, or the reader blames the input.
    const otherClass = opts.ingressClassName ? c.notConverted.filter((n) => n.what === 'the whole Ingress' && n.reason.startsWith('Its class is')).length : 0;
    const verdict =
      c.gateways.length === 0
        ? otherClass
          ? `Nothing to convert: ${count(otherClass, 'Ingress', 'Ingresses')} in the input ${otherClass === 1 ? 'is' : 'are'} not of class ${opts.ingressClassName}. Clear "ingress class" under Classes to convert every class.`
          : 'Nothing to convert: no Ingress the API server would accept is in the input.'
        : `${c.gateways.length} Gateway${c.gateways.length === 1 ? '' : 's'} and ${routes} HTTPRoute${routes === 1 ? '' : 's'}. Equivalence: ${e.rows.length - e.differences} of ${e.rows.length} requests route the same${e.differences ? `; ${e.differences} differ${e.differences === 1 ? 's' : ''}${unexplained ? ` (${unexplained} not explained)` : ', each explained below'}` : ''}.`;
    // The summary above the view already states the verdict; the view starts with the details.
    const lines = c.manifests.split('\n').length;
    const view = h(
      'div',
      null,
      h('h4', null, 'What did not carry over'),
      notConvertedView(c.notConverted),
      h('h4', null, 'Equivalence table'),
      e.rows.length ? equivalenceView(e.rows) : h('p', { class: 'pg-muted' }, 'No request to compare.'),
      c.gateways.length
        ? secondary(
            'gateway-yaml',
            `Gateway API YAML (${count(lines, 'line')})`,
            h(
              'div',
              { 'data-copy-scope': '' },
              h('p', null, h('button', { type: 'button', 'data-action': 'copy-text', 'data-copy-what': 'YAML' }, 'Copy YAML'), ' ', h('span', { class: 'pg-muted' }, 'Review before applying, as the AKS migration guide says of any converter.')),
              h('pre', { class: 'pg-mono gw-yaml', 'data-copy-source': '', tabindex: 0, 'aria-label': 'Generated Gateway API YAML' }, c.manifests),
            ),
          )
        : null,
    );
    return { view, diagnostics, summary: verdict };
  },
};

export default tool;
