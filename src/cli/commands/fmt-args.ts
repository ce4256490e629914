/**
 * `fmt`'s command line, parsed as Go's flag package parses Packer's: flags (one or two dashes, booleans
 * optionally `=true|false`) up to the first argument that is not a flag or a lone `--`.
 */

export interface FmtArgs {
  readonly check: boolean;
  readonly diff: boolean;
  readonly write: boolean;
  readonly recursive: boolean;
  readonly paths: readonly string[];
}

export type FmtArgsResult = { ok: true; args: FmtArgs } | { ok: false; help: boolean; message?: string };

const boolFlags = ['check', 'diff', 'write', 'recursive'] as const;
type BoolFlag = (typeof boolFlags)[number];

/** Go's strconv.ParseBool. */
function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(s)) return false;
  return undefined;
}

export function parseFmtArgs(argv: readonly string[]): FmtArgsResult {
  const flags: Record<BoolFlag, boolean> = { check: false, diff: false, write: true, recursive: false };
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.length < 2 || arg[0] !== '-') break;
    if (arg === '--') {
      i++;
      break;
    }
    const body = arg.startsWith('--') ? arg.slice(2) : arg.slice(1);
    if (body === '' || body[0] === '-' || body[0] === '=') {
      return { ok: false, help: false, message: `bad flag syntax: ${arg}` };
    }
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    if (name === 'h' || name === 'help') return { ok: false, help: true };
    if (!(boolFlags as readonly string[]).includes(name)) {
      return { ok: false, help: false, message: `flag provided but not defined: -${name}` };
    }
    const value = eq === -1 ? true : parseGoBool(body.slice(eq + 1));
    if (value === undefined) {
      return {
        ok: false,
        help: false,
        message: `invalid boolean value "${body.slice(eq + 1)}" for -${name}: parse error`,
      };
    }
    flags[name as BoolFlag] = value;
  }
  const paths = argv.slice(i);
  if (paths.length === 0) return { ok: false, help: false };
  return { ok: true, args: { ...flags, paths } };
}
