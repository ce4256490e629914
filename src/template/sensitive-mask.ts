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
      // A short secret is masked only as a whole word, so "p" does not garble every message.
      if (s.length >= 4) out = out.split(s).join(SENSITIVE_TEXT);
      else
        out = out.replace(
          new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(s)}(?![\\p{L}\\p{N}_])`, 'gu'),
          SENSITIVE_TEXT,
        );
    }
    return out;
  };
  return { ...d, summary: mask(d.summary)!, detail: mask(d.detail) };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
