-- CaseFlow schema, SQL Server dialect (2016 or later: filtered indexes, ISJSON). Kept in lockstep with
-- db/sqlite/0001_create_schema.sql: same tables, columns, nullability and index names (a test compares
-- them). Every constraint is named so a later migration can drop or alter it.
--
-- Storage rules:
-- * Money is DECIMAL(18,2); the Dapper decimal handler sends parameters as DECIMAL(18,2) and refuses
--   values with more than two decimal places instead of letting the server round them.
-- * Instants are DATETIMEOFFSET(3), always written in UTC and truncated to the millisecond, exactly as
--   the SQLite text form is. Calendar dates are DATE.
-- * Text is NVARCHAR (Chinese). Codes and JSON are NVARCHAR too, because .NET strings arrive as NVARCHAR
--   parameters and a VARCHAR column compared with one loses its index seek.
-- * Codes: cases.state, case_events.from_state/to_state/trigger_name and case_deadlines.for_state hold the
--   C# enum member name; cases.risk_color holds the RiskColor value 1..3; other codes are lower-case
--   words listed in the SQLite script. Lists of codes are not CHECKed there, so not here either.
-- Batches are separated by GO lines (CREATE TRIGGER must start its own batch).

CREATE TABLE dbo.org_units (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    parent_id           BIGINT NULL,
    county_id           BIGINT NULL,
    kind                NVARCHAR(16) NOT NULL,
    name                NVARCHAR(100) NOT NULL,
    code                NVARCHAR(32) NULL,
    -- Binary collation: ids and slashes only, and LIKE '/1/5/%' becomes an index seek.
    path                NVARCHAR(400) COLLATE Latin1_General_BIN2 NOT NULL CONSTRAINT df_org_units_path DEFAULT N'',
    is_active           BIT NOT NULL CONSTRAINT df_org_units_is_active DEFAULT 1,
    created_at          DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_org_units PRIMARY KEY (id),
    CONSTRAINT fk_org_units_parent FOREIGN KEY (parent_id) REFERENCES dbo.org_units (id),
    CONSTRAINT fk_org_units_county FOREIGN KEY (county_id) REFERENCES dbo.org_units (id)
);

CREATE INDEX ix_org_units_path ON dbo.org_units (path);
CREATE INDEX ix_org_units_parent ON dbo.org_units (parent_id);
CREATE INDEX ix_org_units_county_kind ON dbo.org_units (county_id, kind);
GO

-- Parents must exist before their children are inserted (one statement per level).
CREATE TRIGGER dbo.tr_org_units_set_path ON dbo.org_units
AFTER INSERT
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE u
    SET path = COALESCE(p.path, N'/') + CAST(u.id AS NVARCHAR(20)) + N'/',
        county_id = COALESCE(p.county_id, u.id)
    FROM dbo.org_units AS u
    JOIN inserted AS i ON i.id = u.id
    LEFT JOIN dbo.org_units AS p ON p.id = u.parent_id;
END;
GO

CREATE TABLE dbo.mediation_ladders (
    county_id           BIGINT NOT NULL,
    level               INT NOT NULL CONSTRAINT ck_mediation_ladders_level CHECK (level BETWEEN 1 AND 3),
    host_kind           NVARCHAR(16) NOT NULL,
    name_zh             NVARCHAR(50) NOT NULL,
    name_en             NVARCHAR(100) NOT NULL,
    CONSTRAINT pk_mediation_ladders PRIMARY KEY (county_id, level),
    CONSTRAINT fk_mediation_ladders_county FOREIGN KEY (county_id) REFERENCES dbo.org_units (id)
);

CREATE TABLE dbo.county_contacts (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    county_id           BIGINT NOT NULL,
    party_kind          NVARCHAR(32) NOT NULL,
    organisation        NVARCHAR(100) NULL,
    name                NVARCHAR(50) NOT NULL,
    phone               NVARCHAR(32) NOT NULL,
    is_active           BIT NOT NULL CONSTRAINT df_county_contacts_is_active DEFAULT 1,
    created_at          DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_county_contacts PRIMARY KEY (id),
    CONSTRAINT fk_county_contacts_county FOREIGN KEY (county_id) REFERENCES dbo.org_units (id)
);

