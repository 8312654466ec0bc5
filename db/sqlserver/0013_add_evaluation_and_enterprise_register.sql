-- Unit scorecards, star ratings and bonus items; grid screening rounds; legal health checks (issue 16).
-- In lockstep with db/sqlite/0013_add_evaluation_and_enterprise_register.sql; the comments there say what each table holds.

CREATE TABLE dbo.scoring_schemes (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    county_id           BIGINT NOT NULL,
    version             INT NOT NULL CONSTRAINT ck_scoring_schemes_version CHECK (version >= 1),
    effective_from      DATE NOT NULL,
    max_points          DECIMAL(7,2) NOT NULL CONSTRAINT ck_scoring_schemes_max_points CHECK (max_points BETWEEN 0.01 AND 1000),
    definition          NVARCHAR(MAX) NOT NULL CONSTRAINT ck_scoring_schemes_definition CHECK (ISJSON(definition) = 1),
    created_by_user_id  BIGINT NULL,
    created_at          DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_scoring_schemes PRIMARY KEY (id),
    CONSTRAINT fk_scoring_schemes_county FOREIGN KEY (county_id) REFERENCES dbo.org_units (id),
    CONSTRAINT fk_scoring_schemes_created_by FOREIGN KEY (created_by_user_id) REFERENCES dbo.users (id)
);

CREATE UNIQUE INDEX ux_scoring_schemes_county_version ON dbo.scoring_schemes (county_id, version);

CREATE TABLE dbo.star_ratings (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    unit_id             BIGINT NOT NULL,
    year                INT NOT NULL CONSTRAINT ck_star_ratings_year CHECK (year BETWEEN 2000 AND 2100),
    stars               INT NOT NULL CONSTRAINT ck_star_ratings_stars CHECK (stars BETWEEN 1 AND 5),
    score               DECIMAL(7,2) NOT NULL CONSTRAINT ck_star_ratings_score CHECK (score BETWEEN 0 AND 1000),
    max_points          DECIMAL(7,2) NOT NULL CONSTRAINT ck_star_ratings_max_points CHECK (max_points BETWEEN 0.01 AND 1000),
    scheme_version      INT NOT NULL CONSTRAINT ck_star_ratings_scheme_version CHECK (scheme_version >= 1),
    rated_by_user_id    BIGINT NULL,
    rated_at            DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_star_ratings PRIMARY KEY (id),
    CONSTRAINT fk_star_ratings_unit FOREIGN KEY (unit_id) REFERENCES dbo.org_units (id),
    CONSTRAINT fk_star_ratings_rated_by FOREIGN KEY (rated_by_user_id) REFERENCES dbo.users (id)
);

CREATE INDEX ix_star_ratings_unit_year ON dbo.star_ratings (unit_id, year, id);

CREATE TABLE dbo.bonus_items (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    unit_id             BIGINT NOT NULL,
    year                INT NOT NULL CONSTRAINT ck_bonus_items_year CHECK (year BETWEEN 2000 AND 2100),
    kind                NVARCHAR(32) NOT NULL,
    title               NVARCHAR(100) NOT NULL,
    note                NVARCHAR(1000) NULL,
    attachment_ref      NVARCHAR(200) NULL,
    status              NVARCHAR(16) NOT NULL,
    declared_by_user_id BIGINT NULL,
    declared_at         DATETIMEOFFSET(3) NOT NULL,
    reviewed_by_user_id BIGINT NULL,
    reviewed_at         DATETIMEOFFSET(3) NULL,
    review_reason       NVARCHAR(500) NULL,
    CONSTRAINT pk_bonus_items PRIMARY KEY (id),
    CONSTRAINT fk_bonus_items_unit FOREIGN KEY (unit_id) REFERENCES dbo.org_units (id),
    CONSTRAINT fk_bonus_items_declared_by FOREIGN KEY (declared_by_user_id) REFERENCES dbo.users (id),
    CONSTRAINT fk_bonus_items_reviewed_by FOREIGN KEY (reviewed_by_user_id) REFERENCES dbo.users (id)
);

CREATE INDEX ix_bonus_items_unit_year ON dbo.bonus_items (unit_id, year);

