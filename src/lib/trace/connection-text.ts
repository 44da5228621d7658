/**
 * The connection as the trace tool's second pane writes it (YAML), and back:
 *
 *   from: internet:203.0.113.7
 *   to: service:shop/web
 *   port: 80                 # optional; URLs default to 443 / 80
 *   protocol: TCP            # optional
 *   http: { method: GET, host: shop.contoso.com, path: /cart, headers: { User-Agent: curl/8 } }
 *
 * Problems become diagnostics at their line. Pure; never throws.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { parseYamlValue } from '../yaml';
import type { Connection } from './types';

const KEYS = ['from', 'to', 'port', 'protocol', 'http'];
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readConnectionText(text: string): { connection: Connection; diagnostics: Diagnostic[] } {
  const parsed = parseYamlValue(text);
  const diagnostics = [...parsed.diagnostics];
  const doc = parsed.document;
  const connection: Connection = { from: '', to: '' };
  if (!doc) return { connection, diagnostics };
  const v = doc.value;
  if (!isObj(v)) {
    diagnostics.push(diag('error', 'trace-connection-shape', 'Write the connection as from:, to: and optionally port:, e.g. "from: internet:203.0.113.7" and "to: service:shop/web".', doc.at([])));
    return { connection, diagnostics };
  }
  for (const k of Object.keys(v)) if (!KEYS.includes(k)) diagnostics.push(diag('warning', 'trace-connection-key', `"${k}" is not read here; the keys are ${KEYS.join(', ')}.`, doc.keyAt([k])));
  const endpoint = (k: 'from' | 'to') => {
    const e = v[k];
    if (typeof e === 'string') connection[k] = e;
    else if (e !== undefined) diagnostics.push(diag('error', 'trace-connection-shape', `${k} must be text such as internet:203.0.113.7 (quote it if YAML reads it otherwise).`, doc.at([k])));
  };
  endpoint('from');
  endpoint('to');
  if (v.port !== undefined) {
    if (typeof v.port === 'number' && Number.isInteger(v.port) && v.port >= 1 && v.port <= 65535) connection.port = v.port;
    else diagnostics.push(diag('error', 'trace-invalid-port', `port must be a whole number from 1 to 65535 (found ${JSON.stringify(v.port)}).`, doc.at(['port'])));
  }
  if (v.protocol !== undefined) {
    const p = String(v.protocol).toUpperCase();
    if (p === 'TCP' || p === 'UDP') connection.protocol = p;
    else diagnostics.push(diag('error', 'trace-invalid-protocol', `protocol must be TCP or UDP (found ${JSON.stringify(v.protocol)}).`, doc.at(['protocol'])));
  }
  if (v.http !== undefined) {
    if (!isObj(v.http)) diagnostics.push(diag('error', 'trace-connection-shape', 'http must be a mapping: { method, host, path, headers }.', doc.at(['http'])));
    else {
      const h = v.http;
      const http: NonNullable<Connection['http']> = {};
      if (typeof h.method === 'string') http.method = h.method;
      if (typeof h.host === 'string') http.host = h.host;
      if (typeof h.path === 'string') http.path = h.path;
      if (isObj(h.headers)) http.headers = Object.fromEntries(Object.entries(h.headers).map(([k, x]) => [k, String(x)]));
      connection.http = http;
    }
  }
  return { connection, diagnostics };
}

/** The pane text for a connection (used by runbook links and the guide's prepared traces). */
export function connectionText(c: Pick<Connection, 'from' | 'to' | 'port'>): string {
  const q = (s: string): string => (/^[\w.:/@-]+$/.test(s) ? s : JSON.stringify(s));
  return [`from: ${q(c.from)}`, `to: ${q(c.to)}`, ...(c.port !== undefined ? [`port: ${c.port}`] : [])].join('\n');
}