CREATE INDEX ix_county_contacts_county ON dbo.county_contacts (county_id, party_kind);

CREATE TABLE dbo.users (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    -- Case-insensitive whatever the database's default collation is.
    username            NVARCHAR(64) COLLATE Latin1_General_100_CI_AS NOT NULL,
    display_name        NVARCHAR(50) NOT NULL,
    password_hash       NVARCHAR(256) NOT NULL,
    unit_id             BIGINT NOT NULL,
    is_active           BIT NOT NULL CONSTRAINT df_users_is_active DEFAULT 1,
    failed_login_count  INT NOT NULL CONSTRAINT df_users_failed_login_count DEFAULT 0 CONSTRAINT ck_users_failed_login_count CHECK (failed_login_count >= 0),
    locked_until        DATETIMEOFFSET(3) NULL,
    last_login_at       DATETIMEOFFSET(3) NULL,
    created_at          DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT fk_users_unit FOREIGN KEY (unit_id) REFERENCES dbo.org_units (id)
);

CREATE UNIQUE INDEX ux_users_username ON dbo.users (username);
CREATE INDEX ix_users_unit ON dbo.users (unit_id);

CREATE TABLE dbo.user_roles (
    user_id             BIGINT NOT NULL,
    role                NVARCHAR(16) NOT NULL,
    CONSTRAINT pk_user_roles PRIMARY KEY (user_id, role),
    CONSTRAINT fk_user_roles_user FOREIGN KEY (user_id) REFERENCES dbo.users (id)
);

CREATE TABLE dbo.enterprises (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    name                NVARCHAR(200) NOT NULL,
    credit_code         NVARCHAR(18) NULL,
    address             NVARCHAR(200) NULL,
    legal_representative NVARCHAR(50) NULL,
    contact_phone       NVARCHAR(32) NULL,
    unit_id             BIGINT NOT NULL,
    created_at          DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_enterprises PRIMARY KEY (id),
    CONSTRAINT fk_enterprises_unit FOREIGN KEY (unit_id) REFERENCES dbo.org_units (id)
);

