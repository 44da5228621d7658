/**
 * Reads the API server access checker's two text inputs — the cluster's access settings and
 * the client — into checkApiServerAccess's input, and puts the engine's field-named
 * diagnostics back on their lines. Shared by the api-access tool and the exercises, so both
 * read a pane the same way. Pure; never throws.
 *
 * The cluster pane holds either the checker's own `key: value` form, or what `az` prints:
 * `az aks show -o json` (apiServerAccessProfile, outboundType), optionally followed by
 * `az network vnet show -o json` (its address space becomes vnetCidrs, its peerings'
 * address spaces peeredCidrs), and optionally a `key: value` document that adds or
 * overrides fields (e.g. outboundIps, which `az aks show` gives only as resource ids).
 */
import { AZ_OUTPUT_NAMES, idName, readAksCluster, readAzDocuments, readVnet, unexpectedDocument } from '../azure';
import { diag, type Diagnostic } from '../diagnostics';
import { editDistance } from '../k8s/shape';
import { parseYamlValue, type YamlDocument } from '../yaml';
import { OUTBOUND_TYPES, type ApiServerAccessInput, type OutboundType, type Via } from './index';

const CLUSTER_FIELDS = ['privateCluster', 'authorizedIpRanges', 'vnetCidrs', 'peeredCidrs', 'outboundIps', 'outboundType', 'apiServerVnetIntegration'] as const;
const LIST_FIELDS = ['authorizedIpRanges', 'vnetCidrs', 'peeredCidrs', 'outboundIps'] as const;
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
  /** The `key: value` document (where field-named diagnostics go), if the pane has one. */
  doc?: YamlDocument;
  /** List fields written as one comma-separated string (their diagnostics go on the key's line). */
  commaSeparated: Set<string>;
  /** The `az aks show` document, when the pane holds one: fields read from it are placed there. */
  aks?: YamlDocument;
}

export function readCluster(text: string, diags: Diagnostic[]): ClusterPane {
  const { documents, diagnostics } = readAzDocuments(text);
  diags.push(...diagnostics.map((d) => ({ ...d, input: 'cluster' })));
  const cluster: ApiServerAccessInput['cluster'] = { privateCluster: false };
  const pane: ClusterPane = { cluster, commaSeparated: new Set<string>() };
  if (!documents.length) return pane;
  if (documents.length === 1 && documents[0]!.kind === 'unknown') {
    readKeyValues(documents[0]!.doc, pane, diags);
    return pane;
  }
  const keyValues = documents.filter((d) => d.kind === 'unknown');
  for (const d of documents) {
    if (d.kind === 'aks-cluster') readAks(d.doc, pane, diags);
    else if (d.kind === 'vnet') {
      const r = readVnet(d.value, { doc: d.doc });
      diags.push(...r.diagnostics.map((x) => ({ ...x, input: 'cluster' })));
      if (r.vnet) {
        if (r.vnet.addressPrefixes.length) cluster.vnetCidrs = r.vnet.addressPrefixes;
        const peered = r.vnet.peerings.flatMap((p) => p.remoteAddressPrefixes);
        if (peered.length) cluster.peeredCidrs = peered;
      }
    } else if (d.kind !== 'unknown') diags.push({ ...unexpectedDocument(d, `${AZ_OUTPUT_NAMES['aks-cluster']}, ${AZ_OUTPUT_NAMES.vnet} and key: value settings`), input: 'cluster' });
  }
  if (keyValues.length > 1) diags.push(diag('error', 'multiple-documents', 'Only one key: value document is read; the others are ignored.', { ...keyValues[1]!.doc.at([]), input: 'cluster' }));
  if (keyValues[0]) readKeyValues(keyValues[0].doc, pane, diags);
  return pane;
}

/** `az aks show`: access profile, outbound type; says what it cannot tell (outbound IP addresses). */
function readAks(doc: YamlDocument, pane: ClusterPane, diags: Diagnostic[]): void {
  const r = readAksCluster(doc.value, { doc });
  diags.push(...r.diagnostics.map((x) => ({ ...x, input: 'cluster' })));
  const aks = r.cluster;
  if (!aks) return;
  pane.aks = doc;
  const c = pane.cluster;
  c.privateCluster = aks.apiServerAccess.enablePrivateCluster;
  if (aks.apiServerAccess.authorizedIpRanges.length) c.authorizedIpRanges = aks.apiServerAccess.authorizedIpRanges;
  if (aks.apiServerAccess.enableVnetIntegration) c.apiServerVnetIntegration = true;
  if (aks.networkProfile.outboundType) c.outboundType = aks.networkProfile.outboundType;
  const ids = aks.networkProfile.effectiveOutboundIpIds;
  if (ids.length) {
    diags.push(diag('info', 'access-outbound-ip-ids', `az aks show names the cluster's outbound public IP${ids.length > 1 ? 's' : ''} by resource id (${ids.map(idName).join(', ')}), not by address. To check egress from inside the cluster, add a key: value document with outboundIps (az network public-ip show --ids <id> --query ipAddress -o tsv).`, { ...doc.at([]), input: 'cluster' }));
  }
  if (aks.privateFqdn) {
    diags.push(diag('info', 'access-private-fqdn', `Private cluster: the API server is ${aks.privateFqdn}, resolved through the private DNS zone${aks.apiServerAccess.privateDnsZone ? ` (${aks.apiServerAccess.privateDnsZone})` : ''}.`, { ...doc.at([]), input: 'cluster' }));
  }
}

