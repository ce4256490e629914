/**
 * References from a build to top-level sources: `"source.TYPE.NAME"` (or `"TYPE.NAME"`) in
 * `sources = […]`, and the label of a build-level `source "source.TYPE.NAME" { … }` block.
 */
import { type Diagnostic, errorDiag } from '../hcl/diagnostics.js';
import { nameSuggestion } from '../hcl/did-you-mean.js';
import { validIdentifier } from '../hcl/native/parser.js';
import type { Range } from '../hcl/pos.js';
import type { SourceBlock } from './model.js';
import { sourceKey } from './sources.js';

export interface SourceRef {
  readonly type: string;
  readonly name: string;
}

/**
 * As Packer: two parts are TYPE.NAME, three are PREFIX.TYPE.NAME (`source.` or `sources.`); each
 * part must be an identifier. Packer silently drops a fourth part; we reject it.
 */
export function parseSourceRef(text: string): SourceRef | undefined {
  const parts = text.split('.');
  if (parts.length < 2 || parts.length > 3) return undefined;
  const [type, name] = parts.slice(-2) as [string, string];
  if (!validIdentifier(type) || !validIdentifier(name)) return undefined;
  return { type, name };
}

export function invalidSourceRef(subject: Range): Diagnostic {
  return errorDiag(
    'Invalid source reference',
    'A source type is made of two or three parts that are split by a dot `.`; each part must start with a letter and may contain only letters, digits, underscores, and dashes. A valid source reference looks like: `source.type.name`',
    subject,
  );
}

/** Packer's "Unknown source TYPE.NAME", with a suggestion when one is close, else the known names. */
export function unknownSourceRef(
  ref: SourceRef,
  sources: ReadonlyMap<string, SourceBlock>,
  subject: Range,
): Diagnostic {
  const key = sourceKey(ref.type, ref.name);
  const known = [...sources.keys()].sort();
  const suggestion = nameSuggestion(key, known);
  const detail =
    suggestion !== undefined ? `Did you mean to use "${suggestion}"?` : `Known: [${known.join(' ')}]`;
  return errorDiag(`Unknown source ${key}`, detail, subject);
}
