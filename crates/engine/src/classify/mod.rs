//! Classification of an incident (procedure §01): P1 critical, P2 major, P3 minor.
//!
//! Two inputs give one answer. The free text is what a site manager types; the
//! questionnaire ([`Answers`]) is what they can tick on a phone. The text is read as the
//! procedure reads an incident — which system, how much of it, what is wrong, where, and
//! whether people can get in ([`reading`]) — into the same [`facts::Facts`] as the answers;
//! the two are merged and one table of rules decides ([`rules::RULES`]). So the text and
//! the questionnaire never contradict each other: there is one decision and one
//! explanation, whichever input gave each fact.
//!
//! The classifier fails safe: a security system said to be failing is never suggested below
//! P2, P3 needs a named nuisance, and when an unanswered question would change the priority
//! the suggestion says so ([`Classification::questions`]).
//!
//! Classification is cheap (microseconds for a paragraph), so the browser runs it on every
//! keystroke.

pub mod facts;
pub mod lexicon;
pub mod reading;
pub mod rules;
mod words;

pub use words::fold;

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

/// The questionnaire. Every field may be left unanswered (`null` or absent); a yes/no
/// question answered "no" is `false`.
///
/// ```
/// use vigie_engine::classify::{Answers, Scope, Symptom, System};
/// let answers: Answers = serde_json::from_str(
///     r#"{"system": "video", "scope": "whole_site", "symptom": "down"}"#,
/// ).unwrap();
/// assert_eq!(answers.system, Some(System::Video));
/// assert_eq!(answers.intrusion_detected, None);
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
    pub sensitive_zone: Option<bool>,
    /// Unauthorised people may get in.
    #[serde(default)]
    pub unauthorized_access_possible: Option<bool>,
    /// An intrusion on the systems has been detected.
    #[serde(default)]
    pub intrusion_detected: Option<bool>,
    /// Recordings have been lost.
    #[serde(default)]
    pub recording_lost: Option<bool>,
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
    pub(crate) fn new(fr: &str, en: &str) -> Self {
        Reason { fr: fr.to_string(), en: en.to_string() }
    }
}

/// A question whose answer decides between two priorities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    /// How much of the site is affected ([`Answers::scope`]).
    Scope,
    /// Whether unauthorised people can get in ([`Answers::unauthorized_access_possible`]).
    UnauthorizedAccess,
    /// Which system is affected ([`Answers::system`]).
    System,
    /// What the person sees ([`Answers::symptom`]).
    Symptom,
}

/// The suggested priority and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    /// The suggested priority.
    pub priority: Priority,
    /// The stable identifier of the deciding rule, prefixed by the input that decided it:
    /// `text.video_total_outage`, or `answers.…` when an answer was needed.
    pub rule: String,
    /// Why, most decisive first: the rule, then what was understood.
    pub reasons: Vec<Reason>,
    /// The words of the description that were understood, as the client wrote them
    /// (`"Plus aucune caméra"`, `"ne fonctionne"`).
    pub matched: Vec<String>,
    /// The inputs were not enough to be sure: [`Classification::questions`] says what to
    /// ask.
    pub needs_details: bool,
    /// The questions whose answer would change the priority, most telling first.
    #[serde(default)]
    pub questions: Vec<Question>,
    /// The system concerned, when known.
    pub system: Option<System>,
    /// The symptom, when known.
    pub symptom: Option<Symptom>,
}

impl Classification {
    /// The incident's type for recurrence (procedure §04: "même type d'incident"):
    /// `"video/down"`, `"access_control/unknown"`, `"unknown/unknown"`.
    pub fn incident_type(&self) -> String {
        format!("{}/{}", self.system.map_or("unknown", System::as_str), self.symptom.map_or("unknown", Symptom::as_str))
    }
}

