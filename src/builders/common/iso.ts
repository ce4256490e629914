/** Downloading the installation ISO (Packer SDK commonsteps.ISOConfig). */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import type { PrepareContext } from '../../sdk/plugin.js';
import type { JsonSchema } from '../../sdk/schema.js';
import { str, strList } from '../../sdk/schema-helpers.js';
import { type Config, given, knownString } from './prepare-helpers.js';

export const isoProperties: Record<string, JsonSchema> = {
  iso_checksum: str('Checksum of the ISO: "sha256:…", "file:URL", a bare hash, or "none".'),
  iso_url: str('URL (or path) of the ISO.'),
  iso_urls: strList('URLs tried in order for the ISO.'),
  iso_target_path: str('Where the downloaded ISO is stored.'),
  iso_target_extension: str('Extension of the downloaded ISO.', { default: 'iso' }),
};

/** ISOConfig.Prepare's checks (which stop at the first problem with the URLs, as Packer's do). */
export function prepareIso(config: Config, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const url = given(config, ctx, 'iso_url');
  const urls = given(config, ctx, 'iso_urls');
  if (url && urls) return [ctx.error('iso_urls', 'Only one of iso_url or iso_urls must be specified', '')];
  if (!url && !urls) return [ctx.error(undefined, 'One of iso_url or iso_urls must be specified', '')];
  const checksum = knownString(config, ctx, 'iso_checksum');
  if (checksum === 'none') {
    diags.push(
      ctx.warning(
        'iso_checksum',
        "A checksum of 'none' was specified. Since ISO files are so big,\na checksum is highly recommended.",
        '',
      ),
    );
    return diags;
  }
  if (!given(config, ctx, 'iso_checksum')) {
    diags.push(
      ctx.error(undefined, 'A checksum must be specified', 'Set iso_checksum (or "none" to skip the check).'),
    );
  }
  if (checksum?.toLowerCase().endsWith('.iso')) {
    diags.push(
      ctx.error(
        'iso_checksum',
        'Error parsing checksum: .iso is not a valid checksum ending',
        'iso_checksum names the ISO itself; give its hash or a checksum file instead.',
      ),
    );
  }
  return diags;
}
