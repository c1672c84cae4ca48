//! The data form of a calendar, as JSON and TOML carry it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{fmt_minute, parse_date, parse_minute, parse_time_zone, Calendar, DayHours, HolidayRegion};
use crate::{Error, Result};

/// The weekday keys of [`CalendarSpec::hours`], Monday first.
pub(crate) const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A calendar as data: every field optional, with the defaults of [`Calendar::default`].
///
/// ```
/// use vigie_engine::{Calendar, CalendarSpec};
///
/// let spec: CalendarSpec = serde_json::from_str(r#"{
///     "time_zone": "Europe/Paris",
///     "holidays": "FR-ALSACE-MOSELLE",
///     "hours": {"mon": [["08:00", "12:00"], ["14:00", "18:00"]], "sat": [["09:00", "24:00"]]},
///     "closed_dates": ["2026-12-24"]
/// }"#).unwrap();
/// let calendar = Calendar::try_from(spec).unwrap();
/// assert_eq!(calendar.holidays().code(), "FR-ALSACE-MOSELLE");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// IANA time zone; default `Europe/Paris`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Holiday region code; default `FR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holidays: Option<String>,
    /// Opening intervals per weekday (`mon`…`sun`), `[["08:00", "18:00"]]`; default Monday to
    /// Friday 08:00–18:00. When given, a weekday that is absent is closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<BTreeMap<String, Vec<[String; 2]>>>,
    /// Extra closed dates, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_dates: Option<Vec<String>>,
}

impl TryFrom<CalendarSpec> for Calendar {
    type Error = Error;

    /// # Errors
    /// Every error of [`Calendar::new`], and [`Error::UnknownWeekday`] for a bad key.
    fn try_from(spec: CalendarSpec) -> Result<Calendar> {
        let time_zone = match &spec.time_zone {
            Some(name) => parse_time_zone(name)?,
            None => chrono_tz::Europe::Paris,
        };
        let holidays = match &spec.holidays {
            Some(code) => code.parse::<HolidayRegion>()?,
            None => HolidayRegion::Fr,
        };
        let hours = match &spec.hours {
            None => super::office_hours(),
            Some(map) => {
                let mut week: [DayHours; 7] = Default::default();
                for (key, intervals) in map {
                    let wanted = key.trim().to_ascii_lowercase();
                    let index = WEEKDAY_KEYS
                        .iter()
                        .position(|k| *k == wanted)
                        .ok_or_else(|| Error::UnknownWeekday(key.clone()))?;
                    for [start, end] in intervals {
                        week[index].push((parse_minute(start)?, parse_minute(end)?));
                    }
                }
                week
            }
        };
        let closed = spec.closed_dates.iter().flatten().map(|d| parse_date(d)).collect::<Result<Vec<_>>>()?;
        Calendar::from_parts(time_zone, hours, holidays, closed)
    }
}

impl From<Calendar> for CalendarSpec {
    fn from(calendar: Calendar) -> CalendarSpec {
        let hours = WEEKDAY_KEYS
            .iter()
            .zip(&calendar.hours)
            .filter(|(_, day)| !day.is_empty())
            .map(|(key, day)| (key.to_string(), day.iter().map(|&(s, e)| [fmt_minute(s), fmt_minute(e)]).collect()))
            .collect();
        CalendarSpec {
            time_zone: Some(calendar.time_zone.name().to_string()),
            holidays: Some(calendar.holidays.code().to_string()),
            hours: Some(hours),
            closed_dates: Some(calendar.closed_dates.iter().map(|d| d.to_string()).collect()),
        }
    }
}
