//! `POST /api/ingest/alertmanager`: supervision tools open incidents by themselves
//! (the procedure covers incidents "detected by our supervision tools").
//!
//! The body is Prometheus Alertmanager's webhook format; the caller authenticates with its
//! organisation's API token (`Authorization: Bearer …`), checked before the body is parsed.
//! A firing alert opens an incident at the site named by its `site` label (or the
//! organisation's first site); a repeated alert with the same fingerprint updates that
//! incident instead of opening another.
//!
//! Each alert is taken or refused on its own, in a transaction of its own, and the answer
//! says what became of each: Alertmanager retries a whole group when the answer is not a
//! success, so one bad alert must not make it send the good ones forever. A failure of the
//! server itself (the database) is a 500, which it should retry.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Json;
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use vigie_api::EventKind;

use crate::auth::token_hash;
use crate::db::get;
use crate::error::Error;
use crate::events;
use crate::extract::{json_body, nul_in};
use crate::incidents::{self, Insert, Source};
use crate::model::SiteRow;
use crate::model::{Organisation, Site};
use crate::state::AppState;

/// The most alerts one webhook may carry.
pub const MAX_ALERTS: usize = 100;
/// The longest fingerprint, in characters.
pub const MAX_FINGERPRINT: usize = 200;
/// The most labels, and the most annotations, of one alert.
pub const MAX_ENTRIES: usize = 64;
/// The longest label or annotation name.
pub const MAX_NAME: usize = 100;
/// The longest label value.
pub const MAX_LABEL: usize = 1_000;
/// The longest `summary` annotation: it is an incident's first line.
pub const MAX_SUMMARY: usize = 1_000;
/// The longest value of any other annotation (`description`).
pub const MAX_ANNOTATION: usize = 10_000;

/// The webhook body (the fields Vigie reads); each alert is read on its own.
#[derive(Debug, Deserialize)]
struct Webhook {
    alerts: Vec<Value>,
}

/// Whether an alert fires or has stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertStatus {
    /// The condition holds.
    Firing,
    /// It no longer does.
    Resolved,
}

/// One alert.
#[derive(Debug, Deserialize)]
pub struct Alert {
    /// `firing` or `resolved`.
    pub status: AlertStatus,
    /// Labels: `alertname`, `site`, `severity`…
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Annotations: `summary`, `description`.
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
    /// Alertmanager's identity of the alert.
    pub fingerprint: String,
}

/// What became of one alert.
enum Outcome {
    Created(i64),
    Updated(i64),
    Ignored,
}

/// Handles the webhook; answers what it did with each alert.
pub async fn alertmanager(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: Request,
) -> Result<Response, Error> {
    let organisation = caller(&state, &headers).await?;
    let bytes = json_body(request).await?;
    let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
    let hook = serde_path_to_error::deserialize::<_, Webhook>(&mut deserializer).map_err(|e| Error::BadRequest {
        field: Some(e.path().to_string()).filter(|p| p != "."),
        message: format!("not an Alertmanager webhook: {}", e.inner()),
    })?;
    deserializer.end().map_err(|e| Error::BadRequest { field: None, message: format!("invalid JSON body: {e}") })?;
    if hook.alerts.len() > MAX_ALERTS {
        return Err(Error::field("alerts", format!("at most {MAX_ALERTS} alerts per webhook")));
    }
    let mut results = Vec::with_capacity(hook.alerts.len());
    let mut changed = false;
    for (i, raw) in hook.alerts.into_iter().enumerate() {
        let fingerprint =
            raw.get("fingerprint").and_then(Value::as_str).map(|f| f.chars().take(MAX_FINGERPRINT).collect::<String>());
        let outcome = match read_alert(i, raw) {
            Ok(alert) => take(&state, &organisation, i, &alert).await,
            Err(e) => Err(e),
        };
        results.push(match outcome {
            Ok(Outcome::Created(id)) => {
                changed = true;
                json!({ "fingerprint": fingerprint, "incident_id": id, "action": "created" })
            }
            Ok(Outcome::Updated(id)) => {
                changed = true;
                json!({ "fingerprint": fingerprint, "incident_id": id, "action": "updated" })
            }
            Ok(Outcome::Ignored) => json!({ "fingerprint": fingerprint, "action": "ignored" }),
            Err(e @ (Error::BadRequest { .. } | Error::Duplicate { .. })) => {
                let field = match &e {
                    Error::BadRequest { field, .. } => field.clone(),
                    _ => None,
                };
                json!({ "fingerprint": fingerprint, "action": "refused", "error": e.to_string(), "field": field })
            }
            // The server failed, not the alert: Alertmanager should send the group again.
            Err(e) => return Err(e),
        });
    }
    if changed {
        state.changed().await;
    }
    Ok((StatusCode::OK, Json(json!({ "alerts": results }))).into_response())
}

/// The organisation whose token the request bears.
async fn caller(state: &AppState, headers: &HeaderMap) -> Result<Organisation, Error> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(Error::Unauthorized)?;
    let row = sqlx::query("SELECT * FROM organisations WHERE api_token_hash = $1")
        .bind(token_hash(token))
        .fetch_optional(state.db.pool())
        .await?;
    Organisation::from_row(&row.ok_or(Error::Unauthorized)?)
}

