//! Business calendars: when the contract's business-hour clocks move.
//!
//! A [`Calendar`] is an IANA time zone, opening intervals per weekday in local time, a
//! [`HolidayRegion`] and extra closed dates. Every operation takes the instant it starts from,
//! never the system clock.
//!
//! All operations are defined by one walk (`walk.rs`), which yields the calendar's opening
//! intervals as UTC instants in order. Local times are turned into instants with two rules:
//! a local time that does not exist (the spring-forward gap) is the first instant after the
//! gap; an ambiguous one (the fall-back fold) is the earlier instant.
//!
//! Deadlines and measures are answered from a table of the walk's intervals with the
//! business time before each, built once per calendar and year (`table.rs`), in a time that
//! does not grow with the distance; the walk itself stays as [`reference`](mod@reference),
//! which the table is tested against and falls back to.

mod holidays;
pub mod reference;
mod spec;
mod table;
mod walk;

pub use holidays::{easter_sunday, HolidayRegion, HolidayRule};
pub use spec::CalendarSpec;

use table::TableLink;
use walk::{from_nanos, to_nanos, ClosedDays};

use chrono::{
    DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Timelike, Utc,
    Weekday,
};
use chrono_tz::Tz;

use crate::{Error, Result};

/// How far the walk goes without finding any business time before it gives up.
pub const MAX_CLOSED_DAYS: i64 = 400;

/// Minutes since local midnight, `0..=1440`.
type Minute = u16;

/// Opening intervals of one weekday: sorted, non-overlapping, non-empty `[start, end)`.
type DayHours = Vec<(Minute, Minute)>;

/// Monday to Friday, 08:00–18:00.
fn office_hours() -> [DayHours; 7] {
    let office = vec![(8 * 60, 18 * 60)];
    [office.clone(), office.clone(), office.clone(), office.clone(), office, vec![], vec![]]
}

/// A business calendar.
///
/// ```
/// use chrono::{DateTime, TimeDelta, Utc};
/// use vigie_engine::Calendar;
///
/// let paris = Calendar::default(); // Europe/Paris, Monday–Friday 08:00–18:00, FR holidays
/// let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
///
/// // Friday 27 November 2026, 17:59 in Paris: one minute left today, the rest on Monday.
/// let due = paris.add(at("2026-11-27T17:59:00+01:00"), TimeDelta::hours(4)).unwrap();
/// assert_eq!(due, at("2026-11-30T11:59:00+01:00"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "CalendarSpec", into = "CalendarSpec")]
pub struct Calendar {
    time_zone: Tz,
    /// Indexed by `Weekday::num_days_from_monday()`.
    hours: [DayHours; 7],
    holidays: HolidayRegion,
    /// Sorted and deduplicated.
    closed_dates: Vec<NaiveDate>,
    /// Holidays and closed dates, derived from the two fields above for fast look-up.
    closed: ClosedDays,
    /// The business-time table, shared by every calendar of the same definition.
    table: TableLink,
}

impl Default for Calendar {
    /// `Europe/Paris`, Monday to Friday 08:00–18:00, French public holidays.
    fn default() -> Self {
        Calendar {
            time_zone: chrono_tz::Europe::Paris,
            hours: office_hours(),
            holidays: HolidayRegion::Fr,
            closed_dates: Vec::new(),
            closed: ClosedDays::new(HolidayRegion::Fr, &[]),
            table: TableLink::default(),
        }
    }
}

impl Calendar {
    /// A calendar that is always open in `time_zone`, for elapsed-time checks and tests.
    pub fn always_open(time_zone: Tz) -> Self {
        Calendar {
            time_zone,
            hours: std::array::from_fn(|_| vec![(0, 1440)]),
            holidays: HolidayRegion::None,
            closed_dates: Vec::new(),
            closed: ClosedDays::new(HolidayRegion::None, &[]),
            table: TableLink::default(),
        }
    }

    /// Builds a calendar from its parts.
    ///
    /// `hours` are `(weekday, [(start, end)])` with local times `"HH:MM"`; `"24:00"` is
    /// allowed as an end. A weekday that is absent is closed.
    ///
    /// ```
    /// use chrono::Weekday;
    /// use vigie_engine::{Calendar, HolidayRegion};
    ///
    /// let shop = Calendar::new(
    ///     "Europe/Paris",
    ///     &[(Weekday::Mon, &[("08:00", "12:00"), ("14:00", "18:00")])],
    ///     HolidayRegion::Fr,
    ///     &["2026-12-24"],
    /// ).unwrap();
    /// assert_eq!(shop.time_zone().name(), "Europe/Paris");
    /// ```
    ///
    /// # Errors
    /// [`Error::UnknownTimeZone`], [`Error::InvalidTime`], [`Error::InvalidInterval`] (end not
    /// after start, overlap), [`Error::InvalidDate`], and [`Error::NoOpeningHours`] when no
    /// weekday has an interval.
    pub fn new(
        time_zone: &str,
        hours: &[(Weekday, &[(&str, &str)])],
        holidays: HolidayRegion,
        closed_dates: &[&str],
    ) -> Result<Self> {
        let time_zone = parse_time_zone(time_zone)?;
        let mut week: [DayHours; 7] = Default::default();
        for (day, intervals) in hours {
            let parsed =
                intervals.iter().map(|(s, e)| Ok((parse_minute(s)?, parse_minute(e)?))).collect::<Result<Vec<_>>>()?;
            week[day.num_days_from_monday() as usize].extend(parsed);
        }
        let closed = closed_dates.iter().map(|d| parse_date(d)).collect::<Result<Vec<_>>>()?;
        Self::from_parts(time_zone, week, holidays, closed)
    }

