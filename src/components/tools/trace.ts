/**
 * Connection tracer playground: an environment (az outputs and Kubernetes objects pasted as
 * they are) and a connection (from, to, port) → the hops it crosses, as a picture. The engine
 * (lib/trace) owns the reading of both panes and the wording; this declaration only shows it.
 */
import { connectionText, headline, INCIDENTS, readConnectionText, traceConnection, WORKED_EXAMPLES } from '../../lib/trace';
import { queryText } from '../../lib/query-text';
import { tracePicture } from '../views/trace';
import type { ToolDefinition } from './types';

const first = WORKED_EXAMPLES[0]!;

const trace: ToolDefinition = {
  id: 'trace',
  title: 'Connection tracer',
  description: 'Follow one connection through every layer of an AKS environment — load balancer, NSGs, routes, firewall, App Gateway and WAF, Service, ingress or gateway, NetworkPolicy, the pod — and see where it stops and why.',
  inputs: [
    { name: 'environment', label: 'Environment (az … -o json and kubectl get … -o yaml, separated by ---)', language: 'yaml', schema: 'kubernetes', rows: 18, hint: 'az aks show, vnet show, nsg show, route-table show, firewall show or the kind: AzureFirewall form, application-gateway show and its WAF policy, public-ip show; Nodes, Pods, Services, Ingress/HTTPRoute, NetworkPolicies. What is missing is assumed as AKS does by default.' },
    { name: 'connection', label: 'Connection', language: 'yaml', rows: 3, hint: 'from / to: internet:IP, vm:IP, node:NAME, pod:NS/NAME, service:NS/NAME, https://host/path, fqdn:NAME, api-server, or an IP; port; optional http: { host, path, headers }.' },
  ],
  example: { environment: first.environment, connection: connectionText(first) },
  fromQuery(params, inputs) {
    const out: Partial<Record<string, string>> = {};
    // example=<id>: a worked environment of "Follow a packet" or an incident's broken one, with its connection.
    const example = queryText(params, 'example', { max: 64, noSpaces: true });
    const worked = WORKED_EXAMPLES.find((e) => e.id === example);
    const incident = INCIDENTS.find((i) => i.id === example);
    if (worked) Object.assign(out, { environment: worked.environment, connection: connectionText(worked) });
    else if (incident) Object.assign(out, { environment: incident.start, connection: connectionText(incident.cases[0]!.connection) });
    const from = queryText(params, 'from', { max: 300, noSpaces: true });
    const to = queryText(params, 'to', { max: 300, noSpaces: true });
    const port = queryText(params, 'port', { max: 5, noSpaces: true });
    if (from === undefined && to === undefined && port === undefined) return out;
    const current = readConnectionText(out.connection ?? inputs.connection ?? '').connection;
    const text = connectionText({ from: from ?? current.from, to: to ?? current.to, ...(port !== undefined ? { port: /^\d+$/.test(port) ? Number(port) : undefined } : current.port !== undefined ? { port: current.port } : {}) });
    out.connection = port !== undefined && !/^\d+$/.test(port) && port !== '' ? `${text}\nport: ${JSON.stringify(port)}` : text;
    return out;
  },
  queryParams: {
    from: 'Where the connection starts, e.g. from=internet:203.0.113.7 or from=pod:shop/web-7f9c.',
    to: 'Where it goes, e.g. to=service:shop/web, to=https://shop.contoso.com/cart or to=api-server.',
    port: 'The destination port, e.g. port=443 (URLs default to 443 or 80).',
    example: `A prepared environment: ${[...WORKED_EXAMPLES.map((e) => e.id), ...INCIDENTS.map((i) => i.id)].join(', ')}; from/to/port then change its connection.`,
    environment: 'The whole environment text (long: use Copy link, which keeps it compressed in the fragment).',
  },
  run(inputs) {
    const conn = readConnectionText(inputs.connection ?? '');
    const r = traceConnection({ environment: inputs.environment ?? '', connection: conn.connection });
    const diagnostics = [
      ...conn.diagnostics.map((d) => ({ ...d, input: 'connection' })),
      ...r.diagnostics.filter((d) => !(d.field?.startsWith('connection.') && conn.diagnostics.some((c) => c.code === d.code))).map((d) => ({ ...d, input: d.field?.startsWith('connection.') ? 'connection' : 'environment' })),
    ];
    return { view: tracePicture(r, conn.connection.from || '?'), diagnostics, summary: `${conn.connection.from || '?'} → ${conn.connection.to || '?'}: ${headline(r)}` };
  },
};

export default trace;
