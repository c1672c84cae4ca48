//! `GET /api/events`: one browser's stream, its replay from `Last-Event-ID`, `lagged`
//! when it missed too much, and its end with its session.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::routing;
use axum::Router;
use futures_util::stream::{self, Stream, StreamExt};
use futures_util::task::AtomicWaker;
use serde::Deserialize;
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;
use tokio_util::sync::{CancellationToken, DropGuard};

use crate::auth;
use crate::error::Error;
use crate::extract::ApiQuery;
use crate::model::User;
use crate::state::{AppState, SessionEnd};

use super::{newest, visible_after, visible_to, Broadcast, REPLAY_MAX, SESSION_CHECK};

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
pub(super) fn live(
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
pub(super) fn lagged(resume_from: i64) -> SseEvent {
    SseEvent::default().id(resume_from.to_string()).event("lagged").data("{}")
}

/// Ends a stream when its session ends or the server shuts down. The watch runs in a task
/// of its own, which the stream's end stops: each event costs the stream one atomic read,
/// not a look at every reason it could end.
pub(super) struct EndsWhen<S> {
    inner: Pin<Box<S>>,
    ending: Arc<Ending>,
    _watch: DropGuard,
}

/// Set by the watch, read by the stream.
#[derive(Default)]
pub(super) struct Ending {
    ended: AtomicBool,
    waker: AtomicWaker,
}

/// A stream's watch before it has its stream.
pub(super) struct Watch {
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
pub(super) fn first_look() -> Duration {
    static STREAMS: AtomicU64 = AtomicU64::new(0);
    let n = STREAMS.fetch_add(1, Ordering::Relaxed);
    let period = SESSION_CHECK.as_millis() as u64;
    Duration::from_millis(period / 2 + (n * 997) % (period / 2).max(1))
}

/// Resolves when the stream must end: its session ended on this instance (told at once),
/// or is no longer valid (looked at every [`SESSION_CHECK`]: an expiry, or an end on
/// another instance), or the server shuts down.
pub(super) async fn session_ends(state: AppState, token: String, user_id: i64) {
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

pub(super) fn to_sse(id: i64, json: String) -> SseEvent {
    SseEvent::default().id(id.to_string()).event("change").data(json)
}

/// The route of the event stream.
pub fn router() -> Router<AppState> {
    Router::new().route("/events", routing::get(stream))
}
