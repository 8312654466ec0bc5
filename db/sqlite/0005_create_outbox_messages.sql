-- The outbox (DESIGN §7): every notice that must reach someone outside CaseFlow is a row here, written in the
-- transaction of the change that caused it by Notices (src/CaseFlow.Data/Notifications) and delivered by the
-- outbox job. status is exactly 'pending' | 'delivered' | 'failed' (monitoring counts rows by these words).
-- A pending row is due once next_attempt_at has passed and no live claim holds it: a node claims it by writing
-- its claim_token and a lease (claimed_until); a node that dies mid-delivery leaves a lease that runs out.
CREATE TABLE outbox_messages (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    channel             TEXT NOT NULL CHECK (channel IN ('webhook', 'sms')),
    -- webhook: the county's code (its URL and secret are configuration); sms: the contact's phone number.
    recipient           TEXT NOT NULL CHECK (length(recipient) <= 100),
    county_id           INTEGER NOT NULL REFERENCES org_units (id),
    unit_id             INTEGER NOT NULL REFERENCES org_units (id),
    case_id             INTEGER NULL REFERENCES cases (id),
    notice_kind         TEXT NOT NULL CHECK (length(notice_kind) <= 32),  -- notifications.kind of the notice it carries
    payload             TEXT NOT NULL CHECK (json_valid(payload)),
    status              TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts            INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at     TEXT NULL CHECK (next_attempt_at GLOB '????-??-??T??:??:??.???Z'),
    claimed_until       TEXT NULL CHECK (claimed_until GLOB '????-??-??T??:??:??.???Z'),
    claim_token         TEXT NULL CHECK (length(claim_token) <= 36),
    last_attempt_at     TEXT NULL CHECK (last_attempt_at GLOB '????-??-??T??:??:??.???Z'),
    last_error          TEXT NULL CHECK (length(last_error) <= 1000),
    delivered_at        TEXT NULL CHECK (delivered_at GLOB '????-??-??T??:??:??.???Z'),
    created_at          TEXT NOT NULL CHECK (created_at GLOB '????-??-??T??:??:??.???Z')
) STRICT;

-- The delivery query: pending rows by when they are due.
CREATE INDEX ix_outbox_messages_due ON outbox_messages (next_attempt_at, id) WHERE status = 'pending';
-- /health: pending rows by age, failed rows by their last attempt.
CREATE INDEX ix_outbox_messages_status ON outbox_messages (status, created_at, last_attempt_at);
CREATE INDEX ix_outbox_messages_case ON outbox_messages (case_id);
