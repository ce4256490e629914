/**
 * Runs HCL's spec test suite standalone (`npm run specsuite`): one line per case, the problems of
 * failing cases indented below, and as the last line `N passed, N failed`. Exits 1 on failures.
 * An optional argument names another suite directory (default: the corpus copy of HCL's suite).
 */
import { collectCases, runCase } from './suite.js';

let passed = 0;
let failed = 0;
for (const c of collectCases(process.argv[2])) {
  let problems: string[];
  try {
    problems = runCase(c);
  } catch (e) {
    problems = [`crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`];
  }
  if (problems.length === 0) {
    passed++;
    console.log(`PASS ${c.name}`);
  } else {
    failed++;
    console.log(`FAIL ${c.name}`);
    for (const p of problems) console.log(`     ${p}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
if (failed > 0) process.exitCode = 1;
