/**
 * Property tests: the rules stated in the Kubernetes docs must hold for any input, not only
 * for the table rows. Runs scale with PROPERTY_RUNS (default 100).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routeRequest } from '../../../src/lib/ingress';
import { ingress, manifestText, propertyRuns, svcBackend } from './helpers';

const element = fc.stringMatching(/^[a-z0-9_-]{1,6}$/);
const elements = (min: number, max: number) => fc.array(element, { minLength: min, maxLength: max });
const label = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
const host = fc.tuple(label, label).map(([a, b]) => `${a}.${b}.com`);
const toPath = (els: string[]): string => `/${els.join('/')}`;

describe('properties of Ingress path matching', () => {
  it('a longer matching Prefix always wins over a shorter one ("precedence will be given first to the longest matching path")', () => {
    fc.assert(
      fc.property(elements(0, 3), elements(1, 3), elements(0, 3), fc.boolean(), fc.boolean(), (short, more, rest, longFirst, trailing) => {
        const shortPath = toPath(short);
        const longPath = toPath([...short, ...more]) + (trailing ? '/' : '');
        const paths = [
          { path: shortPath, pathType: 'Prefix', backend: svcBackend('short') },
          { path: longPath, pathType: 'Prefix', backend: svcBackend('long') },
        ];
        if (longFirst) paths.reverse();
        const m = manifestText(ingress('p', { rules: [{ host: 'a.example.com', http: { paths } }] }));
        const r = routeRequest({ manifests: m, request: { host: 'a.example.com', path: toPath([...short, ...more, ...rest]) } });
        expect(r.match?.backend.service?.name).toBe('long');
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('adding a rule for another host never changes this host\'s routing', () => {
    const pathSpec = fc.record({ els: elements(0, 3), exact: fc.boolean() });
    fc.assert(
      fc.property(host, host, fc.array(pathSpec, { minLength: 1, maxLength: 4 }), fc.array(pathSpec, { minLength: 1, maxLength: 4 }), elements(0, 4), fc.boolean(), (h1, h2, mine, theirs, req, sameIngress) => {
        fc.pre(h1 !== h2);
        const toPaths = (ps: { els: string[]; exact: boolean }[], prefix: string) =>
          ps.map((p, i) => ({ path: toPath(p.els), pathType: p.exact ? 'Exact' : 'Prefix', backend: svcBackend(`${prefix}-${i}`) }));
        const rule1 = { host: h1, http: { paths: toPaths(mine, 'mine') } };
        const rule2 = { host: h2, http: { paths: toPaths(theirs, 'theirs') } };
        const before = routeRequest({ manifests: manifestText(ingress('one', { rules: [rule1] })), request: { host: h1, path: toPath(req) } });
        const afterText = sameIngress ? manifestText(ingress('one', { rules: [rule1, rule2] })) : manifestText(ingress('one', { rules: [rule1] }), ingress('two', { rules: [rule2] }));
        const after = routeRequest({ manifests: afterText, request: { host: h1, path: toPath(req) } });
        expect(after.match).toEqual(before.match);
      }),
      { numRuns: propertyRuns() },
    );
  });

  it('never throws, whatever the text and the request', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (text, h, p) => {
        const r = routeRequest({ manifests: text, request: { host: h, path: p } });
        expect(Array.isArray(r.diagnostics)).toBe(true);
        expect(r.diagnostics.every((d) => d.code !== 'internal-error')).toBe(true);
      }),
      { numRuns: propertyRuns() },
    );
  });
});
