/**
 * The five worked environments of "Follow a packet", one per pattern family of
 * ../shared/specs/traffic-paths.md: a public LoadBalancer Service (A), App Gateway with WAF
 * and AGIC (C), the app routing NGINX ingress controller (D), pod egress through Azure
 * Firewall (F) and a private cluster reached from a peered hub (H). Each is what a reader
 * would paste: az … -o json outputs and kubectl get … -o yaml objects, separated by `---`.
 * The guide page, the trace tool, the troubleshooting links, the exercises and the unit
 * tests all start from these texts.
 */

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups';

const aks = (o: { name: string; plugin: string; mode?: string; policy: string; outbound: string; subnet: string; private?: boolean; ranges?: string[]; fqdn?: string; privateFqdn?: string; outboundIp?: string }): string => `{
  "type": "Microsoft.ContainerService/ManagedClusters",
  "name": "${o.name}",
  "location": "westeurope",
  "fqdn": ${o.fqdn ? `"${o.fqdn}"` : 'null'},
  "privateFqdn": ${o.privateFqdn ? `"${o.privateFqdn}"` : 'null'},
  "agentPoolProfiles": [
    { "name": "nodepool1", "count": 2, "mode": "System", "vnetSubnetId": "${o.subnet}" }
  ],
  "apiServerAccessProfile": {
    "enablePrivateCluster": ${o.private ? 'true' : 'false'},
    "privateDnsZone": ${o.private ? '"system"' : 'null'},
    "authorizedIpRanges": ${o.ranges ? JSON.stringify(o.ranges) : 'null'}
  },
  "networkProfile": {
    "networkPlugin": "${o.plugin}",
    "networkPluginMode": ${o.mode ? `"${o.mode}"` : 'null'},
    "networkPolicy": "${o.policy}",
    "podCidr": ${o.mode === 'overlay' ? '"10.244.0.0/16"' : 'null'},
    "serviceCidr": "10.0.0.0/16",
    "dnsServiceIp": "10.0.0.10",
    "outboundType": "${o.outbound}"${o.outboundIp ? `,
    "loadBalancerProfile": { "effectiveOutboundIPs": [ { "id": "${o.outboundIp}" } ] }` : ''}
  }
}`;

const nodes = (ips: [string, string]): string => `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata: { name: aks-nodepool1-0 }
  status: { addresses: [ { type: InternalIP, address: ${ips[0]} } ] }
- apiVersion: v1
  kind: Node
  metadata: { name: aks-nodepool1-1 }
  status: { addresses: [ { type: InternalIP, address: ${ips[1]} } ] }`;

const pod = (ns: string, name: string, labels: string, ip: string, node: string, port: number, portName = 'http'): string => `apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: ${ns}, labels: { ${labels} } }
spec:
  nodeName: ${node}
  containers:
  - name: app
    image: contoso/${name.split('-')[0]}:1.4
    ports: [ { name: ${portName}, containerPort: ${port} } ]
status: { podIP: ${ip} }`;

// ---- A: public LoadBalancer Service --------------------------------------------------------

const A_SUBNET = `${SUB}/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet-shop/subnets/snet-nodes`;

export const PUBLIC_LB_ENV = `${aks({ name: 'aks-shop', plugin: 'azure', mode: 'overlay', policy: 'calico', outbound: 'loadBalancer', subnet: A_SUBNET, fqdn: 'aks-shop-1a2b3c.hcp.westeurope.azmk8s.io' })}
---
{
  "type": "Microsoft.Network/virtualNetworks",
  "name": "vnet-shop",
  "id": "${SUB}/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet-shop",
  "addressSpace": { "addressPrefixes": [ "10.224.0.0/12" ] },
  "subnets": [
    { "name": "snet-nodes", "id": "${A_SUBNET}", "addressPrefix": "10.224.0.0/16",
      "networkSecurityGroup": { "id": "${SUB}/rg-shop/providers/Microsoft.Network/networkSecurityGroups/snet-nodes-nsg" } }
  ]
}
---
{
  "type": "Microsoft.Network/networkSecurityGroups",
  "name": "snet-nodes-nsg",
  "id": "${SUB}/rg-shop/providers/Microsoft.Network/networkSecurityGroups/snet-nodes-nsg",
  "securityRules": [
    { "name": "allow-web", "priority": 200, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
      "sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "20.121.5.7", "destinationPortRange": "80" }
  ]
}
---
${nodes(['10.224.0.4', '10.224.0.5'])}
---
${pod('shop', 'web-7f9c', 'app: web', '10.244.0.12', 'aks-nodepool1-0', 8080)}
---
${pod('shop', 'web-k2p4', 'app: web', '10.244.1.7', 'aks-nodepool1-1', 8080)}
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  selector: { app: web }
  ports: [ { name: http, port: 80, targetPort: http } ]
status:
  loadBalancer: { ingress: [ { ip: 20.121.5.7 } ] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-from-internet, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [ Ingress ]
  ingress:
  - from: [ { ipBlock: { cidr: 0.0.0.0/0, except: [ 10.0.0.0/8 ] } } ]
    ports: [ { port: 8080 } ]
`;

