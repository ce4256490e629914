import type { Command } from '../io.js';
import { imgbuildVersion, packerVersion } from '../../version.js';

export const versionCommand: Command = async (_argv, io) => {
  io.stdout.write(`imgbuild v${imgbuildVersion} (Packer ${packerVersion} templates)\n`);
  return 0;
};
