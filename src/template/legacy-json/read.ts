/**
 * The structure of a legacy JSON template (the Packer SDK's template.Parse): the root keys, variables,
 * builders, provisioners and the three forms of post-processors. Problems are diagnostics whose
 * summaries are Packer's own messages, with the JSON range at fault as subject.
 */
import { type Diagnostic, errorDiag } from '../../hcl/diagnostics.js';
import { parseGoDuration } from '../../hcl/functions/gotime.js';
import type { JsonNode } from '../../hcl/json/index.js';
import { type Range, rangeBetween } from '../../hcl/pos.js';
import {
  emptyObjectAt,
  goKind,
  goTypeName,
  type Located,
  type ObjectNode,
  property,
  weakString,
} from './json-nodes.js';

export interface RawVariable {
  readonly name: string;
  /** Absent when the value is null: the variable is required. */
  readonly default?: Located<string>;
  readonly nameRange: Range;
}

export interface RawPlugin {
  readonly type: string;
  readonly node: ObjectNode;
  /** The `"type": "…"` property, or the bare string of a post-processor. */
  readonly declRange: Range;
}

export interface RawBuilder extends RawPlugin {
  /** The `name`, or the type when unnamed. */
  readonly name: string;
}

export interface RawProvisioner extends RawPlugin {
  readonly only: readonly Located<string>[];
  readonly except: readonly Located<string>[];
  readonly onlyExceptRange?: Range;
  readonly override?: { readonly node: ObjectNode; readonly keys: readonly Located<string>[] };
  readonly pauseBefore?: number;
  readonly maxRetries?: number;
  readonly timeout?: number;
}

