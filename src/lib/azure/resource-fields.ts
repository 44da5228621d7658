/**
 * Field access that works on both shapes Azure prints a resource in: the Azure CLI's
 * flattened form (`addressPrefix` at the top) and ARM/REST's (`properties.addressPrefix`).
 * Used by the readers of this folder that trace added (route tables, firewalls, application
 * gateways); never throws.
 */
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `obj[name]`, else `obj.properties[name]`, matching the key case-insensitively (ARM uses `ARecords`, the CLI `aRecords`). */
export function field(obj: unknown, name: string): unknown {
  if (!isObj(obj)) return undefined;
  const pick = (o: Obj): unknown => {
    if (name in o) return o[name];
    const lower = name.toLowerCase();
    const k = Object.keys(o).find((x) => x.toLowerCase() === lower);
    return k === undefined ? undefined : o[k];
  };
  const direct = pick(obj);
  if (direct !== undefined) return direct;
  return isObj(obj.properties) ? pick(obj.properties) : undefined;
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const strList = (v: unknown): string[] =>
  Array.isArray(v) ? v.flatMap((x) => (typeof x === 'string' ? [x.trim()] : typeof x === 'number' ? [String(x)] : [])) : typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];

/** The last segment of a resource id (`…/subnets/snet-nodes` → `snet-nodes`), or the text itself. */
export const lastSegment = (id: string): string => id.replace(/\/+$/, '').split('/').pop() ?? id;

/** The id a `{ "id": "…" }` reference holds. */
export const refId = (v: unknown): string | undefined => str(isObj(v) ? v.id : v);

/** Two resource ids name the same resource (Azure ids compare case-insensitively). */
export const sameId = (a: string | undefined, b: string | undefined): boolean => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** The resource type Azure prints (`Microsoft.Network/routeTables`), lower-cased, or ''. */
export const resourceType = (v: unknown): string => (isObj(v) && typeof v.type === 'string' ? v.type.toLowerCase() : '');
