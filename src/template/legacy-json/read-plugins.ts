/**
 * Builders, provisioners and post-processors of a legacy JSON template (the Packer SDK's
 * rawTemplate.Template): their meta keys (type, name, only, except, override, pause_before, …) read
 * with Packer's messages; the rest of each object is the plugin's configuration.
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

export function readBuilders(nodes: readonly JsonNode[], diags: Diagnostic[]): RawBuilder[] {
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

export function readProvisioner(
  n: JsonNode,
  prefix: string,
  diags: Diagnostic[],
): RawProvisioner | undefined {
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

export function readPostProcessors(nodes: readonly JsonNode[], diags: Diagnostic[]): RawPostProcessor[][] {
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
