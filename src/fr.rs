//! French wording shared by the pages: priority labels and local times.
//!
//! Hand-written tables rather than chrono's `unstable-locales` feature: two short arrays
//! instead of every locale of the world in the wasm file.

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;
use vigie_engine::Priority;

const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// The French name of a priority, as the procedure says it: `Critique`, `Majeur`, `Mineur`.
pub fn priority_name(priority: Priority) -> &'static str {
    match priority {
        Priority::P1 => "Critique",
        Priority::P2 => "Majeur",
        Priority::P3 => "Mineur",
    }
}

/// An instant as a person in `tz` reads it, relative to `now`: `15:42` on the same local
/// day, `lundi 30 novembre à 11:59` (`1er` for the first of a month) on any other day.
///
/// The time zone is the calendar's, not the browser's: a deadline is promised in the
/// client's site time, wherever the screen is.
pub fn local_time(t: DateTime<Utc>, now: DateTime<Utc>, tz: Tz) -> String {
    let local = t.with_timezone(&tz);
    let hour = format!("{:02}:{:02}", local.hour(), local.minute());
    if local.date_naive() == now.with_timezone(&tz).date_naive() {
        return hour;
    }
    let weekday = WEEKDAYS[local.weekday().num_days_from_monday() as usize];
    // `month0()` is 0..=11 by construction.
    let month = MONTHS[local.month0() as usize];
    let day = match local.day() {
        1 => "1er".to_string(),
        d => d.to_string(),
    };
    format!("{weekday} {day} {month} à {hour}")
}
