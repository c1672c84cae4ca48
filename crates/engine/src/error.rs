//! The one error type of the engine.

use std::fmt;

/// What went wrong in the engine.
///
/// Every variant names the offending value so that a person reading the message (in a CLI
/// output line, an API response or a form) can correct it without guessing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The time zone is not an IANA name known to the engine (`"Europe/Paris"`).
    UnknownTimeZone(String),
    /// The holiday region is not one of the supported codes (`"FR"`, `"FR-ALSACE-MOSELLE"`…).
    UnknownHolidayRegion(String),
    /// A weekday key in the opening hours is not `mon`…`sun`.
    UnknownWeekday(String),
    /// A local time of day is not `HH:MM` between `00:00` and `24:00`.
    InvalidTime(String),
    /// A date is not `YYYY-MM-DD` or does not exist.
    InvalidDate(String),
    /// An opening interval ends before it starts, or overlaps another one of the same day.
    InvalidInterval {
        /// The weekday key (`mon`…`sun`).
        weekday: String,
        /// Why the interval is refused.
        reason: String,
    },
    /// The calendar has no opening interval on any weekday.
    NoOpeningHours,
    /// The calendar has no business time within 400 days of the given instant
    /// (every open weekday is closed by holidays or closed dates).
    NoBusinessTime {
        /// The instant from which business time was searched, RFC 3339.
        from: String,
    },
    /// An instant is not RFC 3339 (`2026-11-27T17:59:00+01:00`).
    InvalidInstant(String),
    /// A duration or policy value is out of range (negative, zero where forbidden, too large).
    InvalidDuration(String),
    /// A date computation left the range that the engine supports.
    OutOfRange(String),
    /// A priority is not `P1`, `P2` or `P3`.
    UnknownPriority(String),
    /// A contract is not `essential`, `standard` or `premium`.
    UnknownContract(String),
    /// A policy value is inconsistent (for example an at-risk ratio outside 0–1).
    InvalidPolicy(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownTimeZone(tz) => write!(
                f,
                "unknown time zone {tz:?} (expected an IANA name of France, of its neighbours or of the French overseas territories, such as \"Europe/Paris\" or \"Indian/Reunion\")"
            ),
            Error::UnknownHolidayRegion(r) => write!(
                f,
                "unknown holiday region {r:?} (expected one of {})",
                crate::calendar::HolidayRegion::CODES.join(", ")
            ),
            Error::UnknownWeekday(d) => write!(f, "unknown weekday {d:?} (expected mon, tue, wed, thu, fri, sat or sun)"),
            Error::InvalidTime(t) => write!(f, "invalid time of day {t:?} (expected HH:MM from 00:00 to 24:00)"),
            Error::InvalidDate(d) => write!(f, "invalid date {d:?} (expected an existing date as YYYY-MM-DD)"),
            Error::InvalidInterval { weekday, reason } => write!(f, "invalid opening interval on {weekday}: {reason}"),
            Error::NoOpeningHours => write!(f, "the calendar has no opening hours on any weekday"),
            Error::NoBusinessTime { from } => write!(f, "the calendar has no business time within 400 days after {from}"),
            Error::InvalidInstant(s) => write!(f, "invalid instant {s:?} (expected RFC 3339, such as 2026-11-27T17:59:00+01:00)"),
            Error::InvalidDuration(s) => write!(f, "invalid duration: {s}"),
            Error::OutOfRange(s) => write!(f, "date out of the supported range: {s}"),
            Error::UnknownPriority(p) => write!(f, "unknown priority {p:?} (expected P1, P2 or P3)"),
            Error::UnknownContract(c) => write!(f, "unknown contract {c:?} (expected essential, standard or premium)"),
            Error::InvalidPolicy(s) => write!(f, "invalid policy: {s}"),
        }
    }
}

impl std::error::Error for Error {}

/// The engine's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
