// Numbered migrations: from empty and from every earlier version to the same schema; a copy
// before migrating; a failing migration rolls back; a newer database is refused untouched.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase, type Db } from '../../src-main/core/platform/db/open';
import { loadMigrations, migrate, type Migration } from '../../src-main/core/platform/db/migrate';
import { sourceMigrationsDir } from '../../src-main/core/platform/paths';
import { createAuditLog } from '../../src-main/core/platform/audit/audit-log';
import { createRegistrantRepository } from '../../src-main/core/modules/registrants/repository';
import { tempDir } from '../support/vault';

const real = loadMigrations(sourceMigrationsDir);
const latest = real.at(-1)!.version;

function freshDb() {
  const dir = tempDir();
  const file = path.join(dir, 'vault.db');
  const keyHex = randomBytes(32).toString('hex');
  return { dir, file, keyHex, db: openEncryptedDatabase(file, { keyHex }) };
}

function schemaOf(db: Db): string[] {
  return (db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as {
    type: string;
    name: string;
    sql: string;
  }[]).map((r) => `${r.type} ${r.name}: ${r.sql}`);
}

const run = (db: Db, file: string, dir: string, migrations: Migration[]) =>
  migrate({ db, dbFile: file, migrations, backupDir: path.join(dir, 'backups'), now: new Date('2026-11-25T00:00:00Z') });

