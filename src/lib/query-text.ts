/**
 * Reading runbook-link query parameters as data: one line, bounded, no control characters.
 * Used by the tools' fromQuery (src/components/tools/*.ts); pure.
 */

/** Longest value read from one parameter: a URL or a name, never a document. */
export const QUERY_VALUE_MAX = 2048;

/**
 * The parameter's value with control characters and line breaks removed (so a value
 * cannot add lines to a pane) and surrounding space trimmed; `noSpaces` also drops inner
 * whitespace. Undefined when the parameter is absent.
 */
export function queryText(params: URLSearchParams, name: string, options: { max?: number; noSpaces?: boolean } = {}): string | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  // eslint-disable-next-line no-control-regex
  let v = raw.slice(0, (options.max ?? QUERY_VALUE_MAX) * 2).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  v = options.noSpaces ? v.replace(/\s+/g, '') : v.replace(/\s+/g, ' ').trim();
  return v.slice(0, options.max ?? QUERY_VALUE_MAX);
}
