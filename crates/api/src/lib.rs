//! The shapes of Vigie's JSON API, shared by the server (which writes them) and the browser
//! app (which reads them), so that both sides always agree on every field.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use vigie_engine::classify::{Answers, Reason};
use vigie_engine::communication::Resolution;
use vigie_engine::postmortem::{Missing, PostMortem};
use vigie_engine::sla::{Clock, IncidentTimes};
use vigie_engine::{CalendarSpec, Contract, Policy, Priority};

/// Where an incident comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The client reported it in the portal.
    ClientPortal,
    /// A supervision tool detected it.
    Supervision,
    /// The client called; staff reported it.
    Phone,
}

impl Source {
    /// The code used in data.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::ClientPortal => "client_portal",
            Source::Supervision => "supervision",
            Source::Phone => "phone",
        }
    }
}

impl std::str::FromStr for Source {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "client_portal" => Ok(Source::ClientPortal),
            "supervision" => Ok(Source::Supervision),
            "phone" => Ok(Source::Phone),
            other => Err(format!("unknown source {other:?}")),
        }
    }
}

/// Where an incident is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Reported, not yet taken in charge.
    Open,
    /// Taken in charge.
    Acknowledged,
    /// A technician is on site.
    OnSite,
    /// Resolved, not closed.
    Resolved,
    /// Closed.
    Closed,
}

/// An incident as the API shows it, with its clocks at the server's now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentView {
    pub id: i64,
    pub reference: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub site_id: i64,
    pub site_name: String,
    pub time_zone: String,
    pub source: Source,
    pub description: String,
    pub answers: Option<Answers>,
    pub priority: Priority,
    pub suggested_priority: Priority,
    pub rule: String,
    pub reasons: Vec<Reason>,
    pub matched: Vec<String>,
    pub needs_details: bool,
    pub override_reason: Option<String>,
    pub incident_type: String,
    pub contract: Contract,
    pub status: Status,
    pub on_site_required: bool,
    pub reported_at: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub on_site_at: Option<DateTime<Utc>>,
    pub last_update_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub postmortem_published_at: Option<DateTime<Utc>>,
    pub resolution: Option<Resolution>,
    pub recurrent: bool,
    /// The SLA policy the incident was reported under.
    pub policy: Policy,
    /// The site's business calendar, so that the browser computes the same clocks.
    pub calendar: CalendarSpec,
    pub clocks: Vec<Clock>,
    /// The deadline of the most urgent running clock: what the wall sorts by.
    pub next_due: Option<DateTime<Utc>>,
    /// The instant the clocks were computed at.
    pub computed_at: DateTime<Utc>,
}

impl IncidentView {
    /// What the incident's clocks depend on, for computing them again (in the browser).
    pub fn times(&self) -> IncidentTimes {
        IncidentTimes {
            priority: self.priority,
            reported_at: self.reported_at,
            on_site_required: self.on_site_required,
            acknowledged_at: self.acknowledged_at,
            on_site_at: self.on_site_at,
            intervention_planned_at: None,
            last_update_at: self.last_update_at,
            resolved_at: self.resolved_at,
            postmortem_published_at: self.postmortem_published_at,
        }
    }
}

/// `POST /api/incidents`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewIncident {
    /// The site.
    pub site_id: i64,
    /// What the person says.
    pub description: String,
    /// The questionnaire.
    #[serde(default)]
    pub answers: Option<Answers>,
    /// Whether a technician must go on site.
    #[serde(default)]
    pub on_site_required: Option<bool>,
    /// Staff only: the priority, overriding the suggestion.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Staff only: why the priority differs from the suggestion.
    #[serde(default)]
    pub priority_reason: Option<String>,
    /// Staff only: `phone` (default for staff) or `supervision`.
    #[serde(default)]
    pub source: Option<Source>,
    /// Staff only: when the client called, if earlier than now.
    #[serde(default)]
    pub reported_at: Option<DateTime<FixedOffset>>,
}

/// A logged-in user, as `GET /api/me` and `POST /api/login` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// Identifier.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// `client`, `technician`, `supervisor` or `admin`.
    pub role: String,
    /// The organisation of a client user.
    pub organisation_id: Option<i64>,
}

impl Me {
    /// The integrator's staff see every client and act on incidents.
    pub fn is_staff(&self) -> bool {
        self.role != "client"
    }
}

/// A site, as `GET /api/sites` answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteView {
    /// Identifier.
    pub id: i64,
    /// Its organisation.
    pub organisation_id: i64,
    /// The organisation's name.
    pub organisation_name: String,
    /// The organisation's contract.
    pub contract: Contract,
    /// Name.
    pub name: String,
    /// Postal address.
    pub address: String,
    /// Business calendar.
    pub calendar: CalendarSpec,
    /// Zones the questionnaire offers.
    pub sensitive_zones: Vec<String>,
}

/// One entry of an incident's timeline, and of the event stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    /// Its id, also the SSE id.
    pub id: i64,
    /// The incident, if any.
    pub incident_id: Option<i64>,
    /// The organisation.
    pub organisation_id: Option<i64>,
    /// What happened.
    pub kind: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Who, if a person.
    pub actor_id: Option<i64>,
    /// Details.
    pub data: serde_json::Value,
}

/// A post-mortem, as `GET /api/postmortems/{id}` answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostMortemView {
    /// Identifier.
    pub id: i64,
    /// The P1 incident it is about.
    pub incident_id: i64,
    /// The incident's reference.
    pub reference: String,
    /// The client organisation.
    pub organisation_id: i64,
    /// `draft` or `published`.
    pub status: String,
    /// The document.
    pub document: PostMortem,
    /// What the engine's check finds missing (empty when it can be published).
    pub missing: Vec<Missing>,
    /// When it is due: the end of the 5th business day after the resolution.
    pub due_at: DateTime<Utc>,
    /// When it was shared with the client.
    pub published_at: Option<DateTime<Utc>>,
}
