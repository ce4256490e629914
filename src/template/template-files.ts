/**
 * Which files make a template: a `*.pkr.hcl` / `*.pkr.json` file, or every such file directly in a
 * directory (HCL files first, then JSON, each in lexical order), plus the directory's
 * `*.auto.pkrvars.hcl` / `*.auto.pkrvars.json` files. Reading problems become diagnostics naming the file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Diagnostic, errorDiag } from '../hcl/diagnostics.js';
import { compareStrings } from '../hcl/go-strings.js';
import { type ParsedFile, parseHclFile } from '../hcl/parse.js';
import { decodeTextFile } from './text-file.js';

export const templateSuffixes = { hcl: '.pkr.hcl', json: '.pkr.json' } as const;
export const autoVarFileSuffixes = { hcl: '.auto.pkrvars.hcl', json: '.auto.pkrvars.json' } as const;

export interface TemplateFileNames {
  /** The directory `path.root` names: the path itself for a directory, else its parent (as given). */
  readonly baseDir: string;
  readonly isDir: boolean;
  readonly templates: string[];
  readonly autoVarFiles: string[];
  readonly diags: Diagnostic[];
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function bySuffixes(names: readonly string[], suffixes: { hcl: string; json: string }): string[] {
  const sorted = [...names].sort(compareStrings);
  return [
    ...sorted.filter((n) => n.endsWith(suffixes.hcl)),
    ...sorted.filter((n) => n.endsWith(suffixes.json)),
  ];
}

/** The template and auto var-file names for `path` (relative names are resolved against cwd). */
export function findTemplateFiles(path: string, cwd: string): TemplateFileNames {
  const diags: Diagnostic[] = [];
  let isDir: boolean;
  try {
    isDir = statSync(resolve(cwd, path)).isDirectory();
  } catch (e) {
    diags.push(errorDiag(`Cannot tell whether ${path} is a directory`, errorMessage(e)));
    return { baseDir: dirname(path), isDir: false, templates: [], autoVarFiles: [], diags };
  }
  if (!isDir) {
    const ok = path.endsWith(templateSuffixes.hcl) || path.endsWith(templateSuffixes.json);
    if (!ok) diags.push(noConfigFile(path));
    return { baseDir: dirname(path), isDir, templates: ok ? [path] : [], autoVarFiles: [], diags };
  }
  let names: string[];
  try {
    names = readdirSync(resolve(cwd, path), { withFileTypes: true })
      .filter((d) => !d.isDirectory())
      .map((d) => d.name);
  } catch (e) {
    diags.push(errorDiag('Cannot read hcl directory', errorMessage(e)));
    return { baseDir: path, isDir, templates: [], autoVarFiles: [], diags };
  }
  const templates = bySuffixes(names, templateSuffixes).map((n) => join(path, n));
  const autoVarFiles = bySuffixes(names, autoVarFileSuffixes).map((n) => join(path, n));
  if (templates.length === 0) diags.push(noConfigFile(path));
  return { baseDir: path, isDir, templates, autoVarFiles, diags };
}

function noConfigFile(path: string): Diagnostic {
  return errorDiag(
    `Could not find any config file in ${path}`,
    'A config file must be suffixed with `.pkr.hcl` or `.pkr.json`. A folder can be referenced.',
  );
}

/** Reads and parses one file (either syntax, chosen by extension); never throws. */
export function readConfigFile(name: string, cwd: string): { parsed?: ParsedFile; diags: Diagnostic[] } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(resolve(cwd, name));
  } catch (e) {
    return { diags: [errorDiag(`Failed to read file ${name}`, errorMessage(e))] };
  }
  const decoded = decodeTextFile(name, bytes);
  if ('diag' in decoded) return { diags: [decoded.diag] };
  const parsed = parseHclFile(decoded.text, name);
  return { parsed, diags: [...parsed.diags] };
}
