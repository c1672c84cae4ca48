//! Incidents: reporting, the actions of their life, and their clocks as the engine computes
//! them at the server's now.

use std::collections::hash_map::Entry;

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::AnyConnection;
use vigie_engine::classify::{Answers, Reason};
use vigie_engine::communication::{GdprNotice, Resolution};
use vigie_engine::postmortem::{PostMortem, TimelineEntry};
use vigie_engine::recurrence::{recurrent_with, IncidentKey};
use vigie_engine::sla::{self, ClockKind, IncidentTimes, NeedChange, PriorityChange};
use vigie_engine::{classify, Classification, Contract, Policy, Priority};

use crate::db::{from_ms, get, get_parsed, get_time, to_ms};
use crate::error::Error;
use crate::events::{self, Event};
use crate::model::{Organisation, Site, User};
use crate::notices::{self, ClientNotice};
use crate::state::AppState;
pub use vigie_api::{
    DataLoss, IncidentView, NewIncident, OnSiteNeeded, PlanIntervention, Source, Status, TypeCorrection,
};

/// The stored classification.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredClassification {
    rule: String,
    reasons: Vec<Reason>,
    matched: Vec<String>,
    needs_details: bool,
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
    classification: StoredClassification,
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

/// The longest description kept.
const MAX_TEXT: usize = 20_000;

pub(crate) fn required_text(field: &str, value: &str) -> Result<String, Error> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        Err(Error::field(field, "required"))
    } else if trimmed.chars().count() > MAX_TEXT {
        Err(Error::field(field, format!("longer than {MAX_TEXT} characters")))
    } else {
        Ok(trimmed.to_string())
    }
}

/// What [`insert`] needs.
pub(crate) struct Insert<'a> {
    pub site: &'a Site,
    pub organisation: &'a Organisation,
    pub source: Source,
    pub description: String,
    pub answers: Option<Answers>,
    pub classification: Classification,
    pub priority: Priority,
    pub override_reason: Option<String>,
    pub on_site_required: bool,
    pub reported_at: DateTime<Utc>,
    pub created_by: Option<i64>,
    pub idempotency_key: Option<String>,
    /// The hash of the request the key came with ([`request_hash`]).
    pub idempotency_hash: Option<String>,
    pub alert_fingerprint: Option<String>,
    pub policy: Policy,
}

/// Inserts an incident and its `reported` event (and a recurrence review when it recurs) in
/// the caller's transaction; returns its id.
pub(crate) async fn insert(conn: &mut AnyConnection, new: Insert<'_>, now: DateTime<Utc>) -> Result<i64, Error> {
    let c = &new.classification;
    let stored = StoredClassification {
        rule: c.rule.clone(),
        reasons: c.reasons.clone(),
        matched: c.matched.clone(),
        needs_details: c.needs_details,
    };
    let incident_type = c.incident_type();
    let policy = new.policy;
    let placeholder = format!("pending-{}-{}", to_ms(now), new.idempotency_key.as_deref().unwrap_or(""));
    let row = sqlx::query(
        "INSERT INTO incidents (reference, organisation_id, site_id, source, description, answers, classification,
            suggested_priority, priority, override_reason, override_by, incident_type, contract, policy, on_site_required,
            reported_at, created_by, idempotency_key, alert_fingerprint, idempotency_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id",
    )
    .bind(&placeholder)
    .bind(new.organisation.id)
    .bind(new.site.id)
    .bind(new.source.as_str())
    .bind(&new.description)
    .bind(new.answers.map(|a| serde_json::to_string(&a).unwrap_or_default()))
    .bind(serde_json::to_string(&stored).unwrap_or_default())
    .bind(c.priority.as_str())
    .bind(new.priority.as_str())
    .bind(new.override_reason.clone())
    .bind(new.override_reason.as_ref().and(new.created_by))
    .bind(&incident_type)
    .bind(new.organisation.contract.as_str())
    .bind(serde_json::to_string(&policy).unwrap_or_default())
    .bind(i64::from(new.on_site_required))
    .bind(to_ms(new.reported_at))
    .bind(new.created_by)
    .bind(new.idempotency_key.clone())
    .bind(new.alert_fingerprint.clone())
    .bind(new.idempotency_hash.clone())
    .fetch_one(&mut *conn)
    .await?;
    let id: i64 = get(&row, "id")?;
    let reference = format!("INC-{}-{id:06}", new.reported_at.year());
    sqlx::query("UPDATE incidents SET reference = $1 WHERE id = $2")
        .bind(&reference)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    events::append(
        conn,
        Some(id),
        Some(new.organisation.id),
        "reported",
        now,
        new.created_by,
        json!({
            "reference": reference, "priority": new.priority, "suggested_priority": c.priority, "rule": c.rule,
            "source": new.source, "site": new.site.name, "override_reason": new.override_reason,
        }),
    )
    .await?;
    // Recordings said lost at the report: the GDPR clock starts with the report.
    if new.answers.and_then(|a| a.recording_lost) == Some(true) {
        sqlx::query("UPDATE incidents SET data_loss_known_at = $1, data_loss_description = $2 WHERE id = $3")
            .bind(to_ms(new.reported_at))
            .bind(LOST_AT_THE_REPORT)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        let data = json!({ "known_at": new.reported_at, "description": LOST_AT_THE_REPORT });
        events::append(conn, Some(id), Some(new.organisation.id), "data_loss", now, new.created_by, data).await?;
    }
    let row = sqlx::query("SELECT * FROM incidents WHERE id = $1").bind(id).fetch_one(&mut *conn).await?;
    detect_recurrence(conn, &Incident::from_row(&row)?, new.site, new.organisation, now, "").await?;
    Ok(id)
}

