/** Extra media attached to the machine: floppy and CD files (commonsteps FloppyConfig, CDConfig). */
import type { JsonSchema } from '../../sdk/schema.js';
import { str, strList, strMap } from '../../sdk/schema-helpers.js';

export const floppyProperties: Record<string, JsonSchema> = {
  floppy_files: strList('Files placed on a floppy disk attached at boot (globs allowed).'),
  floppy_dirs: strList('Directories copied onto the floppy disk.'),
  floppy_content: strMap('Files written onto the floppy disk, by path, with their content.'),
  floppy_label: str('Label of the floppy disk.', { default: 'packer' }),
};

export const cdProperties: Record<string, JsonSchema> = {
  cd_files: strList('Files placed on a CD attached at boot (globs allowed).'),
  cd_content: strMap('Files written onto the CD, by path, with their content.'),
  cd_label: str('Label of the CD.'),
};
