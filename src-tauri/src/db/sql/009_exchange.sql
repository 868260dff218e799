-- Schema version 9: signed exchange packages between copies of the app (README, 交换).
--
-- Every record that travels between copies gets a uid, a UUID (version 4, random) that is the
-- same on every machine: a record received keeps the sender's uid. Rows written before this
-- version get one here; new rows get one from a trigger, so every way of writing (forms,
-- imports, fill-in workbooks) is covered without each remembering it.

ALTER TABLE inspections ADD COLUMN uid TEXT;
UPDATE inspections SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX inspections_uid ON inspections(uid);
CREATE TRIGGER inspections_uid AFTER INSERT ON inspections WHEN NEW.uid IS NULL
BEGIN UPDATE inspections SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id; END;

ALTER TABLE findings ADD COLUMN uid TEXT;
UPDATE findings SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX findings_uid ON findings(uid);
CREATE TRIGGER findings_uid AFTER INSERT ON findings WHEN NEW.uid IS NULL
BEGIN UPDATE findings SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id; END;

ALTER TABLE tasks ADD COLUMN uid TEXT;
UPDATE tasks SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX tasks_uid ON tasks(uid);
CREATE TRIGGER tasks_uid AFTER INSERT ON tasks WHEN NEW.uid IS NULL
BEGIN UPDATE tasks SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id; END;

ALTER TABLE progress ADD COLUMN uid TEXT;
UPDATE progress SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX progress_uid ON progress(uid);
CREATE TRIGGER progress_uid AFTER INSERT ON progress WHEN NEW.uid IS NULL
BEGIN UPDATE progress SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id; END;

ALTER TABLE evidence ADD COLUMN uid TEXT;
UPDATE evidence SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX evidence_uid ON evidence(uid);
CREATE TRIGGER evidence_uid AFTER INSERT ON evidence WHEN NEW.uid IS NULL
BEGIN UPDATE evidence SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id; END;

ALTER TABLE close_outs ADD COLUMN uid TEXT;
UPDATE close_outs SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX close_outs_uid ON close_outs(uid);
CREATE TRIGGER close_outs_uid AFTER INSERT ON close_outs WHEN NEW.uid IS NULL
BEGIN UPDATE close_outs SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id; END;

ALTER TABLE regulations ADD COLUMN uid TEXT;
UPDATE regulations SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX regulations_uid ON regulations(uid);
CREATE TRIGGER regulations_uid AFTER INSERT ON regulations WHEN NEW.uid IS NULL
BEGIN UPDATE regulations SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id; END;

ALTER TABLE accountabilities ADD COLUMN uid TEXT;
UPDATE accountabilities SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX accountabilities_uid ON accountabilities(uid);
CREATE TRIGGER accountabilities_uid AFTER INSERT ON accountabilities WHEN NEW.uid IS NULL
BEGIN UPDATE accountabilities SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id; END;

ALTER TABLE immediate_fixes ADD COLUMN uid TEXT;
UPDATE immediate_fixes SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX immediate_fixes_uid ON immediate_fixes(uid);
CREATE TRIGGER immediate_fixes_uid AFTER INSERT ON immediate_fixes WHEN NEW.uid IS NULL
BEGIN UPDATE immediate_fixes SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id; END;

ALTER TABLE follow_up_checks ADD COLUMN uid TEXT;
UPDATE follow_up_checks SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX follow_up_checks_uid ON follow_up_checks(uid);
CREATE TRIGGER follow_up_checks_uid AFTER INSERT ON follow_up_checks WHEN NEW.uid IS NULL
BEGIN UPDATE follow_up_checks SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id; END;

-- This copy's identity: one row, made on first use. The secret key never leaves the
-- database (which the user's password encrypts).
CREATE TABLE exchange_self (
    one         INTEGER PRIMARY KEY CHECK (one = 1),
    device_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    algorithm   TEXT NOT NULL,
    secret_key  TEXT NOT NULL,
    public_key  TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

-- Copies enrolled here, with the role their packages act with. A revoked copy (a lost
-- laptop) stays listed so its old packages are refused by name.
CREATE TABLE exchange_peers (
    device_id    TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    algorithm    TEXT NOT NULL,
    public_key   TEXT NOT NULL,
    role         TEXT NOT NULL,
    unit         TEXT NOT NULL DEFAULT '',
    enrolled_at  TEXT NOT NULL,
    revoked_at   TEXT,
    sent_seq     INTEGER NOT NULL DEFAULT 0,  -- the last package made for this peer
    acked_seq    INTEGER NOT NULL DEFAULT 0,  -- the last of ours it confirmed
    received_seq INTEGER NOT NULL DEFAULT 0   -- the last of its packages applied here
) STRICT;

-- What both sides agreed each record was at the last exchange with a peer: a change is what
-- differs from it, and an edit whose starting value is no longer ours is a conflict.
CREATE TABLE exchange_base (
    peer  TEXT NOT NULL REFERENCES exchange_peers(device_id),
    uid   TEXT NOT NULL,
    body  TEXT NOT NULL,
    PRIMARY KEY (peer, uid)
) STRICT;

-- Records sent in a package not yet confirmed: they become the base when the peer
-- acknowledges the package, and are sent again until then.
CREATE TABLE exchange_sent (
    peer  TEXT NOT NULL REFERENCES exchange_peers(device_id),
    seq   INTEGER NOT NULL,
    uid   TEXT NOT NULL,
    body  TEXT NOT NULL,
    PRIMARY KEY (peer, seq, uid)
) STRICT;

-- Received changes that were not applied: refused by a rule, or edits of a field both sides
-- changed. Kept until the user decides; never dropped.
CREATE TABLE exchange_reviews (
    id          INTEGER PRIMARY KEY,
    peer        TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    uid         TEXT NOT NULL,
    subject     TEXT NOT NULL DEFAULT '',
    field       TEXT NOT NULL DEFAULT '',
    ours        TEXT,
    theirs      TEXT,
    base        TEXT,
    reason      TEXT NOT NULL,
    event       TEXT NOT NULL,
    received_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX exchange_reviews_open ON exchange_reviews(resolved_at);
