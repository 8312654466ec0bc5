-- The risk dashboard over a county of hundreds of thousands of cases, read from indexes alone (no table lookups):
-- open cases per unit by colour and level with their deadline, money and workers; and every case's receipt and
-- closing instants per unit for the weekly new/closed trend. SQLite has no INCLUDE: the carried columns end the key.
CREATE INDEX ix_cases_open_dashboard ON cases (unit_id, risk_color, level, next_due_at, amount_owed, workers_involved) WHERE closed_at IS NULL;

CREATE INDEX ix_cases_unit_received ON cases (unit_id, first_received_at, closed_at);
