//! What an incident looks like to its readers: its view with the clocks at the server's
//! now, the list, and the timeline.

use std::collections::hash_map::Entry;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use vigie_engine::sla::{self};
use vigie_engine::Priority;

use super::stored::WATCHED;
use super::{load, organisation, site, Incident};
use crate::error::Error;
use crate::events::{self, Event};
use crate::model::SiteRow;
use crate::model::{Organisation, Site, User};
use crate::state::AppState;
use vigie_api::IncidentView;

/// Builds the view of an incident at `now`.
///
/// # Errors
/// [`Error::Database`] when the site's calendar is broken.
pub fn view(
    incident: &Incident,
    site: &Site,
    organisation: &Organisation,
    now: DateTime<Utc>,
) -> Result<IncidentView, Error> {
    let calendar = site.calendar()?;
    let clocks = sla::clocks(&incident.times, &incident.policy, &calendar, now).map_err(Error::Engine)?;
    let next_due = sla::most_urgent(&clocks).and_then(|c| c.due);
    let t = &incident.times;
    Ok(IncidentView {
        id: incident.id,
        reference: incident.reference.clone(),
        organisation_id: incident.organisation_id,
        organisation_name: organisation.name.clone(),
        site_id: site.id,
        site_name: site.name.clone(),
        time_zone: calendar.time_zone().name().to_string(),
        source: incident.source,
        description: incident.description.clone(),
        answers: incident.answers,
        priority: incident.priority,
        suggested_priority: incident.suggested_priority,
        rule: incident.classification.rule.clone(),
        reasons: incident.classification.reasons.clone(),
        matched: incident.classification.matched.clone(),
        needs_details: incident.classification.needs_details,
        override_reason: incident.override_reason.clone(),
        incident_type: incident.incident_type.clone(),
        contract: incident.contract,
        status: incident.status(),
        on_site_required: t.on_site_required,
        reported_at: t.reported_at,
        acknowledged_at: t.acknowledged_at,
        dispatched_at: t.dispatched_at,
        on_site_at: t.on_site_at,
        intervention_planned_at: t.intervention_planned_at,
        intervention_planned_for: t.intervention_planned_for,
        intervention_plan_reason: incident.intervention_plan_reason.clone(),
        priority_changes: t.priority_changes.clone(),
        on_site_need_changes: t.on_site_need_changes.clone(),
        data_loss_known_at: t.data_loss_known_at,
        data_loss_description: incident.data_loss_description.clone(),
        callback_phone: incident.callback_phone.clone(),
        zone: incident.zone.clone(),
        assignee: incident
            .assignee_id
            .map(|id| vigie_api::Assignee { id, name: incident.assignee_name.clone().unwrap_or_default() }),
        gdpr_notice: incident.gdpr_notice.clone(),
        gdpr_notice_sent_at: t.gdpr_notice_sent_at,
        last_update_at: t.last_update_at,
        resolved_at: t.resolved_at,
        closed_at: incident.closed_at,
        reopened_at: t.reopened_at,
        closes_at: closes_at(incident, &calendar)?,
        satisfaction: incident.satisfaction.clone(),
        resolution: incident.resolution.clone(),
        recurrent: incident.recurrent,
        postmortem_published_at: t.postmortem_published_at,
        policy: incident.policy,
        calendar: site.calendar.clone(),
        clocks,
        next_due,
        computed_at: now,
    })
}

/// The incident's page, as a client opens it from an email.
pub(crate) fn incident_link(state: &AppState, id: i64) -> String {
    format!("{}/incidents/{id}", state.config.public_origin.as_deref().unwrap_or_default().trim_end_matches('/'))
}

/// While an incident is resolved and not closed: when it closes by itself if the client
/// neither confirms the fix nor reopens it (the policy's `confirmation`, from the
/// resolution).
///
/// # Errors
/// [`Error::Database`] when the site's calendar cannot count the delay.
pub fn closes_at(incident: &Incident, calendar: &vigie_engine::Calendar) -> Result<Option<DateTime<Utc>>, Error> {
    match (incident.times.resolved_at, incident.closed_at) {
        (Some(resolved), None) => {
            incident.policy.confirmation.deadline(resolved, calendar).map(Some).map_err(Error::Engine)
        }
        _ => Ok(None),
    }
}

