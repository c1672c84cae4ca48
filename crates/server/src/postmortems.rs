//! Post-mortems of P1 incidents (procedure §04): a draft is created at resolution with the
//! timeline filled in; staff complete it; it is published to the client only when the
//! engine's check finds nothing missing. And the technical reviews opened by recurrences.

use axum::extract::{Path, State};
use axum::Json;
use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;
use vigie_engine::postmortem::PostMortem;

use crate::db::{from_ms, get, get_json, get_time, to_ms};
use crate::error::Error;
use crate::events;
use crate::http::ApiJson;
use crate::incidents;
use crate::model::User;
use crate::state::AppState;

pub use vigie_api::PostMortemView as View;

fn from_row(row: &AnyRow) -> Result<View, Error> {
    let document: PostMortem = get_json(row, "document")?;
    Ok(View {
        id: get(row, "id")?,
        incident_id: get(row, "incident_id")?,
        reference: get(row, "reference")?,
        organisation_id: get(row, "organisation_id")?,
        status: get(row, "status")?,
        missing: document.missing(),
        document,
        due_at: from_ms(get(row, "due_at")?),
        published_at: get_time(row, "published_at")?,
    })
}

const SELECT: &str = "SELECT postmortems.*, incidents.reference, incidents.organisation_id
    FROM postmortems JOIN incidents ON incidents.id = postmortems.incident_id";

/// Clients see their organisation's published post-mortems; staff see all.
fn visible(view: &View, user: &User) -> bool {
    user.is_staff() || (user.sees(view.organisation_id) && view.status == "published")
}

async fn load(state: &AppState, user: &User, id: i64) -> Result<View, Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE postmortems.id = $1")).bind(id).fetch_optional(state.db.pool()).await?;
    let view = from_row(&row.ok_or(Error::NotFound)?)?;
    if visible(&view, user) {
        Ok(view)
    } else {
        Err(Error::NotFound)
    }
}

/// `GET /api/postmortems`.
pub async fn list(State(state): State<AppState>, user: User) -> Result<Json<Vec<View>>, Error> {
    let rows = sqlx::query(&format!("{SELECT} ORDER BY postmortems.id DESC")).fetch_all(state.db.pool()).await?;
    let views = rows.iter().map(from_row).collect::<Result<Vec<_>, _>>()?;
    Ok(Json(views.into_iter().filter(|v| visible(v, &user)).collect()))
}

/// `GET /api/postmortems/{id}`.
pub async fn show(State(state): State<AppState>, user: User, Path(id): Path<i64>) -> Result<Json<View>, Error> {
    Ok(Json(load(&state, &user, id).await?))
}

/// `GET /api/incidents/{id}/postmortem`.
pub async fn of_incident(State(state): State<AppState>, user: User, Path(id): Path<i64>) -> Result<Json<View>, Error> {
    let mut conn = state.db.pool().acquire().await?;
    incidents::load(&mut conn, &user, id).await?;
    let row = sqlx::query(&format!("{SELECT} WHERE postmortems.incident_id = $1")).bind(id).fetch_optional(&mut *conn).await?;
    let view = from_row(&row.ok_or(Error::NotFound)?)?;
    if visible(&view, &user) {
        Ok(Json(view))
    } else {
        Err(Error::NotFound)
    }
}

/// `PUT /api/postmortems/{id}`: staff edit the document while it is a draft.
pub async fn edit(State(state): State<AppState>, user: User, Path(id): Path<i64>, ApiJson(document): ApiJson<PostMortem>) -> Result<Json<View>, Error> {
    let view = load(&state, &user, id).await?;
    user.require_staff()?;
    if view.status == "published" {
        return Err(Error::Conflict(format!("the post-mortem of {} is already published", view.reference)));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    sqlx::query("UPDATE postmortems SET document = $1, updated_at = $2 WHERE id = $3")
        .bind(serde_json::to_string(&document).map_err(|e| Error::Database(e.to_string()))?)
        .bind(to_ms(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    events::append(&mut tx, Some(view.incident_id), Some(view.organisation_id), "postmortem_edited", now, Some(user.id), json!({})).await?;
    tx.commit().await?;
    state.changed().await;
    Ok(Json(load(&state, &user, id).await?))
}

/// `POST /api/postmortems/{id}/publish`: only a complete post-mortem is shared.
pub async fn publish(State(state): State<AppState>, user: User, Path(id): Path<i64>) -> Result<Json<View>, Error> {
    let view = load(&state, &user, id).await?;
    user.require_staff()?;
    if view.status == "published" {
        return Err(Error::Conflict(format!("the post-mortem of {} is already published", view.reference)));
    }
    if !view.missing.is_empty() {
        let what: Vec<String> = view.missing.iter().map(|m| m.en.clone()).collect();
        return Err(Error::Conflict(format!("the post-mortem of {} is incomplete: {}", view.reference, what.join(" "))));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    sqlx::query("UPDATE postmortems SET status = 'published', published_at = $1 WHERE id = $2").bind(to_ms(now)).bind(id).execute(&mut *tx).await?;
    sqlx::query("UPDATE incidents SET postmortem_published_at = $1 WHERE id = $2").bind(to_ms(now)).bind(view.incident_id).execute(&mut *tx).await?;
    events::append(&mut tx, Some(view.incident_id), Some(view.organisation_id), "postmortem_published", now, Some(user.id), json!({})).await?;
    tx.commit().await?;
    state.changed().await;
    Ok(Json(load(&state, &user, id).await?))
}

/// A technical review opened by a recurrence.
#[derive(Debug, Serialize)]
pub struct Review {
    id: i64,
    incident_id: i64,
    reference: String,
    organisation_id: i64,
    site_id: i64,
    incident_type: String,
    related: Vec<String>,
    status: String,
}

/// `GET /api/reviews`: the reviews of the sites the caller may see.
pub async fn reviews(State(state): State<AppState>, user: User) -> Result<Json<Vec<Review>>, Error> {
    let rows = sqlx::query(
        "SELECT recurrence_reviews.*, incidents.reference, incidents.organisation_id FROM recurrence_reviews
         JOIN incidents ON incidents.id = recurrence_reviews.incident_id ORDER BY recurrence_reviews.id DESC",
    )
    .fetch_all(state.db.pool())
    .await?;
    let mut out = Vec::new();
    for row in rows {
        let organisation_id: i64 = get(&row, "organisation_id")?;
        if !user.sees(organisation_id) {
            continue;
        }
        out.push(Review {
            id: get(&row, "id")?,
            incident_id: get(&row, "incident_id")?,
            reference: get(&row, "reference")?,
            organisation_id,
            site_id: get(&row, "site_id")?,
            incident_type: get(&row, "incident_type")?,
            related: get_json(&row, "related")?,
            status: get(&row, "status")?,
        });
    }
    Ok(Json(out))
}
