/**
 * Variants of the worked environments, one fact of the spec each: NSG order and the
 * cloud-provider rules, floating IP, externalTrafficPolicy, named ports, Services without
 * endpoints, NetworkPolicy with the source IP really seen, per-plugin addressing, UDR to a
 * firewall and the asymmetric-routing trap, outbound types, authorized ranges with the egress
 * IP, private cluster DNS, the DNS leg — and broken or partial environments.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { HOP_IDS, readEnvironment } from '../../../src/lib/trace';
import { selectRoute } from '../../../src/lib/trace/network';
import { APP_GATEWAY_ENV, EGRESS_FIREWALL_ENV, INGRESS_ENV, PRIVATE_CLUSTER_ENV, PUBLIC_LB_ENV } from '../../../src/lib/trace/examples';
import { codes, edit, path, run, seenHops } from './helpers';

const WEB = { from: 'internet:203.0.113.7', to: 'service:shop/web', port: 80 };

describe('pattern A: public LoadBalancer Service', () => {
  it('eTP Cluster: SNAT to a node IP, so an ipBlock for internet clients no longer matches [AKS-LBCFG], [K8S-NP]', () => {
    const env = edit(PUBLIC_LB_ENV, 'externalTrafficPolicy: Local', 'externalTrafficPolicy: Cluster');
    const r = run(env, WEB);
    expect(r.outcome).toBe('blocked');
    expect(r.blockedAt).toBe('network-policy');
    const svc = r.hops.find((h) => h.id === 'service')!;
    expect(svc.sees.src).toMatch(/^10\.224\.0\.[45]$/);
    expect(r.hops.at(-1)!.fix).toMatch(/ipBlock 10\.224\.0\.\d\/32/);
  });

  it('a BYO subnet NSG without an allow denies at DenyAllInBound; the NIC NSG is not reached [NSG-HOW]', () => {
    const env = edit(PUBLIC_LB_ENV, '"destinationPortRange": "80" }', '"destinationPortRange": "8443" }');
    const r = run(env, WEB);
    expect(r.blockedAt).toBe('nsg');
    expect(r.hops.at(-1)!.rule).toBe('DenyAllInBound (priority 65500)');
    expect(r.hops.filter((h) => h.id === 'nsg')).toHaveLength(1);
  });

  it('loadBalancerSourceRanges: the NIC NSG rule only lists the ranges, so the client stops at lb-source-ranges [CPA-CODE]', () => {
    const env = edit(PUBLIC_LB_ENV, '  externalTrafficPolicy: Local\n', '  externalTrafficPolicy: Local\n  loadBalancerSourceRanges: [ 198.51.100.0/24 ]\n');
    const r = run(env, WEB);
    expect(r.blockedAt).toBe('lb-source-ranges');
    expect(r.hops.at(-1)!.fix).toContain('203.0.113.7/32');
    const ok = run(env, { ...WEB, from: 'internet:198.51.100.9' });
    expect(ok.outcome).toBe('delivered');
    expect(path(ok)).toContain('lb-source-ranges:pass');
  });

  it('internal LB: a peered client passes AllowVNetInBound but kube-proxy enforces the source ranges on the host [CPA-DOC]', () => {
    let env = edit(PUBLIC_LB_ENV, 'metadata: { name: web, namespace: shop }', 'metadata: { name: web, namespace: shop, annotations: { service.beta.kubernetes.io/azure-load-balancer-internal: "true" } }');
    env = edit(env, '  externalTrafficPolicy: Local\n', '  externalTrafficPolicy: Local\n  loadBalancerSourceRanges: [ 10.60.0.0/16 ]\n');
    env = edit(env, '{ ip: 20.121.5.7 }', '{ ip: 10.224.0.200 }');
    env = edit(env, '"addressSpace": { "addressPrefixes": [ "10.224.0.0/12" ] },', '"addressSpace": { "addressPrefixes": [ "10.224.0.0/12" ] },\n  "virtualNetworkPeerings": [ { "name": "to-hub", "remoteAddressSpace": { "addressPrefixes": [ "10.50.0.0/16" ] } } ],');
    env = edit(env, '"destinationAddressPrefix": "20.121.5.7"', '"destinationAddressPrefix": "*"');
    const r = run(env, { from: 'vm:10.50.1.4', to: 'service:shop/web', port: 80 });
    expect(r.blockedAt).toBe('lb-source-ranges');
    expect(r.hops.find((h) => h.resource.includes('(NIC)'))!.rule).toBe('AllowVnetInBound (priority 65000)');
    expect(r.hops.at(-1)!.resource).toContain('kube-proxy');
    // From the internet an internal frontend cannot be reached at all [AKS-ILB].
    expect(run(env, { from: 'internet:203.0.113.7', to: '10.224.0.200', port: 80 }).blockedAt).toBe('load-balancer');
  });

  it('floating IP disabled: the LB rewrites to node IP:nodePort and the NSG rule uses it [CPA-CODE]', () => {
    let env = edit(PUBLIC_LB_ENV, 'metadata: { name: web, namespace: shop }', 'metadata: { name: web, namespace: shop, annotations: { service.beta.kubernetes.io/azure-disable-load-balancer-floating-ip: "true" } }');
    env = edit(env, '{ name: http, port: 80, targetPort: http }', '{ name: http, port: 80, targetPort: http, nodePort: 31080 }');
    env = edit(env, '"destinationAddressPrefix": "20.121.5.7", "destinationPortRange": "80"', '"destinationAddressPrefix": "10.224.0.0/16", "destinationPortRange": "31080"');
    const r = run(env, WEB);
    expect(r.outcome).toBe('delivered');
    expect(r.hops[0]!.verdict).toBe('rewrite');
    expect(r.hops[0]!.detail).toContain('10.224.0.4:31080');
    expect(r.hops[2]!.detail).toContain('10.224.0.4:31080');
  });

  it('a selector that matches no pod: no endpoint answers the health probe [LB-PROBE]', () => {
    const env = edit(PUBLIC_LB_ENV, 'selector: { app: web }', 'selector: { app: website }');
    const r = run(env, WEB);
    expect(r.blockedAt).toBe('load-balancer');
    expect(r.hops[0]!.fix).toContain('selector');
    expect(codes(r)).toContain('selector-matches-no-pod');
  });

  // EndpointSlice as `kubectl get endpointslices -n shop -o yaml` prints it; ready: false for the given addresses.
  const slice = (notReady: string[]) => `
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: web-x7k2p, namespace: shop, labels: { kubernetes.io/service-name: web } }
addressType: IPv4
ports: [ { name: http, port: 8080, protocol: TCP } ]
endpoints:
- { addresses: [ 10.244.0.12 ], conditions: { ready: ${!notReady.includes('10.244.0.12')} }, nodeName: aks-nodepool1-0 }
- { addresses: [ 10.244.1.7 ], conditions: { ${notReady.includes('10.244.1.7') ? 'ready: false' : ''} }, nodeName: aks-nodepool1-1 }
`;

  it('EndpointSlices given: pods marked not ready are no endpoints, so no node answers the probe [K8S-EPS-API]', () => {
    const r = run(PUBLIC_LB_ENV + slice(['10.244.0.12', '10.244.1.7']), WEB);
    expect(r.outcome).toBe('blocked');
    expect(r.blockedAt).toBe('load-balancer');
    expect(r.hops[0]!.detail).toMatch(/EndpointSlice marks shop\/web-7f9c \(10\.244\.0\.12\), shop\/web-k2p4 \(10\.244\.1\.7\) not ready/);
    expect(r.hops[0]!.fix).toContain('kubectl describe pod web-7f9c -n shop');
  });

  it('EndpointSlices given: one ready pod still answers; a condition left out counts as ready (nil is "true")', () => {
    const one = run(PUBLIC_LB_ENV + slice(['10.244.0.12']), WEB);
    expect(one.outcome).toBe('delivered');
    expect(JSON.stringify(one.hops)).not.toContain('10.244.0.12:8080');
    // Both listed, web-k2p4 with no ready condition at all: both stay endpoints, as without slices.
    const none = run(PUBLIC_LB_ENV + slice([]), WEB);
    expect(none.outcome).toBe(run(PUBLIC_LB_ENV, WEB).outcome);
  });

  it('a named targetPort no container has: the pods give no endpoint [K8S-EPS]', () => {
    const env = edit(PUBLIC_LB_ENV, 'targetPort: http }', 'targetPort: web }');
    const r = run(env, WEB);
    expect(r.blockedAt).toBe('load-balancer');
    expect(r.hops[0]!.fix).toContain('"web"');
    expect(codes(r)).toContain('target-port-not-found');
  });

  it('a numeric targetPort no container declares: pod-port is unknown, never delivered [K8S-API]', () => {
    const env = edit(PUBLIC_LB_ENV, 'targetPort: http }', 'targetPort: 9090 }');
    const env2 = edit(env, 'ports: [ { port: 8080 } ]', 'ports: [ { port: 9090 } ]');
    const r = run(env2, WEB);
    expect(r.outcome).toBe('unknown');
    expect(r.hops.at(-1)).toMatchObject({ id: 'pod-port', verdict: 'unknown' });
  });

  it('a port the Service does not expose has no load-balancing rule', () => {
    const r = run(PUBLIC_LB_ENV, { ...WEB, port: 8443 });
    expect(r.blockedAt).toBe('load-balancer');
  });

  it('UDR egress + a public LB: the reply goes to the firewall and is dropped (asymmetric routing) [AKS-FW]', () => {
    const lb = `---
apiVersion: v1
kind: Service
metadata: { name: worker-api, namespace: payments }
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  selector: { app: worker }
  ports: [ { port: 80, targetPort: 8080 } ]
status:
  loadBalancer: { ingress: [ { ip: 20.61.20.5 } ] }
`;
    const r = run(EGRESS_FIREWALL_ENV + lb, { from: 'internet:203.0.113.7', to: 'service:payments/worker-api', port: 80 });
    expect(r.blockedAt).toBe('route');
    const last = r.hops.at(-1)!;
    expect(last.resource).toContain('return path');
    expect(last.detail).toContain('asymmetric');
    expect(last.fix).toContain('DNAT');
  });
});

describe('pattern C: App Gateway, WAF, AGIC', () => {
  const SHOP = { from: 'internet:203.0.113.7', to: 'https://shop.contoso.com/cart' };
  it('a WAF custom rule blocks the request (Prevention) with the rule named', () => {
    const r = run(APP_GATEWAY_ENV, { ...SHOP, http: { headers: { 'User-Agent': 'EvilBot/2.0' } } });
    expect(r.blockedAt).toBe('waf');
    expect(r.hops.at(-1)!.rule).toBe('blockBadBots');
  });

  it('a host with no listener stops at the gateway', () => {
    const r = run(APP_GATEWAY_ENV, { from: 'internet:203.0.113.7', to: 'https://20.93.4.11/', http: { host: 'admin.contoso.com' } });
    expect(r.blockedAt).toBe('app-gateway');
  });

  it('a policy that allows only pod selectors blocks the gateway: the pod sees the instance IP [K8S-NP]', () => {
    const env = edit(APP_GATEWAY_ENV, '- from: [ { ipBlock: { cidr: 10.241.0.0/24 } } ]', '- from: [ { namespaceSelector: {} } ]');
    const r = run(env, SHOP);
    expect(r.blockedAt).toBe('network-policy');
    expect(r.hops.at(-1)!.sees.src).toMatch(/^10\.241\.0\./);
  });

  it('kubenet without the AKS route table on the gateway subnet: no route to the pods [AGW-INFRA]', () => {
    let env = edit(APP_GATEWAY_ENV, '"networkPlugin": "azure"', '"networkPlugin": "kubenet"');
    env = edit(env, '"networkPolicy": "azure"', '"networkPolicy": "calico"');
    env = edit(env, '"addressPrefixes": [ "10.240.0.0/12" ]', '"addressPrefixes": [ "10.240.0.0/14" ]');
    env = env.replaceAll('10.240.0.35', '10.244.0.35').replaceAll('10.240.0.61', '10.244.1.61');
    const r = run(env, SHOP);
    expect(r.blockedAt).toBe('route');
    expect(r.hops.at(-1)!.fix).toContain('route table');
  });

  it('a WAF policy that is referenced but not given makes the waf hop unknown', () => {
    const env = APP_GATEWAY_ENV.replace(/---\n\{\n  "type": "Microsoft.Network\/ApplicationGatewayWebApplicationFirewallPolicies"[\s\S]*?\n\}\n/, '');
    const r = run(env, SHOP);
    expect(r.outcome).toBe('unknown');
    expect(path(r)).toContain('waf:unknown');
  });
});

describe('pattern D: in-cluster ingress', () => {
  it('a host no Ingress serves: the controller answers 404', () => {
    const r = run(INGRESS_ENV, { from: 'internet:198.51.100.23', to: 'https://20.50.10.20/', http: { host: 'api.contoso.com' } });
    expect(r.blockedAt).toBe('ingress');
  });

  it('the backend policy must allow the controller pods, not the client [NGINX-ANN], [K8S-NP]', () => {
    const env = edit(INGRESS_ENV, 'kubernetes.io/metadata.name: app-routing-system', 'kubernetes.io/metadata.name: ingress-nginx');
    const r = run(env, { from: 'internet:198.51.100.23', to: 'https://www.contoso.com/' });
    expect(r.blockedAt).toBe('network-policy');
    expect(r.hops.at(-1)!.sees.src).toBe('10.244.0.30');
  });
});

describe('pattern D with Gateway API (app routing Istio)', () => {
  const GW = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: web, namespace: gateways }
spec:
  gatewayClassName: approuting-istio
  listeners:
  - { name: http, port: 80, protocol: HTTP, allowedRoutes: { namespaces: { from: All } } }
---
apiVersion: v1
kind: Service
metadata: { name: web-approuting-istio, namespace: gateways, labels: { gateway.networking.k8s.io/gateway-name: web } }
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  selector: { gateway.networking.k8s.io/gateway-name: web }
  ports: [ { name: http, port: 80, targetPort: 80 } ]
status: { loadBalancer: { ingress: [ { ip: 20.50.10.30 } ] } }
---
apiVersion: v1
kind: Pod
metadata: { name: web-gw-5f6d, namespace: gateways, labels: { gateway.networking.k8s.io/gateway-name: web } }
spec: { nodeName: aks-nodepool1-0, containers: [ { name: istio-proxy, image: istio/proxyv2, ports: [ { containerPort: 80 } ] } ] }
status: { podIP: 10.244.0.44 }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: shop }
spec:
  parentRefs: [ { name: web, namespace: gateways } ]
  hostnames: [ www.contoso.com ]
  rules:
  - backendRefs: [ { name: web, port: 80 } ]
`;
  const ENV = INGRESS_ENV.replace(/---\napiVersion: networking.k8s.io\/v1\nkind: Ingress[\s\S]*?(?=---\napiVersion: networking.k8s.io\/v1\nkind: NetworkPolicy)/, `---\n${GW}`).replace('kubernetes.io/metadata.name: app-routing-system', 'kubernetes.io/metadata.name: gateways');
  it('the route attached to the listener sends the request to the backend pods from the gateway pod [GWAPI]', () => {
    const r = run(ENV, { from: 'internet:198.51.100.23', to: 'http://www.contoso.com/' });
    expect(r.outcome).toBe('delivered');
    expect(path(r)).toEqual(['load-balancer:pass', 'nsg:pass', 'service:rewrite', 'gateway:rewrite', 'network-policy:pass', 'network-policy:pass', 'pod-port:pass']);
    expect(r.hops[3]!.sees).toEqual({ src: '10.244.0.44', dst: '10.244.1.12', port: 8080 });
  });
  it('allowedRoutes defaults to the same namespace: a route in another namespace does not attach, 404 [GWAPI]', () => {
    const r = run(edit(ENV, ', allowedRoutes: { namespaces: { from: All } }', ''), { from: 'internet:198.51.100.23', to: 'http://www.contoso.com/' });
    expect(r.blockedAt).toBe('gateway');
    expect(r.hops.at(-1)!.detail).toContain('404');
  });
});

describe('pattern E: pod to pod', () => {
  const CLIENT = `---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: shop, labels: { app: client } }
spec: { nodeName: aks-nodepool1-1, containers: [ { name: c, image: busybox } ] }
status: { podIP: 10.244.1.40 }
`;
  it('through a cluster IP: DNS, egress, DNAT (source kept), cross-node routing, ingress, port', () => {
    const env = edit(INGRESS_ENV, 'ports: [ { name: http, port: 80, targetPort: http } ]\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress', 'clusterIP: 10.0.12.7\n  ports: [ { name: http, port: 80, targetPort: http } ]\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress');
    const r = run(env + CLIENT, { from: 'pod:shop/client', to: 'service:shop/web', port: 80 });
    expect(r.blockedAt).toBe('network-policy'); // web-from-ingress allows only app-routing-system
    const svc = r.hops.find((h) => h.id === 'service')!;
    expect(svc.sees.src).toBe('10.244.1.40');
    expect(svc.detail).toContain('10.244.1.12:8080');
  });

  it('kubenet: pod routes are UDRs; without them pod traffic is denied (VirtualNetwork tag) and routed to None [UDR], [TAGS], [AKS-KUBENET]', () => {
    let env = edit(PUBLIC_LB_ENV, '"networkPluginMode": "overlay"', '"networkPluginMode": null');
    env = edit(env, '"networkPlugin": "azure"', '"networkPlugin": "kubenet"');
    env = env.replace(/---\napiVersion: networking.k8s.io\/v1\nkind: NetworkPolicy[\s\S]*$/, '');
    const r = run(env, { from: 'pod:shop/web-7f9c', to: 'pod:shop/web-k2p4', port: 8080 });
    // Without the route table the pod range is not a UDR prefix, so not in the VirtualNetwork tag: the NIC NSG's DenyAllOutBound stops it first.
    expect(r.blockedAt).toBe('nsg');
    expect(r.hops.at(-1)!.rule).toBe('DenyAllOutBound (priority 65500)');
    const envOf = readEnvironment(env);
    expect(selectRoute(envOf, envOf.subnets[0], '10.244.1.7')).toMatchObject({ nextHopType: 'None', name: 'system route 10.0.0.0/8 → None' });
    const rt = `---
{ "type": "Microsoft.Network/routeTables", "name": "aks-agentpool-routetable",
  "subnets": [ { "id": "${'/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups'}/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet-shop/subnets/snet-nodes" } ],
  "routes": [ { "name": "aks-nodepool1-0", "addressPrefix": "10.244.0.0/24", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.224.0.4" },
              { "name": "aks-nodepool1-1", "addressPrefix": "10.244.1.0/24", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.224.0.5" } ] }
`;
    const ok = run(env + rt, { from: 'pod:shop/web-7f9c', to: 'pod:shop/web-k2p4', port: 8080 });
    expect(ok.outcome).toBe('delivered');
    expect(ok.hops.find((h) => h.id === 'route')!.rule).toBe('udr aks-agentpool-routetable/aks-nodepool1-1');
  });

  it('Overlay pod IPs cannot be dialled from the VNet [AKS-OVL]', () => {
    const r = run(PUBLIC_LB_ENV, { from: 'vm:10.224.3.9', to: 'pod:shop/web-7f9c', port: 8080 });
    expect(r.blockedAt).toBe('route');
  });

  it('Service without endpoints from a pod: kube-proxy rejects at the service hop [K8S-KP]', () => {
    const env = edit(PUBLIC_LB_ENV, 'selector: { app: web }', 'selector: { app: website }');
    const r = run(env, { from: 'pod:shop/web-7f9c', to: 'service:shop/web', port: 80 });
    expect(r.blockedAt).toBe('service');
  });
});

describe('pattern F: egress', () => {
  const TO = { from: 'pod:payments/worker-6b7c', to: 'fqdn:api.payments.example', port: 443 };
  it('the DNS lookup comes first: an egress policy without port 53 stops the connection there [AKS-DNS]', () => {
    const env = edit(EGRESS_FIREWALL_ENV, /  - to: \[ \{ namespaceSelector[^\n]*\n    ports: \[ \{ port: 53[^\n]*\n/, '');
    const r = run(env, TO);
    expect(r.blockedAt).toBe('network-policy');
    expect(r.hops.at(-1)!.detail).toContain('DNS lookup');
  });

  it('no firewall rule for the name: "denied by default" [AZFW-RULES]', () => {
    const r = run(EGRESS_FIREWALL_ENV, { ...TO, to: 'fqdn:api.github.com' });
    expect(r.blockedAt).toBe('firewall');
    expect(r.hops.at(-1)!.rule).toContain('denied by default');
    const mcr = run(EGRESS_FIREWALL_ENV, { ...TO, to: 'fqdn:mcr.microsoft.com' });
    expect(mcr.outcome).toBe('delivered');
    expect(mcr.hops.find((h) => h.id === 'firewall')!.rule).toBe('aks-fqdns/aks-required');
  });

  it('outbound types: loadBalancer SNATs, none and block have no internet path [AKS-OT]', () => {
    const r = run(PUBLIC_LB_ENV, { from: 'pod:shop/web-7f9c', to: 'fqdn:mcr.microsoft.com', port: 443 });
    expect(r.hops.at(-1)).toMatchObject({ id: 'egress', verdict: 'rewrite' });
    expect(run(edit(PUBLIC_LB_ENV, '"outboundType": "loadBalancer"', '"outboundType": "none"'), { from: 'pod:shop/web-7f9c', to: 'fqdn:mcr.microsoft.com', port: 443 }).blockedAt).toBe('egress');
    expect(run(edit(PUBLIC_LB_ENV, '"outboundType": "loadBalancer"', '"outboundType": "block"'), { from: 'pod:shop/web-7f9c', to: 'fqdn:mcr.microsoft.com', port: 443 }).blockedAt).toBe('egress');
  });

  it('a route to an appliance that is not in the environment: firewall unknown', () => {
    const env = edit(EGRESS_FIREWALL_ENV, 'privateIp: 10.42.8.4', 'privateIp: 10.42.8.5');
    const r = run(env, TO);
    expect(r.outcome).toBe('unknown');
    expect(path(r)).toContain('firewall:unknown');
  });

  it('a private endpoint name resolves through a linked private zone (G) [PE-DNS]', () => {
    const pe = `---
{ "type": "Microsoft.Network/privateDnsZones/A", "name": "stpay", "fqdn": "stpay.privatelink.blob.core.windows.net.", "aRecords": [ { "ipv4Address": "10.42.4.8" } ] }
---
{ "type": "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "name": "link",
  "id": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net/virtualNetworkLinks/link",
  "virtualNetwork": { "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-pay/providers/Microsoft.Network/virtualNetworks/vnet-pay" } }
`;
    const env = edit(EGRESS_FIREWALL_ENV, 'cidr: 0.0.0.0/0, except: [ 10.0.0.0/8 ]', 'cidr: 0.0.0.0/0');
    const r = run(env + pe, { ...TO, to: 'fqdn:stpay.privatelink.blob.core.windows.net' });
    expect(path(r)).toContain('private-dns:pass');
    expect(r.outcome).toBe('delivered');
  });
});

describe('pattern H: API server', () => {
  const RANGES = edit(PUBLIC_LB_ENV, '"authorizedIpRanges": null', '"authorizedIpRanges": ["73.140.245.0/24"]');
  const PIP = `---
{ "type": "Microsoft.Network/publicIPAddresses", "name": "egress", "id": "/subscriptions/x/resourceGroups/MC/providers/Microsoft.Network/publicIPAddresses/egress", "ipAddress": "20.62.10.5" }
`;
  const withIp = edit(RANGES, '"outboundType": "loadBalancer"', '"outboundType": "loadBalancer",\n    "loadBalancerProfile": { "effectiveOutboundIPs": [ { "id": "/subscriptions/x/resourceGroups/MC/providers/Microsoft.Network/publicIPAddresses/egress" } ] }') + PIP;

  it('an admin outside the ranges is blocked; inside passes [AKS-AUTH]', () => {
    expect(run(RANGES, { from: 'internet:198.51.100.7', to: 'api-server' }).blockedAt).toBe('api-server-authorized-ranges');
    expect(run(RANGES, { from: 'internet:73.140.245.20', to: 'api-server' }).outcome).toBe('delivered');
  });

  it('pods are clients too: the cluster egress IP must be in the ranges [AKS-AUTH], [AKS-OT]', () => {
    const r = run(withIp, { from: 'pod:shop/web-7f9c', to: 'api-server' });
    expect(r.blockedAt).toBe('api-server-authorized-ranges');
    expect(r.hops.at(-1)!.sees.src).toBe('20.62.10.5');
    expect(r.hops.at(-1)!.fix).toContain('20.62.10.5/32');
    const fixed = run(edit(withIp, '["73.140.245.0/24"]', '["73.140.245.0/24", "20.62.10.5/32"]'), { from: 'pod:shop/web-7f9c', to: 'api-server' });
    expect(fixed.outcome).toBe('delivered');
  });

  it('without the egress IP the ranges hop is unknown, never passed', () => {
    const r = run(RANGES, { from: 'pod:shop/web-7f9c', to: 'api-server' });
    expect(r.outcome).toBe('unknown');
    expect(r.hops.at(-1)).toMatchObject({ id: 'api-server-authorized-ranges', verdict: 'unknown' });
  });

  it('pods via KUBERNETES_SERVICE_HOST reach the API server by IP: an FQDN application rule does not match (F3)', () => {
    const env = edit(EGRESS_FIREWALL_ENV, '"fqdn": null', '"fqdn": "aks-pay-1.hcp.westeurope.azmk8s.io"');
    const r = run(env, { from: 'pod:payments/worker-6b7c', to: 'api-server' });
    expect(r.blockedAt).toBe('firewall');
    expect(r.hops.at(-1)!.fix).toContain('network rule');
    const node = run(env, { from: 'node:aks-nodepool1-0', to: 'api-server' });
    expect(node.hops.find((h) => h.id === 'firewall')!.verdict).toBe('rewrite');
  });

  it('private cluster: the hub without a zone link cannot resolve the name; the internet has no endpoint [AKS-PRIV]', () => {
    const env = PRIVATE_CLUSTER_ENV.replace(/,\n  \{ "type": "Microsoft.Network\/privateDnsZones\/virtualNetworkLinks", "name": "hub-link"[\s\S]*?\} \}/, '');
    expect(env).not.toBe(PRIVATE_CLUSTER_ENV);
    const r = run(env, { from: 'vm:10.50.1.4', to: 'api-server' });
    expect(r.blockedAt).toBe('private-dns');
    expect(r.hops[0]!.fix).toContain('Link');
    expect(run(PRIVATE_CLUSTER_ENV, { from: 'internet:203.0.113.7', to: 'api-server' }).blockedAt).toBe('private-dns');
    expect(run(PRIVATE_CLUSTER_ENV, { from: 'node:aks-nodepool1-0', to: 'api-server' }).outcome).toBe('delivered');
  });
});

describe('broken and partial environments', () => {
  it('a YAML syntax error gives its line and an unknown outcome', () => {
    const r = run('kind: [unclosed', WEB);
    expect(r.outcome).toBe('unknown');
    expect(r.diagnostics.find((d) => d.code === 'yaml-syntax')?.line).toBeGreaterThan(0);
  });

  it('an empty environment: AKS defaults assumed and said, nothing found → unknown', () => {
    const r = run('', WEB);
    expect(r.outcome).toBe('unknown');
    expect(codes(r)).toEqual(expect.arrayContaining(['trace-aks-assumed', 'trace-vnet-assumed', 'trace-endpoint-not-found']));
  });

  it('only Kubernetes objects: the NIC NSG is modelled, the missing VNet is said, the trace still runs', () => {
    const k8s = PUBLIC_LB_ENV.slice(PUBLIC_LB_ENV.indexOf('apiVersion: v1\nkind: List'));
    const r = run(k8s, WEB);
    expect(r.outcome).toBe('delivered');
    expect(codes(r)).toEqual(expect.arrayContaining(['trace-aks-assumed', 'trace-vnet-assumed', 'trace-nic-nsg-modelled']));
  });

  it('an unknown enum value is an error, not a silent default', () => {
    const r = run(edit(PUBLIC_LB_ENV, '"networkPlugin": "azure"', '"networkPlugin": "azurecni"'), WEB);
    expect(codes(r)).toContain('az-unknown-value');
    expect(r.outcome).toBe('unknown');
  });

  it('bad endpoints and ports are diagnostics', () => {
    expect(codes(run(PUBLIC_LB_ENV, { from: 'internet:999.1.1.1', to: 'service:shop/web' }))).toContain('trace-endpoint-invalid');
    expect(codes(run(PUBLIC_LB_ENV, { from: 'pod:shop/nope', to: 'service:shop/web' }))).toContain('trace-endpoint-not-found');
    expect(codes(run(PUBLIC_LB_ENV, { ...WEB, port: 70000 }))).toContain('trace-invalid-port');
    expect(run(PUBLIC_LB_ENV, { ...WEB, port: 70000 }).outcome).toBe('unknown');
  });

  it('an unknown document is skipped with a warning; a rule collection group without its firewall is said', () => {
    const r = run(`${PUBLIC_LB_ENV}---\n{ "type": "Microsoft.Storage/storageAccounts", "name": "st" }\n`, WEB);
    expect(codes(r)).toContain('trace-document-unknown');
    expect(r.outcome).toBe('delivered');
  });

  it('hostile input never throws', () => {
    for (const text of ['a: &a [*a, *a]', '\u0000\u0001', '['.repeat(5000), 'x'.repeat(2_000_001)]) {
      const r = run(text, WEB);
      expect(r.outcome).toBe('unknown');
    }
  });
});

afterAll(() => {
  // Every hop id of spec §0 is produced by at least one scenario above.
  const missing = HOP_IDS.filter((id) => !seenHops.has(id));
  expect(missing).toEqual([]);
});
