/** Exercise progress, kept only in this browser (localStorage). Nothing is sent anywhere. */
const KEY = 'aks-guide:exercises';

export type Progress = Record<string, { passed: string /* ISO date */ }>;

export function readProgress(): Progress {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    const out: Progress = {};
    for (const [id, p] of Object.entries(v as Record<string, unknown>)) {
      const passed = (p as { passed?: unknown } | null)?.passed;
      if (typeof passed === 'string') out[id] = { passed };
    }
    return out;
  } catch {
    return {};
  }
}

export function markPassed(id: string): void {
  const p = readProgress();
  p[id] ??= { passed: new Date().toISOString() };
  try {
    localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    /* storage disabled: progress is a convenience */
  }
  dispatchEvent(new CustomEvent('aks-guide:progress'));
}

export function clearProgress(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* nothing stored */
  }
  dispatchEvent(new CustomEvent('aks-guide:progress'));
}

/** Marks links and rows carrying data-progress-ids="id1 id2" with how many are passed. */
export function showProgress(scope: ParentNode = document): void {
  const p = readProgress();
  for (const el of scope.querySelectorAll<HTMLElement>('[data-progress-ids]')) {
    const ids = (el.dataset.progressIds ?? '').split(' ').filter(Boolean);
    const done = ids.filter((id) => p[id]).length;
    el.dataset.progressDone = String(done);
    el.dataset.progressState = done === 0 ? 'todo' : done === ids.length ? 'done' : 'partial';
    const badge = el.querySelector<HTMLElement>('[data-progress-badge]');
    if (badge) badge.textContent = ids.length === 1 ? (done ? 'Done' : 'Not done') : `${done} of ${ids.length} done`;
  }
}
