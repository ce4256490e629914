/**
 * The CLI entry point. Commands are loaded on demand so that `imgbuild version` and `imgbuild fmt`
 * start fast and never load what only other commands need.
 */
import { ExitCode } from './exit-codes.js';
import type { Command, CommandIo } from './io.js';

interface CommandEntry {
  readonly synopsis: string;
  readonly load: () => Promise<Command>;
}

const commands: Record<string, CommandEntry> = {
  build: {
    synopsis: 'build image(s) from template',
    load: async () => (await import('./commands/build.js')).buildCommand,
  },
  cleanup: {
    synopsis: 'removes what crashed or aborted builds left behind',
    load: async () => (await import('./commands/cleanup.js')).cleanupCommand,
  },
  console: {
    synopsis: 'creates a console for testing variable interpolation',
    load: async () => (await import('./commands/console.js')).consoleCommand,
  },
  fmt: {
    synopsis: 'Rewrites HCL2 config files to canonical format',
    load: async () => (await import('./commands/fmt.js')).fmtCommand,
  },
  inspect: {
    synopsis: 'see components of a template',
    load: async () => (await import('./commands/inspect.js')).inspectCommand,
  },
  schema: {
    synopsis: 'prints the JSON Schema of template configurations',
    load: async () => (await import('./commands/schema.js')).schemaCommand,
  },
  validate: {
    synopsis: 'check that a template is valid',
    load: async () => (await import('./commands/validate.js')).validateCommand,
  },
  version: {
    synopsis: 'Prints the imgbuild version',
    load: async () => (await import('./commands/version.js')).versionCommand,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([name, c]) => `    ${name.padEnd(width)}    ${c.synopsis}`);
  return `Usage: imgbuild [--version] [--help] <command> [<args>]\n\nAvailable commands are:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '-help' || first === '--help') {
    (first === undefined ? io.stderr : io.stdout).write(usage());
    return first === undefined ? ExitCode.usage : ExitCode.ok;
  }
  const name = first === '-v' || first === '-version' || first === '--version' ? 'version' : first;
  const entry = commands[name];
  if (!entry) {
    io.stderr.write(`imgbuild: unknown command "${name}"\n\n${usage()}`);
    return ExitCode.usage;
  }
  const command = await entry.load();
  return command(rest, io);
}
