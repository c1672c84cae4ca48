//! The HTTP side of Vigie: the built browser app and the JSON API.
//!
//! [`app`] builds the router apart from any socket, so tests drive it directly.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use chrono::SecondsFormat;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use sqlx::Row;
use tower_http::services::{ServeDir, ServeFile};
use vigie_engine::communication::Resolution;
use vigie_engine::Priority;

use crate::auth::{self, session_cookie, SESSION_DAYS};
use crate::error::Error;
use crate::incidents::{self, Action, ListQuery, NewIncident};
use crate::model::{Site, User};
use crate::state::AppState;
use crate::{admin, events, ingest, metrics, postmortems, reports};

pub use crate::state::AppState as State_;

/// The largest request body accepted.
pub const MAX_BODY: usize = 64 * 1024;

/// The whole HTTP surface: `/healthz`, `/metrics`, the API under `/api`, and the app for
/// every other path, with `index.html` for the app's own routes (`/incidents/42` opened
/// directly) and the back office's `office/index.html` for its pages.
pub fn app(state: AppState) -> Router {
    let index = state.dist.join("index.html");
    let office = state.dist.join("office").join("index.html");
    let api = Router::new()
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/me", get(me))
        .route("/time", get(time))
        .route("/sites", get(sites))
        .route("/incidents", get(list_incidents).post(create_incident))
        .route("/incidents/{id}", get(get_incident))
        .route("/incidents/{id}/events", get(incident_events))
        .route("/incidents/{id}/acknowledge", post(acknowledge))
        .route("/incidents/{id}/on-site", post(on_site))
        .route("/incidents/{id}/updates", post(update))
        .route("/incidents/{id}/reclassify", post(reclassify))
        .route("/incidents/{id}/resolve", post(resolve))
        .route("/incidents/{id}/close", post(close))
        .route("/incidents/{id}/postmortem", get(postmortems::of_incident))
        .route("/postmortems", get(postmortems::list))
        .route("/postmortems/{id}", get(postmortems::show).put(postmortems::edit))
        .route("/postmortems/{id}/publish", post(postmortems::publish))
        .route("/reviews", get(postmortems::reviews))
        .route("/reviews/{id}/proposal", axum::routing::put(postmortems::set_proposal))
        .route("/lessons", get(postmortems::lessons))
        .route("/admin/organisations", get(admin::organisations).post(admin::create_organisation))
        .route("/admin/organisations/{id}", axum::routing::put(admin::update_organisation))
        .route("/admin/organisations/{id}/token", post(admin::create_token).delete(admin::revoke_token))
        .route("/admin/sites", post(admin::create_site))
        .route("/admin/sites/{id}", axum::routing::put(admin::update_site))
        .route("/admin/users", get(admin::users).post(admin::create_user))
        .route("/admin/users/{id}/password", axum::routing::put(admin::set_password))
        .route("/admin/users/{id}/deactivate", post(admin::deactivate_user))
        .route("/admin/audit", get(admin::audit))
        .route("/admin/policies", get(crate::policies::list))
        .route("/admin/policies/{contract}", axum::routing::put(crate::policies::set).delete(crate::policies::reset))
        .route("/reports/sla", get(reports::sla_report))
        .route("/events", get(events::stream))
        .route("/ingest/alertmanager", post(ingest::alertmanager))
        .fallback(|| async { Error::NotFound })
        .layer(middleware::from_fn_with_state(state.clone(), auth::same_origin));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics::render))
        .nest("/api", api)
        .route_service("/admin", ServeFile::new(&office))
        .route_service("/reports", ServeFile::new(&office))
        .route_service("/lessons", ServeFile::new(&office))
        .fallback_service(ServeDir::new(&state.dist).fallback(ServeFile::new(index)))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(state.clone(), metrics::track))
        .with_state(state)
}

