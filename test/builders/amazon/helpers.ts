/**
 * Running the amazon-ebs builder in-process against the local EC2 endpoint (fake backend: instances
 * without VMs), through the real SDK over HTTP, with the engine's step runner and a recording Ui.
 */
import { tmpdir } from 'node:os';
import { runAmazonEbs } from '../../../src/builders/amazon/ebs/run.js';
import { Ledger } from '../../../src/core/ledger/ledger.js';
import type { JournalRecord } from '../../../src/core/ledger/records.js';
import { runSteps } from '../../../src/core/steps.js';
import type { Artifact } from '../../../src/sdk/artifact.js';
import type { BuildRunContext } from '../../../src/sdk/plugin.js';
import type { Ec2Endpoint } from '../../../src/testing/ec2-endpoint/index.js';
import { type RecordingUi, recordingUi } from '../../postprocessors/helpers/context.js';

export const REGIONS = ['us-east-1', 'eu-west-1'];

/** A template's source block for the endpoint, with `extra` options on top. */
export function ebsConfig(
  endpoint: Ec2Endpoint,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    region: 'us-east-1',
    access_key: 'AKIDTEST',
    secret_key: 'test-secret',
    custom_endpoint_ec2: endpoint.url,
    source_ami_filter: { filters: { name: 'imgbuild-tiny-*' }, owners: ['self'], most_recent: true },
    instance_type: 't3.micro',
    ami_name: 'imgbuild-test-ami',
    communicator: 'none',
    aws_polling: undefined,
    ...extra,
  };
}

export interface BuildResult {
  readonly artifact?: Artifact;
  readonly error?: unknown;
  readonly ui: RecordingUi;
  /** The ledger's records, in order. */
  readonly journal: JournalRecord[];
  readonly ledger: Ledger;
}

/** One build; `signal` cancels it (as Ctrl-C does). Never throws: the error is in the result. */
export async function runEbsBuild(
  config: Record<string, unknown>,
  opts: { signal?: AbortSignal; provision?: BuildRunContext['provision'] } = {},
): Promise<BuildResult> {
  const ui = recordingUi();
  const journal: JournalRecord[] = [];
  const ledger = new Ledger('test-run', async (r) => void journal.push(r));
  const signal = opts.signal ?? new AbortController().signal;
  const log = { debug: () => undefined };
  const ctx: BuildRunContext = {
    signal,
    ui,
    log,
    buildName: 'amazon-ebs.test',
    runId: 'test-run',
    tempDir: tmpdir(),
    ledger: ledger.forBuild('amazon-ebs.test'),
    force: false,
    provision: opts.provision ?? (async () => undefined),
    runSteps: (steps, state) => runSteps(steps, state, { signal, ui, log, cleanupTimeoutMs: 60_000 }),
  };
  try {
    const artifact = await runAmazonEbs(config, ctx);
    return { artifact, ui, journal, ledger };
  } catch (error) {
    return { error, ui, journal, ledger };
  }
}

/** Everything the endpoint still holds that a build made, in every test region (base AMIs excluded). */
export function leftovers(endpoint: Ec2Endpoint): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const region of REGIONS) {
    const r = endpoint.resources(region);
    const live = Object.entries(r).filter(([, ids]) => (ids as string[]).length > 0);
    if (live.length > 0) out[region] = Object.fromEntries(live);
  }
  return out;
}
