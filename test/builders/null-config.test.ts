/** The null builder's configuration checks (Packer's builder/null), and the communicator's. */
import { describe } from 'node:test';
import { nullBuilder } from '../../src/builders/null/config.js';
import { prepareTable } from './prepare-table.js';

describe('null prepare', () => {
  prepareTable(nullBuilder, 'source "null" "x"', 'ssh_host = "10.0.0.5"\nssh_username = "admin"', [
    { name: 'a password passes', body: 'ssh_password = "p"', want: [] },
    { name: 'the agent passes', body: 'ssh_agent_auth = true', want: [] },
    { name: 'communicator none needs nothing', body: 'communicator = "none"', replace: true, want: [] },
    {
      name: 'no authentication method',
      body: 'ssh_port = 2222',
      want: [
        'one authentication method must be specified, please reference your communicator documentation @1:1',
      ],
    },
    {
      name: 'two authentication methods',
      body: 'ssh_password = "p"\nssh_private_key_file = "k"',
      want: ['only one of ssh_agent_auth, ssh_password, and ssh_private_key_file must be specified @5:24'],
    },
    {
      name: 'winrm needs its host, user and password',
      body: 'communicator = "winrm"',
      replace: true,
      want: [
        'winrm_username must be specified. @2:16',
        'a Host must be specified, please reference your communicator documentation @2:16',
        'a Username must be specified, please reference your communicator documentation @2:16',
        'one authentication method must be specified, please reference your communicator documentation @2:16',
      ],
    },
    {
      name: 'a value unknown at validate time is not rejected',
      body: 'ssh_host = var.unknown\nssh_username = "u"\nssh_password = var.unknown',
      replace: true,
      want: [],
    },
  ]);
});
