import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timeFromUnixNanos } from '../../../src/hcl/functions/gotime.js';
import { type GoTemplateContext, renderGoTemplate } from '../../../src/template/legacy-json/go-template.js';

// 2024-03-05T06:07:08Z
const start = timeFromUnixNanos(1709618828n * 1_000_000_000n);
const users: Record<string, string> = { name: 'web', secret: 's3cr3t', dash: 'a-b-c' };
const ctx: GoTemplateContext = {
  user: (n) => ({ value: users[n], sensitive: n === 'secret' }),
  startTime: start,
  templateDir: '/tpl',
  cwd: '/cwd',
  packerVersion: '1.16.0',
};
const withEnv: GoTemplateContext = { ...ctx, env: { HOME: '/home/me' } };

describe('renderGoTemplate', () => {
  const cases: [string, string, GoTemplateContext?][] = [
    ['plain text, ${not_hcl} and $HOME', 'plain text, ${not_hcl} and $HOME'],
    ['{{user `name`}}-vm', 'web-vm'],
    ['{{ user "name" }}', 'web'],
    ['{{  user  `name`  }}', 'web'],
    ['a {{- user `name` -}} b', 'awebb'],
    ['{{timestamp}}', '1709618828'],
    ['{{isotime}}', '2024-03-05T06:07:08Z'],
    ['{{isotime "2006-01-02"}}', '2024-03-05'],
    ['{{ strftime "%Y%m%d" }}', '20240305'],
    ['{{template_dir}}/x {{pwd}}', '/tpl/x /cwd'],
    ['{{packer_version}}', '1.16.0'],
    ['{{ `SOMETHING` | lower }}', 'something'],
    ['{{ user `name` | upper }}', 'WEB'],
    ['{{ split `some-string` `-` 0 }}', 'some'],
    ['{{ replace_all `-` `/` (user `dash`) }}', '{{ replace_all `-` `/` (user `dash`) }}'],
    ['{{ replace_all `-` `/` `a-b-c` }}', 'a/b/c'],
    ['{{ replace `-` `/` 1 `a-b-c` }}', 'a/b-c'],
    // What only a running build knows stays for the plugin.
    ['{{ .HTTPIP }}:{{ .HTTPPort }}', '{{ .HTTPIP }}:{{ .HTTPPort }}'],
    ['{{build_name}} {{ build `ID` }}', '{{build_name}} {{ build `ID` }}'],
    ['{{ user `name` | clean_resource_name }}', '{{ "web" | clean_resource_name }}'],
    ['{{isotime | clean_resource_name}}', '{{ "2024-03-05T06:07:08Z" | clean_resource_name}}'],
    ['{{ vault `/secret/x` `k` }}', '{{ vault `/secret/x` `k` }}'],
    ['unclosed {{ user `name`', 'unclosed {{ user `name`'],
    ['{{ "}}" }}', '}}'],
    ['a{{/* a comment */}}b', 'ab'],
    ['a {{- /* trimmed */ -}} b', 'ab'],
    ['{{env `HOME`}}', '/home/me', withEnv],
    ['{{env `NOPE`}}', '', withEnv],
  ];
  for (const [input, want, c] of cases) {
    it(JSON.stringify(input), () => {
      const r = renderGoTemplate(input, c ?? ctx);
      assert.equal(r.text, want);
      assert.deepEqual(r.errors, []);
    });
  }

  it('uuid: a time-ordered UUID', () => {
    assert.match(
      renderGoTemplate('{{uuid}}', ctx).text,
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it('reports undefined user variables (rendered empty, as Packer outside the variables section)', () => {
    const r = renderGoTemplate('x{{user `nope`}}y', ctx);
    assert.equal(r.text, 'xy');
    assert.deepEqual(r.undefinedUsers, ['nope']);
  });

  it('tells when a sensitive variable went into the text', () => {
    assert.equal(renderGoTemplate('{{user `secret`}}', ctx).sensitive, true);
    assert.equal(renderGoTemplate('{{user `name`}}', ctx).sensitive, false);
  });

  it('env is an error outside the variables section, and the action stays', () => {
    const r = renderGoTemplate('{{env `HOME`}}', ctx);
    assert.equal(r.text, '{{env `HOME`}}');
    assert.deepEqual(r.errors, ['env vars are not allowed here']);
  });

  it('build_name in the variables section is an error, as in Packer', () => {
    assert.deepEqual(renderGoTemplate('{{ build_name }}', withEnv).errors, ['build_name not available']);
  });

  it('split past the end is an error with Go’s message', () => {
    assert.deepEqual(renderGoTemplate('{{ split `a-b` `-` 5 }}', ctx).errors, [
      'the substring 5 was unavailable using the separator value, -, only 2 values were found',
    ]);
  });
});
