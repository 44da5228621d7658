/**
 * Views of an IP plan, shared by the planner and the az script checker: the table of
 * required vs usable addresses per range, the node limits, and the address-space diagram.
 * Built with h(): semantic HTML and an inline SVG with <title>s, plus a text legend so
 * nothing depends on colour alone.
 */
import { formatCount } from '../../lib/cidr/ip';
import { PLUGIN_NAMES, type ClusterPlan, type PlannedRange, type RangeKind } from '../../lib/ipam';
import { count, noun } from '../../lib/plural';
import { h, type VNode } from '../../lib/view/h';

const n = (v: number): string => (Number.isSafeInteger(v) ? formatCount(BigInt(v)) : v.toExponential(2));

const verdict = (fits: boolean, known = true): VNode =>
  !known ? h('span', { class: 'pg-muted' }, 'unknown') : fits ? h('span', { class: 'pg-allow' }, 'fits') : h('span', { class: 'pg-deny' }, 'too small');

/**
 * One line: does the plan work, and how far can it grow. `errors` is the count the
 * playground's headline shows (all of the tool's errors); `scope` names what is counted
 * when it is less than the whole input (one cluster of a script).
 */
export function planVerdict(plan: ClusterPlan, errors = plan.diagnostics.filter((d) => d.severity === 'error').length, scope?: string): VNode {
  const grow = `at most ${count(plan.maxNodeCount, 'node')} with these ranges`;
  return errors === 0
    ? h('p', { class: 'pg-verdict pg-allow' }, `The plan works: ${count(plan.effective.nodeCount, 'node')} now, ${grow}.`)
    : h('p', { class: 'pg-verdict pg-deny' }, `${count(errors, 'error')}${scope ? ` in ${scope}` : ''} to fix (under Findings); ${grow}.`);
}

