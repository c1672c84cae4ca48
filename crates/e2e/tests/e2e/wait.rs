//! Waiting with a deadline: every wait in these tests polls a condition until it holds or
//! its time is up, and a timeout names what was awaited.

use std::time::{Duration, Instant};

/// How often conditions are checked: fine enough to time the wall to a few tens of ms.
pub const POLL: Duration = Duration::from_millis(25);

/// Polls `probe` until it gives a value; panics after `timeout`, naming `what`.
pub async fn until<T>(what: &str, timeout: Duration, mut probe: impl AsyncFnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out after {timeout:?} waiting for {what}");
        tokio::time::sleep(POLL).await;
    }
}

/// Checks, for the whole of `period`, that `check` stays true; panics naming `what` at
/// the first time it is not.
pub async fn holds(what: &str, period: Duration, mut check: impl AsyncFnMut() -> bool) {
    let end = Instant::now() + period;
    loop {
        assert!(check().await, "{what} stopped holding");
        if Instant::now() >= end {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}
