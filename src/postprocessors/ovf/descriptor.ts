/** Renders the OVF descriptor from templates/ovf/descriptor.ovf.hbs (or a user's own template file). */
import { readFile } from 'node:fs/promises';
import type { DescriptorModel } from './descriptor-model.js';
import { templatePath } from './templates-dir.js';

export const DESCRIPTOR_TEMPLATE = 'ovf/descriptor.ovf.hbs';

export type DescriptorRenderer = (model: DescriptorModel) => string;

/**
 * Reads and parses the template: done before any disk is converted, so a missing file or a syntax
 * error fails the build at once rather than after minutes of conversion.
 */
export async function loadDescriptorTemplate(templateFile?: string): Promise<DescriptorRenderer> {
  const file = templateFile ?? templatePath(DESCRIPTOR_TEMPLATE);
  const source = await readFile(file, 'utf8').catch((err: Error) => {
    throw new Error(`reading the OVF descriptor template ${file}: ${err.message}`, { cause: err });
  });
  // Loaded here: only a build that packages an OVF needs handlebars.
  const Handlebars = (await import('handlebars')).default;
  const fail = (err: unknown): never => {
    throw new Error(`rendering the OVF descriptor template ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  };
  try {
    Handlebars.parse(source);
  } catch (err) {
    fail(err);
  }
  // strict: a field the template names but the model lacks is an error, not an empty attribute.
  const render = Handlebars.compile(source, { strict: true });
  return (model) => {
    try {
      return render(model);
    } catch (err) {
      return fail(err);
    }
  };
}
