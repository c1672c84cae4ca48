-- Files attached to an incident: photos (without their metadata) and PDFs, the bytes in
-- the database. `created_at` in ms since the epoch, UTC.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id BIGINT NOT NULL REFERENCES incidents(id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    data BLOB NOT NULL,
    created_at BIGINT NOT NULL,
    author_id BIGINT REFERENCES users(id)
);
CREATE INDEX attachments_incident ON attachments (incident_id);
