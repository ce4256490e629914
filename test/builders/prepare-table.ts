/** Table tests of a plugin's prepare(): each case adds lines to a valid body and expects these errors. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PluginDefinition } from '../../src/sdk/plugin.js';
import { at, decodeText } from '../template/decode-helpers.js';

export interface PrepareCase {
  readonly name: string;
  /** Lines added to (or, with `replace`, replacing) the valid body. */
  readonly body: string;
  readonly replace?: boolean;
  /** `summary @line:col` for each diagnostic, in order; [] for none. */
  readonly want: readonly string[];
}

/** Runs each case in a `source "<type>" "x" { … }` (or provisioner…) block. */
export function prepareTable<C>(
  def: PluginDefinition<C>,
  header: string,
  valid: string,
  cases: readonly PrepareCase[],
): void {
  for (const c of cases) {
    test(c.name, () => {
      const body = c.replace ? c.body : `${valid}\n${c.body}`;
      const r = decodeText(def, { 't.pkr.hcl': `${header} {\n${body}\n}\n` });
      assert.deepEqual(
        r.diags.map(
          (d) => `${d.severity === 'warning' ? 'warning: ' : ''}${d.summary} @${at(d.subject).split('-')[0]}`,
        ),
        c.want,
      );
    });
  }
}
