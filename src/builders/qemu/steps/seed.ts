/**
 * Seeding the guest (Packer's StepCreateCD, stepHTTPIPDiscover + StepHTTPServer): the cd_files /
 * cd_content ISO attached as a CD, and the HTTP server the boot command points at ({{ .HTTPIP }} is
 * the host as seen from QEMU's user network: 10.0.2.2).
 */
import type { Step } from '../../../sdk/step.js';
import { createCd } from '../../common/cd-files.js';
import { type RunningHttpServer, startHttpServer } from '../../common/http-server.js';
import type { QemuState } from '../state.js';

type Raw = Readonly<Record<string, unknown>>;
const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : undefined);
const map = (v: unknown) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : undefined;

export function stepCreateCd(config: Raw): Step<QemuState> {
  let remove: (() => Promise<void>) | undefined;
  return {
    name: 'StepCreateCD',
    async run(state, ctx) {
      const files = strings(config.cd_files);
      const content = map(config.cd_content);
      if ((files?.length ?? 0) === 0 && Object.keys(content ?? {}).length === 0) return;
      ctx.ui.say('Creating CD disk...');
      const cd = await createCd({
        files,
        content,
        label: typeof config.cd_label === 'string' && config.cd_label !== '' ? config.cd_label : undefined,
        tempDir: state.tempDir,
        signal: ctx.signal,
      });
      if (cd === undefined) return;
      remove = () => cd.remove();
      state.cdPath = cd.path;
    },
    async cleanup(state) {
      await remove?.();
      remove = undefined;
      state.cdPath = undefined;
    },
    describeCleanup: (state) => state.cdPath,
  };
}

export function stepHttpServer(config: Raw): Step<QemuState> {
  let server: RunningHttpServer | undefined;
  return {
    name: 'StepHTTPServer',
    async run(state, ctx) {
      const num = (name: string, fallback: number) =>
        typeof config[name] === 'number' ? (config[name] as number) : fallback;
      server = await startHttpServer({
        directory:
          typeof config.http_directory === 'string' && config.http_directory !== ''
            ? config.http_directory
            : undefined,
        content: map(config.http_content),
        portMin: num('http_port_min', 8000),
        portMax: num('http_port_max', 9000),
        bindAddress:
          typeof config.http_bind_address === 'string' && config.http_bind_address !== ''
            ? config.http_bind_address
            : '0.0.0.0',
        onRequest: (method, path, status) => ctx.log.debug(`http: ${method} ${path} ${status}`),
      });
      // Packer's stepHTTPIPDiscover: the host as the guest sees it through user-mode networking.
      state.httpIp = '10.0.2.2';
      state.httpPort = server?.port ?? 0;
      if (server) ctx.ui.say(`Starting HTTP server on port ${server.port}`);
    },
    async cleanup() {
      await server?.close();
      server = undefined;
    },
    describeCleanup: () => (server ? `the HTTP server on port ${server.port}` : undefined),
  };
}
