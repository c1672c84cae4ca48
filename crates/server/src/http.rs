//! The HTTP side of Vigie: the built browser app and the JSON API.
//!
//! [`app`] builds the router apart from any socket, so tests drive it directly; the
//! listener ([`crate::listener`]) adds the connection-level limits.

use std::any::Any;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use chrono::SecondsFormat;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutBody;
use vigie_api::SiteView;
use vigie_engine::communication::{GdprNotice, Resolution};

use crate::auth::{self, session_cookie, SESSION_DAYS};
use crate::client::ClientAddr;
use crate::error::Error;
use crate::extract::{self, ApiJson, ApiQuery, Id, OptionalJson, MAX_BODY};
use crate::incidents::{
    self, Action, DataLoss, ListQuery, NewIncident, OnSiteNeeded, PlanIntervention, TypeCorrection,
};
use crate::model::{Organisation, Site, User};
use crate::state::AppState;
use crate::{
    admin, assets, attachments, contacts, events, ingest, metrics, oncall, origin, postmortems, reports, reviews,
};

/// The whole HTTP surface: `/healthz`, `/metrics`, the API under `/api`, and the app for
/// every other path, with `index.html` for the app's own routes (`/incidents/42` opened
/// directly) and the back office's `office/index.html` for its pages (administration,
/// reports, lessons, contacts).
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/me", get(me))
        .route("/me/lang", axum::routing::put(set_lang))
        .route("/time", get(time))
        .route("/sites", get(sites))
        .route("/sites/{id}/technical-contact", axum::routing::put(contacts::set_site_contact))
        .route(
            "/organisations/{id}/contacts",
            get(contacts::organisation_contacts).put(contacts::set_organisation_contacts),
        )
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
        .route("/incidents/{id}/messages", get(crate::messages::list).post(crate::messages::post))
        .route(
            "/incidents/{id}/attachments",
            get(attachments::list).post(attachments::upload).layer(DefaultBodyLimit::max(attachments::MAX_UPLOAD_BODY)),
        )
        .route("/attachments/{id}", get(attachments::download))
        .route("/staff", get(staff))
        .route("/incidents/{id}/postmortem", get(postmortems::of_incident))
        .route("/postmortems", get(postmortems::list))
        .route("/postmortems/{id}", get(postmortems::show).put(postmortems::edit))
        .route("/postmortems/{id}/publish", post(postmortems::publish))
        .route("/reviews", get(reviews::list))
        .route("/reviews/{id}", axum::routing::put(reviews::update))
        .route("/reviews/{id}/proposal", axum::routing::put(reviews::set_proposal))
        .route("/lessons", get(postmortems::lessons))
        .route("/admin/organisations", get(admin::organisations).post(admin::create_organisation))
        .route("/admin/organisations/{id}", axum::routing::put(admin::update_organisation))
        .route("/admin/organisations/{id}/token", post(admin::create_token).delete(admin::revoke_token))
        .route("/admin/sites", post(admin::create_site))
        .route("/admin/sites/{id}", axum::routing::put(admin::update_site))
        .route("/admin/users", get(admin::users).post(admin::create_user))
        .route("/admin/users/{id}/password", axum::routing::put(admin::set_password))
        .route("/admin/users/{id}/deactivate", post(admin::deactivate_user))
        .route("/admin/users/{id}/invite", post(admin::invite_user))
        .route("/invitations/accept", post(crate::invitations::accept))
        .route("/admin/audit", get(admin::audit))
        .route("/admin/policies", get(crate::policies::list))
        .route("/admin/policies/{contract}", axum::routing::put(crate::policies::set).delete(crate::policies::reset))
        .route("/oncall", get(oncall::show))
        .route("/oncall/week", axum::routing::put(oncall::set_week))
        .route("/oncall/exceptions", post(oncall::add_exception))
        .route("/oncall/exceptions/{id}", axum::routing::delete(oncall::remove_exception))
        .route("/reports/sla", get(reports::sla_report))
        .route("/events", get(events::stream))
        .fallback(|| async { Error::NotFound })
        .layer(middleware::from_fn_with_state(state.clone(), origin::same_origin))
        // Answers about people and incidents are never kept by a browser or a proxy (a
        // file says so itself: `private, no-store`).
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        // Called by supervision tools with a bearer token, never by a browser: no Origin.
        .route("/ingest/alertmanager", post(ingest::alertmanager));
    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics::render))
        .nest("/api", api)
        .merge(assets::router(&state))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(extract::read_first))
        .layer(middleware::from_fn_with_state(state.clone(), deadlines));
    let router = guard(router)
        .layer(middleware::from_fn_with_state(state.headers.clone(), assets::security_headers))
        .layer(middleware::from_fn_with_state(state.clone(), metrics::track));
    crate::logging::requests(router).with_state(state)
}

