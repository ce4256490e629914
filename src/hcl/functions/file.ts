/**
 * Filesystem functions (go-cty-funcs `filesystem`, Packer's filebase64).
 * Exports `makeFileFunctions(baseDir)` and `fileFunctions` (baseDir ''): abspath, basename, dirname,
 * file, filebase64, fileexists, fileset, pathexpand.
 *
 * As in Packer, file/fileexists/fileset resolve relative paths against `baseDir` (Packer passes the
 * template's directory); an empty baseDir means the current working directory. abspath and filebase64
 * always use the working directory.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import type Picomatch from 'picomatch';
import { FunctionError, type HclFunction } from '../hcl.js';
import { BoolType, setOf, StringType } from '../types.js';
import { goQuote } from '../go-strings.js';
import { asString, boolVal, setVal, setValEmpty, stringVal } from '../values.js';
import { defineFunction, param } from './call.js';
import { lazyModule } from '../../lazy-module.js';
import { errorMessage } from './util.js';

const picomatch = lazyModule<typeof Picomatch>('picomatch');

// ---- Go's path/filepath on Unix ----

/** Go's filepath.Clean. */
export function goClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** Go's filepath.Join: empty elements are ignored, the result is cleaned. */
export function goJoin(...parts: string[]): string {
  const nonEmpty = parts.filter((p) => p !== '');
  return nonEmpty.length === 0 ? '' : goClean(nonEmpty.join('/'));
}

