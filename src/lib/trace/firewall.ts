/**
 * Azure Firewall rule processing for one connection [AZFW-RULES]: DNAT first (inbound), then
 * network rules, then application rules, each by collection priority; "The rules are
 * terminating"; "If there's still no match, then the packet is denied by default."
 * Application rules see only HTTP/HTTPS and match the name the client sent (SNI/Host); FQDNs
 * in network rules need DNS proxy [AKS-FW]. SNAT [AZFW-SNAT]: to the firewall's public IP
 * towards the internet; application rules always SNAT (transparent proxy).
 */
import { parseCidr, parseIp, containsIp } from '../cidr/ip';
import { diag } from '../diagnostics';
import type { Firewall, FirewallRule } from '../azure/firewall';
import type { Environment } from './environment';
import { SRC } from './sources';
import type { Hop } from './types';

/** FQDNs the `AzureKubernetesService` FQDN tag stands for (the application rules of [AKS-OUT]). */
export const AKS_FQDN_TAG = ['*.hcp.*.azmk8s.io', 'mcr.microsoft.com', '*.data.mcr.microsoft.com', 'mcr-0001.mcr-msedge.net', 'management.azure.com', 'login.microsoftonline.com', 'packages.microsoft.com', 'acs-mirror.azureedge.net', 'packages.aks.azure.com'];

export interface FirewallFlow {
  src: string;
  dstIp?: string;
  /** The name the client asked for (SNI / Host), when the connection names one. */
  fqdn?: string;
  port: number;
  protocol: 'TCP' | 'UDP';
}

type Tri = 'yes' | 'no' | 'unknown';

/** `*.example.com` matches sub.example.com (and deeper); `*` inside a label matches one label. */
export function fqdnMatches(pattern: string, name: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const n = name.toLowerCase().replace(/\.$/, '');
  if (p === '*') return true;
  if (p.startsWith('*.') && !p.slice(2).includes('*')) return n.endsWith(p.slice(1));
  const re = new RegExp(`^${p.split('.').map((l) => (l === '*' ? '[^.]+' : l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('\\.')}$`);
  return re.test(n);
}

function addrMatch(list: string[], ip: string | undefined): Tri {
  if (!list.length) return 'no';
  if (list.includes('*')) return 'yes';
  if (!ip) return 'unknown';
  const p = parseIp(ip);
  let unknown = false;
  for (const a of list) {
    const c = parseCidr(a, { strict: false });
    if (c.ok) {
      if (p.ok && c.value.family === p.value.family && containsIp(c.value, p.value)) return 'yes';
    } else unknown = true; // a service tag or IP group: not expanded offline
  }
  return unknown ? 'unknown' : 'no';
}

const portMatch = (ports: string[], port: number): boolean =>
  ports.some((p) => p === '*' || p === String(port) || (/^\d+-\d+$/.test(p) && port >= Number(p.split('-')[0]) && port <= Number(p.split('-')[1])));

function matchRule(env: Environment, fw: Firewall, r: FirewallRule, f: FirewallFlow): { m: Tri; why: string } {
  const src = addrMatch(r.sources.length ? r.sources : ['*'], f.src);
  if (src === 'no') return { m: 'no', why: 'source not listed' };
  if (r.kind === 'network') {
    if (!r.protocols.some((p) => /^any$/i.test(p) || p.toUpperCase() === f.protocol)) return { m: 'no', why: 'protocol' };
    if (!portMatch(r.ports, f.port)) return { m: 'no', why: 'port' };
    let dst: Tri = addrMatch(r.destinations, f.dstIp);
    if (dst !== 'yes' && r.destinationFqdns.length) {
      if (fw.dnsProxy !== true) {
        env.diagnostics.push(diag('warning', 'firewall-fqdn-needs-dns-proxy', `Network rule ${r.name} names FQDNs, but DNS proxy is not enabled on ${fw.name}: "To use FQDN on network rules, you need DNS proxy enabled." The rule is not used.`, { source: SRC.aksFirewall }));
      } else if (f.fqdn) dst = r.destinationFqdns.some((p) => fqdnMatches(p, f.fqdn!)) ? 'yes' : dst;
      else dst = 'unknown';
    }
    if (dst === 'no') return { m: 'no', why: 'destination' };
    return { m: src === 'unknown' || dst === 'unknown' ? 'unknown' : 'yes', why: 'network rule' };
  }
  if (r.kind === 'application') {
    const proto = r.protocols.some((p) => {
      const [t, port] = p.split(':');
      return Number(port ?? (/^https$/i.test(t ?? '') ? 443 : 80)) === f.port && /^https?$/i.test(t ?? '');
    });
    if (!proto || f.protocol !== 'TCP') return { m: 'no', why: 'application rules only see HTTP/HTTPS on their ports' };
    if (!f.fqdn) return { m: 'no', why: 'the connection names only an IP, and application rules match the name in SNI/Host' };
    const names = [...r.fqdns, ...r.fqdnTags.flatMap((t) => (/^AzureKubernetesService$/i.test(t) ? AKS_FQDN_TAG : []))];
    if (!names.some((p) => fqdnMatches(p, f.fqdn!))) return { m: 'no', why: 'FQDN' };
    return { m: src === 'unknown' ? 'unknown' : 'yes', why: 'application rule' };
  }
  return { m: 'no', why: 'dnat' };
}

