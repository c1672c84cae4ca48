//! The communication plan (procedure §03): whom to tell, how, and by when.
//!
//! For P1 and P2 incidents the client gets an immediate take-charge notice, then updates at
//! the policy's cadence (every hour for P1, every 2 business hours for P2), by email and SMS,
//! to the site's technical contact and, for P1, to the client's management. Every incident
//! ends with a resolution notice carrying the root cause, the actions taken and the impact
//! on security data (by email for a P3). When data was lost, the client — the data
//! controller — gets a GDPR notice. A change of priority, a planned intervention, a
//! published post-mortem and a technical review opened or closed are told too: who is told
//! of what is [`addressing`].

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
    /// The priority changed (*reclassification*).
    Reclassification,
    /// A P3 intervention was planned.
    InterventionPlanned,
    /// The post-mortem was published.
    PostmortemPublished,
    /// A technical review of a recurring incident was opened.
    ReviewOpened,
    /// A technical review was closed.
    ReviewClosed,
    /// The incident is closed: confirmed by the client, closed by the staff or by itself
    /// once the client's time to confirm ran out; the client is asked how satisfied it is.
    Closure,
}

/// Who receives a notice, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addressing {
    /// Who receives it.
    pub recipients: Vec<Recipient>,
    /// How it is sent.
    pub channels: Vec<Channel>,
}

/// Who receives a notice of this kind about an incident of `priority`, and how; `None`
/// when the procedure tells nobody. `previous` is the priority before a reclassification.
///
/// | notice | P1 | P2 | P3 |
/// |---|---|---|---|
/// | take charge, update | technical + management, email + SMS | technical, email + SMS | — |
/// | resolution | technical + management, email + SMS | technical, email + SMS | technical, email |
/// | reclassification | technical (+ management when either priority is P1), email + SMS |||
/// | intervention planned | technical, email |||
/// | GDPR, post-mortem published, review opened or closed | technical + management, email |||
/// | closure (with the satisfaction question) | technical, email |||
///
/// ```
/// use vigie_engine::Priority;
/// use vigie_engine::communication::{addressing, Channel, NoticeKind, Recipient};
/// let a = addressing(NoticeKind::Reclassification, Priority::P2, Some(Priority::P1)).unwrap();
/// assert_eq!(a.recipients, [Recipient::TechnicalContact, Recipient::Management]);
/// assert_eq!(a.channels, [Channel::Email, Channel::Sms]);
/// assert!(addressing(NoticeKind::Update, Priority::P3, None).is_none());
/// ```
pub fn addressing(kind: NoticeKind, priority: Priority, previous: Option<Priority>) -> Option<Addressing> {
    use Channel::{Email, Sms};
    use Recipient::{Management, TechnicalContact};
    let both = vec![TechnicalContact, Management];
    let (recipients, channels) = match kind {
        NoticeKind::TakeCharge | NoticeKind::Update => match priority {
            Priority::P3 => return None,
            _ => (recipients(priority), vec![Email, Sms]),
        },
        NoticeKind::Resolution => match priority {
            Priority::P3 => (vec![TechnicalContact], vec![Email]),
            _ => (recipients(priority), vec![Email, Sms]),
        },
        NoticeKind::Reclassification if priority == Priority::P1 || previous == Some(Priority::P1) => {
            (both, vec![Email, Sms])
        }
        NoticeKind::Reclassification => (vec![TechnicalContact], vec![Email, Sms]),
        NoticeKind::InterventionPlanned | NoticeKind::Closure => (vec![TechnicalContact], vec![Email]),
        NoticeKind::GdprNotice
        | NoticeKind::PostmortemPublished
        | NoticeKind::ReviewOpened
        | NoticeKind::ReviewClosed => (both, vec![Email]),
    };
    Some(Addressing { recipients, channels })
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
        [
            ("root_cause", &self.root_cause),
            ("actions", &self.actions),
            ("security_data_impact", &self.security_data_impact),
        ]
        .into_iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(name, _)| name)
        .collect()
    }
}

