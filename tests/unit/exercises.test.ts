import { describe, expect, it } from 'vitest';
import { exercises } from '../../src/lib/exercises';
import { diffLines } from '../../src/lib/diff';

describe('every exercise', () => {
  it('has a unique, stable id', () => {
    const ids = exercises.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });
  for (const ex of exercises) {
    describe(ex.id, () => {
      it('passes with its solution', () => {
        const r = ex.check(ex.solution);
        expect(r.reason).toBeTruthy();
        expect(r.pass, r.reason + (r.details ? `\n${r.details.join('\n')}` : '')).toBe(true);
      });
      it('fails with its starting inputs, saying why', () => {
        const r = ex.check(ex.start);
        expect(r.pass).toBe(false);
        expect(r.reason.length).toBeGreaterThan(10);
      });
      it('fails on empty inputs without throwing', () => {
        const empty = Object.fromEntries(Object.keys(ex.start).map((k) => [k, '']));
        expect(ex.check(empty).pass).toBe(false);
      });
      it('has tiered hints and a task', () => {
        expect(ex.hints.length).toBeGreaterThanOrEqual(2);
        expect(ex.task.length).toBeGreaterThan(20);
      });
    });
  }
});

describe('diffLines', () => {
  it('marks added and removed lines', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'del', text: 'b' },
      { op: 'add', text: 'x' },
      { op: 'same', text: 'c' },
    ]);
    expect(diffLines('', 'a')).toEqual([{ op: 'del', text: '' }, { op: 'add', text: 'a' }]);
  });
});
