/**
 * NSG playground: subnet and/or NIC NSG rules (JSON as `az network nsg rule list`, `nsg show`,
 * `nic list-effective-nsg` or ARM print them) + one flow line → the verdict, the deciding rule of each NSG, and each NSG's rule table
 * (default rules included) with the deciding row highlighted and, per row, why it did or did
 * not match.
 */
import type { Diagnostic } from '../../lib/diagnostics';
import { evaluateFlow, lintNsg, parseFlowLine, type EvaluateFlowResult, type NsgEvaluation, type RuleRow } from '../../lib/nsg';
import { queryText } from '../../lib/query-text';
import { count } from '../../lib/plural';
import { h, type VNode } from '../../lib/view/h';
import { secondary } from '../views/secondary';
import type { ToolDefinition } from './types';

const NSG_NAMES: Record<string, string> = { subnet: 'Subnet NSG', nic: 'NIC NSG', nsg: 'NSG' };

function resultCell(r: RuleRow): VNode {
  if (r.deciding) return h('td', { class: 'nsg-why' }, h('span', { class: r.access === 'Allow' ? 'pg-allow' : 'pg-deny' }, `decides: ${r.access}`), ' — ', r.why);
  if (r.result === 'not-reached') return h('td', { class: 'pg-muted' }, 'not reached');
  if (r.result === 'unknown') return h('td', { class: 'pg-warn nsg-why' }, r.why);
  return h('td', { class: 'pg-muted nsg-why' }, `no: ${r.why}`);
}

