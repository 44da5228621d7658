/**
 * Lint findings for Cilium policies (stable codes; spec §14 suggests them): the traps
 * readers fall into — an FQDN rule the DNS proxy cannot serve, DNS rules that never see a
 * query, `- {}` read as "all namespaces", an empty rule read as allow-all, a deny-only
 * policy read as "deny just this", L7 rules voided by an L4-only allow, a cluster-wide
 * policy that also locks CoreDNS, and peers the cluster model cannot place.
 */
import { diag, type Diagnostic } from '../../diagnostics';
import type { PodRec } from '../cluster';
import type { End, Model } from '../model';
import type { Direction } from '../policy';
import { portMatches } from '../model';
import { rulesOf } from '../policy';
import { NS_KEY, selectsPod } from './endpoints';
import { apiServerIps } from './entities';
import { dnsVisible, itemCovers } from './evaluate';
import { nameMatches } from './fqdn';
import { describeCiliumPort, listOf, type CiliumPolicy, type CiliumRule, type CiliumRuleItem, type NameMatcher, type PortRule } from './policy';
import { CILIUM_SOURCES } from './read';

const list = (xs: string[], max = 4): string => (xs.length > max ? `${xs.slice(0, max).join(', ')} and ${xs.length - max} more` : xs.join(', '));

/** A name the selector matches, to test DNS rules against ("*.bing.com" → "x.bing.com"). */
const sampleName = (n: NameMatcher): string => (n.kind === 'matchName' ? n.text : n.text === '*' ? 'example.com' : n.text.toLowerCase().replace(/\*/g, 'x'));

export function lintCilium(m: Model, hasCluster: boolean, dns: End[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of m.cilium.policies) {
    for (const r of p.rules) {
      if (r.nodeSelector) continue;
      const selected = hasCluster ? m.cluster.pods.filter((pod) => selectsPod(r.endpointSelector, p.namespace, pod)) : [];
      const at = (path: (string | number)[]) => p.doc.at(path);
      if (hasCluster && selected.length === 0) {
        out.push(diag('warning', 'selector-matches-nothing', `endpointSelector selects no pod${p.namespace ? ` in ${p.namespace}` : ''}: this rule has no effect.`, at([...r.path, 'endpointSelector'])));
      }
      lintEnforcement(p, r, out);
      for (const d of ['ingress', 'egress'] as Direction[]) {
        for (const item of listOf(r, d, false)) {
          lintEndpoints(p, item, out);
          lintPeersModel(m, p, item, out);
          lintL7Voided(m, p, item, selected, out);
        }
        for (const item of listOf(r, d, true)) lintPeersModel(m, p, item, out);
      }
      for (const item of r.egress) lintFqdn(m, p, item, selected, out);
      for (const item of r.egress) lintDnsRule(m, p, item, selected, dns, out);
      if (p.clusterwide && (r.defaultDeny.egress || r.defaultDeny.ingress) && (r.egress.length || r.egressDeny.length || r.ingress.length || r.ingressDeny.length)) {
        const sys = dns.filter((e): e is Extract<End, { kind: 'pod' }> => e.kind === 'pod').filter((e) => selectsPod(r.endpointSelector, undefined, e.pod));
        if (sys.length) {
          out.push(
            diag('warning', 'cilium-ccnp-selects-kube-system', `This cluster-wide rule also selects CoreDNS (${sys.map((e) => e.pod.key).join(', ')}) in kube-system: its ${r.egress.length || r.egressDeny.length ? 'egress' : 'ingress'} becomes default-deny too, and cluster DNS can break. Exclude system namespaces: matchExpressions [{key: ${NS_KEY}, operator: NotIn, values: [kube-system]}].`, {
              ...at([...r.path, 'endpointSelector']),
              source: CILIUM_SOURCES.intro,
            }),
          );
        }
      }
    }
  }
  return out;
}

function lintEnforcement(p: CiliumPolicy, r: CiliumRule, out: Diagnostic[]): void {
  for (const d of ['ingress', 'egress'] as Direction[]) {
    const allows = listOf(r, d, false);
    allows.forEach((item) => {
      if (item.peers !== 'none') return;
      out.push(
        diag('info', 'cilium-empty-rule-deny-all', `\`${d}: [{}]\` in a ${p.kind} allows nothing: it only switches the selected pods to default-deny for ${d} — the opposite of a Kubernetes NetworkPolicy, where \`- {}\` allows everything. To allow every peer, write ${d === 'ingress' ? 'fromEntities' : 'toEntities'}: [all].`, {
          ...p.doc.at(item.path),
          source: CILIUM_SOURCES.l3,
        }),
      );
    });
    if (r.defaultDeny[d] && allows.length === 0 && listOf(r, d, true).length > 0) {
      out.push(
        diag('info', 'cilium-deny-only-enables-default-deny', `This policy has only ${d}Deny rules, yet it still switches the selected pods to default-deny for ${d}: everything no allow rule admits is dropped, not only what it denies. To deny just this, add an allow-all item (${d}: [{${d === 'ingress' ? 'fromEntities' : 'toEntities'}: [all]}]), as Cilium's from_world_deny example does.`, {
          ...p.doc.keyAt([...r.path, `${d}Deny`]),
          source: CILIUM_SOURCES.deny,
        }),
      );
    }
  }
}

