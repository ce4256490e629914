/**
 * Libraries that only some code paths need (YAML, bcrypt, text encodings, globbing for HCL functions;
 * ajv for plugin configs) are loaded on first use, so commands that never take those paths do not pay
 * for loading them at start-up. The callers are synchronous, so this uses require() rather than import().
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(name) as T;
    return loaded;
  };
}
