/** Resource ids in EC2's form: a prefix and 17 hex digits (`ami-0abc…`). */
import { randomBytes, randomUUID } from 'node:crypto';

export function newId(prefix: string): string {
  return `${prefix}-0${randomBytes(8).toString('hex')}`;
}

export function newRequestId(): string {
  return randomUUID();
}
