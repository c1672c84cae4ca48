//! Classification of an incident (procedure §01): P1 critical, P2 major, P3 minor.
//!
//! Two inputs give one answer. The questionnaire ([`Answers`]) is what a site manager can tick
//! on a phone; the free text is what they type. Each input is judged by a table of rules
//! ([`answers::RULES`], [`text::RULES`]) that a person can read and extend. When both are
//! given, the more urgent priority wins and both explanations are kept.
//!
//! Classification is cheap (a few microseconds for a paragraph), so the browser runs it on
//! every keystroke.

pub mod answers;
pub mod text;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Priority;

/// The security system concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum System {
    /// Video surveillance (*vidéoprotection*): cameras, recorders, VMS.
    Video,
    /// Access control (*contrôle d'accès*): badge readers, doors, turnstiles.
    AccessControl,
    /// The security hypervisor (*hyperviseur de sécurité*).
    Hypervisor,
    /// Intrusion detection (*détection d'intrusion*): alarm panels, detectors.
    IntrusionDetection,
    /// Anything else.
    Other,
}

/// How much of the site is affected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The whole site.
    WholeSite,
    /// Several devices.
    SeveralDevices,
    /// One device.
    OneDevice,
    /// Only the user interface; devices work.
    InterfaceOnly,
}

/// What the person sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Symptom {
    /// Out of service.
    Down,
    /// Works partly or intermittently.
    Degraded,
    /// A display problem.
    Display,
    /// Slowness.
    Slow,
    /// A wrong setting.
    Configuration,
}

macro_rules! snake_names {
    ($($ty:ty { $($variant:ident => $name:literal),* $(,)? })*) => {$(
        impl $ty {
            /// The code used in data.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $name),* }
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}

snake_names! {
    System { Video => "video", AccessControl => "access_control", Hypervisor => "hypervisor",
             IntrusionDetection => "intrusion_detection", Other => "other" }
    Scope { WholeSite => "whole_site", SeveralDevices => "several_devices", OneDevice => "one_device",
            InterfaceOnly => "interface_only" }
    Symptom { Down => "down", Degraded => "degraded", Display => "display", Slow => "slow",
              Configuration => "configuration" }
}

/// The questionnaire. Every field may be left unanswered.
///
/// ```
/// use vigie_engine::classify::{Answers, Scope, Symptom, System};
/// let answers: Answers = serde_json::from_str(
///     r#"{"system": "video", "scope": "whole_site", "symptom": "down"}"#,
/// ).unwrap();
/// assert_eq!(answers.system, Some(System::Video));
/// assert!(!answers.intrusion_detected);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// The system concerned.
    #[serde(default)]
    pub system: Option<System>,
    /// How much of the site is affected.
    #[serde(default)]
    pub scope: Option<Scope>,
    /// The affected devices cover a sensitive zone or an important door.
    #[serde(default)]
    pub sensitive_zone: bool,
    /// Unauthorised people may get in.
    #[serde(default)]
    pub unauthorized_access_possible: bool,
    /// An intrusion on the systems has been detected.
    #[serde(default)]
    pub intrusion_detected: bool,
    /// Recordings have been lost.
    #[serde(default)]
    pub recording_lost: bool,
    /// What the person sees.
    #[serde(default)]
    pub symptom: Option<Symptom>,
}

/// A short explanation, in French (the client's language) and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// French.
    pub fr: String,
    /// English.
    pub en: String,
}

impl Reason {
    fn new(fr: &str, en: &str) -> Self {
        Reason { fr: fr.to_string(), en: en.to_string() }
    }
}

/// The suggested priority and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    /// The suggested priority.
    pub priority: Priority,
    /// The stable identifier of the deciding rule (`answers.video_total_outage`).
    pub rule: String,
    /// Why, most decisive first.
    pub reasons: Vec<Reason>,
    /// The phrases or answers that fired (`"plus aucune camera"`, `"scope=whole_site"`).
    pub matched: Vec<String>,
    /// The inputs were not enough to be sure; the person should answer the questionnaire.
    pub needs_details: bool,
    /// The system concerned, when known.
    pub system: Option<System>,
    /// The symptom, when known.
    pub symptom: Option<Symptom>,
}

impl Classification {
    /// The incident's type for recurrence (procedure §04: "même type d'incident"):
    /// `"video/down"`, `"access_control/unknown"`, `"unknown/unknown"`.
    pub fn incident_type(&self) -> String {
        format!(
            "{}/{}",
            self.system.map_or("unknown", System::as_str),
            self.symptom.map_or("unknown", Symptom::as_str)
        )
    }
}

/// Classifies an incident from its free text and its questionnaire answers, either or both.
///
/// ```
/// use vigie_engine::{classify, Priority};
/// use vigie_engine::classify::{Answers, Scope, Symptom, System};
///
/// let c = classify(Some("Plus aucune caméra ne fonctionne sur le site"), None);
/// assert_eq!(c.priority, Priority::P1);
///
/// // Negation does not raise the priority.
/// let c = classify(Some("L'interface VMS est lente, aucune intrusion"), None);
/// assert_eq!(c.priority, Priority::P3);
///
/// // With both inputs the more urgent wins, and both explanations are kept.
/// let answers = Answers { system: Some(System::Video), scope: Some(Scope::InterfaceOnly),
///                         symptom: Some(Symptom::Slow), intrusion_detected: true, ..Default::default() };
/// let c = classify(Some("affichage lent"), Some(&answers));
/// assert_eq!(c.priority, Priority::P1);
/// assert_eq!(c.rule, "answers.intrusion_detected");
/// assert!(c.reasons.len() >= 2);
/// ```
pub fn classify(text: Option<&str>, answers: Option<&Answers>) -> Classification {
    let from_text = text.filter(|t| !t.trim().is_empty()).map(text::classify_text);
    let from_answers = answers.map(answers::classify_answers);
    match (from_answers, from_text) {
        (Some(a), Some(t)) => combine(a, t),
        (Some(a), None) => a,
        (None, Some(t)) => t,
        (None, None) => text::nothing_to_go_on(),
    }
}

/// Keeps the more urgent result (the questionnaire on a tie) and appends the other's
/// explanation.
fn combine(answers: Classification, text: Classification) -> Classification {
    let (mut winner, other) =
        if text.priority.is_more_urgent_than(answers.priority) { (text, answers) } else { (answers, text) };
    winner.reasons.extend(other.reasons);
    for m in other.matched {
        if !winner.matched.contains(&m) {
            winner.matched.push(m);
        }
    }
    winner.system = winner.system.or(other.system);
    winner.symptom = winner.symptom.or(other.symptom);
    winner.needs_details = winner.needs_details && other.needs_details;
    winner
}
