//! Reporting an incident: the checks of a report, its idempotency key, and the insertion
//! of the incident with its first event.

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use serde_json::json;
use sqlx::AnyConnection;
use vigie_engine::classify::Answers;
use vigie_engine::{classify, Classification, Policy, Priority};

use super::{
    callback_number, detect_recurrence, get_view, load, organisation, required_text, site, view, Incident,
    StoredClassification,
};
use crate::db::{get, to_ms};
use crate::error::Error;
use crate::events::{self};
use crate::model::{Organisation, Site, User};
use crate::state::AppState;
use vigie_api::EventKind;
use vigie_api::{IncidentView, NewIncident, Source};

/// What a data loss recorded with the report says.
pub(super) const LOST_AT_THE_REPORT: &str = "Perte d'enregistrements signalée avec l'incident";

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
        EventKind::Reported,
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
        events::append(conn, Some(id), Some(new.organisation.id), EventKind::DataLoss, now, new.created_by, data)
            .await?;
    }
    let row = sqlx::query("SELECT * FROM incidents WHERE id = $1").bind(id).fetch_one(&mut *conn).await?;
    detect_recurrence(conn, &Incident::from_row(&row)?, new.site, new.organisation, now, "").await?;
    Ok(id)
}

/// The SHA-256 of a report as the server read it, which its `Idempotency-Key` is bound
/// to: the same report sent again has the same hash, whatever the spacing or the order of
/// its JSON keys.
pub(super) fn request_hash(request: &NewIncident) -> String {
    let canonical = serde_json::to_vec(request).unwrap_or_default();
    crate::auth::token_hash(&String::from_utf8_lossy(&canonical))
}

/// The incident a key made, if the request is the same; a key used for another request
/// is refused, so that a second report is never answered with the first one.
pub(super) fn replay_of(found: (i64, Option<String>), hash: &str) -> Result<i64, Error> {
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
pub(super) async fn find_by_key(
    state: &AppState,
    user: &User,
    key: &str,
) -> Result<Option<(i64, Option<String>)>, Error> {
    let row = sqlx::query("SELECT id, idempotency_hash FROM incidents WHERE created_by = $1 AND idempotency_key = $2")
        .bind(user.id)
        .bind(key)
        .fetch_optional(state.db.pool())
        .await?;
    row.map(|r| Ok((get(&r, "id")?, get(&r, "idempotency_hash")?))).transpose()
}
