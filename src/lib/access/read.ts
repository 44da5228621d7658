/**
 * Reads the API server access checker's two text inputs — the cluster's access settings and
 * the client, both YAML — into checkApiServerAccess's input, and puts the engine's
 * field-named diagnostics back on their YAML lines. Shared by the api-access tool and the
 * exercises, so both read a pane the same way. Pure; never throws.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { editDistance } from '../k8s/shape';
import { parseYamlValue, type YamlDocument } from '../yaml';
import type { ApiServerAccessInput, OutboundType, Via } from './index';
import { FACTS } from '../facts';

const CLUSTER_FIELDS = ['privateCluster', 'authorizedIpRanges', 'vnetCidrs', 'peeredCidrs', 'outboundIps', 'outboundType', 'apiServerVnetIntegration'] as const;
const LIST_FIELDS = ['authorizedIpRanges', 'vnetCidrs', 'peeredCidrs', 'outboundIps'] as const;
const OUTBOUND_TYPES: readonly OutboundType[] = FACTS['outbound-types'].value;
const VIAS: Via[] = ['internet', 'vnet', 'peered-vnet', 'vpn'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A list field may be a YAML list or one comma-separated string, as az takes it. */
function list(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : String(x)));
  if (typeof v === 'string') return v.split(',').map((s) => s.trim());
  return undefined;
}

export interface ClusterPane {
  cluster: ApiServerAccessInput['cluster'];
  doc?: YamlDocument;
  /** List fields written as one comma-separated string (their diagnostics go on the key's line). */
  commaSeparated: Set<string>;
}

export function readCluster(text: string, diags: Diagnostic[]): ClusterPane {
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

export function readClient(text: string, diags: Diagnostic[]): { client: ApiServerAccessInput['client']; doc?: YamlDocument } {
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
export function placeAccessDiagnostic(d: Diagnostic, cluster: { doc?: YamlDocument; commaSeparated: Set<string> }, client?: YamlDocument): Diagnostic {
  const m = /^(cluster|client)\.(\w+)(?:\[(\d+)\])?$/.exec(d.field ?? '');
  if (!m) return { ...d, input: 'cluster', line: d.line ?? 1, column: d.column ?? 1 };
  const [, pane, key, index] = m;
  const doc = pane === 'client' ? client : cluster.doc;
  if (!doc) return { ...d, input: pane!, line: 1, column: 1 };
  const path = index !== undefined && !cluster.commaSeparated.has(key!) ? [key!, Number(index)] : [key!];
  return { ...d, input: pane!, ...(doc.value !== null && typeof doc.value === 'object' ? doc.at(path) : doc.at([])) };
}
