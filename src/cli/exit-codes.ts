/** The one table of CLI exit codes (Packer's). */
export const ExitCode = {
  ok: 0,
  /** A build or validation failed. */
  failed: 1,
  /** Bad usage or configuration. */
  usage: 2,
  /** `fmt -check` found files that are not formatted (Packer's code for it). */
  fmtCheckDiffers: 3,
  interrupted: 130,
} as const;
