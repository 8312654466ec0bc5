-- Supervision (督办, issue 14 item 4). In lockstep with db/sqlite/0014_add_supervision.sql; the comments there say
-- what each table holds. Lengths are SupervisionLimits in CaseFlow.Domain. Batches are separated by GO lines.

CREATE TABLE dbo.supervisions (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    case_id             BIGINT NOT NULL,
    unit_id             BIGINT NOT NULL,
    level               NVARCHAR(16) NOT NULL CONSTRAINT ck_supervisions_level CHECK (level IN (N'normal', N'key')),
    requirement         NVARCHAR(1000) NOT NULL,
    status              NVARCHAR(16) NOT NULL CONSTRAINT ck_supervisions_status CHECK (status IN (N'open', N'fed_back', N'closed')),
    round               INT NOT NULL CONSTRAINT df_supervisions_round DEFAULT 1 CONSTRAINT ck_supervisions_round CHECK (round BETWEEN 1 AND 100),
    feedback_due_on     DATE NOT NULL,
    opened_by_user_id   BIGINT NULL,
    opened_at           DATETIMEOFFSET(3) NOT NULL,
    closed_at           DATETIMEOFFSET(3) NULL,
    closed_by_user_id   BIGINT NULL,
    satisfied           BIT NULL,
    evaluation_comment  NVARCHAR(500) NULL,
    CONSTRAINT pk_supervisions PRIMARY KEY (id),
    CONSTRAINT fk_supervisions_case FOREIGN KEY (case_id) REFERENCES dbo.cases (id),
    CONSTRAINT fk_supervisions_unit FOREIGN KEY (unit_id) REFERENCES dbo.org_units (id),
    CONSTRAINT fk_supervisions_opened_by FOREIGN KEY (opened_by_user_id) REFERENCES dbo.users (id),
    CONSTRAINT fk_supervisions_closed_by FOREIGN KEY (closed_by_user_id) REFERENCES dbo.users (id)
);

CREATE INDEX ix_supervisions_case ON dbo.supervisions (case_id, id);
CREATE INDEX ix_supervisions_unit_status ON dbo.supervisions (unit_id, status);

CREATE TABLE dbo.supervision_due_dates (
    supervision_id      BIGINT NOT NULL,
    round               INT NOT NULL CONSTRAINT ck_supervision_due_dates_round CHECK (round BETWEEN 1 AND 100),
    due_on              DATE NOT NULL,
    answered_at         DATETIMEOFFSET(3) NULL,
    reminded_at         DATETIMEOFFSET(3) NULL,
    CONSTRAINT pk_supervision_due_dates PRIMARY KEY (supervision_id, round),
    CONSTRAINT fk_supervision_due_dates_supervision FOREIGN KEY (supervision_id) REFERENCES dbo.supervisions (id)
);

CREATE INDEX ix_supervision_due_dates_unanswered ON dbo.supervision_due_dates (due_on) WHERE answered_at IS NULL AND reminded_at IS NULL;

CREATE TABLE dbo.supervision_feedbacks (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    supervision_id      BIGINT NOT NULL,
    round               INT NOT NULL CONSTRAINT ck_supervision_feedbacks_round CHECK (round BETWEEN 1 AND 100),
    by_user_id          BIGINT NULL,
    unit_id             BIGINT NOT NULL,
    at                  DATETIMEOFFSET(3) NOT NULL,
    action_taken        NVARCHAR(2000) NOT NULL,
    progress            NVARCHAR(500) NOT NULL,
    CONSTRAINT pk_supervision_feedbacks PRIMARY KEY (id),
    CONSTRAINT fk_supervision_feedbacks_supervision FOREIGN KEY (supervision_id) REFERENCES dbo.supervisions (id),
    CONSTRAINT fk_supervision_feedbacks_by FOREIGN KEY (by_user_id) REFERENCES dbo.users (id),
    CONSTRAINT fk_supervision_feedbacks_unit FOREIGN KEY (unit_id) REFERENCES dbo.org_units (id)
);

CREATE INDEX ix_supervision_feedbacks_supervision ON dbo.supervision_feedbacks (supervision_id, id);
GO

CREATE TRIGGER dbo.tr_supervision_feedbacks_append_only ON dbo.supervision_feedbacks
INSTEAD OF UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, N'supervision_feedbacks is append-only: rows cannot be updated or deleted', 1;
END;
GO