CREATE TABLE dbo.screening_rounds (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    county_id           BIGINT NOT NULL,
    period              NVARCHAR(7) NOT NULL CONSTRAINT ck_screening_rounds_period CHECK (period LIKE '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    opened_by_user_id   BIGINT NULL,
    opened_at           DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_screening_rounds PRIMARY KEY (id),
    CONSTRAINT fk_screening_rounds_county FOREIGN KEY (county_id) REFERENCES dbo.org_units (id),
    CONSTRAINT fk_screening_rounds_opened_by FOREIGN KEY (opened_by_user_id) REFERENCES dbo.users (id)
);

CREATE UNIQUE INDEX ux_screening_rounds_county_period ON dbo.screening_rounds (county_id, period);

CREATE TABLE dbo.screening_reports (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    round_id            BIGINT NOT NULL,
    unit_id             BIGINT NOT NULL,
    reported_by_user_id BIGINT NULL,
    reported_at         DATETIMEOFFSET(3) NOT NULL,
    note                NVARCHAR(500) NULL,
    CONSTRAINT pk_screening_reports PRIMARY KEY (id),
    CONSTRAINT fk_screening_reports_round FOREIGN KEY (round_id) REFERENCES dbo.screening_rounds (id),
    CONSTRAINT fk_screening_reports_unit FOREIGN KEY (unit_id) REFERENCES dbo.org_units (id),
    CONSTRAINT fk_screening_reports_reported_by FOREIGN KEY (reported_by_user_id) REFERENCES dbo.users (id)
);

CREATE UNIQUE INDEX ux_screening_reports_round_unit ON dbo.screening_reports (round_id, unit_id);

CREATE TABLE dbo.screening_records (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    round_id            BIGINT NOT NULL,
    enterprise_id       BIGINT NOT NULL,
    unit_id             BIGINT NOT NULL,
    wage_status         NVARCHAR(16) NOT NULL,
    months_owed         DECIMAL(5,2) NULL CONSTRAINT ck_screening_records_months_owed CHECK (months_owed >= 0),
    workers_owed        INT NULL CONSTRAINT ck_screening_records_workers_owed CHECK (workers_owed BETWEEN 0 AND 100000),
    amount_owed         DECIMAL(18,2) NULL CONSTRAINT ck_screening_records_amount_owed CHECK (amount_owed >= 0),
    risk_color          INT NULL CONSTRAINT ck_screening_records_risk_color CHECK (risk_color BETWEEN 1 AND 3),
    risk_rules          NVARCHAR(MAX) NOT NULL CONSTRAINT df_screening_records_risk_rules DEFAULT N'[]' CONSTRAINT ck_screening_records_risk_rules CHECK (ISJSON(risk_rules) = 1),
    note                NVARCHAR(500) NULL,
    case_id             BIGINT NULL,
    recorded_by_user_id BIGINT NULL,
    recorded_at         DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_screening_records PRIMARY KEY (id),
    CONSTRAINT fk_screening_records_round FOREIGN KEY (round_id) REFERENCES dbo.screening_rounds (id),
    CONSTRAINT fk_screening_records_enterprise FOREIGN KEY (enterprise_id) REFERENCES dbo.enterprises (id),
    CONSTRAINT fk_screening_records_unit FOREIGN KEY (unit_id) REFERENCES dbo.org_units (id),
    CONSTRAINT fk_screening_records_case FOREIGN KEY (case_id) REFERENCES dbo.cases (id),
    CONSTRAINT fk_screening_records_recorded_by FOREIGN KEY (recorded_by_user_id) REFERENCES dbo.users (id)
);

CREATE UNIQUE INDEX ux_screening_records_round_enterprise ON dbo.screening_records (round_id, enterprise_id);
CREATE INDEX ix_screening_records_enterprise ON dbo.screening_records (enterprise_id, id);

CREATE TABLE dbo.health_checks (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    enterprise_id       BIGINT NOT NULL,
    checked_on          DATE NOT NULL,
    checked_by          NVARCHAR(100) NOT NULL,
    findings            NVARCHAR(MAX) NOT NULL CONSTRAINT ck_health_checks_findings CHECK (ISJSON(findings) = 1),
    note                NVARCHAR(1000) NULL,
    recorded_by_user_id BIGINT NULL,
    recorded_at         DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_health_checks PRIMARY KEY (id),
    CONSTRAINT fk_health_checks_enterprise FOREIGN KEY (enterprise_id) REFERENCES dbo.enterprises (id),
    CONSTRAINT fk_health_checks_recorded_by FOREIGN KEY (recorded_by_user_id) REFERENCES dbo.users (id)
);

CREATE INDEX ix_health_checks_enterprise ON dbo.health_checks (enterprise_id, checked_on);

CREATE TABLE dbo.health_check_followups (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    health_check_id     BIGINT NOT NULL,
    item                NVARCHAR(200) NOT NULL,
    due_on              DATE NOT NULL,
    done_at             DATETIMEOFFSET(3) NULL,
    done_by_user_id     BIGINT NULL,
    CONSTRAINT pk_health_check_followups PRIMARY KEY (id),
    CONSTRAINT fk_health_check_followups_check FOREIGN KEY (health_check_id) REFERENCES dbo.health_checks (id),
    CONSTRAINT fk_health_check_followups_done_by FOREIGN KEY (done_by_user_id) REFERENCES dbo.users (id)
);

CREATE INDEX ix_health_check_followups_check ON dbo.health_check_followups (health_check_id);
CREATE INDEX ix_health_check_followups_open ON dbo.health_check_followups (due_on) WHERE done_at IS NULL;
