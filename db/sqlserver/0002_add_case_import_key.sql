-- A case imported from a ledger (caseflow import) carries a key derived from the ledger's own identity of the case
-- (its registration date and the employer's credit code), so importing the same ledger again adds nothing.
-- NULL for every case registered any other way; unique among the rest (filtered: many NULLs are allowed).
ALTER TABLE dbo.cases ADD import_key NVARCHAR(64) NULL;
GO

CREATE UNIQUE INDEX ux_cases_import_key ON dbo.cases (import_key) WHERE import_key IS NOT NULL;
