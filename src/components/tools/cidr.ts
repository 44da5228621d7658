import { analyzeRanges, SPLIT_SHOWN, type CidrInfo } from '../../lib/cidr';
import { formatCount } from '../../lib/cidr/ip';
import { count } from '../../lib/plural';
import { h } from '../../lib/view/h';
import type { ToolDefinition } from './types';

const n = (s: string | null): string => (s === null ? '—' : formatCount(BigInt(s)));

function rangeTable(ranges: CidrInfo[]) {
  return h(
    'table',
    { class: 'pg-table' },
    h('caption', null, ranges.length === 1 ? 'The range' : `${ranges.length} ranges`),
    h('thead', null, h('tr', null, ...['Range', 'Usable in an Azure subnet', 'Addresses', 'First address', 'Last address', 'Mask'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      null,
      ...ranges.map((r) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row', class: 'pg-mono' }, r.cidr),
          h('td', null, r.azureUsable === null ? h('span', { class: 'pg-muted', title: r.azureNote }, 'not a subnet size') : `${n(r.azureUsable)} (${r.azureFirstUsable} – ${r.azureLastUsable})`),
          h('td', null, n(r.total)),
          h('td', { class: 'pg-mono' }, r.network),
          h('td', { class: 'pg-mono' }, r.last),
          h('td', { class: 'pg-mono' }, r.family === 4 ? r.mask : `/${r.prefix}`),
        ),
      ),
    ),
  );
}

const cidr: ToolDefinition = {
  id: 'cidr',
  title: 'CIDR calculator',
  description: 'Network and last address, mask, size, addresses usable in an Azure subnet, overlaps, and splitting — IPv4 and IPv6.',
  inputs: [
    { name: 'ranges', label: 'Ranges, one per line', language: 'plaintext', rows: 4, hint: 'IPv4 or IPv6 in CIDR notation, e.g. 10.0.0.0/16 or fd00::/64. # starts a comment.' },
    { name: 'split', label: 'Split the first range into', language: 'plaintext', rows: 1, hint: 'A prefix length such as /24; leave empty to skip.' },
  ],
  example: { ranges: '10.0.0.0/16\n10.0.4.0/22', split: '/18' },
  queryParams: {
    cidr: 'Ranges to describe and compare, separated by commas (e.g. cidr=10.240.0.0/16,10.0.0.0/16).',
    prefix: 'Prefix length to split the first range into (e.g. prefix=24).',
  },
  fromQuery(params) {
    const out: Partial<Record<string, string>> = {};
    const cidr = params.get('cidr');
    if (cidr !== null) out.ranges = cidr.slice(0, 20_000).split(',').map((s) => s.trim()).join('\n');
    const prefix = params.get('prefix');
    if (prefix !== null) out.split = prefix.slice(0, 10);
    // A link's ranges replace the whole example: the example's split (/18) would otherwise
    // apply to the link's first range and could report an error the reader did not cause.
    else if (cidr !== null) out.split = '';
    return out;
  },
  run(inputs) {
    const r = analyzeRanges({ ranges: inputs.ranges ?? '', splitPrefix: inputs.split ?? '', splitLimit: SPLIT_SHOWN });
    const diagnostics = r.diagnostics.map((d) => ({ ...d, input: d.field === 'splitPrefix' ? 'split' : 'ranges' }));
    const first = r.ranges[0];
    const view = h(
      'div',
      null,
      r.ranges.length ? rangeTable(r.ranges) : null,
      ...r.ranges.filter((x) => x.azureUsable !== null).slice(0, 1).map((x) => h('p', { class: 'pg-muted' }, `${x.cidr}: ${x.azureNote}`)),
      r.relations.length
        ? h('div', null, h('h4', null, 'How the ranges relate'), h('ul', null, ...r.relations.map((x) => h('li', { class: x.relation === 'overlaps' || x.relation === 'equal' || x.relation === 'contains' || x.relation === 'inside' ? 'pg-warn' : null }, x.text))))
        : null,
      r.split
        ? h(
            'table',
            { class: 'pg-table' },
            h('caption', null, `${r.split.of} split into /${r.split.prefix}: ${count(BigInt(r.split.count), 'subnet')}${r.split.truncated ? ` (first ${r.split.subnets.length} shown)` : ''}`),
            h('thead', null, h('tr', null, ...['Subnet', 'Usable in Azure', 'First', 'Last'].map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', null, ...r.split.subnets.map((s) => h('tr', null, h('th', { scope: 'row', class: 'pg-mono' }, s.cidr), h('td', null, n(s.azureUsable)), h('td', { class: 'pg-mono' }, s.first), h('td', { class: 'pg-mono' }, s.last)))),
          )
        : null,
    );
    const summary = first
      ? `${first.cidr}: ${count(BigInt(first.total), 'address')}${first.azureUsable !== null ? `, ${n(first.azureUsable)} usable in an Azure subnet` : ''}${r.relations.some((x) => x.relation !== 'disjoint' && x.relation !== 'different-families') ? '; some ranges overlap' : ''}`
      : 'No valid range';
    return { view, diagnostics, summary };
  },
};

export default cidr;
