/**
 * The ovf post-processor's run: each input disk becomes a streamOptimized VMDK, a descriptor is
 * rendered from the handlebars template, a manifest holds every file's digest, and with `format =
 * "ova"` the three are tarred in the standard's order. Everything is written into a hidden staging
 * directory beside the output, which is renamed into place only when complete; a failure or cancel
 * removes it, and an existing output is replaced only with -force, after the new one is complete.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isCancellation } from '../../core/errors.js';
import type { Artifact } from '../../sdk/artifact.js';
import type { PostProcessContext, PostProcessResult } from '../../sdk/plugin.js';
import { buildIdentity, generatedData } from '../common/build-identity.js';
import { displayPath } from '../common/display-path.js';
import { fileArtifact } from '../common/file-artifact.js';
import { renderFields } from '../common/go-template-fields.js';
import type { OvfConfig } from './config.js';
import { OVF_DEFAULTS } from './config.js';
import { loadDescriptorTemplate } from './descriptor.js';
import { type DiskController, descriptorModel, type PackagedDisk } from './descriptor-model.js';
import { type OvfDiskTool, qemuImgDiskTool } from './disk-tool.js';
import { selectDisks } from './input-disks.js';
import { fileDigest, type ManifestAlgorithm, manifestText } from './manifest.js';
import { lookupOsType } from './os-types.js';
import { writeOva } from './ova.js';

export const OVF_BUILDER_ID = 'imgbuild.post-processor.ovf';

export async function runOvf(
  config: OvfConfig,
  input: Artifact,
  ctx: PostProcessContext,
  tool: OvfDiskTool = qemuImgDiskTool(),
): Promise<PostProcessResult> {
  const opt = (name: keyof typeof OVF_DEFAULTS) => {
    const v = config[name];
    return v === undefined || v === null ? OVF_DEFAULTS[name] : v;
  };
  const id = buildIdentity(ctx);
  const fields = { ...generatedData(input.state), BuildName: id.buildName, BuilderType: id.builderType };
  const outputDir = resolve(render(String(opt('output')), fields, 'output'));
  const name = render(String(opt('vm_name')), fields, 'vm_name');
  if (name === '' || name.includes('/')) throw new Error(`invalid vm_name ${JSON.stringify(name)}`);
  const format = String(opt('format'));
  const os = lookupOsType(String(opt('os_type')));
  if (os === undefined) throw new Error(`unknown os_type ${String(opt('os_type'))}`);
  const controller = String(opt('disk_controller')) as DiskController;
  const algorithm = String(opt('manifest_algorithm')) as ManifestAlgorithm;
  const disks = selectDisks(input.files, input.state);

  const renderDescriptor = await loadDescriptorTemplate(
    typeof config.descriptor_template === 'string' ? config.descriptor_template : undefined,
  );

  if (!ctx.force && (await exists(outputDir))) {
    throw new Error(
      `Output directory exists: ${displayPath(outputDir)}. Remove it or use -force to replace it.`,
    );
  }
  await mkdir(dirname(outputDir), { recursive: true, mode: 0o755 });
  const staging = join(dirname(outputDir), `.${basename(outputDir)}.${randomBytes(6).toString('hex')}.tmp`);
  // Recorded before it exists, so `imgbuild cleanup` removes it after a crash (kill -9) mid-conversion.
  const entry = await ctx.ledger?.intend('temp-path', { path: staging });
  await mkdir(staging, { mode: 0o755 });
  try {
    const packaged: PackagedDisk[] = [];
    for (const [i, disk] of disks.entries()) {
      const href = `${name}-disk${i + 1}.vmdk`;
      const info = await step(`reading ${disk}`, ctx.signal, () => tool.info(disk, ctx.signal));
      ctx.ui.say(`Converting ${displayPath(disk)} (${info.format}) to a streamOptimized VMDK: ${href}`);
      const target = join(staging, href);
      const bar = ctx.ui.progress(`Converting ${href}`, info.virtualSize);
      try {
        await step(`converting ${disk} to VMDK`, ctx.signal, () =>
          tool.toStreamOptimizedVmdk(
            disk,
            info.format,
            target,
            controller === 'scsi' ? 'lsilogic' : 'ide',
            ctx.signal,
            (percent) => bar.update(Math.round((info.virtualSize * percent) / 100)),
          ),
        );
      } finally {
        bar.finish();
      }
      packaged.push({ href, fileSize: (await stat(target)).size, capacity: info.virtualSize });
    }
    const model = descriptorModel({
      name,
      cpus: Number(opt('cpus')),
      memory: Number(opt('memory')),
      os: os.type,
      network: String(opt('network')),
      controller,
      hardwareFamily: String(opt('virtual_system_type')),
      disks: packaged,
    });
    const ovfName = `${name}.ovf`;
    await writeFile(join(staging, ovfName), renderDescriptor(model), { mode: 0o644 });

    const members = [ovfName, ...packaged.map((d) => d.href)];
    const entries = [];
    for (const member of members) {
      entries.push({ name: member, digest: await fileDigest(join(staging, member), algorithm, ctx.signal) });
    }
    const mfName = `${name}.mf`;
    await writeFile(join(staging, mfName), manifestText(algorithm, entries), { mode: 0o644 });

    let files = [ovfName, mfName, ...packaged.map((d) => d.href)];
    if (format === 'ova') {
      const ovaName = `${name}.ova`;
      ctx.ui.say(`Writing ${ovaName}`);
      await writeOva(
        files.map((f) => ({ path: join(staging, f) })),
        join(staging, ovaName),
        ctx.signal,
      );
      for (const f of files) await rm(join(staging, f));
      files = [ovaName];
    }
    ctx.signal.throwIfAborted();
    // Replaced only now that the new package is complete.
    if (await exists(outputDir)) await rm(outputDir, { recursive: true, force: true });
    await rename(staging, outputDir);
    await entry?.release();
    const paths = files.map((f) => join(outputDir, f));
    ctx.ui.say(`${format === 'ova' ? 'OVA' : 'OVF package'} written: ${displayPath(paths[0] as string)}`);
    return {
      artifact: fileArtifact({
        builderId: OVF_BUILDER_ID,
        id: name,
        files: paths,
        describe:
          format === 'ova'
            ? `OVA: ${displayPath(paths[0] as string)}`
            : `OVF package in directory: ${displayPath(outputDir)}`,
        state: {
          generated_data: generatedData(input.state),
          format,
          descriptor: format === 'ova' ? undefined : paths[0],
          disks: format === 'ova' ? [] : paths.slice(2),
        },
      }),
      keepInput: false,
    };
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    await entry?.release();
    throw err;
  }
}

function render(template: string, fields: Record<string, unknown>, option: string): string {
  try {
    return renderFields(template, fields);
  } catch (err) {
    throw new Error(`Error interpolating ${option}: ${(err as Error).message}`, { cause: err });
  }
}

/** Runs one phase; failures say which phase, cancellation passes through unwrapped. */
async function step<T>(what: string, signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (signal.aborted || isCancellation(err, signal)) throw err;
    throw new Error(`ovf: ${what}: ${(err as Error).message}`, { cause: err });
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
