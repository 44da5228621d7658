/**
 * API server access playground: the cluster's access settings (YAML) + a client (IP and how it
 * connects) → reachable or not, why, what else must hold, and a diagram of the path: internet,
 * a peered management VNet with a jump box / Bastion, VPN, the cluster VNet with its private
 * endpoint, and the AKS-managed API server.
 */
import { checkApiServerAccess, type ApiServerAccessResult, type Via } from '../../lib/access';
import { placeAccessDiagnostic, readClient, readCluster } from '../../lib/access/read';
import type { Diagnostic } from '../../lib/diagnostics';
import { queryText } from '../../lib/query-text';
import { count } from '../../lib/plural';
import { h, type VNode } from '../../lib/view/h';
import type { ToolDefinition } from './types';

// ---- diagram ------------------------------------------------------------------------------

type Pt = [number, number];

function box(x: number, y: number, w: number, hgt: number, title: string, sub?: string, dashed = false): VNode[] {
  return [
    h('rect', { x, y, width: w, height: hgt, rx: 6, fill: 'none', stroke: 'currentColor', 'stroke-dasharray': dashed ? '5 4' : null }),
    h('text', { x: x + 8, y: y + 17, 'font-size': 12, 'font-weight': 'bold' }, title),
    sub ? h('text', { x: x + 8, y: y + 32, 'font-size': 11 }, sub) : null,
  ].filter((n): n is VNode => n !== null);
}

function arrow(points: Pt[], cls: string, label?: string): VNode {
  const [x2, y2] = points[points.length - 1]!;
  const [x1, y1] = points[points.length - 2]!;
  const a = Math.atan2(y2 - y1, x2 - x1);
  const head = [[x2, y2], [x2 - 9 * Math.cos(a - 0.4), y2 - 9 * Math.sin(a - 0.4)], [x2 - 9 * Math.cos(a + 0.4), y2 - 9 * Math.sin(a + 0.4)]].map((p) => p.map((n) => n.toFixed(1)).join(',')).join(' ');
  const [p0, p1] = [points[0]!, points[1]!];
  return h(
    'g',
    { class: cls },
    h('polyline', { points: points.map((p) => p.join(',')).join(' '), fill: 'none', stroke: 'currentColor', 'stroke-width': cls === 'pg-muted' ? 1 : 3, 'stroke-dasharray': cls === 'pg-muted' ? '4 4' : null }),
    h('polygon', { points: head, fill: 'currentColor' }),
    label ? h('text', { x: (p0[0] + p1[0]) / 2 - 20, y: (p0[1] + p1[1]) / 2 - 8, 'font-size': 11, fill: 'currentColor' }, label) : null,
  );
}

