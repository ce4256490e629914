/**
 * `fmt`'s command line, parsed as Go's flag package parses Packer's: flags (one or two dashes, booleans
 * optionally `=true|false`) up to the first argument that is not a flag or a lone `--`.
 */
import { parseFlags } from '../flags.js';

export interface FmtArgs {
  readonly check: boolean;
  readonly diff: boolean;
  readonly write: boolean;
  readonly recursive: boolean;
  readonly paths: readonly string[];
}

export type FmtArgsResult = { ok: true; args: FmtArgs } | { ok: false; help: boolean; message?: string };

/** fmt's flags and their defaults; parsed by the commands' shared Go-style flag parser. */
const fmtFlags = { check: false, diff: false, write: true, recursive: false };

export function parseFmtArgs(argv: readonly string[]): FmtArgsResult {
  const parsed = parseFlags(argv, { bools: fmtFlags });
  if (!parsed.ok) return parsed;
  const { bools, args } = parsed.flags;
  if (args.length === 0) return { ok: false, help: false };
  const flag = (name: keyof typeof fmtFlags) => bools.get(name) ?? fmtFlags[name];
  return {
    ok: true,
    args: {
      check: flag('check'),
      diff: flag('diff'),
      write: flag('write'),
      recursive: flag('recursive'),
      paths: args,
    },
  };
}
