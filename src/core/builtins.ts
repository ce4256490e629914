/** Every plugin that ships with imgbuild. */
import { amazonEbsBuilder } from '../builders/amazon/ebs-config.js';
import { nullBuilder } from '../builders/null/config.js';
import { qemuBuilder } from '../builders/qemu/config.js';
import { httpDatasource } from '../datasources/http/config.js';
import { nullDatasource } from '../datasources/null/config.js';
import { artificePostProcessor } from '../postprocessors/artifice/config.js';
import { checksumPostProcessor } from '../postprocessors/checksum/config.js';
import { compressPostProcessor } from '../postprocessors/compress/config.js';
import { manifestPostProcessor } from '../postprocessors/manifest/config.js';
import { shellLocalPostProcessor } from '../postprocessors/shell-local/config.js';
import { breakpointProvisioner } from '../provisioners/breakpoint/config.js';
import { fileProvisioner } from '../provisioners/file/config.js';
import { shellProvisioner } from '../provisioners/shell/config.js';
import { shellLocalProvisioner } from '../provisioners/shell-local/config.js';
import type { AnyPlugin } from '../sdk/plugin.js';

export function builtinPlugins(): AnyPlugin[] {
  return [
    nullBuilder,
    qemuBuilder,
    amazonEbsBuilder,
    shellProvisioner,
    fileProvisioner,
    shellLocalProvisioner,
    breakpointProvisioner,
    manifestPostProcessor,
    checksumPostProcessor,
    compressPostProcessor,
    shellLocalPostProcessor,
    artificePostProcessor,
    nullDatasource,
    httpDatasource,
  ] as AnyPlugin[];
}
