/**
 * Reads `az aks show -o json` (and the same resource as the REST API or an ARM export
 * prints it) into the networking facts the tools use.
 *
 * Field names and enum values: ManagedCluster in the AKS REST API
 * (https://learn.microsoft.com/rest/api/aks/managed-clusters/get), whose sample response is
 * the fixture `tests/fixtures/az/aks-show-kubenet.json`. Enums are read ignoring case, as
 * ARM does; a value outside the documented set is an error (`az-unknown-value`) and the
 * field is left unknown, never replaced by a default.
 *
 * Note what `az aks show` does not say: `effectiveOutboundIPs` are public IP *resource ids*,
 * not addresses (`az network public-ip show --ids <id> --query ipAddress -o tsv` gives the
 * address). The reader keeps the ids; tools say so instead of guessing.
 */
import type { YamlDocument, PathSegment } from '../yaml';
import { bool, enumOf, flatten, get, isObj, Sink, text, textList, whole, type Obj } from './json';

export const AKS_SOURCES = {
  rest: 'https://learn.microsoft.com/rest/api/aks/managed-clusters/get',
  /** AgentPoolUpgradeSettings.maxSurge: "an integer (e.g. '5') or a percentage (e.g. '50%') … For percentages, fractional nodes are rounded up." */
  surge: 'https://learn.microsoft.com/rest/api/aks/agent-pools/create-or-update#agentpoolupgradesettings',
  outbound: 'https://learn.microsoft.com/azure/aks/egress-outboundtype',
} as const;

export const NETWORK_PLUGINS = ['azure', 'kubenet', 'none'] as const;
export const NETWORK_PLUGIN_MODES = ['overlay'] as const;
export const NETWORK_POLICIES = ['none', 'calico', 'azure', 'cilium'] as const;
export const NETWORK_DATAPLANES = ['azure', 'cilium'] as const;
/** `none` and `block` are preview values (api-version 2024-xx-preview and later). */
export const OUTBOUND_TYPES = ['loadBalancer', 'userDefinedRouting', 'managedNATGateway', 'userAssignedNATGateway', 'none', 'block'] as const;
export const LOAD_BALANCER_SKUS = ['standard', 'basic'] as const;
export const IP_FAMILIES = ['IPv4', 'IPv6'] as const;
export const POOL_MODES = ['System', 'User', 'Gateway'] as const;

export interface AksNetworkProfile {
  networkPlugin?: (typeof NETWORK_PLUGINS)[number];
  networkPluginMode?: (typeof NETWORK_PLUGIN_MODES)[number];
  networkPolicy?: (typeof NETWORK_POLICIES)[number];
  networkDataplane?: (typeof NETWORK_DATAPLANES)[number];
  /** `podCidrs` when printed (dual-stack gives two), else `[podCidr]`; empty when the plugin uses none. */
  podCidrs: string[];
  /** `serviceCidrs`, else `[serviceCidr]`. */
  serviceCidrs: string[];
  dnsServiceIp?: string;
  outboundType?: (typeof OUTBOUND_TYPES)[number];
  loadBalancerSku?: (typeof LOAD_BALANCER_SKUS)[number];
  ipFamilies: (typeof IP_FAMILIES)[number][];
  /** Resource ids of the public IPs the Standard load balancer sends outbound traffic from. */
  effectiveOutboundIpIds: string[];
}

export interface AksAgentPool {
  name: string;
  /** Node count; undefined when not printed. */
  count?: number;
  maxPods?: number;
  /** Subnet resource id of the nodes; undefined when AKS created the VNet itself. */
  vnetSubnetId?: string;
  /** Subnet resource id pods take addresses from (Azure CNI with dynamic pod subnet). */
  podSubnetId?: string;
  /** `upgradeSettings.maxSurge` as printed: a node count ("1") or a percentage ("33%"). */
  maxSurge?: string;
  /** Extra nodes during an upgrade, computed from maxSurge and count (percentages round up). */
  surgeNodes?: number;
  mode?: (typeof POOL_MODES)[number];
  path: PathSegment[];
}

export interface AksApiServerAccess {
  /** Empty when the feature is off. Read from a list or from one comma-separated string. */
  authorizedIpRanges: string[];
  enablePrivateCluster: boolean;
  enablePrivateClusterPublicFqdn?: boolean;
  privateDnsZone?: string;
  /** API Server VNet Integration (raises the authorized range limit to 2,000). */
  enableVnetIntegration: boolean;
  subnetId?: string;
  disableRunCommand?: boolean;
}

export interface AksCluster {
  name: string;
  id?: string;
  location?: string;
  fqdn?: string;
  /** Set for private clusters: the API server's name in the private DNS zone. */
  privateFqdn?: string;
  networkProfile: AksNetworkProfile;
  agentPools: AksAgentPool[];
  apiServerAccess: AksApiServerAccess;
}

