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
import { ovfPostProcessor } from '../postprocessors/ovf/config.js';
import { shellLocalPostProcessor } from '../postprocessors/shell-local/config.js';
import { breakpointProvisioner } from '../provisioners/breakpoint/config.js';
import { fileProvisioner } from '../provisioners/file/config.js';
import { shellProvisioner } from '../provisioners/shell/config.js';
import { shellLocalProvisioner } from '../provisioners/shell-local/config.js';
import type { Registry } from './registry.js';

/** Registers every built-in plugin (the registry's `register` is generic, a list of them would not be). */
export function registerBuiltins(registry: Registry): Registry {
  return registry
    .register(nullBuilder)
    .register(qemuBuilder)
    .register(amazonEbsBuilder)
    .register(shellProvisioner)
    .register(fileProvisioner)
    .register(shellLocalProvisioner)
    .register(breakpointProvisioner)
    .register(manifestPostProcessor)
    .register(checksumPostProcessor)
    .register(compressPostProcessor)
    .register(ovfPostProcessor)
    .register(shellLocalPostProcessor)
    .register(artificePostProcessor)
    .register(nullDatasource)
    .register(httpDatasource);
}
