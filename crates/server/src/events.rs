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

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use chrono::{DateTime, Utc};
use futures_util::stream::{self, Stream, StreamExt};
use futures_util::task::AtomicWaker;
use serde::Deserialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Executor, Row};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{broadcast, Notify};
use tokio_util::sync::{CancellationToken, DropGuard};

use crate::auth;
use crate::db::{from_ms, get, to_ms, Backend, Db};
use crate::error::Error;
use crate::extract::ApiQuery;
use crate::model::User;
use crate::state::{AppState, SessionEnd};

/// Event kinds that only staff see: breach alerts are for the operations manager, internal
/// notes and on-call pages for the team.
const STAFF_ONLY: &[&str] = &["alert", crate::messages::INTERNAL_NOTE, crate::oncall::PAGED];

/// The PostgreSQL advisory lock that orders event ids as their transactions commit
/// ([`append`]); any number of Vigie's own.
const EVENT_ORDER_LOCK: i64 = 0x5649_4749_4500;

/// The most events a reconnecting stream replays; past it, `lagged` tells it to reload.
pub const REPLAY_MAX: i64 = 1000;

/// How often an open stream checks that its session still holds (expiry, or an end on
/// another instance).
pub const SESSION_CHECK: Duration = Duration::from_secs(5);

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
        // Only the timeline's query joins the person's name.
        actor_name: row.try_get("actor_name").ok().flatten(),
        data: serde_json::from_str(&data).unwrap_or(serde_json::Value::Null),
    })
}

