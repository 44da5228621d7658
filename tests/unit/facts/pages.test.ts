/**
 * Every guide page shows "Facts checked on <date>": the remark step computes the date from the
 * page's <Fact id> uses, so a guide page needs at least one, and every id must exist.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getFact } from '../../../src/lib/facts';
import { timelineRows } from '../../../src/lib/facts/timeline';
import { CHANGES } from '../../../src/lib/facts';
import remarkFactsChecked, { factIdsOf } from '../../../scripts/remark-facts.mjs';

const DOCS = 'src/content/docs';
/** Tool pages, exercise pages and the home page show tools, not cited prose. */
const NOT_GUIDE = /^(tools|exercises)\/|^index\.mdx$/;

function pages(dir = DOCS, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pages(join(dir, e.name), `${prefix}${e.name}/`) : e.name.endsWith('.mdx') ? [`${prefix}${e.name}`] : [],
  );
}

describe('guide pages cite registry facts', () => {
  const guide = pages().filter((p) => !NOT_GUIDE.test(p));
  it('finds the guide pages', () => expect(guide.length).toBeGreaterThan(12));
  it.each(guide)('%s shows at least one <Fact> (or the timeline) and every id exists', (page) => {
    const text = readFileSync(join(DOCS, page), 'utf8');
    const ids = [...text.matchAll(/<Fact\s+id="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.length + (text.includes('<ChangesTimeline') ? 1 : 0)).toBeGreaterThan(0);
    for (const id of ids) expect(getFact(id), `${page}: ${id}`).toBeDefined();
    for (const m of text.matchAll(/\bFACTS\[\s*'([^']+)'\s*\]/g)) expect(getFact(m[1]!), `${page}: FACTS['${m[1]}']`).toBeDefined();
  });
});

describe('the "Facts checked on" remark step', () => {
  const jsx = (name: string, id?: string) => ({ type: 'mdxJsxTextElement', name, attributes: id ? [{ type: 'mdxJsxAttribute', name: 'id', value: id }] : [], children: [] });
  it('collects Fact ids and the timeline facts, and inserts the oldest date after the imports', () => {
    const tree = { type: 'root', children: [{ type: 'mdxjsEsm', value: 'import x' }, { type: 'paragraph', children: [jsx('Fact', 'kubenet-max-nodes'), jsx('Fact', 'localdns-min-k8s')] }] };
    expect([...factIdsOf(tree)].sort()).toEqual(['kubenet-max-nodes', 'localdns-min-k8s']);
    remarkFactsChecked()(tree, { path: 'x.mdx' });
    const line = tree.children[1] as unknown as { data: { hProperties: { className: string[] } }; children: { value?: string; children?: { value: string }[] }[] };
    expect(line.data.hProperties.className).toEqual(['facts-checked']);
    expect(line.children[1]?.children?.[0]?.value).toBe('30 November 2026');
    expect(line.children[2]?.value).toContain('2 cited facts');
    expect(factIdsOf({ type: 'root', children: [{ type: 'mdxJsxFlowElement', name: 'ChangesTimeline', attributes: [], children: [] }] }).size).toBe(CHANGES.length);
    // Values a page takes from FACTS in expressions (SVG labels, JSX attributes) count too, and a wrong id fails.
    const svgText = { type: 'mdxJsxFlowElement', name: 'text', attributes: [], children: [{ type: 'mdxTextExpression', value: "FACTS['kubenet-max-nodes'].value" }] };
    const aside = { type: 'mdxJsxFlowElement', name: 'Aside', attributes: [{ type: 'mdxJsxAttribute', name: 'title', value: { type: 'mdxJsxAttributeValueExpression', value: "`until ${FACTS[\"kubenet-retirement\"].display}`" } }], children: [] };
    expect([...factIdsOf({ type: 'root', children: [svgText, aside] })].sort()).toEqual(['kubenet-max-nodes', 'kubenet-retirement']);
    expect(() => factIdsOf({ type: 'root', children: [{ type: 'mdxFlowExpression', value: "FACTS['no-such-fact'].value" }] }, 'p.mdx')).toThrow(/no-such-fact/);
    // A tool page keeps its tool first: the line goes at its end.
    const tool = { type: 'root', children: [{ type: 'mdxjsEsm', value: 'import x' }, { type: 'paragraph', children: [jsx('Fact', 'kubenet-max-nodes')] }] };
    remarkFactsChecked()(tool, { path: 'src/content/docs/tools/ip-planner.mdx' });
    expect((tool.children.at(-1) as unknown as { data: { hProperties: { className: string[] } } }).data.hProperties.className).toEqual(['facts-checked']);
  });
  it('fails the build on an unknown id, naming the page', () => {
    const tree = { type: 'root', children: [jsx('Fact', 'no-such-fact')] };
    expect(() => factIdsOf(tree, 'plugins/x.mdx')).toThrow(/plugins\/x\.mdx: <Fact id="no-such-fact"/);
  });
  it('adds nothing to a page without facts', () => {
    const tree = { type: 'root', children: [{ type: 'paragraph', children: [] }] };
    remarkFactsChecked()(tree, {});
    expect(tree.children).toHaveLength(1);
  });
});

describe('timeline layout', () => {
  it('one row per change, oldest first, a year mark when the year changes', () => {
    const { rows, height } = timelineRows();
    expect(rows).toHaveLength(CHANGES.length);
    expect(rows.map((r) => r.date)).toEqual([...rows.map((r) => r.date)].sort());
    expect(rows.filter((r) => r.year).map((r) => r.year)).toEqual(['2025', '2026', '2028']);
    expect(rows.at(-1)!.y).toBeLessThan(height);
    expect(rows.find((r) => r.label === 'kubenet retired')?.shortDate).toBe('31 Mar');
  });
});
