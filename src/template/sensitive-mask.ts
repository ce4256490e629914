/**
 * Keeping sensitive values out of diagnostics: the strings of sensitive arguments are collected while
 * decoding, and any message (a plugin's prepare() may quote a value) has them replaced.
 */
import type { Diagnostic } from '../hcl/diagnostics.js';

export const SENSITIVE_TEXT = '(sensitive value)';

export function collectSecrets(js: unknown, into: Set<string>): void {
  if (typeof js === 'string' && js.length > 0) into.add(js);
  else if (Array.isArray(js)) for (const e of js) collectSecrets(e, into);
  else if (js && typeof js === 'object') for (const e of Object.values(js)) collectSecrets(e, into);
}

export function maskSecrets(d: Diagnostic, secrets: ReadonlySet<string>): Diagnostic {
  if (secrets.size === 0) return d;
  const mask = (text: string | undefined) => {
    if (text === undefined) return text;
    let out = text;
    for (const s of secrets) {
      if (s.length >= 4) out = out.split(s).join(SENSITIVE_TEXT);
      // A short secret ("p", "no") is masked only where a message quotes it: masking it everywhere
      // would garble every message that contains those letters.
      else out = out.replace(new RegExp(`(["'\`])${escapeRegExp(s)}\\1`, 'g'), `$1${SENSITIVE_TEXT}$1`);
    }
    return out;
  };
  return { ...d, summary: mask(d.summary)!, detail: mask(d.detail) };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
