-- 0240: the audit trail filtered by purpose of use, and by result. The purpose lives in the entry's detail
-- (purposeId for reveals and exports, purpose for image views); an index on that expression
-- (written exactly as AUDIT_PURPOSE_SQL in platform/audit/audit-log.ts) answers the filter
-- without reading every entry. An index adds nothing to the rows, so the chain is unchanged.

CREATE INDEX audit_log_purpose ON audit_log (coalesce(json_extract(detail, '$.purposeId'), json_extract(detail, '$.purpose')), seq);

-- The result filter (failures, refusals) reads its few entries newest first from an index.
CREATE INDEX audit_log_outcome ON audit_log (outcome, seq);
