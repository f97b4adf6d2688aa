-- Who acted for the unit on each audited request (issue 14): the signed-in
-- person's account id, or the registered app's client id. Null for operator
-- tokens, which name only a unit, and for every entry written before.
ALTER TABLE audit_entries ADD COLUMN person text;
ALTER TABLE audit_entries ADD COLUMN client text;
CREATE INDEX audit_entries_person_at ON audit_entries (person, at, seq) WHERE person IS NOT NULL;
