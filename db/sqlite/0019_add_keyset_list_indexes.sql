-- Case lists paged by keyset (issue 17). A list walks (colour, next deadline, id) in eight segments, one colour with
-- or without a deadline each, and reads open and closed cases apart; so every branch of a page comes out of one of
-- these indexes in its own order and reads only the rows it returns, instead of sorting a subtree.
-- Kept in lockstep with db/sqlserver/0019_add_keyset_list_indexes.sql.
--
-- Open and closed cases of one unit: a small subtree is read unit by unit, a followed case at the ancestor holding it.
-- They replace ix_cases_unit_urgency (open and closed cases in one key, so a page of open cases read past closed ones).
DROP INDEX ix_cases_unit_urgency;
CREATE INDEX ix_cases_unit_open_urgency ON cases (unit_id, risk_color, next_due_at, id) WHERE closed_at IS NULL;
CREATE INDEX ix_cases_unit_closed_urgency ON cases (unit_id, risk_color, next_due_at, id) WHERE closed_at IS NOT NULL;
-- Open cases assigned to one mediator, wherever they are now.
CREATE INDEX ix_cases_mediator_open_urgency ON cases (mediator_user_id, risk_color, next_due_at, id) WHERE closed_at IS NULL;
-- Closed cases of a large subtree, read in order until the page is full (its open cases: ix_cases_open_urgency).
CREATE INDEX ix_cases_closed_urgency ON cases (risk_color, next_due_at, id) WHERE closed_at IS NOT NULL;
-- The audit list pages by (at, id) on ix_audit_log_at: its key ends with the row's id on both engines.
