/**
 * Every exercise rejects at least one plausible wrong answer. Each entry below is a
 * mistake a learner could make that a too-simple fixed cluster or test set would accept;
 * the decoys in the exercise (a second CoreDNS replica, a non-DNS kube-system pod, a pod
 * labelled like the allowed one in another namespace, a later team=checkout namespace,
 * /admin in a query string…) are what make it fail. A new exercise needs an entry here.
 */
import { describe, expect, it } from 'vitest';
import { exercises, type Exercise } from '../../src/lib/exercises';

interface Wrong {
  /** The mistake, in words. */
  mistake: string;
  /** The learner's inputs, from the exercise's solution (or start). */
  inputs: (e: Exercise) => Record<string, string>;
  /** What the failure must name (reason or details). */
  says: RegExp;
}

const NP = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n';

/** The solution with one text replaced; the replacement must happen. */
function edit(pane: string, from: string | RegExp, to: string): (e: Exercise) => Record<string, string> {
  return (e) => {
    const text = e.solution[pane]!;
    const out = text.replace(from, to);
    if (out === text) throw new Error(`${e.id}: the edit of ${pane} did not apply (${String(from)})`);
    return { ...e.solution, [pane]: out };
  };
}
const withPane = (pane: string, text: string) => (e: Exercise) => ({ ...e.solution, [pane]: text });

