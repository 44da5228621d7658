/**
 * The network-policy exercise checkers judge behaviour: for each exercise a second,
 * differently written correct answer passes, and a plausible wrong answer fails with the
 * wrong connections named. (tests/unit/exercises.test.ts already checks that every
 * solution passes and every start fails.)
 */
import { describe, expect, it } from 'vitest';
import netpolTool from '../../src/components/tools/netpol';
import { exerciseById, exercises, type Exercise } from '../../src/lib/exercises';
import { exerciseCluster, requireMatrix } from '../../src/lib/exercises/netpol-check';
import { parseCluster } from '../../src/lib/netpol';

function ex(id: string): Exercise {
  const e = exerciseById(id);
  if (!e) throw new Error(`no exercise ${id}`);
  return e;
}

/** The exercise's own inputs with the learner's policies. */
const withPolicies = (id: string, policies: string) => ({ ...ex(id).start, policies });

function expectPass(id: string, policies: string): void {
  const r = ex(id).check(withPolicies(id, policies));
  expect(r.pass, `${r.reason}\n${(r.details ?? []).join('\n')}`).toBe(true);
}

function expectFail(id: string, policies: string, says: RegExp): void {
  const r = ex(id).check(withPolicies(id, policies));
  expect(r.pass).toBe(false);
  expect(`${r.reason}\n${(r.details ?? []).join('\n')}`).toMatch(says);
}

const NP = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n';

const netpolExercises = exercises.filter((e) => e.page === 'network-policies');

