-- Invitations: an account made by an administrator without a password; the person
-- chooses it through the link emailed to them. Only the token's hash is kept.
CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX invitations_user ON invitations (user_id);
