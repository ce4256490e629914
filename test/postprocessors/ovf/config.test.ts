/** The ovf post-processor's configuration checks. */
import { describe } from 'node:test';
import { ovfPostProcessor } from '../../../src/postprocessors/ovf/config.js';
import { prepareTable } from '../../builders/prepare-table.js';

describe('ovf prepare', () => {
  prepareTable(ovfPostProcessor, 'source "ovf" "p"', 'format = "ova"', [
    {
      name: 'passes with every option',
      body: 'cpus = 2\nmemory = 1024\nos_type = "debian_64"\nnetwork = ""\ndisk_controller = "scsi"\nmanifest_algorithm = "sha1"\nvm_name = "{{.BuildName}}"',
      want: [],
    },
    {
      name: 'unknown format',
      body: 'format = "qcow2"',
      replace: true,
      want: ['Invalid format: qcow2 @2:10'],
    },
    { name: 'unknown os_type', body: 'os_type = "Windows11"', want: ['Unknown os_type: Windows11 @3:11'] },
    {
      name: 'cpus and memory at least 1',
      body: 'cpus = 0\nmemory = -5',
      want: ['cpus must be at least 1 @3:8', 'memory must be at least 1 @4:10'],
    },
    {
      name: 'unknown controller and digest',
      body: 'disk_controller = "nvme"\nmanifest_algorithm = "md5"',
      want: ['Invalid disk_controller: nvme @3:19', 'Invalid manifest_algorithm: md5 @4:22'],
    },
    { name: 'vm_name names files', body: 'vm_name = "a/b"', want: ['Invalid vm_name @3:11'] },
    { name: 'an unknown option', body: 'disk_size = 10', want: ['Unsupported argument @3:1'] },
  ]);
});