/// A JSON body whose errors name the field at fault (`answers.system: unknown variant…`).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Error;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Error> {
        let declared = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > MAX_BODY) {
            // Read what a client may reasonably still be sending (up to 1 MiB), so that it
            // gets the answer rather than a connection reset while it writes.
            let _ = axum::body::to_bytes(request.into_body(), 1 << 20).await;
            return Err(Error::PayloadTooLarge);
        }
        let bytes: Bytes = axum::body::to_bytes(request.into_body(), MAX_BODY).await.map_err(|_| Error::PayloadTooLarge)?;
        let deserializer = &mut serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(deserializer).map(ApiJson).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                return Error::BadRequest { field: None, message: format!("invalid JSON body: {inner}") };
            }
            let path = if path == "." { String::new() } else { path };
            let message = inner.to_string();
            // "missing field `actions`" is about a field the path does not reach yet.
            let missing = message
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split_once('`'))
                .map(|(name, _)| if path.is_empty() { name.to_string() } else { format!("{path}.{name}") });
            match (missing, path.is_empty()) {
                (Some(field), _) => Error::field(field, "required"),
                (None, true) => Error::BadRequest { field: None, message: format!("invalid JSON body: {message}") },
                (None, false) => Error::field(path, message),
            }
        })
    }
}

async fn healthz() -> &'static str {
    "ok"
}

