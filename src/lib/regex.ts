/**
 * A small regular-expression matcher that runs in time linear in the subject.
 *
 * Why not JavaScript's RegExp: it backtracks, so a user-typed pattern such as `(a+)+$`
 * or even `a*a*a*b` can take minutes on a few thousand characters and freeze the page.
 * Refusing "nested quantifiers" alone does not help (`a*a*a*b` has none), so the custom
 * rule's Regex operator and Cilium's L7 HTTP method/path rules (user-written patterns, both)
 * are evaluated here instead, the way RE2 does it: the pattern is
 * compiled to a Thompson NFA and all alternatives advance together, one character at a
 * time (a Pike VM without captures). Work is bounded by subject length × program size,
 * and both are capped below.
 *
 * Supported (the common PCRE/ECMAScript subset): literals, `.`, classes `[a-z]` `[^…]`,
 * escapes `\d \w \s \D \W \S \t \n \r \xHH \uHHHH` and escaped punctuation, groups
 * `( )` `(?: )` `(?<name> )`, alternation, quantifiers `* + ? {n} {n,} {n,m}` (lazy `?`
 * suffix accepted; it does not change whether a match exists), anchors `^ $`, word
 * boundaries `\b \B`, and a leading `(?i)` for case-insensitive matching.
 * Refused with a reason: backreferences and lookaround (they need backtracking).
 * Azure does not document its regex flavour (MicrosoftDocs/azure-docs issue #64752), so
 * the subset is an assumption stated on the page.
 */

export const REGEX_LIMITS = {
  /** Longest pattern accepted, in characters. */
  maxPattern: 1000,
  /** Largest compiled program (instructions); counted repeats expand it. */
  maxProgram: 4000,
  /** Subject characters examined; the rest is ignored and reported. */
  maxSubject: 16_384,
} as const;

type CharTest = (c: number) => boolean;

type Node =
  | { t: 'char'; test: CharTest }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number }
  | { t: 'assert'; kind: 'bol' | 'eol' | 'wb' | 'nwb' };

type Inst =
  | { op: 'char'; test: CharTest }
  | { op: 'split'; a: number; b: number }
  | { op: 'jmp'; to: number }
  | { op: 'assert'; kind: 'bol' | 'eol' | 'wb' | 'nwb' }
  | { op: 'match' };

export interface CompiledRegex {
  source: string;
  ignoreCase: boolean;
  program: Inst[];
}

export type RegexCompile = { ok: true; value: CompiledRegex } | { ok: false; code: 'regex-syntax' | 'regex-unsupported' | 'regex-too-large'; reason: string };

