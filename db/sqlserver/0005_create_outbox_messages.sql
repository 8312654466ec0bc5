-- The outbox (DESIGN §7): every notice that must reach someone outside CaseFlow is a row here, written in the
-- transaction of the change that caused it by Notices (src/CaseFlow.Data/Notifications) and delivered by the
-- outbox job. status is exactly 'pending' | 'delivered' | 'failed' (monitoring counts rows by these words).
-- A pending row is due once next_attempt_at has passed and no live claim holds it: a node claims it by writing
-- its claim_token and a lease (claimed_until); a node that dies mid-delivery leaves a lease that runs out.
CREATE TABLE dbo.outbox_messages (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    channel             NVARCHAR(16) NOT NULL CONSTRAINT ck_outbox_messages_channel CHECK (channel IN (N'webhook', N'sms')),
    -- webhook: the county's code (its URL and secret are configuration); sms: the contact's phone number.
    recipient           NVARCHAR(100) NOT NULL,
    county_id           BIGINT NOT NULL,
    unit_id             BIGINT NOT NULL,
    case_id             BIGINT NULL,
    notice_kind         NVARCHAR(32) NOT NULL,
    payload             NVARCHAR(MAX) NOT NULL CONSTRAINT ck_outbox_messages_payload CHECK (ISJSON(payload) = 1),
    status              NVARCHAR(16) NOT NULL CONSTRAINT df_outbox_messages_status DEFAULT N'pending' CONSTRAINT ck_outbox_messages_status CHECK (status IN (N'pending', N'delivered', N'failed')),
    attempts            INT NOT NULL CONSTRAINT df_outbox_messages_attempts DEFAULT 0 CONSTRAINT ck_outbox_messages_attempts CHECK (attempts >= 0),
    next_attempt_at     DATETIMEOFFSET(3) NULL,
    claimed_until       DATETIMEOFFSET(3) NULL,
    claim_token         NVARCHAR(36) NULL,
    last_attempt_at     DATETIMEOFFSET(3) NULL,
    last_error          NVARCHAR(1000) NULL,
    delivered_at        DATETIMEOFFSET(3) NULL,
    created_at          DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_outbox_messages PRIMARY KEY (id),
    CONSTRAINT fk_outbox_messages_county FOREIGN KEY (county_id) REFERENCES dbo.org_units (id),
    CONSTRAINT fk_outbox_messages_unit FOREIGN KEY (unit_id) REFERENCES dbo.org_units (id),
    CONSTRAINT fk_outbox_messages_case FOREIGN KEY (case_id) REFERENCES dbo.cases (id)
);

-- The delivery query: pending rows by when they are due.
CREATE INDEX ix_outbox_messages_due ON dbo.outbox_messages (next_attempt_at, id) WHERE status = 'pending';
-- /health: pending rows by age, failed rows by their last attempt.
CREATE INDEX ix_outbox_messages_status ON dbo.outbox_messages (status, created_at, last_attempt_at);
CREATE INDEX ix_outbox_messages_case ON dbo.outbox_messages (case_id);
