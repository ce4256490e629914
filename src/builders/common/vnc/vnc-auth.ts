/**
 * VNC Authentication (RFB 6.2.2): the 16-byte challenge encrypted with DES-ECB under the password,
 * truncated or zero-padded to 8 bytes, each byte's bits mirrored (the classic VNC quirk). Node's
 * OpenSSL 3 lists single DES only in the legacy provider; triple DES with K1 = K2 = K3 is single DES.
 */
import { createCipheriv } from 'node:crypto';

function mirrorBits(byte: number): number {
  let out = 0;
  for (let i = 0; i < 8; i++) if (byte & (1 << i)) out |= 1 << (7 - i);
  return out;
}

export function vncAuthResponse(password: string, challenge: Buffer): Buffer {
  if (challenge.length !== 16) throw new Error(`VNC challenge must be 16 bytes, got ${challenge.length}`);
  const key = Buffer.alloc(8);
  Buffer.from(password, 'latin1').copy(key, 0, 0, 8);
  for (let i = 0; i < 8; i++) key[i] = mirrorBits(key[i]!);
  const cipher = createCipheriv('des-ede3-ecb', Buffer.concat([key, key, key]), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(challenge), cipher.final()]);
}
