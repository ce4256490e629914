/**
 * StepKeyPair: the key SSH will use. An ssh_private_key_file is read; agent auth needs nothing; otherwise
 * a temporary key pair is created in EC2 (rsa by default, ed25519 with temporary_key_pair_type) and
 * deleted by the cleanup. Only a key pair whose CreateKeyPair succeeded is deleted.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Step } from '../../../../sdk/step.js';
import { isEc2Code, rejected } from '../../common/ec2-api.js';
import { ec2Tags, ledgerTags, tagSpecifications } from '../../common/tag-values.js';
import type { EbsSettings } from '../settings.js';
import { findUnconfirmed } from './find-unconfirmed.js';
import { type EbsState, locate } from '../state.js';

export function stepKeyPair(s: EbsSettings, config: Readonly<Record<string, unknown>>): Step<EbsState> {
  /** CreateKeyPair got no answer: the request may still land, so the cleanup looks for it first. */
  let interrupted = false;
  return {
    name: 'StepKeyPair',
    async run(state, ctx) {
      state.keyPairName = s.sshKeypairName;
      if (s.sshPrivateKeyFile !== undefined) {
        ctx.ui.say('Using existing SSH private key');
        try {
          state.privateKey = await readFile(s.sshPrivateKeyFile, 'utf8');
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          throw new Error(
            `Error reading SSH private key file ${s.sshPrivateKeyFile}: ${(error as Error).message}`,
            {
              cause: error,
            },
          );
        }
        return;
      }
      if (s.sshAgentAuth) {
        ctx.ui.say(
          s.sshKeypairName === undefined
            ? 'Using SSH Agent with key pair in Source AMI'
            : `Using SSH Agent for existing key pair ${s.sshKeypairName}`,
        );
        return;
      }
      if (s.communicator === 'none' || typeof config.ssh_password === 'string') {
        ctx.ui.say('Not using temporary keypair');
        state.keyPairName = undefined;
        return;
      }
      const name = s.temporaryKeyPairName ?? `packer_${randomUUID()}`;
      ctx.ui.say(`Creating temporary keypair: ${name}`);
      state.keyPairEntry = await state.ledger.intend('ec2-key-pair', { ...locate(state), keyName: name });
      // From here the key pair may exist: the cleanup deletes it by name (NotFound is fine).
      state.createdKeyPair = name;
      state.keyPairName = name;
      let out: Awaited<ReturnType<typeof state.ec2.call<'CreateKeyPair'>>>;
      try {
        out = await state.ec2.call(
          'CreateKeyPair',
          {
            KeyName: name,
            KeyType: s.temporaryKeyPairType,
            TagSpecifications: tagSpecifications(
              [...ec2Tags(s.runTags, state.buildInfo), ...ledgerTags(state.ledger.tags)],
              'key-pair',
            ),
          },
          { signal: ctx.signal },
        );
      } catch (error) {
        if (rejected(error)) {
          state.createdKeyPair = undefined;
          await state.keyPairEntry.release();
        } else {
          interrupted = true;
        }
        if (ctx.signal.aborted) throw error;
        throw new Error(`Error creating temporary keypair: ${(error as Error).message}`, { cause: error });
      }
      await state.keyPairEntry.confirm({ keyPairId: out.KeyPairId });
      if (!out.KeyMaterial)
        throw new Error(`Error creating temporary keypair: no private key in the answer for ${name}`);
      state.privateKey = out.KeyMaterial;
      // The private key must never reach the output or the logs.
      ctx.ui.sensitive?.(out.KeyMaterial);
    },
    async cleanup(state, ctx) {
      const name = state.createdKeyPair;
      if (name === undefined) return;
      ctx.ui.say('Deleting temporary keypair...');
      if (interrupted) {
        interrupted = false;
        const found = await findUnconfirmed(async () => {
          const out = await state.ec2
            .call('DescribeKeyPairs', { KeyNames: [name] }, { signal: ctx.signal })
            .catch((error: unknown) => {
              if (isEc2Code(error, 'InvalidKeyPair.NotFound')) return undefined;
              throw error;
            });
          return out?.KeyPairs?.[0]?.KeyName;
        }, ctx.signal);
        if (found === undefined) {
          state.createdKeyPair = undefined;
          await state.keyPairEntry?.release();
          return;
        }
      }
      try {
        await state.ec2.call('DeleteKeyPair', { KeyName: name }, { signal: ctx.signal });
      } catch (error) {
        if (!isEc2Code(error, 'InvalidKeyPair.NotFound')) {
          throw new Error(`Error cleaning up keypair. Please delete the key manually: ${name}`, {
            cause: error,
          });
        }
      }
      state.createdKeyPair = undefined;
      await state.keyPairEntry?.release();
    },
    describeCleanup: (state) =>
      state.createdKeyPair ? `key pair ${state.createdKeyPair} in ${state.ec2.region}` : undefined,
  };
}
