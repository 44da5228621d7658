/**
 * The planner's input from what `az` prints: `az aks show -o json` (network profile, node
 * pools) and `az network vnet show -o json` (address space, subnets), pasted one after the
 * other. The plan is then computed for the real cluster.
 *
 * How the cluster maps to the planner (each choice is also said in an `info` diagnostic):
 * - plugin: kubenet → kubenet; azure + networkPluginMode overlay → azure-overlay; azure with a
 *   pool podSubnetId → azure-dynamic; azure → azure (node subnet); `none` (bring your own CNI)
 *   is not planned.
 * - node subnet: the VNet subnet whose id is the pools' vnetSubnetId; the pod subnet likewise.
 * - node count, surge, pods per node: the pools on that subnet, added up; when their maxPods
 *   differ, the largest is used, so the plan never under-counts addresses.
 * - the VNet's other subnets become otherCidrs, so overlaps with them are checked.
 */
import { idName, readAksCluster, readVnet, sameId, type AksCluster, type AzDocument, type AzVnet } from '../azure';
import { diag, type Diagnostic } from '../diagnostics';
import type { ClusterPlanInput, Plugin } from './index';

export interface PlanFromAzure {
  input?: ClusterPlanInput;
  diagnostics: Diagnostic[];
}

/** Builds the plan input from an `az aks show` document and, if given, `az network vnet show` documents. */
export function planInputFromAzure(docs: AzDocument[]): PlanFromAzure {
  const diagnostics: Diagnostic[] = [];
  const aksDoc = docs.find((d) => d.kind === 'aks-cluster');
  const vnets: AzVnet[] = [];
  for (const d of docs.filter((x) => x.kind === 'vnet')) {
    const r = readVnet(d.value, { doc: d.doc });
    diagnostics.push(...r.diagnostics);
    if (r.vnet) vnets.push(r.vnet);
  }
  if (!aksDoc) {
    const at = docs[0]?.doc.at([]) ?? { line: 1, column: 1 };
    diagnostics.push(diag('error', 'az-missing-cluster', 'Paste `az aks show -o json` too (the VNet alone does not say the plugin, node count or pods per node), or write the plan as key: value lines.', at));
    return { diagnostics };
  }
  const r = readAksCluster(aksDoc.value, { doc: aksDoc.doc });
  diagnostics.push(...r.diagnostics);
  if (!r.cluster) return { diagnostics };
  const c = r.cluster;
  const at = aksDoc.doc.at([]);
  const note = (code: string, message: string, severity: 'info' | 'warning' | 'error' = 'info') => diagnostics.push(diag(severity, code, message, at));

  const plugin = pluginOf(c, note);
  const subnetIds = [...new Set(c.agentPools.map((p) => p.vnetSubnetId).filter((x): x is string => !!x))];
  const nodeSubnetId = subnetIds[0];
  if (subnetIds.length > 1) note('az-pools-several-subnets', `The node pools use ${subnetIds.length} subnets (${subnetIds.map(idName).join(', ')}); the plan sizes ${idName(nodeSubnetId!)} and the pools on it.`, 'warning');
  const pools = c.agentPools.filter((p) => !nodeSubnetId || sameId(p.vnetSubnetId, nodeSubnetId));
  const allSubnets = vnets.flatMap((v) => v.subnets);
  const nodeSubnet = nodeSubnetId ? allSubnets.find((s) => sameId(s.id, nodeSubnetId)) : undefined;
  const podSubnetId = pools.find((p) => p.podSubnetId)?.podSubnetId;
  const podSubnet = podSubnetId ? allSubnets.find((s) => sameId(s.id, podSubnetId)) : undefined;
  const vnet = vnets.find((v) => nodeSubnet && v.subnets.includes(nodeSubnet)) ?? vnets[0];

  if (!nodeSubnetId) note('az-managed-vnet', 'The node pools have no vnetSubnetId: AKS created the VNet itself. Paste `az network vnet show` of that VNet (in the node resource group) to size its subnet.');
  else if (!vnets.length) note('az-vnet-missing', `The node subnet is ${idName(nodeSubnetId)}; paste \`az network vnet show -o json\` of its VNet after this output to check its size and overlaps.`);
  else if (!nodeSubnet) note('az-subnet-not-found', `The node subnet ${idName(nodeSubnetId)} is not among the subnets of the VNet pasted (${vnets.map((v) => v.name).join(', ')}).`, 'warning');
  if (podSubnetId && vnets.length && !podSubnet) note('az-subnet-not-found', `The pod subnet ${idName(podSubnetId)} is not among the subnets of the VNet pasted.`, 'warning');

  const counted = pools.filter((p) => p.count !== undefined);
  const nodeCount = counted.reduce((n, p) => n + (p.count ?? 0), 0);
  const maxSurge = pools.reduce((n, p) => n + (p.surgeNodes ?? 1), 0);
  const podsList = [...new Set(pools.map((p) => p.maxPods).filter((x): x is number => x !== undefined))];
  const maxPods = podsList.length ? Math.max(...podsList) : undefined;
  if (pools.length > 1) {
    note('az-pools-summed', `${pools.length} node pools share the node subnet (${pools.map((p) => `${p.name}: ${p.count ?? '?'} nodes, maxPods ${p.maxPods ?? '?'}, surge ${p.maxSurge ?? 'default 1'}`).join('; ')}); the plan adds their nodes and surge${podsList.length > 1 ? ` and uses the largest maxPods (${maxPods}), so it never under-counts addresses` : ''}.`);
  }
  const np = c.networkProfile;
  const usedIds = new Set([nodeSubnet?.id, podSubnet?.id].filter(Boolean).map((x) => x!.toLowerCase()));
  const others = (vnet?.subnets ?? []).filter((s) => !usedIds.has((s.id ?? '').toLowerCase())).flatMap((s) => s.addressPrefixes.map((p) => ({ name: `subnet ${s.name}`, cidr: p })));
  const input: ClusterPlanInput = {
    plugin: plugin ?? ('' as Plugin),
    ...(np.networkDataplane ? { dataplane: np.networkDataplane } : {}),
    vnetCidrs: vnet?.addressPrefixes ?? [],
    nodeSubnetCidr: nodeSubnet?.addressPrefixes.join(',') ?? '',
    ...(podSubnet ? { podSubnetCidr: podSubnet.addressPrefixes.join(',') } : {}),
    ...((plugin === 'kubenet' || plugin === 'azure-overlay') && np.podCidrs.length ? { podCidr: np.podCidrs.join(',') } : {}),
    ...(np.serviceCidrs.length ? { serviceCidr: np.serviceCidrs.join(',') } : {}),
    ...(np.dnsServiceIp ? { dnsServiceIp: np.dnsServiceIp } : {}),
    nodeCount,
    ...(maxPods !== undefined ? { maxPods } : {}),
    ...(pools.length ? { maxSurge } : {}),
    ...(others.length ? { otherCidrs: others } : {}),
  };
  note('az-plan-read', `Planned from az output: cluster ${c.name}, ${plugin ?? 'unknown plugin'}${nodeSubnet ? `, node subnet ${nodeSubnet.name} ${nodeSubnet.addressPrefixes.join(', ')}` : ''}, ${nodeCount} node${nodeCount === 1 ? '' : 's'} + ${maxSurge} surge.`);
  return { input, diagnostics };
}

function pluginOf(c: AksCluster, note: (code: string, message: string, severity?: 'info' | 'warning' | 'error') => void): Plugin | undefined {
  const np = c.networkProfile;
  if (np.networkPlugin === 'kubenet') return 'kubenet';
  if (np.networkPlugin === 'azure') {
    if (np.networkPluginMode === 'overlay') return 'azure-overlay';
    return c.agentPools.some((p) => p.podSubnetId) ? 'azure-dynamic' : 'azure';
  }
  if (np.networkPlugin === 'none') note('az-plugin-none', 'networkPlugin "none": the cluster brings its own CNI, whose addressing this planner does not know.', 'error');
  else if (np.networkPlugin === undefined) note('az-plugin-missing', 'The output has no readable networkProfile.networkPlugin, so the plugin is unknown.', 'error');
  return undefined;
}
