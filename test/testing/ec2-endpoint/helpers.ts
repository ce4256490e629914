/** A fake-backed endpoint and SDK clients pointed at it, for the endpoint's API tests. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import {
  createFakeBackend,
  type Ec2Endpoint,
  type Ec2EndpointOptions,
  type FakeBackend,
  type FakeBackendOptions,
  startEc2Endpoint,
} from '../../../src/testing/ec2-endpoint/index.js';

// The SDK warns once per process that its 2027 releases need node 22: noise in every test's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface FakeEndpoint {
  readonly endpoint: Ec2Endpoint;
  readonly backend: FakeBackend;
  readonly dir: string;
  client(
    region?: string,
    options?: { maxAttempts?: number; secret?: string; accessKeyId?: string },
  ): EC2Client;
  close(): Promise<void>;
}

export async function startFakeEndpoint(
  options: Partial<Ec2EndpointOptions> = {},
  backendOptions: FakeBackendOptions = {},
): Promise<FakeEndpoint> {
  const dir = await mkdtemp(join(tmpdir(), 'imgbuild-ec2-test-'));
  const baseDisk = join(dir, 'base.qcow2');
  await writeFile(baseDisk, 'base image bytes\n');
  const backend = createFakeBackend(backendOptions);
  const endpoint = await startEc2Endpoint({
    dataDir: join(dir, 'data'),
    backend,
    amis: [{ name: 'imgbuild-tiny-base', disk: baseDisk, description: 'tiny base', tags: { kind: 'tiny' } }],
    timing: { instancePendingMs: 150, imagePendingMs: 150 },
    // No VM binds it: any free port number works for the address check.
    sshPort: 2222,
    ...options,
  });
  const clients: EC2Client[] = [];
  return {
    endpoint,
    backend,
    dir,
    client(region = 'us-east-1', o = {}) {
      const client = new EC2Client({
        endpoint: endpoint.url,
        region,
        credentials: { accessKeyId: o.accessKeyId ?? 'AKIDTEST', secretAccessKey: o.secret ?? 'secret' },
        maxAttempts: o.maxAttempts ?? 1,
      });
      clients.push(client);
      return client;
    },
    async close() {
      for (const c of clients) c.destroy();
      await endpoint.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `read` until `done` holds (or fails after timeoutMs), returning the last value. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end)
      throw new Error(`condition not reached in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The error code of a rejected SDK call. */
export async function errorCode(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return (error as { name: string }).name;
  }
  throw new Error('the call succeeded');
}
