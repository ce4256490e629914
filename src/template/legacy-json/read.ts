/**
 * The structure of a legacy JSON template (the Packer SDK's template.Parse): the root keys, variables,
 * builders, provisioners and the three forms of post-processors. Problems are diagnostics whose
 * summaries are Packer's own messages, with the JSON range at fault as subject.
 */
import { type Diagnostic, errorDiag } from '../../hcl/diagnostics.js';
import type { JsonNode } from '../../hcl/json/index.js';
import type { Range } from '../../hcl/pos.js';
import { goKind, goTypeName, type Located, type ObjectNode } from './json-nodes.js';
import {
  type RawBuilder,
  type RawPostProcessor,
  type RawProvisioner,
  readBuilders,
  readPostProcessors,
  readProvisioner,
} from './read-plugins.js';

export type { RawBuilder, RawPlugin, RawPostProcessor, RawProvisioner } from './read-plugins.js';
export { builderMetaKeys, postProcessorMetaKeys, provisionerMetaKeys } from './read-plugins.js';

export interface RawVariable {
  readonly name: string;
  /** Absent when the value is null: the variable is required. */
  readonly default?: Located<string>;
  readonly nameRange: Range;
}

export interface RawTemplate {
  readonly root: ObjectNode;
  readonly description?: string;
  readonly minVersion?: Located<string>;
  readonly variables: readonly RawVariable[];
  readonly sensitive: ReadonlySet<string>;
  readonly builders: readonly RawBuilder[];
  readonly provisioners: readonly RawProvisioner[];
  readonly cleanupProvisioner?: RawProvisioner;
  readonly postProcessors: readonly (readonly RawPostProcessor[])[];
  readonly buildersRange?: Range;
}

const rootKeys = new Set([
  'min_packer_version',
  'description',
  'builders',
  'comments',
  'push',
  'post-processors',
  'provisioners',
  'error-cleanup-provisioner',
  'variables',
  'sensitive-variables',
]);

/** Reads the template's structure; undefined when the root or its keys are unusable. */
export function readLegacyTemplate(root: JsonNode): { raw?: RawTemplate; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  if (root.kind !== 'object') {
    diags.push(errorDiag(`'' expected a map, got '${goKind(root)}'`, undefined, root.range));
    return { diags };
  }
  checkDuplicates(root, diags);
  if (diags.length > 0) return { diags };

  const unknown = root.properties
    .filter((p) => !rootKeys.has(p.name.toLowerCase()))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const p of unknown) {
    if (p.name.startsWith('_')) {
      if (p.value.kind !== 'string') {
        diags.push(
          errorDiag(
            `Failed to cast root level comment value in comment "${p.name}" to string.`,
            undefined,
            p.value.range,
          ),
        );
      }
      continue;
    }
    diags.push(
      errorDiag(
        `Unknown root level key in template: '${p.name}'`,
        'A legacy JSON template has only these keys: builders, provisioners, post-processors, error-cleanup-provisioner, variables, sensitive-variables, min_packer_version, description (and comments starting with "_").',
        p.nameRange,
      ),
    );
  }
  const get = (name: string) => root.properties.find((p) => p.name.toLowerCase() === name)?.value;

  const description = readStringKey(get('description'), 'description', diags);
  const minVersionText = readStringKey(get('min_packer_version'), 'min_packer_version', diags);
  const minNode = get('min_packer_version');
  const sensitive = readSensitive(get('sensitive-variables'), diags);
  const variablesNode = get('variables');
  const buildersNode = get('builders');
  const provisionersNode = get('provisioners');
  const ppNode = get('post-processors');
  const cleanupNode = get('error-cleanup-provisioner');
  const shape = (n: JsonNode | undefined, key: string, kind: 'object' | 'array') => {
    if (!n || n.kind === 'null' || n.kind === kind) return;
    const want = kind === 'object' ? 'map' : 'array or slice';
    diags.push(errorDiag(`'${key}' expected a ${want}, got '${goKind(n)}'`, undefined, n.range));
  };
  shape(variablesNode, 'variables', 'object');
  shape(buildersNode, 'builders', 'array');
  shape(provisionersNode, 'provisioners', 'array');
  shape(ppNode, 'post-processors', 'array');
  if (diags.length > 0) return { diags };

  const variables = variablesNode?.kind === 'object' ? readVariables(variablesNode, diags) : [];
  const builders = buildersNode?.kind === 'array' ? readBuilders(buildersNode.values, diags) : [];
  const postProcessors = ppNode?.kind === 'array' ? readPostProcessors(ppNode.values, diags) : [];
  const provisioners: RawProvisioner[] = [];
  if (provisionersNode?.kind === 'array') {
    provisionersNode.values.forEach((n, i) => {
      const p = readProvisioner(n, `provisioner ${i + 1}: `, diags);
      if (p) provisioners.push(p);
    });
  }
  let cleanupProvisioner: RawProvisioner | undefined;
  if (cleanupNode && cleanupNode.kind !== 'null') {
    cleanupProvisioner = readProvisioner(cleanupNode, 'On Error Cleanup Provisioner error: ', diags);
  }

  return {
    raw: {
      root,
      description,
      minVersion:
        minVersionText !== undefined && minNode ? { value: minVersionText, range: minNode.range } : undefined,
      variables,
      sensitive,
      builders,
      provisioners,
      cleanupProvisioner,
      postProcessors,
      buildersRange: buildersNode?.range,
    },
    diags,
  };
}

