/**
 * The one Diagnostic type every engine returns. Engines never throw on user input:
 * every problem becomes one of these, with a stable `code` (tests and runbook automation
 * match on it, so codes are never renamed) and, where the input is text, the 1-based
 * line and column it concerns.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable, kebab-case identifier. */
  code: string;
  /** A sentence a person understands. */
  message: string;
  /** 1-based position in the input text, when the input is text. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** The structured input field at fault (e.g. `nodeSubnetCidr`). */
  field?: string;
  /** The Playground input pane the position refers to (set by tool declarations). */
  input?: string;
  /** A public page that states the rule behind this diagnostic. */
  source?: string;
  /**
   * Set on an error that kept part of the input out of the result, naming that part in a
   * few words ("document 2", "the whole input"): the playground's headline then says the
   * result was computed without it.
   */
  unread?: string;
}

export interface Position {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export function diag(
  severity: Severity,
  code: string,
  message: string,
  extra: Partial<Diagnostic> = {},
): Diagnostic {
  return { severity, code, message, ...extra };
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then info; by position within each. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      rank[a.severity] - rank[b.severity] ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

/** Runs `fn`, turning an unexpected exception into an `internal-error` diagnostic. */
export function guard<T>(fn: () => T, fallback: (d: Diagnostic) => T): T {
  try {
    return fn();
  } catch (e) {
    return fallback(
      diag('error', 'internal-error', `The tool could not process this input (${e instanceof Error ? e.message : String(e)}).`),
    );
  }
}
