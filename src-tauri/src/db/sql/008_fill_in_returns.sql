-- Schema version 8: the rows of fill-in workbooks (填报表) already applied.
--
-- A unit without the app fills in a workbook the keeper exported for it and sends it back;
-- the keeper imports it. A row is remembered by a key over the workbook's signature, the task
-- and what the unit wrote in it, so the same workbook imported again adds nothing, while a
-- row the unit changed afterwards is offered again. The signing secret itself is a setting
-- (`fill_in_secret`), made on first export.
CREATE TABLE fill_in_rows (
    row_key     TEXT PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    progress_id INTEGER REFERENCES progress(id) ON DELETE SET NULL,
    unit        TEXT NOT NULL,
    applied_at  TEXT NOT NULL
) STRICT;
CREATE INDEX fill_in_rows_task ON fill_in_rows(task_id);
