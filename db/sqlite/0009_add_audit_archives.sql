-- Audit retention (网络安全法 Art 21: audit records are kept at least six months). `caseflow audit archive` writes the
-- rows older than the retention to a checksummed export file and then deletes them; each run is a row here, written
-- in the transaction that deletes. audit_log keeps refusing every UPDATE, and every DELETE of a row at or after the
-- newest archive's cutoff, so nothing is deleted that an archive file does not hold.
CREATE TABLE audit_archives (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    archived_at         TEXT NOT NULL CHECK (archived_at GLOB '????-??-??T??:??:??.???Z'),
    -- Rows with at before this instant were archived.
    cutoff              TEXT NOT NULL CHECK (cutoff GLOB '????-??-??T??:??:??.???Z'),
    file_name           TEXT NOT NULL CHECK (length(file_name) <= 200),
    sha256              TEXT NOT NULL CHECK (length(sha256) = 64),
    row_count           INTEGER NOT NULL CHECK (row_count >= 0),
    first_id            INTEGER NULL,
    last_id             INTEGER NULL,
    -- AuditRetention.MinimumDays: a cutoff is at least 180 days before the archive run.
    CHECK (cutoff <= strftime('%Y-%m-%dT%H:%M:%fZ', archived_at, '-180 days'))
) STRICT;

CREATE TRIGGER audit_archives_no_update BEFORE UPDATE ON audit_archives
BEGIN
    SELECT RAISE(ABORT, 'audit_archives is append-only: rows cannot be updated');
END;

CREATE TRIGGER audit_archives_no_delete BEFORE DELETE ON audit_archives
BEGIN
    SELECT RAISE(ABORT, 'audit_archives is append-only: rows cannot be deleted');
END;

DROP TRIGGER audit_log_no_delete;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN OLD.at >= coalesce((SELECT max(cutoff) FROM audit_archives), '0000-00-00T00:00:00.000Z')
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted before an archive (audit_archives) holds them');
END;
