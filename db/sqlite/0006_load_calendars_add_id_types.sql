-- Calendars are data (DESIGN §6, §9): calendar_days is what the deadline calculator reads. calendar_years says which
-- years are loaded and carries a version each load bumps, so every node sees a change within a minute by comparing
-- one number instead of rereading the days. A year is loaded when it has a calendar_years row (its days may all be
-- ordinary weeks, though the State Council has never published such a year).
CREATE TABLE calendar_years (
    year                INTEGER NOT NULL PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
    version             INTEGER NOT NULL CHECK (version >= 1),             -- 1 on the first load, +1 on each reload
    day_count           INTEGER NOT NULL CHECK (day_count BETWEEN 0 AND 366),
    source              TEXT NULL CHECK (length(source) <= 200),           -- the file name, or 'seed' for the shipped years
    loaded_at           TEXT NOT NULL CHECK (loaded_at GLOB '????-??-??T??:??:??.???Z'),
    loaded_by           TEXT NULL CHECK (length(loaded_by) <= 64)
) STRICT;

-- The worker's identity document (DESIGN §8): the type beside the number it qualifies. NULL is read as a resident ID
-- (居民身份证), the only kind registered before this migration. Codes: resident_id | foreign_permanent_resident |
-- hk_macau_residence_permit | taiwan_residence_permit | hk_macau_travel_permit | taiwan_travel_permit | passport | none.
ALTER TABLE case_parties ADD COLUMN id_type TEXT NULL CHECK (length(id_type) <= 32);
-- A passport's issuing country (ISO 3166-1 alpha-3, e.g. VNM); NULL for every other type.
ALTER TABLE case_parties ADD COLUMN id_country TEXT NULL CHECK (length(id_country) <= 3);

-- The shipped 2025 and 2026 arrangements, as the first migration run's seed (国办发明电〔2024〕12号; the 2026 notice of 2025-11-04).
INSERT INTO calendar_days (date, is_off_day, name) VALUES
    ('2025-01-01', 1, '元旦'),
    ('2025-01-26', 0, '春节调休上班'),
    ('2025-01-28', 1, '春节'),
    ('2025-01-29', 1, '春节'),
    ('2025-01-30', 1, '春节'),
    ('2025-01-31', 1, '春节'),
    ('2025-02-01', 1, '春节'),
    ('2025-02-02', 1, '春节'),
    ('2025-02-03', 1, '春节'),
    ('2025-02-04', 1, '春节'),
    ('2025-02-08', 0, '春节调休上班'),
    ('2025-04-04', 1, '清明节'),
    ('2025-04-05', 1, '清明节'),
    ('2025-04-06', 1, '清明节'),
    ('2025-04-27', 0, '劳动节调休上班'),
    ('2025-05-01', 1, '劳动节'),
    ('2025-05-02', 1, '劳动节'),
    ('2025-05-03', 1, '劳动节'),
    ('2025-05-04', 1, '劳动节'),
    ('2025-05-05', 1, '劳动节'),
    ('2025-05-31', 1, '端午节'),
    ('2025-06-01', 1, '端午节'),
    ('2025-06-02', 1, '端午节'),
    ('2025-09-28', 0, '国庆节调休上班'),
    ('2025-10-01', 1, '国庆节、中秋节'),
    ('2025-10-02', 1, '国庆节、中秋节'),
    ('2025-10-03', 1, '国庆节、中秋节'),
    ('2025-10-04', 1, '国庆节、中秋节'),
    ('2025-10-05', 1, '国庆节、中秋节'),
    ('2025-10-06', 1, '国庆节、中秋节'),
    ('2025-10-07', 1, '国庆节、中秋节'),
    ('2025-10-08', 1, '国庆节、中秋节'),
    ('2025-10-11', 0, '国庆节调休上班'),
    ('2026-01-01', 1, '元旦'),
    ('2026-01-02', 1, '元旦'),
    ('2026-01-03', 1, '元旦'),
    ('2026-01-04', 0, '元旦调休上班'),
    ('2026-02-14', 0, '春节调休上班'),
    ('2026-02-15', 1, '春节'),
    ('2026-02-16', 1, '春节'),
    ('2026-02-17', 1, '春节'),
    ('2026-02-18', 1, '春节'),
    ('2026-02-19', 1, '春节'),
    ('2026-02-20', 1, '春节'),
    ('2026-02-21', 1, '春节'),
    ('2026-02-22', 1, '春节'),
    ('2026-02-23', 1, '春节'),
    ('2026-02-28', 0, '春节调休上班'),
    ('2026-04-04', 1, '清明节'),
    ('2026-04-05', 1, '清明节'),
    ('2026-04-06', 1, '清明节'),
    ('2026-05-01', 1, '劳动节'),
    ('2026-05-02', 1, '劳动节'),
    ('2026-05-03', 1, '劳动节'),
    ('2026-05-04', 1, '劳动节'),
    ('2026-05-05', 1, '劳动节'),
    ('2026-05-09', 0, '劳动节调休上班'),
    ('2026-06-19', 1, '端午节'),
    ('2026-06-20', 1, '端午节'),
    ('2026-06-21', 1, '端午节'),
    ('2026-09-20', 0, '国庆节调休上班'),
    ('2026-09-25', 1, '中秋节'),
    ('2026-09-26', 1, '中秋节'),
    ('2026-09-27', 1, '中秋节'),
    ('2026-10-01', 1, '国庆节'),
    ('2026-10-02', 1, '国庆节'),
    ('2026-10-03', 1, '国庆节'),
    ('2026-10-04', 1, '国庆节'),
    ('2026-10-05', 1, '国庆节'),
    ('2026-10-06', 1, '国庆节'),
    ('2026-10-07', 1, '国庆节'),
    ('2026-10-10', 0, '国庆节调休上班');

INSERT INTO calendar_years (year, version, day_count, source, loaded_at, loaded_by) VALUES
    (2025, 1, 33, 'seed', '2026-01-01T00:00:00.000Z', NULL),
    (2026, 1, 39, 'seed', '2026-01-01T00:00:00.000Z', NULL);
