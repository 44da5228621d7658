/**
 * The query language of the policy playground, owned by the engine so that tools, tests
 * and runbook automation read it one way: one connection per line
 * ("frontend/web -> backend/api:8080/TCP"), a "ports:" line for the matrix columns and an
 * "engine:" line. A destination may be a DNS name, with the address it resolves to in
 * parentheses ("frontend/web -> api.github.com (140.82.112.5):443"), and a connection may
 * carry an HTTP request after the port ("…:8080/TCP GET /admin X-Token:abc").
 * Also the matrix's default columns when no "ports:" line is given.
 */
import { diag, type Diagnostic } from '../diagnostics';
import type { ClusterIndex } from './cluster';
import type { TableColumn } from './table';
import { ENGINES, PROTOCOLS, type Engine, type HttpRequest, type Protocol, type Traffic } from './types';

export interface Query {
  engine: Engine;
  ports: TableColumn[];
  /** Each connection with the 1-based line it was written on. */
  traffic: { traffic: Traffic; line: number }[];
  /** Positions refer to the query text (`input: 'query'`). */
  diagnostics: Diagnostic[];
}

const PORT_RE = /^([A-Za-z0-9][-A-Za-z0-9]*)(?:\/([A-Za-z]+))?$/;

/** Reads "8080/TCP", "53/UDP" or "http"; on bad input appends a diagnostic to `out` and returns undefined. */
function readPort(text: string, line: number, column: number, out: Diagnostic[]): TableColumn | undefined {
  const m = PORT_RE.exec(text.trim());
  const at = { line, column, endLine: line, endColumn: column + text.length, input: 'query' };
  if (!m) {
    out.push(diag('error', 'query-port', `"${text.trim()}" is not a port: write a number or a port name, optionally with /TCP, /UDP or /SCTP (e.g. 8080/TCP, 53/UDP, http).`, at));
    return undefined;
  }
  const protocol = (m[2] ?? 'TCP').toUpperCase() as Protocol;
  if (!PROTOCOLS.includes(protocol)) {
    out.push(diag('error', 'query-protocol', `"${m[2]}" is not TCP, UDP or SCTP — the only protocols NetworkPolicy defines (for ICMP and others, behaviour depends on the network plugin).`, at));
    return undefined;
  }
  const port = /^\d+$/.test(m[1]!) ? Number(m[1]) : m[1]!;
  if (typeof port === 'number' && (port < 1 || port > 65535)) {
    out.push(diag('error', 'query-port', `Port ${port} is not from 1 to 65535.`, at));
    return undefined;
  }
  return { port, protocol };
}

/** Reads "GET /admin X-Token:abc" after a port; on bad input appends a diagnostic to `out` and returns undefined. */
function readRequest(words: string[], line: number, column: number, out: Diagnostic[]): HttpRequest | undefined {
  const [method = '', path = '', ...headerWords] = words;
  const at = { line, column, input: 'query' };
  if (!/^[A-Z]+$/.test(method) || !path.startsWith('/')) {
    out.push(diag('error', 'query-http', `After the port, write an HTTP request as METHOD /path, optionally with headers as Name:value (e.g. backend/api:8080/TCP GET /admin X-Token:abc); found "${words.join(' ')}".`, at));
    return undefined;
  }
  const headers: Record<string, string> = {};
  for (const w of headerWords) {
    const i = w.indexOf(':');
    if (i <= 0) {
      out.push(diag('error', 'query-http', `"${w}" is not a header: write Name:value without spaces (e.g. X-My-Header:true).`, at));
      return undefined;
    }
    headers[w.slice(0, i)] = w.slice(i + 1);
  }
  return { method, path, ...(headerWords.length ? { headers } : {}) };
}

