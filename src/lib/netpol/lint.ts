/**
 * Lint findings for a policy set (stable codes; see the issue and the page):
 * dns-blocked, selector-matches-nothing, peers-or-not-and, egress-rules-ignored,
 * ingress-rules-ignored, implicit-ingress-isolation, named-port-unknown,
 * ipblock-includes-pod-ips, allow-all, deny-all.
 * Checks that need pods (selector-matches-nothing, named-port-unknown,
 * ipblock-includes-pod-ips) run only when a cluster is given.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { formatIp } from '../cidr/ip';
import { resolveNamedPort } from '../k8s/manifests';
import { matches } from '../k8s/selector';
import { kubeDnsPods, NAME_LABEL, type PodRec } from './cluster';
import { lintCilium } from './cilium/lint';
import { SOURCES } from './engines';
import { inBlock, peerMatches, ruleMatches, selects, type End, type Model } from './model';
import { describeTarget, rulesOf, shortPeer, type CompiledPolicy, type Direction } from './policy';
import type { Protocol } from './types';

const DOCS = SOURCES.k8sDocs;
const DNS_DOCS = 'https://kubernetes.io/docs/tasks/administer-cluster/dns-debugging-resolution/';
const list = (xs: string[], max = 4): string => (xs.length > max ? `${xs.slice(0, max).join(', ')} and ${xs.length - max} more` : xs.join(', '));

/** CoreDNS pods (label k8s-app=kube-dns in kube-system), or a stand-in when the cluster has none. */
function dnsTargets(m: Model): End[] {
  const found = kubeDnsPods(m.cluster);
  if (found.length) return found.map((pod) => ({ kind: 'pod', pod }));
  const pod: PodRec = {
    index: -1,
    key: 'kube-system/coredns',
    namespace: 'kube-system',
    name: 'coredns',
    labels: { 'k8s-app': 'kube-dns' },
    nsLabels: m.cluster.nsLabels.get('kube-system') ?? { [NAME_LABEL]: 'kube-system' },
    hostNetwork: false,
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    ],
  };
  return [{ kind: 'pod', pod }];
}

export function lintModel(m: Model, hasCluster: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const dns = dnsTargets(m);
  // Unread policies have nothing to lint; their errors are already reported.
  for (const p of m.policies.filter((q) => !q.unread)) {
    const at = (path: (string | number)[]) => p.doc.at(path);
    lintPolicyTypes(p, out);
    for (const d of p.policyTypes) {
      const rules = rulesOf(p, d);
      if (rules.length === 0) {
        out.push(diag('info', 'deny-all', `Deny-all ${d}: this policy isolates ${describeTarget(p)} for ${d} and allows nothing${d === 'ingress' ? ' (except from their own node)' : ''}; other policies can add allowances.`, { ...p.doc.keyAt(p.policyTypesExplicit ? ['spec', 'policyTypes'] : ['spec']), source: DOCS }));
      }
      for (const r of rules) {
        if (r.peers.some((x) => x.kind === 'any') && r.ports.some((x) => x.kind === 'any')) {
          out.push(diag('info', 'allow-all', `Allow-all ${d}: this rule allows every ${d === 'ingress' ? 'source' : 'destination'} on every port for ${describeTarget(p)}; no other policy can take that away.`, { ...at(r.path), source: DOCS }));
        }
      }
    }
    // Peers written as two list items next to each other: OR, often meant as AND.
    for (const d of ['ingress', 'egress'] as Direction[]) {
      for (const r of p[d]) {
        const key = d === 'ingress' ? 'from' : 'to';
        for (let i = 1; i < r.peers.length; i++) {
          const a = r.peers[i - 1]!.kind;
          const b = r.peers[i]!.kind;
          if ((a === 'namespaces' && b === 'pods') || (a === 'pods' && b === 'namespaces')) {
            out.push(
              diag('warning', 'peers-or-not-and', `These are two separate peers, combined with OR: ${shortPeer(r.peers[i - 1]!)}, OR ${shortPeer(r.peers[i]!)}. To mean "these pods in those namespaces" (AND), put namespaceSelector and podSelector in one item: remove the "-" before this one.`, {
                ...at([...r.path, key, i]),
                source: DOCS,
              }),
            );
          }
        }
      }
    }
    if (p.policyTypes.includes('egress')) lintDns(m, p, dns, hasCluster, out);
    if (hasCluster) lintAgainstCluster(m, p, out);
  }
  out.push(...lintCilium(m, hasCluster, dns));
  return out;
}

function lintPolicyTypes(p: CompiledPolicy, out: Diagnostic[]): void {
  for (const d of ['ingress', 'egress'] as Direction[]) {
    const written = d === 'ingress' ? p.writtenIngress : p.writtenEgress;
    if (p.policyTypesExplicit && written && !p.policyTypes.includes(d)) {
      const other = d === 'ingress' ? 'Egress' : 'Ingress';
      out.push(
        diag('warning', `${d}-rules-ignored`, `policyTypes lists only ${other}, so these ${d} rules have no effect. Add ${d === 'ingress' ? 'Ingress' : 'Egress'} to policyTypes, or remove them.`, {
          ...p.doc.keyAt(['spec', d]),
          source: DOCS,
        }),
      );
    }
  }
  if (!p.policyTypesExplicit && p.writtenEgress && !p.writtenIngress) {
    out.push(
      diag('warning', 'implicit-ingress-isolation', `No policyTypes: with egress rules present it defaults to [Ingress, Egress], and with no ingress rules this policy also blocks all ingress to ${describeTarget(p)}. Write "policyTypes: [Egress]" if you meant egress only.`, {
        ...p.doc.keyAt(['spec']),
        source: 'https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/',
      }),
    );
  }
}

