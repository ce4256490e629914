/**
 * `imgbuild schema [<kind> [<type>]]`: prints the JSON Schema of template configurations (every
 * plugin's options by kind and type), or of one kind or one plugin, so editors can offer completion.
 */
import { builtinRegistry } from '../../core/registry.js';
import type { PluginKind } from '../../sdk/plugin.js';
import { templateJsonSchema } from '../../template/schema-template.js';
import { ExitCode } from '../exit-codes.js';
import type { Command } from '../io.js';

const KINDS: readonly PluginKind[] = ['builder', 'provisioner', 'post-processor', 'datasource'];

const HELP = `Usage: imgbuild schema [<kind> [<type>]]

  Prints the JSON Schema of template configurations: the options of every builder,
  provisioner, post-processor and data source, by kind and type. Point an editor's
  JSON Schema support at the output to complete and check *.pkr.json templates.

  With a kind (${KINDS.join(', ')}), prints that kind's plugins only; with a kind
  and a type (e.g. "builder qemu"), that plugin's configuration schema only.
`;

export const schemaCommand: Command = async (argv, io) => {
  if (argv.some((a) => a === '-h' || a === '-help' || a === '--help')) {
    io.stdout.write(HELP);
    return ExitCode.ok;
  }
  if (argv.length > 2 || argv.some((a) => a.startsWith('-'))) {
    io.stderr.write(`imgbuild schema: unexpected arguments\n\n${HELP}`);
    return ExitCode.usage;
  }
  const schema = templateJsonSchema(builtinRegistry());
  const [kind, type] = argv;
  if (kind === undefined) return print(io.stdout, schema);
  if (!KINDS.includes(kind as PluginKind)) {
    io.stderr.write(`imgbuild schema: unknown kind "${kind}"; use one of: ${KINDS.join(', ')}\n`);
    return ExitCode.usage;
  }
  const ofKind = (schema.definitions as Record<string, Record<string, unknown>>)[kind]!;
  if (type === undefined) return print(io.stdout, ofKind);
  if (!(type in ofKind)) {
    const known = Object.keys(ofKind).join(', ');
    io.stderr.write(`imgbuild schema: unknown ${kind} type "${type}"; known types: ${known}\n`);
    return ExitCode.usage;
  }
  return print(io.stdout, ofKind[type]);
};

function print(out: NodeJS.WritableStream, value: unknown): number {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
  return ExitCode.ok;
}
