-- The dashboard proportional to units, not cases (issue 17). Two small tables kept by the case store inside each
-- registration's and each transition's own transaction (src/CaseFlow.Data/Reports/CaseSummaryWriter.cs): the
-- dashboard reads tens of rows, whatever the number of cases. `caseflow db rebuild-summary` recomputes both from
-- the cases table; this script fills them for the cases already stored.
-- In lockstep with db/sqlserver/0018_add_case_summary.sql.

-- Every case counted once, in the cell of its current unit, state, colour, level and openness, with its workers
-- and money. Codes as in cases; 0 stands for "none" (not graded, not in mediation) so that the key has no NULLs.
-- Counts are not CHECKed non-negative: a drifted cell must not stop casework; the rebuild repairs it.
CREATE TABLE case_summary (
    unit_id             INTEGER NOT NULL REFERENCES org_units (id),
    state               TEXT NOT NULL CHECK (length(state) <= 32),
    risk_color          INTEGER NOT NULL CHECK (risk_color BETWEEN 0 AND 3),      -- RiskColor, 0 = not graded
    level               INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),           -- 0 = not in mediation
    is_open             INTEGER NOT NULL CHECK (is_open IN (0, 1)),               -- cases.closed_at IS NULL
    cases               INTEGER NOT NULL,
    workers             INTEGER NOT NULL,                                         -- SUM(workers_involved)
    amount_owed         INTEGER NOT NULL,                                         -- hundredths, SUM(amount_owed)
    amount_recovered    INTEGER NOT NULL,                                         -- hundredths, SUM(amount_recovered)
    PRIMARY KEY (unit_id, state, risk_color, level, is_open)
) STRICT, WITHOUT ROWID;

-- Per unit and week (the Monday of the week, China time): cases first received and cases closed that week,
-- counted at the case's current unit, as the dashboard's weekly trend counts them.
CREATE TABLE case_week_summary (
    unit_id             INTEGER NOT NULL REFERENCES org_units (id),
    week_start          TEXT NOT NULL CHECK (week_start GLOB '????-??-??'),
    new_cases           INTEGER NOT NULL,
    closed_cases        INTEGER NOT NULL,
    PRIMARY KEY (unit_id, week_start)
) STRICT, WITHOUT ROWID;

-- Overdue and due-soon figures depend on the clock, so no write can keep them: they are counted when asked, from
-- the open cases whose next deadline falls before a bound, a range of this index (a few rows per unit). closed_at is
-- always NULL here; it ends the key so that the index covers the query's own "closed_at IS NULL".
CREATE INDEX ix_cases_open_due ON cases (next_due_at, unit_id, closed_at) WHERE closed_at IS NULL;

INSERT INTO case_summary (unit_id, state, risk_color, level, is_open, cases, workers, amount_owed, amount_recovered)
SELECT unit_id, state, coalesce(risk_color, 0), coalesce(level, 0), CASE WHEN closed_at IS NULL THEN 1 ELSE 0 END,
       count(*), sum(coalesce(workers_involved, 0)), sum(coalesce(amount_owed, 0)), sum(amount_recovered)
FROM cases
GROUP BY unit_id, state, coalesce(risk_color, 0), coalesce(level, 0), CASE WHEN closed_at IS NULL THEN 1 ELSE 0 END;

INSERT INTO case_week_summary (unit_id, week_start, new_cases, closed_cases)
SELECT unit_id, week_start, sum(new_cases), sum(closed_cases)
FROM (SELECT unit_id, date(first_received_at, '+8 hours', '-6 days', 'weekday 1') AS week_start, 1 AS new_cases, 0 AS closed_cases FROM cases
      UNION ALL
      SELECT unit_id, date(closed_at, '+8 hours', '-6 days', 'weekday 1'), 0, 1 FROM cases WHERE closed_at IS NOT NULL) AS w
GROUP BY unit_id, week_start;
