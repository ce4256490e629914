/** The amazon-ebs builder's pure pieces: settings from a config, Packer's SSH address choice, tags, AMI choice. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ec2Tags, renderBuildInfo, tagMap } from '../../../src/builders/amazon/common/tag-values.js';
import { amiArtifact } from '../../../src/builders/amazon/ebs/artifact.js';
import { ebsSettings } from '../../../src/builders/amazon/ebs/settings.js';
import { instanceAddress } from '../../../src/builders/amazon/ebs/steps/connect.js';
import { isBase64 } from '../../../src/builders/amazon/ebs/steps/run-instance.js';
import { mostRecent } from '../../../src/builders/amazon/ebs/steps/source-ami.js';
import type { Ec2 } from '../../../src/builders/amazon/common/ec2-api.js';

describe('ebsSettings', () => {
  it("reads Packer's defaults: rsa temporary key, 0.0.0.0/0, shutdown stop; -force implies force_deregister", () => {
    const s = ebsSettings({ ami_name: 'x', instance_type: 't3.micro' }, true);
    assert.equal(s.temporaryKeyPairType, 'rsa');
    assert.deepEqual(s.temporarySgCidrs, ['0.0.0.0/0']);
    assert.equal(s.shutdownBehavior, 'stop');
    assert.equal(s.forceDeregister, true);
    assert.equal(s.communicator, 'ssh');
    assert.equal(ebsSettings({ ami_name: 'x' }, false).forceDeregister, false);
  });

  it('merges security_group_id into security_group_ids and maps block devices', () => {
    const s = ebsSettings(
      {
        security_group_ids: ['sg-1'],
        security_group_id: 'sg-2',
        launch_block_device_mappings: [
          { device_name: '/dev/xvda', volume_size: 20, volume_type: 'gp3', delete_on_termination: true },
          { device_name: '/dev/xvdb', virtual_name: 'ephemeral0' },
          { device_name: '/dev/xvdc', no_device: true },
        ],
      },
      false,
    );
    assert.deepEqual(s.securityGroupIds, ['sg-1', 'sg-2']);
    assert.deepEqual(s.launchMappings, [
      {
        DeviceName: '/dev/xvda',
        Ebs: {
          DeleteOnTermination: true,
          VolumeType: 'gp3',
          VolumeSize: 20,
          SnapshotId: undefined,
          Iops: undefined,
          Throughput: undefined,
          Encrypted: undefined,
          KmsKeyId: undefined,
        },
      },
      { DeviceName: '/dev/xvdb', VirtualName: 'ephemeral0' },
      { DeviceName: '/dev/xvdc', NoDevice: '' },
    ]);
  });

  it('refuses options it cannot carry out yet, naming them, instead of ignoring them', () => {
    assert.throws(
      () =>
        ebsSettings(
          { spot_price: 'auto', ena_support: true, fast_launch: { enable_fast_launch: true } },
          false,
        ),
      {
        message: "not supported by imgbuild's amazon-ebs builder yet: spot_price, ena_support, fast_launch",
      },
    );
    // Unset or empty forms are fine.
    assert.doesNotThrow(() =>
      ebsSettings({ spot_price: '', ena_support: false, fast_launch: { enable_fast_launch: false } }, false),
    );
    assert.throws(
      () => ebsSettings({ communicator: 'winrm' }, false),
      /communicator "winrm" is not supported/,
    );
  });
});

describe('instanceAddress (Packer SSHHost)', () => {
  const instance = {
    InstanceId: 'i-1',
    VpcId: 'vpc-1',
    PublicIpAddress: '127.0.0.9',
    PrivateIpAddress: '10.0.2.15',
    PublicDnsName: 'pub.example',
    PrivateDnsName: 'ip-10-0-2-15.internal',
  };
  const cases: [string, Record<string, unknown>, string | undefined, boolean, string][] = [
    ['public IP in a VPC', instance, undefined, false, '127.0.0.9'],
    ['private IP only on the last try', { ...instance, PublicIpAddress: undefined }, undefined, false, ''],
    ['private IP fallback', { ...instance, PublicIpAddress: undefined }, undefined, true, '10.0.2.15'],
    ['outside a VPC: public DNS', { ...instance, VpcId: undefined }, undefined, false, 'pub.example'],
    ['ssh_interface private_ip', instance, 'private_ip', false, '10.0.2.15'],
    ['ssh_interface private_dns', instance, 'private_dns', false, 'ip-10-0-2-15.internal'],
    ['ssh_interface public_dns', instance, 'public_dns', false, 'pub.example'],
  ];
  for (const [name, i, iface, last, expected] of cases) {
    it(name, () => assert.equal(instanceAddress(i, iface, last), expected));
  }
});

describe('tags', () => {
  it('merges the map and block forms and renders build data', () => {
    const tags = tagMap(
      { tags: { Name: 'web' }, tag: [{ key: 'From', value: '{{ .SourceAMI }}' }] },
      'tags',
      'tag',
    );
    assert.deepEqual(ec2Tags(tags, { SourceAMI: 'ami-1' }), [
      { Key: 'Name', Value: 'web' },
      { Key: 'From', Value: 'ami-1' },
    ]);
    assert.deepEqual(
      [...tagMap({ run_volume_tag: [{ name: 'a', value: 'b' }] }, 'run_volume_tags', 'run_volume_tag')],
      [['a', 'b']],
    );
    assert.equal(
      renderBuildInfo('{{.BuildRegion}}/{{ .Nope }}', { BuildRegion: 'eu-west-1' }),
      'eu-west-1/{{ .Nope }}',
    );
  });
});

describe('source AMI and user data', () => {
  it('most_recent picks the newest creation date', () => {
    const images = [
      { ImageId: 'ami-a', CreationDate: '2024-01-02T00:00:00.000Z' },
      { ImageId: 'ami-b', CreationDate: '2025-06-01T00:00:00.000Z' },
      { ImageId: 'ami-c', CreationDate: '2023-12-31T00:00:00.000Z' },
    ];
    assert.equal(mostRecent(images).ImageId, 'ami-b');
  });

  it('user data already in base64 is sent as is, like Packer', () => {
    assert.equal(isBase64('IyEvYmluL3NoCg=='), true);
    assert.equal(isBase64('#!/bin/sh\necho hi'), false);
    assert.equal(isBase64('abc'), false);
  });
});

describe('artifact', () => {
  it("has Packer's id, text and state", () => {
    const a = amiArtifact(
      new Map([
        ['us-east-1', 'ami-1'],
        ['eu-west-1', 'ami-2'],
      ]),
      {} as Ec2,
      { SourceAMI: 'ami-0' },
    );
    assert.equal(a.builderId, 'mitchellh.amazonebs');
    assert.equal(a.id, 'eu-west-1:ami-2,us-east-1:ami-1');
    assert.equal(a.describe(), 'AMIs were created:\neu-west-1: ami-2\nus-east-1: ami-1\n');
    assert.deepEqual(a.files, []);
    assert.deepEqual(a.state['atlas.artifact.metadata'], {
      'region.us-east-1': 'ami-1',
      'region.eu-west-1': 'ami-2',
    });
  });
});
