-- Supervision (督办, issue 14 item 4): a county manager puts a case under supervision with a requirement, a level and a
-- date for feedback; the unit handling the case feeds back, once or more; the manager evaluates and closes it, or
-- sends it back with a new date. Data beside the workflow: the case's state never changes by it. Each change also
-- leaves a case_activities row (the timeline) and an audit row in the same transaction.
-- Kept in lockstep with db/sqlserver/0014_add_supervision.sql. Lengths are SupervisionLimits in CaseFlow.Domain.

CREATE TABLE supervisions (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id             INTEGER NOT NULL REFERENCES cases (id),
    unit_id             INTEGER NOT NULL REFERENCES org_units (id),        -- the unit handling the case when opened: it feeds back and is scored
    level               TEXT NOT NULL CHECK (level IN ('normal', 'key')),  -- 一般 | 重点
    requirement         TEXT NOT NULL CHECK (length(requirement) <= 1000),
    status              TEXT NOT NULL CHECK (status IN ('open', 'fed_back', 'closed')),
    round               INTEGER NOT NULL DEFAULT 1 CHECK (round BETWEEN 1 AND 100),   -- 1 + the times it was sent back
    feedback_due_on     TEXT NOT NULL CHECK (feedback_due_on GLOB '????-??-??'),      -- the current round's date, China time
    opened_by_user_id   INTEGER NULL REFERENCES users (id),
    opened_at           TEXT NOT NULL CHECK (opened_at GLOB '????-??-??T??:??:??.???Z'),
    closed_at           TEXT NULL CHECK (closed_at GLOB '????-??-??T??:??:??.???Z'),
    closed_by_user_id   INTEGER NULL REFERENCES users (id),
    satisfied           INTEGER NULL CHECK (satisfied IN (0, 1)),          -- the latest evaluation: 1 closes, 0 sends back
    evaluation_comment  TEXT NULL CHECK (length(evaluation_comment) <= 500)
) STRICT;

CREATE INDEX ix_supervisions_case ON supervisions (case_id, id);
CREATE INDEX ix_supervisions_unit_status ON supervisions (unit_id, status);

-- One row per due date a supervision had (the first, and one per send-back): answered by the first feedback of the
-- round, reminded once by the overdue job when the date passed unanswered. Scoring reads these.
CREATE TABLE supervision_due_dates (
    supervision_id      INTEGER NOT NULL REFERENCES supervisions (id),
    round               INTEGER NOT NULL CHECK (round BETWEEN 1 AND 100),
    due_on              TEXT NOT NULL CHECK (due_on GLOB '????-??-??'),
    answered_at         TEXT NULL CHECK (answered_at GLOB '????-??-??T??:??:??.???Z'),
    reminded_at         TEXT NULL CHECK (reminded_at GLOB '????-??-??T??:??:??.???Z'),
    PRIMARY KEY (supervision_id, round)
) STRICT;

CREATE INDEX ix_supervision_due_dates_unanswered ON supervision_due_dates (due_on) WHERE answered_at IS NULL AND reminded_at IS NULL;

-- 反馈: what the handling unit did and how far it got. Append-only.
CREATE TABLE supervision_feedbacks (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    supervision_id      INTEGER NOT NULL REFERENCES supervisions (id),
    round               INTEGER NOT NULL CHECK (round BETWEEN 1 AND 100),
    by_user_id          INTEGER NULL REFERENCES users (id),
    unit_id             INTEGER NOT NULL REFERENCES org_units (id),        -- the feeding-back user's unit
    at                  TEXT NOT NULL CHECK (at GLOB '????-??-??T??:??:??.???Z'),
    action_taken        TEXT NOT NULL CHECK (length(action_taken) <= 2000),
    progress            TEXT NOT NULL CHECK (length(progress) <= 500)
) STRICT;

CREATE INDEX ix_supervision_feedbacks_supervision ON supervision_feedbacks (supervision_id, id);

CREATE TRIGGER supervision_feedbacks_no_update BEFORE UPDATE ON supervision_feedbacks
BEGIN
    SELECT RAISE(ABORT, 'supervision_feedbacks is append-only: rows cannot be updated');
END;

CREATE TRIGGER supervision_feedbacks_no_delete BEFORE DELETE ON supervision_feedbacks
BEGIN
    SELECT RAISE(ABORT, 'supervision_feedbacks is append-only: rows cannot be deleted');
END;
