/**
 * A local EC2-compatible endpoint: an HTTP server speaking the EC2 Query protocol (form POST,
 * SigV4, XML replies and errors as AWS sends them) whose instances are real machines when given the
 * QEMU backend. Point @aws-sdk/client-ec2 at `url` with any region.
 *
 *   const ec2 = await startEc2Endpoint({ dataDir, backend: createQemuBackend(), amis: [{ name: 'base', disk }] });
 *   new EC2Client({ endpoint: ec2.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
 *   …
 *   await ec2.close(); // terminates every instance
 */
import { mkdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Action } from './actions/action.js';
import { imageActions } from './actions/images.js';
import { instanceActions, terminateAll } from './actions/instances.js';
import { keyPairActions } from './actions/key-pairs.js';
import { networkActions } from './actions/network.js';
import { securityGroupActions } from './actions/security-groups.js';
import { snapshotActions } from './actions/snapshots.js';
import { tagActions } from './actions/tags.js';
import type { InstanceBackend } from './backend.js';
import { Ec2Error } from './errors.js';
import { type Ec2Faults, FaultInjector } from './faults.js';
import { newRequestId } from './ids.js';
import type { RegionState } from './model.js';
import { decodeQuery, QueryParams } from './query.js';
import { type BaseAmi, delay, Ec2Service, type Ec2Timing } from './service.js';
import { parseAuthorization, verifySignature } from './sigv4.js';
import { errorXml, responseXml } from './xml.js';

export interface Ec2EndpointOptions {
  /** Where AMI disks and instance disks are kept. */
  readonly dataDir: string;
  readonly backend: InstanceBackend;
  /** Default: a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly faults?: Ec2Faults;
  /** Base images registered as AMIs in each region on first use. */
  readonly amis?: readonly BaseAmi[];
  /** Listed by DescribeRegions (requests for other regions work too). Default us-east-1, us-west-2, eu-west-1. */
  readonly regions?: readonly string[];
  /** Default 123456789012. */
  readonly accountId?: string;
  /** The SSH port forwarded on each instance's loopback address (default 22: needs root). */
  readonly sshPort?: number;
  readonly timing?: Ec2Timing;
  /** Strict mode: only these access keys are accepted, and signatures are checked. */
  readonly credentials?: Readonly<Record<string, string>>;
}

export interface Ec2Call {
  readonly action: string;
  readonly region: string;
  readonly status: number;
  /** The error code, when the call failed (injected or not). */
  readonly code?: string;
  readonly at: number;
}

/** What a build may have left behind: everything not terminated or deleted. */
export interface Ec2Resources {
  readonly instances: string[];
  readonly keyPairs: string[];
  readonly securityGroups: string[];
  /** Images and snapshots made through the API (base AMIs are left out). */
  readonly images: string[];
  readonly snapshots: string[];
}

