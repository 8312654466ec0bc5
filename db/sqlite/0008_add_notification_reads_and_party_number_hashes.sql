-- Who has read which notice. A notice to a unit is read by each of its users on their own, so read state is a row
-- per (notice, user), not a column of the notice; notifications.read_at stays unused.
CREATE TABLE notification_reads (
    notification_id     INTEGER NOT NULL REFERENCES notifications (id),
    user_id             INTEGER NOT NULL REFERENCES users (id),
    read_at             TEXT NOT NULL CHECK (read_at GLOB '????-??-??T??:??:??.???Z'),
    PRIMARY KEY (notification_id, user_id)
) STRICT;

CREATE INDEX ix_notification_reads_user ON notification_reads (user_id, notification_id);

-- A user's own notices and their unit's, newest first: the unit index above ends in created_at; id orders ties.
CREATE INDEX ix_notifications_unit_id ON notifications (unit_id, id);

-- Search by ID-card or phone number without a new clear copy: the keyed hash (HMAC-SHA256, lower-case hex) of the
-- normalised number, filled when a party is written and back-filled at start (PartyNumberBackfill). NULL = not
-- computed yet, or no number.
ALTER TABLE case_parties ADD COLUMN id_number_hash TEXT NULL CHECK (length(id_number_hash) = 64);
ALTER TABLE case_parties ADD COLUMN phone_hash TEXT NULL CHECK (length(phone_hash) = 64);

CREATE INDEX ix_case_parties_id_number_hash ON case_parties (id_number_hash) WHERE id_number_hash IS NOT NULL;
CREATE INDEX ix_case_parties_phone_hash ON case_parties (phone_hash) WHERE phone_hash IS NOT NULL;
