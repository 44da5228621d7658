/**
 * Views of the Gateway API engine's results, shared by the `gateway` router tool and the
 * `ingress-to-gateway` migration tool: the request's path as a picture and the route table.
 */
import type { GatewayRouteRow, RouteGatewayResult } from '../../lib/gateway';
import { h, type VNode } from '../../lib/view/h';

const BOX_W = 160;
const GAP = 28;
const LINE = 15;
const clip = (s: string, n = 24): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

interface Stage {
  title: string;
  lines: string[];
  state: 'ok' | 'fail' | 'none';
}

/** The stages a request passed: Gateway → listener → HTTPRoute → rule → backends (or where it stopped). */
function stages(r: RouteGatewayResult): Stage[] {
  const m = r.match;
  const chosen = r.chosen >= 0 ? r.table[r.chosen] : undefined;
  const gwName = m?.gateway ?? r.table[0]?.gateway;
  const out: Stage[] = [{ title: 'Gateway', lines: [gwName ?? '(none)'], state: gwName ? 'ok' : 'fail' }];
  if (!m) {
    out.push({ title: 'No match', lines: [`${r.status}`, clip(r.steps[r.steps.length - 1] ?? '', 60)], state: 'fail' });
    return out;
  }
  out.push({ title: 'Listener', lines: [m.listener, chosen ? `${chosen.listenerPort} ${chosen.listenerHostname ?? 'any host'}` : ''], state: 'ok' });
  out.push({ title: 'HTTPRoute', lines: [m.route, chosen ? chosen.hostnames.join(', ') : ''], state: 'ok' });
  out.push({ title: `Rule ${m.rule}${m.match >= 0 ? `, match ${m.match}` : ''}`, lines: chosen ? [chosen.matchText] : [], state: 'ok' });
  if (r.redirect) out.push({ title: `Redirect ${r.redirect.status}`, lines: [r.redirect.location], state: 'ok' });
  else if (r.status === 500) out.push({ title: '500', lines: m.backends.length ? m.backends.map((b) => `${b.name} ✗`) : ['no backendRefs'], state: 'fail' });
  else {
    const total = m.backends.reduce((s, b) => s + b.weight, 0);
    out.push({
      title: 'Backends',
      lines: m.backends.map((b) => `${b.namespace}/${b.name}${b.port !== undefined ? `:${b.port}` : ''}${m.backends.length > 1 ? ` ${total ? Math.round((b.weight / total) * 100) : 0}%` : ''}`),
      state: 'ok',
    });
  }
  return out;
}

/** Boxes joined by arrows, drawn with h() as SVG; every label is also in the text alternative. */
export function requestPicture(r: RouteGatewayResult): VNode {
  const st = stages(r);
  const rows = Math.max(...st.map((s) => s.lines.length), 1);
  const boxH = 26 + rows * LINE;
  const width = st.length * BOX_W + (st.length - 1) * GAP;
  const children: VNode[] = [
    h('defs', null, h('marker', { id: 'gw-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, h('path', { d: 'M 0 0 L 10 5 L 0 10 z', style: 'fill: var(--sl-color-gray-3)' }))),
  ];
  st.forEach((s, i) => {
    const x = i * (BOX_W + GAP);
    const stroke = s.state === 'fail' ? 'var(--pg-deny)' : 'var(--sl-color-gray-3)';
    children.push(
      h('rect', { x: x + 1, y: 1, width: BOX_W - 2, height: boxH - 2, rx: 6, style: `fill: var(--sl-color-gray-6); stroke: ${stroke}; stroke-width: ${s.state === 'fail' ? 2 : 1}` }),
      h('text', { x: x + 10, y: 18, 'font-size': 12, 'font-weight': 700 }, clip(s.title, 22)),
      ...s.lines.map((l, j) => h('text', { x: x + 10, y: 36 + j * LINE, 'font-size': 11 }, h('title', null, l), clip(l, 25))),
    );
    if (i > 0) children.push(h('line', { x1: x - GAP + 2, y1: boxH / 2, x2: x - 2, y2: boxH / 2, 'marker-end': 'url(#gw-arrow)', style: 'stroke: var(--sl-color-gray-3); stroke-width: 1.5' }));
  });
  const alt = st.map((s) => `${s.title}: ${s.lines.filter(Boolean).join(', ')}`).join(' → ');
  // Five boxes side by side: in a narrow result the picture scrolls in its own box rather than shrink its text below reading size.
  return h(
    'figure',
    null,
    h('div', { class: 'pg-scroll pg-figure-scroll', role: 'group', tabindex: 0, 'aria-label': 'Where the request goes (picture)' }, h('svg', { class: 'pg-diagram gw-path', viewBox: `0 0 ${width} ${boxH}`, width: '100%', role: 'img', 'aria-label': alt }, ...children)),
    h('figcaption', { class: 'pg-muted' }, alt),
  );
}

/** The route table: one row per listener × route × rule × match, in precedence order. */
export function routeTableView(rows: GatewayRouteRow[], chosen = -1, caption = 'Route table, in precedence order per listener'): VNode {
  return h(
    'div',
    { style: 'overflow-x: auto; max-width: 100%' },
    h(
      'table',
      { class: 'pg-table' },
      h('caption', null, `${caption}: ${rows.length} row${rows.length === 1 ? '' : 's'}${chosen >= 0 ? ' (the winner is marked)' : ''}`),
      h('thead', null, h('tr', null, ...['Outcome', 'Listener', 'Hostnames', 'Match', 'Action', 'Route / rule', 'Ranked by'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        null,
        ...rows.map((r, i) =>
          h(
            'tr',
            { class: i === chosen ? 'pg-hit' : null, 'aria-current': i === chosen ? 'true' : null },
            h('td', null, i === chosen ? h('span', { class: 'pg-allow' }, '✔ wins') : r.neverWins ? h('span', { class: 'pg-warn' }, 'never wins: ', r.neverWins) : ''),
            h('th', { scope: 'row', class: 'pg-mono' }, `${r.listener} (${r.listenerPort}${r.listenerHostname ? ` ${r.listenerHostname}` : ''})`),
            h('td', { class: 'pg-mono' }, r.hostnames.join(', ') === '*' ? 'any' : r.hostnames.join(', ')),
            h('td', { class: 'pg-mono' }, r.matchText),
            h('td', { class: 'pg-mono' }, r.actionText),
            h('td', { class: 'pg-mono' }, `${r.route} rule ${r.rule}${r.match >= 0 ? ` match ${r.match}` : ''}`),
            h('td', null, r.rankText),
          ),
        ),
      ),
    ),
  );
}
