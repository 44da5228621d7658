/**
 * Every tool (and so every engine behind it) against the hostile corpus and random text.
 * Takes the tools from the registry (src/components/tools/registry.ts), so a new tool is
 * covered automatically.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadTools } from '../../src/components/tools/registry';
import { hostileCases } from '../hostile/corpus';

const tools = await loadTools();
const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
/** Generous: the browser stops any run at 4 s; a test machine is slower than a laptop. */
const BUDGET_MS = 8000;

it('finds the tools', () => {
  expect(tools.length).toBeGreaterThanOrEqual(1);
  for (const t of tools) expect(t.id).toMatch(/^[a-z0-9-]+$/);
});

for (const tool of tools) {
  describe(`tool ${tool.id}`, () => {
    for (const input of tool.inputs) {
      for (const c of hostileCases) {
        it(`${input.name}: ${c.name} → diagnostic, no exception, bounded time`, () => {
          const inputs = { ...tool.example, [input.name]: c.text() };
          const t0 = performance.now();
          const out = tool.run(inputs);
          const ms = performance.now() - t0;
          expect(ms).toBeLessThan(BUDGET_MS);
          expect(out.diagnostics.length, `no diagnostic for ${c.name} in ${input.name}`).toBeGreaterThan(0);
          expect(out.diagnostics.every((d) => d.code !== 'internal-error'), JSON.stringify(out.diagnostics.find((d) => d.code === 'internal-error'))).toBe(true);
          expect(typeof out.summary).toBe('string');
          expect(JSON.stringify(out.view).length).toBeGreaterThan(0);
        }, 60_000);
      }
    }
    it('never throws on random text in any pane', () => {
      fc.assert(
        fc.property(fc.constantFrom(...tool.inputs.map((i) => i.name)), fc.string({ unit: 'binary', maxLength: 400 }), (name, text) => {
          const out = tool.run({ ...tool.example, [name]: text });
          expect(out.diagnostics.some((d) => d.code === 'internal-error')).toBe(false);
        }),
        { numRuns: RUNS },
      );
    });
    it('never throws on random edits of its example (deeper into the parsers than random text)', () => {
      const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 20 }), text: fc.string({ maxLength: 12, unit: fc.constantFrom(...' \n:-#{}[]",*&!|>0123456789abcxyz/.'.split('')) }) });
      fc.assert(
        fc.property(fc.constantFrom(...tool.inputs.map((i) => i.name)), fc.array(edit, { minLength: 1, maxLength: 6 }), (name, edits) => {
          let text = tool.example[name] ?? '';
          for (const e of edits) {
            const at = text.length ? e.at % (text.length + 1) : 0;
            text = text.slice(0, at) + e.text + text.slice(at + e.del);
          }
          const out = tool.run({ ...tool.example, [name]: text });
          expect(out.diagnostics.some((d) => d.code === 'internal-error')).toBe(false);
          expect(typeof out.summary).toBe('string');
        }),
        { numRuns: RUNS },
      );
    });
    it('runs its own example without errors', () => {
      const out = tool.run(tool.example);
      expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
  });
}
