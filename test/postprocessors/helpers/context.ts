/** A PostProcessContext over a recording Ui (a fake below the Ui interface) and a real tmp dir. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Artifact } from '../../../src/sdk/artifact.js';
import type { PostProcessContext } from '../../../src/sdk/plugin.js';
import type { Ui } from '../../../src/sdk/ui.js';
import { memoryLedger } from '../../../src/core/ledger/ledger.js';

export interface RecordingUi extends Ui {
  readonly lines: string[];
}

export function recordingUi(): RecordingUi {
  const lines: string[] = [];
  return {
    lines,
    say: (m) => lines.push(`say: ${m}`),
    message: (m) => lines.push(`message: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
    output: (chunk, stream) => lines.push(`${stream}: ${chunk}`),
    ask: () => Promise.reject(new Error('no TTY')),
    progress: () => ({ update: () => undefined, finish: () => undefined }),
  };
}

export function postProcessContext(
  tempDir: string,
  extra: Partial<PostProcessContext> = {},
): PostProcessContext & { ui: RecordingUi } {
  return {
    signal: new AbortController().signal,
    ui: recordingUi(),
    log: { debug: () => undefined },
    buildName: 'web.null.a',
    runId: '6f1c3a52-1111-4c2e-9f00-000000000001',
    tempDir,
    ledger: memoryLedger('6f1c3a52-1111-4c2e-9f00-000000000001').forBuild('web.null.a'),
    ...extra,
  } as PostProcessContext & { ui: RecordingUi };
}

export function inputArtifact(files: string[], extra: Partial<Artifact> = {}): Artifact {
  return {
    builderId: 'test.builder',
    id: 'test-id',
    files,
    state: {},
    describe: () => 'test artifact',
    destroy: async () => undefined,
    ...extra,
  };
}

/** A fresh tmp dir, the cwd switched into it for the test (outputs are relative to the cwd). */
export async function tmpWorkdir(): Promise<{ dir: string; done: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'imgbuild-pp-'));
  const previous = process.cwd();
  process.chdir(dir);
  return {
    dir,
    done: async () => {
      process.chdir(previous);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
