/**
 * HCL's spec test suite runner (as HCL's cmd/hclspecsuite): finds the tests, reads each NAME.t
 * expectation file and checks every input (NAME.hcl, NAME.hcl.json) decoded by NAME.hcldec against
 * it: the result value and type, the exact set of diagnostics (severity + range), and the variable
 * references. A case passes when it reports no problems.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { conformanceErrors } from '../../../src/hcl/conformance.js';
import { convert } from '../../../src/hcl/convert.js';
import { type Diagnostic, hasErrors } from '../../../src/hcl/diagnostics.js';
import { rawEquals } from '../../../src/hcl/equality.js';
import type { HclBlock, HclBody } from '../../../src/hcl/hcl.js';
import { parseJson } from '../../../src/hcl/json/index.js';
import { nativeBody } from '../../../src/hcl/native/body.js';
import { parseConfig } from '../../../src/hcl/native/parser.js';
import { formatRange, type Pos, type Range } from '../../../src/hcl/pos.js';
import type { Traversal, Traverser } from '../../../src/hcl/traversal.js';
import { typeConstraint } from '../../../src/hcl/typeexpr.js';
import { DynamicType, type Type, typeString } from '../../../src/hcl/types.js';
import type { Value } from '../../../src/hcl/value.js';
import { asBigFloat } from '../../../src/hcl/values.js';
import { decode, loadSpec, variables } from './hcldec.js';

export const suiteRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/corpus/hcl-specsuite',
);

export interface SuiteCase {
  /** e.g. "structure/blocks/single_unclosed.hcl" */
  readonly name: string;
  readonly testFile: string;
  readonly specFile: string;
  readonly inputFile: string;
}

/** The suite's cases: per directory, dot-files skipped, the *.t files sorted, then subdirectories sorted. */
export function collectCases(root: string = suiteRoot): SuiteCase[] {
  const out: SuiteCase[] = [];
  const walk = (dir: string): void => {
    const names = readdirSync(dir)
      .filter((n) => !n.startsWith('.'))
      .sort();
    for (const n of names.filter((n) => n.endsWith('.t'))) {
      const base = path.join(dir, n.slice(0, -2));
      for (const input of [`${base}.hcl`, `${base}.hcl.json`]) {
        if (!existsSync(input)) continue;
        out.push({
          name: path.relative(root, input).split(path.sep).join('/'),
          testFile: path.join(dir, n),
          specFile: `${base}.hcldec`,
          inputFile: input,
        });
      }
    }
    for (const n of names) {
      const full = path.join(dir, n);
      if (statSync(full).isDirectory()) walk(full);
    }
  };
  walk(root);
  return out;
}

interface ExpectedDiag {
  readonly severity: 'error' | 'warning';
  readonly range: { start: Pos; end: Pos };
}

interface ExpectedTraversal {
  readonly traversal: Traversal;
  readonly range: { start: Pos; end: Pos };
}

interface TestFile {
  readonly result?: Value;
  readonly resultType: Type;
  readonly expectedDiags: ExpectedDiag[];
  readonly expectedTraversals?: ExpectedTraversal[];
}

function describe(d: Diagnostic): string {
  const where = d.subject
    ? `${formatRange(d.subject)} (byte ${d.subject.start.byte}-${d.subject.end.byte})`
    : '(no subject)';
  return `${d.severity}: ${d.summary}${d.detail ? ` — ${d.detail}` : ''} at ${where}`;
}

function parseHcl(file: string): { body?: HclBody; diags: Diagnostic[] } {
  const parsed = parseConfig(readFileSync(file, 'utf8'), file);
  return { body: nativeBody(parsed.body), diags: parsed.diags };
}

/** Reads a NAME.t file; problems with the file itself are returned as strings. */
export function loadTestFile(file: string): { test?: TestFile; problems: string[] } {
  const problems: string[] = [];
  const parsed = parseHcl(file);
  const fail = (diags: Diagnostic[]) => ({ problems: [...problems, ...diags.map(describe)] });
  if (hasErrors(parsed.diags) || !parsed.body) return fail(parsed.diags);
  const { content, diags } = parsed.body.content({
    attributes: [{ name: 'result' }, { name: 'result_type' }],
    blocks: [{ type: 'traversals' }, { type: 'diagnostics' }],
  });
  if (hasErrors(diags)) return fail(diags);

  let resultType: Type = DynamicType;
  const typeAttr = content.attributes.get('result_type');
  if (typeAttr) {
    const tc = typeConstraint(typeAttr.expr);
    if (hasErrors(tc.diags)) return fail(tc.diags);
    resultType = tc.type;
  }
  let result: Value | undefined;
  const resultAttr = content.attributes.get('result');
  if (resultAttr) {
    const r = resultAttr.expr.value(undefined);
    if (hasErrors(r.diags)) return fail(r.diags);
    const c = convert(r.value, resultType);
    if (!c.ok) return { problems: [`the result value does not conform to the result type: ${c.message}`] };
    result = c.value;
  }

  let expectedDiags: ExpectedDiag[] = [];
  let expectedTraversals: ExpectedTraversal[] | undefined;
  for (const block of content.blocks) {
    if (block.type === 'traversals') {
      const r = decodeTraversals(block);
      problems.push(...r.problems);
      expectedTraversals = r.expected;
    } else {
      const r = decodeDiagnostics(block);
      problems.push(...r.problems);
      expectedDiags = r.expected;
    }
  }
  if (result !== undefined && expectedDiags.length > 0) {
    problems.push('a test with expected diagnostics may not also have an expected result');
  }
  return { test: { result, resultType, expectedDiags, expectedTraversals }, problems };
}