/// Judges again the recurrence of the site's incidents reported after one whose type was
/// corrected, within the recurrence window: those of the former type may no longer repeat
/// anything, those of the new type may now.
async fn judge_later_again(
    conn: &mut AnyConnection,
    before: &Incident,
    corrected: &Incident,
    site: &Site,
    org: &Organisation,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let from = corrected.times.reported_at;
    let rows = sqlx::query(
        "SELECT * FROM incidents WHERE site_id = $1 AND incident_type IN ($3, $4)
           AND (reported_at > $5 OR (reported_at = $5 AND id > $2)) AND reported_at <= $6 ORDER BY reported_at, id",
    )
    .bind(site.id)
    .bind(corrected.id)
    .bind(&before.incident_type)
    .bind(&corrected.incident_type)
    .bind(to_ms(from))
    .bind(to_ms(from + TimeDelta::days(93)))
    .fetch_all(&mut *conn)
    .await?;
    let cause = format!("Type de {} corrigé en {}", corrected.reference, corrected.incident_type);
    for row in &rows {
        detect_recurrence(conn, &Incident::from_row(row)?, site, org, now, &cause).await?;
    }
    Ok(())
}

/// What a data loss recorded with the report says.
const LOST_AT_THE_REPORT: &str = "Perte d'enregistrements signalée avec l'incident";

