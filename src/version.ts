/** imgbuild's own version. */
export const imgbuildVersion = '0.1.0';

/**
 * The Packer release whose template semantics imgbuild follows: `packer.version` in templates and
 * `required_version` constraints see this version. (`imgbuild fmt` alone reproduces Debian's packer 1.6.6,
 * the release the project is measured against.)
 */
export const packerVersion = '1.16.0';
