/** The ovf post-processor: packages a disk artifact as an OVF 1.0 package or an OVA. */
import { knownNumber, knownString } from '../../builders/common/prepare-helpers.js';
import type { Diagnostic } from '../../hcl/diagnostics.js';
import { definePostProcessor, type PrepareContext } from '../../sdk/plugin.js';
import { int, object, str } from '../../sdk/schema-helpers.js';
import { DISK_CONTROLLERS } from './descriptor-model.js';
import { MANIFEST_ALGORITHMS } from './manifest.js';
import { DEFAULT_OS_TYPE, lookupOsType, OS_TYPES } from './os-types.js';

export type OvfConfig = Record<string, unknown>;

export const OVF_FORMATS = ['ovf', 'ova'];

export const OVF_DEFAULTS = {
  output: 'output-{{.BuildName}}-ovf',
  vm_name: '{{.BuildName}}',
  format: 'ovf',
  cpus: 1,
  memory: 512,
  os_type: DEFAULT_OS_TYPE,
  network: 'NAT',
  disk_controller: 'ide',
  virtual_system_type: 'vmx-07',
  manifest_algorithm: 'sha256',
} as const;

export const ovfPostProcessor = definePostProcessor<OvfConfig>({
  type: 'ovf',
  description: 'Packages the disk artifact as an OVF 1.0 package (streamOptimized VMDK, manifest) or an OVA.',
  schema: object({
    output: str('Directory the package is written to.', { default: OVF_DEFAULTS.output }),
    vm_name: str('Name of the virtual machine and of the package files.', { default: OVF_DEFAULTS.vm_name }),
    format: str('`ovf` (descriptor, manifest and disks side by side) or `ova` (one tar).', {
      default: OVF_DEFAULTS.format,
      examples: OVF_FORMATS,
    }),
    cpus: int('Virtual CPUs.', { default: OVF_DEFAULTS.cpus }),
    memory: int('Memory in MiB.', { default: OVF_DEFAULTS.memory }),
    os_type: str("Guest OS type (VirtualBox's ids: Debian_64, Ubuntu_64, Linux26_64…).", {
      default: OVF_DEFAULTS.os_type,
      examples: Object.keys(OS_TYPES),
    }),
    network: str('Network the adapter connects to; empty for no network adapter.', {
      default: OVF_DEFAULTS.network,
    }),
    disk_controller: str('Controller the disks hang on: ide or scsi (LSI Logic).', {
      default: OVF_DEFAULTS.disk_controller,
      examples: [...DISK_CONTROLLERS],
    }),
    virtual_system_type: str('Virtual hardware family (vssd:VirtualSystemType).', {
      default: OVF_DEFAULTS.virtual_system_type,
    }),
    manifest_algorithm: str('Digest of the .mf manifest: sha256, sha1 (strict OVF 1.0 readers) or sha512.', {
      default: OVF_DEFAULTS.manifest_algorithm,
      examples: [...MANIFEST_ALGORITHMS],
    }),
    descriptor_template: str(
      'A handlebars template file to render the descriptor instead of the built-in one.',
    ),
  }),
  prepare(config, ctx) {
    const diagnostics: Diagnostic[] = [];
    oneOf(config, ctx, 'format', OVF_FORMATS, diagnostics);
    oneOf(config, ctx, 'disk_controller', DISK_CONTROLLERS, diagnostics);
    oneOf(config, ctx, 'manifest_algorithm', MANIFEST_ALGORITHMS, diagnostics);
    const os = knownString(config, ctx, 'os_type');
    if (os !== undefined && lookupOsType(os) === undefined) {
      diagnostics.push(
        ctx.error('os_type', `Unknown os_type: ${os}`, `Use one of ${Object.keys(OS_TYPES).join(', ')}.`),
      );
    }
    for (const name of ['cpus', 'memory']) {
      const n = knownNumber(config, ctx, name);
      if (n !== undefined && n < 1) diagnostics.push(ctx.error(name, `${name} must be at least 1`, ''));
    }
    const vmName = knownString(config, ctx, 'vm_name');
    if (vmName !== undefined && (vmName === '' || vmName.includes('/'))) {
      diagnostics.push(ctx.error('vm_name', 'Invalid vm_name', 'It names files: non-empty, without "/".'));
    }
    return { config, diagnostics };
  },
  // Loaded on first use: only `build` runs post-processors.
  run: (config, input, ctx) => import('./run.js').then((m) => m.runOvf(config, input, ctx)),
});

function oneOf(
  config: OvfConfig,
  ctx: PrepareContext,
  name: string,
  allowed: readonly string[],
  diagnostics: Diagnostic[],
): void {
  const v = knownString(config, ctx, name);
  if (v !== undefined && !allowed.includes(v)) {
    diagnostics.push(ctx.error(name, `Invalid ${name}: ${v}`, `Use ${allowed.join(' or ')}.`));
  }
}