export interface Ec2Endpoint {
  readonly url: string;
  readonly port: number;
  readonly service: Ec2Service;
  /** Every call answered so far, in order. */
  readonly calls: readonly Ec2Call[];
  callCount(action: string, options?: { failed?: boolean; code?: string }): number;
  setFaults(faults: Ec2Faults): void;
  /**
   * Called with each request before it is processed; the request waits for the returned promise
   * (a test can hold a call there, or send a signal to the client at that moment).
   */
  onCall(listener: (action: string, region: string) => void | Promise<void>): () => void;
  region(name: string): RegionState;
  resources(region: string): Ec2Resources;
  /** Waits for background work (boots, captures) to finish. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const ACTIONS: Record<string, Action> = {
  ...imageActions,
  ...snapshotActions,
  ...instanceActions,
  ...keyPairActions,
  ...securityGroupActions,
  ...networkActions,
  ...tagActions,
};

export const SUPPORTED_ACTIONS: readonly string[] = Object.keys(ACTIONS).sort();

export async function startEc2Endpoint(options: Ec2EndpointOptions): Promise<Ec2Endpoint> {
  await mkdir(options.dataDir, { recursive: true });
  const faults = new FaultInjector(options.faults);
  const service = new Ec2Service({
    dataDir: options.dataDir,
    backend: options.backend,
    faults,
    accountId: options.accountId ?? '123456789012',
    regions: options.regions ?? ['us-east-1', 'us-west-2', 'eu-west-1'],
    amis: options.amis ?? [],
    sshPort: options.sshPort ?? 22,
    timing: options.timing ?? {},
  });
  const calls: Ec2Call[] = [];
  const listeners = new Set<(action: string, region: string) => void | Promise<void>>();

  const handle = async (
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; xml: string; action: string; region: string; code?: string }> => {
    const requestId = newRequestId();
    let action = '?';
    let region = '?';
    try {
      const signed = parseAuthorization(req.headers.authorization);
      region = signed.region;
      if (options.credentials) {
        const secret = options.credentials[signed.accessKeyId];
        if (secret === undefined) {
          throw new Ec2Error(
            'AuthFailure',
            'AWS was not able to validate the provided access credentials',
            401,
          );
        }
        verifySignature(signed, secret, {
          method: req.method ?? 'POST',
          url: req.url ?? '/',
          headers: req.headers,
          body,
        });
      }
      const query =
        req.method === 'GET'
          ? new URL(req.url ?? '/', 'http://endpoint').search.slice(1)
          : body.toString('utf8');
      const params = new QueryParams(decodeQuery(query));
      action = params.string('Action') ?? '?';
      const run = ACTIONS[action];
      if (!run)
        throw new Ec2Error('InvalidAction', `The action ${action} is not valid for this web service.`);
      for (const listener of listeners) await listener(action, region);
      const wait = faults.delayFor(action);
      if (wait > 0) await delay(wait);
      faults.beforeCall(action);
      const reply = await run(service, service.region(region), params);
      return { status: 200, xml: responseXml(action, requestId, reply), action, region };
    } catch (error) {
      const e =
        error instanceof Ec2Error
          ? error
          : new Ec2Error('InternalError', `An internal error has occurred: ${(error as Error).message}`, 500);
      return { status: e.status, xml: errorXml(e.code, e.message, requestId), action, region, code: e.code };
    }
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void handle(req, Buffer.concat(chunks)).then((result) => {
        calls.push({
          action: result.action,
          region: result.region,
          status: result.status,
          code: result.code,
          at: Date.now(),
        });
        res.writeHead(result.status, {
          'content-type': 'text/xml;charset=UTF-8',
          'x-amzn-requestid': 'local',
        });
        res.end(result.xml);
      });
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  service.endpointHost = `${host}:${port}`;

  return {
    url: `http://${host}:${port}`,
    port,
    service,
    calls,
    callCount(action, filter = {}) {
      return calls.filter(
        (c) =>
          c.action === action &&
          (filter.failed === undefined || (c.status !== 200) === filter.failed) &&
          (filter.code === undefined || c.code === filter.code),
      ).length;
    },
    setFaults: (next) => faults.set(next),
    onCall(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    region: (name) => service.region(name),
    resources(name) {
      const region = service.region(name);
      return {
        instances: [...region.instances.values()].filter((i) => i.state !== 'terminated').map((i) => i.id),
        keyPairs: [...region.keyPairs.values()].map((k) => k.name),
        securityGroups: [...region.securityGroups.values()].map((g) => g.id),
        images: [...region.images.values()]
          .filter((i) => !region.snapshots.get(i.rootSnapshotId)?.external)
          .map((i) => i.id),
        snapshots: [...region.snapshots.values()].filter((s) => !s.external).map((s) => s.id),
      };
    },
    settle: () => service.settle(),
    async close() {
      service.beginClose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await terminateAll(service);
      await service.settle();
      await rm(join(options.dataDir, 'instances'), { recursive: true, force: true });
    },
  };
}
