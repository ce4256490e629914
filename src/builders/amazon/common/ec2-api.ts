/**
 * The EC2 actions the amazon builders call, typed by the SDK's own input/output shapes, and the narrow
 * interface steps use. Type-only imports: the SDK itself is loaded by client.ts on first use.
 */
import type * as Sdk from '@aws-sdk/client-ec2';

export interface Ec2Actions {
  AuthorizeSecurityGroupIngress: [
    Sdk.AuthorizeSecurityGroupIngressCommandInput,
    Sdk.AuthorizeSecurityGroupIngressCommandOutput,
  ];
  CopyImage: [Sdk.CopyImageCommandInput, Sdk.CopyImageCommandOutput];
  CreateImage: [Sdk.CreateImageCommandInput, Sdk.CreateImageCommandOutput];
  CreateKeyPair: [Sdk.CreateKeyPairCommandInput, Sdk.CreateKeyPairCommandOutput];
  CreateSecurityGroup: [Sdk.CreateSecurityGroupCommandInput, Sdk.CreateSecurityGroupCommandOutput];
  CreateTags: [Sdk.CreateTagsCommandInput, Sdk.CreateTagsCommandOutput];
  DeleteKeyPair: [Sdk.DeleteKeyPairCommandInput, Sdk.DeleteKeyPairCommandOutput];
  DeleteSecurityGroup: [Sdk.DeleteSecurityGroupCommandInput, Sdk.DeleteSecurityGroupCommandOutput];
  DeleteSnapshot: [Sdk.DeleteSnapshotCommandInput, Sdk.DeleteSnapshotCommandOutput];
  DeregisterImage: [Sdk.DeregisterImageCommandInput, Sdk.DeregisterImageCommandOutput];
  DescribeImages: [Sdk.DescribeImagesCommandInput, Sdk.DescribeImagesCommandOutput];
  DescribeInstances: [Sdk.DescribeInstancesCommandInput, Sdk.DescribeInstancesCommandOutput];
  DescribeKeyPairs: [Sdk.DescribeKeyPairsCommandInput, Sdk.DescribeKeyPairsCommandOutput];
  DescribeRegions: [Sdk.DescribeRegionsCommandInput, Sdk.DescribeRegionsCommandOutput];
  DescribeSecurityGroups: [Sdk.DescribeSecurityGroupsCommandInput, Sdk.DescribeSecurityGroupsCommandOutput];
  DescribeSnapshots: [Sdk.DescribeSnapshotsCommandInput, Sdk.DescribeSnapshotsCommandOutput];
  DescribeSubnets: [Sdk.DescribeSubnetsCommandInput, Sdk.DescribeSubnetsCommandOutput];
  DescribeVpcs: [Sdk.DescribeVpcsCommandInput, Sdk.DescribeVpcsCommandOutput];
  GetConsoleOutput: [Sdk.GetConsoleOutputCommandInput, Sdk.GetConsoleOutputCommandOutput];
  EnableImageDeprecation: [Sdk.EnableImageDeprecationCommandInput, Sdk.EnableImageDeprecationCommandOutput];
  ModifyImageAttribute: [Sdk.ModifyImageAttributeCommandInput, Sdk.ModifyImageAttributeCommandOutput];
  ModifySnapshotAttribute: [
    Sdk.ModifySnapshotAttributeCommandInput,
    Sdk.ModifySnapshotAttributeCommandOutput,
  ];
  RunInstances: [Sdk.RunInstancesCommandInput, Sdk.RunInstancesCommandOutput];
  StopInstances: [Sdk.StopInstancesCommandInput, Sdk.StopInstancesCommandOutput];
  TerminateInstances: [Sdk.TerminateInstancesCommandInput, Sdk.TerminateInstancesCommandOutput];
}

export type Ec2Action = keyof Ec2Actions;
export type Ec2Input<A extends Ec2Action> = Ec2Actions[A][0];
export type Ec2Output<A extends Ec2Action> = Ec2Actions[A][1];

export type Image = Sdk.Image;
export type Instance = Sdk.Instance;
export type Tag = Sdk.Tag;

export interface CallOptions {
  readonly signal: AbortSignal;
  /** Not-found codes to retry: the resource was just created and may not be visible yet. */
  readonly retryCodes?: readonly string[];
}

/** One region's EC2 client with retries; every region's client shares the build's ApiStats. */
export interface Ec2 {
  readonly region: string;
  /** The endpoint URL when custom_endpoint_ec2 is set (for the ledger), else undefined. */
  readonly endpoint: string | undefined;
  call<A extends Ec2Action>(action: A, input: Ec2Input<A>, opts: CallOptions): Promise<Ec2Output<A>>;
  /** A client for another region with the same credentials, endpoint and counters. */
  forRegion(region: string): Ec2;
}

/** An EC2 API error (the SDK's, or a network failure), with AWS's code. */
export class Ec2Error extends Error {
  constructor(
    readonly action: Ec2Action,
    readonly code: string,
    message: string,
    readonly httpStatus: number | undefined,
    readonly requestId: string | undefined,
    options?: ErrorOptions,
  ) {
    const where = [
      httpStatus !== undefined ? `status code: ${httpStatus}` : undefined,
      requestId ? `request id: ${requestId}` : undefined,
    ].filter(Boolean);
    super(`${code}: ${message}${where.length > 0 ? ` (${where.join(', ')})` : ''}`, options);
    this.name = 'Ec2Error';
  }
}

/** True when `error` is an EC2 error with one of these codes. */
export function isEc2Code(error: unknown, ...codes: string[]): error is Ec2Error {
  return error instanceof Ec2Error && codes.includes(error.code);
}

/**
 * True when a create call failed in a way that proves nothing was created (the request was rejected);
 * false when it may have been (no answer, or a server error after the request got in).
 */
export function rejected(error: unknown): boolean {
  if (!(error instanceof Ec2Error) || error.httpStatus === undefined) return false;
  return (
    error.httpStatus < 500 ||
    error.code === 'RequestLimitExceeded' ||
    error.code === 'InsufficientInstanceCapacity'
  );
}
