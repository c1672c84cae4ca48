//! What is learned from incidents (procedure §04): the technical reviews that recurrent
//! incidents open, the preventive investment each proposes to the client, and the lessons
//! of published post-mortems that staff search.
//!
//! The server writes the views with serde; the back office reads them with
//! [`FromJson`](crate::FromJson) (see [`crate::from_json`] for why not a derived parser).

use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use vigie_engine::policy::Target;
use vigie_engine::sla::{Clock, ClockKind, ClockState};

use crate::{from_json, from_json_by_serde, from_json_by_str};

from_json_by_str!(ProposalStatus);
// Small enums and the policy's target, read through their own serde; the clock itself by
// its fields, which costs the bundle a fraction of its derived parser.
from_json_by_serde!(ClockKind, ClockState, Target);
from_json!(Clock {
    kind,
    state,
    target,
    started_at,
    due,
    at_risk_at,
    met_at,
    left_seconds,
    late_by_seconds,
    paused,
    resumes_at,
    moot,
    reclassified_at,
    need_cleared_at
});

/// A technical review of a recurring incident, as `GET /api/reviews` answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewView {
    /// Identifier.
    pub id: i64,
    /// The incident that recurred.
    pub incident_id: i64,
    /// Its reference.
    pub reference: String,
    /// Its organisation.
    pub organisation_id: i64,
    /// The site.
    pub site_id: i64,
    /// The incident type that recurred.
    pub incident_type: String,
    /// The earlier incidents of the same type on the site.
    pub related: Vec<String>,
    /// `open`, `in_progress` or `done`.
    pub status: String,
    /// The staff user in charge.
    pub owner_id: Option<i64>,
    /// Their name.
    pub owner_name: Option<String>,
    /// What the review found.
    pub findings: Option<String>,
    /// The preventive investment proposed, once written.
    pub proposal: Option<Proposal>,
    /// When it was opened.
    pub created_at: DateTime<Utc>,
    /// When it was closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// Its clock: due date, state.
    pub clock: Clock,
}

/// `PUT /api/reviews/{id}` (staff): every field optional, only those given change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewChange {
    /// The staff user in charge.
    #[serde(default)]
    pub owner_id: Option<i64>,
    /// `open`, `in_progress` or `done`.
    #[serde(default)]
    pub status: Option<String>,
    /// What the review found; required to close it.
    #[serde(default)]
    pub findings: Option<String>,
}

/// `PUT /api/reviews/{id}/proposal` (staff): the preventive investment a technical review
/// proposes to the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    /// What would prevent the incident from recurring.
    pub description: String,
    /// Its estimated cost, in euros excluding VAT; not negative.
    pub estimated_cost_eur: i64,
    /// Where the proposal stands with the client.
    pub status: ProposalStatus,
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    /// Proposed to the client.
    Proposed,
    /// Accepted by the client.
    Accepted,
    /// Declined by the client.
    Declined,
}

impl ProposalStatus {
    /// The code used in data.
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Proposed => "proposed",
            ProposalStatus::Accepted => "accepted",
            ProposalStatus::Declined => "declined",
        }
    }
}

impl FromStr for ProposalStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "proposed" => Ok(ProposalStatus::Proposed),
            "accepted" => Ok(ProposalStatus::Accepted),
            "declined" => Ok(ProposalStatus::Declined),
            other => Err(format!("unknown proposal status {other:?}")),
        }
    }
}
from_json!(Proposal { description, estimated_cost_eur, status });
from_json!(ReviewView {
    id,
    incident_id,
    reference,
    organisation_id,
    site_id,
    incident_type,
    related,
    status,
    owner_id,
    owner_name,
    findings,
    proposal,
    created_at,
    closed_at,
    clock
});

/// A lesson of a published post-mortem, as `GET /api/lessons` lists them for staff. The
/// client and site are left out when the client shares its lessons anonymised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lesson {
    /// Identifier.
    pub id: i64,
    /// The system that failed (`video`, `access_control`, …).
    pub system: String,
    /// How it failed (`down`, `degraded`, …).
    pub symptom: String,
    /// What happened, names scrubbed.
    pub what_happened: String,
    /// Its root cause.
    pub root_cause: String,
    /// What prevents it from happening again.
    pub prevention: String,
    /// The client's name, unless anonymised.
    pub client_name: Option<String>,
    /// The site's name, unless anonymised.
    pub site_name: Option<String>,
    /// When the lesson was recorded.
    pub created_at: DateTime<Utc>,
}
from_json!(Lesson { id, system, symptom, what_happened, root_cause, prevention, client_name, site_name, created_at });

#[cfg(test)]
mod tests {
    use serde_json::json;
    use vigie_engine::sla::{ClockKind, ClockState};

    use super::*;
    use crate::FromJson;

    #[test]
    fn a_review_and_a_lesson_read_back_as_serde_writes_them() {
        let at: DateTime<Utc> = "2026-03-02T09:00:00Z".parse().unwrap();
        let clock: Clock = serde_json::from_value(json!({
            "kind": "technical_review", "state": "running", "target": null, "started_at": at, "due": at,
            "at_risk_at": null, "met_at": null, "left_seconds": 3600, "late_by_seconds": null,
            "paused": false, "resumes_at": null,
        }))
        .unwrap();
        assert_eq!((clock.kind, clock.state), (ClockKind::TechnicalReview, ClockState::Running));
        let review = ReviewView {
            id: 3,
            incident_id: 12,
            reference: "INC-2026-0012".into(),
            organisation_id: 1,
            site_id: 2,
            incident_type: "video/down".into(),
            related: vec!["INC-2026-0004".into()],
            status: "in_progress".into(),
            owner_id: Some(5),
            owner_name: Some("Léa".into()),
            findings: None,
            proposal: Some(Proposal {
                description: "Onduleur".into(),
                estimated_cost_eur: 1200,
                status: ProposalStatus::Accepted,
            }),
            created_at: at,
            closed_at: None,
            clock,
        };
        let written = serde_json::to_value(&review).unwrap();
        assert_eq!(ReviewView::from_json(&written), Ok(review));
        let lesson = Lesson {
            id: 1,
            system: "video".into(),
            symptom: "down".into(),
            what_happened: "Switch".into(),
            root_cause: "Alimentation".into(),
            prevention: "Onduleur".into(),
            client_name: None,
            site_name: None,
            created_at: at,
        };
        assert_eq!(Lesson::from_json(&serde_json::to_value(&lesson).unwrap()), Ok(lesson));
        let wrong = json!({ "description": "x", "estimated_cost_eur": 1, "status": "maybe" });
        assert_eq!(Proposal::from_json(&wrong), Err(".status: unknown proposal status \"maybe\"".to_string()));
    }
}