/// Judges whether an incident recurs (same type, same site, 3 months) and keeps its
/// technical review in step: opened, and the client told, when it recurs; closed when a
/// corrected type makes it no longer recur.
///
/// `cause` says, when a review opened earlier ends because the incident no longer recurs,
/// what changed (its own type, or the type of the incident it repeated).
async fn detect_recurrence(
    conn: &mut AnyConnection,
    incident: &Incident,
    site: &Site,
    org: &Organisation,
    now: DateTime<Utc>,
    cause: &str,
) -> Result<(), Error> {
    let since = incident.times.reported_at - TimeDelta::days(93);
    let incident_type = incident.incident_type.as_str();
    let rows = sqlx::query(
        // The most recent ones are enough to name in the review, and keep this query small
        // however many incidents a site has had.
        // Only those reported before it (by id when reported at the same millisecond).
        "SELECT id, reference, reported_at FROM incidents WHERE site_id = $1 AND incident_type = $2 AND reported_at >= $4
           AND (reported_at < $5 OR (reported_at = $5 AND id < $3))
         ORDER BY reported_at DESC LIMIT 20",
    )
    .bind(site.id)
    .bind(incident_type)
    .bind(incident.id)
    .bind(to_ms(since))
    .bind(to_ms(incident.times.reported_at))
    .fetch_all(&mut *conn)
    .await?;
    let key = |id: String, at: DateTime<Utc>| IncidentKey {
        id,
        site: site.id.to_string(),
        incident_type: incident_type.to_string(),
        reported_at: at,
    };
    let history = rows
        .iter()
        .map(|r| Ok(key(get::<String>(r, "reference")?, from_ms(get(r, "reported_at")?))))
        .collect::<Result<Vec<_>, Error>>()?;
    let related: Vec<String> = recurrent_with(&key(incident.reference.clone(), incident.times.reported_at), &history)
        .iter()
        .map(|k| k.id.clone())
        .collect();
    let review = sqlx::query("SELECT id, status, findings FROM recurrence_reviews WHERE incident_id = $1")
        .bind(incident.id)
        .fetch_optional(&mut *conn)
        .await?;
    if related.is_empty() {
        sqlx::query("UPDATE incidents SET recurrent = 0 WHERE id = $1").bind(incident.id).execute(&mut *conn).await?;
        // A review opened under the former type, not yet done, ends here with the reason.
        if let Some(review) = review.filter(|r| get::<String>(r, "status").is_ok_and(|s| s != "done")) {
            // What the staff found so far stays; the reason the review ends comes after it.
            let ending = format!("{cause} : l'incident n'est plus récurrent, la revue est sans objet.");
            let findings = match get::<Option<String>>(&review, "findings")?.filter(|f| !f.trim().is_empty()) {
                Some(found) => format!("{found}\n\n{ending}"),
                None => ending,
            };
            sqlx::query("UPDATE recurrence_reviews SET status = 'done', findings = $1, closed_at = $2 WHERE id = $3")
                .bind(&findings)
                .bind(to_ms(now))
                .bind(get::<i64>(&review, "id")?)
                .execute(&mut *conn)
                .await?;
            let event_id = events::append(
                conn,
                Some(incident.id),
                Some(site.organisation_id),
                "review_closed",
                now,
                None,
                json!({ "findings": findings }),
            )
            .await?;
            notices::queue(
                conn,
                incident,
                site,
                org,
                ClientNotice::ReviewClosed { findings: &findings, proposal: None },
                event_id,
                now,
            )
            .await?;
        }
        return Ok(());
    }
    sqlx::query("UPDATE incidents SET recurrent = 1 WHERE id = $1").bind(incident.id).execute(&mut *conn).await?;
    if review.is_some() {
        sqlx::query("UPDATE recurrence_reviews SET incident_type = $1, related = $2 WHERE incident_id = $3")
            .bind(incident_type)
            .bind(serde_json::to_string(&related).unwrap_or_default())
            .bind(incident.id)
            .execute(&mut *conn)
            .await?;
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO recurrence_reviews (incident_id, site_id, incident_type, related, status, created_at)
         VALUES ($1, $2, $3, $4, 'open', $5) ON CONFLICT (incident_id) DO NOTHING",
    )
    .bind(incident.id)
    .bind(site.id)
    .bind(incident_type)
    .bind(serde_json::to_string(&related).unwrap_or_default())
    .bind(to_ms(now))
    .execute(&mut *conn)
    .await?;
    let event_id = events::append(
        conn,
        Some(incident.id),
        Some(site.organisation_id),
        "recurrence_detected",
        now,
        None,
        json!({ "related": related, "incident_type": incident_type }),
    )
    .await?;
    notices::queue(conn, incident, site, org, ClientNotice::ReviewOpened { related: &related }, event_id, now).await?;
    Ok(())
}

/// The SHA-256 of a report as the server read it, which its `Idempotency-Key` is bound
/// to: the same report sent again has the same hash, whatever the spacing or the order of
/// its JSON keys.
fn request_hash(request: &NewIncident) -> String {
    let canonical = serde_json::to_vec(request).unwrap_or_default();
    crate::auth::token_hash(&String::from_utf8_lossy(&canonical))
}

/// The incident a key made, if the request is the same; a key used for another request
/// is refused, so that a second report is never answered with the first one.
fn replay_of(found: (i64, Option<String>), hash: &str) -> Result<i64, Error> {
    match found {
        (_, Some(stored)) if stored != hash => {
            Err(Error::field("Idempotency-Key", "was already used with another request; a new report needs a new key"))
        }
        (id, _) => Ok(id),
    }
}