// ---- C: App Gateway WAF + AGIC --------------------------------------------------------------

const C_VNET = `${SUB}/rg-store/providers/Microsoft.Network/virtualNetworks/vnet-store`;
const C_POLICY = `${SUB}/rg-store/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-store`;
const C_PIP = `${SUB}/rg-store/providers/Microsoft.Network/publicIPAddresses/pip-agw`;
const C_AGW = `${SUB}/rg-store/providers/Microsoft.Network/applicationGateways/agw-store`;

export const APP_GATEWAY_ENV = `${aks({ name: 'aks-store', plugin: 'azure', policy: 'azure', outbound: 'loadBalancer', subnet: `${C_VNET}/subnets/snet-nodes` })}
---
{
  "type": "Microsoft.Network/virtualNetworks",
  "name": "vnet-store",
  "id": "${C_VNET}",
  "addressSpace": { "addressPrefixes": [ "10.240.0.0/12" ] },
  "subnets": [
    { "name": "snet-nodes", "id": "${C_VNET}/subnets/snet-nodes", "addressPrefix": "10.240.0.0/16" },
    { "name": "snet-appgw", "id": "${C_VNET}/subnets/snet-appgw", "addressPrefix": "10.241.0.0/24",
      "networkSecurityGroup": { "id": "${SUB}/rg-store/providers/Microsoft.Network/networkSecurityGroups/appgw-nsg" } }
  ]
}
---
{
  "type": "Microsoft.Network/networkSecurityGroups",
  "name": "appgw-nsg",
  "securityRules": [
    { "name": "allow-gateway-manager", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
      "sourceAddressPrefix": "GatewayManager", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "65200-65535" },
    { "name": "allow-https", "priority": 110, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
      "sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "443" }
  ]
}
---
{ "type": "Microsoft.Network/publicIPAddresses", "name": "pip-agw", "id": "${C_PIP}", "ipAddress": "20.93.4.11" }
---
{
  "type": "Microsoft.Network/applicationGateways",
  "name": "agw-store",
  "id": "${C_AGW}",
  "sku": { "name": "WAF_v2", "tier": "WAF_v2" },
  "gatewayIPConfigurations": [ { "name": "gw", "subnet": { "id": "${C_VNET}/subnets/snet-appgw" } } ],
  "frontendIPConfigurations": [ { "name": "fe-public", "publicIPAddress": { "id": "${C_PIP}" } } ],
  "frontendPorts": [ { "name": "port-443", "port": 443 } ],
  "httpListeners": [
    { "name": "fl-shop", "protocol": "Https", "hostName": "shop.contoso.com",
      "frontendIPConfiguration": { "id": "${C_AGW}/frontendIPConfigurations/fe-public" },
      "frontendPort": { "id": "${C_AGW}/frontendPorts/port-443" } }
  ],
  "requestRoutingRules": [
    { "name": "rr-shop", "priority": 100, "ruleType": "Basic",
      "httpListener": { "id": "${C_AGW}/httpListeners/fl-shop" },
      "backendAddressPool": { "id": "${C_AGW}/backendAddressPools/pool-shop-web-8080" } }
  ],
  "backendAddressPools": [
    { "name": "pool-shop-web-8080", "backendAddresses": [ { "ipAddress": "10.240.0.35" }, { "ipAddress": "10.240.0.61" } ] }
  ],
  "firewallPolicy": { "id": "${C_POLICY}" }
}
---
{
  "type": "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies",
  "name": "waf-store",
  "id": "${C_POLICY}",
  "policySettings": { "state": "Enabled", "mode": "Prevention" },
  "customRules": [
    { "name": "blockBadBots", "priority": 10, "ruleType": "MatchRule", "action": "Block",
      "matchConditions": [ { "matchVariables": [ { "variableName": "RequestHeaders", "selector": "User-Agent" } ],
        "operator": "Contains", "negationConditon": false, "matchValues": [ "evilbot" ], "transforms": [ "Lowercase" ] } ] }
  ]
}
---
${nodes(['10.240.0.4', '10.240.0.5'])}
---
${pod('shop', 'web-5d8f', 'app: web', '10.240.0.35', 'aks-nodepool1-0', 8080)}
---
${pod('shop', 'web-9x7q', 'app: web', '10.240.0.61', 'aks-nodepool1-1', 8080)}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-from-appgw, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [ Ingress ]
  ingress:
  - from: [ { ipBlock: { cidr: 10.241.0.0/24 } } ]
    ports: [ { port: 8080 } ]
`;

