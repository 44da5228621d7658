/**
 * Where NetworkPolicy implementations on AKS are documented to differ. The default,
 * 'kubernetes', follows the upstream e2e tests and the Kubernetes docs; the others switch
 * only the behaviours their own documentation (or maintainers) state, and warn about the
 * rest. Every difference carries its source.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { FACTS, retirementNotice } from '../facts';
import type { ClusterIndex } from './cluster';
import type { CompiledPolicy } from './policy';
import type { Engine } from './types';

export const SOURCES = {
  k8sDocs: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
  e2e: 'https://github.com/kubernetes/kubernetes/blob/master/test/e2e/network/netpol/network_policy.go',
  aksPolicies: 'https://learn.microsoft.com/azure/aks/use-network-policies',
  aksCilium: 'https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium',
  npmToCilium: 'https://learn.microsoft.com/azure/aks/migrate-from-npm-to-cilium-network-policy',
  npmEndPort: 'https://github.com/Azure/AKS/issues/2857',
  ciliumNamedPorts: 'https://github.com/cilium/cilium/issues/30003',
} as const;

export interface EngineProfile {
  id: Engine;
  title: string;
  /** ipBlock matches the IPs of pods and nodes (upstream e2e: yes; Cilium on AKS: no). */
  ipBlockMatchesClusterIps: boolean;
  /** endPort honoured; when false only `port` is enforced (Kubernetes docs' note). */
  endPort: boolean;
  /** Egress from a pod to its own node is allowed whatever the policies say. */
  egressToOwnNode: boolean;
}

export const ENGINE_PROFILES: Record<Engine, EngineProfile> = {
  // Kubernetes docs: "traffic to and from the node where a Pod is running is always allowed".
  kubernetes: { id: 'kubernetes', title: 'Kubernetes (upstream e2e)', ipBlockMatchesClusterIps: true, endPort: true, egressToOwnNode: true },
  // AKS docs: NPM on Linux "fully supports the network policy specifications"; migration guide:
  // NPM allows egress to the pod's own node implicitly and ipBlock 0.0.0.0/0 includes pods and nodes.
  // endPort: maintainer in Azure/AKS#2857, "Current NPM version in production does not support EndPort".
  'azure-npm': { id: 'azure-npm', title: 'Azure Network Policy Manager', ipBlockMatchesClusterIps: true, endPort: false, egressToOwnNode: true },
  calico: { id: 'calico', title: 'Calico', ipBlockMatchesClusterIps: true, endPort: true, egressToOwnNode: true },
  // AKS docs: "a NetworkPolicy ipBlock can't select pod or node IPs"; migration guide: egress to
  // the node IP is blocked unless allowed; endPort supported from Cilium 1.17 (AKS 1.32+).
  cilium: { id: 'cilium', title: 'Azure CNI Powered by Cilium', ipBlockMatchesClusterIps: false, endPort: true, egressToOwnNode: false },
};

export function engineProfile(engine: unknown): EngineProfile {
  return typeof engine === 'string' && engine in ENGINE_PROFILES ? ENGINE_PROFILES[engine as Engine] : ENGINE_PROFILES.kubernetes;
}