/// What the GDPR notice to the client must say: what a processor gives its controller
/// after a personal data breach (GDPR art. 33(3)), so that the client can decide whether to
/// notify its supervisory authority (the CNIL) within its own 72 hours.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GdprNotice {
    /// The nature of the breach: what happened to which data.
    #[serde(default)]
    pub nature: String,
    /// The categories of data concerned (video images, access logs…).
    #[serde(default)]
    pub data_categories: Vec<String>,
    /// Approximately how many people are concerned.
    #[serde(default)]
    pub people_estimate: Option<u64>,
    /// Approximately how many records are concerned.
    #[serde(default)]
    pub records_estimate: Option<u64>,
    /// The likely consequences.
    #[serde(default)]
    pub consequences: String,
    /// The measures taken or proposed.
    #[serde(default)]
    pub measures: String,
    /// Whom to contact for more information.
    #[serde(default)]
    pub contact: String,
}

impl GdprNotice {
    /// The required fields that are empty, by their data names.
    ///
    /// ```
    /// use vigie_engine::communication::GdprNotice;
    /// let n = GdprNotice { nature: "Enregistrements effacés".into(), people_estimate: Some(40), ..Default::default() };
    /// assert_eq!(n.missing(), ["data_categories", "records_estimate", "consequences", "measures", "contact"]);
    /// ```
    pub fn missing(&self) -> Vec<&'static str> {
        let blank = |s: &str| s.trim().is_empty();
        [
            ("nature", blank(&self.nature)),
            ("data_categories", self.data_categories.iter().all(|c| blank(c))),
            ("people_estimate", self.people_estimate.is_none()),
            ("records_estimate", self.records_estimate.is_none()),
            ("consequences", blank(&self.consequences)),
            ("measures", blank(&self.measures)),
            ("contact", blank(&self.contact)),
        ]
        .into_iter()
        .filter(|(_, missing)| *missing)
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

/// The communication plan of an incident: the notices of its life so far and the next
/// update due. The GDPR notice is due from when the data loss became known
/// ([`IncidentTimes::data_loss_known_at`]).
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
/// let p = plan(&incident, &Policy::default(), &Calendar::default()).unwrap();
/// assert_eq!(p.recipients, vec![Recipient::TechnicalContact, Recipient::Management]);
/// assert_eq!(p.notices[0].kind, NoticeKind::TakeCharge);
/// assert_eq!(p.notices[1].kind, NoticeKind::Update);
/// assert_eq!(p.notices[1].due, at("2026-11-27T23:30:00+01:00"));
/// ```
///
/// # Errors
/// [`crate::Error::NoBusinessTime`] when a business cadence meets a calendar that never opens.
pub fn plan(incident: &IncidentTimes, policy: &Policy, calendar: &Calendar) -> Result<Plan> {
    let priority = incident.priority;
    let proactive = policy.client_update.get(priority).is_some();
    let mut notices = Vec::new();
    let mut push = |kind: NoticeKind, due: DateTime<Utc>| {
        if let Some(Addressing { recipients, channels }) = addressing(kind, priority, None) {
            notices.push(Notice { kind, due, recipients, channels });
        }
    };
    if proactive {
        if let Some(ack) = incident.acknowledged_at {
            push(NoticeKind::TakeCharge, ack);
        }
        if let Some(next) = crate::sla::deadlines(incident, policy, calendar)?
            .next_update_due
            .filter(|_| incident.resolved_at.is_none())
        {
            push(NoticeKind::Update, next);
        }
    }
    if let Some(resolved) = incident.resolved_at {
        push(NoticeKind::Resolution, resolved);
    }
    let mut authority_deadline = None;
    if let Some(known) = incident.data_loss_known_at {
        // The client is the data controller: it is told whatever the priority, and its
        // management with its technical contact, since the decision to report is theirs.
        push(NoticeKind::GdprNotice, policy.gdpr_notice.deadline(known, calendar)?);
        authority_deadline = Some(policy.authority_notice.deadline(known, calendar)?);
    }
    Ok(Plan { proactive, recipients: recipients(priority), notices, authority_deadline })
}
