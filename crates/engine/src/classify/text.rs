//! The free-text rules: a lexicon of French and English phrases that raise signals, and a
//! table of rules over those signals.
//!
//! The text is folded first (case, accents, punctuation) and common abbreviations are
//! expanded ("hs" → "hors service", "cam" → "camera"). A phrase right after a negation
//! ("aucune intrusion", "pas de panne totale", "no intrusion") raises nothing.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{Classification, Reason, Symptom, System};
use crate::Priority::{self, P1, P2, P3};

/// What a phrase says about the incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Signal {
    /// Cameras, recorders, the VMS.
    Video,
    /// Badges, doors, turnstiles.
    AccessControl,
    /// The security hypervisor.
    Hypervisor,
    /// Alarm panels and detectors.
    IntrusionSystem,
    /// An intrusion actually happened (physical or on the systems).
    Intrusion,
    /// Unauthorised people can get in.
    Unauthorized,
    /// All of it, everywhere.
    Total,
    /// Several devices.
    Several,
    /// Out of service.
    Down,
    /// Partly or intermittently working.
    Degraded,
    /// A sensitive zone or an important door.
    Sensitive,
    /// Recordings lost.
    RecordingLost,
    /// A display problem.
    Display,
    /// Slowness.
    Slow,
    /// A wrong setting.
    Configuration,
}

use Signal::*;

