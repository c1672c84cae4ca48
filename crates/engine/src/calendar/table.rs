//! The business-time table: a calendar's opening intervals of a year as UTC instants, each
//! with the business time of the year before it, so that a deadline or a measure is a few
//! look-ups and one short search whatever the distance, instead of a walk day by day.
//!
//! A calendar is a weekly pattern plus finitely many closed dates, so its business time
//! before an instant is a prefix sum that can be computed once. The table holds one block
//! per UTC year (1970–2199), built on first use from the interval walk itself (so the DST
//! gap and fold rules are applied once, exactly as the walk applies them) and shared by
//! every [`Calendar`] value with the same definition through [`shared`]: the server builds
//! a calendar for each request and the browser one for each incident, and they all find
//! the years already built.
//!
//! The table only answers what it can answer exactly; everything else (instants outside
//! its years, a year next to a run of closed days long enough for the walk to give up,
//! invalid input) is left to the walk, which stays the reference.

use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use super::walk::{offset_at, weekday_index, Nanos, NS_PER_DAY, UNIX_EPOCH_DAY};
use super::{Calendar, DayHours, HolidayRegion};

/// The first year of the table, and the first one after it.
const FIRST_YEAR: i32 = 1970;
const END_YEAR: i32 = 2200;

/// A run of days without business time this long makes a year's block unusable: the walk
/// gives up after [`super::MAX_CLOSED_DAYS`] such days, and the table must give up too.
const LONG_CLOSED_RUN: i64 = 300;

/// Days from 1970-01-01 to 1 January of `year` (proleptic Gregorian, `year` ≥ 1).
const fn days_before_year(year: i32) -> i64 {
    let y = year as i64;
    let p = y - 1;
    365 * (y - 1970) + (p / 4 - p / 100 + p / 400) - (1969 / 4 - 1969 / 100 + 1969 / 400)
}

/// The index in the table of the UTC year of `days` (days since 1970-01-01), if covered.
fn year_index(days: i64) -> Option<usize> {
    if days < 0 || days >= days_before_year(END_YEAR) {
        return None;
    }
    // 146,097 days in 400 years: the estimate is off by at most one year either way.
    let mut year = FIRST_YEAR + (days * 400 / 146_097) as i32;
    if days < days_before_year(year) {
        year -= 1;
    } else if days >= days_before_year(year + 1) {
        year += 1;
    }
    Some((year - FIRST_YEAR) as usize)
}

/// The table of one calendar: its years, each built on first use.
pub(super) struct Table {
    years: Box<[OnceLock<Option<Box<Year>>>]>,
}

impl fmt::Debug for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let built = self.years.iter().filter(|y| y.get().is_some()).count();
        write!(f, "Table({built} years built)")
    }
}

impl Table {
    fn new() -> Self {
        Table { years: (FIRST_YEAR..END_YEAR).map(|_| OnceLock::new()).collect() }
    }

    /// The block of the year at `index`, built now if it is the first use; `None` when the
    /// table does not answer for that year.
    fn year(&self, calendar: &Calendar, index: usize) -> Option<&Year> {
        self.years.get(index)?.get_or_init(|| Year::build(calendar, FIRST_YEAR + index as i32).map(Box::new)).as_deref()
    }

    /// The block holding instant `t`.
    fn year_of(&self, calendar: &Calendar, t: Nanos) -> Option<(usize, &Year)> {
        let index = year_index(t.div_euclid(NS_PER_DAY))?;
        Some((index, self.year(calendar, index)?))
    }

    /// Adds `duration` nanoseconds of business time to `from`, as the walk does; `None` when
    /// the table cannot tell.
    pub(super) fn add(&self, calendar: &Calendar, from: Nanos, duration: Nanos) -> Option<Nanos> {
        let (mut index, mut year) = self.year_of(calendar, from)?;
        let mut at = year.position(from);
        let mut target = year.business_before(from, at).checked_add(duration)?;
        // A positive duration ends where the business time reaches the target (so at the end
        // of an interval rather than the start of the next); nothing to add starts at the
        // next opening.
        let strict = duration > 0;
        loop {
            if let Some(due) = year.reach(at, target, strict) {
                return Some(due);
            }
            target -= year.total();
            index += 1;
            year = self.year(calendar, index)?;
            at = 0;
        }
    }