/** The firewall hop for an outbound (or east-west) connection routed to it. */
export function firewallHop(env: Environment, fw: Firewall, f: FirewallFlow, toInternet: boolean): Hop {
  const sees = { src: f.src, dst: f.fqdn ? `${f.fqdn}${f.dstIp ? ` (${f.dstIp})` : ''}` : f.dstIp ?? '?', port: f.port };
  const ordered = [...fw.rules.filter((r) => r.kind === 'network').sort((a, b) => a.order - b.order), ...fw.rules.filter((r) => r.kind === 'application').sort((a, b) => a.order - b.order)];
  for (const r of ordered) {
    const { m } = matchRule(env, fw, r, f);
    if (m === 'no') continue;
    if (m === 'unknown') {
      return { id: 'firewall', resource: `firewall ${fw.name}`, verdict: 'unknown', sees, rule: r.name, detail: `Rule ${r.name} may match (it names a service tag, IP group or FQDN that cannot be resolved offline); if it does not, later rules decide.`, source: SRC.firewallRules, fix: 'Check the rule in Azure (Firewall logs) or write the addresses as CIDRs.' };
    }
    if (r.action === 'Deny') {
      return { id: 'firewall', resource: `firewall ${fw.name}`, verdict: 'block', sees, rule: r.name, detail: `Denied by ${r.kind} rule ${r.name}; rules are terminating.`, source: SRC.firewallRules, fix: `Add an allow rule for ${f.fqdn ?? f.dstIp}:${f.port} in a collection processed before ${r.name}.` };
    }
    const snat = toInternet || r.kind === 'application';
    const to = toInternet ? fw.publicIps[0] ?? `the public IP of ${fw.name}` : fw.privateIp ?? `the private IP of ${fw.name}`;
    return {
      id: 'firewall', resource: `firewall ${fw.name}`, verdict: snat ? 'rewrite' : 'pass', sees, rule: r.name,
      detail: `Allowed by ${r.kind} rule ${r.name}.${snat ? ` Source translated to ${to}${r.kind === 'application' ? ' (application rules are always SNATed by a transparent proxy)' : ''}.` : ''}`,
      source: snat ? SRC.firewallSnat : SRC.firewallRules,
    };
  }
  const ipOnly = !f.fqdn && fw.rules.some((r) => r.kind === 'application');
  return {
    id: 'firewall', resource: `firewall ${fw.name}`, verdict: 'block', sees, rule: 'no rule matched (denied by default)',
    detail: `No network or application rule of ${fw.name} matches ${f.protocol} ${f.src} → ${f.fqdn ?? f.dstIp}:${f.port}, so "the packet is denied by default".${ipOnly ? ' Application rules match only the name the client sends; this connection goes to an IP address.' : ''}`,
    source: SRC.firewallRules,
    fix: ipOnly
      ? `Add a network rule allowing TCP ${f.port} to ${f.dstIp} (or make the client use the FQDN).`
      : `Add ${f.fqdn && f.port === 443 ? `an application rule for ${f.fqdn} Https:443` : `a network rule for ${f.protocol} ${f.dstIp ?? f.fqdn}:${f.port}`} from ${f.src}.`,
  };
}

/** The firewall a route's virtual appliance address belongs to. */
export const firewallAt = (env: Environment, ip: string | undefined): Firewall | undefined => env.firewalls.find((f) => f.privateIp === ip);
