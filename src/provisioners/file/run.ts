/**
 * The file provisioner's run (Packer's provisioner/file): uploads each source (a file, or a directory with
 * the trailing-slash rule) to destination, or downloads remote sources into a local destination. A
 * destination ending in `/` is a directory that receives files under their own names.
 */
import { randomInt } from 'node:crypto';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Communicator } from '../../sdk/communicator.js';
import type { ProvisionContext } from '../../sdk/plugin.js';
import { renderGoTemplate } from '../common/go-template.js';
import type { FileConfig } from './config.js';

function sourcesOf(config: FileConfig): string[] {
  const sources = Array.isArray(config.sources) ? [...(config.sources as string[])] : [];
  if (typeof config.source === 'string' && config.source !== '') sources.push(config.source);
  return sources;
}

export async function runFile(config: FileConfig, ctx: ProvisionContext): Promise<void> {
  const comm = ctx.communicator;
  if (!comm) {
    throw new Error(
      'The file provisioner needs a communicator, but this build has none (communicator = "none").',
    );
  }
  const destination = render(
    typeof config.destination === 'string' ? config.destination : '',
    'destination',
    ctx,
  );
  const sources = sourcesOf(config).map((src) => render(src, 'source', ctx));
  if (config.direction === 'download') return download(comm, sources, destination, ctx);
  return upload(comm, sources, config, destination, ctx);
}

/** Sources and destination go through Packer's template interpolation with the build's variables. */
function render(text: string, what: string, ctx: ProvisionContext): string {
  try {
    return renderGoTemplate(text, ctx.buildVars);
  } catch (err) {
    throw new Error(`Error interpolating ${what}: ${(err as Error).message}`);
  }
}

async function upload(
  comm: Communicator,
  sources: string[],
  config: FileConfig,
  dst: string,
  ctx: ProvisionContext,
): Promise<void> {
  let contentFile: string | undefined;
  try {
    if (typeof config.content === 'string' && config.content !== '') {
      contentFile = join(ctx.tempDir, `pkr-file-content${randomInt(1_000_000_000)}`);
      await writeFile(contentFile, config.content, { flag: 'wx' });
      sources.push(contentFile);
    }
    for (const src of sources) {
      ctx.ui.say(`Uploading ${src} => ${dst}`);
      const info = await stat(src).catch((err: NodeJS.ErrnoException) => {
        // Go's os.Stat error text; with `generated` this is the first time the source is looked at.
        throw new Error(`stat ${src}: ${err.code === 'ENOENT' ? 'no such file or directory' : err.message}`);
      });
      if (info.isDirectory()) {
        await reportFailure(ctx, 'Upload failed', () => comm.uploadDir(dst, src, { signal: ctx.signal }));
        continue;
      }
      const fileDst = dst.endsWith('/') ? dst + basename(src) : dst;
      const bar = ctx.ui.progress(basename(src), info.size);
      try {
        await comm.upload(fileDst, src, { signal: ctx.signal, onProgress: (done) => bar.update(done) });
      } catch (err) {
        if (!ctx.signal.aborted) {
          const message = (err as Error).message;
          if (/Error restoring file|is a directory|EISDIR/i.test(message)) {
            ctx.ui.error(
              `Upload failed: ${message}; this can occur when your file destination is a folder without a trailing slash.`,
            );
          }
          ctx.ui.error(`Upload failed: ${message}`);
        }
        throw err;
      } finally {
        bar.finish();
      }
    }
  } finally {
    if (contentFile) await rm(contentFile, { force: true });
  }
}

async function download(
  comm: Communicator,
  sources: string[],
  dst: string,
  ctx: ProvisionContext,
): Promise<void> {
  for (const src of sources) {
    // Make sure the local directory exists: the destination itself when it ends in `/`, else its parent.
    let target = dst;
    let dir = dst;
    if (!dst.endsWith('/')) dir = dirname(dst);
    else if (!src.endsWith('/') && !src.endsWith('*')) target = join(dst, basename(src));
    ctx.ui.say(`Downloading ${src} => ${target}`);
    if (dir !== '') await mkdir(dir, { recursive: true, mode: 0o755 });
    await reportFailure(ctx, 'Download failed', () => comm.download(src, target, { signal: ctx.signal }));
  }
}

async function reportFailure(ctx: ProvisionContext, what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!ctx.signal.aborted) ctx.ui.error(`${what}: ${(err as Error).message}`);
    throw err;
  }
}
