//! What every handler and background task shares.

use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use tokio::sync::{broadcast, Notify};
use tokio_util::sync::CancellationToken;

use crate::config::Config;
use crate::db::Db;
use crate::events::Hub;
use crate::metrics::Metrics;
use crate::passwords::Passwords;

/// The server's clock: the system clock, which tests can move forward or stop.
///
/// Time-based behaviour (login throttles, session expiry, SLA deadlines) reads this clock,
/// so a test can stop it and move it by exact amounts instead of depending on how fast the
/// machine runs.
#[derive(Debug, Clone)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
    /// The instant the clock was stopped at, in Unix milliseconds; `i64::MIN` while it runs.
    frozen_ms: Arc<AtomicI64>,
}

impl Default for Clock {
    fn default() -> Clock {
        Clock { offset_ms: Arc::default(), frozen_ms: Arc::new(AtomicI64::new(i64::MIN)) }
    }
}

impl Clock {
    /// Now.
    pub fn now(&self) -> DateTime<Utc> {
        let frozen = self.frozen_ms.load(Ordering::Relaxed);
        let base =
            if frozen == i64::MIN { Utc::now() } else { DateTime::from_timestamp_millis(frozen).unwrap_or_default() };
        base + TimeDelta::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Stops this clock (and every copy of it) at the present instant: from now on it only
    /// moves through [`Clock::advance`].
    pub fn freeze(&self) {
        let now = self.now();
        self.offset_ms.store(0, Ordering::Relaxed);
        self.frozen_ms.store(now.timestamp_millis(), Ordering::Relaxed);
    }

    /// Moves this clock (and every copy of it) forward.
    pub fn advance(&self, by: TimeDelta) {
        self.offset_ms.fetch_add(by.num_milliseconds(), Ordering::Relaxed);
    }
}

/// The shared state.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The clock.
    pub clock: Clock,
    /// Live events to browsers.
    pub events: Hub,
    /// The configuration.
    pub config: Arc<Config>,
    /// The built app (`dist/`).
    pub dist: PathBuf,
    /// The headers of every answer, from the built pages and the configuration.
    pub headers: Arc<crate::assets::Headers>,
    /// The service worker of the build (`/sw.js`).
    pub service_worker: Arc<str>,
    /// Wakes the SLA monitor when an incident changes.
    pub monitor: Arc<Notify>,
    /// Wakes the notification worker when a message is queued.
    pub outbox: Arc<Notify>,
    /// Counters for `/metrics`.
    pub metrics: Arc<Metrics>,
    /// The bounded pool of password hashes and checks.
    pub passwords: Passwords,
    /// Cancelled when the server shuts down: event streams end, background tasks stop.
    pub shutdown: CancellationToken,
    /// The sessions ended on this instance (logout, deactivation, new password), told to
    /// their event streams at once rather than at their next periodic look.
    pub session_ends: broadcast::Sender<SessionEnd>,
}

/// Which sessions just ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionEnd {
    /// One session, by the hash of its token (a logout).
    Token(String),
    /// Every session of a user (deactivated, or given a new password).
    User(i64),
}

impl AppState {
    /// A state over `db`, with the given configuration.
    pub fn new(db: Db, config: Config, dist: PathBuf) -> AppState {
        AppState {
            events: Hub::new(db.clone()),
            db,
            clock: Clock::default(),
            passwords: Passwords::new(&config.login),
            headers: Arc::new(crate::assets::Headers::new(&dist, &config)),
            service_worker: crate::offline::worker(&dist).into(),
            config: Arc::new(config),
            dist,
            monitor: Arc::new(Notify::new()),
            outbox: Arc::new(Notify::new()),
            metrics: Arc::new(Metrics::default()),
            shutdown: CancellationToken::new(),
            session_ends: broadcast::channel(256).0,
        }
    }

    /// Says sessions ended on this instance: their open event streams end now.
    pub fn sessions_ended(&self, which: SessionEnd) {
        // No stream open: nobody to tell.
        let _ = self.session_ends.send(which);
    }

    /// Tells the live stream, the monitor and the notification worker that something
    /// changed (after the transaction committed).
    pub async fn changed(&self) {
        self.events.poke().await;
        self.monitor.notify_one();
        self.outbox.notify_one();
    }
}
