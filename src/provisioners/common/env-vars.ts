/**
 * The environment the shell provisioners give their scripts, flattened into one string with
 * env_var_format, as Packer's shell and shell-local do: PACKER_BUILD_NAME and PACKER_BUILDER_TYPE, the
 * HTTP server's address when the builder has one, then environment_vars and env (env wins), with single
 * quotes in values escaped for a single-quoted shell word, sorted by name.
 */
import { goSprintf } from './go-sprintf.js';

export interface EnvVarsInput {
  /** `KEY=value` strings (environment_vars). */
  readonly vars?: readonly string[];
  /** env. */
  readonly env?: Readonly<Record<string, string>>;
  readonly format: string;
  readonly buildName: string;
  readonly builderType: string;
  readonly buildVars: Readonly<Record<string, unknown>>;
}

/** Builders without an HTTP server set these placeholders (Packer's commonsteps.Http*NotImplemented). */
const NOT_IMPLEMENTED = /^ERR_HTTP_(ADDR|IP|PORT)_NOT_IMPLEMENTED_BY_BUILDER$/;

/** `'` becomes `'"'"'`: close the quote, a double-quoted quote, reopen. */
export function escapeSingleQuotes(value: string): string {
  return value.replaceAll("'", `'"'"'`);
}

export function environmentValues(input: EnvVarsInput): Map<string, string> {
  const values = new Map<string, string>();
  values.set('PACKER_BUILD_NAME', input.buildName);
  values.set('PACKER_BUILDER_TYPE', input.builderType);
  const http: Array<[string, string]> = [
    ['PACKER_HTTP_ADDR', 'PackerHTTPAddr'],
    ['PACKER_HTTP_IP', 'PackerHTTPIP'],
    ['PACKER_HTTP_PORT', 'PackerHTTPPort'],
  ];
  for (const [name, key] of http) {
    const v = input.buildVars[key];
    if (v !== undefined && v !== null && !NOT_IMPLEMENTED.test(String(v))) values.set(name, String(v));
  }
  for (const kv of input.vars ?? []) {
    const eq = kv.indexOf('=');
    if (eq < 0) continue; // prepare() rejects these
    values.set(kv.slice(0, eq), escapeSingleQuotes(kv.slice(eq + 1)));
  }
  for (const [k, v] of Object.entries(input.env ?? {})) values.set(k, escapeSingleQuotes(v));
  return new Map([...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function flattenEnvVars(input: EnvVarsInput): string {
  let flat = '';
  for (const [k, v] of environmentValues(input)) flat += goSprintf(input.format, [k, v]);
  return flat;
}

/**
 * Packer's packer_build_name and packer_builder_type: the source's name and type. The engine's build
 * name is `[BUILD.]TYPE.NAME` (HCL2) or the builder's name, which defaults to its type (legacy JSON);
 * the build variables may carry both explicitly.
 */
export function buildIdentity(
  buildName: string,
  buildVars: Readonly<Record<string, unknown>>,
): { name: string; type: string } {
  const parts = buildName.split('.');
  const name = typeof buildVars.PackerBuildName === 'string' ? buildVars.PackerBuildName : parts.at(-1)!;
  const type =
    typeof buildVars.PackerBuilderType === 'string'
      ? buildVars.PackerBuilderType
      : parts.length >= 2
        ? parts.at(-2)!
        : name;
  return { name, type };
}
