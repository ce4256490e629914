/**
 * One JSON Schema for a whole template configuration, for editors: every registered plugin's
 * configuration under `definitions.<kind>.<type>`, and the top-level layout of a template in HCL's
 * JSON syntax (`*.pkr.json`: `source.<type>.<name>`, `data.<type>.<name>`, `build` with
 * provisioners and post-processors keyed by type) referring to them, so completion works there too.
 */
import type { Registry } from '../core/registry.js';
import type { PluginKind } from '../sdk/plugin.js';
import type { JsonSchema } from '../sdk/schema.js';

const KINDS: readonly PluginKind[] = ['builder', 'provisioner', 'post-processor', 'datasource'];

const stringList: JsonSchema = { type: 'array', items: { type: 'string' } };

const PROVISIONER_META: Record<string, JsonSchema> = {
  name: { type: 'string', description: 'Name of this provisioner in logs and in only/except.' },
  only: { ...stringList, description: 'Run only for these builds (source.TYPE.NAME or build names).' },
  except: { ...stringList, description: 'Skip these builds.' },
  pause_before: { type: 'string', description: 'Wait this long before running (a Go duration).' },
  max_retries: { type: 'integer', description: 'Retry a failing provisioner this many times.' },
  timeout: { type: 'string', description: 'Fail when running longer than this (a Go duration).' },
  override: { type: 'object', description: 'Per-source settings: { "source name" = { key = value } }.' },
};

const POST_PROCESSOR_META: Record<string, JsonSchema> = {
  name: { type: 'string', description: 'Name of this post-processor in logs and in only/except.' },
  only: { ...stringList, description: 'Run only for these builds.' },
  except: { ...stringList, description: 'Skip these builds.' },
  keep_input_artifact: { type: 'boolean', description: 'Keep the artifact this post-processor consumed.' },
};

export function templateJsonSchema(registry: Registry): JsonSchema {
  const definitions: Record<string, Record<string, JsonSchema>> = {};
  for (const kind of KINDS) {
    definitions[kind] = {};
    for (const type of registry.types(kind)) {
      const def = registry.get(kind, type)!;
      definitions[kind]![type] = {
        ...def.schema,
        title: `${kind} "${type}"`,
        ...(def.description ? { description: def.description } : {}),
      };
    }
  }
  const ref = (kind: PluginKind, type: string) => ({
    $ref: `#/definitions/${kind}/${encodePointer(type)}`,
  });
  const byType = (kind: PluginKind, wrap: (r: JsonSchema) => JsonSchema): JsonSchema => ({
    type: 'object',
    properties: Object.fromEntries(registry.types(kind).map((t) => [t, wrap(ref(kind, t))])),
  });
  const named = (r: JsonSchema): JsonSchema => ({ type: 'object', additionalProperties: r });
  const oneOrMany = (s: JsonSchema): JsonSchema => ({ anyOf: [s, { type: 'array', items: s }] });
  // Provisioner and post-processor blocks also take meta-arguments, which their plugins' schemas
  // (closed with additionalProperties: false) do not list: each entry is the schema plus those.
  const withMeta = (kind: PluginKind, meta: Record<string, JsonSchema>): JsonSchema => ({
    type: 'object',
    properties: Object.fromEntries(
      registry.types(kind).map((t) => {
        const schema = definitions[kind]![t]!;
        return [t, { ...schema, properties: { ...meta, ...(schema.properties ?? {}) } }];
      }),
    ),
  });
  const provisioner = oneOrMany(withMeta('provisioner', PROVISIONER_META));
  const postProcessor = oneOrMany(withMeta('post-processor', POST_PROCESSOR_META));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'imgbuild template configuration',
    description:
      'Plugin configurations by kind and type (definitions), and the layout of a template in HCL JSON syntax.',
    type: 'object',
    definitions,
    properties: {
      source: byType('builder', named),
      data: byType('datasource', named),
      build: oneOrMany({
        type: 'object',
        properties: {
          name: { type: 'string' },
          description: { type: 'string' },
          sources: { type: 'array', items: { type: 'string' } },
          source: {
            type: 'object',
            description: 'Build-level source blocks by reference ("source.TYPE.NAME"): fills and renames.',
            additionalProperties: { type: 'object' },
          },
          provisioner,
          'error-cleanup-provisioner': provisioner,
          'post-processor': postProcessor,
          'post-processors': oneOrMany({ type: 'object', properties: { 'post-processor': postProcessor } }),
        },
      }),
    },
  };
}

function encodePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}