/** Warnings about features of these policies that the chosen engine lacks or treats differently. */
export function engineDiagnostics(engine: EngineProfile, policies: CompiledPolicy[], cluster?: ClusterIndex, today: Date = new Date()): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (engine.id === 'kubernetes' || engine.id === 'calico') return out;
  if (engine.id === 'azure-npm' && policies.length > 0) {
    // Dates from the fact registry; the wording says whether each date has passed on `today`.
    for (const id of ['npm-windows-retirement', 'npm-linux-retirement'] as const) {
      const notice = retirementNotice(id, today);
      out.push(diag('warning', 'engine-retirement', notice.message, { line: 1, column: 1, source: notice.source }));
    }
  }
  const namesByNumber = new Map<string, Set<number>>();
  for (const p of cluster?.pods ?? []) for (const port of p.ports) if (port.name) (namesByNumber.get(port.name) ?? namesByNumber.set(port.name, new Set()).get(port.name)!).add(port.port);

  for (const p of policies) {
    for (const rule of [...p.ingress, ...p.egress]) {
      const dirKey = rule.direction === 'ingress' ? 'from' : 'to';
      rule.ports.forEach((port, i) => {
        const at = p.doc.at([...rule.path, 'ports', i]);
        if (port.kind === 'range') {
          if (engine.id === 'azure-npm') {
            out.push(diag('warning', 'engine-endport-ignored', `Azure NPM does not enforce endPort: only port ${port.port} is allowed, not ${port.port}-${port.endPort} (the Kubernetes docs' behaviour for plugins without endPort support).`, { ...at, source: SOURCES.npmEndPort }));
          } else if (engine.id === 'cilium') {
            out.push(diag('info', 'engine-endport-version', `Cilium enforces endPort from version ${FACTS['cilium-endport-version'].value} (AKS with Kubernetes ${FACTS['cilium-1-17-min-k8s'].value} or later); on older clusters remove endPort and list single ports.`, { ...at, source: SOURCES.npmToCilium }));
          }
        }
        if (port.kind === 'named') {
          if (engine.id === 'azure-npm') {
            out.push(diag('warning', 'engine-windows-unsupported', 'Azure NPM on Windows nodes does not support named ports.', { ...at, source: SOURCES.aksPolicies }));
          }
          if (engine.id === 'cilium' && (namesByNumber.get(port.name)?.size ?? 0) > 1) {
            out.push(
              diag('warning', 'engine-named-port-ambiguous', `Port name "${port.name}" stands for different numbers on different pods (${[...namesByNumber.get(port.name)!].join(', ')}); Cilium may enforce such named ports incorrectly. Use numbers.`, { ...at, source: SOURCES.ciliumNamedPorts }),
            );
          }
        }
        if (engine.id === 'azure-npm' && (port.kind === 'number' || port.kind === 'range' || port.kind === 'protocol' || port.kind === 'named') && port.protocol === 'SCTP') {
          out.push(diag('warning', 'engine-windows-unsupported', 'Azure NPM on Windows nodes does not support SCTP.', { ...at, source: SOURCES.aksPolicies }));
        }
      });
      rule.peers.forEach((peer, i) => {
        const at = p.doc.at([...rule.path, dirKey, i]);
        if (peer.kind === 'ipBlock') {
          if (engine.id === 'azure-npm' && peer.except.length) {
            out.push(diag('warning', 'engine-windows-unsupported', 'Azure NPM on Windows nodes does not support ipBlock `except`.', { ...at, source: SOURCES.aksPolicies }));
          }
          if (engine.id === 'azure-npm' && peer.cidr.family === 6) {
            out.push(diag('warning', 'engine-ipv6-unsupported', 'Azure NPM does not support IPv6.', { ...at, source: SOURCES.aksPolicies }));
          }
          if (engine.id === 'cilium') {
            out.push(diag('info', 'engine-ipblock-cluster-ips', 'With Cilium on AKS an ipBlock cannot select pod or node IPs, even inside the range; select pods with podSelector/namespaceSelector.', { ...at, source: SOURCES.aksCilium }));
          }
        }
        if (engine.id === 'azure-npm' && (peer.kind === 'pods' || peer.kind === 'namespaces' || peer.kind === 'pods-in-namespaces')) {
          const sels = peer.kind === 'pods' ? [peer.pods] : peer.kind === 'namespaces' ? [peer.namespaces] : [peer.pods, peer.namespaces];
          if (sels.some((s) => s.requirements.some((r) => r.operator === 'NotIn' || r.operator === 'DoesNotExist'))) {
            out.push(diag('warning', 'engine-windows-unsupported', 'Azure NPM on Windows nodes does not support negative selectors (NotIn, DoesNotExist).', { ...at, source: SOURCES.aksPolicies }));
          }
        }
      });
    }
    if (engine.id === 'azure-npm' && p.podSelector.requirements.some((r) => r.operator === 'NotIn' || r.operator === 'DoesNotExist')) {
      out.push(diag('warning', 'engine-windows-unsupported', 'Azure NPM on Windows nodes does not support negative selectors (NotIn, DoesNotExist).', { ...p.doc.at(['spec', 'podSelector']), source: SOURCES.aksPolicies }));
    }
  }
  if (engine.id === 'cilium' && cluster?.pods.some((p) => p.hostNetwork)) {
    out.push(diag('info', 'engine-host-network', 'Cilium on AKS does not apply network policies to hostNetwork pods (they use the node identity).', { line: 1, column: 1, source: SOURCES.aksCilium }));
  }
  if (engine.id === 'azure-npm' && cluster?.pods.some((p) => p.ip?.family === 6)) {
    out.push(diag('warning', 'engine-ipv6-unsupported', 'Azure NPM does not support IPv6; policies are not enforced for IPv6 traffic.', { line: 1, column: 1, source: SOURCES.aksPolicies }));
  }
  return out;
}