const WRONG: Record<string, Wrong> = {
  'cidr-split-vnet': {
    mistake: 'four subnets that fill the VNet but are not of equal size',
    inputs: withPane('ranges', '10.20.0.0/23\n10.20.2.0/24\n10.20.3.0/25\n10.20.3.128/25'),
    says: /not all the same size/,
  },
  'size-node-subnet': {
    mistake: 'a /21, sized for the nodes without the surge nodes of an upgrade',
    inputs: edit('plan', 'nodeSubnetCidr: 10.10.0.0/20', 'nodeSubnetCidr: 10.10.8.0/21'),
    says: /10\.10\.8\.0\/21 has .*2,043 usable addresses but needs/,
  },
  'script-conflicting-range': {
    mistake: 'moving the service CIDR onto the pod CIDR 192.168.0.0/16 (outside the VNet, but taken)',
    inputs: edit('script', /172\.16\.0\.0\/16([\s\S]*?)172\.16\.0\.10/, '192.168.0.0/16$1192.168.0.10'),
    says: /192\.168\.0\.0\/16/,
  },
  'choose-plugin-for-scale': {
    mistake: 'Overlay with a /15 pod CIDR: 512 blocks of /24 for 1,001 nodes',
    inputs: edit('plan', 'podCidr: 10.128.0.0/14', 'podCidr: 10.128.0.0/15'),
    says: /Overlay/,
  },
  'fix-dns-service-ip': {
    mistake: 'the first address of the service CIDR, which the kubernetes API Service takes',
    inputs: edit('plan', 'dnsServiceIp: 10.2.0.10', 'dnsServiceIp: 10.2.0.1'),
    says: /10\.2\.0\.1/,
  },
  'netpol-default-deny': {
    mistake: 'isolating shop but allowing every pod of shop in (a namespace-local default deny)',
    inputs: withPane('policies', `${NP}metadata: {name: deny, namespace: shop}\nspec:\n  podSelector: {}\n  ingress:\n  - from: [{podSelector: {}}]\n`),
    says: /shop\/[\w-]+ → shop\/[\w-]+ on \d+\/TCP: allowed, should be denied/,
  },
  'netpol-allow-frontend': {
    mistake: 'allowing app=frontend pods of every namespace (staging/frontend is not the frontend pod)',
    inputs: edit('policies', '    - podSelector:\n        matchLabels:\n          app: frontend\n', '    - namespaceSelector: {}\n      podSelector:\n        matchLabels:\n          app: frontend\n'),
    says: /staging\/frontend → shop\/backend on 8080\/TCP: allowed, should be denied/,
  },
  'netpol-cross-namespace': {
    mistake: 'naming today’s two namespaces instead of the team label (checkout-eu came later)',
    inputs: edit('policies', '    - namespaceSelector:\n        matchLabels:\n          team: checkout\n', '    - namespaceSelector:\n        matchExpressions:\n        - {key: kubernetes.io/metadata.name, operator: In, values: [checkout, checkout-canary]}\n'),
    says: /checkout-eu\/cart → payments\/api on 8443\/TCP: denied, should be allowed/,
  },
  'netpol-and-vs-or': {
    mistake: 'Prometheus pods of every namespace (dev/prometheus is not team=ops)',
    inputs: edit('policies', '    - namespaceSelector:\n        matchLabels:\n          team: ops\n      podSelector:', '    - namespaceSelector: {}\n      podSelector:'),
    says: /dev\/prometheus → backend\/api on 9090\/TCP: allowed, should be denied/,
  },
  'netpol-egress-dns': {
    mistake: 'DNS to the one CoreDNS pod’s IP (the second replica is left out)',
    inputs: edit('policies', /    - namespaceSelector:\n        matchLabels:\n          kubernetes\.io\/metadata\.name: kube-system\n      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n/, '    - ipBlock:\n        cidr: 10.244.0.10/32\n'),
    says: /shop\/web → kube-system\/coredns-2 on 53\/UDP: denied, should be allowed/,
  },
  'netpol-ipblock-except': {
    mistake: 'excepting only half of the quarantined /26',
    inputs: edit('policies', '198.51.100.64/26', '198.51.100.64/27'),
    says: /198\.51\.100\.100 → edge\/gateway on 443\/TCP: allowed, should be denied/,
  },
  'netpol-named-ports': {
    mistake: 'listing today’s numbers 8080 and 3000 instead of the port name (admin’s http is 8000)',
    inputs: edit('policies', '    - port: http\n', '    - port: 8080\n    - port: 3000\n'),
    says: /gateway\/ingress → shop\/admin on 8000\/TCP: denied, should be allowed/,
  },
  'netpol-fix-broken-set': {
    mistake: 'DNS to every kube-system pod (metrics-server is not DNS)',
    inputs: edit('policies', '      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n', ''),
    says: /backend\/api → kube-system\/metrics-server on 53\/UDP: allowed, should be denied/,
  },
  'cilium-fqdn-egress': {
    mistake: 'a *.github.com pattern in the DNS and toFQDNs rules (gist.github.com gets through too)',
    inputs: edit('policies', /matchName: api\.github\.com/g, 'matchPattern: "*.github.com"'),
    says: /shop\/web → gist\.github\.com on 443\/TCP: allowed, should be denied/,
  },
  'cilium-l7-read-only': {
    mistake: 'GET on path /products (a full match: /products/42 is refused)',
    inputs: edit('policies', '        - method: GET\n', '        - method: GET\n          path: /products\n'),
    says: /GET \/products\/42 from frontend\/web → shop\/catalog on 8080\/TCP: denied, should be allowed/,
  },
  'cilium-deny-over-allow': {
    mistake: 'narrowing the allow to every namespace but sandbox instead of writing a deny',
    inputs: (e) => {
      const policies = e.solution.policies!.replace(/---\n[\s\S]*$/, '').replace('    - namespaceSelector: {}\n', '    - namespaceSelector:\n        matchExpressions:\n        - {key: kubernetes.io/metadata.name, operator: NotIn, values: [sandbox]}\n');
      if (!policies.includes('NotIn') || policies.includes('Cilium')) throw new Error('cilium-deny-over-allow: the edit did not apply');
      return { ...e.solution, policies };
    },
    says: /ingressDeny/,
  },
  'cilium-ccnp-baseline': {
    mistake: 'endpointSelector: {} (kube-system pods lose the metadata service)',
    inputs: edit('policies', /  endpointSelector:\n    matchExpressions:\n[\s\S]*?values: \[kube-system\]\n/, '  endpointSelector: {}\n'),
    says: /kube-system\/csi-azuredisk → 169\.254\.169\.254 on 80\/TCP: denied, should be allowed/,
  },
  'ingress-route-two-apps': {
    mistake: 'keeping Exact /cart and adding Prefix /cart/items for the one URL tried, which leaves /cart/ to web',
    // The start's paths list ends the manifest, so a path entry can be appended.
    inputs: (e) => ({ ...e.start, manifests: `${e.start.manifests}      - path: /cart/items\n        pathType: Prefix\n        backend:\n          service:\n            name: cart\n            port:\n              number: 80\n` }),
    says: /http:\/\/shop\.example\.com\/cart\/ reaches Service web; it should reach cart/,
  },
  'ingress-add-tls': {
    mistake: 'a wildcard one label too deep (*.shop.example.com does not cover shop.example.com)',
    inputs: edit('manifests', '    - shop.example.com\n    secretName', '    - "*.shop.example.com"\n    secretName'),
    says: /no tls entry covers shop\.example\.com/,
  },
  'service-fix-selector': {
    mistake: 'selecting tier: backend alone, which the worker pods share',
    inputs: edit('manifests', '  selector:\n    app: api\n    tier: backend\n', '  selector:\n    tier: backend\n'),
    says: /default\/worker is selected too/,
  },
  'service-internal-lb': {
    mistake: 'naming an internal subnet without the internal annotation',
    inputs: edit('manifests', 'service.beta.kubernetes.io/azure-load-balancer-internal: "true"', 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet: "apps"'),
    says: /annotation/,
  },
  'waf-block-admin-path': {
    mistake: 'Contains /admin, which also blocks /search?q=/admin',
    inputs: edit('policy', '"operator": "BeginsWith"', '"operator": "Contains"'),
    says: /GET \/search\?q=\/admin from 203\.0\.113\.9 is blocked/,
  },
  'nsg-open-443-to-range': {
    mistake: 'the partner rule on every protocol (UDP 443 opens too)',
    inputs: edit('nsgs', /"protocol": "Tcp"/, '"protocol": "*"'),
    says: /Udp|UDP/,
  },
  'nsg-find-shadowed-rule': {
    mistake: 'moving the broad Deny between the two Allows (the partner rule stays shadowed)',
    inputs: edit('nsgs', /"priority": 4000/, '"priority": 205'),
    says: /8443/,
  },
  'access-authorize-office': {
    mistake: 'authorizing only the lower half of the office range',
    inputs: edit('cluster', '73.140.245.0/24', '73.140.245.0/25'),
    says: /73\.140\.245\.201\) is refused; it should be let in/,
  },
  'incident-byo-nsg': {
    mistake: 'opening the pod port to the pod range (the NSG sees the frontend IP and the Service port)',
    inputs: edit('environment', '"destinationAddressPrefix": "20.121.5.7", "destinationPortRange": "80"', '"destinationAddressPrefix": "10.244.0.0/16", "destinationPortRange": "8080"'),
    says: /is blocked at nsg/,
  },
  'incident-partner-ipblock': {
    mistake: 'keeping externalTrafficPolicy Cluster and allowing the node range (every client arrives from a node)',
    inputs: (e) => ({ ...e.solution, environment: e.solution.environment!.replace('  externalTrafficPolicy: Local\n', '  externalTrafficPolicy: Cluster\n').replace('{ ipBlock: { cidr: 198.51.100.0/24 } }', '{ ipBlock: { cidr: 198.51.100.0/24 } }, { ipBlock: { cidr: 10.224.0.0/16 } }') }),
    says: /internet:203\.0\.113\.7 → service:shop\/web:80 is delivered/,
  },
  'incident-named-port': {
    mistake: 'fixing the targetPort but leaving the policy on the Service port 80',
    inputs: edit('environment', 'ports: [ { port: 8080 } ]', 'ports: [ { port: 80 } ]'),
    says: /is blocked at network-policy/,
  },
  'incident-firewall-egress': {
    mistake: 'an application rule for every name (the firewall becomes an open proxy)',
    inputs: edit('environment', 'fqdns: [api.payments.example]', "fqdns: ['*']"),
    says: /fqdn:api\.github\.com:443 is delivered/,
  },
  'incident-private-dns': {
    mistake: 'adding the jump box to authorized IP ranges (they do not apply to a private API server)',
    inputs: (e) => ({ ...e.start, environment: e.start.environment!.replace('"authorizedIpRanges": null', '"authorizedIpRanges": ["10.50.1.4/32"]') }),
    says: /is blocked at private-dns/,
  },
  'incident-egress-ip-ranges': {
    mistake: 'authorizing the node subnet instead of the NAT gateway IP the API server sees',
    inputs: edit('environment', '"20.62.10.5/32"]', '"10.224.0.0/16"]'),
    says: /api-server-authorized-ranges/,
  },
  'gateway-precedence': {
    mistake: 'a wildcard hostname on the checkout route: the precise shop.example.com route still wins',
    inputs: edit('manifests', 'hostnames: ["shop.example.com"]\n  rules:\n  - matches:\n    - path:\n        type: PathPrefix\n        value: /cart/checkout', 'hostnames: ["*.example.com"]\n  rules:\n  - matches:\n    - path:\n        type: PathPrefix\n        value: /cart/checkout'),
    says: /cart\/checkout ends at cart/,
  },
  'gateway-hostname-intersection': {
    mistake: '"*.example.com" on the api route, which also takes www.example.com',
    inputs: edit('manifests', '["api.example.com", "*.api.example.com"]', '["*.example.com"]'),
    says: /www\.example\.com\/ ends at api/,
  },
  'gateway-reference-grant': {
    mistake: 'a ReferenceGrant for every Service of payments, which opens payments-db too',
    inputs: edit('manifests', '    name: payments-api\n', ''),
    says: /\/db ends at payments-db/,
  },
  'gateway-canary': {
    mistake: 'weights swapped: 90% to the canary',
    inputs: edit('manifests', /weight: 90\n([\s\S]*)weight: 10/, 'weight: 10\n$1weight: 90'),
    says: /checkout-v2=90%/,
  },
  'gateway-migration-clean': {
    mistake: 'a tls entry naming another Secret',
    inputs: edit('manifests', 'secretName: shop-tls', 'secretName: other-tls'),
    says: /shop-tls/,
  },
};

describe('every exercise rejects a plausible wrong answer', () => {
  for (const e of exercises) {
    it(`${e.id}: ${WRONG[e.id]?.mistake ?? '(no wrong answer listed)'}`, () => {
      const w = WRONG[e.id];
      expect(w, `add a plausible wrong answer for ${e.id} to this file`).toBeDefined();
      // The solution passes, so the failure comes from the mistake alone.
      expect(e.check(e.solution).pass).toBe(true);
      const r = e.check(w!.inputs(e));
      expect(r.pass, `${e.id} accepted: ${w!.mistake}`).toBe(false);
      expect(`${r.reason}\n${(r.details ?? []).join('\n')}`).toMatch(w!.says);
    });
  }
});
