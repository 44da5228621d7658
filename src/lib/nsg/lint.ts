/**
 * Lint for NSG rule sets, independent of any flow:
 * - nsg-duplicate-priority: "You can't create two security rules with the same priority and direction." [overview]
 * - nsg-shadowed-rule / nsg-redundant-rule: a rule no flow can reach, because one earlier rule
 *   (lower number) of the same direction matches everything it matches ("Once traffic matches a
 *   rule, processing stops").
 * - nsg-blocks-lb-probe: an inbound Deny that catches 168.63.129.16, the source of Azure Load
 *   Balancer health probes, before any Allow does — AKS LoadBalancer Services then lose their backends.
 * - nsg-blocks-aks-egress: an outbound Deny towards the internet on ports AKS nodes need.
 */
import { parseIp } from '../cidr/ip';
import { diag, type Diagnostic } from '../diagnostics';
import { FACTS } from '../facts';
import type { YamlDocument } from '../yaml';
import { addressContains, portIn, ruleCovers, type TagContext } from './match';
import { AZURE_HOST_IP, SOURCES, type Nsg, type NsgRule } from './model';

const TUNNEL_UDP: number = FACTS['aks-egress-tunnel-udp-port'].value;
const TUNNEL_TCP: number = FACTS['aks-egress-tunnel-tcp-port'].value;

function place(doc: YamlDocument | undefined, rule: NsgRule, field: string) {
  if (!doc || !rule.path) return {};
  return doc.at(rule.nested ? [...rule.path, 'properties', field] : [...rule.path, field]);
}

/** Kubernetes' default NodePort range, where LoadBalancer Services listen on the nodes. */
const NODE_PORTS = { from: FACTS['nodeport-range'].value[0], to: FACTS['nodeport-range'].value[1] };

const sortRules = (rules: NsgRule[]): NsgRule[] => [...rules].sort((a, b) => a.priority - b.priority);

