import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  datetimeFunctions as fns,
  makeDatetimeFunctions,
  strftime,
} from '../../../src/hcl/functions/datetime.js';
import { formatGoLayout, parseGoDuration, timeFromUnixNanos } from '../../../src/hcl/functions/gotime.js';
import { asString } from '../../../src/hcl/values.js';
import { call, errorOf, show } from './helpers-e.js';

// 2006-01-02T15:04:05.123456789Z, Go's reference time (a Monday), but in UTC.
const REF = timeFromUnixNanos(1136214245123456789n);

test('formatdate: every verb', () => {
  const ts = '2018-01-02T23:12:01-08:00';
  assert.equal(
    show(fns, 'formatdate', 'DD MMM YYYY hh:mm ZZZ', '2018-01-02T23:12:01Z'),
    '02 Jan 2018 23:12 UTC',
  );
  assert.equal(show(fns, 'formatdate', 'EEEE, DD-MMM-YY HH:mm:ss aa', ts), 'Tuesday, 02-Jan-18 11:12:01 pm');
  assert.equal(show(fns, 'formatdate', 'EEE M/D h:m:s AA', '2020-02-29T03:04:05Z'), 'Sat 2/29 3:4:5 AM');
  assert.equal(show(fns, 'formatdate', 'MMMM H HH', '2020-09-01T00:00:00Z'), 'September 12 12');
  assert.equal(
    show(fns, 'formatdate', 'Z ZZZ ZZZZ ZZZZZ', '2020-02-29T03:04:05.123+05:30'),
    '+05:30 +0530 +0530 +05:30',
  );
  assert.equal(show(fns, 'formatdate', 'Z ZZZZ', '2020-02-29T03:04:05Z'), 'Z +0000');
});

