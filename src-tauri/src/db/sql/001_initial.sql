-- Schema version 1: the whole domain of DOMAIN.md.
-- Dates are TEXT 'YYYY-MM-DD'; timestamps TEXT RFC 3339; lists JSON arrays in TEXT.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE inspections (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL,
    round              TEXT NOT NULL DEFAULT '',
    kind               TEXT NOT NULL DEFAULT 'regular',
    team               TEXT NOT NULL DEFAULT '',
    team_leader        TEXT NOT NULL DEFAULT '',
    deputy_leader      TEXT NOT NULL DEFAULT '',
    team_members       TEXT NOT NULL DEFAULT '[]',
    inspected_org      TEXT NOT NULL DEFAULT '',
    org_secretary      TEXT NOT NULL DEFAULT '',
    unit_name          TEXT NOT NULL DEFAULT '',
    authority          TEXT NOT NULL DEFAULT '',
    onsite_start       TEXT,
    onsite_end         TEXT,
    feedback_date      TEXT,
    plan_due_workdays  INTEGER NOT NULL DEFAULT 15,
    meeting_due_months INTEGER NOT NULL DEFAULT 1,
    report_due_months  INTEGER NOT NULL DEFAULT 3,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;

CREATE TABLE categories (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    name          TEXT NOT NULL,
    UNIQUE (inspection_id, name)
) STRICT;

CREATE TABLE working_papers (
    id                         INTEGER PRIMARY KEY,
    inspection_id              INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    number                     TEXT NOT NULL DEFAULT '',
    title                      TEXT NOT NULL,
    manifestation              TEXT NOT NULL DEFAULT '',
    basis                      TEXT NOT NULL DEFAULT '',
    evidence_list              TEXT NOT NULL DEFAULT '[]',
    principal_responsibility   TEXT NOT NULL DEFAULT '',
    first_responsible          TEXT NOT NULL DEFAULT '',
    supervisory_responsibility TEXT NOT NULL DEFAULT '',
    found_by                   TEXT NOT NULL DEFAULT '',
    found_on                   TEXT,
    review                     TEXT NOT NULL DEFAULT '',
    signed_by                  TEXT NOT NULL DEFAULT '',
    status                     TEXT NOT NULL DEFAULT 'draft',
    finding_id                 INTEGER REFERENCES findings(id) ON DELETE SET NULL
) STRICT;

CREATE TABLE findings (
    id               INTEGER PRIMARY KEY,
    inspection_id    INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    category_id      INTEGER NOT NULL REFERENCES categories(id),
    title            TEXT NOT NULL,
    manifestation    TEXT NOT NULL DEFAULT '',
    nature           TEXT NOT NULL DEFAULT 'common',
    source           TEXT NOT NULL DEFAULT '巡察发现',
    found_on         TEXT,
    tags             TEXT NOT NULL DEFAULT '[]',
    working_paper_id INTEGER REFERENCES working_papers(id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (inspection_id, seq)
) STRICT;
CREATE INDEX findings_category ON findings(category_id);

CREATE TABLE tasks (
    id                 INTEGER PRIMARY KEY,
    finding_id         INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    seq                INTEGER NOT NULL,
    measure            TEXT NOT NULL,
    goal               TEXT NOT NULL DEFAULT '',
    acceptance         TEXT NOT NULL DEFAULT '',
    deadline_kind      TEXT NOT NULL DEFAULT 'date',
    deadline           TEXT,
    status             TEXT NOT NULL DEFAULT 'not_started',
    lead_leader        TEXT NOT NULL DEFAULT '',
    responsible_leader TEXT NOT NULL DEFAULT '',
    lead_unit          TEXT NOT NULL DEFAULT '',
    responsible_person TEXT NOT NULL DEFAULT '',
    note               TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX tasks_finding ON tasks(finding_id, seq);
CREATE INDEX tasks_status ON tasks(status);
CREATE INDEX tasks_deadline ON tasks(deadline);
CREATE INDEX tasks_person ON tasks(responsible_person);

-- 责任单位: several per task, in order.
CREATE TABLE task_units (
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    unit    TEXT NOT NULL,
    PRIMARY KEY (task_id, ord)
) STRICT;
CREATE INDEX task_units_unit ON task_units(unit);

CREATE TABLE milestones (
    id      INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    due_on  TEXT NOT NULL,
    target  TEXT NOT NULL,
    done    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX milestones_task ON milestones(task_id);

CREATE TABLE progress (
    id              INTEGER PRIMARY KEY,
    task_id         INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    entered_on      TEXT NOT NULL,
    text            TEXT NOT NULL,
    by              TEXT NOT NULL DEFAULT '',
    status_after    TEXT,
    funds_recovered REAL NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX progress_task ON progress(task_id, entered_on);

CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    progress_id INTEGER REFERENCES progress(id) ON DELETE SET NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    added_at    TEXT NOT NULL
) STRICT;
CREATE INDEX evidence_task ON evidence(task_id);
CREATE INDEX evidence_hash ON evidence(sha256);

CREATE TABLE close_outs (
    id           INTEGER PRIMARY KEY,
    task_id      INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    requested_on TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    summary      TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL DEFAULT 'requested',
    reviewed_on  TEXT,
    approvers    TEXT NOT NULL DEFAULT '[]',
    verdict      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX close_outs_task ON close_outs(task_id);

CREATE TABLE reopenings (
    id          INTEGER PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    reopened_on TEXT NOT NULL,
    reason      TEXT NOT NULL,
    by          TEXT NOT NULL
) STRICT;

CREATE TABLE follow_up_checks (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    finding_id    INTEGER REFERENCES findings(id) ON DELETE CASCADE,
    task_id       INTEGER REFERENCES tasks(id) ON DELETE CASCADE,
    checked_on    TEXT NOT NULL,
    checked_by    TEXT NOT NULL DEFAULT '',
    result        TEXT NOT NULL,
    notes         TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE regulations (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    finding_id    INTEGER REFERENCES findings(id) ON DELETE SET NULL,
    name          TEXT NOT NULL,
    action        TEXT NOT NULL DEFAULT 'establish',
    issued_on     TEXT NOT NULL,
    doc_no        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE accountabilities (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    finding_id    INTEGER REFERENCES findings(id) ON DELETE SET NULL,
    person        TEXT NOT NULL,
    position      TEXT NOT NULL DEFAULT '',
    form          TEXT NOT NULL,
    decided_on    TEXT NOT NULL,
    notes         TEXT NOT NULL DEFAULT ''
) STRICT;

-- 问题线索: confidential, never joined into documents.
CREATE TABLE leads (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    person        TEXT NOT NULL,
    position      TEXT NOT NULL DEFAULT '',
    summary       TEXT NOT NULL,
    found_on      TEXT,
    transfer_to   TEXT,
    transfer_on   TEXT,
    receipt_no    TEXT
) STRICT;

CREATE TABLE immediate_fixes (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    finding_id    INTEGER REFERENCES findings(id) ON DELETE SET NULL,
    title         TEXT NOT NULL,
    action        TEXT NOT NULL DEFAULT '',
    fixed_on      TEXT
) STRICT;

CREATE TABLE recommendations (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    text          TEXT NOT NULL
) STRICT;

CREATE TABLE directory (
    id       INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL,
    name     TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    unit     TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, name)
) STRICT;

-- User-added years of the holiday calendar, in the shipped text format.
CREATE TABLE calendar_years (
    year INTEGER PRIMARY KEY,
    text TEXT NOT NULL
) STRICT;

-- Drafts of the official documents the user edited (JSON), by inspection and kind.
CREATE TABLE document_drafts (
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    body          TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (inspection_id, kind)
) STRICT;

-- Append-only, hash-chained record of every write.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    before    TEXT,
    after     TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
