/**
 * What one planned build's plugin bodies see: its name as Packer gives it, and `source.*` and
 * `build.*` — source.name/type and build.name known, the build data a builder produces (build.ID,
 * build.Host …) unknown until the build runs.
 */
import { childContext } from '../hcl/eval-context.js';
import type { EvalContext } from '../hcl/hcl.js';
import { StringType } from '../hcl/types.js';
import { objectVal, stringVal, unknownVal } from '../hcl/values.js';
import type { PluginDefinition } from '../sdk/plugin.js';
import type { Build, BuildSource, Template } from './model.js';
import { sourceKey } from './sources.js';

/** `build.*` values every builder provides at build time (Packer's BuilderDataCommonKeys). */
const BUILD_DATA_KEYS = [
  'ID',
  'Host',
  'Port',
  'User',
  'Password',
  'ConnType',
  'PackerRunUUID',
  'PackerHTTPIP',
  'PackerHTTPPort',
  'PackerHTTPAddr',
  'SSHPublicKey',
  'SSHPrivateKey',
  'WinRMPassword',
];

/**
 * Packer's name of a build: `BUILDNAME.TYPE.NAME`, or `TYPE.NAME` for an unnamed build block; a
 * legacy JSON template's builds are named by their builders' names alone.
 */
export function plannedBuildName(
  build: Pick<Build, 'name'>,
  source: Pick<BuildSource, 'type' | 'name'>,
  legacyJson = false,
): string {
  if (legacyJson) return source.name;
  const type = sourceKey(source.type, source.name);
  return build.name ? `${build.name}.${type}` : type;
}

/**
 * The extra `build.*` values a builder generates (Packer's Prepare returns their names). A definition
 * may declare them as `generatedData`; the built-in builders' lists are here until they do.
 */
const GENERATED_DATA: Readonly<Record<string, readonly string[]>> = {
  'amazon-ebs': [
    'SourceAMIName',
    'BuildRegion',
    'SourceAMI',
    'SourceAMICreationDate',
    'SourceAMIOwner',
    'SourceAMIOwnerName',
  ],
};

function generatedData(builder: PluginDefinition<unknown> | undefined, type: string): readonly string[] {
  const declared = (builder as { generatedData?: readonly string[] } | undefined)?.generatedData;
  return declared ?? GENERATED_DATA[type] ?? [];
}

/** The context of one planned build's plugin bodies: source.* known, build.name known, the rest unknown. */
export function buildContext(
  template: Template,
  build: Build,
  source: BuildSource,
  builder?: PluginDefinition<unknown>,
): EvalContext {
  const keys = [...BUILD_DATA_KEYS, ...generatedData(builder, source.type)];
  const buildValues = Object.fromEntries(keys.map((k) => [k, unknownVal(StringType)]));
  return childContext(template.evalContext, {
    source: objectVal({ type: stringVal(source.type), name: stringVal(source.name) }),
    build: objectVal({ ...buildValues, name: stringVal(build.name ?? '') }),
  });
}
