/**
 * Local values: `locals { name = expr … }` attributes and `local "name" { expression, sensitive }`
 * blocks. They are evaluated later, with data sources, in dependency order (prereqs.ts).
 */
import { type Diagnostic, errorDiag } from '../hcl/diagnostics.js';
import type { Expression, HclBlock } from '../hcl/hcl.js';
import { validIdentifier } from '../hcl/native/scanner.js';
import { formatRange, type Range } from '../hcl/pos.js';
import { staticBool } from './static-decode.js';
import { badIdentifierDetail } from './variables.js';

export interface LocalDecl {
  readonly name: string;
  readonly expr: Expression;
  readonly sensitive: boolean;
  readonly declRange: Range;
}

const localBlockSchema = { attributes: [{ name: 'expression', required: true }, { name: 'sensitive' }] };

export function decodeLocalBlock(block: HclBlock): { local?: LocalDecl; diags: Diagnostic[] } {
  const name = block.labels[0]!;
  const { content, diags } = block.body.content(localBlockSchema);
  if (!validIdentifier(name)) {
    diags.push(errorDiag('Invalid local name', badIdentifierDetail, block.labelRanges[0] ?? block.defRange));
  }
  let sensitive = false;
  const sens = content.attributes.get('sensitive');
  if (sens) {
    const r = staticBool(sens.expr);
    diags.push(...r.diags);
    sensitive = r.value ?? false;
  }
  const expression = content.attributes.get('expression');
  if (!expression) return { diags };
  return { local: { name, expr: expression.expr, sensitive, declRange: block.defRange }, diags };
}

export function decodeLocalsBlock(block: HclBlock): { locals: LocalDecl[]; diags: Diagnostic[] } {
  const { attributes, diags } = block.body.justAttributes();
  const locals = [...attributes.values()].map((attr) => ({
    name: attr.name,
    expr: attr.expr,
    sensitive: false,
    declRange: attr.range,
  }));
  return { locals, diags };
}

/** The first definition of each name wins; later ones are reported. */
export function dropDuplicateLocals(locals: readonly LocalDecl[]): {
  locals: LocalDecl[];
  diags: Diagnostic[];
} {
  const seen = new Map<string, LocalDecl>();
  const diags: Diagnostic[] = [];
  for (const local of locals) {
    const first = seen.get(local.name);
    if (first) {
      diags.push(
        errorDiag(
          'Duplicate local definition',
          `Local variable ${JSON.stringify(local.name)} is defined twice in your templates. Other definition found at ${JSON.stringify(formatRange(first.expr.range))}`,
          local.expr.range,
        ),
      );
      continue;
    }
    seen.set(local.name, local);
  }
  return { locals: [...seen.values()], diags };
}
