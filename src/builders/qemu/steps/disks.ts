/**
 * The VM's disks (stepCreateDisk, stepCopyDisk, stepResizeDisk): the main disk is created empty (ISO
 * installs), as an overlay of the source image (use_backing_file), or as a copy of it (disk_image);
 * additional disks are created empty as `<vm_name>-N`. Files live in the staging directory, which the
 * output step removes on failure.
 */
import { extname, join, resolve } from 'node:path';
import type { Step } from '../../../sdk/step.js';
import type { QemuState } from '../state.js';

function paths(state: QemuState): string[] {
  const s = state.settings;
  const dir = state.stagingDir as string;
  return [join(dir, s.vmName), ...s.additionalDiskSizes.map((_, i) => join(dir, `${s.vmName}-${i + 1}`))];
}

export function stepCreateDisks(): Step<QemuState> {
  return {
    name: 'stepCreateDisk',
    async run(state, ctx) {
      const s = state.settings;
      const all = paths(state);
      if (s.additionalDiskSizes.length > 0 || s.useBackingFile) {
        ctx.ui.say('Creating required virtual machine disks');
      }
      const sizes = [s.diskSize, ...s.additionalDiskSizes];
      for (const [i, path] of all.entries()) {
        // The copy step makes the main disk of a disk_image build without a backing file.
        if (i === 0 && s.diskImage && !s.useBackingFile) continue;
        const backing = i === 0 && s.diskImage && s.useBackingFile;
        await state.driver.createImage(
          {
            format: s.workFormat,
            path,
            size: sizes[i] as string,
            backingFile: backing ? resolve(state.isoPath as string) : undefined,
            backingFormat: backing ? 'qcow2' : undefined,
            extra: s.qemuImgArgs.create,
          },
          { signal: ctx.signal },
        );
      }
      state.diskPaths = all;
    },
  };
}

export function stepCopyDisk(): Step<QemuState> {
  return {
    name: 'stepCopyDisk',
    async run(state, ctx) {
      const s = state.settings;
      if (!s.diskImage || s.useBackingFile) return;
      const source = state.isoPath as string;
      const target = paths(state)[0] as string;
      if (extname(source).slice(1) === s.workFormat && s.qemuImgArgs.convert.length === 0) {
        ctx.ui.message(
          'File extension already matches desired output format. Skipping qemu-img convert step',
        );
        await state.driver.copyFile(source, target, { signal: ctx.signal });
        return;
      }
      ctx.ui.say('Copying hard drive...');
      await state.driver.convertImage(
        { source, target, outputFormat: s.workFormat, extra: s.qemuImgArgs.convert },
        { signal: ctx.signal },
      );
    },
  };
}

export function stepResizeDisk(): Step<QemuState> {
  return {
    name: 'stepResizeDisk',
    async run(state, ctx) {
      const s = state.settings;
      if (!s.diskImage || s.skipResizeDisk) return;
      ctx.ui.say('Resizing hard drive...');
      await state.driver.resizeImage(
        {
          format: s.workFormat,
          path: paths(state)[0] as string,
          size: s.diskSize,
          extra: s.qemuImgArgs.resize,
        },
        { signal: ctx.signal },
      );
    },
  };
}
