/**
 * packer-manifest.json, field for field as Packer's manifest post-processor writes it: Go structs
 * (field order, `build_time` omitted when 0, nil slices and maps as null, map keys sorted). Entries
 * read back from an existing file go through the same shape, as Go's unmarshal + marshal does.
 */
export interface ManifestBuild {
  readonly name: string;
  readonly builder_type: string;
  readonly build_time?: number;
  readonly files: { name: string; size: number }[] | null;
  readonly artifact_id: string;
  readonly packer_run_uuid: string;
  readonly custom_data: Record<string, string> | null;
}

export interface ManifestFile {
  builds: ManifestBuild[] | null;
  last_run_uuid: string;
}

/** The entry in Go's field order, with Go's zero values for what is missing. */
export function normaliseBuild(raw: unknown): ManifestBuild {
  const b = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const time = typeof b.build_time === 'number' ? Math.trunc(b.build_time) : 0;
  const files = Array.isArray(b.files)
    ? b.files.map((f) => {
        const o = (f !== null && typeof f === 'object' ? f : {}) as Record<string, unknown>;
        return { name: str(o.name), size: typeof o.size === 'number' ? Math.trunc(o.size) : 0 };
      })
    : null;
  return {
    name: str(b.name),
    builder_type: str(b.builder_type),
    ...(time !== 0 ? { build_time: time } : {}),
    files,
    artifact_id: str(b.artifact_id),
    packer_run_uuid: str(b.packer_run_uuid),
    custom_data: sortedStringMap(b.custom_data),
  };
}

/** Parses an existing manifest; throws (with Go's message shape left to the caller) on bad JSON. */
export function parseManifest(text: string): ManifestFile {
  const raw = JSON.parse(text) as unknown;
  if (raw === null) return { builds: null, last_run_uuid: '' };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error('json: cannot unmarshal into Go value of type manifest.ManifestFile');
  }
  const o = raw as Record<string, unknown>;
  return {
    builds: Array.isArray(o.builds) ? o.builds.map(normaliseBuild) : null,
    last_run_uuid: str(o.last_run_uuid),
  };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function sortedStringMap(v: unknown): Record<string, string> | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const out: Record<string, string> = {};
  for (const key of Object.keys(v).sort()) out[key] = str((v as Record<string, unknown>)[key]);
  return out;
}
