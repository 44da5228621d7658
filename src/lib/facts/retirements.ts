/**
 * Dated changes that matter to AKS networking: retirements, removals, GA announcements.
 * Each date is a fact (value = ISO date, the last day something is supported or the day a
 * change happened); `CHANGES` adds what the timeline page and the engines' warnings need:
 * what changed, the guide section it affects and the way forward.
 */
import { daysSince } from './dates.ts';
import { FACTCHECK_2026_11_30 as FC, facts } from './types.ts';

const OVERLAY_CONCEPTS = 'https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay';
const NETWORK_POLICIES = 'https://learn.microsoft.com/azure/aks/use-network-policies';
const APP_ROUTING = 'https://learn.microsoft.com/azure/aks/app-routing';
const EBPF = 'https://learn.microsoft.com/azure/aks/container-network-performance-ebpf-host-routing';

export const RETIREMENT_FACTS = facts({
  'kubenet-retirement': {
    value: '2028-03-31',
    display: '31 March 2028',
    text: 'From 31 March 2028 AKS no longer supports kubenet.',
    source: OVERLAY_CONCEPTS,
    quote: 'Starting on March 31, 2028, Azure Kubernetes Service (AKS) no longer supports kubenet networking.',
    checked: FC,
  },
  'npm-windows-retirement': {
    value: '2026-09-30',
    display: '30 September 2026',
    text: 'From 30 September 2026 Azure Network Policy Manager on Windows is no longer supported, and subscriptions not already using it can no longer onboard.',
    source: NETWORK_POLICIES,
    quote: 'Starting on September 30, 2026 … on Windows … Subscriptions that aren\'t registered … will no longer be able to onboard',
    checked: FC,
  },
  'npm-linux-retirement': {
    value: '2028-09-30',
    display: '30 September 2028',
    text: 'From 30 September 2028 Azure Network Policy Manager on Linux is no longer supported.',
    source: NETWORK_POLICIES,
    quote: 'Starting on September 30, 2028 … NPM on Linux',
    checked: FC,
  },
  'http-app-routing-retired': {
    value: '2025-03-03',
    display: '3 March 2025',
    text: 'The HTTP application routing add-on was retired on 3 March 2025 and does not work on any Kubernetes version in support.',
    source: 'https://learn.microsoft.com/azure/aks/app-routing-migration',
    quote: "doesn't work on any cluster Kubernetes version currently in support",
    checked: FC,
  },
  'ingress-nginx-retirement-announced': {
    value: '2025-11-11',
    display: '11 November 2025',
    text: 'Kubernetes SIG Network announced the retirement of the community ingress-nginx controller on 11 November 2025.',
    source: 'https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/',
    quote: 'Best-effort maintenance will continue until March 2026.',
    checked: FC,
  },
  'ingress-nginx-best-effort-end': {
    value: '2026-03-31',
    display: 'March 2026',
    text: 'The community ingress-nginx controller got best-effort maintenance until March 2026 and no releases or fixes after that.',
    source: 'https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/',
    quote: 'Best-effort maintenance will continue until March 2026. Afterward, there will be no further releases',
    checked: FC,
  },
  'app-routing-nginx-support-end': {
    value: '2026-11-30',
    display: 'November 2026',
    text: "Microsoft supports critical security patches for the application routing add-on's managed NGINX through November 2026; after that, migrate to Gateway API.",
    source: APP_ROUTING,
    quote: 'Microsoft will provide official support for critical security patches … through November 2026',
    checked: FC,
  },
  'app-routing-gateway-api-ga': {
    value: '2026-07-01',
    display: '1 July 2026',
    text: "The application routing add-on's Gateway API implementation (GatewayClass approuting-istio) is generally available (docs of 1 July 2026).",
    source: 'https://learn.microsoft.com/azure/aks/app-routing-gateway-api',
    quote: 'If you are using managed NGINX, you must migrate … by November 2026',
    checked: FC,
  },
  'basic-lb-retired': {
    value: '2025-09-30',
    display: '30 September 2025',
    text: 'From 30 September 2025 AKS no longer supports the Basic load balancer.',
    source: 'https://learn.microsoft.com/azure/aks/quotas-skus-regions',
    quote: 'Starting on September 30, 2025, AKS no longer supports Basic Load Balancer.',
    checked: FC,
  },
  'kubenet-dual-stack-removed': {
    value: '2025-03-10',
    display: '10 March 2025',
    text: 'The kubenet dual-stack page was removed on 10 March 2025; dual-stack now needs Azure CNI Overlay.',
    source: 'https://github.com/MicrosoftDocs/azure-aks-docs/commit/e77f49e4ddf41270c21d04793f8ef673a7a6fafd',
    quote: 'Azure CNI Overlay is required',
    checked: FC,
  },
  'localdns-ga': {
    value: '2025-11-10',
    display: '10 November 2025',
    text: 'LocalDNS left preview on 10 November 2025 (preview references removed from the docs).',
    source: 'https://github.com/MicrosoftDocs/azure-aks-docs/commit/79804aee5b5efa1d97b3f6c8434cf307b77e7bfc',
    quote: 'LocalDNS GA readiness - remove preview references',
    checked: FC,
  },
  'localdns-nap': {
    value: '2026-01-16',
    display: '16 January 2026',
    text: 'LocalDNS works with node auto-provisioning through the AKSNodeClass since 16 January 2026.',
    source: 'https://learn.microsoft.com/azure/aks/node-auto-provisioning-aksnodeclass',
    quote: "If you're using Node Auto-Provisioning (NAP), see LocalDNS configuration … to enable LocalDNS with NAP",
    checked: FC,
  },
  'ebpf-host-routing-ga': {
    value: '2026-04-23',
    display: '23 April 2026',
    text: 'eBPF host routing left preview on 23 April 2026; the Istio add-on and dual-stack limitations were lifted on 8 April 2026.',
    source: EBPF,
    quote: 'Dual-stack connectivity is supported by eBPF Host Routing.',
    checked: FC,
  },
  'shared-securityrule-removed': {
    value: '2026-04-10',
    display: '10 April 2026',
    text: 'The azure-shared-securityrule annotation was removed from the AKS annotation table on 10 April 2026; cloud-provider-azure maintainers call it dead code.',
    source: 'https://github.com/kubernetes-sigs/cloud-provider-azure/issues/9905',
    quote: 'is dead code, needs to be removed. Together with the documentation.',
    checked: FC,
  },
  'overlay-dual-stack-windows-ga': {
    value: '2026-06-12',
    display: '12 June 2026',
    text: 'Azure CNI Overlay dual-stack on Windows node pools left preview on 12 June 2026 (no feature flag needed).',
    source: 'https://github.com/MicrosoftDocs/azure-aks-docs/commit/1c8c8121125103c76c3ee593bb11e7eba4360aa7',
    quote: 'Remove preview labels for Azure CNI Overlay Dual-Stack on Windows',
    checked: FC,
  },
  'nat-gateway-v2-dual-stack': {
    value: '2026-07-31',
    display: '31 July 2026',
    text: 'Since 31 July 2026 the docs name StandardV2 NAT Gateway (outbound type managedNATGatewayV2, preview) for dual-stack egress.',
    source: 'https://learn.microsoft.com/azure/aks/azure-cni-overlay',
    quote: 'For dual-stack egress, use StandardV2 NAT Gateway.',
    checked: FC,
  },
});