// ---- D: app routing NGINX ----------------------------------------------------------------------

const D_SUBNET = `${SUB}/rg-web/providers/Microsoft.Network/virtualNetworks/vnet-web/subnets/snet-nodes`;

export const INGRESS_ENV = `${aks({ name: 'aks-web', plugin: 'azure', mode: 'overlay', policy: 'cilium', outbound: 'loadBalancer', subnet: D_SUBNET })}
---
${nodes(['10.224.0.4', '10.224.0.5'])}
---
apiVersion: v1
kind: Namespace
metadata: { name: app-routing-system }
---
${pod('app-routing-system', 'nginx-6c9d', 'app: nginx', '10.244.0.30', 'aks-nodepool1-0', 80)}
---
apiVersion: v1
kind: Service
metadata: { name: nginx, namespace: app-routing-system }
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  selector: { app: nginx }
  ports: [ { name: http, port: 80, targetPort: http }, { name: https, port: 443, targetPort: http } ]
status:
  loadBalancer: { ingress: [ { ip: 20.50.10.20 } ] }
---
${pod('shop', 'web-7f9c', 'app: web', '10.244.1.12', 'aks-nodepool1-1', 8080)}
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [ { name: http, port: 80, targetPort: http } ]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  ingressClassName: webapprouting.kubernetes.azure.com
  rules:
  - host: www.contoso.com
    http:
      paths:
      - { path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-from-ingress, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [ Ingress ]
  ingress:
  - from:
    - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: app-routing-system } }
    ports: [ { port: 8080 } ]
`;

// ---- F: egress through Azure Firewall ---------------------------------------------------------

const F_VNET = `${SUB}/rg-pay/providers/Microsoft.Network/virtualNetworks/vnet-pay`;

export const EGRESS_FIREWALL_ENV = `${aks({ name: 'aks-pay', plugin: 'azure', mode: 'overlay', policy: 'calico', outbound: 'userDefinedRouting', subnet: `${F_VNET}/subnets/snet-nodes` })}
---
{
  "type": "Microsoft.Network/virtualNetworks",
  "name": "vnet-pay",
  "id": "${F_VNET}",
  "addressSpace": { "addressPrefixes": [ "10.42.0.0/16" ] },
  "subnets": [
    { "name": "snet-nodes", "id": "${F_VNET}/subnets/snet-nodes", "addressPrefix": "10.42.0.0/22",
      "routeTable": { "id": "${SUB}/rg-pay/providers/Microsoft.Network/routeTables/rt-aks-egress" } },
    { "name": "AzureFirewallSubnet", "id": "${F_VNET}/subnets/AzureFirewallSubnet", "addressPrefix": "10.42.8.0/26" }
  ]
}
---
{
  "type": "Microsoft.Network/routeTables",
  "name": "rt-aks-egress",
  "id": "${SUB}/rg-pay/providers/Microsoft.Network/routeTables/rt-aks-egress",
  "routes": [
    { "name": "default-to-firewall", "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.42.8.4" }
  ]
}
---
kind: AzureFirewall
name: fw-pay
privateIp: 10.42.8.4
publicIp: 20.61.8.9
dnsProxy: true
rules:
  - { type: network, collection: aks-network, name: ntp, protocols: [UDP], sources: [10.42.0.0/22], destinations: ['*'], ports: ['123'] }
  - { type: application, collection: aks-fqdns, name: aks-required, sources: [10.42.0.0/22], fqdnTags: [AzureKubernetesService], protocols: ['Https:443'] }
  - { type: application, collection: partners, name: payments-api, sources: [10.42.0.0/22], fqdns: [api.payments.example], protocols: ['Https:443'] }
---
${nodes(['10.42.0.4', '10.42.0.5'])}
---
${pod('payments', 'worker-6b7c', 'app: worker', '10.244.0.21', 'aks-nodepool1-0', 8080)}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: worker-egress, namespace: payments }
spec:
  podSelector: { matchLabels: { app: worker } }
  policyTypes: [ Egress ]
  egress:
  - to: [ { namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { k8s-app: kube-dns } } } ]
    ports: [ { port: 53, protocol: UDP }, { port: 53, protocol: TCP } ]
  - to: [ { ipBlock: { cidr: 0.0.0.0/0, except: [ 10.0.0.0/8 ] } } ]
    ports: [ { port: 443 } ]
`;

