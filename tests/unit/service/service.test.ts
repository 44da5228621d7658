/**
 * Service evaluator. Expected values come from the Kubernetes Service concept page
 * (https://kubernetes.io/docs/concepts/services-networking/service/), the AKS load balancer
 * pages and the cloud-provider-azure annotation table — not from the engine's output.
 */
import { describe, expect, it } from 'vitest';
import { resolveService } from '../../../src/lib/service';

// The docs' example: a Pod naming its port "http-web-svc" and a Service targeting it by name.
const docsNamedPort = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app.kubernetes.io/name: proxy
spec:
  containers:
  - name: nginx
    image: nginx:stable
    ports:
      - containerPort: 80
        name: http-web-svc
---
apiVersion: v1
kind: Service
metadata:
  name: nginx-service
spec:
  selector:
    app.kubernetes.io/name: proxy
  ports:
  - name: name-of-service-port
    protocol: TCP
    port: 80
    targetPort: http-web-svc
`;

const deployment = (labels = 'app: web', ports = '- containerPort: 8080\n            name: http') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {${labels}}
    spec:
      containers:
      - name: web
        image: web
        ports:
          ${ports}
`;

const service = (spec: string, annotations = '') => `---
apiVersion: v1
kind: Service
metadata:
  name: web${annotations ? `\n  annotations:\n${annotations}` : ''}
spec:
${spec}
`;

const codes = (text: string) => resolveService({ manifests: text }).diagnostics.map((d) => d.code);

describe('endpoints', () => {
  it('resolves a named targetPort per pod (docs example: http-web-svc → 80)', () => {
    const { services, diagnostics } = resolveService({ manifests: docsNamedPort });
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(services).toHaveLength(1);
    expect(services[0]!.type).toBe('ClusterIP');
    expect(services[0]!.ports).toEqual([{ name: 'name-of-service-port', port: 80, targetPort: 'http-web-svc', protocol: 'TCP' }]);
    expect(services[0]!.endpoints).toEqual([{ pod: 'default/nginx', port: 80, servicePort: 'name-of-service-port' }]);
  });
  it('defaults targetPort to port and protocol to TCP', () => {
    const { services } = resolveService({ manifests: deployment('app: web', '- containerPort: 80') + service('  selector: {app: web}\n  ports: [{port: 80}]') });
    expect(services[0]!.ports[0]).toEqual({ port: 80, targetPort: 80, protocol: 'TCP' });
    expect(services[0]!.endpoints).toEqual([{ pod: 'default/web', port: 80, servicePort: '80', workload: true }]);
  });
  it('only selects pods in its own namespace, and says where the matching pods are', () => {
    const text = deployment().replace('metadata: {name: web}', 'metadata: {name: web, namespace: shop}') + service('  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]');
    const r = resolveService({ manifests: text });
    expect(r.services[0]!.endpoints).toEqual([]);
    const d = r.diagnostics.find((x) => x.code === 'selector-matches-no-pod');
    expect(d?.message).toContain('shop/web');
  });
  it('flags a selector that matches no pod', () => {
    expect(codes(deployment() + service('  selector: {app: api}\n  ports: [{port: 80, targetPort: http}]'))).toContain('selector-matches-no-pod');
  });
  it('flags a named targetPort that no container declares, and leaves the pod out', () => {
    const r = resolveService({ manifests: deployment() + service('  selector: {app: web}\n  ports: [{port: 80, targetPort: web}]') });
    expect(r.diagnostics.map((d) => d.code)).toContain('target-port-not-found');
    expect(r.services[0]!.endpoints).toEqual([]);
  });
  it('warns when a numeric targetPort is not among the declared container ports', () => {
    expect(codes(deployment() + service('  selector: {app: web}\n  ports: [{port: 80, targetPort: 80}]'))).toContain('target-port-not-exposed');
    expect(codes(deployment() + service('  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]'))).not.toContain('target-port-not-exposed');
  });
});

