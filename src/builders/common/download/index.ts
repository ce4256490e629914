/** Downloading iso_url/iso_urls with Packer's checksum forms and a cache (see download.ts). */
export {
  type Checksum,
  type ChecksumSpec,
  ChecksumSpecError,
  formatChecksum,
  parseChecksumSpec,
} from './checksum.js';
export {
  cacheTarget,
  DownloadError,
  type DownloadRequest,
  type Downloaded,
  defaultDownloadCacheDir,
  download,
} from './download.js';
export { ChecksumMismatchError, hashFile } from './hash.js';
export { HttpStatusError } from './http-get.js';