class RegexError extends Error {
  constructor(
    readonly code: 'regex-syntax' | 'regex-unsupported' | 'regex-too-large',
    message: string,
  ) {
    super(message);
  }
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isWord = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
const not = (f: CharTest): CharTest => (c) => !f(c);

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.s.length) throw new RegexError('regex-syntax', `unmatched ")" at position ${this.i + 1}`);
    return node;
  }

  private peek(): string | undefined {
    return this.s[this.i];
  }

  private alternation(): Node {
    const items = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      items.push(this.sequence());
    }
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.s.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return { t: 'cat', items };
  }

  private quantified(atom: Node): Node {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(this.s.slice(this.i));
      if (!m) return atom; // a literal "{", as in PCRE
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) throw new RegexError('regex-syntax', `quantifier {${min},${max}} has its numbers in the wrong order`);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.peek() === '?' || this.peek() === '+') this.i++; // lazy or possessive: same match/no-match answer
    if (atom.t === 'assert') throw new RegexError('regex-syntax', 'a quantifier follows an anchor');
    const q = this.peek();
    if (q === '*' || q === '+' || q === '?' || (q === '{' && /^\{\d/.test(this.s.slice(this.i)))) {
      throw new RegexError('regex-syntax', `two quantifiers in a row at position ${this.i + 1}`);
    }
    return { t: 'rep', node: atom, min, max };
  }

  private atom(): Node {
    const c = this.s[this.i++]!;
    switch (c) {
      case '.':
        return { t: 'char', test: (x) => x !== 10 && x !== 13 };
      case '^':
        return { t: 'assert', kind: 'bol' };
      case '$':
        return { t: 'assert', kind: 'eol' };
      case '(':
        return this.group();
      case '[':
        return { t: 'char', test: this.charClass() };
      case '\\':
        return this.escape(false) as Node;
      case '*':
      case '+':
      case '?':
        throw new RegexError('regex-syntax', `nothing to repeat before "${c}" at position ${this.i}`);
      default: {
        const code = c.charCodeAt(0);
        return { t: 'char', test: (x) => x === code };
      }
    }
  }

  private group(): Node {
    if (this.s.startsWith('?:', this.i)) this.i += 2;
    else if (this.s.startsWith('?=', this.i) || this.s.startsWith('?!', this.i) || this.s.startsWith('?<=', this.i) || this.s.startsWith('?<!', this.i)) {
      throw new RegexError('regex-unsupported', 'lookaround ((?=…), (?!…), (?<=…), (?<!…)) needs a backtracking engine and is not evaluated here');
    } else if (this.s.startsWith('?<', this.i) || this.s.startsWith('?P<', this.i)) {
      const end = this.s.indexOf('>', this.i);
      if (end < 0) throw new RegexError('regex-syntax', 'unterminated group name');
      this.i = end + 1;
    } else if (this.peek() === '?') throw new RegexError('regex-unsupported', `group modifier "(${this.s.slice(this.i, this.i + 3)}" is not supported (only a leading (?i) is)`);
    const inner = this.alternation();
    if (this.peek() !== ')') throw new RegexError('regex-syntax', 'missing ")"');
    this.i++;
    return inner;
  }

  /** Parses an escape after "\\"; inside a class, returns a test; outside, a node. */
  private escape(inClass: boolean): Node | CharTest {
    const c = this.s[this.i++];
    if (c === undefined) throw new RegexError('regex-syntax', 'the pattern ends with a lone "\\"');
    const wrap = (test: CharTest): Node | CharTest => (inClass ? test : { t: 'char', test });
    const lit = (code: number) => wrap((x) => x === code);
    switch (c) {
      case 'd':
        return wrap(isDigit);
      case 'D':
        return wrap(not(isDigit));
      case 'w':
        return wrap(isWord);
      case 'W':
        return wrap(not(isWord));
      case 's':
        return wrap(isSpace);
      case 'S':
        return wrap(not(isSpace));
      case 't':
        return lit(9);
      case 'n':
        return lit(10);
      case 'r':
        return lit(13);
      case 'f':
        return lit(12);
      case 'v':
        return lit(11);
      case '0':
        return lit(0);
      case 'x': {
        const m = /^[0-9a-fA-F]{2}/.exec(this.s.slice(this.i));
        if (!m) throw new RegexError('regex-syntax', '\\x needs two hexadecimal digits');
        this.i += 2;
        return lit(parseInt(m[0], 16));
      }
      case 'u': {
        const m = /^[0-9a-fA-F]{4}/.exec(this.s.slice(this.i));
        if (!m) throw new RegexError('regex-syntax', '\\u needs four hexadecimal digits');
        this.i += 4;
        return lit(parseInt(m[0], 16));
      }
      case 'b':
        if (inClass) return lit(8);
        return { t: 'assert', kind: 'wb' };
      case 'B':
        if (inClass) throw new RegexError('regex-syntax', '\\B inside a class');
        return { t: 'assert', kind: 'nwb' };
      default:
        if (/[1-9]/.test(c) || c === 'k') throw new RegexError('regex-unsupported', 'backreferences (\\1, \\k<name>) need a backtracking engine and are not evaluated here');
        if (/[A-Za-z]/.test(c)) throw new RegexError('regex-unsupported', `the escape \\${c} is not supported`);
        return lit(c.charCodeAt(0));
    }
  }

  private charClass(): CharTest {
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.i++;
    }
    const parts: CharTest[] = [];
    let first = true;
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) throw new RegexError('regex-syntax', 'missing "]"');
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      let lo: number | CharTest;
      this.i++;
      if (c === '\\') lo = this.escape(true) as CharTest;
      else lo = c.charCodeAt(0);
      if (typeof lo === 'number' && this.peek() === '-' && this.s[this.i + 1] !== undefined && this.s[this.i + 1] !== ']') {
        this.i++;
        const d = this.s[this.i++]!;
        let hi: number | CharTest = d.charCodeAt(0);
        if (d === '\\') hi = this.escape(true) as CharTest;
        if (typeof hi !== 'number') throw new RegexError('regex-syntax', 'a class range ends with a shorthand such as \\d');
        if (hi < lo) throw new RegexError('regex-syntax', 'a class range is out of order');
        const [a, b] = [lo, hi];
        parts.push((x) => x >= a && x <= b);
      } else if (typeof lo === 'number') {
        const code = lo;
        parts.push((x) => x === code);
      } else parts.push(lo);
    }
    const any: CharTest = (x) => parts.some((p) => p(x));
    return negate ? not(any) : any;
  }
}

