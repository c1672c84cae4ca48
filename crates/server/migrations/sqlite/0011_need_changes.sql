-- Every change of the on-site need by the staff (JSON, oldest first), so that a promise
-- kept or broken before the need was cleared stays what it was in the monthly report.
ALTER TABLE incidents ADD COLUMN on_site_need_changes TEXT NOT NULL DEFAULT '[]';
