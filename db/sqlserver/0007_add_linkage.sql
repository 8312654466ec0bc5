-- Three-party linkage (issue 14): who may follow a case beyond the unit that holds it now, the partner
-- organisations of a county and their users, shares, and the case's non-workflow timeline entries.
-- Kept in lockstep with db/sqlite/0007_add_linkage.sql. Batches are separated by GO lines.

-- Every unit that held a case, registered it or had a mediator on it: it keeps read-only access after the case
-- moves up. Written with every case write; filled here from the history so far.
CREATE TABLE dbo.case_units_held (
    case_id             BIGINT NOT NULL,
    unit_id             BIGINT NOT NULL,
    CONSTRAINT pk_case_units_held PRIMARY KEY (case_id, unit_id),
    CONSTRAINT fk_case_units_held_case FOREIGN KEY (case_id) REFERENCES dbo.cases (id),
    CONSTRAINT fk_case_units_held_unit FOREIGN KEY (unit_id) REFERENCES dbo.org_units (id)
);

CREATE INDEX ix_case_units_held_unit ON dbo.case_units_held (unit_id, case_id);

INSERT INTO dbo.case_units_held (case_id, unit_id)
SELECT c.id, c.unit_id FROM dbo.cases AS c
UNION
SELECT c.id, m.unit_id FROM dbo.cases AS c JOIN dbo.users AS m ON m.id = c.mediator_user_id
UNION
SELECT e.case_id, a.unit_id FROM dbo.case_events AS e JOIN dbo.users AS a ON a.id = e.by_user_id
UNION
SELECT s.case_id, s.unit_id FROM dbo.mediation_sessions AS s;

CREATE TABLE dbo.partner_orgs (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    county_id           BIGINT NOT NULL,
    kind                NVARCHAR(32) NOT NULL,
    name                NVARCHAR(100) NOT NULL,
    is_active           BIT NOT NULL CONSTRAINT df_partner_orgs_is_active DEFAULT 1,
    created_at          DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_partner_orgs PRIMARY KEY (id),
    CONSTRAINT fk_partner_orgs_county FOREIGN KEY (county_id) REFERENCES dbo.org_units (id)
);

CREATE UNIQUE INDEX ux_partner_orgs_county_name ON dbo.partner_orgs (county_id, name);
CREATE INDEX ix_partner_orgs_county_kind ON dbo.partner_orgs (county_id, kind);

ALTER TABLE dbo.users ADD partner_org_id BIGINT NULL;
GO

ALTER TABLE dbo.users ADD CONSTRAINT fk_users_partner_org FOREIGN KEY (partner_org_id) REFERENCES dbo.partner_orgs (id);

CREATE TABLE dbo.case_shares (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    case_id             BIGINT NOT NULL,
    partner_org_id      BIGINT NOT NULL,
    is_default          BIT NOT NULL CONSTRAINT df_case_shares_is_default DEFAULT 0,
    reason              NVARCHAR(1000) NULL,
    shared_at           DATETIMEOFFSET(3) NOT NULL,
    shared_by_user_id   BIGINT NULL,
    withdrawn_at        DATETIMEOFFSET(3) NULL,
    withdrawn_by_user_id BIGINT NULL,
    withdraw_reason     NVARCHAR(1000) NULL,
    CONSTRAINT pk_case_shares PRIMARY KEY (id),
    CONSTRAINT fk_case_shares_case FOREIGN KEY (case_id) REFERENCES dbo.cases (id),
    CONSTRAINT fk_case_shares_partner_org FOREIGN KEY (partner_org_id) REFERENCES dbo.partner_orgs (id),
    CONSTRAINT fk_case_shares_shared_by FOREIGN KEY (shared_by_user_id) REFERENCES dbo.users (id),
    CONSTRAINT fk_case_shares_withdrawn_by FOREIGN KEY (withdrawn_by_user_id) REFERENCES dbo.users (id)
);

CREATE UNIQUE INDEX ux_case_shares_open ON dbo.case_shares (case_id, partner_org_id) WHERE withdrawn_at IS NULL;
CREATE INDEX ix_case_shares_partner ON dbo.case_shares (partner_org_id, case_id);

CREATE TABLE dbo.case_activities (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    case_id             BIGINT NOT NULL,
    at                  DATETIMEOFFSET(3) NOT NULL,
    by_user_id          BIGINT NULL,
    partner_org_id      BIGINT NULL,
    kind                NVARCHAR(32) NOT NULL,
    text                NVARCHAR(2000) NULL,
    CONSTRAINT pk_case_activities PRIMARY KEY (id),
    CONSTRAINT fk_case_activities_case FOREIGN KEY (case_id) REFERENCES dbo.cases (id),
    CONSTRAINT fk_case_activities_by_user FOREIGN KEY (by_user_id) REFERENCES dbo.users (id),
    CONSTRAINT fk_case_activities_partner_org FOREIGN KEY (partner_org_id) REFERENCES dbo.partner_orgs (id)
);

CREATE INDEX ix_case_activities_case ON dbo.case_activities (case_id, id);
GO

CREATE TRIGGER dbo.tr_case_activities_append_only ON dbo.case_activities
INSTEAD OF UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, N'case_activities is append-only: rows cannot be updated or deleted', 1;
END;
GO

CREATE TABLE dbo.session_partners (
    session_id          BIGINT NOT NULL,
    partner_org_id      BIGINT NOT NULL,
    confirmed_at        DATETIMEOFFSET(3) NULL,
    confirmed_by_user_id BIGINT NULL,
    CONSTRAINT pk_session_partners PRIMARY KEY (session_id, partner_org_id),
    CONSTRAINT fk_session_partners_session FOREIGN KEY (session_id) REFERENCES dbo.mediation_sessions (id),
    CONSTRAINT fk_session_partners_partner_org FOREIGN KEY (partner_org_id) REFERENCES dbo.partner_orgs (id),
    CONSTRAINT fk_session_partners_confirmed_by FOREIGN KEY (confirmed_by_user_id) REFERENCES dbo.users (id)
);
