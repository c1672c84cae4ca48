-- Vigie schema. Instants are milliseconds since the Unix epoch (BIGINT); booleans are 0/1;
-- structured values are JSON text. The PostgreSQL schema is the same with its own types.

CREATE TABLE organisations (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    contract TEXT NOT NULL,
    -- The organisation's own SLA policy (JSON), or NULL for the contract's defaults.
    policy TEXT,
    -- [{"kind": "technical"|"management", "name", "email", "phone"}]
    contacts TEXT NOT NULL DEFAULT '[]',
    anonymous_lessons BIGINT NOT NULL DEFAULT 0,
    api_token_hash TEXT UNIQUE
);

CREATE TABLE sites (
    id BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    calendar TEXT NOT NULL,
    sensitive_zones TEXT NOT NULL DEFAULT '[]',
    UNIQUE (organisation_id, name)
);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    organisation_id BIGINT REFERENCES organisations(id),
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    active BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE login_failures (
    username TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    last_at BIGINT NOT NULL
);

CREATE TABLE incidents (
    id BIGSERIAL PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    site_id BIGINT NOT NULL REFERENCES sites(id),
    source TEXT NOT NULL,
    description TEXT NOT NULL,
    answers TEXT,
    classification TEXT NOT NULL,
    suggested_priority TEXT NOT NULL,
    priority TEXT NOT NULL,
    override_reason TEXT,
    override_by BIGINT REFERENCES users(id),
    incident_type TEXT NOT NULL,
    contract TEXT NOT NULL,
    policy TEXT NOT NULL,
    on_site_required BIGINT NOT NULL DEFAULT 0,
    reported_at BIGINT NOT NULL,
    acknowledged_at BIGINT,
    on_site_at BIGINT,
    last_update_at BIGINT,
    resolved_at BIGINT,
    closed_at BIGINT,
    postmortem_published_at BIGINT,
    root_cause TEXT,
    actions TEXT,
    security_data_impact TEXT,
    personal_data_lost BIGINT,
    recurrent BIGINT NOT NULL DEFAULT 0,
    alert_fingerprint TEXT,
    created_by BIGINT REFERENCES users(id),
    idempotency_key TEXT,
    UNIQUE (created_by, idempotency_key)
);
CREATE INDEX incidents_open ON incidents (closed_at, organisation_id);
CREATE INDEX incidents_site_type ON incidents (site_id, incident_type, reported_at);
CREATE INDEX incidents_fingerprint ON incidents (organisation_id, alert_fingerprint);

-- The append-only timeline of every incident, and the feed of the live event stream.
CREATE TABLE events (
    id BIGSERIAL PRIMARY KEY,
    incident_id BIGINT REFERENCES incidents(id),
    organisation_id BIGINT REFERENCES organisations(id),
    kind TEXT NOT NULL,
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users(id),
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_incident ON events (incident_id, id);

-- Messages to send, written in the same transaction as the event that causes them.
CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    incident_id BIGINT REFERENCES incidents(id),
    event_id BIGINT REFERENCES events(id),
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    delivered_at BIGINT
);
CREATE INDEX outbox_pending ON outbox (status, next_attempt_at);

-- One row per clock and level ever reached: the unique key makes each alert happen once,
-- across restarts and instances.
CREATE TABLE alerts (
    id BIGSERIAL PRIMARY KEY,
    incident_id BIGINT NOT NULL REFERENCES incidents(id),
    clock TEXT NOT NULL,
    level TEXT NOT NULL,
    due BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (incident_id, clock, level, due)
);

CREATE TABLE postmortems (
    id BIGSERIAL PRIMARY KEY,
    incident_id BIGINT NOT NULL UNIQUE REFERENCES incidents(id),
    status TEXT NOT NULL,
    document TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    published_at BIGINT
);

CREATE TABLE recurrence_reviews (
    id BIGSERIAL PRIMARY KEY,
    incident_id BIGINT NOT NULL UNIQUE REFERENCES incidents(id),
    site_id BIGINT NOT NULL REFERENCES sites(id),
    incident_type TEXT NOT NULL,
    related TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
