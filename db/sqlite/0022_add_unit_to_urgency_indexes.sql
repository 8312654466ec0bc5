-- The case list of a subtree too large to read unit by unit (a town of more than eight units, a county) walks the
-- cases in urgency order and keeps those of the subtree's units (issue 17). With unit_id at the end of the key the
-- unit is read from the index entry itself, so only the cases kept are read from the table, not every case walked.
-- Kept in lockstep with db/sqlserver/0022_add_unit_to_urgency_indexes.sql.
DROP INDEX ix_cases_open_urgency;
CREATE INDEX ix_cases_open_urgency ON cases (risk_color DESC, next_due_at, id, unit_id) WHERE closed_at IS NULL;
DROP INDEX ix_cases_closed_urgency;
CREATE INDEX ix_cases_closed_urgency ON cases (risk_color, next_due_at, id, unit_id) WHERE closed_at IS NOT NULL;
