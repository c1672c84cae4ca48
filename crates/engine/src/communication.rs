//! The communication plan (procedure §03): whom to tell, how, and by when.
//!
//! For P1 and P2 incidents the client gets an immediate take-charge notice, then updates at
//! the policy's cadence (every hour for P1, every 2 business hours for P2), by email and SMS,
//! to the site's technical contact and, for P1, to the client's management. The resolution
//! notice carries the root cause, the actions taken and the impact on security data. When
//! personal data was lost, the client — the data controller — gets a GDPR notice.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::sla::IncidentTimes;
use crate::{Calendar, Policy, Priority, Result};

/// Who receives a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recipient {
    /// The technical contact designated by the client (*contact technique désigné*).
    TechnicalContact,
    /// The client's management (*direction du client*).
    Management,
}

/// How a notice is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Email.
    Email,
    /// SMS.
    Sms,
}

/// What a notice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// The incident has been taken in charge (*notification immédiate de la prise en charge*).
    TakeCharge,
    /// A progress update (*mise à jour sur l'avancement*).
    Update,
    /// The incident is resolved (*notification de résolution*).
    Resolution,
    /// Personal data was lost (GDPR).
    GdprNotice,
}

/// One notice the plan calls for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// What it is about.
    pub kind: NoticeKind,
    /// When it must be sent at the latest.
    pub due: DateTime<Utc>,
    /// Who receives it.
    pub recipients: Vec<Recipient>,
    /// How it is sent.
    pub channels: Vec<Channel>,
}

/// What the resolution notice must say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    /// The root cause identified (*cause racine*).
    pub root_cause: String,
    /// The actions taken (*actions réalisées*).
    pub actions: String,
    /// The impact on security data: images lost, accesses not logged.
    pub security_data_impact: String,
    /// Whether personal data was lost.
    pub personal_data_lost: bool,
}

impl Resolution {
    /// The required fields that are empty, by their data names.
    ///
    /// ```
    /// use vigie_engine::communication::Resolution;
    /// let r = Resolution { root_cause: "Switch PoE grillé".into(), ..Default::default() };
    /// assert_eq!(r.missing(), vec!["actions", "security_data_impact"]);
    /// ```
    pub fn missing(&self) -> Vec<&'static str> {
        [("root_cause", &self.root_cause), ("actions", &self.actions), ("security_data_impact", &self.security_data_impact)]
            .into_iter()
            .filter(|(_, v)| v.trim().is_empty())
            .map(|(name, _)| name)
            .collect()
    }
}

/// The plan of an incident at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Whether proactive communication is required (P1 and P2).
    pub proactive: bool,
    /// Who receives the incident's notices.
    pub recipients: Vec<Recipient>,
    /// The notices due next: the take-charge notice, the next update, the resolution
    /// notice, the GDPR notice, as they apply.
    pub notices: Vec<Notice>,
    /// The client's own deadline to tell its supervisory authority of a personal data
    /// breach, shown to the client (72 h after the loss is known by default).
    pub authority_deadline: Option<DateTime<Utc>>,
}

/// Who receives the notices of an incident of this priority.
pub fn recipients(priority: Priority) -> Vec<Recipient> {
    match priority {
        Priority::P1 => vec![Recipient::TechnicalContact, Recipient::Management],
        Priority::P2 => vec![Recipient::TechnicalContact],
        Priority::P3 => Vec::new(),
    }
}

/// The communication plan of an incident.
///
/// `personal_data_loss_known_at` is when the loss of personal data became known, if it did.
///
/// ```
/// use chrono::{DateTime, Utc};
/// use vigie_engine::{Calendar, Policy, Priority};
/// use vigie_engine::communication::{plan, NoticeKind, Recipient};
/// use vigie_engine::sla::IncidentTimes;
/// let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
///
/// let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T22:10:00+01:00"));
/// incident.acknowledged_at = Some(at("2026-11-27T22:30:00+01:00"));
/// let p = plan(&incident, None, &Policy::default(), &Calendar::default()).unwrap();
/// assert_eq!(p.recipients, vec![Recipient::TechnicalContact, Recipient::Management]);
/// assert_eq!(p.notices[0].kind, NoticeKind::TakeCharge);
/// assert_eq!(p.notices[1].kind, NoticeKind::Update);
/// assert_eq!(p.notices[1].due, at("2026-11-27T23:30:00+01:00"));
/// ```
///
/// # Errors
/// [`crate::Error::NoBusinessTime`] when a business cadence meets a calendar that never opens.
pub fn plan(
    incident: &IncidentTimes,
    personal_data_loss_known_at: Option<DateTime<Utc>>,
    policy: &Policy,
    calendar: &Calendar,
) -> Result<Plan> {
    let proactive = policy.client_update.get(incident.priority).is_some();
    let recipients = recipients(incident.priority);
    let both = vec![Channel::Email, Channel::Sms];
    let mut notices = Vec::new();
    if proactive {
        if let Some(ack) = incident.acknowledged_at {
            notices.push(Notice { kind: NoticeKind::TakeCharge, due: ack, recipients: recipients.clone(), channels: both.clone() });
        }
        if let Some(next) = crate::sla::deadlines(incident, policy, calendar)?.next_update_due.filter(|_| incident.resolved_at.is_none()) {
            notices.push(Notice { kind: NoticeKind::Update, due: next, recipients: recipients.clone(), channels: both.clone() });
        }
        if let Some(resolved) = incident.resolved_at {
            notices.push(Notice { kind: NoticeKind::Resolution, due: resolved, recipients: recipients.clone(), channels: both.clone() });
        }
    }
    let mut authority_deadline = None;
    if let Some(known) = personal_data_loss_known_at {
        // The client is the data controller: it is told whatever the priority, and its
        // management with its technical contact, since the duty to report is theirs.
        notices.push(Notice {
            kind: NoticeKind::GdprNotice,
            due: policy.gdpr_notice.deadline(known, calendar)?,
            recipients: vec![Recipient::TechnicalContact, Recipient::Management],
            channels: vec![Channel::Email],
        });
        authority_deadline = Some(policy.authority_notice.deadline(known, calendar)?);
    }
    Ok(Plan { proactive, recipients, notices, authority_deadline })
}
