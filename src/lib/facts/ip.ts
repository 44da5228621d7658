/** Addresses: what Azure reserves, subnet sizes, ranges AKS refuses, address defaults. */
import { FACTCHECK_2026_11_30 as FC, facts } from './types.ts';

const VNET_FAQ = 'https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq';
const IP_PLANNING = 'https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning';
const LEGACY_CNI = 'https://learn.microsoft.com/azure/aks/concepts-network-legacy-cni';
const OVERLAY = 'https://learn.microsoft.com/azure/aks/azure-cni-overlay';
const DUAL_STACK = 'https://learn.microsoft.com/azure/aks/configure-dual-stack';

export const IP_FACTS = facts({
  'subnet-reserved-addresses': {
    value: 5,
    text: 'Azure reserves five addresses in every subnet: the network address, the next three (default gateway and two for Azure DNS) and the last one.',
    source: VNET_FAQ,
    quote: 'Azure reserves the first four addresses and the last address, for a total of five IP addresses within each subnet',
    checked: FC,
  },
  'subnet-smallest-ipv4-prefix': {
    value: 29,
    display: '/29',
    text: 'The smallest IPv4 subnet Azure supports is a /29 (8 addresses, 3 usable).',
    source: VNET_FAQ,
    quote: 'The smallest supported IPv4 subnet is /29, and the largest is /2',
    checked: FC,
  },
  'subnet-largest-ipv4-prefix': {
    value: 2,
    display: '/2',
    text: 'The largest IPv4 subnet Azure supports is a /2 (older copies of the FAQ said /8).',
    source: VNET_FAQ,
    quote: 'The smallest supported IPv4 subnet is /29, and the largest is /2 (using CIDR subnet definitions)',
    checked: FC,
  },
  'subnet-ipv6-prefix': {
    value: 64,
    display: '/64',
    text: 'An IPv6 subnet in Azure must be exactly a /64.',
    source: VNET_FAQ,
    quote: 'IPv6 subnets must be exactly /64 in size.',
    checked: FC,
  },
  'vnet-configured-ips': {
    value: 65536,
    display: '65,536',
    text: 'A virtual network holds at most 65,536 configured private IP addresses, which bounds Azure CNI clusters whose pods take VNet addresses.',
    source: IP_PLANNING,
    quote: '65,536 configured IP address limit',
    checked: FC,
  },
  'forbidden-ranges': {
    value: ['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24'],
    display: '169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24',
    text: "AKS clusters can't use 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 or 192.0.2.0/24 for the service, pod or cluster VNet address range.",
    source: LEGACY_CNI,
    quote: "AKS clusters can't use `169.254.0.0/16`, `172.30.0.0/16`, `172.31.0.0/16`, or `192.0.2.0/24`",
    checked: FC,
  },
  'default-pod-cidr': {
    value: '10.244.0.0/16',
    text: 'The default pod CIDR of kubenet and Azure CNI Overlay is 10.244.0.0/16.',
    source: OVERLAY,
    quote: 'The default is `10.244.0.0/16`',
    checked: FC,
  },
  'pod-cidr-per-node-prefix': {
    value: 24,
    display: '/24',
    text: 'Azure CNI Overlay (like kubenet) gives each node a /24 of the pod CIDR, so a /16 covers 256 nodes.',
    source: OVERLAY,
    quote: 'Each node is assigned a `/24` address space',
    checked: FC,
  },
  'default-service-cidr': {
    value: '10.0.0.0/16',
    text: 'The default service CIDR is 10.0.0.0/16 (dual-stack: 10.0.0.0/16,fd12:3456:789a:1::/108).',
    source: DUAL_STACK,
    quote: '10.0.0.0/16,fd12:3456:789a:1::/108',
    checked: FC,
  },
  'default-dual-stack-pod-cidrs': {
    value: '10.244.0.0/16,fd12:3456:789a::/64',
    text: 'A dual-stack cluster defaults to the pod CIDRs 10.244.0.0/16 and fd12:3456:789a::/64.',
    source: DUAL_STACK,
    quote: '10.244.0.0/16,fd12:3456:789a::/64',
    checked: FC,
  },
  'default-dual-stack-service-cidrs': {
    value: '10.0.0.0/16,fd12:3456:789a:1::/108',
    text: 'A dual-stack cluster defaults to the service CIDRs 10.0.0.0/16 and fd12:3456:789a:1::/108.',
    source: DUAL_STACK,
    quote: '10.0.0.0/16,fd12:3456:789a:1::/108',
    checked: FC,
  },
  'ipv6-service-cidr-max-prefix': {
    value: 108,
    display: '/108',
    text: 'An IPv6 service CIDR can be no larger than a /108.',
    source: DUAL_STACK,
    quote: 'can be no larger than a /108',
    checked: FC,
  },
  'service-cidr-docs-prefix': {
    value: 12,
    display: '/12',
    text: 'The AKS docs say the service CIDR must be smaller than /12 and may be reused by other clusters.',
    source: LEGACY_CNI,
    quote: 'must be smaller than /12. You can reuse this range',
    checked: FC,
  },
  'service-range-max-host-bits': {
    value: 20,
    text: 'kube-apiserver refuses a service range with more than 20 host bits (a /12 in IPv4).',
    source: 'https://github.com/kubernetes/kubernetes/blob/master/cmd/kube-apiserver/app/options/validation.go',
    quote: 'const maxCIDRBits = 20',
    checked: FC,
  },
  'dns-service-ip-default': {
    value: '10.0.0.10',
    text: 'Without --dns-service-ip, AKS gives the cluster DNS service the address 10.0.0.10, inside the default service CIDR 10.0.0.0/16.',
    source: 'https://github.com/Azure/azure-rest-api-specs/blob/main/specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2025-07-01/managedClusters.json',
    quote: '"dnsServiceIP": { … "default": "10.0.0.10", "description": "An IP address assigned to the Kubernetes DNS service.',
    checked: FC,
  },
  'az-vnet-default-prefix': {
    value: '10.0.0.0/16',
    text: 'Without --address-prefixes, az network vnet create gives the VNet 10.0.0.0/16.',
    source: 'https://github.com/Azure/azure-cli/blob/dev/src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/vnet/_create.py',
    quote: 'help="Space-separated list of IP address prefixes for the VNet. Default: 10.0.0.0/16.", default=["10.0.0.0/16"]',
    checked: FC,
  },
  'az-vnet-default-subnet-prefix': {
    value: 24,
    text: 'With --subnet-name and no --subnet-prefixes, az network vnet create reserves a /24 (or as large a block as the VNet has) within the VNet for the new subnet.',
    source: 'https://learn.microsoft.com/cli/azure/network/vnet#az-network-vnet-create',
    quote: 'Space-separated list of address prefixes in CIDR format for the new subnet. If omitted, automatically reserves a /24 (or as large as available) block within the VNet address space.',
    checked: FC,
  },
  'dns-service-ip-not-first': {
    value: true,
    text: 'The DNS service IP must lie inside the service CIDR and must not be its first address, which the kubernetes API service takes.',
    source: IP_PLANNING,
    quote: "Don't use the first IP address in your address range … used for the kubernetes.default.svc.cluster.local address.",
    checked: FC,
  },
  'docker-bridge-deprecated': {
    value: '172.17.0.1/16',
    text: 'The --docker-bridge-address option (default 172.17.0.1/16) is deprecated and hidden in the Azure CLI; it no longer needs to be planned around.',
    source: 'https://github.com/Azure/azure-cli/blob/dev/src/azure-cli/azure/cli/command_modules/acs/_params.py',
    quote: "deprecate_info=c.deprecate(target='--docker-bridge-address', hide=True)",
    checked: FC,
  },
  'service-cidr-extendable': {
    value: '1.33',
    text: 'From Kubernetes 1.33 the service IP range can be extended after cluster creation with the ServiceCIDR resource.',
    source: IP_PLANNING,
    quote: 'Starting with Kubernetes 1.33, you can extend the service IP range after cluster creation using the `ServiceCIDR` resource.',
    checked: FC,
  },
});
