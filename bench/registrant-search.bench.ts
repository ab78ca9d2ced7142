// Searching the registrant list as HR types: one page of 50 rows and the total, for part of a
// reading typed in hiragana ("なかむ" of ナカムラ), over 100,000 registrants (the shared fixture).
//   ours   core.call('registrants.list') on the encrypted vault: session and role checks,
//          input schema, the trigram index (FTS5) and the page, output schema, and the audit
//          entry committed
//   floor  the same two statements on the plain, unencrypted copy with the same FTS5 trigram
//          index and the same indexes, prepared once: the least this way of searching costs;
//          the page's keys plucked (plain numbers), its rows read in one statement as values
//          (bench/plain-rows.ts)
//   compare  the floor as it stood before (the keys as objects, a statement per row,
//          better-sqlite3's row objects)
import { defineBench } from './lib';
import { ROW_BY_SEQ, pageRowReader } from './plain-rows';
import { REGISTRANTS, registrantsFixture, reportCoreMemory, type Fixture } from './registrants-fixture';

const TYPED = 'なかむ';
const PHRASE = '"ナカム"';

const ORDER = 'r.family_name_kana ASC, r.given_name_kana ASC, r.seq ASC';
const PAGE_KEYS = `SELECT r.seq FROM registrants r WHERE r.seq IN (SELECT rowid FROM registrant_fts WHERE registrant_fts MATCH ?) ORDER BY ${ORDER} LIMIT 50`;
interface Ctx extends Fixture {
  expectedTotal: number;
  floor: { total: any; page: any; keyObjects: any; row: any; rows: ReturnType<typeof pageRowReader> };
}

export default defineBench<Ctx>({
  name: 'registrant-search',
  description: `one page of 50 and the total for "${TYPED}" (partial reading, hiragana) over ${REGISTRANTS.toLocaleString('en')} registrants`,
  // The core is a long-running process: measured once its code is warm (10 warm-up runs left
  // it half-compiled by the JIT, about 0.15 ms a call more than it costs after a few hundred).
  warmup: 500,
  runs: 301,
  async setup() {
    const fixture = await registrantsFixture();
    const { plain } = fixture;
    const floor = {
      total: plain.prepare('SELECT count(*) AS n FROM registrant_fts WHERE registrant_fts MATCH ?'),
      page: plain.prepare(PAGE_KEYS).pluck(true),
      keyObjects: plain.prepare(PAGE_KEYS),
      row: plain.prepare(ROW_BY_SEQ),
      rows: pageRowReader(plain),
    };
    const expectedTotal = (floor.total.get(PHRASE) as { n: number }).n;
    if (expectedTotal < 500) throw new Error(`the fixture should hold many matches, holds ${expectedTotal}`);
    return { ...fixture, expectedTotal, floor };
  },
  teardown(ctx) {
    reportCoreMemory(ctx);
  },
  ours: {
    label: 'registrants.list through the core (encrypted, audited)',
    async run(ctx) {
      const r = await ctx.core.call(ctx.session, 'registrants.list', { filter: { text: TYPED }, limit: 50 });
      const { rows, total } = (r.ok ? r.value : { rows: [], total: -1 }) as { rows: unknown[]; total: number };
      if (rows.length !== 50 || total !== ctx.expectedTotal) throw new Error(`unexpected result: ${rows.length} of ${total}`);
    },
  },
  floor: {
    label: 'same FTS5 trigram query and page, plain SQLite, rows as values',
    run(ctx) {
      const total = (ctx.floor.total.get(PHRASE) as { n: number }).n;
      const rows = ctx.floor.rows(ctx.floor.page.all(PHRASE) as number[]);
      if (rows.length !== 50 || total !== ctx.expectedTotal) throw new Error('unexpected floor result');
    },
  },
  compare: [
    {
      label: 'the floor before: a statement per row, row objects',
      run(ctx) {
        const total = (ctx.floor.total.get(PHRASE) as { n: number }).n;
        const rows = (ctx.floor.keyObjects.all(PHRASE) as { seq: number }[]).map((p) => ctx.floor.row.get(p.seq));
        if (rows.length !== 50 || total !== ctx.expectedTotal) throw new Error('unexpected floor result');
      },
    },
  ],
});
