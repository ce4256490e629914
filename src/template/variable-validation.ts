/**
 * `validation { condition, error_message }` blocks of a variable: the condition may refer only to the
 * variable itself; a false condition reports the error message at the value that failed it.
 */
import { convert } from '../hcl/convert.js';
import { type Diagnostic, errorDiag } from '../hcl/diagnostics.js';
import type { EvalContext, Expression, HclBlock, HclFunction } from '../hcl/hcl.js';
import { childContext } from '../hcl/eval-context.js';
import { formatRange, type Range } from '../hcl/pos.js';
import { BoolType } from '../hcl/types.js';
import { asBool, isNull, objectVal, unmarkDeep } from '../hcl/values.js';
import type { VariableValidation } from './model.js';
import { staticString } from './static-decode.js';
import type { Assignment } from './variables.js';

const validationSchema = {
  attributes: [
    { name: 'condition', required: true },
    { name: 'error_message', required: true },
  ],
};

/** Go's unicode.IsLetter && !unicode.IsUpper on the first rune; a final `.`, `?` or `!`. */
function looksLikeSentences(s: string): boolean {
  const t = s.trim();
  if (t === '') return false;
  const runes = [...t];
  const first = runes[0]!;
  const last = runes[runes.length - 1]!;
  if (/\p{L}/u.test(first) && !/\p{Lu}/u.test(first)) return false;
  return last === '.' || last === '?' || last === '!';
}

function checkConditionRefs(varName: string, condition: Expression): Diagnostic[] {
  const diags: Diagnostic[] = [];
  let good = 0;
  for (const traversal of condition.variables()) {
    const [root, next] = traversal;
    if (root?.type === 'root' && root.name === 'var' && next?.type === 'attr' && next.name === varName) {
      good++;
      continue;
    }
    const first = traversal[0]!.range;
    const last = traversal[traversal.length - 1]!.range;
    diags.push(
      errorDiag(
        'Invalid reference in variable validation',
        `The condition for variable ${JSON.stringify(varName)} can only refer to the variable itself, using var.${varName}.`,
        { filename: first.filename, start: first.start, end: last.end },
      ),
    );
  }
  if (good < 1) {
    diags.push(
      errorDiag(
        'Invalid variable validation condition',
        `The condition for variable ${JSON.stringify(varName)} must refer to var.${varName} in order to test incoming values.`,
        condition.range,
      ),
    );
  }
  return diags;
}

export function decodeValidationBlock(
  varName: string,
  block: HclBlock,
): { validation: VariableValidation; diags: Diagnostic[] } {
  const { content, diags } = block.body.content(validationSchema);
  const condAttr = content.attributes.get('condition');
  if (condAttr) diags.push(...checkConditionRefs(varName, condAttr.expr));
  let errorMessage = '';
  const msgAttr = content.attributes.get('error_message');
  if (msgAttr) {
    const r = staticString(msgAttr.expr);
    diags.push(...r.diags);
    if (r.value !== undefined) {
      errorMessage = r.value;
      const summary = 'Invalid validation error message';
      if (errorMessage === '') {
        diags.push(
          errorDiag(summary, 'An empty string is not a valid nor useful error message.', msgAttr.expr.range),
        );
      } else if (!looksLikeSentences(errorMessage)) {
        diags.push(
          errorDiag(
            summary,
            'Validation error message must be at least one full sentence starting with an uppercase letter ( if the alphabet permits it ) and ending with a period or question mark.',
            msgAttr.expr.range,
          ),
        );
      }
    }
  }
  // A block without a condition was already reported as missing one; it checks nothing.
  const condition = condAttr?.expr ?? alwaysTrue(block.defRange);
  return { validation: { condition, errorMessage, range: block.defRange }, diags };
}

function alwaysTrue(range: Range): Expression {
  return {
    range,
    startRange: range,
    value: () => ({ value: { type: BoolType, state: 'known', v: true }, diags: [] }),
    variables: () => [],
    staticList: () => undefined,
    staticMap: () => undefined,
    staticTraversal: () => undefined,
    staticCall: () => undefined,
    staticKeyword: () => undefined,
  };
}

const sourceNames: Record<Assignment['from'], string> = {
  default: 'default',
  env: 'env',
  'auto-varfile': 'varfile',
  varfile: 'varfile',
  cli: 'cmd',
};

/** Checks the value a variable ended up with against each of its validation rules. */
export function validateValue(
  name: string,
  validations: readonly VariableValidation[],
  assignment: Assignment,
  functions: ReadonlyMap<string, HclFunction>,
  declRange: Range,
): Diagnostic[] {
  const diags: Diagnostic[] = [];
  if (validations.length === 0) return diags;
  // Conditions see the plain value: an error message never contains it.
  const [plain] = unmarkDeep(assignment.value);
  const ctx: EvalContext = childContext(undefined, { var: objectVal({ [name]: plain }) }, functions);
  for (const rule of validations) {
    const { value, diags: condDiags } = rule.condition.value(ctx);
    diags.push(...condDiags);
    if (value.state === 'unknown') continue;
    const invalid = 'Invalid variable validation result';
    if (isNull(value)) {
      diags.push(
        errorDiag(
          invalid,
          'Validation condition expression must return either true or false, not null.',
          rule.condition.range,
        ),
      );
      continue;
    }
    const conv = convert(unmarkDeep(value)[0], BoolType);
    if (!conv.ok) {
      diags.push(
        errorDiag(
          invalid,
          `Invalid validation condition result value: ${conv.message}.`,
          rule.condition.range,
        ),
      );
      continue;
    }
    if (conv.value.state !== 'known' || asBool(conv.value)) continue;
    const subject = assignment.range ?? declRange;
    diags.push(
      errorDiag(
        `Invalid value for ${sourceNames[assignment.from]} variable`,
        `${rule.errorMessage}\n\nThis was checked by the validation rule at ${formatRange(rule.range)}.`,
        subject,
      ),
    );
  }
  return diags;
}
