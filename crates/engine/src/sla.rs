//! SLA clocks (procedure §02, §03, §04): every deadline of an incident and its state at a
//! given instant.
//!
//! | clock | starts | stops |
//! |---|---|---|
//! | take charge | report | acknowledgement (a technician called the client) |
//! | on site (P1, if required) | report | dispatch (the intervention *est déclenchée*) |
//! | intervention (P3, if required) | report | technician on site |
//! | client update | take-charge notice, then each update | next update, or resolution |
//! | post-mortem | resolution | post-mortem published |
//! | GDPR notice | data loss known | notice sent to the client |
//!
//! Resolution stops every clock that was still running for the incident. A clock whose own
//! event never came because the incident was resolved first (a P1 fixed remotely before
//! its on-site deadline) is *moot*: not applicable, neither kept nor broken. Resolved after
//! its deadline, it was broken. The client-update clock is the exception: the resolution
//! notice is the last update, so resolution meets it. The GDPR clock is not stopped by
//! resolution: the client must still be told.
//!
//! A reclassification restarts every clock still running, with the new priority's target,
//! from the instant of the change; a clock already stopped stays as it was; a clock the new
//! priority does not have ends there. [`history`] keeps the clocks a reclassification
//! ended, so that a breach recorded before it is never erased.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::{Calendar, Error, Policy, Priority, Result, Target};

/// A change of an incident's priority (*reclassification*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityChange {
    /// When it changed.
    pub at: DateTime<Utc>,
    /// The priority before.
    pub from: Priority,
    /// The priority after.
    pub to: Priority,
}

/// A change of whether a technician must go on site, decided by the staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedChange {
    /// When it changed.
    pub at: DateTime<Utc>,
    /// Whether a technician must go on site from then on.
    pub needed: bool,
}

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
    /// Every change of the on-site need, oldest first; `on_site_required` is the last one's
    /// `needed`. A clock the need no longer asks for keeps, in [`history`], what it was
    /// when the need was cleared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_site_need_changes: Vec<NeedChange>,
    /// When the incident was taken in charge.
    #[serde(default)]
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// When a technician was dispatched to the site (*intervention déclenchée*).
    #[serde(default)]
    pub dispatched_at: Option<DateTime<Utc>>,
    /// When a technician arrived on site.
    #[serde(default)]
    pub on_site_at: Option<DateTime<Utc>>,
    /// When the intervention was planned (the instant of planning).
    #[serde(default)]
    pub intervention_planned_at: Option<DateTime<Utc>>,
    /// The date the intervention is planned for.
    #[serde(default)]
    pub intervention_planned_for: Option<DateTime<Utc>>,
    /// When the last client update was sent.
    #[serde(default)]
    pub last_update_at: Option<DateTime<Utc>>,
    /// When the incident was resolved.
    #[serde(default)]
    pub resolved_at: Option<DateTime<Utc>>,
    /// When the post-mortem was published.
    #[serde(default)]
    pub postmortem_published_at: Option<DateTime<Utc>>,
    /// Every change of priority, oldest first; `priority` is the last one's `to`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priority_changes: Vec<PriorityChange>,
    /// When it became known that data was or may have been lost.
    #[serde(default)]
    pub data_loss_known_at: Option<DateTime<Utc>>,
    /// When the GDPR notice was sent to the client.
    #[serde(default)]
    pub gdpr_notice_sent_at: Option<DateTime<Utc>>,
    /// When the client last reopened the incident after its resolution: the work, and the
    /// client updates' cadence, start again from there.
    #[serde(default)]
    pub reopened_at: Option<DateTime<Utc>>,
}

impl IncidentTimes {
    /// A new incident, reported at `reported_at`, nothing done yet.
    pub fn reported(priority: Priority, reported_at: DateTime<Utc>) -> Self {
        IncidentTimes {
            priority,
            reported_at,
            on_site_required: false,
            on_site_need_changes: Vec::new(),
            acknowledged_at: None,
            dispatched_at: None,
            on_site_at: None,
            intervention_planned_at: None,
            intervention_planned_for: None,
            last_update_at: None,
            resolved_at: None,
            postmortem_published_at: None,
            priority_changes: Vec::new(),
            data_loss_known_at: None,
            gdpr_notice_sent_at: None,
            reopened_at: None,
        }
    }