function decodeRange(body: HclBody): {
  range: { start: Pos; end: Pos };
  remain: HclBody;
  problems: string[];
} {
  const problems: string[] = [];
  const { content, remain, diags } = body.partialContent({ blocks: [{ type: 'from' }, { type: 'to' }] });
  problems.push(...diags.map(describe));
  let start: Pos = { line: 0, column: 0, byte: 0 };
  let end: Pos = { line: 0, column: 0, byte: 0 };
  for (const b of content.blocks) {
    const r = decodePos(b);
    problems.push(...r.problems);
    if (b.type === 'from') start = r.pos;
    else end = r.pos;
  }
  return { range: { start, end }, remain, problems };
}

function decodePos(block: HclBlock): { pos: Pos; problems: string[] } {
  const names = ['line', 'column', 'byte'] as const;
  const { content, diags } = block.body.content({
    attributes: names.map((name) => ({ name, required: true })),
  });
  const problems = diags.map(describe);
  const n: Record<string, number> = { line: 0, column: 0, byte: 0 };
  for (const name of names) {
    const attr = content.attributes.get(name);
    if (!attr) continue;
    const r = attr.expr.value(undefined);
    problems.push(...r.diags.map(describe));
    if (r.value.state === 'known' && r.value.type.kind === 'number') n[name] = asBigFloat(r.value).toNumber();
    else problems.push(`the ${name} position must be a number`);
  }
  return { pos: { line: n.line!, column: n.column!, byte: n.byte! }, problems };
}

function decodeDiagnostics(block: HclBlock): { expected: ExpectedDiag[]; problems: string[] } {
  const { content, diags } = block.body.content({ blocks: [{ type: 'error' }, { type: 'warning' }] });
  const problems = diags.map(describe);
  if (content.blocks.length === 0) problems.push('an empty diagnostics block');
  const expected = content.blocks.map((b) => {
    const r = decodeRange(b.body);
    problems.push(...r.problems, ...r.remain.content({}).diags.map(describe));
    return { severity: b.type as 'error' | 'warning', range: r.range };
  });
  return { expected, problems };
}

function decodeTraversals(block: HclBlock): { expected: ExpectedTraversal[]; problems: string[] } {
  const { content, diags } = block.body.content({ blocks: [{ type: 'expect' }] });
  const problems = diags.map(describe);
  const expected: ExpectedTraversal[] = [];
  for (const b of content.blocks) {
    const r = decodeRange(b.body);
    problems.push(...r.problems);
    const inner = r.remain.content({
      attributes: [{ name: 'ref', required: true }],
      blocks: [{ type: 'range' }],
    });
    problems.push(...inner.diags.map(describe));
    const ref = inner.content.attributes.get('ref');
    const traversal = ref?.expr.staticTraversal();
    if (!traversal) {
      problems.push('an expect block needs a ref that is a traversal');
      continue;
    }
    expected.push({ traversal, range: r.range });
  }
  return { expected, problems };
}

function samePos(a: Pos, b: Pos): boolean {
  return a.line === b.line && a.column === b.column && a.byte === b.byte;
}

function sameRange(a: { start: Pos; end: Pos }, b: { start: Pos; end: Pos }): boolean {
  return samePos(a.start, b.start) && samePos(a.end, b.end);
}

function traversalRange(t: Traversal): Range {
  const first = t[0]!.range;
  const last = t[t.length - 1]!.range;
  return { filename: first.filename, start: first.start, end: last.end };
}

function sameStep(a: Traverser, b: Traverser): boolean {
  if (a.type !== b.type) return false;
  if ((a.type === 'root' || a.type === 'attr') && (b.type === 'root' || b.type === 'attr'))
    return a.name === b.name;
  if (a.type === 'index' && b.type === 'index') return rawEquals(a.key, b.key);
  return true;
}

