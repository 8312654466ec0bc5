-- Who has read which notice. A notice to a unit is read by each of its users on their own, so read state is a row
-- per (notice, user), not a column of the notice; notifications.read_at stays unused.
CREATE TABLE dbo.notification_reads (
    notification_id     BIGINT NOT NULL,
    user_id             BIGINT NOT NULL,
    read_at             DATETIMEOFFSET(3) NOT NULL,
    CONSTRAINT pk_notification_reads PRIMARY KEY (notification_id, user_id),
    CONSTRAINT fk_notification_reads_notification FOREIGN KEY (notification_id) REFERENCES dbo.notifications (id),
    CONSTRAINT fk_notification_reads_user FOREIGN KEY (user_id) REFERENCES dbo.users (id)
);
GO

CREATE INDEX ix_notification_reads_user ON dbo.notification_reads (user_id, notification_id);

-- A user's own notices and their unit's, newest first: the unit index ends in created_at; id orders ties.
CREATE INDEX ix_notifications_unit_id ON dbo.notifications (unit_id, id);
GO

-- Search by ID-card or phone number without a new clear copy: the keyed hash (HMAC-SHA256, lower-case hex) of the
-- normalised number, filled when a party is written and back-filled at start (PartyNumberBackfill). NULL = not
-- computed yet, or no number.
ALTER TABLE dbo.case_parties ADD id_number_hash CHAR(64) NULL CONSTRAINT ck_case_parties_id_number_hash CHECK (LEN(id_number_hash) = 64);
ALTER TABLE dbo.case_parties ADD phone_hash CHAR(64) NULL CONSTRAINT ck_case_parties_phone_hash CHECK (LEN(phone_hash) = 64);
GO

CREATE INDEX ix_case_parties_id_number_hash ON dbo.case_parties (id_number_hash) WHERE id_number_hash IS NOT NULL;
CREATE INDEX ix_case_parties_phone_hash ON dbo.case_parties (phone_hash) WHERE phone_hash IS NOT NULL;