    /// The priority in effect at `at`, and since when: the report, or the last change at or
    /// before `at`.
    ///
    /// ```
    /// use chrono::{DateTime, Utc};
    /// use vigie_engine::Priority;
    /// use vigie_engine::sla::{IncidentTimes, PriorityChange};
    /// let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
    /// let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T10:00:00Z"));
    /// incident.priority_changes.push(PriorityChange { at: at("2026-11-27T12:00:00Z"), from: Priority::P3, to: Priority::P1 });
    /// assert_eq!(incident.priority_at(at("2026-11-27T11:00:00Z")), (Priority::P3, at("2026-11-27T10:00:00Z")));
    /// assert_eq!(incident.priority_at(at("2026-11-27T13:00:00Z")), (Priority::P1, at("2026-11-27T12:00:00Z")));
    /// ```
    pub fn priority_at(&self, at: DateTime<Utc>) -> (Priority, DateTime<Utc>) {
        let first = self.priority_changes.first().map_or(self.priority, |c| c.from);
        self.priority_changes
            .iter()
            .take_while(|c| c.at <= at)
            .last()
            .map_or((first, self.reported_at), |c| (c.to, c.at))
    }

    /// Whether a technician had to go on site at `at`: the last change at or before it, or
    /// before any change the opposite of the first one.
    ///
    /// ```
    /// use chrono::{DateTime, Utc};
    /// use vigie_engine::Priority;
    /// use vigie_engine::sla::{IncidentTimes, NeedChange};
    /// let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
    /// let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T10:00:00Z"));
    /// incident.on_site_need_changes.push(NeedChange { at: at("2026-11-27T12:00:00Z"), needed: true });
    /// incident.on_site_required = true;
    /// assert!(!incident.on_site_required_at(at("2026-11-27T11:00:00Z")));
    /// assert!(incident.on_site_required_at(at("2026-11-27T13:00:00Z")));
    /// ```
    pub fn on_site_required_at(&self, at: DateTime<Utc>) -> bool {
        let first = self.on_site_need_changes.first().map_or(self.on_site_required, |c| !c.needed);
        self.on_site_need_changes.iter().take_while(|c| c.at <= at).last().map_or(first, |c| c.needed)
    }
}

/// The clocks of an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockKind {
    /// Take charge (*prise en charge*).
    TakeCharge,
    /// On-site intervention triggered (*intervention sur site déclenchée*, P1).
    OnSite,
    /// Intervention carried out (*intervention planifiée*, P3): stops at the arrival.
    InterventionPlanned,
    /// Next client update (*mise à jour client*).
    ClientUpdate,
    /// Post-mortem.
    Postmortem,
    /// GDPR notice to the client after a data loss (*information RGPD*).
    GdprNotice,
    /// A technical review of a recurring incident (*revue technique approfondie*): a clock of
    /// the review, see [`review_clock`], not of the incident.
    TechnicalReview,
}

impl ClockKind {
    /// Every clock of an incident, in the order of its life.
    pub const ALL: [ClockKind; 6] = [
        ClockKind::TakeCharge,
        ClockKind::OnSite,
        ClockKind::InterventionPlanned,
        ClockKind::ClientUpdate,
        ClockKind::Postmortem,
        ClockKind::GdprNotice,
    ];

    /// The code used in data (`"take_charge"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ClockKind::TakeCharge => "take_charge",
            ClockKind::OnSite => "on_site",
            ClockKind::InterventionPlanned => "intervention_planned",
            ClockKind::ClientUpdate => "client_update",
            ClockKind::Postmortem => "postmortem",
            ClockKind::GdprNotice => "gdpr_notice",
            ClockKind::TechnicalReview => "technical_review",
        }
    }

    /// What the clock promises, in French and in English, as every screen, email and
    /// report names it: one name per clock wherever a client or the staff reads it.
    ///
    /// ```
    /// use vigie_engine::sla::ClockKind;
    /// assert_eq!(ClockKind::OnSite.names(), ("Départ d'un technicien sur site", "Technician dispatched on site"));
    /// ```
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            ClockKind::TakeCharge => ("Prise en charge", "Take charge"),
            ClockKind::OnSite => ("Départ d'un technicien sur site", "Technician dispatched on site"),
            ClockKind::InterventionPlanned => ("Planification de l'intervention", "Intervention planned"),
            ClockKind::ClientUpdate => ("Point d'avancement", "Client update"),
            ClockKind::Postmortem => ("Post-mortem", "Post-mortem"),
            ClockKind::GdprNotice => ("Information RGPD du client", "GDPR notice to the client"),
            ClockKind::TechnicalReview => ("Revue technique", "Technical review"),
        }
    }
}