export function lintNsgs(nsgs: Nsg[], ctx: TagContext, doc?: YamlDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const host = parseIp(AZURE_HOST_IP);
  for (const nsg of nsgs) {
    for (const direction of ['Inbound', 'Outbound'] as const) {
      const rules = sortRules(nsg.rules.filter((r) => r.direction === direction && !r.invalid && Number.isFinite(r.priority)));
      // duplicate priorities
      for (let i = 1; i < rules.length; i++) {
        const a = rules[i - 1]!;
        const b = rules[i]!;
        if (a.priority === b.priority) {
          out.push(diag('error', 'nsg-duplicate-priority', `Rules "${a.name}" and "${b.name}" in the ${nsg.name} NSG are both ${direction.toLowerCase()} with priority ${b.priority}; Azure refuses two rules with the same priority and direction. The tool evaluates them in the order written.`, { ...place(doc, b, 'priority'), source: SOURCES.overview }));
        }
      }
      // shadowed / redundant rules
      rules.forEach((r, i) => {
        const cover = rules.slice(0, i).find((e) => e.priority < r.priority && ruleCovers(e, r, ctx));
        if (!cover) return;
        const same = cover.access === r.access;
        out.push(
          diag('warning', same ? 'nsg-redundant-rule' : 'nsg-shadowed-rule',
            same
              ? `Rule "${r.name}" (${r.priority}) never decides anything: "${cover.name}" (${cover.priority}) already ${cover.access === 'Allow' ? 'allows' : 'denies'} everything it matches.`
              : `Rule "${r.name}" (${r.priority}) is shadowed: "${cover.name}" (${cover.priority}) matches every flow it would and ${cover.access === 'Allow' ? 'allows' : 'denies'} it first, so this ${r.access} never applies.`,
            { ...place(doc, r, 'priority'), source: SOURCES.overview }),
        );
      });
      if (!host.ok) continue;
      if (direction === 'Inbound') {
        // The first rule that could see probe traffic from 168.63.129.16 (TCP or any protocol).
        rules.forEach((r, i) => {
          if (r.access !== 'Deny' || (r.protocol !== '*' && r.protocol !== 'Tcp')) return;
          if (!r.sources.some((s) => addressContains(s, host.value, ctx) === 'yes')) return;
          // Probes target the nodes' Service ports; a Deny limited to, say, port 22 cannot hit them.
          if (!r.destinationPorts.some((p) => p.to >= NODE_PORTS.from && p.from <= NODE_PORTS.to)) return;
          const allowedBefore = rules.slice(0, i).some((a) => a.access === 'Allow' && a.sources.some((s) => addressContains(s, host.value, ctx) === 'yes') && ruleCovers({ ...a, sources: r.sources }, r, ctx));
          if (allowedBefore) return;
          out.push(diag('warning', 'nsg-blocks-lb-probe', `Rule "${r.name}" (${r.priority}) denies traffic from ${AZURE_HOST_IP}, where Azure Load Balancer health probes come from, on ports that include the NodePort range 30000–32767, before any rule allows it. Health probes of AKS LoadBalancer Services would fail and the nodes be marked down. Add a rule with a lower number that allows source AzureLoadBalancer.`, { ...place(doc, r, 'priority'), source: SOURCES.probe }));
        });
      } else {
        // Egress AKS nodes need [aksEgress]: TCP 443 to FQDNs (MCR, management.azure.com, login.microsoftonline.com …),
        // which an NSG cannot name, so only an Allow to the internet as a whole meets it; UDP 1194 and
        // TCP 9000 "*:1194 / AzureCloud.<Region>:1194" (tunnel; not needed on private clusters or with
        // konnectivity), met by the internet as a whole or the AzureCloud tag (regional or global).
        // An Allow to any other service tag (Storage, Sql …) meets none of them.
        const needs: { protocol: 'Tcp' | 'Udp'; port: number; tags: RegExp }[] = [
          { protocol: 'Tcp', port: 443, tags: /^internet$/i },
          { protocol: 'Udp', port: TUNNEL_UDP, tags: /^(internet|azurecloud(\.[a-z0-9]+)?)$/i },
          { protocol: 'Tcp', port: TUNNEL_TCP, tags: /^(internet|azurecloud(\.[a-z0-9]+)?)$/i },
        ];
        rules.forEach((r, i) => {
          if (r.access !== 'Deny') return;
          const towardsInternet = r.destinations.some((d) => d.kind === 'any' || (d.kind === 'tag' && d.tag === 'Internet') || (d.kind === 'cidr' && d.cidr.prefix === 0));
          if (!towardsInternet) return;
          // A need is met only by an earlier Allow towards the destinations AKS documents for it.
          const allowsBefore = (n: (typeof needs)[number]) =>
            rules.slice(0, i).some((a) => a.access === 'Allow' && (a.protocol === '*' || a.protocol === n.protocol) && portIn(a.destinationPorts, n.port) && a.destinations.some((d) => d.kind === 'any' || (d.kind === 'tag' && n.tags.test(d.tag)) || (d.kind === 'cidr' && d.cidr.prefix === 0)));
          const hit = needs.filter((n) => (r.protocol === '*' || r.protocol === n.protocol) && portIn(r.destinationPorts, n.port) && !allowsBefore(n));
          if (!hit.length) return;
          out.push(diag('warning', 'nsg-blocks-aks-egress', `Rule "${r.name}" (${r.priority}) denies outbound ${hit.map((h) => `${h.protocol.toUpperCase()} ${h.port}`).join(', ')} to the internet. AKS nodes need these (HTTPS to MCR, management.azure.com, login.microsoftonline.com …; UDP ${TUNNEL_UDP}/TCP ${TUNNEL_TCP} to the control plane on non-private clusters without konnectivity). Microsoft: "For outbound internet traffic, it's not recommended to set all deny rules in an NSG" — filter egress by FQDN in a firewall instead.`, { ...place(doc, r, 'priority'), source: SOURCES.aksEgress }));
        });
      }
    }
  }
  return out;
}
