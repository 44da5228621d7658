/**
 * The public pages behind each planner rule. Diagnostics carry one of these in `source`
 * so a reader can check the rule where it is stated.
 */
export const SOURCES = {
  /** Sizing formula (n+1)+((n+1)×maxPods), service CIDR and DNS IP rules, maxPods 10–250. */
  azureCni: 'https://learn.microsoft.com/azure/aks/configure-azure-cni',
  /** (n + surge) + ((n + surge) × maxPods); default max pods per plugin; maxPods 10–250. */
  ipPlanning: 'https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning',
  /** Forbidden ranges; "legacy" status of node subnet and kubenet; kubenet retirement date. */
  legacyCni: 'https://learn.microsoft.com/azure/aks/concepts-network-legacy-cni',
  /** A /24 per node from the pod CIDR; default 10.244.0.0/16; default plugin when none is given. */
  overlay: 'https://learn.microsoft.com/azure/aks/azure-cni-overlay',
  overlayConcepts: 'https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay',
  /** Separate pod subnet; DynamicIndividual and StaticBlock allocation. */
  podSubnet: 'https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-pod-subnet',
  /** 400 routes per route table, so at most 400 kubenet nodes; kubenet retires 31 March 2028. */
  kubenet: 'https://learn.microsoft.com/azure/aks/configure-kubenet',
  /** Dual-stack needs Azure CNI Overlay ("Azure CNI Overlay is required"); kubenet dual-stack was removed in March 2025. */
  dualStack: 'https://learn.microsoft.com/azure/aks/configure-dual-stack',
  /** 5,000 nodes per cluster, 1,000 per node pool, 100 node pools, 250 pods per node. */
  quotas: 'https://learn.microsoft.com/azure/aks/quotas-skus-regions',
  /** Five reserved addresses per subnet; /29 smallest IPv4 subnet. */
  vnetFaq: 'https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq',
  /** kube-apiserver refuses a service range with more than 20 host bits. */
  apiserverServiceRange: 'https://github.com/kubernetes/kubernetes/blob/master/cmd/kube-apiserver/app/options/validation.go',
  cilium: 'https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium',
  /** Dynamic pod-subnet allocation hands addresses to nodes in batches of 16. */
  podSubnetBatches: 'https://learn.microsoft.com/azure/aks/configure-azure-cni-dynamic-ip-allocation',
} as const;
