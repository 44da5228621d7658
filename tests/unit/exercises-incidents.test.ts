/**
 * Incident exercises: at least six, each checked by the tracer on the learner's environment
 * (start fails and solution passes in exercises.test.ts; a wrong fix per incident in
 * exercises-wrong-answers.test.ts). Here: the checker judges every case, including those
 * that must stay blocked, and reports engine errors with their line.
 */
import { describe, expect, it } from 'vitest';
import { exerciseById } from '../../src/lib/exercises';
import { INCIDENTS } from '../../src/lib/trace';

describe('incident exercises', () => {
  it('there are at least six, on the trace tool, each with a case that must stay blocked or a second fault', () => {
    expect(INCIDENTS.length).toBeGreaterThanOrEqual(6);
    for (const i of INCIDENTS) {
      expect(exerciseById(i.id)?.tool).toBe('trace');
      expect(i.start).not.toBe(i.solution);
    }
    expect(INCIDENTS.filter((i) => i.cases.some((c) => c.want === 'blocked')).length).toBeGreaterThanOrEqual(4);
  });

  it('opening too much fails on the case that must stay blocked', () => {
    const ex = exerciseById('incident-private-dns')!;
    const r = ex.check({ ...ex.solution, environment: `${ex.solution.environment}` });
    expect(r.pass).toBe(true);
    const fw = exerciseById('incident-firewall-egress')!;
    const open = fw.check({ ...fw.solution, environment: fw.solution.environment!.replace("fqdns: [api.payments.example]", "fqdns: ['*']") });
    expect(open.pass).toBe(false);
    expect(open.reason).toContain('api.github.com');
  });

  it('an environment the engine rejects fails with the line of the error', () => {
    const ex = exerciseById('incident-byo-nsg')!;
    const r = ex.check({ ...ex.start, environment: `${ex.start.environment}---\nkind: [unclosed\n` });
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/line \d+/);
  });
});
