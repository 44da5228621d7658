/**
 * The router tool's request pane and runbook query parameters, read as data (the engine
 * owns its query parsing; tools only call it). The pane holds one request line —
 * `GET https://shop.example.com/cart?x=1` (method and scheme optional) — then optional
 * `Header: value` lines and a `gateway: namespace/name` line.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { queryText } from '../query-text';
import type { GatewayRequest } from './types';

const METHOD = /^(GET|HEAD|POST|PUT|DELETE|CONNECT|OPTIONS|TRACE|PATCH)$/i;

export function parseRequestText(text: string): { request?: GatewayRequest; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let url: { line: number; text: string } | undefined;
  const headers: [string, string][] = [];
  let gateway: string | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const at = { line: i + 1, column: 1, endColumn: raw.length + 1 };
    if (!url) {
      url = { line: i + 1, text: line };
      return;
    }
    const h = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/.exec(line);
    if (!h) {
      diagnostics.push(diag('warning', 'request-line-ignored', `"${line}" is ignored: after the request line, write headers as "Name: value" (or "gateway: namespace/name").`, at));
      return;
    }
    if (h[1]!.toLowerCase() === 'gateway') gateway = h[2]!.trim();
    else if (h[1]!.toLowerCase() === 'host') diagnostics.push(diag('info', 'host-in-url', 'The Host header comes from the URL; this line is ignored.', at));
    else headers.push([h[1]!, h[2]!]);
  });
  if (!url) {
    diagnostics.push(diag('error', 'missing-request', 'Write a request, e.g. GET https://shop.example.com/cart (then optional "Header: value" lines).', { line: 1, column: 1 }));
    return { diagnostics };
  }
  const parts = url.text.split(/\s+/);
  let method: string | undefined;
  if (parts.length > 1 && METHOD.test(parts[0]!)) method = parts.shift()!.toUpperCase();
  const target = parts.join('');
  const m = /^(?:(https?):\/\/)?([^/\s?#]*)([/?#]\S*)?$/i.exec(target);
  if (parts.length > 1 || !m || m[2]!.length > 253 || !/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.*_-]*)(:\d{1,5})?$/.test(m[2]!) || (m[1] === undefined && m[3] === undefined && !m[2]!.includes('.'))) {
    diagnostics.push(diag('error', 'invalid-request', `"${url.text}" is not a request such as GET https://shop.example.com/cart.`, { line: url.line, column: 1, endColumn: url.text.length + 1 }));
    return { diagnostics };
  }
  const scheme = m[1]?.toLowerCase() === 'https' ? 'https' : 'http';
  const hostPort = m[2] ?? '';
  const portMatch = /:(\d{1,5})$/.exec(hostPort);
  const port = portMatch ? Number(portMatch[1]) : undefined;
  if (port !== undefined && (port < 1 || port > 65535)) {
    diagnostics.push(diag('error', 'invalid-port', `Port ${port} is not between 1 and 65535.`, { line: url.line, column: 1 }));
    return { diagnostics };
  }
  return {
    request: {
      host: hostPort,
      path: m[3] ?? '/',
      scheme,
      ...(port !== undefined ? { port } : {}),
      ...(method ? { method } : {}),
      // fromEntries defines own properties: a header named __proto__ stays a header.
      ...(headers.length ? { headers: Object.fromEntries(headers) } : {}),
      ...(gateway ? { gateway } : {}),
    },
    diagnostics,
  };
}

/** The request pane text for a request (inverse of parseRequestText). */
export function requestText(r: GatewayRequest): string {
  const url = `${r.scheme ?? 'http'}://${r.host}${r.path.startsWith('/') || r.path.startsWith('?') ? '' : '/'}${r.path}`;
  const lines = [`${r.method ?? 'GET'} ${url}`];
  for (const [k, v] of Object.entries(r.headers ?? {})) lines.push(`${k}: ${v}`);
  if (r.gateway) lines.push(`gateway: ${r.gateway}`);
  return lines.join('\n');
}

/**
 * Runbook links: `host`, `path`, `method`, `gateway` (and `scheme`, `port`) replace those
 * parts of the current request pane; the headers written there are kept.
 */
export function requestFromQuery(params: URLSearchParams, current: string): Partial<Record<string, string>> {
  const get = (n: string): string | undefined => queryText(params, n, { noSpaces: true });
  const host = get('host');
  const path = get('path');
  const method = get('method');
  const gateway = get('gateway');
  const scheme = get('scheme');
  const port = get('port');
  if ([host, path, method, gateway, scheme, port].every((v) => v === undefined)) return {};
  const base = parseRequestText(current).request ?? { host: 'example.com', path: '/' };
  const baseHost = base.host.replace(/:\d+$/, '');
  const next: GatewayRequest = {
    ...base,
    host: `${host ?? baseHost}${port && /^\d{1,5}$/.test(port) ? `:${port}` : base.port !== undefined && !host ? `:${base.port}` : ''}`,
    path: path === undefined ? base.path : path.startsWith('/') ? path : `/${path}`,
    ...(method && METHOD.test(method) ? { method: method.toUpperCase() } : {}),
    ...(scheme === 'http' || scheme === 'https' ? { scheme } : {}),
  };
  if (gateway !== undefined) {
    if (gateway === '') delete next.gateway;
    else next.gateway = gateway;
  }
  return { request: requestText(next) };
}