// ---- H: private cluster from a peered hub ----------------------------------------------------

const H_VNET = `${SUB}/rg-ops/providers/Microsoft.Network/virtualNetworks/vnet-aks`;
const H_HUB = `${SUB}/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const H_ZONE = `${SUB}/MC_rg-ops_aks-ops_westeurope/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io`;

export const PRIVATE_CLUSTER_ENV = `${aks({ name: 'aks-ops', plugin: 'azure', mode: 'overlay', policy: 'cilium', outbound: 'loadBalancer', subnet: `${H_VNET}/subnets/snet-nodes`, private: true, privateFqdn: 'aks-ops-9f8e7d.privatelink.westeurope.azmk8s.io' })}
---
{
  "type": "Microsoft.Network/virtualNetworks",
  "name": "vnet-aks",
  "id": "${H_VNET}",
  "addressSpace": { "addressPrefixes": [ "10.224.0.0/16" ] },
  "subnets": [ { "name": "snet-nodes", "id": "${H_VNET}/subnets/snet-nodes", "addressPrefix": "10.224.0.0/20" } ],
  "virtualNetworkPeerings": [ { "name": "aks-to-hub", "remoteAddressSpace": { "addressPrefixes": [ "10.50.0.0/16" ] } } ]
}
---
{
  "type": "Microsoft.Network/virtualNetworks",
  "name": "vnet-hub",
  "id": "${H_HUB}",
  "addressSpace": { "addressPrefixes": [ "10.50.0.0/16" ] },
  "subnets": [ { "name": "snet-jumpbox", "id": "${H_HUB}/subnets/snet-jumpbox", "addressPrefix": "10.50.1.0/24" } ],
  "virtualNetworkPeerings": [ { "name": "hub-to-aks", "remoteAddressSpace": { "addressPrefixes": [ "10.224.0.0/16" ] } } ]
}
---
[
  { "type": "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "name": "aks-link",
    "id": "${H_ZONE}/virtualNetworkLinks/aks-link", "virtualNetwork": { "id": "${H_VNET}" } },
  { "type": "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "name": "hub-link",
    "id": "${H_ZONE}/virtualNetworkLinks/hub-link", "virtualNetwork": { "id": "${H_HUB}" } }
]
---
${nodes(['10.224.0.4', '10.224.0.5'])}
`;

export interface WorkedExample {
  id: string;
  title: string;
  pattern: string;
  environment: string;
  from: string;
  to: string;
  port?: number;
}

export const WORKED_EXAMPLES: WorkedExample[] = [
  { id: 'public-lb', title: 'Internet → public LoadBalancer Service', pattern: 'A', environment: PUBLIC_LB_ENV, from: 'internet:203.0.113.7', to: 'service:shop/web', port: 80 },
  { id: 'app-gateway', title: 'Internet → App Gateway WAF → AGIC → pod', pattern: 'C', environment: APP_GATEWAY_ENV, from: 'internet:203.0.113.7', to: 'https://shop.contoso.com/cart' },
  { id: 'ingress', title: 'Internet → app routing NGINX → pod', pattern: 'D', environment: INGRESS_ENV, from: 'internet:198.51.100.23', to: 'https://www.contoso.com/' },
  { id: 'egress-firewall', title: 'Pod → internet through Azure Firewall', pattern: 'F', environment: EGRESS_FIREWALL_ENV, from: 'pod:payments/worker-6b7c', to: 'fqdn:api.payments.example', port: 443 },
  { id: 'private-cluster', title: 'Jump box in a peered hub → private API server', pattern: 'H', environment: PRIVATE_CLUSTER_ENV, from: 'vm:10.50.1.4', to: 'api-server' },
];
