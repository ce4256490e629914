/** The small Go-compatible helpers the provisioners share. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildIdentity, flattenEnvVars } from '../../../src/provisioners/common/env-vars.js';
import { goSprintf } from '../../../src/provisioners/common/go-sprintf.js';
import { renderGoTemplate, renderOnce } from '../../../src/provisioners/common/go-template.js';
import { OutputTail } from '../../../src/provisioners/common/script-error.js';
import { durationMs, formatGoDuration, retryUntil } from '../../../src/provisioners/common/timing.js';
import { toUnixLines } from '../../../src/provisioners/common/unix-lines.js';

describe('renderGoTemplate', () => {
  const data = { Path: '/tmp/s.sh', Vars: "A='1' ", Host: '10.0.0.5', Port: 22 };
  test('fields, with and without spaces', () => {
    assert.equal(
      renderGoTemplate('chmod +x {{.Path}}; {{.Vars}} {{.Path}}', data),
      "chmod +x /tmp/s.sh; A='1'  /tmp/s.sh",
    );
    assert.equal(
      renderGoTemplate("{{ .Vars }}sudo -E sh '{{ .Path }}'", data),
      "A='1' sudo -E sh '/tmp/s.sh'",
    );
  });
  test('trim markers, build function, literals, numbers, missing keys', () => {
    assert.equal(renderGoTemplate('a  {{- .Host -}}  b', data), 'a10.0.0.5b');
    assert.equal(renderGoTemplate('{{ build `Host` }}:{{build "Port"}}', data), '10.0.0.5:22');
    assert.equal(renderOnce('{{"{{"}}.X}}', data), '{{.X}}');
    // Packer renders until the text stops changing, so the escape does not survive.
    assert.equal(renderGoTemplate('{{"{{"}}.X}}', data), '<no value>');
    assert.equal(
      renderGoTemplate('{{ upper .Host }}-{{lower "AB"}}-{{ upper `x` }}', { Host: 'h' }),
      'H-ab-X',
    );
    assert.equal(renderGoTemplate('[{{.Nope}}]', data), '[<no value>]');
  });
  test('unknown functions fail', () => {
    assert.throws(() => renderGoTemplate('{{ upperx .Path }}', data), /function "upperx" not defined/);
    assert.throws(() => renderGoTemplate('{{ build `Nope` }}', data), /couldn't find Nope/);
  });
});

describe('goSprintf', () => {
  test('formats like Go for string arguments', () => {
    assert.equal(goSprintf("%s='%s' ", ['A', 'b']), "A='b' ");
    assert.equal(goSprintf('export %s=%q\n', ['A', 'b"c']), 'export A="b\\"c"\n');
    assert.equal(goSprintf('%s', ['A', 'b']), 'A%!(EXTRA string=b)');
    assert.equal(goSprintf('%s=%s %s 100%%', ['A', 'b']), 'A=b %!s(MISSING) 100%');
    assert.equal(goSprintf('%d', ['A']), '%!d(string=A)');
  });
});

describe('flattenEnvVars', () => {
  test("Packer's order, escaping and precedence", () => {
    const flat = flattenEnvVars({
      vars: ['ZED=last', "QUOTE=it's", 'EMPTY=', 'EQ=a=b', 'SAME=from-list'],
      env: { SAME: 'from-map' },
      format: "%s='%s' ",
      buildName: 'example',
      builderType: 'null',
      buildVars: { PackerHTTPAddr: '10.0.2.2:8080', PackerHTTPIP: 'ERR_HTTP_IP_NOT_IMPLEMENTED_BY_BUILDER' },
    });
    assert.equal(
      flat,
      "EMPTY='' EQ='a=b' PACKER_BUILDER_TYPE='null' PACKER_BUILD_NAME='example' PACKER_HTTP_ADDR='10.0.2.2:8080' QUOTE='it'\"'\"'s' SAME='from-map' ZED='last' ",
    );
  });
});

describe('buildIdentity', () => {
  test('the source name and type from the build name, unless the build variables say', () => {
    assert.deepEqual(buildIdentity('null.example', {}), { name: 'example', type: 'null' });
    assert.deepEqual(buildIdentity('web.qemu.ubuntu', {}), { name: 'ubuntu', type: 'qemu' });
    assert.deepEqual(buildIdentity('virtualbox-iso', {}), { name: 'virtualbox-iso', type: 'virtualbox-iso' });
    assert.deepEqual(buildIdentity('custom', { PackerBuilderType: 'qemu' }), {
      name: 'custom',
      type: 'qemu',
    });
  });
});

describe('timing', () => {
  test('Go durations in and out', () => {
    assert.equal(durationMs('5m'), 300_000);
    assert.equal(durationMs('1.5s'), 1500);
    assert.equal(durationMs(undefined), 0);
    assert.deepEqual([0, 250, 1000, 1500, 65_000, 3_600_000, 3_723_000].map(formatGoDuration), [
      '0s',
      '250ms',
      '1s',
      '1.5s',
      '1m5s',
      '1h0m0s',
      '1h2m3s',
    ]);
  });
  test('retryUntil retries until success, or gives up with the last error after the timeout', async () => {
    let n = 0;
    const signal = new AbortController().signal;
    assert.equal(
      await retryUntil(
        1000,
        signal,
        async () => {
          if (++n < 3) throw new Error(`try ${n}`);
          return n;
        },
        { delayMs: 1 },
      ),
      3,
    );
    n = 0;
    await assert.rejects(
      retryUntil(
        30,
        signal,
        async () => {
          throw new Error(`try ${++n}`);
        },
        { delayMs: 5 },
      ),
      (err: Error) => /^try \d+$/.test(err.message) && n > 1,
    );
  });
  test('retryUntil stops when cancelled', async () => {
    const c = new AbortController();
    setTimeout(() => c.abort(new Error('cancelled by test')), 20);
    await assert.rejects(
      retryUntil(
        60_000,
        c.signal,
        async () => {
          throw new Error('down');
        },
        { delayMs: 5 },
      ),
      /cancelled by test/,
    );
  });
});

describe('toUnixLines and OutputTail', () => {
  test('CRLF becomes LF and the last line is terminated', () => {
    assert.equal(toUnixLines(Buffer.from('a\r\nb\r\nc')).toString(), 'a\nb\nc\n');
    assert.equal(toUnixLines(Buffer.from('a\n\nb\n')).toString(), 'a\n\nb\n');
    assert.equal(toUnixLines(Buffer.from('')).toString(), '');
  });
  test('keeps the last non-blank lines across chunk boundaries', () => {
    const t = new OutputTail(3);
    t.push('one\ntw');
    t.push('o\r\n\nthree\nfour\nfi');
    assert.deepEqual(t.get(), ['three', 'four', 'fi']);
  });
});