/** Go's filepath.Base. */
export function goBase(p: string): string {
  if (p === '') return '.';
  p = p.replace(/\/+$/, '');
  if (p === '') return '/';
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Go's filepath.Dir. */
export function goDir(p: string): string {
  const i = p.lastIndexOf('/');
  return goClean(p.slice(0, i + 1));
}

/** go-homedir's Expand. */
export function expandHome(p: string): string {
  if (p === '' || p[0] !== '~') return p;
  if (p.length > 1 && p[1] !== '/' && p[1] !== '\\') throw new Error('cannot expand user-specific home dir');
  const home = process.env.HOME || os.homedir();
  return home + p.slice(1);
}

/** Go's os.FileMode.String for the modes a stat can report. */
function goFileMode(st: fs.Stats): string {
  let kind = '';
  if (st.isDirectory()) kind += 'd';
  if (st.isSymbolicLink()) kind += 'L';
  if (st.isBlockDevice()) kind += 'D';
  if (st.isCharacterDevice()) kind += 'Dc';
  if (st.isFIFO()) kind += 'p';
  if (st.isSocket()) kind += 'S';
  if (st.mode & 0o4000) kind += 'u';
  if (st.mode & 0o2000) kind += 'g';
  if (st.mode & 0o1000) kind += 't';
  const rwx = 'rwxrwxrwx';
  let perm = '';
  for (let i = 0; i < 9; i++) perm += st.mode & (1 << (8 - i)) ? rwx[i] : '-';
  return (kind === '' ? '-' : kind) + perm;
}

function resolveIn(baseDir: string, p: string): string {
  p = expandHome(p);
  if (!p.startsWith('/')) p = goJoin(baseDir, p);
  return goClean(p);
}

function readFileBytes(baseDir: string, p: string): Buffer {
  let full: string;
  try {
    full = resolveIn(baseDir, p);
  } catch (e) {
    throw new FunctionError(`failed to expand ~: ${errorMessage(e)}`);
  }
  try {
    return fs.readFileSync(full);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new FunctionError(`no file exists at ${full}`);
    throw new FunctionError(`failed to read ${full}`);
  }
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** The file function's read: a path relative to baseDir (after ~ expansion), which must hold UTF-8. */
export function readTextFile(baseDir: string, p: string): string {
  const src = readFileBytes(baseDir, p);
  try {
    return utf8Decoder.decode(src);
  } catch {
    throw new FunctionError(
      `contents of ${p} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead`,
    );
  }
}

// ---- globbing for fileset (doublestar semantics: `**` spans directories, `*` matches dotfiles) ----

const MAGIC = /[*?[{\\]/;

function globFiles(pattern: string): string[] {
  const parts = pattern.split('/');
  // Walk from the longest literal directory prefix.
  let literal = 0;
  while (literal < parts.length - 1 && !MAGIC.test(parts[literal]!)) literal++;
  const root = parts.slice(0, literal).join('/') || (pattern.startsWith('/') ? '/' : '.');
  const rest = parts.slice(literal);
  const maxDepth = rest.some((p) => p.includes('**')) ? Number.POSITIVE_INFINITY : rest.length;
  const isMatch = picomatch()(pattern, { dot: true, strictSlashes: true });
  const found: string[] = [];
  const prefix = literal === 0 ? '' : `${parts.slice(0, literal).join('/')}/`;
  const walk = (dir: string, rel: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const ent of entries) {
      const full = `${dir}/${ent.name}`;
      const relPath = rel === '' ? ent.name : `${rel}/${ent.name}`;
      const candidate = prefix + relPath;
      let st: fs.Stats | undefined;
      try {
        st = fs.statSync(full);
      } catch {
        st = undefined;
      }
      if (st?.isFile() && isMatch(candidate)) found.push(candidate);
      if (st?.isDirectory() && depth + 1 < maxDepth) walk(full, relPath, depth + 1);
    }
  };
  walk(root, '', 0);
  return found;
}

/** Go's filepath.Rel for two cleaned paths. */
function goRel(base: string, target: string): string {
  if (base === '.') return target;
  const rel = nodePath.posix.relative(base, target);
  return rel === '' ? '.' : rel;
}

export function makeFileFunctions(baseDir = ''): Record<string, HclFunction> {
  const file = defineFunction({
    description: 'Reads the contents of a file at the given path and returns them as a string.',
    params: [param('path', StringType)],
    returnType: StringType,
    impl: (args) => stringVal(readTextFile(baseDir, asString(args[0]!))),
  });

  const fileexists = defineFunction({
    description: 'Determines whether a file exists at a given path.',
    params: [param('path', StringType)],
    returnType: BoolType,
    impl: (args) => {
      let full: string;
      try {
        full = resolveIn(baseDir, asString(args[0]!));
      } catch (e) {
        throw new FunctionError(`failed to expand ~: ${errorMessage(e)}`);
      }
      let st: fs.Stats;
      try {
        st = fs.statSync(full);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return boolVal(false);
        throw new FunctionError(`failed to stat ${full}`);
      }
      if (st.isFile()) return boolVal(true);
      throw new FunctionError(`${full} is not a regular file, but ${goQuote(goFileMode(st))}`);
    },
  });

  const fileset = defineFunction({
    description: 'Enumerates a set of regular file names given a path and a glob pattern.',
    params: [param('path', StringType), param('pattern', StringType)],
    returnType: setOf(StringType),
    impl: (args) => {
      let base = asString(args[0]!);
      if (!base.startsWith('/')) base = goJoin(baseDir, base);
      const pattern = goJoin(base, asString(args[1]!));
      let matches: string[];
      try {
        matches = globFiles(pattern);
      } catch (e) {
        throw new FunctionError(`failed to glob pattern (${pattern}): ${errorMessage(e)}`);
      }
      const cleanBase = goClean(base);
      const vals = matches.map((m) => stringVal(goRel(cleanBase, goClean(m))));
      return vals.length === 0 ? setValEmpty(StringType) : setVal(vals);
    },
  });

  return {
    abspath: defineFunction({
      description: 'Converts a filesystem path to an absolute path.',
      params: [param('path', StringType)],
      returnType: StringType,
      impl: (args) => {
        const p = asString(args[0]!);
        return stringVal(p.startsWith('/') ? goClean(p) : goJoin(process.cwd(), p));
      },
    }),
    basename: defineFunction({
      description: 'Returns the last element of a path.',
      params: [param('path', StringType)],
      returnType: StringType,
      impl: (args) => stringVal(goBase(asString(args[0]!))),
    }),
    dirname: defineFunction({
      description: 'Returns all but the last element of a path.',
      params: [param('path', StringType)],
      returnType: StringType,
      impl: (args) => stringVal(goDir(asString(args[0]!))),
    }),
    file,
    filebase64: defineFunction({
      description: 'Reads a file and returns its contents base64-encoded.',
      params: [param('path', StringType)],
      returnType: StringType,
      impl: (args) => {
        const p = asString(args[0]!);
        try {
          return stringVal(fs.readFileSync(p).toString('base64'));
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          const reason =
            code === 'ENOENT'
              ? 'no such file or directory'
              : code === 'EISDIR'
                ? 'is a directory'
                : errorMessage(e);
          throw new FunctionError(
            `failed to read file ${goQuote(p)}: ${code === 'EISDIR' ? 'read' : 'open'} ${p}: ${reason}`,
          );
        }
      },
    }),
    fileexists,
    fileset,
    pathexpand: defineFunction({
      description: "Expands a leading ~ in a path to the current user's home directory.",
      params: [param('path', StringType)],
      returnType: StringType,
      impl: (args) => {
        try {
          return stringVal(expandHome(asString(args[0]!)));
        } catch (e) {
          throw new FunctionError(errorMessage(e));
        }
      },
    }),
  };
}

export const fileFunctions: Record<string, HclFunction> = makeFileFunctions('');
