/**
 * Every case of tests/vectors/waf-cases.json (copied unchanged from ../shared/vectors;
 * its `source` fields cite the Microsoft docs each case comes from).
 */
import { describe, expect, it } from 'vitest';
import cases from '../../vectors/waf-cases.json';
import { evaluateWafRequest, type WafRequest } from '../../../src/lib/waf';

type Json = Record<string, unknown>;

/** A vector's request (partial) → a full request; defaults touch no rule of the vectors. */
function toRequest(r: Json): WafRequest {
  const headers = (r.headers as Record<string, string>) ?? { Host: 'shop.example.com', 'User-Agent': 'Mozilla/5.0' };
  return {
    method: (r.method as string) ?? 'GET',
    url: (r.uri as string) ?? (r.query ? `/?${r.query as string}` : '/'),
    headers,
    remoteAddr: (r.remoteAddr as string) ?? '198.51.100.7',
    ...(r.clientGeo ? { country: r.clientGeo as string } : {}),
  };
}

const policyOf = (rules: unknown[], mode?: string, extra: Json = {}) => JSON.stringify({ ...(mode ? { policySettings: { mode } } : {}), customRules: rules, ...extra }, null, 2);

/** Vector expectations in words → the evaluator's action. */
function expectedAction(expect: string): string {
  if (/^Block/.test(expect)) return 'Block';
  if (/^Allow/.test(expect)) return 'Allow';
  if (/^NoCustomMatch/.test(expect)) return 'None';
  if (/^Log|^Logged/.test(expect)) return 'Log';
  throw new Error(`unmapped expectation ${expect}`);
}

describe('the docs\' custom-rule examples (customRuleDocExamples)', () => {
  for (const ex of cases.customRuleDocExamples as Json[]) {
    const rules = (ex.rules as unknown[]) ?? [ex.rule];
    (ex.cases as Json[]).forEach((c, i) => {
      it(`${ex.id as string} case ${i + 1}: ${c.expect as string}`, () => {
        const r = evaluateWafRequest({ policy: policyOf(rules, c.mode as string | undefined), request: toRequest(c.request as Json) });
        expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(r.action).toBe(expectedAction(c.expect as string));
        if (c.expectRule) expect(r.decidedBy).toBe(c.expectRule);
        if (r.action === 'Block') expect(r.statusCode).toBe(403);
        if (r.action === 'None') expect(r.decidedBy).toBeUndefined();
      });
    });
  }
});

/** Turns the vectors' shorthand ("RequestHeaders[X-Bad] Any", "QueryString Contains 'union'") into a condition. */
function condOf(text: string): Json {
  const m = /^(\w+)(?:\[([^\]]+)\])?\s+(\w+)(?:\s+'?([^']*)'?)?$/.exec(text);
  if (!m) throw new Error(`bad shorthand ${text}`);
  return {
    matchVariables: [{ variableName: m[1], ...(m[2] ? { selector: m[2] } : {}) }],
    operator: m[3],
    negationConditon: false,
    matchValues: m[4] === undefined ? [] : [m[4]],
  };
}

