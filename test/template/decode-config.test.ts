/** decodePluginConfig on the built-in qemu and null builders: HCL decoding, cty conversion, prepare. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { amazonEbsBuilder } from '../../src/builders/amazon/ebs-config.js';
import { nullBuilder } from '../../src/builders/null/config.js';
import { qemuBuilder } from '../../src/builders/qemu/config.js';
import { expandDynamicBlocks } from '../../src/hcl/dynblock.js';
import { decodePluginConfig } from '../../src/template/decode-config.js';
import { at, decodeText, firstBlocks, show, testContext } from './decode-helpers.js';

const qemu = (body: string) => decodeText(qemuBuilder, { 'q.pkr.hcl': `source "qemu" "x" {\n${body}\n}\n` });

/** A qemu source that passes prepare, to which a test adds one line. */
const VALID = 'iso_url = "http://x/y.iso"\n  iso_checksum = "sha256:0123"\n  communicator = "none"';

describe('decodePluginConfig: HCL decoding', () => {
  test('a typo is "Unsupported argument" with a suggestion, at the argument name', () => {
    const r = qemu(`${VALID}\n  ssh_timout = "5m"`);
    assert.deepEqual(show(r.diags), [
      'error Unsupported argument @5:3-5:13: An argument named "ssh_timout" is not expected here. Did you mean "ssh_timeout"?',
    ]);
  });

  test('a wrong type is "Incorrect attribute value type" at the value, in cty words', () => {
    const r = qemu(`${VALID}\n  memory = "lots"\n  headless = "maybe"`);
    assert.deepEqual(show(r.diags), [
      'error Incorrect attribute value type @5:12-5:18: Inappropriate value for attribute "memory": a number is required.',
      'error Incorrect attribute value type @6:14-6:21: Inappropriate value for attribute "headless": a bool is required.',
    ]);
  });

  test('a wrong element type points at the element inside the list', () => {
    const r = qemu(`${VALID}\n  qemuargs = [["-m", "1G"], ["-smp", {}]]`);
    assert.deepEqual(show(r.diags), [
      'error Incorrect attribute value type @5:38-5:40: Inappropriate value for attribute "qemuargs": element 1: element 1: string required.',
    ]);
  });

  test('cty conversions: "true" to bool, 5 to "5", "7" to 7, a tuple to a list', () => {
    const r = qemu(
      `${VALID}\n  headless = "true"\n  disk_size = 5\n  cpus = var.n\n  boot_command = ["a", 1]`,
    );
    assert.deepEqual(r.diags, []);
    assert.equal(r.config.headless, true);
    assert.equal(r.config.disk_size, '5');
    assert.equal(r.config.cpus, 7);
    assert.deepEqual(r.config.boot_command, ['a', '1']);
  });

  test('a nested block decodes into an object; an unknown argument inside is reported there', () => {
    const r = qemu(`${VALID}\n  qemu_img_args {\n    create = ["-o", "x"]\n    resise = []\n  }`);
    assert.deepEqual(show(r.diags), [
      'error Unsupported argument @7:5-7:11: An argument named "resise" is not expected here. Did you mean "resize"?',
    ]);
    const ok = qemu(`${VALID}\n  qemu_img_args {\n    create = ["-o", "x"]\n  }`);
    assert.deepEqual(ok.config.qemu_img_args, { create: ['-o', 'x'] });
  });

  test('a single block given twice is "Duplicate … block" at the second', () => {
    const r = qemu(`${VALID}\n  qemu_img_args {}\n  qemu_img_args {}`);
    assert.deepEqual(show(r.diags), [
      'error Duplicate qemu_img_args block @6:3-6:16: Only one block of type "qemu_img_args" is allowed. Previous definition was at q.pkr.hcl:5,3-16.',
    ]);
  });

  test('defaults from the schema fill what the template leaves unset', () => {
    const r = qemu(VALID);
    assert.deepEqual(r.diags, []);
    assert.equal(r.config.memory, 512);
    assert.equal(r.config.format, 'qcow2');
    assert.equal(r.config.ssh_port, 22);
    assert.equal(r.config.http_port_min, 8000);
  });

  test('a deprecated argument warns at its name', () => {
    const r = qemu(`${VALID}\n  ssh_host_port_min = 3000`);
    assert.deepEqual(show(r.diags), [
      'warning Deprecated argument @5:3-5:20: ssh_host_port_min is deprecated and is being replaced by host_port_min. Please, update your template to use host_port_min. In future versions of Packer, inclusion of ssh_host_port_min will error your builds.',
    ]);
    assert.equal(r.config.host_port_min, 3000);
  });

  test('an evaluation error is reported once, and the argument is left out', () => {
    const r = qemu(`${VALID}\n  memory = var.nope`);
    assert.equal(r.diags.length, 1);
    assert.equal(r.diags[0]!.summary, 'Unsupported attribute');
    assert.equal(r.config.memory, 512);
  });
});

