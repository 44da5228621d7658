/**
 * Each lint code with a case that raises it (on the right line) and a near miss that does not.
 * Expected findings come from the rules in ../shared/specs/network-policy.md, not from the code.
 */
import { describe, expect, it } from 'vitest';
import { lintPolicies, type Cluster } from '../../../src/lib/netpol';

const cluster: Cluster = {
  namespaces: [{ name: 'shop', labels: { team: 'shop' } }, { name: 'monitoring', labels: { team: 'ops' } }, { name: 'kube-system' }],
  pods: [
    { namespace: 'shop', name: 'web', labels: { app: 'web' }, ip: '10.244.1.10', ports: [{ name: 'http', port: 8080 }] },
    { namespace: 'shop', name: 'api', labels: { app: 'api' }, ip: '10.244.1.11', ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }] },
    { namespace: 'monitoring', name: 'prometheus', labels: { app: 'prometheus' }, ip: '10.244.2.10' },
    { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' }, ip: '10.244.3.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] },
  ],
};

const np = (spec: string, name = 'p', ns = 'shop') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;

const codes = (policies: string, withCluster = true) => lintPolicies({ policies, ...(withCluster ? { cluster } : {}) });
const find = (policies: string, code: string, withCluster = true) => codes(policies, withCluster).filter((d) => d.code === code);

describe('dns-blocked', () => {
  it('raises when egress isolation leaves no DNS', () => {
    const d = find(np('  podSelector: {}\n  policyTypes: [Egress]\n'), 'dns-blocked');
    expect(d).toHaveLength(1);
    expect(d[0]!.line).toBe(8); // the policyTypes line
    expect(d[0]!.message).toMatch(/UDP 53 or TCP 53/);
    expect(d[0]!.message).toMatch(/shop\/web/);
  });
  it('names the missing protocol when only UDP is allowed', () => {
    const spec = '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - ports:\n    - port: 53\n      protocol: UDP\n';
    const d = find(np(spec), 'dns-blocked');
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toMatch(/TCP 53/);
    expect(d[0]!.message).not.toMatch(/UDP 53/);
  });
  it('is quiet when UDP and TCP 53 to kube-system are allowed (also without a cluster)', () => {
    const spec = [
      '  podSelector: {}',
      '  policyTypes: [Egress]',
      '  egress:',
      '  - to:',
      '    - namespaceSelector:',
      '        matchLabels:',
      '          kubernetes.io/metadata.name: kube-system',
      '    ports:',
      '    - port: 53',
      '      protocol: UDP',
      '    - port: 53',
      '      protocol: TCP',
      '',
    ].join('\n');
    expect(find(np(spec), 'dns-blocked')).toEqual([]);
    expect(find(np(spec), 'dns-blocked', false)).toEqual([]);
    // The same rule towards the wrong namespace is not DNS.
    expect(find(np(spec.replace('name: kube-system', 'name: monitoring')), 'dns-blocked', false)).toHaveLength(1);
  });
  it('is quiet for ingress-only policies', () => {
    expect(find(np('  podSelector: {}\n  policyTypes: [Ingress]\n'), 'dns-blocked')).toEqual([]);
  });
});

describe('selector-matches-nothing', () => {
  it('raises for a podSelector that selects no pod, on its line', () => {
    const d = find(np('  podSelector:\n    matchLabels:\n      app: webb\n  ingress: []\n'), 'selector-matches-nothing');
    expect(d).toHaveLength(1);
    expect(d[0]!.line).toBe(8);
  });
  it('raises for a peer that matches no pod', () => {
    const spec = '  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          team: finance\n';
    const d = find(np(spec), 'selector-matches-nothing');
    expect(d).toHaveLength(1);
    expect(d[0]!.line).toBe(10);
  });
  it('is quiet when the selectors match, and without a cluster', () => {
    const spec = '  podSelector:\n    matchLabels:\n      app: web\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          team: ops\n';
    expect(find(np(spec), 'selector-matches-nothing')).toEqual([]);
    expect(find(np('  podSelector:\n    matchLabels:\n      app: webb\n'), 'selector-matches-nothing', false)).toEqual([]);
  });
});

