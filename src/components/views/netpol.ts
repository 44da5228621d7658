/**
 * Views of the network policy engine's results: connection walkthroughs, the
 * who-can-reach-whom matrix and the policies grouped by target. They only render what
 * `lib/netpol` explains (explain.ts); no policy logic here.
 */
import { decidingSteps, explainCell, type Model, type NameColumn, type PolicyGroup, type TableColumn, type TrafficResult } from '../../lib/netpol';
import { count } from '../../lib/plural';
import { h, type VNode } from '../../lib/view/h';
import { secondary } from './secondary';

/** Largest matrix drawn (pods per side); bigger clusters are summarised and queried by line. */
export const MATRIX_MAX_PODS = 24;

const verdictText = (v: 'allow' | 'deny') => (v === 'allow' ? '✓ allow' : '✗ deny');
export const portLabel = (c: TableColumn): string => `${c.port}/${c.protocol}`;

function walkthrough(r: TrafficResult): VNode {
  const steps = [...r.egress.steps, ...r.ingress.steps];
  const notes = r.implementationDefined ? [r.implementationDefined] : [];
  if (steps.length === 0) return h('p', null, r.explanation);
  return h('ol', null, ...steps.map((s) => h('li', null, s)), ...notes.map((n) => h('li', { class: 'pg-warn' }, n)));
}

export function queryView(results: { r: TrafficResult; line: number }[]): VNode | null {
  if (results.length === 0) return null;
  return h(
    'div',
    // Classes name each part, so a run that adds one keeps the others in place (playground/dom.ts).
    { class: 'pg-connections' },
    h('h4', null, 'Connections'),
    ...results.map(({ r }, i) => {
      const summary = [h('span', { class: 'pg-mono' }, r.label), ': ', h('span', { class: r.verdict === 'allow' ? 'pg-allow' : 'pg-deny' }, verdictText(r.verdict))];
      const body = [walkthrough(r), h('p', { class: r.verdict === 'allow' ? 'pg-allow' : 'pg-deny' }, r.explanation.split('\n').pop() ?? '')];
      // The first connection's walkthrough is the answer; the others show their verdict and open on demand.
      return i === 0 ? h('details', { open: true }, h('summary', null, ...summary), ...body) : secondary(`connection-${r.label}`, summary, ...body);
    }),
  );
}

/** Longest label shown whole; longer ones keep both ends, where pod names differ ("paymen…service-0"). */
const LABEL_MAX = 16;
const middleCut = (s: string): string => (s.length <= LABEL_MAX ? s : `${s.slice(0, 6)}…${s.slice(-(LABEL_MAX - 7))}`);

/** Short label of a pod: its name, or namespace/name when the name is not unique; cut in the middle when long. */
function shortLabels(keys: string[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const k of keys) count.set(k.split('/')[1] ?? k, (count.get(k.split('/')[1] ?? k) ?? 0) + 1);
  return new Map(keys.map((k) => [k, middleCut((count.get(k.split('/')[1] ?? k) ?? 0) > 1 ? k : (k.split('/')[1] ?? k))]));
}

/** A short label with the full name on hover and keyboard focus (CSS shows data-full). */
const label = (short: string, full: string) => h('span', { class: 'pg-grid-label', tabindex: 0, title: full, 'data-full': full }, short);

/**
 * The connection matrix as a compact grid: ✓/✗ cells (colour and symbol), short labels
 * with the full names on hover and focus, and each cell's deciding rules in a popover on
 * click (the Popover API: no script, not clipped by the grid's scroll box). Rows are
 * sources; columns are destination pods, then the query's DNS names.
 */
