/**
 * Request size limits of Application Gateway WAF (spec waf.md §6, [SIZE], [REST], [LIM]):
 * the body (without file uploads) against maxRequestBodySizeInKb, multipart file uploads
 * against fileUploadLimitInMb. In Prevention mode a request over an enforced limit is blocked;
 * in Detection mode it is logged and only the first part of the body is inspected.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { FACTS } from '../facts';
import type { Mode } from './policy';
import type { WafRequest } from './request';

export const SIZE_DOC = 'https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-waf-request-size-limits';
export const LIMITS_DOC = 'https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-application-gateway-limits';

export interface SizeSettings {
  /** requestBodyCheck: whether the WAF inspects request bodies (default true). */
  bodyCheck: boolean;
  /** maxRequestBodySizeInKb (default 128). */
  maxBodyKb: number;
  /** fileUploadLimitInMb (default 100). */
  fileUploadMb: number;
  /** requestBodyEnforcement / fileUploadEnforcement (default true): whether going over blocks. */
  bodyEnforcement: boolean;
  fileEnforcement: boolean;
}

export const SIZE_DEFAULTS: SizeSettings = { bodyCheck: true, maxBodyKb: FACTS['waf-body-limit-kb-default'].value, fileUploadMb: FACTS['waf-upload-limit-mb-default'].value, bodyEnforcement: true, fileEnforcement: true };

/** The body limit with CRS 3.2+ in maxRequestBodySizeInKb's unit: 2 MB is written 2000 there. */
const MAX_BODY_KB_CRS32 = FACTS['waf-body-limit-crs32-mb'].value * 1000;

export interface SizeOutcome {
  /** Set when the request is blocked for its size (Prevention mode, an enforced limit). */
  blockedBy?: string;
  explanation?: string;
  diagnostics: Diagnostic[];
}

/** Bytes of the body: Content-Length when given (so a reader need not paste 200 KB), else the body's UTF-8 length. */
function bodyBytes(req: WafRequest): number {
  const header = Object.entries(req.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-length')?.[1];
  const declared = header !== undefined && /^\s*\d+\s*$/.test(String(header)) ? Number(header) : 0;
  return Math.max(declared, new TextEncoder().encode(req.body ?? '').length);
}

/** "Only requests with Content-Type of multipart/form-data are considered for file uploads … with a filename header." */
function isFileUpload(req: WafRequest): boolean {
  const type = Object.entries(req.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  return /^\s*multipart\/form-data/i.test(String(type)) && /filename\s*=/i.test(req.body ?? '');
}

const kb = (n: number): string => `${Math.ceil(n / 1024).toLocaleString('en')} KB`;

export function checkSize(req: WafRequest, s: SizeSettings, mode: Mode): SizeOutcome {
  const bytes = bodyBytes(req);
  const file = isFileUpload(req);
  const limit = file ? s.fileUploadMb * 1024 * 1024 : s.maxBodyKb * 1024;
  const what = file ? `file upload limit (${s.fileUploadMb} MB)` : `request body size limit (${s.maxBodyKb} KB)`;
  if (!file && !s.bodyCheck) return { diagnostics: [] };
  if (bytes <= limit) {
    return file ? { diagnostics: [diag('info', 'waf-file-upload', `A multipart/form-data body with a filename part is counted against the file upload limit (${s.fileUploadMb} MB), not the body limit.`, { source: SIZE_DOC })] } : { diagnostics: [] };
  }
  const enforced = file ? s.fileEnforcement : s.bodyEnforcement;
  if (!enforced) {
    return { diagnostics: [diag('info', 'waf-size-not-enforced', `The body (${kb(bytes)}) is over the ${what}, but ${file ? 'fileUploadEnforcement' : 'requestBodyEnforcement'} is false: the request is not blocked for its size, and only the part within the inspection limit is inspected.`, { source: SIZE_DOC })] };
  }
  if (mode === 'Detection') {
    return { diagnostics: [diag('info', 'waf-size-detection', `The body (${kb(bytes)}) is over the ${what}. In Detection mode the WAF logs it and inspects the body only up to the limit; the rest is not inspected and the request goes on.`, { source: SIZE_DOC })] };
  }
  return {
    blockedBy: what,
    // The docs say the request is blocked; they do not name the status code the client gets.
    explanation: `The body is ${kb(bytes)}, over the ${what}: "When your WAF policy is in prevention mode, WAF logs and blocks requests that are over the size limit." The size is checked here before any rule (whether a custom Allow rule exempts a request from it is not documented).`,
    diagnostics: [],
  };
}

/** Reads the size settings of policySettings; wrong types and out-of-range values are diagnostics. */
export function readSizeSettings(v: Record<string, unknown>, new32: boolean, at: (field: string) => { line?: number; column?: number }, out: Diagnostic[]): SizeSettings {
  const s = { ...SIZE_DEFAULTS };
  for (const [key, field] of [['requestBodyCheck', 'bodyCheck'], ['requestBodyEnforcement', 'bodyEnforcement'], ['fileUploadEnforcement', 'fileEnforcement']] as const) {
    if (v[key] === undefined || v[key] === null) continue;
    if (typeof v[key] === 'boolean') s[field] = v[key];
    else out.push(diag('error', 'wrong-type', `policySettings.${key} should be true or false.`, at(key)));
  }
  const num = (key: string, min: number, max: number | undefined, unit: string, where: string): number | undefined => {
    const x = v[key];
    if (x === undefined || x === null) return undefined;
    if (typeof x !== 'number' || !Number.isInteger(x)) {
      out.push(diag('error', 'wrong-type', `policySettings.${key} should be a whole number of ${unit}.`, at(key)));
      return undefined;
    }
    if (x < min || (max !== undefined && x > max)) out.push(diag('warning', 'waf-size-out-of-range', `policySettings.${key} is ${x} ${unit}; ${where} allow${max === undefined ? ` at least ${min}` : ` ${min} to ${max.toLocaleString('en')}`}.`, { ...at(key), source: LIMITS_DOC }));
    return x;
  };
  // The body range depends on the rule set ("V2 (with CRS 3.2 or newer) - 2 MB"), read after managedRules.
  s.maxBodyKb = num('maxRequestBodySizeInKb', FACTS['waf-body-limit-kb-min'].value, new32 ? MAX_BODY_KB_CRS32 : FACTS['waf-body-limit-kb-default'].value, 'KB', new32 ? 'WAF v2 with CRS 3.2 or newer' : 'CRS 3.1 and older') ?? s.maxBodyKb;
  s.fileUploadMb = num('fileUploadLimitInMb', FACTS['waf-upload-limit-mb-min'].value, undefined, 'MB', 'the docs') ?? s.fileUploadMb;
  return s;
}
