/**
 * The `az` commands the script checker models and the flags it knows for each.
 * Arity: 0 = switch, 1 = one value, 'many' = every following word up to the next flag
 * (as az's nargs='+' lists such as --address-prefixes take them).
 * Flags not listed here are reported as unknown-flag (a warning: the list covers the
 * common flags, not every flag az accepts).
 */
export type Arity = 0 | 1 | 'many';

export interface FlagSpec {
  /** Canonical name first, then aliases (long and short). */
  names: string[];
  arity: Arity;
}

const f = (arity: Arity, ...names: string[]): FlagSpec => ({ names, arity });

const GLOBAL: FlagSpec[] = [
  f(1, '--resource-group', '-g'),
  f(1, '--name', '-n'),
  f(1, '--location', '-l'),
  f(1, '--subscription'),
  f(1, '--output', '-o'),
  f(1, '--query'),
  f('many', '--tags'),
  f(0, '--only-show-errors'),
  f(0, '--debug'),
  f(0, '--verbose'),
  f(0, '--no-wait'),
  f(0, '--yes', '-y'),
  f(0, '--help', '-h'),
];

const ADDRESS_PREFIXES = f('many', '--address-prefixes', '--address-prefix');

const SUBNET: FlagSpec[] = [
  f(1, '--vnet-name'),
  ADDRESS_PREFIXES,
  f(1, '--network-security-group', '--nsg'),
  f(1, '--route-table'),
  f('many', '--delegations'),
  f('many', '--service-endpoints'),
  f('many', '--service-endpoint-policy'),
  f(1, '--nat-gateway'),
  f(1, '--private-endpoint-network-policies', '--disable-private-endpoint-network-policies'),
  f(1, '--private-link-service-network-policies', '--disable-private-link-service-network-policies'),
  f(1, '--default-outbound-access', '--default-outbound'),
];

