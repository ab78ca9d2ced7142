// A profile of the CSV import bench's work (not a benchmark): the same 100,000 rows previewed
// and committed through the core, once, so that `node --cpu-prof` shows where the time goes.
// Run as: node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/csv-import-profile.ts [rows] [preview-only]
// (with --expose-gc it also prints the memory after each step).
import fs from 'node:fs';
import { generateMyNumber } from '../test/support/numbers';
import { must, openTestCore, setupAdmin } from '../test/support/vault';

const rows = Number(process.argv[2] ?? 100_000);
const lines = ['社員番号,姓,名,セイ,メイ,生年月日,メールアドレス,属性,個人番号'];
for (let i = 1; i <= rows; i++) lines.push(`K${String(i).padStart(6, '0')},山田,太郎${i},やまだ,ﾀﾛｳ,S${40 + (i % 20)}.4.1,user${i}@example.co.jp,従業員,${generateMyNumber(i)}`);
const text = lines.join('\r\n') + '\r\n';

const { core, dataDir } = await openTestCore();
const { session } = await setupAdmin(core);
const contentBase64 = Buffer.from(text, 'utf8').toString('base64');
lines.length = 0;
const mb = (n: number) => Math.round(n / 2 ** 20);
const memory = (when: string) => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  console.log(`${when}: rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB, external ${mb(m.external)} MB, array buffers ${mb(m.arrayBuffers)} MB, peak rss ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
};
memory('before the preview');
let t = performance.now();
const p = await must(core, session, 'csv.importPreview', { fileName: 'bench.csv', contentBase64 });
if (p.errorCount !== 0) throw new Error(`the file has ${p.errorCount} problems`);
const previewMs = performance.now() - t;
memory('after the preview');
if (process.argv[3] === 'preview-only') {
  console.log(`preview ${Math.round(previewMs)} ms`);
  process.exit(0);
}
t = performance.now();
await must(core, session, 'csv.importCommit', { previewId: p.previewId });
const commitMs = performance.now() - t;
memory('after the commit');
console.log(`preview ${Math.round(previewMs)} ms, commit ${Math.round(commitMs)} ms, rss now ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB, peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
await core.close();
fs.rmSync(dataDir, { recursive: true, force: true });
