//! What the client is told, in French: one message per notice of an incident's life, sent
//! to the people and by the channels the engine's [`addressing`] table says, queued in the
//! outbox in the same transaction as the event that causes it.
//!
//! The technical contact of a site, when the client designated one, is told instead of the
//! organisation's technical contacts for that site's incidents.

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use vigie_engine::communication::{self, addressing, Channel, GdprNotice, NoticeKind, Recipient};
use vigie_engine::Priority;

use crate::db::get;
use crate::error::Error;
use crate::incidents::Incident;
use crate::model::SiteRow;
use crate::model::{Contact, ContactKind, Organisation, Site};
use crate::notify::{self, local, Outgoing};

/// The signature of every message.
const SIGNATURE: &str = "Mileo Technology — support";

/// A notice to the client, with what its text needs.
#[derive(Debug, Clone, Copy)]
pub enum ClientNotice<'a> {
    /// The incident is taken in charge.
    TakeCharge,
    /// A progress update (its text is the last `update` event's message).
    Update,
    /// The incident is resolved; the client confirms the fix or reopens it at `link`.
    Resolution { link: &'a str },
    /// The incident is closed; the client says how satisfied it is at `link`.
    Closure { link: &'a str },
    /// The priority changed, from `from`, for `reason`.
    Reclassification { from: Priority, reason: &'a str },
    /// A P3 intervention is planned.
    InterventionPlanned { planned_for: DateTime<Utc>, reason: Option<&'a str> },
    /// Data was lost: what GDPR art. 33(3) asks a processor to tell its controller.
    Gdpr(&'a GdprNotice),
    /// The post-mortem is published, at `link`.
    PostmortemPublished { link: &'a str },
    /// A technical review of the recurring incident is opened.
    ReviewOpened { related: &'a [String] },
    /// The technical review is closed, with its findings.
    ReviewClosed { findings: &'a str, proposal: Option<&'a str> },
}

impl ClientNotice<'_> {
    fn kind(&self) -> NoticeKind {
        match self {
            ClientNotice::TakeCharge => NoticeKind::TakeCharge,
            ClientNotice::Update => NoticeKind::Update,
            ClientNotice::Resolution { .. } => NoticeKind::Resolution,
            ClientNotice::Closure { .. } => NoticeKind::Closure,
            ClientNotice::Reclassification { .. } => NoticeKind::Reclassification,
            ClientNotice::InterventionPlanned { .. } => NoticeKind::InterventionPlanned,
            ClientNotice::Gdpr(_) => NoticeKind::GdprNotice,
            ClientNotice::PostmortemPublished { .. } => NoticeKind::PostmortemPublished,
            ClientNotice::ReviewOpened { .. } => NoticeKind::ReviewOpened,
            ClientNotice::ReviewClosed { .. } => NoticeKind::ReviewClosed,
        }
    }
}

/// The people of the client to tell, for one kind of recipient: the site's own technical
/// contact when it has one, else the organisation's.
pub fn people<'a>(org: &'a Organisation, site: &'a Site, recipient: Recipient) -> Vec<&'a Contact> {
    match (recipient, &site.technical_contact) {
        (Recipient::TechnicalContact, Some(own)) => vec![own],
        (Recipient::TechnicalContact, None) => {
            org.contacts.iter().filter(|c| c.kind == ContactKind::Technical).collect()
        }
        (Recipient::Management, _) => org.contacts.iter().filter(|c| c.kind == ContactKind::Management).collect(),
    }
}

/// Queues a notice of an incident, if the procedure tells anyone of it.
///
/// # Errors
/// [`Error::Database`].
pub async fn queue(
    conn: &mut AnyConnection,
    incident: &Incident,
    site: &Site,
    org: &Organisation,
    notice: ClientNotice<'_>,
    event_id: i64,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let previous = match notice {
        ClientNotice::Reclassification { from, .. } => Some(from),
        _ => None,
    };
    let Some(to) = addressing(notice.kind(), incident.priority, previous) else {
        return Ok(());
    };
    let (subject, body) = compose(conn, incident, site, notice, now).await?;
    for recipient in to.recipients {
        for contact in people(org, site, recipient) {
            if to.channels.contains(&Channel::Email) && !contact.email.is_empty() {
                let m = Outgoing {
                    channel: notify::Channel::Email,
                    recipient: contact.name.clone(),
                    address: contact.email.clone(),
                    subject: subject.clone(),
                    body: body.clone(),
                };
                notify::enqueue(conn, Some(incident.id), event_id, m, now).await?;
            }
            if to.channels.contains(&Channel::Sms) && !contact.phone.is_empty() {
                let text = format!("{subject} — détails par email. Mileo Technology");
                let m = Outgoing {
                    channel: notify::Channel::Sms,
                    recipient: contact.name.clone(),
                    address: contact.phone.clone(),
                    subject: subject.clone(),
                    body: text,
                };
                notify::enqueue(conn, Some(incident.id), event_id, m, now).await?;
            }
        }
    }
    Ok(())
}

/// The subject and body of a notice.
async fn compose(
    conn: &mut AnyConnection,
    incident: &Incident,
    site: &Site,
    notice: ClientNotice<'_>,
    now: DateTime<Utc>,
) -> Result<(String, String), Error> {
    let calendar = site.calendar()?;
    let tz = calendar.time_zone();
    let plan = communication::plan(&incident.times, &incident.policy, &calendar).map_err(Error::Engine)?;
    let next_update = plan.notices.iter().find(|n| n.kind == NoticeKind::Update).map(|n| local(n.due, tz));
    let reference = &incident.reference;
    let priority = incident.priority;
    let what = format!("l'incident {reference} ({priority}) du site {}", site.name);
    let (subject, text) = match notice {
        ClientNotice::TakeCharge => (
            format!("[{reference}] Prise en charge de votre incident {priority}"),
            format!(
                "Votre incident {reference} ({priority}) sur le site {} est pris en charge par nos équipes depuis le {}.\n{}",
                site.name,
                local(now, tz),
                next_update.map(|n| format!("Prochain point d'avancement au plus tard le {n}.")).unwrap_or_default()
            ),
        ),
        ClientNotice::Update => (
            format!("[{reference}] Point d'avancement"),
            format!(
                "Point d'avancement sur {what} :\n{}\n{}",
                last_message(conn, incident.id).await?,
                next_update.map(|n| format!("Prochain point au plus tard le {n}.")).unwrap_or_default()
            ),
        ),
        ClientNotice::Resolution { link } => {
            let r = incident.resolution.clone().unwrap_or_default();
            let closes = incident.policy.confirmation.deadline(now, &calendar).ok().map(|t| local(t, tz));
            (
                format!("[{reference}] Incident résolu"),
                format!(
                    "{} est résolu depuis le {}.\n\nCause racine : {}\nActions réalisées : {}\nImpact sur les données de sécurité : {}\n\n\
                     Le problème est-il réglé ? Confirmez-le, ou rouvrez l'incident en disant ce qui ne va pas{} : {link}",
                    capitalised(&what),
                    local(now, tz),
                    r.root_cause,
                    r.actions,
                    r.security_data_impact,
                    closes.map(|c| format!(" (sans réponse, il sera clos le {c})")).unwrap_or_default()
                ),
            )
        }
        ClientNotice::Closure { link } => (
            format!("[{reference}] Incident clos — votre avis"),
            format!(
                "{} est clos depuis le {}.\n\nÊtes-vous satisfait de sa prise en charge ? Une note de 1 à 5, et un mot si vous le souhaitez : {link}",
                capitalised(&what),
                local(now, tz)
            ),
        ),
        ClientNotice::Reclassification { from, reason } => (
            format!("[{reference}] Priorité passée de {from} à {priority}"),
            format!(
                "La priorité de l'incident {reference} du site {} passe de {from} à {priority} le {}.\nMotif : {reason}\nLes délais garantis comptent désormais ceux d'un {priority}, à partir de ce changement.\n{}",
                site.name,
                local(now, tz),
                next_update.map(|n| format!("Prochain point d'avancement au plus tard le {n}.")).unwrap_or_default()
            ),
        ),
        ClientNotice::InterventionPlanned { planned_for, reason } => (
            format!("[{reference}] Intervention planifiée le {}", local(planned_for, tz)),
            format!(
                "Un technicien interviendra sur le site {} le {} pour {what}.{}",
                site.name,
                local(planned_for, tz),
                reason.map(|r| format!("\nCette date est postérieure au délai garanti : {r}")).unwrap_or_default()
            ),
        ),
        ClientNotice::Gdpr(n) => (
            format!("[{reference}] Violation de données personnelles — information RGPD"),
            format!(
                "{} a entraîné une perte, ou une perte possible, de données personnelles dont vous êtes responsable de traitement. \
                 Voici les informations prévues par l'article 33(3) du RGPD.\n\n\
                 Nature de la violation : {}\nCatégories de données : {}\nNombre approximatif de personnes concernées : {}\n\
                 Nombre approximatif d'enregistrements concernés : {}\nConséquences probables : {}\nMesures prises ou proposées : {}\n\
                 Contact : {}\n\nIl vous appartient, en tant que responsable de traitement, d'apprécier s'il y a lieu de notifier \
                 la violation à la CNIL ; le cas échéant, dans les 72 heures après en avoir pris connaissance{}.",
                capitalised(&what),
                n.nature,
                n.data_categories.join(", "),
                n.people_estimate.unwrap_or_default(),
                n.records_estimate.unwrap_or_default(),
                n.consequences,
                n.measures,
                n.contact,
                plan.authority_deadline.map(|d| format!(" (au plus tard le {})", local(d, tz))).unwrap_or_default()
            ),
        ),
        ClientNotice::PostmortemPublished { link } => (
            format!("[{reference}] Post-mortem publié"),
            format!("Le post-mortem de {what} est publié : chronologie, cause racine, mesures correctives et préventives, plan de mise en œuvre.\n{link}"),
        ),
        ClientNotice::ReviewOpened { related } => (
            format!("[{reference}] Revue technique ouverte"),
            format!(
                "{} est un incident récurrent : même type d'incident sur le même site dans les 3 derniers mois ({}). \
                 Une revue technique approfondie du système concerné est ouverte ; elle se conclura par une proposition d'investissement préventif.",
                capitalised(&what),
                related.join(", ")
            ),
        ),
        ClientNotice::ReviewClosed { findings, proposal } => (
            format!("[{reference}] Revue technique terminée"),
            format!(
                "La revue technique ouverte après {what} est terminée.\n\nConstats : {findings}\n{}",
                proposal.map(|p| format!("Proposition d'investissement préventif : {p}")).unwrap_or_default()
            ),
        ),
    };
    Ok((subject, format!("Bonjour,\n\n{}\n\n{SIGNATURE}", text.trim_end())))
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

async fn last_message(conn: &mut AnyConnection, incident_id: i64) -> Result<String, Error> {
    let row =
        sqlx::query("SELECT data FROM events WHERE incident_id = $1 AND kind = 'update' ORDER BY id DESC LIMIT 1")
            .bind(incident_id)
            .fetch_optional(&mut *conn)
            .await?;
    let data: String = row.map(|r| get(&r, "data")).transpose()?.unwrap_or_default();
    let value: serde_json::Value = serde_json::from_str(&data).unwrap_or_default();
    Ok(value.get("message").and_then(|m| m.as_str()).unwrap_or_default().to_string())
}
