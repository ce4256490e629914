import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { shellLocalPostProcessor } from '../../src/postprocessors/shell-local/config.js';
import { inputArtifact, postProcessContext, tmpWorkdir } from './helpers/context.js';

const run = shellLocalPostProcessor.run!;

describe('shell-local post-processor', () => {
  let work: Awaited<ReturnType<typeof tmpWorkdir>>;
  beforeEach(async () => {
    work = await tmpWorkdir();
  });
  afterEach(() => work.done());

  it('runs on this machine with the build identity and generated data, passing the artifact through', async () => {
    const input = inputArtifact([], { state: { generated_data: { ID: 'Null' } } });
    const result = await run(
      {
        inline: ['echo "$PACKER_BUILD_NAME $PACKER_BUILDER_TYPE $GREETING" > out.txt'],
        environment_vars: ['GREETING=hello world'],
        execute_command: ['/bin/sh', '-c', '{{.Vars}} {{.Script}}'],
      },
      input,
      postProcessContext(work.dir, { sourceName: 'a', builderType: 'null' }),
    );
    assert.equal(result.artifact, input);
    assert.equal(result.keepInput, true);
    assert.equal(result.forceKeep, true);
    assert.equal(await readFile('out.txt', 'utf8'), 'a null hello world\n');
  });

  it('a failing command fails the post-processor with its exit status', async () => {
    await assert.rejects(
      run(
        { inline: ['exit 3'], execute_command: ['/bin/sh', '-c', '{{.Vars}} {{.Script}}'] },
        inputArtifact([]),
        postProcessContext(work.dir),
      ),
      /exit status 3|non-zero exit status: 3|exit code 3/i,
    );
  });
});
