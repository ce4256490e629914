/**
 * StepProvision: the build's provisioners over the SSH link, with the build variables Packer's amazon
 * builders give them (build.ID is the instance id; SourceAMI…; the temporary private key is sensitive).
 */
import type { BuildRunContext } from '../../../../sdk/plugin.js';
import type { Step } from '../../../../sdk/step.js';
import type { EbsSettings } from '../settings.js';
import type { EbsState } from '../state.js';

const HTTP_NOT_IMPLEMENTED = 'ERR_HTTP_%s_NOT_IMPLEMENTED_BY_BUILDER';

export function stepProvision(
  s: EbsSettings,
  config: Readonly<Record<string, unknown>>,
  run: BuildRunContext,
): Step<EbsState> {
  return {
    name: 'StepProvision',
    async run(state) {
      const vars = buildVars(state, s, config, run.runId);
      const secrets = [vars.Password, vars.SSHPrivateKey].filter(
        (v): v is string => typeof v === 'string' && v !== '',
      );
      if (secrets.length > 0) run.ui.sensitive?.(...secrets);
      await run.provision(state.communicator, vars);
    },
  };
}

export function buildVars(
  state: EbsState,
  s: EbsSettings,
  config: Readonly<Record<string, unknown>>,
  runId: string,
): Record<string, unknown> {
  return {
    ...state.buildInfo,
    ID: state.instanceId ?? '',
    PackerRunUUID: runId,
    PackerHTTPIP: HTTP_NOT_IMPLEMENTED.replace('%s', 'IP'),
    PackerHTTPPort: HTTP_NOT_IMPLEMENTED.replace('%s', 'PORT'),
    PackerHTTPAddr: HTTP_NOT_IMPLEMENTED.replace('%s', 'ADDR'),
    Host: state.buildInfo.Host ?? '',
    Port: s.sshPort,
    User: typeof config.ssh_username === 'string' ? config.ssh_username : '',
    Password: typeof config.ssh_password === 'string' ? config.ssh_password : '',
    ConnType: s.communicator,
    SSHPublicKey: '',
    SSHPrivateKey: state.privateKey ?? '',
    SSHAgentAuth: s.sshAgentAuth,
  };
}
