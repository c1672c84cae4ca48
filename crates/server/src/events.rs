//! The append-only timeline of incidents, and its live delivery to browsers.
//!
//! Every change is an `events` row written in the transaction that makes the change. One
//! task per server instance reads the new rows in id order and broadcasts them to the
//! event streams of that instance; with PostgreSQL, `NOTIFY vigie_events` wakes the tasks of
//! every instance, so a change made on one appears on all. The row id is the SSE event id:
//! a browser that reconnects with `Last-Event-ID` gets what it missed from the table.

use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use chrono::{DateTime, Utc};
use futures_util::stream::{self, Stream, StreamExt};
use serde::Deserialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Executor};
use tokio::sync::{broadcast, Notify};
use tokio_stream::wrappers::BroadcastStream;

use crate::db::{from_ms, get, to_ms, Backend, Db};
use crate::error::Error;
use crate::model::User;
use crate::state::AppState;

/// Event kinds that only staff see (breach alerts are for the operations manager).
const STAFF_ONLY: &[&str] = &["alert"];

/// The PostgreSQL advisory lock that orders event ids as their transactions commit
/// ([`append`]); any number of Vigie's own.
const EVENT_ORDER_LOCK: i64 = 0x5649_4749_4500;

/// One entry of the timeline, as the API and the event stream show it.
pub use vigie_api::EventView as Event;

fn event_from_row(row: &AnyRow) -> Result<Event, Error> {
    let data: String = get(row, "data")?;
    Ok(Event {
        id: get(row, "id")?,
        incident_id: get(row, "incident_id")?,
        organisation_id: get(row, "organisation_id")?,
        kind: get(row, "kind")?,
        at: from_ms(get(row, "at")?),
        actor_id: get(row, "actor_id")?,
        data: serde_json::from_str(&data).unwrap_or(serde_json::Value::Null),
    })
}

/// Whether `user` may see an event: staff see all; a client sees its organisation's,
/// except the alerts meant for the operations manager.
pub fn visible_to(event: &Event, user: &User) -> bool {
    user.is_staff() || (event.organisation_id.is_some_and(|o| user.sees(o)) && !STAFF_ONLY.contains(&event.kind.as_str()))
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
    kind: &str,
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
    .bind(kind)
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
    let rows = sqlx::query("SELECT * FROM events WHERE incident_id = $1 ORDER BY id").bind(incident_id).fetch_all(db.pool()).await?;
    rows.iter().map(event_from_row).collect()
}

async fn events_after(db: &Db, after: i64, limit: i64) -> Result<Vec<Event>, Error> {
    let rows = sqlx::query("SELECT * FROM events WHERE id > $1 ORDER BY id LIMIT $2").bind(after).bind(limit).fetch_all(db.pool()).await?;
    rows.iter().map(event_from_row).collect()
}

/// An event with its JSON, serialised once for every stream.
#[derive(Debug)]
struct Broadcast {
    event: Event,
    json: String,
}

/// The broadcaster of one server instance.
#[derive(Debug, Clone)]
pub struct Hub {
    db: Db,
    sender: broadcast::Sender<Arc<Broadcast>>,
    wake: Arc<Notify>,
    /// The last event id broadcast.
    last: Arc<AtomicI64>,
    /// How often the table is read without a wake-up, in milliseconds.
    poll_ms: Arc<AtomicU64>,
    /// Whether this instance listens to the others' `NOTIFY` (PostgreSQL).
    listening: Arc<AtomicBool>,
}

impl Hub {
    /// A hub over `db`; [`Hub::run`] must be spawned for it to broadcast.
    pub fn new(db: Db) -> Hub {
        let (sender, _) = broadcast::channel(4096);
        Hub { db, sender, wake: Arc::new(Notify::new()), last: Arc::new(AtomicI64::new(-1)), poll_ms: Arc::new(AtomicU64::new(1000)), listening: Arc::default() }
    }

    /// Whether this instance hears the other instances' changes at once (PostgreSQL's
    /// `LISTEN` is established).
    pub fn listening(&self) -> bool {
        self.listening.load(Ordering::SeqCst)
    }

    /// Sets how often the table is read in case a wake-up was lost (every second by
    /// default). Tests that must tell a `NOTIFY` from this polling make it rare.
    pub fn poll_every(&self, every: Duration) {
        self.poll_ms.store(every.as_millis().try_into().unwrap_or(u64::MAX), Ordering::SeqCst);
        self.wake.notify_one();
    }

    /// Says new events were committed: wakes this instance's broadcaster and, with
    /// PostgreSQL, every other instance's.
    pub async fn poke(&self) {
        self.wake.notify_one();
        if self.db.backend() == Backend::Postgres {
            if let Err(e) = self.db.pool().execute("NOTIFY vigie_events").await {
                eprintln!("vigie: NOTIFY failed: {e}");
            }
        }
    }

