import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateWafRequest, type WafRequest } from '../../../src/lib/waf';
import { DELETE, garbage, notMorePermissive, runs, withField } from './corrupt';

const RANK = { Allow: 1, Log: 1, None: 1, Block: 0 } as const;

const condition = fc.oneof(
  fc.record({ matchVariables: fc.constant([{ variableName: 'RemoteAddr' }]), operator: fc.constant('IPMatch'), negationConditon: fc.boolean(), matchValues: fc.constantFrom(['203.0.113.0/24'], ['198.51.100.0/24', '10.0.0.0/8']) }),
  fc.record({ matchVariables: fc.constant([{ variableName: 'RequestUri' }]), operator: fc.constantFrom('Contains', 'BeginsWith'), negationConditon: fc.boolean(), matchValues: fc.constantFrom(['/admin'], ['/api', '/login']) }),
  fc.record({ matchVariables: fc.constant([{ variableName: 'RequestHeaders', selector: 'User-Agent' }]), operator: fc.constant('Contains'), negationConditon: fc.boolean(), matchValues: fc.constant(['bot']), transforms: fc.constant(['Lowercase']) }),
);
const rule = fc.record({
  priority: fc.integer({ min: 1, max: 100 }),
  ruleType: fc.constant('MatchRule'),
  state: fc.constant('Enabled'),
  action: fc.constantFrom('Allow', 'Block', 'Log'),
  matchConditions: fc.array(condition, { minLength: 1, maxLength: 2 }),
});
const rules = fc.uniqueArray(rule, { minLength: 1, maxLength: 4, selector: (r) => r.priority }).map((rs) => rs.map((r, i) => ({ name: `r${i}`, ...r })));
const request: fc.Arbitrary<WafRequest> = fc.record({
  method: fc.constant('GET'),
  url: fc.constantFrom('/', '/admin/users', '/api/x'),
  headers: fc.constantFrom({ 'User-Agent': 'Mozilla/5.0' }, { 'User-Agent': 'EvilBot/1.0' }),
  remoteAddr: fc.constantFrom('203.0.113.9', '198.51.100.7', '10.1.2.3'),
});
const RULE_FIELDS = ['priority', 'action', 'state', 'ruleType', 'matchConditions'];
const COND_FIELDS = ['operator', 'matchVariables', 'matchValues', 'negationConditon'];

describe('WAF evaluation fails closed', () => {
  it('a corrupted rule or condition field never lets a request through that the field valid or removed would block', () => {
    fc.assert(
      fc.property(rules, request, fc.nat(), fc.oneof(fc.constantFrom(...RULE_FIELDS).map((f) => [f]), fc.constantFrom(...COND_FIELDS).map((f) => ['matchConditions', 0, f])), garbage, (rs, req, which, path, bad) => {
        const i = which % rs.length;
        const run = (list: unknown) => evaluateWafRequest({ policy: JSON.stringify({ policySettings: { mode: 'Prevention' }, customRules: list }), request: req });
        const valid = run(rs);
        const removed = run(withField(rs, [i, ...path], DELETE));
        const corrupted = run(withField(rs, [i, ...path], bad));
        expect(notMorePermissive(RANK, corrupted.verdict, valid.verdict, removed.verdict)).toBe(true);
        expect(corrupted.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('customRules that cannot be read never pass a request', () => {
    fc.assert(
      fc.property(request, garbage, (req, bad) => {
        const r = evaluateWafRequest({ policy: JSON.stringify({ policySettings: { mode: 'Prevention' }, customRules: bad }), request: req });
        expect(r.verdict === 'unknown' || r.verdict === 'Block').toBe(true);
      }),
      { numRuns: runs },
    );
  });
});