/// The view of an incident the user may see.
///
/// # Errors
/// [`Error::NotFound`].
pub async fn get_view(state: &AppState, user: &User, id: i64) -> Result<IncidentView, Error> {
    let mut conn = state.db.pool().acquire().await?;
    let incident = load(&mut conn, user, id).await?;
    let site = site(&mut conn, incident.site_id).await?;
    let org = organisation(&mut conn, incident.organisation_id).await?;
    view(&incident, &site, &org, state.clock.now())
}

/// Filters of `GET /api/incidents`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// `open` (default), `closed`, `all`, or `watched`: the open ones and the closed ones a
    /// promise still runs on (a P1's post-mortem, a GDPR notice), as the wall shows them.
    #[serde(default)]
    pub state: Option<String>,
    /// Only this priority.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Only this site.
    #[serde(default)]
    pub site_id: Option<i64>,
    /// Only this organisation (staff).
    #[serde(default)]
    pub organisation_id: Option<i64>,
    /// At most this many, newest first (default 500, at most 5000).
    #[serde(default)]
    pub limit: Option<i64>,
    /// Staff: `me` (the caller's), `none` (nobody's), or a user's id.
    #[serde(default)]
    pub assignee: Option<String>,
}

/// The incidents the user may see, newest first.
///
/// # Errors
/// [`Error::BadRequest`] for an unknown state.
pub async fn list(state: &AppState, user: &User, q: &ListQuery) -> Result<Vec<IncidentView>, Error> {
    let closed_filter = match q.state.as_deref().unwrap_or("open") {
        "open" => "closed_at IS NULL",
        "closed" => "closed_at IS NOT NULL",
        "all" => "1 = 1",
        "watched" => WATCHED,
        other => {
            return Err(Error::field(
                "state",
                format!("unknown state {other:?} (expected open, closed, all or watched)"),
            ))
        }
    };
    let org_filter = if user.is_staff() { q.organisation_id } else { user.organisation_id };
    let assignee_filter = match q.assignee.as_deref() {
        None => String::new(),
        Some("none") => " AND assignee_id IS NULL".to_string(),
        Some("me") => format!(" AND assignee_id = {}", user.id),
        Some(other) => match other.parse::<i64>() {
            Ok(id) => format!(" AND assignee_id = {id}"),
            Err(_) => {
                return Err(Error::field(
                    "assignee",
                    format!("unknown assignee {other:?} (expected me, none or a user's id)"),
                ))
            }
        },
    };
    let sql = format!(
        "SELECT * FROM incidents WHERE {closed_filter}{assignee_filter}
           AND ($1 IS NULL OR organisation_id = $1) AND ($2 IS NULL OR priority = $2) AND ($3 IS NULL OR site_id = $3)
         ORDER BY id DESC LIMIT $4"
    );
    let limit = q.limit.unwrap_or(500).clamp(1, 5000);
    let mut conn = state.db.pool().acquire().await?;
    let rows = sqlx::query(&sql)
        .bind(org_filter)
        .bind(q.priority.map(|p| p.as_str()))
        .bind(q.site_id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
    let now = state.clock.now();
    let mut sites = std::collections::HashMap::new();
    let mut orgs = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let incident = Incident::from_row(row)?;
        if !user.sees(incident.organisation_id) {
            continue;
        }
        if let Entry::Vacant(entry) = sites.entry(incident.site_id) {
            entry.insert(site(&mut conn, incident.site_id).await?);
        }
        if let Entry::Vacant(entry) = orgs.entry(incident.organisation_id) {
            entry.insert(organisation(&mut conn, incident.organisation_id).await?);
        }
        out.push(view(&incident, &sites[&incident.site_id], &orgs[&incident.organisation_id], now)?);
    }
    Ok(out)
}

/// The timeline of an incident the user may see.
///
/// # Errors
/// [`Error::NotFound`].
pub async fn timeline(state: &AppState, user: &User, id: i64) -> Result<Vec<Event>, Error> {
    let mut conn = state.db.pool().acquire().await?;
    load(&mut conn, user, id).await?;
    drop(conn);
    Ok(events::timeline(&state.db, id).await?.into_iter().filter(|e| events::visible_to(e, user)).collect())
}
