-- Referrals that close their loop (issue 14 item 3): the partner organisation addressed (NULL when the receiving body
-- is not on CaseFlow, body and body_name as before), what was handed over, the acknowledgement (签收) and its statutory
-- clock, the outcome's clock and its kind from the fixed list per body, and when each overdue flag was told (so the
-- check tells it once per referral and kind). Limits as in CaseFlow.Domain.Cases.TextLimits and ReferralOutcomes.
-- Kept in lockstep with db/sqlserver/0015_add_referral_tracking.sql.

ALTER TABLE referrals ADD COLUMN partner_org_id INTEGER NULL REFERENCES partner_orgs (id);
ALTER TABLE referrals ADD COLUMN referring_unit_id INTEGER NULL REFERENCES org_units (id);
ALTER TABLE referrals ADD COLUMN handed_over TEXT NULL CHECK (length(handed_over) <= 2000);
ALTER TABLE referrals ADD COLUMN ack_due_at TEXT NULL CHECK (ack_due_at GLOB '????-??-??T??:??:??.???Z');
ALTER TABLE referrals ADD COLUMN acknowledged_at TEXT NULL CHECK (acknowledged_at GLOB '????-??-??T??:??:??.???Z');
ALTER TABLE referrals ADD COLUMN acknowledged_by_user_id INTEGER NULL REFERENCES users (id);
ALTER TABLE referrals ADD COLUMN outcome_due_at TEXT NULL CHECK (outcome_due_at GLOB '????-??-??T??:??:??.???Z');
ALTER TABLE referrals ADD COLUMN outcome_kind TEXT NULL CHECK (length(outcome_kind) <= 32);
ALTER TABLE referrals ADD COLUMN outcome_by_user_id INTEGER NULL REFERENCES users (id);
ALTER TABLE referrals ADD COLUMN ack_overdue_told_at TEXT NULL CHECK (ack_overdue_told_at GLOB '????-??-??T??:??:??.???Z');
ALTER TABLE referrals ADD COLUMN outcome_overdue_told_at TEXT NULL CHECK (outcome_overdue_told_at GLOB '????-??-??T??:??:??.???Z');

-- The overdue check and the dashboard read the open referrals by their clocks.
CREATE INDEX ix_referrals_open_ack ON referrals (ack_due_at) WHERE closed_at IS NULL AND acknowledged_at IS NULL;
CREATE INDEX ix_referrals_open_outcome ON referrals (outcome_due_at) WHERE closed_at IS NULL;
CREATE INDEX ix_referrals_partner ON referrals (partner_org_id, case_id);
