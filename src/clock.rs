//! The page clock: one "now" signal per page, from which every countdown derives.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// The current instant, from the browser's clock (`Date.now()`).
///
/// `chrono`'s own `Utc::now()` would need its `wasmbind` feature; one call to `js_sys`
/// is lighter.
pub fn now_utc() -> DateTime<Utc> {
    // `Date.now()` is a whole number of milliseconds; `as` saturates, it never panics.
    let millis = js_sys::Date::now() as i64;
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

/// A "now" signal ticking once a second for as long as the calling component lives.
///
/// Call it once per page and pass the signal down: one timer for the whole page, never
/// one per countdown. The interval is cleared when the owner is disposed.
pub fn use_ticking_now() -> Signal<DateTime<Utc>> {
    let (now, set_now) = signal(now_utc());
    match set_interval_with_handle(move || set_now.set(now_utc()), Duration::from_secs(1)) {
        Ok(handle) => on_cleanup(move || handle.clear()),
        // Without a timer the page still works; its countdowns just stay still.
        Err(err) => leptos::logging::warn!("horloge de la page indisponible : {err:?}"),
    }
    now.into()
}
