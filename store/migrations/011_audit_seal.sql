-- Verifications also hold the trail against its last seal, kept outside the
-- database (store/audit/seal; issue 11, item 3): which seal, and what it
-- showed when it did not hold (a missing tail, a rewritten head, a seal that
-- does not verify).
ALTER TABLE audit_verifications
  ADD COLUMN sealed_seq   bigint,
  ADD COLUMN sealed_at    timestamptz,
  ADD COLUMN seal_problem text,
  ADD COLUMN seal_detail  text;
