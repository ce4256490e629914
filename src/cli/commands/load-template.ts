/**
 * Loading the template a command names, with the command line's variables: the one place the commands
 * meet the template loader.
 */
import path from 'node:path';
import type { Diagnostic } from '../../hcl/diagnostics.js';
import type { Range } from '../../hcl/pos.js';
import { type LoadOptions, loadTemplate } from '../../template/load.js';
import type { Loaded, Template } from '../../template/model.js';
import type { VarArg } from '../flags.js';
import type { CommandIo } from '../io.js';
import type { Logger } from '../log.js';

export interface TemplateArgs {
  /** As given on the command line; undefined for `console` without a template. */
  readonly path: string | undefined;
  readonly varArgs: readonly VarArg[];
  readonly warnOnUndeclaredVar: boolean;
  readonly syntaxOnly?: boolean;
  /** The plugin registry: the loader reports data source types it does not hold. */
  readonly registry?: LoadOptions['registry'];
}

export async function loadForCommand(
  io: CommandIo,
  log: Logger,
  args: TemplateArgs,
  command: LoadOptions['command'],
): Promise<Loaded<Template>> {
  const started = Date.now();
  const loaded = await loadTemplate(args.path ?? '', {
    cwd: io.cwd,
    env: io.env,
    varArgs: args.varArgs.map((a) =>
      a.kind === 'var' ? { kind: 'var', text: `${a.name}=${a.value}` } : { kind: 'var-file', path: a.path },
    ),
    warnOnUndeclaredVar: args.warnOnUndeclaredVar,
    syntaxOnly: args.syntaxOnly ?? false,
    command,
    registry: args.registry,
  });
  if (log.enabled) {
    const where = args.path ? path.resolve(io.cwd, args.path) : '(no template)';
    log.log(`[INFO] loaded ${where} in ${Date.now() - started} ms with ${loaded.diags.length} diagnostic(s)`);
  }
  return loaded;
}

/** True when `inner` lies within `outer` (same file). */
function within(inner: Range, outer: Range): boolean {
  return (
    inner.filename === outer.filename &&
    inner.start.byte >= outer.start.byte &&
    inner.end.byte <= outer.end.byte
  );
}

/**
 * Errors Packer finds in Initialize() rather than Parse(): unset variables, failed validation rules, and
 * the evaluation of locals. `inspect` and `console` ignore these (the values show as unknown). Returns
 * the local that failed, or true for a variable problem, or false.
 */
export function initializationError(d: Diagnostic, t: Template): string | boolean {
  if (d.severity !== 'error') return false;
  if (d.summary.startsWith('Unset variable ')) return true;
  if (/^Invalid value for .+ variable$/.test(d.summary)) return true;
  // A legacy JSON template's variable without a value (Packer's JSON inspect lists it as required).
  if (d.summary.startsWith('required variable not set: ')) return true;
  const subject = d.subject;
  if (!subject) return false;
  for (const l of t.locals.values()) if (within(subject, l.expr.range)) return l.name;
  return false;
}

/**
 * Packer's `inspect` and `console`: errors of parsing (syntax, block structure, variable values given)
 * stop the command, while errors of evaluation are ignored; locals that failed are left out, as Packer
 * only lists the locals it could evaluate.
 */
export async function loadForInspection(
  io: CommandIo,
  log: Logger,
  args: TemplateArgs,
  command: 'inspect' | 'console',
): Promise<{ parseDiags: Diagnostic[]; template: Template }> {
  const loaded = await loadForCommand(io, log, args, command);
  const failedLocals = new Set<string>();
  const parseDiags: Diagnostic[] = [];
  let ignored = 0;
  for (const d of loaded.diags) {
    const init = initializationError(d, loaded.value);
    if (typeof init === 'string') failedLocals.add(init);
    if (init !== false) ignored++;
    else if (d.severity === 'error') parseDiags.push(d);
  }
  if (ignored > 0) log.log(`[INFO] ${command}: ignoring ${ignored} evaluation error(s), as Packer does`);
  const t = loaded.value;
  const failed = withDependents(failedLocals, t.locals);
  const locals = new Map([...t.locals].filter(([name]) => !failed.has(name)));
  return { parseDiags, template: { ...t, locals } };
}

/** The failed locals and every local that refers to one, directly or not (Packer cannot evaluate those). */
function withDependents(failed: ReadonlySet<string>, locals: Template['locals']): Set<string> {
  const out = new Set(failed);
  const refs = new Map(
    [...locals].map(([name, l]) => [
      name,
      l.expr
        .variables()
        .filter((tr) => tr[0]?.type === 'root' && tr[0].name === 'local' && tr[1]?.type === 'attr')
        .map((tr) => (tr[1] as { name: string }).name),
    ]),
  );
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, uses] of refs) {
      if (!out.has(name) && uses.some((u) => out.has(u))) {
        out.add(name);
        grew = true;
      }
    }
  }
  return out;
}
