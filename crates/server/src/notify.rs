//! Notifications: what the communication plan calls for is queued in the outbox, in the
//! same transaction as the event that causes it; a worker delivers by SMTP and by the SMS
//! gateway, retries with backoff, and records each delivery or failure on the timeline.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::AnyConnection;
use vigie_engine::sla::ClockKind;

use crate::config::{Config, SmtpTls};
use crate::db::{get, to_ms};
use crate::error::Error;
use crate::events;
use crate::incidents::Incident;
use crate::model::Site;
use crate::state::AppState;

/// Deliveries tried before a message is given up.
pub const MAX_ATTEMPTS: i64 = 8;
/// How long a worker owns a message it is sending.
const CLAIM: TimeDelta = TimeDelta::seconds(120);

/// Email or SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// Email.
    Email,
    /// SMS.
    Sms,
}

impl Channel {
    fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }
}

/// A message for the outbox.
pub(crate) struct Outgoing {
    pub channel: Channel,
    pub recipient: String,
    pub address: String,
    pub subject: String,
    pub body: String,
}

pub(crate) async fn enqueue(
    conn: &mut AnyConnection,
    incident_id: Option<i64>,
    event_id: i64,
    m: Outgoing,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO outbox (incident_id, event_id, channel, recipient, address, subject, body, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(incident_id)
    .bind(event_id)
    .bind(m.channel.as_str())
    .bind(m.recipient)
    .bind(m.address)
    .bind(m.subject)
    .bind(m.body)
    .bind(to_ms(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An instant in the site's local time, as messages write it.
pub(crate) fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%d/%m/%Y %H:%M").to_string()
}

/// Queues the email to the operations managers (supervisors) about an SLA alert.
///
/// # Errors
/// [`Error::Database`].
#[allow(clippy::too_many_arguments)] // the alert names the incident, its site, clock and state
pub async fn queue_alert(
    conn: &mut AnyConnection,
    incident: &Incident,
    site: &Site,
    clock: ClockKind,
    breached: bool,
    due: DateTime<Utc>,
    event_id: i64,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let tz = site.calendar()?.time_zone();
    let what = if breached { "DÉPASSÉ" } else { "à risque" };
    let subject = format!("[{}] SLA {} {what} ({})", incident.reference, clock.names().0, incident.priority);
    let body = format!(
        "Incident {} ({}) — site {}\nÉchéance {} : {}\nÉtat : {what}\n",
        incident.reference,
        incident.priority,
        site.name,
        clock.names().0,
        local(due, tz)
    );
    queue_to_managers(conn, incident.id, &subject, &body, event_id, now).await
}

/// Queues an email about an incident to the operations managers (supervisors): the path of
/// SLA alerts, and of a P1 that finds nobody on duty.
///
/// # Errors
/// [`Error::Database`].
pub(crate) async fn queue_to_managers(
    conn: &mut AnyConnection,
    incident_id: i64,
    subject: &str,
    body: &str,
    event_id: i64,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let rows =
        sqlx::query("SELECT display_name, email FROM users WHERE role = 'supervisor' AND active = 1 AND email <> ''")
            .fetch_all(&mut *conn)
            .await?;
    for row in rows {
        let m = Outgoing {
            channel: Channel::Email,
            recipient: get(&row, "display_name")?,
            address: get(&row, "email")?,
            subject: subject.to_string(),
            body: body.to_string(),
        };
        enqueue(conn, Some(incident_id), event_id, m, now).await?;
    }
    Ok(())
}

/// Queues the email and SMS to the integrator's second level about a breach still open
/// past the policy's escalation delay.
///
/// # Errors
/// [`Error::Database`].
#[allow(clippy::too_many_arguments)] // the escalation names the incident, its site, clock and contact
pub async fn queue_escalation(
    conn: &mut AnyConnection,
    incident: &Incident,
    site: &Site,
    clock: ClockKind,
    due: DateTime<Utc>,
    contact: &crate::config::Escalation,
    event_id: i64,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let tz = site.calendar()?.time_zone();
    let subject = format!(
        "[{}] ESCALADE — {} dépassé depuis {} ({})",
        incident.reference,
        clock.names().0,
        vigie_engine::sla::format_duration((now - due).num_seconds()),
        incident.priority
    );
    let body = format!(
        "Incident {} ({}) — site {}\nÉchéance {} : {}, toujours dépassée.\n\
         Le responsable d'exploitation a été alerté à l'échéance ; l'engagement n'est toujours pas tenu.\n",
        incident.reference,
        incident.priority,
        site.name,
        clock.names().0,
        local(due, tz)
    );
    let addresses = [(Channel::Email, &contact.email), (Channel::Sms, &contact.phone)];
    for (channel, address) in addresses {
        let Some(address) = address.as_deref().map(str::trim).filter(|a| !a.is_empty()) else { continue };
        let body = match channel {
            Channel::Email => body.clone(),
            Channel::Sms => format!("{subject} — détails par email."),
        };
        let m = Outgoing {
            channel,
            recipient: contact.name.clone(),
            address: address.to_string(),
            subject: subject.clone(),
            body,
        };
        enqueue(conn, Some(incident.id), event_id, m, now).await?;
    }
    Ok(())
}

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

async fn deliver_one(state: &AppState, row: &AnyRow) -> Result<(), Error> {
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
                "notification_delivered",
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
                "notification_failed",
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
async fn send_email(config: &Config, id: i64, to: &str, subject: &str, body: &str) -> Result<&'static str, Error> {
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
async fn send_sms(config: &Config, id: i64, to: &str, text: &str) -> Result<&'static str, Error> {
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
fn fill(value: serde_json::Value, to: &str, text: &str) -> serde_json::Value {
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
