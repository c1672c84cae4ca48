//! The append-only timeline of incidents, and its live delivery to browsers.
//!
//! Every change is an `events` row written in the transaction that makes the change. One
//! task per server instance reads the new rows in id order and broadcasts them to the
//! event streams of that instance; with PostgreSQL, `NOTIFY vigie_events` wakes the tasks of
//! every instance, so a change made on one appears on all. The row id is the SSE event id:
//! a browser that reconnects with `Last-Event-ID` gets what it missed from the table, at
//! most [`REPLAY_MAX`] events, then `lagged` (reload) if it missed more.
//!
//! A stream lasts as long as its session: it ends within [`SESSION_CHECK`] of a logout, a
//! deactivation, a new password or the session's expiry (at once on the instance where the
//! session was ended), and when the server shuts down.

mod hub;
mod sse;

use hub::Broadcast;
pub use hub::Hub;
pub use sse::{router, stream, StreamQuery};

use std::time::Duration;

use chrono::{DateTime, Utc};

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::db::{from_ms, get, to_ms, Db};
use crate::error::Error;
use crate::model::User;

/// Event kinds that only staff see: breach alerts are for the operations manager, internal
/// notes and on-call pages for the team.
const STAFF_ONLY: &[EventKind] = &[EventKind::Alert, EventKind::InternalNote, EventKind::OncallPage];

/// The PostgreSQL advisory lock that orders event ids as their transactions commit
/// ([`append`]); any number of Vigie's own.
const EVENT_ORDER_LOCK: i64 = 0x5649_4749_4500;

/// The most events a reconnecting stream replays; past it, `lagged` tells it to reload.
pub const REPLAY_MAX: i64 = 1000;

/// How often an open stream checks that its session still holds (expiry, or an end on
/// another instance).
pub const SESSION_CHECK: Duration = Duration::from_secs(5);

use vigie_api::EventKind;
/// One entry of the timeline, as the API and the event stream show it.
pub use vigie_api::EventView as Event;

fn event_from_row(row: &AnyRow) -> Result<Event, Error> {
    let data: String = get(row, "data")?;
    Ok(Event {
        id: get(row, "id")?,
        incident_id: get(row, "incident_id")?,
        organisation_id: get(row, "organisation_id")?,
        kind: EventKind::from(get::<String>(row, "kind")?.as_str()),
        at: from_ms(get(row, "at")?),
        actor_id: get(row, "actor_id")?,
        // Only the timeline's query joins the person's name.
        actor_name: row.try_get("actor_name").ok().flatten(),
        data: serde_json::from_str(&data).unwrap_or(serde_json::Value::Null),
    })
}

/// Whether `user` may see an event: staff see all; a client sees its organisation's,
/// except the alerts meant for the operations manager.
pub fn visible_to(event: &Event, user: &User) -> bool {
    user.is_staff() || (event.organisation_id.is_some_and(|o| user.sees(o)) && !STAFF_ONLY.contains(&event.kind))
}

/// Appends an event in the caller's transaction; returns its id.
///
/// Ids must follow the order in which events become visible: the broadcaster reads the
/// rows after the last id it sent, so an event that became visible after a higher id would
/// never be sent. SQLite has one writer at a time, which gives that order; PostgreSQL
/// numbers a row when it is inserted, not when its transaction commits, so there each
/// transaction that appends an event holds a lock, until it ends, that the next one waits
/// for.
///
/// # Errors
/// [`Error::Database`].
pub async fn append(
    conn: &mut AnyConnection,
    incident_id: Option<i64>,
    organisation_id: Option<i64>,
    kind: EventKind,
    at: DateTime<Utc>,
    actor_id: Option<i64>,
    data: serde_json::Value,
) -> Result<i64, Error> {
    if conn.backend_name() == "PostgreSQL" {
        sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(EVENT_ORDER_LOCK).execute(&mut *conn).await?;
    }
    let row = sqlx::query(
        "INSERT INTO events (incident_id, organisation_id, kind, at, actor_id, data) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(incident_id)
    .bind(organisation_id)
    .bind(kind.as_str())
    .bind(to_ms(at))
    .bind(actor_id)
    .bind(data.to_string())
    .fetch_one(&mut *conn)
    .await?;
    get(&row, "id")
}

/// The events of one incident, oldest first.
///
/// # Errors
/// [`Error::Database`].
pub async fn timeline(db: &Db, incident_id: i64) -> Result<Vec<Event>, Error> {
    let rows = sqlx::query(
        "SELECT events.*, users.display_name AS actor_name FROM events LEFT JOIN users ON users.id = events.actor_id
         WHERE events.incident_id = $1 ORDER BY events.id",
    )
    .bind(incident_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(event_from_row).collect()
}

async fn events_after(db: &Db, after: i64, limit: i64) -> Result<Vec<Event>, Error> {
    let rows = sqlx::query("SELECT * FROM events WHERE id > $1 ORDER BY id LIMIT $2")
        .bind(after)
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(event_from_row).collect()
}

/// The events after `after` that `user` may see, filtered by the database: a client's
/// replay reads its organisation's rows only.
/// The id of the newest event in the database (0 when there is none).
async fn newest(db: &Db) -> Result<i64, Error> {
    let row = sqlx::query("SELECT COALESCE(MAX(id), 0) AS id FROM events").fetch_one(db.pool()).await?;
    Ok(row.try_get("id")?)
}

async fn visible_after(db: &Db, user: &User, after: i64, limit: i64) -> Result<Vec<Event>, Error> {
    let hidden = STAFF_ONLY.iter().map(|k| format!("'{}'", k.as_str())).collect::<Vec<_>>().join(", ");
    let sql = format!("SELECT * FROM events WHERE id > $1 AND ($2 IS NULL OR (organisation_id = $2 AND kind NOT IN ({hidden}))) ORDER BY id LIMIT $3");
    let organisation = if user.is_staff() { None } else { Some(user.organisation_id.unwrap_or(-1)) };
    let rows = sqlx::query(&sql).bind(after).bind(organisation).bind(limit).fetch_all(db.pool()).await?;
    rows.iter().map(event_from_row).collect()
}
