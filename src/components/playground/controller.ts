/**
 * The Playground shell in the browser. Loaded on every page that has a playground, so it
 * stays small: engines run in a Web Worker (loaded on the first edit, or when a link or a
 * draft brings inputs that differ from the page's example) and Monaco loads only when the
 * reader starts editing a pane.
 */
import type { Diagnostic } from '../../lib/diagnostics';
import type { EditorHandle } from './monaco';
import { decodeState, encodeState, fragmentEntries, loadDraft, saveDraft, withEntry, type Inputs } from './state';

/** Where Monaco is used; narrower screens keep the textareas, which still run the engine. */
const WIDE = '(min-width: 50rem)';

interface Pane {
  name: string;
  el: HTMLElement;
  textarea: HTMLTextAreaElement;
  editor?: EditorHandle;
  loading?: boolean;
}

class Playground {
  readonly id: string;
  readonly toolId: string;
  readonly initial: Inputs;
  readonly panes = new Map<string, Pane>();
  private scheduled = false;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private again = false;
  private lastDiagnostics: Diagnostic[] = [];
  /** Shown in the status line until the reader edits or resets (e.g. "loaded from a link"). */
  private notice = '';
  private readonly status: HTMLElement | null;

  constructor(readonly root: HTMLElement) {
    this.id = root.dataset.pgId ?? 'playground';
    this.toolId = root.dataset.playground ?? '';
    this.status = root.querySelector('[data-pg-status]');
    let initial: Inputs = {};
    try {
      initial = JSON.parse(root.querySelector('script[data-pg-initial]')?.textContent ?? '{}') as Inputs;
    } catch {
      /* the build wrote it; an empty example is the safe fallback */
    }
    this.initial = initial;
    for (const el of root.querySelectorAll<HTMLElement>('[data-input]')) {
      const textarea = el.querySelector('textarea');
      if (!textarea) continue;
      const pane: Pane = { name: el.dataset.input!, el, textarea };
      this.panes.set(pane.name, pane);
      textarea.addEventListener('input', () => this.changed());
      // Clicking or focusing a pane is enough to start editing it with the full editor.
      el.addEventListener('pointerdown', () => this.activate(pane, true));
      // Once the editor has replaced the textarea, the pane's label still points at the
      // textarea: hand its focus on to the editor.
      textarea.addEventListener('focus', () => (pane.editor ? pane.editor.focus() : this.activate(pane, false)));
    }
    root.querySelector('[data-action="copy-link"]')?.addEventListener('click', () => void this.copyLink(false));
    root.querySelector('[data-action="copy-markdown"]')?.addEventListener('click', () => void this.copyLink(true));
    root.querySelector('[data-action="reset"]')?.addEventListener('click', () => this.reset());
    root.querySelector<HTMLAnchorElement>('[data-pg-open]')?.addEventListener('click', (e) => void this.openInTool(e));
    root.addEventListener('keydown', (e) => gridKey(e));
    // A result view may offer "copy this text": a button data-action="copy-text" inside an
    // element marked data-copy-scope, whose [data-copy-source] holds the text (views are data).
    root.addEventListener('click', (e) => {
      const button = e.target instanceof Element ? e.target.closest('[data-action="copy-text"]') : null;
      const text = button?.closest('[data-copy-scope]')?.querySelector('[data-copy-source]')?.textContent;
      if (button && text) void this.copyText(text, button.getAttribute('data-copy-what') ?? 'Text');
    });
    root.addEventListener('click', (e) => this.goTo(e));
    addEventListener('beforeprint', () => void this.link().then((url) => this.setPrintUrl(url)));
    root.dataset.pgReady = 'true';
  }

  get names(): string[] {
    return [...this.panes.keys()];
  }

  inputs(): Inputs {
    const out: Inputs = {};
    for (const p of this.panes.values()) out[p.name] = p.editor ? p.editor.getValue() : p.textarea.value;
    return out;
  }

  /** Replaces the inputs (as an exercise's "load the solution" does) and re-runs the engine. */
  load(values: Inputs): void {
    this.setInputs(values);
    this.changed();
  }

