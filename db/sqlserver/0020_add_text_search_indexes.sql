-- Text search of the case list served by indexes (issue 17). A search no longer compares the text with every case of
-- the caller's scope; it looks its candidates up: the enterprises of the caller's county whose names contain the text
-- (a county has thousands of enterprises, not millions), then each one's cases in list order; the parties whose names
-- start with it; the cases whose numbers start with it (ux_cases_number).
-- Kept in lockstep with db/sqlite/0020_add_text_search_indexes.sql.
--
-- A party's name from its first character: LIKE 'prefix%' is a seek of this index, in the column's own collation
-- (case-insensitive, as the search has always been). case_id ends the key: no table read.
CREATE INDEX ix_case_parties_name ON dbo.case_parties (name, case_id);
-- One enterprise's open and closed cases in list order (colour, next deadline, id), like the unit indexes of 0019.
CREATE INDEX ix_cases_enterprise_open_urgency ON dbo.cases (enterprise_id, risk_color, next_due_at, id) WHERE closed_at IS NULL;
CREATE INDEX ix_cases_enterprise_closed_urgency ON dbo.cases (enterprise_id, risk_color, next_due_at, id) WHERE closed_at IS NOT NULL;
