//! The walk over opening intervals that every calendar operation is built on: the
//! business-time table of each year is made from it (`table.rs`), and it answers directly
//! where the table does not (`reference.rs`).
//!
//! A year's table is built on its first deadline, and the reference answers in the
//! property tests, so the walk avoids the costly parts of date arithmetic: instants are
//! nanoseconds since the Unix epoch, local dates are day numbers, closed days are a bitset,
//! and the time zone is consulted once or twice a day (a day has a single UTC offset except
//! on the two DST days of a year, which take the exact path with the gap and fold rules).

use std::fmt;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use super::{Calendar, HolidayRegion, MAX_CLOSED_DAYS};
use crate::{Error, Result};

/// Nanoseconds since 1970-01-01T00:00:00Z.
pub(super) type Nanos = i64;

pub(super) const NS_PER_MINUTE: i64 = 60_000_000_000;
pub(super) const NS_PER_DAY: i64 = 86_400_000_000_000;
/// `NaiveDate::num_days_from_ce` of 1970-01-01.
pub(super) const UNIX_EPOCH_DAY: i32 = 719_163;

/// # Errors
/// [`Error::OutOfRange`] outside the years 1678–2261.
pub(super) fn to_nanos(t: DateTime<Utc>) -> Result<Nanos> {
    t.timestamp_nanos_opt().ok_or_else(|| Error::OutOfRange(t.to_rfc3339()))
}

pub(super) fn from_nanos(n: Nanos) -> DateTime<Utc> {
    DateTime::from_timestamp_nanos(n)
}

/// The zone's offset at an instant, in nanoseconds east of UTC.
pub(super) fn offset_at(tz: Tz, n: Nanos) -> i64 {
    i64::from(tz.offset_from_utc_datetime(&from_nanos(n).naive_utc()).fix().local_minus_utc()) * 1_000_000_000
}

/// Local midnight of a day number, in "local nanoseconds" (as if the zone were UTC).
fn local_midnight(day: i32) -> i64 {
    i64::from(day - UNIX_EPOCH_DAY) * NS_PER_DAY
}

/// Monday is 0. Day 1 of the common era (0001-01-01) was a Monday.
pub(super) fn weekday_index(day: i32) -> usize {
    (day - 1).rem_euclid(7) as usize
}

/// Public holidays and extra closed dates of 2000–2100 as a bitset; other years are
/// computed from the rules.
#[derive(Clone, PartialEq, Eq)]
pub(super) struct ClosedDays {
    /// Shared between the calendars of a region that add no closed date of their own.
    bits: Arc<[u64]>,
}

impl fmt::Debug for ClosedDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count: u32 = self.bits.iter().map(|b| b.count_ones()).sum();
        write!(f, "ClosedDays({count} days in 2000–2100)")
    }
}

/// `num_days_from_ce` of 2000-01-01 and 2101-01-01.
const FIRST_DAY: i32 = 730_120;
const END_DAY: i32 = 767_010;

impl ClosedDays {
    pub(super) fn new(holidays: HolidayRegion, closed_dates: &[NaiveDate]) -> Self {
        let region = region_bits(holidays);
        if closed_dates.is_empty() {
            return ClosedDays { bits: region };
        }
        let mut bits = region.to_vec();
        for date in closed_dates {
            set(&mut bits, *date);
        }
        ClosedDays { bits: bits.into() }
    }

    /// `Some(closed)` for a day of 2000–2100, `None` elsewhere.
    fn lookup(&self, day: i32) -> Option<bool> {
        (FIRST_DAY..END_DAY).contains(&day).then(|| {
            let i = (day - FIRST_DAY) as usize;
            self.bits[i / 64] & (1 << (i % 64)) != 0
        })
    }
}

fn set(bits: &mut [u64], date: NaiveDate) {
    let day = date.num_days_from_ce();
    if (FIRST_DAY..END_DAY).contains(&day) {
        let i = (day - FIRST_DAY) as usize;
        bits[i / 64] |= 1 << (i % 64);
    }
}

/// The holidays of a region as a bitset, computed once per region and shared: building a
/// calendar (for every incident a server or a page looks at) costs no date arithmetic.
fn region_bits(region: HolidayRegion) -> Arc<[u64]> {
    static CACHE: [OnceLock<Arc<[u64]>>; HolidayRegion::CODES.len()] =
        [const { OnceLock::new() }; HolidayRegion::CODES.len()];
    CACHE[region as usize]
        .get_or_init(|| {
            let mut bits = vec![0u64; ((END_DAY - FIRST_DAY) as usize).div_ceil(64)];
            for year in 2000..=2100 {
                for date in region.holidays_in(year) {
                    set(&mut bits, date);
                }
            }
            bits.into()
        })
        .clone()
}

