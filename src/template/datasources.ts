/**
 * `data "TYPE" "NAME" { … }` blocks, and the built-in data sources `null` and `http`. Other types are
 * kept with an unknown value: the plugin registry reports unknown types when builds are planned.
 * As in Packer, `validate` does not execute data sources: their outputs stay unknown (of the right
 * type) unless execution is asked for.
 */
import { convert } from '../hcl/convert.js';
import { type Diagnostic, errorDiag, hasErrors } from '../hcl/diagnostics.js';
import type { EvalContext, HclBlock } from '../hcl/hcl.js';
import { validIdentifier } from '../hcl/native/scanner.js';
import { formatRange } from '../hcl/pos.js';
import { mapOf, NumberType, objectOf, StringType, type Type } from '../hcl/types.js';
import type { Value } from '../hcl/value.js';
import {
  asString,
  DynamicVal,
  entries,
  isNull,
  isWhollyKnown,
  mapVal,
  mapValEmpty,
  numberVal,
  objectVal,
  stringVal,
  unknownVal,
  unmarkDeep,
} from '../hcl/values.js';
import type { DatasourceBlock } from './model.js';
import { badIdentifierDetail } from './variables.js';

/** Keyed `TYPE.NAME`. */
export type DatasourceDecls = Map<string, DatasourceBlock>;

export function decodeDataBlock(block: HclBlock, decls: DatasourceDecls): Diagnostic[] {
  const [type, name] = block.labels as [string, string];
  const diags: Diagnostic[] = [];
  if (!validIdentifier(type)) {
    diags.push(errorDiag('Invalid data source name', badIdentifierDetail, block.labelRanges[0]));
  }
  if (!validIdentifier(name)) {
    diags.push(errorDiag('Invalid data resource name', badIdentifierDetail, block.labelRanges[1]));
  }
  if (hasErrors(diags)) return diags;
  const key = `${type}.${name}`;
  const existing = decls.get(key);
  if (existing) {
    diags.push(
      errorDiag(
        'Duplicate data block',
        `This data block has the same data type and name as a previous block declared at ${formatRange(existing.declRange)}. Each data must have a unique name per builder type.`,
        block.defRange,
      ),
    );
    return diags;
  }
  decls.set(key, {
    type,
    name,
    body: block.body,
    declRange: block.defRange,
    typeRange: block.labelRanges[0],
  });
  return diags;
}

interface Builtin {
  readonly attributes: readonly { name: string; required?: boolean; type: Type }[];
  readonly output: Type;
  check(config: ReadonlyMap<string, Value>): string[];
  execute(config: ReadonlyMap<string, Value>): Promise<Value>;
}

const str = (config: ReadonlyMap<string, Value>, name: string): string => {
  const v = config.get(name);
  return v && v.state === 'known' && !isNull(v) ? asString(v) : '';
};

const httpMethods = ['HEAD', 'GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'];

const stringMap = (record: Record<string, string>): Value =>
  Object.keys(record).length === 0
    ? mapValEmpty(StringType)
    : mapVal(Object.fromEntries(Object.entries(record).map(([k, v]) => [k, stringVal(v)])));

const builtins: Readonly<Record<string, Builtin>> = {
  null: {
    attributes: [{ name: 'input', type: StringType }],
    output: objectOf({ output: StringType }),
    check: (config) => (str(config, 'input') === '' ? ['The `input` must be specified'] : []),
    execute: async (config) => objectVal({ output: stringVal(str(config, 'input')) }),
  },
  http: {
    attributes: [
      { name: 'url', type: StringType },
      { name: 'method', type: StringType },
      { name: 'request_headers', type: mapOf(StringType) },
      { name: 'request_body', type: StringType },
    ],
    output: objectOf({
      url: StringType,
      body: StringType,
      request_headers: mapOf(StringType),
      response_headers: mapOf(StringType),
      status_code: NumberType,
    }),
    check: (config) => {
      const problems: string[] = [];
      if (str(config, 'url') === '') problems.push('the `url` must be specified');
      const method = str(config, 'method') || 'GET';
      if (!httpMethods.includes(method))
        problems.push(`the \`method\` must be one of [${httpMethods.join(' ')}]`);
      return problems;
    },
    execute: async (config) => {
      const url = str(config, 'url');
      const headers: Record<string, string> = {};
      const given = config.get('request_headers');
      if (given && given.state === 'known' && !isNull(given)) {
        for (const [k, v] of entries(given)) headers[k] = asString(v);
      }
      const body = str(config, 'request_body');
      const res = await fetch(url, {
        method: str(config, 'method') || 'GET',
        headers,
        body: body === '' ? undefined : body,
      });
      if (res.status < 200 || res.status >= 300) {
        throw new Error(`HTTP request error. Response code: ${res.status}`);
      }
      const responseHeaders: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        responseHeaders[k] = v;
      });
      const headerMap = stringMap(responseHeaders);
      return objectVal({
        url: stringVal(url),
        body: stringVal(await res.text()),
        request_headers: headerMap,
        response_headers: headerMap,
        status_code: numberVal(res.status),
      });
    },
  },
};

export function isBuiltinDatasource(type: string): boolean {
  return Object.hasOwn(builtins, type);
}

/**
 * The value of one data source: decoded in `ctx`, checked, and executed unless `execute` is false
 * (then unknown, of the output type). Types this module does not know evaluate to DynamicVal.
 */
export async function evaluateDatasource(
  ds: DatasourceBlock,
  ctx: EvalContext,
  execute: boolean,
): Promise<{ value: Value; diags: Diagnostic[] }> {
  const builtin = builtins[ds.type];
  if (!builtin) return { value: DynamicVal, diags: [] };
  const { content, diags } = ds.body.content({ attributes: builtin.attributes });
  const config = new Map<string, Value>();
  let incomplete = false;
  for (const spec of builtin.attributes) {
    const attr = content.attributes.get(spec.name);
    if (!attr) continue;
    const r = attr.expr.value(ctx);
    diags.push(...r.diags);
    const conv = convert(unmarkDeep(r.value)[0], spec.type);
    if (!conv.ok) {
      diags.push(
        errorDiag(
          'Incorrect attribute value type',
          `Inappropriate value for attribute ${JSON.stringify(spec.name)}: ${conv.message}.`,
          attr.expr.range,
        ),
      );
      continue;
    }
    if (!isWhollyKnown(conv.value)) incomplete = true;
    config.set(spec.name, conv.value);
  }
  const unknown = unknownVal(builtin.output);
  if (hasErrors(diags)) return { value: unknown, diags };
  if (!incomplete) {
    for (const problem of builtin.check(config)) diags.push(errorDiag(problem, undefined, ds.declRange));
  }
  if (!execute || incomplete || hasErrors(diags)) return { value: unknown, diags };
  try {
    return { value: await builtin.execute(config), diags };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    diags.push(errorDiag(message, `data.${ds.type}.${ds.name} failed.`, ds.declRange));
    return { value: unknown, diags };
  }
}
