-- The free-text columns that had no limit get the one the application checks (CaseFlow.Domain.Cases.TextLimits),
-- so a longer value is refused by the schema as well as by validation. DATALENGTH counts the bytes of the
-- NVARCHAR (two per UTF-16 code unit, as .NET counts a string's length) and, unlike LEN, trailing spaces too.
-- NOCHECK: rows already stored are left as they are, as on SQLite; every new write is checked.
ALTER TABLE dbo.cases WITH NOCHECK
    ADD CONSTRAINT ck_cases_description_length CHECK (DATALENGTH(description) <= 2 * 2000);
GO

ALTER TABLE dbo.mediation_sessions WITH NOCHECK
    ADD CONSTRAINT ck_mediation_sessions_summary_length CHECK (DATALENGTH(summary) <= 2 * 2000);
GO

ALTER TABLE dbo.agreements WITH NOCHECK
    ADD CONSTRAINT ck_agreements_terms_length CHECK (DATALENGTH(terms) <= 2 * 2000);
