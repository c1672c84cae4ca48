//! The shapes of Vigie's JSON API, shared by the server (which writes them) and the browser
//! app (which reads them), so that both sides always agree on every field.

#![deny(missing_docs)]

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use vigie_engine::classify::{Answers, Reason, Symptom, System};
use vigie_engine::communication::{GdprNotice, Resolution};
use vigie_engine::postmortem::{Missing, PostMortem};
use vigie_engine::sla::{Clock, IncidentTimes, NeedChange, PriorityChange};
use vigie_engine::{CalendarSpec, Contract, Policy, Priority};

pub mod admin;
mod event_kind;
pub mod from_json;
mod lessons;
mod oncall;
pub mod reports;

pub use event_kind::EventKind;
pub use from_json::FromJson;
pub use lessons::{Lesson, Proposal, ProposalStatus, ReviewChange, ReviewView};
pub use oncall::{
    NewOnCallException, OnCallChange, OnCallException, OnCallPerson, OnCallRota, OnCallSlot, OnCallSlotView, OnCallWeek,
};

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

/// What a user is: what they may see and do. Serialised as `client`, `technician`,
/// `supervisor`, `admin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A client's user: sees and reports for its own organisation only.
    Client,
    /// A technician on call.
    Technician,
    /// The operations manager (*responsable d'exploitation*).
    Supervisor,
    /// Administers organisations, sites and users.
    Admin,
}

impl Role {
    /// The code used in data.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Client => "client",
            Role::Technician => "technician",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "client" => Ok(Role::Client),
            "technician" => Ok(Role::Technician),
            "supervisor" => Ok(Role::Supervisor),
            "admin" => Ok(Role::Admin),
            other => Err(format!("unknown role {other:?}")),
        }
    }
}

impl Role {
    /// Every member of Vigie's own team is staff; a client's user is not.
    pub fn is_staff(self) -> bool {
        self != Role::Client
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
    /// Identifier.
    pub id: i64,
    /// The reference the client quotes on the phone (`INC-2026-000042`).
    pub reference: String,
    /// The client organisation.
    pub organisation_id: i64,
    /// The organisation's name.
    pub organisation_name: String,
    /// The site.
    pub site_id: i64,
    /// The site's name.
    pub site_name: String,
    /// The site's time zone (IANA name), in which its times are told.
    pub time_zone: String,
    /// Where the report came from.
    pub source: Source,
    /// What the reporter said.
    pub description: String,
    /// The questionnaire's answers, if the reporter gave them.
    pub answers: Option<Answers>,
    /// The priority in effect.
    pub priority: Priority,
    /// The priority the classifier suggested at the report.
    pub suggested_priority: Priority,
    /// The rule of the procedure that decided the suggestion.
    pub rule: String,
    /// Why, in words the client can read.
    pub reasons: Vec<Reason>,
    /// The words of the description that were understood, as written.
    pub matched: Vec<String>,
    /// The text alone could not tell P1 from P2: the suggestion is the more urgent one.
    pub needs_details: bool,
    /// Why staff set a priority other than the suggestion.
    pub override_reason: Option<String>,
    /// The type (`system:symptom`) recurrence is judged on.
    pub incident_type: String,
    /// The organisation's contract when it was reported.
    pub contract: Contract,
    /// Where the incident is in its life.
    pub status: Status,
    /// Whether a technician must go on site.
    pub on_site_required: bool,
    /// When it was reported (or the client called).
    pub reported_at: DateTime<Utc>,
    /// When it was taken in charge.
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// When a technician was dispatched (the P1 on-site promise).
    pub dispatched_at: Option<DateTime<Utc>>,
    /// When a technician arrived on site.
    pub on_site_at: Option<DateTime<Utc>>,
    /// When the P3 intervention was planned, and for when.
    pub intervention_planned_at: Option<DateTime<Utc>>,
    /// The date a P3 intervention is planned for.
    pub intervention_planned_for: Option<DateTime<Utc>>,
    /// Why the intervention is planned after its deadline (the client asked for a later
    /// date…).
    pub intervention_plan_reason: Option<String>,
    /// Every change of priority, oldest first.
    pub priority_changes: Vec<PriorityChange>,
    /// Every change of the on-site need by the staff, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_site_need_changes: Vec<NeedChange>,
    /// When it became known that data was or may have been lost, and what.
    pub data_loss_known_at: Option<DateTime<Utc>>,
    /// What data was or may have been lost.
    pub data_loss_description: Option<String>,
    /// The number to call back, as the reporter gave it.
    #[serde(default)]
    pub callback_phone: Option<String>,
    /// The site's zone the report concerns.
    #[serde(default)]
    pub zone: Option<String>,
    /// The member of staff who owns the incident, if anyone.
    #[serde(default)]
    pub assignee: Option<Assignee>,
    /// The GDPR notice sent to the client, and when.
    pub gdpr_notice: Option<GdprNotice>,
    /// When the GDPR notice went to the client.
    pub gdpr_notice_sent_at: Option<DateTime<Utc>>,
    /// When the last client update was sent.
    pub last_update_at: Option<DateTime<Utc>>,
    /// When it was resolved (cleared again by a reopening).
    pub resolved_at: Option<DateTime<Utc>>,
    /// When it was closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// When the client last reopened the incident after its resolution.
    #[serde(default)]
    pub reopened_at: Option<DateTime<Utc>>,
    /// While resolved and not closed: when it closes by itself if the client neither
    /// confirms the fix nor reopens it.
    #[serde(default)]
    pub closes_at: Option<DateTime<Utc>>,
    /// The client's answer to "how satisfied are you", once closed and answered.
    #[serde(default)]
    pub satisfaction: Option<Satisfaction>,
    /// When a P1's post-mortem was published.
    pub postmortem_published_at: Option<DateTime<Utc>>,
    /// The resolution: root cause, actions, impact on security data.
    pub resolution: Option<Resolution>,
    /// Judged recurrent: a technical review was opened.
    pub recurrent: bool,
    /// The SLA policy the incident was reported under.
    pub policy: Policy,
    /// The site's business calendar, so that the browser computes the same clocks.
    pub calendar: CalendarSpec,
    /// Every clock at the server's now.
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
            dispatched_at: self.dispatched_at,
            on_site_at: self.on_site_at,
            intervention_planned_at: self.intervention_planned_at,
            intervention_planned_for: self.intervention_planned_for,
            last_update_at: self.last_update_at,
            resolved_at: self.resolved_at,
            postmortem_published_at: self.postmortem_published_at,
            priority_changes: self.priority_changes.clone(),
            on_site_need_changes: self.on_site_need_changes.clone(),
            data_loss_known_at: self.data_loss_known_at,
            gdpr_notice_sent_at: self.gdpr_notice_sent_at,
            reopened_at: self.reopened_at,
        }
    }
}