function diagram(r: ApiServerAccessResult, privateCluster: boolean): VNode {
  const cls = r.verdict === 'reachable' ? 'pg-allow' : r.verdict === 'blocked' ? 'pg-deny' : 'pg-warn';
  const title = `Path from the client (${r.via}) to the ${r.endpoint} API server endpoint: ${r.verdict}.`;
  // Fixed layout: left column = where clients are; middle = cluster VNet; right = AKS-managed control plane.
  const start: Record<Via, Pt> = { internet: [150, 45], vpn: [150, 145], 'peered-vnet': [150, 250], vnet: [370, 175] };
  const paths: VNode[] = [];
  const active = (pts: Pt[], label?: string) => paths.push(arrow(pts, cls, label));
  if (privateCluster) {
    if (r.via === 'internet') active([start.internet, [462, 60]], '✗ no public endpoint');
    else {
      active([start[r.via], r.via === 'vnet' ? [385, 225] : [330, 245]], r.via === 'peered-vnet' ? 'peering' : r.via === 'vpn' ? 'gateway' : undefined);
      active([[440, 245], [520, 180]], 'Private Link');
    }
  } else if (r.via === 'internet') {
    active([start.internet, [520, 100]], 'public endpoint');
  } else {
    active([start[r.via], [462, 60], [520, 95]], 'leaves via egress IP');
  }
  const apiY = privateCluster ? 160 : 80;
  return h(
    'svg',
    { class: 'pg-diagram', viewBox: '0 0 700 300', width: '100%', role: 'img', 'aria-label': title },
    h('title', null, title),
    ...box(10, 20, 140, 50, 'Internet client', r.via === 'internet' ? 'this client' : undefined),
    ...box(10, 120, 140, 50, 'On-premises', r.via === 'vpn' ? 'this client (VPN)' : 'VPN / ExpressRoute'),
    ...box(10, 210, 140, 80, 'Management VNet', r.via === 'peered-vnet' ? 'this client: jump box' : 'jump box / Bastion', true),
    h('text', { x: 160, y: 280, 'font-size': 11 }, 'peering'),
    h('line', { x1: 150, y1: 268, x2: 250, y2: 268, stroke: 'currentColor', 'stroke-dasharray': '2 3' }),
    ...box(250, 120, 200, 170, 'Cluster VNet', 'nodes (no public SSH)'),
    ...(r.via === 'vnet' ? box(270, 158, 100, 34, 'this client') : []),
    ...(privateCluster ? box(330, 225, 110, 40, 'Private endpoint') : []),
    ...box(470, 20, 220, 270, 'AKS-managed control plane'),
    ...box(520, apiY, 150, 40, 'API server', privateCluster ? 'private link only' : 'public endpoint'),
    ...paths,
  );
}

// ---- runbook links ------------------------------------------------------------------------

/** A YAML scalar for a value from a link: addresses and ranges stay plain, anything else is quoted. */
const scalar = (v: string): string => (/^[0-9A-Za-z.:/-]+$/.test(v) ? v : JSON.stringify(v));

/**
 * Runbook links: `ip` and `via` set the client (keeping the other one), `ranges` replaces the
 * cluster's authorizedIpRanges with a comma-separated list (empty: the feature off) and keeps
 * the rest of the cluster pane. Values are single-line and bounded; the engine reports any
 * that are not valid.
 */
export function accessFromQuery(params: URLSearchParams, inputs: Record<string, string>): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  const ip = queryText(params, 'ip', { max: 64, noSpaces: true });
  const via = queryText(params, 'via', { max: 32, noSpaces: true });
  if (ip !== undefined || via !== undefined) {
    const current = readClient(inputs.client ?? '', []).client;
    const newIp = ip ?? current.ip;
    const newVia = via === undefined ? current.via : via;
    out.client = `ip: ${scalar(newIp)}${newVia ? `\nvia: ${scalar(newVia)}` : ''}`;
  }
  const ranges = queryText(params, 'ranges', { noSpaces: true });
  if (ranges !== undefined) {
    const items = ranges.split(',').filter(Boolean).slice(0, 2001);
    const block = items.length ? ['authorizedIpRanges:', ...items.map((r) => `  - ${scalar(r)}`)] : ['authorizedIpRanges: []'];
    const lines = (inputs.cluster ?? '').replace(/\r\n?/g, '\n').split('\n');
    const at = lines.findIndex((l) => /^authorizedIpRanges\s*:/.test(l));
    if (at < 0) {
      while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
      lines.push(...block);
    } else {
      // The key's block: the lines after it that are indented or list items (a block list may start at column 0).
      let end = at + 1;
      while (end < lines.length && /^(\s+\S|-(\s|$))/.test(lines[end]!)) end++;
      lines.splice(at, end - at, ...block);
    }
    out.cluster = lines.join('\n');
  }
  return out;
}

// ---- tool -------------------------------------------------------------------------------------

function rangesText(r: ApiServerAccessResult, given: string[] | string | undefined): string {
  const n = count((Array.isArray(given) ? given : typeof given === 'string' ? given.split(',') : []).filter((x) => typeof x === 'string' && x.trim()).length, 'range');
  return {
    disabled: 'off — any address may connect',
    list: `${n}${r.matchedRange ? `; matched ${r.matchedRange}` : ''}`,
    'outbound-only': "0.0.0.0/32 — only the cluster's load balancer outbound IP",
    'not-applicable': 'do not apply to the private endpoint',
    unreadable: 'could not be read — no client is reported reachable through them',
  }[r.ranges];
}