/// Phrases (folded: lower case, no accents, words separated by one space) and the signals
/// they raise. A word also matches its plural in `s` or `x`. The longest phrase wins, so
/// "detection d intrusion" (a system) is not read as "intrusion" (an event).
pub const LEXICON: &[(&str, &[Signal])] = &[
    // Systems.
    ("camera", &[Video]), ("video", &[Video]), ("videoprotection", &[Video]), ("videosurveillance", &[Video]),
    ("video surveillance", &[Video]), ("video protection", &[Video]), ("cctv", &[Video]), ("vms", &[Video]),
    ("nvr", &[Video]), ("dvr", &[Video]), ("enregistreur", &[Video]), ("recorder", &[Video]), ("dome", &[Video]),
    ("ptz", &[Video]), ("image", &[Video]),
    ("controle d acces", &[AccessControl]), ("controle acces", &[AccessControl]), ("access control", &[AccessControl]),
    ("badge", &[AccessControl]), ("badgeuse", &[AccessControl]), ("lecteur de badge", &[AccessControl]),
    ("lecteur badge", &[AccessControl]), ("badge reader", &[AccessControl]), ("porte", &[AccessControl]),
    ("door", &[AccessControl]), ("tourniquet", &[AccessControl]), ("turnstile", &[AccessControl]),
    ("portillon", &[AccessControl]), ("portail", &[AccessControl]), ("gate", &[AccessControl]),
    ("gache", &[AccessControl]), ("ventouse", &[AccessControl]), ("sas", &[AccessControl]),
    ("digicode", &[AccessControl]), ("barriere", &[AccessControl]),
    ("hyperviseur", &[Hypervisor]), ("hypervisor", &[Hypervisor]), ("psim", &[Hypervisor]),
    ("alarme", &[IntrusionSystem]), ("alarm", &[IntrusionSystem]), ("centrale d alarme", &[IntrusionSystem]),
    ("detecteur", &[IntrusionSystem]), ("detector", &[IntrusionSystem]), ("detection d intrusion", &[IntrusionSystem]),
    ("detection intrusion", &[IntrusionSystem]), ("intrusion detection", &[IntrusionSystem]),
    ("anti intrusion", &[IntrusionSystem]), ("barriere infrarouge", &[IntrusionSystem]),
    // Security events.
    ("intrusion", &[Intrusion]), ("intrus", &[Intrusion]), ("intruder", &[Intrusion]), ("effraction", &[Intrusion]),
    ("break in", &[Intrusion]), ("cambriolage", &[Intrusion]), ("piratage", &[Intrusion]), ("pirate", &[Intrusion]),
    ("hacke", &[Intrusion]), ("hacked", &[Intrusion]), ("compromis", &[Intrusion]), ("compromise", &[Intrusion]),
    ("compromission", &[Intrusion]), ("compromised", &[Intrusion]), ("cyberattaque", &[Intrusion]),
    ("cyber attaque", &[Intrusion]), ("cyberattack", &[Intrusion]), ("ransomware", &[Intrusion]),
    ("rancongiciel", &[Intrusion]), ("malware", &[Intrusion]),
    ("acces non autorise", &[Unauthorized]), ("acces non autorises", &[Unauthorized]),
    ("unauthorized access", &[Unauthorized]), ("unauthorised access", &[Unauthorized]),
    ("n importe qui", &[Unauthorized]), ("tout le monde peut entrer", &[Unauthorized]), ("anyone can", &[Unauthorized]),
    ("reste ouverte", &[AccessControl, Unauthorized]), ("restent ouvertes", &[AccessControl, Unauthorized]),
    ("bloquee ouverte", &[AccessControl, Unauthorized]), ("ouverte en permanence", &[AccessControl, Unauthorized]),
    ("s ouvre toute seule", &[AccessControl, Unauthorized]), ("s ouvrent toutes seules", &[AccessControl, Unauthorized]),
    ("ne ferme plus", &[AccessControl, Unauthorized]), ("ne ferme pas", &[AccessControl, Unauthorized]),
    ("ne se ferme plus", &[AccessControl, Unauthorized]), ("ne se ferme pas", &[AccessControl, Unauthorized]),
    ("stays open", &[AccessControl, Unauthorized]), ("stuck open", &[AccessControl, Unauthorized]),
    ("does not close", &[AccessControl, Unauthorized]), ("won t close", &[AccessControl, Unauthorized]),
    ("opens by itself", &[AccessControl, Unauthorized]), ("sans badge", &[AccessControl, Unauthorized]),
    ("without a badge", &[AccessControl, Unauthorized]), ("without badge", &[AccessControl, Unauthorized]),
    ("accepte tous les badges", &[AccessControl, Unauthorized]), ("accepts any badge", &[AccessControl, Unauthorized]),
    // Extent.
    ("panne totale", &[Total, Down]), ("panne generale", &[Total, Down]), ("total outage", &[Total, Down]),
    ("complete outage", &[Total, Down]), ("totale", &[Total]), ("total", &[Total]), ("totalement", &[Total]),
    ("completement", &[Total]), ("entierement", &[Total]), ("tout le site", &[Total]), ("tout le batiment", &[Total]),
    ("whole site", &[Total]), ("entire site", &[Total]), ("toutes les camera", &[Total, Video]),
    ("tous les badge", &[Total, AccessControl]), ("toutes les porte", &[Total, AccessControl]),
    ("all camera", &[Total, Video]), ("all door", &[Total, AccessControl]), ("all the camera", &[Total, Video]),
    ("aucune camera", &[Total, Video, Down]), ("plus aucune camera", &[Total, Video, Down]),
    ("aucune image", &[Total, Video, Down]), ("plus aucune image", &[Total, Video, Down]),
    ("no camera", &[Total, Video, Down]), ("no cameras work", &[Total, Video, Down]),
    ("rien ne fonctionne", &[Total, Down]), ("rien ne marche", &[Total, Down]), ("nothing works", &[Total, Down]),
    ("plusieurs", &[Several]), ("several", &[Several]), ("multiple", &[Several]), ("many", &[Several]),
    ("certaines", &[Several]), ("quelques", &[Several]),
    // State.
    ("hors service", &[Down]), ("h s", &[Down]), ("en panne", &[Down]), ("panne", &[Down]), ("tombe", &[Down]), ("tombee", &[Down]),
    ("down", &[Down]), ("offline", &[Down]), ("hors ligne", &[Down]), ("ne fonctionne plus", &[Down]),
    ("ne fonctionne pas", &[Down]), ("ne fonctionnent plus", &[Down]), ("ne fonctionnent pas", &[Down]),
    ("fonctionne plus", &[Down]), ("ne marche plus", &[Down]), ("ne marche pas", &[Down]),
    ("ne marchent plus", &[Down]), ("marche plus", &[Down]), ("not working", &[Down]), ("doesn t work", &[Down]),
    ("does not work", &[Down]), ("don t work", &[Down]), ("stopped working", &[Down]), ("dead", &[Down]),
    ("coupe", &[Down]), ("coupee", &[Down]), ("injoignable", &[Down]), ("unreachable", &[Down]),
    ("ecran noir", &[Down]), ("black screen", &[Down]), ("plus d image", &[Video, Down]), ("no image", &[Video, Down]),
    ("no picture", &[Video, Down]), ("pas d image", &[Video, Down]), ("sans image", &[Video, Down]), ("perte d image", &[Video, Down]), ("perte video", &[Video, Down]),
    ("video loss", &[Video, Down]), ("out of order", &[Down]), ("broken", &[Down]), ("casse", &[Down]),
    ("cassee", &[Down]), ("eteint", &[Down]), ("eteinte", &[Down]), ("plante", &[Down]), ("crash", &[Down]),
    ("crashed", &[Down]), ("failure", &[Down]), ("defaillance", &[Down]),
    ("partiel", &[Degraded]), ("partielle", &[Degraded]), ("partiellement", &[Degraded]), ("partial", &[Degraded]),
    ("partially", &[Degraded]), ("intermittent", &[Degraded]), ("intermittente", &[Degraded]),
    ("par intermittence", &[Degraded]), ("degrade", &[Degraded]), ("degradee", &[Degraded]),
    ("degraded", &[Degraded]), ("coupure", &[Degraded]), ("dysfonctionnement", &[Degraded]),
    ("malfunction", &[Degraded]), ("aleatoire", &[Degraded]),
    // Zones.
    ("zone sensible", &[Sensitive]), ("sensitive area", &[Sensitive]), ("sensitive zone", &[Sensitive]),
    ("salle des coffres", &[Sensitive]), ("coffre fort", &[Sensitive]), ("coffre", &[Sensitive]), ("vault", &[Sensitive]),
    ("salle serveur", &[Sensitive]), ("salle informatique", &[Sensitive]), ("server room", &[Sensitive]),
    ("data center", &[Sensitive]), ("datacenter", &[Sensitive]), ("perimetre", &[Sensitive]),
    ("perimeter", &[Sensitive]), ("entree principale", &[Sensitive]), ("main entrance", &[Sensitive]),
    ("acces principal", &[Sensitive]), ("caisse", &[Sensitive]), ("pharmacie", &[Sensitive]),
    ("armurerie", &[Sensitive]), ("quai de chargement", &[Sensitive]), ("point de passage important", &[Sensitive]),
    ("important", &[Sensitive]), ("importante", &[Sensitive]), ("critical area", &[Sensitive]),
    // Recordings.
    ("enregistrement perdu", &[RecordingLost]), ("perte d enregistrement", &[RecordingLost]),
    ("perte des enregistrement", &[RecordingLost]), ("perte de l enregistrement", &[RecordingLost]),
    ("n enregistre plus", &[RecordingLost]), ("n enregistre pas", &[RecordingLost]), ("enregistre plus", &[RecordingLost]),
    ("plus d enregistrement", &[RecordingLost]), ("pas d enregistrement", &[RecordingLost]),
    ("aucun enregistrement", &[RecordingLost]), ("images perdue", &[RecordingLost]),
    ("trou dans les enregistrement", &[RecordingLost]), ("archives perdue", &[RecordingLost]),
    ("recording lost", &[RecordingLost]), ("lost recording", &[RecordingLost]), ("not recording", &[RecordingLost]),
    ("no recording", &[RecordingLost]), ("recordings missing", &[RecordingLost]), ("missing recording", &[RecordingLost]),
    // Nuisances.
    ("affichage", &[Display]), ("display", &[Display]), ("mosaique", &[Display]), ("icone", &[Display]),
    ("screen", &[Display]), ("ecran", &[Display]),
    ("lent", &[Slow]), ("lente", &[Slow]), ("lenteur", &[Slow]), ("slow", &[Slow]), ("slowness", &[Slow]),
    ("ralenti", &[Slow]), ("rame", &[Slow]), ("latence", &[Slow]), ("latency", &[Slow]), ("lag", &[Slow]),
    ("parametrage", &[Configuration]), ("parametre", &[Configuration]), ("configuration", &[Configuration]),
    ("reglage", &[Configuration]), ("setting", &[Configuration]), ("mauvaise heure", &[Configuration]),
    ("wrong time", &[Configuration]), ("heure decalee", &[Configuration]), ("misconfigured", &[Configuration]),
];

