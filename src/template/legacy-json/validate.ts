/**
 * The checks Packer makes on a parsed legacy template before using it (template.Validate and
 * Core.validate): at least one builder, only/except and override naming existing builders, the
 * minimum Packer version, required variables set.
 */
import { type Diagnostic, errorDiag } from '../../hcl/diagnostics.js';
import { compareVersions, parseVersion } from '../version-constraint.js';
import type { Located } from './json-nodes.js';
import type { RawTemplate } from './read.js';

export function validateLegacyTemplate(
  raw: RawTemplate,
  isSet: (variable: string) => boolean,
  packerVersion: string,
): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const builderNames = new Set(raw.builders.map((b) => b.name));
  if (raw.builders.length === 0) {
    diags.push(
      errorDiag('at least one builder must be defined', undefined, raw.buildersRange ?? raw.root.openRange),
    );
  }

  const onlyExcept = (
    prefix: string,
    only: readonly Located<string>[],
    except: readonly Located<string>[],
    both: () => void,
  ) => {
    if (only.length > 0 && except.length > 0) both();
    for (const [key, names] of [
      ['only', only],
      ['except', except],
    ] as const) {
      for (const n of names) {
        if (!builderNames.has(n.value)) {
          diags.push(
            errorDiag(`${prefix}'${key}' specified builder '${n.value}' not found`, undefined, n.range),
          );
        }
      }
    }
  };

  raw.provisioners.forEach((p, i) => {
    const prefix = `provisioner ${i + 1}: `;
    onlyExcept(prefix, p.only, p.except, () =>
      diags.push(
        errorDiag(`${prefix}only one of 'only' or 'except' may be specified`, undefined, p.onlyExceptRange),
      ),
    );
    for (const key of p.override?.keys ?? []) {
      if (!builderNames.has(key.value)) {
        diags.push(errorDiag(`${prefix}override '${key.value}' doesn't exist`, undefined, key.range));
      }
    }
  });
  raw.postProcessors.forEach((chain, i) => {
    chain.forEach((pp, j) => {
      const prefix = `post-processor ${i + 1}.${j + 1}: `;
      onlyExcept(prefix, pp.only, pp.except, () =>
        diags.push(
          errorDiag(`${prefix}only one of 'only' or 'except' may be specified`, undefined, pp.declRange),
        ),
      );
    });
  });

  if (raw.minVersion) {
    const min = parseVersion(raw.minVersion.value);
    const actual = parseVersion(packerVersion)!;
    if (!min) {
      diags.push(
        errorDiag(
          `min_version is invalid: Malformed version: ${raw.minVersion.value}`,
          undefined,
          raw.minVersion.range,
        ),
      );
    } else if (compareVersions(actual, min) < 0) {
      diags.push(
        errorDiag(
          `This template requires Packer version ${raw.minVersion.value} or higher; using ${packerVersion}`,
          undefined,
          raw.minVersion.range,
        ),
      );
    }
  }

  for (const v of raw.variables) {
    if (!v.default && !isSet(v.name)) {
      diags.push(
        errorDiag(
          `required variable not set: ${v.name}`,
          'Its value is null in the template: set it with -var or -var-file.',
          v.nameRange,
        ),
      );
    }
  }
  return diags;
}
