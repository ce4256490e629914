/** The built-in provisioners' configuration checks. */
import { describe } from 'node:test';
import { breakpointProvisioner } from '../../src/provisioners/breakpoint/config.js';
import { fileProvisioner } from '../../src/provisioners/file/config.js';
import { shellProvisioner } from '../../src/provisioners/shell/config.js';
import { shellLocalProvisioner } from '../../src/provisioners/shell-local/config.js';
import { prepareTable } from '../builders/prepare-table.js';

// The test helper reads the first `source` block; the body is what matters, not the block type.
describe('shell', () => {
  prepareTable(shellProvisioner, 'source "shell" "p"', 'inline = ["echo hi"]', [
    { name: 'inline passes', body: 'environment_vars = ["A=1", "B="]\nexpect_disconnect = true', want: [] },
    {
      name: 'nothing to run',
      body: 'remote_folder = "/tmp"',
      replace: true,
      want: ['Either a script file or inline script must be specified. @1:1'],
    },
    {
      name: 'script and scripts',
      body: 'script = "a.sh"\nscripts = ["b.sh"]',
      replace: true,
      want: ['Only one of script or scripts can be specified. @3:11'],
    },
    {
      name: 'script and inline',
      body: 'script = "a.sh"',
      want: ['Only a script file or an inline script can be specified, not both. @2:10'],
    },
    {
      name: 'an environment variable without =',
      body: 'environment_vars = ["A"]',
      want: ["Environment variable not in format 'key=value': A @3:21"],
    },
    {
      name: 'a bad start_retry_timeout',
      body: 'start_retry_timeout = "soon"',
      want: ['error decoding \'start_retry_timeout\': time: invalid duration "soon" @3:23'],
    },
    { name: 'a typo', body: 'inlin = []', want: ['Unsupported argument @3:1'] },
  ]);
});

describe('shell-local', () => {
  prepareTable(shellLocalProvisioner, 'source "shell-local" "p"', 'inline = ["echo hi"]', [
    { name: 'inline passes', body: 'execute_command = ["bash", "-c", "{{.Vars}} {{.Script}}"]', want: [] },
    {
      name: 'nothing to run',
      body: 'only_on = ["linux"]',
      replace: true,
      want: ['Command, Inline, Script and Scripts options cannot all be empty. @1:1'],
    },
    {
      name: 'command with inline',
      body: 'command = "echo"',
      want: [
        'You may only specify one of the following options: Command, Inline, Script or Scripts. Please consolidate these options in your config. @3:11',
      ],
    },
    {
      name: 'execute_command is a list here',
      body: 'execute_command = "sh"',
      want: ['Incorrect attribute value type @3:19'],
    },
  ]);
});

describe('file', () => {
  prepareTable(fileProvisioner, 'source "file" "p"', 'source = "a.txt"\ndestination = "/tmp/a.txt"', [
    { name: 'upload passes', body: 'direction = "upload"', want: [] },
    {
      name: 'bad direction',
      body: 'direction = "sideways"',
      want: ['Direction must be one of: download, upload. @4:13'],
    },
    { name: 'source with content', body: 'content = "x"', want: ['source(s) conflicts with content. @4:11'] },
    {
      name: 'no destination',
      body: 'content = "x"',
      replace: true,
      want: ['Destination must be specified. @1:1'],
    },
  ]);
});

describe('breakpoint', () => {
  prepareTable(breakpointProvisioner, 'source "breakpoint" "p"', 'note = "look"', [
    { name: 'passes', body: 'disable = "false"', want: [] },
    { name: 'a typo', body: 'disabled = true', want: ['Unsupported argument @3:1'] },
  ]);
});
