-- Calendars are data (DESIGN §6, §9): calendar_days is what the deadline calculator reads. calendar_years says which
-- years are loaded and carries a version each load bumps, so every node sees a change within a minute by comparing
-- one number instead of rereading the days. A year is loaded when it has a calendar_years row (its days may all be
-- ordinary weeks, though the State Council has never published such a year).
CREATE TABLE dbo.calendar_years (
    year                INT NOT NULL CONSTRAINT ck_calendar_years_year CHECK (year BETWEEN 2000 AND 2999),
    version             INT NOT NULL CONSTRAINT ck_calendar_years_version CHECK (version >= 1),
    day_count           INT NOT NULL CONSTRAINT ck_calendar_years_day_count CHECK (day_count BETWEEN 0 AND 366),
    source              NVARCHAR(200) NULL,
    loaded_at           DATETIMEOFFSET(3) NOT NULL,
    loaded_by           NVARCHAR(64) NULL,
    CONSTRAINT pk_calendar_years PRIMARY KEY (year)
);

-- The worker's identity document (DESIGN §8): the type beside the number it qualifies. NULL is read as a resident ID
-- (居民身份证), the only kind registered before this migration. Codes as in the SQLite script.
ALTER TABLE dbo.case_parties ADD id_type NVARCHAR(32) NULL;
-- A passport's issuing country (ISO 3166-1 alpha-3, e.g. VNM); NULL for every other type.
ALTER TABLE dbo.case_parties ADD id_country NVARCHAR(3) NULL;
GO

-- The shipped 2025 and 2026 arrangements, as the first migration run's seed (国办发明电〔2024〕12号; the 2026 notice of 2025-11-04).
INSERT INTO dbo.calendar_days (date, is_off_day, name) VALUES
    ('2025-01-01', 1, N'元旦'),
    ('2025-01-26', 0, N'春节调休上班'),
    ('2025-01-28', 1, N'春节'),
    ('2025-01-29', 1, N'春节'),
    ('2025-01-30', 1, N'春节'),
    ('2025-01-31', 1, N'春节'),
    ('2025-02-01', 1, N'春节'),
    ('2025-02-02', 1, N'春节'),
    ('2025-02-03', 1, N'春节'),
    ('2025-02-04', 1, N'春节'),
    ('2025-02-08', 0, N'春节调休上班'),
    ('2025-04-04', 1, N'清明节'),
    ('2025-04-05', 1, N'清明节'),
    ('2025-04-06', 1, N'清明节'),
    ('2025-04-27', 0, N'劳动节调休上班'),
    ('2025-05-01', 1, N'劳动节'),
    ('2025-05-02', 1, N'劳动节'),
    ('2025-05-03', 1, N'劳动节'),
    ('2025-05-04', 1, N'劳动节'),
    ('2025-05-05', 1, N'劳动节'),
    ('2025-05-31', 1, N'端午节'),
    ('2025-06-01', 1, N'端午节'),
    ('2025-06-02', 1, N'端午节'),
    ('2025-09-28', 0, N'国庆节调休上班'),
    ('2025-10-01', 1, N'国庆节、中秋节'),
    ('2025-10-02', 1, N'国庆节、中秋节'),
    ('2025-10-03', 1, N'国庆节、中秋节'),
    ('2025-10-04', 1, N'国庆节、中秋节'),
    ('2025-10-05', 1, N'国庆节、中秋节'),
    ('2025-10-06', 1, N'国庆节、中秋节'),
    ('2025-10-07', 1, N'国庆节、中秋节'),
    ('2025-10-08', 1, N'国庆节、中秋节'),
    ('2025-10-11', 0, N'国庆节调休上班'),
    ('2026-01-01', 1, N'元旦'),
    ('2026-01-02', 1, N'元旦'),
    ('2026-01-03', 1, N'元旦'),
    ('2026-01-04', 0, N'元旦调休上班'),
    ('2026-02-14', 0, N'春节调休上班'),
    ('2026-02-15', 1, N'春节'),
    ('2026-02-16', 1, N'春节'),
    ('2026-02-17', 1, N'春节'),
    ('2026-02-18', 1, N'春节'),
    ('2026-02-19', 1, N'春节'),
    ('2026-02-20', 1, N'春节'),
    ('2026-02-21', 1, N'春节'),
    ('2026-02-22', 1, N'春节'),
    ('2026-02-23', 1, N'春节'),
    ('2026-02-28', 0, N'春节调休上班'),
    ('2026-04-04', 1, N'清明节'),
    ('2026-04-05', 1, N'清明节'),
    ('2026-04-06', 1, N'清明节'),
    ('2026-05-01', 1, N'劳动节'),
    ('2026-05-02', 1, N'劳动节'),
    ('2026-05-03', 1, N'劳动节'),
    ('2026-05-04', 1, N'劳动节'),
    ('2026-05-05', 1, N'劳动节'),
    ('2026-05-09', 0, N'劳动节调休上班'),
    ('2026-06-19', 1, N'端午节'),
    ('2026-06-20', 1, N'端午节'),
    ('2026-06-21', 1, N'端午节'),
    ('2026-09-20', 0, N'国庆节调休上班'),
    ('2026-09-25', 1, N'中秋节'),
    ('2026-09-26', 1, N'中秋节'),
    ('2026-09-27', 1, N'中秋节'),
    ('2026-10-01', 1, N'国庆节'),
    ('2026-10-02', 1, N'国庆节'),
    ('2026-10-03', 1, N'国庆节'),
    ('2026-10-04', 1, N'国庆节'),
    ('2026-10-05', 1, N'国庆节'),
    ('2026-10-06', 1, N'国庆节'),
    ('2026-10-07', 1, N'国庆节'),
    ('2026-10-10', 0, N'国庆节调休上班');

INSERT INTO dbo.calendar_years (year, version, day_count, source, loaded_at, loaded_by) VALUES
    (2025, 1, 33, N'seed', '2026-01-01T00:00:00.000+00:00', NULL),
    (2026, 1, 39, N'seed', '2026-01-01T00:00:00.000+00:00', NULL);
