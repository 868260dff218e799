-- Schema version 3: 双审核. An inspection may require close-outs to be reviewed twice — first
-- by the unit's principal (初审), then by the superior leader in charge (终审). The first
-- review is kept beside the request; the final review uses the existing review columns.
ALTER TABLE inspections ADD COLUMN dual_review INTEGER NOT NULL DEFAULT 0;
ALTER TABLE close_outs ADD COLUMN first_reviewed_on TEXT;
ALTER TABLE close_outs ADD COLUMN first_reviewers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE close_outs ADD COLUMN first_opinion TEXT NOT NULL DEFAULT '';