describe('types and ports', () => {
  it('accepts the docs NodePort example (nodePort 30007) and reports the default range 30000-32767', () => {
    const ok = resolveService({ manifests: deployment() + service('  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http, nodePort: 30007}]') });
    expect(ok.services[0]!.ports[0]!.nodePort).toBe(30007);
    expect(ok.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const bad of [29999, 32768]) {
      const r = resolveService({ manifests: service(`  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, nodePort: ${bad}}]`) });
      expect(r.diagnostics.find((d) => d.code === 'node-port-out-of-range')?.message).toContain('30000-32767');
    }
    expect(codes(service('  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, nodePort: 32767}]'))).not.toContain('node-port-out-of-range');
  });
  it('rejects nodePort on a ClusterIP Service and a node port used twice', () => {
    expect(codes(service('  selector: {app: web}\n  ports: [{port: 80, nodePort: 30080}]'))).toContain('node-port-not-allowed');
    const two = service('  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, nodePort: 30080}]') + service('  type: NodePort\n  selector: {app: web}\n  ports: [{port: 81, nodePort: 30080}]').replace('name: web', 'name: web2');
    expect(codes(two)).toContain('node-port-in-use');
  });
  it('requires names when a Service has several ports', () => {
    expect(codes(service('  selector: {app: web}\n  ports: [{port: 80}, {port: 443}]'))).toContain('port-name-required');
  });
  it('flags a mis-cased type', () => {
    const d = resolveService({ manifests: service('  type: Loadbalancer\n  selector: {app: web}\n  ports: [{port: 80}]') }).diagnostics.find((x) => x.code === 'invalid-service-type');
    expect(d?.message).toContain('"LoadBalancer"');
    expect(d?.line).toBe(7); // the type: line
  });
  it('ExternalName: a CNAME, with the selector ignored', () => {
    const r = resolveService({ manifests: service('  type: ExternalName\n  externalName: my.database.example.com\n  selector: {app: web}') });
    expect(r.diagnostics.map((d) => d.code)).toContain('external-name-selector');
    expect(r.services[0]!.exposure).toContain('CNAME to my.database.example.com');
    expect(r.services[0]!.endpoints).toEqual([]);
  });
  it('headless: no cluster IP, and not allowed with LoadBalancer', () => {
    const r = resolveService({ manifests: deployment() + service('  clusterIP: None\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]') });
    expect(r.services[0]!.headless).toBe(true);
    expect(r.services[0]!.exposure).toMatch(/Headless/);
    expect(codes(service('  type: LoadBalancer\n  clusterIP: None\n  selector: {app: web}\n  ports: [{port: 80}]'))).toContain('headless-not-allowed');
  });
});

