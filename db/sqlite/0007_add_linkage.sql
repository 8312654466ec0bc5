-- Three-party linkage (issue 14): who may follow a case beyond the unit that holds it now, the partner
-- organisations of a county and their users, shares, and the case's non-workflow timeline entries.
-- Kept in lockstep with db/sqlserver/0007_add_linkage.sql.

-- Every unit that held a case, registered it or had a mediator on it: it keeps read-only access after the case
-- moves up (逐级上报, 结果反馈). Written with every case write; filled here from the history so far.
CREATE TABLE case_units_held (
    case_id             INTEGER NOT NULL REFERENCES cases (id),
    unit_id             INTEGER NOT NULL REFERENCES org_units (id),
    PRIMARY KEY (case_id, unit_id)
) STRICT;

CREATE INDEX ix_case_units_held_unit ON case_units_held (unit_id, case_id);

INSERT INTO case_units_held (case_id, unit_id)
SELECT c.id, c.unit_id FROM cases AS c
UNION
SELECT c.id, m.unit_id FROM cases AS c JOIN users AS m ON m.id = c.mediator_user_id
UNION
SELECT e.case_id, a.unit_id FROM case_events AS e JOIN users AS a ON a.id = e.by_user_id
UNION
SELECT s.case_id, s.unit_id FROM mediation_sessions AS s;

-- Partner organisations of a county (人社局, 劳动监察大队, 仲裁院, 法院, 司法局, 政法委, 公安).
CREATE TABLE partner_orgs (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    county_id           INTEGER NOT NULL REFERENCES org_units (id),
    kind                TEXT NOT NULL CHECK (length(kind) <= 32),          -- hrss | labour_inspection | arbitration | court | justice | political_legal | police
    name                TEXT NOT NULL CHECK (length(name) <= 100),
    is_active           INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    created_at          TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

CREATE UNIQUE INDEX ux_partner_orgs_county_name ON partner_orgs (county_id, name);
CREATE INDEX ix_partner_orgs_county_kind ON partner_orgs (county_id, kind);

-- A partner user (role 'partner') belongs to one partner organisation and sees only what is shared with it.
ALTER TABLE users ADD COLUMN partner_org_id INTEGER NULL REFERENCES partner_orgs (id);

-- A case shared with a partner organisation: by graded response (is_default = 1) or by a township or manager
-- with a reason; withdrawn by setting withdrawn_at. At most one open share per case and organisation.
CREATE TABLE case_shares (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id             INTEGER NOT NULL REFERENCES cases (id),
    partner_org_id      INTEGER NOT NULL REFERENCES partner_orgs (id),
    is_default          INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    reason              TEXT NULL CHECK (length(reason) <= 1000),
    shared_at           TEXT NOT NULL CHECK (shared_at GLOB '????-??-??T??:??:??.???Z'),
    shared_by_user_id   INTEGER NULL REFERENCES users (id),                -- NULL = the graded response
    withdrawn_at        TEXT NULL CHECK (withdrawn_at GLOB '????-??-??T??:??:??.???Z'),
    withdrawn_by_user_id INTEGER NULL REFERENCES users (id),
    withdraw_reason     TEXT NULL CHECK (length(withdraw_reason) <= 1000)
) STRICT;

CREATE UNIQUE INDEX ux_case_shares_open ON case_shares (case_id, partner_org_id) WHERE withdrawn_at IS NULL;
CREATE INDEX ix_case_shares_partner ON case_shares (partner_org_id, case_id);

-- The case's timeline entries beside the workflow: shares and their withdrawal, partners' notes and attendance.
-- Append-only like case_events.
CREATE TABLE case_activities (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id             INTEGER NOT NULL REFERENCES cases (id),
    at                  TEXT NOT NULL CHECK (at GLOB '????-??-??T??:??:??.???Z'),
    by_user_id          INTEGER NULL REFERENCES users (id),                -- NULL = the system
    partner_org_id      INTEGER NULL REFERENCES partner_orgs (id),         -- the organisation concerned, if any
    kind                TEXT NOT NULL CHECK (length(kind) <= 32),          -- share | unshare | note | attendance
    text                TEXT NULL CHECK (length(text) <= 2000)
) STRICT;

CREATE INDEX ix_case_activities_case ON case_activities (case_id, id);

CREATE TRIGGER case_activities_no_update BEFORE UPDATE ON case_activities
BEGIN
    SELECT RAISE(ABORT, 'case_activities is append-only: rows cannot be updated');
END;

CREATE TRIGGER case_activities_no_delete BEFORE DELETE ON case_activities
BEGIN
    SELECT RAISE(ABORT, 'case_activities is append-only: rows cannot be deleted');
END;

-- The partner organisations present at a joint mediation session; confirmed_at when the partner itself recorded it.
CREATE TABLE session_partners (
    session_id          INTEGER NOT NULL REFERENCES mediation_sessions (id),
    partner_org_id      INTEGER NOT NULL REFERENCES partner_orgs (id),
    confirmed_at        TEXT NULL CHECK (confirmed_at GLOB '????-??-??T??:??:??.???Z'),
    confirmed_by_user_id INTEGER NULL REFERENCES users (id),
    PRIMARY KEY (session_id, partner_org_id)
) STRICT;
