/**
 * The commands' output, as Packer's UI writes it: `say` lines on stdout, `error` lines on stderr, or with
 * -machine-readable every message as one `timestamp,target,ui,<kind>,text` line on stdout. Every message
 * passes a scrubber that replaces the values of sensitive variables with `<sensitive>`.
 */
import type { Diagnostic } from '../hcl/diagnostics.js';
import { hasErrors } from '../hcl/diagnostics.js';
import { renderDiagnostics, type SourceFiles } from '../hcl/render.js';
import { machineField } from '../ui/machine.js';
import { createMasker, type Masker, sensitiveText } from '../ui/mask.js';
import type { CommandIo } from './io.js';

export interface CliUi {
  say(message: string): void;
  error(message: string): void;
  /** A machine-readable line (`timestamp,,category,args…`); nothing in human mode. */
  machine(category: string, ...args: string[]): void;
}

/** Width Packer's diagnostic writer wraps details at. */
const diagnosticWidth = 79;

/** The masker of src/ui/mask.ts, keeping diagnostics' carets under what they underline. */
export function scrubber(secrets: Iterable<string>): (text: string) => string {
  const masker = createMasker(secrets);
  if (masker.empty) return (text) => text;
  return (text) => scrubLines(text, masker);
}

const caretLine = /^ *\^+$/;

/** Each line scrubbed; a diagnostic's source line and the caret line under it are scrubbed together. */
function scrubLines(text: string, masker: Masker): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const next = lines[i + 1];
    if (next !== undefined && caretLine.test(next)) {
      [lines[i], lines[i + 1]] = scrubPair(lines[i]!, next, masker);
      i++;
    } else lines[i] = masker.mask(lines[i]!);
  }
  return lines.join('\n');
}

/**
 * Replaces each secret in `line` with `<sensitive>`, and the columns under it in `carets` with as many
 * carets (or spaces) as `<sensitive>` is long, so the carets stay under what they underline.
 */
function scrubPair(line: string, carets: string, masker: Masker): [string, string] {
  let out = '';
  let under = '';
  let i = 0;
  for (const { start, end } of masker.ranges(line)) {
    out += line.slice(i, start) + sensitiveText;
    under += carets.slice(i, start);
    const marked = carets.slice(start, end).includes('^');
    under += (marked ? '^' : ' ').repeat(sensitiveText.length);
    i = end;
  }
  out += line.slice(i);
  under += carets.slice(i);
  return [out, under.trimEnd()];
}

export function createUi(
  io: Pick<CommandIo, 'stdout' | 'stderr'>,
  opts: { machineReadable?: boolean; scrub?: (text: string) => string; now?: () => Date } = {},
): CliUi {
  const scrub = opts.scrub ?? ((t: string) => t);
  if (opts.machineReadable) {
    const now = opts.now ?? (() => new Date());
    const machine = (category: string, ...args: string[]) =>
      io.stdout.write(
        `${Math.floor(now().getTime() / 1000)},,${category},${args.map((a) => machineField(scrub(a))).join(',')}\n`,
      );
    return { say: (m) => machine('ui', 'say', m), error: (m) => machine('ui', 'error', m), machine };
  }
  return {
    say: (m) => io.stdout.write(`${scrub(m)}\n`),
    error: (m) => io.stderr.write(`${scrub(m)}\n`),
    machine: () => {},
  };
}

/**
 * Packer's writeDiags: all diagnostics rendered as one message, an error message if any is an error
 * (returns 1), otherwise said (returns 0).
 */
export function writeDiagnostics(ui: CliUi, diags: readonly Diagnostic[], files: SourceFiles): number {
  if (diags.length === 0) return 0;
  const text = renderDiagnostics(diags, files, { width: diagnosticWidth });
  if (hasErrors(diags)) {
    ui.error(text);
    return 1;
  }
  ui.say(text);
  return 0;
}