describe('peers-or-not-and', () => {
  const or = np([
    '  podSelector: {}',
    '  ingress:',
    '  - from:',
    '    - namespaceSelector:',
    '        matchLabels:',
    '          team: ops',
    '    - podSelector:', // line 13: the second item
    '        matchLabels:',
    '          app: prometheus',
    '',
  ].join('\n'));
  it('raises on the second of two adjacent namespaceSelector / podSelector items', () => {
    const d = find(or, 'peers-or-not-and');
    expect(d).toHaveLength(1);
    expect(d[0]!.line).toBe(13);
    expect(d[0]!.severity).toBe('warning');
  });
  it('is quiet when both selectors are in one item (AND)', () => {
    expect(find(or.replace('    - podSelector:', '      podSelector:'), 'peers-or-not-and')).toEqual([]);
  });
  it('is quiet for two podSelector items', () => {
    expect(find(or.replace('    - namespaceSelector:\n        matchLabels:\n          team: ops', '    - podSelector:\n        matchLabels:\n          app: web'), 'peers-or-not-and')).toEqual([]);
  });
});

describe('egress-rules-ignored / ingress-rules-ignored', () => {
  it('raises for egress rules when policyTypes lists only Ingress', () => {
    const d = find(np('  podSelector: {}\n  policyTypes: [Ingress]\n  egress:\n  - {}\n'), 'egress-rules-ignored');
    expect(d).toHaveLength(1);
    expect(d[0]!.line).toBe(9);
  });
  it('raises for ingress rules when policyTypes lists only Egress', () => {
    expect(find(np('  podSelector: {}\n  policyTypes: [Egress]\n  ingress:\n  - {}\n'), 'ingress-rules-ignored')).toHaveLength(1);
  });
  it('is quiet when policyTypes includes the direction, or is left to default', () => {
    expect(find(np('  podSelector: {}\n  policyTypes: [Ingress, Egress]\n  egress:\n  - {}\n'), 'egress-rules-ignored')).toEqual([]);
    expect(find(np('  podSelector: {}\n  egress:\n  - {}\n'), 'egress-rules-ignored')).toEqual([]);
  });
});

describe('implicit-ingress-isolation', () => {
  it('raises when egress rules without policyTypes also isolate ingress', () => {
    expect(find(np('  podSelector: {}\n  egress:\n  - {}\n'), 'implicit-ingress-isolation')).toHaveLength(1);
  });
  it('is quiet with policyTypes: [Egress], or with ingress rules too', () => {
    expect(find(np('  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - {}\n'), 'implicit-ingress-isolation')).toEqual([]);
    expect(find(np('  podSelector: {}\n  ingress:\n  - {}\n  egress:\n  - {}\n'), 'implicit-ingress-isolation')).toEqual([]);
  });
});

describe('named-port-unknown', () => {
  const spec = (port: string) => `  podSelector:\n    matchLabels:\n      app: api\n  ingress:\n  - ports:\n    - port: ${port}\n`;
  it('raises when no selected pod has the port name, on the port line', () => {
    const d = find(np(spec('metrix')), 'named-port-unknown');
    expect(d).toHaveLength(1);
    expect(d[0]!.line).toBe(12);
  });
  it('is quiet when a selected pod declares it', () => {
    expect(find(np(spec('metrics')), 'named-port-unknown')).toEqual([]);
  });
  it('resolves egress named ports on the destination pods', () => {
    const egress = (port: string) => `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n    ports:\n    - port: ${port}\n      protocol: UDP\n`;
    expect(find(np(egress('dns')), 'named-port-unknown')).toEqual([]);
    expect(find(np(egress('metrics')), 'named-port-unknown')).toHaveLength(1);
  });
});

describe('ipblock-includes-pod-ips', () => {
  const spec = (cidr: string) => `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - ipBlock:\n        cidr: ${cidr}\n`;
  it('raises when the range holds pod IPs, naming them', () => {
    const d = find(np(spec('10.244.0.0/16')), 'ipblock-includes-pod-ips');
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toMatch(/shop\/web \(10\.244\.1\.10\)/);
  });
  it('is quiet for an outside range, and when except removes the pod IPs', () => {
    expect(find(np(spec('203.0.113.0/24')), 'ipblock-includes-pod-ips')).toEqual([]);
    expect(find(np(spec('10.0.0.0/8\n        except:\n        - 10.244.0.0/16')), 'ipblock-includes-pod-ips')).toEqual([]);
  });
});

describe('allow-all and deny-all are recognised (info)', () => {
  it('names a default-deny', () => {
    const d = find(np('  podSelector: {}\n  policyTypes: [Ingress]\n'), 'deny-all');
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe('info');
    expect(d[0]!.message).toMatch(/ingress/);
  });
  it('names an allow-all rule', () => {
    const d = find(np('  podSelector: {}\n  ingress:\n  - {}\n'), 'allow-all');
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe('info');
  });
  it('does not call a restricted rule allow-all or deny-all', () => {
    const spec = '  podSelector: {}\n  ingress:\n  - ports:\n    - port: 80\n';
    expect(find(np(spec), 'allow-all')).toEqual([]);
    expect(find(np(spec), 'deny-all')).toEqual([]);
  });
});
