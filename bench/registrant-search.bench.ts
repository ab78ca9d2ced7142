// Searching the registrant list as HR types: one page of 50 rows and the total, for part of a
// reading typed in hiragana ("なかむ" of ナカムラ), over 100,000 registrants (the shared fixture).
//   ours   core.call('registrants.list') on the encrypted vault: session and role checks,
//          input schema, the trigram index (FTS5) and the page, output schema, and the audit
//          entry committed
//   floor  the same two statements on the plain, unencrypted copy with the same FTS5 trigram
//          index and the same indexes, prepared once: the least this way of searching costs
import { defineBench } from './lib';
import { REGISTRANTS, registrantsFixture, reportCoreMemory, type Fixture } from './registrants-fixture';

const TYPED = 'なかむ';
const PHRASE = '"ナカム"';

const ORDER = 'r.family_name_kana ASC, r.given_name_kana ASC, r.seq ASC';
const ROW = `SELECT r.seq, r.id, r.employee_code, r.family_name, r.given_name, r.family_name_kana, r.given_name_kana, r.email,
    r.birth_date, r.phone, r.postal_code, r.address, r.hire_date, r.leave_date, r.group_id, r.notes, r.status, r.has_my_number,
    r.created_at, r.updated_at, (SELECT group_concat(code, ',') FROM registrant_attributes a WHERE a.registrant_id = r.id) AS attributes
  FROM registrants r WHERE r.seq = ?`;

interface Ctx extends Fixture {
  expectedTotal: number;
  floor: { total: any; page: any; row: any };
}

export default defineBench<Ctx>({
  name: 'registrant-search',
  description: `one page of 50 and the total for "${TYPED}" (partial reading, hiragana) over ${REGISTRANTS.toLocaleString('en')} registrants`,
  runs: 101,
  warmup: 10,
  async setup() {
    const fixture = await registrantsFixture();
    const { plain } = fixture;
    const floor = {
      total: plain.prepare('SELECT count(*) AS n FROM registrant_fts WHERE registrant_fts MATCH ?'),
      page: plain.prepare(`SELECT r.seq FROM registrants r WHERE r.seq IN (SELECT rowid FROM registrant_fts WHERE registrant_fts MATCH ?) ORDER BY ${ORDER} LIMIT 50`),
      row: plain.prepare(ROW),
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
    label: 'same FTS5 trigram query and page, plain SQLite',
    run(ctx) {
      const total = (ctx.floor.total.get(PHRASE) as { n: number }).n;
      const rows = (ctx.floor.page.all(PHRASE) as { seq: number }[]).map((p) => ctx.floor.row.get(p.seq));
      if (rows.length !== 50 || total !== ctx.expectedTotal) throw new Error('unexpected floor result');
    },
  },
});
