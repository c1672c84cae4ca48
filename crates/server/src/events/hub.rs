//! The broadcaster of one server instance: it reads the new rows in id order and sends
//! them to the instance's streams, woken by PostgreSQL's `NOTIFY` from other instances.

use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::Executor;
use tokio::sync::{broadcast, Notify};

use crate::db::{get, Backend, Db};

use super::{events_after, Event};

/// An event with its JSON, serialised once for every stream.
#[derive(Debug)]
pub(super) struct Broadcast {
    pub(super) event: Event,
    pub(super) json: String,
}

/// The broadcaster of one server instance.
#[derive(Debug, Clone)]
pub struct Hub {
    pub(super) db: Db,
    pub(super) sender: broadcast::Sender<Arc<Broadcast>>,
    pub(super) wake: Arc<Notify>,
    /// The last event id broadcast.
    pub(super) last: Arc<AtomicI64>,
    /// How often the table is read without a wake-up, in milliseconds.
    pub(super) poll_ms: Arc<AtomicU64>,
    /// Whether this instance listens to the others' `NOTIFY` (PostgreSQL).
    pub(super) listening: Arc<AtomicBool>,
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
pub(super) async fn listen(url: String, wake: Arc<Notify>, listening: Arc<AtomicBool>) {
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