    /// The business time between `from` and `to` (`from < to`) in nanoseconds; `None` when
    /// the table cannot tell.
    pub(super) fn between(&self, calendar: &Calendar, from: Nanos, to: Nanos) -> Option<Nanos> {
        let (first, year) = self.year_of(calendar, from)?;
        let (last, end_year) = self.year_of(calendar, to)?;
        let before_from = year.business_before(from, year.position(from));
        let before_to = end_year.business_before(to, end_year.position(to));
        if first == last {
            return Some(before_to - before_from);
        }
        let mut total = year.total() - before_from + before_to;
        for index in first + 1..last {
            total += self.year(calendar, index)?.total();
        }
        Some(total)
    }

    /// The closing instant of the `n`th business day (`n` ≥ 1) strictly after the local date
    /// of `t`; `None` when the table cannot tell.
    pub(super) fn end_of_nth_business_day(&self, calendar: &Calendar, t: Nanos, n: u32) -> Option<Nanos> {
        let (_, year) = self.year_of(calendar, t)?;
        let next_day = match year.local_day(t) {
            Some(day) => day + 1,
            None => calendar.local_date(super::walk::from_nanos(t)).num_days_from_ce() + 1,
        };
        let mut index = year_index(i64::from(next_day - UNIX_EPOCH_DAY))?;
        let mut year = self.year(calendar, index)?;
        // Business days of the year before the one after `t`'s date: the count starts there.
        let mut skipped = usize::from(year.business_before_day[(next_day - year.first_day) as usize]);
        let mut wanted = n as usize;
        loop {
            // Checked: `usize` is 32 bits in the browser, and `n` may be anything up to `u32::MAX`.
            if let Some(&closing) = year.closings.get(skipped.checked_add(wanted - 1)?) {
                return Some(closing);
            }
            wanted -= year.closings.len() - skipped;
            skipped = 0;
            index += 1;
            year = self.year(calendar, index)?;
        }
    }
}

/// One UTC year of a calendar.
struct Year {
    /// 1 January 00:00 UTC.
    start: Nanos,
    /// The opening intervals that meet the year, cut to it, touching ones merged, in order.
    starts: Vec<Nanos>,
    ends: Vec<Nanos>,
    /// `before[i]`: the business time of the year before `starts[i]`; one more entry, the
    /// year's total, so that `before[i + 1]` is the business time up to `ends[i]`.
    before: Vec<Nanos>,
    /// Per UTC day of the year, and one more: the first interval that ends after the day's
    /// start. An instant's interval is found among the few from its day's entry to the next.
    first_interval: Vec<u32>,
    /// Per UTC day: the zone's offset in seconds if it is the same all day, else `None`
    /// (a DST day), to find an instant's local date without asking the time zone.
    offsets: Vec<Option<i32>>,
    /// The day number (`num_days_from_ce`) of the local 1 January of the year.
    first_day: i32,
    /// Per local day of the year, and one more: the business days of the year before it.
    business_before_day: Vec<u16>,
    /// The closing instant of each business day of the year (local dates), in order.
    closings: Vec<Nanos>,
}

