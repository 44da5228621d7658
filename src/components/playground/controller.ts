/**
 * The Playground shell in the browser. Loaded on every page that has a playground, so it
 * stays small: tools (engines + views) and Monaco are imported only when the reader
 * edits, or when a link or draft brings inputs that differ from the page's example.
 */
import type { Diagnostic } from '../../lib/diagnostics';
import type { ToolDefinition } from '../tools/types';
import type { EditorHandle } from './monaco';
import { decodeState, encodeState, fragmentEntries, loadDraft, saveDraft, withEntry, type Inputs } from './state';

const toolModules = import.meta.glob<{ default: ToolDefinition }>(['../tools/*.ts', '!../tools/types.ts']);

/** Where Monaco is used; narrower screens keep the textareas, which still run the engine. */
const WIDE = '(min-width: 50rem)';

interface Pane {
  name: string;
  el: HTMLElement;
  textarea: HTMLTextAreaElement;
  editor?: EditorHandle;
  loading?: Promise<void>;
}

function loadTool(id: string): Promise<ToolDefinition> {
  const loader = toolModules[`../tools/${id}.ts`];
  if (!loader) return Promise.reject(new Error(`unknown tool ${id}`));
  return loader().then((m) => m.default);
}

class Playground {
  readonly id: string;
  readonly toolId: string;
  readonly initial: Inputs;
  readonly panes = new Map<string, Pane>();
  private tool?: Promise<ToolDefinition>;
  private scheduled = false;
  private lastDiagnostics: Diagnostic[] = [];
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

  private setInputs(values: Inputs): void {
    for (const p of this.panes.values()) {
      const v = values[p.name] ?? this.initial[p.name] ?? '';
      p.textarea.value = v;
      p.editor?.setValue(v);
    }
  }

  /** Restores a shared link's state, else the reader's draft. */
  async restore(fragment: Map<string, string>): Promise<void> {
    const payload = fragment.get(this.id);
    let values = payload ? await decodeState(payload, this.names) : null;
    if (payload && !values) this.say('This link’s playground state could not be read; showing the page’s example.');
    values ??= loadDraft(this.id, this.names);
    if (!values) return;
    const merged = { ...this.initial, ...values };
    if (this.names.every((n) => merged[n] === this.initial[n])) return;
    this.setInputs(merged);
    this.run();
  }

  private changed(): void {
    const current = this.inputs();
    saveDraft(this.id, this.names.some((n) => current[n] !== this.initial[n]) ? current : null);
    if (this.scheduled) return;
    this.scheduled = true;
    // One engine run per frame, however fast the reader types.
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.run();
    });
  }

  private run(): void {
    this.tool ??= loadTool(this.toolId);
    const inputs = this.inputs();
    void Promise.all([this.tool, import('./render')])
      .then(([tool, render]) => {
        // Inputs may have changed while the tool loaded; render the latest.
        const output = render.render(this.root, tool, this.inputs());
        this.lastDiagnostics = output.diagnostics;
        for (const p of this.panes.values()) p.editor?.setDiagnostics(output.diagnostics.filter((d) => (d.input ?? this.names[0]) === p.name));
        this.root.dataset.pgRuns = String(Number(this.root.dataset.pgRuns ?? 0) + 1);
        return inputs;
      })
      .catch((e: unknown) => this.say(`The tool could not run: ${e instanceof Error ? e.message : String(e)}`));
  }

  private activate(pane: Pane, fromPointer: boolean): void {
    if (pane.editor || pane.loading || !matchMedia(WIDE).matches) return;
    this.tool ??= loadTool(this.toolId);
    pane.el.dataset.editor = 'loading';
    pane.loading = import('./monaco')
      .then(async (m) => {
        const ta = pane.textarea;
        const hadFocus = document.activeElement === ta || fromPointer;
        const tool = await this.tool!;
        const spec = tool.inputs.find((i) => i.name === pane.name);
        pane.editor = m.createEditor(pane.el.querySelector<HTMLElement>('[data-pg-host]')!, {
          value: ta.value,
          language: spec?.language ?? 'plaintext',
          schema: spec?.schema,
          label: spec?.label ?? pane.name,
          path: `${this.id}/${pane.name}`,
          height: ta.offsetHeight,
          offset: ta.selectionStart ?? 0,
          onChange: () => this.changed(),
        });
        ta.hidden = true;
        ta.tabIndex = -1;
        pane.el.dataset.editor = 'monaco';
        pane.editor.setDiagnostics(this.lastDiagnostics.filter((d) => (d.input ?? this.names[0]) === pane.name));
        if (hadFocus) pane.editor.focus();
        this.run();
      })
      .catch(() => {
        pane.el.dataset.editor = 'textarea';
        this.say('The code editor could not load; the plain text box still works.');
      });
  }

  private async copyLink(markdown: boolean): Promise<void> {
    const payload = await encodeState(this.inputs());
    history.replaceState(history.state, '', withEntry(location.hash, this.id, payload) || location.pathname + location.search);
    const url = location.href;
    let text = url;
    if (markdown) {
      const summary = this.root.querySelector('.pg-summary')?.textContent?.trim() ?? '';
      const title = this.root.dataset.pgTitle ?? 'Playground';
      text = `[${title}: ${summary.replace(/[[\]]/g, '')}](${url})`;
    }
    try {
      await navigator.clipboard.writeText(text);
      this.say(markdown ? 'Markdown link copied to the clipboard.' : 'Link copied to the clipboard. It also is in the address bar.');
    } catch {
      this.say('The address bar now holds the link; copy it from there.');
    }
  }

  private reset(): void {
    this.setInputs(this.initial);
    saveDraft(this.id, null);
    const hash = withEntry(location.hash, this.id, null);
    history.replaceState(history.state, '', hash || location.pathname + location.search);
    this.run();
    this.say('Reset to the page’s example.');
  }

  private say(message: string): void {
    if (this.status) this.status.textContent = message;
  }
}

export function initPlaygrounds(): void {
  const roots = document.querySelectorAll<HTMLElement>('[data-playground]:not([data-pg-ready])');
  const fragment = fragmentEntries(location.hash);
  for (const root of roots) void new Playground(root).restore(fragment);
}
