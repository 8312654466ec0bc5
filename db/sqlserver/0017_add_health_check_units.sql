-- Legal health checks (issue 16): performing unit, responsible unit of a follow-up, the note recorded when done.
-- In lockstep with db/sqlite/0017_add_health_check_units.sql.

ALTER TABLE dbo.health_checks ADD performed_by_unit_id BIGINT NULL;
ALTER TABLE dbo.health_check_followups ADD responsible_unit_id BIGINT NULL;
ALTER TABLE dbo.health_check_followups ADD done_note NVARCHAR(500) NULL;
GO

ALTER TABLE dbo.health_checks ADD CONSTRAINT fk_health_checks_performed_by_unit FOREIGN KEY (performed_by_unit_id) REFERENCES dbo.org_units (id);
ALTER TABLE dbo.health_check_followups ADD CONSTRAINT fk_health_check_followups_responsible_unit FOREIGN KEY (responsible_unit_id) REFERENCES dbo.org_units (id);
