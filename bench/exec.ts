/**
 * `npm run bench:exec [-- --commands N --runs N]`: many small commands over SSH, two ways, against the
 * same local sshd: 200 inline commands in one `shell` provisioner, and 200 separate `shell`
 * provisioners of one command each. imgbuild (`imgbuild build`) and Debian's `packer build` run the
 * same JSON template (null builder), interleaved, 3 runs each, medians of the whole command's wall time.
 * The last line reads `exec: imgbuild A s / B s, packer C s / D s (one provisioner / 200 provisioners)`.
 */
import { median } from './common.js';
import {
  type BenchEnv,
  imgbuildBuild,
  numberFlag,
  packerBuild,
  withBenchEnv,
  writeTemplate,
} from './ssh-bench.js';

const commands = numberFlag('commands', 200);
const runs = numberFlag('runs', 3);

async function bench(env: BenchEnv): Promise<void> {
  const lines = Array.from({ length: commands }, (_, i) => `echo line-${i + 1}`);
  const remoteFolder = env.dir;
  const one = writeTemplate(env, 'one.json', [{ type: 'shell', inline: lines, remote_folder: remoteFolder }]);
  const many = writeTemplate(
    env,
    'many.json',
    lines.map((line) => ({ type: 'shell', inline: [line], remote_folder: remoteFolder })),
  );
  const cases = [
    { key: 'imgbuild one', run: () => imgbuildBuild(one, env.dir) },
    { key: 'packer one', run: () => packerBuild(one, env.dir) },
    { key: 'imgbuild many', run: () => imgbuildBuild(many, env.dir) },
    { key: 'packer many', run: () => packerBuild(many, env.dir) },
  ];
  const times = new Map<string, number[]>(cases.map((c) => [c.key, []]));
  console.log(
    `${commands} commands in one shell provisioner, and ${commands} shell provisioners, to sshd on ${env.sshd.host}:${env.sshd.port}; ${runs} interleaved runs`,
  );
  for (let i = 0; i < runs; i++) {
    for (const c of cases) {
      const r = await c.run();
      // Both tools echo every command's output; a build that skipped commands would not be comparable.
      const seen = new Set(r.output.match(/line-\d+/g) ?? []).size;
      if (seen !== commands) throw new Error(`${c.key}: saw ${seen} of ${commands} command outputs`);
      times.get(c.key)!.push(r.seconds);
      console.log(`run ${i + 1} ${c.key}: ${r.seconds.toFixed(2)} s`);
    }
  }
  const m = (key: string) => median(times.get(key)!).toFixed(2);
  console.log(
    `exec: imgbuild ${m('imgbuild one')} s / ${m('imgbuild many')} s, packer ${m('packer one')} s / ${m('packer many')} s (one provisioner / ${commands} provisioners)`,
  );
}

await withBenchEnv('exec', bench);
