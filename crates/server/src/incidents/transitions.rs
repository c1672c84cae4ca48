//! What each action checks against the incident's state and what it writes.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::json;
use sqlx::AnyConnection;
use vigie_engine::communication::Resolution;
use vigie_engine::sla::{self, ClockKind, NeedChange, PriorityChange};

use super::{cleaned_notice, conflict, optional_text, required_text, site, Action, Incident, Notice, Recorded};
use crate::db::{get, to_ms};
use crate::error::Error;
use crate::events::{self};
use crate::model::SiteRow;
use vigie_api::EventKind;
use vigie_api::{DataLoss, OnSiteNeeded, PlanIntervention, TypeCorrection};

/// Checks an action against the incident's state and writes what it changes.
pub(super) async fn record(
    tx: &mut AnyConnection,
    incident: &Incident,
    action: &Action,
    now: DateTime<Utc>,
) -> Result<Recorded, Error> {
    let t = &incident.times;
    let id = incident.id;
    let stamp = |t: Option<DateTime<Utc>>| t.map(|t| t.to_rfc3339()).unwrap_or_default();
    let note = |n: &Option<String>| optional_text("note", n.as_deref());
    let set = |column: &'static str| format!("UPDATE incidents SET {column} = $1 WHERE id = $2");
    let unresolved = || if t.resolved_at.is_some() { Err(conflict(incident, "is already resolved")) } else { Ok(()) };
    let acknowledged =
        || if t.acknowledged_at.is_none() { Err(conflict(incident, "must be taken in charge first")) } else { Ok(()) };
    let recorded = |kind, data, notice| Ok(Recorded { kind, data, notice });
    match action {
        Action::Acknowledge { note: n } => {
            let n = note(n)?;
            if t.acknowledged_at.is_some() {
                return Err(conflict(
                    incident,
                    &format!("was already taken in charge at {}", stamp(t.acknowledged_at)),
                ));
            }
            sqlx::query(&set("acknowledged_at")).bind(to_ms(now)).bind(id).execute(&mut *tx).await?;
            recorded(EventKind::Acknowledged, json!({ "note": n }), Some(Notice::TakeCharge))
        }
        Action::Dispatch { note: n } => {
            let n = note(n)?;
            acknowledged()?;
            unresolved()?;
            if t.dispatched_at.is_some() {
                return Err(conflict(incident, &format!("had a technician dispatched at {}", stamp(t.dispatched_at))));
            }
            sqlx::query(&set("dispatched_at")).bind(to_ms(now)).bind(id).execute(&mut *tx).await?;
            recorded(EventKind::Dispatched, json!({ "note": n }), None)
        }
        Action::OnSite { note: n } => {
            let n = note(n)?;
            acknowledged()?;
            unresolved()?;
            if t.on_site_at.is_some() {
                return Err(conflict(incident, &format!("has had a technician on site since {}", stamp(t.on_site_at))));
            }
            // Arriving means having left: a dispatch not recorded is recorded with it.
            sqlx::query(
                "UPDATE incidents SET on_site_at = $1, dispatched_at = COALESCE(dispatched_at, $1) WHERE id = $2",
            )
            .bind(to_ms(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            recorded(EventKind::OnSite, json!({ "note": n }), None)
        }
        Action::OnSiteNeeded(OnSiteNeeded { needed, reason }) => {
            let reason = required_text("reason", reason)?;
            unresolved()?;
            if *needed == t.on_site_required {
                let already =
                    if *needed { "already needs a technician on site" } else { "already needs no technician on site" };
                return Err(conflict(incident, already));
            }
            let mut changes = t.on_site_need_changes.clone();
            changes.push(NeedChange { at: now, needed: *needed });
            sqlx::query("UPDATE incidents SET on_site_required = $1, on_site_need_changes = $2 WHERE id = $3")
                .bind(i64::from(*needed))
                .bind(serde_json::to_string(&changes).unwrap_or_default())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            recorded(EventKind::OnSiteNeeded, json!({ "needed": needed, "reason": reason }), None)
        }
        Action::PlanIntervention(PlanIntervention { planned_for, reason }) => {
            let planned_for = planned_for.with_timezone(&Utc);
            let reason = optional_text("reason", reason.as_deref())?;
            if planned_for < now {
                return Err(Error::field("planned_for", format!("{} is in the past", planned_for.to_rfc3339())));
            }
            unresolved()?;
            if t.on_site_at.is_some() {
                return Err(conflict(incident, &format!("has had a technician on site since {}", stamp(t.on_site_at))));
            }
            let calendar = site(&mut *tx, incident.site_id).await?.calendar()?;
            let clock = sla::clock(ClockKind::InterventionPlanned, t, &incident.policy, &calendar, now)
                .map_err(Error::Engine)?;
            let Some(due) = clock.due.filter(|_| clock.is_open()) else {
                return Err(conflict(incident, "has no intervention to plan (a P3 that needs a technician on site)"));
            };
            if planned_for > due && reason.is_none() {
                return Err(Error::field(
                    "reason",
                    format!("required: {} is after the intervention deadline {} (say why, for instance the client asked for a later date)", planned_for.to_rfc3339(), due.to_rfc3339()),
                ));
            }
            sqlx::query("UPDATE incidents SET intervention_planned_at = $1, intervention_planned_for = $2, intervention_plan_reason = $3 WHERE id = $4")
                .bind(to_ms(now))
                .bind(to_ms(planned_for))
                .bind(reason.clone())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let data = json!({ "planned_for": planned_for, "due": due, "after_deadline": planned_for > due, "reason": reason });
            recorded(EventKind::InterventionPlanned, data, Some(Notice::InterventionPlanned { planned_for, reason }))
        }
        Action::Update { message } => {
            let message = required_text("message", message)?;
            acknowledged()?;
            unresolved()?;
            sqlx::query(&set("last_update_at")).bind(to_ms(now)).bind(id).execute(&mut *tx).await?;
            recorded(EventKind::Update, json!({ "message": message }), Some(Notice::Update))
        }
        Action::Reclassify { priority, reason } => {
            let reason = required_text("reason", reason)?;
            unresolved()?;
            if *priority == incident.priority {
                return Err(conflict(incident, &format!("is already {priority}")));
            }
            let mut changes = t.priority_changes.clone();
            changes.push(PriorityChange { at: now, from: incident.priority, to: *priority });
            sqlx::query("UPDATE incidents SET priority = $1, override_reason = $2, override_by = NULL, priority_changes = $3 WHERE id = $4")
                .bind(priority.as_str())
                .bind(&reason)
                .bind(serde_json::to_string(&changes).unwrap_or_default())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let data = json!({ "from": incident.priority, "to": priority, "reason": reason });
            recorded(EventKind::Reclassified, data, Some(Notice::Reclassification { from: incident.priority, reason }))
        }
        Action::DataLoss(DataLoss { known_at, description }) => {
            let description = required_text("description", description)?;
            let known_at = known_at.map_or(now, |k| k.with_timezone(&Utc));
            if known_at > now {
                return Err(Error::field("known_at", format!("{} is in the future", known_at.to_rfc3339())));
            }
            if known_at < t.reported_at - TimeDelta::days(30) {
                return Err(Error::field("known_at", "is more than 30 days before the report"));
            }
            if t.data_loss_known_at.is_some() {
                return Err(conflict(
                    incident,
                    &format!("has had a data loss recorded since {}", stamp(t.data_loss_known_at)),
                ));
            }
            sqlx::query("UPDATE incidents SET data_loss_known_at = $1, data_loss_description = $2 WHERE id = $3")
                .bind(to_ms(known_at))
                .bind(&description)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            recorded(EventKind::DataLoss, json!({ "known_at": known_at, "description": description }), None)
        }
        Action::GdprNotice(content) => {
            let content = cleaned_notice(content)?;
            if t.data_loss_known_at.is_none() {
                return Err(conflict(incident, "has no data loss recorded (POST …/data-loss first)"));
            }
            if t.gdpr_notice_sent_at.is_some() {
                return Err(conflict(
                    incident,
                    &format!("had its GDPR notice sent at {}", stamp(t.gdpr_notice_sent_at)),
                ));
            }
            sqlx::query("UPDATE incidents SET gdpr_notice = $1, gdpr_notice_sent_at = $2 WHERE id = $3")
                .bind(serde_json::to_string(&content).unwrap_or_default())
                .bind(to_ms(now))
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let data = serde_json::to_value(&content).unwrap_or_default();
            recorded(EventKind::GdprNotice, data, Some(Notice::Gdpr(Box::new(content))))
        }
        Action::CorrectType(TypeCorrection { system, symptom, reason }) => {
            let reason = required_text("reason", reason)?;
            let incident_type = format!("{}/{}", system.as_str(), symptom.as_str());
            if incident_type == incident.incident_type {
                return Err(conflict(incident, &format!("is already of type {incident_type}")));
            }
            sqlx::query(&set("incident_type")).bind(&incident_type).bind(id).execute(&mut *tx).await?;
            recorded(
                EventKind::TypeCorrected,
                json!({ "from": incident.incident_type, "to": incident_type, "reason": reason }),
                None,
            )
        }
        Action::Resolve(resolution) => {
            // The engine says what a resolution must hold; the text rules (trimmed, bounded)
            // are the server's, as for every text.
            if let Some(field) = resolution.missing().first() {
                return Err(Error::field(*field, "required"));
            }
            let resolution = Resolution {
                root_cause: required_text("root_cause", &resolution.root_cause)?,
                actions: required_text("actions", &resolution.actions)?,
                security_data_impact: required_text("security_data_impact", &resolution.security_data_impact)?,
                personal_data_lost: resolution.personal_data_lost,
            };
            if t.resolved_at.is_some() {
                return Err(conflict(incident, &format!("was already resolved at {}", stamp(t.resolved_at))));
            }
            acknowledged()?;
            sqlx::query(
                "UPDATE incidents SET resolved_at = $1, root_cause = $2, actions = $3, security_data_impact = $4, personal_data_lost = $5 WHERE id = $6",
            )
            .bind(to_ms(now))
            .bind(&resolution.root_cause)
            .bind(&resolution.actions)
            .bind(&resolution.security_data_impact)
            .bind(i64::from(resolution.personal_data_lost))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            // Personal data found lost at the resolution: the GDPR clock starts now, unless
            // the loss was recorded earlier.
            if resolution.personal_data_lost && t.data_loss_known_at.is_none() {
                sqlx::query("UPDATE incidents SET data_loss_known_at = $1, data_loss_description = $2 WHERE id = $3")
                    .bind(to_ms(now))
                    .bind(&resolution.security_data_impact)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                let data = json!({ "known_at": now, "description": resolution.security_data_impact });
                events::append(tx, Some(id), Some(incident.organisation_id), EventKind::DataLoss, now, None, data)
                    .await?;
            }
            recorded(
                EventKind::Resolved,
                serde_json::to_value(&resolution).unwrap_or_default(),
                Some(Notice::Resolution),
            )
        }
        Action::Close { note: n } => {
            let n = note(n)?;
            if t.resolved_at.is_none() {
                return Err(conflict(incident, "must be resolved first"));
            }
            sqlx::query(&set("closed_at")).bind(to_ms(now)).bind(id).execute(&mut *tx).await?;
            recorded(EventKind::Closed, json!({ "note": n }), Some(Notice::Closure))
        }
        Action::Confirm => {
            if t.resolved_at.is_none() {
                return Err(conflict(incident, "is not resolved: there is no fix to confirm yet"));
            }
            sqlx::query(&set("closed_at")).bind(to_ms(now)).bind(id).execute(&mut *tx).await?;
            recorded(EventKind::Confirmed, json!({}), Some(Notice::Closure))
        }
        Action::Reopen { reason } => {
            let reason = required_text("reason", reason)?;
            if t.resolved_at.is_none() {
                return Err(conflict(incident, "is not resolved: it is still being worked on"));
            }
            // Back to work: the resolution is undone (it stays on the timeline), the client
            // updates count again from now, and a draft post-mortem waits for the next one.
            sqlx::query("UPDATE incidents SET resolved_at = NULL, reopened_at = $1 WHERE id = $2")
                .bind(to_ms(now))
                .bind(id)
                .execute(&mut *tx)
                .await?;
            recorded(EventKind::Reopened, json!({ "reason": reason, "resolved_at": t.resolved_at }), None)
        }
        Action::Rate { score, comment } => {
            if incident.closed_at.is_none() {
                return Err(conflict(incident, "is not closed: satisfaction is asked at the closure"));
            }
            if incident.satisfaction.is_some() {
                return Err(conflict(incident, "was already rated"));
            }
            if !(1..=5).contains(score) {
                return Err(Error::field("score", format!("must be 1 to 5, not {score}")));
            }
            let comment = optional_text("comment", comment.as_deref())?;
            sqlx::query(
                "UPDATE incidents SET satisfaction_score = $1, satisfaction_comment = $2, satisfaction_at = $3
                 WHERE id = $4 AND satisfaction_at IS NULL",
            )
            .bind(i64::from(*score))
            .bind(&comment)
            .bind(to_ms(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            recorded(EventKind::Rated, json!({ "score": score, "comment": comment }), None)
        }
        Action::Assign { user_id } => {
            let name = match user_id {
                None => None,
                Some(user_id) => {
                    let row = sqlx::query("SELECT display_name, role FROM users WHERE id = $1 AND active = 1")
                        .bind(user_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                    let staff = row
                        .as_ref()
                        .map(|r| get::<String>(r, "role"))
                        .transpose()?
                        .is_some_and(|role| role != "client");
                    match row {
                        Some(row) if staff => Some(get::<String>(&row, "display_name")?),
                        _ => {
                            return Err(Error::field("user_id", format!("{user_id} is not an active member of staff")))
                        }
                    }
                }
            };
            if incident.assignee_id == *user_id {
                return Err(conflict(incident, "is already assigned so"));
            }
            sqlx::query("UPDATE incidents SET assignee_id = $1, assignee_name = $2 WHERE id = $3")
                .bind(user_id)
                .bind(&name)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            recorded(EventKind::Assigned, json!({ "from": incident.assignee_name, "to": name }), None)
        }
    }
}
