/**
 * The top-level `packer { required_version, required_plugins { … } }` blocks: the core version check
 * (made before anything else, so an old/new template fails with a version message rather than
 * confusing decode errors) and the plugin requirements.
 */
import { convert } from '../hcl/convert.js';
import { type Diagnostic, errorDiag, hasErrors } from '../hcl/diagnostics.js';
import type { HclAttribute, HclBlock, HclBody } from '../hcl/hcl.js';
import { StringType } from '../hcl/types.js';
import { asString, getAttr, isNull, isWhollyKnown } from '../hcl/values.js';
import type { PackerBlock, RequiredPlugin } from './model.js';
import { packerVersion } from '../version.js';
import { constraintHolds, parseConstraint, parseVersion } from './version-constraint.js';

const packerBlockSchema = {
  attributes: [{ name: 'required_version' }],
  blocks: [{ type: 'required_plugins' }],
};

const constraintDocs = 'https://packer.io/docs/templates/hcl_templates/blocks/packer#version-constraints';

interface VersionRequirement {
  readonly constraint: string;
  readonly range: HclAttribute['range'];
}

function decodeRequiredVersion(attr: HclAttribute): { req?: VersionRequirement; diags: Diagnostic[] } {
  const { value, diags } = attr.expr.value(undefined);
  if (hasErrors(diags)) return { diags };
  const str = convert(value, StringType);
  if (!str.ok) {
    diags.push(
      errorDiag(
        'Invalid version constraint',
        `A string value is required for ${attr.name}.`,
        attr.expr.range,
      ),
    );
    return { diags };
  }
  if (isNull(str.value) || !isWhollyKnown(str.value)) return { diags };
  const text = asString(str.value);
  if (!parseConstraint(text)) {
    diags.push(
      errorDiag(
        'Invalid version constraint',
        `This string does not use correct version constraint syntax. Check out the docs: ${constraintDocs}`,
        attr.expr.range,
      ),
    );
    return { diags };
  }
  return { req: { constraint: text, range: attr.range }, diags };
}

/** `required_version` of every packer block, checked against packerVersion. */
export function checkCoreVersion(bodies: readonly HclBody[]): {
  requirement?: VersionRequirement;
  /** A constraint excludes packerVersion: loading should stop there. */
  unsupported: boolean;
  diags: Diagnostic[];
} {
  const diags: Diagnostic[] = [];
  let unsupported = false;
  let requirement: VersionRequirement | undefined;
  const core = parseVersion(packerVersion)!;
  for (const body of bodies) {
    const { content } = body.partialContent({ blocks: [{ type: 'packer' }] });
    for (const block of content.blocks) {
      const inner = block.body.content(packerBlockSchema);
      diags.push(...inner.diags);
      const attr = inner.content.attributes.get('required_version');
      if (!attr) continue;
      const { req, diags: more } = decodeRequiredVersion(attr);
      diags.push(...more);
      if (!req) continue;
      requirement ??= req;
      if (!constraintHolds(core, parseConstraint(req.constraint)!)) {
        unsupported = true;
        diags.push(
          errorDiag(
            'Unsupported Packer Core version',
            `This configuration does not support Packer version ${packerVersion}. To proceed, either choose another supported Packer version or update this version constraint. Version constraints are normally set for good reason, so updating the constraint may lead to other errors or unexpected behavior.`,
            attr.expr.range,
          ),
        );
      }
    }
  }
  return { requirement, unsupported, diags };
}

