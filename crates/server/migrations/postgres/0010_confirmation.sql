-- The client in the loop after a resolution: when the client last reopened the incident,
-- and the one answer to "how satisfied are you" asked at its closure (1 to 5, words).
ALTER TABLE incidents ADD COLUMN reopened_at BIGINT;
ALTER TABLE incidents ADD COLUMN satisfaction_score BIGINT;
ALTER TABLE incidents ADD COLUMN satisfaction_comment TEXT;
ALTER TABLE incidents ADD COLUMN satisfaction_at BIGINT;