const AKS: FlagSpec[] = [
  // networking: the flags the planner reads
  f(1, '--network-plugin'),
  f(1, '--network-plugin-mode'),
  f(1, '--network-dataplane'),
  f(0, '--enable-cilium-dataplane'),
  f(1, '--network-policy'),
  f(1, '--vnet-subnet-id'),
  f(1, '--pod-subnet-id'),
  f(1, '--pod-cidr'),
  f(1, '--pod-cidrs'),
  f(1, '--service-cidr'),
  f(1, '--service-cidrs'),
  f(1, '--dns-service-ip'),
  f(1, '--docker-bridge-address'),
  f(1, '--ip-families'),
  f(1, '--pod-ip-allocation-mode'),
  f(1, '--node-count', '-c'),
  f(1, '--max-pods', '-m'),
  f(1, '--max-surge'),
  f(1, '--api-server-authorized-ip-ranges'),
  f(0, '--enable-private-cluster'),
  f(1, '--private-dns-zone'),
  f(0, '--disable-public-fqdn'),
  f(1, '--outbound-type'),
  f(1, '--load-balancer-sku'),
  f(1, '--load-balancer-managed-outbound-ip-count'),
  f(1, '--load-balancer-outbound-ips'),
  f(1, '--load-balancer-outbound-ip-prefixes'),
  f(1, '--load-balancer-outbound-ports'),
  f(1, '--load-balancer-idle-timeout'),
  f(1, '--nat-gateway-managed-outbound-ip-count'),
  f(1, '--nat-gateway-idle-timeout'),
  f(0, '--enable-node-public-ip'),
  f(0, '--enable-apiserver-vnet-integration'),
  f(1, '--apiserver-subnet-id'),
  // everything else commonly seen in scripts
  f(1, '--kubernetes-version', '-k'),
  f(1, '--node-vm-size', '-s'),
  f(1, '--nodepool-name'),
  f('many', '--nodepool-labels'),
  f('many', '--nodepool-taints'),
  f('many', '--nodepool-tags'),
  f(1, '--node-osdisk-size'),
  f(1, '--node-osdisk-type'),
  f(1, '--os-sku'),
  f('many', '--zones', '-z'),
  f(0, '--enable-cluster-autoscaler'),
  f(0, '--disable-cluster-autoscaler'),
  f(0, '--update-cluster-autoscaler'),
  f(1, '--min-count'),
  f(1, '--max-count'),
  f(0, '--generate-ssh-keys'),
  f(1, '--ssh-key-value'),
  f(0, '--no-ssh-key', '-x'),
  f(1, '--admin-username', '-u'),
  f(1, '--dns-name-prefix', '-p'),
  f(1, '--node-resource-group'),
  f(0, '--enable-managed-identity'),
  f(1, '--assign-identity'),
  f(1, '--assign-kubelet-identity'),
  f(1, '--service-principal'),
  f(1, '--client-secret'),
  f(0, '--enable-aad'),
  f(0, '--enable-azure-rbac'),
  f(1, '--aad-admin-group-object-ids'),
  f(1, '--aad-tenant-id'),
  f(0, '--disable-local-accounts'),
  f(1, '--enable-addons', '-a'),
  f(1, '--workspace-resource-id'),
  f(0, '--enable-msi-auth-for-monitoring'),
  f(1, '--attach-acr'),
  f(1, '--tier'),
  f(0, '--uptime-sla'),
  f(0, '--enable-oidc-issuer'),
  f(0, '--enable-workload-identity'),
  f(0, '--enable-keda'),
  f(0, '--enable-blob-driver'),
  f(0, '--enable-image-cleaner'),
  f(0, '--enable-defender'),
  f(0, '--enable-fips-image'),
  f(0, '--enable-encryption-at-host'),
  f(0, '--enable-ultra-ssd'),
  f(0, '--enable-app-routing'),
  f(0, '--enable-secret-rotation'),
  f(0, '--enable-ahub'),
  f(0, '--enable-asm', '--enable-azure-service-mesh'),
  f(0, '--enable-azure-monitor-metrics'),
  f(0, '--enable-advanced-network-observability', '--enable-acns'),
  f(1, '--auto-upgrade-channel'),
  f(1, '--node-os-upgrade-channel'),
  f(1, '--vm-set-type'),
  f(1, '--windows-admin-username'),
  f(1, '--windows-admin-password'),
  f(1, '--appgw-name'),
  f(1, '--appgw-subnet-cidr'),
  f(1, '--appgw-id'),
  f(1, '--appgw-subnet-id'),
  f(1, '--aci-subnet-name'),
  f(1, '--http-proxy-config'),
  f(1, '--kube-proxy-config'),
  f(1, '--edge-zone'),
  f(1, '--ppg'),
  f(1, '--rotation-poll-interval'),
];

export const COMMANDS: Record<string, FlagSpec[]> = {
  'group create': [...GLOBAL, f(1, '--managed-by')],
  'network vnet create': [
    ...GLOBAL,
    ADDRESS_PREFIXES,
    f(1, '--subnet-name'),
    f('many', '--subnet-prefixes', '--subnet-prefix'),
    f('many', '--dns-servers'),
    f(1, '--network-security-group', '--nsg'),
    f(1, '--ddos-protection'),
    f(1, '--ddos-protection-plan'),
    f(1, '--edge-zone'),
    f(1, '--flowtimeout', '--flow-timeout'),
    f(1, '--enable-encryption'),
    f(1, '--encryption-enforcement-policy'),
  ],
  'network vnet subnet create': [...GLOBAL, ...SUBNET],
  'network vnet subnet update': [...GLOBAL, ...SUBNET],
  'aks create': [...GLOBAL, ...AKS],
  'aks update': [...GLOBAL, ...AKS],
};

/** Flag name (any alias) → spec, per command. */
export function flagIndex(specs: FlagSpec[]): Map<string, FlagSpec> {
  const m = new Map<string, FlagSpec>();
  for (const s of specs) for (const name of s.names) m.set(name, s);
  return m;
}
