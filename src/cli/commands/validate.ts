/**
 * `imgbuild validate [options] TEMPLATE`: load the template (a file or a directory) with the command
 * line's variables, plan every selected build (each plugin configuration decoded against its schema and
 * prepared), and print every diagnostic. Exit 0 and "The configuration is valid." when there is no error;
 * 1 when there is one; 2 for bad usage. `-syntax-only` stops after parsing.
 */
import { hasErrors } from '../../hcl/diagnostics.js';
import { ExitCode } from '../exit-codes.js';
import { parseFlags, reportFlagFailure } from '../flags.js';
import type { Command } from '../io.js';
import { createLogger } from '../log.js';
import { createUi, scrubber, writeDiagnostics } from '../ui.js';
import { loadForCommand } from './load-template.js';
import { sensitiveStrings } from './sensitive.js';

export const validateHelp = `Usage: imgbuild validate [options] TEMPLATE

  Checks the template is valid by parsing the template and also
  checking the configuration with the various builders, provisioners, etc.

  If it is not valid, the errors will be shown and the command will exit
  with a non-zero exit status. If it is valid, it will exit with a zero
  exit status.

Options:

  -syntax-only                  Only check syntax. Do not verify config of the template.
  -except=foo,bar,baz           Validate all builds other than these.
  -only=foo,bar,baz             Validate only these builds.
  -machine-readable             Produce machine-readable output.
  -var 'key=value'              Variable for templates, can be used multiple times.
  -var-file=path                JSON or HCL2 file containing user variables, can be used multiple times.
  -no-warn-undeclared-var       Disable warnings for user variable files containing undeclared variables.
  -evaluate-datasources         Evaluate data sources during validation (HCL2 only, may incur costs); Defaults to false.`;

/** Accepted for Packer compatibility; they change nothing here. */
const compatibilityFlags = ['evaluate-datasources', 'ignore-prerelease-plugins', 'use-sequential-evaluation'];

/** The build planner and the built-in plugins: the loader checks data source types against them too. */
async function loadPlanner() {
  const [{ planBuilds }, { builtinRegistry }] = await Promise.all([
    import('../../template/plan.js'),
    import('../../core/registry.js'),
  ]);
  return { planBuilds, registry: builtinRegistry() };
}

export const validateCommand: Command = async (argv, io) => {
  const parsed = parseFlags(argv, {
    bools: {
      'syntax-only': false,
      'machine-readable': false,
      'no-warn-undeclared-var': false,
      ...Object.fromEntries(compatibilityFlags.map((f) => [f, false])),
    },
    vars: true,
    buildFilter: true,
  });
  if (!parsed.ok) return reportFlagFailure(parsed, validateHelp, io);
  const { flags } = parsed;
  if (flags.args.length !== 1) return reportFlagFailure({ help: false }, validateHelp, io);
  const log = createLogger(io.env, io.stderr, io.cwd);
  const syntaxOnly = flags.bools.get('syntax-only')!;
  // Loaded here so that -syntax-only never loads the plugins.
  const planner = syntaxOnly ? undefined : await loadPlanner();
  const loaded = await loadForCommand(
    io,
    log,
    {
      path: flags.args[0],
      varArgs: flags.varArgs,
      warnOnUndeclaredVar: !flags.bools.get('no-warn-undeclared-var'),
      syntaxOnly,
      registry: planner?.registry,
    },
    'validate',
  );
  const template = loaded.value;
  const ui = createUi(io, {
    machineReadable: flags.bools.get('machine-readable'),
    scrub: scrubber(sensitiveStrings(template)),
  });
  if (hasErrors(loaded.diags)) return writeDiagnostics(ui, loaded.diags, template.files);
  if (!planner) {
    writeDiagnostics(ui, loaded.diags, template.files);
    ui.say('Syntax-only check passed. Everything looks okay.');
    return ExitCode.ok;
  }
  const planned = await planner.planBuilds(template, {
    only: flags.only,
    except: flags.except,
    registry: planner.registry,
  });
  const diags = [...loaded.diags, ...planned.diags];
  log.log(`[INFO] validate: ${diags.length} diagnostic(s) after planning`);
  const code = writeDiagnostics(ui, diags, template.files);
  if (code !== ExitCode.ok) return ExitCode.failed;
  ui.say('The configuration is valid.');
  return ExitCode.ok;
};
