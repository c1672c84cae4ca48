//! `POST /api/ingest/alertmanager`: supervision tools open incidents by themselves
//! (the procedure covers incidents "detected by our supervision tools").
//!
//! The body is Prometheus Alertmanager's webhook format; the caller authenticates with its
//! organisation's API token (`Authorization: Bearer …`). A firing alert opens an incident at
//! the site named by its `site` label (or the organisation's first site); a repeated alert
//! with the same fingerprint updates that incident instead of opening another.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use std::collections::BTreeMap;

use crate::auth::token_hash;
use crate::db::get;
use crate::error::Error;
use crate::events;
use crate::http::ApiJson;
use crate::incidents::{self, Insert, Source};
use crate::model::{Organisation, Site};
use crate::state::AppState;

/// The webhook body (the fields Vigie reads).
#[derive(Debug, Deserialize)]
pub struct Webhook {
    /// The alerts of the group.
    pub alerts: Vec<Alert>,
}

/// One alert.
#[derive(Debug, Deserialize)]
pub struct Alert {
    /// `firing` or `resolved`.
    pub status: String,
    /// Labels: `alertname`, `site`, `severity`…
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Annotations: `summary`, `description`.
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
    /// Alertmanager's identity of the alert.
    pub fingerprint: String,
}

/// Handles the webhook; answers what it did with each alert.
pub async fn alertmanager(State(state): State<AppState>, headers: HeaderMap, ApiJson(hook): ApiJson<Webhook>) -> Result<Response, Error> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(Error::Unauthorized)?;
    let row = sqlx::query("SELECT * FROM organisations WHERE api_token_hash = $1").bind(token_hash(token.trim())).fetch_optional(state.db.pool()).await?;
    let organisation = Organisation::from_row(&row.ok_or(Error::Unauthorized)?)?;
    let now = state.clock.now();
    let mut results = Vec::new();
    let mut tx = state.db.begin().await?;
    for (i, alert) in hook.alerts.iter().enumerate() {
        if alert.fingerprint.trim().is_empty() {
            return Err(Error::field(format!("alerts[{i}].fingerprint"), "required"));
        }
        let summary = alert
            .annotations
            .get("summary")
            .or_else(|| alert.annotations.get("description"))
            .or_else(|| alert.labels.get("alertname"))
            .cloned()
            .unwrap_or_else(|| "Alerte de supervision".to_string());
        let existing = sqlx::query("SELECT id FROM incidents WHERE organisation_id = $1 AND alert_fingerprint = $2 AND closed_at IS NULL ORDER BY id DESC LIMIT 1")
            .bind(organisation.id)
            .bind(&alert.fingerprint)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(row) = existing {
            let id: i64 = get(&row, "id")?;
            let kind = if alert.status == "resolved" { "supervision_resolved" } else { "supervision_alert" };
            events::append(&mut tx, Some(id), Some(organisation.id), kind, now, None, json!({ "summary": summary, "fingerprint": alert.fingerprint })).await?;
            results.push(json!({ "fingerprint": alert.fingerprint, "incident_id": id, "action": "updated" }));
            continue;
        }
        if alert.status == "resolved" {
            results.push(json!({ "fingerprint": alert.fingerprint, "action": "ignored" }));
            continue;
        }
        let site = pick_site(&mut tx, &organisation, alert.labels.get("site")).await?;
        let description = match alert.annotations.get("description") {
            Some(d) if Some(d) != Some(&summary) => format!("{summary}\n{d}"),
            _ => summary.clone(),
        };
        let classification = vigie_engine::classify(Some(&description), None);
        let policy = crate::policies::effective(&mut tx, &state, &organisation).await?;
        let id = incidents::insert(
            &mut tx,
            Insert {
                site: &site,
                organisation: &organisation,
                source: Source::Supervision,
                description,
                answers: None,
                priority: classification.priority,
                classification,
                override_reason: None,
                on_site_required: false,
                reported_at: now,
                created_by: None,
                idempotency_key: None,
                alert_fingerprint: Some(alert.fingerprint.clone()),
                policy,
            },
            now,
        )
        .await?;
        results.push(json!({ "fingerprint": alert.fingerprint, "incident_id": id, "action": "created" }));
    }
    tx.commit().await?;
    state.changed().await;
    Ok((StatusCode::OK, Json(json!({ "alerts": results }))).into_response())
}

async fn pick_site(conn: &mut sqlx::AnyConnection, organisation: &Organisation, label: Option<&String>) -> Result<Site, Error> {
    let row = match label {
        Some(name) => sqlx::query("SELECT * FROM sites WHERE organisation_id = $1 AND (name = $2 OR CAST(id AS TEXT) = $2)")
            .bind(organisation.id)
            .bind(name)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| Error::field("alerts.labels.site", format!("no site {name:?} for this organisation")))?,
        None => sqlx::query("SELECT * FROM sites WHERE organisation_id = $1 ORDER BY id LIMIT 1")
            .bind(organisation.id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| Error::field("alerts.labels.site", "the organisation has no site"))?,
    };
    Site::from_row(&row)
}
