//! Vigie in the browser: the client reports an incident and sees, while typing, the
//! priority the procedure gives it and when a technician must take it in charge.
//!
//! Every rule comes from `vigie-engine`, the same code the server runs, so the preview
//! here and the server's record never disagree. This crate only adds views, French
//! wording ([`fr`]) and the page clock ([`clock`]).
//!
//! Components take "now" as a [`Signal`] instead of reading the clock, so tests drive
//! time; only [`App`] wires the real, ticking clock.

pub mod clock;
pub mod fr;
mod report;

use leptos::prelude::*;

pub use report::ReportPage;

/// The whole app. For now a single page; the router comes with the next pages.
#[component]
pub fn App() -> impl IntoView {
    let now = clock::use_ticking_now();
    view! { <ReportPage now /> }
}