    fn from_parts(
        time_zone: Tz,
        mut hours: [DayHours; 7],
        holidays: HolidayRegion,
        mut closed_dates: Vec<NaiveDate>,
    ) -> Result<Self> {
        for (i, day) in hours.iter_mut().enumerate() {
            let weekday = spec::WEEKDAY_KEYS[i];
            crate::short_sort::by_key(day, |&interval| interval);
            for &(start, end) in day.iter() {
                if end <= start {
                    return Err(Error::InvalidInterval {
                        weekday: weekday.to_string(),
                        reason: format!("{} is not after {}", fmt_minute(end), fmt_minute(start)),
                    });
                }
            }
            for pair in day.windows(2) {
                if pair[1].0 < pair[0].1 {
                    return Err(Error::InvalidInterval {
                        weekday: weekday.to_string(),
                        reason: format!(
                            "{}–{} overlaps {}–{}",
                            fmt_minute(pair[0].0),
                            fmt_minute(pair[0].1),
                            fmt_minute(pair[1].0),
                            fmt_minute(pair[1].1)
                        ),
                    });
                }
            }
            // Touching intervals (12:00–14:00, 14:00–18:00) are one opening.
            let mut merged: DayHours = Vec::with_capacity(day.len());
            for &(s, e) in day.iter() {
                match merged.last_mut() {
                    Some(last) if last.1 == s => last.1 = e,
                    _ => merged.push((s, e)),
                }
            }
            *day = merged;
        }
        if hours.iter().all(|d| d.is_empty()) {
            return Err(Error::NoOpeningHours);
        }
        crate::short_sort::by_key(&mut closed_dates, |d| *d);
        closed_dates.dedup();
        let closed = ClosedDays::new(holidays, &closed_dates);
        Ok(Calendar { time_zone, hours, holidays, closed_dates, closed, table: TableLink::default() })
    }

    /// The calendar's time zone.
    pub fn time_zone(&self) -> Tz {
        self.time_zone
    }

    /// The holiday region.
    pub fn holidays(&self) -> HolidayRegion {
        self.holidays
    }

    /// The extra closed dates, sorted.
    pub fn closed_dates(&self) -> &[NaiveDate] {
        &self.closed_dates
    }