describe('evaluation order (orderingVectors)', () => {
  const byId = Object.fromEntries((cases.orderingVectors as Json[]).map((v) => [v.id, v]));
  const run = (v: Json, extra: Json = {}, assume: { ruleId: string }[] = []) => {
    const rules = (v.rules as Json[]).map((r) => ({ name: r.name, priority: r.priority, ruleType: 'MatchRule', action: r.action, ...(r.state ? { state: r.state } : {}), matchConditions: [condOf(r.cond as string)] }));
    return evaluateWafRequest({ policy: policyOf(rules, v.mode as string | undefined, extra), request: toRequest(v.request as Json), assumeManagedMatches: assume });
  };

  it('ord-1: Allow skips later custom rules and the managed rules', () => {
    // The vector says the managed rules would score 10: assume two Critical matches.
    const managed = { managedRules: { managedRuleSets: [{ ruleSetType: 'OWASP', ruleSetVersion: '3.2' }] } };
    const r = run(byId['ord-1'], managed, [{ ruleId: '942100' }, { ruleId: '941100' }]);
    expect(r.action).toBe('Allow');
    expect(r.decidedBy).toBe('allowPartner');
    expect(r.managed).toBeUndefined();
    expect(r.evaluated.find((e) => e.rule === 'blockSqlWord')?.effect).toBe('not-evaluated');
  });
  it('ord-1 control: without the Allow rule the same request is blocked by rule 10', () => {
    const v = { ...byId['ord-1'], rules: [(byId['ord-1']!.rules as Json[])[1]] };
    expect(run(v).decidedBy).toBe('blockSqlWord');
  });
  it('ord-2: priority 40 is evaluated before priority 80', () => {
    const r = run(byId['ord-2']);
    expect(r.action).toBe('Block');
    expect(r.decidedBy).toBe('r40');
  });
  it('ord-3: a Log rule lets the rest run; the later Block rule decides', () => {
    const r = run(byId['ord-3']);
    expect(r.action).toBe('Block');
    expect(r.decidedBy).toBe('blockX');
    expect(r.logged).toEqual(['logAll']);
  });
  it('ord-4: in Detection mode a Block rule is logged, not blocked', () => {
    const r = run(byId['ord-4']);
    expect(r.action).toBe('Log');
    expect(r.decidedBy).toBe('blockX');
    expect(r.statusCode).toBeUndefined();
  });
  it('ord-5: a disabled rule is not evaluated', () => {
    const r = run(byId['ord-5']);
    expect(r.action).toBe('None');
    expect(r.evaluated[0]!.effect).toBe('disabled');
  });
});

describe('managed-rule anomaly scoring (anomalyScoring), via the demonstration', () => {
  const managed = (version = '3.2') => ({ managedRules: { managedRuleSets: [{ ruleSetType: 'OWASP', ruleSetVersion: version }] } });
  for (const v of cases.anomalyScoring as Json[]) {
    const matched = v.matched as Json[];
    if (matched.some((m) => m.excludedByExclusion)) continue; // as-10 below
    it(`${v.id as string}: score ${v.score as number} in ${v.mode as string} → ${v.expect as string}`, () => {
      // Use the vector's severity word (the first word: as-4 annotates 942130's).
      const assume = matched.map((m) => ({ ...(m.ruleId ? { ruleId: m.ruleId as string } : {}), severity: (m.severity as string).split(' ')[0]! }));
      const r = evaluateWafRequest({ policy: policyOf([], v.mode as string, managed()), request: toRequest({}), assumeManagedMatches: assume });
      expect(r.managed?.score).toBe(v.score);
      const blocked = /^Blocked/.test(v.expect as string);
      const detected = /^Detected/.test(v.expect as string);
      expect(r.action).toBe(blocked ? 'Block' : detected ? 'Log' : 'None');
      if (blocked || detected) expect(r.decidedBy).toMatch(/^949110/);
    });
  }
  it('as-10: a Critical match on an excluded attribute does not count (demo check 913100 on an excluded User-Agent)', () => {
    const v = (cases.anomalyScoring as Json[]).find((x) => x.id === 'as-10')!;
    const exclusions = [{ matchVariable: 'RequestHeaderValues', selectorMatchOperator: 'Equals', selector: 'User-Agent' }];
    const policy = policyOf([], v.mode as string, { managedRules: { managedRuleSets: [{ ruleSetType: 'OWASP', ruleSetVersion: '3.2' }], exclusions } });
    const request = toRequest({ headers: { Host: 'shop.example.com', 'User-Agent': 'sqlmap/1.7' } });
    const r = evaluateWafRequest({ policy, request });
    expect(r.managed?.score).toBe(v.score);
    expect(r.action).toBe('None');
    // Control: the same request without the exclusion scores 5 and is blocked.
    const control = evaluateWafRequest({ policy: policyOf([], 'Prevention', managed()), request });
    expect(control.managed?.score).toBe(5);
    expect(control.action).toBe('Block');
  });
  it('the troubleshooting log sample: 920350 (Host is an IP) + 942130 → "Total Score: 8", blocked', () => {
    const request = toRequest({ headers: { Host: '203.0.113.10', 'User-Agent': 'Mozilla/5.0' } });
    const r = evaluateWafRequest({ policy: policyOf([], 'Prevention', managed()), request, assumeManagedMatches: [{ ruleId: '942130' }] });
    expect(r.managed?.matches.map((m) => m.ruleId).sort()).toEqual(['920350', '942130']);
    expect(r.managed?.score).toBe(8);
    expect(r.action).toBe('Block');
  });
  it('CRS 3.1 and below block a matching request without scoring', () => {
    const r = evaluateWafRequest({ policy: policyOf([], 'Prevention', managed('3.1')), request: toRequest({}), assumeManagedMatches: [{ severity: 'Notice' }] });
    expect(r.managed?.scoring).toBe('block-on-match');
    expect(r.action).toBe('Block');
  });
});

