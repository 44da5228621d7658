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
});
