/** API server access: authorized IP ranges, private clusters, node access. */
import { FACTCHECK_2026_11_30 as FC, facts } from './types.ts';

const RANGES = 'https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges';

export const ACCESS_FACTS = facts({
  'authorized-ranges-max': {
    value: 200,
    text: 'A cluster accepts up to 200 authorized IP ranges for its public API server.',
    source: RANGES,
    quote: 'You can specify up to 200 authorized IP ranges',
    checked: FC,
  },
  'authorized-ranges-max-vnet-integration': {
    value: 2000,
    display: '2,000',
    text: 'With API Server VNet Integration a cluster accepts up to 2,000 authorized IP ranges.',
    source: RANGES,
    quote: 'API Server VNet Integration, which supports up to 2,000',
    checked: FC,
  },
  'authorized-ranges-outbound-only': {
    value: '0.0.0.0/32',
    text: 'The range 0.0.0.0/32 allows only the outbound public IP of the Standard load balancer; the Azure CLI refuses it together with other ranges.',
    source: RANGES,
    quote: 'allow only the outbound public IP of the Standard SKU load balancer',
    checked: FC,
  },
  'authorized-ranges-private-cluster': {
    value: false,
    text: 'Authorized IP ranges apply only to the public API server, so they cannot be used with a private cluster.',
    source: RANGES,
    quote: "You can't use this feature with private clusters",
    checked: FC,
  },
  'authorized-ranges-propagation': {
    value: '2 minutes',
    text: 'A change to the authorized ranges can take up to two minutes to take effect.',
    source: RANGES,
    quote: 'can take up to two minutes',
    checked: FC,
  },
  'kubectl-debug-image': {
    value: 'mcr.microsoft.com/azurelinux/busybox:1.36',
    text: 'The AKS node-access page runs kubectl debug with the mcr.microsoft.com/azurelinux/busybox:1.36 image.',
    source: 'https://learn.microsoft.com/azure/aks/node-access',
    quote: 'kubectl debug node/… -it --image=mcr.microsoft.com/azurelinux/busybox:1.36',
    checked: FC,
  },
});