describe('exclusions (exclusionExamples), as far as the demonstration models them', () => {
  const ex = cases.exclusionExamples;
  const scanner = toRequest({ headers: { Host: 'shop.example.com', 'User-Agent': 'nikto' } });
  const withExclusion = (e: Json) =>
    evaluateWafRequest({ policy: policyOf([], 'Prevention', { managedRules: { managedRuleSets: [{ ruleSetType: 'OWASP', ruleSetVersion: '3.2' }], exclusions: [e] } }), request: scanner });

  it('per-rule example: excluding User-Agent from 942150 and 942410 leaves 913100 counting', () => {
    const r = withExclusion(ex.perRuleExample.exclusion as Json);
    expect(r.managed?.score).toBe(5);
    expect(r.action).toBe('Block');
  });
  it('the same selector as a global exclusion (no rule sets listed) removes 913100', () => {
    const { exclusionManagedRuleSets: _drop, ...global } = ex.perRuleExample.exclusion as Json;
    expect(withExclusion(global).action).toBe('None');
  });
  it('the same exclusion scoped to group REQUEST-913-SCANNER-DETECTION removes 913100', () => {
    const scoped = { ...(ex.perRuleExample.exclusion as Json), exclusionManagedRuleSets: [{ ruleSetType: 'OWASP', ruleSetVersion: '3.2', ruleGroups: [{ ruleGroupName: 'REQUEST-913-SCANNER-DETECTION' }] }] };
    expect(withExclusion(scoped).action).toBe('None');
  });
  for (const row of ex.rows.filter((x) => x.attribute === 'Header' && x.matchVariable !== 'RequestHeaderKeys')) {
    it(`header row ${row.matchVariable} ${row.selectorMatchOperator} ${row.selector ?? '(any)'}: ${row.selectorMatchOperator === 'EqualsAny' ? 'covers User-Agent' : 'does not cover User-Agent'}`, () => {
      const r = withExclusion({ matchVariable: row.matchVariable, selectorMatchOperator: row.selectorMatchOperator, selector: row.selector ?? '' });
      // EqualsAny turns the selector into "*" (every header); "head1" / "X-Scanner" name other headers.
      expect(r.action).toBe(row.selectorMatchOperator === 'EqualsAny' ? 'None' : 'Block');
    });
  }
  // The demonstration's checks look at header values only, so these rows can show one thing: an
  // exclusion of another attribute is read without error and leaves the header match (913100) counted.
  for (const row of ex.rows.filter((x) => x.attribute !== 'Header' || x.matchVariable === 'RequestHeaderKeys')) {
    it(`${row.attribute} row ${row.matchVariable} ${row.selectorMatchOperator}: read without error; the User-Agent match still counts`, () => {
      const r = withExclusion({ matchVariable: row.matchVariable, selectorMatchOperator: row.selectorMatchOperator, selector: row.selector ?? '' });
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(r.managed?.matches.find((m) => m.ruleId === '913100')?.skipped).toBeUndefined();
      expect(r.action).toBe('Block');
    });
  }
});