/// The client's satisfaction with how an incident was handled, asked once at its closure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Satisfaction {
    /// 1 (not at all) to 5 (fully satisfied).
    pub score: u8,
    /// What the client added, if anything.
    #[serde(default)]
    pub comment: Option<String>,
    /// When the client answered.
    pub at: DateTime<Utc>,
}

/// `POST /api/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Login {
    /// The login name.
    pub username: String,
    /// The password.
    pub password: String,
}

/// `PUT /api/me/lang`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LangChoice {
    /// `fr` or `en`.
    pub lang: String,
}

/// `POST /api/invitations/accept`: the token of the emailed link and the chosen password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    /// From the link.
    pub token: String,
    /// The password the invited person chose.
    pub password: String,
}

/// The optional note of an action that needs nothing else (`acknowledge`, `dispatch`,
/// `on-site`, `close`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// What the technician adds, if anything.
    #[serde(default)]
    pub note: Option<String>,
}

/// `POST /api/incidents/{id}/updates`: a client update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    /// What the client is told.
    pub message: String,
}

/// `POST /api/incidents/{id}/reclassify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reclassification {
    /// The new priority.
    pub priority: Priority,
    /// Why, as the client is told.
    pub reason: String,
}

/// `POST /api/incidents/{id}/resolve`: every field required (the engine's [`Resolution`]
/// reads older records leniently, a new resolution says everything).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolve {
    /// The root cause.
    pub root_cause: String,
    /// What was done.
    pub actions: String,
    /// The impact on security data (recordings, access logs).
    pub security_data_impact: String,
    /// Whether personal data was lost.
    pub personal_data_lost: bool,
}

/// `POST /api/incidents/{id}/messages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewMessage {
    /// What is said.
    pub text: String,
    /// Staff only: a note the client never sees.
    #[serde(default)]
    pub internal: bool,
}

/// `POST /api/incidents/{id}/satisfaction`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// 1 to 5.
    pub score: u8,
    /// Optional words.
    #[serde(default)]
    pub comment: Option<String>,
}

/// `POST /api/incidents/{id}/reopen`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reopening {
    /// Why the fix does not hold, as the client says it.
    pub reason: String,
}

/// What the reporting page reads of the incident `POST /api/incidents` answers with (an
/// [`IncidentView`]): enough to confirm it and repeat the promise. Reading the whole view
/// would put its every field's parser in the bundle a phone downloads first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reported {
    /// The incident's id.
    pub id: i64,
    /// Its reference, which the client quotes on the phone.
    pub reference: String,
    /// The priority it was recorded with.
    pub priority: Priority,
    /// The site's time zone, in which the promise is told.
    pub time_zone: String,
    /// The deadline of its most urgent running clock (just reported, the take-charge), as
    /// the view writes it (RFC 3339). Kept as text: the browser's own date parser reads it,
    /// which spares the reporting bundle chrono's.
    pub next_due: Option<String>,
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
    /// The number to call back: a P1's take-charge is a call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_phone: Option<String>,
    /// The site's zone it concerns, one of the site's `sensitive_zones`: the zone is then
    /// sensitive for the suggestion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

/// `POST /api/incidents/{id}/assign` (staff): who owns the incident from now; `null` for
/// nobody.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assign {
    /// A member of staff's id, or `None`.
    pub user_id: Option<i64>,
}

