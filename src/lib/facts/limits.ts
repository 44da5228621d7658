/** Cluster sizes: nodes, node pools, pods per node, surge, pod-subnet allocation. */
import { FACTCHECK_2026_11_30 as FC, facts } from './types.ts';

const QUOTAS = 'https://learn.microsoft.com/azure/aks/quotas-skus-regions';
const IP_PLANNING = 'https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning';
const OVERLAY_CONCEPTS = 'https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay';
const KUBENET = 'https://learn.microsoft.com/azure/aks/configure-kubenet';
const DYNAMIC = 'https://learn.microsoft.com/azure/aks/configure-azure-cni-dynamic-ip-allocation';
const POD_SUBNET = 'https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-pod-subnet';

export const LIMIT_FACTS = facts({
  'nodes-per-cluster': {
    value: 5000,
    display: '5,000',
    text: 'An AKS cluster on virtual machine scale sets with the Standard load balancer holds at most 5,000 nodes across all node pools.',
    source: QUOTAS,
    quote: '5,000 across all node pools',
    checked: FC,
  },
  'nodes-per-pool': {
    value: 1000,
    display: '1,000',
    text: 'A virtual machine scale set node pool holds at most 1,000 nodes.',
    source: QUOTAS,
    quote: 'Maximum nodes per node pool (Virtual Machine Scale Sets node pools) | 1000',
    checked: FC,
  },


  'kubenet-max-nodes': {
    value: 400,
    text: 'A route table holds at most 400 routes and kubenet needs one per node, so a kubenet cluster has at most 400 nodes.',
    source: KUBENET,
    quote: "Azure supports a maximum of 400 routes in a UDR, so you can't have an AKS cluster larger than 400 nodes.",
    checked: FC,
  },
  'overlay-max-nodes': {
    value: 5000,
    display: '5,000',
    text: 'Azure CNI Overlay scales to 5,000 nodes per cluster (kubenet: 400).',
    source: OVERLAY_CONCEPTS,
    quote: 'Maximum nodes per cluster | 5,000 nodes | 400 nodes',
    checked: FC,
  },
  'max-pods-default-kubenet': {
    value: 110,
    text: 'kubenet defaults to 110 pods per node.',
    source: KUBENET,
    quote: 'default value of 110 for kubenet',
    checked: FC,
  },
  'max-pods-default-azure-cni': {
    value: 30,
    text: 'Azure CNI with pods in the node subnet defaults to 30 pods per node.',
    source: IP_PLANNING,
    quote: '(51) + (51 * 30 (default)) = 1,581',
    checked: FC,
  },
  'max-pods-default-overlay': {
    value: 250,
    text: 'Azure CNI Overlay defaults to 250 pods per node, which is also its maximum.',
    source: OVERLAY_CONCEPTS,
    quote: 'Default | 250 … Maximum | 250 … Minimum | 10',
    checked: FC,
  },
  'max-pods-default-pod-subnet': {
    value: 110,
    text: 'The IP planning page gives 110 as the default pods per node with a separate pod subnet; the dynamic IP allocation page gives 250.',
    source: IP_PLANNING,
    quote: 'Azure CNI Pod subnet | 110',
    checked: FC,
    disputed: 'Configure Azure CNI dynamic IP allocation: "Azure CNI Pod Subnet - Dynamic IP Allocation | 250" (https://learn.microsoft.com/azure/aks/configure-azure-cni-dynamic-ip-allocation).',
  },
  'max-pods-default-pod-subnet-dynamic': {
    value: 250,
    text: 'The dynamic IP allocation page gives 250 as the default pods per node with a separate pod subnet (the IP planning page says 110).',
    source: DYNAMIC,
    quote: 'Azure CNI Pod Subnet - Dynamic IP Allocation | 250',
    checked: FC,
  },
  'max-pods-min': {
    value: 10,
    text: 'maxPods can be as low as 10 only if each node pool has room for at least 30 pods.',
    source: IP_PLANNING,
    quote: 'The minimum value … is 10 if and only if the configuration of each node pool has space for a minimum of 30 pods',
    checked: FC,
  },
  'max-pods-max': {
    value: 250,
    text: 'maxPods can be at most 250 pods per node.',
    source: OVERLAY_CONCEPTS,
    quote: 'Maximum | 250',
    checked: FC,
  },
  'min-pods-per-pool': {
    value: 30,
    text: 'With maxPods below 30, a node pool must still have room for 30 pods (for example three nodes at 10).',
    source: IP_PLANNING,
    quote: 'requires each individual node pool to have a minimum of three nodes',
    checked: FC,
  },
  'system-pool-min-pods': {
    value: 30,
    text: 'System node pools must support at least 30 pods per node.',
    source: 'https://learn.microsoft.com/azure/aks/use-system-pools',
    quote: 'System node pools must support at least 30 pods',
    checked: FC,
  },
  'max-surge-default': {
    value: 1,
    text: 'Without a max surge setting, an upgrade adds one extra node at a time (the AKS API reference); plan addresses for nodes plus surge.',
    source: 'https://learn.microsoft.com/javascript/api/@azure-rest/arm-containerservice/agentpoolupgradesettingsoutput',
    quote: 'If not specified, the default is 1.',
    checked: '2026-11-30',
    disputed: 'The Az PowerShell help for -MaxSurge says "If not specified, the default is 10%" (https://learn.microsoft.com/dotnet/api/microsoft.azure.commands.aks.neworupdateagentpoolbase.maxsurge).',
  },
  'pod-subnet-batch': {
    value: 16,
    text: 'With dynamic pod-subnet allocation, a node takes 16 addresses on startup and another 16 whenever fewer than 8 are unallocated.',
    source: DYNAMIC,
    quote: 'nodes will request 16 IPs on startup and will request another batch of 16 any time there are <8 IPs unallocated',
    checked: FC,
  },
  'static-block-size': {
    value: 16,
    display: '/28 (16 addresses)',
    text: 'In StaticBlock mode each node gets /28 blocks of 16 addresses; one address per node is reserved, so maxPods = 16 × blocks − 1 uses the blocks fully.',
    source: POD_SUBNET,
    quote: '1 IP is reserved on each node … max_pods_per_node = (16 * N) - 1',
    checked: FC,
  },
  'static-block-subnet-prefix': {
    value: 15,
    display: '/15',
    text: 'StaticBlock mode counts each /28 block, not each address, against the VNet private-IP limit, so it suits very large clusters with pod subnets of /15 or bigger.',
    source: 'https://github.com/Azure/azure-rest-api-specs/blob/main/specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2025-07-01/managedClusters.json',
    quote: 'The block, rather than a single IP, counts against the Azure Vnet Private IP limit of 65K. … This mode is better suited to scale with larger subnets of /15 or bigger',
    checked: FC,
  },
  'az-aks-create-default-node-count': {
    value: 3,
    text: 'Without --node-count, az aks create gives the first node pool 3 nodes.',
    source: 'https://github.com/Azure/azure-cli/blob/dev/src/azure-cli/azure/cli/command_modules/acs/custom.py',
    quote: 'def aks_create( … nodepool_name="nodepool1", … node_count=3,',
    checked: '2026-11-30',
  },
});
