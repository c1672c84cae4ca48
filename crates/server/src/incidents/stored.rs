//! An incident as the database keeps it, and the loaders of an incident, its site and its
//! organisation.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::AnyConnection;
use vigie_engine::classify::{Answers, Reason};
use vigie_engine::communication::{GdprNotice, Resolution};
use vigie_engine::sla::IncidentTimes;
use vigie_engine::{Contract, Policy, Priority};

use crate::db::{from_ms, get, get_parsed, get_time};
use crate::error::Error;
use crate::model::SiteRow;
use crate::model::{Organisation, Site, User};
use vigie_api::{Source, Status};

/// The stored classification.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct StoredClassification {
    pub(super) rule: String,
    pub(super) reasons: Vec<Reason>,
    pub(super) matched: Vec<String>,
    pub(super) needs_details: bool,
}

/// An incident as stored.
#[derive(Debug, Clone)]
pub struct Incident {
    pub id: i64,
    pub reference: String,
    pub organisation_id: i64,
    pub site_id: i64,
    pub source: Source,
    pub description: String,
    pub answers: Option<Answers>,
    pub(super) classification: StoredClassification,
    pub suggested_priority: Priority,
    pub priority: Priority,
    pub override_reason: Option<String>,
    pub incident_type: String,
    pub contract: Contract,
    pub policy: Policy,
    pub times: IncidentTimes,
    pub closed_at: Option<DateTime<Utc>>,
    pub resolution: Option<Resolution>,
    pub recurrent: bool,
    pub intervention_plan_reason: Option<String>,
    pub data_loss_description: Option<String>,
    pub gdpr_notice: Option<GdprNotice>,
    pub callback_phone: Option<String>,
    pub zone: Option<String>,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub satisfaction: Option<vigie_api::Satisfaction>,
}

impl Incident {
    pub(crate) fn from_row(row: &AnyRow) -> Result<Incident, Error> {
        let answers: Option<String> = get(row, "answers")?;
        let classification: String = get(row, "classification")?;
        let policy: String = get(row, "policy")?;
        let priority: Priority = get_parsed(row, "priority")?;
        let root_cause: Option<String> = get(row, "root_cause")?;
        let resolution = match root_cause {
            Some(root_cause) => Some(Resolution {
                root_cause,
                actions: get::<Option<String>>(row, "actions")?.unwrap_or_default(),
                security_data_impact: get::<Option<String>>(row, "security_data_impact")?.unwrap_or_default(),
                personal_data_lost: get::<Option<i64>>(row, "personal_data_lost")?.unwrap_or(0) != 0,
            }),
            None => None,
        };
        let bad = |what: &str, e: serde_json::Error| Error::Database(format!("{what}: {e}"));
        let priority_changes: String = get(row, "priority_changes")?;
        let need_changes: String = get(row, "on_site_need_changes")?;
        let gdpr_notice: Option<String> = get(row, "gdpr_notice")?;
        Ok(Incident {
            id: get(row, "id")?,
            reference: get(row, "reference")?,
            organisation_id: get(row, "organisation_id")?,
            site_id: get(row, "site_id")?,
            source: get_parsed(row, "source")?,
            description: get(row, "description")?,
            answers: answers.map(|a| serde_json::from_str(&a)).transpose().map_err(|e| bad("answers", e))?,
            classification: serde_json::from_str(&classification).map_err(|e| bad("classification", e))?,
            suggested_priority: get_parsed(row, "suggested_priority")?,
            priority,
            override_reason: get(row, "override_reason")?,
            incident_type: get(row, "incident_type")?,
            contract: get_parsed(row, "contract")?,
            policy: serde_json::from_str(&policy).map_err(|e| bad("policy", e))?,
            times: IncidentTimes {
                priority,
                reported_at: from_ms(get(row, "reported_at")?),
                on_site_required: get::<i64>(row, "on_site_required")? != 0,
                on_site_need_changes: serde_json::from_str(&need_changes)
                    .map_err(|e| bad("on_site_need_changes", e))?,
                acknowledged_at: get_time(row, "acknowledged_at")?,
                dispatched_at: get_time(row, "dispatched_at")?,
                on_site_at: get_time(row, "on_site_at")?,
                intervention_planned_at: get_time(row, "intervention_planned_at")?,
                intervention_planned_for: get_time(row, "intervention_planned_for")?,
                last_update_at: get_time(row, "last_update_at")?,
                resolved_at: get_time(row, "resolved_at")?,
                postmortem_published_at: get_time(row, "postmortem_published_at")?,
                priority_changes: serde_json::from_str(&priority_changes).map_err(|e| bad("priority_changes", e))?,
                data_loss_known_at: get_time(row, "data_loss_known_at")?,
                gdpr_notice_sent_at: get_time(row, "gdpr_notice_sent_at")?,
                reopened_at: get_time(row, "reopened_at")?,
            },
            closed_at: get_time(row, "closed_at")?,
            resolution,
            recurrent: get::<i64>(row, "recurrent")? != 0,
            intervention_plan_reason: get(row, "intervention_plan_reason")?,
            data_loss_description: get(row, "data_loss_description")?,
            callback_phone: get(row, "callback_phone")?,
            zone: get(row, "zone")?,
            assignee_id: get(row, "assignee_id")?,
            assignee_name: get(row, "assignee_name")?,
            satisfaction: match (get::<Option<i64>>(row, "satisfaction_score")?, get_time(row, "satisfaction_at")?) {
                (Some(score), Some(at)) => Some(vigie_api::Satisfaction {
                    score: u8::try_from(score).map_err(|e| Error::Database(format!("satisfaction_score: {e}")))?,
                    comment: get(row, "satisfaction_comment")?,
                    at,
                }),
                _ => None,
            },
            gdpr_notice: gdpr_notice
                .map(|n| serde_json::from_str(&n))
                .transpose()
                .map_err(|e| bad("gdpr_notice", e))?,
        })
    }

