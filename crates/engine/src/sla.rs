//! SLA clocks (procedure §02, §03, §04): every deadline of an incident and its state at a
//! given instant.
//!
//! | clock | starts | stops |
//! |---|---|---|
//! | take charge | report | acknowledgement (a technician called the client) |
//! | on site (if required) | report | technician on site |
//! | intervention planned (if required) | report | intervention planned |
//! | client update | take-charge notice, then each update | next update |
//! | post-mortem | resolution | post-mortem published |
//!
//! Resolution stops every clock that was still running (the need has gone); the post-mortem
//! clock starts with it.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::{Calendar, Error, Policy, Priority, Result, Target};

/// What an incident's clocks depend on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentTimes {
    /// The effective priority.
    pub priority: Priority,
    /// When the client reported it (or supervision detected it).
    pub reported_at: DateTime<Utc>,
    /// Whether a technician must go on site.
    #[serde(default)]
    pub on_site_required: bool,
    /// When the incident was taken in charge.
    #[serde(default)]
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// When a technician arrived on site.
    #[serde(default)]
    pub on_site_at: Option<DateTime<Utc>>,
    /// When the intervention was planned.
    #[serde(default)]
    pub intervention_planned_at: Option<DateTime<Utc>>,
    /// When the last client update was sent.
    #[serde(default)]
    pub last_update_at: Option<DateTime<Utc>>,
    /// When the incident was resolved.
    #[serde(default)]
    pub resolved_at: Option<DateTime<Utc>>,
    /// When the post-mortem was published.
    #[serde(default)]
    pub postmortem_published_at: Option<DateTime<Utc>>,
}

impl IncidentTimes {
    /// A new incident, reported at `reported_at`, nothing done yet.
    pub fn reported(priority: Priority, reported_at: DateTime<Utc>) -> Self {
        IncidentTimes {
            priority,
            reported_at,
            on_site_required: false,
            acknowledged_at: None,
            on_site_at: None,
            intervention_planned_at: None,
            last_update_at: None,
            resolved_at: None,
            postmortem_published_at: None,
        }
    }
}

/// The clocks of an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockKind {
    /// Take charge (*prise en charge*).
    TakeCharge,
    /// On-site intervention (*intervention sur site*).
    OnSite,
    /// Intervention planned (*planification d'intervention*).
    InterventionPlanned,
    /// Next client update (*mise à jour client*).
    ClientUpdate,
    /// Post-mortem.
    Postmortem,
}

impl ClockKind {
    /// Every clock, in the order of an incident's life.
    pub const ALL: [ClockKind; 5] =
        [ClockKind::TakeCharge, ClockKind::OnSite, ClockKind::InterventionPlanned, ClockKind::ClientUpdate, ClockKind::Postmortem];

    /// The code used in data (`"take_charge"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ClockKind::TakeCharge => "take_charge",
            ClockKind::OnSite => "on_site",
            ClockKind::InterventionPlanned => "intervention_planned",
            ClockKind::ClientUpdate => "client_update",
            ClockKind::Postmortem => "postmortem",
        }
    }
}

/// The state of a clock at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// Running, with less than the at-risk share of its time used.
    Running,
    /// Running, with the at-risk share of its time used (75 % by default).
    AtRisk,
    /// The deadline has passed and the clock has not stopped.
    Breached,
    /// Stopped: the promise was kept, or late (see [`Clock::late_by_seconds`]).
    Met,
    /// The clock does not apply to this incident (priority, contract, no on-site need, not
    /// yet started).
    NotApplicable,
}

/// One clock of an incident at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// Which clock.
    pub kind: ClockKind,
    /// Its state.
    pub state: ClockState,
    /// What it allows, when it applies.
    pub target: Option<Target>,
    /// When it started.
    pub started_at: Option<DateTime<Utc>>,
    /// Its deadline.
    pub due: Option<DateTime<Utc>>,
    /// When it reaches its at-risk point.
    pub at_risk_at: Option<DateTime<Utc>>,
    /// When it stopped.
    pub met_at: Option<DateTime<Utc>>,
    /// Time left while running, in the clock's own kind of time (business seconds for a
    /// business clock).
    pub left_seconds: Option<i64>,
    /// How late: while breached, elapsed seconds since the deadline; once met, how late it
    /// was met (0 when on time).
    pub late_by_seconds: Option<i64>,
    /// A business clock outside business hours: running but not moving.
    pub paused: bool,
    /// When a paused clock moves again.
    pub resumes_at: Option<DateTime<Utc>>,
}

