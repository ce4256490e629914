/** Renders the OVF descriptor from templates/ovf/descriptor.ovf.hbs (or a user's own template file). */
import { readFile } from 'node:fs/promises';
import type { DescriptorModel } from './descriptor-model.js';
import { templatePath } from './templates-dir.js';

export const DESCRIPTOR_TEMPLATE = 'ovf/descriptor.ovf.hbs';

export async function renderDescriptor(model: DescriptorModel, templateFile?: string): Promise<string> {
  const file = templateFile ?? templatePath(DESCRIPTOR_TEMPLATE);
  const source = await readFile(file, 'utf8').catch((err: Error) => {
    throw new Error(`reading the OVF descriptor template ${file}: ${err.message}`, { cause: err });
  });
  // Loaded here: only a build that packages an OVF needs handlebars.
  const Handlebars = (await import('handlebars')).default;
  try {
    // strict: a field the template names but the model lacks is an error, not an empty attribute.
    return Handlebars.compile(source, { strict: true })(model);
  } catch (err) {
    throw new Error(`rendering the OVF descriptor template ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
