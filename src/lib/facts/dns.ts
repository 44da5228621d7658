/** DNS: LocalDNS and CoreDNS. */
import { FACTCHECK_2026_11_30 as FC, facts } from './types.ts';

const COREDNS = 'https://learn.microsoft.com/azure/aks/coredns-custom';
const AUTOSCALE = 'https://learn.microsoft.com/azure/aks/coredns-autoscale';
const LOCALDNS = 'https://learn.microsoft.com/azure/aks/localdns-custom';

export const DNS_FACTS = facts({
  'coredns-min-k8s': {
    value: '1.12',
    text: 'AKS uses CoreDNS for cluster DNS on every cluster from Kubernetes 1.12; kube-dns is deprecated.',
    source: COREDNS,
    quote: 'uses CoreDNS … with all _1.12.x_ and higher clusters',
    checked: FC,
  },
  'coredns-ladder-nodes': {
    value: '[[1,2],[8,3],[16,4],[32,5]]',
    text: 'The CoreDNS autoscaler maps nodes to replicas with the default ladder [[1,2],[8,3],[16,4],[32,5]].',
    source: AUTOSCALE,
    quote: '[[1,2],[8,3],[16,4],[32,5]]',
    checked: FC,
  },
  'coredns-ladder-cores': {
    value: '[[1,2],[512,3],[1024,4],[2048,5]]',
    text: 'The CoreDNS autoscaler maps cores to replicas with the default ladder [[1,2],[512,3],[1024,4],[2048,5]].',
    source: AUTOSCALE,
    quote: '[[1,2],[512,3],[1024,4],[2048,5]]',
    checked: FC,
  },
  'coredns-min-replicas': {
    value: 2,
    text: 'Microsoft recommends at least two CoreDNS replicas, so that node drains do not break DNS.',
    source: AUTOSCALE,
    quote: 'We recommend a minimum of _two_ CoreDNS pod replicas',
    checked: FC,
  },
  'coredns-cpu': {
    value: '100m / 3 cores',
    display: '100m request / 3 cores limit',
    text: 'A CoreDNS pod requests 100m CPU and is limited to 3 cores by default.',
    source: AUTOSCALE,
    quote: '`100 m / 3 cores`',
    checked: FC,
  },
  'coredns-memory': {
    value: '70Mi / 500Mi',
    display: '70Mi request / 500Mi limit',
    text: 'A CoreDNS pod requests 70Mi of memory and is limited to 500Mi by default.',
    source: AUTOSCALE,
    quote: '`70 Mi / 500 Mi`',
    checked: FC,
  },
  'coredns-nxdomain-release': {
    value: 'v20241025',
    text: 'Since the v20241025 AKS release CoreDNS answers NXDOMAIN itself for reddog.microsoft.com names and for internal.cloudapp.net names with seven or more labels.',
    source: 'https://learn.microsoft.com/azure/aks/coredns-troubleshoot',
    quote: 'As of the _v20241025_ AKS release … a subdomain of `internal.cloudapp.net` that has seven or more labels',
    checked: FC,
  },
  'udp-conntrack-timeout': {
    value: 30,
    display: '30-second',
    text: 'LocalDNS talks to CoreDNS over TCP, whose conntrack entries go when the connection closes; UDP entries wait out a default 30-second timeout.',
    source: 'https://learn.microsoft.com/azure/aks/dns-concepts',
    quote: '(in contrast to UDP connections, which have a default 30-second timeout)',
    checked: FC,
  },
  'azure-dns-ip': {
    value: '168.63.129.16',
    text: 'Azure-provided DNS, like DHCP and health probes, is served from the host address 168.63.129.16.',
    source: 'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview',
    quote: 'Basic infrastructure services like DHCP, DNS, IMDS, and health monitoring are provided through the virtualized host IP addresses 168.63.129.16 and 169.254.169.254',
    checked: FC,
  },
  'localdns-min-k8s': {
    value: '1.31',
    text: 'LocalDNS needs Kubernetes 1.31 or later.',
    source: LOCALDNS,
    quote: 'You must have an existing AKS cluster with Kubernetes versions 1.31 and later to use LocalDNS',
    checked: FC,
  },
  'localdns-preferred-mode': {
    value: 'Preferred',
    text: 'In Preferred mode AKS only validates the LocalDNS configuration and does not enable LocalDNS on the nodes; Required enables it, Disabled turns it off.',
    source: LOCALDNS,
    quote: "Preferred: AKS validates that your LocalDNS configuration is syntactically correct but doesn't enable LocalDNS on the nodes",
    checked: FC,
  },
  'localdns-nap-default': {
    value: 'Disabled',
    text: 'With node auto-provisioning, LocalDNS is set through the AKSNodeClass, where its mode defaults to Disabled.',
    source: 'https://learn.microsoft.com/azure/aks/node-auto-provisioning-aksnodeclass',
    quote: '`Disabled` (default)',
    checked: FC,
  },
  'localdns-addresses': {
    value: ['169.254.10.10', '169.254.10.11'],
    display: '169.254.10.10 and 169.254.10.11',
    text: 'LocalDNS listens on 169.254.10.10 and 169.254.10.11 on each node.',
    source: LOCALDNS,
    quote: '169.254.10.10 or 169.254.10.11',
    checked: FC,
  },
  'localdns-cidr': {
    value: '169.254.10.0/24',
    text: 'Cilium network policies must allow egress to the LocalDNS range 169.254.10.0/24 and the host entity on port 53.',
    source: 'https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium',
    quote: 'allows egress to the LocalDNS CIDR `169.254.10.0/24` on UDP and TCP port 53 and to the `host` entity',
    checked: FC,
  },
  'localdns-cache-duration-default': {
    value: 3600,
    display: '3,600 s',
    text: 'LocalDNS caches answers for up to 3,600 seconds by default (cacheDurationInSeconds).',
    source: LOCALDNS,
    quote: 'Maximum TTL (Time To Live) in seconds for which DNS responses are cached. … `3600`',
    checked: '2026-11-30',
  },
  'localdns-serve-stale-duration-default': {
    value: 3600,
    display: '3,600 s',
    text: 'LocalDNS serves stale answers for up to 3,600 seconds by default when the upstream is unavailable (serveStaleDurationInSeconds).',
    source: LOCALDNS,
    quote: 'Duration (in seconds) to serve stale DNS responses if upstream is unavailable. … `3600`',
    checked: '2026-11-30',
  },
  'private-dns-subzone-max-length': {
    value: 32,
    text: 'A subzone name in a custom private DNS zone for a private cluster has at most 32 characters.',
    source: 'https://learn.microsoft.com/azure/aks/private-clusters',
    quote: "If you're specifying a subzone, there's a 32 character limit for the `<subzone>` name.",
    checked: '2026-11-30',
  },
});
