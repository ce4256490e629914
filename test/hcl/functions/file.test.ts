import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { expandHome, goBase, goClean, goDir, makeFileFunctions } from '../../../src/hcl/functions/file.js';
import { errorOf, show } from './helpers-e.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgbuild-file-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (rel: string, data: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), data);
};
write('hello.txt', 'Hello\n');
write('bin.dat', Buffer.from([0xff, 0x00]));
write('a/x.txt', 'x');
write('a/b/y.txt', 'y');
write('a/b/c/z.json', '{}');
write('a/.dot', '.');
fs.mkdirSync(path.join(dir, 'empty'));
const fns = makeFileFunctions(dir);

test('Go path helpers', () => {
  assert.equal(goClean('a//b/./../c/'), 'a/c');
  assert.equal(goClean('/../x'), '/x');
  assert.equal(goClean('../../x'), '../../x');
  assert.equal(goClean(''), '.');
  assert.equal(goBase('a/b/'), 'b');
  assert.equal(goBase('///'), '/');
  assert.equal(goBase(''), '.');
  assert.equal(goDir('a/b/'), 'a/b');
  assert.equal(goDir('c.txt'), '.');
  assert.equal(goDir('/'), '/');
  assert.equal(expandHome('~/x'), `${process.env.HOME || os.homedir()}/x`);
  assert.throws(() => expandHome('~bob/x'), /cannot expand user-specific home dir/);
});

test('basename, dirname, abspath, pathexpand', () => {
  assert.equal(show(fns, 'basename', '/a/b/c.txt'), 'c.txt');
  assert.equal(show(fns, 'dirname', '/a/b/c.txt'), '/a/b');
  assert.equal(show(fns, 'abspath', '/a/../b/./c'), '/b/c');
  assert.equal(show(fns, 'abspath', 'rel'), `${process.cwd()}/rel`);
  assert.equal(show(fns, 'pathexpand', '/no/tilde'), '/no/tilde');
  assert.equal(errorOf(fns, 'pathexpand', '~bob'), 'cannot expand user-specific home dir');
});

test('file reads UTF-8 relative to the base directory', () => {
  assert.equal(show(fns, 'file', 'hello.txt'), 'Hello\n');
  assert.equal(show(fns, 'file', './a/../hello.txt'), 'Hello\n');
  assert.equal(show(fns, 'file', path.join(dir, 'a/x.txt')), 'x');
  assert.equal(errorOf(fns, 'file', 'missing.txt'), `no file exists at ${dir}/missing.txt`);
  assert.match(
    errorOf(fns, 'file', 'bin.dat'),
    /^contents of bin.dat are not valid UTF-8; use the filebase64 function/,
  );
  assert.equal(errorOf(fns, 'file', 'a'), `failed to read ${dir}/a`);
});

test('fileexists: regular files only', () => {
  assert.equal(show(fns, 'fileexists', 'hello.txt'), 'true');
  assert.equal(show(fns, 'fileexists', 'nope.txt'), 'false');
  assert.equal(
    errorOf(fns, 'fileexists', 'empty'),
    `${dir}/empty is not a regular file, but "drwxr-xr-x"`.replace('drwxr-xr-x', modeOf('empty')),
  );
});

function modeOf(rel: string): string {
  const m = fs.statSync(path.join(dir, rel)).mode;
  const rwx = 'rwxrwxrwx';
  let s = 'd';
  for (let i = 0; i < 9; i++) s += m & (1 << (8 - i)) ? rwx[i] : '-';
  return s;
}

test('fileset: doublestar globbing of regular files, relative to the path', () => {
  assert.equal(show(fns, 'fileset', '.', 'a/*'), '[\n  "a/.dot",\n  "a/x.txt",\n]');
  assert.equal(show(fns, 'fileset', 'a', '**'), '[\n  ".dot",\n  "b/c/z.json",\n  "b/y.txt",\n  "x.txt",\n]');
  assert.equal(show(fns, 'fileset', 'a', '**/*.txt'), '[\n  "b/y.txt",\n  "x.txt",\n]');
  assert.equal(show(fns, 'fileset', 'a', 'b/{*.txt,c/*.json}'), '[\n  "b/c/z.json",\n  "b/y.txt",\n]');
  assert.equal(show(fns, 'fileset', 'a', 'b/?.txt'), '[\n  "b/y.txt",\n]');
  assert.equal(show(fns, 'fileset', 'a', '[xy].txt'), '[\n  "x.txt",\n]');
  assert.equal(show(fns, 'fileset', 'nowhere', '*'), '[]');
  assert.equal(show(fns, 'fileset', dir, '*.txt'), '[\n  "hello.txt",\n]');
  assert.equal(show(fns, 'fileset', 'a/b', '../*.txt'), '[\n  "../x.txt",\n]');
});

test('filebase64 reads relative to the working directory', () => {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const plain = makeFileFunctions('');
    assert.equal(show(plain, 'filebase64', 'bin.dat'), '/wA=');
    assert.equal(
      errorOf(plain, 'filebase64', 'nope'),
      'failed to read file "nope": open nope: no such file or directory',
    );
  } finally {
    process.chdir(cwd);
  }
});
