/**
 * MDX removes up to two leading spaces from every continuation line inside a JSX element,
 * which silently breaks YAML written as a multi-line template literal in <Playground inputs>.
 * Such inputs must be `export const` blocks (which keep whitespace) placed before the element.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { playgroundElements } from './mdx-playgrounds';

const root = join(process.cwd(), 'src/content/docs');
const mdx: string[] = [];
(function walk(d: string) {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.mdx')) mdx.push(p);
  }
})(root);

it('no Playground input is a multi-line template literal inside JSX', () => {
  const bad: string[] = [];
  for (const file of mdx) {
    const text = readFileSync(file, 'utf8');
    for (const el of playgroundElements(text)) {
      for (const m of el.text.matchAll(/`([^`]*)`/g)) {
        if (m[1]!.includes('\n')) bad.push(`${file.slice(root.length + 1)}:${text.slice(0, el.at).split('\n').length}: move it to an export const before the element`);
      }
    }
  }
  expect(bad).toEqual([]);
});

it('finds the pages with playgrounds', () => {
  expect(mdx.filter((f) => readFileSync(f, 'utf8').includes('<Playground')).length).toBeGreaterThan(5);
});
