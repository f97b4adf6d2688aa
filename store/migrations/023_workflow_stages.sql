-- The completed sharing workflow (issue 14, item 4): an endorser may decline
-- (退回) an application back to its applicant, who resubmits or withdraws it;
-- each stage has its own deadline; a grantee may give up a grant; and the
-- history names the signed-in person who acted for the unit.

-- DECLINED is open (decided_at null): back with the applicant, no deadline runs.
ALTER TABLE share_applications DROP CONSTRAINT share_applications_status_check;
ALTER TABLE share_applications ADD CONSTRAINT share_applications_status_check
  CHECK (status IN ('SUBMITTED', 'ENDORSED', 'DECLINED', 'APPROVED', 'REJECTED', 'WITHDRAWN'));
-- Migration 001's unnamed checks, named by PostgreSQL in order: _check is
-- deadline > submitted_at, _check1 the open/closed rule. Both come back named.
ALTER TABLE share_applications DROP CONSTRAINT share_applications_check1;
ALTER TABLE share_applications ADD CONSTRAINT share_applications_open_check
  CHECK ((status IN ('SUBMITTED', 'ENDORSED', 'DECLINED')) = (decided_at IS NULL));
ALTER TABLE share_applications DROP CONSTRAINT share_applications_check;
ALTER TABLE share_applications ADD CONSTRAINT share_applications_deadline_check CHECK (deadline > submitted_at);

-- The endorser's deadline, from the last (re)submission; null without an endorser.
ALTER TABLE share_applications ADD COLUMN endorsement_deadline timestamptz;
-- `deadline` is now the provider's (第十五条), counted from the moment the
-- application reached the provider; null until then.
ALTER TABLE share_applications ALTER COLUMN deadline DROP NOT NULL;

-- Applications still awaiting endorsement had the provider's period counted
-- from submission. That period becomes their endorsement deadline (no
-- endorser is given less time than before), and the provider's clock starts
-- afresh when they are endorsed.
UPDATE share_applications SET endorsement_deadline = deadline, deadline = NULL
  WHERE status = 'SUBMITTED' AND endorser IS NOT NULL;

ALTER TABLE share_applications ADD CONSTRAINT share_applications_stage_deadline_check
  CHECK (endorsement_deadline IS NOT NULL OR deadline IS NOT NULL);

CREATE INDEX share_applications_pending_endorsement_deadline ON share_applications (endorsement_deadline)
  WHERE status = 'SUBMITTED' AND endorser IS NOT NULL;

-- The signed-in person (account id) who acted for the unit; null for SYSTEM,
-- operator tokens and apps, and for every event recorded before.
ALTER TABLE share_application_events ADD COLUMN actor_person text;

-- A grant given up by its grantee ends like a revoked one (revoked_at,
-- revoked_by = the grantee, revoke_reason), and says so.
ALTER TABLE grants ADD COLUMN given_up boolean NOT NULL DEFAULT false;
ALTER TABLE grants ADD COLUMN revoked_by_person text;
ALTER TABLE grants ADD CONSTRAINT grants_given_up_check CHECK (NOT given_up OR revoked_by = grantee);

ALTER TABLE grant_changes DROP CONSTRAINT grant_changes_kind_check;
ALTER TABLE grant_changes ADD CONSTRAINT grant_changes_kind_check CHECK (kind IN ('GRANTED', 'REVOKED', 'GIVEN_UP'));
