/** DNS: LocalDNS and CoreDNS. */
import { FACTCHECK_2026_11_30 as FC, facts } from './types.ts';

const LOCALDNS = 'https://learn.microsoft.com/azure/aks/localdns-custom';

export const DNS_FACTS = facts({
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
});
