/** The amazon-ebs builder's configuration checks (packer-plugin-amazon's Prepare), each at its attribute. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { amazonEbsBuilder } from '../../src/builders/amazon/ebs-config.js';
import { decodeText } from '../template/decode-helpers.js';
import { prepareTable } from './prepare-table.js';

// Lines 2-5 of the block; a case's first added line is line 6.
const VALID =
  'ami_name = "golden-{{timestamp}}"\nsource_ami = "ami-123"\ninstance_type = "t3.micro"\nssh_username = "ubuntu"';

describe('amazon-ebs prepare', () => {
  prepareTable(amazonEbsBuilder, 'source "amazon-ebs" "x"', VALID, [
    {
      name: 'a complete source passes (region may come from the environment)',
      body: 'tags = { Name = "x" }',
      want: [],
    },
    {
      name: "nothing set: Packer's four errors and the communicator's",
      body: '',
      replace: true,
      want: [
        'ami_name must be specified @1:1',
        'ami_name must be between 3 and 128 characters long @1:1',
        'A source_ami or source_ami_filter must be specified @1:1',
        'For security reasons, your source AMI filter must declare an owner. @1:1',
        'either instance_type or spot_instance_types must be specified @1:1',
        'An ssh_username must be specified\n  Note: some builders used to default ssh_username to "root". @1:1',
      ],
    },
    {
      name: 'ami_name too short and with bad characters',
      body: 'ami_name = "a!"\nsource_ami = "ami-1"\ninstance_type = "t3.micro"\nssh_username = "u"',
      replace: true,
      want: [
        'ami_name must be between 3 and 128 characters long @2:12',
        "AMIName should only contain alphanumeric characters, parentheses (()), square brackets ([]), spaces ( ), periods (.), slashes (/), dashes (-), single quotes ('), at-signs (@), or underscores(_). You can use the `clean_resource_name` template filter to automatically clean your ami name. @2:12",
      ],
    },
    {
      name: 'a source AMI filter with owners replaces source_ami',
      body: 'ami_name = "abc"\nsource_ami_filter {\n  filters = { name = "ubuntu/*" }\n  owners = ["099720109477"]\n  most_recent = true\n}\ninstance_type = "t3.micro"\nssh_username = "u"',
      replace: true,
      want: [],
    },
    {
      name: 'a source AMI filter without owners',
      body: 'ami_name = "abc"\nsource_ami_filter {\n  filters = { name = "ubuntu/*" }\n}\ninstance_type = "t3.micro"\nssh_username = "u"',
      replace: true,
      want: ['For security reasons, your source AMI filter must declare an owner. @3:1'],
    },
    {
      name: 'access_key without secret_key',
      body: 'access_key = "AKIA"',
      want: ['`access_key` and `secret_key` must both be either set or not set. @6:14'],
    },
    {
      name: 'kms_key_id without encrypt_boot',
      body: 'kms_key_id = "alias/x"',
      want: [
        'If you have set either region_kms_key_ids or kms_key_id, encrypt_boot must also be true. @6:14',
      ],
    },
    {
      name: 'instance_type and spot_instance_types',
      body: 'spot_instance_types = ["t3.micro"]',
      want: ['either instance_type or spot_instance_types must be specified, not both @6:23'],
    },
    {
      name: 'spot tags without a spot price',
      body: 'spot_tags = { a = "b" }',
      want: ['spot_tags should not be set when not requesting a spot instance @6:13'],
    },
    {
      name: 'metadata options',
      body: 'metadata_options {\n  http_tokens = "always"\n  http_put_response_hop_limit = 65\n}',
      want: [
        'http_tokens requires either optional or required as its value @7:17',
        'http_put_response_hop_limit requires a number between 1 and 64 @8:33',
      ],
    },
    {
      name: 'block device mappings: device_name and gp3-only throughput',
      body: 'launch_block_device_mappings {\n  volume_size = 20\n}\nlaunch_block_device_mappings {\n  device_name = "/dev/sdb"\n  volume_type = "gp2"\n  throughput = 300\n}',
      want: [
        'The `device_name` must be specified for every device in the block device mapping. @6:1',
        'Throughput is only valid for gp3 volumes, "/dev/sdb" is of type gp2 @12:16',
      ],
    },
    {
      name: 'tag blocks and the tags map together',
      body: 'tag {\n  key = "Name"\n  value = "x"\n}\nrun_tag {\n  key = "a"\n  value = "b"\n}',
      want: [],
    },
    {
      name: 'shutdown_behavior and ssh_interface',
      body: 'shutdown_behavior = "halt"\nssh_interface = "serial"',
      want: [
        'Unknown interface type: serial @7:17',
        "shutdown_behavior only accepts 'stop' or 'terminate' values. @6:21",
      ],
    },
    {
      name: 'ssh_keypair_name needs a private key or the agent',
      body: 'ssh_keypair_name = "mine"',
      want: [
        'ssh_private_key_file must be provided or ssh_agent_auth enabled when ssh_keypair_name is specified. @6:20',
      ],
    },
    {
      name: 'deprecated enable_t2_unlimited warns',
      body: 'enable_t2_unlimited = true',
      want: ['warning: Deprecated argument @6:1'],
    },
  ]);
});

test('amazon-ebs: nested block options reach the config', () => {
  const r = decodeText(amazonEbsBuilder, {
    'e.pkr.hcl': `source "amazon-ebs" "x" {\n${VALID}\nlaunch_block_device_mappings {\n  device_name = "/dev/sda1"\n  volume_size = "40"\n  delete_on_termination = true\n}\n}\n`,
  });
  assert.deepEqual(r.diags, []);
  assert.deepEqual(r.config.launch_block_device_mappings, [
    { device_name: '/dev/sda1', volume_size: 40, delete_on_termination: true },
  ]);
});
