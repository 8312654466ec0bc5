-- A case imported from a ledger (caseflow import) carries a key derived from the ledger's own identity of the case
-- (its registration date and the employer's credit code), so importing the same ledger again adds nothing.
-- NULL for every case registered any other way; unique among the rest.
ALTER TABLE cases ADD COLUMN import_key TEXT NULL CHECK (length(import_key) <= 64);

CREATE UNIQUE INDEX ux_cases_import_key ON cases (import_key) WHERE import_key IS NOT NULL;
