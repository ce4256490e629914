/**
 * Fakes below the plugin interfaces for provisioner unit tests: a Communicator that records every call
 * (with uploaded bytes) and answers exec() from a script, and a Ui that records what it was told.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Communicator, ExecOptions, ExecResult, TransferOptions } from '../../src/sdk/communicator.js';
import type { PluginDefinition, ProvisionContext } from '../../src/sdk/plugin.js';
import type { Ui } from '../../src/sdk/ui.js';
import { decodeText } from '../template/decode-helpers.js';
import { memoryLedger } from '../../src/core/ledger/ledger.js';

export type Call =
  | { op: 'upload'; path: string; content: string; mode?: number }
  | { op: 'uploadDir'; remote: string; local: string }
  | { op: 'download'; remote: string; local: string }
  | { op: 'exec'; command: string };

/** What exec answers: an exit, output, or a thrown error (the command could not start). */
export interface ExecAnswer {
  exitCode?: number | null;
  signal?: string;
  stdout?: string;
  stderr?: string;
  throws?: string;
}

export class FakeCommunicator implements Communicator {
  readonly calls: Call[] = [];
  /** Answers for exec by command; the default is exit 0. */
  onExec: (command: string) => ExecAnswer = () => ({ exitCode: 0 });
  /** Throw from upload when this returns a message. */
  failUpload: (path: string) => string | undefined = () => undefined;

  async exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    this.calls.push({ op: 'exec', command });
    const a = this.onExec(command);
    if (a.throws) throw new Error(a.throws);
    if (a.stdout) opts.onStdout?.(Buffer.from(a.stdout));
    if (a.stderr) opts.onStderr?.(Buffer.from(a.stderr));
    return { exitCode: a.exitCode === undefined ? 0 : a.exitCode, ...(a.signal ? { signal: a.signal } : {}) };
  }

  async upload(
    remotePath: string,
    source: string | { stream: NodeJS.ReadableStream; size: number },
    opts: TransferOptions = {},
  ): Promise<void> {
    const failure = this.failUpload(remotePath);
    if (failure) throw new Error(failure);
    let content: Buffer;
    if (typeof source === 'string') {
      const { readFile } = await import('node:fs/promises');
      content = await readFile(source);
    } else {
      const chunks: Buffer[] = [];
      for await (const c of source.stream) chunks.push(Buffer.from(c as Buffer));
      content = Buffer.concat(chunks);
    }
    opts.onProgress?.(content.length, content.length);
    this.calls.push({ op: 'upload', path: remotePath, content: content.toString('latin1') });
  }

  async uploadDir(remoteDir: string, localDir: string): Promise<void> {
    this.calls.push({ op: 'uploadDir', remote: remoteDir, local: localDir });
  }

  async download(remotePath: string, localPath: string): Promise<void> {
    this.calls.push({ op: 'download', remote: remotePath, local: localPath });
  }

  async close(): Promise<void> {}

  /** The exec'd commands, in order. */
  commands(): string[] {
    return this.calls.flatMap((c) => (c.op === 'exec' ? [c.command] : []));
  }
}

export interface UiRecord {
  kind: 'say' | 'message' | 'error' | 'stdout' | 'stderr' | 'ask' | 'progress';
  text: string;
}

export class RecordingUi implements Ui {
  readonly records: UiRecord[] = [];
  answer: () => Promise<string> = async () => '';

  say(message: string): void {
    this.records.push({ kind: 'say', text: message });
  }
  message(message: string): void {
    this.records.push({ kind: 'message', text: message });
  }
  error(message: string): void {
    this.records.push({ kind: 'error', text: message });
  }
  output(chunk: string, stream: 'stdout' | 'stderr'): void {
    this.records.push({ kind: stream, text: chunk });
  }
  ask(question: string): Promise<string> {
    this.records.push({ kind: 'ask', text: question });
    return this.answer();
  }
  progress(label: string, total: number): { update(done: number): void; finish(): void } {
    this.records.push({ kind: 'progress', text: `${label} ${total}` });
    return { update: () => {}, finish: () => {} };
  }

  said(): string[] {
    return this.records.filter((r) => r.kind === 'say').map((r) => r.text);
  }
  /** All stdout and stderr text, concatenated. */
  output_(): string {
    return this.records
      .filter((r) => r.kind === 'stdout' || r.kind === 'stderr')
      .map((r) => r.text)
      .join('');
  }
}

export interface TestContext extends ProvisionContext {
  readonly ui: RecordingUi;
  readonly controller: AbortController;
  readonly debug: string[];
  dispose(): Promise<void>;
}

/** A provision context with a real scratch directory (removed by dispose()). */
export async function provisionContext(
  communicator: Communicator | undefined,
  buildVars: Record<string, unknown> = {},
): Promise<TestContext> {
  const tempDir = await mkdtemp(join(tmpdir(), 'imgbuild-prov-'));
  const controller = new AbortController();
  const debug: string[] = [];
  return {
    signal: controller.signal,
    controller,
    ui: new RecordingUi(),
    log: { debug: (m) => debug.push(m) },
    debug,
    buildName: 'null.example',
    runId: 'run-1',
    tempDir,
    ledger: memoryLedger('run-1').forBuild('null.example'),
    communicator,
    buildVars,
    dispose: () => rm(tempDir, { recursive: true, force: true }),
  };
}

/** A plugin's config decoded from an HCL body the way a template's is (defaults filled, prepare run). */
export function decodeBody<C>(def: PluginDefinition<C>, body: string): C {
  const r = decodeText(def, { 't.pkr.hcl': `source "${def.type}" "p" {\n${body}\n}\n` });
  const errors = r.diags.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new Error(`config does not decode: ${errors.map((d) => d.summary).join('; ')}`);
  return r.config;
}
