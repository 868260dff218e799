-- Counting reads the inspection and category of every finding: an index holding them is
-- scanned instead of the whole rows with their long texts (as tasks_counting does for tasks).
CREATE INDEX findings_counting ON findings(inspection_id, category_id);
