/**
 * YAML (and JSON, which is YAML's flow subset) with source positions, on js-yaml 4.
 *
 * js-yaml returns plain values without positions, but calls a `listener` when it opens
 * and closes each node. We record those events as a tree of spans and pair it with the
 * loaded value, so an engine can ask "where is spec.ingress[0].from[1]?" and put its
 * diagnostic on that line. Documents are split on `---` lines before loading, so one
 * broken document does not hide the others.
 *
 * Hostile input is bounded: total size, nesting depth (js-yaml's maxDepth), and the
 * expanded size of alias graphs ("billion laughs") are checked before an engine walks them.
 */
import yaml from 'js-yaml';
import { diag, type Diagnostic, type Position } from '../diagnostics';

export type PathSegment = string | number;

export interface YamlDocument {
  /** 0-based index among the documents of the text. */
  index: number;
  value: unknown;
  /** 1-based line where the document starts (its `---` line, or its first line). */
  line: number;
  /** Position of the value at `path`; for a missing path, of its nearest existing ancestor. */
  at(path: readonly PathSegment[]): Position;
  /** Position of the key naming `path`'s last segment (the value's for sequence items). */
  keyAt(path: readonly PathSegment[]): Position;
  /** True when the value at `path` exists in the source. */
  has(path: readonly PathSegment[]): boolean;
}

export interface YamlParseResult {
  documents: YamlDocument[];
  diagnostics: Diagnostic[];
}

export interface YamlOptions {
  /** Largest input accepted, in characters. */
  maxLength?: number;
  /** Deepest nesting accepted. */
  maxDepth?: number;
  /** Largest number of nodes after expanding aliases. */
  maxExpandedNodes?: number;
  /** Largest number of documents. */
  maxDocuments?: number;
}

export const YAML_LIMITS = {
  maxLength: 2_000_000,
  maxDepth: 200,
  maxExpandedNodes: 1_000_000,
  maxDocuments: 20_000,
} as const;

interface Span {
  start: number;
  end: number;
  result: unknown;
  children: Span[];
}

/** Maps character offsets to 1-based line/column. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number, lineOffset = 0): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1 + lineOffset, column: offset - this.starts[lo]! + 1 };
  }
  get lineCount(): number {
    return this.starts.length;
  }
  get source(): string {
    return this.text;
  }
}

/** Skips spaces, tabs, newlines and comments from `i`. */
function skipBlank(text: string, i: number): number {
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else break;
  }
  return i;
}

function isObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

/** Number of nodes the value would have with every alias expanded, capped at `limit + 1`. */
function expandedSize(value: unknown, limit: number): number {
  const memo = new Map<object, number>();
  const size = (v: unknown): number => {
    if (!isObject(v)) return 1;
    const known = memo.get(v);
    if (known !== undefined) return known;
    memo.set(v, limit + 1); // guards against cycles
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      n += size(child);
      if (n > limit) break;
    }
    n = Math.min(n, limit + 1);
    memo.set(v, n);
    return n;
  };
  return size(value);
}

