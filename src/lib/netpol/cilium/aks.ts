/**
 * What Cilium policies need on AKS (cilium-policy.md §11): the Cilium data plane at all,
 * Advanced Container Networking Services (ACNS) for FQDN and L7 rules, and the documented
 * limits (no L7 in a CiliumClusterwideNetworkPolicy, Linux only). Each finding cites its page.
 */
import { diag, type Diagnostic } from '../../diagnostics';
import type { EngineProfile } from '../engines';
import type { CiliumPolicy } from './policy';
import { CILIUM_SOURCES } from './read';

const items = (p: CiliumPolicy) => p.rules.flatMap((r) => [...r.ingress, ...r.egress]);

export function ciliumEngineDiagnostics(engine: EngineProfile, policies: CiliumPolicy[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of policies) {
    const fqdn = items(p).some((i) => i.peers !== 'any' && i.peers !== 'none' && i.peers.some((x) => x.kind === 'fqdn'));
    const l7 = items(p).some((i) => i.ports !== 'any' && i.ports.some((pr) => pr.http !== undefined || pr.dns !== undefined));
    const http = items(p).some((i) => i.ports !== 'any' && i.ports.some((pr) => pr.http !== undefined));
    const at = p.doc.at(['kind']);
    if (engine.id !== 'cilium') {
      out.push(
        diag('warning', 'cilium-needs-cilium', `A ${p.kind} is enforced only by Cilium (on AKS: Azure CNI Powered by Cilium${fqdn || l7 ? ', plus Advanced Container Networking Services for its FQDN and L7 rules' : ''}); with the ${engine.title} engine it is not applied. Write "engine: cilium" in the query to evaluate it.`, {
          ...at,
          source: CILIUM_SOURCES.aksCilium,
        }),
      );
      continue;
    }
    if (fqdn || l7) {
      out.push(
        diag('info', 'cilium-acns-required', `${fqdn ? 'FQDN' : ''}${fqdn && l7 ? ' and ' : ''}${l7 ? 'L7 (DNS/HTTP)' : ''} rules need Advanced Container Networking Services on AKS (a paid add-on: az aks update --enable-acns${http ? ' --acns-advanced-networkpolicies L7' : ''}); without it "FQDN and L7 policies … are blocked".`, {
          ...at,
          source: http ? CILIUM_SOURCES.aksL7 : CILIUM_SOURCES.aksFqdn,
        }),
      );
    }
    if (p.clusterwide && http) {
      out.push(diag('warning', 'cilium-l7-in-ccnp-aks', 'AKS: "L7 policy isn\'t supported by CiliumClusterwideNetworkPolicy (CCNP)". What AKS does with these HTTP rules is not documented; this evaluator applies them as Cilium would. Put L7 rules in a namespaced CiliumNetworkPolicy.', { ...at, source: CILIUM_SOURCES.aksL7 }));
    }
  }
  return out;
}
