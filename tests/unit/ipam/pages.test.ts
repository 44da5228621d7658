/**
 * The worked examples on the plugin pages state what the tools report; these tests keep
 * the prose and the engines in step (the expected codes are the ones the pages name).
 */
import { describe, expect, it } from 'vitest';
import { playgroundsIn } from '../mdx-playgrounds';
import ipPlanner from '../../../src/components/tools/ip-planner';
import azScript from '../../../src/components/tools/az-script';

const expected: Record<string, { errors: string[]; max?: string }> = {
  'compare-overlay': { errors: [] },
  'cni-50-nodes': { errors: ['node-subnet-too-small'], max: 'at most 31 nodes' },
  'kubenet-50-nodes': { errors: [], max: 'at most 250 nodes' },
  'overlay-600-nodes': { errors: ['pod-cidr-too-small'] },
  'pod-subnet-40-nodes': { errors: ['pod-subnet-too-small'] },
  'service-dns-mistakes': { errors: ['dns-ip-reserved', 'service-cidr-overlap', 'service-cidr-overlap'] },
  'connected-networks': { errors: ['forbidden-range', 'pod-cidr-overlap', 'service-cidr-overlap'] },
  'dual-stack': { errors: [] },
  'seed-script': { errors: ['pod-cidr-overlap', 'service-cidr-overlap'] },
  'seed-overlay': { errors: ['service-cidr-overlap'] },
};

describe('plugin pages: playground examples', () => {
  const seen: string[] = [];
  for (const f of ['network-plugins', 'ip-planning']) {
    for (const { tool: toolId, id, inputs } of playgroundsIn(`src/content/docs/plugins/${f}.mdx`)) {
      if (toolId !== 'ip-planner' && toolId !== 'az-script') continue;
      seen.push(id);
      it(`${f}#${id}`, () => {
        const tool = toolId === 'ip-planner' ? ipPlanner : azScript;
        const out = tool.run(inputs);
        const want = expected[id];
        expect(want, `no expectation for ${id}`).toBeDefined();
        expect(out.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code).sort()).toEqual(want!.errors);
        if (want!.max) expect(out.summary).toContain(want!.max);
      });
    }
  }
  it('every expectation has its playground', () => {
    expect(Object.keys(expected).filter((k) => !seen.includes(k))).toEqual([]);
  });
});
