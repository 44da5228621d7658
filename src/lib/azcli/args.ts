/** The arguments of one az command: flags against the command's specs, their values resolved. */
import { parseCidr } from '../cidr/ip';
import { add, clip, type Ctx, type FlagUse, type Prefix, type Value } from './context';
import { flagIndex, type FlagSpec } from './flags';
import type { Word } from './shell';
import { resolve } from './vars';

export function isFlagWord(w: Word): boolean {
  return w.parts[0]?.kind === 'lit' && /^-{1,2}[A-Za-z]/.test(w.text);
}

export function parseArgs(ctx: Ctx, args: Word[], specs: FlagSpec[], command: string, quiet = false): Map<string, FlagUse> {
  const index = flagIndex(specs);
  const out = new Map<string, FlagUse>();
  let i = 0;
  while (i < args.length) {
    const w = args[i]!;
    if (!isFlagWord(w)) {
      if (!quiet) add(ctx, 'warning', 'unexpected-argument', `"${clip(w.text)}" is not a flag or a flag's value; ${command} would reject it.`, w);
      i++;
      continue;
    }
    const eq = w.text.indexOf('=');
    const flagName = eq > 0 ? w.text.slice(0, eq) : w.text;
    const spec = index.get(flagName);
    i++;
    const values: Value[] = [];
    if (eq > 0) {
      const inline = splitInline(w, eq);
      values.push({ word: inline, r: resolve(ctx, inline) });
    }
    if (!spec) {
      if (!quiet) add(ctx, 'warning', 'unknown-flag', `${flagName} is not a flag of ${command} that this checker knows; it is ignored here. Check it against the az reference.`, w);
      while (i < args.length && !isFlagWord(args[i]!)) i++;
      continue;
    }
    if (spec.arity !== 0) {
      while (i < args.length && !isFlagWord(args[i]!) && (spec.arity === 'many' || values.length === 0)) {
        values.push({ word: args[i]!, r: resolve(ctx, args[i]!) });
        i++;
      }
      if (values.length === 0) {
        if (!quiet) add(ctx, 'error', 'missing-value', `${flagName} needs a value.`, w);
        continue;
      }
    }
    const canonical = spec.names[0]!;
    if (out.has(canonical) && !quiet) add(ctx, 'warning', 'duplicate-flag', `${flagName} is given more than once; az uses the last one.`, w);
    out.set(canonical, { flag: w, values });
  }
  return out;
}

/** The value half of `--flag=value`, positioned after the `=`. */
export function splitInline(w: Word, eq: number): Word {
  const first = w.parts[0] as { kind: 'lit'; text: string };
  const rest = first.text.slice(eq + 1);
  return {
    ...w,
    parts: [...(rest ? [{ kind: 'lit' as const, text: rest }] : []), ...w.parts.slice(1)],
    text: w.text.slice(eq + 1),
    start: w.start + eq + 1,
    column: w.column + eq + 1,
  };
}

export const valueOf = (flags: Map<string, FlagUse>, name: string): Value | undefined => flags.get(name)?.values[0];

export function requireFlags(ctx: Ctx, flags: Map<string, FlagUse>, azWord: Word, command: string, names: string[]): void {
  for (const n of names) if (!flags.has(n)) add(ctx, 'error', 'missing-flag', `az ${command} needs ${n}.`, azWord);
}

/** A literal value, or undefined with a note when it depends on something the script doesn't set. */
export function literal(ctx: Ctx, v: Value | undefined, what: string): string | undefined {
  if (!v) return undefined;
  if (v.r.unresolved.length > 0) {
    add(ctx, 'info', 'unresolved-value', `${what} uses ${v.r.unresolved.join(', ')}, whose value this script doesn't give; the checks that need it are skipped.`, v.word);
    return undefined;
  }
  return v.r.text.trim();
}

export function prefixesOf(ctx: Ctx, values: Value[], what: string): Prefix[] {
  const out: Prefix[] = [];
  for (const v of values) {
    for (const piece of splitList(ctx, v, what)) {
      const p = parseCidr(piece.text);
      if (p.ok) out.push({ cidr: p.value, word: piece.word });
      else add(ctx, 'error', 'invalid-cidr', `${what}: ${p.reason}.`, piece.word);
    }
  }
  return out;
}

/** Splits a comma/space separated value into pieces, each with its own position when literal. */
export function splitList(ctx: Ctx, v: Value, what: string): { text: string; word: Word }[] {
  const text = literal(ctx, v, what);
  if (text === undefined) return [];
  const pieces: { text: string; word: Word }[] = [];
  const simple = v.word.parts.length === 1 && v.word.line === v.word.endLine && v.word.text === text;
  const re = /[^,\s]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const word = simple ? { ...v.word, column: v.word.column + m.index, endColumn: v.word.column + m.index + m[0].length, text: m[0] } : v.word;
    pieces.push({ text: m[0], word });
  }
  return pieces;
}
