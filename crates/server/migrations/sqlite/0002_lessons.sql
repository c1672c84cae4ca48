-- Lessons learned from published P1 post-mortems (procedure §04), and the preventive
-- investment proposed by a technical review.

CREATE TABLE lessons (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    postmortem_id BIGINT NOT NULL UNIQUE REFERENCES postmortems(id),
    incident_id BIGINT NOT NULL REFERENCES incidents(id),
    system TEXT NOT NULL,
    symptom TEXT NOT NULL,
    what_happened TEXT NOT NULL,
    root_cause TEXT NOT NULL,
    prevention TEXT NOT NULL,
    -- NULL when the client asked to be left out of internal lessons.
    client_name TEXT,
    site_name TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX lessons_system_symptom ON lessons (system, symptom);

ALTER TABLE recurrence_reviews ADD COLUMN proposal_description TEXT;
ALTER TABLE recurrence_reviews ADD COLUMN proposal_cost_eur BIGINT;
ALTER TABLE recurrence_reviews ADD COLUMN proposal_status TEXT;