export type RetirementId = keyof typeof RETIREMENT_FACTS;

/** What kind of change a dated fact is. */
export type ChangeKind = 'retirement' | 'end-of-support' | 'removed' | 'generally-available' | 'new';

export interface Change {
  fact: RetirementId;
  kind: ChangeKind;
  /** A short name for the timeline, e.g. "kubenet retired". */
  label: string;
  /** Guide sections this change affects (root-relative links with anchors). */
  affects: { href: string; title: string }[];
  /** What to do, in one sentence; empty for good news. */
  migration: string;
  /** Link for the way forward. */
  migrationSource?: string;
}

/** Every dated change the guide tracks, in date order by `changesByDate()`. */
export const CHANGES: readonly Change[] = [
  {
    fact: 'kubenet-retirement', kind: 'retirement', label: 'kubenet retired',
    affects: [{ href: '/plugins/network-plugins/#kubenet-basic-networking', title: 'Network plugins: kubenet' }, { href: '/plugins/ip-planning/#kubenet-a-24-for-50-nodes', title: 'IP planning: kubenet' }],
    migration: 'Move kubenet clusters to Azure CNI Overlay (az aks update --network-plugin azure --network-plugin-mode overlay); the node subnet stays, pods keep a private pod CIDR.',
    migrationSource: 'https://learn.microsoft.com/azure/aks/upgrade-azure-cni',
  },
  {
    fact: 'npm-windows-retirement', kind: 'retirement', label: 'Azure NPM on Windows retired',
    affects: [{ href: '/network-policies/network-policies/#network-policy-engines-on-aks', title: 'Network policies: engines on AKS' }],
    migration: 'On Windows node pools use Calico (supported on Windows Server 2019 and 2022) instead of Azure Network Policy Manager.',
    migrationSource: NETWORK_POLICIES,
  },
  {
    fact: 'npm-linux-retirement', kind: 'retirement', label: 'Azure NPM on Linux retired',
    affects: [{ href: '/network-policies/network-policies/#network-policy-engines-on-aks', title: 'Network policies: engines on AKS' }],
    migration: 'Move Linux clusters from Azure Network Policy Manager to Cilium network policy (Azure CNI Powered by Cilium).',
    migrationSource: 'https://learn.microsoft.com/azure/aks/migrate-from-npm-to-cilium-network-policy',
  },
  {
    fact: 'http-app-routing-retired', kind: 'retirement', label: 'HTTP application routing add-on retired',
    affects: [{ href: '/ingress/ingress/#ingress-controllers-on-aks', title: 'Ingress controllers on AKS' }],
    migration: 'Use the application routing add-on (az aks approuting enable) or its Gateway API implementation instead of http_application_routing.',
    migrationSource: 'https://learn.microsoft.com/azure/aks/app-routing-migration',
  },
  {
    fact: 'ingress-nginx-retirement-announced', kind: 'new', label: 'ingress-nginx retirement announced',
    affects: [{ href: '/ingress/ingress/#ingress-controllers-on-aks', title: 'Ingress controllers on AKS' }],
    migration: 'Plan the move from the community ingress-nginx controller to Gateway API.',
    migrationSource: 'https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/',
  },
  {
    fact: 'ingress-nginx-best-effort-end', kind: 'end-of-support', label: 'ingress-nginx: no more releases',
    affects: [{ href: '/ingress/ingress/#ingress-controllers-on-aks', title: 'Ingress controllers on AKS' }],
    migration: 'Replace the community ingress-nginx controller with a Gateway API implementation or an AKS-managed option.',
    migrationSource: 'https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/',
  },
  {
    fact: 'app-routing-nginx-support-end', kind: 'end-of-support', label: 'App routing NGINX: end of security patches',
    affects: [{ href: '/ingress/ingress/#application-routing-add-on-managed-nginx', title: 'Application routing add-on' }, { href: '/waf/waf/#where-the-waf-sits', title: 'WAF: where it sits' }],
    migration: 'Move Ingresses of class webapprouting.kubernetes.azure.com to the application routing Gateway API implementation (GatewayClass approuting-istio), Application Gateway for Containers, or the Istio add-on.',
    migrationSource: APP_ROUTING,
  },
  {
    fact: 'app-routing-gateway-api-ga', kind: 'generally-available', label: 'App routing Gateway API GA',
    affects: [{ href: '/ingress/ingress/#ingress-controllers-on-aks', title: 'Ingress controllers on AKS' }],
    migration: '',
  },
  {
    fact: 'basic-lb-retired', kind: 'retirement', label: 'Basic load balancer retired',
    affects: [{ href: '/services/services/', title: 'Services' }],
    migration: 'Use the Standard load balancer.',
    migrationSource: 'https://learn.microsoft.com/azure/aks/quotas-skus-regions',
  },
  {
    fact: 'kubenet-dual-stack-removed', kind: 'removed', label: 'kubenet dual-stack removed',
    affects: [{ href: '/plugins/dual-stack/#what-aks-supports', title: 'Dual-stack: what AKS supports' }, { href: '/plugins/ip-planning/#dual-stack-overlay', title: 'IP planning: dual-stack' }],
    migration: 'Create dual-stack clusters with Azure CNI Overlay.',
    migrationSource: 'https://learn.microsoft.com/azure/aks/configure-dual-stack',
  },
  {
    fact: 'localdns-ga', kind: 'generally-available', label: 'LocalDNS GA',
    affects: [{ href: '/dns/dns/#localdns-a-dns-cache-on-every-node', title: 'DNS: LocalDNS' }, { href: '/basics/performance/', title: 'Performance' }],
    migration: '',
  },
  {
    fact: 'localdns-nap', kind: 'new', label: 'LocalDNS with node auto-provisioning',
    affects: [{ href: '/dns/dns/#localdns-a-dns-cache-on-every-node', title: 'DNS: LocalDNS' }],
    migration: '',
  },
  {
    fact: 'ebpf-host-routing-ga', kind: 'generally-available', label: 'eBPF host routing GA',
    affects: [{ href: '/basics/performance/#the-data-plane-kube-proxy-or-cilium-ebpf', title: 'Performance: the data plane' }],
    migration: '',
  },
  {
    fact: 'shared-securityrule-removed', kind: 'removed', label: 'azure-shared-securityrule dropped',
    affects: [{ href: '/services/services/#azure-service-annotations-that-matter', title: 'Services: annotations' }],
    migration: 'Remove the annotation; it has no documented effect on AKS.',
  },
  {
    fact: 'overlay-dual-stack-windows-ga', kind: 'generally-available', label: 'Overlay dual-stack on Windows GA',
    affects: [{ href: '/plugins/dual-stack/#what-aks-supports', title: 'Dual-stack: what AKS supports' }],
    migration: '',
  },
  {
    fact: 'nat-gateway-v2-dual-stack', kind: 'new', label: 'StandardV2 NAT Gateway for dual-stack egress',
    affects: [{ href: '/plugins/dual-stack/#what-aks-supports', title: 'Dual-stack: what AKS supports' }, { href: '/nsg-egress/egress/#outbound-types', title: 'Egress: outbound types' }],
    migration: '',
  },
];