/// Abbreviations a client types, expanded before the lexicon is read.
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("hs", "hors service"), ("cam", "camera"), ("cams", "cameras"), ("ctrl", "controle"),
    ("cdc", "controle d acces"), ("hyperv", "hyperviseur"), ("config", "configuration"),
    ("param", "parametrage"), ("enreg", "enregistrement"), ("videosurv", "videosurveillance"),
    ("dispo", "disponible"), ("pb", "probleme"), ("pbm", "probleme"), ("ko", "hors service"),
];

/// Words that negate the phrase that follows within [`NEGATION_REACH`] words.
pub const NEGATIONS: &[&str] = &["pas", "aucun", "aucune", "sans", "no", "not", "non", "ni", "jamais", "never", "without", "none", "nor"];

/// How many words after a negation its effect reaches ("pas de panne totale": 2).
pub const NEGATION_REACH: usize = 3;

/// A rule over signals: each group of `when` needs one of its signals raised.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable identifier, shown as `text.<id>`.
    pub id: &'static str,
    /// The priority the rule gives.
    pub priority: Priority,
    /// Groups of alternatives: every group needs one of its signals.
    pub when: &'static [&'static [Signal]],
    /// The text was not enough; the priority leans to the safer side.
    pub cautious: bool,
    /// Why, in French.
    pub fr: &'static str,
    /// Why, in English.
    pub en: &'static str,
}

