/**
 * Views of the network policy engine's results: connection walkthroughs, the
 * who-can-reach-whom matrix and the policies grouped by target. They only render what
 * `lib/netpol` explains (explain.ts); no policy logic here.
 */
import { decidingSteps, explainCell, type Model, type PolicyGroup, type TableColumn, type TrafficResult } from '../../lib/netpol';
import { h, type VNode } from '../../lib/view/h';

/** Largest matrix drawn (pods per side); bigger clusters are summarised and queried by line. */
export const MATRIX_MAX_PODS = 12;

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
    null,
    h('h4', null, 'Connections'),
    ...results.map(({ r }) =>
      h(
        'details',
        { open: true },
        h('summary', null, h('span', { class: 'pg-mono' }, r.label), ': ', h('span', { class: r.verdict === 'allow' ? 'pg-allow' : 'pg-deny' }, verdictText(r.verdict))),
        walkthrough(r),
        h('p', { class: r.verdict === 'allow' ? 'pg-allow' : 'pg-deny' }, r.explanation.split('\n').pop() ?? ''),
      ),
    ),
  );
}

export function matrixView(m: Model, columns: TableColumn[], cells: ('allow' | 'deny')[][][]): VNode {
  const pods = m.cluster.pods;
  if (pods.length === 0) return h('p', { class: 'pg-muted' }, 'Add Pods (or Deployments) to the cluster pane to see who can reach whom.');
  const shown = pods.slice(0, MATRIX_MAX_PODS);
  return h(
    'div',
    null,
    h('h4', null, 'Who can connect to whom'),
    h('p', { class: 'pg-muted' }, 'Rows are sources, columns destinations. Open a cell for the rules that decided it; both the source\'s egress and the destination\'s ingress must allow.'),
    pods.length > shown.length ? h('p', { class: 'pg-warn' }, `The matrix shows the first ${shown.length} of ${pods.length} pods; ask about others with a connection line in the query pane.`) : null,
    ...columns.map((col, ci) => {
      const grid = cells[ci]!;
      const allowed = grid.flat().filter((x) => x === 'allow').length;
      return h(
        'table',
        { class: 'pg-table pg-matrix' },
        h('caption', null, `Port ${portLabel(col)} — ${allowed} of ${pods.length * pods.length} allowed`),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'from ↓ to →'), ...shown.map((p) => h('th', { scope: 'col', class: 'pg-mono' }, p.key)))),
        h(
          'tbody',
          null,
          ...shown.map((src, s) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row', class: 'pg-mono' }, src.key),
              ...shown.map((dst, d) => {
                const v = grid[s]![d]!;
                const r = explainCell(m, src.key, dst.key, col);
                // Stable hooks for tests and runbook automation: "src|dst|port/PROTO".
                return h(
                  'td',
                  { 'data-cell': `${src.key}|${dst.key}|${portLabel(col)}`, 'data-verdict': v },
                  h(
                    'details',
                    null,
                    h('summary', { class: v === 'allow' ? 'pg-allow' : 'pg-deny', 'aria-label': `${src.key} to ${dst.key} on ${portLabel(col)}: ${v}` }, src === dst ? `${verdictText(v)} (self)` : verdictText(v)),
                    h('ul', null, ...decidingSteps(r, src.key, dst.key).map((s) => h('li', null, s)), r.implementationDefined ? h('li', { class: 'pg-warn' }, r.implementationDefined) : null),
                  ),
                );
              }),
            ),
          ),
        ),
      );
    }),
  );
}

/** The engine's target → direction → peer grouping as a table. */
export function policyTable(groups: PolicyGroup[]): VNode | null {
  if (groups.length === 0) return null;
  return h(
    'div',
    null,
    h('h4', null, 'Policies by target'),
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
