/**
 * Every exercise, in the order of the onboarding path. Each topic file exports a list;
 * adding an exercise there is enough for the pages, the index, progress and the tests.
 */
import type { Exercise } from './types';

const modules = import.meta.glob<{ default: Exercise[] }>('./topics/*.ts', { eager: true });

/** Topic files sort by a numeric prefix (10-ip-planning.ts, 20-…) to follow the guide's order. */
export const exercises: Exercise[] = Object.keys(modules)
  .sort()
  .flatMap((k) => modules[k]!.default);

export const exerciseById = (id: string): Exercise | undefined => exercises.find((e) => e.id === id);

export function nextExercise(id: string): Exercise | undefined {
  const i = exercises.findIndex((e) => e.id === id);
  return i >= 0 ? exercises[i + 1] : undefined;
}

export type { Exercise, CheckResult } from './types';