const DEVICES: &[Signal] = &[Video, AccessControl, IntrusionSystem];
const OUT: &[Signal] = &[Down, Degraded];

/// The rules, most urgent first. The first rule that holds decides; every other rule of the
/// same priority that holds adds its reason.
pub const RULES: &[Rule] = &[
    Rule { id: "intrusion", priority: P1, when: &[&[Intrusion]], cautious: false,
           fr: "Le texte signale une intrusion ou une compromission.",
           en: "The text reports an intrusion or a compromise." },
    Rule { id: "unauthorized_access", priority: P1, when: &[&[Unauthorized]], cautious: false,
           fr: "Le texte indique que des personnes non autorisées peuvent entrer.",
           en: "The text says unauthorised people can get in." },
    Rule { id: "video_total_outage", priority: P1, when: &[&[Video], &[Total], &[Down]], cautious: false,
           fr: "Le texte décrit une panne totale de la vidéoprotection.",
           en: "The text describes a total video surveillance outage." },
    Rule { id: "hypervisor_down", priority: P1, when: &[&[Hypervisor], &[Down]], cautious: false,
           fr: "Le texte indique que l'hyperviseur de sécurité est en panne.",
           en: "The text says the security hypervisor is down." },
    Rule { id: "access_control_total_outage", priority: P1, when: &[&[AccessControl], &[Total], &[Down]], cautious: false,
           fr: "Le texte décrit une panne totale du contrôle d'accès.",
           en: "The text describes a total access-control outage." },
    Rule { id: "intrusion_detection_total_outage", priority: P1, when: &[&[IntrusionSystem], &[Total], &[Down]],
           cautious: false,
           fr: "Le texte décrit une détection d'intrusion entièrement hors service.",
           en: "The text describes intrusion detection entirely out of service." },
    Rule { id: "device_down_sensitive_zone", priority: P2, when: &[&[Sensitive], DEVICES, OUT], cautious: false,
           fr: "Le texte décrit un équipement de sécurité défaillant en zone sensible ou sur un passage important.",
           en: "The text describes a failing security device in a sensitive zone or on an important door." },
    Rule { id: "recording_lost", priority: P2, when: &[&[RecordingLost]], cautious: false,
           fr: "Le texte signale une perte d'enregistrement.",
           en: "The text reports lost recordings." },
    Rule { id: "hypervisor_degraded", priority: P2, when: &[&[Hypervisor], &[Degraded]], cautious: false,
           fr: "Le texte décrit un hyperviseur en mode dégradé.",
           en: "The text describes a degraded hypervisor." },
    Rule { id: "whole_site_degraded", priority: P2, when: &[&[Video, AccessControl, IntrusionSystem, Hypervisor], &[Total], &[Degraded]],
           cautious: false,
           fr: "Le texte décrit un système de sécurité dégradé sur tout le site.",
           en: "The text describes a security system degraded on the whole site." },
    Rule { id: "several_devices_down", priority: P2, when: &[&[Several], &[Down], DEVICES], cautious: false,
           fr: "Le texte décrit plusieurs équipements de sécurité hors service.",
           en: "The text describes several security devices out of service." },
    Rule { id: "security_device_down", priority: P2, when: &[DEVICES, &[Down]], cautious: true,
           fr: "Un équipement de sécurité semble hors service, sans précision sur l'étendue ni la zone : \
                priorité majeure par prudence. Précisez avec le questionnaire.",
           en: "A security device seems out of service, with no detail on extent or zone: major priority \
                to be safe. Give details with the questionnaire." },
    Rule { id: "display_problem", priority: P3, when: &[&[Display]], cautious: false,
           fr: "Le texte décrit un problème d'affichage, sans impact sur la sécurité.",
           en: "The text describes a display problem, with no impact on security." },
    Rule { id: "slowness", priority: P3, when: &[&[Slow]], cautious: false,
           fr: "Le texte décrit une lenteur, sans impact sur la sécurité.",
           en: "The text describes slowness, with no impact on security." },
    Rule { id: "configuration_error", priority: P3, when: &[&[Configuration]], cautious: false,
           fr: "Le texte décrit une erreur de paramétrage non critique.",
           en: "The text describes a non-critical configuration error." },
];

