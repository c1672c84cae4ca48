//! The inputs of the deadline benchmarks, the same natively and in the browser.

use chrono::{DateTime, TimeDelta, Utc};

/// How many report instants each row computes.
pub const N: usize = 20_000;

/// A fixed linear congruential sequence, so that every run and every target sees the same
/// instants.
fn sequence(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    }
}

/// Pseudo-random instants of 2026–2027 to the second: every hour of the day and every day of
/// the week, nights, weekends and holidays included.
pub fn reports() -> Vec<DateTime<Utc>> {
    let base: DateTime<Utc> = "2026-01-01T00:00:00Z".parse().expect("valid instant");
    let mut next = sequence(0x5EED);
    (0..N).map(|_| base + TimeDelta::seconds((next() % (2 * 365 * 86_400)) as i64)).collect()
}

/// The other end of each measure: up to 30 days after its start.
pub fn measure_ends(reports: &[DateTime<Utc>]) -> Vec<DateTime<Utc>> {
    let mut next = sequence(0xC0FFEE);
    reports.iter().map(|t| *t + TimeDelta::seconds((next() % (30 * 86_400)) as i64)).collect()
}

/// The rows that both benchmarks time, by name, on Vigie's FR calendar.
pub const ROWS: [&str; 4] = [
    "add 4 business hours",
    "add 24 business hours",
    "end of the 5th business day",
    "business time between two instants < 30 days apart",
];
