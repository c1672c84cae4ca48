//! Notifications: what the communication plan calls for is queued in the outbox, in the
//! same transaction as the event that causes it; a worker delivers by SMTP and by the SMS
//! gateway, retries with backoff, and records each delivery or failure on the timeline.

mod delivery;

pub use delivery::{deliver_due, run};

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use sqlx::AnyConnection;
use vigie_engine::sla::ClockKind;

use crate::db::{get, to_ms};
use crate::error::Error;
use crate::incidents::Incident;
use crate::model::Site;
use crate::model::SiteRow;

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
