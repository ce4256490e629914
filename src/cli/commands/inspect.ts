/**
 * `imgbuild inspect [options] TEMPLATE`: print the variables, locals and builds a template defines, in
 * Packer's layout. Only parse errors fail (exit 1); values that cannot be evaluated print as `<unknown>`,
 * sensitive ones as `<sensitive>`.
 */
import { ExitCode } from '../exit-codes.js';
import { parseFlags, reportFlagFailure } from '../flags.js';
import type { Command } from '../io.js';
import { createLogger } from '../log.js';
import { createUi, scrubber, writeDiagnostics } from '../ui.js';
import { legacyInspect } from './legacy-inspect.js';
import { loadForInspection } from './load-template.js';
import { sensitiveStrings } from './sensitive.js';
import { buildsText, variablesText } from './template-text.js';

export const inspectHelp = `Usage: imgbuild inspect TEMPLATE

  Inspects a template, parsing and outputting the components a template
  defines. This does not validate the contents of a template (other than
  basic syntax by necessity).

Options:

  -machine-readable             Machine-readable output`;

export const inspectCommand: Command = async (argv, io) => {
  const parsed = parseFlags(argv, {
    bools: { 'machine-readable': false, 'use-sequential-evaluation': false },
    vars: true,
    buildFilter: true,
  });
  if (!parsed.ok) return reportFlagFailure(parsed, inspectHelp, io);
  const { flags } = parsed;
  if (flags.args.length !== 1) return reportFlagFailure({ help: false }, inspectHelp, io);
  const log = createLogger(io.env, io.stderr, io.cwd);
  const { parseDiags, template } = await loadForInspection(
    io,
    log,
    {
      path: flags.args[0],
      varArgs: flags.varArgs,
      warnOnUndeclaredVar: false,
    },
    'inspect',
  );
  const ui = createUi(io, {
    machineReadable: flags.bools.get('machine-readable'),
    scrub: scrubber(sensitiveStrings(template)),
  });
  if (parseDiags.length > 0) return writeDiagnostics(ui, parseDiags, template.files);
  if (template.legacyJson) {
    legacyInspect(template, ui);
    return ExitCode.ok;
  }
  ui.say('Packer Inspect: HCL2 mode\n');
  ui.say(variablesText(template));
  ui.say(buildsText(template));
  return ExitCode.ok;
};