/// Classifies an incident from its free text and its questionnaire answers, either or both.
///
/// ```
/// use vigie_engine::{classify, Priority};
/// use vigie_engine::classify::{Answers, Question, Scope};
///
/// let c = classify(Some("Plus aucune caméra ne fonctionne sur le site"), None);
/// assert_eq!(c.priority, Priority::P1);
/// assert_eq!(c.matched, ["Plus aucune caméra", "ne fonctionne"]);
///
/// // A security device said to be failing is never minor…
/// let c = classify(Some("Plusieurs caméras affichent une image noire"), None);
/// assert_eq!(c.priority, Priority::P2);
///
/// // …and "the cameras" with nothing to restrict them may be all of them: P1 until the
/// // client says how many.
/// let c = classify(Some("les caméras ne marchent plus"), None);
/// assert_eq!((c.priority, c.needs_details), (Priority::P1, true));
/// assert_eq!(c.questions, [Question::Scope]);
/// let answers = Answers { scope: Some(Scope::SeveralDevices), ..Answers::default() };
/// let c = classify(Some("les caméras ne marchent plus"), Some(&answers));
/// assert_eq!((c.priority, c.rule.as_str()), (Priority::P2, "answers.several_devices_down"));
///
/// // Negation does not raise the priority; a named nuisance is minor.
/// let c = classify(Some("L'interface VMS est lente, aucune intrusion"), None);
/// assert_eq!(c.priority, Priority::P3);
/// ```
pub fn classify(text: Option<&str>, answers: Option<&Answers>) -> Classification {
    let text = text.filter(|t| !t.trim().is_empty());
    let findings = text.map(reading::read).unwrap_or_default();
    let answered = answers.map(facts::Facts::from_answers);
    let answered_nuisance = answered.as_ref().is_some_and(|a| a.nuisance.is_some());
    let trouble_told = text.and_then(|t| security_finding(t, &findings));
    let mut facts = conclude(findings, answered);
    // Fail safe: a minor suggestion needs the nuisance alone. A security device named with
    // anything said to be wrong ("unreadable plates", "reports tamper") is not minor unless
    // the client answered that it is a nuisance; nor is a routine message that tells, in one
    // of its sentences, of a security problem ("thanks for the layout; the pharmacy camera
    // shows the same frozen picture"): the nuisance of another sentence does not outweigh it.
    let mut floored = false;
    if rules::priority(&facts) == Priority::P3 && !answered_nuisance {
        if let Some(span) = text.and_then(reading::security_trouble).or(trouble_told) {
            facts.symptom = Some(facts::Known::assumed(Symptom::Degraded, &[span]));
            if facts.system.as_ref().is_some_and(|k| k.value == System::Other) {
                facts.system = None;
            }
            floored = rules::priority(&facts) != Priority::P3;
        }
    }
    let decision = rules::decide(&facts);
    let (rule, source) = decision
        .unwrap_or((&rules::UNCLEAR, if text.is_some() { facts::Source::Text } else { facts::Source::Answers }));
    let prefix = match source {
        facts::Source::Text => "text",
        facts::Source::Answers => "answers",
    };
    let questions = rules::deciding_questions(&facts);
    let mut reasons = vec![Reason::new(rule.fr, rule.en)];
    reasons.extend(rules::understood(&facts));
    let matched = text.map_or_else(Vec::new, |t| {
        let mut seen: Vec<String> = Vec::new();
        for span in facts.evidence() {
            let words = t[span.start..span.end].trim().to_string();
            if !words.is_empty() && !seen.contains(&words) {
                seen.push(words);
            }
        }
        seen
    });
    Classification {
        priority: rule.priority,
        rule: format!("{prefix}.{}", rule.id),
        reasons,
        matched,
        needs_details: decision.is_none() || floored || !questions.is_empty(),
        questions,
        system: facts.system.as_ref().map(|k| k.value),
        symptom: facts.symptom.as_ref().or(facts.nuisance.as_ref()).map(|k| k.value),
    }
}