impl Calendar {
    pub(super) fn is_closed_day(&self, day: i32) -> bool {
        self.closed.lookup(day).unwrap_or_else(|| match NaiveDate::from_num_days_from_ce_opt(day) {
            Some(date) => self.holidays.is_holiday(date) || self.closed_dates.binary_search(&date).is_ok(),
            None => true,
        })
    }

    /// The walk from `from` on, in nanoseconds.
    pub(super) fn walk(&self, from: Nanos, until: Option<Nanos>) -> Walk<'_> {
        let offset = offset_at(self.time_zone, from);
        let day = (from + offset).div_euclid(NS_PER_DAY) as i32 + UNIX_EPOCH_DAY;
        Walk {
            calendar: self,
            from,
            until,
            day,
            index: 0,
            day_offset: None,
            known: (from, offset),
            new_day: true,
            closed_days: 0,
            failed: false,
        }
    }
}

/// The opening intervals from an instant on, as `[start, end)` in nanoseconds.
#[derive(Debug, Clone)]
pub(super) struct Walk<'a> {
    calendar: &'a Calendar,
    from: Nanos,
    until: Option<Nanos>,
    /// The current local date, as a day number.
    day: i32,
    /// The next interval of the day.
    index: usize,
    /// The single offset of the current day, if it has one.
    day_offset: Option<i64>,
    /// An instant and the offset there: the end of the previous day, or the start.
    known: (Nanos, i64),
    new_day: bool,
    closed_days: i64,
    failed: bool,
}

impl Walk<'_> {
    /// The single offset of the current day, if it has one: the same offset at both of its
    /// midnights (real zones never change twice in a day).
    fn uniform_offset(&mut self) -> Option<i64> {
        let tz = self.calendar.time_zone;
        let midnight = local_midnight(self.day);
        let (t, o) = self.known;
        let offset = if t == midnight - o {
            o
        } else {
            let first = offset_at(tz, midnight - o);
            if first != o && offset_at(tz, midnight - first) != first {
                return None;
            }
            first
        };
        let end = midnight + NS_PER_DAY - offset;
        let end_offset = offset_at(tz, end);
        self.known = (end, end_offset);
        (end_offset == offset).then_some(offset)
    }

    fn instant(&self, minute: u16) -> Result<Nanos> {
        match self.day_offset {
            Some(offset) => Ok(local_midnight(self.day) + i64::from(minute) * NS_PER_MINUTE - offset),
            None => {
                let date = NaiveDate::from_num_days_from_ce_opt(self.day)
                    .ok_or_else(|| Error::OutOfRange(format!("day {}", self.day)))?;
                to_nanos(self.calendar.instant(date, minute))
            }
        }
    }

    fn fail(&mut self, error: Error) -> Option<Result<(Nanos, Nanos)>> {
        self.failed = true;
        Some(Err(error))
    }
}

impl Iterator for Walk<'_> {
    type Item = Result<(Nanos, Nanos)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let cal = self.calendar;
        loop {
            let hours = &cal.hours[weekday_index(self.day)];
            if self.index < hours.len() && !(self.index == 0 && cal.is_closed_day(self.day)) {
                if self.new_day {
                    self.new_day = false;
                    self.day_offset = self.uniform_offset();
                }
                let (s, e) = hours[self.index];
                self.index += 1;
                let end = match self.instant(e) {
                    Ok(end) => end,
                    Err(error) => return self.fail(error),
                };
                if end <= self.from {
                    continue;
                }
                let start = match self.instant(s) {
                    Ok(start) => start.max(self.from),
                    Err(error) => return self.fail(error),
                };
                if start < end {
                    self.closed_days = 0;
                    return Some(Ok((start, end)));
                }
                continue;
            }
            // Past the last interval of the day: the next day.
            self.day += 1;
            self.index = 0;
            self.new_day = true;
            if self.until.is_some_and(|until| local_midnight(self.day) - self.known.1 - NS_PER_DAY >= until) {
                return None;
            }
            self.closed_days += 1;
            if self.closed_days > MAX_CLOSED_DAYS {
                return self.fail(Error::NoBusinessTime { from: from_nanos(self.from).to_rfc3339() });
            }
        }
    }
}
