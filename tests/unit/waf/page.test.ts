/**
 * The live examples on src/content/docs/waf/waf.mdx do what the page's prose (and the
 * docs example each one copies) says they do.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { playgroundsIn } from '../mdx-playgrounds';
import waf from '../../../src/components/tools/waf';

const page = readFileSync(new URL('../../../src/content/docs/waf/waf.mdx', import.meta.url), 'utf8');
const playgrounds = new Map<string, { policy: string; request: string }>(
  playgroundsIn('src/content/docs/waf/waf.mdx')
    .filter((p) => p.tool === 'waf' && p.inputs.policy !== undefined && p.inputs.request !== undefined)
    .map((p) => [p.id, { policy: p.inputs.policy!, request: p.inputs.request! }]),
);

const expected: Record<string, string> = {
  'mode-prevention': 'Block by blockEvilBot',
  'mode-detection': 'Log by blockEvilBot',
  'ex1-evilbot': 'Block by blockEvilBot',
  'ex1a-regex': 'Block by blockEvilBot',
  'ex2-geo': 'Block by allowUS',
  'ex3-ipmatch': 'Block by myrule1',
  'ex4-and': 'Block by myrule',
  'ex5-or': 'Block by myrule2',
  'ex6-known-agents': 'Block by BlockUnknownUserAgents',
  'ex7-front-door': 'Block by blockNonAFDTraffic',
  'order-allow': 'Allow by allowPartner',
  'anomaly-score': 'Block by 949110',
  exclusion: 'None',
  'size-limit': 'Block by request body size limit (128 KB)',
};

describe('waf page examples', () => {
  it('finds every example', () => expect([...playgrounds.keys()].sort()).toEqual(Object.keys(expected).sort()));
  for (const [id, want] of Object.entries(expected)) {
    it(`${id}: ${want}`, () => {
      const out = waf.run(playgrounds.get(id)!);
      expect(out.summary.startsWith(want)).toBe(true);
      expect(out.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    });
  }
  it('the anomaly example sums to 8, as the troubleshooting log does', () => {
    const out = waf.run(playgrounds.get('anomaly-score')!);
    expect(JSON.stringify(out.view)).toContain('= 8');
  });
  it('every playground id is unique', () => {
    const ids = [...page.matchAll(/<Playground[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
