-- The on-call rota. The weekly pattern: on a weekday (1 Monday to 7 Sunday), from a start
-- to an end in minutes after midnight, Europe/Paris local time (an end not after the start
-- is the next day's), someone is on duty.
CREATE TABLE oncall_slots (
    id BIGSERIAL PRIMARY KEY,
    weekday BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute BIGINT NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute BIGINT NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    user_id BIGINT NOT NULL REFERENCES users(id)
);

-- Its exceptions: someone on duty between two instants (ms since the epoch, UTC),
-- whatever the pattern says (a holiday, a swap).
CREATE TABLE oncall_exceptions (
    id BIGSERIAL PRIMARY KEY,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL CHECK (ends_at > starts_at),
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX oncall_exceptions_end ON oncall_exceptions (ends_at);

-- Each P1 is paged once, whichever pass or instance gets there first: who (none when
-- nobody was on duty) and by which rule (outside_hours, unassigned).
CREATE TABLE oncall_pages (
    incident_id BIGINT PRIMARY KEY REFERENCES incidents(id),
    rule TEXT NOT NULL,
    user_id BIGINT REFERENCES users(id),
    paged_at BIGINT NOT NULL
);
