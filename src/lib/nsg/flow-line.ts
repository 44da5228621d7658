/**
 * Reads a flow written as one line, the way Network Watcher's IP flow verify asks for it:
 *   Inbound Tcp 203.0.113.7:50000 -> 10.240.0.4:443
 *   Outbound Udp [2001:db8::4]:5000 -> [2001:db8:1::9]:53
 * and optional lines `vnet: 10.240.0.0/16, 10.241.0.0/16` and `tag AzureCloud.westeurope: 20.50.0.0/16, …`.
 * Lines starting with # are comments.
 */
import { parseCidr } from '../cidr/ip';
import { diag, type Diagnostic } from '../diagnostics';
import type { Flow } from './match';

export interface FlowLine {
  flow?: Flow;
  vnetCidrs?: string[];
  serviceTags: Record<string, string[]>;
  diagnostics: Diagnostic[];
}

const ENDPOINT = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+)):(\d{1,5}|\*)$/;

function endpoint(text: string): { ip: string; port: number } | undefined {
  const m = ENDPOINT.exec(text);
  if (!m) return undefined;
  const port = m[3] === '*' ? 0 : Number(m[3]);
  if (port > 65535) return undefined;
  return { ip: (m[1] ?? m[2])!, port };
}

export function parseFlowLine(text: string): FlowLine {
  const diagnostics: Diagnostic[] = [];
  const serviceTags: Record<string, string[]> = {};
  let flow: Flow | undefined;
  let vnetCidrs: string[] | undefined;
  const lines = String(text ?? '').slice(0, 100_000).split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const pos = { line: i + 1, column: raw.indexOf(line.charAt(0)) + 1, endLine: i + 1, endColumn: raw.length + 1 };
    const kv = /^(vnet|tag\s+([\w.-]+))\s*:\s*(.*)$/i.exec(line);
    if (kv) {
      const list = kv[3]!.split(/[\s,]+/).filter(Boolean);
      for (const c of list) {
        const r = parseCidr(c, { strict: false, allowBareIp: true });
        if (!r.ok) diagnostics.push(diag('error', 'flow-invalid-cidr', `"${c}" is not a valid range: ${r.reason}.`, { ...pos, column: raw.indexOf(c) + 1, endColumn: raw.indexOf(c) + c.length + 1 }));
      }
      if (kv[2]) serviceTags[kv[2]] = list;
      else vnetCidrs = [...(vnetCidrs ?? []), ...list];
      return;
    }
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s*(?:->|→)\s*(\S+)$/.exec(line);
    if (!m) {
      diagnostics.push(diag('error', 'flow-syntax', 'Write the flow as: Inbound|Outbound Tcp|Udp|Icmp|* source:port -> destination:port (IPv6 in brackets, e.g. [2001:db8::1]:443).', pos));
      return;
    }
    if (flow) {
      diagnostics.push(diag('warning', 'flow-extra-line', 'Only one flow is evaluated; this line is ignored.', pos));
      return;
    }
    const direction = /^inbound$/i.test(m[1]!) ? 'Inbound' : /^outbound$/i.test(m[1]!) ? 'Outbound' : undefined;
    const protocol = ({ tcp: 'Tcp', udp: 'Udp', icmp: 'Icmp', '*': '*', any: '*' } as const)[m[2]!.toLowerCase() as 'tcp'];
    const src = endpoint(m[3]!);
    const dst = endpoint(m[4]!);
    const col = (s: string) => ({ ...pos, column: raw.indexOf(s) + 1, endColumn: raw.indexOf(s) + s.length + 1 });
    if (!direction) diagnostics.push(diag('error', 'flow-invalid-direction', `"${m[1]}" should be Inbound or Outbound.`, col(m[1]!)));
    if (!protocol) diagnostics.push(diag('error', 'flow-invalid-protocol', `"${m[2]}" should be Tcp, Udp, Icmp or *.`, col(m[2]!)));
    if (!src) diagnostics.push(diag('error', 'flow-invalid-endpoint', `"${m[3]}" should be address:port (IPv6 as [address]:port).`, col(m[3]!)));
    if (!dst) diagnostics.push(diag('error', 'flow-invalid-endpoint', `"${m[4]}" should be address:port (IPv6 as [address]:port).`, col(m[4]!)));
    if (direction && protocol && src && dst) {
      flow = { direction, protocol, sourceIp: src.ip, sourcePort: src.port, destinationIp: dst.ip, destinationPort: dst.port };
    }
  });
  if (!flow && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push(diag('error', 'flow-missing', 'No flow given. Example: Inbound Tcp 203.0.113.7:50000 -> 10.240.0.4:443', { line: 1, column: 1 }));
  }
  return { flow, vnetCidrs, serviceTags, diagnostics };
}
