/** The playground declaration: example inputs run, diagnostics point at the right pane. */
import { describe, expect, it } from 'vitest';
import waf from '../../../src/components/tools/waf';
import { toText } from '../../../src/lib/view/h';

describe('waf tool', () => {
  it('the example: evilbot User-Agent from outside the partner range is blocked by blockEvilBot', () => {
    const out = waf.run(waf.example);
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(out.summary).toBe('Block by blockEvilBot (Prevention mode), HTTP 403');
    const text = toText(out.view);
    expect(text).toContain('allowPartner');
    expect(text).toContain('"mozilla/5.0 (compatible; evilbot/2.1)" contains "evilbot"');
  });
  it('a partner address is allowed by the earlier Allow rule', () => {
    const out = waf.run({ ...waf.example, request: waf.example.request!.replace('203.0.113.9', '192.0.2.44') });
    expect(out.summary).toBe('Allow by allowPartner (Prevention mode)');
  });
  it('diagnostics carry the pane they refer to', () => {
    const out = waf.run({ policy: '{"customRules": [ {"name": "x" "priority": 1} ]}', request: '# remoteAddr: 10.0.0.999\nGET / HTTP/1.1\nbad header line\n' });
    const byCode = Object.fromEntries(out.diagnostics.map((d) => [d.code, d]));
    expect(byCode['yaml-syntax']?.input).toBe('policy');
    expect(byCode['invalid-header']).toMatchObject({ input: 'request', line: 3 });
  });
  it('an unusable remote address is reported on the # remoteAddr line', () => {
    const policy = '{"customRules":[{"name":"r","priority":1,"ruleType":"MatchRule","action":"Block","matchConditions":[{"matchVariables":[{"variableName":"RemoteAddr"}],"operator":"IPMatch","matchValues":["10.0.0.0/8"]}]}]}';
    const out = waf.run({ policy, request: '# country: DE\n# remoteAddr: 10.0.0.999\nGET / HTTP/1.1\nHost: a\n' });
    expect(out.diagnostics.find((d) => d.code === 'invalid-remote-addr')).toMatchObject({ input: 'request', line: 2 });
  });
});
