/** imgbuild's own version, and the Packer version whose templates and behaviour it is compatible with. */
export const imgbuildVersion = '0.1.0';
export const packerCompatibleVersion = '1.6.6';
