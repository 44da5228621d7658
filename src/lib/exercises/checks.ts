/**
 * Small pieces the topic checkers share. Kept outside ./topics so the exercise list
 * (which loads every file there) does not pick it up.
 */
import type { Diagnostic } from '../diagnostics';
import { fail, type CheckResult } from './types';

/**
 * The learner's input has an engine error: fail with the first one, saying where it is,
 * because behaviour cannot be judged on input the engine (or Kubernetes/Azure) rejects.
 */
export function failOnError(diagnostics: readonly Diagnostic[], pane: string): CheckResult | undefined {
  const e = diagnostics.find((d) => d.severity === 'error');
  if (!e) return undefined;
  return fail(`Fix this first (${pane}${e.line ? `, line ${e.line}` : ''}): ${e.message}`);
}
