/**
 * The boot command's template data (Packer qemu's bootCommandTemplateData): `{{ .HTTPIP }}`,
 * `{{ .HTTPPort }}`, `{{ .Name }}`, `{{ .SSHPublicKey }}`. A field Packer does not have is an error,
 * as Go's template execution makes it, rather than typed as `<no value>`.
 */
import { renderGoTemplate } from '../../../provisioners/common/go-template.js';

export interface BootTemplateData {
  readonly HTTPIP: string;
  readonly HTTPPort: number;
  readonly Name: string;
  readonly SSHPublicKey?: string;
}

export class BootCommandError extends Error {
  readonly code = 'BOOT_COMMAND';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BootCommandError';
  }
}

const FIELDS = ['HTTPIP', 'HTTPPort', 'Name', 'SSHPublicKey'];

export function renderBootCommand(text: string, data: BootTemplateData): string {
  for (const action of text.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
    for (const field of action[1]!.matchAll(/(?:^|[\s(])\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
      if (!FIELDS.includes(field[1]!)) {
        throw new BootCommandError(
          `Error preparing boot command: can't evaluate field ${field[1]} (the boot command knows ${FIELDS.map((f) => `.${f}`).join(', ')})`,
        );
      }
    }
  }
  try {
    return renderGoTemplate(text, { ...data, SSHPublicKey: data.SSHPublicKey ?? '' });
  } catch (error) {
    throw new BootCommandError(`Error preparing boot command: ${(error as Error).message}`, { cause: error });
  }
}
