/**
 * The environment for an imgbuild child process in a test: a clean one (no CI or color variables of
 * the runner), but with the test run's state and cache dirs, so a build killed on purpose leaves its
 * ledger in the run's own state dir instead of the user's, and base images are shared.
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  for (const name of ['IMGBUILD_STATE_DIR', 'IMGBUILD_CACHE_DIR', 'HOME'] as const) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  return { ...env, ...extra };
}
