/**
 * API server access playground: the cluster's access settings (YAML) + a client (IP and how it
 * connects) → reachable or not, why, what else must hold, and a diagram of the path: internet,
 * a peered management VNet with a jump box / Bastion, VPN, the cluster VNet with its private
 * endpoint, and the AKS-managed API server.
 */
import { checkApiServerAccess, type ApiServerAccessInput, type ApiServerAccessResult, type OutboundType, type Via } from '../../lib/access';
import { diag, type Diagnostic } from '../../lib/diagnostics';
import { editDistance } from '../../lib/k8s/shape';
import { h, type VNode } from '../../lib/view/h';
import { parseYamlValue, type YamlDocument } from '../../lib/yaml';
import type { ToolDefinition } from './types';

const CLUSTER_FIELDS = ['privateCluster', 'authorizedIpRanges', 'vnetCidrs', 'peeredCidrs', 'outboundIps', 'outboundType', 'apiServerVnetIntegration'] as const;
const LIST_FIELDS = ['authorizedIpRanges', 'vnetCidrs', 'peeredCidrs', 'outboundIps'] as const;
const OUTBOUND_TYPES: OutboundType[] = ['loadBalancer', 'managedNATGateway', 'userAssignedNATGateway', 'userDefinedRouting'];
const VIAS: Via[] = ['internet', 'vnet', 'peered-vnet', 'vpn'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A list field may be a YAML list or one comma-separated string, as az takes it. */
function list(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : String(x)));
  if (typeof v === 'string') return v.split(',').map((s) => s.trim());
  return undefined;
}

function readCluster(text: string, diags: Diagnostic[]): { cluster: ApiServerAccessInput['cluster']; doc?: YamlDocument; commaSeparated: Set<string> } {
  const parsed = parseYamlValue(text);
  diags.push(...parsed.diagnostics.map((d) => ({ ...d, input: 'cluster' })));
  const doc = parsed.document;
  const cluster: ApiServerAccessInput['cluster'] = { privateCluster: false };
  const commaSeparated = new Set<string>();
  if (!doc) return { cluster, commaSeparated };
  const v = doc.value;
  if (!isObj(v)) {
    diags.push(diag('error', 'access-wrong-shape', 'Describe the cluster as key: value lines (privateCluster, authorizedIpRanges, vnetCidrs, peeredCidrs, outboundIps, outboundType).', { ...doc.at([]), input: 'cluster' }));
    return { cluster, doc, commaSeparated };
  }
  for (const k of Object.keys(v)) {
    if ((CLUSTER_FIELDS as readonly string[]).includes(k)) continue;
    const near = CLUSTER_FIELDS.find((f) => f.toLowerCase() === k.toLowerCase() || editDistance(f, k) <= 3);
    diags.push(diag('warning', 'access-unknown-field', `Unknown field "${k}"${near ? ` (did you mean "${near}"?)` : ''}; it is ignored.`, { ...doc.keyAt([k]), input: 'cluster' }));
  }
  if (v.privateCluster !== undefined && typeof v.privateCluster !== 'boolean') {
    diags.push(diag('error', 'wrong-type', 'privateCluster should be true or false.', { ...doc.at(['privateCluster']), input: 'cluster' }));
  }
  cluster.privateCluster = v.privateCluster === true;
  for (const f of LIST_FIELDS) {
    const raw = v[f];
    if (typeof raw === 'string') commaSeparated.add(f);
    const l = list(raw);
    if (raw !== undefined && raw !== null && !l) diags.push(diag('error', 'wrong-type', `${f} should be a list (or a comma-separated string) of CIDR ranges.`, { ...doc.at([f]), input: 'cluster' }));
    if (l) cluster[f] = l;
  }
  if (v.outboundType !== undefined) {
    if (OUTBOUND_TYPES.includes(v.outboundType as OutboundType)) cluster.outboundType = v.outboundType as OutboundType;
    else diags.push(diag('error', 'access-invalid-outbound-type', `outboundType should be one of ${OUTBOUND_TYPES.join(', ')}.`, { ...doc.at(['outboundType']), input: 'cluster' }));
  }
  if (v.apiServerVnetIntegration === true) cluster.apiServerVnetIntegration = true;
  return { cluster, doc, commaSeparated };
}

