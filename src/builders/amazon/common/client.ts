/**
 * EC2 clients for a build: the SDK is imported here, on the first build that needs it. Credentials
 * follow Packer's order: access_key/secret_key/token from the template, else the SDK's standard chain
 * (environment, shared files, `profile`, container/instance roles). The SDK's own retries are off so
 * that every retry goes through one policy (api-retry.ts) and is counted.
 */
import { sleep } from '../../../core/retry.js';
import { ApiStats, backoffMs, type BackoffOptions, DEFAULT_BACKOFF, retryKind } from './api-retry.js';
import {
  type CallOptions,
  type Ec2,
  type Ec2Action,
  Ec2Error,
  type Ec2Input,
  type Ec2Output,
} from './ec2-api.js';

type SdkModule = typeof import('@aws-sdk/client-ec2');
type Client = InstanceType<SdkModule['EC2Client']>;

export interface AccessSettings {
  readonly region?: string;
  readonly accessKey?: string;
  readonly secretKey?: string;
  readonly token?: string;
  readonly profile?: string;
  readonly endpoint?: string;
  /** Retries per call (access config max_retries; Packer's default 10). */
  readonly maxRetries: number;
  readonly backoff?: BackoffOptions;
  /** Told about each retry (the builder logs it). */
  readonly onRetry?: (action: Ec2Action, code: string, retry: number, waitMs: number) => void;
}

/** access config options → settings; region falls back to AWS_REGION / AWS_DEFAULT_REGION / the profile. */
export function accessSettings(config: Readonly<Record<string, unknown>>): AccessSettings {
  const str = (name: string) =>
    typeof config[name] === 'string' && config[name] !== '' ? (config[name] as string) : undefined;
  if (str('shared_credentials_file') !== undefined) {
    throw new Error(
      'shared_credentials_file is not supported by imgbuild yet; set AWS_SHARED_CREDENTIALS_FILE instead',
    );
  }
  if (config.assume_role || config.vault_aws_engine) {
    throw new Error('assume_role and vault_aws_engine are not supported by imgbuild yet');
  }
  return {
    region: str('region'),
    accessKey: str('access_key'),
    secretKey: str('secret_key'),
    token: str('token'),
    profile: str('profile'),
    endpoint: str('custom_endpoint_ec2'),
    maxRetries: typeof config.max_retries === 'number' ? config.max_retries : 10,
  };
}

/** Creates the build region's client; its region is resolved now (an error names what to set). */
export async function createEc2(settings: AccessSettings, stats: ApiStats = new ApiStats()): Promise<Ec2> {
  // The SDK warns on stderr that its 2027 releases need Node 22: not the user's concern mid-build.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const sdk = await import('@aws-sdk/client-ec2');
  const make = (region: string | undefined): Client =>
    new sdk.EC2Client({
      region,
      endpoint: settings.endpoint,
      profile: settings.profile,
      credentials:
        settings.accessKey !== undefined && settings.secretKey !== undefined
          ? {
              accessKeyId: settings.accessKey,
              secretAccessKey: settings.secretKey,
              sessionToken: settings.token,
            }
          : undefined,
      maxAttempts: 1,
      // A stalled endpoint should fail the call (and be retried), not hang the build.
      requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
    });
  const first = make(settings.region);
  let region: string;
  try {
    region = await first.config.region();
  } catch (error) {
    throw new Error('region is not set: set `region`, AWS_REGION or a profile with a region', {
      cause: error,
    });
  }
  const clients = new Map<string, Client>([[region, first]]);
  const build = (r: string): Ec2 => {
    let client = clients.get(r);
    if (!client) {
      client = make(r);
      clients.set(r, client);
    }
    return new SdkEc2(sdk, client, r, settings, stats, build);
  };
  return build(region);
}

class SdkEc2 implements Ec2 {
  constructor(
    private readonly sdk: SdkModule,
    private readonly client: Client,
    readonly region: string,
    private readonly settings: AccessSettings,
    private readonly stats: ApiStats,
    private readonly build: (region: string) => Ec2,
  ) {}

  get endpoint(): string | undefined {
    return this.settings.endpoint;
  }

  forRegion(region: string): Ec2 {
    return this.build(region);
  }

  async call<A extends Ec2Action>(action: A, input: Ec2Input<A>, opts: CallOptions): Promise<Ec2Output<A>> {
    const Command = (this.sdk as unknown as Record<string, new (i: unknown) => unknown>)[`${action}Command`];
    if (!Command) throw new Error(`internal error: the EC2 SDK has no ${action}Command`);
    for (let retry = 0; ; retry++) {
      if (opts.signal.aborted) throw opts.signal.reason;
      this.stats.calls++;
      try {
        const send = this.client.send.bind(this.client) as (c: unknown, o: unknown) => Promise<unknown>;
        return (await send(new Command(input), { abortSignal: opts.signal })) as Ec2Output<A>;
      } catch (raw) {
        if (opts.signal.aborted) throw opts.signal.reason;
        const error = toEc2Error(action, raw);
        const kind = retryKind(
          { code: error.code, httpStatus: error.httpStatus, network: error.httpStatus === undefined },
          opts.retryCodes,
        );
        if (kind === undefined || retry >= this.settings.maxRetries) throw error;
        this.stats.record(action, kind);
        const wait = backoffMs(retry, this.settings.backoff ?? DEFAULT_BACKOFF);
        this.settings.onRetry?.(action, error.code, retry + 1, wait);
        await sleep(wait, opts.signal);
      }
    }
  }
}

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

function toEc2Error(action: Ec2Action, raw: unknown): Ec2Error {
  const e = (raw ?? {}) as SdkErrorShape;
  const status = e.$metadata?.httpStatusCode;
  // Network failures carry a Node error code (ECONNREFUSED…) and no HTTP status.
  const code = e.Code ?? (status === undefined && e.code ? e.code : undefined) ?? e.name ?? 'Error';
  return new Ec2Error(action, code, e.message ?? String(raw), status, e.$metadata?.requestId, { cause: raw });
}
