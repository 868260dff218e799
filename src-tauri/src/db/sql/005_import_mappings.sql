-- Schema version 5: column mappings the user made when importing a ledger, kept by the
-- shape of its header (its header texts in order) and used again for the next file with
-- the same header.
CREATE TABLE import_mappings (
    id INTEGER PRIMARY KEY,
    shape TEXT NOT NULL UNIQUE,
    -- JSON list of {"column": "H", "to": "deadline"}.
    choices TEXT NOT NULL,
    saved_at TEXT NOT NULL DEFAULT (datetime('now'))
);
