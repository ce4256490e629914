/** Packer's BootConfig.Prepare wait check, at the element, for the builders using the VNC boot config. */
import { describe } from 'node:test';
import { qemuBuilder } from '../../../src/builders/qemu/config.js';
import { prepareTable } from '../prepare-table.js';

// Lines 2-4 of the block; a case's first added line is line 5.
const VALID = 'iso_url = "http://example.test/x.iso"\niso_checksum = "sha256:abc"\nssh_username = "root"';

describe('boot command waits must be positive', () => {
  prepareTable(qemuBuilder, 'source "qemu" "x"', VALID, [
    { name: 'positive waits pass', body: 'boot_command = ["<wait><wait5><wait500ms><wait1m30s>"]', want: [] },
    {
      name: 'zero and negative waits are errors at their element',
      body: 'boot_command = ["<esc>", "<wait0>", "x<wait-1s>"]',
      want: [
        'Expecting a positive wait value. Got 0s @5:26',
        'Expecting a positive wait value. Got -1s @5:37',
      ],
    },
    {
      name: 'in boot_steps too',
      body: 'boot_steps = [["<wait0ms>", "nothing"]]',
      want: ['Expecting a positive wait value. Got 0s @5:16'],
    },
    // Not a wait in Packer's grammar: typed as text, so no error.
    { name: '<wait05> is text', body: 'boot_command = ["<wait05>"]', want: [] },
  ]);
});