    /// The local date of an instant in the calendar's time zone.
    pub fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.time_zone).date_naive()
    }

    /// Whether `date` is a public holiday or an extra closed date (whatever its weekday).
    pub fn is_closed_date(&self, date: NaiveDate) -> bool {
        self.is_closed_day(date.num_days_from_ce())
    }

    /// Whether `date` has business time: an open weekday that is neither a holiday nor closed.
    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        !self.day_hours(date).is_empty() && !self.is_closed_date(date)
    }

    fn day_hours(&self, date: NaiveDate) -> &[(Minute, Minute)] {
        &self.hours[date.weekday().num_days_from_monday() as usize]
    }

    /// The opening intervals of a local date, as instants (empty on a closed day).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use vigie_engine::Calendar;
    /// let cal = Calendar::default();
    /// let christmas = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
    /// assert!(cal.openings_on(christmas).is_empty());
    /// ```
    pub fn openings_on(&self, date: NaiveDate) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        if self.is_closed_date(date) {
            return Vec::new();
        }
        self.day_hours(date)
            .iter()
            .map(|&(s, e)| (self.instant(date, s), self.instant(date, e)))
            .filter(|(s, e)| s < e)
            .collect()
    }

    /// The instant of a local date and minute of the day, with the gap and fold rules.
    fn instant(&self, date: NaiveDate, minute: Minute) -> DateTime<Utc> {
        let naive = date.and_time(NaiveTime::MIN) + TimeDelta::minutes(i64::from(minute));
        match self.time_zone.from_local_datetime(&naive) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
            LocalResult::None => self.end_of_gap(naive),
        }
    }

    /// The first instant after the spring-forward gap that hides `naive`.
    fn end_of_gap(&self, naive: NaiveDateTime) -> DateTime<Utc> {
        let offset_at = |t: NaiveDateTime| self.time_zone.offset_from_utc_datetime(&t).fix();
        // Offsets a day away on each side are the ones before and after the transition.
        let before = offset_at(naive - TimeDelta::days(1));
        let after = offset_at(naive + TimeDelta::days(1));
        // `naive - after` is before the transition and `naive - before` after it: bisect the
        // first instant (to the second) whose offset is the later one.
        let mut lo = (naive - after).and_utc().timestamp();
        let mut hi = (naive - before).and_utc().timestamp();
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            let mid_naive = DateTime::from_timestamp(mid, 0).map(|t| t.naive_utc());
            match mid_naive {
                Some(m) if offset_at(m) == after => hi = mid,
                _ => lo = mid,
            }
        }
        DateTime::from_timestamp(hi, 0).unwrap_or_else(|| (naive - before).and_utc())
    }

    /// Adds `duration` of business time to `from`.
    ///
    /// A start outside business hours counts from the next opening. When what remains
    /// equals what is left of an interval, the result is that interval's end: 14:00 + 4
    /// business hours is 18:00 the same day, not 08:00 the next.
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta, Utc};
    /// use vigie_engine::Calendar;
    /// let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
    /// let due = Calendar::default().add(at("2026-11-25T14:00:00+01:00"), TimeDelta::hours(4)).unwrap();
    /// assert_eq!(due, at("2026-11-25T18:00:00+01:00"));
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidDuration`] for a negative duration, [`Error::NoBusinessTime`] when the
    /// calendar stops opening.
    pub fn add(&self, from: DateTime<Utc>, duration: TimeDelta) -> Result<DateTime<Utc>> {
        let duration = reference::checked_duration(duration)?;
        if let Ok(start) = to_nanos(from) {
            if let Some(due) = self.table.get(self).add(self, start, duration) {
                return Ok(from_nanos(due));
            }
        }
        reference::add(self, from, TimeDelta::nanoseconds(duration))
    }

    /// The business time between `from` and `to` (zero when `to` is not after `from`).
    ///
    /// ```
    /// use chrono::{DateTime, TimeDelta, Utc};
    /// use vigie_engine::Calendar;
    /// let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
    /// // Friday 17:00 to Monday 09:00: one hour on Friday, one on Monday.
    /// let t = Calendar::default()
    ///     .business_time_between(at("2026-11-27T17:00:00+01:00"), at("2026-11-30T09:00:00+01:00"))
    ///     .unwrap();
    /// assert_eq!(t, TimeDelta::hours(2));
    /// ```
    ///
    /// # Errors
    /// [`Error::NoBusinessTime`] when the calendar stops opening before `to`.
    pub fn business_time_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<TimeDelta> {
        if to <= from {
            return Ok(TimeDelta::zero());
        }
        if let (Ok(start), Ok(end)) = (to_nanos(from), to_nanos(to)) {
            if let Some(total) = self.table.get(self).between(self, start, end) {
                return Ok(TimeDelta::nanoseconds(total));
            }
        }
        reference::business_time_between(self, from, to)
    }

    /// Whether the calendar is open at `t`.
    ///
    /// ```
    /// use chrono::{DateTime, Utc};
    /// use vigie_engine::Calendar;
    /// let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
    /// assert!(Calendar::default().is_open(at("2026-11-27T17:59:00+01:00")));
    /// assert!(!Calendar::default().is_open(at("2026-11-27T18:00:00+01:00")));
    /// ```
    pub fn is_open(&self, t: DateTime<Utc>) -> bool {
        let date = self.local_date(t);
        !self.is_closed_date(date)
            && self.day_hours(date).iter().any(|&(s, e)| self.instant(date, s) <= t && t < self.instant(date, e))
    }

    /// The first instant at or after `t` when the calendar is open (`t` itself when open).
    ///
    /// ```
    /// use chrono::{DateTime, Utc};
    /// use vigie_engine::Calendar;
    /// let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
    /// // Thursday 24 December 2026 at 19:00: Christmas is closed, so Saturday and Sunday too.
    /// let next = Calendar::default().next_opening(at("2026-12-24T19:00:00+01:00")).unwrap();
    /// assert_eq!(next, at("2026-12-28T08:00:00+01:00"));
    /// ```
    ///
    /// # Errors
    /// [`Error::NoBusinessTime`] when the calendar does not open within [`MAX_CLOSED_DAYS`].
    pub fn next_opening(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>> {
        if let Ok(start) = to_nanos(t) {
            if let Some(next) = self.table.get(self).add(self, start, 0) {
                return Ok(from_nanos(next));
            }
        }
        reference::next_opening(self, t)
    }

    /// The closing time of the `n`th business day strictly after the local date of `t`.
    ///
    /// ```
    /// use chrono::{DateTime, Utc};
    /// use vigie_engine::Calendar;
    /// let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
    /// // Reported Friday 27 November 2026: the 5th business day after is Friday 4 December.
    /// let due = Calendar::default().end_of_nth_business_day(at("2026-11-27T10:00:00+01:00"), 5).unwrap();
    /// assert_eq!(due, at("2026-12-04T18:00:00+01:00"));
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidDuration`] when `n` is 0, [`Error::NoBusinessTime`] when no business
    /// day comes within [`MAX_CLOSED_DAYS`] days.
    pub fn end_of_nth_business_day(&self, t: DateTime<Utc>, n: u32) -> Result<DateTime<Utc>> {
        if n > 0 {
            if let Ok(start) = to_nanos(t) {
                if let Some(end) = self.table.get(self).end_of_nth_business_day(self, start, n) {
                    return Ok(from_nanos(end));
                }
            }
        }
        reference::end_of_nth_business_day(self, t, n)
    }
}

/// One day of a calendar preview.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DayPreview {
    /// The local date.
    pub date: NaiveDate,
    /// Why the day is closed although its weekday opens: the holiday's French name, or
    /// `"Fermeture exceptionnelle"` for an extra closed date.
    pub closed_because: Option<String>,
    /// The openings, as local `"HH:MM"` times.
    pub openings: Vec<(String, String)>,
    /// The business minutes of the day (a DST day's 24/7 opening has 1,380 or 1,500).
    pub business_minutes: i64,
}

impl Calendar {
    /// The `days` days from `from` on, as an administrator previews a calendar while editing
    /// it: each day's openings in local time, and the holidays and closed dates marked.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use vigie_engine::Calendar;
    /// let days = Calendar::default().preview(NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(), 2);
    /// assert_eq!(days[0].openings, vec![("08:00".to_string(), "18:00".to_string())]);
    /// assert_eq!(days[1].closed_because.as_deref(), Some("Noël"));
    /// assert_eq!(days[1].business_minutes, 0);
    /// ```
    pub fn preview(&self, from: NaiveDate, days: u32) -> Vec<DayPreview> {
        from.iter_days()
            .take(days as usize)
            .map(|date| {
                let weekday_opens = !self.day_hours(date).is_empty();
                let closed_because = if weekday_opens && self.is_closed_date(date) {
                    Some(self.holidays.holiday_name(date).unwrap_or("Fermeture exceptionnelle").to_string())
                } else {
                    None
                };
                let openings = self.openings_on(date);
                let local = |t: DateTime<Utc>| {
                    let l = t.with_timezone(&self.time_zone);
                    // An opening that ends at midnight reads "24:00", as it was written.
                    if l.date_naive() > date {
                        "24:00".to_string()
                    } else {
                        format!("{:02}:{:02}", l.hour(), l.minute())
                    }
                };
                DayPreview {
                    date,
                    closed_because,
                    business_minutes: openings.iter().map(|(s, e)| (*e - *s).num_minutes()).sum(),
                    openings: openings.iter().map(|(s, e)| (local(*s), local(*e))).collect(),
                }
            })
            .collect()
    }
}

