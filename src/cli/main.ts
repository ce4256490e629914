#!/usr/bin/env node
// The executable: run the CLI with the process's arguments and streams.
import { main } from './cli.js';
import { ExitCode } from './exit-codes.js';
import { processIo } from './io.js';

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `imgbuild: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = ExitCode.failed;
  },
);
