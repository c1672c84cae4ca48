-- The events that stop or restart an incident's clocks (dispatch, planned intervention,
-- reclassification, data loss, GDPR notice), technical reviews with an owner and findings,
-- and a site's own technical contact.
ALTER TABLE incidents ADD COLUMN dispatched_at BIGINT;
ALTER TABLE incidents ADD COLUMN intervention_planned_at BIGINT;
ALTER TABLE incidents ADD COLUMN intervention_planned_for BIGINT;
ALTER TABLE incidents ADD COLUMN intervention_plan_reason TEXT;
-- JSON: [{"at": …, "from": "P3", "to": "P1"}], oldest first.
ALTER TABLE incidents ADD COLUMN priority_changes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN data_loss_known_at BIGINT;
ALTER TABLE incidents ADD COLUMN data_loss_description TEXT;
-- JSON: the GDPR art. 33(3) content sent to the client.
ALTER TABLE incidents ADD COLUMN gdpr_notice TEXT;
ALTER TABLE incidents ADD COLUMN gdpr_notice_sent_at BIGINT;

ALTER TABLE recurrence_reviews ADD COLUMN owner_id BIGINT REFERENCES users(id);
ALTER TABLE recurrence_reviews ADD COLUMN findings TEXT;
ALTER TABLE recurrence_reviews ADD COLUMN closed_at BIGINT;

-- JSON: {"name", "email", "phone"}; told instead of the organisation's technical contact.
ALTER TABLE sites ADD COLUMN technical_contact TEXT;