    /// Where it is in its life.
    pub fn status(&self) -> Status {
        let t = &self.times;
        if self.closed_at.is_some() {
            Status::Closed
        } else if t.resolved_at.is_some() {
            Status::Resolved
        } else if t.on_site_at.is_some() {
            Status::OnSite
        } else if t.acknowledged_at.is_some() {
            Status::Acknowledged
        } else {
            Status::Open
        }
    }
}

/// Loads a site.
///
/// # Errors
/// [`Error::NotFound`] when there is no such site.
pub async fn site(conn: &mut AnyConnection, id: i64) -> Result<Site, Error> {
    let row = sqlx::query("SELECT * FROM sites WHERE id = $1").bind(id).fetch_optional(&mut *conn).await?;
    Site::from_row(&row.ok_or(Error::NotFound)?)
}

/// Loads an organisation.
///
/// # Errors
/// [`Error::NotFound`] when there is no such organisation.
pub async fn organisation(conn: &mut AnyConnection, id: i64) -> Result<Organisation, Error> {
    let row = sqlx::query("SELECT * FROM organisations WHERE id = $1").bind(id).fetch_optional(&mut *conn).await?;
    Organisation::from_row(&row.ok_or(Error::NotFound)?)
}

/// Loads an incident the user may see; any other id is 404.
///
/// # Errors
/// [`Error::NotFound`].
pub async fn load(conn: &mut AnyConnection, user: &User, id: i64) -> Result<Incident, Error> {
    let row = sqlx::query("SELECT * FROM incidents WHERE id = $1").bind(id).fetch_optional(&mut *conn).await?;
    let incident = Incident::from_row(&row.ok_or(Error::NotFound)?)?;
    if user.sees(incident.organisation_id) {
        Ok(incident)
    } else {
        Err(Error::NotFound)
    }
}

/// The incidents a promise is still running on: open ones, and closed ones while a P1's
/// post-mortem or a GDPR notice is still due. The monitor watches them; the wall shows them.
pub(super) const WATCHED: &str = "(closed_at IS NULL
    OR (priority = 'P1' AND resolved_at IS NOT NULL AND postmortem_published_at IS NULL)
    OR (data_loss_known_at IS NOT NULL AND gdpr_notice_sent_at IS NULL))";

/// The watched incidents ([`WATCHED`]), for the monitor.
pub(crate) async fn open_incidents(conn: &mut AnyConnection) -> Result<Vec<Incident>, Error> {
    let rows = sqlx::query(&format!("SELECT * FROM incidents WHERE {WATCHED}")).fetch_all(&mut *conn).await?;
    rows.iter().map(Incident::from_row).collect()
}
