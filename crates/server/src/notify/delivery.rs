//! Delivering the outbox: claiming due messages, sending them by SMTP or the SMS gateway,
//! and retrying with a backoff until [`MAX_ATTEMPTS`](super::MAX_ATTEMPTS).

use std::time::Duration;

use chrono::TimeDelta;
use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde_json::json;
use sqlx::any::AnyRow;

use super::{CLAIM, MAX_ATTEMPTS};
use crate::config::{Config, SmtpTls};
use crate::db::{get, to_ms};
use crate::error::Error;
use crate::events;
use crate::state::AppState;
use vigie_api::EventKind;

/// Delivers queued messages until shutdown: when woken, and every second for retries.
pub async fn run(state: AppState) {
    loop {
        tokio::select! {
            _ = state.shutdown.cancelled() => return,
            _ = state.outbox.notified() => {}
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
        if let Err(e) = deliver_due(&state).await {
            tracing::error!("notification worker: {e}");
        }
    }
}

/// Delivers every message that is due; returns how many were tried. At shutdown it
/// stops between two messages: the one being sent is finished and recorded, the others
/// stay queued for the next start.
///
/// # Errors
/// [`Error::Database`].
pub async fn deliver_due(state: &AppState) -> Result<usize, Error> {
    let now = state.clock.now();
    // Pending messages that are due, and messages whose sender died while sending (its
    // claim lapsed).
    let rows = sqlx::query(
        "SELECT * FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= $1 ORDER BY id LIMIT 50",
    )
    .bind(to_ms(now))
    .fetch_all(state.db.pool())
    .await?;
    let mut tried = 0;
    for row in rows {
        if state.shutdown.is_cancelled() {
            break;
        }
        deliver_one(state, &row).await?;
        tried += 1;
    }
    Ok(tried)
}

pub(super) async fn deliver_one(state: &AppState, row: &AnyRow) -> Result<(), Error> {
    let id: i64 = get(row, "id")?;
    // Claim the message for a while, so that another instance does not send it too; if
    // this process dies while sending, the claim lapses and the message is sent again.
    let now = state.clock.now();
    let claimed = sqlx::query(
        "UPDATE outbox SET status = 'sending', next_attempt_at = $1
         WHERE id = $2 AND next_attempt_at <= $3 AND status IN ('pending', 'sending')",
    )
    .bind(to_ms(now + CLAIM))
    .bind(id)
    .bind(to_ms(now))
    .execute(state.db.pool())
    .await?;
    if claimed.rows_affected() != 1 {
        return Ok(());
    }
    let channel: String = get(row, "channel")?;
    let recipient: String = get(row, "recipient")?;
    let address: String = get(row, "address")?;
    let subject: String = get(row, "subject")?;
    let body: String = get(row, "body")?;
    let attempts: i64 = get::<i64>(row, "attempts")? + 1;
    let incident_id: Option<i64> = get(row, "incident_id")?;
    let result = match channel.as_str() {
        "email" => send_email(&state.config, id, &address, &subject, &body).await,
        _ => send_sms(&state.config, id, &address, &body).await,
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let organisation_id: Option<i64> = match incident_id {
        Some(i) => sqlx::query("SELECT organisation_id FROM incidents WHERE id = $1")
            .bind(i)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| get(&r, "organisation_id"))
            .transpose()?,
        None => None,
    };
    match result {
        Ok(how) => {
            sqlx::query("UPDATE outbox SET status = 'delivered', attempts = $1, delivered_at = $2, last_error = NULL WHERE id = $3")
                .bind(attempts)
                .bind(to_ms(now))
                .bind(id)
                .execute(&mut *tx)
                .await?;
            events::append(
                &mut tx,
                incident_id,
                organisation_id,
                EventKind::NotificationDelivered,
                now,
                None,
                json!({ "channel": channel, "recipient": recipient, "subject": subject, "via": how }),
            )
            .await?;
        }
        Err(e) => {
            let give_up = attempts >= MAX_ATTEMPTS;
            let backoff = TimeDelta::seconds((5i64 << (attempts - 1).min(10)).min(3600));
            sqlx::query(
                "UPDATE outbox SET status = $1, attempts = $2, next_attempt_at = $3, last_error = $4 WHERE id = $5",
            )
            .bind(if give_up { "failed" } else { "pending" })
            .bind(attempts)
            .bind(to_ms(now + backoff))
            .bind(e.to_string())
            .bind(id)
            .execute(&mut *tx)
            .await?;
            events::append(
                &mut tx,
                incident_id,
                organisation_id,
                EventKind::NotificationFailed,
                now,
                None,
                json!({ "channel": channel, "recipient": recipient, "error": e.to_string(), "attempt": attempts, "final": give_up }),
            )
            .await?;
        }
    }
    tx.commit().await?;
    state.events.poke().await;
    Ok(())
}

/// Sends an email by SMTP, or writes it to the spool folder when no SMTP is configured.
pub(super) async fn send_email(
    config: &Config,
    id: i64,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<&'static str, Error> {
    let Some(smtp) = &config.smtp else {
        let dir = config.spool_dir().join("mail");
        tokio::fs::create_dir_all(&dir).await.map_err(|e| Error::Delivery(e.to_string()))?;
        let text = format!("To: {to}\nSubject: {subject}\n\n{body}\n");
        tokio::fs::write(dir.join(format!("{id}.eml")), text).await.map_err(|e| Error::Delivery(e.to_string()))?;
        return Ok("spool");
    };
    let from: Mailbox = smtp.from.parse().map_err(|e| Error::Delivery(format!("from {:?}: {e}", smtp.from)))?;
    let to: Mailbox = to.parse().map_err(|e| Error::Delivery(format!("to {to:?}: {e}")))?;
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body.to_string())
        .map_err(|e| Error::Delivery(e.to_string()))?;
    let builder = match smtp.tls {
        SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
        SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
            .map_err(|e| Error::Delivery(e.to_string()))?,
        SmtpTls::Tls => {
            AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host).map_err(|e| Error::Delivery(e.to_string()))?
        }
    };
    let mut builder = builder.port(smtp.port).timeout(Some(Duration::from_secs(20)));
    if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    builder.build().send(message).await.map_err(|e| Error::Delivery(e.to_string()))?;
    Ok("smtp")
}