impl Year {
    /// The block of `year`, from the walk; `None` when the walk could give up near it.
    fn build(calendar: &Calendar, year: i32) -> Option<Year> {
        let first_day = NaiveDate::from_ymd_opt(year, 1, 1)?.num_days_from_ce();
        let days = (days_before_year(year + 1) - days_before_year(year)) as i32;
        if has_long_closed_run(calendar, first_day, days) {
            return None;
        }
        let start = days_before_year(year) * NS_PER_DAY;
        let end = days_before_year(year + 1) * NS_PER_DAY;

        let (mut starts, mut ends): (Vec<Nanos>, Vec<Nanos>) = (Vec::new(), Vec::new());
        for interval in calendar.walk(start, Some(end)) {
            let (s, e) = interval.ok()?;
            if s >= end {
                break;
            }
            let e = e.min(end);
            match ends.last_mut() {
                // 24/7 days and openings that run past midnight are one interval.
                Some(last) if *last == s => *last = e,
                _ => {
                    starts.push(s);
                    ends.push(e);
                }
            }
        }
        let mut before = Vec::with_capacity(starts.len() + 1);
        let mut sum = 0;
        before.push(0);
        for (s, e) in starts.iter().zip(&ends) {
            sum += e - s;
            before.push(sum);
        }

        let mut first_interval = Vec::with_capacity(days as usize + 1);
        let mut offsets = Vec::with_capacity(days as usize);
        let mut i = 0;
        for day in 0..=i64::from(days) {
            let day_start = start + day * NS_PER_DAY;
            while i < ends.len() && ends[i] <= day_start {
                i += 1;
            }
            first_interval.push(u32::try_from(i).ok()?);
            if day < i64::from(days) {
                let tz = calendar.time_zone;
                let offset = offset_at(tz, day_start);
                let uniform = offset == offset_at(tz, day_start + NS_PER_DAY - 1);
                offsets.push(uniform.then(|| i32::try_from(offset / 1_000_000_000).ok()).flatten());
            }
        }

        let mut business_before_day = Vec::with_capacity(days as usize + 1);
        let mut closings = Vec::new();
        for day in first_day..first_day + days {
            business_before_day.push(u16::try_from(closings.len()).ok()?);
            if let Some(&(_, close)) =
                calendar.hours[weekday_index(day)].last().filter(|_| !calendar.is_closed_day(day))
            {
                let date = NaiveDate::from_num_days_from_ce_opt(day)?;
                closings.push(calendar.instant(date, close).timestamp_nanos_opt()?);
            }
        }
        business_before_day.push(u16::try_from(closings.len()).ok()?);

        Some(Year { start, starts, ends, before, first_interval, offsets, first_day, business_before_day, closings })
    }

    fn total(&self) -> Nanos {
        self.before[self.starts.len()]
    }

    /// The first interval that ends after `t` (the number of intervals when none does).
    #[inline]
    fn position(&self, t: Nanos) -> usize {
        let day = ((t - self.start) / NS_PER_DAY) as usize;
        let (lo, hi) = (self.first_interval[day] as usize, self.first_interval[day + 1] as usize);
        lo + self.ends[lo..hi].partition_point(|&e| e <= t)
    }

    /// The business time of the year before `t`, whose position is `at`.
    #[inline]
    fn business_before(&self, t: Nanos, at: usize) -> Nanos {
        match self.starts.get(at) {
            Some(&start) => self.before[at] + (t - start).max(0),
            None => self.total(),
        }
    }

    /// The instant where the year's business time reaches `target`, searching from the
    /// interval at position `at`; `strict`: reached at the end of an interval rather than
    /// at the start of the next. `None` when the year ends first.
    #[inline]
    fn reach(&self, at: usize, target: Nanos, strict: bool) -> Option<Nanos> {
        let key = if strict { target - 1 } else { target };
        let n = self.starts.len();
        // Deadlines are usually a few intervals away: look at those first, then bisect.
        let mut i = at;
        let near = (at + 4).min(n);
        while i < near && self.before[i + 1] <= key {
            i += 1;
        }
        if i == near && i < n {
            i += self.before[i + 1..=n].partition_point(|&b| b <= key);
        }
        (i < n).then(|| self.starts[i] + (target - self.before[i]))
    }

    /// The local date of `t` as a day number, when the offset is the same all its UTC day.
    #[inline]
    fn local_day(&self, t: Nanos) -> Option<i32> {
        let offset = self.offsets[((t - self.start) / NS_PER_DAY) as usize]?;
        Some((t + i64::from(offset) * 1_000_000_000).div_euclid(NS_PER_DAY) as i32 + UNIX_EPOCH_DAY)
    }
}