/// Reads and checks alert `i`; a refusal names the field (`alerts[3].status`).
fn read_alert(i: usize, raw: Value) -> Result<Alert, Error> {
    let at = |field: &str| format!("alerts[{i}].{field}");
    if let Some(path) = nul_in(&raw, format!("alerts[{i}]")) {
        return Err(Error::field(path, "must not contain a NUL character"));
    }
    let alert: Alert = serde_path_to_error::deserialize(raw).map_err(|e| {
        let path = e.path().to_string();
        let message = e.inner().to_string();
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split_once('`'))
            .map(|(name, _)| name.to_string());
        match missing {
            Some(name) => Error::field(at(&name), "required"),
            None if path == "." => Error::field(format!("alerts[{i}]"), message),
            None => Error::field(at(&path), message),
        }
    })?;
    let fingerprint = alert.fingerprint.trim();
    if fingerprint.is_empty() {
        return Err(Error::field(at("fingerprint"), "required"));
    }
    if fingerprint.chars().count() > MAX_FINGERPRINT {
        return Err(Error::field(at("fingerprint"), format!("longer than {MAX_FINGERPRINT} characters")));
    }
    for (kind, entries) in [("labels", &alert.labels), ("annotations", &alert.annotations)] {
        if entries.len() > MAX_ENTRIES {
            return Err(Error::field(at(kind), format!("more than {MAX_ENTRIES} entries")));
        }
        for (name, value) in entries {
            let limit = match (kind, name.as_str()) {
                ("labels", _) => MAX_LABEL,
                (_, "summary") => MAX_SUMMARY,
                _ => MAX_ANNOTATION,
            };
            if name.chars().count() > MAX_NAME {
                return Err(Error::field(at(kind), format!("a name is longer than {MAX_NAME} characters")));
            }
            if value.chars().count() > limit {
                return Err(Error::field(at(&format!("{kind}.{name}")), format!("longer than {limit} characters")));
            }
        }
    }
    Ok(alert)
}

/// Opens or updates the incident of one alert, in a transaction of its own.
async fn take(state: &AppState, organisation: &Organisation, i: usize, alert: &Alert) -> Result<Outcome, Error> {
    let now = state.clock.now();
    let fingerprint = alert.fingerprint.trim();
    let summary = alert
        .annotations
        .get("summary")
        .or_else(|| alert.annotations.get("description"))
        .or_else(|| alert.labels.get("alertname"))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Alerte de supervision".to_string());
    let mut tx = state.db.begin().await?;
    let existing = sqlx::query("SELECT id FROM incidents WHERE organisation_id = $1 AND alert_fingerprint = $2 AND closed_at IS NULL ORDER BY id DESC LIMIT 1")
        .bind(organisation.id)
        .bind(fingerprint)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(row) = existing {
        let id: i64 = get(&row, "id")?;
        let kind = match alert.status {
            AlertStatus::Resolved => EventKind::SupervisionResolved,
            AlertStatus::Firing => EventKind::SupervisionAlert,
        };
        events::append(
            &mut tx,
            Some(id),
            Some(organisation.id),
            kind,
            now,
            None,
            json!({ "summary": summary, "fingerprint": fingerprint }),
        )
        .await?;
        tx.commit().await?;
        return Ok(Outcome::Updated(id));
    }
    if alert.status == AlertStatus::Resolved {
        return Ok(Outcome::Ignored);
    }
    let site = pick_site(&mut tx, organisation, i, alert.labels.get("site")).await?;
    let description = match alert.annotations.get("description").map(|d| d.trim()) {
        Some(d) if !d.is_empty() && d != summary => format!("{summary}\n{d}"),
        _ => summary.clone(),
    };
    let classification = vigie_engine::classify(Some(&description), None);
    let policy = crate::policies::effective(&mut tx, state, organisation).await?;
    let id = incidents::insert(
        &mut tx,
        Insert {
            site: &site,
            organisation,
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
            idempotency_hash: None,
            alert_fingerprint: Some(fingerprint.to_string()),
            policy,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Outcome::Created(id))
}

async fn pick_site(
    conn: &mut sqlx::AnyConnection,
    organisation: &Organisation,
    i: usize,
    label: Option<&String>,
) -> Result<Site, Error> {
    let field = format!("alerts[{i}].labels.site");
    let row = match label {
        Some(name) => {
            sqlx::query("SELECT * FROM sites WHERE organisation_id = $1 AND (name = $2 OR CAST(id AS TEXT) = $2)")
                .bind(organisation.id)
                .bind(name)
                .fetch_optional(&mut *conn)
                .await?
                .ok_or_else(|| Error::field(field, format!("no site {name:?} for this organisation")))?
        }
        None => sqlx::query("SELECT * FROM sites WHERE organisation_id = $1 ORDER BY id LIMIT 1")
            .bind(organisation.id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| Error::field(field, "the organisation has no site"))?,
    };
    Site::from_row(&row)
}

/// The route of supervision tools' alerts, called with a bearer token.
pub fn router() -> Router<AppState> {
    Router::new().route("/ingest/alertmanager", post(alertmanager))
}
