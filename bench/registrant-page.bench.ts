// Paging a filtered list: registrants of one group with one status (未登録 in group 7), sorted
// by reading (gojūon), one page of 50 and the total, over 100,000 registrants (the shared fixture).
//   ours   core.call('registrants.list') on the encrypted vault, as registrant-search
//   floor  the same statements on the plain, unencrypted copy with the same indexes (here the
//          (group, status, reading) index that answers both the page and the total), prepared once
import { defineBench } from './lib';
import { REGISTRANTS, registrantsFixture, reportCoreMemory, type Fixture } from './registrants-fixture';

const ORDER = 'r.family_name_kana ASC, r.given_name_kana ASC, r.seq ASC';
const WHERE = "r.group_id = ? AND r.status = 'unregistered'";
const ROW = `SELECT r.seq, r.id, r.employee_code, r.family_name, r.given_name, r.family_name_kana, r.given_name_kana, r.email,
    r.birth_date, r.phone, r.postal_code, r.address, r.hire_date, r.leave_date, r.group_id, r.notes, r.status, r.has_my_number,
    r.created_at, r.updated_at, (SELECT group_concat(code, ',') FROM registrant_attributes a WHERE a.registrant_id = r.id) AS attributes
  FROM registrants r WHERE r.seq = ?`;

interface Ctx extends Fixture {
  groupId: string;
  expectedTotal: number;
  floor: { total: any; page: any; row: any };
}

export default defineBench<Ctx>({
  name: 'registrant-page',
  description: `a page of 50 and the total of one group's 未登録, sorted by reading, over ${REGISTRANTS.toLocaleString('en')} registrants`,
  runs: 101,
  warmup: 10,
  async setup() {
    const fixture = await registrantsFixture();
    const groupId = fixture.groupIds[6]!;
    const { plain } = fixture;
    // The plain copy's groups have ids of their own: the same group by its name.
    const plainGroup = (plain.prepare("SELECT id FROM groups WHERE name = '07 店舗'").get() as { id: string }).id;
    const floor = {
      total: plain.prepare(`SELECT count(*) AS n FROM registrants r WHERE ${WHERE}`).bind(plainGroup),
      page: plain.prepare(`SELECT r.seq FROM registrants r WHERE ${WHERE} ORDER BY ${ORDER} LIMIT 50`).bind(plainGroup),
      row: plain.prepare(ROW),
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
    label: 'same indexed query and page, plain SQLite',
    run(ctx) {
      const total = (ctx.floor.total.get() as { n: number }).n;
      const rows = (ctx.floor.page.all() as { seq: number }[]).map((p) => ctx.floor.row.get(p.seq));
      if (rows.length !== 50 || total !== ctx.expectedTotal) throw new Error('unexpected floor result');
    },
  },
});
