/**
 * The five worked environments of "Follow a packet", traced as the spec's sources say
 * (../shared/specs/traffic-paths.md, patterns A, C, D, F, H). Each expectation cites the fact it checks.
 */
import { describe, expect, it } from 'vitest';
import { APP_GATEWAY_ENV, EGRESS_FIREWALL_ENV, INGRESS_ENV, PRIVATE_CLUSTER_ENV, PUBLIC_LB_ENV, WORKED_EXAMPLES } from '../../../src/lib/trace/examples';
import { path, run } from './helpers';

describe('the five worked environments', () => {
  it('A: internet → public LoadBalancer Service (eTP Local) is delivered, subnet NSG before the AKS NIC NSG', () => {
    const r = run(PUBLIC_LB_ENV, { from: 'internet:203.0.113.7', to: 'service:shop/web', port: 80 });
    expect(r.outcome).toBe('delivered');
    expect(path(r)).toEqual(['load-balancer:pass', 'nsg:pass', 'nsg:pass', 'service:rewrite', 'network-policy:pass', 'pod-port:pass']);
    // [NSG-HOW] inbound: subnet NSG first, then NIC NSG; [CPA-CODE] the NIC rule is k8s-azure-lb_allow… at 500, destination the frontend IP, Service port (floating IP).
    expect(r.hops[1]!.resource).toContain('snet-nodes-nsg');
    expect(r.hops[2]!.rule).toMatch(/^k8s-azure-lb_allow_IPv4_.* \(priority 500\)$/);
    expect(r.hops[2]!.sees).toEqual({ src: '203.0.113.7', dst: '20.121.5.7', port: 80 });
    // [K8S-SVC] named targetPort "http" → containerPort 8080; [AKS-LBCFG] eTP Local keeps the client IP.
    expect(r.hops[3]!.sees).toEqual({ src: '203.0.113.7', dst: '10.244.0.12', port: 8080 });
    expect(r.hops[4]!.sees.src).toBe('203.0.113.7');
  });

  it('C: internet → App Gateway WAF → pod IP; the pod sees a gateway instance IP from the gateway subnet', () => {
    const r = run(APP_GATEWAY_ENV, { from: 'internet:203.0.113.7', to: 'https://shop.contoso.com/cart' });
    expect(r.outcome).toBe('delivered');
    expect(path(r)).toEqual(['nsg:pass', 'app-gateway:pass', 'waf:pass', 'app-gateway:rewrite', 'route:pass', 'nsg:pass', 'network-policy:pass', 'pod-port:pass']);
    // [AGW-HOW] new TCP connection from an instance private IP; [K8S-NP] the policy sees that IP (only ipBlock can match it).
    const policy = r.hops[6]!;
    expect(policy.sees.src).toMatch(/^10\.241\.0\.\d+$/);
    expect(policy.resource).toBe('shop/web-from-appgw');
    expect(r.hops[2]!.sees.src).toBe('203.0.113.7'); // WAF RemoteAddr is the client
  });

  it('D: internet → app routing NGINX (eTP Local) → backend pod; the backend sees the controller pod IP', () => {
    const r = run(INGRESS_ENV, { from: 'internet:198.51.100.23', to: 'https://www.contoso.com/' });
    expect(r.outcome).toBe('delivered');
    expect(path(r)).toEqual(['load-balancer:pass', 'nsg:pass', 'service:rewrite', 'ingress:rewrite', 'network-policy:pass', 'network-policy:pass', 'pod-port:pass']);
    expect(r.hops[0]!.sees.port).toBe(443);
    // [NGINX-ANN] upstream = endpoints (pod IP/port), new connection from the controller pod.
    expect(r.hops[3]!.sees).toEqual({ src: '10.244.0.30', dst: '10.244.1.12', port: 8080 });
    expect(r.hops[5]!.resource).toBe('shop/web-from-ingress');
  });

  it('F: pod → internet name through UDR and Azure Firewall: DNS first, policy egress, NSG, route, firewall SNAT', () => {
    const r = run(EGRESS_FIREWALL_ENV, { from: 'pod:payments/worker-6b7c', to: 'fqdn:api.payments.example', port: 443 });
    expect(r.outcome).toBe('delivered');
    expect(path(r)).toEqual(['network-policy:pass', 'network-policy:pass', 'network-policy:pass', 'nsg:pass', 'route:pass', 'firewall:rewrite', 'egress:pass']);
    // [AKS-OVL] node SNAT before leaving the node; [AZFW-SNAT] application rules are SNATed; UDR next hop = the firewall.
    expect(r.hops[3]!.sees.src).toBe('10.42.0.4');
    expect(r.hops[4]!.rule).toBe('udr rt-aks-egress/default-to-firewall');
    expect(r.hops[5]!.rule).toBe('partners/payments-api');
    expect(r.hops[5]!.detail).toContain('20.61.8.9');
    expect(r.hops[0]!.detail).toContain('DNS lookup');
  });

  it('H: jump box in a peered hub → private API server: private DNS link, peering, ranges do not apply', () => {
    const r = run(PRIVATE_CLUSTER_ENV, { from: 'vm:10.50.1.4', to: 'api-server' });
    expect(r.outcome).toBe('delivered');
    expect(path(r)).toEqual(['private-dns:pass', 'route:pass', 'api-server-authorized-ranges:skip']);
  });

  it('every worked example in the list traces to delivered', () => {
    for (const e of WORKED_EXAMPLES) {
      const r = run(e.environment, { from: e.from, to: e.to, ...(e.port ? { port: e.port } : {}) });
      expect(r.outcome, e.id).toBe('delivered');
      expect(r.diagnostics.filter((d) => d.severity === 'error'), e.id).toEqual([]);
    }
  });
});