/// `GET /api/time`: the server's clock, so that browsers can correct their own.
async fn time(State(state): State<AppState>) -> Json<serde_json::Value> {
    let now = state.clock.now();
    Json(serde_json::json!({ "now": now.to_rfc3339_opts(SecondsFormat::Millis, true), "epoch_ms": now.timestamp_millis() }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Login {
    username: String,
    password: String,
}

async fn login(State(state): State<AppState>, ApiJson(body): ApiJson<Login>) -> Result<Response, Error> {
    let (token, user) = auth::login(&state, &body.username, &body.password).await?;
    let cookie = session_cookie(&token, SESSION_DAYS * 86_400);
    Ok(([(header::SET_COOKIE, cookie)], Json(user)).into_response())
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, Error> {
    if let Some(token) = auth::session_token(&headers) {
        auth::logout(&state, &token).await?;
    }
    Ok(([(header::SET_COOKIE, session_cookie("", 0))], StatusCode::NO_CONTENT).into_response())
}

async fn me(user: User) -> Json<User> {
    Json(user)
}

/// `GET /api/sites`: the sites the caller may report for, with their calendars.
async fn sites(State(state): State<AppState>, user: User) -> Result<Json<Vec<serde_json::Value>>, Error> {
    let rows = sqlx::query(
        "SELECT sites.*, organisations.name AS organisation_name, organisations.contract AS contract
         FROM sites JOIN organisations ON organisations.id = sites.organisation_id
         WHERE $1 IS NULL OR sites.organisation_id = $1 ORDER BY organisations.name, sites.name",
    )
    .bind(if user.is_staff() { None } else { Some(user.organisation_id.unwrap_or(-1)) })
    .fetch_all(state.db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let site = Site::from_row(&row)?;
        let mut value = serde_json::to_value(&site).map_err(|e| Error::Database(e.to_string()))?;
        value["organisation_name"] = serde_json::Value::String(row.try_get("organisation_name")?);
        value["contract"] = serde_json::Value::String(row.try_get("contract")?);
        out.push(value);
    }
    Ok(Json(out))
}

async fn list_incidents(State(state): State<AppState>, user: User, query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>) -> Result<Response, Error> {
    let Query(query) = query.map_err(|e| Error::BadRequest { field: None, message: e.body_text() })?;
    Ok(Json(incidents::list(&state, &user, &query).await?).into_response())
}

async fn create_incident(State(state): State<AppState>, user: User, headers: HeaderMap, ApiJson(body): ApiJson<NewIncident>) -> Result<Response, Error> {
    let key = match headers.get("idempotency-key") {
        Some(v) => Some(v.to_str().map_err(|_| Error::field("Idempotency-Key", "must be visible ASCII"))?.to_string()),
        None => None,
    };
    let (view, replayed) = incidents::create(&state, &user, body, key).await?;
    let location = format!("/api/incidents/{}", view.id);
    let mut response = (StatusCode::CREATED, [(header::LOCATION, location)], Json(view)).into_response();
    if replayed {
        response.headers_mut().insert("idempotent-replayed", header::HeaderValue::from_static("true"));
    }
    Ok(response)
}

/// An incident id from the path; anything but a number is simply not found.
struct IncidentId(i64);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for IncidentId {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Error> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state).await.map_err(|_| Error::NotFound)?;
        raw.parse().map(IncidentId).map_err(|_| Error::NotFound)
    }
}

async fn get_incident(State(state): State<AppState>, user: User, IncidentId(id): IncidentId) -> Result<Response, Error> {
    Ok(Json(incidents::get_view(&state, &user, id).await?).into_response())
}

async fn incident_events(State(state): State<AppState>, user: User, IncidentId(id): IncidentId) -> Result<Response, Error> {
    Ok(Json(incidents::timeline(&state, &user, id).await?).into_response())
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Note {
    #[serde(default)]
    note: Option<String>,
}

/// An optional body: empty means `{}`.
struct OptionalJson<T>(T);

impl<T: DeserializeOwned + Default, S: Send + Sync> FromRequest<S> for OptionalJson<T> {
    type Rejection = Error;

    async fn from_request(request: Request, state: &S) -> Result<Self, Error> {
        let empty = request.headers().get(header::CONTENT_LENGTH).is_some_and(|l| l == "0")
            || (request.headers().get(header::CONTENT_LENGTH).is_none() && request.headers().get(header::TRANSFER_ENCODING).is_none());
        if empty {
            return Ok(OptionalJson(T::default()));
        }
        ApiJson::<T>::from_request(request, state).await.map(|ApiJson(v)| OptionalJson(v))
    }
}

async fn run(state: AppState, user: User, id: i64, action: Action) -> Result<Response, Error> {
    Ok(Json(incidents::act(&state, &user, id, action).await?).into_response())
}

async fn acknowledge(State(state): State<AppState>, user: User, IncidentId(id): IncidentId, OptionalJson(body): OptionalJson<Note>) -> Result<Response, Error> {
    run(state, user, id, Action::Acknowledge { note: body.note }).await
}

async fn on_site(State(state): State<AppState>, user: User, IncidentId(id): IncidentId, OptionalJson(body): OptionalJson<Note>) -> Result<Response, Error> {
    run(state, user, id, Action::OnSite { note: body.note }).await
}

async fn close(State(state): State<AppState>, user: User, IncidentId(id): IncidentId, OptionalJson(body): OptionalJson<Note>) -> Result<Response, Error> {
    run(state, user, id, Action::Close { note: body.note }).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateBody {
    message: String,
}

async fn update(State(state): State<AppState>, user: User, IncidentId(id): IncidentId, ApiJson(body): ApiJson<UpdateBody>) -> Result<Response, Error> {
    run(state, user, id, Action::Update { message: body.message }).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReclassifyBody {
    priority: Priority,
    reason: String,
}

async fn reclassify(State(state): State<AppState>, user: User, IncidentId(id): IncidentId, ApiJson(body): ApiJson<ReclassifyBody>) -> Result<Response, Error> {
    run(state, user, id, Action::Reclassify { priority: body.priority, reason: body.reason }).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResolveBody {
    root_cause: String,
    actions: String,
    security_data_impact: String,
    personal_data_lost: bool,
}

async fn resolve(State(state): State<AppState>, user: User, IncidentId(id): IncidentId, ApiJson(body): ApiJson<ResolveBody>) -> Result<Response, Error> {
    let resolution = Resolution {
        root_cause: body.root_cause,
        actions: body.actions,
        security_data_impact: body.security_data_impact,
        personal_data_lost: body.personal_data_lost,
    };
    run(state, user, id, Action::Resolve(resolution)).await
}
