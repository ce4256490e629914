/**
 * The endpoint by hand: `node --import tsx src/testing/ec2-endpoint/main.ts [--port 4566]
 * [--data-dir DIR] [--image tiny|debian] [--ssh-port 22] [--throttle 0.3] [--fake]`. Registers the
 * base image as an AMI, prints the URL to give as custom_endpoint_ec2, runs until Ctrl-C, then
 * terminates every instance.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type BaseImageKind, ensureBaseImage } from '../base-image.js';
import { startEc2Endpoint } from './endpoint.js';
import { createFakeBackend } from './fake-backend.js';
import { createQemuBackend } from './qemu-backend.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    image: { type: 'string', default: 'tiny' },
    'ssh-port': { type: 'string', default: '22' },
    throttle: { type: 'string', default: '0' },
    fake: { type: 'boolean', default: false },
  },
});

const kind = values.image as BaseImageKind;
if (kind !== 'tiny' && kind !== 'debian') throw new Error(`--image must be tiny or debian, not ${kind}`);
const image = await ensureBaseImage(kind, { onLog: (line) => console.error(`base image: ${line}`) });
const dataDir = values['data-dir'] ?? (await mkdtemp(join(tmpdir(), 'imgbuild-ec2-')));
const endpoint = await startEc2Endpoint({
  dataDir,
  port: Number(values.port),
  backend: values.fake ? createFakeBackend() : createQemuBackend(),
  amis: [{ name: `imgbuild-${kind}-base`, disk: image.disk, description: `imgbuild ${kind} base image` }],
  sshPort: Number(values['ssh-port']),
  faults: { throttleRatio: Number(values.throttle) },
});
console.log(`EC2 endpoint: ${endpoint.url}  (data in ${dataDir})`);
console.log(`base AMI: name imgbuild-${kind}-base, owner self; log in as ${image.user} with your key pair`);
console.log('custom_endpoint_ec2 = the URL above; any region; any access key. Ctrl-C stops it.');

let closing = false;
const stop = async () => {
  if (closing) process.exit(130);
  closing = true;
  console.log('stopping: terminating instances…');
  await endpoint.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