/// Reports an incident. A retried request with the same `Idempotency-Key` returns the
/// incident created the first time; the boolean says it was a replay.
///
/// # Errors
/// [`Error::NotFound`] for a site the user may not see, [`Error::BadRequest`] naming the
/// field at fault (`Idempotency-Key` when the key was used with another request),
/// [`Error::Forbidden`] when a client sets what only staff may.
pub async fn create(
    state: &AppState,
    user: &User,
    request: NewIncident,
    idempotency_key: Option<String>,
) -> Result<(IncidentView, bool), Error> {
    let hash = request_hash(&request);
    if let Some(key) = &idempotency_key {
        if key.is_empty() || key.len() > 200 {
            return Err(Error::field("Idempotency-Key", "must be 1 to 200 characters"));
        }
        if let Some(found) = find_by_key(state, user, key).await? {
            let existing = replay_of(found, &hash)?;
            return Ok((get_view(state, user, existing).await?, true));
        }
    }
    let now = state.clock.now();
    let description = required_text("description", &request.description)?;
    if !user.is_staff()
        && (request.priority.is_some()
            || request.source.is_some()
            || request.reported_at.is_some()
            || request.priority_reason.is_some())
    {
        return Err(Error::Forbidden("only staff may set priority, priority_reason, source or reported_at".into()));
    }
    let override_reason = match (request.priority, request.priority_reason.as_deref()) {
        (Some(_), Some(reason)) => Some(required_text("priority_reason", reason)?),
        (Some(_), None) => return Err(Error::field("priority_reason", "required when priority is set")),
        (None, Some(_)) => return Err(Error::field("priority", "required when priority_reason is set")),
        (None, None) => None,
    };
    let reported_at = match request.reported_at {
        None => now,
        Some(t) => {
            let t = t.with_timezone(&Utc);
            if t > now + TimeDelta::minutes(1) {
                return Err(Error::field("reported_at", "is in the future"));
            }
            if t < now - TimeDelta::days(30) {
                return Err(Error::field("reported_at", "is more than 30 days ago"));
            }
            t
        }
    };
    let mut tx = state.db.begin().await?;
    let site = match site(&mut tx, request.site_id).await {
        Ok(site) if user.sees(site.organisation_id) => site,
        // Another organisation's site is as unknown as a missing one.
        Ok(_) | Err(Error::NotFound) => return Err(Error::NotFound),
        Err(e) => return Err(e),
    };
    let organisation = organisation(&mut tx, site.organisation_id).await?;
    let policy = crate::policies::effective(&mut tx, state, &organisation).await?;
    let callback_phone =
        request.callback_phone.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(callback_number).transpose()?;
    // A zone the site lists is a sensitive one: the suggestion weighs it as the
    // questionnaire's box would.
    let zone = request.zone.as_deref().map(str::trim).filter(|z| !z.is_empty()).map(str::to_string);
    let mut answers = request.answers;
    if let Some(zone) = &zone {
        if !site.sensitive_zones.iter().any(|z| z == zone) {
            return Err(Error::field(
                "zone",
                format!("{zone:?} is not a zone of this site (its zones: {})", site.sensitive_zones.join(", ")),
            ));
        }
        answers.get_or_insert_with(Answers::default).sensitive_zone = Some(true);
    }
    let classification = classify(Some(&description), answers.as_ref());
    let priority = request.priority.unwrap_or(classification.priority);
    let source = request.source.unwrap_or(if user.is_staff() { Source::Phone } else { Source::ClientPortal });
    let inserted = insert(
        &mut tx,
        Insert {
            site: &site,
            organisation: &organisation,
            source,
            description,
            answers,
            classification,
            priority,
            override_reason,
            on_site_required: request.on_site_required.unwrap_or(false),
            reported_at,
            created_by: Some(user.id),
            idempotency_hash: idempotency_key.as_ref().map(|_| hash.clone()),
            idempotency_key: idempotency_key.clone(),
            alert_fingerprint: None,
            policy,
        },
        now,
    )
    .await;
    let id = match inserted {
        Ok(id) => id,
        // The same key raced us: the other request created it.
        Err(Error::Duplicate { message, .. }) if idempotency_key.is_some() => {
            drop(tx);
            let key = idempotency_key.as_deref().unwrap_or_default();
            let found = find_by_key(state, user, key).await?.ok_or(Error::Database(message))?;
            let existing = replay_of(found, &hash)?;
            return Ok((get_view(state, user, existing).await?, true));
        }
        Err(e) => return Err(e),
    };
    if callback_phone.is_some() || zone.is_some() {
        sqlx::query("UPDATE incidents SET callback_phone = $1, zone = $2 WHERE id = $3")
            .bind(&callback_phone)
            .bind(&zone)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    let created = load(&mut tx, user, id).await?;
    tx.commit().await?;
    state.changed().await;
    Ok((view(&created, &site, &organisation, now)?, false))
}

/// The incident a user's key made, and the hash of the request it came with (none for
/// incidents reported before keys were bound to requests).
async fn find_by_key(state: &AppState, user: &User, key: &str) -> Result<Option<(i64, Option<String>)>, Error> {
    let row = sqlx::query("SELECT id, idempotency_hash FROM incidents WHERE created_by = $1 AND idempotency_key = $2")
        .bind(user.id)
        .bind(key)
        .fetch_optional(state.db.pool())
        .await?;
    row.map(|r| Ok((get(&r, "id")?, get(&r, "idempotency_hash")?))).transpose()
}

/// An action on an incident.
#[derive(Debug, Clone)]
pub enum Action {
    /// A technician called the client.
    Acknowledge { note: Option<String> },
    /// A technician was dispatched to the site: the P1 on-site promise.
    Dispatch { note: Option<String> },
    /// A technician is on site.
    OnSite { note: Option<String> },
    /// Whether a technician must go on site, decided during the take-charge call.
    OnSiteNeeded(OnSiteNeeded),
    /// The date of a P3 intervention.
    PlanIntervention(PlanIntervention),
    /// A client update was sent.
    Update { message: String },
    /// The priority changes.
    Reclassify { priority: Priority, reason: String },
    /// Data was or may have been lost.
    DataLoss(DataLoss),
    /// The GDPR notice is sent to the client.
    GdprNotice(GdprNotice),
    /// The incident's type is corrected; recurrence is judged again.
    CorrectType(TypeCorrection),
    /// The incident is resolved.
    Resolve(Resolution),
    /// The incident is closed.
    Close { note: Option<String> },
    /// A member of staff owns the incident from now, or nobody (`None`).
    Assign { user_id: Option<i64> },
    /// The client confirms the fix holds: the incident closes.
    Confirm,
    /// The client says the fix does not hold: the incident is back to work.
    Reopen { reason: String },
    /// The client answers how satisfied they are, once, after the closure.
    Rate { score: u8, comment: Option<String> },
}

impl Action {
    /// Whether the client's own users take this action, not the staff.
    fn is_the_clients(&self) -> bool {
        matches!(self, Action::Confirm | Action::Reopen { .. } | Action::Rate { .. })
    }

    /// Whether it may still be taken once the incident is closed: the client's rating, and
    /// a data loss found late with the GDPR notice it calls for, whose clock runs whatever
    /// the incident's state.
    fn after_closure(&self) -> bool {
        matches!(self, Action::Rate { .. } | Action::DataLoss(_) | Action::GdprNotice(_))
    }
}

fn conflict(incident: &Incident, why: &str) -> Error {
    Error::Conflict(format!("{} {why}", incident.reference))
}

/// What an action records: the event's kind and data, and the notice it sends.
struct Recorded {
    kind: &'static str,
    data: serde_json::Value,
    notice: Option<Notice>,
}

/// The notice an action sends, once the incident is updated.
enum Notice {
    TakeCharge,
    Update,
    Resolution,
    Closure,
    Reclassification { from: Priority, reason: String },
    InterventionPlanned { planned_for: DateTime<Utc>, reason: Option<String> },
    Gdpr(Box<GdprNotice>),
}

/// The most data categories a GDPR notice names, and the longest one.
const MAX_DATA_CATEGORIES: usize = 20;
const MAX_DATA_CATEGORY: usize = 200;

/// A GDPR notice as it is sent and stored: every text trimmed and bounded like the others,
/// the categories too.
fn cleaned_notice(content: &GdprNotice) -> Result<GdprNotice, Error> {
    let missing = content.missing();
    if let Some(first) = missing.first() {
        return Err(Error::field(*first, format!("required; the notice lacks {}", missing.join(", "))));
    }
    if content.data_categories.len() > MAX_DATA_CATEGORIES {
        return Err(Error::field("data_categories", format!("more than {MAX_DATA_CATEGORIES} categories")));
    }
    let mut data_categories = Vec::new();
    for category in &content.data_categories {
        let category = required_text("data_categories", category)?;
        if category.chars().count() > MAX_DATA_CATEGORY {
            return Err(Error::field(
                "data_categories",
                format!("a category longer than {MAX_DATA_CATEGORY} characters"),
            ));
        }
        data_categories.push(category);
    }
    Ok(GdprNotice {
        nature: required_text("nature", &content.nature)?,
        data_categories,
        people_estimate: content.people_estimate,
        records_estimate: content.records_estimate,
        consequences: required_text("consequences", &content.consequences)?,
        measures: required_text("measures", &content.measures)?,
        contact: required_text("contact", &content.contact)?,
    })
}

/// The longest a reason, a note or a description may be, as the other texts.
fn optional_text(field: &str, value: Option<&str>) -> Result<Option<String>, Error> {
    value.map(str::trim).filter(|v| !v.is_empty()).map(|v| required_text(field, v)).transpose()
}

/// Applies an action: checks the transition (409 with the reason when impossible), records
/// it, appends the event and queues the notifications it causes, in one transaction.
///
/// # Errors
/// [`Error::NotFound`], [`Error::Forbidden`] for a client, [`Error::Conflict`],
/// [`Error::BadRequest`].
pub async fn act(state: &AppState, user: &User, id: i64, action: Action) -> Result<IncidentView, Error> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let incident = load(&mut tx, user, id).await?;
    if action.is_the_clients() {
        if user.is_staff() {
            return Err(Error::Forbidden(format!("only the client's users answer this, not a {}", user.role)));
        }
    } else {
        user.require_staff()?;
    }
    if incident.closed_at.is_some() && !action.after_closure() {
        return Err(conflict(&incident, "is closed"));
    }
    let recorded = record(&mut tx, &incident, &action, now).await?;
    let event_id = events::append(
        &mut tx,
        Some(id),
        Some(incident.organisation_id),
        recorded.kind,
        now,
        Some(user.id),
        recorded.data,
    )
    .await?;
    let updated = load(&mut tx, user, id).await?;
    let site = site(&mut tx, updated.site_id).await?;
    let org = organisation(&mut tx, updated.organisation_id).await?;
    if let Some(notice) = &recorded.notice {
        let link = incident_link(state, id);
        let notice = match notice {
            Notice::TakeCharge => ClientNotice::TakeCharge,
            Notice::Update => ClientNotice::Update,
            Notice::Resolution => ClientNotice::Resolution { link: &link },
            Notice::Closure => ClientNotice::Closure { link: &link },
            Notice::Reclassification { from, reason } => ClientNotice::Reclassification { from: *from, reason },
            Notice::InterventionPlanned { planned_for, reason } => {
                ClientNotice::InterventionPlanned { planned_for: *planned_for, reason: reason.as_deref() }
            }
            Notice::Gdpr(content) => ClientNotice::Gdpr(content.as_ref()),
        };
        notices::queue(&mut tx, &updated, &site, &org, notice, event_id, now).await?;
    }
    let updated = match &action {
        Action::Resolve(_) if updated.priority == Priority::P1 => {
            draft_postmortem(&mut tx, &updated, &site, now).await?;
            updated
        }
        Action::CorrectType(_) => {
            let cause = format!("Type corrigé en {}", updated.incident_type);
            detect_recurrence(&mut tx, &updated, &site, &org, now, &cause).await?;
            judge_later_again(&mut tx, &incident, &updated, &site, &org, now).await?;
            load(&mut tx, user, id).await?
        }
        _ => updated,
    };
    tx.commit().await?;
    state.changed().await;
    view(&updated, &site, &org, now)
}

