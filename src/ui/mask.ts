/**
 * Secret masking: every text the user can see (UI lines, logs, machine-readable output, error messages)
 * passes a Masker that replaces secrets with `<sensitive>`. A secret is hidden in every form it is likely
 * to be printed in: as is, each line of a multi-line value, shell-quoted ('…' with '\'' or '"'"' escapes,
 * "…" with backslashes), JSON- and Go-escaped, URL-encoded, and as a shell prints it when it was pasted
 * into a command unescaped. Unlike Packer's filter, the longest form wins, so a secret containing another
 * is hidden whole.
 */
import { goQuote } from '../hcl/go-strings.js';

export const sensitiveText = '<sensitive>';

/**
 * Shorter secrets are left alone: masking "1" or "x" would mangle line numbers and words, and would tell
 * a reader where the short secret appears anyway.
 */
export const minimumSecretLength = 4;

export interface MaskRange {
  readonly start: number;
  readonly end: number;
}

export interface Masker {
  /** `text` with every form of every secret replaced by `<sensitive>`. */
  mask(text: string): string;
  /** Where secrets occur in `text`, left to right, not overlapping (to keep diagnostic carets aligned). */
  ranges(text: string): MaskRange[];
  /** Adds secrets learned while running (generated passwords, temporary private keys). */
  add(...secrets: string[]): void;
  /** An Error whose message and stack are masked (the original is left untouched). */
  maskError(error: unknown): Error;
  /** A masker for text that arrives in chunks: a secret split across chunks is still hidden. */
  stream(): ChunkMasker;
  /**
   * How much of `text` (raw, an incomplete line) can be shown now: up to where a secret might begin
   * that later text could complete.
   */
  safePrefixLength(text: string): number;
  /** True when there is nothing to mask. */
  readonly empty: boolean;
}

export interface ChunkMasker {
  /** Masks and returns what can safely be shown now; holds back a tail that might begin a secret. */
  write(chunk: string): string;
  /** Everything still held back, masked. */
  end(): string;
}

/** The texts a secret may be printed as. */
export function secretForms(secret: string, minLength = minimumSecretLength): string[] {
  const forms = new Set<string>();
  const addForms = (s: string) => {
    if (s.trim().length < minLength) return;
    forms.add(s);
    forms.add(JSON.stringify(s).slice(1, -1));
    forms.add(goQuote(s).slice(1, -1));
    forms.add(s.replaceAll("'", `'\\''`));
    forms.add(s.replaceAll("'", `'"'"'`));
    forms.add(s.replace(/[\\"$`]/g, '\\$&'));
    forms.add(s.replace(/[^\w\-.,:/@%+=]/g, '\\$&'));
    forms.add(encodeURIComponent(s));
  };
  const addWithShellReadings = (s: string) => {
    addForms(s);
    for (const read of shellReadings(s)) forms.add(read);
  };
  addWithShellReadings(secret);
  const lines = secret.split(/\r?\n/);
  if (lines.length > 1) {
    addForms(secret.replace(/\r?\n/g, '\r\n'));
    for (const line of lines) {
      addWithShellReadings(line);
      addWithShellReadings(line.trim());
    }
  }
  return [...forms].filter((f) => f.trim().length >= minLength);
}

/**
 * What a shell prints when a secret was pasted into a command unescaped: its quotes taken as quoting
 * (removed), its backslashes as escapes, its `$VAR`s expanded to nothing. Best effort: enough for the
 * usual `echo '…${var.x}…'` in an inline script.
 */
function shellReadings(s: string): string[] {
  const out = new Set<string>();
  for (const vars of [s, s.replace(/\$(\w+|\{[^}]*\})/g, '')])
    for (const escapes of [vars, vars.replace(/\\(.)/g, '$1')])
      for (const quotes of [/'/g, /"/g, /['"]/g]) {
        out.add(escapes);
        out.add(escapes.replace(quotes, ''));
      }
  out.delete(s);
  return [...out];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createMasker(secrets: Iterable<string> = [], opts: { minLength?: number } = {}): Masker {
  const minLength = opts.minLength ?? minimumSecretLength;
  const forms = new Set<string>();
  let pattern: RegExp | undefined;
  let longest = 0;

  const rebuild = () => {
    // Longest first: JS alternation takes the first alternative that matches at a position.
    const list = [...forms].sort((a, b) => b.length - a.length);
    longest = list[0]?.length ?? 0;
    pattern = list.length === 0 ? undefined : new RegExp(list.map(escapeRegExp).join('|'), 'g');
  };

  const add = (...more: string[]) => {
    const before = forms.size;
    for (const s of more) for (const f of secretForms(s, minLength)) forms.add(f);
    if (forms.size !== before) rebuild();
  };
  add(...secrets);

  const mask = (text: string) => (pattern ? text.replace(pattern, sensitiveText) : text);

  const ranges = (text: string): MaskRange[] => {
    if (!pattern) return [];
    return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  };

  /** The earliest index from which `text`'s tail is a proper prefix of some form (text.length if none). */
  const holdBackFrom = (text: string) => {
    for (let i = Math.max(0, text.length - longest + 1); i < text.length; i++) {
      const tail = text.slice(i);
      for (const f of forms) if (f.length > tail.length && f.startsWith(tail)) return i;
    }
    return text.length;
  };

  const safePrefixLength = (text: string) => {
    let cut = holdBackFrom(text);
    // A complete secret that runs past the cut might still grow into a longer form: keep it whole.
    for (const r of ranges(text)) if (r.start < cut && r.end > cut) cut = r.start;
    return cut;
  };

  const stream = (): ChunkMasker => {
    let pending = '';
    return {
      write(chunk) {
        pending += chunk;
        const cut = pattern ? safePrefixLength(pending) : pending.length;
        const out = mask(pending.slice(0, cut));
        pending = pending.slice(cut);
        return out;
      },
      end() {
        const out = mask(pending);
        pending = '';
        return out;
      },
    };
  };

  const maskError = (error: unknown): Error => {
    if (!(error instanceof Error)) return new Error(mask(String(error)));
    const masked = new Error(
      mask(error.message),
      error.cause === undefined ? undefined : { cause: maskError(error.cause) },
    );
    masked.name = error.name;
    if (error.stack) masked.stack = mask(error.stack);
    return masked;
  };

  return {
    mask,
    ranges,
    add,
    maskError,
    stream,
    safePrefixLength,
    get empty() {
      return forms.size === 0;
    },
  };
}
