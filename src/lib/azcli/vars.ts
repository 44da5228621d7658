/** Shell variables of the script: `NAME=value` assignments, `$NAME` and `$(az …)` in words. */
import { add, MAX_SUBST_DEPTH, type Ctx, type Resolved, type VarValue } from './context';
import { tokenizeShell, type Word } from './shell';

export function isAssignment(w: Word): boolean {
  const first = w.parts[0];
  return first?.kind === 'lit' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(first.text);
}

export function assign(ctx: Ctx, w: Word): void {
  const first = w.parts[0] as { kind: 'lit'; text: string };
  const eq = first.text.indexOf('=');
  const name = first.text.slice(0, eq);
  const rest = first.text.slice(eq + 1);
  const valueWord: Word = { ...w, parts: [...(rest ? [{ kind: 'lit' as const, text: rest }] : []), ...w.parts.slice(1)] };
  const r = resolve(ctx, valueWord);
  if (r.subnet) ctx.vars.set(name, { kind: 'subnet', ...r.subnet });
  else if (r.unresolved.length === 0) ctx.vars.set(name, { kind: 'text', text: r.text });
  else ctx.vars.set(name, { kind: 'unknown' });
}

/** The word's value with the script's variables filled in; `$(az …)` is run through the model. */
export function resolve(ctx: Ctx, w: Word): Resolved {
  let text = '';
  const unresolved: string[] = [];
  let subnet: Resolved['subnet'];
  for (const p of w.parts) {
    if (p.kind === 'lit') text += p.text;
    else if (p.kind === 'var') {
      const v = ctx.vars.get(p.name);
      if (v?.kind === 'text') text += v.text;
      else {
        text += p.raw;
        if (v?.kind === 'subnet' && w.parts.length === 1) subnet = { vnet: v.vnet, subnet: v.subnet };
        else {
          unresolved.push(`$${p.name}`);
          if (!v && !ctx.reportedVars.has(p.name)) {
            ctx.reportedVars.add(p.name);
            add(ctx, 'info', 'unresolved-variable', `$${p.name} is not set in this script, so the checker can't see its value; checks that need it are skipped.`, w);
          }
        }
      }
    } else {
      const v = substitute(ctx, p.start, p.end);
      text += p.raw;
      if (v.kind === 'subnet' && w.parts.length === 1) subnet = { vnet: v.vnet, subnet: v.subnet };
      else if (v.kind === 'text') text = text.slice(0, text.length - p.raw.length) + v.text;
      else unresolved.push(p.raw);
    }
  }
  if (!subnet) {
    const m = /\/virtualNetworks\/([^/\s]+)\/subnets\/([^/\s]+)\s*$/i.exec(text);
    if (m && !m[1]!.includes('$') && !m[2]!.includes('$')) subnet = { vnet: m[1]!, subnet: m[2]! };
  }
  return { text, unresolved, ...(subnet ? { subnet } : {}) };
}

/** Runs the command inside `$(…)`: a modelled az command yields its resource. */
export function substitute(ctx: Ctx, start: number, end: number): VarValue {
  if (ctx.depth >= MAX_SUBST_DEPTH) return { kind: 'unknown' };
  const cmds = tokenizeShell(ctx.text, start, end, ctx.index);
  const words = cmds[0]?.words;
  if (!words || words[0]?.text !== 'az') return { kind: 'unknown' };
  ctx.depth++;
  try {
    return ctx.run(words, true);
  } finally {
    ctx.depth--;
  }
}

