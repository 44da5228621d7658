/**
 * The one set of readers for what `az` prints (JSON, or the same as YAML), shared by every
 * tool and engine that accepts pasted CLI output. Each reader is pure, never throws, reads
 * ARM enums and property names ignoring case, and reports problems as diagnostics at their
 * position when given the parsed document.
 *
 * - aks.ts — `az aks show`: network profile, node pools, API server access.
 * - vnet.ts — `az network vnet show` / `vnet subnet show`.
 * - nsg.ts — `az network nsg show` / `nsg rule list` / `nic list-effective-nsg`.
 * - waf.ts — `az network application-gateway waf-policy show`, ARM template exports.
 * - detect.ts — which output a pasted document is; splitting outputs pasted together.
 * - json.ts — the shared helpers (case-insensitive properties, `properties` flattening).
 */
export * from './aks';
export * from './vnet';
export * from './nsg';
export * from './waf';
export * from './detect';
export { flatten, get, idName, isObj, keyOf, sameId, Sink, type Flat, type Obj } from './json';