/// Who owns an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignee {
    /// The member of staff's id.
    pub id: i64,
    /// Their name, as it was when they were assigned.
    pub name: String,
}

/// A message on an incident, as `GET /api/incidents/{id}/messages` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    /// Its id (the event's).
    pub id: i64,
    /// Who wrote it.
    pub author: String,
    /// Their role.
    pub role: Role,
    /// What they wrote.
    pub text: String,
    /// A note for the team, never shown to a client.
    pub internal: bool,
    /// When.
    pub at: DateTime<Utc>,
}

/// A file attached to an incident (a photo, a PDF), as `POST /api/incidents/{id}/attachments`
/// answers it and `GET /api/incidents/{id}/attachments` lists them; its bytes are at
/// `GET /api/attachments/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// Its id.
    pub id: i64,
    /// The name it was sent with, cleaned (no folder, no control character, at most 200
    /// characters).
    pub name: String,
    /// Its type, judged from its content: `image/jpeg`, `image/png`, `image/webp` or
    /// `application/pdf`.
    pub content_type: String,
    /// Its size in bytes, as stored (an image without its metadata).
    pub size: i64,
    /// When it was attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
    /// Who attached it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// A member of staff, as `GET /api/staff` lists them for assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    /// Identifier.
    pub id: i64,
    /// Name shown.
    pub display_name: String,
    /// Their role (never a client's).
    pub role: Role,
}

/// `POST /api/incidents/{id}/on-site-needed` (staff): whether a technician must go on site,
/// decided during the take-charge call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnSiteNeeded {
    /// Needed or not.
    pub needed: bool,
    /// Why: shown on the timeline.
    pub reason: String,
}

/// `POST /api/incidents/{id}/plan-intervention` (staff): the date of a P3 intervention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanIntervention {
    /// When the technician will come; not in the past.
    pub planned_for: DateTime<FixedOffset>,
    /// Required when the date is after the intervention deadline: why (the client asked for
    /// a later date…).
    #[serde(default)]
    pub reason: Option<String>,
}

/// `POST /api/incidents/{id}/data-loss` (staff): data was or may have been lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataLoss {
    /// When the loss became known; now when absent, never in the future.
    #[serde(default)]
    pub known_at: Option<DateTime<FixedOffset>>,
    /// What was lost.
    pub description: String,
}

/// `POST /api/incidents/{id}/type` (staff): the incident's type corrected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeCorrection {
    /// The system: `video`, `access_control`, `hypervisor`, `intrusion_detection`, `other`.
    pub system: System,
    /// The symptom: `down`, `degraded`, `display`, `slow`, `configuration`.
    pub symptom: Symptom,
    /// Why it is corrected.
    pub reason: String,
}

/// Who the client wants told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    /// The technical contact designated by the client.
    Technical,
    /// The client's management.
    Management,
}

impl ContactKind {
    /// The code used in data.
    pub fn as_str(self) -> &'static str {
        match self {
            ContactKind::Technical => "technical",
            ContactKind::Management => "management",
        }
    }
}

impl FromStr for ContactKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "technical" => Ok(ContactKind::Technical),
            "management" => Ok(ContactKind::Management),
            other => Err(format!("unknown contact type {other:?} (technical or management)")),
        }
    }
}

/// A person at the client to tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Technical contact or management.
    pub kind: ContactKind,
    /// Name.
    pub name: String,
    /// Email address.
    pub email: String,
    /// Mobile phone, E.164 (`+33612345678`), or empty.
    #[serde(default)]
    pub phone: String,
}

/// `GET` and `PUT /api/organisations/{id}/contacts`: the people a client designates to be
/// told of its incidents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    /// Technical contacts and management.
    pub contacts: Vec<Contact>,
}

/// `PUT /api/sites/{id}/technical-contact`: the site's own technical contact, told of the
/// site's incidents instead of the organisation's; `null` for the organisation's. The field
/// must be given, `null` included, so that an empty body never clears it by mistake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteContact {
    /// The contact, of kind `technical`; `null` for none.
    #[serde(deserialize_with = "Option::deserialize")]
    pub contact: Option<Contact>,
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
    /// What the user may see and do.
    pub role: Role,
    /// The organisation of a client user.
    pub organisation_id: Option<i64>,
    /// The user's phone, offered as the number to call back.
    #[serde(default)]
    pub phone: String,
    /// The interface language the user chose (`fr`, `en`), empty until they choose: it
    /// follows them on every device.
    #[serde(default)]
    pub lang: String,
}

impl Me {
    /// The integrator's staff see every client and act on incidents.
    pub fn is_staff(&self) -> bool {
        self.role.is_staff()
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
    /// The SLA policy an incident reported now would be under: the organisation's own,
    /// else the contract's.
    pub policy: Policy,
    /// The site's own technical contact, told instead of the organisation's for this site.
    #[serde(default)]
    pub technical_contact: Option<Contact>,
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
    pub kind: EventKind,
    /// When.
    pub at: DateTime<Utc>,
    /// Who, if a person.
    pub actor_id: Option<i64>,
    /// That person's name, in an incident's timeline (not in the event stream).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_name: Option<String>,
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