/** The checker's own form: one `key: value` document. */
function readKeyValues(doc: YamlDocument, pane: ClusterPane, diags: Diagnostic[]): void {
  pane.doc = doc;
  const cluster = pane.cluster;
  const v = doc.value;
  if (!isObj(v)) {
    diags.push(diag('error', 'access-wrong-shape', 'Describe the cluster as key: value lines (privateCluster, authorizedIpRanges, vnetCidrs, peeredCidrs, outboundIps, outboundType), or paste `az aks show -o json`.', { ...doc.at([]), input: 'cluster' }));
    return;
  }
  for (const k of Object.keys(v)) {
    if ((CLUSTER_FIELDS as readonly string[]).includes(k)) continue;
    const near = CLUSTER_FIELDS.find((f) => f.toLowerCase() === k.toLowerCase() || editDistance(f, k) <= 3);
    diags.push(diag('warning', 'access-unknown-field', `Unknown field "${k}"${near ? ` (did you mean "${near}"?)` : ''}; it is ignored.`, { ...doc.keyAt([k]), input: 'cluster' }));
  }
  if (v.privateCluster !== undefined && v.privateCluster !== null) {
    // Passed on as written: the engine answers "unknown" for a value that is not true/false,
    // rather than this reader turning it into false (a public endpoint).
    cluster.privateCluster = v.privateCluster as boolean;
  }
  for (const f of LIST_FIELDS) {
    const raw = v[f];
    if (raw === undefined || raw === null) continue;
    if (typeof raw === 'string') pane.commaSeparated.add(f);
    const l = list(raw);
    if (!l) diags.push(diag('error', 'wrong-type', `${f} should be a list (or a comma-separated string) of CIDR ranges.`, { ...doc.at([f]), input: 'cluster' }));
    // An unreadable list is passed on as written so the engine withholds a verdict that depends on it.
    cluster[f] = l ?? (raw as string[]);
  }
  if (v.outboundType !== undefined && v.outboundType !== null) {
    const t = OUTBOUND_TYPES.find((o) => typeof v.outboundType === 'string' && o.toLowerCase() === v.outboundType.trim().toLowerCase());
    if (t) cluster.outboundType = t;
    else {
      diags.push(diag('error', 'access-invalid-outbound-type', `outboundType should be one of ${OUTBOUND_TYPES.join(', ')}.`, { ...doc.at(['outboundType']), input: 'cluster' }));
      cluster.outboundType = v.outboundType as OutboundType;
    }
  }
  if (v.apiServerVnetIntegration === true) cluster.apiServerVnetIntegration = true;
}

export function readClient(text: string, diags: Diagnostic[]): { client: ApiServerAccessInput['client']; doc?: YamlDocument } {
  const parsed = parseYamlValue(text);
  diags.push(...parsed.diagnostics.map((d) => ({ ...d, input: 'client' })));
  const doc = parsed.document;
  if (!doc) return { client: { ip: '' } };
  const v = doc.value;
  if (typeof v === 'string') return { client: { ip: v.trim() }, doc };
  if (!isObj(v)) return { client: { ip: String(v) }, doc };
  const viaText = typeof v.via === 'string' ? v.via.trim().toLowerCase() : undefined;
  const via = VIAS.find((x) => x === viaText);
  if (v.via !== undefined && v.via !== null && !via) {
    diags.push(diag('error', 'client-via-invalid', `via should be one of ${VIAS.join(', ')}.`, { ...doc.at(['via']), input: 'client' }));
  }
  return { client: { ip: typeof v.ip === 'string' ? v.ip : String(v.ip ?? ''), via }, doc };
}

const AKS_PATHS: Record<string, (string | number)[]> = {
  privateCluster: ['apiServerAccessProfile', 'enablePrivateCluster'],
  authorizedIpRanges: ['apiServerAccessProfile', 'authorizedIpRanges'],
  outboundType: ['networkProfile', 'outboundType'],
  apiServerVnetIntegration: ['apiServerAccessProfile', 'enableVnetIntegration'],
};

/** Puts an engine diagnostic (which names a field like cluster.authorizedIpRanges[3]) on its line. */
export function placeAccessDiagnostic(d: Diagnostic, cluster: { doc?: YamlDocument; commaSeparated: Set<string>; aks?: YamlDocument }, client?: YamlDocument): Diagnostic {
  const m = /^(cluster|client)\.(\w+)(?:\[(\d+)\])?$/.exec(d.field ?? '');
  if (!m) return { ...d, input: 'cluster', line: d.line ?? 1, column: d.column ?? 1 };
  const [, pane, key, index] = m;
  const kvHas = cluster.doc && isObj(cluster.doc.value) && Object.hasOwn(cluster.doc.value, key!);
  if (pane === 'cluster' && !kvHas && cluster.aks && AKS_PATHS[key!]) {
    const base = AKS_PATHS[key!]!;
    const profile = isObj(cluster.aks.value) && isObj(cluster.aks.value.properties) ? ['properties', ...base] : base;
    return { ...d, input: 'cluster', ...cluster.aks.at(index !== undefined ? [...profile, Number(index)] : profile) };
  }
  const doc = pane === 'client' ? client : cluster.doc;
  if (!doc) return { ...d, input: pane!, line: 1, column: 1 };
  const path = index !== undefined && !cluster.commaSeparated.has(key!) ? [key!, Number(index)] : [key!];
  return { ...d, input: pane!, ...(doc.value !== null && typeof doc.value === 'object' ? doc.at(path) : doc.at([])) };
}