function compileNode(node: Node, prog: Inst[]): void {
  const check = () => {
    if (prog.length > REGEX_LIMITS.maxProgram) throw new RegexError('regex-too-large', `the pattern compiles to more than ${REGEX_LIMITS.maxProgram} steps (large counted repeats such as {1000})`);
  };
  check();
  switch (node.t) {
    case 'char':
      prog.push({ op: 'char', test: node.test });
      return;
    case 'assert':
      prog.push({ op: 'assert', kind: node.kind });
      return;
    case 'cat':
      for (const n of node.items) compileNode(n, prog);
      return;
    case 'alt': {
      const jumps: { op: 'jmp'; to: number }[] = [];
      node.items.forEach((item, k) => {
        if (k < node.items.length - 1) {
          const split: Inst = { op: 'split', a: prog.length + 1, b: -1 };
          prog.push(split);
          compileNode(item, prog);
          const j = { op: 'jmp' as const, to: -1 };
          jumps.push(j);
          prog.push(j);
          split.b = prog.length;
        } else compileNode(item, prog);
      });
      for (const j of jumps) j.to = prog.length;
      return;
    }
    case 'rep': {
      for (let k = 0; k < node.min; k++) compileNode(node.node, prog);
      if (node.max === Infinity) {
        const split: Inst = { op: 'split', a: prog.length + 1, b: -1 };
        const loop = prog.length;
        prog.push(split);
        compileNode(node.node, prog);
        prog.push({ op: 'jmp', to: loop });
        split.b = prog.length;
      } else {
        const splits: { op: 'split'; a: number; b: number }[] = [];
        for (let k = node.min; k < node.max; k++) {
          const split = { op: 'split' as const, a: prog.length + 1, b: -1 };
          splits.push(split);
          prog.push(split);
          compileNode(node.node, prog);
          check();
        }
        for (const s of splits) s.b = prog.length;
      }
      return;
    }
  }
}

/** Compiles a pattern, or says why it cannot be evaluated. Never throws. */
export function compileRegex(pattern: string): RegexCompile {
  if (pattern.length > REGEX_LIMITS.maxPattern) {
    return { ok: false, code: 'regex-too-large', reason: `the pattern has ${pattern.length} characters; at most ${REGEX_LIMITS.maxPattern} are evaluated` };
  }
  let source = pattern;
  let ignoreCase = false;
  if (source.startsWith('(?i)')) {
    ignoreCase = true;
    source = source.slice(4);
  }
  try {
    const node = new Parser(source).parse();
    const program: Inst[] = [];
    compileNode(node, program);
    program.push({ op: 'match' });
    return { ok: true, value: { source: pattern, ignoreCase, program } };
  } catch (e) {
    if (e instanceof RegexError) return { ok: false, code: e.code, reason: e.message };
    return { ok: false, code: 'regex-syntax', reason: e instanceof Error ? e.message : String(e) };
  }
}

const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
const upper = (c: number) => (c >= 97 && c <= 122 ? c - 32 : c);

/**
 * True when the pattern matches anywhere in the subject (unanchored search, like
 * ModSecurity's @rx). Only the first `REGEX_LIMITS.maxSubject` characters are examined.
 */
export function regexSearch(re: CompiledRegex, subject: string): boolean {
  const s = subject.length > REGEX_LIMITS.maxSubject ? subject.slice(0, REGEX_LIMITS.maxSubject) : subject;
  const prog = re.program;
  const n = s.length;
  const mark = new Int32Array(prog.length).fill(-1);
  let clist: number[] = [];
  let nlist: number[] = [];
  let gen = 0;
  const at = (i: number) => (i >= 0 && i < n ? s.charCodeAt(i) : -1);

  // Follows jumps, splits and assertions from pc at position i; returns true on a match.
  const add = (list: number[], pc0: number, i: number): boolean => {
    const stack = [pc0];
    while (stack.length) {
      const pc = stack.pop()!;
      if (mark[pc] === gen) continue;
      mark[pc] = gen;
      const inst = prog[pc]!;
      switch (inst.op) {
        case 'jmp':
          stack.push(inst.to);
          break;
        case 'split':
          stack.push(inst.b, inst.a);
          break;
        case 'assert': {
          const prev = at(i - 1);
          const cur = at(i);
          const wb = (prev >= 0 && isWord(prev)) !== (cur >= 0 && isWord(cur));
          const ok = inst.kind === 'bol' ? i === 0 : inst.kind === 'eol' ? i === n : inst.kind === 'wb' ? wb : !wb;
          if (ok) stack.push(pc + 1);
          break;
        }
        case 'match':
          return true;
        case 'char':
          list.push(pc);
          break;
      }
    }
    return false;
  };

  for (let i = 0; i <= n; i++) {
    gen++;
    // Unanchored search: a new thread starts at every position.
    const merged = clist;
    clist = [];
    for (const pc of merged) {
      if (mark[pc] !== gen) {
        mark[pc] = gen;
        clist.push(pc);
      }
    }
    if (add(clist, 0, i)) return true;
    if (i === n) break;
    const c = s.charCodeAt(i);
    gen++;
    nlist = [];
    for (const pc of clist) {
      const inst = prog[pc] as { op: 'char'; test: CharTest };
      const hit = inst.test(c) || (re.ignoreCase && (inst.test(lower(c)) || inst.test(upper(c))));
      if (hit && add(nlist, pc + 1, i + 1)) return true;
    }
    clist = nlist;
  }
  return false;
}
