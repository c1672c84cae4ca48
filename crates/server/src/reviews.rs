//! Technical reviews (procedure §04): a recurring incident — the same type on the same site
//! within 3 months — opens a review of the system concerned, which ends in a preventive
//! investment proposal.
//!
//! A review has an owner among the staff, a deadline (the policy's `technical_review`,
//! 20 business days by default, counted on the site's calendar), findings, and a status
//! that only moves forward: `open` → `in_progress` → `done`. Its clock is watched by the
//! monitor like an incident's; the client is told when it opens and when it closes.

use axum::extract::State;
use axum::routing::{self, put};
use axum::Json;
use axum::Router;
use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::AnyConnection;
use vigie_api::{EventKind, Proposal};
use vigie_engine::sla::{self, Clock};

use crate::db::{from_ms, get, get_json, get_time, to_ms};
use crate::error::Error;
use crate::events;
use crate::extract::{ApiJson, Id};
use crate::incidents::{self, Incident};
use crate::model::SiteRow;
use crate::model::{Site, User};
use crate::notices::{self, ClientNotice};
use crate::state::AppState;

pub use vigie_api::{ReviewChange, ReviewView};

/// Where a review stands, in the only order it may move.
const STATUSES: [&str; 3] = ["open", "in_progress", "done"];

const SELECT: &str =
    "SELECT recurrence_reviews.*, incidents.reference, incidents.organisation_id, users.display_name AS owner_name
    FROM recurrence_reviews
    JOIN incidents ON incidents.id = recurrence_reviews.incident_id
    LEFT JOIN users ON users.id = recurrence_reviews.owner_id";

/// The clock of a review, on its incident's policy and its site's calendar.
///
/// # Errors
/// [`Error::Database`] when the site's calendar is broken.
pub fn clock(
    incident: &Incident,
    site: &Site,
    opened_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Clock, Error> {
    sla::review_clock(opened_at, closed_at, &incident.policy, &site.calendar()?, now).map_err(Error::Engine)
}

async fn view(conn: &mut AnyConnection, row: &AnyRow, now: DateTime<Utc>) -> Result<ReviewView, Error> {
    let incident_id: i64 = get(row, "incident_id")?;
    let row_incident =
        sqlx::query("SELECT * FROM incidents WHERE id = $1").bind(incident_id).fetch_one(&mut *conn).await?;
    let incident = Incident::from_row(&row_incident)?;
    let site = incidents::site(conn, incident.site_id).await?;
    let created_at = from_ms(get(row, "created_at")?);
    let closed_at = get_time(row, "closed_at")?;
    let description: Option<String> = get(row, "proposal_description")?;
    // The three are written together (`set_proposal`).
    let proposal = match description {
        Some(description) => Some(Proposal {
            description,
            estimated_cost_eur: get(row, "proposal_cost_eur")?,
            status: get::<String>(row, "proposal_status")?.parse().map_err(Error::Database)?,
        }),
        None => None,
    };
    Ok(ReviewView {
        id: get(row, "id")?,
        incident_id,
        reference: get(row, "reference")?,
        organisation_id: get(row, "organisation_id")?,
        site_id: get(row, "site_id")?,
        incident_type: get(row, "incident_type")?,
        related: get_json(row, "related")?,
        status: get(row, "status")?,
        owner_id: get(row, "owner_id")?,
        owner_name: get(row, "owner_name")?,
        findings: get(row, "findings")?,
        proposal,
        created_at,
        closed_at,
        clock: clock(&incident, &site, created_at, closed_at, now)?,
    })
}

/// The reviews of the organisations the caller may see, newest first.
async fn load_all(state: &AppState, user: &User) -> Result<Vec<ReviewView>, Error> {
    let mut conn = state.db.pool().acquire().await?;
    let rows = sqlx::query(&format!("{SELECT} ORDER BY recurrence_reviews.id DESC")).fetch_all(&mut *conn).await?;
    let now = state.clock.now();
    let mut out = Vec::new();
    for row in rows.iter().filter(|r| get::<i64>(r, "organisation_id").is_ok_and(|o| user.sees(o))) {
        out.push(view(&mut conn, row, now).await?);
    }
    Ok(out)
}

/// One review the caller may see; any other id is 404.
async fn load(conn: &mut AnyConnection, user: &User, id: i64, now: DateTime<Utc>) -> Result<ReviewView, Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE recurrence_reviews.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound)?;
    if !user.sees(get(&row, "organisation_id")?) {
        return Err(Error::NotFound);
    }
    view(conn, &row, now).await
}

/// `GET /api/reviews`.
pub async fn list(State(state): State<AppState>, user: User) -> Result<Json<Vec<ReviewView>>, Error> {
    Ok(Json(load_all(&state, &user).await?))
}

