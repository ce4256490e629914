/**
 * Fault injection, set at start and changeable while the endpoint runs. Decisions are deterministic
 * for a given seed, so a failing test can be replayed.
 */
import { Ec2Error } from './errors.js';

export interface FailCall {
  readonly action: string;
  /** 1-based: fail the Nth call of the action (counted from start or from the last setFaults). */
  readonly nth: number;
  /** Default `InternalError` (HTTP 500). */
  readonly code?: string;
  readonly message?: string;
  readonly status?: number;
}

export interface Ec2Faults {
  /** Share (0–1) of calls answered `RequestLimitExceeded` (HTTP 503). */
  readonly throttleRatio?: number;
  /** Only throttle these actions (default: all). */
  readonly throttleActions?: readonly string[];
  /** Seed of the throttling decisions (default 1). */
  readonly seed?: number;
  /** New images, instances, snapshots and security groups stay invisible (NotFound) this long. */
  readonly notFoundAfterCreateMs?: number;
  /** RunInstances answers `InsufficientInstanceCapacity` this many times (true: always). */
  readonly insufficientCapacity?: number | boolean;
  /** Extra time new images (CreateImage, CopyImage) stay pending. */
  readonly slowAmiMs?: number;
  /** Images that end up `failed` instead of available (by name, glob with *). */
  readonly failImageNames?: readonly string[];
  readonly failCalls?: readonly FailCall[];
  /** Hold calls of these actions this long before answering (to land a signal during one). */
  readonly delayMs?: Readonly<Record<string, number>>;
}

export class FaultInjector {
  private faults: Ec2Faults = {};
  private random: () => number = mulberry32(1);
  private counts = new Map<string, number>();
  private capacityFailures = 0;

  constructor(faults: Ec2Faults = {}) {
    this.set(faults);
  }

  set(faults: Ec2Faults): void {
    this.faults = faults;
    this.random = mulberry32(faults.seed ?? 1);
    this.counts.clear();
    this.capacityFailures = 0;
  }

  get current(): Ec2Faults {
    return this.faults;
  }

  /** Throws the injected error for this call, if any. Call once per request, before the action runs. */
  beforeCall(action: string): void {
    const n = (this.counts.get(action) ?? 0) + 1;
    this.counts.set(action, n);
    const fail = this.faults.failCalls?.find((f) => f.action === action && f.nth === n);
    if (fail) {
      throw new Ec2Error(
        fail.code ?? 'InternalError',
        fail.message ?? `injected failure of call ${n} of ${action}`,
        fail.status ?? (fail.code === undefined ? 500 : 400),
      );
    }
    const ratio = this.faults.throttleRatio ?? 0;
    const actions = this.faults.throttleActions;
    if (ratio > 0 && (!actions || actions.includes(action)) && this.random() < ratio) {
      throw new Ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503);
    }
  }

  delayFor(action: string): number {
    return this.faults.delayMs?.[action] ?? 0;
  }

  /** Throws InsufficientInstanceCapacity while the configured count lasts. */
  checkCapacity(instanceType: string): void {
    const setting = this.faults.insufficientCapacity;
    if (setting === undefined || setting === false) return;
    if (setting === true || this.capacityFailures < setting) {
      this.capacityFailures++;
      throw new Ec2Error(
        'InsufficientInstanceCapacity',
        `We currently do not have sufficient ${instanceType} capacity in the Availability Zone you requested.`,
        500,
      );
    }
  }

  visibleAt(now: number): number {
    return now + (this.faults.notFoundAfterCreateMs ?? 0);
  }

  slowAmiMs(): number {
    return this.faults.slowAmiMs ?? 0;
  }

  imageFails(name: string): boolean {
    return (this.faults.failImageNames ?? []).some((pattern) => globMatch(pattern, name));
  }
}

/** EC2 filter wildcards: `*` any run, `?` one character. */
export function globMatch(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(value);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
