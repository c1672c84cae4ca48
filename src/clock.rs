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

/// The page clock corrected by the server's: browsers' clocks drift, and a countdown on a
/// wall must show the server's deadlines at the server's time.
///
/// It ticks once a second like [`use_ticking_now`]; the offset to the server's clock is
/// measured once, from `GET /api/time`, halving the round trip.
pub fn use_server_now() -> Signal<DateTime<Utc>> {
    let offset_ms = RwSignal::new(0i64);
    leptos::task::spawn_local(async move {
        let sent = js_sys::Date::now();
        if let Ok(server) = crate::api::server_time_ms().await {
            let received = js_sys::Date::now();
            let local_midpoint = ((sent + received) / 2.0) as i64;
            offset_ms.set(server - local_midpoint);
        }
    });
    let ticking = use_ticking_now();
    Signal::derive(move || ticking.get() + chrono::TimeDelta::milliseconds(offset_ms.get()))
}
