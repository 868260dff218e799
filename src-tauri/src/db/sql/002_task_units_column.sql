-- Schema version 2: each task also keeps its responsible units, in order, joined by U+001F,
-- so lists and counts read a task in one row; task_units stays the index for filtering.
ALTER TABLE tasks ADD COLUMN responsible_units TEXT NOT NULL DEFAULT '';
UPDATE tasks SET responsible_units = coalesce(
    (SELECT group_concat(unit, char(31)) FROM
        (SELECT unit FROM task_units WHERE task_id = tasks.id ORDER BY ord)),
    '');
