import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globMatch } from '../../../src/testing/ec2-endpoint/faults.js';
import { decodeQuery, QueryParams } from '../../../src/testing/ec2-endpoint/query.js';
import { errorXml, responseXml } from '../../../src/testing/ec2-endpoint/xml.js';

test('query: numbered segments become lists, others members', () => {
  const q = decodeQuery(
    'Action=DescribeImages&Filter.1.Name=name&Filter.1.Value.1=a%2A&Filter.1.Value.2=b&Filter.2.Name=state&Filter.2.Value.1=available&ImageId.2=ami-2&ImageId.1=ami-1',
  );
  assert.deepEqual(q, {
    Action: 'DescribeImages',
    Filter: [
      { Name: 'name', Value: ['a*', 'b'] },
      { Name: 'state', Value: ['available'] },
    ],
    ImageId: ['ami-1', 'ami-2'],
  });
  const p = new QueryParams(q);
  assert.deepEqual(p.strings('ImageId'), ['ami-1', 'ami-2']);
  assert.equal(p.structs('Filter')[1]!.string('Name'), 'state');
  assert.deepEqual(p.strings('Missing'), []);
});

test('query: a missing required parameter is EC2 MissingParameter', () => {
  assert.throws(() => new QueryParams({}).required('ImageId'), { code: 'MissingParameter' });
  assert.throws(() => new QueryParams({ MinCount: 'x' }).int('MinCount'), { code: 'InvalidParameterValue' });
});

test('xml: lists are <item>s, undefined is left out, text is escaped', () => {
  const xml = responseXml('DescribeImages', 'req-1', {
    imagesSet: [{ imageId: 'ami-1', name: 'a<b>&"c"', description: undefined, tagSet: [] }],
  });
  assert.equal(
    xml,
    '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' +
      '<requestId>req-1</requestId><imagesSet><item><imageId>ami-1</imageId><name>a&lt;b&gt;&amp;&quot;c&quot;</name>' +
      '<tagSet></tagSet></item></imagesSet></DescribeImagesResponse>',
  );
  assert.match(
    errorXml('InvalidAMIID.NotFound', 'no', 'r'),
    /<Response><Errors><Error><Code>InvalidAMIID\.NotFound<\/Code>/,
  );
});

test('filter wildcards: * and ? only, the rest literal', () => {
  const table: [string, string, boolean][] = [
    ['imgbuild-*', 'imgbuild-tiny', true],
    ['imgbuild-*', 'other', false],
    ['a?c', 'abc', true],
    ['a?c', 'abbc', false],
    ['a.c', 'abc', false],
    ['(x)[1]', '(x)[1]', true],
  ];
  for (const [pattern, value, expected] of table)
    assert.equal(globMatch(pattern, value), expected, `${pattern} ~ ${value}`);
});