/// The state of a clock at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// Running, with less than the at-risk share of its time used.
    Running,
    /// Running, with the at-risk share of its time used (75 % by default), or bound to miss
    /// its deadline (an intervention planned after it).
    AtRisk,
    /// The deadline has passed and the clock has not stopped.
    Breached,
    /// Stopped: the promise was kept, or late (see [`Clock::late_by_seconds`]).
    Met,
    /// The clock does not apply to this incident (priority, contract, no on-site need, not
    /// yet started, made moot by the resolution, ended by a reclassification).
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
    /// Not applicable because the incident was resolved before the clock's own event and
    /// before its deadline: neither kept nor broken.
    #[serde(default)]
    pub moot: bool,
    /// For a clock of [`history`]: the reclassification that ended it. Its state is the one
    /// it had at that instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reclassified_at: Option<DateTime<Utc>>,
    /// For a clock of [`history`]: when the staff decided no technician had to go on site
    /// any more. Its state is the one it had at that instant: kept or broken before, it
    /// stays so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_cleared_at: Option<DateTime<Utc>>,
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
            moot: false,
            reclassified_at: None,
            need_cleared_at: None,
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

/// What stops a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// Its own event.
    Own(DateTime<Utc>),
    /// The resolution, before its own event: the clock is moot if its deadline had not
    /// passed.
    Resolution(DateTime<Utc>),
    /// The resolution, which counts as the clock's own event (the last client update).
    ResolutionMeets(DateTime<Utc>),
}

impl Stop {
    fn at(self) -> DateTime<Utc> {
        match self {
            Stop::Own(t) | Stop::Resolution(t) | Stop::ResolutionMeets(t) => t,
        }
    }
}

/// Where a clock starts, what it allows and what stops it; `None` when it does not apply.
struct Definition {
    target: Target,
    start: DateTime<Utc>,
    stop: Option<Stop>,
}

/// The first of the clock's own event and the resolution.
fn first_of(own: Option<DateTime<Utc>>, resolved: Option<DateTime<Utc>>) -> Option<Stop> {
    match (own, resolved) {
        (Some(own), Some(resolved)) if resolved < own => Some(Stop::Resolution(resolved)),
        (Some(own), _) => Some(Stop::Own(own)),
        (None, resolved) => resolved.map(Stop::Resolution),
    }
}

/// What stops a clock, whatever the priority.
fn stop(kind: ClockKind, incident: &IncidentTimes) -> Option<Stop> {
    let resolved = incident.resolved_at;
    match kind {
        ClockKind::TakeCharge => first_of(incident.acknowledged_at, resolved),
        // A technician on site was dispatched no later than the arrival: an incident
        // recorded before dispatches were, or whose dispatch nobody recorded, counts the
        // arrival.
        ClockKind::OnSite => first_of(incident.dispatched_at.into_iter().chain(incident.on_site_at).min(), resolved),
        ClockKind::InterventionPlanned => first_of(incident.on_site_at, resolved),
        ClockKind::ClientUpdate => resolved.map(Stop::ResolutionMeets),
        ClockKind::Postmortem => incident.postmortem_published_at.map(Stop::Own),
        ClockKind::GdprNotice => incident.gdpr_notice_sent_at.map(Stop::Own),
        ClockKind::TechnicalReview => None,
    }
}

/// The clock as it would be under `priority`, counted at the earliest from `since` (the
/// report, or the reclassification that set the priority), with or without a technician
/// needed on site.
fn definition(
    kind: ClockKind,
    incident: &IncidentTimes,
    policy: &Policy,
    (priority, since): (Priority, DateTime<Utc>),
    on_site_required: bool,
) -> Option<Definition> {
    let p = priority;
    let (target, start) = match kind {
        ClockKind::TakeCharge => (policy.take_charge.get(p)?, incident.reported_at),
        ClockKind::OnSite if on_site_required => (policy.on_site.get(p)?, incident.reported_at),
        ClockKind::InterventionPlanned if on_site_required => {
            (policy.intervention_planned.get(p)?, incident.reported_at)
        }
        ClockKind::ClientUpdate => {
            let last = incident
                .last_update_at
                .into_iter()
                .chain(incident.acknowledged_at)
                .chain(incident.reopened_at)
                .max()?;
            (policy.client_update.get(p)?, last)
        }
        ClockKind::Postmortem => (policy.postmortem.get(p)?, incident.resolved_at?),
        // The client must be told whatever the priority and whatever it becomes.
        ClockKind::GdprNotice => {
            let known = incident.data_loss_known_at?;
            return Some(Definition { target: policy.gdpr_notice, start: known, stop: stop(kind, incident) });
        }
        ClockKind::OnSite | ClockKind::InterventionPlanned | ClockKind::TechnicalReview => return None,
    };
    Some(Definition { target, start: start.max(since), stop: stop(kind, incident) })
}

