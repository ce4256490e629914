/**
 * AWS Signature Version 4 on incoming requests: the credential scope gives the region and access
 * key; with known secrets the signature itself is checked (strict mode).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Ec2Error } from './errors.js';

export interface SignedRequest {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
  readonly date: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]+)$/;

export function parseAuthorization(header: string | undefined): SignedRequest {
  if (header === undefined) {
    throw new Ec2Error(
      'AuthFailure',
      'AWS was not able to validate the provided access credentials (no Authorization header)',
      401,
    );
  }
  const m = AUTH.exec(header.trim());
  if (!m)
    throw new Ec2Error(
      'IncompleteSignature',
      'The Authorization header is not a valid AWS Signature Version 4 header',
      400,
    );
  return {
    accessKeyId: m[1]!,
    date: m[2]!,
    region: m[3]!,
    service: m[4]!,
    signedHeaders: m[5]!.split(';'),
    signature: m[6]!,
  };
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Checks the signature against the secret; throws SignatureDoesNotMatch (403) when it differs. */
export function verifySignature(
  signed: SignedRequest,
  secretAccessKey: string,
  request: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer },
): void {
  const url = new URL(request.url, 'http://endpoint');
  const query = [...url.searchParams]
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headerValue = (name: string) => {
    const v = request.headers[name];
    return (Array.isArray(v) ? v.join(',') : (v ?? '')).trim().replace(/\s+/g, ' ');
  };
  const canonicalHeaders = signed.signedHeaders.map((h) => `${h}:${headerValue(h)}\n`).join('');
  const payloadHash = headerValue('x-amz-content-sha256') || sha256(request.body);
  const canonicalRequest = [
    request.method,
    url.pathname.split('/').map(encode).join('/') || '/',
    query,
    canonicalHeaders,
    signed.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${signed.date}/${signed.region}/${signed.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', headerValue('x-amz-date'), scope, sha256(canonicalRequest)].join(
    '\n',
  );
  let key = hmac(`AWS4${secretAccessKey}`, signed.date);
  key = hmac(key, signed.region);
  key = hmac(key, signed.service);
  key = hmac(key, 'aws4_request');
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
  const given = Buffer.from(signed.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new Ec2Error(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      403,
    );
  }
}