/// A phrase found in the text.
#[derive(Debug, Clone)]
struct Hit {
    phrase: &'static str,
    signals: &'static [Signal],
    negated: bool,
}

/// The lexicon split into words and indexed by first word, built once.
struct Index {
    by_first_word: HashMap<&'static str, Vec<(Vec<&'static str>, usize)>>,
    abbreviations: HashMap<&'static str, Vec<&'static str>>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut by_first_word: HashMap<&'static str, Vec<(Vec<&'static str>, usize)>> = HashMap::new();
        for (i, (phrase, _)) in LEXICON.iter().enumerate() {
            let words: Vec<&'static str> = phrase.split(' ').collect();
            by_first_word.entry(words[0]).or_default().push((words, i));
        }
        let abbreviations = ABBREVIATIONS.iter().map(|(k, v)| (*k, v.split(' ').collect())).collect();
        Index { by_first_word, abbreviations }
    })
}

/// Folds case and accents; apostrophes and symbols become spaces; sentence punctuation
/// becomes a `.` word, which a negation does not reach across.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().flat_map(char::to_lowercase).peekable();
    while let Some(c) = chars.next() {
        match c {
            // "h.s." is "hs": a dot inside a word joins it.
            '.' if out.ends_with(|p: char| p.is_ascii_alphanumeric())
                && chars.peek().is_some_and(|n| n.is_alphanumeric()) => {}
            'a'..='z' | '0'..='9' => out.push(c),
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ÿ' | 'ý' => out.push('y'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            '.' | ',' | ';' | ':' | '!' | '?' | '\n' | '(' | ')' => out.push_str(" . "),
            _ => out.push(' '),
        }
    }
    out
}

/// A text word matches a lexicon word, or its plural.
fn word_matches(text_word: &str, lexicon_word: &str) -> bool {
    text_word == lexicon_word
        || (text_word.len() == lexicon_word.len() + 1
            && text_word.starts_with(lexicon_word)
            && matches!(text_word.as_bytes()[lexicon_word.len()], b's' | b'x'))
}

