//! The one table of rules: which facts make which priority, and why (procedure §01).
//!
//! The rules read [`Facts`], whichever input gave them, so a description and a
//! questionnaire that say the same thing get the same priority and the same reason.
//! Three principles shape the table:
//!
//! - **Fail safe.** A security system (video, access control, intrusion detection, the
//!   hypervisor, recordings) said to be failing is never below P2, wherever it is.
//! - **P3 needs a reason.** Minor is for a nuisance that is named (display, slowness,
//!   settings, a request) with no security problem beside it; a description that says
//!   nothing recognisable is P2 until the client says more.
//! - **Unsure says so.** When an unanswered question would change the priority (how much of
//!   the site, whether people can get in), the suggestion names the question.

use super::facts::{Certainty, Facts, Known, Source};
use super::{Question, Reason, Scope, Symptom, System};
use crate::Priority::{self, P1, P2, P3};

/// One thing a rule needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cond {
    /// The system is this one.
    System(System),
    /// The system is not known.
    NoSystem,
    /// The scope is one of these.
    Scope(&'static [Scope]),
    /// The symptom is one of these security problems.
    Symptom(&'static [Symptom]),
    /// The nuisance is this one.
    Nuisance(Symptom),
    /// A sensitive zone or an important door.
    Sensitive,
    /// Unauthorised people can get in.
    Unauthorized,
    /// An intrusion was detected.
    Intrusion,
    /// Recordings are lost.
    RecordingLost,
    /// Alarms no longer reach the operators.
    AlarmsLost,
    /// Not said to be limited to part of the site (no scope, or the whole site).
    NotPart,
    /// The system is not known to be another, non-security, system.
    NotOther,
    /// The scope is this one, said in so many words or answered (not inferred from "les
    /// caméras du magasin").
    Stated(Scope),
}

/// A rule: when every condition holds, the incident has this priority.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable identifier, shown as `text.<id>` or `answers.<id>` (the input that decided).
    pub id: &'static str,
    /// The priority.
    pub priority: Priority,
    /// Every condition must hold.
    pub when: &'static [Cond],
    /// Why, in French.
    pub fr: &'static str,
    /// Why, in English.
    pub en: &'static str,
}

use Cond::*;
use Scope::{OneDevice, SeveralDevices, WholeSite};
use Symptom::{Configuration, Degraded, Display, Down, Slow};

const WHOLE: &[Scope] = &[WholeSite];
const SEVERAL: &[Scope] = &[SeveralDevices];
const DOWN: &[Symptom] = &[Down];
const FAILING: &[Symptom] = &[Down, Degraded];

