/** Network plugins and dual-stack: which plugin supports what, and how pods are seen. */
import { FACTCHECK_2026_11_30 as FC, facts } from './types.ts';

const DUAL_STACK = 'https://learn.microsoft.com/azure/aks/configure-dual-stack';
const OVERLAY = 'https://learn.microsoft.com/azure/aks/azure-cni-overlay';
const CNI_OVERVIEW = 'https://learn.microsoft.com/azure/aks/concepts-network-cni-overview';

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
});
