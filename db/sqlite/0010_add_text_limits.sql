-- The free-text columns that had no limit get the one the application checks (CaseFlow.Domain.Cases.TextLimits),
-- so a longer value is refused by the schema as well as by validation. SQLite cannot add a CHECK to an existing
-- table without rebuilding it, so these are triggers that abort the write as a CHECK would; rows already stored
-- are left as they are.

CREATE TRIGGER cases_description_limit_insert BEFORE INSERT ON cases
WHEN length(NEW.description) > 2000
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: cases.description holds at most 2000 characters');
END;

CREATE TRIGGER cases_description_limit_update BEFORE UPDATE OF description ON cases
WHEN length(NEW.description) > 2000
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: cases.description holds at most 2000 characters');
END;

CREATE TRIGGER mediation_sessions_summary_limit_insert BEFORE INSERT ON mediation_sessions
WHEN length(NEW.summary) > 2000
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: mediation_sessions.summary holds at most 2000 characters');
END;

CREATE TRIGGER mediation_sessions_summary_limit_update BEFORE UPDATE OF summary ON mediation_sessions
WHEN length(NEW.summary) > 2000
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: mediation_sessions.summary holds at most 2000 characters');
END;

CREATE TRIGGER agreements_terms_limit_insert BEFORE INSERT ON agreements
WHEN length(NEW.terms) > 2000
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: agreements.terms holds at most 2000 characters');
END;

CREATE TRIGGER agreements_terms_limit_update BEFORE UPDATE OF terms ON agreements
WHEN length(NEW.terms) > 2000
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: agreements.terms holds at most 2000 characters');
END;