/** Required vs usable addresses per range, with the formula behind each number. */
export function sizingTable(plan: ClusterPlan, caption = 'Addresses each range must hold'): VNode {
  const rows: VNode[] = [];
  const ns = plan.nodeSubnet;
  rows.push(
    h(
      'tr',
      null,
      h('th', { scope: 'row' }, 'Node subnet'),
      h('td', null, verdict(ns.fits, ns.known)),
      h('td', { class: 'pg-mono' }, ns.cidr || '—'),
      h('td', null, n(ns.required)),
      h('td', null, ns.known ? `${n(ns.usable)} (size − 5 reserved by Azure)` : '—'),
      h('td', null, ns.formula, ns.known && !ns.fits && ns.smallestFittingPrefix !== null ? ` — a /${ns.smallestFittingPrefix} or larger fits.` : ''),
    ),
  );
  if (plan.podSubnet) {
    const ps = plan.podSubnet;
    rows.push(
      h(
        'tr',
        null,
        h('th', { scope: 'row' }, 'Pod subnet'),
        h('td', null, verdict(ps.fits, ps.known)),
        h('td', { class: 'pg-mono' }, ps.cidr || '—'),
        h('td', null, n(ps.required)),
        h('td', null, ps.known ? `${n(ps.usable)} (size − 5)` : '—'),
        h('td', null, ps.formula, ps.known && !ps.fits && ps.smallestFittingPrefix !== null ? ` — a /${ps.smallestFittingPrefix} or larger fits.` : ''),
      ),
    );
  }
  if (plan.podCidr) {
    const pc = plan.podCidr;
    rows.push(
      h(
        'tr',
        null,
        h('th', { scope: 'row' }, 'Pod CIDR'),
        h('td', null, verdict(pc.fits)),
        h('td', { class: 'pg-mono' }, pc.cidr),
        h('td', null, `${n(pc.required)} /24 blocks`),
        h('td', null, `${n(pc.nodesSupported)} /24 blocks`),
        h('td', null, pc.formula),
      ),
    );
  }
  const svc = plan.ranges.filter((r) => r.kind === 'service-cidr');
  for (const s of svc) {
    rows.push(
      h(
        'tr',
        null,
        h('th', { scope: 'row' }, 'Service CIDR'),
        h('td', null, s.overlaps.length ? h('span', { class: 'pg-deny' }, 'overlaps') : h('span', { class: 'pg-allow' }, 'ok')),
        h('td', { class: 'pg-mono' }, s.cidr),
        h('td', null, 'one per Service'),
        h('td', null, `${s.size} ${noun(s.size === '1' ? 1 : 2, 'address')}`),
        h('td', null, `DNS service IP ${plan.effective.dnsServiceIp || '—'}; virtual, never in a subnet${s.defaulted ? ' (default range)' : ''}.`),
      ),
    );
  }
  return h(
    'table',
    { class: 'pg-table' },
    h('caption', null, caption),
    h('thead', null, h('tr', null, ...['Range', 'Verdict', 'CIDR', 'Needed', 'Available', 'How it is counted'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, ...rows),
  );
}

/** Every ceiling on the node count; the lowest decides maxNodeCount. */
export function limitsTable(plan: ClusterPlan): VNode {
  return h(
    'table',
    { class: 'pg-table' },
    h('caption', null, `Largest node count: ${n(plan.maxNodeCount)} (the lowest limit binds)`),
    h('thead', null, h('tr', null, ...['Limit', 'Max nodes', 'Rule', 'Source'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      null,
      ...plan.limits.map((l) =>
        h(
          'tr',
          { class: l.binding ? 'pg-hit' : null },
          h('th', { scope: 'row' }, l.name, l.binding ? h('strong', null, ' — binds') : null),
          h('td', null, n(l.maxNodes)),
          h('td', null, l.formula),
          h('td', null, h('a', { href: l.source }, new URL(l.source).pathname.split('/').filter(Boolean).pop() ?? 'source')),
        ),
      ),
    ),
  );
}

/** The values the plan used, with the defaults it filled in. */
export function valuesUsed(plan: ClusterPlan): VNode {
  const e = plan.effective;
  const item = (k: string, v: string) => [h('dt', null, k), h('dd', { class: 'pg-mono' }, v)];
  return h(
    'details',
    null,
    h('summary', null, `Values used${plan.defaults.length ? ` (${count(plan.defaults.length, 'default')} filled in)` : ''}`),
    h(
      'dl',
      null,
      ...item('Plugin', `${PLUGIN_NAMES[e.plugin]}${e.dataplane === 'cilium' ? ', Cilium dataplane' : ''}`),
      ...item('Nodes', `${e.nodeCount} + ${e.maxSurge} surge during upgrades`),
      ...item('Max pods per node', String(e.maxPods)),
      ...(e.podCidr ? item('Pod CIDR', e.podCidr) : []),
      ...item('Service CIDR', e.serviceCidr),
      ...item('DNS service IP', e.dnsServiceIp || '—'),
    ),
    plan.defaults.length ? h('p', { class: 'pg-muted' }, `Defaults: ${plan.defaults.join('; ')}.`) : null,
  );
}

// ---- address-space diagram ----------------------------------------------------------

const LANES: { label: string; kinds: RangeKind[] }[] = [
  { label: 'VNet', kinds: ['vnet'] },
  { label: 'Subnets', kinds: ['node-subnet', 'pod-subnet'] },
  { label: 'Other', kinds: ['other'] },
  { label: 'Pod CIDR', kinds: ['pod-cidr'] },
  { label: 'Services', kinds: ['service-cidr'] },
  { label: 'Reserved', kinds: ['forbidden', 'docker-bridge'] },
];

/** Starlight's palette, so the diagram follows light and dark themes. */
const COLOUR: Record<RangeKind, string> = {
  vnet: 'blue',
  'node-subnet': 'green',
  'pod-subnet': 'purple',
  other: 'gray',
  'pod-cidr': 'orange',
  'service-cidr': 'purple',
  forbidden: 'red',
  'docker-bridge': 'gray',
};
const fillStyle = (k: RangeKind) => {
  const c = COLOUR[k];
  return c === 'gray' ? 'fill: var(--sl-color-gray-5); stroke: var(--sl-color-gray-3)' : `fill: var(--sl-color-${c}-low); stroke: var(--sl-color-${c})`;
};

const WIDTH = 760;
const LABEL_W = 78;
const GAP = 26;
const LANE_H = 24;
const TOP = 6;

interface Segment {
  start: bigint;
  end: bigint;
  x: number;
  w: number;
}

/**
 * The VNet as a bar with the other ranges to scale. Ranges far apart (a pod CIDR in
 * 192.168/16, a VNet in 10/8) would vanish on one linear axis, so the axis is broken into
 * blocks of touching ranges, each drawn to its own scale, with a ≈ between blocks.
 */
export function addressDiagram(plan: ClusterPlan, family: 4 | 6 = 4): VNode | null {
  const ranges = plan.ranges.filter((r) => r.family === family);
  if (ranges.length === 0) return null;
  const segments = segmentsOf(ranges);
  const lanes = LANES.filter((l) => ranges.some((r) => l.kinds.includes(r.kind)));
  const height = TOP + lanes.length * LANE_H + 34;
  const xOf = (v: bigint, seg: Segment) => seg.x + Number(((v - seg.start) * 100000n) / (seg.end - seg.start + 1n)) * (seg.w / 100000);
  const segOf = (r: { start: bigint }) => segments.find((s) => r.start >= s.start && r.start <= s.end)!;
  const title = `IPv${family} address space: ${ranges.map((r) => r.name).join(', ')}${ranges.some((r) => r.overlaps.length) ? '. Overlaps are marked in red.' : '. No overlaps.'}`;

  const children: VNode[] = [h('title', null, title)];
  lanes.forEach((lane, i) => {
    const y = TOP + i * LANE_H;
    children.push(h('text', { x: 0, y: y + 16, 'font-size': 11 }, lane.label));
    for (const r of ranges.filter((x) => lane.kinds.includes(x.kind))) {
      const seg = segOf(r);
      const x1 = xOf(r.start, seg);
      const x2 = xOf(r.end + 1n, seg);
      const w = Math.max(2, x2 - x1);
      const hit = r.overlaps.length > 0;
      children.push(
        h(
          'g',
          null,
          h('title', null, rangeText(r)),
          h('rect', { x: round(x1), y: y + 2, width: round(w), height: LANE_H - 6, rx: 2, style: `${fillStyle(r.kind)}; stroke-width: ${hit ? 2 : 1}${hit ? '; stroke: var(--pg-deny)' : ''}`, 'data-range': r.kind, 'data-cidr': r.cidr }),
          needBar(plan, r, x1, w, y),
          w > 70 ? h('text', { x: round(x1 + 4), y: y + 15, 'font-size': 10 }, clipText(r.cidr, w)) : null,
        ),
      );
    }
  });
  // overlaps: a red band across every lane where two colliding ranges share addresses
  const seen = new Set<string>();
  for (const a of ranges) {
    for (const name of a.overlaps) {
      const b = ranges.find((x) => x.name === name);
      if (!b || a.kind === 'forbidden' || b.kind === 'forbidden') continue;
      const pair = [a.name, b.name].sort().join('|');
      if (seen.has(pair)) continue;
      seen.add(pair);
      const lo = a.start > b.start ? a.start : b.start;
      const hi = a.end < b.end ? a.end : b.end;
      const seg = segOf({ start: lo });
      const x1 = xOf(lo, seg);
      const w = Math.max(3, xOf(hi + 1n, seg) - x1);
      children.push(
        h(
          'g',
          null,
          h('title', null, `Overlap: ${a.name} and ${b.name} share ${lo === hi ? 'an address' : 'addresses'}`),
          h('rect', { x: round(x1), y: TOP, width: round(w), height: lanes.length * LANE_H, style: 'fill: var(--pg-deny); fill-opacity: 0.18; stroke: var(--pg-deny); stroke-dasharray: 4 2' }),
        ),
      );
    }
  }
  // axis: first and last address of each block, ≈ between blocks
  const axisY = TOP + lanes.length * LANE_H + 12;
  segments.forEach((s, i) => {
    const first = ranges.find((r) => r.start === s.start)!.first;
    const last = [...ranges].reverse().find((r) => r.end === s.end)!.last;
    children.push(
      h('line', { x1: round(s.x), y1: axisY - 8, x2: round(s.x + s.w), y2: axisY - 8, style: 'stroke: var(--sl-color-gray-3)' }),
      h('text', { x: round(s.x), y: axisY + 4, 'font-size': 9 }, first),
      h('text', { x: round(s.x + s.w), y: axisY + 16, 'font-size': 9, 'text-anchor': 'end' }, last),
    );
    if (i > 0) children.push(h('text', { x: round(s.x - GAP / 2), y: axisY - 4, 'font-size': 14, 'text-anchor': 'middle' }, '≈'));
  });

  return h(
    'figure',
    null,
    h('svg', { class: 'pg-diagram', viewBox: `0 0 ${WIDTH} ${height}`, width: '100%', role: 'img', 'aria-label': title }, ...children),
    h(
      'figcaption',
      null,
      h('p', { class: 'pg-muted' }, segments.length > 1 ? `IPv${family}: ${segments.length} separate blocks of addresses, each drawn to its own scale (≈ marks a gap).` : `IPv${family}, drawn to scale.`),
      h(
        'ul',
        null,
        ...ranges.map((r) => {
          const need = needOf(plan, r);
          return h(
            'li',
            null,
            swatch(r.kind),
            ' ',
            rangeText(r),
            need ? ` — the plan needs ${need.text}` : null,
            r.overlaps.length ? h('span', { class: 'pg-deny' }, ` — overlaps ${r.overlaps.join(', ')}`) : null,
          );
        }),
      ),
      ranges.some((r) => needOf(plan, r)) ? h('p', { class: 'pg-muted' }, 'The darker part of a subnet or pod CIDR is what the plan needs of it, to scale.') : null,
    ),
  );
}

/**
 * How much of a range the plan needs: addresses of the node or pod subnet, /24 blocks of
 * the pod CIDR. Only for the range the sizing is about (the primary family).
 */
function needOf(plan: ClusterPlan, r: PlannedRange): { fraction: number; over: boolean; text: string; required: number; available: number } | null {
  const sizing = r.kind === 'node-subnet' ? plan.nodeSubnet : r.kind === 'pod-subnet' ? plan.podSubnet : undefined;
  if (sizing && sizing.known && sizing.cidr === r.cidr) {
    const size = Number(r.end - r.start + 1n);
    return {
      fraction: Math.min(1, sizing.required / size),
      over: !sizing.fits,
      text: `${n(sizing.required)} of its ${n(sizing.usable)} usable addresses`,
      required: sizing.required,
      available: sizing.usable,
    };
  }
  const pc = plan.podCidr;
  if (r.kind === 'pod-cidr' && pc && pc.cidr === r.cidr && pc.nodesSupported > 0) {
    return { fraction: Math.min(1, pc.required / pc.nodesSupported), over: !pc.fits, text: `${n(pc.required)} of its ${n(pc.nodesSupported)} /24 blocks`, required: pc.required, available: pc.nodesSupported };
  }
  return null;
}

/** The needed part of a range, drawn inside its bar; red when the need exceeds the range. */
function needBar(plan: ClusterPlan, r: PlannedRange, x: number, w: number, y: number): VNode | null {
  const need = needOf(plan, r);
  if (!need) return null;
  const fw = Math.max(need.required > 0 ? 1 : 0, w * need.fraction);
  return h(
    'rect',
    {
      x: round(x),
      y: y + 2,
      width: round(fw),
      height: LANE_H - 6,
      rx: 2,
      style: `fill: ${need.over ? 'var(--pg-deny)' : `var(--sl-color-${COLOUR[r.kind] === 'gray' ? 'gray-3' : COLOUR[r.kind]})`}; fill-opacity: 0.45; stroke: none`,
      'data-need': r.kind,
      'data-required': need.required,
      'data-available': need.available,
      'data-fits': need.over ? 'false' : 'true',
    },
    h('title', null, `${r.name}: the plan needs ${need.text}${need.over ? ' — more than it holds' : ''}`),
  );
}

function segmentsOf(ranges: PlannedRange[]): Segment[] {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const blocks: { start: bigint; end: bigint }[] = [];
  for (const r of sorted) {
    const last = blocks.at(-1);
    if (last && r.start <= last.end + 1n) {
      if (r.end > last.end) last.end = r.end;
    } else blocks.push({ start: r.start, end: r.end });
  }
  const usable = WIDTH - LABEL_W - GAP * (blocks.length - 1);
  const w = usable / blocks.length;
  return blocks.map((b, i) => ({ ...b, x: LABEL_W + i * (w + GAP), w }));
}

function rangeText(r: PlannedRange): string {
  return `${r.name}${r.defaulted ? ' (default)' : ''}: ${r.first} – ${r.last}, ${r.size} ${noun(r.size === '1' ? 1 : 2, 'address')}`;
}

function swatch(kind: RangeKind): VNode {
  return h('svg', { width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': 'true' }, h('rect', { x: 1, y: 1, width: 10, height: 10, style: fillStyle(kind) }));
}

const round = (v: number) => Math.round(v * 10) / 10;
const clipText = (t: string, w: number) => (t.length * 6 > w - 6 ? `${t.slice(0, Math.max(3, Math.floor((w - 10) / 6)))}…` : t);

/** Both families' diagrams. */
export function addressDiagrams(plan: ClusterPlan): VNode[] {
  return [addressDiagram(plan, 4), addressDiagram(plan, 6)].filter((x): x is VNode => x !== null);
}
