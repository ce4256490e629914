import type { Command } from '../io.js';
import { imgbuildVersion, packerCompatibleVersion } from '../version.js';

export const versionCommand: Command = async (_argv, io) => {
  io.stdout.write(`imgbuild v${imgbuildVersion} (Packer ${packerCompatibleVersion} compatible)\n`);
  return 0;
};