export interface RawPostProcessor extends RawPlugin {
  readonly name: string;
  readonly only: readonly Located<string>[];
  readonly except: readonly Located<string>[];
  readonly keepInputArtifact?: boolean;
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

export const provisionerMetaKeys = [
  'except',
  'only',
  'override',
  'pause_before',
  'max_retries',
  'type',
  'timeout',
];
export const postProcessorMetaKeys = ['except', 'only', 'keep_input_artifact', 'type', 'name'];
export const builderMetaKeys = ['name', 'type'];

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

function readBuilders(nodes: readonly JsonNode[], diags: Diagnostic[]): RawBuilder[] {
  const out: RawBuilder[] = [];
  const names = new Set<string>();
  nodes.forEach((n, index) => {
    const prefix = `builder ${index + 1}: `;
    if (n.kind !== 'object') {
      diags.push(errorDiag(`${prefix}'' expected a map, got '${goKind(n)}'`, undefined, n.range));
      return;
    }
    const type = metaString(n, 'type', prefix, diags);
    const name = metaString(n, 'name', prefix, diags);
    if (type === undefined || type.value === '') {
      diags.push(errorDiag(`${prefix}missing 'type'`, 'Every builder needs a "type".', n.openRange));
      return;
    }
    const finalName = name && name.value !== '' ? name.value : type.value;
    if (names.has(finalName)) {
      diags.push(
        errorDiag(
          `${prefix}builder with name '${finalName}' already exists`,
          undefined,
          (name ?? type).range,
        ),
      );
      return;
    }
    names.add(finalName);
    out.push({ type: type.value, name: finalName, node: n, declRange: type.propertyRange });
  });
  return out;
}

/** A meta key read weakly as a string, with the range of its value and of the whole property. */
function metaString(
  obj: ObjectNode,
  key: string,
  prefix: string,
  diags: Diagnostic[],
): (Located<string> & { propertyRange: Range }) | undefined {
  const p = property(obj, key);
  if (!p || p.value.kind === 'null') return undefined;
  const s = weakString(p.value);
  if (s === undefined) {
    diags.push(
      errorDiag(
        `${prefix}'${key}' expected type 'string', got unconvertible type '${goTypeName(p.value)}'`,
        undefined,
        p.value.range,
      ),
    );
    return undefined;
  }
  return { value: s, range: p.value.range, propertyRange: rangeBetween(p.nameRange, p.value.range) };
}

/** A list of names; a single string is a list of one (weak decoding). */
function nameList(obj: ObjectNode, key: string, prefix: string, diags: Diagnostic[]): Located<string>[] {
  const p = property(obj, key);
  if (!p || p.value.kind === 'null') return [];
  const items = p.value.kind === 'array' ? p.value.values : [p.value];
  const out: Located<string>[] = [];
  for (const item of items) {
    const s = weakString(item);
    if (s === undefined) {
      diags.push(
        errorDiag(
          `${prefix}'${key}' expected type 'string', got unconvertible type '${goTypeName(item)}'`,
          undefined,
          item.range,
        ),
      );
    } else out.push({ value: s, range: item.range });
  }
  return out;
}

function duration(obj: ObjectNode, key: string, prefix: string, diags: Diagnostic[]): number | undefined {
  const p = property(obj, key);
  if (!p || p.value.kind === 'null') return undefined;
  const v = p.value;
  if (v.kind === 'number') return v.value.toNumber() / 1e6; // a bare number is nanoseconds
  if (v.kind !== 'string') {
    diags.push(
      errorDiag(
        `${prefix}Error decoding provisioner: '${key}' expected type 'int64', got unconvertible type '${goTypeName(v)}'`,
        undefined,
        v.range,
      ),
    );
    return undefined;
  }
  try {
    return Number(parseGoDuration(v.value)) / 1e6;
  } catch (e) {
    diags.push(
      errorDiag(
        `${prefix}Error decoding provisioner: error decoding '${key}': ${(e as Error).message}`,
        undefined,
        v.range,
      ),
    );
    return undefined;
  }
}

function readProvisioner(n: JsonNode, prefix: string, diags: Diagnostic[]): RawProvisioner | undefined {
  if (n.kind !== 'object') {
    diags.push(
      errorDiag(
        `${prefix}Error decoding provisioner: '' expected a map, got '${goKind(n)}'`,
        undefined,
        n.range,
      ),
    );
    return undefined;
  }
  const before = diags.length;
  const type = metaString(n, 'type', prefix, diags);
  const only = nameList(n, 'only', prefix, diags);
  const except = nameList(n, 'except', prefix, diags);
  const pauseBefore = duration(n, 'pause_before', prefix, diags);
  const timeout = duration(n, 'timeout', prefix, diags);
  let maxRetries: number | undefined;
  const retries = property(n, 'max_retries');
  if (retries && retries.value.kind !== 'null') {
    const s = weakString(retries.value);
    if (s === undefined || !/^[+-]?\d+$/.test(s.trim())) {
      diags.push(
        errorDiag(
          `${prefix}max_retries must be an integer`,
          `Got ${s === undefined ? goTypeName(retries.value) : JSON.stringify(s)}.`,
          retries.value.range,
        ),
      );
    } else maxRetries = Number.parseInt(s, 10);
  }
  let override: RawProvisioner['override'];
  const o = property(n, 'override');
  if (o && o.value.kind !== 'null') {
    if (o.value.kind !== 'object') {
      diags.push(
        errorDiag(
          `${prefix}Error decoding provisioner: 'override' expected a map, got '${goKind(o.value)}'`,
          undefined,
          o.value.range,
        ),
      );
    } else {
      override = {
        node: o.value,
        keys: o.value.properties.map((p) => ({ value: p.name, range: p.nameRange })),
      };
    }
  }
  if (diags.length > before) return undefined;
  if (type === undefined || type.value === '') {
    diags.push(
      errorDiag(`${prefix}Provisioner missing 'type'`, 'Every provisioner needs a "type".', n.openRange),
    );
    return undefined;
  }
  const onlyExcept = [...only, ...except];
  return {
    type: type.value,
    node: n,
    declRange: type.propertyRange,
    only,
    except,
    onlyExceptRange:
      onlyExcept.length > 0 ? property(n, only.length > 0 ? 'only' : 'except')!.nameRange : undefined,
    override,
    pauseBefore,
    maxRetries,
    timeout,
  };
}

function readPostProcessors(nodes: readonly JsonNode[], diags: Diagnostic[]): RawPostProcessor[][] {
  const chains: RawPostProcessor[][] = [];
  nodes.forEach((n, i) => {
    let items: { node: JsonNode; label: string }[];
    if (n.kind === 'string' || n.kind === 'object') items = [{ node: n, label: `${i + 1}.1` }];
    else if (n.kind === 'array') {
      items = [];
      let bad = false;
      n.values.forEach((inner, j) => {
        const label = `${i + 1}.${j + 1}`;
        if (inner.kind === 'string' || inner.kind === 'object') items.push({ node: inner, label });
        else {
          bad = true;
          const what =
            inner.kind === 'array' ? 'sequence not allowed to be nested in a sequence' : 'unknown format';
          diags.push(errorDiag(`post-processor ${label}: ${what}`, undefined, inner.range));
        }
      });
      if (bad) return;
    } else {
      diags.push(
        errorDiag(
          `post-processor ${i + 1}: bad format`,
          'A post-processor is a type name, an object with a "type", or an array of those (a chain).',
          n.range,
        ),
      );
      return;
    }
    const chain: RawPostProcessor[] = [];
    for (const { node, label } of items) {
      const pp = readPostProcessor(node, `post-processor ${label}: `, diags);
      if (pp) chain.push(pp);
    }
    chains.push(chain);
  });
  return chains;
}

function readPostProcessor(n: JsonNode, prefix: string, diags: Diagnostic[]): RawPostProcessor | undefined {
  if (n.kind === 'string') {
    return {
      type: n.value,
      name: n.value,
      node: emptyObjectAt(n.range),
      declRange: n.range,
      only: [],
      except: [],
    };
  }
  if (n.kind !== 'object') return undefined;
  const before = diags.length;
  const type = metaString(n, 'type', prefix, diags);
  const name = metaString(n, 'name', prefix, diags);
  const only = nameList(n, 'only', prefix, diags);
  const except = nameList(n, 'except', prefix, diags);
  let keepInputArtifact: boolean | undefined;
  const keep = property(n, 'keep_input_artifact');
  if (keep && keep.value.kind !== 'null') {
    if (keep.value.kind === 'bool') keepInputArtifact = keep.value.value;
    else {
      diags.push(
        errorDiag(
          `${prefix}'keep_input_artifact' expected type 'bool', got unconvertible type '${goTypeName(keep.value)}'`,
          undefined,
          keep.value.range,
        ),
      );
    }
  }
  if (diags.length > before) return undefined;
  if (type === undefined || type.value === '') {
    diags.push(errorDiag(`${prefix}type is required`, 'Every post-processor needs a "type".', n.openRange));
    return undefined;
  }
  return {
    type: type.value,
    name: name && name.value !== '' ? name.value : type.value,
    node: n,
    declRange: type.propertyRange,
    only,
    except,
    keepInputArtifact,
  };
}
