/**
 * `os_type` names (VirtualBox's guest OS type ids, which Packer users already write in
 * `guest_os_type`) and what the OVF descriptor says for each: the CIM_OperatingSystem OsType number
 * that OVF's OperatingSystemSection ovf:id carries (DMTF CIM schema; VirtualBox maps it back to its own
 * type on import), and VMware's `vmw:osType` guest id, which vSphere/Workstation read in preference.
 */
export interface OsType {
  /** CIM_OperatingSystem.OsType value. */
  readonly cimId: number;
  /** Human-readable text of the section's Description. */
  readonly description: string;
  /** VMware guest id. */
  readonly vmware: string;
}

export const OS_TYPES: Readonly<Record<string, OsType>> = {
  Other: { cimId: 1, description: 'Other', vmware: 'otherGuest' },
  Other_64: { cimId: 102, description: 'Other 64-Bit', vmware: 'otherGuest64' },
  Linux: { cimId: 36, description: 'Linux', vmware: 'otherLinuxGuest' },
  Linux_64: { cimId: 101, description: 'Linux 64-Bit', vmware: 'otherLinux64Guest' },
  Linux26: { cimId: 99, description: 'Linux 2.6.x', vmware: 'other26xLinuxGuest' },
  Linux26_64: { cimId: 100, description: 'Linux 2.6.x 64-Bit', vmware: 'other26xLinux64Guest' },
  Debian: { cimId: 95, description: 'Debian', vmware: 'debian10Guest' },
  Debian_64: { cimId: 96, description: 'Debian 64-Bit', vmware: 'debian10_64Guest' },
  Ubuntu: { cimId: 93, description: 'Ubuntu', vmware: 'ubuntuGuest' },
  Ubuntu_64: { cimId: 94, description: 'Ubuntu 64-Bit', vmware: 'ubuntu64Guest' },
  RedHat: { cimId: 79, description: 'RedHat Enterprise Linux', vmware: 'rhel7Guest' },
  RedHat_64: { cimId: 80, description: 'RedHat Enterprise Linux 64-Bit', vmware: 'rhel8_64Guest' },
  OpenSUSE_64: { cimId: 83, description: 'SUSE 64-Bit', vmware: 'opensuse64Guest' },
  FreeBSD: { cimId: 42, description: 'FreeBSD', vmware: 'freebsdGuest' },
  FreeBSD_64: { cimId: 78, description: 'FreeBSD 64-Bit', vmware: 'freebsd64Guest' },
};

export const DEFAULT_OS_TYPE = 'Linux26_64';

/** The entry for a name, case-insensitively (VirtualBox accepts `debian_64` as well). */
export function lookupOsType(name: string): { name: string; type: OsType } | undefined {
  const key = Object.keys(OS_TYPES).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : { name: key, type: OS_TYPES[key] as OsType };
}
