/**
 * `imgbuild console [options] [TEMPLATE]`: evaluate expressions in a template's context. With stdin not a
 * terminal, every line is evaluated, errors are printed as they come, and only the last result is printed
 * at the end (exit 1 if any line failed), as `packer console` does with piped input. On a terminal it
 * prompts with `> `, prints each result, and stops at `exit`, Control-C/D, or the first error (exit 1).
 * A legacy JSON template (or `-config-type=json`) switches to Packer's JSON mode: lines are Go templates.
 */
import { createInterface } from 'node:readline';
import { packerFunctions } from '../../hcl/functions/registry.js';
import type { Template } from '../../template/model.js';
import { templateContext } from '../../template/contexts.js';
import { packerVersion } from '../../version.js';
import { ExitCode } from '../exit-codes.js';
import { parseFlags, reportFlagFailure } from '../flags.js';
import type { Command, CommandIo } from '../io.js';
import { createLogger } from '../log.js';
import { type CliUi, createUi, scrubber, writeDiagnostics } from '../ui.js';
import { consoleContext, evaluateLine, type LineResult } from './console-eval.js';
import { evaluateJsonLine, jsonConsoleContext } from './console-json.js';
import { loadForInspection } from './load-template.js';
import { sensitiveStrings } from './sensitive.js';

export const consoleHelp = `Usage: imgbuild console [options] [TEMPLATE]

  Creates a console for testing variable interpolation.
  If a template is provided, this command will load the template and any
  variables defined therein into its context to be referenced during
  interpolation.

Options:
  -var 'key=value'              Variable for templates, can be used multiple times.
  -var-file=path                JSON or HCL2 file containing user variables.
  -config-type                  Set to 'json' to run in JSON mode when no file is passed. Defaults to hcl2.`;

interface Session {
  readonly evaluate: (line: string) => LineResult;
  readonly ui: CliUi;
}

/** HCL mode: expressions in the template's context (or, without one, Packer's functions, path, packer). */
function hclSession(t: Template | undefined, io: CommandIo, ui: CliUi): Session {
  const base =
    t?.evalContext ??
    templateContext({
      vars: new Map(),
      locals: new Map(),
      data: new Map(),
      path: { cwd: io.cwd, root: '.' },
      packerVersion: packerVersion,
      functions: packerFunctions({ baseDir: io.cwd, contextual: { env: io.env } }),
    });
  const ctx = consoleContext(base);
  const declared = t ?? { variables: new Map(), locals: new Map() };
  return { evaluate: (line) => evaluateLine(line, ctx, declared, t?.files ?? new Map()), ui };
}

/** JSON mode: Go templates with the legacy template's user variables. */
function jsonSession(t: Template | undefined, io: CommandIo, ui: CliUi): Session {
  const ctx = jsonConsoleContext(t, io.cwd);
  return { evaluate: (line) => evaluateJsonLine(line, t, ctx), ui };
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer | string) => chunks.push(typeof c === 'string' ? Buffer.from(c) : c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

async function piped(s: Session, stdin: NodeJS.ReadableStream): Promise<number> {
  const text = await readAll(stdin);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let code: number = ExitCode.ok;
  let last = '';
  for (const raw of lines) {
    const r = s.evaluate(raw.trim());
    if (r.diags.length > 0 && writeDiagnostics(s.ui, r.diags, r.files) !== 0) code = ExitCode.failed;
    last = r.out;
  }
  s.ui.say(last);
  return code;
}

function interactive(s: Session, io: CommandIo): Promise<number> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin, output: io.stdout, prompt: '> ', terminal: true });
    let code: number = ExitCode.ok;
    rl.on('line', (line) => {
      const r = s.evaluate(line);
      if (writeDiagnostics(s.ui, r.diags, r.files) !== 0) {
        code = ExitCode.failed;
        rl.close();
        return;
      }
      s.ui.say(r.out);
      if (r.exit) rl.close();
      else rl.prompt();
    });
    // Control-C on an empty line leaves; on a typed line it discards the line.
    rl.on('SIGINT', () => {
      if (rl.line.length === 0) rl.close();
      else {
        rl.write(null, { ctrl: true, name: 'u' });
        io.stdout.write('^C\n');
        rl.prompt();
      }
    });
    rl.on('close', () => resolve(code));
    rl.prompt();
  });
}

export const consoleCommand: Command = async (argv, io) => {
  const parsed = parseFlags(argv, {
    bools: { 'machine-readable': false, 'use-sequential-evaluation': false },
    strings: ['config-type'],
    vars: true,
  });
  if (!parsed.ok) return reportFlagFailure(parsed, consoleHelp, io);
  const { flags } = parsed;
  const log = createLogger(io.env, io.stderr, io.cwd);
  const machineReadable = flags.bools.get('machine-readable');
  const configType = flags.strings.get('config-type');
  if (configType !== undefined && configType !== 'hcl2' && configType !== 'json') {
    return reportFlagFailure(
      {
        help: false,
        message: `invalid value "${configType}" for flag -config-type: ${configType} does not belong to configType values`,
      },
      consoleHelp,
      io,
    );
  }
  let template: Template | undefined;
  let ui: CliUi;
  if (flags.args.length >= 1) {
    const loaded = await loadForInspection(
      io,
      log,
      { path: flags.args[0], varArgs: flags.varArgs, warnOnUndeclaredVar: false },
      'console',
    );
    template = loaded.template;
    ui = createUi(io, { machineReadable, scrub: scrubber(sensitiveStrings(template)) });
    if (loaded.parseDiags.length > 0) return writeDiagnostics(ui, loaded.parseDiags, template.files);
  } else {
    ui = createUi(io, { machineReadable });
  }
  // Packer's mode: JSON for a legacy template; without a template imgbuild defaults to HCL2.
  const json = template ? template.legacyJson === true : configType === 'json';
  const session = json ? jsonSession(template, io, ui) : hclSession(template, io, ui);
  const isTty = (io.stdin as { isTTY?: boolean }).isTTY === true;
  log.log(`[INFO] console: ${isTty ? 'interactive' : 'piped'} mode`);
  return isTty ? interactive(session, io) : piped(session, io.stdin);
};
