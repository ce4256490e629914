import assert from 'node:assert/strict';
import { it } from 'node:test';
import { constraintHolds, parseConstraint, parseVersion } from '../../src/template/version-constraint.js';

it('constraints as hashicorp/go-version reads them', () => {
  const table: [string, string, boolean | undefined][] = [
    ['>= 1.7.0', '1.16.0', true],
    ['~> 1.7', '1.16.0', true],
    ['~> 1.7', '2.0.0', false],
    ['~> 1.7.0', '1.7.9', true],
    ['~> 1.7.0', '1.8.0', false],
    ['>= v1', '1.0.0', true],
    ['>= 1.2, < 2.0', '1.9.9', true],
    ['>= 1.2, < 2.0', '2.0.0', false],
    ['!= 1.16.0', '1.16.0', false],
    ['= 1.16', '1.16.0', true],
    ['1.16.0', '1.16.0', true],
    ['>= 1.0.0-beta', '1.0.0', true],
    ['<= 1.0.0-beta', '1.0.0', false],
    ['not a version', '1.0.0', undefined],
    ['>= 1.0,', '1.0.0', undefined],
  ];
  for (const [constraint, version, want] of table) {
    const terms = parseConstraint(constraint);
    const got = terms && constraintHolds(parseVersion(version)!, terms);
    assert.equal(got, want, `${version} ${constraint}`);
  }
});
