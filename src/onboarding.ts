/**
 * The onboarding path of the "Start here" page, in its order, as site paths. The sidebar and
 * Next/Previous follow it (src/routeData.ts); tests/unit/onboarding.test.ts checks that the
 * Start here page lists these pages in this order.
 */
export const onboardingPath: readonly string[] = [
  '/start-here/',
  '/basics/kubernetes-networking/',
  '/basics/ip-address-basics/',
  '/plugins/network-plugins/',
  '/plugins/ip-planning/',
  '/services/services/',
  '/ingress/ingress/',
  '/network-policies/network-policies/',
  '/network-policies/cilium-policies/',
  '/nsg-egress/network-security-groups/',
  '/nsg-egress/egress/',
  '/private-access/private-access/',
  '/waf/waf/',
  '/dns/dns/',
  '/plugins/dual-stack/',
  '/basics/performance/',
  '/troubleshooting/troubleshooting/',
  '/exercises/',
];

/**
 * Pages the path visits after other topics although their directory sits earlier: the sidebar
 * shows them in a group of their own, placed where the path reaches them (before `before`).
 */
export const laterGroups: readonly { label: string; paths: readonly string[]; before: string }[] = [
  { label: 'Dual-stack and performance', paths: ['/plugins/dual-stack/', '/basics/performance/'], before: 'Troubleshooting' },
];
