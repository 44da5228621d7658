/** Readable query parameters of the netpol tool (runbook links), and the matrix cells' hooks. */
import { describe, expect, it } from 'vitest';
import tool from '../../../src/components/tools/netpol';
import { parseQuery } from '../../../src/lib/netpol';
import { type VNode } from '../../../src/lib/view/h';

const q = (s: string) => new URLSearchParams(s);

function cells(node: unknown, out: VNode[] = []): VNode[] {
  if (Array.isArray(node)) node.forEach((c) => cells(c, out));
  else if (node && typeof node === 'object' && 'tag' in node) {
    const n = node as VNode;
    if (n.attrs['data-cell'] !== undefined) out.push(n);
    n.children.forEach((c) => cells(c, out));
  }
  return out;
}

describe('netpol fromQuery', () => {
  it('adds from/to/port as the first connection, keeping the example query', () => {
    const set = tool.fromQuery!(q('from=monitoring/prometheus&to=backend/api&port=9090'), tool.example);
    const lines = set.query!.split('\n');
    expect(lines[0]).toBe('monitoring/prometheus -> backend/api:9090');
    expect(set.query).toContain('frontend/web -> backend/api:8080');
    const parsed = parseQuery(set.query!);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.traffic[0]!.traffic).toEqual({ from: 'monitoring/prometheus', to: 'backend/api', port: 9090, protocol: 'TCP' });
    // The tool answers it first, in its summary: prometheus is not web, so denied.
    expect(tool.run({ ...tool.example, query: set.query! }).summary).toMatch(/^monitoring\/prometheus -> backend\/api 9090\/TCP: deny/);
  });

  it('takes a protocol, an address as source, and replaces the ports and engine lines', () => {
    const set = tool.fromQuery!(q('from=203.0.113.7&to=frontend/web&port=53&protocol=udp&ports=80,53/UDP&engine=cilium'), tool.example);
    const parsed = parseQuery(set.query!);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.traffic[0]!.traffic).toEqual({ from: '203.0.113.7', to: 'frontend/web', port: 53, protocol: 'UDP' });
    expect(parsed.ports).toEqual([
      { port: 80, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
    ]);
    expect(parsed.engine).toBe('cilium');
    expect(set.query!.match(/^ports:/gm)).toHaveLength(1);
    expect(set.query!.match(/^engine:/gm)).toHaveLength(1);
  });

  it('reads a value as one bounded line of data', () => {
    const set = tool.fromQuery!(q(`from=${encodeURIComponent('frontend/web\nengine: cilium')}&to=backend/api&port=8080`), tool.example);
    expect(set.query!.split('\n')[0]).toBe('frontend/web engine: cilium -> backend/api:8080');
    expect(parseQuery(set.query!).engine).toBe('kubernetes');
    const long = tool.fromQuery!(q(`engine=${'a'.repeat(100_000)}`), tool.example);
    expect(long.query!.length).toBeLessThan(tool.example.query!.length + 300);
  });

  it('ignores unknown parameters', () => {
    expect(tool.fromQuery!(q('foo=bar'), tool.example)).toEqual({});
  });

  it('documents every parameter it reads', () => {
    expect(Object.keys(tool.queryParams!)).toEqual(expect.arrayContaining(['from', 'to', 'port', 'protocol', 'ports', 'engine']));
  });
});

describe('matrix cell hooks', () => {
  it('every cell carries data-cell="src|dst|port/PROTO" and its verdict', () => {
    const out = tool.run(tool.example);
    const all = cells(out.view);
    // Example: 6 pods, ports 8080 and 5432.
    expect(all).toHaveLength(6 * 6 * 2);
    const byCell = new Map(all.map((c) => [c.attrs['data-cell'], c.attrs['data-verdict']]));
    expect(byCell.get('frontend/web|backend/api|8080/TCP')).toBe('allow');
    expect(byCell.get('monitoring/prometheus|backend/api|8080/TCP')).toBe('deny');
    expect(byCell.get('frontend/web|backend/db|5432/TCP')).toBe('deny');
    expect(byCell.get('backend/api|frontend/web|8080/TCP')).toBe('allow');
  });
});
