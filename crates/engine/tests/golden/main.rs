//! Golden tests of the engine: fixed inputs, answers checked by hand against the procedure.
//!
//! The same binary runs natively and compiled to wasm32 (in Node, through
//! wasm-bindgen-test), so the browser and the server are held to the same answers.

mod calendar;
mod classify;
mod procedure;
mod promises;
mod sla;

use chrono::{DateTime, Utc};

/// An instant from RFC 3339 with any offset.
pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}")).with_timezone(&Utc)
}