function ruleTable(e: NsgEvaluation, position: number, direction: string): VNode {
  // The rule's name first (it stays in view when the table scrolls), its result and access next to it.
  const cols = ['Rule', 'Result', 'Access', 'Priority', 'Source', 'Source ports', 'Destination', 'Destination ports', 'Protocol'];
  const caption = `${NSG_NAMES[e.name] ?? e.name}: ${direction.toLowerCase()} rules${position ? `, processed ${position === 1 ? 'first' : 'second'}` : ''}${e.evaluated ? '' : ' (not evaluated)'}`;
  // Secondary (collapsed on guide pages): the deciding rule of each NSG is listed above the tables.
  return secondary(`rules-${e.name}`, `${caption} (${count(e.rows.length, 'rule')})`, h(
    'table',
    { class: 'pg-table' },
    h('caption', null, caption),
    h('thead', null, h('tr', null, ...cols.map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      null,
      ...e.rows.map((r) =>
        h(
          'tr',
          { class: r.deciding ? 'pg-hit' : null, 'aria-current': r.deciding ? 'true' : null },
          h('th', { scope: 'row', class: 'pg-mono' }, r.name, r.isDefault ? h('span', { class: 'pg-muted' }, ' (default)') : null),
          resultCell(r),
          h('td', null, h('span', { class: r.access === 'Allow' ? 'pg-allow' : 'pg-deny' }, r.access)),
          h('td', { class: 'pg-mono' }, Number.isFinite(r.priority) ? r.priority : '?'),
          h('td', { class: 'pg-mono' }, r.source),
          h('td', { class: 'pg-mono' }, r.sourcePorts),
          h('td', { class: 'pg-mono' }, r.destination),
          h('td', { class: 'pg-mono' }, r.destinationPorts),
          h('td', null, r.protocol),
        ),
      ),
    ),
  ));
}

function decidingList(r: EvaluateFlowResult): VNode {
  return h(
    'dl',
    null,
    ...r.nsgs.flatMap((e) => {
      const d = r.decidedBy.find((x) => x.nsg === e.name);
      return [
        h('dt', null, NSG_NAMES[e.name] ?? e.name),
        h('dd', null, d ? [h('span', { class: 'pg-mono' }, d.ruleId), ` (priority ${d.priority}) → `, h('span', { class: d.access === 'Allow' ? 'pg-allow' : 'pg-deny' }, d.access)] : h('span', { class: 'pg-muted' }, 'not evaluated: the flow was already denied')),
      ];
    }),
  );
}

function view(r: EvaluateFlowResult, direction: string): VNode {
  return h(
    'div',
    null,
    h('p', { class: `pg-verdict ${r.verdict === 'Allow' ? 'pg-allow' : r.verdict === 'Deny' ? 'pg-deny' : 'pg-warn'}` }, r.verdict === 'Allow' ? '✓ Allowed' : r.verdict === 'Deny' ? '✗ Denied' : '? Unknown: a rule that could not be read or resolved might deny it'),
    h('p', null, r.explanation),
    r.conflict
      ? h(
          'details',
          { open: true },
          h('summary', { class: 'pg-warn' }, 'Microsoft sources disagree about a VM with no NSG'),
          h('ul', null, ...r.conflict.readings.map((x) => h('li', null, h('strong', null, x.source), ': ', x.says))),
          h('p', null, 'Applied here: ', r.conflict.applied, '.'),
        )
      : null,
    r.nsgs.length ? h('h4', null, 'Deciding rule per NSG') : null,
    r.nsgs.length ? decidingList(r) : null,
    ...r.nsgs.map((e, i) => ruleTable(e, r.nsgs.length > 1 ? i + 1 : 0, direction)),
    r.nsgs.length > 1 ? h('p', { class: 'pg-muted' }, `Order: ${r.order.map((n) => NSG_NAMES[n] ?? n).join(' → ')} (${direction === 'Inbound' ? 'inbound: subnet first, then NIC' : 'outbound: NIC first, then subnet'}).`) : null,
  );
}

const inputOf = (d: Diagnostic): string => (d.code.startsWith('flow-') || d.field?.startsWith('flow.') || d.code === 'nsg-vnet-assumed' ? 'flow' : 'nsgs');

const EXAMPLE_NSGS = `{
  "subnet": [
    {
      "name": "allow-https-from-internet",
      "priority": 100,
      "direction": "Inbound",
      "access": "Allow",
      "protocol": "Tcp",
      "sourceAddressPrefix": "Internet",
      "sourcePortRange": "*",
      "destinationAddressPrefix": "10.240.0.0/16",
      "destinationPortRange": "443"
    },
    {
      "name": "deny-ssh",
      "priority": 200,
      "direction": "Inbound",
      "access": "Deny",
      "protocol": "Tcp",
      "sourceAddressPrefix": "*",
      "sourcePortRange": "*",
      "destinationAddressPrefix": "*",
      "destinationPortRange": "22"
    }
  ],
  "nic": [
    {
      "name": "allow-web-service-443",
      "description": "Stands in for the rule AKS writes for a LoadBalancer Service",
      "priority": 500,
      "direction": "Inbound",
      "access": "Allow",
      "protocol": "Tcp",
      "sourceAddressPrefix": "Internet",
      "sourcePortRange": "*",
      "destinationAddressPrefix": "10.240.0.0/16",
      "destinationPortRange": "443"
    }
  ]
}`;

// ---- runbook links ------------------------------------------------------------------------

/** A flow endpoint as typed: `10.0.0.4:443`, `[2001:db8::1]:443`, or an address without a port. */
function splitEndpoint(text: string): { ip: string; port?: string } {
  const v6 = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (v6) return { ip: v6[1]!, port: v6[2] };
  const parts = text.split(':');
  // One colon: IPv4 with a port; more: a bare IPv6 address.
  return parts.length === 2 ? { ip: parts[0]!, port: parts[1] } : { ip: text };
}
const joinEndpoint = (ip: string, port: string): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

const FLOW_LINE = /^(\S+)\s+(\S+)\s+(\S+)\s*(?:->|→)\s*(\S+)$/;
const isSettingLine = (line: string): boolean => /^(vnet|tag\s+[\w.-]+)\s*:/i.test(line);
const DIRECTIONS: Record<string, string> = { inbound: 'Inbound', outbound: 'Outbound' };
const PROTOCOLS: Record<string, string> = { tcp: 'Tcp', udp: 'Udp', icmp: 'Icmp', any: '*', '*': '*' };

/**
 * Runbook links: `direction`, `protocol`, `src`, `dst` and `port` change those parts of the
 * flow line, and `vnet` sets the `vnet:` line, keeping the rest of the pane (a `flow`
 * parameter, like any pane name, sets the whole pane first). Values are single-line,
 * space-free and bounded; the engine reports any that are not valid.
 */
export function nsgFlowFromQuery(params: URLSearchParams, current: string): Partial<Record<string, string>> {
  const get = (name: string, max: number) => queryText(params, name, { max, noSpaces: true });
  const direction = get('direction', 16);
  const protocol = get('protocol', 16);
  const src = get('src', 64);
  const dst = get('dst', 64);
  const port = get('port', 16);
  const vnet = queryText(params, 'vnet', { max: 512 });
  const changesFlow = [direction, protocol, src, dst, port].some((v) => v);
  if (!changesFlow && vnet === undefined) return {};
  const lines = current.replace(/\r\n?/g, '\n').split('\n');
  if (changesFlow) {
    const at = lines.findIndex((l) => {
      const t = l.replace(/#.*$/, '').trim();
      return t !== '' && !isSettingLine(t);
    });
    const m = at >= 0 ? FLOW_LINE.exec(lines[at]!.replace(/#.*$/, '').trim()) : null;
    let [d, p, s, t] = m ? [m[1]!, m[2]!, m[3]!, m[4]!] : ['Inbound', 'Tcp', '203.0.113.7:50000', '10.240.0.4:443'];
    if (direction) d = DIRECTIONS[direction.toLowerCase()] ?? direction;
    if (protocol) p = PROTOCOLS[protocol.toLowerCase()] ?? protocol;
    const endpoint = (given: string, old: string, defaultPort: string) => {
      const g = splitEndpoint(given);
      return joinEndpoint(g.ip, g.port ?? splitEndpoint(old).port ?? defaultPort);
    };
    if (src) s = endpoint(src, s, '50000');
    if (dst) t = endpoint(dst, t, '443');
    if (port) t = joinEndpoint(splitEndpoint(t).ip, port);
    const line = `${d} ${p} ${s} -> ${t}`;
    if (at >= 0) lines[at] = line;
    else lines.unshift(line);
  }
  if (vnet !== undefined) {
    const at = lines.findIndex((l) => /^\s*vnet\s*:/i.test(l));
    if (vnet === '') {
      if (at >= 0) lines.splice(at, 1);
    } else if (at >= 0) lines[at] = `vnet: ${vnet}`;
    else {
      while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
      lines.push(`vnet: ${vnet}`);
    }
  }
  return { flow: lines.join('\n') };
}

const nsg: ToolDefinition = {
  id: 'nsg',
  title: 'NSG flow evaluator',
  description: 'Which network security group rule allows or denies a flow — subnet and NIC NSGs, default rules, service tags — like Network Watcher IP flow verify, offline.',
  inputs: [
    { name: 'nsgs', label: 'NSG rules (JSON)', language: 'json', rows: 14, hint: 'Paste `az network nsg rule list -o json`, `az network nsg show -o json`, `az network nic list-effective-nsg`, an ARM/Bicep-exported NSG, or {"subnet": [...], "nic": [...]}. Default rules are added automatically.' },
    { name: 'flow', label: 'Flow', language: 'plaintext', rows: 3, hint: 'Inbound|Outbound Tcp|Udp|Icmp source:port -> destination:port. Optional lines: "vnet: 10.240.0.0/16" and "tag AzureCloud.westeurope: 20.50.0.0/16".' },
  ],
  example: { nsgs: EXAMPLE_NSGS, flow: 'Inbound Tcp 203.0.113.7:50000 -> 10.240.0.4:443\nvnet: 10.240.0.0/16' },
  fromQuery: (params, inputs) => nsgFlowFromQuery(params, inputs.flow ?? ''),
  queryParams: {
    direction: 'Inbound or Outbound, e.g. direction=Outbound.',
    protocol: 'Tcp, Udp, Icmp or * (any), e.g. protocol=Udp.',
    src: 'The source address, with or without a port: src=198.51.100.7 or src=198.51.100.7:50000 (IPv6 as [2001:db8::1]:50000).',
    dst: 'The destination address, with or without a port: dst=10.240.0.4 or dst=10.240.0.4:443.',
    port: 'The destination port, e.g. port=22.',
    vnet: 'The VNet address space (the VirtualNetwork tag), comma-separated, e.g. vnet=10.240.0.0/16; empty removes the line.',
  },
  run(inputs) {
    const line = parseFlowLine(inputs.flow ?? '');
    const lineDiags = line.diagnostics.map((d) => ({ ...d, input: 'flow' }));
    if (!line.flow) {
      const lint = lintNsg({ nsgs: inputs.nsgs ?? '', vnetCidrs: line.vnetCidrs, serviceTags: line.serviceTags });
      return {
        view: h('p', { class: 'pg-muted' }, 'Enter a flow to evaluate, e.g. Inbound Tcp 203.0.113.7:50000 -> 10.240.0.4:443'),
        diagnostics: [...lineDiags, ...lint.diagnostics.map((d) => ({ ...d, input: 'nsgs' }))],
        summary: 'No flow to evaluate',
      };
    }
    const r = evaluateFlow({ nsgs: inputs.nsgs ?? '', flow: line.flow, vnetCidrs: line.vnetCidrs, serviceTags: line.serviceTags });
    // Flow diagnostics without a position belong to the flow line (line 1).
    const diagnostics = [...lineDiags, ...r.diagnostics.map((d) => {
      const input = inputOf(d);
      return input === 'flow' && d.line === undefined ? { ...d, input, line: 1, column: 1 } : { ...d, input };
    })];
    if (!r.valid) return { view: h('p', { class: 'pg-muted' }, r.explanation), diagnostics, summary: r.explanation };
    const last = r.decidedBy[r.decidedBy.length - 1];
    const summary = `${r.verdict === 'unknown' ? `Unknown (allowed only if ${r.unresolved.join(', ')} does not deny it), otherwise allowed` : r.access === 'Allow' ? 'Allowed' : 'Denied'}${last ? ` by ${NSG_NAMES[last.nsg] ?? last.nsg} rule ${last.rule} (${last.priority})` : ' (no NSG)'}: ${line.flow.direction} ${line.flow.protocol} ${line.flow.sourceIp}:${line.flow.sourcePort} -> ${line.flow.destinationIp}:${line.flow.destinationPort}`;
    return { view: view(r, line.flow.direction), diagnostics, summary };
  },
};

export default nsg;
