/**
 * Reads the playgrounds of an MDX page as the page passes them: `<Playground tool id inputs>`
 * with inputs written inline or as `export const` template literals (see mdx-inputs.test.ts).
 * Page tests use it to check that each example shows what the prose says it shows.
 */
import { readFileSync } from 'node:fs';

export interface PagePlayground {
  tool: string;
  id: string;
  inputs: Record<string, string>;
}

/** The value of a JS string or template literal body (escapes resolved). */
const unescape = (body: string): string => body.replace(/\\([\\`$'"n])/g, (_, c: string) => (c === 'n' ? '\n' : c));

export function playgroundsIn(file: string): PagePlayground[] {
  const text = readFileSync(file, 'utf8');
  const consts = new Map<string, string>();
  for (const m of text.matchAll(/export const (\w+) = `((?:\\[\s\S]|[^`\\])*)`;/g)) consts.set(m[1]!, unescape(m[2]!));
  return playgroundElements(text).map(({ text: el }) => {
    const tool = /\btool="([^"]+)"/.exec(el)?.[1] ?? '';
    const id = /\bid="([^"]+)"/.exec(el)?.[1] ?? '';
    const inputs: Record<string, string> = {};
    const body = /inputs=\{\{([\s\S]*)\}\}/.exec(el)?.[1] ?? '';
    for (const m of body.matchAll(/(\w+)\s*:\s*(?:`((?:\\[\s\S]|[^`\\])*)`|'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|(\w+))/g)) {
      const [, key, tpl, single, double, ident] = m;
      const value = tpl ?? single ?? double ?? (ident !== undefined ? consts.get(ident) : undefined);
      if (value === undefined) throw new Error(`${file}: playground ${id}: input ${key} refers to unknown ${ident}`);
      inputs[key!] = tpl !== undefined || single !== undefined || double !== undefined ? unescape(value) : value;
    }
    return { tool, id, inputs };
  });
}

/** Spans of `<Playground … />` elements, skipping `/>` inside template literals. */
export function playgroundElements(text: string): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  let pos = 0;
  for (;;) {
    const start = text.indexOf('<Playground', pos);
    if (start < 0) return out;
    let inTpl = false;
    let j = start;
    for (; j < text.length; j++) {
      if (text[j] === '`') inTpl = !inTpl;
      else if (!inTpl && text.startsWith('/>', j)) break;
    }
    out.push({ at: start, text: text.slice(start, j) });
    pos = j;
  }
}
