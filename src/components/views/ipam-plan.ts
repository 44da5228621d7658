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
import { secondary } from './secondary';

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
/** Secondary (collapsed on guide pages): the verdict above already says whether the plan fits. */
export function limitsTable(plan: ClusterPlan): VNode {
  const caption = `Largest node count: ${n(plan.maxNodeCount)} (the lowest limit binds)`;
  return secondary('limits', caption, h(
    'table',
    { class: 'pg-table' },
    h('caption', null, caption),
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
  ));
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

/** Two drawings of one chart: the wide one for desktop results, the narrow one for phones (playground.css swaps them by the result's width). */
interface Layout {
  name: 'wide' | 'narrow';
  width: number;
  labelW: number;
  gap: number;
  laneH: number;
  /** Font sizes of lane labels, range labels and the axis, in viewBox units (about px at the width they are shown). */
  font: { lane: number; range: number; axis: number };
  /** No interval of the axis is drawn narrower than this, so a /28 in a /16 stays a readable box. */
  minW: number;
}
const LAYOUTS: Layout[] = [
  { name: 'wide', width: 760, labelW: 80, gap: 26, laneH: 28, font: { lane: 13, range: 12, axis: 11 }, minW: 40 },
  { name: 'narrow', width: 340, labelW: 64, gap: 18, laneH: 28, font: { lane: 13, range: 12, axis: 11 }, minW: 24 },
];
const TOP = 6;

/**
 * The x axis: blocks of touching ranges side by side (a ≈ between blocks), each cut at
 * every range boundary into intervals. An interval gets its share of the block's width
 * but never less than minW: small ranges are widened (the axis under them is dotted, and
 * the caption says so) instead of shrinking to 1-px slivers. Monotonic, so overlaps and
 * containment still read right.
 */
interface Interval {
  start: bigint;
  /** Exclusive. */
  end: bigint;
  x: number;
  w: number;
  widened: boolean;
}
interface Block {
  start: bigint;
  end: bigint;
  x: number;
  w: number;
  intervals: Interval[];
}

function axisOf(ranges: PlannedRange[], layout: Layout): Block[] {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const blocks: { start: bigint; end: bigint }[] = [];
  for (const r of sorted) {
    const last = blocks.at(-1);
    if (last && r.start <= last.end + 1n) {
      if (r.end > last.end) last.end = r.end;
    } else blocks.push({ start: r.start, end: r.end });
  }
  const usable = layout.width - layout.labelW - layout.gap * (blocks.length - 1);
  const bw = usable / blocks.length;
  return blocks.map((b, i) => {
    const cuts = new Set<bigint>([b.start, b.end + 1n]);
    for (const r of ranges) if (r.start >= b.start && r.end <= b.end) cuts.add(r.start).add(r.end + 1n);
    const edges = [...cuts].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const sizes = edges.slice(1).map((e, k) => Number(e - edges[k]!));
    const widths = spread(sizes, bw, Math.min(layout.minW, bw / sizes.length));
    let x = layout.labelW + i * (bw + layout.gap);
    const bx = x;
    const intervals = widths.map((w, k) => {
      const iv = { start: edges[k]!, end: edges[k + 1]!, x, w: w.w, widened: w.widened };
      x += w.w;
      return iv;
    });
    return { ...b, x: bx, w: bw, intervals };
  });
}

/** Widths proportional to sizes, each at least `min`, summing to `total`. */
function spread(sizes: number[], total: number, min: number): { w: number; widened: boolean }[] {
  const fixed = new Set<number>();
  for (let round = 0; round < sizes.length; round++) {
    const free = sizes.reduce((sum, v, k) => (fixed.has(k) ? sum : sum + v), 0);
    const room = total - fixed.size * min;
    let changed = false;
    sizes.forEach((v, k) => {
      if (!fixed.has(k) && (room * v) / free < min) {
        fixed.add(k);
        changed = true;
      }
    });
    if (!changed) break;
  }
  const free = sizes.reduce((sum, v, k) => (fixed.has(k) ? sum : sum + v), 0);
  const room = total - fixed.size * min;
  return sizes.map((v, k) => (fixed.has(k) || free === 0 ? { w: min, widened: true } : { w: (room * v) / free, widened: false }));
}

/** Where an address (or the end of a range, exclusive) falls on the axis. */
function xAt(blocks: Block[], v: bigint): number {
  for (const b of blocks) {
    for (const iv of b.intervals) {
      if (v >= iv.start && v <= iv.end) return iv.x + (iv.w * Number(((v - iv.start) * 10000n) / (iv.end - iv.start))) / 10000;
    }
  }
  return 0;
}

/**
 * The address space as lanes of bars (VNet, subnets, pod CIDR, services, reserved
 * ranges) on one axis. Ranges far apart (a pod CIDR in 192.168/16, a VNet in 10/8) are
 * drawn as separate blocks with ≈ between them; inside a block, small ranges are widened
 * to stay readable (dotted axis). Overlaps are red bands across the lanes.
 */
export function addressDiagram(plan: ClusterPlan, family: 4 | 6 = 4): VNode | null {
  const ranges = plan.ranges.filter((r) => r.family === family);
  if (ranges.length === 0) return null;
  const title = `IPv${family} address space: ${ranges.map((r) => r.name).join(', ')}${ranges.some((r) => r.overlaps.length) ? '. Overlaps are marked in red.' : '. No overlaps.'}`;
  const drawn = LAYOUTS.map((l) => drawing(plan, ranges, l, title));
  const blocks = axisOf(ranges, LAYOUTS[0]!).length;
  const widened = drawn.some((d) => d.widened);
  return h(
    'figure',
    { class: 'pg-address-space' },
    ...drawn.map((d) => d.svg),
    h(
      'figcaption',
      null,
      h(
        'p',
        { class: 'pg-muted' },
        blocks > 1 ? `IPv${family}: ${blocks} separate blocks of addresses, each drawn to its own scale (≈ marks a gap).` : `IPv${family}.`,
        widened ? ' Small ranges are widened so they can be read: where the axis is dotted, the chart is not to scale.' : ' Drawn to scale.',
      ),
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
      ranges.some((r) => needOf(plan, r)) ? h('p', { class: 'pg-muted' }, 'The darker part of a subnet or pod CIDR is what the plan needs of it, to scale within its bar.') : null,
    ),
  );
}

function drawing(plan: ClusterPlan, ranges: PlannedRange[], layout: Layout, title: string): { svg: VNode; widened: boolean } {
  const blocks = axisOf(ranges, layout);
  const lanes = LANES.filter((l) => ranges.some((r) => l.kinds.includes(r.kind)));
  const { laneH, font } = layout;
  const height = TOP + lanes.length * laneH + 40;
  const children: VNode[] = [h('title', null, title)];
  lanes.forEach((lane, i) => {
    const y = TOP + i * laneH;
    children.push(h('text', { x: 0, y: y + laneH / 2 + font.lane / 3, 'font-size': font.lane }, lane.label));
    for (const r of ranges.filter((x) => lane.kinds.includes(x.kind))) {
      const x1 = xAt(blocks, r.start);
      const w = Math.max(2, xAt(blocks, r.end + 1n) - x1);
      const hit = r.overlaps.length > 0;
      const label = clipText(r.cidr, w, font.range);
      children.push(
        h(
          'g',
          null,
          h('title', null, rangeText(r)),
          h('rect', { x: round(x1), y: y + 2, width: round(w), height: laneH - 6, rx: 2, style: `${fillStyle(r.kind)}; stroke-width: ${hit ? 2 : 1}${hit ? '; stroke: var(--pg-deny)' : ''}`, 'data-range': r.kind, 'data-cidr': r.cidr }),
          needBar(plan, r, x1, w, y, laneH),
          label ? h('text', { x: round(x1 + 3), y: y + laneH / 2 + font.range / 3, 'font-size': font.range }, label) : null,
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
      const x1 = xAt(blocks, lo);
      const w = Math.max(3, xAt(blocks, hi + 1n) - x1);
      children.push(
        h(
          'g',
          null,
          h('title', null, `Overlap: ${a.name} and ${b.name} share ${lo === hi ? 'an address' : 'addresses'}`),
          h('rect', { x: round(x1), y: TOP, width: round(w), height: lanes.length * laneH, style: 'fill: var(--pg-deny); fill-opacity: 0.18; stroke: var(--pg-deny); stroke-dasharray: 4 2' }),
        ),
      );
    }
  }
  // axis: solid where to scale, dotted where widened; first and last address of each block, ≈ between blocks
  const axisY = TOP + lanes.length * laneH + 4;
  let widened = false;
  blocks.forEach((b, i) => {
    for (const iv of b.intervals) {
      widened ||= iv.widened;
      children.push(h('line', { x1: round(iv.x), y1: axisY, x2: round(iv.x + iv.w), y2: axisY, style: `stroke: var(--sl-color-gray-3); stroke-width: 2${iv.widened ? '; stroke-dasharray: 2 3' : ''}`, 'data-widened': iv.widened ? 'true' : null }));
    }
    const first = ranges.find((r) => r.start === b.start)!.first;
    const last = [...ranges].reverse().find((r) => r.end === b.end)!.last;
    children.push(
      h('text', { x: round(b.x), y: axisY + font.axis + 3, 'font-size': font.axis }, first),
      h('text', { x: round(b.x + b.w), y: axisY + 2 * font.axis + 7, 'font-size': font.axis, 'text-anchor': 'end' }, last),
    );
    if (i > 0) children.push(h('text', { x: round(b.x - layout.gap / 2), y: axisY + 5, 'font-size': 16, 'text-anchor': 'middle' }, '≈'));
  });
  const svg = h(
    'svg',
    { class: `pg-diagram pg-diagram-${layout.name}`, viewBox: `0 0 ${layout.width} ${height}`, width: '100%', role: 'img', 'aria-label': title, 'data-layout': layout.name },
    ...children,
  );
  return { svg, widened };
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
function needBar(plan: ClusterPlan, r: PlannedRange, x: number, w: number, y: number, laneH: number): VNode | null {
  const need = needOf(plan, r);
  if (!need) return null;
  const fw = Math.max(need.required > 0 ? 1 : 0, w * need.fraction);
  return h(
    'rect',
    {
      x: round(x),
      y: y + 2,
      width: round(fw),
      height: laneH - 6,
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

function rangeText(r: PlannedRange): string {
  return `${r.name}${r.defaulted ? ' (default)' : ''}: ${r.first} – ${r.last}, ${r.size} ${noun(r.size === '1' ? 1 : 2, 'address')}`;
}

function swatch(kind: RangeKind): VNode {
  return h('svg', { width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': 'true' }, h('rect', { x: 1, y: 1, width: 10, height: 10, style: fillStyle(kind) }));
}

const round = (v: number) => Math.round(v * 10) / 10;
/** The label if it fits the bar (about 0.6 em per character), else a shortened one, else none. */
function clipText(t: string, w: number, size: number): string | null {
  const per = size * 0.6;
  if (t.length * per <= w - 6) return t;
  const keep = Math.floor((w - 6) / per) - 1;
  return keep >= 4 ? `${t.slice(0, keep)}…` : null;
}

/** Both families' diagrams. */
/** The IPv4 picture, then (dual-stack) the IPv6 one as a secondary part. */
export function addressDiagrams(plan: ClusterPlan): VNode[] {
  const v6 = addressDiagram(plan, 6);
  return [addressDiagram(plan, 4), v6 ? secondary('ipv6-space', 'IPv6 address space', v6) : null].filter((x): x is VNode => x !== null);
}
