//! The on-call rota: who is on duty at an instant.
//!
//! The rota is a weekly pattern of slots in Paris local time (a weekday, a start and an
//! end, a technician), and exceptions between two instants (a holiday: someone replaces
//! whoever the pattern names). An exception wins over the pattern; of two exceptions that
//! cover the same instant, the later in the list (the one written last) wins.
//!
//! A slot's times are read on the wall clock of Paris, so a slot keeps its local hours
//! across a change of time: the night of the last Sunday of March, a slot from 00:00 to
//! 08:00 lasts 7 hours; the last Sunday of October, 9. A slot whose end is not after its
//! start ends the next day (`22:00`–`08:00`).
//!
//! ```
//! use chrono::{DateTime, Utc};
//! use vigie_engine::oncall::{Rota, Slot};
//! let night = Slot { weekday: 7, start: 0, end: 8 * 60, user_id: 7 };
//! let rota = Rota { week: vec![night], exceptions: vec![] };
//! // Sunday 28 March 2027, 03:00 in Paris, just after the clocks went forward.
//! let at: DateTime<Utc> = "2027-03-28T01:00:00Z".parse().unwrap();
//! assert_eq!(rota.on_duty(at), Some(7));
//! ```

use chrono::{DateTime, Datelike, TimeDelta, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// The time zone the weekly pattern is read in.
pub const TIME_ZONE: Tz = chrono_tz::Europe::Paris;

const DAY: u32 = 24 * 60;
const WEEK: u32 = 7 * DAY;

/// A slot of the weekly pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// The day it starts, 1 (Monday) to 7 (Sunday).
    pub weekday: u8,
    /// Its start, in minutes after local midnight (0 to 1439).
    pub start: u16,
    /// Its end, in minutes after local midnight (1 to 1440); not after the start, it is
    /// the next day's.
    pub end: u16,
    /// Who is on duty.
    pub user_id: i64,
}

impl Slot {
    /// Where it starts in the week, in minutes from Monday 00:00, and how long it lasts.
    fn span(&self) -> (u32, u32) {
        let start = (u32::from(self.weekday) - 1) * DAY + u32::from(self.start);
        let (s, e) = (u32::from(self.start), u32::from(self.end));
        (start, if e > s { e - s } else { DAY - s + e })
    }

    /// Whether it covers a minute of the week.
    fn covers(&self, minute_of_week: u32) -> bool {
        let (start, length) = self.span();
        (minute_of_week + WEEK - start) % WEEK < length
    }
}

/// Someone on duty from one instant to another, whatever the pattern says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replacement {
    /// From this instant (included).
    pub from: DateTime<Utc>,
    /// To this instant (excluded).
    pub to: DateTime<Utc>,
    /// Who is on duty.
    pub user_id: i64,
}

/// The weekly pattern and its exceptions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rota {
    /// The weekly pattern.
    pub week: Vec<Slot>,
    /// The exceptions, the last written last.
    pub exceptions: Vec<Replacement>,
}

/// A change of who is on duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// When.
    pub at: DateTime<Utc>,
    /// Who is on duty from then; `None` for nobody.
    pub user_id: Option<i64>,
}

/// What is wrong with a slot of a weekly pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotError {
    /// The slot's place in the list.
    pub index: usize,
    /// Its field at fault: `weekday`, `start` or `end`.
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for SlotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "slot {}, {}: {}", self.index + 1, self.field, self.message)
    }
}

impl std::error::Error for SlotError {}

/// A local time of day `HH:MM` as minutes after midnight, from `00:00` to `24:00`.
///
/// ```
/// use vigie_engine::oncall::parse_time;
/// assert_eq!(parse_time("08:30"), Some(510));
/// assert_eq!(parse_time("24:00"), Some(1440));
/// assert_eq!(parse_time("24:01"), None);
/// assert_eq!(parse_time("8h"), None);
/// ```
pub fn parse_time(s: &str) -> Option<u16> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