function makeDocument(index: number, value: unknown, root: Span | undefined, text: string, lines: LineIndex, firstLine: number): YamlDocument {
  const pos = (s: number, e: number): Position => {
    const a = lines.position(s);
    const b = lines.position(Math.max(s, e));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };
  const docPos: Position = { line: firstLine, column: 1 };

  /** Pairs a mapping span's children into key/value spans. */
  const pairs = (span: Span): { key: Span; value?: Span }[] => {
    const out: { key: Span; value?: Span }[] = [];
    for (const child of span.children) {
      const after = text[skipBlankInline(text, child.end)];
      const isKey = after === ':' && typeof child.result !== 'object';
      if (isKey) out.push({ key: child });
      else if (out.length && !out[out.length - 1]!.value) out[out.length - 1]!.value = child;
    }
    return out;
  };

  // js-yaml sometimes composes a node inside another that ends with the same result
  // (a document root, a flow collection); such wrappers carry no structure of their own.
  const unwrap = (s: Span | undefined): Span | undefined => {
    while (s && s.children.length === 1 && s.children[0]!.result === s.result && isObject(s.result)) s = s.children[0];
    return s;
  };

  const walk = (path: readonly PathSegment[]): { span?: Span; key?: Span; depth: number } => {
    let span = unwrap(root);
    let key: Span | undefined;
    let depth = 0;
    if (!span) return { depth };
    for (const seg of path) {
      if (!span) break;
      const v = span.result;
      if (Array.isArray(v) && typeof seg === 'number') {
        const items = span.children.filter((c) => c.end > c.start || c.result !== null);
        const next: Span | undefined = items[seg];
        if (!next) break;
        key = next;
        span = unwrap(next);
      } else if (isObject(v) && !Array.isArray(v)) {
        const pair = pairs(span).find((p) => String(p.key.result) === String(seg));
        if (!pair) break;
        key = pair.key;
        if (!pair.value) return { key, depth: depth + 1, span: undefined };
        span = unwrap(pair.value);
      } else break;
      depth++;
    }
    return { span, key, depth };
  };

  return {
    index,
    value,
    line: firstLine,
    at(path) {
      const w = walk(path);
      if (w.span && w.depth === path.length) return pos(skipBlank(text, w.span.start), w.span.end);
      if (w.key) return pos(w.key.start, w.key.end);
      if (w.span) return pos(skipBlank(text, w.span.start), w.span.end);
      return docPos;
    },
    keyAt(path) {
      const w = walk(path);
      if (w.key) return pos(skipBlank(text, w.key.start), w.key.end);
      if (w.span) return pos(skipBlank(text, w.span.start), w.span.end);
      return docPos;
    },
    has(path) {
      const w = walk(path);
      return w.depth === path.length;
    },
  };
}

