//! The calendar's answers computed by walking its opening intervals one by one.
//!
//! This is how [`Calendar::add`], [`Calendar::business_time_between`],
//! [`Calendar::end_of_nth_business_day`] and [`Calendar::next_opening`] were first written,
//! and what they still fall back to where the business-time table does not answer (instants
//! before 1970 or after 2199, a calendar closed for most of a year, every error). It stays
//! public as the reference that the table is tested against: both must give the same
//! answer, to the nanosecond, for every calendar and instant.

use chrono::{DateTime, TimeDelta, Utc};

use super::walk::{from_nanos, to_nanos, Nanos};
use super::{Calendar, MAX_CLOSED_DAYS};
use crate::{Error, Result};

/// [`Calendar::add`], by the walk.
///
/// # Errors
/// [`Error::InvalidDuration`] for a negative duration, [`Error::OutOfRange`] outside the
/// years 1678–2261, [`Error::NoBusinessTime`] when the calendar stops opening.
pub fn add(calendar: &Calendar, from: DateTime<Utc>, duration: TimeDelta) -> Result<DateTime<Utc>> {
    let mut remaining = checked_duration(duration)?;
    for interval in calendar.walk(to_nanos(from)?, None) {
        let (start, end) = interval?;
        let length = end - start;
        if remaining <= length {
            return Ok(from_nanos(start + remaining));
        }
        remaining -= length;
    }
    // The walk ends only with an error, returned above; this is its safe equivalent.
    Err(Error::NoBusinessTime { from: from.to_rfc3339() })
}

/// A business duration as nanoseconds.
///
/// # Errors
/// [`Error::InvalidDuration`] when it is negative or too long.
pub(super) fn checked_duration(duration: TimeDelta) -> Result<Nanos> {
    if duration < TimeDelta::zero() {
        return Err(Error::InvalidDuration(format!("cannot add a negative business duration ({duration})")));
    }
    duration.num_nanoseconds().ok_or_else(|| Error::InvalidDuration(format!("{duration} is too long")))
}

/// [`Calendar::business_time_between`], by the walk.
///
/// # Errors
/// [`Error::OutOfRange`] outside the years 1678–2261, [`Error::NoBusinessTime`] when the
/// calendar stops opening before `to`.
pub fn business_time_between(calendar: &Calendar, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<TimeDelta> {
    if to <= from {
        return Ok(TimeDelta::zero());
    }
    let to = to_nanos(to)?;
    let mut total: Nanos = 0;
    for interval in calendar.walk(to_nanos(from)?, Some(to)) {
        let (start, end) = interval?;
        if start >= to {
            break;
        }
        total += end.min(to) - start;
    }
    Ok(TimeDelta::nanoseconds(total))
}

/// [`Calendar::end_of_nth_business_day`], day by day.
///
/// # Errors
/// [`Error::InvalidDuration`] when `n` is 0, [`Error::OutOfRange`] past the last date chrono
/// knows, [`Error::NoBusinessTime`] when no business day comes within [`MAX_CLOSED_DAYS`]
/// days.
pub fn end_of_nth_business_day(calendar: &Calendar, t: DateTime<Utc>, n: u32) -> Result<DateTime<Utc>> {
    if n == 0 {
        return Err(Error::InvalidDuration("the number of business days must be at least 1".into()));
    }
    let mut date = calendar.local_date(t);
    let mut found = 0;
    let mut closed_days = 0;
    loop {
        date = date.succ_opt().ok_or_else(|| Error::OutOfRange(date.to_string()))?;
        if let Some(&(_, end)) = calendar.day_hours(date).last().filter(|_| !calendar.is_closed_date(date)) {
            found += 1;
            closed_days = 0;
            if found == n {
                return Ok(calendar.instant(date, end));
            }
        } else {
            closed_days += 1;
            if closed_days > MAX_CLOSED_DAYS {
                return Err(Error::NoBusinessTime { from: t.to_rfc3339() });
            }
        }
    }
}

/// [`Calendar::next_opening`], by the walk.
///
/// # Errors
/// [`Error::OutOfRange`] outside the years 1678–2261, [`Error::NoBusinessTime`] when the
/// calendar does not open within [`MAX_CLOSED_DAYS`] days.
pub fn next_opening(calendar: &Calendar, t: DateTime<Utc>) -> Result<DateTime<Utc>> {
    match calendar.walk(to_nanos(t)?, None).next() {
        Some(interval) => interval.map(|(start, _)| from_nanos(start)),
        None => Err(Error::NoBusinessTime { from: t.to_rfc3339() }),
    }
}
