/**
 * Playground state in the URL fragment and in localStorage.
 *
 * Fragment format: `#pg.<playground id>=<version>.<payload>`, several joined by `&`, so each
 * playground on a page keeps its own state and the page's headings stay linkable with plain
 * `#heading` fragments. Versions (old links must keep working, so never reuse a number):
 *   1 — base64url of deflate-raw compressed JSON `{ "<input>": "<text>", … }`
 *   0 — base64url of the same JSON, uncompressed (written when CompressionStream is missing)
 * Whatever is decoded is treated as data: only string values for the tool's known inputs
 * are kept, and they only ever become editor text.
 */
export type Inputs = Record<string, string>;

const PREFIX = 'pg.';
const MAX_INPUT = 2_000_000;

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

export async function encodeState(inputs: Inputs): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(inputs));
  if (typeof CompressionStream === 'function') return `1.${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`;
  return `0.${toBase64Url(json)}`;
}

/** Decodes a payload; returns null for anything malformed or from an unknown version. */
export async function decodeState(payload: string, names: readonly string[]): Promise<Inputs | null> {
  try {
    const dot = payload.indexOf('.');
    const version = payload.slice(0, dot);
    const data = fromBase64Url(payload.slice(dot + 1));
    let bytes: Uint8Array;
    if (version === '1') bytes = await pipe(data, new DecompressionStream('deflate-raw'));
    else if (version === '0') bytes = data;
    else return null;
    return sanitize(JSON.parse(new TextDecoder().decode(bytes)), names);
  } catch {
    return null;
  }
}

export function sanitize(value: unknown, names: readonly string[]): Inputs | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const out: Inputs = {};
  for (const n of names) {
    const v = (value as Record<string, unknown>)[n];
    if (typeof v === 'string' && v.length <= MAX_INPUT) out[n] = v;
  }
  return Object.keys(out).length ? out : null;
}

/** The fragment's playground entries, keyed by playground id. */
export function fragmentEntries(hash: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (!part.startsWith(PREFIX)) continue;
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    map.set(decodeURIComponent(part.slice(PREFIX.length, eq)), part.slice(eq + 1));
  }
  return map;
}

/** A fragment with this playground's entry set (or removed when payload is null), others kept. */
export function withEntry(hash: string, id: string, payload: string | null): string {
  const parts = hash
    .replace(/^#/, '')
    .split('&')
    .filter((p) => p !== '' && !p.startsWith(`${PREFIX}${encodeURIComponent(id)}=`));
  // A plain heading anchor cannot sit beside state entries; state wins.
  const state = parts.filter((p) => p.startsWith(PREFIX));
  if (payload !== null) state.push(`${PREFIX}${encodeURIComponent(id)}=${payload}`);
  return state.length ? `#${state.join('&')}` : '';
}

const storageKey = (id: string): string => `aks-guide:pg:${location.pathname}:${id}`;

export function loadDraft(id: string, names: readonly string[]): Inputs | null {
  try {
    const raw = localStorage.getItem(storageKey(id));
    return raw ? sanitize(JSON.parse(raw), names) : null;
  } catch {
    return null;
  }
}

export function saveDraft(id: string, inputs: Inputs | null): void {
  try {
    if (inputs) localStorage.setItem(storageKey(id), JSON.stringify(inputs));
    else localStorage.removeItem(storageKey(id));
  } catch {
    /* storage full or disabled: drafts are a convenience */
  }
}
