//! The routes of incidents: the list, a report, one incident and its timeline, and one
//! route per action of its life.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use vigie_engine::communication::{GdprNotice, Resolution};

use super::{
    act, create, get_view, list, timeline, Action, DataLoss, ListQuery, NewIncident, OnSiteNeeded, PlanIntervention,
    TypeCorrection,
};
use crate::auth;
use crate::error::Error;
use crate::extract::{ApiJson, ApiQuery, Id, OptionalJson};
use crate::model::User;
use crate::state::AppState;

/// The routes of incidents, and the staff who can be given one.
pub fn router(state: &AppState) -> Router<AppState> {
    let staff = Router::new()
        .route("/staff", get(staff))
        .route_layer(middleware::from_fn_with_state(state.clone(), auth::staff_only));
    Router::new()
        .route("/incidents", get(list_incidents).post(create_incident))
        .route("/incidents/{id}", get(get_incident))
        .route("/incidents/{id}/events", get(incident_events))
        .route("/incidents/{id}/acknowledge", post(acknowledge))
        .route("/incidents/{id}/dispatch", post(dispatch))
        .route("/incidents/{id}/on-site", post(on_site))
        .route("/incidents/{id}/on-site-needed", post(on_site_needed))
        .route("/incidents/{id}/plan-intervention", post(plan_intervention))
        .route("/incidents/{id}/data-loss", post(data_loss))
        .route("/incidents/{id}/gdpr-notice", post(gdpr_notice))
        .route("/incidents/{id}/type", post(correct_type))
        .route("/incidents/{id}/updates", post(update))
        .route("/incidents/{id}/reclassify", post(reclassify))
        .route("/incidents/{id}/resolve", post(resolve))
        .route("/incidents/{id}/close", post(close))
        .route("/incidents/{id}/assign", post(assign))
        .route("/incidents/{id}/confirm", post(confirm))
        .route("/incidents/{id}/reopen", post(reopen))
        .route("/incidents/{id}/satisfaction", post(rate))
        .merge(staff)
}

async fn list_incidents(
    State(state): State<AppState>,
    user: User,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Response, Error> {
    Ok(Json(list(&state, &user, &query).await?).into_response())
}

async fn create_incident(
    State(state): State<AppState>,
    user: User,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewIncident>,
) -> Result<Response, Error> {
    let key = match headers.get("idempotency-key") {
        Some(v) => Some(v.to_str().map_err(|_| Error::field("Idempotency-Key", "must be visible ASCII"))?.to_string()),
        None => None,
    };
    let (view, replayed) = create(&state, &user, body, key).await?;
    let location = format!("/api/incidents/{}", view.id);
    let mut response = (StatusCode::CREATED, [(header::LOCATION, location)], Json(view)).into_response();
    if replayed {
        response.headers_mut().insert("idempotent-replayed", header::HeaderValue::from_static("true"));
    }
    Ok(response)
}

async fn get_incident(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Response, Error> {
    Ok(Json(get_view(&state, &user, id).await?).into_response())
}

async fn incident_events(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Response, Error> {
    Ok(Json(timeline(&state, &user, id).await?).into_response())
}

async fn run(state: AppState, user: User, id: i64, action: Action) -> Result<Response, Error> {
    Ok(Json(act(&state, &user, id, action).await?).into_response())
}

async fn acknowledge(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    OptionalJson(body): OptionalJson<vigie_api::Note>,
) -> Result<Response, Error> {
    run(state, user, id, Action::Acknowledge { note: body.note }).await
}

async fn on_site(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    OptionalJson(body): OptionalJson<vigie_api::Note>,
) -> Result<Response, Error> {
    run(state, user, id, Action::OnSite { note: body.note }).await
}

async fn dispatch(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    OptionalJson(body): OptionalJson<vigie_api::Note>,
) -> Result<Response, Error> {
    run(state, user, id, Action::Dispatch { note: body.note }).await
}

async fn on_site_needed(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(body): ApiJson<OnSiteNeeded>,
) -> Result<Response, Error> {
    run(state, user, id, Action::OnSiteNeeded(body)).await
}

async fn plan_intervention(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(body): ApiJson<PlanIntervention>,
) -> Result<Response, Error> {
    run(state, user, id, Action::PlanIntervention(body)).await
}

async fn data_loss(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(body): ApiJson<DataLoss>,
) -> Result<Response, Error> {
    run(state, user, id, Action::DataLoss(body)).await
}

async fn gdpr_notice(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(body): ApiJson<GdprNotice>,
) -> Result<Response, Error> {
    run(state, user, id, Action::GdprNotice(body)).await
}

async fn correct_type(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(body): ApiJson<TypeCorrection>,
) -> Result<Response, Error> {
    run(state, user, id, Action::CorrectType(body)).await
}

async fn close(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    OptionalJson(body): OptionalJson<vigie_api::Note>,
) -> Result<Response, Error> {
    run(state, user, id, Action::Close { note: body.note }).await
}

async fn assign(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(body): ApiJson<vigie_api::Assign>,
) -> Result<Response, Error> {
    run(state, user, id, Action::Assign { user_id: body.user_id }).await
}

/// `POST /api/incidents/{id}/confirm` (the client's users): the fix holds; the incident closes.
async fn confirm(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Response, Error> {
    run(state, user, id, Action::Confirm).await
}

/// `POST /api/incidents/{id}/reopen` (the client's users): the fix does not hold, and why.
async fn reopen(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(body): ApiJson<vigie_api::Reopening>,
) -> Result<Response, Error> {
    run(state, user, id, Action::Reopen { reason: body.reason }).await
}

/// `POST /api/incidents/{id}/satisfaction` (the client's users, once the incident is closed).
async fn rate(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(body): ApiJson<vigie_api::Rating>,
) -> Result<Response, Error> {
    run(state, user, id, Action::Rate { score: body.score, comment: body.comment }).await
}

/// `GET /api/staff` (staff): the active members of staff an incident can be assigned to.
async fn staff(State(state): State<AppState>) -> Result<Json<Vec<vigie_api::StaffMember>>, Error> {
    let rows = sqlx::query(
        "SELECT id, display_name, role FROM users WHERE active = 1 AND role <> 'client' ORDER BY display_name",
    )
    .fetch_all(state.db.pool())
    .await?;
    let staff = rows
        .iter()
        .map(|r| {
            Ok(vigie_api::StaffMember {
                id: crate::db::get(r, "id")?,
                display_name: crate::db::get(r, "display_name")?,
                role: crate::db::get_parsed(r, "role")?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Json(staff))
}

async fn update(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(body): ApiJson<vigie_api::Update>,
) -> Result<Response, Error> {
    run(state, user, id, Action::Update { message: body.message }).await
}

async fn reclassify(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(body): ApiJson<vigie_api::Reclassification>,
) -> Result<Response, Error> {
    run(state, user, id, Action::Reclassify { priority: body.priority, reason: body.reason }).await
}

async fn resolve(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(body): ApiJson<vigie_api::Resolve>,
) -> Result<Response, Error> {
    let resolution = Resolution {
        root_cause: body.root_cause,
        actions: body.actions,
        security_data_impact: body.security_data_impact,
        personal_data_lost: body.personal_data_lost,
    };
    run(state, user, id, Action::Resolve(resolution)).await
}
