// Paging a filtered list: registrants of one group with one status (未登録 in group 7), sorted
// by reading (gojūon), one page of 50 and the total, over 100,000 registrants (the shared fixture).
//   ours   core.call('registrants.list') on the encrypted vault, as registrant-search
//   floor  the same statements on the plain, unencrypted copy with the same indexes (here the
//          (group, status, reading) index that answers both the page and the total), prepared
//          once: the total, the page's keys (plucked: plain numbers, about 10 µs less than an
//          object each), then its 50 rows in one statement, read as values (raw mode) and made
//          into the same row objects the core returns (bench/plain-rows.ts); the cheapest plain
//          way we found.
//   compare  the floor as it stood before (the keys as objects, a statement per row,
//          better-sqlite3's row objects)
import { defineBench } from './lib';
import { ROW_BY_SEQ, pageRowReader } from './plain-rows';
import { REGISTRANTS, registrantsFixture, reportCoreMemory, type Fixture } from './registrants-fixture';

const ORDER = 'r.family_name_kana ASC, r.given_name_kana ASC, r.seq ASC';
const WHERE = "r.group_id = ? AND r.status = 'unregistered'";
const PAGE_KEYS = `SELECT r.seq FROM registrants r WHERE ${WHERE} ORDER BY ${ORDER} LIMIT 50`;
interface Ctx extends Fixture {
  groupId: string;
  expectedTotal: number;
  floor: { total: any; page: any; keyObjects: any; row: any; rows: ReturnType<typeof pageRowReader> };
}

export default defineBench<Ctx>({
  name: 'registrant-page',
  description: `a page of 50 and the total of one group's 未登録, sorted by reading, over ${REGISTRANTS.toLocaleString('en')} registrants`,
  // The core is a long-running process: measured once its code is warm (10 warm-up runs left
  // it half-compiled by the JIT, about 0.15 ms a call more than it costs after a few hundred).
  warmup: 500,
  runs: 301,
  async setup() {
    const fixture = await registrantsFixture();
    const groupId = fixture.groupIds[6]!;
    const { plain } = fixture;
    // The plain copy's groups have ids of their own: the same group by its name.
    const plainGroup = (plain.prepare("SELECT id FROM groups WHERE name = '07 店舗'").get() as { id: string }).id;
    const floor = {
      total: plain.prepare(`SELECT count(*) AS n FROM registrants r WHERE ${WHERE}`).bind(plainGroup),
      page: plain.prepare(PAGE_KEYS).pluck(true).bind(plainGroup),
      keyObjects: plain.prepare(PAGE_KEYS).bind(plainGroup),
      row: plain.prepare(ROW_BY_SEQ),
      rows: pageRowReader(plain),
    };
    const expectedTotal = (floor.total.get() as { n: number }).n;
    if (expectedTotal < 500) throw new Error(`the fixture should hold many rows here, holds ${expectedTotal}`);
    return { ...fixture, groupId, expectedTotal, floor };
  },
  teardown(ctx) {
    reportCoreMemory(ctx);
  },
  ours: {
    label: 'registrants.list through the core (encrypted, audited)',
    async run(ctx) {
      const r = await ctx.core.call(ctx.session, 'registrants.list', { filter: { status: 'unregistered', groupId: ctx.groupId }, sort: { by: 'kana', dir: 'asc' }, limit: 50 });
      const { rows, total } = (r.ok ? r.value : { rows: [], total: -1 }) as { rows: unknown[]; total: number };
      if (rows.length !== 50 || total !== ctx.expectedTotal) throw new Error(`unexpected result: ${rows.length} of ${total}`);
    },
  },
  floor: {
    label: 'same indexed query and page, plain SQLite, rows as values',
    run(ctx) {
      const total = (ctx.floor.total.get() as { n: number }).n;
      const rows = ctx.floor.rows(ctx.floor.page.all() as number[]);
      if (rows.length !== 50 || total !== ctx.expectedTotal) throw new Error('unexpected floor result');
    },
  },
  compare: [
    {
      label: 'the floor before: a statement per row, row objects',
      run(ctx) {
        const total = (ctx.floor.total.get() as { n: number }).n;
        const rows = (ctx.floor.keyObjects.all() as { seq: number }[]).map((p) => ctx.floor.row.get(p.seq));
        if (rows.length !== 50 || total !== ctx.expectedTotal) throw new Error('unexpected floor result');
      },
    },
  ],
});
