-- Legal health checks (法律体检, issue 16): the unit that performed a check, and each follow-up's responsible unit and
-- the note recorded when it was done. Lengths as HealthCheckLimits in CaseFlow.Domain.Enterprises.

ALTER TABLE health_checks ADD COLUMN performed_by_unit_id INTEGER NULL REFERENCES org_units (id);

ALTER TABLE health_check_followups ADD COLUMN responsible_unit_id INTEGER NULL REFERENCES org_units (id);
ALTER TABLE health_check_followups ADD COLUMN done_note TEXT NULL CHECK (length(done_note) <= 500);
