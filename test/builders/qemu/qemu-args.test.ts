/** The qemu-system argv builders against exact argument lists (Packer's defaults and override rules). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyQemuArgs,
  defaultQemuArgs,
  type QemuArgsSpec,
  renderQemuArgs,
} from '../../../src/builders/qemu/qemu-args.js';

const base: QemuArgsSpec = {
  vmName: 'packer-x',
  bootFromDisk: true,
  machineType: 'pc',
  accelerator: 'tcg',
  memory: 512,
  cpus: 1,
  hostForward: { bindAddress: '127.0.0.1', hostPort: 3000, guestPort: 22 },
  netDevice: 'virtio-net',
  disks: ['out/packer-x'],
  diskInterface: 'virtio',
  diskCache: 'writeback',
  diskDiscard: 'ignore',
  detectZeroes: 'off',
  format: 'qcow2',
  vnc: { bindAddress: '127.0.0.1', port: 5901 },
  headless: true,
  serialLogPath: 'tmp/console.log',
  rng: true,
};

const defaultArgv = [
  '-name',
  'packer-x',
  '-machine',
  'type=pc,accel=tcg',
  '-m',
  '512M',
  '-boot',
  'c',
  '-netdev',
  'user,id=user.0,hostfwd=tcp:127.0.0.1:3000-:22',
  '-device',
  'virtio-net,netdev=user.0',
  '-device',
  'virtio-rng-pci',
  '-drive',
  'file=out/packer-x,if=virtio,cache=writeback,discard=ignore,format=qcow2',
  '-vnc',
  '127.0.0.1:1',
  '-serial',
  'file:tmp/console.log',
];

const argv = (spec: Partial<QemuArgsSpec>, qemuargs: string[][] = []) =>
  applyQemuArgs(defaultQemuArgs({ ...base, ...spec }), qemuargs, spec.netDevice ?? base.netDevice);

describe('qemu-system argv', () => {
  const cases: Array<{ name: string; spec?: Partial<QemuArgsSpec>; qemuargs?: string[][]; want: string[] }> =
    [
      { name: 'defaults for a disk image', want: defaultArgv },
      {
        name: 'ISO boot, CPUs, CPU model, no rng, no serial file, accelerator none',
        spec: {
          bootFromDisk: false,
          cpus: 2,
          cpuModel: 'max',
          rng: false,
          serialLogPath: undefined,
          accelerator: 'none',
          cdPaths: ['iso/x.iso'],
        },
        want: [
          '-name',
          'packer-x',
          '-machine',
          'type=pc',
          '-cpu',
          'max',
          '-m',
          '512M',
          '-smp',
          '2',
          '-boot',
          'once=d',
          '-netdev',
          'user,id=user.0,hostfwd=tcp:127.0.0.1:3000-:22',
          '-device',
          'virtio-net,netdev=user.0',
          '-drive',
          'file=out/packer-x,if=virtio,cache=writeback,discard=ignore,format=qcow2',
          '-drive',
          'file=iso/x.iso,media=cdrom',
          '-vnc',
          '127.0.0.1:1',
        ],
      },
      {
        name: 'topology, virtio-scsi disks + CD, detect-zeroes, no VNC headless, communicator none',
        spec: {
          cpus: 4,
          sockets: 2,
          cores: 2,
          threads: 1,
          diskInterface: 'virtio-scsi',
          disks: ['o/a', 'o/a-1'],
          detectZeroes: 'unmap',
          cdPaths: ['cd.iso'],
          cdromInterface: 'virtio-scsi',
          vnc: undefined,
          hostForward: undefined,
          rng: false,
          serialLogPath: undefined,
        },
        want: [
          '-name',
          'packer-x',
          '-machine',
          'type=pc,accel=tcg',
          '-m',
          '512M',
          '-smp',
          '4,sockets=2,cores=2,threads=1',
          '-boot',
          'c',
          '-netdev',
          'user,id=user.0',
          '-device',
          'virtio-scsi-pci,id=scsi0',
          '-device',
          'scsi-hd,bus=scsi0.0,drive=drive0',
          '-device',
          'scsi-hd,bus=scsi0.0,drive=drive1',
          '-device',
          'virtio-net,netdev=user.0',
          '-device',
          'scsi-cd,bus=scsi0.0,drive=cdrom0',
          '-drive',
          'if=none,file=o/a,id=drive0,cache=writeback,discard=ignore,format=qcow2,detect-zeroes=unmap',
          '-drive',
          'if=none,file=o/a-1,id=drive1,cache=writeback,discard=ignore,format=qcow2,detect-zeroes=unmap',
          '-drive',
          'file=cd.iso,if=none,id=cdrom0,media=cdrom',
          '-display',
          'none',
        ],
      },
      {
        name: 'EFI pflash pair, VNC password, bridge, vga, GUI display, QMP',
        spec: {
          efi: { code: '/fw/OVMF_CODE.fd', vars: 'o/efivars.fd' },
          vnc: { bindAddress: '0.0.0.0', port: 5999, password: true },
          netBridge: 'br0',
          vga: 'std',
          headless: false,
          qmpSocketPath: 'o/qmp.sock',
          rng: false,
          serialLogPath: undefined,
        },
        want: [
          '-name',
          'packer-x',
          '-machine',
          'type=pc,accel=tcg',
          '-m',
          '512M',
          '-boot',
          'c',
          '-netdev',
          'bridge,id=user.0,br=br0',
          '-device',
          'virtio-net,netdev=user.0',
          '-drive',
          'file=out/packer-x,if=virtio,cache=writeback,discard=ignore,format=qcow2',
          '-drive',
          'file=/fw/OVMF_CODE.fd,if=pflash,unit=0,format=raw,readonly=on',
          '-drive',
          'file=o/efivars.fd,if=pflash,unit=1,format=raw',
          '-vnc',
          '0.0.0.0:99,password=on',
          '-display',
          'gtk',
          '-vga',
          'std',
          '-qmp',
          'unix:o/qmp.sock,server,nowait',
        ],
      },
      {
        name: 'firmware with -bios',
        spec: {
          firmware: 'bios.bin',
          rng: false,
          serialLogPath: undefined,
          vnc: undefined,
          hostForward: undefined,
        },
        want: [
          '-name',
          'packer-x',
          '-machine',
          'type=pc,accel=tcg',
          '-m',
          '512M',
          '-boot',
          'c',
          '-netdev',
          'user,id=user.0',
          '-device',
          'virtio-net,netdev=user.0',
          '-drive',
          'file=out/packer-x,if=virtio,cache=writeback,discard=ignore,format=qcow2',
          '-bios',
          'bios.bin',
          '-display',
          'none',
        ],
      },
      {
        name: 'qemuargs replace a flag in place, accumulate repeats, join a row, add bare and new flags',
        qemuargs: [
          ['-m', '1024M'],
          ['-netdev', 'user,id=user.0,', 'hostfwd=tcp::2222-:22'],
          ['-kernel', 'vmlinuz'],
          ['-append', 'root=/dev/vda console=ttyS0'],
          ['-no-reboot'],
          ['-serial', 'file:a.log'],
          ['-serial', 'mon:stdio'],
        ],
        want: [
          '-name',
          'packer-x',
          '-machine',
          'type=pc,accel=tcg',
          '-m',
          '1024M',
          '-boot',
          'c',
          '-netdev',
          'user,id=user.0,hostfwd=tcp::2222-:22',
          '-device',
          'virtio-net,netdev=user.0',
          '-device',
          'virtio-rng-pci',
          '-drive',
          'file=out/packer-x,if=virtio,cache=writeback,discard=ignore,format=qcow2',
          '-vnc',
          '127.0.0.1:1',
          '-serial',
          'file:a.log',
          '-serial',
          'mon:stdio',
          '-kernel',
          'vmlinuz',
          '-append',
          'root=/dev/vda console=ttyS0',
          '-no-reboot',
        ],
      },
      {
        name: 'overriding -device drops rng and disk devices but re-adds the NIC (Packer #6804)',
        qemuargs: [['-device', 'virtio-rng-pci']],
        want: defaultArgv
          .join('\n')
          .replace(
            '-device\nvirtio-net,netdev=user.0\n-device\nvirtio-rng-pci',
            '-device\nvirtio-rng-pci\n-device\nvirtio-net,netdev=user.0',
          )
          .split('\n'),
      },
      {
        name: 'a -device row naming the NIC keeps only the template devices',
        qemuargs: [['-device', 'virtio-net-pci,netdev=user.0']],
        want: defaultArgv
          .join('\n')
          .replace(
            '-device\nvirtio-net,netdev=user.0\n-device\nvirtio-rng-pci',
            '-device\nvirtio-net-pci,netdev=user.0',
          )
          .split('\n'),
      },
      {
        name: 'a bare flag that has a default drops the default value',
        qemuargs: [['-vnc']],
        want: defaultArgv.filter((a) => a !== '127.0.0.1:1'),
      },
    ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(argv(c.spec ?? {}, c.qemuargs ?? []), c.want);
    });
  }

  it('the NIC re-added after -device override sits among the devices', () => {
    const out = argv({}, [['-device', 'virtio-rng-pci']]);
    const devices = out.flatMap((a, i) => (a === '-device' ? [out[i + 1]] : []));
    assert.deepEqual(devices, ['virtio-rng-pci', 'virtio-net,netdev=user.0']);
  });
});

describe('qemuargs template data', () => {
  const data = {
    HTTPIP: '10.0.2.2',
    HTTPPort: 8100,
    HTTPDir: 'http',
    OutputDir: 'out',
    Name: 'vm',
    SSHHostPort: 3022,
  };
  it('renders {{ .Field }} references with and without spaces', () => {
    assert.deepEqual(
      renderQemuArgs(
        [
          ['-netdev', 'user,id=user.0,hostfwd=tcp::{{ .SSHHostPort }}-:22'],
          ['-name', '{{.Name}}-{{ .HTTPIP }}:{{ .HTTPPort }}'],
        ],
        data,
      ),
      [
        ['-netdev', 'user,id=user.0,hostfwd=tcp::3022-:22'],
        ['-name', 'vm-10.0.2.2:8100'],
      ],
    );
  });
  it('rejects an unknown reference, naming the row', () => {
    assert.throws(
      () =>
        renderQemuArgs(
          [
            ['-m', '1G'],
            ['-x', '{{ .Nope }}'],
          ],
          data,
        ),
      /qemuargs\[1\]: cannot render \{\{ \.Nope \}\}/,
    );
  });
});
