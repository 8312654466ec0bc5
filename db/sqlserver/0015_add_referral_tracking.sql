-- Referrals that close their loop (issue 14 item 3). In lockstep with db/sqlite/0015_add_referral_tracking.sql; the
-- comments there say what each column holds. Batches are separated by GO lines.

ALTER TABLE dbo.referrals ADD partner_org_id BIGINT NULL;
ALTER TABLE dbo.referrals ADD referring_unit_id BIGINT NULL;
ALTER TABLE dbo.referrals ADD handed_over NVARCHAR(2000) NULL;
ALTER TABLE dbo.referrals ADD ack_due_at DATETIMEOFFSET(3) NULL;
ALTER TABLE dbo.referrals ADD acknowledged_at DATETIMEOFFSET(3) NULL;
ALTER TABLE dbo.referrals ADD acknowledged_by_user_id BIGINT NULL;
ALTER TABLE dbo.referrals ADD outcome_due_at DATETIMEOFFSET(3) NULL;
ALTER TABLE dbo.referrals ADD outcome_kind NVARCHAR(32) NULL;
ALTER TABLE dbo.referrals ADD outcome_by_user_id BIGINT NULL;
ALTER TABLE dbo.referrals ADD ack_overdue_told_at DATETIMEOFFSET(3) NULL;
ALTER TABLE dbo.referrals ADD outcome_overdue_told_at DATETIMEOFFSET(3) NULL;
GO

ALTER TABLE dbo.referrals ADD CONSTRAINT fk_referrals_partner_org FOREIGN KEY (partner_org_id) REFERENCES dbo.partner_orgs (id);
ALTER TABLE dbo.referrals ADD CONSTRAINT fk_referrals_referring_unit FOREIGN KEY (referring_unit_id) REFERENCES dbo.org_units (id);
ALTER TABLE dbo.referrals ADD CONSTRAINT fk_referrals_acknowledged_by FOREIGN KEY (acknowledged_by_user_id) REFERENCES dbo.users (id);
ALTER TABLE dbo.referrals ADD CONSTRAINT fk_referrals_outcome_by FOREIGN KEY (outcome_by_user_id) REFERENCES dbo.users (id);
ALTER TABLE dbo.referrals WITH NOCHECK
    ADD CONSTRAINT ck_referrals_handed_over_length CHECK (DATALENGTH(handed_over) <= 2 * 2000);

CREATE INDEX ix_referrals_open_ack ON dbo.referrals (ack_due_at) WHERE closed_at IS NULL AND acknowledged_at IS NULL;
CREATE INDEX ix_referrals_open_outcome ON dbo.referrals (outcome_due_at) WHERE closed_at IS NULL;
CREATE INDEX ix_referrals_partner ON dbo.referrals (partner_org_id, case_id);
