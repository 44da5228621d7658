/** Every tool has its standalone page, and every tool page embeds that tool with query parameters on. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { loadTool, toolIds } from '../../src/components/tools/registry';

for (const id of toolIds) {
  it(`${id} has a tool page`, async () => {
    // The declared id is the file name: links, pages and share links use it.
    expect((await loadTool(id))?.id).toBe(id);
    const page = `src/content/docs/tools/${id}.mdx`;
    expect(existsSync(page), page).toBe(true);
    expect(readFileSync(page, 'utf8')).toMatch(new RegExp(`<Playground[^>]*tool="${id}"[^>]*id="tool"[^>]*query`));
  });
}

it('the registry lists every tool module in src/components/tools/', () => {
  const files = readdirSync('src/components/tools').filter((f) => f.endsWith('.ts') && f !== 'types.ts' && f !== 'registry.ts');
  expect([...toolIds]).toEqual(files.map((f) => f.slice(0, -3)).sort());
  expect(toolIds.length).toBeGreaterThanOrEqual(9);
});