function readClient(text: string, diags: Diagnostic[]): { client: ApiServerAccessInput['client']; doc?: YamlDocument } {
  const parsed = parseYamlValue(text);
  diags.push(...parsed.diagnostics.map((d) => ({ ...d, input: 'client' })));
  const doc = parsed.document;
  if (!doc) return { client: { ip: '' } };
  const v = doc.value;
  if (typeof v === 'string') return { client: { ip: v.trim() }, doc };
  if (!isObj(v)) return { client: { ip: String(v) }, doc };
  const via = typeof v.via === 'string' ? v.via : undefined;
  if (v.via !== undefined && !VIAS.includes(via as Via)) {
    diags.push(diag('error', 'client-via-invalid', `via should be one of ${VIAS.join(', ')}.`, { ...doc.at(['via']), input: 'client' }));
  }
  return { client: { ip: typeof v.ip === 'string' ? v.ip : String(v.ip ?? ''), via: VIAS.includes(via as Via) ? (via as Via) : undefined }, doc };
}

/** Puts an engine diagnostic (which names a field like cluster.authorizedIpRanges[3]) on its YAML line. */
function place(d: Diagnostic, cluster: { doc?: YamlDocument; commaSeparated: Set<string> }, client?: YamlDocument): Diagnostic {
  const m = /^(cluster|client)\.(\w+)(?:\[(\d+)\])?$/.exec(d.field ?? '');
  if (!m) return { ...d, input: 'cluster', line: d.line ?? 1, column: d.column ?? 1 };
  const [, pane, key, index] = m;
  const doc = pane === 'client' ? client : cluster.doc;
  if (!doc) return { ...d, input: pane!, line: 1, column: 1 };
  const path = index !== undefined && !cluster.commaSeparated.has(key!) ? [key!, Number(index)] : [key!];
  return { ...d, input: pane!, ...(doc.value !== null && typeof doc.value === 'object' ? doc.at(path) : doc.at([])) };
}

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

// ---- tool -------------------------------------------------------------------------------------

const access: ToolDefinition = {
  id: 'api-access',
  title: 'API server access checker',
  description: 'Can this client reach the AKS API server? Authorized IP ranges, private clusters, peered management VNets, VPN — with the reason and the path drawn.',
  inputs: [
    { name: 'cluster', label: 'Cluster access settings (YAML)', language: 'yaml', rows: 9, hint: 'privateCluster, authorizedIpRanges (list or "a,b"), vnetCidrs, peeredCidrs, outboundIps, outboundType, apiServerVnetIntegration.' },
    { name: 'client', label: 'Client', language: 'yaml', rows: 2, hint: 'ip: the address, and via: internet | vnet | peered-vnet | vpn (inferred from the ranges when left out).' },
  ],
  example: {
    cluster: 'privateCluster: false\nauthorizedIpRanges:\n  - 73.140.245.0/24\nvnetCidrs: [10.224.0.0/12]\noutboundType: loadBalancer\noutboundIps: [20.62.10.5]',
    client: 'ip: 73.140.245.20\nvia: internet',
  },
  run(inputs) {
    const diags: Diagnostic[] = [];
    const c = readCluster(inputs.cluster ?? '', diags);
    const cl = readClient(inputs.client ?? '', diags);
    const r = checkApiServerAccess({ cluster: c.cluster, client: cl.client });
    const diagnostics = [...diags, ...r.diagnostics.map((d) => place(d, c, cl.doc))];
    const verdictClass = r.verdict === 'reachable' ? 'pg-allow' : r.verdict === 'blocked' ? 'pg-deny' : 'pg-warn';
    const view = h(
      'div',
      null,
      h('p', { class: `pg-verdict ${verdictClass}` }, r.verdict === 'reachable' ? '✓ Reachable' : r.verdict === 'blocked' ? '✗ Not reachable' : '? Cannot tell from these inputs'),
      h('p', null, r.why),
      r.conditions.length ? h('div', null, h('h4', null, 'Also required'), h('ul', null, ...r.conditions.map((x) => h('li', null, x)))) : null,
      h(
        'dl',
        null,
        h('dt', null, 'Endpoint'), h('dd', null, r.endpoint === 'private' ? 'private (private endpoint in the cluster VNet)' : 'public'),
        h('dt', null, 'Client path'), h('dd', null, r.via),
        h('dt', null, 'Authorized IP ranges'), h('dd', null, ({ disabled: 'off — any address may connect', list: `${c.cluster.authorizedIpRanges?.filter((x) => x.trim()).length ?? 0} range(s)${r.matchedRange ? `; matched ${r.matchedRange}` : ''}`, 'outbound-only': '0.0.0.0/32 — only the cluster\'s load balancer outbound IP', 'not-applicable': 'do not apply to the private endpoint' } as const)[r.ranges]),
      ),
      diagram(r, c.cluster.privateCluster),
    );
    const summary = `${r.verdict === 'reachable' ? 'Reachable' : r.verdict === 'blocked' ? 'Not reachable' : 'Unknown'}: ${cl.client.ip || '?'} via ${r.via} to the ${r.endpoint} API server`;
    return { view, diagnostics, summary };
  },
};

export default access;