impl Clock {
    fn not_applicable(kind: ClockKind) -> Clock {
        Clock {
            kind,
            state: ClockState::NotApplicable,
            target: None,
            started_at: None,
            due: None,
            at_risk_at: None,
            met_at: None,
            left_seconds: None,
            late_by_seconds: None,
            paused: false,
            resumes_at: None,
        }
    }

    /// Whether the clock still runs (running, at risk or breached).
    pub fn is_open(&self) -> bool {
        matches!(self.state, ClockState::Running | ClockState::AtRisk | ClockState::Breached)
    }
}

/// The deadlines of an incident, as the batch CLI prints them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    /// Take charge.
    pub take_charge_due: Option<DateTime<Utc>>,
    /// On-site intervention.
    pub on_site_due: Option<DateTime<Utc>>,
    /// Intervention planned.
    pub intervention_due: Option<DateTime<Utc>>,
    /// The next client update (the first one after the take-charge notice, or after the last
    /// update).
    pub next_update_due: Option<DateTime<Utc>>,
    /// Post-mortem.
    pub postmortem_due: Option<DateTime<Utc>>,
}

/// Where a clock starts, what it allows and what stops it; `None` when it does not apply.
struct Definition {
    target: Target,
    start: DateTime<Utc>,
    stop: Option<DateTime<Utc>>,
}

fn definition(kind: ClockKind, incident: &IncidentTimes, policy: &Policy) -> Option<Definition> {
    let p = incident.priority;
    let resolved = incident.resolved_at;
    let (target, start, stop) = match kind {
        ClockKind::TakeCharge => (policy.take_charge.get(p)?, incident.reported_at, incident.acknowledged_at.or(resolved)),
        ClockKind::OnSite if incident.on_site_required => (policy.on_site.get(p)?, incident.reported_at, incident.on_site_at.or(resolved)),
        ClockKind::InterventionPlanned if incident.on_site_required => {
            (policy.intervention_planned.get(p)?, incident.reported_at, incident.intervention_planned_at.or(resolved))
        }
        ClockKind::ClientUpdate => {
            let last = incident.last_update_at.into_iter().chain(incident.acknowledged_at).max()?;
            (policy.client_update.get(p)?, last, resolved)
        }
        ClockKind::Postmortem => (policy.postmortem.get(p)?, resolved?, incident.postmortem_published_at),
        ClockKind::OnSite | ClockKind::InterventionPlanned => return None,
    };
    Some(Definition { target, start, stop })
}

/// The deadline of every clock that applies.
///
/// ```
/// use chrono::{DateTime, Utc};
/// use vigie_engine::{Calendar, Contract, Policy, Priority};
/// use vigie_engine::sla::{deadlines, IncidentTimes};
/// let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
///
/// let mut incident = IncidentTimes::reported(Priority::P2, at("2026-11-27T17:59:00+01:00"));
/// incident.acknowledged_at = Some(at("2026-11-30T09:00:00+01:00"));
/// let d = deadlines(&incident, &Policy::for_contract(Contract::Standard), &Calendar::default()).unwrap();
/// assert_eq!(d.take_charge_due, Some(at("2026-11-30T11:59:00+01:00")));
/// assert_eq!(d.next_update_due, Some(at("2026-11-30T11:00:00+01:00")));
/// assert_eq!(d.on_site_due, None);
/// ```
///
/// # Errors
/// [`Error::NoBusinessTime`] when the calendar never opens.
pub fn deadlines(incident: &IncidentTimes, policy: &Policy, calendar: &Calendar) -> Result<Deadlines> {
    let due = |kind| definition(kind, incident, policy).map(|d| d.target.deadline(d.start, calendar)).transpose();
    Ok(Deadlines {
        take_charge_due: due(ClockKind::TakeCharge)?,
        on_site_due: due(ClockKind::OnSite)?,
        intervention_due: due(ClockKind::InterventionPlanned)?,
        next_update_due: due(ClockKind::ClientUpdate)?,
        postmortem_due: due(ClockKind::Postmortem)?,
    })
}