/// Where a sentence tells of a security problem on its own, that a minor nuisance told in
/// another sentence must not outweigh: a finding that makes P1 or P2 by itself, of a security
/// system or a sensitive zone, or of something unnamed in a text that names a security
/// system ("on voit la même image depuis hier sur le mur d'écrans").
fn security_finding(text: &str, findings: &[reading::Finding]) -> Option<words::Span> {
    fn security(f: &facts::Facts) -> Option<&facts::Known<System>> {
        f.system.as_ref().filter(|k| k.value != System::Other)
    }
    // The security system named in the same stretch of words, with no punctuation between.
    let named_beside = |span: words::Span| {
        findings.iter().filter_map(|f| security(&f.facts)).flat_map(|k| k.evidence.iter()).any(|s| {
            let (a, b) = if s.start < span.start { (s.end, span.start) } else { (span.end, s.start) };
            a <= b && !text[a..b].contains(['.', ',', ';', ':', '!', '?', '\n', '(', ')'])
        })
    };
    findings.iter().find_map(|f| {
        let serious = rules::priority(&f.facts) != Priority::P3 && rules::decide(&f.facts).is_some();
        let symptom = f.facts.symptom.as_ref().and_then(|k| k.evidence.first().copied());
        let of_security = security(&f.facts).is_some()
            || facts::Facts::holds(&f.facts.sensitive_zone)
            || f.facts.system.is_none() && symptom.is_some_and(named_beside);
        (serious && of_security && f.facts.nuisance.is_none() && !f.request)
            .then(|| symptom.or_else(|| f.facts.evidence().into_iter().next()))
            .flatten()
    })
}

/// One set of facts from the text's findings and the answers: the finding that gives the
/// most urgent priority, with every intrusion and door left open found elsewhere in the
/// text and the answers merged in.
fn conclude(findings: Vec<reading::Finding>, answers: Option<facts::Facts>) -> facts::Facts {
    let mut alarms = facts::Facts::default();
    for f in &findings {
        let keep = |k: &Option<facts::Known<bool>>| k.clone().filter(|k| k.value);
        alarms = alarms.merge(facts::Facts {
            sensitive_zone: keep(&f.facts.sensitive_zone),
            unauthorized_access: keep(&f.facts.unauthorized_access),
            intrusion: keep(&f.facts.intrusion),
            // Lost recordings and alarms weigh by their own scope: they stay in their
            // finding.
            ..facts::Facts::default()
        });
    }
    let answers = answers.unwrap_or_default();
    let complete = |f: &facts::Facts| f.clone().merge(alarms.clone()).merge(answers.clone());
    // The most urgent finding decides, in tiers: a security problem of a device the lexicon
    // knows; else a nuisance that is named (display, slowness, a setting); else a failure of
    // something unknown ("le chauffage est en panne"); else a mere request.
    let tier = |f: &reading::Finding, priority: Priority| match (priority, f.weak, f.request) {
        (Priority::P1 | Priority::P2, false, _) => 4,
        (Priority::P3, _, false) => 3,
        (Priority::P1 | Priority::P2, true, _) => 2,
        (Priority::P3, _, true) => 1,
    };
    // A device named with nothing understood of it is the fail-safe's "unclear"; a request
    // that names nothing ("Pas urgent.", "Can you send someone?") says how to handle the
    // incident, not that it is minor, so it does not outweigh it.
    let unread = findings.iter().any(|f| f.unread && f.facts.system.as_ref().is_some_and(|k| k.value != System::Other));
    let findings: Vec<reading::Finding> = findings.into_iter().filter(|f| !(unread && f.bare)).collect();
    let best = findings
        .iter()
        .filter_map(|f| {
            let facts = complete(&f.facts);
            rules::decide(&facts).map(|(rule, _)| (tier(f, rule.priority), std::cmp::Reverse(rule.priority), facts))
        })
        .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)))
        .map(|(_, _, facts)| facts);
    best.unwrap_or_else(|| {
        // Nothing decided: what the text named, for the system and the questions.
        findings
            .into_iter()
            .map(|f| f.facts)
            .fold(facts::Facts::default(), facts::Facts::merge)
            .merge(alarms)
            .merge(answers)
    })
}
