//! Housekeeping: the rows that only ever grow are purged on a timer, by the server's
//! clock — expired sessions, and login counters past the time they are forgotten.

use std::time::Duration;

use crate::db::to_ms;
use crate::error::Error;
use crate::state::AppState;
use crate::throttle::FORGET_AFTER_MS;

/// How often the purge runs (and once at start).
pub const PURGE_EVERY: Duration = Duration::from_secs(600);

/// What one purge removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    /// Expired sessions.
    pub sessions: u64,
    /// Login counters forgotten.
    pub login_counters: u64,
}

/// Removes what is past its time, at the server's now.
///
/// # Errors
/// [`Error::Database`].
pub async fn purge(state: &AppState) -> Result<Purged, Error> {
    let now = to_ms(state.clock.now());
    let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(state.db.pool())
        .await?
        .rows_affected();
    // A counter is forgotten after a quiet while anyway; the minute counters after their
    // minute (a minute row is never touched again once it is over).
    let login_counters =
        sqlx::query("DELETE FROM login_throttle WHERE last_at < $1 OR (key LIKE 'g:%' AND last_at < $2)")
            .bind(now - FORGET_AFTER_MS)
            .bind(now - 120_000)
            .execute(state.db.pool())
            .await?
            .rows_affected();
    Ok(Purged { sessions, login_counters })
}

/// Purges at start and every [`PURGE_EVERY`], until shutdown.
pub async fn run(state: AppState) {
    loop {
        if let Err(e) = purge(&state).await {
            tracing::error!("purge: {e}");
        }
        tokio::select! {
            _ = state.shutdown.cancelled() => return,
            _ = tokio::time::sleep(PURGE_EVERY) => {}
        }
    }
}
