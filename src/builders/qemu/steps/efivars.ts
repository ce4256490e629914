/**
 * stepPrepareEfivars: efi_boot gives the VM a writable copy of the OVMF variables template as
 * `efivars.fd` in the output (kept with the artifact, since the boot entries live there), unless
 * efi_drop_efivars removes it once the VM is off.
 */
import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Step } from '../../../sdk/step.js';
import type { QemuState } from '../state.js';

export function stepPrepareEfivars(): Step<QemuState> {
  return {
    name: 'stepPrepareEfivars',
    async run(state) {
      const efi = state.settings.efi;
      if (efi === undefined) return;
      const target = join(state.stagingDir as string, 'efivars.fd');
      try {
        await copyFile(efi.varsTemplate, target);
      } catch (error) {
        throw new Error(
          `Failed to copy EFI variables file ${efi.varsTemplate}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      state.efiVarsPath = target;
    },
  };
}

/** After shutdown: efi_drop_efivars removes the variables file from the output. */
export function stepDropEfivars(): Step<QemuState> {
  return {
    name: 'stepDropEfivars',
    async run(state) {
      if (!state.settings.efi?.dropVars || state.efiVarsPath === undefined) return;
      await rm(state.efiVarsPath, { force: true });
    },
  };
}