/// The priority that governs a clock and since when: the one in effect when the clock
/// stopped, or at `now` while it runs. A clock stopped before a reclassification keeps the
/// priority it stopped under.
fn governing(kind: ClockKind, incident: &IncidentTimes, now: DateTime<Utc>) -> (Priority, DateTime<Utc>) {
    let at = stop(kind, incident).map_or(now, |s| s.at().min(now));
    incident.priority_at(at)
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
    let (p, since) = incident.priority_at(DateTime::<Utc>::MAX_UTC);
    let need = incident.on_site_required;
    let due = |kind| {
        definition(kind, incident, policy, (p, since), need).map(|d| d.target.deadline(d.start, calendar)).transpose()
    };
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
pub fn clocks(
    incident: &IncidentTimes,
    policy: &Policy,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Result<Vec<Clock>> {
    ClockKind::ALL.iter().map(|&kind| clock(kind, incident, policy, calendar, now)).collect()
}

/// One clock of an incident at `now`.
///
/// # Errors
/// [`Error::NoBusinessTime`] when the calendar never opens.
pub fn clock(
    kind: ClockKind,
    incident: &IncidentTimes,
    policy: &Policy,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Result<Clock> {
    let governing = governing(kind, incident, now);
    evaluate(
        kind,
        definition(kind, incident, policy, governing, incident.on_site_required),
        incident,
        policy,
        calendar,
        now,
    )
}

/// Every clock an incident has had up to `now`: first those a reclassification ended, each
/// as it stood at that instant (with [`Clock::reclassified_at`]), then the clocks of
/// [`clocks`]. A breach before a reclassification stays a breach here whatever the
/// priority became: the monthly report reads this.
///
/// # Errors
/// [`Error::NoBusinessTime`] when the calendar never opens.
pub fn history(
    incident: &IncidentTimes,
    policy: &Policy,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Result<Vec<(Priority, Clock)>> {
    let mut out = Vec::new();
    for change in incident.priority_changes.iter().filter(|c| c.at <= now) {
        let (before, since) = incident.priority_at(change.at - TimeDelta::milliseconds(1));
        let need = incident.on_site_required_at(change.at - TimeDelta::milliseconds(1));
        for kind in ClockKind::ALL {
            if kind == ClockKind::GdprNotice {
                continue;
            }
            let Some(d) = definition(kind, incident, policy, (before, since), need) else { continue };
            // Only a clock that ran across the change was ended by it.
            if d.start > change.at || d.stop.is_some_and(|s| s.at() <= change.at) {
                continue;
            }
            let mut ended = evaluate(kind, Some(d), incident, policy, calendar, change.at)?;
            ended.reclassified_at = Some(change.at);
            out.push((before, ended));
        }
    }
    // The need cleared, and not set again: the on-site clocks it ended as they stood then,
    // so that a promise kept or broken before stays what it was.
    let cleared =
        incident.on_site_need_changes.last().filter(|c| !c.needed && c.at <= now && !incident.on_site_required);
    if let Some(change) = cleared {
        for kind in [ClockKind::OnSite, ClockKind::InterventionPlanned] {
            let at = stop(kind, incident).map_or(change.at, |s| s.at().min(change.at));
            let governing = incident.priority_at(at);
            let Some(d) = definition(kind, incident, policy, governing, true) else { continue };
            if d.start > change.at {
                continue;
            }
            let mut ended = evaluate(kind, Some(d), incident, policy, calendar, change.at)?;
            ended.need_cleared_at = Some(change.at);
            out.push((governing.0, ended));
        }
    }
    for kind in ClockKind::ALL {
        let (priority, _) = governing(kind, incident, now);
        out.push((priority, clock(kind, incident, policy, calendar, now)?));
    }
    Ok(out)
}

/// The state at `now` of a clock so defined.
fn evaluate(
    kind: ClockKind,
    definition: Option<Definition>,
    incident: &IncidentTimes,
    policy: &Policy,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Result<Clock> {
    let Some(Definition { target, start, stop }) = definition else {
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
    match stop.filter(|s| s.at() <= now) {
        Some(Stop::Resolution(stopped)) if stopped <= due => {
            clock.state = ClockState::NotApplicable;
            clock.moot = true;
            clock.met_at = Some(stopped);
        }
        Some(stopped) => {
            let stopped = stopped.at();
            clock.state = ClockState::Met;
            clock.met_at = Some(stopped);
            clock.late_by_seconds = Some((stopped - due).num_seconds().max(0));
        }
        None if now >= due => {
            clock.state = ClockState::Breached;
            clock.late_by_seconds = Some((now - due).num_seconds());
        }
        None => {
            // An intervention planned after its deadline will miss it: at risk from the
            // moment it was planned.
            if let (ClockKind::InterventionPlanned, Some(planned_at), Some(planned_for)) =
                (kind, incident.intervention_planned_at, incident.intervention_planned_for)
            {
                if planned_for > due && planned_at < at_risk_at {
                    clock.at_risk_at = Some(planned_at.max(start));
                }
            }
            clock.state =
                if clock.at_risk_at.is_some_and(|t| now >= t) { ClockState::AtRisk } else { ClockState::Running };
            clock.left_seconds = Some(target.measure(now, due, calendar)?.num_seconds());
            if target.counts_business_time() && !calendar.is_open(now) {
                clock.paused = true;
                clock.resumes_at = Some(calendar.next_opening(now)?);
            }
        }
    }
    Ok(clock)
}

/// The clock of a technical review: from its opening to its closure, with the policy's
/// `technical_review` target (20 business days by default).
///
/// ```
/// use chrono::{DateTime, Utc};
/// use vigie_engine::{Calendar, Policy};
/// use vigie_engine::sla::{review_clock, ClockState};
/// let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
/// let c = review_clock(at("2026-11-27T10:00:00+01:00"), None, &Policy::default(), &Calendar::default(), at("2026-11-30T10:00:00+01:00")).unwrap();
/// assert_eq!(c.due, Some(at("2026-12-28T18:00:00+01:00")));
/// assert_eq!(c.state, ClockState::Running);
/// ```
///
/// # Errors
/// [`Error::NoBusinessTime`] when the calendar never opens.
pub fn review_clock(
    opened_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    policy: &Policy,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Result<Clock> {
    let definition = Definition { target: policy.technical_review, start: opened_at, stop: closed_at.map(Stop::Own) };
    let no_incident = IncidentTimes::reported(Priority::P3, opened_at);
    evaluate(ClockKind::TechnicalReview, Some(definition), &no_incident, policy, calendar, now)
}

/// The most urgent open clock: the one whose deadline comes first (breached ones first).
/// The wall display sorts incidents by it.
pub fn most_urgent(clocks: &[Clock]) -> Option<&Clock> {
    clocks.iter().filter(|c| c.is_open()).min_by_key(|c| c.due)
}

/// When a broken promise must reach the integrator's second level: `delay` (the policy's
/// [`escalation`](crate::Policy::escalation) for the incident's priority) after the deadline
/// the clock broke, in the delay's own kind of time. `None` when the clock is not breached
/// at the instant it was computed, or the priority does not escalate.
///
/// ```
/// use chrono::{DateTime, Utc};
/// use vigie_engine::sla::{self, ClockKind, IncidentTimes};
/// use vigie_engine::{Calendar, Policy, Priority};
/// let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
/// let (policy, calendar) = (Policy::default(), Calendar::default());
/// let times = IncidentTimes::reported(Priority::P1, at("2026-11-27T08:00:00Z"));
/// let clock = sla::clock(ClockKind::TakeCharge, &times, &policy, &calendar, at("2026-11-27T09:10:00Z")).unwrap();
/// // Taken in charge by 09:00, broken; still open at 09:30, the second level is told.
/// let due = sla::escalation_due(&clock, policy.escalation.get(Priority::P1), &calendar).unwrap();
/// assert_eq!(due, Some(at("2026-11-27T09:30:00Z")));
/// ```
///
/// # Errors
/// [`Error::NoBusinessTime`](crate::Error::NoBusinessTime) when a business delay cannot be
/// counted on `calendar`.
pub fn escalation_due(clock: &Clock, delay: Option<Target>, calendar: &Calendar) -> Result<Option<DateTime<Utc>>> {
    match (clock.state, clock.due, delay) {
        (ClockState::Breached, Some(due), Some(delay)) => delay.deadline(due, calendar).map(Some),
        _ => Ok(None),
    }
}

/// The next instant at which a clock of the incident changes state on its own (reaches
/// its at-risk point or its deadline) after `now`: when a monitor must look again.
pub fn next_change(clocks: &[Clock], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    clocks.iter().filter(|c| c.is_open()).flat_map(|c| [c.at_risk_at, c.due]).flatten().filter(|t| *t > now).min()
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