/// Minutes after midnight as `HH:MM`.
pub fn format_time(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Checks a weekly pattern: weekdays 1 to 7, times within the day, no empty slot, no two
/// slots that cover the same minute (who would be paged?).
///
/// # Errors
/// The first slot at fault, and its field.
pub fn check_week(week: &[Slot]) -> Result<(), SlotError> {
    let error = |index, field, message: String| Err(SlotError { index, field, message });
    for (i, slot) in week.iter().enumerate() {
        if !(1..=7).contains(&slot.weekday) {
            return error(i, "weekday", format!("{} is not a weekday (1 for Monday to 7 for Sunday)", slot.weekday));
        }
        if u32::from(slot.start) >= DAY {
            return error(i, "start", "a slot starts before 24:00".into());
        }
        if slot.end == 0 || u32::from(slot.end) > DAY {
            return error(i, "end", "a slot ends after 00:00 and at 24:00 at the latest".into());
        }
        if slot.end == slot.start {
            return error(i, "end", "a slot ends at another time than it starts".into());
        }
    }
    for (i, slot) in week.iter().enumerate() {
        let (start, length) = slot.span();
        for (j, other) in week.iter().enumerate().take(i) {
            let (other_start, other_length) = other.span();
            if (start + WEEK - other_start) % WEEK < other_length || (other_start + WEEK - start) % WEEK < length {
                return error(
                    i,
                    "start",
                    format!(
                        "overlaps slot {} (day {}, {}–{})",
                        j + 1,
                        other.weekday,
                        format_time(other.start),
                        format_time(other.end)
                    ),
                );
            }
        }
    }
    Ok(())
}

impl Rota {
    /// Who is on duty at `now`: the last exception that covers it, else the slot of the
    /// weekly pattern that covers its Paris local time; `None` for nobody.
    pub fn on_duty(&self, now: DateTime<Utc>) -> Option<i64> {
        if let Some(replacement) = self.exceptions.iter().rev().find(|r| r.from <= now && now < r.to) {
            return Some(replacement.user_id);
        }
        let local = now.with_timezone(&TIME_ZONE);
        let minute = (local.weekday().number_from_monday() - 1) * DAY + local.hour() * 60 + local.minute();
        self.week.iter().find(|slot| slot.covers(minute)).map(|slot| slot.user_id)
    }

    /// Every change of who is on duty after `from` up to `until` (included), in order.
    /// The pattern's times are whole minutes of Paris, whose offsets are whole hours, so
    /// it changes only on a whole minute; an exception changes it at its own bounds.
    pub fn changes(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> Vec<Change> {
        let mut instants: Vec<DateTime<Utc>> =
            self.exceptions.iter().flat_map(|r| [r.from, r.to]).filter(|t| from < *t && *t <= until).collect();
        let minute_ms = 60_000;
        let first = from.timestamp_millis().div_euclid(minute_ms) * minute_ms + minute_ms;
        let mut t = DateTime::from_timestamp_millis(first);
        while let Some(at) = t.filter(|at| *at <= until) {
            instants.push(at);
            t = at.checked_add_signed(TimeDelta::minutes(1));
        }
        instants.sort();
        instants.dedup();
        let mut current = self.on_duty(from);
        let mut out = Vec::new();
        for at in instants {
            let now = self.on_duty(at);
            if now != current {
                out.push(Change { at, user_id: now });
                current = now;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("instant").with_timezone(&Utc)
    }

    fn slot(weekday: u8, start: &str, end: &str, user_id: i64) -> Slot {
        Slot { weekday, start: parse_time(start).unwrap(), end: parse_time(end).unwrap(), user_id }
    }

    /// Karim (1) on weeknights from 18:00 to 08:00, Léa (2) at weekends around the clock.
    fn rota() -> Rota {
        let mut week: Vec<Slot> = (1..=5).map(|d| slot(d, "18:00", "08:00", 1)).collect();
        week.retain(|s| s.weekday != 5);
        week.push(slot(5, "18:00", "24:00", 2));
        week.push(slot(6, "00:00", "24:00", 2));
        week.push(slot(7, "00:00", "24:00", 2));
        week.push(slot(1, "00:00", "08:00", 2));
        Rota { week, exceptions: vec![] }
    }

    #[test]
    fn a_night_slot_runs_past_midnight_and_the_day_is_nobodys() {
        let rota = rota();
        assert!(check_week(&rota.week).is_ok());
        // Tuesday 16 March 2027: 23:00 and 03:00 the next morning in Paris, then 10:00.
        assert_eq!(rota.on_duty(at("2027-03-16T23:00:00+01:00")), Some(1));
        assert_eq!(rota.on_duty(at("2027-03-17T03:00:00+01:00")), Some(1));
        assert_eq!(rota.on_duty(at("2027-03-17T07:59:00+01:00")), Some(1));
        assert_eq!(rota.on_duty(at("2027-03-17T08:00:00+01:00")), None);
        // Friday evening to Monday morning: Léa, across the end of the week.
        assert_eq!(rota.on_duty(at("2027-03-19T18:00:00+01:00")), Some(2));
        assert_eq!(rota.on_duty(at("2027-03-22T07:59:00+01:00")), Some(2));
        assert_eq!(rota.on_duty(at("2027-03-22T08:00:00+01:00")), None);
    }

    #[test]
    fn the_last_sunday_of_march_the_night_is_an_hour_shorter() {
        // Sunday 28 March 2027: at 02:00 in Paris the clocks go forward to 03:00.
        let rota = Rota { week: vec![slot(6, "20:00", "08:00", 1), slot(7, "08:00", "20:00", 2)], exceptions: vec![] };
        // 03:00 in Paris (summer time) is 01:00 UTC: Karim.
        assert_eq!(rota.on_duty(at("2027-03-28T03:00:00+02:00")), Some(1));
        assert_eq!(rota.on_duty(at("2027-03-28T01:59:00+01:00")), Some(1));
        let changes = rota.changes(at("2027-03-27T12:00:00Z"), at("2027-03-28T23:59:00Z"));
        assert_eq!(
            changes,
            [
                Change { at: at("2027-03-27T20:00:00+01:00"), user_id: Some(1) },
                Change { at: at("2027-03-28T08:00:00+02:00"), user_id: Some(2) },
                Change { at: at("2027-03-28T20:00:00+02:00"), user_id: None },
            ]
        );
        // 20:00 to 08:00 that night is 11 hours.
        assert_eq!(changes[1].at - changes[0].at, TimeDelta::hours(11));
    }

    #[test]
    fn a_slot_that_starts_in_the_missing_hour_starts_when_the_clocks_reach_it() {
        // 02:30 does not exist on 28 March 2027: the slot starts at 03:00 summer time.
        let rota = Rota { week: vec![slot(7, "02:30", "06:00", 1)], exceptions: vec![] };
        let changes = rota.changes(at("2027-03-27T12:00:00Z"), at("2027-03-28T12:00:00Z"));
        assert_eq!(
            changes,
            [
                Change { at: at("2027-03-28T03:00:00+02:00"), user_id: Some(1) },
                Change { at: at("2027-03-28T06:00:00+02:00"), user_id: None },
            ]
        );
    }

    #[test]
    fn the_last_sunday_of_october_the_night_is_an_hour_longer() {
        // Sunday 31 October 2027: at 03:00 in Paris the clocks go back to 02:00.
        let rota = Rota { week: vec![slot(7, "00:00", "08:00", 1)], exceptions: vec![] };
        // Both 02:30 of that night are Karim's.
        assert_eq!(rota.on_duty(at("2027-10-31T02:30:00+02:00")), Some(1));
        assert_eq!(rota.on_duty(at("2027-10-31T02:30:00+01:00")), Some(1));
        let changes = rota.changes(at("2027-10-30T12:00:00Z"), at("2027-10-31T12:00:00Z"));
        assert_eq!(
            changes,
            [
                Change { at: at("2027-10-31T00:00:00+02:00"), user_id: Some(1) },
                Change { at: at("2027-10-31T08:00:00+01:00"), user_id: None },
            ]
        );
        assert_eq!(changes[1].at - changes[0].at, TimeDelta::hours(9));
    }

    #[test]
    fn an_exception_replaces_the_pattern_for_its_period_only() {
        let mut rota = rota();
        // Karim on holiday Tuesday night: Léa replaces him from 20:00 to 06:00.
        rota.exceptions.push(Replacement {
            from: at("2027-03-16T20:00:00+01:00"),
            to: at("2027-03-17T06:00:00+01:00"),
            user_id: 2,
        });
        assert_eq!(rota.on_duty(at("2027-03-16T19:59:00+01:00")), Some(1));
        assert_eq!(rota.on_duty(at("2027-03-17T03:00:00+01:00")), Some(2));
        assert_eq!(rota.on_duty(at("2027-03-17T06:00:00+01:00")), Some(1));
        // Over a day the pattern leaves to nobody too.
        rota.exceptions.push(Replacement {
            from: at("2027-03-17T12:00:00+01:00"),
            to: at("2027-03-17T12:30:30+01:00"),
            user_id: 3,
        });
        assert_eq!(rota.on_duty(at("2027-03-17T12:10:00+01:00")), Some(3));
        let changes = rota.changes(at("2027-03-16T12:00:00+01:00"), at("2027-03-17T13:00:00+01:00"));
        let who: Vec<(DateTime<Utc>, Option<i64>)> = changes.iter().map(|c| (c.at, c.user_id)).collect();
        assert_eq!(
            who,
            [
                (at("2027-03-16T18:00:00+01:00"), Some(1)),
                (at("2027-03-16T20:00:00+01:00"), Some(2)),
                (at("2027-03-17T06:00:00+01:00"), Some(1)),
                (at("2027-03-17T08:00:00+01:00"), None),
                (at("2027-03-17T12:00:00+01:00"), Some(3)),
                (at("2027-03-17T12:30:30+01:00"), None),
            ]
        );
        // Of two exceptions at once, the last written wins.
        rota.exceptions.push(Replacement {
            from: at("2027-03-17T00:00:00+01:00"),
            to: at("2027-03-17T01:00:00+01:00"),
            user_id: 4,
        });
        assert_eq!(rota.on_duty(at("2027-03-17T00:30:00+01:00")), Some(4));
    }

    #[test]
    fn a_pattern_with_overlaps_or_bad_times_is_refused_by_field() {
        let overlap = check_week(&[slot(1, "18:00", "08:00", 1), slot(2, "07:00", "09:00", 2)]).unwrap_err();
        assert_eq!((overlap.index, overlap.field), (1, "start"));
        assert!(overlap.to_string().contains("overlaps slot 1"), "{overlap}");
        // Sunday night into Monday morning overlaps Monday's first hours.
        let wrap = check_week(&[slot(1, "00:00", "08:00", 1), slot(7, "22:00", "01:00", 2)]).unwrap_err();
        assert_eq!(wrap.index, 1);
        // Back to back is fine.
        assert!(check_week(&[slot(1, "08:00", "18:00", 1), slot(1, "18:00", "08:00", 2)]).is_ok());
        let empty = check_week(&[slot(3, "10:00", "10:00", 1)]).unwrap_err();
        assert_eq!(empty.field, "end");
        let weekday = check_week(&[Slot { weekday: 8, start: 0, end: 60, user_id: 1 }]).unwrap_err();
        assert_eq!(weekday.field, "weekday");
        let start = check_week(&[Slot { weekday: 1, start: 1440, end: 60, user_id: 1 }]).unwrap_err();
        assert_eq!(start.field, "start");
        assert_eq!(parse_time("7:00"), None);
        assert_eq!(parse_time("07:60"), None);
        assert_eq!(format_time(1440), "24:00");
    }
}
