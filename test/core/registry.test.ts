/** The plugin registry: built-ins, and a library user's plugin registered and validated the same way. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { builtinRegistry, createRegistry } from '../../src/core/registry.js';
import { defineBuilder, defineProvisioner } from '../../src/sdk/plugin.js';
import { bool, duration, int, object, str } from '../../src/sdk/schema-helpers.js';
import { decodeText, show } from '../template/decode-helpers.js';

describe('registry', () => {
  test('createRegistry() starts empty', () => {
    const r = createRegistry();
    assert.deepEqual(r.types('builder'), []);
    assert.equal(r.get('builder', 'qemu'), undefined);
  });

  test('builtinRegistry() holds every built-in plugin, by kind', () => {
    const r = builtinRegistry();
    assert.deepEqual(r.types('builder'), ['amazon-ebs', 'null', 'qemu']);
    assert.deepEqual(r.types('provisioner'), ['breakpoint', 'file', 'shell', 'shell-local']);
    assert.deepEqual(r.types('post-processor'), [
      'artifice',
      'checksum',
      'compress',
      'manifest',
      'ovf',
      'shell-local',
    ]);
    assert.deepEqual(r.types('datasource'), ['http', 'null']);
    // shell-local is both a provisioner and a post-processor: kinds are separate name spaces.
    assert.equal(r.get('provisioner', 'shell-local')?.kind, 'provisioner');
    assert.equal(r.get('post-processor', 'shell-local')?.kind, 'post-processor');
    assert.equal(r.all().length, 15);
  });

  test('registering replaces a plugin of the same kind and type', () => {
    const mine = defineProvisioner({ type: 'shell', schema: object({}) });
    const r = builtinRegistry().register(mine);
    assert.equal(r.get('provisioner', 'shell'), mine);
    assert.equal(builtinRegistry().get('provisioner', 'shell') === mine, false);
  });

  test('a plugin without a type name is refused', () => {
    assert.throws(
      () => createRegistry().register(defineBuilder({ type: '', schema: object({}) })),
      /type name/,
    );
  });
});

describe('a library user registers a custom builder', () => {
  interface LxcConfig {
    container: string;
    memory?: number;
    privileged?: boolean;
    boot_wait?: string;
  }
  const lxc = defineBuilder<LxcConfig>({
    type: 'my-lxc',
    description: 'Builds an LXC container image.',
    schema: object({
      container: str('Container name.'),
      memory: int('Memory in MiB.', { default: 256 }),
      privileged: bool('Run privileged.'),
      boot_wait: duration('Wait after start.'),
    }),
    prepare(config, ctx) {
      const diagnostics = [];
      if (!ctx.isSet('container')) diagnostics.push(ctx.error(undefined, 'container must be specified', ''));
      if ((config.memory ?? 0) > 4096) {
        diagnostics.push(ctx.error('memory', 'memory must be at most 4096', 'Containers here are small.'));
      }
      return { config, diagnostics };
    },
  });

  const registry = builtinRegistry().register(lxc);
  const def = registry.get('builder', 'my-lxc')!;
  const decode = (body: string) => decodeText(def, { 'l.pkr.hcl': `source "my-lxc" "x" {\n  ${body}\n}\n` });

  test('it is found by kind and type, next to the built-ins', () => {
    assert.deepEqual(registry.types('builder'), ['amazon-ebs', 'my-lxc', 'null', 'qemu']);
    assert.equal(def, lxc);
  });

  test('it validates exactly like a built-in: typos, types, conversions, prepare at the attribute', () => {
    const typo = decode('container = "c"\n  memroy = 5');
    assert.deepEqual(show(typo.diags), [
      'error Unsupported argument @3:3-3:9: An argument named "memroy" is not expected here. Did you mean "memory"?',
    ]);
    const type = decode('container = "c"\n  privileged = "sometimes"');
    assert.deepEqual(show(type.diags), [
      'error Incorrect attribute value type @3:16-3:27: Inappropriate value for attribute "privileged": a bool is required.',
    ]);
    const prepared = decode('memory = "8192"');
    assert.deepEqual(show(prepared.diags), [
      'error container must be specified @1:1-1:20: ',
      'error memory must be at most 4096 @2:12-2:18: Containers here are small.',
    ]);
    const ok = decode('container = "c"\n  privileged = "true"');
    assert.deepEqual(ok.diags, []);
    assert.deepEqual(ok.config, { container: 'c', privileged: true, memory: 256 });
  });

  test('the same mistakes give the same diagnostics as in a built-in builder', () => {
    const builtin = decodeText(registry.get('builder', 'null')!, {
      'n.pkr.hcl': 'source "null" "x" {\n  communicator = "none"\n  pause_before_connecting = "soon"\n}\n',
    });
    const custom = decode('container = "c"\n  boot_wait = "soon"');
    const summary = (name: string) => `error decoding '${name}': time: invalid duration "soon"`;
    assert.deepEqual(show(builtin.diags), [
      `error ${summary('pause_before_connecting')} @3:29-3:35: A duration is a number with a unit, such as "300ms", "1.5h" or "2h45m".`,
    ]);
    assert.deepEqual(show(custom.diags), [
      `error ${summary('boot_wait')} @3:15-3:21: A duration is a number with a unit, such as "300ms", "1.5h" or "2h45m".`,
    ]);
  });
});