function lintEndpoints(p: CiliumPolicy, item: CiliumRuleItem, out: Diagnostic[]): void {
  if (p.clusterwide || item.peers === 'any' || item.peers === 'none') return;
  const key = item.direction === 'ingress' ? 'fromEndpoints' : 'toEndpoints';
  item.peers.filter((x) => x.kind === 'endpoints').forEach((peer, i) => {
    if (peer.kind !== 'endpoints' || !peer.selector.matchesAll || peer.namespace === undefined) return;
    out.push(
      diag('warning', 'cilium-endpoints-own-namespace', `\`${key}: [{}]\` in a CiliumNetworkPolicy means every pod of namespace ${peer.namespace} only, not of every namespace (Cilium adds the policy's namespace). For all namespaces use ${item.direction === 'ingress' ? 'fromEntities' : 'toEntities'}: [cluster] (pods and nodes), a selector with ${NS_KEY} (matchExpressions operator Exists), or a CiliumClusterwideNetworkPolicy.`, {
        ...p.doc.at([...item.path, key, i]),
        source: CILIUM_SOURCES.l3,
      }),
    );
  });
}

function lintPeersModel(m: Model, p: CiliumPolicy, item: CiliumRuleItem, out: Diagnostic[]): void {
  if (item.peers === 'any' || item.peers === 'none') return;
  const fromTo = item.direction === 'ingress' ? 'from' : 'to';
  let e = 0;
  item.peers.forEach((peer) => {
    if (peer.kind === 'entity') {
      const at = p.doc.at([...item.path, `${fromTo}Entities`, e++]);
      if (['init', 'health', 'unmanaged', 'ingress'].includes(peer.entity)) {
        out.push(diag('info', 'cilium-entity-not-modelled', `The ${peer.entity} entity has no counterpart in the cluster model, so it matches nothing here.`, { ...at, source: CILIUM_SOURCES.l3 }));
      }
      if (peer.entity === 'kube-apiserver' && apiServerIps(m.cluster).size === 0) {
        out.push(
          diag('info', 'cilium-entity-not-modelled', 'kube-apiserver matches nothing here: the cluster pane gives no API server address. Add the `kubernetes` Service in `default` (no selector) with an Endpoints object listing the API server\'s IP. AKS docs: the entity "may not work for ingress traffic" on AKS.', { ...at, source: CILIUM_SOURCES.l3 }),
        );
      }
    }
    if (peer.kind === 'service' && m.cluster.services.length === 0) {
      out.push(diag('info', 'cilium-toservices-not-modelled', 'The cluster pane has no Services, so this toServices peer matches nothing here. Add the Service (kind: Service with its selector) to the cluster pane. Cilium advises against toServices for the API server.', { ...p.doc.at([...item.path, 'toServices']), source: CILIUM_SOURCES.l3 }));
    }
  });
}

/** §5.5: an FQDN rule works only with a DNS rule (rules.dns) covering its names on the source's egress. */
function lintFqdn(m: Model, p: CiliumPolicy, item: CiliumRuleItem, selected: PodRec[], out: Diagnostic[]): void {
  if (item.peers === 'any' || item.peers === 'none') return;
  item.peers.filter((x) => x.kind === 'fqdn').forEach((peer, i) => {
    if (peer.kind !== 'fqdn') return;
    const name = sampleName(peer.name);
    const ownDns = p.rules.flatMap((x) => x.egress).flatMap((x) => (x.ports === 'any' ? [] : x.ports)).flatMap((pr) => pr.dns ?? []);
    const blind = selected.length ? selected.filter((pod) => !dnsVisible(m.cilium, pod, name)).map((pod) => pod.key) : ownDns.some((d) => nameMatches(d, name)) ? [] : ['the selected pods'];
    if (blind.length === 0) return;
    const anyDns = selected.length ? selected.some((pod) => (m.cilium.selecting[pod.index] ?? []).some(({ rule }) => rule.egress.some((x) => x.ports !== 'any' && x.ports.some((pr) => pr.dns?.length)))) : ownDns.length > 0;
    out.push(
      diag('warning', 'cilium-fqdn-without-dns-rule', `${anyDns ? `The DNS rules on ${list(blind)}'s egress do not cover "${peer.name.text}": its lookups are REFUSED` : `No DNS rule lets Cilium's DNS proxy see ${list(blind)}'s lookups of "${peer.name.text}"`}, so its addresses are never learned and connections to it are dropped. Add to the egress rule towards kube-dns: toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{${peer.name.kind}: "${peer.name.text}"}]}}] (AKS: this DNS rule is mandatory).`, {
        ...p.doc.at([...item.path, 'toFQDNs', i]),
        source: CILIUM_SOURCES.aksFqdn,
      }),
    );
  });
}

