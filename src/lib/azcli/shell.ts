/**
 * A small POSIX-shell tokenizer, enough for the `az` scripts people paste from articles
 * and runbooks: `\` line continuations (and PowerShell's trailing backtick), comments,
 * single and double quotes, `$VAR`, `${VAR}` and `$(…)` kept as parts (not evaluated),
 * and `;`, `&&`, `||`, `|` as command separators. Every word keeps its 1-based position
 * in the original text so findings land on the right line.
 *
 * Prose pasted between commands often has an apostrophe ("don't"); a quote that would run
 * past the end of its line in a command that isn't `az` or an assignment is closed at the
 * line end instead, so one apostrophe can't swallow the rest of the script.
 */
import { LineIndex } from '../yaml';

export type WordPart =
  | { kind: 'lit'; text: string }
  | { kind: 'var'; name: string; raw: string }
  /** `$(…)` or backticks: `start`/`end` are offsets of the inner text in the original. */
  | { kind: 'subst'; raw: string; start: number; end: number };

export interface Word {
  parts: WordPart[];
  /** The word as written (quotes removed, variables left as `$NAME`). */
  text: string;
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ShellCommand {
  words: Word[];
  start: number;
  end: number;
  line: number;
  endLine: number;
  /** A quote ran to the end of the text. */
  unterminated: boolean;
}

const SPACE = /[ \t\r]/;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const MAX_COMMANDS = 5000; // bounds a hostile input; far more than any script

/** Tokenizes text[from, to) into commands. */
export function tokenizeShell(text: string, from = 0, to = text.length, index = new LineIndex(text)): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let i = from;
  while (i < to && commands.length < MAX_COMMANDS) {
    let r = readCommand(text, i, to, index, false);
    if (r.crossedLineInQuote && !looksLikeShellCode(r.command)) r = readCommand(text, i, to, index, true);
    if (r.command.words.length > 0) commands.push(r.command);
    if (r.next <= i) break; // cannot happen; guards against a loop on malformed input
    i = r.next;
  }
  return commands;
}

function looksLikeShellCode(c: ShellCommand): boolean {
  const first = c.words[0]?.text ?? '';
  return first === 'az' || first === 'export' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(first) || (first === '$' && c.words[1]?.text === 'az');
}

interface ReadResult {
  command: ShellCommand;
  next: number;
  crossedLineInQuote: boolean;
}

