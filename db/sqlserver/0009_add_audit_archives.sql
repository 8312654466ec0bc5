-- Audit retention (网络安全法 Art 21: audit records are kept at least six months). `caseflow audit archive` writes the
-- rows older than the retention to a checksummed export file and then deletes them; each run is a row here, written
-- in the transaction that deletes. audit_log keeps refusing every UPDATE, and every DELETE of a row at or after the
-- newest archive's cutoff, so nothing is deleted that an archive file does not hold.
CREATE TABLE dbo.audit_archives (
    id                  BIGINT IDENTITY(1,1) NOT NULL,
    archived_at         DATETIMEOFFSET(3) NOT NULL,
    -- Rows with at before this instant were archived.
    cutoff              DATETIMEOFFSET(3) NOT NULL,
    file_name           NVARCHAR(200) NOT NULL,
    sha256              CHAR(64) NOT NULL CONSTRAINT ck_audit_archives_sha256 CHECK (LEN(sha256) = 64),
    row_count           BIGINT NOT NULL CONSTRAINT ck_audit_archives_row_count CHECK (row_count >= 0),
    first_id            BIGINT NULL,
    last_id             BIGINT NULL,
    CONSTRAINT pk_audit_archives PRIMARY KEY (id),
    -- AuditRetention.MinimumDays: a cutoff is at least 180 days before the archive run.
    CONSTRAINT ck_audit_archives_retention CHECK (cutoff <= DATEADD(day, -180, archived_at))
);
GO

CREATE TRIGGER dbo.tr_audit_archives_append_only ON dbo.audit_archives
INSTEAD OF UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, N'audit_archives is append-only: rows cannot be updated or deleted', 1;
END;
GO

DROP TRIGGER dbo.tr_audit_log_append_only;
GO

CREATE TRIGGER dbo.tr_audit_log_no_update ON dbo.audit_log
INSTEAD OF UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, N'audit_log is append-only: rows cannot be updated', 1;
END;
GO

-- An INSTEAD OF trigger's own DELETE on its table does not fire it again.
CREATE TRIGGER dbo.tr_audit_log_delete_archived_only ON dbo.audit_log
INSTEAD OF DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (
        SELECT 1 FROM deleted AS d
        WHERE d.at >= ISNULL((SELECT MAX(a.cutoff) FROM dbo.audit_archives AS a), CAST('0001-01-01T00:00:00+00:00' AS DATETIMEOFFSET(3))))
    BEGIN
        THROW 51000, N'audit_log is append-only: rows cannot be deleted before an archive (audit_archives) holds them', 1;
    END;

    DELETE l FROM dbo.audit_log AS l INNER JOIN deleted AS d ON d.id = l.id;
END;
GO
