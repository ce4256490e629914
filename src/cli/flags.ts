/**
 * Command-line flags parsed as Go's `flag` package parses Packer's: one or two dashes, `-name=value` or
 * `-name value`, booleans only as `-name` or `-name=<Go bool>`, parsing stops at the first argument that
 * is not a flag (or after a lone `--`). Packer's shared flags: repeatable `-var k=v` and `-var-file f`
 * (kept in command-line order), `-only a,b` / `-except a,b` (comma lists, repeatable).
 */

/** One `-var` or `-var-file` occurrence, in command-line order. */
export type VarArg =
  | { readonly kind: 'var'; readonly name: string; readonly value: string }
  | { readonly kind: 'var-file'; readonly path: string };

/** What a command accepts besides its positional arguments. */
export interface FlagSet {
  /** Boolean flags with their defaults, e.g. `{ 'syntax-only': false, color: true }`. */
  readonly bools?: Readonly<Record<string, boolean>>;
  /** Single-valued string flags (last occurrence wins). */
  readonly strings?: readonly string[];
  /** `-var` and `-var-file`. */
  readonly vars?: boolean;
  /** `-only` and `-except`. */
  readonly buildFilter?: boolean;
}

export interface ParsedFlags {
  readonly bools: ReadonlyMap<string, boolean>;
  readonly strings: ReadonlyMap<string, string>;
  readonly varArgs: readonly VarArg[];
  readonly only: readonly string[];
  readonly except: readonly string[];
  /** Positional arguments: everything from the first non-flag argument on. */
  readonly args: readonly string[];
}

export type FlagsResult =
  | { readonly ok: true; readonly flags: ParsedFlags }
  | { readonly ok: false; readonly help: boolean; readonly message?: string };

/** Go's strconv.ParseBool. */
export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(s)) return false;
  return undefined;
}

type Kind = 'bool' | 'string' | 'var' | 'var-file' | 'only' | 'except';

function flagKinds(set: FlagSet): Map<string, Kind> {
  const kinds = new Map<string, Kind>();
  for (const name of Object.keys(set.bools ?? {})) kinds.set(name, 'bool');
  for (const name of set.strings ?? []) kinds.set(name, 'string');
  if (set.vars) {
    kinds.set('var', 'var');
    kinds.set('var-file', 'var-file');
  }
  if (set.buildFilter) {
    kinds.set('only', 'only');
    kinds.set('except', 'except');
  }
  return kinds;
}

const failure = (message: string): FlagsResult => ({ ok: false, help: false, message });

export function parseFlags(argv: readonly string[], set: FlagSet): FlagsResult {
  const kinds = flagKinds(set);
  const bools = new Map(Object.entries(set.bools ?? {}));
  const strings = new Map<string, string>();
  const varArgs: VarArg[] = [];
  const only: string[] = [];
  const except: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.length < 2 || arg[0] !== '-') break;
    if (arg === '--') {
      i++;
      break;
    }
    const body = arg.startsWith('--') ? arg.slice(2) : arg.slice(1);
    if (body === '' || body[0] === '-' || body[0] === '=') return failure(`bad flag syntax: ${arg}`);
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    let value = eq === -1 ? undefined : body.slice(eq + 1);
    const kind = kinds.get(name);
    if (kind === undefined) {
      if (name === 'h' || name === 'help') return { ok: false, help: true };
      return failure(`flag provided but not defined: -${name}`);
    }
    if (kind === 'bool') {
      const b = value === undefined ? true : parseGoBool(value);
      if (b === undefined) return failure(`invalid boolean value "${value}" for -${name}: parse error`);
      bools.set(name, b);
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) return failure(`flag needs an argument: -${name}`);
      value = argv[++i]!;
    }
    switch (kind) {
      case 'string':
        strings.set(name, value);
        break;
      case 'var': {
        const at = value.indexOf('=');
        if (at === -1) {
          return failure(`invalid value "${value}" for flag -var: No '=' value in arg: ${value}`);
        }
        varArgs.push({ kind: 'var', name: value.slice(0, at), value: value.slice(at + 1) });
        break;
      }
      case 'var-file':
        varArgs.push({ kind: 'var-file', path: value });
        break;
      case 'only':
        only.push(...value.split(','));
        break;
      case 'except':
        except.push(...value.split(','));
        break;
    }
  }
  return { ok: true, flags: { bools, strings, varArgs, only, except, args: argv.slice(i) } };
}

/** The `-var` values as Packer's map keeps them (a later `-var` for the same name wins). */
export function cliVars(varArgs: readonly VarArg[]): Map<string, string> {
  const vars = new Map<string, string>();
  for (const a of varArgs) if (a.kind === 'var') vars.set(a.name, a.value);
  return vars;
}

/** The `-var-file` paths in command-line order. */
export function cliVarFiles(varArgs: readonly VarArg[]): string[] {
  return varArgs.flatMap((a) => (a.kind === 'var-file' ? [a.path] : []));
}

/**
 * Reports a failed parse the way Packer's commands do: `-h` prints the help on stdout (exit 0); a bad flag
 * prints the flag package's message and the help on stderr (a usage error).
 */
export function reportFlagFailure(
  result: { readonly help: boolean; readonly message?: string },
  help: string,
  io: { readonly stdout: NodeJS.WritableStream; readonly stderr: NodeJS.WritableStream },
): number {
  if (result.help) {
    io.stdout.write(`${help}\n`);
    return 0;
  }
  io.stderr.write(`${result.message ? `${result.message}\n` : ''}${help}\n`);
  return 2;
}
