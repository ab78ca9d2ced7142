// npm run bench [-- <filter>...]: runs every bench/*.bench.ts (or those whose name contains
// one of the filters) one after another, and prints for each our figure, the floor measured
// in the same run, and the ratio. Not part of npm test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatResult, runBench, type BenchDefinition, type BenchResult } from './lib';

const here = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((filter) => f.includes(filter)))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(' ')}`);
  process.exit(1);
}

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
console.log(`node ${process.version}, ${os.cpus().length} × ${cpu}, ${os.platform()} ${os.release()}\n`);

const results: BenchResult[] = [];
let failed = false;
for (const file of files) {
  // One benchmark, or several sharing one fixture (export default [defineBench(…), …]).
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { default?: BenchDefinition<unknown> | BenchDefinition<unknown>[] };
  if (!mod.default) {
    console.error(`${file}: no default export (export default defineBench({...}))`);
    failed = true;
    continue;
  }
  for (const definition of Array.isArray(mod.default) ? mod.default : [mod.default]) {
    try {
      const result = await runBench(definition);
      results.push(result);
      console.log(`${formatResult(result)}\n`);
    } catch (err) {
      console.error(`${file}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      failed = true;
    }
  }
}

if (results.length > 1) {
  console.log('summary');
  for (const line of results.map((r) => formatResult(r).split('\n').at(-1)!.replace(/^ {2}=> /, '  '))) console.log(line);
}
process.exit(failed ? 1 : 0);
