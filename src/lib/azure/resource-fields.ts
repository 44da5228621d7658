/**
 * Loose field access for the readers trace added (route tables, firewalls, application
 * gateways), on top of ./json.ts: a child object's fields are read with its ARM `properties`
 * flattened and keys compared ignoring case, and values are coerced to text or lists of text.
 * These readers keep going past odd values (the tracer then says what it could not use).
 */
import { flatten, get, isObj } from './json';

/** A field of a resource or child object, `properties` flattened, key case ignored; null is absent. */
export const field = (o: unknown, name: string): unknown => get(isObj(o) ? flatten(o, []).fields : o, name);

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** Texts (numbers as text); one comma-separated string is read as a list, as az takes it. */
export const strList = (v: unknown): string[] =>
  Array.isArray(v) ? v.flatMap((x) => (typeof x === 'string' ? [x.trim()] : typeof x === 'number' ? [String(x)] : [])) : typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];

/** The id a `{ "id": "…" }` reference holds. */
export const refId = (v: unknown): string | undefined => str(isObj(v) ? get(v, 'id') : v);

/** The resource type Azure prints (`Microsoft.Network/routeTables`), lower-cased, or ''. */
export const resourceType = (v: unknown): string => {
  const t = get(v, 'type');
  return typeof t === 'string' ? t.toLowerCase() : '';
};
