/** The http data source: fetches a URL at validate/build time. */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import { given, knownString } from '../../builders/common/prepare-helpers.js';
import { defineDatasource } from '../../sdk/plugin.js';
import { object, str, strMap } from '../../sdk/schema-helpers.js';

const METHODS = ['HEAD', 'GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'];

export type HttpDatasourceConfig = Record<string, unknown>;

export const httpDatasource = defineDatasource<HttpDatasourceConfig>({
  type: 'http',
  description: 'Makes an HTTP request and returns the response body.',
  schema: object({
    url: str('The URL to request.'),
    method: str('HTTP method.', { default: 'GET', examples: METHODS }),
    request_headers: strMap('Request headers.'),
    request_body: str('Request body.'),
  }),
  outputSchema: object({
    url: str('The URL requested.'),
    body: str('The response body.'),
    request_headers: strMap('The request headers.'),
  }),
  prepare(config, ctx) {
    const diagnostics: Diagnostic[] = [];
    if (!given(config, ctx, 'url')) diagnostics.push(ctx.error(undefined, 'the `url` must be specified', ''));
    const method = knownString(config, ctx, 'method');
    if (method !== undefined && !METHODS.includes(method)) {
      diagnostics.push(ctx.error('method', `the \`method\` must be one of [${METHODS.join(' ')}]`, ''));
    }
    return { config, diagnostics };
  },
});