/// `PUT /api/reviews/{id}` (staff): the owner, the findings, the status. Closing needs an
/// owner and findings, and tells the client.
pub async fn update(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(change): ApiJson<ReviewChange>,
) -> Result<Json<ReviewView>, Error> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let review = load(&mut tx, &user, id, now).await?;
    user.require_staff()?;
    let owner_id = match change.owner_id {
        Some(owner) => {
            let row = sqlx::query("SELECT role, active FROM users WHERE id = $1")
                .bind(owner)
                .fetch_optional(&mut *tx)
                .await?;
            let staff = row.is_some_and(|r| {
                get::<String>(&r, "role").is_ok_and(|role| role != "client")
                    && get::<i64>(&r, "active").is_ok_and(|a| a != 0)
            });
            if !staff {
                return Err(Error::field("owner_id", format!("{owner} is not an active staff user")));
            }
            Some(owner)
        }
        None => review.owner_id,
    };
    let findings = match change.findings.as_deref().map(str::trim) {
        Some("") => return Err(Error::field("findings", "is empty; leave it out to keep the findings")),
        Some(text) if text.chars().count() > 20_000 => {
            return Err(Error::field("findings", "longer than 20000 characters"))
        }
        Some(text) => Some(text.to_string()),
        None => review.findings.clone(),
    };
    let status = change.status.clone().unwrap_or_else(|| review.status.clone());
    let (Some(from), Some(to)) =
        (STATUSES.iter().position(|s| *s == review.status), STATUSES.iter().position(|s| *s == status))
    else {
        return Err(Error::field("status", format!("{status:?} is not a status (expected open, in_progress or done)")));
    };
    if to < from {
        return Err(Error::Conflict(format!(
            "the review of {} is {}: a status only moves forward",
            review.reference, review.status
        )));
    }
    if from == 2 && (change.owner_id.is_some() || change.findings.is_some()) {
        return Err(Error::Conflict(format!("the review of {} is done", review.reference)));
    }
    let closing = to == 2 && from < 2;
    if closing && owner_id.is_none() {
        return Err(Error::field("owner_id", "required to close a review: who did it"));
    }
    if closing && findings.is_none() {
        return Err(Error::field("findings", "required to close a review: what it found"));
    }
    sqlx::query(
        "UPDATE recurrence_reviews SET owner_id = $1, findings = $2, status = $3, closed_at = $4 WHERE id = $5",
    )
    .bind(owner_id)
    .bind(findings.clone())
    .bind(&status)
    .bind(if closing { Some(to_ms(now)) } else { review.closed_at.map(to_ms) })
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let kind = if closing { EventKind::ReviewClosed } else { EventKind::ReviewUpdated };
    let data = json!({ "review": id, "status": status, "owner_id": owner_id, "findings": findings });
    let event_id =
        events::append(&mut tx, Some(review.incident_id), Some(review.organisation_id), kind, now, Some(user.id), data)
            .await?;
    if closing {
        let row =
            sqlx::query("SELECT * FROM incidents WHERE id = $1").bind(review.incident_id).fetch_one(&mut *tx).await?;
        let incident = Incident::from_row(&row)?;
        let site = incidents::site(&mut tx, incident.site_id).await?;
        let org = incidents::organisation(&mut tx, incident.organisation_id).await?;
        let proposal = review.proposal.as_ref().map(|p| p.description.clone());
        let notice = ClientNotice::ReviewClosed {
            findings: findings.as_deref().unwrap_or_default(),
            proposal: proposal.as_deref(),
        };
        notices::queue(&mut tx, &incident, &site, &org, notice, event_id, now).await?;
    }
    let updated = load(&mut tx, &user, id, now).await?;
    tx.commit().await?;
    state.changed().await;
    Ok(Json(updated))
}

/// `PUT /api/reviews/{id}/proposal`: staff record the preventive investment proposal.
pub async fn set_proposal(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(proposal): ApiJson<Proposal>,
) -> Result<Json<ReviewView>, Error> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let review = load(&mut tx, &user, id, now).await?;
    user.require_staff()?;
    let description = crate::incidents::required_text("description", &proposal.description)?;
    if proposal.estimated_cost_eur < 0 {
        return Err(Error::field("estimated_cost_eur", "cannot be negative"));
    }
    let status = proposal.status.as_str();
    sqlx::query("UPDATE recurrence_reviews SET proposal_description = $1, proposal_cost_eur = $2, proposal_status = $3 WHERE id = $4")
        .bind(&description)
        .bind(proposal.estimated_cost_eur)
        .bind(status)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    // The whole proposal and the one it replaces go on the timeline: a figure changed later
    // never erases what the client was first offered.
    let data = json!({
        "review": id, "proposal_status": status, "description": description,
        "estimated_cost_eur": proposal.estimated_cost_eur, "previous": review.proposal,
    });
    events::append(
        &mut tx,
        Some(review.incident_id),
        Some(review.organisation_id),
        EventKind::ReviewProposal,
        now,
        Some(user.id),
        data,
    )
    .await?;
    let updated = load(&mut tx, &user, id, now).await?;
    tx.commit().await?;
    state.changed().await;
    Ok(Json(updated))
}

/// The reviews still open, with their incident, for the monitor.
pub(crate) async fn open_reviews(conn: &mut AnyConnection) -> Result<Vec<(DateTime<Utc>, Incident)>, Error> {
    let rows = sqlx::query(
        "SELECT recurrence_reviews.created_at AS review_opened_at, incidents.* FROM recurrence_reviews
         JOIN incidents ON incidents.id = recurrence_reviews.incident_id WHERE recurrence_reviews.closed_at IS NULL",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| Ok((from_ms(get(r, "review_opened_at")?), Incident::from_row(r)?))).collect()
}

/// The routes of technical reviews: everyone lists those they may see; staff work on
/// them, checked after the review is found, so that a review a client may not see is 404
/// to it whatever it asks.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reviews", routing::get(list))
        .route("/reviews/{id}", put(update))
        .route("/reviews/{id}/proposal", put(set_proposal))
}