/** True when the value looks like a managed cluster (`az aks show`, REST GET, ARM resource). */
export function isAksCluster(v: unknown): boolean {
  if (!isObj(v)) return false;
  const type = get(v, 'type');
  if (typeof type === 'string') return type.toLowerCase() === 'microsoft.containerservice/managedclusters';
  const f = flatten(v, []).fields;
  return get(f, 'agentPoolProfiles') !== undefined && (get(f, 'networkProfile') !== undefined || get(f, 'dnsPrefix') !== undefined);
}

/**
 * Surge nodes for a pool: "1" → 1, "33%" of 3 nodes → 1 (AKS rounds a percentage up to whole
 * nodes). Undefined when the value cannot be read; the caller reports it.
 */
export function surgeNodes(maxSurge: string, count: number | undefined): number | undefined {
  const t = maxSurge.trim();
  const pct = /^(\d{1,3})%$/.exec(t);
  if (pct) return count === undefined ? undefined : Math.ceil((count * Number(pct[1])) / 100);
  if (/^\d{1,4}$/.test(t)) return Number(t);
  return undefined;
}

/** Reads one managed cluster. `where.doc` places diagnostics on their lines. */
export function readAksCluster(value: unknown, where: { doc?: YamlDocument; path?: PathSegment[] } = {}): { cluster?: AksCluster; diagnostics: Sink['diagnostics'] } {
  const sink = new Sink(where.doc);
  const base = where.path ?? [];
  if (!isObj(value)) {
    sink.add('error', 'az-wrong-shape', 'Expected the JSON object `az aks show -o json` prints.', base);
    return { diagnostics: sink.diagnostics };
  }
  const f = flatten(value, base);
  const F = f.fields;
  const name = text(get(F, 'name'), f.pathOf('name'), sink, 'name') ?? 'cluster';

  const np = get(F, 'networkProfile');
  const npPath = f.pathOf('networkProfile');
  const netObj: Obj = isObj(np) ? np : {};
  const at = (k: string): PathSegment[] => [...npPath, Object.keys(netObj).find((x) => x.toLowerCase() === k.toLowerCase()) ?? k];
  const list = (plural: string, single: string): string[] => {
    const p = textList(get(netObj, plural), at(plural), sink, `networkProfile.${plural}`);
    if (p.length) return p;
    const s = text(get(netObj, single), at(single), sink, `networkProfile.${single}`);
    return s ? s.split(',').map((x) => x.trim()).filter(Boolean) : [];
  };
  const lbp = get(netObj, 'loadBalancerProfile');
  const effective = get(lbp, 'effectiveOutboundIPs');
  const networkProfile: AksNetworkProfile = {
    networkPlugin: enumOf(get(netObj, 'networkPlugin'), NETWORK_PLUGINS, at('networkPlugin'), sink, 'networkProfile.networkPlugin', AKS_SOURCES.rest),
    networkPluginMode: enumOf(get(netObj, 'networkPluginMode'), NETWORK_PLUGIN_MODES, at('networkPluginMode'), sink, 'networkProfile.networkPluginMode', AKS_SOURCES.rest),
    networkPolicy: enumOf(get(netObj, 'networkPolicy'), NETWORK_POLICIES, at('networkPolicy'), sink, 'networkProfile.networkPolicy', AKS_SOURCES.rest),
    networkDataplane: enumOf(get(netObj, 'networkDataplane'), NETWORK_DATAPLANES, at('networkDataplane'), sink, 'networkProfile.networkDataplane', AKS_SOURCES.rest),
    podCidrs: list('podCidrs', 'podCidr'),
    serviceCidrs: list('serviceCidrs', 'serviceCidr'),
    dnsServiceIp: text(get(netObj, 'dnsServiceIP'), at('dnsServiceIP'), sink, 'networkProfile.dnsServiceIp'),
    outboundType: enumOf(get(netObj, 'outboundType'), OUTBOUND_TYPES, at('outboundType'), sink, 'networkProfile.outboundType', AKS_SOURCES.outbound),
    loadBalancerSku: enumOf(get(netObj, 'loadBalancerSku'), LOAD_BALANCER_SKUS, at('loadBalancerSku'), sink, 'networkProfile.loadBalancerSku', AKS_SOURCES.rest),
    ipFamilies: textList(get(netObj, 'ipFamilies'), at('ipFamilies'), sink, 'networkProfile.ipFamilies').flatMap((x, i) => {
      const e = enumOf(x, IP_FAMILIES, [...at('ipFamilies'), i], sink, 'networkProfile.ipFamilies');
      return e ? [e] : [];
    }),
    effectiveOutboundIpIds: Array.isArray(effective) ? effective.flatMap((e) => (typeof get(e, 'id') === 'string' ? [get(e, 'id') as string] : [])) : [],
  };
  if (np !== undefined && !isObj(np)) sink.add('error', 'az-wrong-type', 'networkProfile should be an object.', npPath);

  const pools = get(F, 'agentPoolProfiles');
  const poolsPath = f.pathOf('agentPoolProfiles');
  const agentPools: AksAgentPool[] = [];
  if (pools !== undefined && !Array.isArray(pools)) sink.add('error', 'az-wrong-type', 'agentPoolProfiles should be a list of node pools.', poolsPath);
  (Array.isArray(pools) ? pools : []).forEach((p, i) => {
    const path = [...poolsPath, i];
    if (!isObj(p)) {
      sink.add('error', 'az-wrong-type', `agentPoolProfiles item ${i + 1} should be an object.`, path);
      return;
    }
    const pf = flatten(p, path);
    const P = pf.fields;
    const count = whole(get(P, 'count'), pf.pathOf('count'), sink, 'count');
    const us = get(P, 'upgradeSettings');
    const usPath = pf.pathOf('upgradeSettings');
    const rawSurge = get(us, 'maxSurge');
    const maxSurge = typeof rawSurge === 'number' ? String(rawSurge) : text(rawSurge, [...usPath, 'maxSurge'], sink, 'upgradeSettings.maxSurge');
    let surge: number | undefined;
    if (maxSurge !== undefined && maxSurge.trim() !== '') {
      surge = surgeNodes(maxSurge, count);
      if (surge === undefined && count !== undefined) sink.add('error', 'az-wrong-type', `upgradeSettings.maxSurge "${maxSurge}" should be a node count such as "1" or a percentage such as "33%".`, [...usPath, 'maxSurge'], AKS_SOURCES.surge);
    }
    agentPools.push({
      name: text(get(P, 'name'), pf.pathOf('name'), sink, 'name') ?? `pool ${i + 1}`,
      count,
      maxPods: whole(get(P, 'maxPods'), pf.pathOf('maxPods'), sink, 'maxPods'),
      vnetSubnetId: text(get(P, 'vnetSubnetID'), pf.pathOf('vnetSubnetID'), sink, 'vnetSubnetId'),
      podSubnetId: text(get(P, 'podSubnetID'), pf.pathOf('podSubnetID'), sink, 'podSubnetId'),
      ...(maxSurge !== undefined && maxSurge.trim() !== '' ? { maxSurge } : {}),
      ...(surge !== undefined ? { surgeNodes: surge } : {}),
      mode: enumOf(get(P, 'mode'), POOL_MODES, pf.pathOf('mode'), sink, 'mode'),
      path,
    });
  });

  const ap = get(F, 'apiServerAccessProfile');
  const apPath = f.pathOf('apiServerAccessProfile');
  const apObj: Obj = isObj(ap) ? ap : {};
  const apAt = (k: string): PathSegment[] => [...apPath, Object.keys(apObj).find((x) => x.toLowerCase() === k.toLowerCase()) ?? k];
  const rangesRaw = get(apObj, 'authorizedIPRanges');
  // az takes the ranges as one comma-separated string; a pasted value may be written that way too.
  const authorizedIpRanges = (typeof rangesRaw === 'string' ? rangesRaw.split(',') : textList(rangesRaw, apAt('authorizedIPRanges'), sink, 'apiServerAccessProfile.authorizedIpRanges'))
    .map((r) => r.trim())
    .filter(Boolean);
  const apiServerAccess: AksApiServerAccess = {
    authorizedIpRanges,
    enablePrivateCluster: bool(get(apObj, 'enablePrivateCluster'), apAt('enablePrivateCluster'), sink, 'apiServerAccessProfile.enablePrivateCluster') ?? false,
    enablePrivateClusterPublicFqdn: bool(get(apObj, 'enablePrivateClusterPublicFQDN'), apAt('enablePrivateClusterPublicFQDN'), sink, 'apiServerAccessProfile.enablePrivateClusterPublicFqdn'),
    privateDnsZone: text(get(apObj, 'privateDNSZone'), apAt('privateDNSZone'), sink, 'apiServerAccessProfile.privateDnsZone'),
    enableVnetIntegration: bool(get(apObj, 'enableVnetIntegration'), apAt('enableVnetIntegration'), sink, 'apiServerAccessProfile.enableVnetIntegration') ?? false,
    subnetId: text(get(apObj, 'subnetId'), apAt('subnetId'), sink, 'apiServerAccessProfile.subnetId'),
    disableRunCommand: bool(get(apObj, 'disableRunCommand'), apAt('disableRunCommand'), sink, 'apiServerAccessProfile.disableRunCommand'),
  };

  return {
    cluster: {
      name,
      id: text(get(F, 'id'), f.pathOf('id'), sink, 'id'),
      location: text(get(F, 'location'), f.pathOf('location'), sink, 'location'),
      fqdn: text(get(F, 'fqdn'), f.pathOf('fqdn'), sink, 'fqdn'),
      privateFqdn: text(get(F, 'privateFQDN'), f.pathOf('privateFQDN'), sink, 'privateFqdn'),
      networkProfile,
      agentPools,
      apiServerAccess,
    },
    diagnostics: sink.diagnostics,
  };
}