test('formatdate: quoted literals', () => {
  assert.equal(
    show(fns, 'formatdate', "'Date:' YYYY 'o''clock' '' -", '2021-12-31T00:00:00Z'),
    "Date: 2021 o'clock ' -",
  );
  assert.match(errorOf(fns, 'formatdate', "'unterminated", '2021-12-31T00:00:00Z'), /unterminated literal '/);
});

test('formatdate: bad verbs name the verb and the allowed forms', () => {
  const ts = '2021-12-31T00:00:00Z';
  assert.equal(
    errorOf(fns, 'formatdate', 'YYY', ts),
    'invalid date format verb "YYY": year must either be "YY" or "YYYY"',
  );
  assert.equal(errorOf(fns, 'formatdate', 'aaa', ts), 'invalid date format verb "aaa": must be "aa"');
  assert.equal(errorOf(fns, 'formatdate', 'q', ts), 'invalid date format verb "q"');
  assert.equal(
    errorOf(fns, 'formatdate', 'ZZ', ts),
    'invalid date format verb "ZZ": timezone must be Z, ZZZZ, or ZZZZZ',
  );
});

test('RFC 3339 parsing errors use cty wording', () => {
  const bad = (ts: string) => errorOf(fns, 'formatdate', 'YYYY', ts);
  assert.equal(
    bad('2021-13-01T00:00:00Z'),
    'not a valid RFC3339 timestamp: cannot use "-01T00:00:00Z" as month',
  );
  assert.equal(bad('2021-02-30T00:00:00Z'), 'not a valid RFC3339 timestamp: day out of range');
  assert.equal(bad('2021-02-03'), "not a valid RFC3339 timestamp: missing required time introducer 'T'");
  assert.equal(
    bad('2021-02-03T1:00:00Z'),
    'not a valid RFC3339 timestamp: hour must have exactly two digits',
  );
  assert.equal(bad('2021-02-03T10:00:00'), 'not a valid RFC3339 timestamp: end of string before UTC offset');
  assert.equal(bad('2021'), 'not a valid RFC3339 timestamp: end of string where "-" is expected');
  assert.equal(
    bad('21-02-03T10:00:00Z'),
    'not a valid RFC3339 timestamp: cannot use "21-02-03T10:00:00Z" as year',
  );
  assert.equal(
    bad('2021-02-03T10:00:00Zjunk'),
    'not a valid RFC3339 timestamp: cannot use "junk" as timestamp segment',
  );
});

test('timeadd: Go durations, offsets kept', () => {
  assert.equal(show(fns, 'timeadd', '2017-11-22T00:00:00Z', '10m'), '2017-11-22T00:10:00Z');
  assert.equal(show(fns, 'timeadd', '2017-11-22T00:00:00Z', '-1h30m'), '2017-11-21T22:30:00Z');
  assert.equal(show(fns, 'timeadd', '2017-11-22T23:00:00+02:00', '1.5h'), '2017-11-23T00:30:00+02:00');
  assert.equal(show(fns, 'timeadd', '2016-02-28T12:00:00Z', '24h1s500ms'), '2016-02-29T12:00:01Z');
  assert.equal(show(fns, 'timeadd', '2016-12-31T23:59:59.9Z', '100ms'), '2017-01-01T00:00:00Z');
  assert.equal(
    errorOf(fns, 'timeadd', '2017-11-22T00:00:00Z', '1d'),
    'time: unknown unit "d" in duration "1d"',
  );
  assert.equal(errorOf(fns, 'timeadd', '2017-11-22T00:00:00Z', '10'), 'time: missing unit in duration "10"');
  assert.equal(errorOf(fns, 'timeadd', '2017-11-22T00:00:00Z', ''), 'time: invalid duration ""');
});

test('parseGoDuration', () => {
  assert.equal(parseGoDuration('0'), 0n);
  assert.equal(parseGoDuration('1h2m3s4ms5us6ns'), 3_723_004_005_006n);
  assert.equal(parseGoDuration('-.5s'), -500_000_000n);
  assert.equal(parseGoDuration('1µs'), 1000n);
  assert.throws(() => parseGoDuration('.s'), /invalid duration/);
  assert.throws(() => parseGoDuration('3000000h'), /invalid duration/);
});

test('Go layouts (legacy_isotime)', () => {
  assert.equal(formatGoLayout(REF, '2006-01-02T15:04:05Z07:00'), '2006-01-02T15:04:05Z');
  assert.equal(formatGoLayout(REF, 'Mon Jan _2 3:4:5 PM MST 2006'), 'Mon Jan  2 3:4:5 PM UTC 2006');
  assert.equal(
    formatGoLayout(REF, 'Monday January 02 06 .000 .999999 ,0000 __2 002'),
    'Monday January 02 06 .123 .123456 ,1234   2 002',
  );
  assert.equal(formatGoLayout(REF, '-0700 -07:00 -07 Z0700'), '+0000 +00:00 +00 Z');
  assert.equal(formatGoLayout(REF, 'Janet Month'), 'Janet Month'); // "Jan" followed by a lower-case letter is text
  const f = makeDatetimeFunctions(REF);
  assert.equal(show(f, 'legacy_isotime'), '2006-01-02T15:04:05Z');
  assert.equal(show(f, 'legacy_isotime', '2006-01-02'), '2006-01-02');
  assert.equal(
    errorOf(f, 'legacy_isotime', 'a', 'b'),
    'too many values, 1 needed: [{{{{} 83}} a} {{{{} 83}} b}]',
  );
});

test('strftime (legacy_strftime)', () => {
  assert.equal(
    strftime('%Y-%m-%d %H:%M:%S%L %a %A %b %B %y %I %p %Z %z', REF),
    '2006-01-02 15:04:05.123 Mon Monday Jan January 06 03 PM UTC +0000',
  );
  assert.equal(strftime('100%% %q %', REF), '100% %q %');
  assert.equal(show(makeDatetimeFunctions(REF), 'legacy_strftime', '%Y'), '2006');
});

test('timestamp: RFC 3339 UTC, fixed for the run', () => {
  const a = asString(call(fns, 'timestamp'));
  assert.match(a, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.ok(Math.abs(Date.parse(a) - Date.now()) < 60 * 60 * 1000, 'close to now');
  assert.equal(asString(call(fns, 'timestamp')), a);
  assert.equal(show(makeDatetimeFunctions(REF), 'timestamp'), '2006-01-02T15:04:05Z');
});

test('rfc3339_parse and unix_timestamp_parse', () => {
  const parsed = show(fns, 'rfc3339_parse', '2023-07-25 23:43:16.5+02:00');
  assert.match(parsed, /"unix" = 1690321396\n/);
  assert.match(parsed, /"iso_week" = 30\n/);
  assert.match(parsed, /"weekday_name" = "Tuesday"\n/);
  assert.equal(errorOf(fns, 'rfc3339_parse', 'yesterday'), '"yesterday" is not a valid RFC3339 timestamp');
  const u = show(fns, 'unix_timestamp_parse', 0);
  assert.match(u, /"rfc3339" = "1970-01-01T00:00:00Z"\n/);
  assert.match(u, /"iso_year" = 1970\n/);
  // 2021-01-01 is in ISO week 53 of 2020.
  assert.match(show(fns, 'unix_timestamp_parse', 1609459200), /"iso_week" = 53\n {2}"iso_year" = 2020\n/);
  assert.match(show(fns, 'unix_timestamp_parse', -86400), /"rfc3339" = "1969-12-31T00:00:00Z"/);
  assert.match(errorOf(fns, 'unix_timestamp_parse', 1.5), /whole number of seconds/);
});

test("rfc3339_parse agrees with Packer's own test cases", () => {
  const cases: [string, string][] = [
    ['2023-07-25T23:43:16Z', 'year_day=206 weekday=2 hour=23 unix=1690328596 iso_week=30'],
    ['1996-12-19T16:39:57-08:00', 'year_day=354 weekday=4 hour=16 unix=851042397 iso_week=51'],
    ['2023-07-25 23:43:16Z', 'year_day=206 weekday=2 hour=23 unix=1690328596 iso_week=30'],
    ['2023-07-25T23:43:16.512345Z', 'year_day=206 weekday=2 hour=23 unix=1690328596 iso_week=30'],
    ['1996-12-19 16:39:57.25-08:00', 'year_day=354 weekday=4 hour=16 unix=851042397 iso_week=51'],
  ];
  for (const [ts, want] of cases) {
    const printed = show(fns, 'rfc3339_parse', ts);
    const field = (k: string) => new RegExp(`"${k}" = (\\S+)`).exec(printed)?.[1];
    const got = want
      .split(' ')
      .map((kv) => kv.split('=')[0]!)
      .map((k) => `${k}=${field(k)}`)
      .join(' ');
    assert.equal(got, want, ts);
  }
});
