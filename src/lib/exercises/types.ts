/**
 * A self-paced exercise: a task, starting inputs for one Playground tool (often broken on
 * purpose), tiered hints, a solution, and a checker that runs the real engines on the
 * learner's inputs and judges behaviour, not text.
 */
export interface CheckResult {
  pass: boolean;
  /** One or two sentences: why it passes, or the first thing that is still wrong. */
  reason: string;
  /** Optional specifics (e.g. each connection that behaves wrongly). */
  details?: string[];
}

export interface Exercise {
  /** Stable id: the anchor (#exercise-<id>), the progress key, the playground id. Never rename. */
  id: string;
  title: string;
  /** Exercise page (directory-relative slug under /exercises/). */
  page: string;
  /** The task in words. */
  task: string;
  /** Says what is wrong with the starting inputs, when they are broken on purpose. */
  startNote?: string;
  /** Playground tool the learner edits. */
  tool: string;
  start: Record<string, string>;
  solution: Record<string, string>;
  /** From gentle to nearly the answer. */
  hints: string[];
  check(inputs: Record<string, string>): CheckResult;
}

export const pass = (reason: string): CheckResult => ({ pass: true, reason });
export const fail = (reason: string, details?: string[]): CheckResult => ({ pass: false, reason, ...(details?.length ? { details } : {}) });
