//! Live countdowns, computed in the browser by the engine from what the server sent.
//!
//! An incident's deadlines do not move between two changes of the incident, so they are
//! worked out once ([`Urgent::of`]); each tick of the page clock then costs a comparison
//! of instants, plus a walk of the calendar for a business clock.

use chrono::{DateTime, Utc};
use vigie_api::IncidentView;
use vigie_engine::sla::{self, Clock, ClockKind, ClockState};
use vigie_engine::{Calendar, Target};

/// What a clock shows, on every screen that shows one (`data-state`): the wall's
/// countdowns, the incident page's clocks and the report form's preview.
///
/// One rule decides it ([`Shown::of`], [`Urgent::shown`]): a broken promise first, then a
/// clock that stands still outside business hours (at risk or not, it is not moving), then
/// the at-risk share, else on time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Running, less than the at-risk share used.
    Ok,
    /// The at-risk share is used.
    AtRisk,
    /// The deadline has passed.
    Breached,
    /// A business clock outside business hours.
    Paused,
    /// Stopped in time: the promise was kept.
    Met,
    /// Stopped after its deadline: the promise was broken, whatever followed.
    Late,
    /// Does not apply, or was made moot by the resolution.
    Moot,
}

impl Shown {
    /// What `clock` shows, by the one rule above.
    pub fn of(clock: &Clock) -> Shown {
        match clock.state {
            ClockState::NotApplicable => Shown::Moot,
            ClockState::Met if clock.late_by_seconds.unwrap_or(0) > 0 => Shown::Late,
            ClockState::Met => Shown::Met,
            ClockState::Breached => Shown::Breached,
            ClockState::Running | ClockState::AtRisk if clock.paused => Shown::Paused,
            ClockState::AtRisk => Shown::AtRisk,
            ClockState::Running => Shown::Ok,
        }
    }

    /// The state in words, as a list or a page says it.
    pub fn said(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::t;
        match self {
            Shown::Ok => t(lang, "dans les délais", "on time"),
            Shown::AtRisk => t(lang, "à risque", "at risk"),
            Shown::Breached => t(lang, "dépassé", "breached"),
            Shown::Paused => t(lang, "en pause", "paused"),
            Shown::Met => t(lang, "tenu", "met"),
            Shown::Late => t(lang, "en retard", "late"),
            Shown::Moot => t(lang, "sans objet", "not needed"),
        }
    }

    /// The `data-state` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Shown::Ok => "ok",
            Shown::AtRisk => "at-risk",
            Shown::Breached => "breached",
            Shown::Paused => "paused",
            Shown::Met => "met",
            Shown::Late => "late",
            Shown::Moot => "moot",
        }
    }
}

/// The most urgent running clock of an incident, ready to be counted down.
#[derive(Debug, Clone)]
pub struct Urgent {
    /// Which clock.
    pub kind: ClockKind,
    /// Its deadline.
    pub due: DateTime<Utc>,
    /// Its at-risk point.
    pub at_risk_at: DateTime<Utc>,
    /// The incident's calendar, when the clock counts business time.
    pub business: Option<Calendar>,
}

impl Urgent {
    /// The most urgent running clock of an incident at `now`, if any runs. A screen's clock
    /// may lag the server's by a moment: never earlier than the server's own computation,
    /// so that an event just recorded already stops its clock.
    pub fn of(incident: &IncidentView, now: DateTime<Utc>) -> Option<Urgent> {
        let calendar = Calendar::try_from(incident.calendar.clone()).ok()?;
        let clocks = sla::clocks(&incident.times(), &incident.policy, &calendar, now.max(incident.computed_at)).ok()?;
        let clock = sla::most_urgent(&clocks)?;
        Some(Urgent {
            kind: clock.kind,
            due: clock.due?,
            at_risk_at: clock.at_risk_at?,
            business: clock.target.filter(|t| t.counts_business_time()).map(|_: Target| calendar),
        })
    }

    /// The state at `now`.
    pub fn shown(&self, now: DateTime<Utc>) -> Shown {
        if now >= self.due {
            Shown::Breached
        } else if self.business.as_ref().is_some_and(|c| !c.is_open(now)) {
            Shown::Paused
        } else if now >= self.at_risk_at {
            Shown::AtRisk
        } else {
            Shown::Ok
        }
    }

    /// When a paused clock runs again: the calendar's next opening after `now`.
    pub fn resumes_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.business.as_ref().filter(|c| !c.is_open(now)).and_then(|c| c.next_opening(now).ok())
    }

    /// Seconds left at `now` in the clock's own kind of time (negative once breached:
    /// elapsed seconds since the deadline).
    pub fn left_seconds(&self, now: DateTime<Utc>) -> i64 {
        if now >= self.due {
            return -(now - self.due).num_seconds();
        }
        match &self.business {
            Some(calendar) => calendar.business_time_between(now, self.due).map(|d| d.num_seconds()).unwrap_or(0),
            None => (self.due - now).num_seconds(),
        }
    }
}

/// `1:05:09`, `12:04`, or `+0:12` past the deadline: large digits for a wall across a room.
pub fn clock_digits(left_seconds: i64) -> String {
    let sign = if left_seconds < 0 { "+" } else { "" };
    let s = left_seconds.abs();
    let (h, m, sec) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{sign}{h}:{m:02}:{sec:02}")
    } else {
        format!("{sign}{m}:{sec:02}")
    }
}