/** Packer refuses a repeated key anywhere in the document. */
function checkDuplicates(n: JsonNode, diags: Diagnostic[]): void {
  if (n.kind === 'array') {
    for (const v of n.values) checkDuplicates(v, diags);
    return;
  }
  if (n.kind !== 'object') return;
  const seen = new Set<string>();
  for (const p of n.properties) {
    if (seen.has(p.name)) {
      diags.push(errorDiag(`template has duplicate field: ${p.name}`, undefined, p.nameRange));
    }
    seen.add(p.name);
    checkDuplicates(p.value, diags);
  }
}

function readStringKey(n: JsonNode | undefined, key: string, diags: Diagnostic[]): string | undefined {
  if (!n || n.kind === 'null') return undefined;
  if (n.kind === 'string') return n.value;
  diags.push(
    errorDiag(
      `'${key}' expected type 'string', got unconvertible type '${goTypeName(n)}'`,
      undefined,
      n.range,
    ),
  );
  return undefined;
}

function readSensitive(n: JsonNode | undefined, diags: Diagnostic[]): Set<string> {
  const names = new Set<string>();
  if (!n || n.kind === 'null') return names;
  if (n.kind !== 'array') {
    diags.push(
      errorDiag(
        `'sensitive-variables': source data must be an array or slice, got ${goKind(n)}`,
        undefined,
        n.range,
      ),
    );
    return names;
  }
  n.values.forEach((v, i) => {
    if (v.kind === 'string') names.add(v.value);
    else {
      diags.push(
        errorDiag(
          `'sensitive-variables[${i}]' expected type 'string', got unconvertible type '${goTypeName(v)}'`,
          undefined,
          v.range,
        ),
      );
    }
  });
  return names;
}

function readVariables(obj: ObjectNode, diags: Diagnostic[]): RawVariable[] {
  const out: RawVariable[] = [];
  for (const p of obj.properties) {
    const v = p.value;
    if (v.kind === 'null') out.push({ name: p.name, nameRange: p.nameRange });
    else if (v.kind === 'string')
      out.push({ name: p.name, default: { value: v.value, range: v.range }, nameRange: p.nameRange });
    else {
      const shown = v.kind === 'number' ? v.value.toString() : v.kind === 'bool' ? String(v.value) : '…';
      diags.push(
        errorDiag(
          `variable ${p.name}: '' expected type 'string', got unconvertible type '${goTypeName(v)}', value: '${shown}'`,
          'Variables of a legacy JSON template are strings (or null for a required variable).',
          v.range,
        ),
      );
    }
  }
  return out;
}
