/**
 * Sensitive values in command output: a value from a sensitive variable or local (or derived from one,
 * which carries the sensitive mark) prints as `<sensitive>`, and their texts feed the output scrubber.
 */
import { goQuote } from '../../hcl/go-strings.js';
import type { Value } from '../../hcl/value.js';
import { SensitiveMark } from '../../hcl/value.js';
import { displayValue } from '../../hcl/value-display.js';
import { hasMarkDeep } from '../../hcl/values.js';
import type { Template } from '../../template/model.js';

export const sensitiveText = '<sensitive>';

export function isSensitiveValue(v: Value): boolean {
  return hasMarkDeep(v, SensitiveMark);
}

/** The value as `packer console` prints it, or `<sensitive>`. */
export function printableValue(v: Value, declaredSensitive = false): string {
  return declaredSensitive || isSensitiveValue(v) ? sensitiveText : displayValue(v);
}

function leafTexts(v: Value, out: string[]): void {
  if (v.state !== 'known') return;
  const p = v.v;
  if (Array.isArray(p)) for (const e of p) leafTexts(e, out);
  else if (p instanceof Map) for (const e of p.values()) leafTexts(e, out);
  else {
    const text = displayValue(v);
    out.push(text);
    // Diagnostics and nested displays show strings Go-quoted; the quoted form's inside may differ.
    if (typeof p === 'string') out.push(goQuote(p).slice(1, -1));
  }
}

/** Every text a sensitive variable or local holds: the scrubber's list. */
export function sensitiveStrings(t: Template): string[] {
  const out: string[] = [];
  for (const v of t.variables.values()) {
    if (v.sensitive || isSensitiveValue(v.value)) leafTexts(v.value, out);
    if (v.sensitive && v.default) leafTexts(v.default, out);
  }
  for (const l of t.locals.values()) if (l.sensitive || isSensitiveValue(l.value)) leafTexts(l.value, out);
  return out;
}
