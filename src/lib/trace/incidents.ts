/**
 * Incidents: the worked environments with one or two faults across layers, for the incident
 * exercises and the troubleshooting page's prepared traces. Each has the connections that
 * must work, those that must stay blocked (so "open everything" is not a fix), the broken
 * start and a fixed environment.
 */
import { EGRESS_FIREWALL_ENV, PRIVATE_CLUSTER_ENV, PUBLIC_LB_ENV } from './examples';
import type { Connection } from './types';

export interface Incident {
  id: string;
  title: string;
  /** What the on-call engineer is told. */
  symptom: string;
  start: string;
  solution: string;
  /** Connections and the outcome each must have once fixed. */
  cases: { connection: Connection; want: 'delivered' | 'blocked'; because: string }[];
  hints: string[];
}

/** One fault: the text `from` (present in the environment) replaced by `to`. */
const swap = (env: string, ...pairs: [string, string][]): string => pairs.reduce((t, [a, b]) => t.replace(a, b), env);

const WEB = { from: 'internet:203.0.113.7', to: 'service:shop/web', port: 80 };

const PARTNER_LB = swap(PUBLIC_LB_ENV, ['  externalTrafficPolicy: Local\n', '  externalTrafficPolicy: Cluster\n'], ['{ ipBlock: { cidr: 0.0.0.0/0, except: [ 10.0.0.0/8 ] } }', '{ ipBlock: { cidr: 198.51.100.0/24 } }']);

const API_PIP = `---
{ "type": "Microsoft.Network/publicIPAddresses", "name": "nat-egress", "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/MC_rg-shop/providers/Microsoft.Network/publicIPAddresses/nat-egress", "ipAddress": "20.62.10.5" }
`;
const RANGES_ENV = swap(PUBLIC_LB_ENV,
  ['"authorizedIpRanges": null', '"authorizedIpRanges": ["73.140.245.0/24", "20.31.7.9/32"]'],
  ['"outboundType": "loadBalancer"', '"outboundType": "managedNATGateway",\n    "natGatewayProfile": { "effectiveOutboundIPs": [ { "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/MC_rg-shop/providers/Microsoft.Network/publicIPAddresses/nat-egress" } ] }'],
) + API_PIP;

const PRIVATE_NO_HUB_LINK = PRIVATE_CLUSTER_ENV.replace(/,\n  \{ "type": "Microsoft.Network\/privateDnsZones\/virtualNetworkLinks", "name": "hub-link"[\s\S]*?\} \}/, '');

