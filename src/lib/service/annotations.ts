/**
 * Azure `service.beta.kubernetes.io/azure-*` annotations read by the Azure cloud provider
 * (cloud-provider-azure) that AKS runs, with what each does and how its value is checked.
 *
 * Sources: the annotation table of https://cloud-provider-azure.sigs.k8s.io/topics/loadbalancer/
 * (AKS's "Use a public standard load balancer" page links it as the full list), the constants
 * in kubernetes-sigs/cloud-provider-azure pkg/consts/consts.go, and
 * https://learn.microsoft.com/azure/aks/configure-load-balancer-standard.
 */
import { parseIp } from '../cidr/ip';
import { FACTS } from '../facts';

export const PREFIX = 'service.beta.kubernetes.io/';
export const LB_ANNOTATIONS_SOURCE = 'https://cloud-provider-azure.sigs.k8s.io/topics/loadbalancer/#loadbalancer-annotations';

type Check = (value: string) => string | undefined;

const bool: Check = (v) => (v === 'true' || v === 'false' ? undefined : `must be "true" or "false"`);
const int = (min: number, max?: number): Check => (v) => {
  if (!/^\d+$/.test(v)) return 'must be a whole number';
  const n = Number(v);
  if (n < min) return `must be at least ${min}`;
  if (max !== undefined && n > max) return `must be at most ${max}`;
  return undefined;
};
const ip = (family: 4 | 6): Check => (v) => {
  const p = parseIp(v);
  return p.ok && p.value.family === family ? undefined : `must be an IPv${family} address`;
};
const oneOf = (...allowed: string[]): Check => (v) => (allowed.some((a) => a.toLowerCase() === v.toLowerCase()) ? undefined : `must be one of ${allowed.join(', ')}`);

export interface AzureAnnotation {
  /** Key after `service.beta.kubernetes.io/`. */
  key: string;
  effect: string;
  check?: Check;
  /** Removed from the provider: setting it has no effect. */
  removed?: string;
}