function lintDns(m: Model, p: CompiledPolicy, dns: End[], hasCluster: boolean, out: Diagnostic[]): void {
  // Which policies' egress rules apply to the pods this policy selects.
  const groups: { pods: string[]; policies: CompiledPolicy[] }[] = [];
  const selected = hasCluster ? m.cluster.pods.filter((pod) => selects(p, pod)) : [];
  if (selected.length) {
    const byKey = new Map<string, { pods: string[]; policies: CompiledPolicy[] }>();
    for (const pod of selected) {
      const idx = m.isolating.egress[pod.index]!;
      const k = idx.join(',');
      const g = byKey.get(k) ?? { pods: [], policies: idx.map((i) => m.policies[i]!) };
      g.pods.push(pod.key);
      byKey.set(k, g);
    }
    groups.push(...byKey.values());
  } else if (!hasCluster) {
    // Without pods: this policy plus the same namespace's policies that select every pod.
    groups.push({ pods: [], policies: m.policies.filter((q) => q === p || (q.namespace === p.namespace && q.podSelector.matchesAll && q.policyTypes.includes('egress'))) });
  }
  for (const g of groups) {
    const missing = (['UDP', 'TCP'] as Protocol[]).filter(
      (proto) => !g.policies.some((q) => rulesOf(q, 'egress').some((r) => dns.some((t) => ruleMatches(m, r, t, t, 53, proto)))),
    );
    if (missing.length === 0) continue;
    out.push(
      diag('warning', 'dns-blocked', `${g.pods.length ? `Pods ${list(g.pods)} are` : `${describeTarget(p)} are`} isolated for egress with no rule allowing ${missing.map((x) => `${x} 53`).join(' or ')} to cluster DNS (CoreDNS pods, k8s-app=kube-dns in kube-system): name lookups will fail. Add an egress rule to that namespace and those pods on UDP and TCP port 53.`, {
        ...p.doc.keyAt(p.policyTypesExplicit ? ['spec', 'policyTypes'] : ['spec', 'egress']),
        source: DNS_DOCS,
      }),
    );
  }
}

function lintAgainstCluster(m: Model, p: CompiledPolicy, out: Diagnostic[]): void {
  const pods = m.cluster.pods;
  const targets = pods.filter((pod) => selects(p, pod));
  if (targets.length === 0) {
    const inNs = pods.some((pod) => pod.namespace === p.namespace);
    out.push(
      diag('warning', 'selector-matches-nothing', `spec.podSelector selects no pod: ${inNs ? `no pod in ${p.namespace} matches it` : `the cluster has no pods in namespace ${p.namespace}`}. The policy has no effect.`, p.doc.at(['spec', 'podSelector'])),
    );
  }
  for (const d of ['ingress', 'egress'] as Direction[]) {
    for (const r of p[d]) {
      const key = d === 'ingress' ? 'from' : 'to';
      r.peers.forEach((peer, i) => {
        const here = p.doc.at([...r.path, key, i]);
        if (peer.kind === 'namespaces' || peer.kind === 'pods-in-namespaces') {
          const nsMatch = [...m.cluster.nsLabels.values()].some((l) => matches(peer.namespaces, l));
          if (!nsMatch) {
            out.push(diag('warning', 'selector-matches-nothing', `This namespaceSelector matches no namespace in the cluster, so this peer allows nothing.`, here));
            return;
          }
        }
        if (peer.kind === 'pods' || peer.kind === 'namespaces' || peer.kind === 'pods-in-namespaces') {
          if (!pods.some((pod) => peerMatches(m, peer, { kind: 'pod', pod }))) {
            out.push(diag('warning', 'selector-matches-nothing', `This peer (${shortPeer(peer)}) matches no pod in the cluster.`, here));
          }
        }
        if (peer.kind === 'ipBlock') {
          const inside = pods.filter((pod) => pod.ip && inBlock(peer, pod.ip));
          if (inside.length) {
            out.push(
              diag('warning', 'ipblock-includes-pod-ips', `This ipBlock contains the IPs of ${list(inside.map((x) => `${x.key} (${formatIp(x.ip!)}${x.hostNetwork ? ', node IP' : ''})`), 3)}. Whether ipBlock applies to pod and node IPs is implementation-defined: the upstream e2e tests say yes, Cilium on AKS says no. Select pods with podSelector/namespaceSelector instead.`, {
                ...here,
                source: SOURCES.aksCilium,
              }),
            );
          }
        }
      });
      r.ports.forEach((pm, i) => {
        if (pm.kind !== 'named') return;
        // Named ports resolve on the destination: the selected pods for ingress, the peers for egress.
        const dests = d === 'ingress' ? targets : pods.filter((pod) => r.peers.some((peer) => peerMatches(m, peer, { kind: 'pod', pod })));
        if (dests.length === 0 || dests.some((pod) => resolveNamedPort(pod, pm.name, pm.protocol) !== undefined)) return;
        const otherProto = dests.some((pod) => pod.ports.some((x) => x.name === pm.name));
        out.push(
          diag('warning', 'named-port-unknown', `No ${d === 'ingress' ? 'selected' : 'destination'} pod has a ${pm.protocol} container port named "${pm.name}"${otherProto ? ' (a port with that name exists for another protocol)' : ''}, so this entry matches nothing.`, {
            ...p.doc.at([...r.path, 'ports', i, 'port']),
            source: DOCS,
          }),
        );
      });
    }
  }
}