  private setInputs(values: Inputs): void {
    for (const p of this.panes.values()) {
      const v = values[p.name] ?? this.initial[p.name] ?? '';
      p.textarea.value = v;
      p.editor?.setValue(v);
      // A folded pane (guide pages) given other text than the example opens, and no longer says "the example".
      const fold = p.el.closest<HTMLDetailsElement>('details[data-pg-fold]');
      if (fold && v !== this.initial[p.name]) {
        fold.open = true;
        fold.querySelector('[data-pg-fold-note]')?.remove();
      }
    }
  }

  private differs(values: Inputs): boolean {
    return this.names.some((n) => (values[n] ?? this.initial[n]) !== this.initial[n]);
  }

  /** A shared link's state wins; then readable query parameters (tool pages); then the reader's draft. */
  async restore(fragment: Map<string, string>): Promise<void> {
    const payload = fragment.get(this.id);
    let values = payload ? await decodeState(payload, this.names) : null;
    if (payload && !values) {
      this.say('This link’s playground state could not be read; showing the page’s example.');
      this.land();
    }
    let fromLink = values !== null;
    if (!values && this.root.hasAttribute('data-pg-query') && location.search.length > 1) {
      values = await this.fromQuery(location.search);
      fromLink = values !== null;
    }
    values ??= loadDraft(this.id, this.names);
    if (!values || !this.differs(values)) return;
    this.setInputs({ ...this.initial, ...values });
    this.run();
    if (fromLink) {
      this.land();
      this.notice = 'Inputs loaded from a link — Reset restores the example.';
      this.say(this.notice);
    }
  }

  /** A shared link's playground is where the reader lands: scrolled to, and briefly highlighted. */
  private land(): void {
    this.root.scrollIntoView({ block: 'start', behavior: 'instant' });
    this.root.dataset.pgLanded = 'true';
    // The glow ends with its animation, counted from when the page is shown (a slow page
    // load must not use it up unseen); without animations, a few seconds after load.
    const end = () => delete this.root.dataset.pgLanded;
    this.root.addEventListener('animationend', end, { once: true });
    const later = () => setTimeout(end, 5000);
    if (document.readyState === 'complete') later();
    else addEventListener('load', later, { once: true });
  }

  private async fromQuery(search: string): Promise<Inputs | null> {
    const params = new URLSearchParams(search);
    const direct: Inputs = {};
    for (const n of this.names) {
      const v = params.get(n);
      if (v !== null) direct[n] = v;
    }
    try {
      const { inputsFromQuery } = await import('./runner');
      const more = await inputsFromQuery(this.toolId, { ...this.initial, ...direct }, search);
      const out: Inputs = { ...direct };
      for (const n of this.names) if (typeof more[n] === 'string') out[n] = more[n];
      return Object.keys(out).length ? out : null;
    } catch {
      return Object.keys(direct).length ? direct : null;
    }
  }