describe('decodePluginConfig: values unknown until build time', () => {
  test('are kept out of the data, skip type checks, and do not fail prepare', () => {
    const r = qemu(
      `communicator = "none"\n  iso_url = var.unknown\n  iso_checksum = var.unknown\n  memory = var.unknown`,
    );
    assert.deepEqual(r.diags, []);
    assert.deepEqual([...r.unknown].sort(), ['iso_checksum', 'iso_url', 'memory']);
    assert.equal('iso_url' in (r.config as object), false);
    assert.equal('memory' in (r.config as object), false);
  });

  test('a partly unknown list is unknown as a whole', () => {
    const r = qemu(`${VALID}\n  boot_command = ["<esc>", var.unknown]`);
    assert.deepEqual(r.diags, []);
    assert.deepEqual([...r.unknown], ['boot_command']);
  });
});

describe('decodePluginConfig: build-level fills', () => {
  const source = 'source "qemu" "x" {\n  iso_url = "http://x/y.iso"\n  communicator = "none"\n}\n';

  test('a fill sets what the source left unset', () => {
    const r = decodeText(qemuBuilder, {
      'a.pkr.hcl': source,
      'b.pkr.hcl': 'fill "source.qemu.x" {\n  iso_checksum = "md5:0123"\n}\n',
    });
    assert.deepEqual(r.diags, []);
    assert.equal(r.config.iso_checksum, 'md5:0123');
    assert.equal(r.ranges.attribute('iso_checksum')?.filename, 'b.pkr.hcl');
  });

  test('a fill redefining an argument is "Duplicate argument" at the later one', () => {
    const r = decodeText(qemuBuilder, {
      'a.pkr.hcl': source,
      'b.pkr.hcl': 'fill "source.qemu.x" {\n  iso_checksum = "md5:0123"\n  communicator = "ssh"\n}\n',
    });
    assert.deepEqual(show(r.diags), [
      'error Duplicate argument @3:3-3:15: Argument "communicator" was already set at a.pkr.hcl:3,3-15',
    ]);
    assert.equal(r.diags[0]!.subject?.filename, 'b.pkr.hcl');
  });
});