describe('network-policy exercises, as a set', () => {
  it('cover the eight required topics on the network-policies page', () => {
    expect(netpolExercises.map((e) => e.id)).toEqual(
      expect.arrayContaining(['netpol-default-deny', 'netpol-allow-frontend', 'netpol-cross-namespace', 'netpol-and-vs-or', 'netpol-egress-dns', 'netpol-ipblock-except', 'netpol-named-ports', 'netpol-fix-broken-set']),
    );
    for (const e of netpolExercises) {
      expect(e.tool).toBe('netpol');
      expect(Object.keys(e.start).sort()).toEqual(['cluster', 'policies', 'query']);
      expect(e.start.cluster).toBe(e.solution.cluster);
    }
  });

  for (const e of netpolExercises) {
    it(`${e.id}: its cluster and query are valid, and the tool runs its solution without errors`, () => {
      const c = parseCluster(e.start.cluster!);
      expect(c.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      expect(c.cluster.pods.length).toBeGreaterThan(2);
      const out = netpolTool.run(e.solution);
      expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });

    it(`${e.id}: editing the cluster pane does not change the verdict`, () => {
      // A cluster with no pods at all would make any policy set "correct" if it were used.
      const r = e.check({ ...e.start, cluster: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: empty\n' });
      expect(r.pass).toBe(false);
      expect(e.check({ ...e.solution, cluster: '' }).pass).toBe(true);
    });
  }

  it('fails on YAML errors with the first error message and its line', () => {
    const policies = `${NP}metadata:\n  name: x\n  namespace: shop\nspec:\n  podSelektor: {}\n`;
    const r = ex('netpol-default-deny').check(withPolicies('netpol-default-deny', policies));
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/line 7/);
    expect(r.reason).toMatch(/podSelektor/);
    const broken = ex('netpol-default-deny').check(withPolicies('netpol-default-deny', `${NP}spec: [unclosed\n`));
    expect(broken.pass).toBe(false);
    expect(broken.reason).toMatch(/line \d/);
  });

  it('fails on an empty policies pane, saying so', () => {
    expect(ex('netpol-egress-dns').check(withPolicies('netpol-egress-dns', '  \n')).reason).toMatch(/empty/);
  });

  it('requireMatrix: undefined when every cell matches, the wrong cells in words otherwise', () => {
    const e = ex('netpol-default-deny');
    const cluster = exerciseCluster(e.start.cluster!);
    const isolatedShop = (_f: unknown, to: { namespace: string }) => to.namespace !== 'shop';
    expect(requireMatrix(e.solution, cluster, [{ port: 80 }], isolatedShop)).toBeUndefined();
    const r = requireMatrix({ policies: '' }, cluster, [{ port: 80 }], isolatedShop)!;
    expect(r.pass).toBe(false);
    // No policies: everything is allowed; 5 pods → 4 sources each for 4 shop destinations.
    expect(r.reason).toMatch(/^16 connections/);
    expect(r.details).toContain('shop/web → shop/api on 80/TCP: allowed, should be denied.');
  });
});

describe('netpol-default-deny', () => {
  const id = 'netpol-default-deny';
  it('accepts an empty matchLabels and an empty ingress list with policyTypes left to default', () => {
    expectPass(id, `${NP}metadata: {name: deny-all, namespace: shop}\nspec:\n  podSelector:\n    matchLabels: {}\n  ingress: []\n`);
  });
  it('rejects "every pod with an app label": the nightly-report pod has none', () => {
    expectFail(id, `${NP}metadata: {name: deny-all, namespace: shop}\nspec:\n  podSelector:\n    matchExpressions:\n    - {key: app, operator: Exists}\n  ingress: []\n`, /tools\/debug → shop\/nightly-report on 80\/TCP: allowed, should be denied/);
  });
  it('rejects isolating egress too', () => {
    expectFail(id, `${NP}metadata: {name: deny-all, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n`, /shop\/web → tools\/debug on 80\/TCP: denied, should be allowed/);
  });
});

describe('netpol-allow-frontend', () => {
  const id = 'netpol-allow-frontend';
  it('accepts a separate default deny plus an allow policy written with In and an explicit namespace', () => {
    expectPass(
      id,
      `${NP}metadata: {name: backend-deny, namespace: shop}
spec:
  podSelector: {matchExpressions: [{key: app, operator: In, values: [backend]}]}
  policyTypes: [Ingress]
---
${NP}metadata: {name: backend-from-frontend, namespace: shop}
spec:
  podSelector: {matchLabels: {app: backend}}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}
      podSelector: {matchExpressions: [{key: app, operator: In, values: [frontend]}]}
    ports:
    - {port: 8080, protocol: TCP}
`,
    );
  });
  it('rejects the right rule on UDP', () => {
    const udp = ex(id).solution.policies!.replace('    - port: 8080\n', '    - port: 8080\n      protocol: UDP\n');
    expect(udp).toContain('protocol: UDP');
    expectFail(id, udp, /shop\/frontend → shop\/backend on 8080\/TCP: denied, should be allowed/);
  });
});

describe('netpol-cross-namespace', () => {
  const id = 'netpol-cross-namespace';
  it('accepts the policy written as JSON with matchExpressions', () => {
    expectPass(
      id,
      JSON.stringify({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'from-checkout-team', namespace: 'payments' },
        spec: {
          podSelector: { matchLabels: { app: 'payments-api' } },
          ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['checkout', 'checkout-old'] }] } }], ports: [{ port: 8443 }] }],
        },
      }),
    );
  });
  it('rejects every namespace (namespaceSelector: {})', () => {
    const all = ex(id).solution.policies!.replace('    - namespaceSelector:\n        matchLabels:\n          team: checkout\n', '    - namespaceSelector: {}\n');
    expectFail(id, all, /reporting\/reports → payments\/api on 8443\/TCP: allowed, should be denied/);
    expectFail(id, all, /payments\/ledger → payments\/api/);
  });
});