/// Checks an action against the incident's state and writes what it changes.
async fn record(
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
            recorded("acknowledged", json!({ "note": n }), Some(Notice::TakeCharge))
        }
        Action::Dispatch { note: n } => {
            let n = note(n)?;
            acknowledged()?;
            unresolved()?;
            if t.dispatched_at.is_some() {
                return Err(conflict(incident, &format!("had a technician dispatched at {}", stamp(t.dispatched_at))));
            }
            sqlx::query(&set("dispatched_at")).bind(to_ms(now)).bind(id).execute(&mut *tx).await?;
            recorded("dispatched", json!({ "note": n }), None)
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
            recorded("on_site", json!({ "note": n }), None)
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
            recorded("on_site_needed", json!({ "needed": needed, "reason": reason }), None)
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
            recorded("intervention_planned", data, Some(Notice::InterventionPlanned { planned_for, reason }))
        }
        Action::Update { message } => {
            let message = required_text("message", message)?;
            acknowledged()?;
            unresolved()?;
            sqlx::query(&set("last_update_at")).bind(to_ms(now)).bind(id).execute(&mut *tx).await?;
            recorded("update", json!({ "message": message }), Some(Notice::Update))
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
            recorded("reclassified", data, Some(Notice::Reclassification { from: incident.priority, reason }))
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
            recorded("data_loss", json!({ "known_at": known_at, "description": description }), None)
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
            recorded("gdpr_notice", data, Some(Notice::Gdpr(Box::new(content))))
        }
        Action::CorrectType(TypeCorrection { system, symptom, reason }) => {
            let reason = required_text("reason", reason)?;
            let incident_type = format!("{}/{}", system.as_str(), symptom.as_str());
            if incident_type == incident.incident_type {
                return Err(conflict(incident, &format!("is already of type {incident_type}")));
            }
            sqlx::query(&set("incident_type")).bind(&incident_type).bind(id).execute(&mut *tx).await?;
            recorded(
                "type_corrected",
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
                events::append(tx, Some(id), Some(incident.organisation_id), "data_loss", now, None, data).await?;
            }
            recorded("resolved", serde_json::to_value(&resolution).unwrap_or_default(), Some(Notice::Resolution))
        }
        Action::Close { note: n } => {
            let n = note(n)?;
            if t.resolved_at.is_none() {
                return Err(conflict(incident, "must be resolved first"));
            }
            sqlx::query(&set("closed_at")).bind(to_ms(now)).bind(id).execute(&mut *tx).await?;
            recorded("closed", json!({ "note": n }), Some(Notice::Closure))
        }
        Action::Confirm => {
            if t.resolved_at.is_none() {
                return Err(conflict(incident, "is not resolved: there is no fix to confirm yet"));
            }
            sqlx::query(&set("closed_at")).bind(to_ms(now)).bind(id).execute(&mut *tx).await?;
            recorded("confirmed", json!({}), Some(Notice::Closure))
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
            recorded("reopened", json!({ "reason": reason, "resolved_at": t.resolved_at }), None)
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
            recorded("rated", json!({ "score": score, "comment": comment }), None)
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
            recorded("assigned", json!({ "from": incident.assignee_name, "to": name }), None)
        }
    }
}