/// A request's body may not pause longer than the body timeout, and its answer must start
/// within the request timeout (408 otherwise; a stream's body, the event stream, is not
/// cut). An upload, up to 10 MB from a phone on a weak link, has the upload timeout
/// instead of the request timeout.
async fn deadlines(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let http = &state.config.http;
    let answer_time = if attachments::is_upload(request.method(), request.uri().path()) {
        http.upload_timeout().max(http.request_timeout())
    } else {
        http.request_timeout()
    };
    let (parts, body) = request.into_parts();
    let body = axum::body::Body::new(TimeoutBody::new(http.body_timeout(), body));
    match tokio::time::timeout(answer_time, next.run(Request::from_parts(parts, body))).await {
        Ok(response) => response,
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

/// The layers every answer goes through, whatever the route: API errors as JSON, a panic
/// as a 500 answer (and a line in the log) rather than a dropped connection, and the
/// security headers that do not depend on the page ([`assets::security_headers`] adds
/// those that do).
pub fn guard<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router
        .layer(middleware::from_fn(json_errors))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(CatchPanicLayer::custom(panic_answer))
}

/// A panic in a handler: logged, and answered as any server-side failure.
fn panic_answer(panic: Box<dyn Any + Send + 'static>) -> Response {
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("no message");
    tracing::error!(panic = %what, "a request handler panicked");
    Error::Io(std::io::Error::other("a request handler panicked")).into_response()
}

/// An error answered under `/api`, or by `/healthz` or `/metrics`, without a JSON body (a
/// 405 of the router, a 408 of the timeout) gets the API's `{"error": ...}` shape, so that
/// clients read every error alike. The app's files answer as files do.
async fn json_errors(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let api = path.starts_with("/api/") || path == "/healthz" || path == "/metrics";
    let response = next.run(request).await;
    let status = response.status();
    let is_json =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !api || !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let message = status.canonical_reason().unwrap_or("error").to_lowercase();
    let mut answer = (status, Json(serde_json::json!({ "error": message, "field": null }))).into_response();
    for name in [header::ALLOW, header::RETRY_AFTER, header::WWW_AUTHENTICATE] {
        if let Some(value) = response.headers().get(&name) {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer
}

/// `GET /healthz`: "ok" when the database answers a trivial query (within 5 s), else 503.
async fn healthz(State(state): State<AppState>) -> Response {
    let probe = sqlx::query("SELECT 1 AS one").fetch_one(state.db.pool());
    match tokio::time::timeout(Duration::from_secs(5), probe).await {
        Ok(Ok(_)) => "ok".into_response(),
        Ok(Err(e)) => {
            tracing::error!("health check: {e}");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "error": "the database does not answer", "field": null })),
            )
                .into_response()
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({ "error": "the database does not answer in time", "field": null })),
        )
            .into_response(),
    }
}

/// `GET /api/time`: the server's clock, so that browsers can correct their own.
async fn time(State(state): State<AppState>) -> Json<serde_json::Value> {
    let now = state.clock.now();
    Json(
        serde_json::json!({ "now": now.to_rfc3339_opts(SecondsFormat::Millis, true), "epoch_ms": now.timestamp_millis() }),
    )
}

