/**
 * Words for the model: matches, actions, listeners. The engine owns its explanations; the
 * tools only show these strings.
 */
import type { FilterModel, ListenerModel, MatchModel, RuleModel } from './model';

export function describeMatch(m: MatchModel): string {
  const parts = [`${m.path.type} ${m.path.value}${m.index === -1 ? ' (the rule has no matches: every request)' : ''}`];
  if (m.method) parts.push(`method ${m.method}`);
  for (const h of m.headers) parts.push(`header ${h.name}${h.type === 'Exact' ? ': ' : ' ~ '}${h.value}`);
  for (const q of m.query) parts.push(`query ${q.name}${q.type === 'Exact' ? '=' : ' ~ '}${q.value}`);
  return parts.join(', ');
}

export function describeFilter(f: FilterModel): string {
  switch (f.type) {
    case 'RequestRedirect': {
      const parts = [f.scheme && `scheme ${f.scheme}`, f.hostname && `host ${f.hostname}`, f.port !== undefined && `port ${f.port}`, f.path && `${f.path.type} ${f.path.value}`].filter(Boolean);
      return `redirect ${f.statusCode}${parts.length ? ` (${parts.join(', ')})` : ''}`;
    }
    case 'URLRewrite':
      return `rewrite${f.hostname ? ` host ${f.hostname}` : ''}${f.path ? ` ${f.path.type} ${f.path.value}` : ''}`;
    case 'RequestHeaderModifier':
      return `headers${f.set.length ? ` set ${f.set.map((s) => `${s.name}: ${s.value}`).join(', ')}` : ''}${f.add.length ? ` add ${f.add.map((s) => `${s.name}: ${s.value}`).join(', ')}` : ''}${f.remove.length ? ` remove ${f.remove.join(', ')}` : ''}`;
    case 'Other':
      return f.name;
  }
}

/** The rule's action: its filters and its backends with weights (as shares when split). */
export function describeAction(rule: RuleModel): string {
  const filters = rule.filters.map(describeFilter);
  const total = rule.backends.reduce((s, b) => s + b.weight, 0);
  const backends = rule.backends.map((b) => {
    const share = rule.backends.length > 1 ? ` ${total > 0 ? Math.round((b.weight / total) * 1000) / 10 : 0}%` : '';
    return `${b.namespace}/${b.name}${b.port !== undefined ? `:${b.port}` : ''}${share}`;
  });
  const out = [...filters, ...(backends.length ? [`→ ${backends.join(', ')}`] : [])];
  return out.length ? out.join('; ') : 'no backendRefs and no redirect (500)';
}

export const describeListener = (l: ListenerModel): string => `${l.name} (${l.port}/${l.protocol}, ${l.hostname ?? 'any host'})`;
