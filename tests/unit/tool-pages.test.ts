/** Every tool has its standalone page, and every tool page embeds that tool with query parameters on. */
import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { ToolDefinition } from '../../src/components/tools/types';

const modules = import.meta.glob<{ default: ToolDefinition }>(['../../src/components/tools/*.ts', '!../../src/components/tools/types.ts'], { eager: true });

for (const [file, m] of Object.entries(modules)) {
  it(`${m.default.id} has a tool page`, () => {
    expect(file).toContain(`/${m.default.id}.ts`);
    const page = `src/content/docs/tools/${m.default.id}.mdx`;
    expect(existsSync(page), page).toBe(true);
    expect(readFileSync(page, 'utf8')).toMatch(new RegExp(`<Playground[^>]*tool="${m.default.id}"[^>]*id="tool"[^>]*query`));
  });
}
