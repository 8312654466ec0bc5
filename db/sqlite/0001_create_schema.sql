-- CaseFlow schema, SQLite dialect. Kept in lockstep with db/sqlserver/0001_create_schema.sql:
-- same tables, columns, nullability and index names (a test compares them).
--
-- Storage rules (the .NET side relies on them; see src/CaseFlow.Data/DapperTypeHandlers.cs):
-- * Tables are STRICT, so a value of the wrong type is refused instead of silently coerced.
-- * Money and every other DECIMAL(p,2) quantity is an INTEGER count of hundredths (fen for money).
--   SQLite has no exact decimal type: NUMERIC/REAL keep only 15 significant digits, and TEXT would make
--   SUM() and ORDER BY wrong. Integers keep DECIMAL(18,2) exact up to 9999999999999999.99, sum exactly,
--   compare correctly, and the Dapper decimal handler scales by 100 both ways.
-- * Instants are UTC TEXT 'yyyy-MM-ddTHH:mm:ss.fffZ' (fixed width, so text order is time order; a
--   CHECK refuses any other shape). Calendar dates are TEXT 'yyyy-MM-dd'.
-- * Booleans are INTEGER 0/1. JSON columns must hold valid JSON.
-- * Codes are text: cases.state, case_events.from_state/to_state/trigger_name and case_deadlines.for_state
--   hold the C# enum member name ('Level1InMediation', 'DeadlineElapsed'); cases.risk_color holds the
--   RiskColor value 1..3 so "red first" is a plain ORDER BY; other codes are lower-case words listed
--   beside their column. Lists of codes are deliberately not CHECKed: adding one must not require a
--   table rebuild on SQLite.
-- * Ids are AUTOINCREMENT so, as with SQL Server IDENTITY, a deleted row's id is never reused
--   (audit_log.entity_id must keep pointing at what it recorded).

