/**
 * Libraries that only some functions need (YAML, bcrypt, text encodings, globbing) are loaded on the
 * first call, so that every command that evaluates templates does not pay for loading them at start-up.
 * Functions are synchronous, so this uses require() rather than import().
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