/// Creates the draft post-mortem of a resolved P1, its timeline filled in from the events.
async fn draft_postmortem(
    conn: &mut AnyConnection,
    incident: &Incident,
    site: &Site,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    // Published, the post-mortem is the client's: the team's internal notes stay out.
    let rows = sqlx::query("SELECT * FROM events WHERE incident_id = $1 AND kind <> $2 ORDER BY id")
        .bind(incident.id)
        .bind(crate::messages::INTERNAL_NOTE)
        .fetch_all(&mut *conn)
        .await?;
    let timeline = rows
        .iter()
        .map(|r| {
            let kind: String = get(r, "kind")?;
            let data: String = get(r, "data")?;
            Ok(TimelineEntry { at: from_ms(get(r, "at")?), text: describe_event(&kind, &data) })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let resolution = incident.resolution.clone().unwrap_or_default();
    let document = PostMortem { timeline, root_cause: resolution.root_cause, ..PostMortem::default() };
    let calendar = site.calendar()?;
    let due = sla::deadlines(&incident.times, &incident.policy, &calendar)
        .map_err(Error::Engine)?
        .postmortem_due
        .unwrap_or(now);
    sqlx::query(
        "INSERT INTO postmortems (incident_id, status, document, due_at, updated_at) VALUES ($1, 'draft', $2, $3, $4)
         ON CONFLICT (incident_id) DO NOTHING",
    )
    .bind(incident.id)
    .bind(serde_json::to_string(&document).unwrap_or_default())
    .bind(to_ms(due))
    .bind(to_ms(now))
    .execute(&mut *conn)
    .await?;
    events::append(
        conn,
        Some(incident.id),
        Some(incident.organisation_id),
        "postmortem_draft",
        now,
        None,
        json!({ "due": due }),
    )
    .await?;
    Ok(())
}

/// A notice's channel as the French chronology says it.
fn channel_fr(channel: &str) -> &'static str {
    match channel {
        "sms" => "par SMS",
        "email" => "par e-mail",
        _ => "",
    }
}

/// A number to call back, as people write it (`06 12 34 56 78`, `+33 6 12…`,
/// `01.23.45.67.89`): digits with spaces, dots, dashes or parentheses, an optional leading
/// `+`, 6 to 15 digits; kept as written, trimmed.
///
/// # Errors
/// [`Error::BadRequest`] on `callback_phone`.
fn callback_number(phone: &str) -> Result<String, Error> {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')') || (c == '+' && i == 0));
    if !allowed || !(6..=15).contains(&digits) {
        return Err(Error::field(
            "callback_phone",
            format!("{phone:?} is not a phone number (digits, an optional leading +)"),
        ));
    }
    Ok(phone.to_string())
}