/** The changes, oldest first. */
export function changesByDate(): (Change & { date: string; display: string; text: string; source: string; checked: string })[] {
  return CHANGES.map((c) => {
    const f = RETIREMENT_FACTS[c.fact];
    return { ...c, date: f.value, display: f.display, text: f.text, source: f.source, checked: f.checked };
  }).sort((a, b) => a.date.localeCompare(b.date));
}

export interface RetirementNotice {
  /** 'past' once the date has passed (the day itself still counts as supported). */
  status: 'upcoming' | 'past';
  /** Whole days from today to the date (negative when past). */
  days: number;
  /** One or two sentences: what, when (relative to today), and the way forward. */
  message: string;
  source: string;
}

/**
 * Says where `today` stands against a dated change, for an engine's warning. `today`
 * defaults to the reader's clock; tests pass a fixed date.
 */
export function retirementNotice(id: RetirementId, today: Date = new Date()): RetirementNotice {
  const fact = RETIREMENT_FACTS[id];
  const change = CHANGES.find((c) => c.fact === id);
  const days = -daysSince(fact.value, today);
  const status = days < 0 ? 'past' : 'upcoming';
  const when = status === 'past' ? `That was ${relative(-days)} ago.` : days === 0 ? 'That is today.' : `That is in ${relative(days)}.`;
  const migration = change?.migration ? ` ${change.migration}` : '';
  return { status, days, message: `${fact.text} ${when}${migration}`, source: change?.migrationSource ?? fact.source };
}

function relative(days: number): string {
  if (days < 60) return `${days} day${days === 1 ? '' : 's'}`;
  const months = Math.round(days / 30.44);
  return months < 24 ? `${months} months` : `${Math.round(days / 365.25)} years`;
}