export const INCIDENTS: Incident[] = [
  {
    id: 'incident-byo-nsg',
    title: 'The new LoadBalancer Service times out',
    symptom: 'Service shop/web got its public IP 20.121.5.7, but curl http://20.121.5.7 from the internet times out. The pods are healthy.',
    start: swap(PUBLIC_LB_ENV, ['"destinationAddressPrefix": "20.121.5.7", "destinationPortRange": "80"', '"destinationAddressPrefix": "20.121.5.7", "destinationPortRange": "8080"']),
    solution: PUBLIC_LB_ENV,
    cases: [
      { connection: WEB, want: 'delivered', because: 'internet clients must reach the Service on port 80' },
    ],
    hints: [
      'Trace it: which hop stops the packet, and which rule decides there?',
      'The subnet NSG is yours: AKS writes its allow rule only into the NIC NSG it manages. NSGs see the load balancer frontend and the Service port (floating IP), not the pod port.',
      'Change allow-web to destination port 80 (the Service port), destination 20.121.5.7.',
    ],
  },
  {
    id: 'incident-partner-ipblock',
    title: 'Only the partner may call the API — and now nobody can',
    symptom: 'A NetworkPolicy lets 198.51.100.0/24 (the partner) reach shop/web. The partner gets timeouts; the Service is externalTrafficPolicy Cluster.',
    start: PARTNER_LB,
    solution: swap(PARTNER_LB, ['  externalTrafficPolicy: Cluster\n', '  externalTrafficPolicy: Local\n']),
    cases: [
      { connection: { ...WEB, from: 'internet:198.51.100.20' }, want: 'delivered', because: 'the partner range must reach the Service' },
      { connection: WEB, want: 'blocked', because: 'other internet clients must stay out' },
    ],
    hints: [
      'Look at the address the network-policy hop sees as the source.',
      'With externalTrafficPolicy Cluster the pod sees a node IP (SNAT), so the ipBlock never matches the partner. Allowing the node range would let everyone in.',
      'Set externalTrafficPolicy: Local on the Service: the client IP is kept and the LB only uses nodes with a local pod.',
    ],
  },
  {
    id: 'incident-named-port',
    title: 'After the refactor the Service answers nothing',
    symptom: 'A teammate renamed the Service\'s targetPort and tightened the NetworkPolicy to "port 80". Now the public IP refuses every connection.',
    start: swap(PUBLIC_LB_ENV, ['targetPort: http }', 'targetPort: web }'], ['ports: [ { port: 8080 } ]', 'ports: [ { port: 80 } ]']),
    solution: PUBLIC_LB_ENV,
    cases: [
      { connection: WEB, want: 'delivered', because: 'internet clients must reach the Service on port 80' },
      { connection: { from: 'internet:203.0.113.7', to: 'pod:shop/web-7f9c', port: 8080 }, want: 'blocked', because: 'pod IPs are not reachable from the internet (and must not be made so)' },
    ],
    hints: [
      'There are two faults in two layers. Fix the first hop that blocks, then trace again.',
      'A targetPort name must be a containerPort name of the pods; policies act on the pod port after the Service translated it.',
      'targetPort: http (the containers name their port http), and the policy port 8080.',
    ],
  },
  {
    id: 'incident-firewall-egress',
    title: 'The payment worker cannot reach the payment provider',
    symptom: 'Since the cluster moved behind Azure Firewall (outbound type userDefinedRouting), payments/worker-6b7c fails to call https://api.payments.example.',
    start: swap(EGRESS_FIREWALL_ENV,
      ['  - { type: application, collection: partners, name: payments-api, sources: [10.42.0.0/22], fqdns: [api.payments.example], protocols: [\'Https:443\'] }\n', ''],
      ['    ports: [ { port: 53, protocol: UDP }, { port: 53, protocol: TCP } ]\n', '    ports: [ { port: 53, protocol: TCP } ]\n']),
    solution: EGRESS_FIREWALL_ENV,
    cases: [
      { connection: { from: 'pod:payments/worker-6b7c', to: 'fqdn:api.payments.example', port: 443 }, want: 'delivered', because: 'the worker must reach the payment provider' },
      { connection: { from: 'pod:payments/worker-6b7c', to: 'fqdn:api.github.com', port: 443 }, want: 'blocked', because: 'the firewall must not become an open proxy' },
    ],
    hints: [
      'The first hop that blocks is not the firewall: the connection begins with a DNS lookup.',
      'DNS uses UDP 53 first; the policy allows only TCP 53. Then the firewall needs an allow for the provider\'s name.',
      'Add { port: 53, protocol: UDP } to the DNS egress rule, and an application rule for api.payments.example with protocols [\'Https:443\'].',
    ],
  },
  {
    id: 'incident-private-dns',
    title: 'kubectl from the hub jump box cannot find the private cluster',
    symptom: 'The jump box 10.50.1.4 in the peered hub VNet gets "no such host" for the private API server name.',
    start: PRIVATE_NO_HUB_LINK,
    solution: PRIVATE_CLUSTER_ENV,
    cases: [
      { connection: { from: 'vm:10.50.1.4', to: 'api-server' }, want: 'delivered', because: 'the jump box must reach the private API server' },
      { connection: { from: 'internet:203.0.113.7', to: 'api-server' }, want: 'blocked', because: 'a private cluster has no public endpoint' },
    ],
    hints: [
      'Authorized IP ranges do not apply to a private API server; which hop stops the jump box?',
      'The private DNS zone is linked only to the cluster VNet; hosts in other VNets cannot resolve the name.',
      'Add a virtualNetworkLinks entry of the zone privatelink.westeurope.azmk8s.io for vnet-hub.',
    ],
  },
  {
    id: 'incident-egress-ip-ranges',
    title: 'Pods lost the API server after the move to a NAT gateway',
    symptom: 'The cluster switched its outbound type to managedNATGateway. Since then, pods that call the API server time out; admins in the office (73.140.245.0/24) are fine.',
    start: RANGES_ENV,
    solution: swap(RANGES_ENV, ['"authorizedIpRanges": ["73.140.245.0/24", "20.31.7.9/32"]', '"authorizedIpRanges": ["73.140.245.0/24", "20.62.10.5/32"]']),
    cases: [
      { connection: { from: 'pod:shop/web-7f9c', to: 'api-server' }, want: 'delivered', because: 'pods must reach the API server' },
      { connection: { from: 'internet:73.140.245.20', to: 'api-server' }, want: 'delivered', because: 'the office must keep access' },
      { connection: { from: 'internet:198.51.100.7', to: 'api-server' }, want: 'blocked', because: 'the rest of the internet must stay out' },
    ],
    hints: [
      'Which address does the API server see when a pod calls it?',
      'Changing the outbound type changes the egress IP: "add the new outbound IP range to the authorized ranges". The old LB IP can go.',
      'Replace 20.31.7.9/32 with the NAT gateway\'s IP 20.62.10.5/32.',
    ],
  },
];