export const AZURE_ANNOTATIONS: AzureAnnotation[] = [
  { key: 'azure-load-balancer-internal', effect: 'Creates an internal load balancer (private frontend IP in the VNet) instead of a public one; public if not set.', check: bool },
  { key: 'azure-load-balancer-internal-subnet', effect: 'The subnet the internal load balancer\'s frontend IP comes from (default: the cluster\'s configured subnet).' },
  { key: 'azure-load-balancer-mode', effect: 'Load balancer selection by VM set; only for basic or multiple standard load balancers.' },
  { key: 'azure-load-balancer-resource-group', effect: 'Resource group of the public IP when it is not in the node resource group.' },
  { key: 'azure-load-balancer-configurations', effect: 'Which of several standard load balancers (multiple SLB) the Service may use.' },
  { key: 'azure-load-balancer-ipv4', effect: 'The IPv4 address the load balancer uses (replaces the deprecated spec.loadBalancerIP).', check: ip(4) },
  { key: 'azure-load-balancer-ipv6', effect: 'The IPv6 address the load balancer uses (replaces the deprecated spec.loadBalancerIP).', check: ip(6) },
  { key: 'azure-dns-label-name', effect: 'DNS label on the Service\'s public IP: <label>.<region>.cloudapp.azure.com (public load balancers only).' },
  // Dropped from the AKS annotation table on 10 April 2026; maintainers call it dead code (cloud-provider-azure#9905).
  { key: 'azure-shared-securityrule', effect: `No documented effect on AKS any more: ${FACTS['shared-securityrule-removed'].text} Remove it.`, check: bool },
  { key: 'azure-allowed-service-tags', effect: `Comma-separated Azure service tags allowed to reach the Service (NSG rules). With loadBalancerSourceRanges too, sources disagree: ${FACTS['allowed-service-tags-with-source-ranges'].text}` },
  { key: 'azure-allowed-ip-ranges', effect: 'Comma-separated CIDRs allowed to reach the Service through NSG rules.' },
  { key: 'azure-deny-all-except-load-balancer-source-ranges', effect: `Adds an NSG deny for everything except loadBalancerSourceRanges — without it, the default rule AllowVnetInBound (${FACTS['nsg-default-allow-vnet-priority'].value}) still lets any VNet client in.`, check: bool },
  { key: 'azure-load-balancer-tcp-idle-timeout', effect: `TCP idle timeout of the load balancer rule, in minutes (${FACTS['lb-tcp-idle-timeout-annotation-min'].value}–${FACTS['lb-tcp-idle-timeout-annotation-max'].value}; default ${FACTS['lb-tcp-idle-timeout-annotation-min'].value}).`, check: int(FACTS['lb-tcp-idle-timeout-annotation-min'].value, FACTS['lb-tcp-idle-timeout-annotation-max'].value) },
  { key: 'azure-load-balancer-disable-tcp-reset', effect: 'Disabled TCP reset on idle timeout.', removed: 'removed in Kubernetes 1.20: standard load balancers always enable TCP reset' },
  { key: 'azure-load-balancer-enable-high-availability-ports', effect: 'Enables HA ports on an internal standard load balancer (all ports, needed for IP fragments).', check: bool },
  { key: 'azure-disable-load-balancer-floating-ip', effect: 'Disables Floating IP on the load balancer rules.', check: bool },
  { key: 'azure-load-balancer-health-probe-protocol', effect: 'Health probe protocol (Tcp, Http or Https) for all ports.', check: oneOf('Tcp', 'Http', 'Https') },
  { key: 'azure-load-balancer-health-probe-request-path', effect: 'HTTP(S) health probe path (ignored for TCP probes). Ingress controllers such as NGINX need "/healthz".' },
  { key: 'azure-load-balancer-health-probe-interval', effect: 'Seconds between health probes (minimum 5).', check: int(5) },
  { key: 'azure-load-balancer-health-probe-num-of-probe', effect: 'Failed probes before a node is taken out (minimum 1).', check: int(1) },
  { key: 'azure-load-balancer-mixed-protocols', effect: 'Creates rules for both TCP and UDP on each port.', check: bool },
  { key: 'azure-pip-name', effect: 'Name of an existing public IP to use (the recommended way to keep a static public IP).' },
  { key: 'azure-pip-name-ipv6', effect: 'Name of an existing IPv6 public IP to use.' },
  { key: 'azure-pip-prefix-id', effect: 'Public IP prefix the public IP is taken from.' },
  { key: 'azure-pip-prefix-id-ipv6', effect: 'IPv6 public IP prefix the public IP is taken from.' },
  { key: 'azure-pip-tags', effect: 'Azure tags (a=b,c=d) on the public IP.' },
  { key: 'azure-pip-ip-tags', effect: 'IP tags (e.g. RoutingPreference=Internet) on a public IP created for the Service.' },
  { key: 'azure-additional-public-ips', effect: 'Extra public IPs (e.g. a cross-region load balancer\'s) that kube-proxy also accepts.' },
  { key: 'azure-pls-create', effect: 'Creates an Azure Private Link Service in front of the internal load balancer.', check: bool },
  { key: 'azure-pls-name', effect: 'Name of the Private Link Service.' },
  { key: 'azure-pls-resource-group', effect: 'Resource group of the Private Link Service.' },
  { key: 'azure-pls-ip-configuration-subnet', effect: 'Subnet of the Private Link Service\'s NAT IPs.' },
  { key: 'azure-pls-ip-configuration-ip-address-count', effect: 'Number of NAT IPs of the Private Link Service.', check: int(1) },
  { key: 'azure-pls-ip-configuration-ip-address', effect: 'Static NAT IPs of the Private Link Service (space-separated).' },
  { key: 'azure-pls-fqdns', effect: 'FQDNs of the Private Link Service (space-separated).' },
  { key: 'azure-pls-proxy-protocol', effect: 'Enables TCP PROXY protocol on the Private Link Service.', check: bool },
  { key: 'azure-pls-visibility', effect: 'Subscriptions that can see the Private Link Service ("*" for all).' },
  { key: 'azure-pls-auto-approval', effect: 'Subscriptions whose private endpoint connections are approved automatically.' },
];

export const annotationByKey = new Map(AZURE_ANNOTATIONS.map((a) => [PREFIX + a.key, a]));

/** Per-port health probe annotations: `service.beta.kubernetes.io/port_{port}_…`. */
export const PORT_ANNOTATION = /^service\.beta\.kubernetes\.io\/port_(\d+)_(no_lb_rule|no_probe_rule|health-probe_(protocol|port|interval|num-of-probe|request-path))$/;