async fn login(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    headers: HeaderMap,
    ApiJson(body): ApiJson<vigie_api::Login>,
) -> Result<Response, Error> {
    let device = crate::device::from_headers(&headers);
    let logged_in = auth::login(&state, ip, &body.username, &body.password, device.as_deref()).await?;
    let cookies = AppendHeaders([
        (header::SET_COOKIE, session_cookie(&logged_in.token, SESSION_DAYS * 86_400)),
        (header::SET_COOKIE, crate::device::set_cookie(&logged_in.device)),
    ]);
    Ok((cookies, Json(vigie_api::Me::from(logged_in.user))).into_response())
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, Error> {
    if let Some(token) = auth::session_token(&headers) {
        auth::logout(&state, &token).await?;
    }
    Ok(([(header::SET_COOKIE, session_cookie("", 0))], StatusCode::NO_CONTENT).into_response())
}

/// `GET /api/me`: the caller, as the shared [`vigie_api::Me`].
async fn me(user: User) -> Json<vigie_api::Me> {
    Json(user.into())
}

/// `PUT /api/me/lang` with `{"lang": "fr" | "en"}`: the interface language, kept with the
/// account so that it follows the user to another device.
async fn set_lang(
    State(state): State<AppState>,
    user: User,
    ApiJson(body): ApiJson<vigie_api::LangChoice>,
) -> Result<StatusCode, Error> {
    if !matches!(body.lang.as_str(), "fr" | "en") {
        return Err(Error::field("lang", format!("{:?} is not a language of Vigie (fr or en)", body.lang)));
    }
    sqlx::query("UPDATE users SET lang = $1 WHERE id = $2")
        .bind(&body.lang)
        .bind(user.id)
        .execute(state.db.pool())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/sites`: the sites the caller may report on, each with the policy an incident
/// reported now would be under, so that the report page promises what the server will
/// count.
async fn sites(State(state): State<AppState>, user: User) -> Result<Json<Vec<SiteView>>, Error> {
    let mut conn = state.db.pool().acquire().await?;
    let rows =
        sqlx::query("SELECT * FROM sites WHERE $1 IS NULL OR organisation_id = $1 ORDER BY organisation_id, name")
            .bind(if user.is_staff() { None } else { Some(user.organisation_id.unwrap_or(-1)) })
            .fetch_all(&mut *conn)
            .await?;
    let mut organisations: std::collections::HashMap<i64, (Organisation, vigie_engine::Policy)> =
        std::collections::HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let site = Site::from_row(&row)?;
        if let std::collections::hash_map::Entry::Vacant(entry) = organisations.entry(site.organisation_id) {
            let organisation = incidents::organisation(&mut conn, site.organisation_id).await?;
            let policy = crate::policies::effective(&mut conn, &state, &organisation).await?;
            entry.insert((organisation, policy));
        }
        let (organisation, policy) = &organisations[&site.organisation_id];
        out.push(site_view(site, organisation, *policy));
    }
    out.sort_by(|a, b| (&a.organisation_name, &a.name).cmp(&(&b.organisation_name, &b.name)));
    Ok(Json(out))
}

/// A site as `GET /api/sites` shows it, with its organisation and the policy an incident
/// reported now would be under.
pub(crate) fn site_view(site: Site, organisation: &Organisation, policy: vigie_engine::Policy) -> SiteView {
    SiteView {
        id: site.id,
        organisation_id: organisation.id,
        organisation_name: organisation.name.clone(),
        contract: organisation.contract,
        name: site.name,
        address: site.address,
        calendar: site.calendar,
        sensitive_zones: site.sensitive_zones,
        policy,
        technical_contact: site.technical_contact,
    }
}

async fn list_incidents(
    State(state): State<AppState>,
    user: User,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Response, Error> {
    Ok(Json(incidents::list(&state, &user, &query).await?).into_response())
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
    let (view, replayed) = incidents::create(&state, &user, body, key).await?;
    let location = format!("/api/incidents/{}", view.id);
    let mut response = (StatusCode::CREATED, [(header::LOCATION, location)], Json(view)).into_response();
    if replayed {
        response.headers_mut().insert("idempotent-replayed", header::HeaderValue::from_static("true"));
    }
    Ok(response)
}

async fn get_incident(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Response, Error> {
    Ok(Json(incidents::get_view(&state, &user, id).await?).into_response())
}

async fn incident_events(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Response, Error> {
    Ok(Json(incidents::timeline(&state, &user, id).await?).into_response())
}

async fn run(state: AppState, user: User, id: i64, action: Action) -> Result<Response, Error> {
    Ok(Json(incidents::act(&state, &user, id, action).await?).into_response())
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
async fn staff(State(state): State<AppState>, user: User) -> Result<Json<Vec<vigie_api::StaffMember>>, Error> {
    user.require_staff()?;
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