/// The rules, most urgent first; the first that holds decides.
pub const RULES: &[Rule] = &[
    // P1 — the site's security is compromised or significantly degraded.
    Rule {
        id: "intrusion",
        priority: P1,
        when: &[Intrusion],
        fr: "Une intrusion est signalée, sur le site ou sur les systèmes.",
        en: "An intrusion is reported, on the site or on the systems.",
    },
    Rule {
        id: "unauthorized_access",
        priority: P1,
        when: &[Unauthorized],
        fr: "Le contrôle d'accès peut laisser entrer des personnes non autorisées.",
        en: "Access control may let unauthorised people in.",
    },
    Rule {
        id: "alarms_not_reported",
        priority: P1,
        when: &[AlarmsLost, NotPart],
        fr: "Les alarmes ne remontent plus aux opérateurs : le site n'est plus surveillé.",
        en: "Alarms no longer reach the operators: the site is no longer watched.",
    },
    Rule {
        id: "video_total_outage",
        priority: P1,
        when: &[System(System::Video), Scope(WHOLE), Symptom(DOWN)],
        fr: "Panne totale du système de vidéoprotection.",
        en: "Total outage of the video surveillance system.",
    },
    Rule {
        id: "recordings_lost_everywhere",
        priority: P1,
        when: &[RecordingLost, Stated(WholeSite)],
        fr: "Les enregistrements sont perdus sur tout le système.",
        en: "Recordings are lost on the whole system.",
    },
    Rule {
        id: "hypervisor_down",
        priority: P1,
        when: &[System(System::Hypervisor), Symptom(DOWN)],
        fr: "L'hyperviseur de sécurité est en panne.",
        en: "The security hypervisor is down.",
    },
    Rule {
        id: "access_control_total_outage",
        priority: P1,
        when: &[System(System::AccessControl), Scope(WHOLE), Symptom(DOWN)],
        fr: "Panne totale du contrôle d'accès.",
        en: "Total outage of access control.",
    },
    Rule {
        id: "intrusion_detection_total_outage",
        priority: P1,
        when: &[System(System::IntrusionDetection), Scope(WHOLE), Symptom(DOWN)],
        fr: "La détection d'intrusion est hors service sur tout le site.",
        en: "Intrusion detection is out of service on the whole site.",
    },
    Rule {
        id: "total_outage",
        priority: P1,
        when: &[NoSystem, Scope(WHOLE), Symptom(DOWN)],
        fr: "Plus rien ne fonctionne sur le site.",
        en: "Nothing works on the site any more.",
    },
    // P2 — a significant malfunction partially affects security capabilities.
    Rule {
        id: "device_down_sensitive_zone",
        priority: P2,
        when: &[Sensitive, Symptom(FAILING)],
        fr: "Un équipement de sécurité est défaillant en zone sensible ou sur un passage important.",
        en: "A security device is failing in a sensitive zone or on an important door.",
    },
    Rule {
        id: "recording_lost",
        priority: P2,
        when: &[RecordingLost],
        fr: "Perte d'enregistrement sur une partie du système.",
        en: "Recordings lost on part of the system.",
    },
    Rule {
        id: "alarms_partly_lost",
        priority: P2,
        when: &[AlarmsLost],
        fr: "Les alarmes d'une partie du site ne remontent plus aux opérateurs.",
        en: "Alarms from part of the site no longer reach the operators.",
    },
    Rule {
        id: "hypervisor_degraded",
        priority: P2,
        when: &[System(System::Hypervisor), Symptom(&[Degraded])],
        fr: "L'hyperviseur de sécurité fonctionne en mode dégradé.",
        en: "The security hypervisor runs degraded.",
    },
    Rule {
        id: "whole_site_degraded",
        priority: P2,
        when: &[Scope(WHOLE), Symptom(&[Degraded])],
        fr: "Le système de sécurité du site fonctionne en mode dégradé.",
        en: "The site's security system runs degraded.",
    },
    Rule {
        id: "several_devices_down",
        priority: P2,
        when: &[Scope(SEVERAL), Symptom(FAILING)],
        fr: "Plusieurs équipements de sécurité sont défaillants.",
        en: "Several security devices are failing.",
    },
    Rule {
        id: "security_device_failing",
        priority: P2,
        when: &[Symptom(FAILING), NotOther],
        fr: "Un équipement de sécurité est défaillant : jamais une gêne mineure.",
        en: "A security device is failing: never a minor nuisance.",
    },
    // P3 — a functional nuisance with no impact on operational security.
    Rule {
        id: "display_problem",
        priority: P3,
        when: &[Nuisance(Display)],
        fr: "Problème d'affichage, sans impact sur la sécurité.",
        en: "A display problem, with no impact on security.",
    },
    Rule {
        id: "slowness",
        priority: P3,
        when: &[Nuisance(Slow)],
        fr: "Lenteur de l'interface, sans impact sur la sécurité.",
        en: "Slowness of the interface, with no impact on security.",
    },
    Rule {
        id: "configuration_error",
        priority: P3,
        when: &[Nuisance(Configuration)],
        fr: "Réglage ou demande non critique, sans impact sur la sécurité.",
        en: "A non-critical setting or request, with no impact on security.",
    },
    Rule {
        id: "not_a_security_system",
        priority: P3,
        when: &[System(System::Other)],
        fr: "Le système touché n'est pas un système de sécurité.",
        en: "The system affected is not a security system.",
    },
];

/// The rule when nothing recognisable was said: major until the client says more.
pub const UNCLEAR: Rule = Rule {
    id: "unclear",
    priority: P2,
    when: &[],
    fr: "La description ne dit pas encore quel système est touché ni ce qui ne va pas : priorité majeure par prudence.",
    en: "The description does not yet say which system is affected or what is wrong: major priority to be safe.",
};

impl Cond {
    /// Whether the condition holds, and which input made it hold.
    fn check(self, f: &Facts) -> Option<Source> {
        fn flag(k: &Option<Known<bool>>) -> Option<Source> {
            k.as_ref().filter(|k| k.value).map(|k| k.source)
        }
        match self {
            System(s) => f.system.as_ref().filter(|k| k.value == s).map(|k| k.source),
            NoSystem => f.system.is_none().then_some(Source::Text),
            Scope(set) => f.scope.as_ref().filter(|k| set.contains(&k.value)).map(|k| k.source),
            Symptom(set) => f.symptom.as_ref().filter(|k| set.contains(&k.value)).map(|k| k.source),
            Nuisance(n) => f.nuisance.as_ref().filter(|k| k.value == n).map(|k| k.source),
            Sensitive => flag(&f.sensitive_zone),
            Unauthorized => flag(&f.unauthorized_access),
            Intrusion => flag(&f.intrusion),
            RecordingLost => flag(&f.recording_lost),
            AlarmsLost => flag(&f.alarms_lost),
            NotOther => match &f.system {
                Some(k) if k.value == System::Other => None,
                Some(k) => Some(k.source),
                None => Some(Source::Text),
            },
            Stated(scope) => {
                f.scope.as_ref().filter(|k| k.value == scope && k.certainty == Certainty::Stated).map(|k| k.source)
            }
            NotPart => match &f.scope {
                Some(k) if k.value != WholeSite => None,
                Some(k) => Some(k.source),
                None => Some(Source::Text),
            },
        }
    }
}

