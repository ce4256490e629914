/**
 * A file as Packer's builders list it: relative to the working directory when it is inside it
 * (`output-qemu/disk.qcow2`), otherwise absolute. Our artifacts hold absolute paths; what users read
 * (manifests, artifact summaries, zip member names) shows them as Packer would.
 */
import { isAbsolute, relative } from 'node:path';

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
