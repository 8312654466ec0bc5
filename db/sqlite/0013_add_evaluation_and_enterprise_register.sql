-- Unit scorecards, star ratings and bonus items; grid screening rounds; legal health checks (issue 16).
-- Storage rules as in 0001: money and points are INTEGER hundredths, instants UTC text, dates 'yyyy-MM-dd'.

-- A county's scoring scheme, one row per version. definition is the scheme as JSON (indicators with points, floor
-- and target; bonus and deduction items with caps; star bands). A period is scored by the latest version whose
-- effective_from is on or before the period's first day, so a new version leaves earlier periods as they were.
CREATE TABLE scoring_schemes (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    county_id           INTEGER NOT NULL REFERENCES org_units (id),
    version             INTEGER NOT NULL CHECK (version >= 1),
    effective_from      TEXT NOT NULL CHECK (effective_from GLOB '????-??-??'),
    max_points          INTEGER NOT NULL CHECK (max_points BETWEEN 1 AND 100000),           -- hundredths: 0.01 to 1000 points
    definition          TEXT NOT NULL CHECK (json_valid(definition)),
    created_by_user_id  INTEGER NULL REFERENCES users (id),
    created_at          TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE UNIQUE INDEX ux_scoring_schemes_county_version ON scoring_schemes (county_id, version);

-- 评星定级: a unit's stars for a year, as rated. Re-rating a year adds rows; the latest row of a year is its rating,
-- and the rows of earlier years are the history (摘星降级 shows as fewer stars than the year before).
CREATE TABLE star_ratings (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id             INTEGER NOT NULL REFERENCES org_units (id),
    year                INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    stars               INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    score               INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100000),                -- hundredths of a point
    max_points          INTEGER NOT NULL CHECK (max_points BETWEEN 1 AND 100000),
    scheme_version      INTEGER NOT NULL CHECK (scheme_version >= 1),
    rated_by_user_id    INTEGER NULL REFERENCES users (id),
    rated_at            TEXT NOT NULL CHECK (rated_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE INDEX ix_star_ratings_unit_year ON star_ratings (unit_id, year, id);

-- A bonus item a unit declares for a year (recognition, an innovation), reviewed by the level above (逐级审核).
CREATE TABLE bonus_items (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id             INTEGER NOT NULL REFERENCES org_units (id),
    year                INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    kind                TEXT NOT NULL CHECK (length(kind) <= 32),          -- a bonus code of the scheme
    title               TEXT NOT NULL CHECK (length(title) <= 100),
    note                TEXT NULL CHECK (length(note) <= 1000),
    attachment_ref      TEXT NULL CHECK (length(attachment_ref) <= 200),
    status              TEXT NOT NULL CHECK (length(status) <= 16),        -- declared | accepted | rejected
    declared_by_user_id INTEGER NULL REFERENCES users (id),
    declared_at         TEXT NOT NULL CHECK (declared_at GLOB '????-??-??T??:??:??.???Z'),
    reviewed_by_user_id INTEGER NULL REFERENCES users (id),
    reviewed_at         TEXT NULL CHECK (reviewed_at GLOB '????-??-??T??:??:??.???Z'),
    review_reason       TEXT NULL CHECK (length(review_reason) <= 500)
) STRICT;

CREATE INDEX ix_bonus_items_unit_year ON bonus_items (unit_id, year);

-- 三级摸排: one round per county and month.
CREATE TABLE screening_rounds (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    county_id           INTEGER NOT NULL REFERENCES org_units (id),
    period              TEXT NOT NULL CHECK (period GLOB '????-??'),       -- the month screened, 'yyyy-MM'
    opened_by_user_id   INTEGER NULL REFERENCES users (id),
    opened_at           TEXT NOT NULL CHECK (opened_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE UNIQUE INDEX ux_screening_rounds_county_period ON screening_rounds (county_id, period);

-- 逐级上报: a village (grid) or town reports its part of a round to the level above, once.
CREATE TABLE screening_reports (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id            INTEGER NOT NULL REFERENCES screening_rounds (id),
    unit_id             INTEGER NOT NULL REFERENCES org_units (id),
    reported_by_user_id INTEGER NULL REFERENCES users (id),
    reported_at         TEXT NOT NULL CHECK (reported_at GLOB '????-??-??T??:??:??.???Z'),
    note                TEXT NULL CHECK (length(note) <= 500)
) STRICT;

CREATE UNIQUE INDEX ux_screening_reports_round_unit ON screening_reports (round_id, unit_id);

-- One enterprise screened in a round: its wage-payment status and, when at risk, the colour the grading rules give.
CREATE TABLE screening_records (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id            INTEGER NOT NULL REFERENCES screening_rounds (id),
    enterprise_id       INTEGER NOT NULL REFERENCES enterprises (id),
    unit_id             INTEGER NOT NULL REFERENCES org_units (id),        -- the grid (village) that screened it
    wage_status         TEXT NOT NULL CHECK (length(wage_status) <= 16),   -- normal | late | arrears | stopped | unreachable
    months_owed         INTEGER NULL CHECK (months_owed BETWEEN 0 AND 99999),                    -- hundredths of a month
    workers_owed        INTEGER NULL CHECK (workers_owed BETWEEN 0 AND 100000),
    amount_owed         INTEGER NULL CHECK (amount_owed BETWEEN 0 AND 999999999999999999),       -- hundredths
    risk_color          INTEGER NULL CHECK (risk_color BETWEEN 1 AND 3),   -- NULL when the status is normal
    risk_rules          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(risk_rules)),
    note                TEXT NULL CHECK (length(note) <= 500),
    case_id             INTEGER NULL REFERENCES cases (id),                -- the case opened from this record
    recorded_by_user_id INTEGER NULL REFERENCES users (id),
    recorded_at         TEXT NOT NULL CHECK (recorded_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE UNIQUE INDEX ux_screening_records_round_enterprise ON screening_records (round_id, enterprise_id);
CREATE INDEX ix_screening_records_enterprise ON screening_records (enterprise_id, id);

-- 法律体检: a legal health check of an enterprise; findings is a JSON checklist [{"item": …, "ok": …, "note": …}].
CREATE TABLE health_checks (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    enterprise_id       INTEGER NOT NULL REFERENCES enterprises (id),
    checked_on          TEXT NOT NULL CHECK (checked_on GLOB '????-??-??'),
    checked_by          TEXT NOT NULL CHECK (length(checked_by) <= 100),
    findings            TEXT NOT NULL CHECK (json_valid(findings)),
    note                TEXT NULL CHECK (length(note) <= 1000),
    recorded_by_user_id INTEGER NULL REFERENCES users (id),
    recorded_at         TEXT NOT NULL CHECK (recorded_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE INDEX ix_health_checks_enterprise ON health_checks (enterprise_id, checked_on);

-- A follow-up item of a health check with its due date; open until done.
CREATE TABLE health_check_followups (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    health_check_id     INTEGER NOT NULL REFERENCES health_checks (id),
    item                TEXT NOT NULL CHECK (length(item) <= 200),
    due_on              TEXT NOT NULL CHECK (due_on GLOB '????-??-??'),
    done_at             TEXT NULL CHECK (done_at GLOB '????-??-??T??:??:??.???Z'),
    done_by_user_id     INTEGER NULL REFERENCES users (id)
) STRICT;

CREATE INDEX ix_health_check_followups_check ON health_check_followups (health_check_id);
CREATE INDEX ix_health_check_followups_open ON health_check_followups (due_on) WHERE done_at IS NULL;
