/** Network security groups: priorities, default rules, limits, probe source. */
import { FACTCHECK_2026_11_30 as FC, facts } from './types.ts';

const OVERVIEW = 'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview';
const LIMITS = 'https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-resource-manager-virtual-networking-limits';

export const NSG_FACTS = facts({
  'nsg-priority-min': {
    value: 100,
    text: 'An NSG rule priority is a number from 100 to 4096; lower numbers are processed first and the first match stops processing.',
    source: OVERVIEW,
    quote: 'A number between 100 and 4096 … Once traffic matches a rule, processing stops.',
    checked: FC,
  },
  'nsg-priority-max': {
    value: 4096,
    display: '4096', // priorities are written without a thousands separator
    text: 'The highest priority number a custom NSG rule can have is 4096.',
    source: OVERVIEW,
    quote: 'A number between 100 and 4096',
    checked: FC,
  },
  'nsg-default-allow-vnet-priority': {
    value: 65000,
    display: '65000', // priorities are written without a thousands separator
    text: 'The default rules AllowVNetInBound and AllowVnetOutBound have priority 65000.',
    source: OVERVIEW,
    quote: 'AllowVNetInBound | 65000',
    checked: FC,
  },
  'nsg-default-allow-lb-internet-priority': {
    value: 65001,
    display: '65001', // priorities are written without a thousands separator
    text: 'The default rules AllowAzureLoadBalancerInBound and AllowInternetOutBound have priority 65001.',
    source: OVERVIEW,
    quote: 'AllowAzureLoadBalancerInBound | 65001',
    checked: FC,
  },
  'nsg-default-deny-priority': {
    value: 65500,
    display: '65500', // priorities are written without a thousands separator
    text: 'The default rules DenyAllInBound and DenyAllOutBound have priority 65500.',
    source: OVERVIEW,
    quote: 'DenyAllOutBound | 65500',
    checked: FC,
  },
  'nsg-rules-per-nsg': {
    value: 1000,
    display: '1,000',
    text: 'An NSG holds at most 1,000 rules.',
    source: LIMITS,
    quote: 'NSG rules per NSG |1,000',
    checked: FC,
  },
  'nsg-addresses-per-side': {
    value: 4000,
    display: '4,000',
    text: 'A rule lists at most 4,000 addresses and ranges for its source or destination.',
    source: LIMITS,
    quote: 'IP addresses and ranges specified for source or destination … |4,000',
    checked: FC,
  },
  'azure-probe-ip': {
    value: '168.63.129.16',
    text: 'Load balancer health probes come from 168.63.129.16, which every NSG must allow.',
    source: 'https://learn.microsoft.com/azure/load-balancer/load-balancer-custom-probe-overview',
    quote: 'you must allow 168.63.129.16 IP address in any Azure network security groups and local firewall policies',
    checked: FC,
  },
  'cloud-provider-rule-priorities': {
    value: ['500', '4096'],
    display: '500–4096',
    text: 'The Azure cloud provider writes the NSG rules of LoadBalancer Services with priorities from 500 to 4096.',
    source: 'https://github.com/kubernetes-sigs/cloud-provider-azure/blob/master/pkg/consts/consts.go',
    quote: 'LoadBalancerMinimumPriority = 500',
    checked: FC,
  },
});
