/**
 * The fixed clusters of the network-policy exercises, written as the YAML the cluster pane
 * shows: Namespace and Pod manifests joined with ---.
 */

export const namespace = (name: string, labels = ''): string =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}${labels ? `\n  labels: {${labels}}` : ''}`;

/** A Pod with labels, an IP and container ports written as "name:port[/UDP]". */
export function pod(ns: string, name: string, labels: string, ip: string, ports: string[] = []): string {
  const list = ports.map((p) => {
    const [n, rest] = p.split(':') as [string, string];
    const [port, proto] = rest.split('/');
    return `{name: ${n}, containerPort: ${port}${proto ? `, protocol: ${proto}` : ''}}`;
  });
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels: {${labels}}\nspec:\n  containers:\n  - name: ${name}\n    image: ${name}\n    ports: [${list.join(', ')}]\nstatus:\n  podIP: ${ip}`;
}

export const cluster = (...docs: string[]): string => `${docs.join('\n---\n')}\n`;

export const NOTE_CLUSTER = 'The cluster pane is fixed for this exercise: the checker always uses its own copy, so edit only the policies.';

export const COREDNS = pod('kube-system', 'coredns', 'k8s-app: kube-dns', '10.244.0.10', ['dns:53/UDP', 'dns-tcp:53']);
/** AKS runs CoreDNS with two replicas or more; an answer must allow every one. */
export const COREDNS_2 = pod('kube-system', 'coredns-2', 'k8s-app: kube-dns', '10.244.0.11', ['dns:53/UDP', 'dns-tcp:53']);
/** Decoy: a kube-system pod that is not DNS ("all of kube-system on 53" must not pass). */
export const METRICS_SERVER = pod('kube-system', 'metrics-server', 'k8s-app: metrics-server', '10.244.0.12', ['https:4443']);
/** Is this pod one of the cluster DNS pods: k8s-app=kube-dns in kube-system? */
export const isClusterDns = (p: { namespace: string; labels: Record<string, string> }) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns';