/// One line of a timeline, in French, from an event.
pub fn describe_event(kind: &str, data: &str) -> String {
    let data: serde_json::Value = serde_json::from_str(data).unwrap_or_default();
    let s = |k: &str| data.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    match kind {
        "reported" => {
            let source = match s("source").as_str() {
                "client_portal" => "portail client",
                "supervision" => "supervision",
                "phone" => "téléphone",
                _ => "source inconnue",
            };
            format!("Incident signalé ({source}), priorité {}", s("priority"))
        }
        "acknowledged" => "Prise en charge : un technicien a appelé le client".to_string(),
        "on_site" => "Technicien sur site".to_string(),
        "update" => format!("Point d'avancement envoyé au client : {}", s("message")),
        "reclassified" => format!("Priorité passée de {} à {} : {}", s("from"), s("to"), s("reason")),
        "resolved" => format!("Résolu. Cause : {}. Actions : {}", s("root_cause"), s("actions")),
        "closed" if data["automatic"] == true => "Incident clos sans réponse du client dans le délai".to_string(),
        "closed" => "Incident clos".to_string(),
        "confirmed" => "Résolution confirmée par le client ; incident clos".to_string(),
        "reopened" => format!("Rouvert par le client : {}", s("reason")),
        "rated" => format!("Avis du client : {}/5", data["score"]),
        "alert" => {
            let clock = serde_json::from_value::<vigie_engine::sla::ClockKind>(data["clock"].clone())
                .map_or_else(|_| s("clock"), |k| k.names().0.to_string());
            match s("level").as_str() {
                "breached" => format!("Alerte SLA : {clock} dépassé"),
                "escalated" if !s("to").is_empty() => {
                    format!("Escalade : {clock} toujours dépassé, {} prévenu", s("to"))
                }
                "escalated" => format!("Escalade : {clock} toujours dépassé"),
                _ => format!("Alerte SLA : {clock} à risque"),
            }
        }
        "notification_delivered" => format!("Notification envoyée {} à {}", channel_fr(&s("channel")), s("recipient")),
        "notification_failed" => format!("Échec de notification {} à {}", channel_fr(&s("channel")), s("recipient")),
        "supervision_alert" => format!("Alerte de supervision répétée : {}", s("summary")),
        "dispatched" => "Technicien envoyé sur site".to_string(),
        "on_site_needed" => format!("Besoin d'intervention sur site revu : {}", s("reason")),
        "intervention_planned" => "Intervention sur site planifiée".to_string(),
        "data_loss" => format!("Perte de données constatée : {}", s("description")),
        "gdpr_notice" => "Information RGPD envoyée au client".to_string(),
        "type_corrected" => format!("Type d'incident corrigé : {}", s("reason")),
        "recurrence_detected" => "Incident récurrent : revue technique ouverte".to_string(),
        "supervision_resolved" => "Fin d'alerte de la supervision".to_string(),
        "review_closed" => "Revue technique terminée".to_string(),
        "message" => format!("Message : {}", s("text")),
        "oncall_page" => match data.get("to").and_then(|v| v.as_str()) {
            Some(to) => format!("Astreinte : {to} appelé(e) par SMS et e-mail"),
            None => "Astreinte : personne de service ; responsable d'exploitation prévenu".to_string(),
        },
        "assigned" if data["oncall"] == true => match data.get("to").and_then(|v| v.as_str()) {
            Some(to) => format!("Incident confié à {to}, d'astreinte"),
            None => "Incident sans responsable".to_string(),
        },
        "assigned" => match data.get("to").and_then(|v| v.as_str()) {
            Some(to) => format!("Incident confié à {to}"),
            None => "Incident sans responsable".to_string(),
        },
        // A kind this list does not know yet is still said in words, never as its code.
        _ => "Événement".to_string(),
    }
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

/// The incidents a promise is still running on: open ones, and closed ones while a P1's
/// post-mortem or a GDPR notice is still due. The monitor watches them; the wall shows them.
const WATCHED: &str = "(closed_at IS NULL
    OR (priority = 'P1' AND resolved_at IS NOT NULL AND postmortem_published_at IS NULL)
    OR (data_loss_known_at IS NOT NULL AND gdpr_notice_sent_at IS NULL))";

/// The watched incidents ([`WATCHED`]), for the monitor.
pub(crate) async fn open_incidents(conn: &mut AnyConnection) -> Result<Vec<Incident>, Error> {
    let rows = sqlx::query(&format!("SELECT * FROM incidents WHERE {WATCHED}")).fetch_all(&mut *conn).await?;
    rows.iter().map(Incident::from_row).collect()
}