describe('LoadBalancer on AKS', () => {
  const lb = (annotations: string, extra = '') => deployment() + service(`  type: LoadBalancer\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]${extra}`, annotations);

  it('is public by default and internal with azure-load-balancer-internal: "true"', () => {
    expect(resolveService({ manifests: lb('') }).services[0]!.azure.loadBalancer).toBe('public');
    const internal = resolveService({ manifests: lb('    service.beta.kubernetes.io/azure-load-balancer-internal: "true"') }).services[0]!;
    expect(internal.azure.loadBalancer).toBe('internal');
    expect(internal.exposure).toContain('private IP');
  });
  it('flags an unknown azure-* annotation as a likely typo, with a suggestion', () => {
    const d = resolveService({ manifests: lb('    service.beta.kubernetes.io/azure-load-balancer-internl: "true"') }).diagnostics.find((x) => x.code === 'unknown-azure-annotation');
    expect(d?.message).toContain('azure-load-balancer-internal');
    expect(d?.line).toBe(22); // the annotation's key
  });
  it('validates annotation values (idle timeout 4–30 minutes; true/false; IPv4)', () => {
    expect(codes(lb('    service.beta.kubernetes.io/azure-load-balancer-tcp-idle-timeout: "3"'))).toContain('invalid-annotation-value');
    expect(codes(lb('    service.beta.kubernetes.io/azure-load-balancer-tcp-idle-timeout: "31"'))).toContain('invalid-annotation-value');
    expect(codes(lb('    service.beta.kubernetes.io/azure-load-balancer-tcp-idle-timeout: "30"'))).not.toContain('invalid-annotation-value');
    expect(codes(lb('    service.beta.kubernetes.io/azure-load-balancer-internal: "yes"'))).toContain('invalid-annotation-value');
    expect(codes(lb('    service.beta.kubernetes.io/azure-load-balancer-ipv4: "10.0.0.300"'))).toContain('invalid-annotation-value');
  });
  it('flags the removed disable-tcp-reset annotation', () => {
    expect(codes(lb('    service.beta.kubernetes.io/azure-load-balancer-disable-tcp-reset: "true"'))).toContain('removed-azure-annotation');
  });
  it('flags an internal subnet on a public load balancer, and a DNS label on an internal one', () => {
    expect(codes(lb('    service.beta.kubernetes.io/azure-load-balancer-internal-subnet: apps'))).toContain('annotation-needs-internal');
    expect(codes(lb('    service.beta.kubernetes.io/azure-load-balancer-internal: "true"\n    service.beta.kubernetes.io/azure-dns-label-name: myapp'))).toContain('dns-label-on-internal');
  });
  it('notes Azure annotations on a non-LoadBalancer Service do nothing', () => {
    expect(codes(deployment() + service('  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]', '    service.beta.kubernetes.io/azure-load-balancer-internal: "true"'))).toContain('annotation-ignored');
  });
  it('warns that spec.loadBalancerIP is deprecated', () => {
    const r = resolveService({ manifests: lb('', '\n  loadBalancerIP: 20.1.2.3') });
    expect(r.diagnostics.map((d) => d.code)).toContain('load-balancer-ip-deprecated');
    expect(r.services[0]!.azure.ip).toBe('20.1.2.3');
  });
  it('loadBalancerSourceRanges: invalid, excluding everyone, private-only on a public LB', () => {
    expect(codes(lb('', '\n  loadBalancerSourceRanges: [203.0.113.0/33]'))).toContain('invalid-source-range');
    expect(codes(lb('', '\n  loadBalancerSourceRanges: [0.0.0.0/32]'))).toContain('source-ranges-exclude-everyone');
    expect(codes(lb('', '\n  loadBalancerSourceRanges: [10.224.0.0/16]'))).toContain('source-ranges-private-only');
    const ok = resolveService({ manifests: lb('', '\n  loadBalancerSourceRanges: [203.0.113.0/24]') });
    expect(ok.diagnostics.filter((d) => d.code.startsWith('source-ranges'))).toEqual([]);
    expect(ok.services[0]!.exposure).toContain('only 203.0.113.0/24');
  });
  it('internal LB with source ranges: the VNet is still allowed unless deny-all-except is set', () => {
    const internal = '    service.beta.kubernetes.io/azure-load-balancer-internal: "true"';
    expect(codes(lb(internal, '\n  loadBalancerSourceRanges: [10.1.0.0/16]'))).toContain('source-ranges-vnet-still-allowed');
    expect(codes(lb(`${internal}\n    service.beta.kubernetes.io/azure-deny-all-except-load-balancer-source-ranges: "true"`, '\n  loadBalancerSourceRanges: [10.1.0.0/16]'))).not.toContain('source-ranges-vnet-still-allowed');
  });
  it('explains externalTrafficPolicy: Cluster by default, Local keeps the client IP', () => {
    expect(resolveService({ manifests: lb('') }).services[0]!.externalTrafficPolicy).toBe('Cluster');
    const local = resolveService({ manifests: lb('', '\n  externalTrafficPolicy: Local') }).services[0]!;
    expect(local.exposure).toContain('client source IP is preserved');
    expect(codes(deployment() + service('  selector: {app: web}\n  externalTrafficPolicy: Local\n  ports: [{port: 80, targetPort: http}]'))).toContain('external-traffic-policy-ignored');
  });
  it('lists every Azure annotation with its effect', () => {
    const s = resolveService({ manifests: lb('    service.beta.kubernetes.io/azure-pip-name: myAKSPublicIP\n    service.beta.kubernetes.io/azure-dns-label-name: myapp') }).services[0]!;
    expect(s.azure.pipName).toBe('myAKSPublicIP');
    expect(s.azure.annotations.map((a) => a.key)).toEqual(['service.beta.kubernetes.io/azure-pip-name', 'service.beta.kubernetes.io/azure-dns-label-name']);
    expect(s.azure.annotations.every((a) => a.known && a.effect.length > 0)).toBe(true);
  });
});

describe('selection and robustness', () => {
  it('resolves only the Service asked for, and reports an unknown one', () => {
    const two = docsNamedPort + service('  selector: {app: web}\n  ports: [{port: 80}]');
    expect(resolveService({ manifests: two, service: 'default/web' }).services.map((s) => s.name)).toEqual(['web']);
    expect(resolveService({ manifests: two, service: 'shop/web' }).diagnostics.map((d) => d.code)).toContain('service-not-found');
  });
  it('never throws on hostile or broken input', () => {
    for (const t of ['', ':', 'kind: Service', 'kind: Service\nspec: 3', 'kind: Service\nmetadata: {name: a}\nspec: {ports: [{port: x}], selector: [1]}', '- a\n- b', 'a: &a [*a, *a]']) {
      const r = resolveService({ manifests: t });
      expect(r.diagnostics.every((d) => d.code !== 'internal-error'), t).toBe(true);
    }
  });
});
