-- Schema version 5: the register of 督办 letters (预警函, 提醒函, 督办通知书).
--
-- A letter is numbered per inspection and year, 〔2026〕N号. A number is never given twice:
-- letter_numbers keeps the highest number each inspection has issued in a year, so a letter
-- voided, or a row removed by any means, never frees its number. A letter outlives its task
-- (a task deleted leaves task_id empty); `subject` keeps what the letter was about.
CREATE TABLE letter_numbers (
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    last_number   INTEGER NOT NULL,
    PRIMARY KEY (inspection_id, year)
) STRICT;

CREATE TABLE supervision_letters (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    task_id       INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
    kind          TEXT NOT NULL,
    year          INTEGER NOT NULL,
    number        INTEGER NOT NULL,
    issued_on     TEXT NOT NULL,
    issued_by     TEXT NOT NULL,
    -- The due date the letter was issued for, and the days left then (negative: overdue).
    due_on        TEXT,
    days_left     INTEGER,
    reply_by      TEXT NOT NULL,
    subject       TEXT NOT NULL,
    voided_on     TEXT,
    void_reason   TEXT NOT NULL DEFAULT '',
    UNIQUE (inspection_id, year, number)
) STRICT;
CREATE INDEX supervision_letters_task ON supervision_letters(task_id);