  /** Keeps the reader's text across reloads: written shortly after typing pauses, and on leaving. */
  private saveSoon(): void {
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.saveNow(), 300);
  }

  saveNow(): void {
    clearTimeout(this.draftTimer);
    const current = this.inputs();
    saveDraft(this.id, this.differs(current) ? current : null);
  }

  private changed(): void {
    this.notice = '';
    this.saveSoon();
    if (this.scheduled) return;
    this.scheduled = true;
    // Run as soon as this input event is handled (not a frame later); edits arriving while a
    // run is in flight are coalesced into one follow-up run (see run()).
    queueMicrotask(() => {
      this.scheduled = false;
      this.run();
    });
  }

  /** Runs the engine on the current inputs; a run requested while one is in flight follows it. */
  private run(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void runModules()
      .then(async ([runner, dom]) => {
        try {
          const reply = await runner.runTool(this.toolId, this.inputs(), Number(this.root.dataset.pgLevel ?? 3), this.root.dataset.pgQuery !== undefined, `pg-${this.id}`);
          if (!reply) return;
          if (!('unchanged' in reply)) {
            const result = this.root.querySelector('[data-result]');
            if (result) dom.patch(result, reply.view);
            this.lastDiagnostics = reply.diagnostics;
            this.mark();
          }
          this.root.dataset.pgRuns = String(Number(this.root.dataset.pgRuns ?? 0) + 1);
          this.say(this.notice);
        } catch (e) {
          if (e instanceof runner.TimeBudgetExceeded) {
            this.say(`This input is too large to evaluate here: the engine was ${e.message}. Your text is kept; make it smaller to see a result.`);
            this.root.dataset.pgTooLarge = 'true';
          } else throw e;
        }
      })
      .catch((e: unknown) => this.say(`The tool could not run: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.run();
        }
      });
  }

  private mark(): void {
    for (const p of this.panes.values()) p.editor?.setDiagnostics(this.lastDiagnostics.filter((d) => (d.input ?? this.names[0]) === p.name));
  }

  private activate(pane: Pane, fromPointer: boolean): void {
    if (pane.editor || pane.loading || !matchMedia(WIDE).matches) return;
    pane.loading = true;
    pane.el.dataset.editor = 'loading';
    import('./monaco')
      .then((m) => {
        const ta = pane.textarea;
        const hadFocus = document.activeElement === ta || fromPointer;
        const host = pane.el.querySelector<HTMLElement>('[data-pg-host]')!;
        pane.editor = m.createEditor(host, {
          value: ta.value,
          language: pane.el.dataset.language ?? 'plaintext',
          schema: pane.el.dataset.schema,
          label: pane.el.querySelector('label')?.textContent ?? pane.name,
          path: `${this.id}/${pane.name}`,
          // The host's outer height, so the editor takes exactly the textarea's place.
          height: host.offsetHeight,
          offset: ta.selectionStart ?? 0,
          wrap: pane.el.dataset.wrap !== 'off',
          onChange: () => this.changed(),
        });
        ta.hidden = true;
        pane.el.dataset.editor = 'monaco';
        this.mark();
        if (hadFocus) pane.editor.focus();
        this.run();
      })
      .catch(() => {
        pane.loading = false;
        pane.el.dataset.editor = 'textarea';
        this.say('The code editor could not load; the plain text box still works.');
      });
  }

  /** A finding's location was clicked: put the cursor on its line and column, in the editor or the textarea. */
  private goTo(e: MouseEvent): void {
    const b = (e.target as HTMLElement).closest<HTMLElement>('[data-goto-line]');
    const pane = b && this.panes.get(b.dataset.gotoPane ?? '');
    if (!pane) return;
    const line = Number(b.dataset.gotoLine);
    const column = Number(b.dataset.gotoColumn ?? 1);
    pane.el.scrollIntoView({ block: 'nearest' });
    if (pane.editor) return pane.editor.goTo(line, column);
    const ta = pane.textarea;
    const lines = ta.value.split('\n');
    const row = Math.min(Math.max(1, line), lines.length);
    const offset = lines.slice(0, row - 1).reduce((sum, l) => sum + l.length + 1, 0) + Math.min(column - 1, lines[row - 1]!.length);
    ta.focus();
    ta.setSelectionRange(offset, offset);
    // 19px lines (playground.css): bring the line into the textarea's view.
    ta.scrollTop = Math.max(0, (row - 3) * 19);
  }

  /** The URL that reproduces this playground's current state. */
  private async link(): Promise<string> {
    const hash = withEntry(location.hash, this.id, await encodeState(this.inputs()));
    return location.href.replace(/#.*$/, '') + hash;
  }

  private setPrintUrl(url: string): void {
    const el = this.root.querySelector('[data-pg-print-url]');
    if (el) el.textContent = url;
  }

  private async copyLink(markdown: boolean): Promise<void> {
    const url = await this.link();
    history.replaceState(history.state, '', url);
    this.setPrintUrl(url);
    let text = url;
    if (markdown) {
      const summary = this.root.querySelector('.pg-summary')?.textContent?.trim() ?? '';
      const title = this.root.dataset.pgTitle ?? 'Playground';
      text = `[${`${title}: ${summary}`.replace(/[[\]\\]/g, '')}](${url.replace(/\)/g, '%29')})`;
    }
    try {
      await navigator.clipboard.writeText(text);
      this.say(markdown ? 'Markdown link copied to the clipboard.' : 'Link copied to the clipboard; it is also in the address bar.');
    } catch {
      this.say(markdown ? `Copy this Markdown: ${text}` : 'The address bar now holds the link; copy it from there.');
    }
  }

  private async copyText(text: string, what: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.say(`${what} copied to the clipboard.`);
    } catch {
      this.say(`The clipboard is not available here: select the ${what.toLowerCase()} and copy it.`);
    }
  }

  private async openInTool(e: MouseEvent): Promise<void> {
    const a = e.currentTarget as HTMLAnchorElement;
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || !this.differs(this.inputs())) return;
    e.preventDefault();
    location.href = `${a.href.replace(/#.*$/, '')}${withEntry('', 'tool', await encodeState(this.inputs()))}`;
  }

  private reset(): void {
    // Kept until the next edit: the run that follows must not wipe it.
    this.notice = 'Reset to the page’s example.';
    clearTimeout(this.draftTimer);
    this.setInputs(this.initial);
    saveDraft(this.id, null);
    const hash = withEntry(location.hash, this.id, null);
    history.replaceState(history.state, '', hash || location.pathname + location.search);
    this.run();
    this.say(this.notice);
  }

  private say(message: string): void {
    if (this.status) this.status.textContent = message;
  }
}

type RunModules = [typeof import('./runner'), typeof import('./dom')];
let loadedRunModules: RunModules | undefined;

/**
 * The engine runner and the result builder, loaded with the first run. Later runs reuse them
 * without import(), which resolves a task later: the keystroke's run would wait for the
 * editor's next frame to be painted before reaching the engine worker.
 */
function runModules(): Promise<RunModules> {
  if (loadedRunModules) return Promise.resolve(loadedRunModules);
  return Promise.all([import('./runner'), import('./dom')]).then((m) => (loadedRunModules = m));
}

/**
 * Arrow keys move between the cells of a result matrix (table.pg-matrix), whose cells hold
 * a focusable <summary> each; Home and End jump to the ends of the row.
 */
function gridKey(e: KeyboardEvent): void {
  const from = e.target as HTMLElement;
  const cell = from.closest('td');
  const table = cell?.closest('table.pg-matrix');
  if (!cell || !table || !['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(e.key)) return;
  const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')]);
  const r = rows.findIndex((row) => row.includes(cell as HTMLTableCellElement));
  const c = rows[r]!.indexOf(cell as HTMLTableCellElement);
  const [nr, nc] =
    e.key === 'ArrowLeft' ? [r, c - 1] : e.key === 'ArrowRight' ? [r, c + 1] : e.key === 'ArrowUp' ? [r - 1, c] : e.key === 'ArrowDown' ? [r + 1, c] : e.key === 'Home' ? [r, 0] : [r, rows[r]!.length - 1];
  const target = rows[nr]?.[nc]?.querySelector<HTMLElement>('summary, button, a, [tabindex]');
  if (!target) return;
  e.preventDefault();
  target.focus();
}

const instances = new WeakMap<HTMLElement, Playground>();

/** The controller of a playground root (for exercises and automation). */
export function playgroundOf(root: HTMLElement): Pick<Playground, 'inputs' | 'load'> | undefined {
  return instances.get(root);
}

export function initPlaygrounds(): void {
  const roots = document.querySelectorAll<HTMLElement>('[data-playground]:not([data-pg-ready])');
  const fragment = fragmentEntries(location.hash);
  const created: Playground[] = [];
  for (const root of roots) {
    const pg = new Playground(root);
    instances.set(root, pg);
    created.push(pg);
    void pg.restore(fragment);
  }
  // A reload or navigation right after typing must not lose the last keystrokes.
  if (created.length) addEventListener('pagehide', () => created.forEach((pg) => pg.saveNow()));
}