/// Whether `user` may see an event: staff see all; a client sees its organisation's,
/// except the alerts meant for the operations manager.
pub fn visible_to(event: &Event, user: &User) -> bool {
    user.is_staff()
        || (event.organisation_id.is_some_and(|o| user.sees(o)) && !STAFF_ONLY.contains(&event.kind.as_str()))
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
    let hidden = STAFF_ONLY.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ");
    let sql = format!("SELECT * FROM events WHERE id > $1 AND ($2 IS NULL OR (organisation_id = $2 AND kind NOT IN ({hidden}))) ORDER BY id LIMIT $3");
    let organisation = if user.is_staff() { None } else { Some(user.organisation_id.unwrap_or(-1)) };
    let rows = sqlx::query(&sql).bind(after).bind(organisation).bind(limit).fetch_all(db.pool()).await?;
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
        Hub {
            db,
            sender,
            wake: Arc::new(Notify::new()),
            last: Arc::new(AtomicI64::new(-1)),
            poll_ms: Arc::new(AtomicU64::new(1000)),
            listening: Arc::default(),
        }
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
                tracing::error!("NOTIFY failed: {e}");
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
                        tracing::error!("reading events: {e}");
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
            Err(e) => tracing::warn!("LISTEN failed, retrying: {e}"),
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
/// A stream that missed more than [`REPLAY_MAX`] events, fell behind the live ones, or
/// resumes from an id beyond the newest event, gets `lagged` and ends: the browser
/// reconnects and the page reloads its data.
pub async fn stream(
    State(state): State<AppState>,
    user: User,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<StreamQuery>,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, Error> {
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or(query.last_event_id);
    let token = auth::session_token(&headers).ok_or(Error::Unauthorized)?;
    // Subscribe first, so nothing committed during the catch-up is lost.
    let receiver = state.events.sender.subscribe();
    let present = || state.events.last.load(Ordering::SeqCst).max(0);
    let (missed, overflow, last_sent) = match resume {
        // An id beyond every event: the browser's is from another database (restored or
        // replaced); it is told to reload, and resumes from the newest event.
        Some(after) if after > newest(&state.db).await? => (Vec::new(), true, newest(&state.db).await?),
        Some(after) => {
            let mut missed = visible_after(&state.db, &user, after, REPLAY_MAX + 1).await?;
            let overflow = missed.len() as i64 > REPLAY_MAX;
            missed.truncate(REPLAY_MAX as usize);
            let cursor = missed.last().map_or(after, |e| e.id);
            (missed, overflow, if overflow { cursor.max(present()) } else { cursor })
        }
        None => (Vec::new(), false, present()),
    };
    let user = Arc::new(user);
    let replay_user = user.clone();
    let replay = stream::iter(
        missed
            .into_iter()
            .filter(move |e| visible_to(e, &replay_user))
            .map(|e| Ok(to_sse(e.id, serde_json::to_string(&e).unwrap_or_default()))),
    );
    // Past the bound, the page reloads: the stream resumes from the present.
    let live = if overflow {
        stream::iter(vec![Ok(lagged(last_sent))]).left_stream()
    } else {
        live(receiver, user.clone(), last_sent).right_stream()
    };
    state.metrics.sse_connected();
    let hello = stream::once(std::future::ready(Ok(SseEvent::default()
        .event("ready")
        .data(format!("{{\"user\":{}}}", user.id)))));
    let watch = Watch::start(state.clone(), token, user.id);
    Ok(Sse::new(watch.around(hello.chain(replay).chain(live)))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

/// The live events `user` may see after `last_sent`; after `lagged`, the end.
fn live(
    receiver: broadcast::Receiver<Arc<Broadcast>>,
    user: Arc<User>,
    last_sent: i64,
) -> impl Stream<Item = Result<SseEvent, Infallible>> {
    stream::unfold(Some((receiver, last_sent)), move |state| {
        let user = user.clone();
        async move {
            let (mut receiver, mut last_sent) = state?;
            loop {
                match receiver.recv().await {
                    Ok(b) if b.event.id > last_sent && visible_to(&b.event, &user) => {
                        last_sent = b.event.id;
                        return Some((Ok(to_sse(b.event.id, b.json.clone())), Some((receiver, last_sent))));
                    }
                    Ok(b) => last_sent = last_sent.max(b.event.id),
                    // A slow reader that fell behind: it resumes from what it got.
                    Err(RecvError::Lagged(_)) => return Some((Ok(lagged(last_sent)), None)),
                    Err(RecvError::Closed) => return None,
                }
            }
        }
    })
}

/// `lagged`, with the id the browser resumes from when it reconnects.
fn lagged(resume_from: i64) -> SseEvent {
    SseEvent::default().id(resume_from.to_string()).event("lagged").data("{}")
}

/// Ends a stream when its session ends or the server shuts down. The watch runs in a task
/// of its own, which the stream's end stops: each event costs the stream one atomic read,
/// not a look at every reason it could end.
struct EndsWhen<S> {
    inner: Pin<Box<S>>,
    ending: Arc<Ending>,
    _watch: DropGuard,
}

/// Set by the watch, read by the stream.
#[derive(Default)]
struct Ending {
    ended: AtomicBool,
    waker: AtomicWaker,
}

/// A stream's watch before it has its stream.
struct Watch {
    ending: Arc<Ending>,
    guard: DropGuard,
}

impl Watch {
    /// Starts watching the session of `token` (of user `user_id`).
    fn start(state: AppState, token: String, user_id: i64) -> Watch {
        let ending = Arc::new(Ending::default());
        let dropped = CancellationToken::new();
        let (end, stop) = (ending.clone(), dropped.clone());
        tokio::spawn(async move {
            tokio::select! {
                _ = stop.cancelled() => {}
                _ = session_ends(state, token, user_id) => {
                    end.ended.store(true, Ordering::SeqCst);
                    end.waker.wake();
                }
            }
        });
        Watch { ending, guard: dropped.drop_guard() }
    }

    /// The stream, ended by this watch.
    fn around<S>(self, inner: S) -> EndsWhen<S> {
        EndsWhen { inner: Box::pin(inner), ending: self.ending, _watch: self.guard }
    }
}

impl<S: Stream> Stream for EndsWhen<S> {
    type Item = S::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        let this = self.get_mut();
        this.ending.waker.register(cx.waker());
        if this.ending.ended.load(Ordering::SeqCst) {
            return Poll::Ready(None);
        }
        this.inner.as_mut().poll_next(cx)
    }
}

/// How far into [`SESSION_CHECK`] each stream looks first, so that streams opened together
/// do not all ask the database at the same instant.
fn first_look() -> Duration {
    static STREAMS: AtomicU64 = AtomicU64::new(0);
    let n = STREAMS.fetch_add(1, Ordering::Relaxed);
    let period = SESSION_CHECK.as_millis() as u64;
    Duration::from_millis(period / 2 + (n * 997) % (period / 2).max(1))
}

/// Resolves when the stream must end: its session ended on this instance (told at once),
/// or is no longer valid (looked at every [`SESSION_CHECK`]: an expiry, or an end on
/// another instance), or the server shuts down.
async fn session_ends(state: AppState, token: String, user_id: i64) {
    let hash = auth::token_hash(&token);
    let mut ends = state.session_ends.subscribe();
    let mut next_look = tokio::time::Instant::now() + first_look();
    loop {
        let look = tokio::select! {
            _ = state.shutdown.cancelled() => return,
            end = ends.recv() => match end {
                Ok(SessionEnd::Token(ended)) if ended == hash => return,
                Ok(SessionEnd::User(ended)) if ended == user_id => return,
                Ok(_) => false,
                // Too many ends at once to tell which: look.
                Err(RecvError::Lagged(_)) => true,
                Err(RecvError::Closed) => return,
            },
            _ = tokio::time::sleep_until(next_look) => {
                next_look += SESSION_CHECK;
                true
            }
        };
        if look {
            match auth::user_of(&state, &token).await {
                Ok(Some(_)) => {}
                Ok(None) => return,
                // The database did not answer: look again at the next turn.
                Err(e) => tracing::error!("event stream session check: {e}"),
            }
        }
    }
}

fn to_sse(id: i64, json: String) -> SseEvent {
    SseEvent::default().id(id.to_string()).event("change").data(json)
}