-- Filtered: a UNIQUE constraint would allow only one employer without a code.
CREATE UNIQUE INDEX ux_enterprises_credit_code ON dbo.enterprises (credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX ix_enterprises_unit_name ON dbo.enterprises (unit_id, name);

CREATE TABLE dbo.cases (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    number              NVARCHAR(32) NOT NULL,
    channel             NVARCHAR(16) NOT NULL,
    claim_types         NVARCHAR(400) NOT NULL CONSTRAINT df_cases_claim_types DEFAULT N'[]' CONSTRAINT ck_cases_claim_types CHECK (ISJSON(claim_types) = 1),
    description         NVARCHAR(MAX) NOT NULL CONSTRAINT df_cases_description DEFAULT N'',
    received_at         DATETIMEOFFSET(3) NOT NULL,
    first_received_at   DATETIMEOFFSET(3) NOT NULL,
    state               NVARCHAR(32) NOT NULL,
    level               INT NULL CONSTRAINT ck_cases_level CHECK (level BETWEEN 1 AND 3),
    unit_id             BIGINT NOT NULL,
    enterprise_id       BIGINT NULL,
    risk_color          INT NULL CONSTRAINT ck_cases_risk_color CHECK (risk_color BETWEEN 1 AND 3),
    risk_rules          NVARCHAR(MAX) NOT NULL CONSTRAINT df_cases_risk_rules DEFAULT N'[]' CONSTRAINT ck_cases_risk_rules CHECK (ISJSON(risk_rules) = 1),
    employer_absconded  BIT NOT NULL CONSTRAINT df_cases_employer_absconded DEFAULT 0,
    production_stopped  BIT NOT NULL CONSTRAINT df_cases_production_stopped DEFAULT 0,
    collective_action   BIT NOT NULL CONSTRAINT df_cases_collective_action DEFAULT 0,
    order_to_pay_ignored BIT NOT NULL CONSTRAINT df_cases_order_to_pay_ignored DEFAULT 0,
    amount_owed         DECIMAL(18,2) NULL CONSTRAINT ck_cases_amount_owed CHECK (amount_owed >= 0),
    amount_recovered    DECIMAL(18,2) NOT NULL CONSTRAINT df_cases_amount_recovered DEFAULT 0 CONSTRAINT ck_cases_amount_recovered CHECK (amount_recovered >= 0),
    workers_involved    INT NULL CONSTRAINT ck_cases_workers_involved CHECK (workers_involved >= 0),
    mediator_user_id    BIGINT NULL,
    last_mediation_level INT NULL CONSTRAINT ck_cases_last_mediation_level CHECK (last_mediation_level BETWEEN 1 AND 3),
    next_due_at         DATETIMEOFFSET(3) NULL,
    deadline_version    INT NOT NULL CONSTRAINT df_cases_deadline_version DEFAULT 0,
    closed_at           DATETIMEOFFSET(3) NULL,
    version             INT NOT NULL CONSTRAINT df_cases_version DEFAULT 1,
    created_at          DATETIMEOFFSET(3) NOT NULL,
    updated_at          DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_cases PRIMARY KEY (id),
    CONSTRAINT fk_cases_unit FOREIGN KEY (unit_id) REFERENCES dbo.org_units (id),
    CONSTRAINT fk_cases_enterprise FOREIGN KEY (enterprise_id) REFERENCES dbo.enterprises (id),
    CONSTRAINT fk_cases_mediator FOREIGN KEY (mediator_user_id) REFERENCES dbo.users (id)
);

CREATE UNIQUE INDEX ux_cases_number ON dbo.cases (number);
CREATE INDEX ix_cases_dashboard ON dbo.cases (unit_id, state, risk_color, level) INCLUDE (amount_owed, amount_recovered, workers_involved);
CREATE INDEX ix_cases_unit_urgency ON dbo.cases (unit_id, risk_color DESC, next_due_at, id);
CREATE INDEX ix_cases_open_urgency ON dbo.cases (risk_color DESC, next_due_at, id) WHERE closed_at IS NULL;
CREATE INDEX ix_cases_enterprise ON dbo.cases (enterprise_id);
CREATE INDEX ix_cases_mediator ON dbo.cases (mediator_user_id);

CREATE TABLE dbo.case_parties (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    case_id             BIGINT NOT NULL,
    kind                NVARCHAR(16) NOT NULL,
    name                NVARCHAR(100) NOT NULL,
    id_number           NVARCHAR(32) NULL,
    phone               NVARCHAR(32) NULL,
    amount_owed         DECIMAL(18,2) NULL CONSTRAINT ck_case_parties_amount_owed CHECK (amount_owed >= 0),
    months_owed         DECIMAL(5,2) NULL CONSTRAINT ck_case_parties_months_owed CHECK (months_owed >= 0),
    created_at          DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_case_parties PRIMARY KEY (id),
    CONSTRAINT fk_case_parties_case FOREIGN KEY (case_id) REFERENCES dbo.cases (id)
);

CREATE INDEX ix_case_parties_case ON dbo.case_parties (case_id);

CREATE TABLE dbo.case_events (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    case_id             BIGINT NOT NULL,
    at                  DATETIMEOFFSET(3) NOT NULL,
    by_user_id          BIGINT NULL,
    trigger_name        NVARCHAR(32) NOT NULL,
    from_state          NVARCHAR(32) NULL,
    to_state            NVARCHAR(32) NOT NULL,
    reason              NVARCHAR(1000) NULL,
    data                NVARCHAR(MAX) NULL CONSTRAINT ck_case_events_data CHECK (ISJSON(data) = 1),
    CONSTRAINT pk_case_events PRIMARY KEY (id),
    CONSTRAINT fk_case_events_case FOREIGN KEY (case_id) REFERENCES dbo.cases (id),
    CONSTRAINT fk_case_events_by_user FOREIGN KEY (by_user_id) REFERENCES dbo.users (id)
);

CREATE INDEX ix_case_events_case ON dbo.case_events (case_id, id);
GO

-- TRUNCATE bypasses triggers; the application's login must not hold ALTER on these tables.
CREATE TRIGGER dbo.tr_case_events_append_only ON dbo.case_events
INSTEAD OF UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, N'case_events is append-only: rows cannot be updated or deleted', 1;
END;
GO

CREATE TABLE dbo.case_deadlines (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    case_id             BIGINT NOT NULL,
    kind                NVARCHAR(32) NOT NULL,
    for_state           NVARCHAR(32) NOT NULL,
    deadline_version    INT NOT NULL,
    due_at              DATETIMEOFFSET(3) NOT NULL,
    remind_at           DATETIMEOFFSET(3) NULL,
    calendar_missing    BIT NOT NULL CONSTRAINT df_case_deadlines_calendar_missing DEFAULT 0,
    reminded_at         DATETIMEOFFSET(3) NULL,
    fired_at            DATETIMEOFFSET(3) NULL,
    created_at          DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_case_deadlines PRIMARY KEY (id),
    CONSTRAINT fk_case_deadlines_case FOREIGN KEY (case_id) REFERENCES dbo.cases (id)
);

CREATE INDEX ix_case_deadlines_case ON dbo.case_deadlines (case_id);
CREATE INDEX ix_case_deadlines_due ON dbo.case_deadlines (due_at) WHERE fired_at IS NULL;
CREATE INDEX ix_case_deadlines_remind ON dbo.case_deadlines (remind_at) WHERE reminded_at IS NULL AND remind_at IS NOT NULL;

CREATE TABLE dbo.mediation_sessions (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    case_id             BIGINT NOT NULL,
    level               INT NOT NULL CONSTRAINT ck_mediation_sessions_level CHECK (level BETWEEN 1 AND 3),
    unit_id             BIGINT NOT NULL,
    mediator_user_id    BIGINT NULL,
    held_at             DATETIMEOFFSET(3) NOT NULL,
    place               NVARCHAR(200) NULL,
    participants        NVARCHAR(1000) NULL,
    summary             NVARCHAR(MAX) NOT NULL CONSTRAINT df_mediation_sessions_summary DEFAULT N'',
    outcome             NVARCHAR(32) NULL,
    recorded_by_user_id BIGINT NULL,
    created_at          DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_mediation_sessions PRIMARY KEY (id),
    CONSTRAINT fk_mediation_sessions_case FOREIGN KEY (case_id) REFERENCES dbo.cases (id),
    CONSTRAINT fk_mediation_sessions_unit FOREIGN KEY (unit_id) REFERENCES dbo.org_units (id),
    CONSTRAINT fk_mediation_sessions_mediator FOREIGN KEY (mediator_user_id) REFERENCES dbo.users (id),
    CONSTRAINT fk_mediation_sessions_recorded_by FOREIGN KEY (recorded_by_user_id) REFERENCES dbo.users (id)
);

CREATE INDEX ix_mediation_sessions_case ON dbo.mediation_sessions (case_id);

CREATE TABLE dbo.agreements (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    case_id             BIGINT NOT NULL,
    session_id          BIGINT NULL,
    signed_at           DATETIMEOFFSET(3) NOT NULL,
    amount              DECIMAL(18,2) NOT NULL CONSTRAINT ck_agreements_amount CHECK (amount >= 0),
    payment_due_date    DATE NOT NULL,
    method              NVARCHAR(32) NOT NULL,
    terms               NVARCHAR(MAX) NULL,
    performed_at        DATETIMEOFFSET(3) NULL,
    amount_paid         DECIMAL(18,2) NULL CONSTRAINT ck_agreements_amount_paid CHECK (amount_paid >= 0),
    recorded_by_user_id BIGINT NULL,
    created_at          DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_agreements PRIMARY KEY (id),
    CONSTRAINT fk_agreements_case FOREIGN KEY (case_id) REFERENCES dbo.cases (id),
    CONSTRAINT fk_agreements_session FOREIGN KEY (session_id) REFERENCES dbo.mediation_sessions (id),
    CONSTRAINT fk_agreements_recorded_by FOREIGN KEY (recorded_by_user_id) REFERENCES dbo.users (id)
);

CREATE INDEX ix_agreements_case ON dbo.agreements (case_id);

CREATE TABLE dbo.referrals (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    case_id             BIGINT NOT NULL,
    body                NVARCHAR(32) NOT NULL,
    body_name           NVARCHAR(100) NULL,
    reference_number    NVARCHAR(64) NULL,
    referred_at         DATETIMEOFFSET(3) NOT NULL,
    referred_by_user_id BIGINT NULL,
    outcome             NVARCHAR(1000) NULL,
    closed_at           DATETIMEOFFSET(3) NULL,
    CONSTRAINT pk_referrals PRIMARY KEY (id),
    CONSTRAINT fk_referrals_case FOREIGN KEY (case_id) REFERENCES dbo.cases (id),
    CONSTRAINT fk_referrals_referred_by FOREIGN KEY (referred_by_user_id) REFERENCES dbo.users (id)
);

CREATE INDEX ix_referrals_case ON dbo.referrals (case_id);

CREATE TABLE dbo.notifications (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    unit_id             BIGINT NOT NULL,
    user_id             BIGINT NULL,
    case_id             BIGINT NULL,
    kind                NVARCHAR(32) NOT NULL,
    text                NVARCHAR(1000) NOT NULL,
    created_at          DATETIMEOFFSET(3) NOT NULL,
    read_at             DATETIMEOFFSET(3) NULL,
    CONSTRAINT pk_notifications PRIMARY KEY (id),
    CONSTRAINT fk_notifications_unit FOREIGN KEY (unit_id) REFERENCES dbo.org_units (id),
    CONSTRAINT fk_notifications_user FOREIGN KEY (user_id) REFERENCES dbo.users (id),
    CONSTRAINT fk_notifications_case FOREIGN KEY (case_id) REFERENCES dbo.cases (id)
);

CREATE INDEX ix_notifications_unit ON dbo.notifications (unit_id, created_at);
CREATE INDEX ix_notifications_user ON dbo.notifications (user_id, created_at);

-- user_id has no foreign key on purpose: the record must outlive what it records.
CREATE TABLE dbo.audit_log (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    at                  DATETIMEOFFSET(3) NOT NULL,
    user_id             BIGINT NULL,
    username            NVARCHAR(64) NULL,
    action              NVARCHAR(64) NOT NULL,
    entity              NVARCHAR(64) NOT NULL,
    entity_id           NVARCHAR(64) NULL,
    detail              NVARCHAR(MAX) NULL CONSTRAINT ck_audit_log_detail CHECK (ISJSON(detail) = 1),
    remote_ip           NVARCHAR(45) NULL,
    CONSTRAINT pk_audit_log PRIMARY KEY (id)
);

CREATE INDEX ix_audit_log_at ON dbo.audit_log (at);
CREATE INDEX ix_audit_log_entity ON dbo.audit_log (entity, entity_id);
CREATE INDEX ix_audit_log_user ON dbo.audit_log (user_id, at);
GO

CREATE TRIGGER dbo.tr_audit_log_append_only ON dbo.audit_log
INSTEAD OF UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, N'audit_log is append-only: rows cannot be updated or deleted', 1;
END;
GO

CREATE TABLE dbo.calendar_days (
    date                DATE NOT NULL,
    is_off_day          BIT NOT NULL,
    name                NVARCHAR(50) NULL,
    CONSTRAINT pk_calendar_days PRIMARY KEY (date)
);

CREATE TABLE dbo.counters (
    name                NVARCHAR(100) NOT NULL,
    value               BIGINT NOT NULL,
    CONSTRAINT pk_counters PRIMARY KEY (name)
);
GO