/// Every clock of an incident at `now`, in the order of [`ClockKind::ALL`].
///
/// ```
/// use chrono::{DateTime, Utc};
/// use vigie_engine::{Calendar, Policy, Priority};
/// use vigie_engine::sla::{clocks, ClockKind, ClockState, IncidentTimes};
/// let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
///
/// // A P2 reported Friday at 17:00; on Saturday its take-charge clock is paused.
/// let incident = IncidentTimes::reported(Priority::P2, at("2026-11-27T17:00:00+01:00"));
/// let all = clocks(&incident, &Policy::default(), &Calendar::default(), at("2026-11-28T12:00:00+01:00")).unwrap();
/// let take_charge = &all[0];
/// assert_eq!(take_charge.kind, ClockKind::TakeCharge);
/// assert_eq!(take_charge.state, ClockState::Running);
/// assert!(take_charge.paused);
/// assert_eq!(take_charge.left_seconds, Some(3 * 3600));
/// assert_eq!(take_charge.resumes_at, Some(at("2026-11-30T08:00:00+01:00")));
/// ```
///
/// # Errors
/// [`Error::NoBusinessTime`] when the calendar never opens.
pub fn clocks(incident: &IncidentTimes, policy: &Policy, calendar: &Calendar, now: DateTime<Utc>) -> Result<Vec<Clock>> {
    ClockKind::ALL.iter().map(|&kind| clock(kind, incident, policy, calendar, now)).collect()
}

/// One clock of an incident at `now`.
///
/// # Errors
/// [`Error::NoBusinessTime`] when the calendar never opens.
pub fn clock(kind: ClockKind, incident: &IncidentTimes, policy: &Policy, calendar: &Calendar, now: DateTime<Utc>) -> Result<Clock> {
    let Some(Definition { target, start, stop }) = definition(kind, incident, policy) else {
        return Ok(Clock::not_applicable(kind));
    };
    let due = target.deadline(start, calendar)?;
    let at_risk_at = target.fraction_point(start, due, policy.at_risk_percent, calendar)?;
    let mut clock = Clock {
        kind,
        state: ClockState::Running,
        target: Some(target),
        started_at: Some(start),
        due: Some(due),
        at_risk_at: Some(at_risk_at),
        ..Clock::not_applicable(kind)
    };
    if let Some(stopped) = stop.filter(|s| *s <= now) {
        clock.state = ClockState::Met;
        clock.met_at = Some(stopped);
        clock.late_by_seconds = Some((stopped - due).num_seconds().max(0));
    } else if now >= due {
        clock.state = ClockState::Breached;
        clock.late_by_seconds = Some((now - due).num_seconds());
    } else {
        clock.state = if now >= at_risk_at { ClockState::AtRisk } else { ClockState::Running };
        clock.left_seconds = Some(target.measure(now, due, calendar)?.num_seconds());
        if target.counts_business_time() && !calendar.is_open(now) {
            clock.paused = true;
            clock.resumes_at = Some(calendar.next_opening(now)?);
        }
    }
    Ok(clock)
}

/// The most urgent open clock: the one whose deadline comes first (breached ones first).
/// The wall display sorts incidents by it.
pub fn most_urgent(clocks: &[Clock]) -> Option<&Clock> {
    clocks.iter().filter(|c| c.is_open()).min_by_key(|c| c.due)
}

/// The next instant at which a clock of the incident changes state on its own (reaches
/// its at-risk point or its deadline) after `now`: when a monitor must look again.
pub fn next_change(clocks: &[Clock], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    clocks
        .iter()
        .filter(|c| c.is_open())
        .flat_map(|c| [c.at_risk_at, c.due])
        .flatten()
        .filter(|t| *t > now)
        .min()
}

/// Parses an RFC 3339 instant with any offset.
///
/// # Errors
/// [`Error::InvalidInstant`].
pub fn parse_instant(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Error::InvalidInstant(s.to_string()))
}

/// Formats a duration in seconds for people: `"12 min"`, `"1 h 05"`, `"24 h 00"`, `"5 j 3 h"`.
///
/// Hours are kept up to 99 h: a business clock's "24 h" left is three working days, and
/// "1 j" would read as one calendar day.
///
/// ```
/// use vigie_engine::sla::format_duration;
/// assert_eq!(format_duration(59), "0 min");
/// assert_eq!(format_duration(3_900), "1 h 05");
/// assert_eq!(format_duration(24 * 3_600), "24 h 00");
/// assert_eq!(format_duration(-(125 * 3_600)), "-5 j 5 h");
/// ```
pub fn format_duration(seconds: i64) -> String {
    let d = TimeDelta::seconds(seconds.abs());
    let (hours, minutes) = (d.num_hours(), d.num_minutes() % 60);
    let sign = if seconds < 0 { "-" } else { "" };
    if hours >= 100 {
        format!("{sign}{} j {} h", d.num_days(), hours % 24)
    } else if hours > 0 {
        format!("{sign}{hours} h {minutes:02}")
    } else {
        format!("{sign}{minutes} min")
    }
}