export function matrixView(m: Model, columns: TableColumn[], cells: ('allow' | 'deny')[][][], names: NameColumn[] = []): VNode {
  const pods = m.cluster.pods;
  if (pods.length === 0) return h('p', { class: 'pg-muted' }, 'Add Pods (or Deployments) to the cluster pane to see who can reach whom.');
  const shown = pods.slice(0, MATRIX_MAX_PODS);
  const short = shortLabels(shown.map((p) => p.key));
  const dests = [...shown.map((p, i) => ({ key: p.key, index: i, resolvesTo: undefined as string | undefined, name: false })), ...names.map((n, i) => ({ key: n.name, index: pods.length + i, resolvesTo: n.resolvesTo, name: true }))];
  return h(
    'div',
    { class: 'pg-matrix-part' },
    h('h4', null, 'Who can connect to whom'),
    h('p', { class: 'pg-muted' }, `Rows are sources, columns destinations${names.length ? ' (pods, then the DNS names of your connections)' : ''}. ✓ allowed, ✗ denied; select a cell for the rules that decided it. Both the source's egress and the destination's ingress must allow.`),
    pods.length > shown.length ? h('p', { class: 'pg-warn' }, `The matrix shows the first ${shown.length} of ${pods.length} pods; ask about others with a connection line in the query pane.`) : null,
    ...columns.map((col, ci) => {
      const grid = cells[ci]!;
      const total = pods.length * (pods.length + names.length);
      const allowed = grid.flat().filter((x) => x === 'allow').length;
      // The first port is the answer; the others are secondary (collapsed on guide pages).
      const box = (part: VNode) => (ci === 0 ? part : secondary(`matrix-${portLabel(col)}`, `Port ${portLabel(col)} — ${allowed} of ${total} allowed`, part));
      return box(h(
        'div',
        { class: 'pg-grid-box', tabindex: 0, role: 'group', 'aria-label': `Matrix for port ${portLabel(col)}` },
        h(
          'table',
          { class: 'pg-matrix pg-grid' },
          h('caption', null, `Port ${portLabel(col)} — ${allowed} of ${total} allowed`),
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { scope: 'col', class: 'pg-grid-corner' }, 'from ↓ to →'),
              ...dests.map((d) => h('th', { scope: 'col', class: d.name ? 'pg-grid-col pg-grid-name' : 'pg-grid-col', 'aria-label': d.key }, label(d.name ? middleCut(d.key) : short.get(d.key)!, d.resolvesTo ? `${d.key} (${d.resolvesTo})` : d.key))),
            ),
          ),
          h(
            'tbody',
            null,
            ...shown.map((src, s) =>
              h(
                'tr',
                null,
                h('th', { scope: 'row', class: 'pg-grid-row', 'aria-label': src.key }, label(short.get(src.key)!, src.key)),
                ...dests.map((dst) => {
                  const v = grid[s]![dst.index]!;
                  const r = explainCell(m, src.key, dst.key, col, dst.resolvesTo);
                  const id = `@m-${ci}-${s}-${dst.index}`;
                  const what = `${src.key} to ${dst.key} on ${portLabel(col)}`;
                  // Stable hooks for tests and runbook automation: "src|dst|port/PROTO".
                  return h(
                    'td',
                    { 'data-cell': `${src.key}|${dst.key}|${portLabel(col)}`, 'data-verdict': v, class: v === 'allow' ? 'pg-cell-allow' : 'pg-cell-deny' },
                    h('button', { type: 'button', class: 'pg-grid-cell', popovertarget: id, 'aria-label': `${what}: ${v}${src.key === dst.key ? ' (self)' : ''}` }, v === 'allow' ? '✓' : '✗'),
                    h(
                      'div',
                      { id, popover: 'auto', class: 'pg-grid-why', role: 'dialog', 'aria-label': what },
                      h('p', { class: v === 'allow' ? 'pg-allow' : 'pg-deny' }, `${what}: ${verdictText(v)}`),
                      h('ul', null, ...decidingSteps(r, src.key, dst.key).map((x) => h('li', null, x)), r.implementationDefined ? h('li', { class: 'pg-warn' }, r.implementationDefined) : null),
                      h('button', { type: 'button', popovertarget: id, popovertargetaction: 'hide', class: 'pg-grid-close' }, 'Close'),
                    ),
                  );
                }),
              ),
            ),
          ),
        ),
      ));
    }),
  );
}

/** The engine's target → direction → peer grouping as a table. */
export function policyTable(groups: PolicyGroup[]): VNode | null {
  if (groups.length === 0) return null;
  const rows = groups.reduce((n, g) => n + Math.max(1, g.rows.length), 0);
  return secondary(
    'policies-by-target',
    `Policies by target (${count(groups.length, 'target')}, ${count(rows, 'row')})`,
    h(
      'table',
      { class: 'pg-table' },
      h('caption', null, 'What each group of pods may receive (ingress) and send (egress); rows of one target combine with OR'),
      h('thead', null, h('tr', null, ...['Target pods', 'Direction', 'Peer', 'Ports', 'Rule'].map((t) => h('th', { scope: 'col' }, t)))),
      ...groups.map((g) => {
        const head = h('th', { scope: 'rowgroup', rowspan: Math.max(1, g.rows.length) }, h('span', { class: 'pg-mono' }, g.target), h('br'), h('span', { class: 'pg-muted' }, g.pods.length ? g.pods.join(', ') : 'selects no pod'));
        if (g.rows.length === 0) return h('tbody', null, h('tr', null, head, h('td', { colspan: 4, class: 'pg-muted' }, 'no policy types')));
        return h(
          'tbody',
          null,
          ...g.rows.map((r, i) => h('tr', null, i === 0 ? head : null, h('td', null, r.direction), h('td', null, r.peer), h('td', { class: 'pg-mono' }, r.ports), h('td', { class: 'pg-mono' }, r.rule))),
        );
      }),
    ),
  );
}
