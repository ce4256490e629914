/** The Template model of a parsed legacy template: sources, the one build, its plugin blocks. */
import { dirname } from 'node:path';
import { rootContext } from '../../hcl/eval-context.js';
import type { SourceFile } from '../../hcl/render.js';
import type { Value } from '../../hcl/value.js';
import { objectVal } from '../../hcl/values.js';
import type {
  Build,
  BuildSource,
  PostProcessorBlock,
  ProvisionerBlock,
  SourceBlock,
  Template,
  Variable,
} from '../model.js';
import type { GoTemplateContext } from './go-template.js';
import type { Located, ObjectNode } from './json-nodes.js';
import { LegacyBody, LegacyExpression } from './legacy-body.js';
import {
  builderMetaKeys,
  postProcessorMetaKeys,
  provisionerMetaKeys,
  type RawProvisioner,
  type RawTemplate,
} from './read.js';

export function buildTemplate(
  path: string,
  files: Map<string, SourceFile>,
  raw: RawTemplate,
  ctx: GoTemplateContext,
  variables: Map<string, Variable>,
): Template {
  // Builder names may use templates ("{{user `x`}}-vm"); only/except and overrides use the raw names.
  const renderedName = new Map<string, { ref: string; name: string }>();
  const sources = new Map<string, SourceBlock>();
  const buildSources: BuildSource[] = [];
  for (const b of raw.builders) {
    const name = new LegacyExpression({ kind: 'string', value: b.name, range: b.declRange }, ctx).value()
      .value;
    const text = name.state === 'known' ? (name.v as string) : b.name;
    renderedName.set(b.name, { ref: `${b.type}.${text}`, name: text });
    sources.set(`${b.type}.${text}`, {
      type: b.type,
      name: text,
      body: LegacyBody.of(b.node, builderMetaKeys, ctx),
      declRange: b.declRange,
    });
    buildSources.push({ type: b.type, sourceName: text, name: text, range: b.declRange });
  }
  const refs = (names: readonly Located<string>[]) =>
    names.map((n) => renderedName.get(n.value)?.ref ?? n.value);

  const provisioner = (p: RawProvisioner): ProvisionerBlock => ({
    type: p.type,
    only: refs(p.only),
    except: refs(p.except),
    pauseBefore: p.pauseBefore,
    maxRetries: p.maxRetries,
    timeout: p.timeout,
    override: p.override ? overrideValue(p.override.node, ctx, renderedName) : undefined,
    body: LegacyBody.of(p.node, provisionerMetaKeys, ctx),
    declRange: p.declRange,
  });
  const chains = raw.postProcessors.map((chain) =>
    chain.map(
      (pp): PostProcessorBlock => ({
        type: pp.type,
        name: pp.name,
        only: refs(pp.only),
        except: refs(pp.except),
        keepInputArtifact: pp.keepInputArtifact,
        body: LegacyBody.of(pp.node, postProcessorMetaKeys, ctx),
        declRange: pp.declRange,
      }),
    ),
  );
  const build: Build = {
    description: raw.description,
    sources: buildSources,
    provisioners: raw.provisioners.map(provisioner),
    errorCleanupProvisioner: raw.cleanupProvisioner ? provisioner(raw.cleanupProvisioner) : undefined,
    postProcessorChains: chains,
    declRange: raw.buildersRange ?? raw.root.openRange,
  };
  const varValues = new Map<string, Value>();
  for (const [name, v] of variables) varValues.set(name, v.value);
  return {
    path,
    rootDir: dirname(path),
    files,
    packer: {
      requiredVersion: raw.minVersion
        ? { constraint: `>= ${raw.minVersion.value}`, range: raw.minVersion.range }
        : undefined,
      requiredPlugins: [],
    },
    variables,
    locals: new Map(),
    datasources: new Map(),
    sources,
    builds: [build],
    evalContext: rootContext({ var: objectVal(varValues) }),
    legacyJson: true,
  };
}

/** `override` keyed by builder names as written; the model keys it by the (rendered) source name. */
function overrideValue(
  node: ObjectNode,
  ctx: GoTemplateContext,
  renderedName: ReadonlyMap<string, { name: string }>,
): Value {
  const attrs = new Map<string, Value>();
  for (const p of node.properties) {
    attrs.set(renderedName.get(p.name)?.name ?? p.name, new LegacyExpression(p.value, ctx).value().value);
  }
  return objectVal(attrs);
}
