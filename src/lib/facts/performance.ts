/** Node performance: connection limits, eBPF host routing. */
import { FACTCHECK_2026_11_30 as FC, facts } from './types.ts';

const EBPF = 'https://learn.microsoft.com/azure/aks/container-network-performance-ebpf-host-routing';

export const PERFORMANCE_FACTS = facts({
  'vm-connections-min': {
    value: 500000,
    display: '500,000',
    text: 'Every VM size supports at least 500,000 total connections, but Microsoft recommends 100,000 or fewer on the smallest sizes (2–7 vCPU).',
    source: 'https://learn.microsoft.com/azure/virtual-network/virtual-machine-network-throughput',
    quote: 'supports at least 500K total connections … For the smallest sizes (2-7 vCPU), we recommend … 100K or fewer',
    checked: FC,
  },
  'vm-connections-by-vcpu': {
    value: ['2-7 vCPU: 100,000', '64+ vCPU: 1,000,000 (2,000,000 with MANA)'],
    display: 'from 100,000 (2–7 vCPU) to 1,000,000 (64+ vCPU; 2,000,000 with MANA)',
    text: 'Recommended connection limits grow with the vCPU count, from 100,000 at 2–7 vCPU to 1,000,000 at 64 or more (2,000,000 with MANA); network virtual appliances should use half.',
    source: 'https://learn.microsoft.com/azure/virtual-network/virtual-machine-network-throughput',
    quote: 'NVAs … should use half the recommended connection limits',
    checked: FC,
  },
  'vm-connections-smallest': {
    value: 100000,
    display: '100,000',
    text: 'On the smallest VM sizes (2–7 vCPU) Microsoft recommends 100,000 or fewer connections.',
    source: 'https://learn.microsoft.com/azure/virtual-network/virtual-machine-network-throughput',
    quote: 'For the smallest sizes (2-7 vCPU), we recommend … 100K or fewer',
    checked: FC,
  },
  'vm-default-mtu': {
    value: 1500,
    display: '1,500',
    text: 'The default MTU of Azure VMs, and so of AKS nodes, is 1,500 bytes.',
    source: 'https://learn.microsoft.com/azure/virtual-network/virtual-network-tcpip-performance-tuning',
    quote: 'The default MTU for Azure VMs is 1,500 bytes.',
    checked: FC,
  },
  'vnet-fragment-size': {
    value: 1400,
    display: '1,400',
    text: 'The Azure virtual network stack tries to fragment packets at 1,400 bytes.',
    source: 'https://learn.microsoft.com/azure/virtual-network/virtual-network-tcpip-performance-tuning',
    quote: 'The Azure Virtual Network stack will attempt to fragment a packet at 1,400 bytes.',
    checked: FC,
  },
  'ebpf-host-routing-dual-stack': {
    value: true,
    text: 'eBPF host routing supports dual-stack.',
    source: EBPF,
    quote: 'Dual-stack connectivity is supported by eBPF Host Routing.',
    checked: FC,
  },
  'ebpf-host-routing-os': {
    value: ['Ubuntu 24.04', 'Azure Linux 3.0'],
    display: 'Ubuntu 24.04 or Azure Linux 3.0',
    text: 'eBPF host routing needs Ubuntu 24.04 or Azure Linux 3.0 nodes; Windows nodes are not supported.',
    source: EBPF,
    quote: 'incompatible with nodes running OSes other than Ubuntu 24.04, or Azure Linux 3.0',
    checked: FC,
  },
  'ebpf-host-routing-istio': {
    value: 'ambient-self-managed',
    text: 'eBPF host routing works with the Istio add-on; only self-managed Istio Ambient with ACNS Performance mode is unsupported.',
    source: EBPF,
    quote: "Istio Ambient through a self-managed installation with ACNS Performance mode isn't supported.",
    checked: FC,
  },
  'kube-proxy-ipvs-min-k8s': {
    value: '1.22',
    text: 'The AKS API accepts the IPVS kube-proxy mode on Kubernetes 1.22 and later.',
    source: 'https://learn.microsoft.com/dotnet/api/azure.resourcemanager.containerservice.models.containerservicenetworkkubeproxymode',
    quote: 'IPVS proxy mode. Must be using Kubernetes version >= 1.22.',
    checked: '2026-11-30',
  },
  'kube-proxy-nftables-min-k8s': {
    value: '1.33',
    text: 'The AKS API accepts the nftables kube-proxy mode on Kubernetes 1.33 and later.',
    source: 'https://learn.microsoft.com/dotnet/api/azure.resourcemanager.containerservice.models.containerservicenetworkkubeproxymode',
    quote: 'NFTables proxy mode. Must be using Kubernetes version >= 1.33.',
    checked: '2026-11-30',
  },
});
