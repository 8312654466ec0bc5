-- The dashboard proportional to units, not cases (issue 17).
-- In lockstep with db/sqlite/0018_add_case_summary.sql; the comments there say what each table holds.

CREATE TABLE dbo.case_summary (
    unit_id             BIGINT NOT NULL,
    state               NVARCHAR(32) NOT NULL,
    risk_color          INT NOT NULL CONSTRAINT ck_case_summary_risk_color CHECK (risk_color BETWEEN 0 AND 3),
    level               INT NOT NULL CONSTRAINT ck_case_summary_level CHECK (level BETWEEN 0 AND 3),
    is_open             BIT NOT NULL,
    cases               BIGINT NOT NULL,
    workers             BIGINT NOT NULL,
    amount_owed         DECIMAL(18,2) NOT NULL,
    amount_recovered    DECIMAL(18,2) NOT NULL,
    CONSTRAINT pk_case_summary PRIMARY KEY (unit_id, state, risk_color, level, is_open),
    CONSTRAINT fk_case_summary_unit FOREIGN KEY (unit_id) REFERENCES dbo.org_units (id)
);

CREATE TABLE dbo.case_week_summary (
    unit_id             BIGINT NOT NULL,
    week_start          DATE NOT NULL,
    new_cases           BIGINT NOT NULL,
    closed_cases        BIGINT NOT NULL,
    CONSTRAINT pk_case_week_summary PRIMARY KEY (unit_id, week_start),
    CONSTRAINT fk_case_week_summary_unit FOREIGN KEY (unit_id) REFERENCES dbo.org_units (id)
);

CREATE INDEX ix_cases_open_due ON dbo.cases (next_due_at) INCLUDE (unit_id, closed_at) WHERE closed_at IS NULL;

INSERT INTO dbo.case_summary (unit_id, state, risk_color, level, is_open, cases, workers, amount_owed, amount_recovered)
SELECT unit_id, state, COALESCE(risk_color, 0), COALESCE(level, 0), CASE WHEN closed_at IS NULL THEN 1 ELSE 0 END,
       COUNT_BIG(*), SUM(CAST(COALESCE(workers_involved, 0) AS BIGINT)), SUM(COALESCE(amount_owed, 0)), SUM(amount_recovered)
FROM dbo.cases
GROUP BY unit_id, state, COALESCE(risk_color, 0), COALESCE(level, 0), CASE WHEN closed_at IS NULL THEN 1 ELSE 0 END;

INSERT INTO dbo.case_week_summary (unit_id, week_start, new_cases, closed_cases)
SELECT unit_id, week_start, SUM(new_cases), SUM(closed_cases)
FROM (SELECT unit_id, DATEADD(day, -(DATEDIFF(day, CAST('19000101' AS DATE), CAST(SWITCHOFFSET(first_received_at, '+08:00') AS DATE)) % 7), CAST(SWITCHOFFSET(first_received_at, '+08:00') AS DATE)) AS week_start,
             CAST(1 AS BIGINT) AS new_cases, CAST(0 AS BIGINT) AS closed_cases
      FROM dbo.cases
      UNION ALL
      SELECT unit_id, DATEADD(day, -(DATEDIFF(day, CAST('19000101' AS DATE), CAST(SWITCHOFFSET(closed_at, '+08:00') AS DATE)) % 7), CAST(SWITCHOFFSET(closed_at, '+08:00') AS DATE)),
             0, 1
      FROM dbo.cases WHERE closed_at IS NOT NULL) AS w
GROUP BY unit_id, week_start;
