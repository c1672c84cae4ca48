//! The HTTP side of Vigie: the built browser app and the JSON API.
//!
//! [`app`] builds the router apart from any socket, so tests drive it directly; the
//! listener ([`crate::listener`]) adds the connection-level limits. Each module gives the
//! routes of what it holds (`router()`), with the staff's and the administrator's behind
//! [`crate::auth::staff_only`] and [`crate::auth::admins_only`].

use std::any::Any;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Json, Router};
use chrono::SecondsFormat;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutBody;

use crate::error::Error;
use crate::extract::{self, MAX_BODY};
use crate::state::AppState;
use crate::{
    account, admin, assets, attachments, contacts, events, incidents, ingest, invitations, lessons, messages, metrics,
    oncall, origin, postmortems, reports, reviews, sites,
};

/// The whole HTTP surface: `/healthz`, `/metrics`, the API under `/api`, and the app for
/// every other path, with `index.html` for the app's own routes (`/incidents/42` opened
/// directly) and the back office's `office/index.html` for its pages (administration,
/// reports, lessons, contacts).
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .merge(account::router())
        .route("/time", get(time))
        .merge(sites::router())
        .merge(contacts::router())
        .merge(incidents::router(&state))
        .merge(messages::router())
        .merge(attachments::router())
        .merge(postmortems::router())
        .merge(lessons::router(&state))
        .merge(reviews::router())
        .merge(invitations::router())
        .merge(admin::router(&state))
        .merge(oncall::router(&state))
        .merge(reports::router())
        .merge(events::router())
        .fallback(|| async { Error::NotFound })
        .layer(middleware::from_fn_with_state(state.clone(), origin::same_origin))
        // Answers about people and incidents are never kept by a browser or a proxy (a
        // file says so itself: `private, no-store`).
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        // Called by supervision tools with a bearer token, never by a browser: no Origin.
        .merge(ingest::router());
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