/// Whether a run of [`LONG_CLOSED_RUN`] days without a business day meets the `days` local
/// days from `first_day`: the walk could give up there, so the table does not answer.
fn has_long_closed_run(calendar: &Calendar, first_day: i32, days: i32) -> bool {
    let margin = super::MAX_CLOSED_DAYS as i32 + 10;
    let mut run: i64 = 0;
    for day in first_day - margin..first_day + days + margin {
        let business = !calendar.hours[weekday_index(day)].is_empty() && !calendar.is_closed_day(day);
        if business {
            run = 0;
        } else {
            run += 1;
            if run >= LONG_CLOSED_RUN {
                return true;
            }
        }
    }
    false
}

/// What makes two calendars the same for the table.
#[derive(PartialEq, Eq)]
struct Key {
    time_zone: Tz,
    hours: [DayHours; 7],
    holidays: HolidayRegion,
    closed_dates: Vec<NaiveDate>,
}

/// How many calendar definitions keep their table; the oldest is dropped beyond (a desk has
/// a handful of calendars, each site's own and the default one).
const SHARED_TABLES: usize = 64;

/// The table of `calendar`, shared with every calendar of the same definition.
pub(super) fn shared(calendar: &Calendar) -> Arc<Table> {
    static TABLES: Mutex<Vec<(Key, Arc<Table>)>> = Mutex::new(Vec::new());
    let key = Key {
        time_zone: calendar.time_zone,
        hours: calendar.hours.clone(),
        holidays: calendar.holidays,
        closed_dates: calendar.closed_dates.clone(),
    };
    let mut tables = TABLES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, table)) = tables.iter().find(|(k, _)| *k == key) {
        return table.clone();
    }
    if tables.len() >= SHARED_TABLES {
        tables.remove(0);
    }
    let table = Arc::new(Table::new());
    tables.push((key, table.clone()));
    table
}

/// A calendar's link to its table, made on the first deadline. Two calendars with the same
/// definition share one table, so the link takes no part in comparing them.
#[derive(Clone, Default)]
pub(super) struct TableLink(OnceLock<Arc<Table>>);

impl TableLink {
    pub(super) fn get(&self, calendar: &Calendar) -> &Table {
        self.0.get_or_init(|| shared(calendar))
    }
}

impl PartialEq for TableLink {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for TableLink {}

impl fmt::Debug for TableLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.get() {
            Some(table) => table.fmt(f),
            None => f.write_str("Table(not yet used)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_located_exactly() {
        for year in FIRST_YEAR..END_YEAR {
            let first = days_before_year(year);
            let expected = NaiveDate::from_ymd_opt(year, 1, 1).unwrap().num_days_from_ce() - UNIX_EPOCH_DAY;
            assert_eq!(first, i64::from(expected), "{year}");
            assert_eq!(year_index(first), Some((year - FIRST_YEAR) as usize));
            assert_eq!(year_index(first - 1), (year > FIRST_YEAR).then(|| (year - 1 - FIRST_YEAR) as usize));
        }
        assert_eq!(year_index(days_before_year(END_YEAR)), None);
    }

    #[test]
    fn calendars_of_one_definition_share_one_table() {
        let (a, b) = (Calendar::default(), Calendar::default());
        assert!(std::ptr::eq(a.table.get(&a), b.table.get(&b)));
        let other = Calendar::always_open(chrono_tz::Europe::Paris);
        assert!(!std::ptr::eq(a.table.get(&a), other.table.get(&other)));
        // A year built for one is there for the other.
        let t = "2026-11-27T10:00:00Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap();
        a.add(t, chrono::TimeDelta::hours(4)).unwrap();
        assert!(b.table.get(&b).years[2026 - FIRST_YEAR as usize].get().is_some());
    }
}
