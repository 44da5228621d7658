/**
 * Every case of tests/vectors/gateway-cases.json (copied unchanged from the shared vectors;
 * each case names its public source: Gateway API conformance tests, the Gateway API and
 * AKS docs, spec-text precedence cases), checked against routeGatewayRequest. `expect`
 * maps a dotted result path to its value; whole objects are compared deeply.
 */
import { describe, expect, it } from 'vitest';
import cases from '../../vectors/gateway-cases.json';
import { routeGatewayRequest, type RouteGatewayInput } from '../../../src/lib/gateway';

interface Case {
  name: string;
  source: string;
  call: string;
  input: RouteGatewayInput;
  expect: Record<string, unknown>;
}

/** The value at a dotted path ("match.backends.0.name"); undefined when a step is missing. */
function at(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

describe('shared Gateway API vectors', () => {
  it('are all routeGatewayRequest cases, each with a source', () => {
    expect((cases as Case[]).length).toBe(53);
    for (const c of cases as Case[]) {
      expect(c.call).toBe('routeGatewayRequest');
      expect(c.source).toMatch(/^https:\/\//);
    }
  });
  for (const c of cases as Case[]) {
    it(c.name, () => {
      const r = routeGatewayRequest(c.input);
      for (const [path, want] of Object.entries(c.expect)) {
        expect(at(r, path), `${path}\n${r.explanation}`).toEqual(want);
      }
      expect(r.diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
    });
  }
});
