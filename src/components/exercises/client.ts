/**
 * Exercise controls in the browser: Check runs the exercise's checker (the real engines,
 * loaded on the first click) on the learner's inputs; Show solution renders a line diff
 * against them; passing is remembered in this browser only.
 */
import { diffLines } from '../../lib/diff';
import { playgroundOf } from '../playground/controller';
import { markPassed, readProgress } from './progress';

function el(tag: string, cls: string | null, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function setup(root: HTMLElement): void {
  const id = root.dataset.exercise!;
  const feedback = root.querySelector<HTMLElement>('[data-ex-feedback]')!;
  const pg = root.querySelector<HTMLElement>('[data-playground]')!;
  const passedBefore = readProgress()[id];
  if (passedBefore) {
    root.dataset.exState = 'passed';
    feedback.replaceChildren(el('p', 'ex-pass', `You passed this exercise on ${new Date(passedBefore.passed).toLocaleDateString()}. You can still try it again.`));
  }

  root.querySelector('[data-ex-action="check"]')?.addEventListener('click', async () => {
    feedback.replaceChildren(el('p', null, 'Checking…'));
    try {
      const { exerciseById, nextExercise } = await import('../../lib/exercises');
      const ex = exerciseById(id);
      const inputs = playgroundOf(pg)?.inputs();
      if (!ex || !inputs) throw new Error('exercise not found');
      const r = ex.check(inputs);
      const out: HTMLElement[] = [el('p', r.pass ? 'ex-pass' : 'ex-fail', `${r.pass ? 'Passed.' : 'Not yet.'} ${r.reason}`)];
      if (r.details?.length) {
        const ul = el('ul', 'ex-details');
        for (const d of r.details.slice(0, 30)) ul.append(el('li', null, d));
        out.push(ul);
      }
      if (r.pass) {
        markPassed(id);
        root.dataset.exState = 'passed';
        const next = nextExercise(id);
        const p = el('p', 'ex-next');
        if (next) {
          const a = document.createElement('a');
          a.href = `${root.dataset.exBase}${next.page}/#exercise-${next.id}`;
          a.textContent = `Next exercise: ${next.title}`;
          p.append(a);
        } else p.textContent = 'That was the last exercise. Well done!';
        out.push(p);
      } else root.dataset.exState = 'failed';
      feedback.replaceChildren(...out);
      feedback.focus();
    } catch (e) {
      feedback.replaceChildren(el('p', 'ex-fail', `The checker could not run: ${e instanceof Error ? e.message : String(e)}`));
    }
  });

  const solution = root.querySelector<HTMLDetailsElement>('[data-ex-solution]');
  solution?.addEventListener('toggle', () => {
    if (!solution.open) return;
    const target = JSON.parse(root.querySelector('script[data-ex-solution-json]')?.textContent ?? '{}') as Record<string, string>;
    const current = playgroundOf(pg)?.inputs() ?? {};
    const box = solution.querySelector<HTMLElement>('[data-ex-diff]')!;
    const parts: HTMLElement[] = [];
    for (const [name, text] of Object.entries(target)) {
      const label = pg.querySelector(`[data-input="${CSS.escape(name)}"] label`)?.textContent ?? name;
      const lines = diffLines(current[name] ?? '', text);
      const changed = lines.some((l) => l.op !== 'same');
      parts.push(el('p', 'ex-diff-title', changed ? `${label}: changes from your text (− yours, + solution)` : `${label}: your text already matches.`));
      if (!changed) continue;
      const pre = el('pre', 'ex-diff');
      for (const l of lines) pre.append(el('span', `ex-diff-${l.op}`, `${l.op === 'add' ? '+ ' : l.op === 'del' ? '− ' : '  '}${l.text}\n`));
      parts.push(pre);
    }
    box.replaceChildren(...parts);
  });
  root.querySelector('[data-ex-action="load-solution"]')?.addEventListener('click', () => {
    const target = JSON.parse(root.querySelector('script[data-ex-solution-json]')?.textContent ?? '{}') as Record<string, string>;
    playgroundOf(pg)?.load(target);
  });
}

for (const root of document.querySelectorAll<HTMLElement>('[data-exercise]')) setup(root);