-- The organisation tree: county -> town/street -> village/community -> enterprise.
CREATE TABLE org_units (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    parent_id           INTEGER NULL REFERENCES org_units (id),
    -- Set by org_units_set_path: the root of the unit's tree (a county is its own county).
    county_id           INTEGER NULL REFERENCES org_units (id),
    kind                TEXT NOT NULL CHECK (length(kind) <= 16),          -- county | town | village | enterprise
    name                TEXT NOT NULL CHECK (length(name) <= 100),
    code                TEXT NULL CHECK (length(code) <= 32),              -- e.g. 'AJ', the case number prefix of a county
    -- Materialized path of ids, '/1/5/23/', set by org_units_set_path. "Unit and everything below"
    -- is the prefix match SqlDialect.SubtreeCondition builds, answered from ix_org_units_path.
    path                TEXT NOT NULL DEFAULT '' CHECK (length(path) <= 400),
    is_active           INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    created_at          TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE INDEX ix_org_units_path ON org_units (path);
CREATE INDEX ix_org_units_parent ON org_units (parent_id);
CREATE INDEX ix_org_units_county_kind ON org_units (county_id, kind);

-- Parents must exist before their children are inserted (one statement per level).
CREATE TRIGGER org_units_set_path AFTER INSERT ON org_units
BEGIN
    UPDATE org_units
    SET path = coalesce((SELECT p.path FROM org_units AS p WHERE p.id = NEW.parent_id), '/') || NEW.id || '/',
        county_id = coalesce((SELECT p.county_id FROM org_units AS p WHERE p.id = NEW.parent_id), NEW.id)
    WHERE id = NEW.id;
END;

-- Per county: which unit kind hosts each mediation level and what the level is called.
CREATE TABLE mediation_ladders (
    county_id           INTEGER NOT NULL REFERENCES org_units (id),
    level               INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    host_kind           TEXT NOT NULL CHECK (length(host_kind) <= 16),     -- an org_units.kind
    name_zh             TEXT NOT NULL CHECK (length(name_zh) <= 50),
    name_en             TEXT NOT NULL CHECK (length(name_en) <= 100),
    PRIMARY KEY (county_id, level)
) STRICT;

-- Three-party linkage contacts, told of orange and red cases.
CREATE TABLE county_contacts (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    county_id           INTEGER NOT NULL REFERENCES org_units (id),
    party_kind          TEXT NOT NULL CHECK (length(party_kind) <= 32),    -- hrss | political_legal | county_union
    organisation        TEXT NULL CHECK (length(organisation) <= 100),
    name                TEXT NOT NULL CHECK (length(name) <= 50),
    phone               TEXT NOT NULL CHECK (length(phone) <= 32),
    is_active           INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    created_at          TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE INDEX ix_county_contacts_county ON county_contacts (county_id, party_kind);

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Case-insensitive on both engines ('Admin' and 'admin' are one user).
    username            TEXT NOT NULL COLLATE NOCASE CHECK (length(username) <= 64),
    display_name        TEXT NOT NULL CHECK (length(display_name) <= 50),
    password_hash       TEXT NOT NULL CHECK (length(password_hash) <= 256),
    unit_id             INTEGER NOT NULL REFERENCES org_units (id),
    is_active           INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    failed_login_count  INTEGER NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
    locked_until        TEXT NULL CHECK (locked_until GLOB '????-??-??T??:??:??.???Z'),
    last_login_at       TEXT NULL CHECK (last_login_at GLOB '????-??-??T??:??:??.???Z'),
    created_at          TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE UNIQUE INDEX ux_users_username ON users (username);
CREATE INDEX ix_users_unit ON users (unit_id);

CREATE TABLE user_roles (
    user_id             INTEGER NOT NULL REFERENCES users (id),
    role                TEXT NOT NULL CHECK (length(role) <= 16),          -- mediator | township | manager | admin | auditor
    PRIMARY KEY (user_id, role)
) STRICT;

-- Employers named in disputes.
CREATE TABLE enterprises (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    name                TEXT NOT NULL CHECK (length(name) <= 200),
    -- 统一社会信用代码; small employers and labour contractors often have none.
    credit_code         TEXT NULL CHECK (length(credit_code) <= 18),
    address             TEXT NULL CHECK (length(address) <= 200),
    legal_representative TEXT NULL CHECK (length(legal_representative) <= 50),
    contact_phone       TEXT NULL CHECK (length(contact_phone) <= 32),
    unit_id             INTEGER NOT NULL REFERENCES org_units (id),        -- where the employer is located
    created_at          TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE UNIQUE INDEX ux_enterprises_credit_code ON enterprises (credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX ix_enterprises_unit_name ON enterprises (unit_id, name);

CREATE TABLE cases (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    number              TEXT NOT NULL CHECK (length(number) <= 32),        -- 'AJ-2026-000123'
    channel             TEXT NOT NULL CHECK (length(channel) <= 16),       -- walk_in | hotline | online | grid_screening
    claim_types         TEXT NOT NULL DEFAULT '[]' CHECK (length(claim_types) <= 400 AND json_valid(claim_types)),
    description         TEXT NOT NULL DEFAULT '',
    received_at         TEXT NOT NULL CHECK (received_at GLOB '????-??-??T??:??:??.???Z'),
    -- The statutory 15 days run from the first receipt by any mediation body, whatever the level now.
    first_received_at   TEXT NOT NULL CHECK (first_received_at GLOB '????-??-??T??:??:??.???Z'),
    state               TEXT NOT NULL CHECK (length(state) <= 32),
    level               INTEGER NULL CHECK (level BETWEEN 1 AND 3),
    unit_id             INTEGER NOT NULL REFERENCES org_units (id),        -- the unit handling the case now
    enterprise_id       INTEGER NULL REFERENCES enterprises (id),
    risk_color          INTEGER NULL CHECK (risk_color BETWEEN 1 AND 3),   -- RiskColor: 1 yellow, 2 orange, 3 red; NULL until graded
    risk_rules          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(risk_rules)), -- [{"code": …, "sentence": …}] of the rules that fired
    employer_absconded  INTEGER NOT NULL DEFAULT 0 CHECK (employer_absconded IN (0, 1)),
    production_stopped  INTEGER NOT NULL DEFAULT 0 CHECK (production_stopped IN (0, 1)),
    collective_action   INTEGER NOT NULL DEFAULT 0 CHECK (collective_action IN (0, 1)),
    order_to_pay_ignored INTEGER NOT NULL DEFAULT 0 CHECK (order_to_pay_ignored IN (0, 1)),
    amount_owed         INTEGER NULL CHECK (amount_owed BETWEEN 0 AND 999999999999999999),       -- hundredths; NULL = not known yet
    amount_recovered    INTEGER NOT NULL DEFAULT 0 CHECK (amount_recovered BETWEEN 0 AND 999999999999999999),
    workers_involved    INTEGER NULL CHECK (workers_involved >= 0),
    mediator_user_id    INTEGER NULL REFERENCES users (id),
    last_mediation_level INTEGER NULL CHECK (last_mediation_level BETWEEN 1 AND 3),
    -- Earliest open case_deadlines.due_at, written with the deadlines in the same transaction; only for ordering.
    next_due_at         TEXT NULL CHECK (next_due_at GLOB '????-??-??T??:??:??.???Z'),
    -- Bumped whenever the deadlines are replaced; a timer acts only if its row carries the current value.
    deadline_version    INTEGER NOT NULL DEFAULT 0,
    closed_at           TEXT NULL CHECK (closed_at GLOB '????-??-??T??:??:??.???Z'), -- set on Closed, Withdrawn, Rejected; NULL = open
    version             INTEGER NOT NULL DEFAULT 1,                        -- optimistic concurrency: every UPDATE filters on it
    created_at          TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z'),
    updated_at          TEXT NOT NULL CHECK (updated_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE UNIQUE INDEX ux_cases_number ON cases (number);
-- Dashboard counts and sums per unit, state, colour and level without touching the table
-- (SQLite has no INCLUDE, so the summed columns end the key).
CREATE INDEX ix_cases_dashboard ON cases (unit_id, state, risk_color, level, amount_owed, amount_recovered, workers_involved);
-- A unit's cases, most urgent first: red before orange before yellow, then the nearest deadline.
CREATE INDEX ix_cases_unit_urgency ON cases (unit_id, risk_color DESC, next_due_at, id);
-- Open cases of a large subtree (a county) in urgency order, read until a page is full.
CREATE INDEX ix_cases_open_urgency ON cases (risk_color DESC, next_due_at, id) WHERE closed_at IS NULL;
CREATE INDEX ix_cases_enterprise ON cases (enterprise_id);
CREATE INDEX ix_cases_mediator ON cases (mediator_user_id);

CREATE TABLE case_parties (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id             INTEGER NOT NULL REFERENCES cases (id),
    kind                TEXT NOT NULL CHECK (length(kind) <= 16),          -- worker | employer
    name                TEXT NOT NULL CHECK (length(name) <= 100),
    id_number           TEXT NULL CHECK (length(id_number) <= 32),         -- shown masked; every reveal is audited
    phone               TEXT NULL CHECK (length(phone) <= 32),
    amount_owed         INTEGER NULL CHECK (amount_owed BETWEEN 0 AND 999999999999999999),       -- hundredths
    months_owed         INTEGER NULL CHECK (months_owed BETWEEN 0 AND 99999),                    -- hundredths of a month: DECIMAL(5,2)
    created_at          TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE INDEX ix_case_parties_case ON case_parties (case_id);

-- Append-only: one row per transition, written in the transaction that changes the case.
CREATE TABLE case_events (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id             INTEGER NOT NULL REFERENCES cases (id),
    at                  TEXT NOT NULL CHECK (at GLOB '????-??-??T??:??:??.???Z'),
    by_user_id          INTEGER NULL REFERENCES users (id),                -- NULL = the system (timers)
    trigger_name        TEXT NOT NULL CHECK (length(trigger_name) <= 32),  -- 'trigger' is reserved in both dialects
    from_state          TEXT NULL CHECK (length(from_state) <= 32),        -- NULL for the registration event
    to_state            TEXT NOT NULL CHECK (length(to_state) <= 32),
    reason              TEXT NULL CHECK (length(reason) <= 1000),
    data                TEXT NULL CHECK (json_valid(data))
) STRICT;

CREATE INDEX ix_case_events_case ON case_events (case_id, id);

CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only: rows cannot be updated');
END;

CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only: rows cannot be deleted');
END;

-- Timers are rows: the sweeper reads open rows by due time and fires each through the case handler.
CREATE TABLE case_deadlines (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id             INTEGER NOT NULL REFERENCES cases (id),
    kind                TEXT NOT NULL CHECK (length(kind) <= 32),          -- e.g. acceptance | level_limit | performance | arbitration_right
    for_state           TEXT NOT NULL CHECK (length(for_state) <= 32),     -- the case state the timer was set for
    deadline_version    INTEGER NOT NULL,                                  -- cases.deadline_version when the row was written
    due_at              TEXT NOT NULL CHECK (due_at GLOB '????-??-??T??:??:??.???Z'),
    remind_at           TEXT NULL CHECK (remind_at GLOB '????-??-??T??:??:??.???Z'),
    -- The due date fell in a year with no calendar loaded: computed on weekends only.
    calendar_missing    INTEGER NOT NULL DEFAULT 0 CHECK (calendar_missing IN (0, 1)),
    reminded_at         TEXT NULL CHECK (reminded_at GLOB '????-??-??T??:??:??.???Z'),
    fired_at            TEXT NULL CHECK (fired_at GLOB '????-??-??T??:??:??.???Z'),
    created_at          TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE INDEX ix_case_deadlines_case ON case_deadlines (case_id);
CREATE INDEX ix_case_deadlines_due ON case_deadlines (due_at) WHERE fired_at IS NULL;
CREATE INDEX ix_case_deadlines_remind ON case_deadlines (remind_at) WHERE reminded_at IS NULL AND remind_at IS NOT NULL;

CREATE TABLE mediation_sessions (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id             INTEGER NOT NULL REFERENCES cases (id),
    level               INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    unit_id             INTEGER NOT NULL REFERENCES org_units (id),
    mediator_user_id    INTEGER NULL REFERENCES users (id),
    held_at             TEXT NOT NULL CHECK (held_at GLOB '????-??-??T??:??:??.???Z'),
    place               TEXT NULL CHECK (length(place) <= 200),
    participants        TEXT NULL CHECK (length(participants) <= 1000),
    summary             TEXT NOT NULL DEFAULT '',
    outcome             TEXT NULL CHECK (length(outcome) <= 32),           -- continued | agreement | failed
    recorded_by_user_id INTEGER NULL REFERENCES users (id),
    created_at          TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE INDEX ix_mediation_sessions_case ON mediation_sessions (case_id);

-- 调解协议 and its performance.
CREATE TABLE agreements (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id             INTEGER NOT NULL REFERENCES cases (id),
    session_id          INTEGER NULL REFERENCES mediation_sessions (id),
    signed_at           TEXT NOT NULL CHECK (signed_at GLOB '????-??-??T??:??:??.???Z'),
    amount              INTEGER NOT NULL CHECK (amount BETWEEN 0 AND 999999999999999999),        -- hundredths
    payment_due_date    TEXT NOT NULL CHECK (payment_due_date GLOB '????-??-??'),
    method              TEXT NOT NULL CHECK (length(method) <= 32),        -- lump_sum | instalments
    terms               TEXT NULL,
    performed_at        TEXT NULL CHECK (performed_at GLOB '????-??-??T??:??:??.???Z'),
    amount_paid         INTEGER NULL CHECK (amount_paid BETWEEN 0 AND 999999999999999999),       -- hundredths
    recorded_by_user_id INTEGER NULL REFERENCES users (id),
    created_at          TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE INDEX ix_agreements_case ON agreements (case_id);

-- Hand-over to arbitration, labour inspection, court or police.
CREATE TABLE referrals (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id             INTEGER NOT NULL REFERENCES cases (id),
    body                TEXT NOT NULL CHECK (length(body) <= 32),          -- arbitration | labour_inspection | court | police
    body_name           TEXT NULL CHECK (length(body_name) <= 100),        -- the receiving body's own name
    reference_number    TEXT NULL CHECK (length(reference_number) <= 64),
    referred_at         TEXT NOT NULL CHECK (referred_at GLOB '????-??-??T??:??:??.???Z'),
    referred_by_user_id INTEGER NULL REFERENCES users (id),
    outcome             TEXT NULL CHECK (length(outcome) <= 1000),
    closed_at           TEXT NULL CHECK (closed_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE INDEX ix_referrals_case ON referrals (case_id);

-- In-app notices: to a whole unit, or to one user of it.
CREATE TABLE notifications (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id             INTEGER NOT NULL REFERENCES org_units (id),
    user_id             INTEGER NULL REFERENCES users (id),
    case_id             INTEGER NULL REFERENCES cases (id),
    kind                TEXT NOT NULL CHECK (length(kind) <= 32),
    text                TEXT NOT NULL CHECK (length(text) <= 1000),
    created_at          TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z'),
    read_at             TEXT NULL CHECK (read_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE INDEX ix_notifications_unit ON notifications (unit_id, created_at);
CREATE INDEX ix_notifications_user ON notifications (user_id, created_at);

-- Append-only, kept at least 6 months (网络安全法 Art 21). user_id has no foreign key on purpose:
-- the record must outlive what it records, and username is copied for the same reason.
CREATE TABLE audit_log (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    at                  TEXT NOT NULL CHECK (at GLOB '????-??-??T??:??:??.???Z'),
    user_id             INTEGER NULL,
    username            TEXT NULL CHECK (length(username) <= 64),
    action              TEXT NOT NULL CHECK (length(action) <= 64),
    entity              TEXT NOT NULL CHECK (length(entity) <= 64),
    entity_id           TEXT NULL CHECK (length(entity_id) <= 64),
    detail              TEXT NULL CHECK (json_valid(detail)),
    remote_ip           TEXT NULL CHECK (length(remote_ip) <= 45)
) STRICT;

CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX ix_audit_log_user ON audit_log (user_id, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be updated');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted');
END;

-- Holidays and make-up working days (调休), loaded per year. A year with no row has no calendar.
CREATE TABLE calendar_days (
    date                TEXT NOT NULL PRIMARY KEY CHECK (date GLOB '????-??-??'),
    is_off_day          INTEGER NOT NULL CHECK (is_off_day IN (0, 1)),
    name                TEXT NULL CHECK (length(name) <= 50)
) STRICT;

-- Named counters handed out inside a transaction, e.g. 'case_number:AJ:2026' for case numbers.
CREATE TABLE counters (
    name                TEXT NOT NULL PRIMARY KEY CHECK (length(name) <= 100),
    value               INTEGER NOT NULL
) STRICT;
