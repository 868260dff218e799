-- The rest of the document set (issue 13, part A): per-inspection document settings
-- (the plan's leading group, and the GB/T 9704 版头/版记 of each document), the
-- 整改专题民主生活会, and what the secretary personally did for the principal's report.

CREATE TABLE document_settings (
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    -- 'leading_group', or 'letterhead:<document>'.
    kind          TEXT NOT NULL,
    body          TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (inspection_id, kind)
);

CREATE TABLE rectification_meetings (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    held_on       TEXT NOT NULL,
    chair         TEXT NOT NULL,
    -- JSON lists of names.
    attendees     TEXT NOT NULL DEFAULT '[]',
    observers     TEXT NOT NULL DEFAULT '[]',
    materials     TEXT NOT NULL DEFAULT '',
    criticism     TEXT NOT NULL DEFAULT '',
    measures      TEXT NOT NULL DEFAULT '',
    summary       TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
);
CREATE INDEX rectification_meetings_inspection ON rectification_meetings(inspection_id);

CREATE TABLE secretary_actions (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('meeting', 'talk', 'problem', 'visit')),
    done_on       TEXT NOT NULL,
    text          TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX secretary_actions_inspection ON secretary_actions(inspection_id);