function readCommand(text: string, from: number, to: number, index: LineIndex, quoteStopsAtNewline: boolean): ReadResult {
  const words: Word[] = [];
  let parts: WordPart[] = [];
  let lit = '';
  let wordStart = -1;
  let crossed = false;
  let unterminated = false;
  let i = from;

  const flushLit = () => {
    if (lit) parts.push({ kind: 'lit', text: lit });
    lit = '';
  };
  const begin = (at: number) => {
    if (wordStart < 0) wordStart = at;
  };
  const endWord = (at: number) => {
    flushLit();
    if (wordStart >= 0) {
      const s = index.position(wordStart);
      const e = index.position(at);
      words.push({
        parts,
        text: parts.map((p) => (p.kind === 'lit' ? p.text : p.raw)).join(''),
        start: wordStart,
        end: at,
        line: s.line,
        column: s.column,
        endLine: e.line,
        endColumn: e.column,
      });
    }
    parts = [];
    wordStart = -1;
  };
  const finish = (end: number, next: number): ReadResult => {
    endWord(end);
    const s = index.position(from);
    const e = index.position(Math.max(from, end));
    return { command: { words, start: from, end, line: s.line, endLine: e.line, unterminated }, next, crossedLineInQuote: crossed };
  };

  while (i < to) {
    const ch = text[i]!;
    const nx = text[i + 1];
    // line continuations: backslash-newline, and PowerShell's " `" at the end of a line
    if (ch === '\\' && (nx === '\n' || (nx === '\r' && text[i + 2] === '\n'))) {
      endWord(i);
      i += nx === '\n' ? 2 : 3;
      continue;
    }
    if (ch === '`' && wordStart < 0 && /^[ \t]*\r?\n/.test(text.slice(i + 1, i + 4))) {
      i = text.indexOf('\n', i) + 1;
      continue;
    }
    if (ch === '\n') return finish(i, i + 1);
    if (SPACE.test(ch)) {
      endWord(i);
      i++;
      continue;
    }
    if (ch === '#' && wordStart < 0) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 || nl > to ? to : nl;
      continue;
    }
    if (ch === ';' || ch === '|' || (ch === '&' && nx === '&')) {
      const len = (ch === '|' && nx === '|') || (ch === '&' && nx === '&') ? 2 : 1;
      return finish(i, i + len);
    }
    begin(i);
    if (ch === "'") {
      let j = i + 1;
      while (j < to && text[j] !== "'" && !(quoteStopsAtNewline && text[j] === '\n')) j++;
      if (text.slice(i + 1, j).includes('\n')) crossed = true;
      lit += text.slice(i + 1, j);
      if (j >= to) unterminated = true;
      i = j < to && text[j] === "'" ? j + 1 : j;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < to && text[j] !== '"') {
        const c = text[j]!;
        if (c === '\n') {
          if (quoteStopsAtNewline) break;
          crossed = true;
        }
        if (c === '\\' && j + 1 < to && '"\\$`\n'.includes(text[j + 1]!)) {
          if (text[j + 1] !== '\n') lit += text[j + 1];
          j += 2;
          continue;
        }
        if (c === '$') {
          const v = readDollar(text, j, to);
          if (v) {
            flushLit();
            parts.push(v.part);
            j = v.next;
            continue;
          }
        }
        lit += c;
        j++;
      }
      if (j >= to) unterminated = true;
      i = j < to && text[j] === '"' ? j + 1 : j;
      continue;
    }
    if (ch === '$' || ch === '`') {
      const v = ch === '$' ? readDollar(text, i, to) : readBacktick(text, i, to);
      if (v) {
        flushLit();
        parts.push(v.part);
        i = v.next;
        continue;
      }
    }
    if (ch === '\\' && i + 1 < to) {
      lit += text[i + 1];
      i += 2;
      continue;
    }
    lit += ch;
    i++;
  }
  return finish(to, to);
}

function readDollar(text: string, i: number, to: number): { part: WordPart; next: number } | undefined {
  const nx = text[i + 1];
  if (nx === '(') {
    const close = matchParen(text, i + 1, to);
    const end = close < 0 ? to : close;
    return { part: { kind: 'subst', raw: text.slice(i, close < 0 ? to : close + 1), start: i + 2, end }, next: close < 0 ? to : close + 1 };
  }
  if (nx === '{') {
    const close = text.indexOf('}', i + 2);
    if (close < 0 || close > to) return undefined;
    const inner = text.slice(i + 2, close);
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(inner)?.[0] ?? inner;
    return { part: { kind: 'var', name, raw: text.slice(i, close + 1) }, next: close + 1 };
  }
  if (nx !== undefined && NAME_START.test(nx)) {
    let j = i + 1;
    while (j < to && NAME_CHAR.test(text[j]!)) j++;
    return { part: { kind: 'var', name: text.slice(i + 1, j), raw: text.slice(i, j) }, next: j };
  }
  return undefined;
}

function readBacktick(text: string, i: number, to: number): { part: WordPart; next: number } | undefined {
  const close = text.indexOf('`', i + 1);
  if (close < 0 || close > to) return undefined;
  return { part: { kind: 'subst', raw: text.slice(i, close + 1), start: i + 1, end: close }, next: close + 1 };
}

/** Index of the `)` closing the `(` at `open`, skipping quoted text; -1 if none. */
function matchParen(text: string, open: number, to: number): number {
  let depth = 0;
  for (let j = open; j < to; j++) {
    const c = text[j];
    if (c === "'" || c === '"') {
      const q = text.indexOf(c, j + 1);
      if (q < 0) return -1;
      j = q;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j;
  }
  return -1;
}
