/** The qemu builder's configuration checks (Packer's qemu Config.Prepare), each at its attribute. */
import { describe } from 'node:test';
import { qemuBuilder } from '../../src/builders/qemu/config.js';
import { prepareTable } from './prepare-table.js';

// Lines 2-4 of the block; a case's first added line is line 5.
const VALID = 'iso_url = "http://example.test/x.iso"\niso_checksum = "sha256:abc"\nssh_username = "root"';

describe('qemu prepare', () => {
  prepareTable(qemuBuilder, 'source "qemu" "x"', VALID, [
    {
      name: 'a complete source passes',
      body: 'format = "raw"\naccelerator = "kvm"\ndisk_size = "20G"',
      want: [],
    },
    { name: 'vmdk is an output format here', body: 'format = "vmdk"', want: [] },
    {
      name: 'unknown format',
      body: 'format = "vhd"',
      want: ["invalid format, only 'qcow2', 'raw' or 'vmdk' are allowed @5:10"],
    },
    {
      name: 'unknown accelerator',
      body: 'accelerator = "fast"',
      want: [
        "invalid accelerator, only 'kvm', 'tcg', 'xen', 'hax', 'hvf', 'whpx', or 'none' are allowed @5:15",
      ],
    },
    { name: 'bad disk size', body: 'disk_size = "10 GB"', want: ['Invalid disk size. @5:13'] },
    { name: 'a disk size in MiB as a number', body: 'disk_size = 10240', want: [] },
    {
      name: 'disk interface, cache, discard, detect zeroes',
      body: 'disk_interface = "nvme"\ndisk_cache = "fast"\ndisk_discard = "yes"\ndisk_detect_zeroes = "maybe"',
      want: [
        'unrecognized disk interface type @5:18',
        'unrecognized disk cache type @6:14',
        'unrecognized disk discard type @7:16',
        'unrecognized disk detect zeroes setting @8:22',
      ],
    },
    {
      name: 'no ISO: Packer stops at that error (no checksum error)',
      body: 'ssh_username = "root"',
      replace: true,
      want: ['One of iso_url or iso_urls must be specified @1:1'],
    },
    {
      name: 'both iso_url and iso_urls',
      body: 'iso_urls = ["a", "b"]',
      want: ['Only one of iso_url or iso_urls must be specified @5:12'],
    },
    {
      name: 'iso_skip_cache needs no checksum',
      body: 'iso_url = "u"\niso_skip_cache = true\nssh_username = "root"',
      replace: true,
      want: [],
    },
    {
      name: 'use_backing_file needs a qcow2 disk_image',
      body: 'use_backing_file = true',
      want: ['use_backing_file can only be enabled for QCOW2 images and when disk_image is true @5:20'],
    },
    {
      name: 'skip_resize_disk needs disk_image',
      body: 'skip_resize_disk = true',
      want: ['skip_resize_disk can only be used when disk_image is true @5:20'],
    },
    {
      name: 'negative cpus',
      body: 'cpus = -1',
      want: ['cpus must be a positive number @5:8'],
    },
    {
      name: 'VNC ports',
      body: 'vnc_port_min = 5000\nvnc_port_max = 4000',
      want: ['vnc_port_min cannot be below 5900 @5:16', 'vnc_port_min must be less than vnc_port_max @5:16'],
    },
    {
      name: 'boot_command with boot_steps',
      body: 'boot_command = ["<enter>"]\nboot_steps = [["<enter>", "go"]]',
      want: ['boot_command and boot_steps cannot be used together @6:14'],
    },
    {
      name: 'boot_command with VNC disabled',
      body: 'boot_command = ["<enter>"]\ndisable_vnc = true',
      want: ['A boot command cannot be used when vnc is disabled. @5:16'],
    },
    {
      name: 'HTTP server ports and directory/content',
      body: 'http_port_min = 9000\nhttp_port_max = 8000\nhttp_directory = "http"\nhttp_content = { "/a" = "b" }',
      want: [
        'http_port_min must be less than http_port_max @5:17',
        'http_content cannot be used in conjunction with http_dir. Consider using the file function to load file in memory and serve them with http_content: https://www.packer.io/docs/templates/hcl_templates/functions/file/file @8:16',
      ],
    },
    {
      name: "ssh communicator without a user (and Packer's warning about no checksum)",
      body: 'iso_url = "u"\niso_checksum = "none"',
      replace: true,
      want: [
        "warning: A checksum of 'none' was specified. Since ISO files are so big,\na checksum is highly recommended. @3:16",
        'An ssh_username must be specified\n  Note: some builders used to default ssh_username to "root". @1:1',
      ],
    },
    {
      name: 'unknown communicator',
      body: 'communicator = "telnet"',
      want: ['Communicator type telnet is invalid @5:16'],
    },
    {
      name: 'ssh options that need each other',
      body: 'ssh_certificate_file = "c"\nssh_file_transfer_method = "ftp"\nssh_bastion_host = "b"\nssh_proxy_host = "p"',
      want: [
        'ssh_private_key_file must be specified if ssh_certificate_file is specified @5:24',
        'ssh_bastion_password, ssh_bastion_private_key_file or ssh_bastion_agent_auth must be specified @7:20',
        "ssh_file_transfer_method ('ftp') is invalid, valid methods: sftp, scp @6:28",
        'please specify either ssh_bastion_host or ssh_proxy_host, not both @8:18',
      ],
    },
    {
      name: 'durations are Go durations',
      body: 'ssh_timeout = "5 minutes"\nshutdown_timeout = "1h30m"',
      want: ['error decoding \'ssh_timeout\': time: unknown unit " minutes" in duration "5 minutes" @5:15'],
    },
    {
      name: 'deprecated ssh_host_port_min warns',
      body: 'ssh_host_port_min = 2222',
      want: ['warning: Deprecated argument @5:1'],
    },
  ]);
});

describe('qemu boot command keys', () => {
  prepareTable(qemuBuilder, 'source "qemu" "x"', VALID, [
    {
      name: 'known keys, waits, held keys and plain text pass',
      body: 'boot_command = ["<esc><wait5><wait1m30s><leftAltOn>x<leftAltOff><aOn>", "linux ks=http://{{ .HTTPIP }}/ks.cfg<enter>", "<br> cat <<EOF"]',
      want: [],
    },
    {
      name: 'a misspelt key warns at its element',
      body: 'boot_command = ["<esc>", "text<enterr>", "<leftAltOnn>"]',
      want: ['warning: Unknown boot command key <enterr> @5:26'],
    },
    {
      name: 'in boot_steps too',
      body: 'boot_steps = [["<tabb>", "go"]]',
      want: ['warning: Unknown boot command key <tabb> @5:16'],
    },
  ]);
});
