//! The conversation on an incident: the client's users and the staff write messages to each
//! other; staff also write internal notes, which no client ever sees — not in the
//! timeline's answer, not in the event stream (`events::STAFF_ONLY`). A staff message is
//! also emailed to whoever reported the incident. Messages are events: they are in the
//! timeline, pushed live to every open page, and kept.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing;
use axum::Json;
use axum::Router;
use serde_json::json;
use vigie_api::EventKind;

use crate::db::get;
use crate::error::Error;
use crate::events;
use crate::extract::{ApiJson, Id};
use crate::incidents::{load, required_text};
use crate::model::User;
use crate::notify::{Channel, Outgoing};
use crate::state::AppState;
use vigie_api::MessageView;

/// The event kind of an internal note: staff only.
pub use vigie_api::NewMessage;

/// `POST /api/incidents/{id}/messages`: a message on an incident the user may see, or
/// (staff) an internal note; answers the message with 201.
///
/// # Errors
/// [`Error::NotFound`] for an incident the user may not see; [`Error::Forbidden`] for a
/// client's internal note; [`Error::Conflict`] once the incident is closed; a field error
/// on `text`.
pub async fn post(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(body): ApiJson<NewMessage>,
) -> Result<(StatusCode, Json<MessageView>), Error> {
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
    let kind = if body.internal { EventKind::InternalNote } else { EventKind::Message };
    let event = events::append(
        &mut tx,
        Some(id),
        Some(incident.organisation_id),
        kind,
        now,
        Some(user.id),
        json!({ "text": text }),
    )
    .await?;
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
                    body: format!(
                        "{}\n\n{text}\n\n— {}\nRépondez depuis la page de l'incident.\n",
                        incident.reference, user.display_name
                    ),
                };
                crate::notify::enqueue(&mut tx, Some(id), event, message, now).await?;
            }
        }
    }
    tx.commit().await?;
    state.outbox.notify_one();
    state.changed().await;
    let written = MessageView {
        id: event,
        author: user.display_name.clone(),
        role: user.role,
        text,
        internal: body.internal,
        at: now,
    };
    Ok((StatusCode::CREATED, Json(written)))
}

/// `GET /api/incidents/{id}/messages`: the conversation, oldest first; a client's users
/// never get the internal notes.
///
/// # Errors
/// [`Error::NotFound`] for an incident the user may not see.
pub async fn list(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Json<Vec<MessageView>>, Error> {
    let mut conn = state.db.pool().acquire().await?;
    load(&mut conn, &user, id).await?;
    let rows = sqlx::query(
        "SELECT events.id, events.kind, events.at, events.data, users.display_name, users.role FROM events
         JOIN users ON users.id = events.actor_id
         WHERE events.incident_id = $1 AND (events.kind = 'message' OR (events.kind = $2 AND $3 = 1))
         ORDER BY events.id",
    )
    .bind(id)
    .bind(EventKind::InternalNote.as_str())
    .bind(i64::from(user.is_staff()))
    .fetch_all(&mut *conn)
    .await?;
    let messages = rows
        .iter()
        .map(|r| {
            let data: serde_json::Value = serde_json::from_str(&get::<String>(r, "data")?).unwrap_or_default();
            Ok(MessageView {
                id: get(r, "id")?,
                // A message always has its author: users are deactivated, never deleted.
                author: get(r, "display_name")?,
                role: crate::db::get_parsed(r, "role")?,
                text: data["text"].as_str().unwrap_or_default().to_string(),
                internal: get::<String>(r, "kind")? == EventKind::InternalNote.as_str(),
                at: crate::db::from_ms(get(r, "at")?),
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Json(messages))
}

/// The routes of an incident's conversation.
pub fn router() -> Router<AppState> {
    Router::new().route("/incidents/{id}/messages", routing::get(list).post(post))
}
