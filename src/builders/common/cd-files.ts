/**
 * cd_files / cd_content / cd_label → an ISO 9660 image (Packer's StepCreateCD): files go to the CD's
 * root, directories keep their name and tree (`dir/*` puts the contents at the root instead), globs
 * are expanded as Go's filepath.Glob does, cd_content writes files by path. Made with
 * `xorriso -as mkisofs` (Rock Ridge + Joliet), else mkisofs or genisoimage. `cd_label = "cidata"`
 * makes a cloud-init NoCloud seed.
 */
import { cp, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, posix } from 'node:path';
import { goGlob } from '../../postprocessors/artifice/go-glob.js';
import { runProgram } from '../../process/run-program.js';

export interface CdRequest {
  readonly files?: readonly string[];
  readonly content?: Readonly<Record<string, string>>;
  /** Volume id (default "packer"). */
  readonly label?: string;
  /** Where the ISO and its staging tree are made (the build's temp dir). */
  readonly tempDir: string;
  /** Relative cd_files are resolved against this (the template's directory). */
  readonly baseDir?: string;
  readonly signal?: AbortSignal;
  /** Programs tried in order (default: CD_TOOLS). */
  readonly tools?: readonly CdTool[];
}

export interface CdImage {
  readonly path: string;
  readonly label: string;
  /** Deletes the ISO (the step's cleanup). */
  remove(): Promise<void>;
}

export class CdError extends Error {
  readonly code = 'CD_FILES';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CdError';
  }
}

export interface CdTool {
  readonly program: string;
  argv(label: string, sourceDir: string, dest: string): string[];
}

/** Packer's list, minus the macOS/Windows tools; xorriso's mkisofs emulation first. */
export const CD_TOOLS: readonly CdTool[] = [
  {
    program: 'xorriso',
    argv: (label, src, dest) => [
      'xorriso',
      '-as',
      'mkisofs',
      '-rock',
      '-joliet',
      '-volid',
      label,
      '-output',
      dest,
      src,
    ],
  },
  {
    program: 'mkisofs',
    argv: (label, src, dest) => ['mkisofs', '-rock', '-joliet', '-volid', label, '-o', dest, src],
  },
  {
    program: 'genisoimage',
    argv: (label, src, dest) => ['genisoimage', '-rock', '-joliet', '-volid', label, '-o', dest, src],
  },
];

/** Makes the CD, or returns undefined when cd_files and cd_content are both empty. */
export async function createCd(request: CdRequest): Promise<CdImage | undefined> {
  const files = request.files ?? [];
  const content = request.content ?? {};
  if (files.length === 0 && Object.keys(content).length === 0) return undefined;
  const label = request.label || 'packer';
  const baseDir = request.baseDir ?? process.cwd();
  const work = await mkdtemp(join(request.tempDir, 'cd-'));
  const root = join(work, 'root');
  const iso = join(request.tempDir, `${basename(work)}.iso`);
  try {
    await mkdir(root);
    for (const file of await expandFiles(files, baseDir)) await addPath(root, file);
    for (const [path, text] of Object.entries(content)) await addContent(root, path, text);
    await runTool(request.tools ?? CD_TOOLS, label, root, iso, request.signal);
  } catch (error) {
    await rm(iso, { force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { path: iso, label, remove: () => rm(iso, { force: true }) };
}

/** Globs expand to their matches (none is no error, as in Packer); a plain path must exist. */
export async function expandFiles(files: readonly string[], baseDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of files) {
    const path = isAbsolute(entry) ? entry : join(baseDir, entry);
    if (/[*?[]/.test(entry)) {
      out.push(...(await goGlob(path)));
      continue;
    }
    try {
      await stat(path);
    } catch (error) {
      throw new CdError(`Bad CD disk file '${entry}': ${(error as Error).message}`, { cause: error });
    }
    out.push(path);
  }
  return out;
}

/** A file lands at the root under its name; a directory is copied whole under its name. */
async function addPath(root: string, path: string): Promise<void> {
  const target = join(root, basename(path));
  try {
    await cp(path, target, { recursive: true, dereference: true, force: true });
  } catch (error) {
    throw new CdError(`Error adding path to CD: ${(error as Error).message}`, { cause: error });
  }
}

async function addContent(root: string, path: string, text: string): Promise<void> {
  // Rooted before normalising, so `../x` cannot climb out of the CD (Packer's filepath.Join could).
  const clean = posix.normalize(`/${path}`).slice(1);
  if (clean === '' || clean.endsWith('/')) throw new CdError(`cd_content path "${path}" names no file`);
  const target = join(root, clean);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, text);
}

async function runTool(
  tools: readonly CdTool[],
  label: string,
  root: string,
  iso: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  for (const tool of tools) {
    if (!(await onPath(tool.program))) continue;
    await runProgram(tool.argv(label, root, iso), { signal });
    return;
  }
  throw new CdError(
    `could not find a supported CD ISO creation command (the supported commands are: ${tools.map((t) => t.program).join(', ')})`,
  );
}

async function onPath(program: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir === '') continue;
    const info = await stat(join(dir, program)).catch(() => undefined);
    if (info?.isFile() && (info.mode & 0o111) !== 0) return true;
  }
  return false;
}
