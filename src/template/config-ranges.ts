/**
 * Where each decoded argument came from. Keys are dotted paths: `memory`, `tags`,
 * `launch_block_device_mappings.0.volume_size`; a block element (`name.0`, or `name` for a single
 * block) maps to its header.
 */
import type { Expression } from '../hcl/hcl.js';
import type { Range } from '../hcl/pos.js';
import type { ConfigRanges } from '../sdk/plugin.js';
import { elementRange } from './conversion-path.js';

export interface RangeEntry {
  /** The whole attribute (`name = value`) or the block header. */
  readonly attribute: Range;
  /** The value expression, or the block header. */
  readonly value: Range;
  readonly nameRange: Range;
  readonly expr?: Expression;
}

export class RangeTable implements ConfigRanges {
  private readonly entries = new Map<string, RangeEntry>();

  constructor(readonly block: Range) {}

  set(path: string, entry: RangeEntry): void {
    this.entries.set(path, entry);
  }

  get(path: string): RangeEntry | undefined {
    return this.entries.get(normalise(path));
  }

  /** The attribute holding `name` (for an element path like `boot_command.3`, the whole attribute). */
  attribute(name: string): Range | undefined {
    return this.get(name)?.attribute ?? this.nearest(name)?.entry.attribute;
  }

  /** The value of `name`; for an element path, the element as far as the expression shows it. */
  value(name: string): Range | undefined {
    const exact = this.get(name);
    if (exact) return exact.value;
    const near = this.nearest(name);
    return near ? elementRange(near.entry, near.rest) : undefined;
  }

  /** The longest recorded prefix of `path` (an ajv instancePath or a dotted path). */
  nearest(path: string): { key: string; entry: RangeEntry; rest: string[] } | undefined {
    const parts = normalise(path)
      .split('.')
      .filter((p) => p !== '');
    for (let n = parts.length; n > 0; n--) {
      const key = parts.slice(0, n).join('.');
      const entry = this.entries.get(key);
      if (entry) return { key, entry, rest: parts.slice(n) };
    }
    return undefined;
  }

  paths(): IterableIterator<string> {
    return this.entries.keys();
  }
}

/** `/a/0/b` (JSON Pointer, as ajv reports) or `a.0.b` -> `a.0.b`. */
function normalise(path: string): string {
  if (!path.startsWith('/')) return path;
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}