describe('netpol-and-vs-or', () => {
  const id = 'netpol-and-vs-or';
  const scrape = (namespaceSelector: string) => `${NP}metadata: {name: scrape, namespace: backend}
spec:
  podSelector: {matchExpressions: [{key: app, operator: In, values: [api]}]}
  ingress:
  - ports: [{port: 9090, protocol: TCP}]
    from:
    - podSelector: {matchLabels: {app: prometheus}}
      namespaceSelector: ${namespaceSelector}
`;
  it('accepts one peer selecting the team label with In', () => {
    expectPass(id, scrape('{matchExpressions: [{key: team, operator: In, values: [ops]}]}'));
  });
  it('rejects one peer selecting the namespace monitoring by name: monitoring-eu is team=ops too', () => {
    expectFail(id, scrape('{matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [monitoring]}]}'), /monitoring-eu\/prometheus → backend\/api on 9090\/TCP: denied, should be allowed/);
  });
  it('rejects the right peer on a policy that selects every backend pod', () => {
    const all = ex(id).solution.policies!.replace('  podSelector:\n    matchLabels:\n      app: api\n', '  podSelector: {}\n');
    expectFail(id, all, /monitoring\/grafana → backend\/prometheus on 9090\/TCP: denied, should be allowed/);
  });
});

describe('netpol-egress-dns', () => {
  const id = 'netpol-egress-dns';
  it('accepts a deny-all egress policy plus an allow policy using named ports', () => {
    expectPass(
      id,
      `${NP}metadata: {name: web-deny-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
---
${NP}metadata: {name: web-allow-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
      podSelector: {matchLabels: {k8s-app: kube-dns}}
    ports:
    - {port: dns, protocol: UDP}
    - {port: dns-tcp}
  - to: [{podSelector: {matchLabels: {app: api}}}]
    ports: [{port: http}]
`,
    );
  });
  it('rejects DNS to kube-dns pods in every namespace: tools/dns-test is not the cluster DNS', () => {
    const anyNs = ex(id).solution.policies!.replace('    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n      podSelector:', '    - namespaceSelector: {}\n      podSelector:');
    expect(anyNs).toContain('namespaceSelector: {}');
    expectFail(id, anyNs, /shop\/web → tools\/dns-test on 53\/UDP: allowed, should be denied/);
  });
  it('rejects DNS to every kube-system pod: metrics-server is not DNS', () => {
    const allKubeSystem = ex(id).solution.policies!.replace('      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n', '');
    expect(allKubeSystem).not.toContain('kube-dns');
    expectFail(id, allKubeSystem, /shop\/web → kube-system\/metrics-server on 53\/UDP: allowed, should be denied/);
  });
  it('rejects DNS over UDP only', () => {
    const udpOnly = ex(id).solution.policies!.replace('    - port: 53\n      protocol: TCP\n', '');
    expectFail(id, udpOnly, /shop\/web → kube-system\/coredns on 53\/TCP: denied, should be allowed/);
  });
  it('rejects port 53 to everywhere, and a policy that forgets policyTypes (ingress isolated too)', () => {
    const anywhere = ex(id).solution.policies!.replace(/  - to:\n    - namespaceSelector:[\s\S]*?k8s-app: kube-dns\n    ports:/, '  - ports:');
    expect(anywhere).not.toContain('kube-dns');
    expectFail(id, anywhere, /shop\/web → shop\/db on 53\/UDP: allowed, should be denied/);
    expectFail(id, anywhere, /shop\/web → 168\.63\.129\.16 on 53\/UDP: allowed, should be denied/);
    const noTypes = ex(id).solution.policies!.replace('  policyTypes:\n  - Egress\n', '');
    expectFail(id, noTypes, /203\.0\.113\.7 → shop\/web on 80\/TCP: denied, should be allowed/);
  });
});

