import { resolveService, type ResolvedService } from '../../lib/service';
import { count } from '../../lib/plural';
import { h, type VNode } from '../../lib/view/h';
import type { ToolDefinition } from './types';

export const SERVICE_EXAMPLE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:stable
        ports:
        - name: http
          containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
  annotations:
    service.beta.kubernetes.io/azure-load-balancer-internal: "true"
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: http
`;

/** Boxes and arrows: who → what → where, drawn with currentColor so both themes work. */
function exposureDiagram(s: ResolvedService): VNode {
  const a = s.azure;
  const port = s.ports[0];
  const stages: [string, string][] =
    s.type === 'ExternalName'
      ? [['Pod', 'in the cluster'], ['Cluster DNS', `CNAME ${s.name}`], ['External host', s.externalName ?? '?']]
      : s.type === 'LoadBalancer'
        ? [
            [a.loadBalancer === 'internal' ? 'Client in VNet' : 'Internet client', a.sourceRanges.length ? `from ${a.sourceRanges.slice(0, 2).join(', ')}` : 'any source'],
            [`Azure LB (${a.loadBalancer})`, `${a.ip ?? (a.loadBalancer === 'internal' ? 'private IP' : 'public IP')}:${port?.port ?? '?'}`],
            ['Node', `NodePort${port?.nodePort ? ` ${port.nodePort}` : ''} · ${s.externalTrafficPolicy === 'Local' ? 'Local' : 'Cluster'}`],
            ['Pod', `${count(s.endpoints.length, 'endpoint')} :${s.endpoints[0]?.port ?? port?.targetPort ?? '?'}`],
          ]
        : s.type === 'NodePort'
          ? [['Client in VNet', 'to a node IP'], ['Node', `:${port?.nodePort ?? '30000-32767'}`], ['Pod', `${s.endpoints.length} endpoint(s) :${s.endpoints[0]?.port ?? port?.targetPort ?? '?'}`]]
          : [['Pod', 'in the cluster'], [s.headless ? 'DNS (headless)' : 'Cluster IP', s.headless ? 'returns pod IPs' : `${s.clusterIp ?? 'virtual IP'}:${port?.port ?? '?'}`], ['Pod', `${s.endpoints.length} endpoint(s) :${s.endpoints[0]?.port ?? port?.targetPort ?? '?'}`]];
  const w = 150;
  const gap = 40;
  const width = stages.length * w + (stages.length - 1) * gap + 2;
  const title = `How traffic reaches ${s.namespace}/${s.name}: ${stages.map(([t, d]) => `${t} (${d})`).join(' → ')}`;
  return h(
    'svg',
    { class: 'pg-diagram', viewBox: `0 0 ${width} 70`, width: '100%', role: 'img', 'aria-label': title },
    h('title', null, title),
    ...stages.flatMap(([t, d], i) => {
      const x = 1 + i * (w + gap);
      const parts: VNode[] = [
        h('rect', { x, y: 5, width: w, height: 58, rx: 6, fill: 'none', stroke: 'currentColor' }),
        h('text', { x: x + w / 2, y: 29, 'text-anchor': 'middle', 'font-size': 13, 'font-weight': 'bold', fill: 'currentColor' }, t),
        h('text', { x: x + w / 2, y: 48, 'text-anchor': 'middle', 'font-size': 11, fill: 'currentColor' }, d.length > 24 ? `${d.slice(0, 23)}…` : d),
      ];
      if (i < stages.length - 1) {
        const x1 = x + w + 4;
        const x2 = x + w + gap - 4;
        parts.push(h('line', { x1, y1: 34, x2: x2 - 6, y2: 34, stroke: 'currentColor', 'stroke-width': 2 }), h('polygon', { points: `${x2},34 ${x2 - 8},29 ${x2 - 8},39`, fill: 'currentColor' }));
      }
      return parts;
    }),
  );
}

function table(caption: string, head: string[], rows: (string | number | VNode)[][]): VNode {
  return h(
    'table',
    { class: 'pg-table' },
    h('caption', null, caption),
    h('thead', null, h('tr', null, ...head.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, ...rows.map((r) => h('tr', null, ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row', class: 'pg-mono' }, c) : h('td', { class: 'pg-mono' }, c)))))),
  );
}

function serviceView(s: ResolvedService): VNode {
  if (s.rejected) {
    return h('section', null, h('h4', null, `${s.namespace}/${s.name} — not created`), h('p', { class: 'pg-verdict pg-deny' }, `✗ ${s.exposure}`));
  }
  return h(
    'section',
    null,
    h('h4', null, `${s.namespace}/${s.name} — ${s.headless ? 'headless ' : ''}${s.type}${s.type === 'LoadBalancer' ? ` (${s.azure.loadBalancer})` : ''}`),
    exposureDiagram(s),
    h('p', null, s.exposure),
    s.selector ? h('p', { class: 'pg-muted' }, 'Selector: ', h('code', null, s.selector)) : null,
    s.ports.length
      ? table('Ports', ['Name', 'Port', 'Protocol', 'Target port', 'Node port'], s.ports.map((p) => [p.name ?? '—', p.port, p.protocol, String(p.targetPort), p.nodePort ?? (s.type === 'NodePort' || s.type === 'LoadBalancer' ? 'assigned' : '—')]))
      : null,
    s.type === 'ExternalName'
      ? null
      : s.endpoints.length
        ? table(`Endpoints: ${s.endpoints.length}`, ['Pod', 'Pod IP', 'Node', 'Container port', 'For Service port'], s.endpoints.map((e) => [e.workload ? `${e.pod} (each replica)` : e.pod, e.ip ?? 'assigned at run time', e.node ?? '—', e.port, e.servicePort]))
        : h('p', { class: 'pg-verdict pg-deny' }, 'No endpoints: connections to this Service fail.'),
    s.azure.annotations.length
      ? table('Azure annotations', ['Annotation', 'Value', 'Effect'], s.azure.annotations.map((x) => [x.key.replace('service.beta.kubernetes.io/', ''), x.value, x.known ? x.effect : h('span', { class: 'pg-warn' }, x.effect)]))
      : null,
  );
}

const service: ToolDefinition = {
  id: 'service',
  title: 'Service evaluator',
  description: 'Which pods a Service reaches (endpoints, named ports), who can reach it and how on AKS, and the Azure annotations that change it.',
  inputs: [{ name: 'manifests', label: 'Service, plus the Pods or workloads it selects', language: 'yaml', schema: 'kubernetes', rows: 22, hint: 'Separate documents with ---. Deployments, StatefulSets, DaemonSets and Pods are read for labels and container ports. Paste `kubectl get svc,deploy -A -o yaml` (or -o json) and Helm output as printed: Lists, status and managedFields are read.' }],
  example: { manifests: SERVICE_EXAMPLE },
  run(inputs) {
    const r = resolveService({ manifests: inputs.manifests ?? '' });
    const diagnostics = r.diagnostics.map((d) => ({ ...d, input: 'manifests' }));
    const view = r.services.length ? h('div', null, ...r.services.map(serviceView)) : h('p', { class: 'pg-muted' }, 'No Service in the input.');
    const summary = r.services.length
      ? r.services.map((s) => (s.rejected ? `${s.namespace}/${s.name}: not created (invalid type)` : `${s.namespace}/${s.name}: ${s.type}${s.type === 'LoadBalancer' ? ` (${s.azure.loadBalancer})` : ''}, ${count(s.endpoints.length, 'endpoint')}`)).join('; ')
      : 'No Service';
    return { view, diagnostics, summary };
  },
};

export default service;
