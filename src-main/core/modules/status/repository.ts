// The status history of registrants (registrant_status_history) and the status column itself:
// the SQL of the status module.
import type { StatusVia } from '../../../../src-shared/contract';
import type { RegistrantStatus } from '../../../../src-shared/domain';
import type { Db } from '../../platform/db/open';

export interface StatusEvent {
  registrantId: string;
  at: string;
  actorId: string | null;
  actorLabel: string | null;
  from: RegistrantStatus;
  to: RegistrantStatus;
  via: StatusVia;
  reason: string | null;
  submissionId: string | null;
}

interface Row {
  registrant_id: string;
  at: string;
  actor_id: string | null;
  actor_label: string | null;
  from_status: RegistrantStatus;
  to_status: RegistrantStatus;
  via: StatusVia;
  reason: string | null;
  submission_id: string | null;
}

const toEvent = (r: Row): StatusEvent => ({
  registrantId: r.registrant_id,
  at: r.at,
  actorId: r.actor_id,
  actorLabel: r.actor_label,
  from: r.from_status,
  to: r.to_status,
  via: r.via,
  reason: r.reason,
  submissionId: r.submission_id,
});

export function createStatusRepository(db: Db) {
  const last = db.prepare<[string], Row>('SELECT * FROM registrant_status_history WHERE registrant_id = ? ORDER BY seq DESC LIMIT 1');
  const all = db.prepare<[string], Row>('SELECT * FROM registrant_status_history WHERE registrant_id = ? ORDER BY seq');
  const insert = db.prepare(
    `INSERT INTO registrant_status_history (registrant_id, at, actor_id, actor_label, from_status, to_status, via, reason, submission_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setStatus = db.prepare('UPDATE registrants SET status = ?, updated_at = ? WHERE id = ?');
  const insertMany = db.prepare(
    `INSERT INTO registrant_status_history (registrant_id, at, actor_id, actor_label, from_status, to_status, via, reason, submission_id)
     SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8 FROM json_each(?)`,
  );
  return {
    /** The newest event of a registrant: an unlock is in force only while it is the newest. */
    lastEvent(registrantId: string): StatusEvent | null {
      const row = last.get(registrantId);
      return row ? toEvent(row) : null;
    },
    history(registrantId: string): StatusEvent[] {
      return all.all(registrantId).map(toEvent);
    },
    record(e: StatusEvent): void {
      insert.run(e.registrantId, e.at, e.actorId, e.actorLabel, e.from, e.to, e.via, e.reason, e.submissionId);
    },
    /** Many events in one statement (the CSV import's batches). */
    recordMany(events: readonly StatusEvent[]): void {
      if (events.length === 0) return;
      insertMany.run(JSON.stringify(events.map((e) => [e.registrantId, e.at, e.actorId, e.actorLabel, e.from, e.to, e.via, e.reason, e.submissionId])));
    },
    setStatus(registrantId: string, status: RegistrantStatus, now: Date): void {
      setStatus.run(status, now.toISOString(), registrantId);
    },
  };
}

export type StatusRepository = ReturnType<typeof createStatusRepository>;
