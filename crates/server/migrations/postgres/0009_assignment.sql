-- Who on the team owns an incident. The name is kept beside the id, as it was when the
-- incident was assigned, so that lists and the wall show it without a join.
ALTER TABLE incidents ADD COLUMN assignee_id BIGINT REFERENCES users(id);
ALTER TABLE incidents ADD COLUMN assignee_name TEXT;