    /// Broadcasts new events forever: on every poke, on every PostgreSQL notification, and
    /// at least every second ([`Hub::poll_every`]) in case a wake-up was lost.
    pub async fn run(self, database_url: Option<String>) {
        if self.last.load(Ordering::SeqCst) < 0 {
            let last = sqlx::query("SELECT COALESCE(MAX(id), 0) AS last FROM events")
                .fetch_one(self.db.pool())
                .await
                .ok()
                .and_then(|row| get::<i64>(&row, "last").ok())
                .unwrap_or(0);
            self.last.store(last, Ordering::SeqCst);
        }
        if let (Backend::Postgres, Some(url)) = (self.db.backend(), database_url) {
            let (wake, listening) = (self.wake.clone(), self.listening.clone());
            tokio::spawn(async move { listen(url, wake, listening).await });
        }
        loop {
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_millis(self.poll_ms.load(Ordering::SeqCst))) => {}
            }
            loop {
                let after = self.last.load(Ordering::SeqCst);
                let batch = match events_after(&self.db, after, 500).await {
                    Ok(batch) => batch,
                    Err(e) => {
                        eprintln!("vigie: reading events: {e}");
                        break;
                    }
                };
                let full = batch.len() == 500;
                for event in batch {
                    self.last.store(event.id, Ordering::SeqCst);
                    let json = serde_json::to_string(&event).unwrap_or_default();
                    let _ = self.sender.send(Arc::new(Broadcast { event, json }));
                }
                if !full {
                    break;
                }
            }
        }
    }
}

/// Wakes the broadcaster on every `NOTIFY vigie_events` from any instance.
async fn listen(url: String, wake: Arc<Notify>, listening: Arc<AtomicBool>) {
    loop {
        match sqlx::postgres::PgListener::connect(&url).await {
            Ok(mut listener) => {
                if listener.listen("vigie_events").await.is_ok() {
                    listening.store(true, Ordering::SeqCst);
                    // What was committed while not listening is read now.
                    wake.notify_one();
                    while listener.recv().await.is_ok() {
                        wake.notify_one();
                    }
                    listening.store(false, Ordering::SeqCst);
                }
            }
            Err(e) => eprintln!("vigie: LISTEN failed, retrying: {e}"),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// `?last_event_id=` for clients that cannot set the header.
#[derive(Debug, Deserialize)]
pub struct StreamQuery {
    last_event_id: Option<i64>,
}

/// `GET /api/events`: the server-sent events the caller may see. With `Last-Event-ID`, the
/// missed events come first, from the table, then the live ones, without gap or repeat.
pub async fn stream(
    State(state): State<AppState>,
    user: User,
    headers: HeaderMap,
    Query(query): Query<StreamQuery>,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, Error> {
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or(query.last_event_id);
    // Subscribe first, so nothing committed during the catch-up is lost.
    let live = BroadcastStream::new(state.events.sender.subscribe());
    let mut missed = Vec::new();
    let mut last_sent = match resume {
        Some(after) => {
            let mut cursor = after;
            loop {
                let batch = events_after(&state.db, cursor, 1000).await?;
                let n = batch.len();
                if let Some(e) = batch.last() {
                    cursor = e.id;
                }
                missed.extend(batch);
                if n < 1000 {
                    break;
                }
            }
            cursor
        }
        None => state.events.last.load(Ordering::SeqCst).max(0),
    };
    let user = Arc::new(user);
    let visible = {
        let user = user.clone();
        move |e: &Event| visible_to(e, &user)
    };
    let replay = stream::iter(
        missed.into_iter().filter(visible.clone()).map(|e| Ok(to_sse(e.id, serde_json::to_string(&e).unwrap_or_default()))),
    );
    let live = live.filter_map(move |item| {
        let out = match item {
            Ok(b) if b.event.id > last_sent && visible(&b.event) => {
                last_sent = b.event.id;
                Some(Ok(to_sse(b.event.id, b.json.clone())))
            }
            Ok(b) => {
                last_sent = last_sent.max(b.event.id);
                None
            }
            // A slow reader that fell behind: tell it to reload.
            Err(_) => Some(Ok(SseEvent::default().event("lagged").data("{}"))),
        };
        std::future::ready(out)
    });
    state.metrics.sse_connected();
    let hello = stream::once(std::future::ready(Ok(SseEvent::default().event("ready").data(format!("{{\"user\":{}}}", user.id)))));
    Ok(Sse::new(hello.chain(replay).chain(live)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

fn to_sse(id: i64, json: String) -> SseEvent {
    SseEvent::default().id(id.to_string()).event("change").data(json)
}
