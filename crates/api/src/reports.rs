//! The SLA compliance report (`GET /api/reports/sla`): per organisation and month, the
//! incidents by priority and source, the promises kept on time, every breach, the
//! recurrent incidents and what the client answered at the closures.
//!
//! The server writes it with serde; the back office reads it with
//! [`FromJson`](crate::FromJson) (see [`crate::from_json`] for why not a derived parser).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use vigie_engine::sla::ClockKind;
use vigie_engine::Priority;

use crate::{from_json, FromJson};

/// Read by its code among [`Priority::ALL`], which keeps the engine's error messages out of
/// the back office's bundle.
impl FromJson for Priority {
    fn from_json(value: &serde_json::Value) -> Result<Self, String> {
        let code = String::from_json(value)?;
        Priority::ALL.into_iter().find(|p| p.as_str() == code).ok_or_else(|| format!("unknown priority {code:?}"))
    }
}

/// A ratio of promises kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Kept {
    /// Promises kept on time.
    pub on_time: u32,
    /// Promises that applied.
    pub total: u32,
    /// `on_time / total` in percent, `None` when nothing applied.
    pub percent: Option<f64>,
}

/// A promise broken.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breach {
    /// The incident.
    pub reference: String,
    /// Its id, for a link to it.
    pub incident_id: i64,
    /// Its priority.
    pub priority: Priority,
    /// Which promise.
    pub clock: ClockKind,
    /// When it was due.
    pub due: DateTime<Utc>,
    /// How late, in seconds (still running: until the report was made).
    pub late_by_seconds: i64,
    /// When the breach, still open past the policy's delay, reached the integrator's second
    /// level; `None` when it did not.
    pub escalated_at: Option<DateTime<Utc>>,
}

/// A recurrent incident of the month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recurrent {
    /// Its reference.
    pub reference: String,
    /// Its id, for a link to it.
    pub id: i64,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlaReport {
    /// The organisation.
    pub organisation_id: i64,
    /// `YYYY-MM`.
    pub month: String,
    /// Incidents reported in the month, by priority.
    pub by_priority: BTreeMap<String, u32>,
    /// By source (`client_portal`, `supervision`, `phone`).
    pub by_source: BTreeMap<String, u32>,
    /// Take charge on time.
    pub take_charge: Kept,
    /// P1: a technician dispatched on time.
    pub on_site: Kept,
    /// P3: the planned intervention carried out on time.
    pub interventions: Kept,
    /// Client updates on time (each update due, from the take-charge notice on).
    pub client_updates: Kept,
    /// Post-mortems published on time.
    pub postmortems: Kept,
    /// GDPR notices sent to the client on time after a data loss.
    pub gdpr_notices: Kept,
    /// Every broken promise.
    pub breaches: Vec<Breach>,
    /// The recurrent incidents.
    pub recurrent: Vec<Recurrent>,
    /// Incidents the client reopened after their resolution: the fix did not hold.
    pub reopened: u32,
    /// What the client answered at the closures.
    pub satisfaction: SatisfactionSummary,
}

/// The clients' answers to "how satisfied are you", over the month's incidents.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SatisfactionSummary {
    /// How many answered.
    pub count: u32,
    /// Their average score (1 to 5), when anyone answered.
    pub average: Option<f64>,
    /// Each answer with words, for the staff only (empty for a client's user).
    pub comments: Vec<SatisfactionComment>,
}

/// One answer with words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SatisfactionComment {
    /// The incident.
    pub reference: String,
    /// Its id, for a link to it.
    pub incident_id: i64,
    /// The score given.
    pub score: u8,
    /// The words.
    pub comment: String,
}

from_json!(Kept { on_time, total, percent });
from_json!(Breach { reference, incident_id, priority, clock, due, late_by_seconds, escalated_at });
from_json!(Recurrent { reference, id });
from_json!(SatisfactionComment { reference, incident_id, score, comment });
from_json!(SatisfactionSummary { count, average, comments });
from_json!(SlaReport {
    organisation_id,
    month,
    by_priority,
    by_source,
    take_charge,
    on_site,
    interventions,
    client_updates,
    postmortems,
    gdpr_notices,
    breaches,
    recurrent,
    reopened,
    satisfaction
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_reads_back_as_serde_writes_it() {
        let at: DateTime<Utc> = "2026-11-03T10:00:00Z".parse().unwrap();
        let kept = Kept { on_time: 7, total: 8, percent: Some(87.5) };
        let report = SlaReport {
            organisation_id: 1,
            month: "2026-11".into(),
            by_priority: BTreeMap::from([("P1".to_string(), 2), ("P2".to_string(), 5)]),
            by_source: BTreeMap::from([("client_portal".to_string(), 7)]),
            take_charge: kept,
            on_site: Kept::default(),
            interventions: Kept::default(),
            client_updates: kept,
            postmortems: kept,
            gdpr_notices: Kept::default(),
            breaches: vec![Breach {
                reference: "INC-2026-000003".into(),
                incident_id: 3,
                priority: Priority::P1,
                clock: ClockKind::OnSite,
                due: at,
                late_by_seconds: 3900,
                escalated_at: Some(at),
            }],
            recurrent: vec![Recurrent { reference: "INC-2026-000007".into(), id: 7 }],
            reopened: 1,
            satisfaction: SatisfactionSummary {
                count: 2,
                average: Some(4.5),
                comments: vec![SatisfactionComment {
                    reference: "INC-2026-000003".into(),
                    incident_id: 3,
                    score: 4,
                    comment: "Rapide".into(),
                }],
            },
        };
        let written = serde_json::to_value(&report).unwrap();
        assert_eq!(SlaReport::from_json(&written), Ok(report));
        let mut wrong = written;
        wrong["breaches"][0]["priority"] = "P9".into();
        assert!(SlaReport::from_json(&wrong).unwrap_err().starts_with(".breaches[0].priority: "));
    }
}