const access: ToolDefinition = {
  id: 'api-access',
  title: 'API server access checker',
  description: 'Can this client reach the AKS API server? Authorized IP ranges, private clusters, peered management VNets, VPN — with the reason and the path drawn.',
  inputs: [
    { name: 'cluster', label: 'Cluster access settings (YAML, or az aks show -o json)', language: 'yaml', rows: 9, hint: 'privateCluster, authorizedIpRanges (list or "a,b"), vnetCidrs, peeredCidrs, outboundIps, outboundType, apiServerVnetIntegration — or paste `az aks show -o json`, optionally followed by `az network vnet show -o json` and a key: value document with outboundIps.' },
    { name: 'client', label: 'Client', language: 'yaml', rows: 2, hint: 'ip: the address, and via: internet | vnet | peered-vnet | vpn (inferred from the ranges when left out).' },
  ],
  example: {
    cluster: 'privateCluster: false\nauthorizedIpRanges:\n  - 73.140.245.0/24\nvnetCidrs: [10.224.0.0/12]\noutboundType: loadBalancer\noutboundIps: [20.62.10.5]',
    client: 'ip: 73.140.245.20\nvia: internet',
  },
  fromQuery: accessFromQuery,
  queryParams: {
    ip: 'The client address, e.g. ip=73.140.245.20.',
    via: 'How the client connects: internet, vnet, peered-vnet or vpn, e.g. via=peered-vnet; empty lets the tool infer it from the address.',
    ranges: 'The authorized IP ranges, comma-separated, e.g. ranges=73.140.245.0/24,20.62.10.5/32; replaces the list in the cluster pane; empty turns the feature off.',
  },
  run(inputs) {
    const diags: Diagnostic[] = [];
    const c = readCluster(inputs.cluster ?? '', diags);
    const cl = readClient(inputs.client ?? '', diags);
    const r = checkApiServerAccess({ cluster: c.cluster, client: cl.client });
    const diagnostics = [...diags, ...r.diagnostics.map((d) => placeAccessDiagnostic(d, c, cl.doc))];
    const verdictClass = r.verdict === 'reachable' ? 'pg-allow' : r.verdict === 'blocked' ? 'pg-deny' : 'pg-warn';
    const view = h(
      'div',
      null,
      h('p', { class: `pg-verdict ${verdictClass}` }, r.verdict === 'reachable' ? '✓ Reachable' : r.verdict === 'blocked' ? '✗ Not reachable' : '? Cannot tell from these inputs'),
      h('p', null, r.why),
      r.conditions.length ? h('div', null, h('h4', null, 'Also required'), h('ul', null, ...r.conditions.map((x) => h('li', null, x)))) : null,
      // The details as a table, like the other tools' results (boxed and scrollable by the shell).
      h(
        'table',
        { class: 'pg-table' },
        h('caption', null, 'How the client reaches the API server'),
        h(
          'tbody',
          null,
          ...(
            [
              ['Endpoint', r.endpoint === 'private' ? 'private (private endpoint in the cluster VNet)' : 'public'],
              ['Client path', r.via],
              [
                'Authorized IP ranges',
                rangesText(r, c.cluster.authorizedIpRanges),
              ],
            ] as const
          ).map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v))),
        ),
      ),
      h('h4', null, 'Path'),
      // Drawn for a wide result; on a phone the picture scrolls sideways in its own box rather than shrinking its text.
      h('div', { class: 'pg-scroll pg-figure-scroll', role: 'group', tabindex: 0, 'aria-label': 'Path from the client to the API server (picture)' }, diagram(r, c.cluster.privateCluster)),
    );
    const summary = `${r.verdict === 'reachable' ? 'Reachable' : r.verdict === 'blocked' ? 'Not reachable' : 'Unknown'}: ${cl.client.ip || '?'} via ${r.via} to the ${r.endpoint} API server`;
    return { view, diagnostics, summary };
  },
};

export default access;