describe('migrations', () => {
  it('are numbered in tens and named NNNN_name.sql', () => {
    expect(real.length).toBeGreaterThan(0);
    for (const m of real) expect(m.version % 10).toBe(0);
  });

  it('bring an empty database to the latest version and set user_version', () => {
    const { db, file, dir } = freshDb();
    expect(run(db, file, dir, real)).toMatchObject({ from: 0, to: latest });
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false); // nothing to copy when new
    db.close();
  });

  it.each(real.slice(0, -1).map((m) => m.version).concat(real.length > 1 ? [] : [0]))(
    'bring a database at version %i to the same schema as a fresh one',
    (version) => {
      const reference = freshDb();
      run(reference.db, reference.file, reference.dir, real);
      const old = freshDb();
      run(old.db, old.file, old.dir, real.filter((m) => m.version <= version));
      expect(old.db.pragma('user_version', { simple: true })).toBe(version);
      run(old.db, old.file, old.dir, real);
      expect(schemaOf(old.db)).toEqual(schemaOf(reference.db));
      reference.db.close();
      old.db.close();
    },
  );

  it('take an encrypted copy of the file before changing an existing database', () => {
    const { db, file, dir, keyHex } = freshDb();
    run(db, file, dir, real);
    db.prepare("INSERT INTO settings (key, value) VALUES ('marker', 'before')").run();
    const next = [...real, { version: latest + 10, name: 'next', sql: "UPDATE settings SET value = 'after';" }];
    const result = run(db, file, dir, next);
    expect(result).toMatchObject({ from: latest, to: latest + 10 });
    const copy = openEncryptedDatabase(result.backupFile!, { keyHex });
    expect(copy.pragma('user_version', { simple: true })).toBe(latest);
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'marker'").get()).toEqual({ value: 'before' });
    expect(fs.readFileSync(result.backupFile!).subarray(0, 15).toString()).not.toBe('SQLite format 3');
    copy.close();
    db.close();
  });

  it('0030 keeps the audit chain and its head as they were, with no mirror noted yet', () => {
    const { db, file, dir } = freshDb();
    run(db, file, dir, real.filter((m) => m.version <= 20));
    const auditKey = randomBytes(32).toString('hex');
    const log = createAuditLog(db, auditKey);
    db.transaction(() => {
      log.append({ action: 'setup.createAdmin', targetType: 'user', targetId: 'u1' }, new Date('2026-11-25T00:00:00Z'));
      log.append({ action: 'registrants.create', targetType: 'registrant', targetId: 'r1' }, new Date('2026-11-25T00:01:00Z'));
    })();
    const before = db.prepare('SELECT seq, hash, mac FROM audit_head').get();
    run(db, file, dir, real);
    expect(db.prepare('SELECT seq, hash, mac, mirrored_at FROM audit_head').get()).toEqual({ ...(before as object), mirrored_at: null });
    const after = createAuditLog(db, auditKey);
    expect(after.verify()).toEqual({ ok: true, checked: 2 });
    expect(after.wasMirrored()).toBe(false);
    after.markMirrored(new Date('2026-11-26T00:00:00Z'));
    after.markMirrored(new Date('2026-11-27T00:00:00Z'));
    expect(db.prepare('SELECT mirrored_at FROM audit_head').get()).toEqual({ mirrored_at: '2026-11-26T00:00:00.000Z' });
    db.close();
  });

  it('0100–0120 carry registrants, their numbers and statuses through, and hold dependents, status history and submissions to their rules', () => {
    const { db, file, dir } = freshDb();
    run(db, file, dir, real.filter((m) => m.version < 100));
    const at = '2026-11-25T00:00:00.000Z';
    const sealed = Buffer.from([1, 2, 3, 4]);
    db.prepare(
      `INSERT INTO registrants (id, family_name, given_name, family_name_kana, given_name_kana, status, created_at, updated_at)
       VALUES ('r1', '山田', '太郎', 'ヤマダ', 'タロウ', 'completed', ?, ?)`,
    ).run(at, at);
    db.prepare("INSERT INTO my_numbers (subject_type, subject_id, sealed, blind_index, set_at) VALUES ('registrant', 'r1', ?, 'bi-r1', ?)").run(sealed, at);
    run(db, file, dir, real);

    expect(db.prepare("SELECT family_name, status FROM registrants WHERE id = 'r1'").get()).toEqual({ family_name: '山田', status: 'completed' });
    expect(db.prepare('SELECT subject_type, subject_id, sealed, blind_index FROM my_numbers').all()).toEqual([
      { subject_type: 'registrant', subject_id: 'r1', sealed, blind_index: 'bi-r1' },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM registrant_status_history').get()).toEqual({ n: 0 });

    const dependent = db.prepare(
      `INSERT INTO dependents (id, registrant_id, relationship, family_name, given_name, family_name_kana, given_name_kana, created_at, updated_at)
       VALUES (?, 'r1', ?, '山田', '花子', 'ヤマダ', 'ハナコ', ?, ?)`,
    );
    dependent.run('d1', 'spouse', at, at);
    expect(() => dependent.run('d2', 'cousin', at, at)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE dependents SET registrant_id = 'nobody' WHERE id = 'd1'").run()).toThrow(/FOREIGN KEY/);
    const number = db.prepare('INSERT INTO my_numbers (subject_type, subject_id, sealed, blind_index, set_at) VALUES (?, ?, ?, ?, ?)');
    // One blind index, one holder: across registrants and dependents alike.
    expect(() => number.run('dependent', 'd1', sealed, 'bi-r1', at)).toThrow(/UNIQUE/);
    number.run('dependent', 'd1', sealed, 'bi-d1', at);

    const history = db.prepare(
      `INSERT INTO registrant_status_history (registrant_id, at, from_status, to_status, via, reason) VALUES ('r1', ?, 'completed', 'completed', ?, ?)`,
    );
    history.run(at, 'unlock', '改姓');
    expect(() => history.run(at, 'magic', null)).toThrow(/CHECK/);

    const submission = db.prepare(
      `INSERT INTO submissions (id, registrant_id, source, state, review_required, created_at, has_number, number_sealed)
       VALUES (?, 'r1', 'proxy', 'pending', 1, ?, 1, ?)`,
    );
    submission.run('s1', at, sealed);
    expect(() => submission.run('s2', at, sealed)).toThrow(/UNIQUE/); // one pending per registrant
    db.prepare(
      `INSERT INTO submission_dependents (submission_id, position, relationship, family_name, given_name, family_name_kana,
         given_name_kana, tax_dependent, category3, has_number, number_sealed) VALUES ('s1', 0, 'child', '山田', '一郎', 'ヤマダ', 'イチロウ', 0, 0, 1, ?)`,
    ).run(sealed);
    // Decided means its sealed numbers are gone: refused while one stays, wiped with it by the trigger.
    expect(() => db.prepare("UPDATE submissions SET state = 'approved' WHERE id = 's1'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE submissions SET state = 'approved', number_sealed = NULL WHERE id = 's1'").run();
    expect(db.prepare('SELECT number_sealed FROM submission_dependents').all()).toEqual([{ number_sealed: null }]);

    // A dependent's number goes with the dependent; a registrant's dependents, history and submissions with the registrant.
    db.prepare("DELETE FROM dependents WHERE id = 'd1'").run();
    expect(db.prepare("SELECT count(*) AS n FROM my_numbers WHERE subject_type = 'dependent'").get()).toEqual({ n: 0 });
    db.prepare("DELETE FROM registrants WHERE id = 'r1'").run();
    for (const table of ['dependents', 'registrant_status_history', 'submissions', 'submission_dependents']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
    db.close();
  });

  it('0040–0050 carry registrants through the rebuild: ids, fields, status, attributes and numbers kept, the search index filled once the core opens', () => {
    const { db, file, dir } = freshDb();
    run(db, file, dir, real.filter((m) => m.version <= 30));
    const at = '2026-11-25T00:00:00.000Z';
    const person = db.prepare(
      `INSERT INTO registrants (id, employee_code, family_name, given_name, family_name_kana, given_name_kana, email, birth_date, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    person.run('r1', 'E-1', '中村', '翔太', 'ナカムラ', 'ショウタ', 'Shota@Example.jp', '1985-04-01', 'completed', at, at);
    person.run('r2', null, '田中', '花', 'タナカ', 'ハナ', null, null, 'unregistered', at, at);
    const attribute = db.prepare('INSERT INTO registrant_attributes (registrant_id, code) VALUES (?, ?)');
    attribute.run('r1', 'employee');
    attribute.run('r1', 'shareholder');
    attribute.run('r2', 'real_estate_owner');
    db.prepare("INSERT INTO my_numbers (subject_type, subject_id, sealed, blind_index, set_at) VALUES ('registrant', 'r1', x'01020304', 'bi-r1', ?)").run(at);
    run(db, file, dir, real);

    expect(db.prepare('SELECT seq, id, employee_code, family_name, email, birth_date, status, status_rank, has_my_number, group_id, hire_date, search_doc FROM registrants ORDER BY seq').all()).toEqual([
      { seq: 1, id: 'r1', employee_code: 'E-1', family_name: '中村', email: 'Shota@Example.jp', birth_date: '1985-04-01', status: 'completed', status_rank: 4, has_my_number: 1, group_id: null, hire_date: null, search_doc: '' },
      { seq: 2, id: 'r2', employee_code: null, family_name: '田中', email: null, birth_date: null, status: 'unregistered', status_rank: 0, has_my_number: 0, group_id: null, hire_date: null, search_doc: '' },
    ]);
    expect(db.prepare('SELECT registrant_id, code FROM registrant_attributes ORDER BY 1, 2').all()).toEqual([
      { registrant_id: 'r1', code: 'employee' },
      { registrant_id: 'r1', code: 'shareholder' },
      { registrant_id: 'r2', code: 'real_estate_owner' },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // has_my_number follows my_numbers from now on.
    db.prepare("INSERT INTO my_numbers (subject_type, subject_id, sealed, blind_index, set_at) VALUES ('registrant', 'r2', x'05', 'bi-r2', ?)").run(at);
    db.prepare("DELETE FROM my_numbers WHERE subject_id = 'r1'").run();
    expect(db.prepare('SELECT id, has_my_number FROM registrants ORDER BY seq').all()).toEqual([
      { id: 'r1', has_my_number: 0 },
      { id: 'r2', has_my_number: 1 },
    ]);

    // What the core does when it opens: the docs written once, then found by what people type.
    const repository = createRegistrantRepository(db);
    expect(repository.ensureSearchIndex()).toBe(true);
    expect(repository.ensureSearchIndex()).toBe(false);
    db.prepare("INSERT INTO registrant_fts (registrant_fts) VALUES ('integrity-check')").run();
    const found = (text: string) => repository.list({ filter: { text } }, { kind: 'all' }).rows.map((r) => r.id);
    expect([found('なかむ'), found('中村'), found('shota@ex'), found('タ'), found('e-1')]).toEqual([['r1'], ['r1'], ['r1'], ['r2', 'r1'], ['r1']]);
    expect(repository.findById('r1')).toMatchObject({ attributes: ['employee', 'shareholder'], hasMyNumber: false, groupId: null });
    db.close();
  });

  it('roll a failing migration back whole, leaving the previous version', () => {
    const { db, file, dir } = freshDb();
    run(db, file, dir, real);
    const broken = [...real, { version: latest + 10, name: 'broken', sql: 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);' }];
    expect(() => run(db, file, dir, broken)).toThrow(/nowhere/);
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuse a database from a newer version with a clear message, changing nothing', () => {
    const { db, file, dir } = freshDb();
    run(db, file, dir, real);
    db.pragma(`user_version = ${latest + 100}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fs.readFileSync(file);
    expect(() => run(db, file, dir, real)).toThrow(/新しいバージョン/);
    db.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
