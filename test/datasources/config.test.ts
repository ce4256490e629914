/** The built-in data sources' configuration checks. */
import { describe } from 'node:test';
import { httpDatasource } from '../../src/datasources/http/config.js';
import { nullDatasource } from '../../src/datasources/null/config.js';
import { prepareTable } from '../builders/prepare-table.js';

describe('null data source', () => {
  prepareTable(nullDatasource, 'source "null" "d"', 'input = "x"', [
    { name: 'passes', body: '', want: [] },
    { name: 'no input', body: '', replace: true, want: ['The `input` must be specified @1:1'] },
  ]);
});

describe('http data source', () => {
  prepareTable(httpDatasource, 'source "http" "d"', 'url = "https://example.test/"', [
    { name: 'passes', body: 'request_headers = { Accept = "application/json" }', want: [] },
    { name: 'no url', body: 'method = "GET"', replace: true, want: ['the `url` must be specified @1:1'] },
    {
      name: 'unknown method',
      body: 'method = "FETCH"',
      want: ['the `method` must be one of [HEAD GET POST PUT DELETE OPTIONS PATCH] @3:10'],
    },
  ]);
});
