//! The on-call rota (`/api/oncall`, staff): the weekly pattern in Paris time, its
//! exceptions, who is on duty now and the changes ahead; and what the administrator sends
//! to change them.
//!
//! The server writes the rota with serde; the pages read it with
//! [`FromJson`](crate::FromJson) (see [`crate::from_json`] for why not a derived parser).

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use crate::from_json;

/// A slot of the on-call week, as `PUT /api/oncall/week` (admin) writes it: on `weekday`
/// (1 for Monday to 7 for Sunday), from `start` to `end` (`HH:MM`, Paris local time; an end
/// not after the start is the next day's, `24:00` is midnight), `user_id` is on duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnCallSlot {
    /// 1 (Monday) to 7 (Sunday).
    pub weekday: u8,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
    /// An active member of staff.
    pub user_id: i64,
}

/// `PUT /api/oncall/week` (admin): the weekly pattern, replaced whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnCallWeek {
    /// Its slots, which may not overlap.
    pub slots: Vec<OnCallSlot>,
}

/// `POST /api/oncall/exceptions` (admin): `user_id` is on duty from `from` to `to`, whatever
/// the weekly pattern says (a holiday, a swap).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewOnCallException {
    /// From (RFC 3339).
    pub from: DateTime<FixedOffset>,
    /// To (RFC 3339), after `from`.
    pub to: DateTime<FixedOffset>,
    /// An active member of staff.
    pub user_id: i64,
}

/// A member of staff on the rota.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnCallPerson {
    /// Their id.
    pub id: i64,
    /// Their name.
    pub name: String,
}

/// A slot of the weekly pattern, as the rota shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnCallSlotView {
    /// 1 (Monday) to 7 (Sunday).
    pub weekday: u8,
    /// `HH:MM`, Paris local time.
    pub start: String,
    /// `HH:MM`, Paris local time; not after `start`, the next day's.
    pub end: String,
    /// Who is on duty.
    pub person: OnCallPerson,
}

/// An exception to the weekly pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnCallException {
    /// Its id, to remove it.
    pub id: i64,
    /// From.
    pub from: DateTime<Utc>,
    /// To.
    pub to: DateTime<Utc>,
    /// Who is on duty then.
    pub person: OnCallPerson,
}

/// A change of who is on duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnCallChange {
    /// When.
    pub at: DateTime<Utc>,
    /// Who from then; `None` for nobody.
    pub person: Option<OnCallPerson>,
}

/// `GET /api/oncall` (staff): the rota, who is on duty now and the changes of the coming
/// 7 days, for the back office's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnCallRota {
    /// The time zone of the weekly pattern (`Europe/Paris`).
    pub time_zone: String,
    /// The weekly pattern, by weekday and start.
    pub week: Vec<OnCallSlotView>,
    /// The exceptions that are not over, by start.
    pub exceptions: Vec<OnCallException>,
    /// The server's clock when this was computed.
    pub now: DateTime<Utc>,
    /// Who is on duty now; `None` for nobody.
    pub on_duty: Option<OnCallPerson>,
    /// The changes of who is on duty over the coming 7 days.
    pub changes: Vec<OnCallChange>,
}

from_json!(OnCallPerson { id, name });
from_json!(OnCallSlotView { weekday, start, end, person });
from_json!(OnCallException { id, from, to, person });
from_json!(OnCallChange { at, person });
from_json!(OnCallRota { time_zone, week, exceptions, now, on_duty, changes });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FromJson;

    #[test]
    fn the_rota_reads_back_as_serde_writes_it() {
        let at: DateTime<Utc> = "2026-03-27T17:00:00Z".parse().unwrap();
        let karim = OnCallPerson { id: 3, name: "Karim Haddad".into() };
        let rota = OnCallRota {
            time_zone: "Europe/Paris".into(),
            week: vec![OnCallSlotView {
                weekday: 5,
                start: "18:00".into(),
                end: "24:00".into(),
                person: karim.clone(),
            }],
            exceptions: vec![OnCallException { id: 1, from: at, to: at, person: karim.clone() }],
            now: at,
            on_duty: None,
            changes: vec![OnCallChange { at, person: Some(karim) }, OnCallChange { at, person: None }],
        };
        let written = serde_json::to_value(&rota).unwrap();
        assert_eq!(OnCallRota::from_json(&written), Ok(rota));
        let mut wrong = written;
        wrong["week"][0]["weekday"] = 300.into();
        assert_eq!(OnCallRota::from_json(&wrong), Err(".week[0].weekday: expected a small count, got 300".to_string()));
    }
}
