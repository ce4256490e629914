/**
 * StepDownload / stepSetISO: the ISO or source disk image, checked against iso_checksum before anything
 * is written to the output (a mismatch stops the build here).
 */
import type { Step } from '../../../sdk/step.js';
import { download } from '../../common/download/index.js';
import type { QemuState } from '../state.js';

export function stepSource(): Step<QemuState> {
  return {
    name: 'StepDownload',
    async run(state, ctx) {
      const s = state.settings;
      if (s.isoSkipCache) {
        // Packer's stepSetISO: the first URL as given, no download, no checksum.
        state.isoPath = s.isoUrls[0]?.replace(/^file:\/\//, '');
        return;
      }
      const result = await download({
        urls: s.isoUrls,
        checksum: s.isoChecksum,
        description: 'ISO',
        targetPath: s.isoTargetPath,
        extension: s.isoTargetExtension,
        signal: ctx.signal,
        ui: ctx.ui,
      });
      state.isoPath = result.path;
    },
  };
}