fn parse_time_zone(name: &str) -> Result<Tz> {
    name.trim().parse::<Tz>().map_err(|_| Error::UnknownTimeZone(name.to_string()))
}

/// `"HH:MM"` → minutes since midnight; `"24:00"` is the end of the day.
fn parse_minute(s: &str) -> Result<Minute> {
    let bad = || Error::InvalidTime(s.to_string());
    let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return Err(bad());
    }
    let h: u16 = h.parse().map_err(|_| bad())?;
    let m: u16 = m.parse().map_err(|_| bad())?;
    match (h, m) {
        (24, 0) => Ok(1440),
        (0..=23, 0..=59) => Ok(h * 60 + m),
        _ => Err(bad()),
    }
}

fn fmt_minute(m: Minute) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// `"YYYY-MM-DD"`, exactly: four, two and two digits. Written by hand rather than with
/// chrono's format parser, which would add its whole strftime machinery to the browser's
/// code for this one shape.
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    let bad = || Error::InvalidDate(s.to_string());
    let mut parts = s.trim().split('-');
    let mut number = |digits: usize| -> Result<u32> {
        let part =
            parts.next().filter(|p| p.len() == digits && p.bytes().all(|b| b.is_ascii_digit())).ok_or_else(bad)?;
        part.parse().map_err(|_| bad())
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    if parts.next().is_some() {
        return Err(bad());
    }
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(bad)
}

/// The IANA names of the time zones compiled into Vigie, in the browser and on the server
/// alike (see `CHRONO_TZ_TIMEZONE_FILTER`), for the calendar editor's choices.
pub fn time_zones() -> impl Iterator<Item = &'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
}
