/** The trace tool's declaration: runbook query parameters and what the view shows. */
import { describe, expect, it } from 'vitest';
import tool from '../../../src/components/tools/trace';
import { INCIDENTS } from '../../../src/lib/trace';
import { toText } from '../../../src/lib/view/h';

const set = (query: string, inputs = tool.example): Record<string, string> => {
  const changed = tool.fromQuery!(new URLSearchParams(query), inputs);
  return { ...inputs, ...Object.fromEntries(Object.entries(changed).filter((e): e is [string, string] => typeof e[1] === 'string')) };
};

describe('trace tool', () => {
  it('from, to and port rewrite the connection pane, keeping what is not given', () => {
    const s = set('to=service:shop/web&port=443');
    expect(s.connection).toBe('from: internet:203.0.113.7\nto: service:shop/web\nport: 443');
    const out = tool.run(s);
    expect(out.summary).toContain('Blocked at load-balancer');
  });

  it('a value cannot add lines to the pane; a port that is not a number is reported, not dropped', () => {
    const s = set('from=internet:198.51.100.1%0Ahttp:%20x&port=abc');
    expect((s.connection ?? "").split('\n').filter((l) => l.startsWith('from:'))).toEqual(['from: internet:198.51.100.1http:x']);
    const out = tool.run(s);
    expect(out.diagnostics.some((d) => d.code === 'trace-invalid-port' && d.input === 'connection')).toBe(true);
  });

  it('example= opens an incident with its connection', () => {
    const s = set('example=incident-private-dns');
    expect(s.environment).toBe(INCIDENTS.find((i) => i.id === 'incident-private-dns')!.start);
    expect(tool.run(s).summary).toContain('Blocked at private-dns');
  });

  it('the view names every hop with its verdict word, and the blocking one with its rule and fix', () => {
    const out = tool.run(set('example=incident-byo-nsg'));
    const text = toText(out.view);
    expect(text).toContain('1. load-balancer passes');
    expect(text).toContain('2. nsg blocks');
    expect(text).toContain('Rule: DenyAllInBound (priority 65500)');
    expect(text).toMatch(/Fix: Add an inbound allow/);
  });
});