describe('netpol-ipblock-except', () => {
  const id = 'netpol-ipblock-except';
  it('accepts two ipBlocks around the hole and pods selected in a separate rule', () => {
    expectPass(
      id,
      `${NP}metadata: {name: gateway-in, namespace: edge}
spec:
  podSelector: {matchLabels: {app: gateway}}
  ingress:
  - from:
    - ipBlock: {cidr: 198.51.100.0/26}
    - ipBlock: {cidr: 198.51.100.128/25}
    ports: [{port: 443}]
  - from:
    - namespaceSelector: {}
      podSelector: {}
    ports: [{port: https}]
`,
    );
  });
  it('rejects reaching the pods through an ipBlock of the pod range (not with Cilium on AKS)', () => {
    const viaIps = ex(id).solution.policies!.replace('    - namespaceSelector: {}\n', '    - ipBlock:\n        cidr: 10.244.0.0/16\n');
    expect(viaIps).toContain('10.244.0.0/16');
    expectFail(id, viaIps, /ipBlock matches pod IPs[\s\S]*With Cilium: shop\/web → edge\/gateway on 443\/TCP: denied, should be allowed/);
  });
  it('rejects the right rules on every edge pod: the cache is not part of the task', () => {
    const allEdge = ex(id).solution.policies!.replace('  podSelector:\n    matchLabels:\n      app: gateway\n', '  podSelector: {}\n');
    expect(allEdge).toContain('  podSelector: {}\n');
    expectFail(id, allEdge, /203\.0\.113\.9 → edge\/cache on 443\/TCP: denied, should be allowed/);
  });
  it('rejects "everything except the quarantine"', () => {
    const everything = ex(id).solution.policies!.replace('cidr: 198.51.100.0/24', 'cidr: 0.0.0.0/0');
    expectFail(id, everything, /203\.0\.113\.9 → edge\/gateway on 443\/TCP: allowed, should be denied/);
  });
});

describe('netpol-named-ports', () => {
  const id = 'netpol-named-ports';
  it('rejects one policy per pod with numeric ports: the admin pod (http = 8000) is left out', () => {
    const perPod = (app: string, port: number) => `${NP}metadata: {name: ${app}-from-gateway, namespace: shop}
spec:
  podSelector: {matchLabels: {app: ${app}}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: gateway}}
      podSelector: {}
    ports: [{port: ${port}}]
`;
    expectFail(id, `${perPod('web', 8080)}---\n${perPod('api', 3000)}`, /→ shop\/admin on \d+\/TCP: allowed, should be denied/);
  });
  it('rejects listing both numbers in the one rule', () => {
    const both = ex(id).start.policies!.replace('    - port: 8080\n', '    - port: 8080\n    - port: 3000\n');
    expectFail(id, both, /gateway\/ingress → shop\/web on 3000\/TCP: allowed, should be denied/);
  });
});

describe('netpol-fix-broken-set', () => {
  const id = 'netpol-fix-broken-set';
  it('accepts a differently organised set (egress in its own policy, named DNS ports, AND peers)', () => {
    expectPass(
      id,
      `${NP}metadata: {name: deny-in, namespace: backend}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
${NP}metadata: {name: egress, namespace: backend}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {}}]
  - to:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
      podSelector: {matchLabels: {k8s-app: kube-dns}}
    ports: [{port: dns, protocol: UDP}, {port: dns-tcp, protocol: TCP}]
---
${NP}metadata: {name: api-in, namespace: backend}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {team: web}}
      podSelector: {matchLabels: {app: web}}
    ports: [{port: http}]
  - from:
    - namespaceSelector: {matchLabels: {team: ops}}
      podSelector: {matchLabels: {app: prometheus}}
    ports: [{port: 9090}]
---
${NP}metadata: {name: db-in, namespace: backend}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: api}}}]
    ports: [{port: postgres}]
`,
    );
  });
  it('rejects a set with four of the five mistakes fixed (DNS over TCP still closed)', () => {
    const fourOfFive = ex(id).solution.policies!.replace('    - port: 53\n      protocol: TCP\n', '');
    // api and db each lose TCP 53 to both CoreDNS replicas.
    expectFail(id, fourOfFive, /^4 connections[\s\S]*backend\/api → kube-system\/coredns-2 on 53\/TCP: denied, should be allowed/);
  });
  it('rejects the Prometheus policy left in namespace monitoring', () => {
    const wrongNs = ex(id).solution.policies!.replace('  name: api-allow-prometheus\n  namespace: backend', '  name: api-allow-prometheus\n  namespace: monitoring');
    expect(wrongNs).toContain('namespace: monitoring');
    expectFail(id, wrongNs, /monitoring\/prometheus → backend\/api on 9090\/TCP: denied, should be allowed/);
  });
});
