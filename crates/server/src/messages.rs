//! The conversation on an incident: the client's users and the staff write messages to each
//! other; staff also write internal notes, which no client ever sees — not in the
//! timeline's answer, not in the event stream (`events::STAFF_ONLY`). A staff message is
//! also emailed to whoever reported the incident. Messages are events: they are in the
//! timeline, pushed live to every open page, and kept.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use crate::db::get;
use crate::error::Error;
use crate::events;
use crate::extract::{ApiJson, Id};
use crate::incidents::{load, required_text};
use crate::model::User;
use crate::notify::{Channel, Outgoing};
use crate::state::AppState;

/// The event kind of an internal note: staff only.
pub const INTERNAL_NOTE: &str = "internal_note";

/// `POST /api/incidents/{id}/messages`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewMessage {
    text: String,
    /// Staff only: a note the client never sees.
    #[serde(default)]
    internal: bool,
}

/// `POST /api/incidents/{id}/messages`: a message on an incident the user may see, or
/// (staff) an internal note; answers `{"id", "kind"}` with 201.
///
/// # Errors
/// [`Error::NotFound`] for an incident the user may not see; [`Error::Forbidden`] for a
/// client's internal note; [`Error::Conflict`] once the incident is closed; a field error
/// on `text`.
pub async fn post(State(state): State<AppState>, user: User, Id(id): Id, ApiJson(body): ApiJson<NewMessage>) -> Result<(StatusCode, Json<serde_json::Value>), Error> {
    let text = required_text("text", &body.text)?;
    if body.internal && !user.is_staff() {
        return Err(Error::Forbidden("only staff write internal notes".into()));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let incident = load(&mut tx, &user, id).await?;
    if incident.closed_at.is_some() {
        return Err(Error::Conflict(format!("{} is closed: open a new incident", incident.reference)));
    }
    let kind = if body.internal { INTERNAL_NOTE } else { "message" };
    let event = events::append(&mut tx, Some(id), Some(incident.organisation_id), kind, now, Some(user.id), json!({ "text": text })).await?;
    // The staff's word reaches the reporter where they are, not only on the page.
    if !body.internal && user.is_staff() {
        let reporter = sqlx::query("SELECT users.display_name, users.email FROM incidents JOIN users ON users.id = incidents.created_by WHERE incidents.id = $1 AND users.role = 'client'")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(row) = reporter {
            let (name, email): (String, String) = (get(&row, "display_name")?, get(&row, "email")?);
            if !email.is_empty() {
                let message = Outgoing {
                    channel: Channel::Email,
                    recipient: name,
                    address: email,
                    subject: format!("{} — message du support", incident.reference),
                    body: format!("{}\n\n{text}\n\n— {}\nRépondez depuis la page de l'incident.\n", incident.reference, user.display_name),
                };
                crate::notify::enqueue(&mut tx, Some(id), event, message, now).await?;
            }
        }
    }
    tx.commit().await?;
    state.outbox.notify_one();
    state.changed().await;
    Ok((StatusCode::CREATED, Json(json!({ "id": event, "kind": kind }))))
}