/** A DNS rule only acts on queries its own item lets through to cluster DNS. */
function lintDnsRule(m: Model, p: CiliumPolicy, item: CiliumRuleItem, selected: PodRec[], dns: End[], out: Diagnostic[]): void {
  if (item.ports === 'any') return;
  const entry = item.ports.find((pr) => pr.dns !== undefined);
  if (!entry) return;
  const subject = selected[0] ?? dns.map((e) => (e.kind === 'pod' ? e.pod : undefined)).find((x) => x !== undefined);
  if (!subject) return;
  const reaches = dns.some((t) => itemCovers(m.cluster, m.cilium, item, subject, t, t, 53, 'UDP'));
  if (reaches) return;
  out.push(
    diag('warning', 'cilium-dns-rule-no-egress', `These DNS rules sit on an egress rule that does not reach cluster DNS (kube-dns pods, k8s-app=kube-dns in kube-system, on 53/UDP): queries never get to the DNS proxy, so name lookups fail. Point this rule's toEndpoints at kube-dns (k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns) with port 53, protocol ANY.`, {
      ...p.doc.keyAt([...item.path, 'toPorts', entry.index, 'rules', 'dns']),
      source: CILIUM_SOURCES.l7,
    }),
  );
}

/** §8: an L4-only allow for the same pods and port voids the HTTP rules for the peers both admit. */
function lintL7Voided(m: Model, p: CiliumPolicy, item: CiliumRuleItem, selected: PodRec[], out: Diagnostic[]): void {
  if (item.ports === 'any') return;
  for (const entry of item.ports) {
    if (!entry.http?.length || entry.ports === 'any') continue;
    for (const port of entry.ports) {
      if (port.kind !== 'number' || port.port === 0) continue;
      const proto = port.protocol === 'ANY' ? 'TCP' : port.protocol;
      const others: string[] = [];
      const bound = selected.length ? [...new Set(selected.flatMap((pod) => m.cilium.selecting[pod.index] ?? []))] : p.rules.map((rule) => ({ policy: p, rule }));
      for (const { policy, rule } of bound) {
        for (const o of listOf(rule, item.direction, false)) {
          if (o === item || o.peers === 'none') continue;
          const opens = o.ports === 'any' || o.ports.some((pr: PortRule) => !pr.http?.length && (pr.ports === 'any' || pr.ports.some((x) => x.kind === 'number' && (x.protocol === 'ANY' || x.protocol === proto) && (x.port === 0 || (x.endPort !== undefined ? port.port >= x.port && port.port <= x.endPort : x.port === port.port)))));
          if (opens) others.push(`${policy.key} ${item.direction}${rule.index >= 0 ? ` (specs[${rule.index}])` : ''}[${o.index}]`);
        }
      }
      for (const pod of selected) {
        for (const pi of m.isolating[item.direction][pod.index] ?? []) {
          const k = m.policies[pi]!;
          rulesOf(k, item.direction).forEach((kr) => {
            if (kr.ports.some((pm) => portMatches(m, pm, { kind: 'pod', pod }, port.port, proto)) && !others.includes(`${k.key} ${item.direction}[${kr.index}]`)) others.push(`${k.key} ${item.direction}[${kr.index}]`);
          });
        }
      }
      if (others.length === 0) continue;
      out.push(
        diag('warning', 'cilium-l7-voided', `Port ${describeCiliumPort(port)} is also opened without L7 rules by ${list(others)}. For peers both rules admit, every HTTP request passes and these HTTP rules have no effect (Cilium: "the layer 7 portions of the latter rule will have no effect"); for peers only this rule admits, they still apply (other requests get 403). Remove the L4-only allow, or give it the same HTTP rules.`, {
          ...p.doc.keyAt([...item.path, 'toPorts', entry.index, 'rules', 'http']),
          source: CILIUM_SOURCES.l7,
        }),
      );
    }
  }
}
