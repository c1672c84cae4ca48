//! Recurrence: an incident of the same type on the same site within three months opens a
//! technical review, and a corrected type judges it again.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::json;
use sqlx::AnyConnection;
use vigie_engine::recurrence::{recurrent_with, IncidentKey};

use super::Incident;
use crate::db::{from_ms, get, to_ms};
use crate::error::Error;
use crate::events::{self};
use crate::model::{Organisation, Site};
use crate::notices::{self, ClientNotice};
use vigie_api::EventKind;

/// Judges again the recurrence of the site's incidents reported after one whose type was
/// corrected, within the recurrence window: those of the former type may no longer repeat
/// anything, those of the new type may now.
pub(super) async fn judge_later_again(
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

/// Judges whether an incident recurs (same type, same site, 3 months) and keeps its
/// technical review in step: opened, and the client told, when it recurs; closed when a
/// corrected type makes it no longer recur.
///
/// `cause` says, when a review opened earlier ends because the incident no longer recurs,
/// what changed (its own type, or the type of the incident it repeated).
pub(super) async fn detect_recurrence(
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
                EventKind::ReviewClosed,
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
        EventKind::RecurrenceDetected,
        now,
        None,
        json!({ "related": related, "incident_type": incident_type }),
    )
    .await?;
    notices::queue(conn, incident, site, org, ClientNotice::ReviewOpened { related: &related }, event_id, now).await?;
    Ok(())
}