function sameSteps(a: Traversal, b: Traversal): boolean {
  return a.length === b.length && a.every((s, i) => sameStep(s, b[i]!));
}

function posText(p: Pos): string {
  return `${p.line}:${p.column} (byte ${p.byte})`;
}

/** Runs one case; the empty list means it passed. */
export function runCase(c: SuiteCase): string[] {
  const loaded = loadTestFile(c.testFile);
  if (!loaded.test) return loaded.problems.length > 0 ? loaded.problems : ['could not read the test file'];
  const t = loaded.test;
  const problems = [...loaded.problems];

  const specLoad = loadSpec(readFileSync(c.specFile, 'utf8'), c.specFile);
  if (hasErrors(specLoad.diags))
    return [...problems, ...specLoad.diags.map((d) => `spec file: ${describe(d)}`)];
  const spec = specLoad.spec;

  // hcldec stops after the parse when the input has errors, reporting only those.
  const src = readFileSync(c.inputFile, 'utf8');
  const parsed = c.inputFile.endsWith('.json')
    ? parseJson(src, c.inputFile)
    : (() => {
        const p = parseConfig(src, c.inputFile);
        return { body: nativeBody(p.body), diags: p.diags };
      })();
  const inputBroken = hasErrors(parsed.diags);

  if (t.expectedTraversals) {
    if (inputBroken) {
      problems.push(...parsed.diags.map(describe));
    } else {
      const got = variables(parsed.body, spec.root);
      const expected = t.expectedTraversals;
      for (const g of got) {
        const rng = traversalRange(g);
        const e = expected.find((x) => sameSteps(x.traversal, g));
        if (!e) problems.push(`unexpected traversal at ${formatRange(rng)}`);
        else if (!sameRange(e.range, rng)) {
          problems.push(
            `traversal at ${posText(rng.start)}-${posText(rng.end)}, expected ${posText(e.range.start)}-${posText(e.range.end)}`,
          );
        }
      }
      for (const e of expected) {
        if (!got.some((g) => sameSteps(e.traversal, g))) {
          problems.push(`missing expected traversal at ${posText(e.range.start)}-${posText(e.range.end)}`);
        }
      }
    }
  }

  let value: Value | undefined;
  let diags: Diagnostic[];
  if (inputBroken) {
    diags = parsed.diags;
  } else {
    const ctx =
      spec.variables.size > 0 || spec.functions.size > 0
        ? {
            variables: spec.variables.size > 0 ? spec.variables : undefined,
            functions: spec.functions.size > 0 ? spec.functions : undefined,
          }
        : undefined;
    const r = decode(parsed.body, spec.root, ctx);
    diags = [...parsed.diags, ...r.diags];
    value = r.value;
  }
  // hcldec reports diagnostics only when it fails.
  const transformDiags = hasErrors(diags) ? diags : [];

  if (t.expectedDiags.length === 0) {
    problems.push(...transformDiags.map(describe));
    if (hasErrors(transformDiags) || value === undefined) return problems;
    const errs = conformanceErrors(value.type, t.resultType);
    if (errs.length > 0) {
      problems.push(`produced ${typeString(value.type)}, but was expecting ${typeString(t.resultType)}`);
    }
    if (t.result !== undefined && !rawEquals(value, t.result)) {
      problems.push(`incorrect result value: got ${showValue(value)}, want ${showValue(t.result)}`);
    }
    return problems;
  }

  // Like the upstream runner, both sides are sets keyed by severity and range.
  const key = (severity: string, r: { start: Pos; end: Pos }) =>
    `${severity} ${posText(r.start)}-${posText(r.end)}`;
  const want = new Set(t.expectedDiags.map((e) => key(e.severity, e.range)));
  const got = new Set<string>();
  for (const d of transformDiags) {
    if (!d.subject || d.subject.filename !== c.inputFile) {
      problems.push(`diagnostic outside the input: ${describe(d)}`);
      continue;
    }
    const k = key(d.severity, d.subject);
    got.add(k);
    if (!want.has(k)) problems.push(`unexpected diagnostic: ${describe(d)}`);
  }
  for (const k of want) if (!got.has(k)) problems.push(`missing expected diagnostic: ${k}`);
  return problems;
}

/** A compact rendering of a value and its type for failure messages. */
function showValue(v: Value): string {
  return `${typeString(v.type)} ${showPayload(v)}`;
}

function showPayload(v: Value): string {
  if (v.state === 'unknown') return '(unknown)';
  if (v.state === 'null') return 'null';
  const x = v.v;
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x === 'boolean') return String(x);
  if (x instanceof Map)
    return `{${[...x].map(([k, e]) => `${JSON.stringify(k)} = ${showPayload(e)}`).join(', ')}}`;
  if (Array.isArray(x)) return `[${x.map(showPayload).join(', ')}]`;
  return String(x);
}
