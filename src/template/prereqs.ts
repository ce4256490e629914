/**
 * Locals and data sources form one dependency graph (`local.x`, `data.TYPE.NAME` references); they
 * are evaluated in dependency order. A cycle is one diagnostic naming it
 * (`local.a -> local.b -> local.a`); its members evaluate to unknown so nothing else cascades.
 */
import { type Diagnostic, errorDiag, hasErrors } from '../hcl/diagnostics.js';
import type { EvalContext } from '../hcl/hcl.js';
import type { Range } from '../hcl/pos.js';
import type { Traversal } from '../hcl/traversal.js';
import type { Value } from '../hcl/value.js';
import { DynamicVal, markValue } from '../hcl/values.js';
import { SensitiveMark } from '../hcl/value.js';
import { bodyReferences } from './body-references.js';
import type { DatasourceBlock } from './model.js';
import type { LocalDecl } from './locals.js';

type Node =
  | { readonly kind: 'local'; readonly id: string; readonly local: LocalDecl }
  | { readonly kind: 'data'; readonly id: string; readonly ds: DatasourceBlock };

interface Edge {
  readonly to: string;
  readonly range: Range;
}

function referenceId(t: Traversal): string | undefined {
  const [root, a, b] = t;
  if (root?.type !== 'root' || a?.type !== 'attr') return undefined;
  if (root.name === 'local') return `local.${a.name}`;
  if (root.name === 'data' && b?.type === 'attr') return `data.${a.name}.${b.name}`;
  return undefined;
}

function traversalRange(t: Traversal): Range {
  const first = t[0]!.range;
  const last = t[t.length - 1]!.range;
  return { filename: first.filename, start: first.start, end: last.end };
}

function edgesOf(node: Node, ids: ReadonlySet<string>): Edge[] {
  const refs = node.kind === 'local' ? node.local.expr.variables() : bodyReferences(node.ds.body);
  const edges: Edge[] = [];
  for (const t of refs) {
    const to = referenceId(t);
    // References to undeclared names are left to evaluation, which reports them at their range.
    if (to && ids.has(to) && !edges.some((e) => e.to === to)) edges.push({ to, range: traversalRange(t) });
  }
  return edges;
}

/** Each elementary cycle found by depth-first search, as node ids, starting at its earliest node. */
function findCycles(order: readonly string[], edges: ReadonlyMap<string, Edge[]>): string[][] {
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const visit = (id: string): void => {
    state.set(id, 'active');
    stack.push(id);
    for (const e of edges.get(id) ?? []) {
      const s = state.get(e.to);
      if (s === 'active') {
        const cycle = stack.slice(stack.indexOf(e.to));
        const start = cycle.reduce((best, n) => (order.indexOf(n) < order.indexOf(best) ? n : best));
        const i = cycle.indexOf(start);
        const rotated = [...cycle.slice(i), ...cycle.slice(0, i)];
        const key = [...rotated].sort().join(' ');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(rotated);
        }
      } else if (s === undefined) visit(e.to);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of order) if (!state.has(id)) visit(id);
  return cycles;
}

export interface PrereqResults {
  readonly locals: Map<string, Value>;
  readonly data: Map<string, Map<string, Value>>;
  readonly diags: Diagnostic[];
}

export interface PrereqOptions {
  /** The context for the next evaluation, seeing the results so far. */
  readonly context: (results: PrereqResults) => EvalContext;
  /** A data source's value in `ctx` (see datasource-values.ts). */
  readonly datasourceValue: (
    ds: DatasourceBlock,
    ctx: EvalContext,
  ) => Promise<{ value: Value; diags: Diagnostic[] }>;
}

export async function evaluatePrereqs(
  locals: readonly LocalDecl[],
  datasources: readonly DatasourceBlock[],
  opts: PrereqOptions,
): Promise<PrereqResults> {
  const nodes = new Map<string, Node>();
  for (const ds of datasources)
    nodes.set(`data.${ds.type}.${ds.name}`, { kind: 'data', id: `data.${ds.type}.${ds.name}`, ds });
  for (const local of locals)
    nodes.set(`local.${local.name}`, { kind: 'local', id: `local.${local.name}`, local });
  const ids = new Set(nodes.keys());
  const edges = new Map<string, Edge[]>();
  for (const node of nodes.values()) edges.set(node.id, edgesOf(node, ids));
  const order = [...nodes.keys()];

  const results: PrereqResults = { locals: new Map(), data: new Map(), diags: [] };
  const setValue = (node: Node, value: Value): void => {
    if (node.kind === 'local') results.locals.set(node.local.name, value);
    else {
      const byName = results.data.get(node.ds.type) ?? new Map<string, Value>();
      results.data.set(node.ds.type, byName);
      byName.set(node.ds.name, value);
    }
  };

  const cyclic = new Set<string>();
  for (const cycle of findCycles(order, edges)) {
    for (const id of cycle) cyclic.add(id);
    const first = cycle[0]!;
    const second = cycle[1] ?? first;
    const edge = edges.get(first)!.find((e) => e.to === second)!;
    const path = [...cycle, first].join(' -> ');
    results.diags.push(
      errorDiag(
        'Dependency cycle',
        `${path}: these refer to each other, so none of them can be evaluated. Break the cycle by removing one of the references.`,
        edge.range,
      ),
    );
  }

  const done = new Set<string>();
  const evaluate = async (id: string): Promise<void> => {
    if (done.has(id)) return;
    done.add(id);
    const node = nodes.get(id)!;
    if (cyclic.has(id)) {
      setValue(node, DynamicVal);
      return;
    }
    for (const e of edges.get(id) ?? []) await evaluate(e.to);
    const ctx = opts.context(results);
    if (node.kind === 'local') {
      const { value, diags } = node.local.expr.value(ctx);
      results.diags.push(...diags);
      const v = hasErrors(diags) ? DynamicVal : value;
      setValue(node, node.local.sensitive ? markValue(v, SensitiveMark) : v);
    } else {
      const { value, diags } = await opts.datasourceValue(node.ds, ctx);
      results.diags.push(...diags);
      setValue(node, value);
    }
  };
  for (const id of order) await evaluate(id);
  return results;
}
