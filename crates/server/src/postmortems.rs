//! Post-mortems of P1 incidents (procedure §04): a draft is created at resolution with the
//! timeline filled in; staff complete it; it is published to the client only when the
//! engine's check finds nothing missing; publishing it tells the client.

use axum::extract::State;
use axum::routing::{self, post};
use axum::Json;
use axum::Router;
use serde_json::json;
use sqlx::any::AnyRow;
use vigie_engine::postmortem::PostMortem;

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use vigie_api::EventKind;
use vigie_engine::postmortem::TimelineEntry;
use vigie_engine::sla;

use crate::db::{from_ms, get, get_json, get_time, to_ms};
use crate::error::Error;
use crate::events;
use crate::extract::{ApiJson, Id};
use crate::incidents;
use crate::incidents::{describe_event, Incident};
use crate::model::Site;
use crate::model::SiteRow;
use crate::model::User;
use crate::notices::{self, ClientNotice};
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
    let row =
        sqlx::query(&format!("{SELECT} WHERE postmortems.id = $1")).bind(id).fetch_optional(state.db.pool()).await?;
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
pub async fn show(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Json<View>, Error> {
    Ok(Json(load(&state, &user, id).await?))
}

/// `GET /api/incidents/{id}/postmortem`.
pub async fn of_incident(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Json<View>, Error> {
    let mut conn = state.db.pool().acquire().await?;
    incidents::load(&mut conn, &user, id).await?;
    let row = sqlx::query(&format!("{SELECT} WHERE postmortems.incident_id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let view = from_row(&row.ok_or(Error::NotFound)?)?;
    if visible(&view, &user) {
        Ok(Json(view))
    } else {
        Err(Error::NotFound)
    }
}

/// `PUT /api/postmortems/{id}`: staff edit the document while it is a draft.
pub async fn edit(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(document): ApiJson<PostMortem>,
) -> Result<Json<View>, Error> {
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
    events::append(
        &mut tx,
        Some(view.incident_id),
        Some(view.organisation_id),
        EventKind::PostmortemEdited,
        now,
        Some(user.id),
        json!({}),
    )
    .await?;
    tx.commit().await?;
    state.changed().await;
    Ok(Json(load(&state, &user, id).await?))
}

/// `POST /api/postmortems/{id}/publish`: only a complete post-mortem is shared.
pub async fn publish(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Json<View>, Error> {
    let view = load(&state, &user, id).await?;
    user.require_staff()?;
    if view.status == "published" {
        return Err(Error::Conflict(format!("the post-mortem of {} is already published", view.reference)));
    }
    if !view.missing.is_empty() {
        let what: Vec<String> = view.missing.iter().map(|m| m.en.clone()).collect();
        return Err(Error::Conflict(format!(
            "the post-mortem of {} is incomplete: {}",
            view.reference,
            what.join(" ")
        )));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    sqlx::query("UPDATE postmortems SET status = 'published', published_at = $1 WHERE id = $2")
        .bind(to_ms(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE incidents SET postmortem_published_at = $1 WHERE id = $2")
        .bind(to_ms(now))
        .bind(view.incident_id)
        .execute(&mut *tx)
        .await?;
    crate::lessons::record(&mut tx, &view, now).await?;
    let event_id = events::append(
        &mut tx,
        Some(view.incident_id),
        Some(view.organisation_id),
        EventKind::PostmortemPublished,
        now,
        Some(user.id),
        json!({}),
    )
    .await?;
    // The client is told, with the link to the document.
    let row = sqlx::query("SELECT * FROM incidents WHERE id = $1").bind(view.incident_id).fetch_one(&mut *tx).await?;
    let incident = incidents::Incident::from_row(&row)?;
    let site = incidents::site(&mut tx, incident.site_id).await?;
    let org = incidents::organisation(&mut tx, incident.organisation_id).await?;
    let link =
        format!("{}/postmortems/{id}", state.config.public_origin.as_deref().unwrap_or_default().trim_end_matches('/'));
    notices::queue(&mut tx, &incident, &site, &org, ClientNotice::PostmortemPublished { link: &link }, event_id, now)
        .await?;
    tx.commit().await?;
    state.changed().await;
    Ok(Json(load(&state, &user, id).await?))
}

/// Creates the draft post-mortem of a resolved P1, its timeline filled in from the events.
pub(crate) async fn draft_postmortem(
    conn: &mut AnyConnection,
    incident: &Incident,
    site: &Site,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    // Published, the post-mortem is the client's: the team's internal notes stay out.
    let rows = sqlx::query("SELECT * FROM events WHERE incident_id = $1 AND kind <> $2 ORDER BY id")
        .bind(incident.id)
        .bind(EventKind::InternalNote.as_str())
        .fetch_all(&mut *conn)
        .await?;
    let timeline = rows
        .iter()
        .map(|r| {
            let kind: String = get(r, "kind")?;
            let data: String = get(r, "data")?;
            Ok(TimelineEntry {
                at: from_ms(get(r, "at")?),
                text: describe_event(&EventKind::from(kind.as_str()), &data),
            })
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
        EventKind::PostmortemDraft,
        now,
        None,
        json!({ "due": due }),
    )
    .await?;
    Ok(())
}

/// The routes of post-mortems: everyone reads those they may see; staff edit and publish
/// them, checked after the post-mortem is found, so that one a client may not see is 404
/// to it whatever it asks.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/incidents/{id}/postmortem", routing::get(of_incident))
        .route("/postmortems", routing::get(list))
        .route("/postmortems/{id}", routing::get(show).put(edit))
        .route("/postmortems/{id}/publish", post(publish))
}
