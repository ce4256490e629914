/**
 * `imgbuild fmt [options] PATH...`: rewrite Packer HCL2 files (`*.pkr.hcl`, `*.pkrvars.hcl`) in the
 * canonical layout, exactly as `packer fmt` does. Prints the name of each file it changes (and a unified
 * diff with -diff); `-check` writes nothing and exits 3 if any file would change; a file with syntax errors
 * is left alone, its diagnostics are printed and the exit status is 1. `-` formats stdin to stdout.
 */
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Diagnostic, errorDiag, hasErrors } from '../../hcl/diagnostics.js';
import { decodeLossless, formatHclBytes } from '../../hcl/format/bytes.js';
import { renderDiagnostics } from '../../hcl/render.js';
import { ExitCode } from '../exit-codes.js';
import type { Command, CommandIo } from '../io.js';
import { type FmtArgs, parseFmtArgs } from './fmt-args.js';
import { bytesDiff } from './fmt-diff.js';

const usage = `Usage: imgbuild fmt [options] [TEMPLATE...]

  Rewrites all Packer configuration files to a canonical format. Both
  configuration files (.pkr.hcl) and variable files (.pkrvars.hcl) are updated.
  JSON files (.json) are not modified.

  If TEMPLATE is "." the current directory will be used. If TEMPLATE is "-"
  the input is read from stdin and the formatted result written to stdout.
  The given content must be in Packer's HCL2 configuration language; JSON is
  not supported.

Options:
  -check        Check if the input is formatted. Exit status will be 0 if all
                 input is properly formatted, 3 if some would change.

  -diff         Display diffs of formatting change

  -write=false  Don't write to source files
                (always disabled if using -check)

  -recursive    Also process files in subdirectories. By default, only the
                given directory (or current directory) is processed.
`;

/** Width Packer's diagnostic writer wraps details at. */
const diagnosticWidth = 79;

function isHclFile(name: string): boolean {
  return name.endsWith('.pkr.hcl') || name.endsWith('.pkrvars.hcl');
}

/** With -recursive, hidden directories (.git and the like) are not entered. */
function isHiddenDir(name: string): boolean {
  return name.startsWith('.');
}

/** Packer 1.6.6's order within a directory: configuration files, then variable files, each by name. */
function fileRank(name: string): number {
  return name.endsWith('.pkr.hcl') ? 0 : 1;
}

interface Run {
  readonly args: FmtArgs;
  readonly io: CommandIo;
  readonly diags: Diagnostic[];
  readonly sources: Map<string, { text: string }>;
  changed: number;
}

function readStdin(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer | string) => chunks.push(typeof c === 'string' ? Buffer.from(c) : c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function fail(run: Run, name: string, detail: string): void {
  run.diags.push(errorDiag(`encountered an error while formatting ${name}`, detail));
}

async function formatOne(run: Run, name: string): Promise<void> {
  const { args, io } = run;
  const fromStdin = name === '-';
  if (!fromStdin && !isHclFile(name)) return fail(run, name, `file ${name} is not a HCL file`);
  let bytes: Buffer;
  try {
    bytes = fromStdin ? await readStdin(io.stdin) : await readFile(path.resolve(io.cwd, name));
  } catch (err) {
    return fail(run, name, `failed to read ${name}: ${(err as Error).message}`);
  }
  const { output, diags } = formatHclBytes(bytes, name);
  if (hasErrors(diags)) {
    run.sources.set(name, { text: decodeLossless(bytes).text });
    run.diags.push(...diags);
    return;
  }
  if (output.equals(bytes)) {
    if (fromStdin) io.stdout.write(output);
    return;
  }
  run.changed++;
  if (fromStdin) {
    if (args.write) io.stdout.write(output);
    return;
  }
  io.stdout.write(`${name}\n`);
  if (args.write) {
    try {
      await writeFile(path.resolve(io.cwd, name), output);
    } catch (err) {
      return fail(run, name, (err as Error).message);
    }
  }
  if (args.diff) io.stdout.write(bytesDiff(bytes, output, name));
}

async function formatPath(run: Run, name: string): Promise<void> {
  let isDir = false;
  try {
    isDir = name !== '-' && (await stat(path.resolve(run.io.cwd, name))).isDirectory();
  } catch {
    // Not there: formatOne reports it.
  }
  if (!isDir) return formatOne(run, name);
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(path.resolve(run.io.cwd, name), { withFileTypes: true });
  } catch (err) {
    run.diags.push(errorDiag('Cannot read hcl directory', (err as Error).message));
    return;
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const files = entries
    .filter((e) => !e.isDirectory() && isHclFile(e.name))
    .map((e) => e.name)
    .sort((a, b) => fileRank(a) - fileRank(b) || byName(a, b));
  for (const file of files) await formatOne(run, path.join(name, file));
  if (!run.args.recursive) return;
  const dirs = entries.filter((e) => e.isDirectory() && !isHiddenDir(e.name)).map((e) => e.name);
  for (const dir of dirs.sort(byName)) await formatPath(run, path.join(name, dir));
}

export const fmtCommand: Command = async (argv, io) => {
  const parsed = parseFmtArgs(argv);
  if (!parsed.ok) {
    if (parsed.message) io.stderr.write(`${parsed.message}\n`);
    (parsed.help ? io.stdout : io.stderr).write(usage);
    return parsed.help ? ExitCode.ok : ExitCode.failed;
  }
  const args = parsed.args.check ? { ...parsed.args, write: false } : parsed.args;
  const run: Run = { args, io, diags: [], sources: new Map(), changed: 0 };
  for (const name of args.paths) await formatPath(run, name);
  if (run.diags.length > 0) {
    io.stderr.write(renderDiagnostics(run.diags, run.sources, { width: diagnosticWidth }));
    if (hasErrors(run.diags)) return ExitCode.failed;
  }
  return args.check && run.changed > 0 ? ExitCode.fmtCheckDiffers : ExitCode.ok;
};
