/**
 * Tags at build time: the map form and the block form merged (Packer's CopyOn), values rendered with
 * the build's data (`{{ .SourceAMI }}`, `{{ .BuildRegion }}`… as Packer's legacy templates allow), and
 * reported the way Packer reports them (`Adding tag: "Name": "web"`).
 */
import type { ResourceType, TagSpecification } from '@aws-sdk/client-ec2';
import type { Ui } from '../../../sdk/ui.js';
import type { Tag } from './ec2-api.js';

/** `tags = {…}` plus `tag { key = … value = … }` blocks (run_volume_tag uses name/value). */
export function tagMap(
  config: Readonly<Record<string, unknown>>,
  plural: string,
  singular: string,
): Map<string, string> {
  const out = new Map<string, string>();
  const map = config[plural];
  if (map && typeof map === 'object' && !Array.isArray(map)) {
    for (const [k, v] of Object.entries(map as Record<string, unknown>)) out.set(k, String(v ?? ''));
  }
  const blocks = config[singular];
  if (Array.isArray(blocks)) {
    for (const b of blocks as Record<string, unknown>[]) {
      const key = b.key ?? b.name;
      if (typeof key === 'string') out.set(key, String(b.value ?? ''));
    }
  }
  return out;
}

/** The build data Packer's tag templates can use (extractBuildInfo). */
export type BuildInfo = Readonly<Record<string, string>>;

/** Renders `{{ .Name }}` / `{{.Name}}` references to build data; unknown names are left as written. */
export function renderBuildInfo(value: string, info: BuildInfo): string {
  return value.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (whole, name: string) => info[name] ?? whole);
}

export function ec2Tags(tags: ReadonlyMap<string, string>, info: BuildInfo): Tag[] {
  return [...tags].map(([Key, Value]) => ({
    Key: renderBuildInfo(Key, info),
    Value: renderBuildInfo(Value, info),
  }));
}

/** Tags from the run's ledger (`imgbuild-run-id`), added to every resource the build creates. */
export function ledgerTags(tags: Readonly<Record<string, string>>): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

export function reportTags(ui: Ui, tags: readonly Tag[]): void {
  for (const t of tags) ui.message(`Adding tag: "${t.Key}": "${t.Value}"`);
}

/** A TagSpecification list for these resource types, or undefined when there are no tags. */
export function tagSpecifications(
  tags: readonly Tag[],
  ...types: ResourceType[]
): TagSpecification[] | undefined {
  if (tags.length === 0) return undefined;
  return types.map((t) => ({ ResourceType: t, Tags: [...tags] }));
}