function skipBlankInline(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** Splits text into document chunks at `---` lines; `...` lines end a document. */
function splitDocuments(text: string): { start: number; end: number }[] {
  const chunks: { start: number; end: number }[] = [];
  let start = 0;
  let offset = 0;
  let sawContent = false;
  const lines = text.split('\n');
  let lastContent = '';
  for (const line of lines) {
    // `az … -o json` outputs pasted one after another: a top-level `}` or `]` line followed by a
    // line starting with `{` or `[` starts a new document (YAML has no other reading of it).
    const isMarker = /^---(\s|$)/.test(line) || (/^[{[]/.test(line) && /^[}\]]\s*$/.test(lastContent));
    if (isMarker && (sawContent || offset > start)) {
      if (text.slice(start, offset).trim() !== '') chunks.push({ start, end: offset });
      start = offset;
      sawContent = false;
    }
    if (line.trim() !== '' && !line.trimStart().startsWith('#')) {
      sawContent = true;
      lastContent = line;
    }
    offset += line.length + 1;
  }
  if (text.slice(start).trim() !== '' ) chunks.push({ start, end: text.length });
  return chunks;
}

/**
 * Parses every document of a YAML (or JSON) text. Never throws: syntax errors, oversized
 * or hostile input become diagnostics, and the documents that did parse are returned.
 * Empty documents (only comments or `---`) are skipped.
 */
export function parseYamlDocuments(text: unknown, options: YamlOptions = {}): YamlParseResult {
  const limits = { ...YAML_LIMITS, ...options };
  const diagnostics: Diagnostic[] = [];
  if (typeof text !== 'string') {
    return { documents: [], diagnostics: [diag('error', 'input-not-text', 'The input is not text.', { line: 1, column: 1 })] };
  }
  if (text.length > limits.maxLength) {
    return {
      documents: [],
      diagnostics: [
        diag('error', 'input-too-large', `The input has ${text.length.toLocaleString('en')} characters; this tool reads at most ${limits.maxLength.toLocaleString('en')}.`, { line: 1, column: 1, unread: WHOLE_INPUT }),
      ],
    };
  }
  const source = text.replace(/\r\n?/g, '\n');
  const lines = new LineIndex(source);
  const documents: YamlDocument[] = [];
  const chunks = splitDocuments(source);
  if (chunks.length > limits.maxDocuments) {
    return {
      documents: [],
      diagnostics: [diag('error', 'too-many-documents', `The input has ${chunks.length.toLocaleString('en')} documents; this tool reads at most ${limits.maxDocuments.toLocaleString('en')}.`, { line: 1, column: 1, unread: WHOLE_INPUT })],
    };
  }
  let index = 0;
  for (const chunk of chunks) {
    const chunkText = source.slice(chunk.start, chunk.end);
    const firstLine = lines.position(chunk.start).line;
    const stack: Span[] = [];
    const roots: Span[] = [];
    let value: unknown;
    try {
      value = yaml.load(chunkText, {
        maxDepth: limits.maxDepth,
        listener(event: 'open' | 'close', state: { position: number; result: unknown }) {
          if (event === 'open') stack.push({ start: chunk.start + state.position, end: 0, result: undefined, children: [] });
          else {
            const span = stack.pop();
            if (!span) return;
            span.end = chunk.start + state.position;
            span.result = state.result;
            (stack.length ? stack[stack.length - 1]!.children : roots).push(span);
          }
        },
      } as yaml.LoadOptions);
    } catch (e) {
      const mark = (e as { mark?: { line?: number; column?: number } }).mark;
      const reason = (e as { reason?: string }).reason ?? (e instanceof Error ? e.message : String(e));
      const line = mark?.line !== undefined ? firstLine + mark.line : firstLine;
      // A document written as JSON ({…} or […]) gets a JSON error, as JSON panes show.
      const syntax = /^\s*(#[^\n]*\n\s*)*[[{]/.test(chunkText) ? 'JSON' : 'YAML';
      diagnostics.push(
        diag('error', /maxDepth/.test(reason) ? 'yaml-too-deep' : 'yaml-syntax', /maxDepth/.test(reason) ? `The document nests deeper than ${limits.maxDepth} levels.` : `${syntax} syntax error: ${reason}.`, {
          line,
          column: (mark?.column ?? 0) + 1,
          unread: `document ${index + 1}`,
        }),
      );
      index++;
      continue;
    }
    if (value === undefined || value === null) {
      index++;
      continue;
    }
    if (expandedSize(value, limits.maxExpandedNodes) > limits.maxExpandedNodes) {
      diagnostics.push(
        diag('error', 'yaml-alias-bomb', `Document ${index + 1} expands to more than ${limits.maxExpandedNodes.toLocaleString('en')} nodes through aliases (*ref); it was not read.`, { line: firstLine, column: 1, unread: `document ${index + 1}` }),
      );
      index++;
      continue;
    }
    const root = roots.find((r) => r.result === value) ?? roots[roots.length - 1];
    documents.push(makeDocument(index, value, root, source, lines, firstLine));
    index++;
  }
  return { documents, diagnostics };
}

/** `Diagnostic.unread` of an error that kept the whole input out of the result. */
export const WHOLE_INPUT = 'the whole input';

/** Parses a text holding exactly one YAML or JSON value (extra documents are an error). */
export function parseYamlValue(text: unknown, options: YamlOptions = {}): { document?: YamlDocument; diagnostics: Diagnostic[] } {
  const r = parseYamlDocuments(text, options);
  // One value expected: a document that could not be read is the whole input.
  for (const d of r.diagnostics) if (d.unread) d.unread = WHOLE_INPUT;
  if (r.documents.length > 1) {
    const second = r.documents[1]!;
    r.diagnostics.push(diag('error', 'multiple-documents', 'Only one document is expected here; the rest was ignored.', { line: second.line, column: 1 }));
  }
  return { document: r.documents[0], diagnostics: r.diagnostics };
}
