/**
 * Every probe of the public Cilium vectors (tests/vectors/cilium-cases.json, copied
 * unchanged from ../shared/vectors; each case names its source) through evaluateTraffic.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateTraffic, type EvaluateInput } from '../../../src/lib/netpol';

interface Case {
  name: string;
  source: string;
  call: 'evaluateTraffic';
  input: EvaluateInput;
  expect: Record<string, 'allow' | 'deny'>;
  notes?: string;
}

const cases = JSON.parse(readFileSync(new URL('../../vectors/cilium-cases.json', import.meta.url), 'utf8')) as Case[];

describe('Cilium vectors', () => {
  it('has every shared case (33), each with a source', () => {
    expect(cases.length).toBe(33);
    for (const c of cases) expect(c.source.length).toBeGreaterThan(5);
  });
  for (const c of cases) {
    it(c.name, () => {
      expect(c.input.engine).toBe('cilium');
      const { results, diagnostics } = evaluateTraffic(c.input);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(results).toHaveLength(c.input.traffic.length);
      for (const [key, expected] of Object.entries(c.expect)) {
        const i = Number(/^results\.(\d+)\.verdict$/.exec(key)![1]);
        const t = c.input.traffic[i]!;
        expect(results[i]!.verdict, `${JSON.stringify(t)}\n${results[i]!.explanation}`).toBe(expected);
      }
    });
  }
});
