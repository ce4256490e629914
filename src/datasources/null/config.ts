/** The null data source: outputs its input (for tests and examples). */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import { given } from '../../builders/common/prepare-helpers.js';
import { defineDatasource } from '../../sdk/plugin.js';
import { object, str } from '../../sdk/schema-helpers.js';

export type NullDatasourceConfig = { input?: string };

export const nullDatasource = defineDatasource<NullDatasourceConfig>({
  type: 'null',
  description: 'Returns its input as output.',
  schema: object({ input: str('The value returned as `output`.') }),
  outputSchema: object({ output: str('The input.') }),
  prepare(config, ctx) {
    const diagnostics: Diagnostic[] = [];
    if (!given(config, ctx, 'input')) {
      diagnostics.push(ctx.error(undefined, 'The `input` must be specified', ''));
    }
    return { config, diagnostics };
  },
  async execute(config) {
    return { output: config.input ?? '' };
  },
});
