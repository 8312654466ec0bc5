-- The risk dashboard over a county of hundreds of thousands of cases, read from indexes alone (no key lookups):
-- open cases per unit by colour and level with their deadline, money and workers; and every case's receipt and
-- closing instants per unit for the weekly new/closed trend.
CREATE INDEX ix_cases_open_dashboard ON dbo.cases (unit_id, risk_color, level) INCLUDE (next_due_at, amount_owed, workers_involved) WHERE closed_at IS NULL;

CREATE INDEX ix_cases_unit_received ON dbo.cases (unit_id) INCLUDE (first_received_at, closed_at);