/** Parses the query pane. Never throws; every unreadable line becomes a diagnostic. */
export function parseQuery(text: string): Query {
  const q: Query = { engine: 'kubernetes', ports: [], traffic: [], diagnostics: [] };
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const content = raw.replace(/#.*$/, '');
    if (content.trim() === '') return;
    const indent = content.length - content.trimStart().length;
    const directive = /^\s*(ports|engine)\s*:\s*(.*)$/i.exec(content);
    if (directive) {
      const key = directive[1]!.toLowerCase();
      const value = directive[2]!;
      const valueColumn = content.length - value.length + 1;
      if (key === 'engine') {
        const e = value.trim() as Engine;
        if (ENGINES.includes(e)) q.engine = e;
        else q.diagnostics.push(diag('error', 'query-engine', `Unknown engine "${value.trim()}"; use ${ENGINES.join(', ')}.`, { line, column: valueColumn, input: 'query' }));
        return;
      }
      let col = valueColumn;
      for (const part of value.split(',')) {
        if (part.trim()) {
          const p = readPort(part, line, col + (part.length - part.trimStart().length), q.diagnostics);
          if (p) q.ports.push(p);
        }
        col += part.length + 1;
      }
      return;
    }
    const arrow = content.indexOf('->');
    if (arrow < 0) {
      q.diagnostics.push(diag('error', 'query-syntax', 'Write a connection as "source -> destination:port", e.g. frontend/web -> backend/api:8080/TCP, or a "ports:" or "engine:" line.', { line, column: indent + 1, input: 'query' }));
      return;
    }
    const from = content.slice(0, arrow).trim().replace(/^\[(.*)\]$/, '$1');
    const rest = content.slice(arrow + 2).trim();
    // IPv6 destinations in brackets: [fd00::1]:80; a name with its address: api.github.com (140.82.112.5):443
    const named = /^([^\s:()[\]]+)\s*\(\s*([^)\s]+)\s*\)\s*:(.+)$/.exec(rest);
    const m = named ? [named[0], named[1], named[3]] : (/^\[([^\]]+)\]:(.+)$/.exec(rest) ?? /^([^:\s]+)\s*:(.+)$/.exec(rest));
    if (!from || !m) {
      q.diagnostics.push(diag('error', 'query-syntax', 'The destination needs a port: "namespace/pod:port" (IPv6: "[fd00::1]:80"; a DNS name: "api.github.com:443" or "api.github.com (140.82.112.5):443").', { line, column: arrow + 3, input: 'query' }));
      return;
    }
    const [portText = '', ...request] = m[2]!.trim().split(/\s+/);
    const portColumn = content.indexOf(portText, arrow) + 1;
    const port = readPort(portText, line, portColumn, q.diagnostics);
    if (!port) return;
    const traffic: Traffic = { from, to: m[1]!.trim(), port: port.port, protocol: port.protocol, ...(named ? { resolvesTo: named[2]! } : {}) };
    if (request.length) {
      const http = readRequest(request, line, portColumn + portText.length + 1, q.diagnostics);
      if (!http) return;
      traffic.http = http;
    }
    q.traffic.push({ traffic, line });
  });
  return q;
}

/** Matrix columns without a "ports:" line: the first three distinct declared container ports, else 80/TCP. */
export function defaultMatrixPorts(cluster: ClusterIndex): TableColumn[] {
  const seen = new Map<string, TableColumn>();
  for (const p of cluster.pods) for (const x of p.ports) if (seen.size < 3) seen.set(`${x.port}/${x.protocol}`, { port: x.port, protocol: x.protocol });
  return seen.size ? [...seen.values()] : [{ port: 80, protocol: 'TCP' }];
}

/** DNS-name destinations of the query's connections (for the matrix's extra columns), first mention wins. */
export function queryNames(q: Query): { name: string; resolvesTo?: string }[] {
  const seen = new Map<string, { name: string; resolvesTo?: string }>();
  for (const { traffic: t } of q.traffic) {
    const to = typeof t.to === 'string' ? t.to : '';
    if (to.includes('/') || !/[a-zA-Z_]/.test(to) || to.includes(':') || seen.has(to.toLowerCase())) continue;
    seen.set(to.toLowerCase(), { name: to, ...(t.resolvesTo ? { resolvesTo: t.resolvesTo } : {}) });
  }
  return [...seen.values()];
}
