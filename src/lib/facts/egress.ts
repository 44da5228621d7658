/** Egress: outbound types, SNAT ports, NAT gateway, idle timeouts. */
import { FACTCHECK_2026_11_30 as FC, facts } from './types.ts';

const OUTBOUND = 'https://learn.microsoft.com/azure/aks/egress-outboundtype';
const LB = 'https://learn.microsoft.com/azure/aks/configure-load-balancer-standard';
const EGRESS_RULES = 'https://learn.microsoft.com/azure/aks/outbound-rules-control-egress';

export const EGRESS_FACTS = facts({
  'outbound-types': {
    value: ['loadBalancer', 'managedNATGateway', 'managedNATGatewayV2', 'userAssignedNATGateway', 'userDefinedRouting', 'none', 'block'],
    display: 'loadBalancer, managedNATGateway, managedNATGatewayV2 (preview), userAssignedNATGateway, userDefinedRouting, none and block',
    text: 'An AKS cluster sends traffic out through a load balancer (the default), a NAT gateway (managed, managed StandardV2 in preview, or your own), user-defined routes, none or block.',
    source: OUTBOUND,
    quote: 'load balancer, NAT gateway, user-defined routes, `none`, or `block`',
    checked: FC,
  },
  'outbound-type-preview': {
    value: ['managedNATGatewayV2'],
    text: 'The managedNATGatewayV2 outbound type (StandardV2 NAT Gateway) is in preview.',
    source: 'https://learn.microsoft.com/azure/aks/azure-cni-overlay',
    quote: 'The AKS-managed `managedNATGatewayV2` outbound type is in preview.',
    checked: FC,
  },

  'outbound-type-cli-min': {
    value: '2.56',
    text: 'Changing the outbound type of an existing cluster needs Azure CLI 2.56 or later.',
    source: OUTBOUND,
    quote: 'You must use Azure CLI version `2.56` or later',
    checked: FC,
  },
  'lb-ports-per-ip': {
    value: 64000,
    display: '64,000',
    text: 'Each outbound IP of the AKS load balancer gives 64,000 SNAT ports to share among nodes; ports per node must be a multiple of 8.',
    source: LB,
    quote: '64,000 ports per IP / <outbound ports per node> * <number of outbound IPs>',
    checked: FC,
  },
  'nat-gateway-ports-per-ip': {
    value: 64512,
    display: '64,512',
    text: 'A NAT gateway supports up to 64,512 flows per IP address, with at most 16 IP addresses.',
    source: 'https://learn.microsoft.com/azure/aks/nat-gateway',
    quote: 'supports up to 64,512 outbound UDP and TCP traffic flows per IP address with a maximum of 16 IP addresses',
    checked: FC,
  },
  'lb-idle-timeout-aks': {
    value: 30,
    display: '30 minutes',
    text: 'The AKS load balancer uses a 30-minute outbound idle timeout (4 minutes is the Standard load balancer default outside AKS); the API accepts 4–120.',
    source: LB,
    quote: 'uses a 30-minute idle timeout',
    checked: FC,
  },
  'lb-idle-timeout-standard-default': {
    value: 4,
    display: '4 minutes',
    text: 'Outside AKS, the Standard load balancer idles outbound flows out after 4 minutes by default.',
    source: LB,
    quote: 'default … outside of AKS is _4 minutes_',
    checked: FC,
  },
  'lb-idle-timeout-range': {
    value: [4, 120],
    display: '4–120',
    text: 'The AKS API accepts an outbound idle timeout of 4 to 120 minutes for the cluster load balancer (default 30).',
    source: 'https://github.com/Azure/azure-rest-api-specs/blob/main/specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2025-07-01/managedClusters.json',
    quote: 'Allowed values are in the range of 4 to 120 (inclusive). The default value is 30 minutes.',
    checked: FC,
  },
  'lb-allocated-ports-max': {
    value: 64000,
    display: '64,000',
    text: 'The AKS API accepts 0 to 64,000 allocated SNAT ports per VM; 0 lets Azure allocate them by the default table.',
    source: 'https://github.com/Azure/azure-rest-api-specs/blob/main/specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2025-07-01/managedClusters.json',
    quote: 'Allowed values are in the range of 0 to 64000 (inclusive). The default value is 0 which results in Azure dynamically allocating ports.',
    checked: FC,
  },
  'nat-gateway-max-ips': {
    value: 16,
    text: 'A NAT gateway uses at most 16 public IP addresses.',
    source: 'https://learn.microsoft.com/azure/aks/nat-gateway',
    quote: 'supports up to 64,512 outbound UDP and TCP traffic flows per IP address with a maximum of 16 IP addresses',
    checked: FC,
  },
  'snat-default-ports': {
    value: ['1-50: 1,024', '51-100: 512', '101-200: 256', '201-400: 128', '401-800: 64', '801-1,000: 32'],
    display: '1,024 ports per node up to 50 nodes, halving at 100, 200, 400 and 800 nodes, down to 32 at 801–1,000',
    text: 'The default SNAT ports per node depend on the backend pool size: 1,024 (1–50 nodes), 512 (51–100), 256 (101–200), 128 (201–400), 64 (401–800), 32 (801–1,000).',
    source: 'https://learn.microsoft.com/azure/load-balancer/load-balancer-outbound-connections',
    quote: '1-50 | 1,024 … 801-1,000 | 32',
    checked: FC,
  },
  'azure-imds-ip': {
    value: '169.254.169.254',
    text: 'The Azure Instance Metadata Service answers every VM, AKS nodes included, at 169.254.169.254.',
    source: 'https://learn.microsoft.com/azure/virtual-machines/instance-metadata-service',
    quote: "IMDS is a REST API that's available at a well-known, non-routable IP address (`169.254.169.254`).",
    checked: FC,
  },
  'aks-egress-tunnel-udp-port': {
    value: 1194,
    text: 'Nodes reach the control plane tunnel on UDP 1194 (not needed on private clusters or with konnectivity-agent).',
    source: EGRESS_RULES,
    quote: "AzureCloud.<Region>:1194 … UDP … For tunneled secure communication between the nodes and the control plane. This isn't required for private clusters, or for clusters with the konnectivity-agent enabled.",
    checked: '2026-11-30',
  },
  'aks-egress-tunnel-tcp-port': {
    value: 9000,
    text: 'Nodes reach the control plane tunnel on TCP 9000 (not needed on private clusters or with konnectivity-agent).',
    source: EGRESS_RULES,
    quote: 'AzureCloud.<Region>:9000 … TCP … For tunneled secure communication between the nodes and the control plane.',
    checked: '2026-11-30',
  },
  'aks-egress-ntp-port': {
    value: 123,
    text: 'Linux nodes provisioned before March 2021 need UDP 123 (NTP) outbound.',
    source: EGRESS_RULES,
    quote: "ntp.ubuntu.com:123 … UDP … Required for Network Time Protocol (NTP) time synchronization on Linux nodes. This isn't required for nodes provisioned after March 2021.",
    checked: '2026-11-30',
  },
  'aks-egress-ntp-not-needed-after': {
    value: '2021-03',
    display: 'March 2021',
    text: 'Linux nodes provisioned after March 2021 do not need the NTP (UDP 123) outbound rule.',
    source: EGRESS_RULES,
    quote: "This isn't required for nodes provisioned after March 2021.",
    checked: '2026-11-30',
  },
});
