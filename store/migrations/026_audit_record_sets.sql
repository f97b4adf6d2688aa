-- Record accesses as sets (issue 10): one row per (audited request, record
-- type, grants served under) holding the record ids, instead of one row per
-- record: one heap row, one B-tree entry and a GIN insertion (batched in the
-- pending list) instead of 20 heap rows and 40 B-tree entries for a 20-record
-- page. On
-- PostgreSQL the group commit went from about 2,700 to 5,300 entries/s
-- (bench/audit, 20 records an entry). "Who saw this student" stays an index
-- look-up: record_ids @> {id}.
-- The rows are part of their entry's hash exactly as before: the verifier
-- expands them back into the same normalised record list.
CREATE TABLE audit_record_sets (
  audit_seq   bigint NOT NULL REFERENCES audit_entries (seq),
  record_type text   NOT NULL CHECK (record_type IN ('Student', 'Teacher')),
  grant_ids   text[] NOT NULL DEFAULT '{}',
  record_ids  text[] NOT NULL CHECK (cardinality(record_ids) > 0)
);

-- No key over grant_ids: a unit may hold hundreds of grants, and such a key
-- would pass B-tree's row size limit. The writer makes one set per type and
-- grants (store/audit/audit-entry.ts recordSets); the chain's hash covers them.
CREATE INDEX audit_record_sets_entry ON audit_record_sets (audit_seq);
CREATE INDEX audit_record_sets_records ON audit_record_sets USING gin (record_ids);

INSERT INTO audit_record_sets (audit_seq, record_type, grant_ids, record_ids)
SELECT audit_seq, record_type, grant_ids, array_agg(record_id ORDER BY record_id)
FROM audit_record_access
GROUP BY audit_seq, record_type, grant_ids;

-- The append-only trigger refuses TRUNCATE, not DROP: the rows moved above,
-- in the same transaction, and the chain's verification covers them there.
DROP TABLE audit_record_access;

CREATE TRIGGER audit_record_sets_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_record_sets
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
