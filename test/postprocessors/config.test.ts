/** The built-in post-processors' configuration checks. */
import { describe } from 'node:test';
import { artificePostProcessor } from '../../src/postprocessors/artifice/config.js';
import { checksumPostProcessor } from '../../src/postprocessors/checksum/config.js';
import { compressPostProcessor } from '../../src/postprocessors/compress/config.js';
import { manifestPostProcessor } from '../../src/postprocessors/manifest/config.js';
import { shellLocalPostProcessor } from '../../src/postprocessors/shell-local/config.js';
import { prepareTable } from '../builders/prepare-table.js';

describe('manifest', () => {
  prepareTable(manifestPostProcessor, 'source "manifest" "p"', 'output = "m.json"', [
    { name: 'passes', body: 'strip_path = true\ncustom_data = { a = 1 }', want: [] },
    {
      name: 'custom_data must be a map of strings',
      body: 'custom_data = ["a"]',
      want: ['Incorrect attribute value type @3:15'],
    },
  ]);
});

describe('checksum', () => {
  prepareTable(checksumPostProcessor, 'source "checksum" "p"', 'checksum_types = ["sha256", "md5"]', [
    { name: 'passes', body: 'output = "{{.BuildName}}.{{.ChecksumType}}"', want: [] },
    {
      name: 'unknown checksum type',
      body: 'checksum_types = ["md5", "sha3"]',
      replace: true,
      want: ['Unrecognized checksum type: sha3 @2:26'],
    },
  ]);
});

describe('compress', () => {
  prepareTable(compressPostProcessor, 'source "compress" "p"', 'output = "out.tar.gz"', [
    { name: 'passes', body: 'compression_level = 9', want: [] },
    {
      name: 'compression level out of range',
      body: 'compression_level = 12',
      want: ['Invalid compression level. Expected an integer from -1 to 9. @3:21'],
    },
    {
      name: 'lz4 (Packer writes it; imgbuild does not) is an error at validate time',
      body: 'output = "{{.BuildName}}.tar.lz4"',
      replace: true,
      want: ['Unsupported compression: lz4 @2:10'],
    },
  ]);
});

describe('artifice', () => {
  prepareTable(artificePostProcessor, 'source "artifice" "p"', 'files = ["out/disk.img"]', [
    { name: 'passes', body: 'keep_input_artifact = true', want: [] },
    {
      name: 'no files',
      body: 'keep_input_artifact = true',
      replace: true,
      want: ['No files specified in artifice configuration @1:1'],
    },
  ]);
});

describe('shell-local post-processor', () => {
  prepareTable(shellLocalPostProcessor, 'source "shell-local" "p"', 'inline = ["echo done"]', [
    { name: 'passes', body: 'env = { A = "1" }', want: [] },
    {
      name: 'nothing to run',
      body: 'env = {}',
      replace: true,
      want: ['Command, Inline, Script and Scripts options cannot all be empty. @1:1'],
    },
  ]);
});
