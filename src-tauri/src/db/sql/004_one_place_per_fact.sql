-- Schema version 4: each fact is stored in one place.
--
-- 责任单位 live in task_units only (in order, indexed for filtering). Step 2 copied them into
-- tasks.responsible_units, but only new tasks wrote the copy: a reassignment reached
-- task_units alone, and every reader of the copy kept showing the old units. task_units
-- always held the units last assigned, so dropping the copy also repairs such databases.
ALTER TABLE tasks DROP COLUMN responsible_units;

-- A working paper approved into a finding was linked from both sides. The link stays on the
-- paper (working_papers.finding_id, set when it is approved); a link only the finding had is
-- moved over first.
UPDATE working_papers
SET finding_id = (SELECT min(f.id) FROM findings f WHERE f.working_paper_id = working_papers.id)
WHERE finding_id IS NULL
  AND EXISTS (SELECT 1 FROM findings f WHERE f.working_paper_id = working_papers.id);
ALTER TABLE findings DROP COLUMN working_paper_id;
CREATE INDEX working_papers_finding ON working_papers(finding_id);

-- Lists filtered by unit look for the lead unit or a responsible unit: both indexed.
CREATE INDEX tasks_lead_unit ON tasks(lead_unit);

-- Counting reads these five columns of every task: an index holding them is scanned instead
-- of the whole rows with their long texts.
CREATE INDEX tasks_counting ON tasks(finding_id, status, deadline_kind, deadline, lead_unit);