function decodeRequiredPlugin(attr: HclAttribute): { plugin?: RequiredPlugin; diags: Diagnostic[] } {
  const { value, diags } = attr.expr.value(undefined);
  if (hasErrors(diags)) return { diags };
  const subject = attr.expr.range;
  const t = value.type;
  if (t.kind === 'string' || t.kind === 'number' || t.kind === 'bool') {
    const c = t.kind === 'string' && value.state === 'known' ? asString(value) : 'version';
    diags.push(
      errorDiag(
        'Invalid plugin requirement',
        `'${attr.name} = "${c}"' plugin requirement calls are not possible. You must define a whole block. For example:\n${attr.name} = {\n  source  = "github.com/hashicorp/${attr.name}"\n  version = "${c}"\n}`,
        attr.range,
      ),
    );
    return { diags };
  }
  if (t.kind !== 'object') {
    diags.push(
      errorDiag('Invalid required_plugins syntax', 'required_plugins entries must be objects.', subject),
    );
    return { diags };
  }
  if (!t.attrs.has('version')) {
    diags.push(
      errorDiag(
        'No version constraint was set',
        'The version field must be specified as a string. Ex: `version = ">= 1.2.0, < 2.0.0"`. See https://www.packer.io/docs/templates/hcl_templates/blocks/packer#version-constraints for docs',
        subject,
      ),
    );
    return { diags };
  }
  const version = getAttr(value, 'version');
  if (version.type.kind !== 'string' || version.state !== 'known') {
    diags.push(
      errorDiag(
        'Invalid version constraint',
        'Version must be specified as a string. See https://www.packer.io/docs/templates/hcl_templates/blocks/packer#version-constraint-syntax for docs.',
        subject,
      ),
    );
    return { diags };
  }
  const versionText = asString(version);
  const terms = parseConstraint(versionText);
  if (!terms) {
    diags.push(
      errorDiag(
        'Invalid version constraint',
        `This string does not use correct version constraint syntax. See https://www.packer.io/docs/templates/hcl_templates/blocks/packer#version-constraint-syntax for docs.\nMalformed constraint: ${versionText}`,
        subject,
      ),
    );
    return { diags };
  }
  if (terms.some((term) => term.version.prerelease !== '')) {
    diags.push(
      errorDiag(
        'Invalid version constraint',
        `Unsupported prerelease for constraint ${JSON.stringify(versionText)}`,
        subject,
      ),
    );
  }
  if (!t.attrs.has('source')) {
    diags.push(
      errorDiag(
        'No source was set',
        'The source field must be specified as a string. Ex: `source = "coolcloud"`. See https://www.packer.io/docs/templates/hcl_templates/blocks/packer#specifying-plugin-requirements for docs',
        subject,
      ),
    );
    return { diags };
  }
  const source = getAttr(value, 'source');
  if (source.type.kind !== 'string' || source.state !== 'known') {
    diags.push(
      errorDiag(
        'Invalid source',
        'Source must be specified as a string. For example: source = "coolcloud"',
        subject,
      ),
    );
    return { diags };
  }
  const sourceText = asString(source);
  const sourceProblem = pluginSourceProblem(sourceText);
  if (sourceProblem) {
    diags.push(errorDiag('Failed to parse source', sourceProblem, attr.range));
    return { diags };
  }
  if ([...t.attrs.keys()].some((k) => k !== 'version' && k !== 'source')) {
    diags.push(
      errorDiag(
        'Invalid required_plugins object',
        'required_plugins objects can only contain "version" and "source" attributes.',
        subject,
      ),
    );
  }
  return {
    plugin: { accessor: attr.name, source: sourceText, version: versionText, range: attr.range },
    diags,
  };
}

/** Packer sources are `host/namespace/name` (at least three parts), e.g. github.com/hashicorp/qemu. */
function pluginSourceProblem(source: string): string | undefined {
  const parts = source.split('/');
  if (parts.length < 3 || parts.some((p) => p === '')) {
    return `The source ${JSON.stringify(source)} is not a valid plugin source: expected a fully qualified address such as "github.com/hashicorp/qemu".`;
  }
  return undefined;
}

function decodeRequiredPluginsBlock(block: HclBlock): { plugins: RequiredPlugin[]; diags: Diagnostic[] } {
  const { attributes, diags } = block.body.justAttributes();
  const plugins: RequiredPlugin[] = [];
  for (const attr of attributes.values()) {
    const r = decodeRequiredPlugin(attr);
    diags.push(...r.diags);
    if (r.plugin) plugins.push(r.plugin);
  }
  return { plugins, diags };
}

/** Every packer block's required_plugins (the version requirement comes from checkCoreVersion). */
export function decodePackerBlocks(
  blocks: readonly HclBlock[],
  requirement: VersionRequirement | undefined,
): { packer: PackerBlock; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const requiredPlugins: RequiredPlugin[] = [];
  for (const block of blocks) {
    const { content } = block.body.content(packerBlockSchema);
    for (const inner of content.blocks) {
      const r = decodeRequiredPluginsBlock(inner);
      requiredPlugins.push(...r.plugins);
      diags.push(...r.diags);
    }
  }
  const packer: PackerBlock = requirement
    ? { requiredVersion: requirement, requiredPlugins }
    : { requiredPlugins };
  return { packer, diags };
}