fn find_hits(text: &str) -> Vec<Hit> {
    let index = index();
    let folded = fold(text);
    let mut words: Vec<&str> = Vec::new();
    for w in folded.split_whitespace() {
        match index.abbreviations.get(w) {
            Some(expansion) => words.extend(expansion.iter().copied()),
            None => words.push(w),
        }
    }
    let mut hits = Vec::new();
    let mut last_negation: Option<usize> = None;
    let mut i = 0;
    while i < words.len() {
        // Phrases starting with the word, or with its singular ("recordings" → "recording").
        let singular = words[i].strip_suffix(['s', 'x']);
        let candidates = [Some(words[i]), singular]
            .into_iter()
            .flatten()
            .filter_map(|w| index.by_first_word.get(w))
            .flatten();
        let longest = candidates
            .filter(|(phrase, _)| {
                phrase.len() <= words.len() - i && phrase.iter().zip(&words[i..]).all(|(p, w)| word_matches(w, p))
            })
            .max_by_key(|(phrase, _)| phrase.len());
        if let Some((phrase, lexicon_index)) = longest {
            let (text, signals) = LEXICON[*lexicon_index];
            let negated = last_negation.is_some_and(|n| i - n <= NEGATION_REACH);
            hits.push(Hit { phrase: text, signals, negated });
            i += phrase.len();
        } else {
            if words[i] == "." {
                last_negation = None;
            } else if NEGATIONS.contains(&words[i]) {
                last_negation = Some(i);
            }
            i += 1;
        }
    }
    hits
}

/// Judges the free text alone.
pub fn classify_text(text: &str) -> Classification {
    let hits = find_hits(text);
    let raised = |s: Signal| hits.iter().any(|h| !h.negated && h.signals.contains(&s));
    let system = [(Video, System::Video), (AccessControl, System::AccessControl), (Hypervisor, System::Hypervisor),
                  (IntrusionSystem, System::IntrusionDetection)]
        .into_iter()
        .find(|(s, _)| raised(*s))
        .map(|(_, system)| system);
    let symptom = [(Down, Symptom::Down), (Degraded, Symptom::Degraded), (Display, Symptom::Display),
                   (Slow, Symptom::Slow), (Configuration, Symptom::Configuration)]
        .into_iter()
        .find(|(s, _)| raised(*s))
        .map(|(_, symptom)| symptom);

    let mut result: Option<Classification> = None;
    for rule in RULES {
        if result.as_ref().is_some_and(|r| rule.priority != r.priority) {
            break;
        }
        let holds = rule.when.iter().all(|group| group.iter().any(|s| raised(*s)));
        // A cautious rule only fills in when nothing firmer of its priority held.
        if !holds || (rule.cautious && result.is_some()) {
            continue;
        }
        let r = result.get_or_insert_with(|| Classification {
            priority: rule.priority,
            rule: format!("text.{}", rule.id),
            reasons: Vec::new(),
            matched: Vec::new(),
            needs_details: rule.cautious,
            system,
            symptom,
        });
        r.reasons.push(Reason::new(rule.fr, rule.en));
        let wanted = |s: &Signal| rule.when.iter().any(|group| group.contains(s));
        for hit in hits.iter().filter(|h| !h.negated && h.signals.iter().any(wanted)) {
            if !r.matched.iter().any(|m| m == hit.phrase) {
                r.matched.push(hit.phrase.to_string());
            }
        }
    }
    result.unwrap_or_else(|| {
        let mut c = nothing_to_go_on();
        c.system = system;
        c.symptom = symptom;
        c.matched = hits.iter().filter(|h| h.negated).map(|h| format!("not {}", h.phrase)).collect();
        c
    })
}

/// The answer when the inputs describe no security impact that the rules recognise.
pub(super) fn nothing_to_go_on() -> Classification {
    Classification {
        priority: P3,
        rule: "text.no_security_signal".to_string(),
        reasons: vec![Reason::new(
            "La description ne montre pas d'impact sur la sécurité ; précisez avec le questionnaire si besoin.",
            "The description shows no impact on security; give details with the questionnaire if needed.",
        )],
        matched: Vec::new(),
        needs_details: true,
        system: None,
        symptom: None,
    }
}