describe('decodePluginConfig: prepare', () => {
  test('errors point at the attribute value they concern', () => {
    const r = qemu(`${VALID}\n  format = "vhd"\n  accelerator = "fast"\n  disk_size = "10Q"`);
    assert.deepEqual(show(r.diags), [
      'error Invalid disk size. @7:15-7:20: Give a number of MiB, or a number with a unit: 10G.',
      "error invalid format, only 'qcow2', 'raw' or 'vmdk' are allowed @5:12-5:17: ",
      "error invalid accelerator, only 'kvm', 'tcg', 'xen', 'hax', 'hvf', 'whpx', or 'none' are allowed @6:17-6:23: ",
    ]);
    assert.equal(at(r.diags[1]!.context), '5:3-5:17');
  });

  test('an error about a missing option points at the block header', () => {
    const r = qemu('iso_url = "http://x/y.iso"\n  communicator = "none"');
    assert.deepEqual(show(r.diags), [
      'error A checksum must be specified @1:1-1:18: Set iso_checksum (or "none" to skip the check).',
    ]);
  });

  test('a Go duration that does not parse is reported at the value', () => {
    const r = qemu(`${VALID}\n  boot_wait = "10"`);
    assert.deepEqual(show(r.diags), [
      'error error decoding \'boot_wait\': time: missing unit in duration "10" @5:15-5:19: A duration is a number with a unit, such as "300ms", "1.5h" or "2h45m".',
    ]);
  });

  test('a Go template value is checked only once rendered (not at validate time)', () => {
    const r = qemu(`${VALID}\n  format = "{{user \`fmt\`}}"`);
    assert.deepEqual(r.diags, []);
  });

  test('does not run when decoding failed', () => {
    const r = qemu('memory = "x"');
    assert.deepEqual(
      r.diags.map((d) => d.summary),
      ['Incorrect attribute value type'],
    );
  });

  test('null builder: ssh needs a host, a user and one authentication method', () => {
    const r = decodeText(nullBuilder, { 'n.pkr.hcl': 'source "null" "x" {\n  ssh_password = "p"\n}\n' });
    assert.deepEqual(
      r.diags.map((d) => d.summary),
      [
        'An ssh_username must be specified\n  Note: some builders used to default ssh_username to "root".',
        'a Host must be specified, please reference your communicator documentation',
        'a Username must be specified, please reference your communicator documentation',
      ],
    );
    const none = decodeText(nullBuilder, {
      'n.pkr.hcl': 'source "null" "x" {\n  communicator = "none"\n}\n',
    });
    assert.deepEqual(none.diags, []);
    const both = decodeText(nullBuilder, {
      'n.pkr.hcl':
        'source "null" "x" {\n  ssh_host = "h"\n  ssh_username = "u"\n  ssh_password = "p"\n  ssh_agent_auth = true\n}\n',
    });
    assert.deepEqual(show(both.diags), [
      'error only one of ssh_agent_auth, ssh_password, and ssh_private_key_file must be specified @5:20-5:24: ',
    ]);
  });
});

describe('decodePluginConfig: sensitive values', () => {
  test('never appear in diagnostics', () => {
    const r = qemu(`${VALID}\n  memory = var.secret\n  format = var.secret`);
    const text = JSON.stringify(r.diags);
    assert.equal(text.includes('hunter2'), false);
    assert.deepEqual(
      r.diags.map((d) => d.summary),
      ['Incorrect attribute value type'],
    );
    const prepared = qemu(`${VALID}\n  format = var.secret`);
    assert.deepEqual(
      prepared.diags.map((d) => d.summary),
      ["invalid format, only 'qcow2', 'raw' or 'vmdk' are allowed"],
    );
    assert.deepEqual([...prepared.sensitive], ['format']);
  });
});

describe('decodePluginConfig: JSON syntax', () => {
  test('a .pkr.json source decodes the same way', () => {
    const r = decodeText(qemuBuilder, {
      'q.pkr.json': JSON.stringify({
        source: {
          qemu: {
            x: { iso_url: 'u', iso_checksum: 'none', communicator: 'none', headless: 'true', memri: 1 },
          },
        },
      }),
    });
    assert.deepEqual(
      r.diags.map((d) => `${d.summary}: ${d.detail}`),
      ['Extraneous JSON object property: No argument or block type is named "memri". Did you mean "memory"?'],
    );
  });
});