/// The first rule that holds, and whether an answer of the questionnaire was needed for it.
pub fn decide(facts: &Facts) -> Option<(&'static Rule, Source)> {
    RULES.iter().find_map(|rule| {
        let sources: Option<Vec<Source>> = rule.when.iter().map(|c| c.check(facts)).collect();
        let source = if sources?.contains(&Source::Answers) { Source::Answers } else { Source::Text };
        Some((rule, source))
    })
}

/// The priority the facts give.
pub fn priority(facts: &Facts) -> Priority {
    decide(facts).map_or(UNCLEAR.priority, |(rule, _)| rule.priority)
}

/// The questions whose answer would change the priority, most telling first, two at most.
pub fn deciding_questions(facts: &Facts) -> Vec<Question> {
    let now = priority(facts);
    let open = |certainty: Option<Certainty>| certainty.is_none_or(|c| c == Certainty::Assumed);
    let changes = |alternatives: Vec<Facts>| alternatives.iter().any(|f| priority(f) != now);
    let with = |edit: &dyn Fn(&mut Facts)| {
        let mut f = facts.clone();
        edit(&mut f);
        f
    };
    let mut questions = Vec::new();
    let nothing_known = decide(facts).is_none();
    if open(facts.scope.as_ref().map(|k| k.certainty))
        && (facts.symptom.is_some() || facts.recording_lost.is_some())
        && changes(
            [WholeSite, SeveralDevices, OneDevice].map(|s| with(&|f| f.scope = Some(Known::answered(s)))).to_vec(),
        )
    {
        questions.push(Question::Scope);
    }
    let access_control = facts.system.as_ref().is_none_or(|k| k.value == System::AccessControl);
    if access_control
        && facts.unauthorized_access.is_none()
        && (facts.symptom.is_some() || facts.system.is_some())
        && changes(vec![with(&|f| f.unauthorized_access = Some(Known::answered(true)))])
    {
        questions.push(Question::UnauthorizedAccess);
    }
    if nothing_known || (facts.system.is_none() && facts.symptom.is_some()) {
        questions.push(Question::System);
    }
    if nothing_known && facts.symptom.is_none() && facts.nuisance.is_none() {
        questions.push(Question::Symptom);
    }
    questions.truncate(2);
    questions
}

/// The words for what was understood, in French and English.
pub fn understood(facts: &Facts) -> Option<Reason> {
    let mut fr: Vec<&str> = Vec::new();
    let mut en: Vec<&str> = Vec::new();
    let mut add = |pair: (&'static str, &'static str)| {
        fr.push(pair.0);
        en.push(pair.1);
    };
    if let Some(k) = &facts.system {
        add(match k.value {
            System::Video => ("vidéoprotection", "video surveillance"),
            System::AccessControl => ("contrôle d'accès", "access control"),
            System::Hypervisor => ("hyperviseur de sécurité", "security hypervisor"),
            System::IntrusionDetection => ("détection d'intrusion", "intrusion detection"),
            System::Other => ("autre système", "another system"),
        });
    }
    let security_matter = facts.symptom.is_some()
        || [&facts.unauthorized_access, &facts.intrusion, &facts.recording_lost, &facts.alarms_lost]
            .into_iter()
            .any(Facts::holds);
    if let Some(k) = facts.scope.as_ref().filter(|_| security_matter) {
        add(match (k.value, k.certainty) {
            (WholeSite, Certainty::Assumed) => ("tout le site (à confirmer)", "the whole site (to be confirmed)"),
            (WholeSite, Certainty::Inferred) => ("tout le site, semble-t-il", "the whole site, it seems"),
            (WholeSite, _) => ("tout le site", "the whole site"),
            (SeveralDevices, _) => ("plusieurs équipements", "several devices"),
            (OneDevice, _) => ("un équipement", "one device"),
            (Scope::InterfaceOnly, _) => ("l'interface seulement", "the interface only"),
        });
    }
    if let Some(k) = &facts.symptom {
        add(if k.value == Down { ("hors service", "out of service") } else { ("fonctionne mal", "working badly") });
    } else if let Some(k) = &facts.nuisance {
        add(match k.value {
            Display => ("affichage", "display"),
            Slow => ("lenteur", "slowness"),
            _ => ("réglage ou demande", "setting or request"),
        });
    }
    let flags = [
        (&facts.sensitive_zone, ("zone sensible", "sensitive zone")),
        (&facts.unauthorized_access, ("accès non autorisé possible", "unauthorised access possible")),
        (&facts.intrusion, ("intrusion", "intrusion")),
        (&facts.recording_lost, ("enregistrements perdus", "recordings lost")),
        (&facts.alarms_lost, ("alarmes non remontées", "alarms not reported")),
    ];
    for (flag, words) in flags {
        if Facts::holds(flag) {
            add(words);
        }
    }
    (!fr.is_empty())
        .then(|| Reason { fr: format!("Compris : {}.", fr.join(", ")), en: format!("Understood: {}.", en.join(", ")) })
}
