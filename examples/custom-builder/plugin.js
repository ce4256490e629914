// @ts-check
/**
 * The `local-dir` builder: makes a "directory image" by copying a base directory, provisioning the
 * copy (commands run inside it through a local communicator), and writing an image description
 * file. It uses nothing but imgbuild's public API, and is loaded either by a program (build.ts) or by
 * `imgbuild build -plugin=./plugin.js`, which registers every plugin definition the module exports.
 */
import { cp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defineBuilder, schema } from 'imgbuild';
import { localCommunicator } from './local-communicator.js';

/**
 * @typedef {object} LocalDirConfig
 * @property {string} base_dir
 * @property {string} output_dir
 * @property {string} [image_name]
 */

/**
 * What the steps share: what they created, so each cleanup undoes only its own work.
 * @typedef {object} LocalDirState
 * @property {boolean} [copied]
 * @property {string} [descriptionFile]
 * @property {boolean} [complete] every step ran: the cleanups keep the image
 */

/** @typedef {import('imgbuild').Step<LocalDirState>} LocalDirStep */

const { object, str } = schema;

/** Every file under `dir`, as absolute paths, sorted (the artifact's files). */
async function filesUnder(/** @type {string} */ dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

async function exists(/** @type {string} */ p) {
  return stat(p).then(
    () => true,
    () => false,
  );
}

export const localDirBuilder = defineBuilder(
  /** @type {const} */ ({
    type: 'local-dir',
    description: 'Builds a directory image from a base directory (an imgbuild example plugin).',
    schema: object(
      {
        base_dir: str('The directory the image starts from.'),
        output_dir: str('Where the image directory is made; it must not exist (unless -force).'),
        image_name: str("The image's name, its artifact id (default: the source's name)."),
      },
      { required: ['base_dir', 'output_dir'] },
    ),
    /**
     * @param {LocalDirConfig} config
     * @param {import('imgbuild').BuildRunContext} ctx
     * @returns {Promise<import('imgbuild').Artifact>}
     */
    async run(config, ctx) {
      const output = path.resolve(config.output_dir);
      const base = path.resolve(config.base_dir);
      const name = config.image_name || (ctx.sourceName ?? ctx.buildName.split('.').pop() ?? 'image');

      /** @type {LocalDirStep[]} */
      const steps = [
        {
          name: 'copy-base',
          async run(state, { ui }) {
            if (await exists(output)) {
              if (!ctx.force)
                throw new Error(`Output directory exists: ${output} (use -force to replace it)`);
              ui.say(`Deleting previous output directory ${output}`);
              await rm(output, { recursive: true, force: true });
            }
            ui.say(`Copying ${base} to ${output}`);
            state.copied = true; // recorded before the copy: a half-made copy is cleaned up too
            await cp(base, output, { recursive: true, errorOnExist: true });
          },
          // A finished image stays; a failed or cancelled build leaves nothing behind.
          async cleanup(state, { outcome, ui }) {
            if (!state.copied || outcome === 'succeeded') return;
            ui.say(`Deleting ${output}`);
            await rm(output, { recursive: true, force: true });
          },
          describeCleanup: (state) =>
            state.copied && !state.complete ? `the image directory ${output}` : undefined,
        },
        {
          name: 'provision',
          async run() {
            const communicator = localCommunicator(output);
            try {
              await ctx.provision(communicator, { ID: name, Host: 'localhost', ImageDir: output });
            } finally {
              await communicator.close();
            }
          },
        },
        {
          name: 'write-description',
          async run(state, { ui }) {
            const file = path.join(output, 'image.json');
            const files = (await filesUnder(output)).map((f) => path.relative(output, f));
            const text = `${JSON.stringify({ name, build: ctx.buildName, files }, null, 2)}\n`;
            ui.say(`Writing ${file}`);
            state.descriptionFile = file;
            // Written under a temporary name and renamed: never a half-written description.
            await writeFile(`${file}.tmp`, text);
            await rename(`${file}.tmp`, file);
            state.complete = true;
          },
          async cleanup(state, { outcome }) {
            if (!state.descriptionFile || outcome === 'succeeded') return;
            await rm(state.descriptionFile, { force: true });
            await rm(`${state.descriptionFile}.tmp`, { force: true });
          },
          describeCleanup: (state) => (state.complete ? undefined : state.descriptionFile),
        },
      ];
      await ctx.runSteps(steps, {});

      const files = await filesUnder(output);
      return {
        builderId: 'example.local-dir',
        id: name,
        files,
        state: { generated_data: { ImageDir: output } },
        describe: () => `Directory image ${name} in ${output}`,
        destroy: () => rm(output, { recursive: true, force: true }),
      };
    },
  }),
);

export default [localDirBuilder];