describe('decodePluginConfig: legacy JSON templates decode weakly typed, as Packer does', () => {
  const legacy = (source: Record<string, unknown>) =>
    decodeText(
      amazonEbsBuilder,
      { 'packer.pkr.json': JSON.stringify({ source: { 'amazon-ebs': { x: source } } }) },
      testContext(),
      { weaklyTyped: true },
    );
  const base = { ami_name: 'abc', source_ami: 'ami-1', instance_type: 't3.micro', communicator: 'none' };

  test('a string for a list is split on commas; single values become lists of one', () => {
    const r = legacy({ ...base, ami_groups: 'all', ami_regions: 'us-east-1,eu-west-1', ami_users: '' });
    assert.deepEqual(r.diags, []);
    assert.deepEqual(r.config.ami_groups, ['all']);
    assert.deepEqual(r.config.ami_regions, ['us-east-1', 'eu-west-1']);
    assert.deepEqual(r.config.ami_users, []);
  });

  test("numbers and Go's bool words for bools", () => {
    const r = legacy({ ...base, ena_support: 1, encrypt_boot: 'F', force_deregister: 'T' });
    assert.deepEqual(r.diags, []);
    assert.equal(r.config.ena_support, true);
    assert.equal(r.config.encrypt_boot, false);
    assert.equal(r.config.force_deregister, true);
  });

  test('"" is zero or false, at every level: in blocks, list elements and map values too', () => {
    const r = legacy({
      ...base,
      ssh_port: '',
      ami_block_device_mappings: [{ device_name: '/dev/sdb', volume_size: '', encrypted: '1' }],
      run_tags: { flag: true },
    });
    assert.deepEqual(r.diags, []);
    const [mapping] = r.config.ami_block_device_mappings as Record<string, unknown>[];
    assert.equal(mapping!.volume_size, 0);
    assert.equal(mapping!.encrypted, true);
    assert.deepEqual(r.config.run_tags, { flag: '1' });
  });

  test('HCL templates keep cty rules: a string is not a list', () => {
    const r = decodeText(amazonEbsBuilder, {
      'packer.pkr.json': JSON.stringify({ source: { 'amazon-ebs': { x: { ...base, ami_groups: 'all' } } } }),
    });
    assert.deepEqual(
      r.diags.map((d) => d.detail),
      ['Inappropriate value for attribute "ami_groups": list of string required.'],
    );
  });
});

describe('decodePluginConfig: dynamic blocks (expanded by the HCL dynblock wrapper)', () => {
  const base =
    'ami_name = "abc"\n  source_ami = "ami-1"\n  instance_type = "t3.micro"\n  communicator = "none"';
  const decodeDynamic = (body: string) => {
    const [block] = firstBlocks({ 'd.pkr.hcl': `source "amazon-ebs" "x" {\n  ${base}\n${body}\n}\n` });
    const ctx = testContext();
    return decodePluginConfig(amazonEbsBuilder, [expandDynamicBlocks(block!.body, ctx)], ctx, {
      declRange: block!.defRange,
    });
  };

  test('a known for_each gives one block element per item', () => {
    const r = decodeDynamic(
      '  dynamic "tag" {\n    for_each = { Name = "web", Team = "ops" }\n    content {\n      key = tag.key\n      value = tag.value\n    }\n  }',
    );
    assert.deepEqual(r.diags, []);
    assert.deepEqual(r.config.tag, [
      { key: 'Name', value: 'web' },
      { key: 'Team', value: 'ops' },
    ]);
  });

  test('an unknown for_each leaves the elements unknown, without errors', () => {
    const r = decodeDynamic(
      '  dynamic "tag" {\n    for_each = var.unknown\n    content {\n      key = tag.key\n      value = tag.value\n    }\n  }',
    );
    assert.deepEqual(r.diags, []);
    assert.deepEqual([...r.unknown].sort(), ['tag.0.key', 'tag.0.value']);
  });

  test('a typo inside the content is reported at its name', () => {
    const r = decodeDynamic(
      '  dynamic "tag" {\n    for_each = { a = "b" }\n    content {\n      kee = tag.key\n    }\n  }',
    );
    assert.deepEqual(show(r.diags), [
      'error Unsupported argument @9:7-9:10: An argument named "kee" is not expected here. Did you mean "key"?',
    ]);
  });
});