describe('request size limits (requestSize)', () => {
  const version = (ruleset: string) => ruleset.replace(/^CRS /, '');
  // A JSON body of the vector's size, declared by Content-Length as a client sends it.
  const sized = (v: Json) =>
    evaluateWafRequest({
      policy: JSON.stringify({ policySettings: { mode: v.mode, maxRequestBodySizeInKb: v.maxRequestBodySizeInKb }, customRules: [], managedRules: { managedRuleSets: [{ ruleSetType: 'OWASP', ruleSetVersion: version(v.ruleset as string) }] } }),
      request: { ...toRequest({ method: 'POST' }), headers: { Host: 'shop.example.com', 'User-Agent': 'Mozilla/5.0', 'Content-Type': v.contentType as string, 'Content-Length': String((v.bodyKb as number) * 1024) }, body: '{}' },
    });
  const byId = Object.fromEntries((cases.requestSize as Json[]).map((v) => [v.id as string, v]));

  it(`sz-1: ${byId['sz-1']!.expect as string}`, () => {
    const r = sized(byId['sz-1']!);
    expect(r.action).toBe('Block');
    expect(r.decidedBy).toBe('request body size limit (128 KB)');
    expect(r.explanation).toContain('over the size limit');
  });
  it(`sz-2: ${byId['sz-2']!.expect as string}`, () => {
    const r = sized(byId['sz-2']!);
    expect(r.action).not.toBe('Block');
    expect(r.diagnostics.map((d) => d.code)).toContain('waf-size-detection');
  });
  it(`sz-3: ${byId['sz-3']!.expect as string}`, () => {
    const r = sized(byId['sz-3']!);
    expect(r.action).not.toBe('Block');
    expect(r.diagnostics.map((d) => d.code)).not.toContain('waf-size-out-of-range');
    // The same 2000 KB limit is out of range for CRS 3.1 (at most 128 KB there).
    expect(sized({ ...byId['sz-3']!, ruleset: 'CRS 3.1' }).diagnostics.map((d) => d.code)).toContain('waf-size-out-of-range');
  });
  it(`sz-4: ${byId['sz-4']!.expect as string}`, () => {
    const body = '--b\r\nContent-Disposition: form-data; name="f"; filename="big.bin"\r\n\r\n...\r\n--b--';
    const request = { ...toRequest({ method: 'POST' }), headers: { Host: 'shop.example.com', 'Content-Type': 'multipart/form-data; boundary=b', 'Content-Length': String(200 * 1024) }, body };
    const r = evaluateWafRequest({ policy: JSON.stringify({ policySettings: { mode: 'Prevention' }, customRules: [] }), request });
    // 200 KB is over the 128 KB body limit but far under the 100 MB file upload limit.
    expect(r.action).not.toBe('Block');
    expect(r.diagnostics.map((d) => d.code)).toContain('waf-file-upload');
    // Without a filename part the same body counts against the body limit and is blocked.
    const plain = evaluateWafRequest({ policy: JSON.stringify({ policySettings: { mode: 'Prevention' }, customRules: [] }), request: { ...request, body: '--b--' } });
    expect(plain.action).toBe('Block');
  });
  it('requestBodyEnforcement false: over the limit is not blocked, and says so', () => {
    const r = evaluateWafRequest({
      policy: JSON.stringify({ policySettings: { mode: 'Prevention', requestBodyEnforcement: false }, customRules: [] }),
      request: { ...toRequest({ method: 'POST' }), headers: { Host: 'shop.example.com', 'Content-Length': String(300 * 1024) }, body: '' },
    });
    expect(r.action).not.toBe('Block');
    expect(r.diagnostics.map((d) => d.code)).toContain('waf-size-not-enforced');
  });
});
