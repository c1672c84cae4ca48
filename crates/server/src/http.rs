//! The HTTP side of Vigie: the built browser app and the JSON API.
//!
//! [`app`] builds the router apart from any socket, so tests drive it directly.

use std::path::PathBuf;

use axum::routing::get;
use axum::{Json, Router};
use chrono::{SecondsFormat, Utc};
use serde::Serialize;
use tower_http::services::{ServeDir, ServeFile};

/// What the handlers share.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The folder of the built app (Trunk's `dist/`).
    pub dist: PathBuf,
}

/// The whole HTTP surface: `/healthz`, the API under `/api`, and the app for every other
/// path, with `index.html` for the app's own routes (`/incidents/42` opened directly).
pub fn app(state: AppState) -> Router {
    let index = state.dist.join("index.html");
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/time", get(time))
        .fallback_service(ServeDir::new(&state.dist).fallback(ServeFile::new(index)))
}

async fn healthz() -> &'static str {
    "ok"
}

/// The server's clock, so that browsers can correct their own.
#[derive(Debug, Serialize)]
struct Time {
    now: String,
    epoch_ms: i64,
}

async fn time() -> Json<Time> {
    let now = Utc::now();
    Json(Time { now: now.to_rfc3339_opts(SecondsFormat::Millis, true), epoch_ms: now.timestamp_millis() })
}
