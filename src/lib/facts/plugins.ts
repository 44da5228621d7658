/** Network plugins and dual-stack: which plugin supports what, and how pods are seen. */
import { FACTCHECK_2026_11_30 as FC, facts } from './types.ts';

const DUAL_STACK = 'https://learn.microsoft.com/azure/aks/configure-dual-stack';
const OVERLAY = 'https://learn.microsoft.com/azure/aks/azure-cni-overlay';
const CNI_OVERVIEW = 'https://learn.microsoft.com/azure/aks/concepts-network-cni-overview';
const CILIUM = 'https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium';
const FQDN_CONCEPTS = 'https://learn.microsoft.com/azure/aks/container-network-security-fqdn-filtering-concepts';
const L7_CONCEPTS = 'https://learn.microsoft.com/azure/aks/container-network-security-l7-policy-concepts';
const L7_HOWTO = 'https://learn.microsoft.com/azure/aks/how-to-apply-l7-policies';

export const PLUGIN_FACTS = facts({
  'default-network-plugin': {
    value: 'Azure CNI Overlay',
    text: 'Without --network-plugin, AKS creates the cluster with Azure CNI Overlay.',
    source: OVERLAY,
    quote: "If you don't specify `--network-plugin`, AKS defaults to Azure CNI Overlay.",
    checked: FC,
  },
  'node-subnet-pod-source-ip': {
    value: 'node IP outside the VNet',
    text: 'With Azure CNI node subnet, destinations in the cluster VNet see the pod IP, but destinations outside it see the node IP; with a pod subnet the pod IP is kept.',
    source: CNI_OVERVIEW,
    quote: 'With Azure CNI Node Subnet, destinations in the cluster virtual network see the pod IP address, but destinations outside the cluster virtual network see the node IP address.',
    checked: FC,
  },
  'dual-stack-requires-overlay': {
    value: 'azure-overlay',
    text: 'Dual-stack (IPv4 and IPv6) needs Azure CNI Overlay; the kubenet dual-stack page was removed on 10 March 2025.',
    source: DUAL_STACK,
    quote: 'Azure CNI Overlay is required',
    checked: FC,
  },
  'dual-stack-ip-families': {
    value: ['ipv4', 'ipv4,ipv6'],
    text: '--ip-families accepts only ipv4 or ipv4,ipv6.',
    source: DUAL_STACK,
    quote: 'Only `ipv4` or `ipv4,ipv6` are supported',
    checked: FC,
  },

  'dual-stack-nat-gateway': {
    value: 'StandardV2',
    text: 'Standard NAT Gateway supports only IPv4; dual-stack egress needs StandardV2 NAT Gateway (the managedNATGatewayV2 outbound type is in preview).',
    source: OVERLAY,
    quote: 'Standard NAT Gateway, which supports only IPv4. For dual-stack egress, use StandardV2 NAT Gateway. The AKS-managed `managedNATGatewayV2` outbound type is in preview.',
    checked: FC,
  },
  'dual-stack-lb-both-families': {
    value: '1.27',
    text: 'From AKS 1.27 a dual-stack LoadBalancer Service gets one public IPv4 and one public IPv6 address; older versions gave an address only for the first IP family.',
    source: DUAL_STACK,
    quote: 'Starting in AKS v1.27 … 1 IPv4 public IP and 1 IPv6 public IP … in older versions, only the first IP address',
    checked: FC,
  },
  'cilium-dual-stack-min-k8s': {
    value: '1.29',
    text: 'Azure CNI Powered by Cilium supports dual-stack from Kubernetes 1.29.',
    source: 'https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium',
    quote: 'You must have Kubernetes version 1.29 or greater.',
    checked: FC,
  },
  'cilium-identity-limit': {
    value: 65535,
    display: '65,535',
    text: 'Cilium supports at most 65,535 security identities per cluster.',
    source: 'https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium',
    quote: 'Cilium identity limits (65535)',
    checked: FC,
  },
  // Advanced Container Networking Services (ACNS): what FQDN and L7 Cilium policies need on AKS, and their limits.
  'acns-fqdn-min-k8s': {
    value: '1.29',
    text: 'FQDN filtering on Azure CNI Powered by Cilium needs Advanced Container Networking Services and Kubernetes 1.29 or later.',
    source: CILIUM,
    quote: 'FQDN filtering | Not supported ❌ | Supported ✔️ | Requires Kubernetes 1.29 or later. Enabled by default with ACNS.',
    checked: FC,
  },
  'acns-l7-min-k8s': {
    value: '1.29',
    text: 'L7 (HTTP, gRPC, Kafka) policies need Advanced Container Networking Services with the L7 advanced network policy option, on Kubernetes 1.29 or later.',
    source: CILIUM,
    quote: 'Requires Kubernetes 1.29 or later and the `L7` advanced network policy option.',
    checked: FC,
  },
  'acns-l7-enables-fqdn': {
    value: true,
    text: 'Setting --acns-advanced-networkpolicies to L7 also turns on FQDN filtering.',
    source: L7_HOWTO,
    quote: 'Setting this parameter to "L7" also enables FQDN filtering.',
    checked: FC,
  },
  'acns-disabled-blocks': {
    value: true,
    text: 'If ACNS security is turned off, FQDN and L7 policies are blocked.',
    source: FQDN_CONCEPTS,
    quote: 'If Advanced Container Networking Services(ACNS) security is disabled, FQDN and L7 policies (HTTP(s), Kafka, and gRPC) are blocked.',
    checked: FC,
  },
  'acns-fqdn-rps': {
    value: 1000,
    display: '1,000',
    text: 'Pods with FQDN policies may slow down above 1,000 requests per second.',
    source: FQDN_CONCEPTS,
    quote: 'FQDN pods may exhibit performance degradation when handling more than 1,000 requests per second.',
    checked: FC,
  },
  'acns-fqdn-no-service-names': {
    value: false,
    text: 'FQDN rules cannot name Kubernetes Services.',
    source: FQDN_CONCEPTS,
    quote: "Kubernetes service names aren't supported.",
    checked: FC,
  },
  'acns-fqdn-ccnp': {
    value: true,
    text: 'FQDN rules are supported in CiliumClusterwideNetworkPolicy.',
    source: FQDN_CONCEPTS,
    quote: 'Supported by `CiliumClusterwideNetworkPolicy` (CCNP).',
    checked: FC,
  },
  'acns-fqdn-bare-star': {
    value: '*',
    text: 'On AKS a DNS rule matchPattern of a bare "*" blocks all DNS instead of allowing every name.',
    source: 'https://learn.microsoft.com/azure/aks/container-network-observability-guide',
    quote: '`matchPattern: "*"` blocks all DNS. A bare wildcard isn\'t supported.',
    checked: FC,
    disputed: 'Cilium\'s own docs say "* alone matches all names" (https://github.com/cilium/cilium/blob/main/Documentation/security/policy/layer3.rst).',
  },
  'acns-l7-max-nodes': {
    value: 1000,
    display: '1,000',
    text: 'L7 policies are supported on clusters of up to 1,000 nodes or 40,000 pods, whichever is greater.',
    source: L7_CONCEPTS,
    quote: 'The maximum supported cluster size is up to 1,000 nodes or 40,000 pods, whichever is greater.',
    checked: FC,
  },
  'acns-l7-max-pods': {
    value: 40000,
    display: '40,000',
    text: 'L7 policies are supported on clusters of up to 1,000 nodes or 40,000 pods, whichever is greater.',
    source: L7_CONCEPTS,
    quote: 'The maximum supported cluster size is up to 1,000 nodes or 40,000 pods, whichever is greater.',
    checked: FC,
  },
  'acns-l7-rps': {
    value: 3000,
    display: '3,000',
    text: 'L7 policies may add noticeable latency above 3,000 requests per second.',
    source: L7_CONCEPTS,
    quote: 'Users may experience noticeable latency degradation beyond 3,000 requests per second.',
    checked: FC,
  },
  'acns-l7-not-in-ccnp': {
    value: false,
    text: 'L7 rules are not supported in a CiliumClusterwideNetworkPolicy on AKS.',
    source: L7_CONCEPTS,
    quote: "L7 policy isn't supported by CiliumClusterwideNetworkPolicy(CCNP).",
    checked: FC,
  },
  'npm-max-nodes': {
    value: 250,
    text: 'Azure Network Policy Manager on Linux is not supported beyond 250 nodes and 20,000 pods.',
    source: 'https://learn.microsoft.com/azure/aks/use-network-policies',
    quote: "Scaling beyond _250 nodes_ and _20,000 pods_ isn't supported",
    checked: FC,
  },
  'npm-max-pods': {
    value: 20000,
    display: '20,000',
    text: 'Azure Network Policy Manager on Linux is not supported beyond 250 nodes and 20,000 pods.',
    source: 'https://learn.microsoft.com/azure/aks/use-network-policies',
    quote: "Scaling beyond _250 nodes_ and _20,000 pods_ isn't supported",
    checked: FC,
  },
  'cilium-endport-version': {
    value: '1.17',
    text: 'Cilium enforces the endPort field of a NetworkPolicy from Cilium 1.17.',
    source: 'https://learn.microsoft.com/azure/aks/migrate-from-npm-to-cilium-network-policy',
    quote: 'Cilium started supporting the `endPort` field … in version 1.17',
    checked: FC,
  },
  'cilium-linux-only': {
    value: 'Linux',
    text: 'Azure CNI Powered by Cilium, and so Cilium network policy, is available only on Linux nodes.',
    source: CILIUM,
    quote: 'Available only for Linux and not for Windows.',
    checked: FC,
  },
});