/// Sends an SMS through the HTTP gateway, or writes it to the spool folder.
pub(super) async fn send_sms(config: &Config, id: i64, to: &str, text: &str) -> Result<&'static str, Error> {
    let Some(sms) = &config.sms else {
        let dir = config.spool_dir().join("sms");
        tokio::fs::create_dir_all(&dir).await.map_err(|e| Error::Delivery(e.to_string()))?;
        let body = json!({ "to": to, "text": text }).to_string();
        tokio::fs::write(dir.join(format!("{id}.json")), body).await.map_err(|e| Error::Delivery(e.to_string()))?;
        return Ok("spool");
    };
    let template: serde_json::Value =
        serde_json::from_str(&sms.body).map_err(|e| Error::Delivery(format!("sms.body: {e}")))?;
    let body = fill(template, to, text);
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .map_err(|e| Error::Delivery(e.to_string()))?;
    let mut request = client.post(&sms.url).json(&body);
    if let Some(token) = &sms.token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.map_err(|e| Error::Delivery(e.to_string()))?;
    if !response.status().is_success() {
        return Err(Error::Delivery(format!("SMS gateway answered {}", response.status())));
    }
    Ok("gateway")
}

/// Fills `{to}` and `{text}` in every string of the body template.
pub(super) fn fill(value: serde_json::Value, to: &str, text: &str) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(s.replace("{to}", to).replace("{text}", text)),
        Value::Array(items) => Value::Array(items.into_iter().map(|v| fill(v, to, text)).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, fill(v, to, text))).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sms_template_is_filled() {
        let t = serde_json::json!({"message": {"to": "{to}", "body": "Vigie: {text}"}, "sender": "MILEO"});
        assert_eq!(
            super::fill(t, "+33612345678", "INC-2026-000001"),
            serde_json::json!({"message": {"to": "+33612345678", "body": "Vigie: INC-2026-000001"}, "sender": "MILEO"})
        );
    }
}
