//! Reading a description as the procedure reads an incident: which system, how much of it,
//! what is wrong, where, and whether people can get in.
//!
//! The text is cut into sentences and clauses. Each word that says something happens — a
//! failure, a loss, a door left open, an intrusion, a nuisance — is a *predicate*; it is
//! read with its negation ("ne … plus", "no longer", "aucune") and tied to its *subject*,
//! the nearest device or system named before it in the clause (else after it, else in the
//! sentence, else in the sentence before). The subject gives the system; the words around
//! the subject give the scope ("toutes les caméras", "les caméras du parking", "une
//! caméra"). Each predicate becomes a [`Facts`] of its own (a *finding*); the classifier
//! keeps the most urgent one, with every intrusion, unauthorised access and loss found
//! elsewhere in the text.

use super::facts::{Certainty, Facts, Known};
use super::lexicon::{Function, Meaning, Negation, Quantity, BUILDING_WORDS, NUMBER_WORDS, RESTRICTORS, SITE_WORDS};
use super::words::{fold, is_determiner, items, Break, Item, Piece, Span};
use super::{Scope, Symptom, System};

/// Words that open a new clause: a negation does not reach across them, and a predicate
/// after them looks for its own subject ("pas d'intrusion, *mais* la porte est forcée").
const CLAUSE_WORDS: &[&str] =
    &["mais", "but", "however", "cependant", "sauf", "except", "whereas", "tandis", "puis", "then", "alors"];

/// Prepositions that make the noun after them a complement, not a subject: "… *sur* le
/// VMS", "… *depuis* le nouveau planning".
const COMPLEMENTS: &[&str] = &[
    "sur", "dans", "depuis", "au", "aux", "a", "en", "in", "on", "at", "since", "to", "from", "avec", "with", "par",
    "by", "pour", "for", "vers", "chez", "apres", "after", "avant", "before", "over", "under", "sous",
];

/// English words before "cameras" that say what they are, not where: "the *IP* cameras".
const ADJECTIVES_OF_ALL: &[&str] = &[
    "security",
    "surveillance",
    "ip",
    "cctv",
    "video",
    "new",
    "old",
    "dome",
    "ptz",
    "analog",
    "analogue",
    "digital",
    "outdoor",
    "indoor",
    "hd",
    "wireless",
    "wifi",
    "poe",
    "network",
    "same",
    "very",
    "main",
];

/// The months, which name an event of the past: "l'intrusion de juillet".
const MONTHS: &[&str] = &[
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words of a device covered, moved or tagged by someone: sabotage of a device, read as a
/// device working badly.
const TAMPERING: &[&str] =
    &["recouvert", "masque", "obstru", "covered", "tagged", "tague", "vandalis", "cognee", "knocked", "deplace"];

/// Lengths of time: "deux jours", "3 hours" of recordings lost are part of them.
const DURATION_WORDS: &[&str] =
    &["jour", "journee", "heure", "nuit", "semaine", "minute", "day", "hour", "night", "week", "mois", "month"];

/// Words that make a failure after them a date, not a fact: "depuis la coupure".
/// "ce", "this": a demonstrative before a noun, which then stands where an article would
/// ("le lecteur *de ce* poste", "sur *cette* caméra").
const DEMONSTRATIVES: &[&str] = &["ce", "cet", "cette", "ces", "this", "that", "these", "those"];

const SINCE: &[&str] = &["depuis", "since", "apres", "after", "suite", "following"];

/// Words that stand between a negation and its verb without breaking it: "ne *se*
/// ferme", "n'*arrive* plus *à* lire", "is *not* *being* recorded".
const TRANSPARENT: &[&str] = &[
    "se", "s", "y", "a", "est", "sont", "etait", "etaient", "semble", "semblent", "peut", "peuvent", "arrive",
    "arrivent", "veut", "veulent", "va", "vont", "is", "are", "was", "were", "be", "been", "being", "has", "have",
    "had", "can", "could", "will", "would", "seem", "seems", "even", "meme", "du", "tout", "at", "all", "really",
    "vraiment", "en", "il", "elle", "ils", "elles", "on", "it", "they", "lui", "leur", "me", "nous", "vous", "ca",
    "cela", "do", "does", "did", "get", "got",
];

/// What a predicate is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    Device(System),
    SystemName(System),
    Image,
    Recording,
    Alarm,
    Credential,
    Door,
    Nuisance(Symptom),
    Interface,
    /// The software of a system: "le logiciel de contrôle d'accès", "the video software".
    InterfaceOf(System),
    /// "tout", "rien", "nothing": everything on the site.
    Everything,
    /// A thing the lexicon does not know ("le chauffage est en panne").
    Unknown,
}

impl Subject {
    /// The system this subject belongs to.
    fn system(self) -> Option<System> {
        match self {
            Subject::Device(s) | Subject::SystemName(s) => Some(s),
            Subject::Image | Subject::Recording => Some(System::Video),
            Subject::Credential | Subject::Door => Some(System::AccessControl),
            Subject::Alarm => Some(System::Hypervisor),
            Subject::InterfaceOf(s) => Some(s),
            Subject::Nuisance(_) | Subject::Interface | Subject::Everything | Subject::Unknown => None,
        }
    }

    /// How much a subject says of the scope: a camera or a door says how much is
    /// affected; a badge, an image or an alarm says less.
    fn weight(self) -> u8 {
        match self {
            Subject::Device(_) | Subject::SystemName(_) | Subject::Door | Subject::Everything => 2,
            Subject::Image | Subject::Recording | Subject::Alarm | Subject::Credential => 1,
            Subject::Nuisance(_) | Subject::Interface | Subject::InterfaceOf(_) | Subject::Unknown => 0,
        }
    }
}

/// What a predicate says once read with its negation and its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    Symptom(Symptom),
    RecordingLost,
    AlarmsLost,
    Unauthorized,
    Intrusion,
    Nuisance(Symptom),
    /// The software of a system will not start: the system is down ("le logiciel de
    /// contrôle d'accès ne démarre plus").
    SystemDown(System),
}

/// One sentence: its items and the clause of each.
#[derive(Default)]
struct Sentence {
    items: Vec<Item>,
    clause: Vec<usize>,
    /// The clauses that begin with "sauf", "except": what they name is left out of the
    /// clause before.
    exceptions: Vec<usize>,
    /// The sentence is an email's subject line ("Objet : caméras"): it names the topic, what
    /// is wrong is told after.
    subject_line: bool,
}

impl Sentence {
    fn meaning(&self, i: usize) -> Option<Meaning> {
        self.items.get(i).and_then(|item| item.meaning)
    }

    fn same_clause(&self, a: usize, b: usize) -> bool {
        self.clause.get(a) == self.clause.get(b)
    }

    /// Items of no weight between a negation and its word.
    fn transparent(&self, i: usize) -> bool {
        let item = &self.items[i];
        item.meaning.is_none() && (TRANSPARENT.contains(&item.first.as_str()) || is_determiner(&item.first))
            || matches!(item.meaning, Some(Meaning::Still | Meaning::Fine | Meaning::Filler))
    }

    fn is_negation(&self, j: usize) -> bool {
        matches!(self.meaning(j), Some(Meaning::Negation(_) | Meaning::Quantity(Quantity::NoneOf)))
    }

    /// The negation that applies to the predicate at `i`, if any, as the span it covers
    /// with the predicate.
    fn negation(&self, i: usize) -> Option<Span> {
        let span = self.items[i].span;
        // "en rouge comme les intrusions": a comparison speaks of no intrusion.
        if self.meaning(i) == Some(Meaning::Intrusion) {
            let mut j = i;
            while j > 0 && self.items[j - 1].meaning.is_none() && is_determiner(&self.items[j - 1].first) {
                j -= 1;
            }
            if j > 0 && self.meaning(j - 1) == Some(Meaning::Comparison) {
                return Some(Span { start: self.items[j - 1].span.start, end: span.end });
            }
        }
        let after = self.after_negation(i);
        // Before: "ne … fonctionne", "not working", "plus d'image", "aucune intrusion".
        let mut j = i;
        let mut passed = 0;
        while j > 0 && passed < 3 && self.same_clause(j - 1, i) {
            j -= 1;
            if self.is_negation(j) {
                // "plus de 3 caméras" is "more than three".
                let more_than = matches!(self.meaning(j), Some(Meaning::Negation(Negation::Plus)))
                    && (self.items.get(j + 1).is_some_and(|n| n.number.is_some())
                        || self.items.get(j + 1).is_some_and(|n| n.first == "de")
                            && self.items.get(j + 2).is_some_and(|n| n.number.is_some()));
                if more_than {
                    return None;
                }
                // "on ne lit *que* le début": "only", not a negation.
                let only = self.meaning(j) == Some(Meaning::Negation(Negation::Ne))
                    && after.is_none()
                    && (i..self.items.len().min(i + 3)).any(|k| matches!(self.items[k].first.as_str(), "que" | "qu"));
                if only {
                    return None;
                }
                // "la gâche ne libère *plus* -> porte toujours fermée": the "plus" after another
                // verb is that verb's.
                let anothers = matches!(self.meaning(j), Some(Meaning::Negation(Negation::Plus | Negation::Not)))
                    && j > 0
                    && j - 1 != i
                    && self.same_clause(j - 1, j)
                    && matches!(self.meaning(j - 1), Some(Meaning::Works(_)))
                    && self.meaning(i) == Some(Meaning::Works(Function::Lock))
                    && self.meaning(j - 1) != Some(Meaning::Works(Function::Lock));
                if anothers {
                    return None;
                }
                return Some(Span { start: self.items[j].span.start, end: after.map_or(span.end, |s| s.end) });
            }
            if !self.transparent(j) {
                passed += 1;
            }
        }
        after.map(|s| Span { start: span.start, end: s.end })
    }

    /// "fonctionne pas", "marche plus", "ne voit rien", "anymore": a negation right after.
    fn after_negation(&self, i: usize) -> Option<Span> {
        let mut passed = 0;
        for j in i + 1..self.items.len() {
            // "les portes fonctionnent *et aucun* badge refusé": the next clause's.
            if !self.same_clause(j, i)
                || passed == 2
                || matches!(self.items[j].first.as_str(), "et" | "and") && self.items[j].meaning.is_none()
            {
                return None;
            }
            // French closes a negation after the verb ("ne fonctionne *pas*", SMS "marche
            // *plus*", "ne voit *rien*"); English only with "anymore". "The door is locked so
            // *not* a risk" negates nothing before it.
            let closes = match self.meaning(j) {
                // "aren't recording *anymore*": the phrase denies already, "anymore" says
                // since when.
                Some(Meaning::Negation(_))
                    if self.meaning(i) == Some(Meaning::Missing) && self.items[j].first == "anymore" =>
                {
                    false
                }
                // "ne filme plus *rien*": a failure said with its own "ne … plus" is only
                // stronger for the "rien" after it.
                Some(Meaning::Negation(_) | Meaning::Quantity(Quantity::NoneOf))
                    if matches!(self.meaning(i), Some(Meaning::Problem(_)))
                        && self.items[i].first == "ne"
                        && self.items[i].last == "plus" =>
                {
                    false
                }
                // "people without a badge *cannot* get in": the verb after the people said
                // without a badge is denied.
                Some(Meaning::Negation(_)) if self.meaning(i) == Some(Meaning::Unauthorized) && j == i + 1 => {
                    matches!(
                        self.items[j].first.as_str(),
                        "cannot" | "can" | "couldn" | "could" | "don" | "doesn" | "won" | "ne" | "n"
                    )
                }
                // "ne répond plus *sur aucun* poste": a quantity inside a complement counts
                // where, it closes no negation.
                Some(Meaning::Negation(_) | Meaning::Quantity(Quantity::NoneOf)) if self.in_complement(j) => false,
                Some(Meaning::Negation(_) | Meaning::Quantity(Quantity::NoneOf)) => {
                    matches!(self.items[j].first.as_str(), "pas" | "plus" | "jamais" | "rien" | "aucun" | "aucune" | "point" | "anymore" | "any")
                        // "shows nothing", "records no image": the object denied.
                        || j == i + 1 && matches!(self.items[j].first.as_str(), "nothing" | "no") && matches!(self.meaning(i), Some(Meaning::Works(_)))
                }
                _ => false,
            };
            if closes {
                return Some(self.items[j].span);
            }
            if !self.transparent(j) {
                passed += 1;
            }
        }
        None
    }

    /// The subject at `j`, if the item there is one.
    fn subject_at(&self, j: usize) -> Option<Subject> {
        let item = &self.items[j];
        Some(match item.meaning {
            // "la porte de la réserve (zone stupéfiants)", "le SAS de la zone blanche": a zone
            // named after a door or a room is where it is, not an intrusion zone.
            Some(Meaning::Device(System::IntrusionDetection)) if item.first == "zone" && self.zone_of_a_place(j) => {
                return None
            }
            Some(Meaning::Device(s)) => Subject::Device(s),
            Some(Meaning::SystemName(s)) => Subject::SystemName(s),
            // "l'alarme intrusion n'est plus en service": the system, not an intrusion.
            Some(Meaning::Intrusion)
                if matches!(item.first.as_str(), "alarme" | "alarm" | "intrusion")
                    && matches!(item.last.as_str(), "intrusion" | "alarm" | "alarme")
                    && item.first != item.last
                    && (j + 1..self.items.len()).take_while(|&k| self.same_clause(k, j)).any(|k| {
                        matches!(self.meaning(k), Some(Meaning::Problem(_)))
                            || matches!(self.meaning(k), Some(Meaning::Works(_))) && self.negation(k).is_some()
                    }) =>
            {
                Subject::SystemName(System::IntrusionDetection)
            }
            // "la vidéo ne fonctionne plus": the video system; "la vidéo associée", a clip.
            Some(Meaning::Image)
                if matches!(item.first.as_str(), "video")
                    // "la vidéo ne fonctionne plus", "vidéo hs" at the start of a sentence or of
                    // a clause ("Bonjour, vidéo HS").
                    && (j == 0 || !self.same_clause(j - 1, j) || matches!(self.items[j - 1].first.as_str(), "la" | "the"))
                    && !self.items.get(j + 1).is_some_and(|n| {
                        self.same_clause(j + 1, j)
                            && n.meaning.is_none()
                            && !self.transparent(j + 1)
                            && (!RESTRICTORS.contains(&n.first.as_str()) || matches!(n.first.as_str(), "de" | "d" | "du" | "of"))
                    }) =>
            {
                Subject::SystemName(System::Video)
            }
            Some(Meaning::Image) => Subject::Image,
            Some(Meaning::Recording) => Subject::Recording,
            Some(Meaning::Alarm) => Subject::Alarm,
            Some(Meaning::Credential) => Subject::Credential,
            Some(Meaning::Door | Meaning::MainDoor) => Subject::Door,
            // A layout or a name can be what fails ("*l'affichage* est décalé"); slowness is
            // said of something else, and a nuisance word after a device is said of it
            // ("caméra *décalée*").
            Some(Meaning::Nuisance(n)) if n != Symptom::Slow => {
                let after_a_place = j > 0
                    && self.same_clause(j - 1, j)
                    && matches!(self.meaning(j - 1), Some(Meaning::Place | Meaning::Sensitive | Meaning::WholeSite));
                // "caméra *décalée*", "la caméra *nommée* « Entrée »", "image *déformée*", "les
                // alarmes arrivent *en double*": said of the device, or of how it comes.
                let adjective = ["decale", "saccad", "nomme", "appele", "intitule", "deform"]
                    .iter()
                    .any(|w| item.first.starts_with(w))
                    || matches!(item.first.as_str(), "misaligned" | "choppy" | "jerky" | "named" | "called" | "en");
                // "doesn't beep or light up anymore": a nuisance word denied is a verb.
                let denied =
                    j > 0 && self.same_clause(j - 1, j) && matches!(self.meaning(j - 1), Some(Meaning::Negation(_)));
                if after_a_place || adjective || denied {
                    return None;
                }
                Subject::Nuisance(n)
            }
            Some(Meaning::Interface) => Subject::Interface,
            // "rien ne marche", "tout est HS", "nothing works": a quantity that is the
            // subject of the verb right after it.
            // "rien" is a subject before "ne" ("rien ne marche"), an object after a verb ("n'a
            // rien enregistré"); "nothing" a subject unless a verb comes before it.
            Some(Meaning::Quantity(Quantity::NoneOf | Quantity::All))
                if matches!(item.first.as_str(), "rien" | "nothing" | "tout" | "everything" | "plus") =>
            {
                let next = (j + 1..self.items.len()).find(|&k| !self.transparent(k))?;
                let verb = match item.first.as_str() {
                    // "rien ne marche"; "plus rien ne marche" is read as one phrase, the verb next.
                    "rien" | "plus" => {
                        matches!(self.meaning(next), Some(Meaning::Negation(Negation::Ne)))
                            || matches!(self.meaning(next), Some(Meaning::Works(_)))
                                && next == j + 1
                                && matches!(item.last.as_str(), "ne" | "n")
                    }
                    // "tout est HS", "tout marche"; "tout noir" is an adverb.
                    "tout" => {
                        matches!(self.meaning(next), Some(Meaning::Negation(Negation::Ne) | Meaning::Works(_)))
                            || matches!(self.meaning(next), Some(Meaning::Problem(_))) && next > j + 1
                    }
                    _ => matches!(
                        self.meaning(next),
                        Some(Meaning::Negation(Negation::Ne) | Meaning::Works(_) | Meaning::Problem(_))
                    ),
                };
                let object = (j.saturating_sub(2)..j).any(|k| matches!(self.meaning(k), Some(Meaning::Works(_) | Meaning::Negation(Negation::Ne))))
                    // "c'est *tout* noir": an adverb.
                    || j > 0 && matches!(self.items[j - 1].first.as_str(), "est" | "sont" | "is" | "are");
                if !verb || object || !self.same_clause(j, next) {
                    return None;
                }
                Subject::Everything
            }
            _ => return None,
        })
    }

    /// Whether the zone at `j` follows a door, a room or a place, with only "de", "la",
    /// "du" or a parenthesis between.
    fn zone_of_a_place(&self, j: usize) -> bool {
        let mut k = j;
        while k > 0
            && self.items[k - 1].meaning.is_none()
            && matches!(self.items[k - 1].first.as_str(), "de" | "la" | "du" | "l" | "d")
        {
            k -= 1;
        }
        k > 0
            && self.items.get(j + 1).is_none_or(|n| n.number.is_none() && n.first.len() > 1)
            && matches!(
                self.meaning(k - 1),
                Some(Meaning::Door | Meaning::MainDoor | Meaning::Sensitive | Meaning::Place)
            )
    }

    /// The subject of the predicate at `i`: the nearest before it in the clause, else
    /// after it in the clause, else before it in the sentence. A thing the lexicon does not
    /// know, right before the predicate ("*le chauffage* est en panne"), is the subject.
    fn subject_of(&self, i: usize) -> Option<(usize, Subject)> {
        // "plus rien dans le menu Favoris": nothing in a menu is a menu's nuisance.
        if self.meaning(i) == Some(Meaning::Nothing) {
            let next = (i + 1..self.items.len())
                .take_while(|&k| self.same_clause(k, i))
                .find_map(|k| self.subject_at(k).map(|s| (k, s)));
            if let Some((k, s @ Subject::Nuisance(_))) = next {
                if (i + 1..k).any(|m| self.in_complement(m + 1) || COMPLEMENTS.contains(&self.items[m].first.as_str()))
                {
                    return Some((k, s));
                }
            }
        }
        let found = self.nearest_subject(i);
        // "la caméra de la cour ne se connecte plus, le VMS indique « hors ligne » pour elle":
        // what the software says is of the device named before it.
        if let Some((k, Subject::SystemName(_))) = found {
            let reports = (k + 1..i).any(|m| {
                matches!(
                    self.items[m].first.as_str(),
                    "says"
                        | "say"
                        | "indique"
                        | "affiche"
                        | "shows"
                        | "displays"
                        | "reports"
                        | "signale"
                        | "marque"
                        | "dit"
                        | "show"
                        | "message"
                )
            });
            // "la caméra 3 n'a plus d'image dans le VMS, message « perte de signal »": the
            // software the device is seen in says it of that device too.
            let device = (0..k).find(|&d| {
                (!self.same_clause(d, k) || self.is_complement(k))
                    && matches!(self.subject_at(d), Some(Subject::Device(_)))
                    && !self.is_complement(d)
            });
            // "la caméra de l'accueil n'apparaît plus dans le VMS (hors ligne)": the software
            // the device is seen in is only where; what is down is the device.
            let where_seen = self.is_complement(k) && k < i;
            if let Some(d) = device.filter(|_| reports || where_seen) {
                return self.subject_at(d).map(|s| (d, s));
            }
        }
        // "les deux portes s'ouvrent", "both doors released": the phrase names its doors,
        // unless the airlock they belong to is the subject.
        let access_control = matches!(
            found,
            Some((
                _,
                Subject::Door | Subject::Device(System::AccessControl) | Subject::SystemName(System::AccessControl)
            ))
        );
        if self.meaning(i) == Some(Meaning::Unlocked)
            && matches!(self.items[i].first.as_str(), "les" | "both")
            && !access_control
        {
            return Some((i, Subject::Door));
        }
        found
    }

    /// The subject of the predicate at `i` as its position tells it.
    fn nearest_subject(&self, i: usize) -> Option<(usize, Subject)> {
        // "les alarmes … arrivent avec un libellé vide et *certaines* se perdent", "some of
        // them are black": a quantity standing for a noun speaks of the first thing the
        // sentence named, not of the nearest word.
        let mut q = i;
        if q > 0 && self.meaning(q - 1) == Some(Meaning::Negation(Negation::Ne)) {
            q -= 1;
        }
        // "le logiciel affiche « licence expirée » et ne se lance plus": a verb after "et"
        // with no subject of its own shares the subject of the verb before, not the message
        // or setting that verb names.
        let mut start = i;
        while start > 0
            && (self.meaning(start - 1) == Some(Meaning::Negation(Negation::Ne))
                || self.items[start - 1].meaning.is_none()
                    && matches!(self.items[start - 1].first.as_str(), "se" | "s"))
        {
            start -= 1;
        }
        if start > 1
            && self.items[start - 1].meaning.is_none()
            && matches!(self.items[start - 1].first.as_str(), "et" | "and")
        {
            let verb_before = (0..start - 1)
                .rev()
                .find(|&k| matches!(self.meaning(k), Some(Meaning::Works(_) | Meaning::Problem(_))));
            // Only past an object that would pass for the subject: a message, a setting.
            let nuisance_object = verb_before
                .is_some_and(|v| (v + 1..start).any(|k| matches!(self.subject_at(k), Some(Subject::Nuisance(_)))));
            if let Some(found) = verb_before.filter(|_| nuisance_object).and_then(|k| self.nearest_subject(k)) {
                if !matches!(found.1, Subject::Nuisance(_) | Subject::Unknown) {
                    return Some(found);
                }
            }
        }
        // "the hypervisor shows 'server not found' on every workstation, we cannot see
        // anything": what the people watching no longer see is what the verb is about — its
        // object, else the system the sentence named first.
        let people = (q.saturating_sub(2)..q).any(|k| {
            self.same_clause(k, i) && matches!(self.items[k].first.as_str(), "we" | "on" | "nous" | "i" | "je" | "j")
        });
        if people && self.meaning(i) == Some(Meaning::Works(Function::Show)) && self.negation(i).is_some() {
            // "on ne voit pas la fin des *noms*": a nuisance seen badly is the nuisance.
            let object = (i + 1..self.items.len()).take_while(|&j| self.same_clause(j, i)).find_map(|j| {
                self.subject_at(j).filter(|s| s.weight() > 0 || matches!(s, Subject::Nuisance(_))).map(|s| (j, s))
            });
            let named = (0..i).find_map(|k| {
                self.subject_at(k).filter(|s| matches!(s, Subject::SystemName(_) | Subject::Device(_))).map(|s| (k, s))
            });
            if let Some(found) = object.or(named) {
                return Some(found);
            }
        }
        let pronoun = q > 0
            && self.same_clause(q - 1, i)
            && matches!(
                self.meaning(q - 1),
                Some(Meaning::Quantity(Quantity::Several | Quantity::All | Quantity::NoneOf))
            )
            && matches!(
                self.items[q - 1].last.as_str(),
                "certaines"
                    | "certains"
                    | "plusieurs"
                    | "quelques unes"
                    | "some"
                    | "several"
                    | "them"
                    | "toutes"
                    | "tous"
            );
        if pronoun {
            // "Les icônes de caméras sont toutes grises": the icons, the head of the chain.
            let named = (0..q - 1).find_map(|k| self.subject_at(k).filter(|s| s.weight() > 0).map(|s| (k, s)));
            if let Some((k, s)) = named {
                return Some(self.head_of(k, s));
            }
        }
        // "il manque la nouvelle aile", "il nous manque des enregistrements": what is missing
        // comes after.
        let impersonal = self.meaning(i) == Some(Meaning::Missing)
            && (i.saturating_sub(3)..i)
                .any(|k| matches!(self.items[k].first.as_str(), "il" | "there" | "on" | "we" | "nous" | "i" | "j"));
        if impersonal {
            let after = (i + 1..self.items.len()).take_while(|&j| self.same_clause(j, i)).find_map(|j| {
                let item = &self.items[j];
                match self.subject_at(j) {
                    Some(s) => Some((j, s)),
                    None if item.meaning == Some(Meaning::Place) => Some((j, Subject::Unknown)),
                    None => None,
                }
            });
            if after.is_some() {
                return after;
            }
        }
        // A noun inside a complement ("the PIR *in the print room* shows trouble") is the
        // subject only when no other comes before it.
        let mut complement_subject: Option<(usize, Subject)> = None;
        let mut j = i;
        while j > 0 && self.same_clause(j - 1, i) {
            j -= 1;
            if let Some(s) = self.subject_at(j) {
                // "image coupée en deux et toute pixelisée, inutilisable": what is unusable is
                // the image, not the way it looks.
                if self.unusable_look(i, j) {
                    continue;
                }
                if self.is_complement(j) && s != Subject::Door {
                    complement_subject.get_or_insert((j, s));
                    continue;
                }
                // "two cameras at the back gate", "caméras entrée": the door is where the
                // device is, the device is the subject.
                if s == Subject::Door {
                    if let Some(k) = self.device_before(j) {
                        return self.subject_at(k).map(|s| (k, s));
                    }
                }
                let (h, s) = self.head_of(j, s);
                return Some((h, self.software_of(h, s)));
            }
            let item = &self.items[j];
            // "La caméra de l'accueil ne s'affiche plus dans le VMS, *elle* ne répond pas au
            // ping": a pronoun stands for the thing the sentence is about, its first subject.
            if complement_subject.is_none() && self.stands_for_subject(j) && i - j <= 5 && !self.nuisance_after(i) {
                if let Some((k, s)) = self.antecedent(j) {
                    let (h, s) = self.head_of(k, s);
                    return Some((h, self.software_of(h, s)));
                }
            }
            // "le chauffage est en panne", but not "the camera in the lobby is …".
            let unknown_noun = (item.meaning.is_none() || item.meaning == Some(Meaning::Place))
                && !self.transparent(j)
                && item.number.is_none()
                && j > 0
                && self.items[j - 1].meaning.is_none()
                && matches!(
                    self.items[j - 1].first.as_str(),
                    "le" | "la" | "l" | "les" | "the" | "mon" | "ma" | "notre" | "our" | "my"
                )
                && !(j > 1 && RESTRICTORS.contains(&self.items[j - 2].first.as_str()))
                // "le contrôle d'accès *de tout le* campus".
                && !(j > 2
                    && matches!(self.items[j - 2].first.as_str(), "tout" | "toute")
                    && RESTRICTORS.contains(&self.items[j - 3].first.as_str()));
            if unknown_noun && complement_subject.is_none() && (j + 1..i).all(|k| self.transparent(k)) {
                return Some((j, Subject::Unknown));
            }
            // "the new wing is missing": a place is what the verb is about, unless a device
            // named before it is ("2 cam parking noires").
            let device_before =
                (0..j).any(|k| self.same_clause(k, j) && self.subject_at(k).is_some_and(|s| s.weight() > 0));
            if item.meaning == Some(Meaning::Place)
                && !device_before
                && complement_subject.is_none()
                && (j + 1..i).all(|k| self.transparent(k))
            {
                return Some((j, Subject::Unknown));
            }
        }
        if let Some((j, s)) = complement_subject {
            let (h, s) = self.head_of(j, s);
            return Some((h, self.software_of(h, s)));
        }
        let found = |j: usize| self.subject_at(j).map(|s| (j, s));
        // No subject before it in its clause: one after it in the clause, unless a
        // preposition makes it a complement ("HS *la caméra*", "erreur de *paramétrage*", but
        // not "… *sur le VMS*"); else the nearest one before it in the sentence. A noun in a
        // later clause is never the subject ("Petit bug : dans l'historique des accès").
        (i + 1..self.items.len())
            .take_while(|&j| self.same_clause(j, i))
            .find_map(|j| found(j).filter(|_| !self.is_complement(j)))
            // "Toutes les caméras sont floues depuis la mise à jour, on ne distingue plus
            // rien": the cameras, not the update they date from.
            // "La caméra … est passée en noir et blanc et puis plus rien": nothing left is said
            // of a device, not of the nuisance word before it.
            .or_else(|| {
                (0..i)
                    .rev()
                    .filter(|_| self.meaning(i) == Some(Meaning::Nothing))
                    .find_map(|j| found(j).filter(|(_, s)| s.weight() > 0 && !self.dates_from(j)))
            })
            // "it beeps but the lock never releases": a nuisance said of a pronoun is what
            // the thing does, the thing is the subject.
            // "Une zone de l'alarme, le garage, est en défaut": across the clauses too, the
            // system named after "de" is where the device before it belongs.
            .or_else(|| {
                (0..i).rev().find_map(|j| {
                    found(j)
                        .filter(|_| !self.dates_from(j) && !self.said_of_a_pronoun(j) && !self.unusable_look(i, j))
                        .map(|(j, s)| match (s, self.head_of(j, s)) {
                            (Subject::SystemName(_), head @ (_, Subject::Device(_))) => head,
                            _ => (j, s),
                        })
                })
            })
            .or_else(|| (0..i).rev().find_map(found))
    }

    /// Whether the failure at `i` says unusable what the nuisance at `j` describes, a device
    /// or an image being named before it: "image coupée en deux et pixelisée, inutilisable"
    /// is an image that cannot be used, not a way it looks.
    fn unusable_look(&self, i: usize, j: usize) -> bool {
        matches!(self.items[i].first.as_str(), "inutilisable" | "unusable" | "inexploitable")
            && matches!(self.subject_at(j), Some(Subject::Nuisance(_)))
            && (0..j).any(|k| self.subject_at(k).is_some_and(|b| b.weight() > 0))
    }

    /// Whether the sentence tells of an intrusion somewhere else, in the clause that names
    /// the other place: "our neighbour got broken into".
    fn tells_of_an_intrusion_elsewhere(&self) -> bool {
        (0..self.items.len()).any(|j| {
            self.meaning(j) == Some(Meaning::Elsewhere)
                && (0..self.items.len()).any(|k| self.same_clause(j, k) && self.meaning(k) == Some(Meaning::Intrusion))
        })
    }

    /// Whether the word at `j` comes right after "et" or "and".
    fn after_and(&self, j: usize) -> bool {
        j > 0 && matches!(self.items[j - 1].first.as_str(), "et" | "and")
    }

    /// Whether the nuisance at `j` comes right after a pronoun: "it beeps", "ça bipe".
    fn said_of_a_pronoun(&self, j: usize) -> bool {
        matches!(self.subject_at(j), Some(Subject::Nuisance(_)))
            && j > 0
            && matches!(self.items[j - 1].first.as_str(), "it" | "ca" | "il" | "elle")
    }

    /// Whether the word at `j` is a personal pronoun, subject of its clause, standing for a
    /// thing named earlier: "elle", "ils", "it", "they"; "il" unless impersonal ("il y a", "il
    /// faut"). Not after a preposition ("assigned *to it*"), nor after another subject of its
    /// clause ("les images des caméras *elles* sont bonnes").
    fn stands_for_subject(&self, j: usize) -> bool {
        let next = self.items.get(j + 1).map(|n| n.first.as_str());
        let pronoun = match self.items[j].first.as_str() {
            "elle" | "elles" | "ils" | "it" | "they" | "ca" => true,
            // "sa ouvre pas" is "ça" typed by ear; "sa porte" is not.
            "sa" => matches!(self.meaning(j + 1), Some(Meaning::Works(_) | Meaning::Admits | Meaning::Problem(_))),
            "il" => !matches!(next, Some("y" | "n" | "faut" | "semble" | "parait" | "manque" | "reste")),
            _ => false,
        };
        // "… plus de bip *et ça* n'ouvre pas": after "et" the pronoun opens a predicate of its own.
        pronoun
            && !self.in_complement(j)
            && (self.after_and(j) || !(0..j).any(|k| self.same_clause(k, j) && self.subject_at(k).is_some()))
    }

    /// Whether a nuisance comes after the predicate at `i` in its clause: "elle ne
    /// s'affiche pas avec le bon *nom*" is said of the name, whatever "elle" is.
    fn nuisance_after(&self, i: usize) -> bool {
        (i + 1..self.items.len())
            .take_while(|&k| self.same_clause(k, i))
            .any(|k| matches!(self.subject_at(k), Some(Subject::Nuisance(_) | Subject::Interface)))
    }

    /// What the pronoun at `j` stands for: a thing of the same number in the clause just
    /// before, its subject rather than a complement ("l'hyperviseur tourne mais *il* est
    /// vide"; "la vidéo a sauté sur les caméras de la galerie, *elles* sont noires").
    fn antecedent(&self, j: usize) -> Option<(usize, Subject)> {
        let plural = matches!(self.items[j].first.as_str(), "elles" | "ils" | "they");
        // After "et" the thing is named earlier in the same clause.
        let clause = if self.after_and(j) { self.clause[j] } else { self.clause[j].checked_sub(1)? };
        let candidates = || {
            (0..j).filter(move |&k| {
                self.clause[k] == clause
                    && self.items[k].plural == plural
                    && self.subject_at(k).is_some_and(|s| s.weight() > 0)
            })
        };
        let k = candidates().find(|&k| !self.is_complement(k)).or_else(|| candidates().next())?;
        self.subject_at(k).map(|s| (k, s))
    }

    /// Whether the word at `j` follows a preposition: "sur *aucun* poste", "from *any*
    /// workstation".
    fn in_complement(&self, j: usize) -> bool {
        j > 0 && self.items[j - 1].meaning.is_none() && COMPLEMENTS.contains(&self.items[j - 1].first.as_str())
    }

    /// Whether the word at `i` only dates something: "depuis *la coupure*", "since the
    /// outage", "après *la mise à jour*". What is wrong, and of what, is said elsewhere.
    fn dates_from(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 && self.items[k - 1].meaning.is_none() && is_determiner(&self.items[k - 1].first) {
            k -= 1;
        }
        k > 0 && self.items[k - 1].meaning.is_none() && SINCE.contains(&self.items[k - 1].first.as_str())
    }

    /// Whether the noun at `j` is introduced by a preposition: "… *sur le* VMS", "*in the*
    /// print room".
    fn is_complement(&self, j: usize) -> bool {
        // "les portes *à badge*", "lecteur à code": a door or a device said with what opens
        // it; "à" folds to "a", which elsewhere is the English article.
        let after_a_door = j > 1
            && self.items[j - 1].meaning.is_none()
            && self.items[j - 1].first == "a"
            && matches!(self.meaning(j - 2), Some(Meaning::Door | Meaning::MainDoor | Meaning::Device(_)));
        if after_a_door {
            return true;
        }
        let mut k = j;
        // "in the *shop* DVR": a place word may stand between.
        if k > 0
            && (matches!(self.meaning(k - 1), Some(Meaning::Place | Meaning::Sensitive))
                || SITE_WORDS.contains(&self.items[k - 1].first.as_str()))
        {
            k -= 1;
        }
        while k > 0
            && self.items[k - 1].meaning.is_none()
            && (matches!(
                self.items[k - 1].first.as_str(),
                "le" | "la" | "l" | "les" | "the" | "un" | "une" | "a" | "an"
            ) || DEMONSTRATIVES.contains(&self.items[k - 1].first.as_str()))
        {
            k -= 1;
        }
        k > 0 && self.items[k - 1].meaning.is_none() && COMPLEMENTS.contains(&self.items[k - 1].first.as_str())
    }

    /// The head of "les noms *des caméras*", "l'affichage *des caméras*", "the images *of the*
    /// cameras": the first noun of a chain joined by "de" or "of".
    fn head_of(&self, j: usize, subject: Subject) -> (usize, Subject) {
        let mut head = (j, subject);
        let mut k = j;
        loop {
            // "logiciel VMS", "VMS software": a compound names one thing, its first noun.
            if k > 0 && self.same_clause(k - 1, j) {
                if let Some(s @ (Subject::Interface | Subject::Nuisance(_))) = self.subject_at(k - 1) {
                    head = (k - 1, s);
                    k -= 1;
                    continue;
                }
            }
            // "les noms *des* caméras", "le menu déroulant *des* caméras", "le lecteur *de ce*
            // poste".
            let mut m = k;
            while m > 0
                && self.items[m - 1].meaning.is_none()
                && (matches!(self.items[m - 1].first.as_str(), "la" | "le" | "l" | "les" | "the")
                    || DEMONSTRATIVES.contains(&self.items[m - 1].first.as_str()))
            {
                m -= 1;
            }
            if m == 0
                || !(self.items[m - 1].meaning.is_none()
                    && matches!(self.items[m - 1].first.as_str(), "de" | "du" | "des" | "d" | "of"))
            {
                break;
            }
            let mut before = m - 1;
            while before > 0 && self.items[before - 1].meaning.is_none() && is_determiner(&self.items[before - 1].first)
            {
                before -= 1;
            }
            let Some(mut at) = before.checked_sub(1) else { break };
            // One adjective may stand between: "menu *déroulant* des caméras", "la zone
            // *parking* de l'alarme".
            if self.subject_at(at).is_none() && matches!(self.items[at].meaning, None | Some(Meaning::Place)) && at > 0
            {
                at -= 1;
            }
            match self.subject_at(at) {
                Some(s) if self.same_clause(at, j) && s != Subject::Everything => {
                    head = (at, s);
                    k = at;
                }
                _ => break,
            }
        }
        head
    }

    /// "le logiciel *de contrôle d'accès*", "the *video* software": the interface at `j` is
    /// the software of a system.
    fn software_of(&self, j: usize, subject: Subject) -> Subject {
        if subject != Subject::Interface {
            return subject;
        }
        let system_at = |k: usize| match self.meaning(k) {
            Some(Meaning::SystemName(s) | Meaning::Device(s)) => Some(s),
            Some(Meaning::Image) if self.items[k].first == "video" => Some(System::Video),
            _ => None,
        };
        let after = (j + 1..self.items.len().min(j + 4))
            .take_while(|&k| self.same_clause(k, j))
            .find(|&k| {
                !(self.items[k].meaning.is_none()
                    && (is_determiner(&self.items[k].first) || self.items[k].first == "d"))
            })
            .and_then(system_at);
        let before = j.checked_sub(1).filter(|&k| self.same_clause(k, j)).and_then(system_at);
        after.or(before).map_or(subject, Subject::InterfaceOf)
    }

    /// A device right before the door at `j`, with only a preposition or determiners
    /// between them.
    fn device_before(&self, j: usize) -> Option<usize> {
        let mut k = j;
        while k > 0 && self.same_clause(k - 1, j) {
            k -= 1;
            let item = &self.items[k];
            match item.meaning {
                Some(Meaning::Device(_)) => return Some(k),
                Some(Meaning::Place | Meaning::Sensitive) => {}
                None if is_determiner(&item.first)
                    || RESTRICTORS.contains(&item.first.as_str())
                    || item.number.is_some() => {}
                _ => return None,
            }
        }
        None
    }

    /// The count before the device at `i` when the same count follows it: "quarante caméras
    /// sur quarante", "12 cameras out of 12", every one of them; or comes before it: "12 out
    /// of 12 cameras", "8 sur 8 caméras".
    fn counted_out_of_as_many(&self, i: usize) -> Option<Span> {
        let counts = |it: &Item| it.number.is_some_and(|n| n >= 2) || NUMBER_WORDS.contains(&it.first.as_str());
        if i >= 3 && self.same_clause(i - 3, i) {
            let (count, of, total) = (&self.items[i - 3], &self.items[i - 2], &self.items[i - 1]);
            if counts(count) && says_out_of(of) && total.first == count.first {
                return Some(Span { start: count.span.start, end: total.span.end });
            }
        }
        let count = self.items.get(i.checked_sub(1)?).filter(|_| self.same_clause(i - 1, i))?;
        let total = self.out_of(i)?;
        (counts(count) && total.first == count.first).then_some(count.span)
    }

    /// The total before the device at `i` and the count right after it: "sur les 40
    /// caméras, 12 sont en défaut" (some), "out of our 20 cameras, 20 are black" (all).
    fn total_then_count(&self, i: usize) -> Option<(Quantity, Span)> {
        let total = self.items.get(i.checked_sub(1)?).filter(|t| t.number.is_some())?;
        let mut k = i - 1;
        while k > 0 && self.items[k - 1].meaning.is_none() && is_determiner(&self.items[k - 1].first) {
            k -= 1;
        }
        let of = self.items.get(k.checked_sub(1)?)?;
        // "sur les 24 caméras *du site*, 5 sont noires": where they are may stand between.
        let mut place = i + 1;
        while self.items.get(place).is_some_and(|w| w.meaning.is_none() && is_determiner(&w.first)) {
            place += 1;
        }
        let after = if self.items.get(place).is_some_and(|w| {
            matches!(w.meaning, Some(Meaning::WholeSite | Meaning::Place | Meaning::Sensitive))
                || SITE_WORDS.contains(&w.first.as_str())
                || BUILDING_WORDS.contains(&w.first.as_str())
        }) {
            place + 1
        } else {
            i + 1
        };
        let count = self.items.get(after).filter(|c| c.number.is_some())?;
        if !says_out_of(of) {
            return None;
        }
        let all = count.number >= total.number;
        let span = Span { start: of.span.start, end: count.span.end };
        Some((if all { Quantity::All } else { Quantity::Several }, span))
    }

    /// The total after the device at `i`: "caméra sur *54*", "cameras out of *12*" ("out of"
    /// is one phrase of the lexicon).
    fn out_of(&self, i: usize) -> Option<&Item> {
        self.items.get(i + 1).filter(|of| says_out_of(of))?;
        let total = self.items.get(i + 2).filter(|_| self.same_clause(i + 2, i))?;
        (total.number.is_some() || NUMBER_WORDS.contains(&total.first.as_str())).then_some(total)
    }

    /// The quantity before the subject at `i` ("toutes les", "deux", "aucune"), skipping
    /// determiners and place words ("all the *parking* cameras"), and the device of a
    /// compound ("some *camera* feeds").
    fn quantity_before(&self, i: usize) -> Option<(Quantity, Span)> {
        if let Some(count) = self.counted_out_of_as_many(i) {
            return Some((Quantity::All, count));
        }
        if let Some(counted) = self.total_then_count(i) {
            return Some(counted);
        }
        let mut j = i;
        let mut steps = 0;
        while j > 0 && steps < 4 && self.same_clause(j - 1, i) {
            j -= 1;
            steps += 1;
            let item = &self.items[j];
            // A number in digits or in words ("vingt", "twenty").
            let number = |it: &Item| it.number.or_else(|| NUMBER_WORDS.contains(&it.first.as_str()).then_some(2));
            if let Some(n) = number(item) {
                // "10 of our 60 cameras", "3 des 12 caméras", "deux de nos vingt caméras":
                // the first number counts.
                // "l'un de nos trois enregistreurs", "one of the two NVRs": one of them.
                let counted = |k: usize| match self.meaning(k) {
                    // "aucune des 64 caméras", "all of the 30 cameras".
                    Some(Meaning::Quantity(q)) => Some((q, self.items[k].span)),
                    _ => number(&self.items[k]).map(|_| (Quantity::Several, self.items[k].span)),
                };
                if j >= 3 && matches!(self.items[j - 2].first.as_str(), "of" | "des" | "de" | "sur") {
                    if let Some(found) = counted(j - 3) {
                        return Some(found);
                    }
                }
                if j >= 2 && matches!(self.items[j - 1].first.as_str(), "of" | "des" | "sur") {
                    // "24 of 24 cameras", "12 sur 12 caméras": every one of them.
                    if item.number.is_some_and(|n| n >= 2) && self.items[j - 2].number == item.number {
                        return Some((Quantity::All, self.items[j - 2].span));
                    }
                    if let Some(found) = counted(j - 2) {
                        return Some(found);
                    }
                }
                // "two of the 30 cameras": the lexicon reads "two of" as one quantity.
                if j >= 2
                    && matches!(self.items[j - 1].first.as_str(), "the" | "les" | "our" | "nos")
                    && matches!(self.meaning(j - 2), Some(Meaning::Quantity(Quantity::One | Quantity::Several)))
                {
                    if let Some(found) = counted(j - 2) {
                        return Some(found);
                    }
                }
                // "les 40 caméras", "the 200 cameras", "chacune des 24 caméras": all of them.
                let mut k = j;
                while k > 0
                    && self.items[k - 1].meaning.is_none()
                    && is_determiner(&self.items[k - 1].first)
                    && !matches!(self.items[k - 1].first.as_str(), "les" | "the" | "nos" | "our")
                {
                    k -= 1;
                }
                let all = k > 0
                    && (matches!(self.items[k - 1].first.as_str(), "les" | "the" | "nos" | "our" | "all" | "any")
                        || matches!(self.meaning(k - 1), Some(Meaning::Quantity(Quantity::All | Quantity::NoneOf))));
                let quantity = match n {
                    // "0 caméra sur 54 en ligne": none of them.
                    0 => Quantity::NoneOf,
                    1 => Quantity::One,
                    _ if all => Quantity::All,
                    _ => Quantity::Several,
                };
                return Some((quantity, item.span));
            }
            match item.meaning {
                Some(Meaning::Quantity(q)) => return Some((q, item.span)),
                Some(Meaning::Place | Meaning::Sensitive) => {}
                Some(Meaning::Device(_)) if matches!(self.meaning(i), Some(Meaning::Image | Meaning::Recording)) => {}
                // "toutes les images des caméras": the quantity of the images is the cameras'.
                Some(Meaning::Image | Meaning::Recording)
                    if matches!(self.meaning(i), Some(Meaning::Device(_))) && item.plural => {}
                None if is_determiner(&item.first) => {
                    let counted = j > 0 && matches!(self.meaning(j - 1), Some(Meaning::Quantity(_)));
                    // After a noun, "des" is "de les", of the cameras, no count.
                    let of_the = j > 0 && matches!(self.meaning(j - 1), Some(Meaning::Image | Meaning::Recording));
                    if item.first == "des" && j + 1 == i && !counted && !of_the {
                        return Some((Quantity::Several, item.span));
                    }
                }
                // "the camera of the back door": stop at any other word.
                _ => return None,
            }
        }
        None
    }

    /// Whether the subject at `i` is restricted to a place ("les caméras *du parking*",
    /// "the *car park* cameras") or said of the whole site ("les caméras *du site*").
    fn restriction(&self, i: usize) -> Option<(Scope, Span)> {
        // "quarante caméras sur quarante", "0 caméra sur 54": a count, not a place.
        if self.out_of(i).is_some() {
            return None;
        }
        // "les caméras 5 et 6": named devices, not all of them.
        if let Some(next) = self.items.get(i + 1).filter(|n| n.number.is_some() && self.same_clause(i + 1, i)) {
            let one = !self.items[i].plural;
            return Some((if one { Scope::OneDevice } else { Scope::SeveralDevices }, next.span));
        }
        // "the 5 cameras there": the place the sentence named before.
        if self
            .items
            .get(i + 1)
            .is_some_and(|n| n.first == "there" && n.meaning.is_none() && self.same_clause(i + 1, i))
        {
            return Some((Scope::SeveralDevices, self.items[i + 1].span));
        }
        // "les 6 caméras branchées dessus", "the cameras connected to it": the devices on
        // one switch, recorder or power supply.
        // "the cameras recorded on it", "les caméras qui sont dessus".
        let on_it = |k: usize| {
            self.items.get(k).is_some_and(|w| matches!(w.first.as_str(), "on" | "sur" | "dessus" | "by" | "par"))
        };
        let connected = (i + 1..self.items.len().min(i + 4)).take_while(|&k| self.same_clause(k, i)).find(|&k| {
            let w = self.items[k].first.as_str();
            let joined = [
                "branche",
                "raccorde",
                "relie",
                "connecte",
                "connected",
                "attached",
                "plugged",
                "assigned",
                "alimente",
                "powered",
                "linked",
            ]
            .iter()
            .any(|p| w.starts_with(p));
            let recorded = (w.starts_with("recorded") || w.starts_with("enregistre")) && on_it(k + 1);
            k == i + 1 && (joined || recorded) || w == "dessus" && self.items[i + 1].first == "qui"
        });
        if let Some(k) = connected {
            return Some((Scope::SeveralDevices, self.items[k].span));
        }
        // "the car park cameras": a place right before the device.
        if i > 0
            && self.same_clause(i - 1, i)
            && matches!(self.meaning(i - 1), Some(Meaning::Place | Meaning::Sensitive))
        {
            return Some((Scope::SeveralDevices, self.items[i - 1].span));
        }
        // "the checkout cameras", "our pool house cameras": an English noun the lexicon does
        // not know, between the article and the devices, names where they are.
        if i > 1
            && self.items[i].plural
            && self.same_clause(i - 2, i)
            && self.items[i - 1].meaning.is_none()
            && self.items[i - 1].number.is_none()
            && !self.transparent(i - 1)
            && !is_determiner(&self.items[i - 1].first)
            && !ADJECTIVES_OF_ALL.contains(&self.items[i - 1].first.as_str())
            && matches!(self.items[i - 2].first.as_str(), "the" | "our" | "my")
        {
            return Some((Scope::SeveralDevices, self.items[i - 1].span));
        }
        // One adjective may come between: "les caméras *analogiques* du parking".
        let mut at = i + 1;
        if self.items.get(at).is_some_and(|n| {
            n.meaning.is_none()
                && !is_determiner(&n.first)
                && !RESTRICTORS.contains(&n.first.as_str())
                && !self.transparent(at)
        }) && self.items.get(at + 1).is_some_and(|n| n.meaning.is_none() && RESTRICTORS.contains(&n.first.as_str()))
        {
            at += 1;
        }
        let next = self.items.get(at).filter(|_| self.same_clause(at, i))?;
        let place_at = |j: usize, all: bool| -> Option<(Scope, Span)> {
            let place = self.items.get(j).filter(|_| self.same_clause(j, i))?;
            // "des bâtiments", "des magasins": the word without its plural.
            // "campus" and "mall" are words of their own, not plurals.
            let word = place
                .first
                .strip_suffix(['s', 'x'])
                .filter(|_| place.first.len() > 4 && !SITE_WORDS.contains(&place.first.as_str()))
                .unwrap_or(&place.first);
            // "du bâtiment D", "de l'entrepôt 2", "de l'aile est": one part of the site.
            let named = self.items.get(j + 1).is_some_and(|n| {
                self.same_clause(j + 1, j)
                    && (n.number.is_some()
                        || n.first.len() <= 2 && !n.elided && !matches!(n.meaning, Some(Meaning::Negation(_)))
                        || n.meaning == Some(Meaning::Place)
                        || n.meaning.is_none() && !self.transparent(j + 1)
                        || self.east(j + 1))
            });
            // "du magasin", "de la pharmacie"; not "de la galerie marchande", a place of it.
            if SITE_WORDS.contains(&word) && place.meaning != Some(Meaning::Place) {
                // "du magasin 2", "the warehouse annex": one part of the site.
                let numbered = self.items.get(j + 1).is_some_and(|n| {
                    self.same_clause(j + 1, j)
                        && (n.number.is_some() || n.first.len() == 1 && !n.elided || n.meaning == Some(Meaning::Place))
                });
                return Some((if numbered { Scope::SeveralDevices } else { Scope::WholeSite }, place.span));
            }
            if BUILDING_WORDS.contains(&word) {
                return Some((if named && !all { Scope::SeveralDevices } else { Scope::WholeSite }, place.span));
            }
            // "at the Basingstoke warehouse": the site's name before the word that names it.
            let site_named = place.meaning.is_none()
                && self.items.get(j + 1).is_some_and(|n| {
                    self.same_clause(j + 1, j)
                        && n.meaning.is_none()
                        && SITE_WORDS.contains(&n.first.as_str())
                        && !self.items.get(j + 2).is_some_and(|m| m.number.is_some() || m.first.len() == 1 && !m.elided)
                });
            if site_named {
                return Some((Scope::WholeSite, self.items[j + 1].span));
            }
            // "toutes les images des caméras": the cameras own the images, they do not
            // restrict them; the cameras' own place does ("des caméras du parking").
            if matches!(place.meaning, Some(Meaning::Device(_)))
                && place.plural
                && matches!(self.meaning(i), Some(Meaning::Image | Meaning::Recording))
            {
                return self.restriction(j);
            }
            match place.meaning {
                Some(Meaning::WholeSite) => Some((Scope::WholeSite, place.span)),
                // "de tous les halls": every part is the whole site.
                Some(Meaning::Place | Meaning::Sensitive) if all => Some((Scope::WholeSite, place.span)),
                Some(Meaning::Filler) => None,
                // "les alarmes d'une centrale", "of one panel out of three": one of them.
                Some(Meaning::Quantity(Quantity::One | Quantity::Several))
                    if !place.first.ends_with("ieme")
                        && !matches!(place.first.as_str(), "premier" | "second" | "third" | "first") =>
                {
                    Some((Scope::SeveralDevices, place.span))
                }
                // "les caméras du deuxième", "on the third": a floor.
                Some(Meaning::Quantity(Quantity::One))
                    if place.first.ends_with("ieme")
                        || matches!(place.first.as_str(), "premier" | "second" | "third" | "first") =>
                {
                    Some((Scope::SeveralDevices, place.span))
                }
                Some(Meaning::Place | Meaning::Sensitive | Meaning::Door | Meaning::MainDoor | Meaning::Device(_))
                | None => Some((Scope::SeveralDevices, place.span)),
                _ => None,
            }
        };
        match next.meaning {
            Some(Meaning::WholeSite) => Some((Scope::WholeSite, next.span)),
            Some(Meaning::Place | Meaning::Sensitive) => Some((Scope::SeveralDevices, next.span)),
            // "à l'entrée" restricts; "a été arrachée" (has) does not.
            None if next.first == "a"
                && !self.items.get(at + 1).is_some_and(|n| n.meaning.is_none() && is_determiner(&n.first)) =>
            {
                None
            }
            None if RESTRICTORS.contains(&next.first.as_str()) => {
                let mut j = at + 1;
                let mut all = false;
                while j < self.items.len() && self.same_clause(j, i) {
                    let item = &self.items[j];
                    match item.meaning {
                        None if is_determiner(&item.first) => {}
                        Some(Meaning::Quantity(Quantity::All)) => all = true,
                        _ => break,
                    }
                    j += 1;
                }
                place_at(j, all)
            }
            _ => None,
        }
    }

    /// Whether the image at `i` is one the people watching say they no longer have: "nous
    /// n'avons plus d'images", "on n'a plus d'image", "we have no picture".
    fn watchers_have_none(&self, i: usize) -> bool {
        let from = (0..i).rev().take_while(|&k| self.same_clause(k, i)).last().unwrap_or(i);
        let people = (from..i).any(|k| matches!(self.items[k].first.as_str(), "nous" | "on" | "we" | "j" | "je" | "i"));
        let have = (from..i).any(|k| {
            matches!(
                self.items[k].first.as_str(),
                "avons"
                    | "ayons"
                    | "a"
                    | "ai"
                    | "have"
                    | "got"
                    | "voit"
                    | "voyons"
                    | "see"
                    | "recoit"
                    | "recevons"
                    | "get"
            )
        });
        people && have && self.negation(i).is_some()
    }

    /// Whether the restriction after the subject at `i` is a word the lexicon does not know.
    fn restricted_by_unknown(&self, i: usize) -> bool {
        let Some((_, span)) = self.restriction(i) else { return false };
        self.items.iter().any(|it| {
            it.span == span
                && it.meaning.is_none()
                && !SITE_WORDS.contains(&it.first.as_str())
                && !BUILDING_WORDS.contains(&it.first.as_str())
        })
    }

    /// Whether `facts` say part of the site, that part being a floor or a building said
    /// whole: "tout le RDC", "the whole ground floor", "ce bâtiment n'a plus une seule image".
    fn place_taken_whole(&self, facts: &Facts) -> bool {
        let Some(scope) = facts.scope.as_ref().filter(|s| s.value == Scope::SeveralDevices) else { return false };
        let within = |span: Span| scope.evidence.iter().any(|e| e.start <= span.start && span.end <= e.end);
        // "every camera *in it*": the building just named.
        let place = self.items.iter().any(|it| {
            (it.meaning == Some(Meaning::Place)
                || BUILDING_WORDS.contains(&it.first.as_str())
                || it.first == "it"
                // "toutes les caméras de la grange": a place the lexicon does not know.
                || it.meaning.is_none() && it.number.is_none() && !is_determiner(&it.first))
                && within(it.span)
        });
        let whole =
            self.items.iter().any(|it| matches!(it.meaning, Some(Meaning::Quantity(Quantity::All | Quantity::NoneOf))));
        let counted = self.items.iter().any(|it| {
            it.number.is_some() || matches!(it.meaning, Some(Meaning::Quantity(Quantity::One | Quantity::Several)))
        });
        place && whole && !counted
    }

    /// "Toutes les caméras fonctionnent sauf une, …", "all cameras work except the one at the
    /// loading bay": a failure said of the whole, with the whole said to work but for what
    /// the "except" clause names, is a failure of that part.
    fn all_but(&self, facts: &Facts) -> Option<Known<Scope>> {
        let scope = facts.scope.as_ref().filter(|s| s.value == Scope::WholeSite)?;
        let whole_at = self
            .items
            .iter()
            .position(|it| scope.evidence.iter().any(|e| e.start <= it.span.start && it.span.end <= e.end))?;
        let except = *self.exceptions.iter().find(|&&c| c == self.clause[whole_at] + 1)?;
        let first = self.clause.iter().position(|&c| c == except)?;
        let several = (first..self.items.len())
            .take_while(|&k| self.clause[k] == except)
            .any(|k| self.items[k].plural || self.meaning(k) == Some(Meaning::Quantity(Quantity::Several)));
        let value = if several { Scope::SeveralDevices } else { Scope::OneDevice };
        Some(Known::said(value, &[self.items[first].span]))
    }

    /// Whether the words at `span` name a place of the site: "parking", "étage", "bâtiment".
    fn names_a_place(&self, span: Span) -> bool {
        self.items.iter().any(|it| {
            it.span == span
                && (matches!(it.meaning, Some(Meaning::Place | Meaning::Sensitive))
                    || BUILDING_WORDS.contains(&it.first.as_str()))
        })
    }

    /// The scope said by the subject at `i`.
    fn scope_of(&self, i: usize, subject: Subject) -> Option<Known<Scope>> {
        let item = &self.items[i];
        let quantity = self.quantity_before(i);
        // "les alarmes des portes" are a kind of alarm, not a part of the site.
        let restriction = self.restriction(i).filter(|(_, span)| {
            subject != Subject::Alarm
                || self.items.iter().any(|it| {
                    it.span == *span
                        && (matches!(it.meaning, Some(Meaning::Place | Meaning::Sensitive | Meaning::WholeSite))
                            // "les alarmes *de la porte* du quai": one door; "des portes", a kind.
                            || matches!(it.meaning, Some(Meaning::Door | Meaning::MainDoor)) && !it.plural
                            // "the alarms of *one* panel".
                            || matches!(it.meaning, Some(Meaning::Quantity(Quantity::One | Quantity::Several)))
                            || SITE_WORDS.contains(&it.first.as_str())
                            || BUILDING_WORDS.contains(&it.first.as_str()))
                })
        });
        let restricted = restriction.is_some_and(|(s, _)| s == Scope::SeveralDevices);
        let with = |q: Option<Span>| -> Vec<Span> {
            let mut spans =
                vec![q.map_or(item.span, |q| Span { start: q.start.min(item.span.start), end: item.span.end })];
            spans.extend(restriction.map(|(_, s)| s));
            spans
        };
        // Images, recordings and alarms are counted by the devices they come from.
        let counted_by_devices =
            matches!(subject, Subject::Image | Subject::Recording | Subject::Alarm | Subject::Credential);
        let devices_named =
            (0..self.items.len()).any(|j| matches!(self.subject_at(j), Some(Subject::Device(_) | Subject::Door)));
        // "les écrans du PC sécurité restent noirs", "the guard room screens are blank, all of
        // them": every picture is watched there, so the screens are the whole video until the
        // client says less; the room is where they stand.
        let cameras_named =
            || (0..self.items.len()).any(|j| self.subject_at(j) == Some(Subject::Device(System::Video)));
        if self.is_screen(i) && item.plural && !cameras_named() {
            let all = quantity
                .filter(|(q, _)| matches!(q, Quantity::All | Quantity::NoneOf))
                .map(|(_, q)| q)
                .or_else(|| self.floating_all(i))
                .or_else(|| {
                    (0..self.items.len())
                        .find(|&k| {
                            self.meaning(k) == Some(Meaning::Quantity(Quantity::All))
                                && matches!(self.items[k].last.as_str(), "them" | "tous" | "toutes" | "vues")
                        })
                        .map(|k| self.items[k].span)
                });
            match (all, quantity) {
                (Some(q), _) => return Some(Known::said(Scope::WholeSite, &[item.span, q])),
                (None, None) => return Some(Known::assumed(Scope::WholeSite, &[item.span])),
                _ => {}
            }
        }
        let scope = match (subject, quantity) {
            (Subject::Unknown | Subject::Nuisance(_) | Subject::Interface, _) => return None,
            (Subject::InterfaceOf(_), _) => Known::said(Scope::WholeSite, &[item.span]),
            (Subject::Everything, _) => Known::said(Scope::WholeSite, &[item.span]),
            // "la centrale dans l'entrée": where the one system stands, not a part of it.
            (Subject::SystemName(_), _) if restricted && !self.stands_in(restriction) => {
                Known::said(Scope::SeveralDevices, &with(None))
            }
            // "le deuxième enregistreur", "un des serveurs": one of several.
            (Subject::SystemName(_), Some((Quantity::One | Quantity::Several, q))) => {
                Known::said(Scope::SeveralDevices, &with(Some(q)))
            }
            // "le serveur d'enregistrement 1": one of several.
            (Subject::SystemName(_), _)
                if self.items.get(i + 1).is_some_and(|n| n.number.is_some() && self.same_clause(i + 1, i)) =>
            {
                Known::said(Scope::SeveralDevices, &[item.span])
            }
            (Subject::SystemName(_), _) => Known::said(Scope::WholeSite, &[item.span]),
            // "les alarmes *de cet étage*", "les images du parking": a place says how much.
            _ if counted_by_devices && restricted && restriction.is_some_and(|(_, span)| self.names_a_place(span)) => {
                Known::said(Scope::SeveralDevices, &with(None))
            }
            _ if counted_by_devices && devices_named => return None,
            (_, Some((Quantity::All | Quantity::NoneOf, q))) if restricted => {
                Known::said(Scope::SeveralDevices, &with(Some(q)))
            }
            // "les 24 caméras", "the cameras of the warehouse": every one, unless the text
            // says the rest works.
            (_, Some((Quantity::All, q)))
                if self.items.iter().any(|it| it.span == q && it.number.is_some()) || restriction.is_some() =>
            {
                Known::inferred(Scope::WholeSite, &with(Some(q)))
            }
            // "no picture at all from the loading bay cameras": the cameras say how many.
            (Subject::Image | Subject::Recording, Some((Quantity::All | Quantity::NoneOf, _)))
                if self.devices_scope(System::Video).is_some_and(|s| s.value == Scope::SeveralDevices) =>
            {
                return self.devices_scope(System::Video);
            }
            (_, Some((Quantity::All | Quantity::NoneOf, q))) => Known::said(Scope::WholeSite, &with(Some(q))),
            (_, Some((Quantity::Several, q))) => Known::said(Scope::SeveralDevices, &with(Some(q))),
            (_, Some((Quantity::One, q))) => Known::said(Scope::OneDevice, &with(Some(q))),
            // "les moniteurs *de surveillance*": a word the lexicon does not know restricts
            // less surely than a place.
            (_, None) if restricted && (item.plural || counted_by_devices) && self.restricted_by_unknown(i) => {
                Known::inferred(Scope::SeveralDevices, &with(None))
            }
            (_, None) if restricted && (item.plural || counted_by_devices) => {
                Known::said(Scope::SeveralDevices, &with(None))
            }
            (_, None) if restriction.is_some_and(|(s, _)| s == Scope::OneDevice) => {
                Known::said(Scope::OneDevice, &with(None))
            }
            (_, None) if item.plural && restriction.is_some() => Known::inferred(Scope::WholeSite, &with(None)),
            // "les écrans affichent *tous* une erreur", "they are *all* black".
            (_, None) if self.floating_all(i).is_some() => {
                Known::said(Scope::WholeSite, &[item.span, self.floating_all(i).unwrap_or(item.span)])
            }
            // "les badges ne marchent plus": every badge, so the access control, until the
            // client says less.
            (Subject::Credential, None) if item.plural && !devices_named && restriction.is_none() => {
                Known::assumed(Scope::WholeSite, &[item.span])
            }
            // "nous n'avons plus d'images", "we have no picture": the people watching have
            // none, so no camera shows, until the client says less.
            (Subject::Image, None) if !devices_named && restriction.is_none() && self.watchers_have_none(i) => {
                Known::assumed(Scope::WholeSite, &[item.span])
            }
            _ if counted_by_devices => return None,
            // "les caméras ne fonctionnent plus": every camera, until the client says less.
            (_, None) if item.plural => Known::assumed(Scope::WholeSite, &[item.span]),
            (_, None) => Known::said(Scope::OneDevice, &[item.span]),
        };
        Some(scope)
    }

    /// Whether a restriction only says where a thing stands ("dans l'entrée", "in the
    /// garage", "près de la porte"): a place said with "dans", "in", "près de", "near".
    fn stands_in(&self, restriction: Option<(Scope, Span)>) -> bool {
        let Some((_, span)) = restriction else { return false };
        let Some(at) = self.items.iter().position(|it| it.span == span) else { return false };
        if self.items[at].meaning == Some(Meaning::Place) && matches!(self.items[at].first.as_str(), "dans" | "in") {
            return true;
        }
        let mut k = at;
        while k > 0 && self.items[k - 1].meaning.is_none() && is_determiner(&self.items[k - 1].first) {
            k -= 1;
        }
        let word = |at: usize| self.items.get(at).filter(|it| it.meaning.is_none()).map(|it| it.first.as_str());
        matches!(
            (k.checked_sub(2).and_then(word), k.checked_sub(1).and_then(word)),
            (_, Some("dans" | "in" | "near" | "beside" | "by"))
                | (Some("pres" | "cote"), Some("de" | "du"))
                | (Some("next"), Some("to"))
        )
    }

    /// Whether the word at `k` is "est" as a point of the compass, the last word of its
    /// clause: "les caméras de l'aile est, mais…" (not "l'aile est fermée").
    /// Also before the verb of its subject: "les 3 cams de l'aile Est *donnent* plus d'image",
    /// "l'aile est *ne* répond plus" ("est" cannot be the verb before another verb).
    fn east(&self, k: usize) -> bool {
        let before_a_verb = self.items.get(k + 1).is_some_and(|next| {
            self.same_clause(k + 1, k)
                && (next.meaning == Some(Meaning::Negation(Negation::Ne))
                    || next.first.len() > 4
                        && next.first.ends_with("ent")
                        && matches!(next.meaning, None | Some(Meaning::Works(_))))
        });
        self.items[k].first == "est"
            && self.items[k].meaning.is_none()
            && ((k + 1..self.items.len()).all(|n| !self.same_clause(n, k)) || before_a_verb)
    }

    /// A building named with its letter or name: "bâtiment C", "building 3", "aile ouest".
    fn named_building(&self) -> Option<Span> {
        (0..self.items.len()).find_map(|j| {
            let item = &self.items[j];
            let next = self.items.get(j + 1)?;
            // "le bâtiment n'est pas protégé": the "n" of a negation names nothing.
            // "dans aucun bâtiment depuis hier": "depuis" names no building.
            let named = next.number.is_some()
                || self.east(j + 1)
                || next.first.len() == 1 && !matches!(next.meaning, Some(Meaning::Negation(_)))
                || matches!(next.meaning, Some(Meaning::Place))
                || next.meaning.is_none()
                    && !self.transparent(j + 1)
                    && !is_determiner(&next.first)
                    && !SINCE.contains(&next.first.as_str())
                    && !COMPLEMENTS.contains(&next.first.as_str())
                    // "we can't arm the building tonight": when, not which.
                    && !matches!(
                        next.first.as_str(),
                        "tonight" | "today" | "now" | "anymore" | "again" | "yesterday" | "hier" | "aujourd" | "ce"
                    );
            // "aucun bâtiment", "chaque bâtiment", "any building": every one of them.
            let every =
                j > 0 && matches!(self.meaning(j - 1), Some(Meaning::Quantity(Quantity::All | Quantity::NoneOf)));
            // "ce bâtiment", "this building": one of them, pointed at.
            let pointed = j > 0 && matches!(self.items[j - 1].first.as_str(), "ce" | "cet" | "this" | "that");
            let span = if named {
                Span { start: item.span.start, end: next.span.end }
            } else {
                Span { start: self.items[j.saturating_sub(1)].span.start, end: item.span.end }
            };
            (BUILDING_WORDS.contains(&item.first.as_str()) && (named || pointed) && !item.plural && !every)
                .then_some(span)
        })
    }

    /// The parts of the site counted in the sentence: "deux des sept agences" (several),
    /// "toutes les salles", "dans toute l'usine" (the whole site).
    fn parts_counted(&self) -> Option<(Scope, Span)> {
        (0..self.items.len()).find_map(|j| {
            let item = &self.items[j];
            let part = matches!(item.meaning, Some(Meaning::Place | Meaning::Sensitive))
                || SITE_WORDS.contains(&item.first.as_str())
                || BUILDING_WORDS.contains(&item.first.as_str());
            if !part {
                return None;
            }
            let mut k = j;
            while k > 0 && self.items[k - 1].meaning.is_none() && is_determiner(&self.items[k - 1].first) {
                k -= 1;
            }
            let quantity = k.checked_sub(1).and_then(|k| match self.meaning(k) {
                Some(Meaning::Quantity(q)) => Some((q, self.items[k].span)),
                _ => None,
            })?;
            let site = SITE_WORDS.contains(&item.first.as_str());
            match quantity.0 {
                Quantity::All | Quantity::NoneOf if item.plural || site => {
                    Some((Scope::WholeSite, Span { start: quantity.1.start, end: item.span.end }))
                }
                Quantity::Several if item.plural => {
                    Some((Scope::SeveralDevices, Span { start: quantity.1.start, end: item.span.end }))
                }
                _ => None,
            }
        })
    }

    /// "tous", "toutes", "all" after the verb that follows the subject at `i`.
    fn floating_all(&self, i: usize) -> Option<Span> {
        (i + 1..self.items.len().min(i + 5))
            .take_while(|&j| self.same_clause(j, i))
            .take_while(|&j| {
                self.transparent(j)
                    || matches!(
                        self.meaning(j),
                        Some(Meaning::Works(_) | Meaning::Negation(_) | Meaning::Quantity(Quantity::All))
                    )
            })
            // "cam tt HS": "tt", read as "tout", is "tous" in a text message.
            .find(|&j| {
                let it = &self.items[j];
                matches!(it.first.as_str(), "tous" | "toutes" | "all" | "ttes")
                    || it.first == "tout" && it.span.end - it.span.start == 2
            })
            .map(|j| self.items[j].span)
    }

    /// The scope of the devices named in the sentence, for a subject that says none
    /// ("plus d'image sur *la caméra 3*").
    fn devices_scope(&self, system: System) -> Option<Known<Scope>> {
        let counted_image = |j: usize, s: Subject| s == Subject::Image && self.quantity_before(j).is_some();
        // The devices first ("no picture from the loading bay cameras"), else images counted.
        let devices = (0..self.items.len()).filter_map(|j| {
            self.subject_at(j)
                .filter(|s| matches!(s, Subject::Device(_) | Subject::Door) && s.system() == Some(system))
                .map(|s| (j, s))
        });
        let images = (0..self.items.len()).filter_map(|j| {
            self.subject_at(j).filter(|s| counted_image(j, *s) && s.system() == Some(system)).map(|s| (j, s))
        });
        devices.chain(images).find_map(|(j, s)| {
            if s == Subject::Image {
                self.quantity_before(j).map(|(q, span)| {
                    Known::said(
                        if matches!(q, Quantity::All | Quantity::NoneOf) {
                            Scope::WholeSite
                        } else {
                            Scope::SeveralDevices
                        },
                        &[span],
                    )
                })
            } else {
                self.scope_of(j, s)
            }
        })
    }

    /// Whether the subject at `i` is counted by "aucune", "no", "none of", "personne": a
    /// verb or a failure then says the opposite of what it says alone.
    fn counted_as_none(&self, i: usize) -> bool {
        matches!(self.quantity_before(i), Some((Quantity::NoneOf, _)))
            || matches!(self.subject_at(i), Some(Subject::Everything))
                && matches!(self.meaning(i), Some(Meaning::Quantity(Quantity::NoneOf)))
    }

    /// Whether the noun at `i` is denied: "plus *d'image*", "pas d'enregistrement", "no
    /// recording", "sans alarme".
    fn denied(&self, i: usize) -> Option<Span> {
        let mut j = i;
        while j > 0 && self.same_clause(j - 1, i) {
            j -= 1;
            let item = &self.items[j];
            if item.meaning.is_none()
                && matches!(
                    item.first.as_str(),
                    "de" | "d" | "du" | "des" | "la" | "le" | "les" | "l" | "the" | "any" | "of"
                )
            {
                continue;
            }
            // "pas *d'*image" denies the image; "ne propose pas *la* zone" denies a verb.
            let partitive =
                self.items.get(j + 1).is_some_and(|n| matches!(n.first.as_str(), "de" | "d" | "du" | "des" | "any"));
            // "on n'entend plus *la* sirène" denies the verb, as "pas la zone" does.
            let definite =
                self.items.get(j + 1).is_some_and(|n| matches!(n.first.as_str(), "la" | "le" | "les" | "l" | "the"));
            let denial = match item.meaning {
                Some(Meaning::Negation(Negation::Not)) => partitive,
                Some(Meaning::Negation(Negation::Plus)) => !definite,
                Some(Meaning::Negation(Negation::Without) | Meaning::Quantity(Quantity::NoneOf)) => true,
                _ => false,
            };
            return denial.then_some(item.span);
        }
        None
    }

    /// A case supposed in a request ("si une caméra tombe en panne, comment faire ?"):
    /// where it starts. In a report, or a question about what happens, it is a fact ("when
    /// a revoked badge is shown the door opens", "pourquoi quand un intérimaire parti badge,
    /// la porte s'ouvre-t-elle ?").
    fn supposed(&self) -> Option<usize> {
        // A case in general ("si *une* caméra…", "when *an* alarm…", "en cas de panne"),
        // not this one ("quand je badge, la porte ne s'ouvre pas ?").
        let at = (0..self.items.len()).find(|&i| {
            self.meaning(i) == Some(Meaning::Hypothesis)
                && (matches!(self.items[i].first.as_str(), "en" | "in")
                    || self.items.get(i + 1).is_some_and(|n| {
                        matches!(
                            n.first.as_str(),
                            "un" | "une"
                                | "a"
                                | "an"
                                | "one"
                                | "any"
                                | "des"
                                | "some"
                                | "quelqu"
                                | "someone"
                                | "somebody"
                        )
                    })
                    // "question bête : si la box tombe, …": a question said as one.
                    || self.items.iter().any(|it| it.first == "question" && it.meaning == Some(Meaning::Request))
                    // "si jamais toutes les caméras…", "if all the cameras ever went down".
                    || (i + 1..self.items.len().min(i + 6)).any(|k| matches!(self.items[k].first.as_str(), "ever" | "jamais")))
        });
        // "comment rejouer une alarme intrusion ?", "how do I unlock a door remotely?": what
        // a how-to asks about is not a fact.
        // "que se passe-t-il si le serveur tombe en panne ?", "what happens if…": a case
        // supposed, whatever its article.
        let how_to = (0..self.items.len()).find(|&i| {
            self.meaning(i) == Some(Meaning::Request) && matches!(self.items[i].first.as_str(), "comment" | "how")
                || self.meaning(i) == Some(Meaning::Hypothesis)
                    && matches!(self.items[i].first.as_str(), "que" | "qu" | "what")
        });
        let asked = self.find(|m| m == Meaning::Request).is_some();
        // "Hypothétiquement, si le serveur tombait en panne…", "in theory, if…": the case is
        // said to be supposed, from the "si" on.
        let said_so = (0..self.items.len()).find(|&i| {
            self.meaning(i) == Some(Meaning::Hypothesis)
                && matches!(
                    self.items[i].first.as_str(),
                    "hypothetiquement"
                        | "hypothetically"
                        | "theoriquement"
                        | "theoretically"
                        | "en"
                        | "in"
                        | "imaginons"
                        | "supposons"
                        | "admettons"
                        // "le gardien pensait avoir vu quelqu'un", "we thought someone had
                        // broken in": what was only thought.
                        | "pensait"
                        | "croit"
                        | "croyait"
                        | "pensions"
                        | "croyions"
                        | "thought"
                )
                && !matches!(self.items[i].last.as_str(), "de" | "d" | "of")
        });
        let supposed_from = said_so.map(|i| {
            (i + 1..self.items.len())
                .find(|&k| {
                    self.meaning(k) == Some(Meaning::Hypothesis) && matches!(self.items[k].first.as_str(), "si" | "if")
                })
                .unwrap_or(i)
        });
        supposed_from.or(at.filter(|_| asked)).or(how_to)
    }

    /// Whether a wish or a case supposed at `wish` speaks for the item at `i`: the rest of
    /// its clause and, for a case, every item of the list it opens, up to the clause of its
    /// "ou" ("en cas de vol, d'incendie *ou* de piratage", "if a camera goes down, the door
    /// is forced *or* …"). A wish reaches no further than its clause: "on voudrait un délai
    /// de 5 s, et la caméra 3 est noire ou figée" tells a fact.
    fn supposes(&self, wish: usize, i: usize) -> bool {
        let Some(w) = self.items.get(wish) else { return false };
        let case = w.meaning == Some(Meaning::Hypothesis)
            || matches!((&*w.first, &*w.last), ("si" | "in" | "what", _) | ("au", "ou"));
        let last = (wish..self.items.len())
            .find(|&k| case && self.items[k].meaning.is_none() && matches!(&*self.items[k].first, "ou" | "or"))
            .unwrap_or(wish);
        i > wish && self.clause[i] <= self.clause[last]
    }

    /// Whether the sentence says the software shows a state the door does not have: "la
    /// porte 3 apparaît « ouverte » alors qu'elle est bien fermée et verrouillée", "the
    /// floor plan shows door 12 as 'forced' but it is closed and locked".
    fn shows_a_state_not_real(&self) -> bool {
        let shown = (0..self.items.len()).any(|i| {
            matches!(
                self.meaning(i),
                Some(Meaning::Works(Function::Show | Function::Report) | Meaning::Nuisance(Symptom::Display))
                    | Some(Meaning::Interface)
            ) && self.negation(i).is_none()
        });
        let locked = (0..self.items.len()).any(|i| {
            let stated = i > 0
                && matches!(
                    self.items[i - 1].first.as_str(),
                    "est" | "sont" | "is" | "are" | "bien" | "reste" | "restent" | "stays" | "remains" | "and" | "et"
                );
            self.meaning(i) == Some(Meaning::Works(Function::Lock)) && stated && self.negation(i).is_none()
        });
        shown && locked
    }

    /// Whether the failure at `i` is what a screen shows of a system said, in a later
    /// clause opened by "alors que", "whereas", "while", to work: "le tableau de bord affiche
    /// « Centrale hors ligne » alors que la centrale est bien en ligne".
    fn shown_but_works(&self, i: usize) -> bool {
        let shown = (0..i).any(|k| {
            self.same_clause(k, i)
                && matches!(self.meaning(k), Some(Meaning::Works(Function::Show) | Meaning::Interface))
                && self.negation(k).is_none()
        });
        let system = |k: usize| match self.subject_at(k) {
            Some(Subject::Device(s) | Subject::SystemName(s)) => Some(s),
            _ => None,
        };
        // The same device by the same word and number: not "caméra 3 hors ligne alors que la
        // caméra 4 fonctionne".
        let Some(f) = (0..=i).rev().find(|&k| system(k).is_some()) else { return false };
        let number = |k: usize| self.items.get(k + 1).and_then(|n| n.number);
        // A report or a screen that says it, in the clause or before the quotes it opens.
        let said = || {
            (0..i).any(|k| {
                (matches!(
                    self.meaning(k),
                    Some(Meaning::Works(Function::Show | Function::Report) | Meaning::Interface)
                ) || matches!(self.items[k].first.as_str(), "dit" | "says" | "indique"))
                    && self.negation(k).is_none()
            })
        };
        shown && self.said_to_work_after(i, f, number) || said() && self.said_to_work_elsewhere(i, f, system(f))
    }

    /// The state at `i` of the device at `f`, said by a report or a screen ("le rapport dit
    /// « 14 caméras en défaut »", "the software shows reader 7 as offline"), while another
    /// clause says all of those devices work ("elles marchent toutes", "all 10 readers work").
    fn said_to_work_elsewhere(&self, i: usize, f: usize, system: Option<System>) -> bool {
        // "all fine except the one which shows 'video loss'": that one is not fine.
        let state = matches!(self.meaning(i), Some(Meaning::Problem(Symptom::Down)))
            && !self.exceptions.contains(&self.clause[i]);
        let all_near = |w: usize| {
            (w.saturating_sub(3)..(w + 3).min(self.items.len()))
                .any(|k| self.same_clause(k, w) && self.meaning(k) == Some(Meaning::Quantity(Quantity::All)))
        };
        let of_them = |w: usize| match self.subject_of(w) {
            Some((_, Subject::Device(s))) => Some(s) == system,
            _ => w > 0 && matches!(self.items[w - 1].first.as_str(), "elles" | "ils" | "they" | "re"),
        };
        // "…, les autres marchent toutes": the others, not those shown down.
        let others = |w: usize| {
            (0..w).any(|k| {
                self.same_clause(k, w)
                    && (self.meaning(k) == Some(Meaning::Partial)
                        || matches!(self.items[k].first.as_str(), "autres" | "other" | "others" | "reste" | "rest"))
            })
        };
        state
            && (0..self.items.len()).any(|w| {
                !self.same_clause(w, i)
                    && !self.same_clause(w, f)
                    && matches!(self.meaning(w), Some(Meaning::Works(_) | Meaning::Fine))
                    && self.negation(w).is_none()
                    && all_near(w)
                    && of_them(w)
                    && !others(w)
            })
    }

    /// The same device, by the same word and number, said to work in a later clause opened
    /// by "alors que", "whereas", "while".
    fn said_to_work_after(&self, i: usize, f: usize, number: impl Fn(usize) -> Option<u32>) -> bool {
        let system = |k: usize| matches!(self.subject_at(k), Some(Subject::Device(_) | Subject::SystemName(_)));
        (i + 1..self.items.len()).any(|k| {
            let opens =
                (i + 1..k).any(|m| matches!(self.items[m].first.as_str(), "que" | "whereas" | "while" | "though"));
            opens
                && !self.same_clause(k, i)
                && system(k)
                && self.items[k].first == self.items[f].first
                && number(k) == number(f)
                && (k + 1..self.items.len().min(k + 4)).any(|w| {
                    matches!(self.meaning(w), Some(Meaning::Works(_) | Meaning::Fine)) && self.negation(w).is_none()
                })
        })
    }

    /// Whether the clause of `i` says it happens when the user does something: "quand on
    /// imprime", "when I export", "dès qu'on ouvre".
    /// Whether the failure at `i` is a colour shown for a door ("reste rouge", "shows red"),
    /// not a device said to be offline.
    fn shown_colour(&self, i: usize) -> bool {
        matches!(self.meaning(i), Some(Meaning::Problem(_)))
            && matches!(
                self.items[i].first.as_str(),
                "reste" | "rouge" | "red" | "shows" | "stays" | "voyant" | "clignote" | "clignotent"
            )
    }

    /// A failure of the software triggered by what the user does: "le logiciel plante quand
    /// on imprime un badge".
    fn software_bug(&self, i: usize) -> bool {
        // The cheap tests first: this runs for every word of the fail-safe check.
        matches!(self.meaning(i), Some(Meaning::Problem(_)))
            && self.done_by_the_user(i)
            && matches!(
                self.subject_of(i),
                Some((_, Subject::Interface | Subject::InterfaceOf(_) | Subject::SystemName(_)))
            )
    }

    /// Opening or starting the software itself ("dès qu'on l'ouvre", "when we open it",
    /// "quand je le relance") is no feature: it is the software that does not work.
    fn done_by_the_user(&self, i: usize) -> bool {
        (0..self.items.len().saturating_sub(1)).any(|k| {
            let starts_it = (k + 1..self.items.len().min(k + 5)).any(|m| {
                let w = self.items[m].first.as_str();
                ["relanc", "redemarr", "restart", "reboot", "rallum", "lance", "launch", "start"].iter().any(|p| w.starts_with(p))
            });
            if starts_it {
                return false;
            }
            let opens_it = (k + 2..self.items.len().min(k + 5)).any(|m| matches!(self.items[m].first.as_str(), "l" | "it" | "le" | "la"))
                && (k + 2..self.items.len().min(k + 5)).any(|m| matches!(self.meaning(m), Some(Meaning::Works(Function::Open | Function::Any))));
            self.same_clause(k, i)
                && self.meaning(k) == Some(Meaning::Hypothesis)
                && (matches!(self.items[k + 1].first.as_str(), "on" | "we" | "i" | "je" | "j" | "nous" | "you" | "vous" | "l")
                    // "when saving a new user"
                    || self.items[k + 1].first.ends_with("ing"))
                && !opens_it
        })
    }

    /// Whether the clause of `i` dates it to a past period: "du mois dernier", "last week's".
    fn past_period(&self, i: usize) -> bool {
        (0..self.items.len()).any(|k| {
            let period = |n: Option<&Item>| {
                n.is_some_and(|n| {
                    matches!(
                        n.first.as_str(),
                        "mois"
                            | "semaine"
                            | "month"
                            | "week"
                            | "year"
                            | "annee"
                            | "an"
                            | "hiver"
                            | "winter"
                            | "ete"
                            | "summer"
                    )
                })
            };
            self.same_clause(k, i)
                && matches!(self.items[k].first.as_str(), "dernier" | "derniere" | "last" | "passe" | "passee")
                && (period(self.items.get(k + 1)) || k > 0 && period(self.items.get(k - 1)))
        })
    }

    /// Whether the item at `i` is a screen: what the video is watched on, "les écrans",
    /// "the monitors".
    fn is_screen(&self, i: usize) -> bool {
        self.meaning(i) == Some(Meaning::Image)
            && ["ecran", "screen", "moniteur", "monitor"].iter().any(|w| self.items[i].first.starts_with(w))
    }

    /// Whether the place at `j` is listed as none: "ni l'entrée, *ni les quais*".
    fn listed_as_none(&self, j: usize) -> bool {
        let mut k = j;
        while k > 0 && self.items[k - 1].meaning.is_none() && is_determiner(&self.items[k - 1].first) {
            k -= 1;
        }
        k > 0 && matches!(self.items[k - 1].first.as_str(), "ni" | "nor")
    }

    /// "Le courant est revenu mais *pas les caméras*": the device at `i` does not do what the
    /// clause before says came back or works. The negation opens its clause.
    fn but_not(&self, i: usize) -> Option<Span> {
        let first = (0..=i).find(|&k| self.same_clause(k, i))?;
        let opens = first > 0
            && self.meaning(first) == Some(Meaning::Negation(Negation::Not))
            && matches!(self.items[first].first.as_str(), "pas" | "not")
            && (first + 1..i).all(|k| self.items[k].meaning.is_none() && is_determiner(&self.items[k].first));
        let works_before = opens
            && (0..first).any(|k| {
                self.same_clause(k, first - 1)
                    && matches!(self.meaning(k), Some(Meaning::Works(_)))
                    && self.negation(k).is_none()
            });
        works_before.then_some(self.items[first].span)
    }

    /// Whether the event at `i` is named by its month or its year: "la tentative
    /// d'intrusion *de juillet*", "the break-in in March", "une intrusion en 2023". An event
    /// named so is a past one.
    fn named_by_month(&self, i: usize) -> bool {
        let of = self.items.get(i + 1).filter(|n| {
            n.meaning.is_none()
                && matches!(n.first.as_str(), "de" | "d" | "du" | "in" | "en" | "of")
                && self.same_clause(i + 1, i)
        });
        let month = |k: usize| self.items.get(k).is_some_and(|m| MONTHS.contains(&m.first.as_str()));
        // "la porte forcée du mois de mai", "the break-in of the month of May".
        let month_of = |k: usize| {
            self.items.get(k).is_some_and(|m| matches!(m.first.as_str(), "mois" | "month"))
                && self.items.get(k + 1).is_some_and(|m| matches!(m.first.as_str(), "de" | "d" | "of"))
                && month(k + 2)
        };
        // "une intrusion en 2023", "the break-in of 2019": a year named is one gone by.
        let year = |k: usize| self.items.get(k).and_then(|y| y.number).is_some_and(|y| (1990..=2100).contains(&y));
        of.is_some() && (month(i + 2) || month_of(i + 2) || month_of(i + 3) || year(i + 2))
    }

    /// Whether the sentence says a device was covered, moved or tagged: "la caméra a été
    /// recouverte par un sac", "the camera was knocked".
    fn device_tampered(&self) -> bool {
        (0..self.items.len()).any(|i| {
            self.meaning(i) == Some(Meaning::Problem(Symptom::Degraded))
                && TAMPERING.iter().any(|w| self.items[i].first.starts_with(w))
                && self.negation(i).is_none()
                && matches!(self.subject_of(i), Some((_, Subject::Device(_))))
        })
    }

    /// Whether the sentence says, after the failure at `i`, that it was repaired: "(caméra du
    /// hall HS, réparée jeudi)", "all cameras down for a day, was fixed on the 14th" — and
    /// not that it still fails or must be repaired.
    fn repaired_after(&self, i: usize) -> bool {
        let still = self.items.iter().any(|it| {
            it.meaning == Some(Meaning::Still)
                || matches!(it.first.as_str(), "again" | "nouveau" | "toujours" | "encore")
        });
        let repaired = (i + 1..self.items.len()).any(|k| {
            let done = matches!(
                self.items[k].first.as_str(),
                "repare"
                    | "reparee"
                    | "repares"
                    | "reparees"
                    | "fixed"
                    | "repaired"
                    | "resolu"
                    | "resolue"
                    | "resolved"
                    | "remplace"
                    | "remplacee"
                    | "replaced"
                    | "retabli"
                    | "retablie"
                    | "restored"
                    | "regle"
                    | "reglee"
                    | "regles"
                    | "reglees"
                    | "resolus"
                    | "resolues"
            );
            // "l'heure est mal réglée": set wrong, not repaired.
            let done = done && !(k > 0 && matches!(self.items[k - 1].first.as_str(), "mal" | "pas"));
            let to_be = k > 0
                && matches!(
                    self.items[k - 1].first.as_str(),
                    "etre" | "be" | "doit" | "faut" | "need" | "needs" | "to"
                );
            // "since the switch was replaced": when the failure began.
            let since = (k.saturating_sub(4)..k).any(|j| SINCE.contains(&self.items[j].first.as_str()));
            // "la caméra 2 est noire, la caméra 1 a été réparée": another one was.
            let of_it = self.clause[k] == self.clause[i] || self.names_nothing(self.clause[k]);
            done && !to_be && !since && of_it
        });
        repaired && !still
    }

    /// Whether the failure at `i` is said to be over: in its clause ("remarche", "fixed"),
    /// repaired after it, or in a later clause about nothing else.
    fn said_over(&self, i: usize, text: &str) -> bool {
        // "since the drill the door swings open": when the failure began, not its end.
        let since = |j: usize| {
            let mut k = j;
            while k > 0 && self.items[k - 1].meaning.is_none() && is_determiner(&self.items[k - 1].first) {
                k -= 1;
            }
            // "during the drill the sounder stayed silent": what failed during it.
            k > 0 && matches!(self.items[k - 1].first.as_str(), "since" | "depuis" | "during" | "pendant" | "lors")
        };
        // "on a remplacé la caméra HS du hall": the broken one was replaced; not "un disque a
        // été remplacé et on a perdu…", where the loss came after.
        let replaced_before = matches!(self.meaning(i), Some(Meaning::Problem(_)))
            && (i.saturating_sub(4)..i).any(|k| {
                self.same_clause(k, i)
                    && matches!(self.items[k].first.as_str(), "remplace" | "remplacee" | "replaced" | "swapped")
                    && (k + 1..i).any(|d| matches!(self.subject_at(d), Some(Subject::Device(_))))
            })
            && !(0..self.items.len()).any(|k| self.same_clause(k, i) && self.meaning(k) == Some(Meaning::Still));
        (0..self.items.len()).any(|j| self.same_clause(i, j) && self.meaning(j) == Some(Meaning::Past) && !since(j))
            || replaced_before
            || self.title_of_a_ticket(i, text)
            || self.repaired_after(i)
            || self.over_in_a_later_clause(i)
    }

    /// How many words of the sentence are a label before a colon, "Question :", "Pour info :",
    /// "Petit souci :" (none when it opens with no label): a label asks nothing and tells no
    /// failure, and what follows is told as it would be without it (a question it opens is
    /// still one: "Question : si un jour…").
    fn label(&self, text: &str) -> usize {
        const LABEL_WORDS: &[&str] = &[
            "question",
            "pour",
            "info",
            "petit",
            "petite",
            "souci",
            "probleme",
            "remarque",
            "rappel",
            "precision",
            "demande",
            "urgente",
            "urgent",
        ];
        let Some(last) = (0..self.items.len().min(2)).find(|&k| {
            self.items.get(k + 1).is_some_and(|next| between(text, self.items[k].span, next.span).contains(':'))
        }) else {
            return 0;
        };
        let words = (0..=last).all(|k| LABEL_WORDS.contains(&self.items[k].first.as_str()));
        let says_little = (0..=last)
            .all(|k| matches!(self.meaning(k), None | Some(Meaning::Request | Meaning::Problem(Symptom::Degraded))));
        if words && says_little {
            last + 1
        } else {
            0
        }
    }

    /// Whether the failure at `i` is the title of an earlier ticket, in the clause right
    /// after its number: "Re: Ticket 8890 (toutes les caméras HS) Bonjour, tout est revenu",
    /// "close ticket 6021 (video server crash)". What the message says now comes after.
    /// In brackets only: after "ticket 2290:" comes what is wrong now ("the camera you fixed
    /// is black again").
    fn title_of_a_ticket(&self, i: usize, text: &str) -> bool {
        let Some(first) = (0..=i).find(|&k| self.same_clause(k, i)) else { return false };
        let ticket = |k: usize| matches!(self.items[k].first.as_str(), "ticket" | "tickets" | "incident" | "demande");
        first >= 2
            && self.items[first - 1].number.is_some()
            && ticket(first - 2)
            && between(text, self.items[first - 1].span, self.items[first].span).contains('(')
    }

    /// Whether a later clause says the failure at `i` is over without naming anything else
    /// before it says so: "the camera was offline yesterday but came back by itself",
    /// "toutes les caméras étaient HS, c'est revenu et les enregistrements sont complets";
    /// not "la caméra 2 est noire, la 1 a été réparée".
    fn over_in_a_later_clause(&self, i: usize) -> bool {
        (i + 1..self.items.len()).any(|j| {
            self.meaning(j) == Some(Meaning::Past)
                && self.clause[j] > self.clause[i]
                && self.names_nothing_before(self.clause[j], j)
        })
    }

    /// Whether a clause names no device, number, count or place of its own: what it says is
    /// about what the clause before named.
    fn names_nothing(&self, clause: usize) -> bool {
        self.names_nothing_before(clause, self.items.len())
    }

    /// Whether the words of a clause before `end` name nothing of their own.
    fn names_nothing_before(&self, clause: usize, end: usize) -> bool {
        !self.items[..end].iter().enumerate().any(|(k, it)| {
            self.clause[k] == clause
                && (self.subject_at(k).is_some_and(|s| s.weight() > 0)
                    // "la 1", "la n° 4": a device by its number; "le 3" is a date.
                    || it.first.chars().all(|c| c.is_ascii_digit())
                        && k > 0
                        && matches!(self.items[k - 1].first.as_str(), "la" | "les" | "n" | "no" | "numero" | "number")
                    || matches!(it.meaning, Some(Meaning::Quantity(_) | Meaning::Place | Meaning::Sensitive))
                        // "c'était *un* exercice": the article of the word that ends it.
                        && !(k + 1 == end && it.meaning == Some(Meaning::Quantity(Quantity::One))))
        })
    }

    /// Whether any word of the sentence says something is wrong: a failure, something
    /// missing, open or forced, a function denied, or none of a device, picture or
    /// recording ("no night footage"); "aucune intrusion" is no trouble.
    fn tells_of_trouble(&self) -> bool {
        (0..self.items.len()).any(|i| {
            let negated = self.negation(i).is_some();
            match self.meaning(i) {
                Some(
                    Meaning::Problem(_)
                    | Meaning::Missing
                    | Meaning::Nothing
                    | Meaning::Unlocked
                    | Meaning::Forced
                    | Meaning::Intermittent,
                ) => !negated,
                Some(Meaning::Works(_)) => negated,
                Some(Meaning::Quantity(Quantity::NoneOf)) => {
                    self.items.get(i + 1).is_some_and(|_| {
                        matches!(
                            self.subject_at(i + 1),
                            Some(Subject::Device(_) | Subject::Image | Subject::Recording | Subject::Alarm)
                        )
                    }) || (i + 1..self.items.len().min(i + 3))
                        .any(|k| matches!(self.subject_at(k), Some(Subject::Image | Subject::Recording)))
                }
                _ => false,
            }
        })
    }

    /// Where the sentence says everything is over ("tout est rentré dans l'ordre",
    /// "everything is back to normal") of nothing else, with no trouble, no exception, not
    /// as a question: it ends what the sentence before it told.
    fn ends_what_came_before(&self, text: &str) -> Option<usize> {
        let j = self.items.iter().position(|it| {
            it.meaning == Some(Meaning::Past) && matches!(it.first.as_str(), "tout" | "everything" | "all")
        })?;
        let asked = self.items.last().is_some_and(|it| text[it.span.end..].trim_start().starts_with('?'));
        (!asked && self.names_nothing(self.clause[j]) && !self.tells_of_trouble() && !self.excepts_part()).then_some(j)
    }

    /// Whether the sentence excepts a part of what it says: "sauf", "except", "hormis", "mais
    /// pas", "but not", "but the…" ("everything came back but the badge readers").
    fn excepts_part(&self) -> bool {
        !self.exceptions.is_empty()
            || self
                .items
                .iter()
                .any(|it| matches!(it.first.as_str(), "sauf" | "except" | "excepte" | "hormis" | "but" | "mais"))
    }

    /// Where the sentence says that all is clear: no intrusion ("aucune intrusion", "no
    /// intruder"), nothing to report ("rien à signaler", "RAS"), no problem seen ("nous
    /// n'avons constaté aucun problème").
    fn all_clear(&self) -> Option<Span> {
        (0..self.items.len()).find_map(|i| {
            // "aucun problème", "no issue": the problem counted as none.
            let none_before = i > 0 && self.meaning(i - 1) == Some(Meaning::Quantity(Quantity::NoneOf));
            let clear = match self.meaning(i)? {
                Meaning::Intrusion => self.negation(i).is_some(),
                Meaning::Problem(_) => {
                    none_before
                        && matches!(self.items[i].first.as_str(), "probleme" | "problem" | "souci" | "issue" | "panne")
                }
                Meaning::Fine => matches!(self.subject_of(i), None | Some((_, Subject::Everything))),
                _ => false,
            };
            clear.then(|| {
                self.negation(i).map_or(self.items[i].span, |n| Span { start: n.start, end: self.items[i].span.end })
            })
        })
    }

    /// Whether the sentence speaks of the future: "seront éteints", "we'll trigger", "on va
    /// déclencher".
    fn said_in_future(&self) -> bool {
        self.items.iter().any(in_future)
    }

    /// The system of the device the site has only one of, named after "on a une seule" at
    /// `k` — when that clause tells no failure: "on a une seule caméra HS" is one camera
    /// down among others.
    /// "Nous sommes un cabinet dentaire, 3 caméras en tout", "a shop with 6 cameras": how
    /// many devices the site has (the system, the devices' words, how many), said with
    /// nothing wrong in the sentence and no place that would make them a part.
    fn inventory(&self) -> Option<(System, Span, u32)> {
        let failure = (0..self.items.len()).any(|k| match self.meaning(k) {
            Some(Meaning::Problem(_) | Meaning::Nothing | Meaning::Missing | Meaning::Unlocked | Meaning::Forced) => {
                true
            }
            Some(Meaning::Works(_)) => self.negation(k).is_some(),
            _ => false,
        });
        if failure {
            return None;
        }
        let k = (1..self.items.len()).find(|&k| {
            matches!(self.meaning(k), Some(Meaning::Device(_)))
                && self.items[k - 1].number.is_some_and(|n| n >= 2)
                && self.same_clause(k - 1, k)
        })?;
        // "On a 6 caméras : parking, portail, quai…": the places listed after them are where
        // each one is, not a part of the site.
        let listed =
            |span: Span| (k + 1..self.items.len()).any(|j| self.items[j].span == span && !self.same_clause(j, k));
        if self.restriction(k).is_some_and(|(scope, span)| scope != Scope::WholeSite && !listed(span)) {
            return None;
        }
        let Some(Meaning::Device(system)) = self.meaning(k) else { return None };
        Some((system, self.items[k].span, self.items[k - 1].number?))
    }

    /// Whether the sentence counts some of the `total` devices, not all: "deux sont
    /// noires", "certaines", "2 of them" (not "depuis 2 jours").
    fn counts_some(&self, total: u32) -> bool {
        (0..self.items.len()).any(|k| {
            let next = self.items.get(k + 1);
            let duration = next.is_some_and(|n| DURATION_WORDS.iter().any(|d| n.first.starts_with(d)));
            match self.meaning(k) {
                Some(Meaning::Quantity(Quantity::Several) | Meaning::Partial) => true,
                Some(Meaning::Quantity(Quantity::One)) => {
                    k == 0
                        || next.is_some_and(|n| {
                            matches!(n.meaning, Some(Meaning::Device(_) | Meaning::Negation(_)))
                                || matches!(n.first.as_str(), "of" | "sur" | "des" | "d" | "de")
                        })
                }
                _ => self.items[k].number.is_some_and(|n| n >= 1 && n < total) && !duration,
            }
        })
    }

    /// "On n'a que 4 caméras au tabac, donc on ne voit plus rien", "il y a 8 caméras dans la
    /// résidence et on n'en voit plus aucune": the devices counted are all there are, and
    /// none of them is said to work.
    fn every_device_counted(&self) -> Option<System> {
        let k = (0..self.items.len()).find(|&k| {
            let item = &self.items[k];
            let only = item.meaning == Some(Meaning::Problem(Symptom::Degraded))
                && matches!((item.first.as_str(), item.last.as_str()), ("n" | "on", "que") | ("only", "have"));
            let there_are = item.meaning.is_none()
                && item.first == "a"
                && k >= 2
                && self.items[k - 1].first == "y"
                && self.items[k - 2].first == "il";
            (only || there_are)
                && self.items.get(k + 1).is_some_and(|n| n.number.is_some_and(|n| n >= 2))
                && matches!(self.meaning(k + 2), Some(Meaning::Device(_)))
        })?;
        let none_left = (k + 3..self.items.len())
            .any(|j| matches!(self.meaning(j), Some(Meaning::Nothing | Meaning::Quantity(Quantity::NoneOf))));
        let Some(Meaning::Device(system)) = self.meaning(k + 2) else { return None };
        none_left.then_some(system)
    }

    fn the_only_device(&self, k: usize) -> Option<System> {
        // "La caméra marche plus, c'est la seule qu'on a": the device named before.
        let device = (k + 1..self.items.len())
            .take_while(|&j| self.same_clause(j, k))
            .find_map(|j| self.subject_at(j).filter(|s| matches!(s, Subject::Device(_) | Subject::Door)))
            .or_else(|| {
                (self.items[k].first == "c" || self.items[k].last == "have")
                    .then(|| {
                        (0..k).rev().find_map(|j| {
                            self.subject_at(j).filter(|s| matches!(s, Subject::Device(_) | Subject::Door))
                        })
                    })
                    .flatten()
            });
        // "n'a qu'une caméra et elle est en panne": what fails after "et elle" is that one
        // device; "on n'a qu'une caméra en panne" counts the failing ones.
        let it = (k + 1..self.items.len())
            .find(|&j| {
                matches!(self.items[j].first.as_str(), "elle" | "il" | "it")
                    && (j.saturating_sub(4)..j).any(|a| matches!(self.items[a].first.as_str(), "et" | "and"))
            })
            .unwrap_or(usize::MAX);
        let failure = (0..it.min(self.items.len())).any(|j| {
            self.same_clause(j, k)
                && (matches!(
                    self.meaning(j),
                    Some(Meaning::Problem(_) | Meaning::Nothing | Meaning::Missing | Meaning::Unlocked)
                ) || matches!(self.meaning(j), Some(Meaning::Works(_))) && self.negation(j).is_some())
        });
        device.filter(|_| !failure).and_then(Subject::system)
    }

    /// Whether the sentence says something was stolen: "on s'est fait voler", "stolen".
    fn tells_a_theft(&self) -> bool {
        self.items.iter().any(|item| {
            matches!(
                item.first.as_str(),
                "vol"
                    | "voler"
                    | "vole"
                    | "volee"
                    | "voles"
                    | "volees"
                    | "stolen"
                    | "stole"
                    | "derobe"
                    | "derobes"
                    | "derobee"
                    | "derobees"
                    | "phished"
                    | "hameconnes"
                    | "hameconne"
            ) && item.meaning.is_none_or(|m| m == Meaning::Revoked)
        })
    }

    fn find(&self, wanted: impl Fn(Meaning) -> bool) -> Option<usize> {
        self.items.iter().position(|item| item.meaning.is_some_and(&wanted))
    }
}

/// Cuts the items into sentences, and each sentence into clauses.
/// Someone away ("en congé", "on holiday", "en vacances"): a disowned word that tells of an
/// intrusion only when an account, badge or code of theirs was used.
fn is_away(item: &Item) -> bool {
    matches!(item.last.as_str(), "conge" | "conges" | "holiday" | "leave" | "vacances")
}

/// A word of a greeting or of a reference that opens a message: "Bonjour à tous", "Hi
/// team", "Ref 4521", "Ticket n° 88".
fn opens_nothing(item: &Item) -> bool {
    let reference = item.meaning.is_none()
        && (item.number.is_some()
            || matches!(
                item.first.as_str(),
                "ref"
                    | "reference"
                    | "ticket"
                    | "tickets"
                    | "re"
                    | "fw"
                    | "fwd"
                    | "tr"
                    | "objet"
                    | "subject"
                    | "sujet"
                    | "n"
                    | "no"
            ));
    reference
        || matches!(
            item.first.as_str(),
            "bonjour"
                | "bonsoir"
                | "rebonjour"
                | "salut"
                | "slt"
                | "bjr"
                | "coucou"
                | "hello"
                | "hi"
                | "hey"
                | "dear"
                | "good"
                | "morning"
                | "afternoon"
                | "evening"
                | "madame"
                | "monsieur"
                | "messieurs"
                | "mesdames"
                | "all"
                | "everyone"
                | "team"
                | "a"
                | "tous"
                | "l"
                | "equipe"
                | "support"
        )
}

/// Who sends the message, before a colon: "Message de l'accueil :", "De la part du gardien :",
/// "From the night guard:". The place named is the sender's, not where the trouble is.
fn sender_before_colon(text: &str, clause: &Sentence) -> bool {
    let (Some(first), Some(last)) = (clause.items.first(), clause.items.last()) else { return false };
    let words: Vec<&str> = clause.items.iter().take(3).map(|it| it.first.as_str()).collect();
    let sender =
        matches!(words.as_slice(), ["message", ..] | ["msg", ..] | ["from", ..] | ["appel", ..] | ["call", ..])
            || matches!(words.as_slice(), ["de", "la", "part", ..] | ["envoye", "par", ..] | ["sent", "by", ..]);
    sender && first.meaning.is_none() && text[last.span.end..].trim_start().starts_with(':')
}

fn sentences(text: &str, pieces: Vec<Piece>) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut current = Sentence::default();
    let mut clause = 0;
    for piece in pieces {
        match piece {
            Piece::Break(Break::Sentence) => {
                if !current.items.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                clause = 0;
            }
            // "Bonjour, vidéo HS", "Hi all, the reader…", "Ref 4521 : …": a greeting or a
            // reference opening the text is no part of what the first clause says.
            // Not the title of an earlier ticket in brackets: "Re: Ticket 8890 (toutes les
            // caméras HS)".
            Piece::Break(Break::Clause)
                if out.is_empty()
                    && (current.items.iter().all(opens_nothing) || sender_before_colon(text, &current))
                    && !current.items.last().is_some_and(|l| text[l.span.end..].trim_start().starts_with('(')) =>
            {
                let subject_line =
                    current.items.first().is_some_and(|w| matches!(w.first.as_str(), "objet" | "subject" | "sujet"));
                current = Sentence { subject_line, ..Sentence::default() };
                clause = 0;
            }
            Piece::Break(Break::Clause) => clause += 1,
            Piece::Item(item) => {
                if item.meaning.is_none() && CLAUSE_WORDS.contains(&item.first.as_str()) {
                    clause += 1;
                    if matches!(item.first.as_str(), "sauf" | "except") {
                        current.exceptions.push(clause);
                    }
                    continue;
                }
                // "le serveur a redémarré *et depuis* plus aucun flux": what came since is a
                // predicate of its own.
                let and_since = matches!(item.first.as_str(), "depuis" | "since")
                    && current.items.last().is_some_and(|last| matches!(last.first.as_str(), "et" | "and"));
                if item.meaning.is_none() && and_since {
                    clause += 1;
                }
                // "Ticket 4521 : …", "ticket n° 88": a helpdesk reference, not a parking ticket.
                let reference = item.number.is_some() || matches!(item.first.as_str(), "n" | "no" | "num" | "numero");
                if let Some(last) =
                    current.items.last_mut().filter(|l| reference && matches!(l.first.as_str(), "ticket" | "tickets"))
                {
                    last.meaning = None;
                }
                current.items.push(item);
                current.clause.push(clause);
            }
        }
    }
    if !current.items.is_empty() {
        out.push(current);
    }
    out
}

/// Reads one predicate with its negation and subject; `object` when the subject comes
/// after the verb ("we lost *the video*"); `deactivated` when a revoked word says a system
/// was switched off rather than a credential cancelled; `received` when the verb says
/// something arrives ("reçoit", "arrive") rather than is sent.
fn effect(
    meaning: Meaning,
    negated: bool,
    subject: Option<Subject>,
    object: bool,
    deactivated: bool,
    received: bool,
) -> Option<Effect> {
    use Effect as E;
    use Subject as S;
    let access_control = matches!(
        subject,
        Some(S::Door | S::Credential | S::Device(System::AccessControl) | S::SystemName(System::AccessControl))
    );
    Some(match (meaning, negated) {
        (Meaning::Intrusion, false) => E::Intrusion,
        // "ce n'est personne de chez nous": the negation is the point.
        (Meaning::Disowned, _) => E::Intrusion,
        (Meaning::Intermittent, _) => match subject {
            Some(S::Nuisance(n)) => E::Nuisance(n),
            Some(S::Interface) => E::Nuisance(Symptom::Display),
            Some(S::Recording) => E::RecordingLost,
            _ => E::Symptom(Symptom::Degraded),
        },
        (Meaning::Secret, _) => E::Nuisance(Symptom::Configuration),
        (Meaning::Forced, false) if matches!(subject, None | Some(S::Door | S::Device(System::AccessControl))) => {
            E::Intrusion
        }
        (Meaning::Unauthorized, false) => E::Unauthorized,
        (Meaning::Unlocked, false) if access_control && subject != Some(S::Credential) => E::Unauthorized,
        (Meaning::Nothing, _) => match subject {
            Some(S::Recording) => E::RecordingLost,
            Some(S::Alarm) => E::AlarmsLost,
            Some(S::Nuisance(n)) => E::Nuisance(n),
            _ => E::Symptom(Symptom::Down),
        },
        (Meaning::Problem(symptom), false) => match subject {
            Some(S::Nuisance(n)) => E::Nuisance(n),
            Some(S::Interface) => E::Nuisance(Symptom::Display),
            Some(S::InterfaceOf(s)) if symptom == Symptom::Down => E::SystemDown(s),
            Some(S::Recording) => E::RecordingLost,
            Some(S::Alarm) if symptom == Symptom::Down => E::AlarmsLost,
            _ => E::Symptom(symptom),
        },
        (Meaning::Missing, false) => match subject {
            Some(S::Nuisance(n)) => E::Nuisance(n),
            Some(S::Recording | S::Image) => E::RecordingLost,
            Some(S::Alarm) => E::AlarmsLost,
            // "le NVR a perdu la journée de samedi"; "perte de la caméra 18" is the camera.
            Some(S::SystemName(System::Video)) if !object => E::RecordingLost,
            Some(S::Device(_) | S::SystemName(_)) => E::Symptom(Symptom::Down),
            _ => return None,
        },
        (Meaning::Works(function), true) => match (function, subject) {
            (Function::Record, _) => E::RecordingLost,
            // "la carte du site B ne reçoit plus les alarmes": a screen that no longer
            // receives alarms is alarms that no longer arrive.
            (Function::Report, Some(S::Nuisance(_))) if received => E::AlarmsLost,
            (_, Some(S::Nuisance(n))) => E::Nuisance(n),
            // "le logiciel de sécurité ne reçoit plus aucune alarme": the software where the
            // alarms arrive is the hypervisor, and they no longer arrive.
            (Function::Report, Some(S::Interface)) if received => E::AlarmsLost,
            (_, Some(S::Interface)) => E::Nuisance(Symptom::Display),
            (Function::Any | Function::Open, Some(S::InterfaceOf(s))) => E::SystemDown(s),
            // "l'appli de supervision ne remonte plus aucune alarme".
            (Function::Report, Some(S::InterfaceOf(System::Hypervisor | System::IntrusionDetection))) => E::AlarmsLost,
            (_, Some(S::InterfaceOf(_))) => E::Nuisance(Symptom::Display),
            (_, Some(S::Recording)) => E::RecordingLost,
            (_, Some(S::Alarm)) => E::AlarmsLost,
            (
                Function::Report,
                None | Some(S::Everything | S::SystemName(System::Hypervisor | System::IntrusionDetection)),
            ) => E::AlarmsLost,
            (Function::Lock, None) => E::Unauthorized,
            (Function::Lock, _) if access_control && subject != Some(S::Credential) => E::Unauthorized,
            _ => E::Symptom(Symptom::Down),
        },
        // "no alarms have come in".
        (Meaning::Enters, true) if subject == Some(S::Alarm) => E::AlarmsLost,
        // "le tourniquet ne laisse plus passer": people are kept out, not let in.
        (Meaning::Admits, true) if access_control => E::Symptom(Symptom::Down),
        // "le système de détection d'intrusion est désactivé".
        (Meaning::Revoked, false) if matches!(subject, Some(S::SystemName(_) | S::Device(_))) && deactivated => {
            E::Symptom(Symptom::Down)
        }
        (Meaning::Nuisance(n), false) => E::Nuisance(n),
        (Meaning::Request, _) => E::Nuisance(Symptom::Configuration),
        _ => return None,
    })
}

/// People or credentials that should not get in, with a verb that lets them: "n'importe
/// quel badge ouvre", "revoked badges are accepted", "tout le monde peut entrer".
fn lets_the_wrong_people_in(sentence: &Sentence, before: usize, revoked_before: bool) -> Option<Span> {
    // A wish speaks for the rest of the sentence ("on voudrait plutôt « non restitué »"), but
    // "au lieu de" for its clause only: it is as often a name or a figure set right as a wish
    // ("(« Entre » au lieu de « Entrée »), et le badge d'un licencié ouvre encore…").
    let instead =
        sentence.items.get(before).is_some_and(|w| matches!((&*w.first, &*w.last), ("au", "de") | ("instead", _)));
    let said = |i: &usize| *i < before || instead && !sentence.same_clause(*i, before);
    let end = sentence.items.len();
    let opens = |i: usize, any_verb: bool| {
        let verb = match sentence.meaning(i) {
            Some(Meaning::Admits | Meaning::Enters | Meaning::Unlocked | Meaning::Works(Function::Open)) => true,
            Some(Meaning::Works(Function::Any | Function::Read)) => any_verb,
            _ => false,
        };
        // "a encore un accès au logiciel", "still has access": the access itself, kept.
        let kept_access = sentence.meaning(i) == Some(Meaning::Door)
            && matches!(sentence.items[i].first.as_str(), "acces" | "access")
            && (i.saturating_sub(3)..i).any(|k| sentence.meaning(k) == Some(Meaning::Still));
        // "les portes s'ouvrent normalement" is the door doing its job.
        let normally = (i + 1..sentence.items.len().min(i + 3)).any(|j| sentence.meaning(j) == Some(Meaning::Fine));
        (verb || kept_access) && sentence.negation(i).is_none() && !normally
    };
    let refused = sentence.items.iter().any(|it| {
        it.meaning == Some(Meaning::Fine)
            && (it.last.starts_with("refus") || it.last.starts_with("reject") || it.last == "denied")
    });
    let who: Option<(usize, bool)> = (0..end).filter(said).find_map(|i| match sentence.meaning(i) {
        // "someone from reception opens it by hand": the workaround for a door that does not
        // open, not a stranger let in.
        Some(Meaning::Suspicious) if matches!(sentence.items[i].first.as_str(), "someone" | "somebody" | "quelqu") => {
            (sentence.find(|m| m == Meaning::ByHand).is_none()).then_some((i, false))
        }
        // "tout le monde passe par l'accueil": everyone goes round the door that is shut;
        // "security opens the wide gate by hand for everybody", the hand said first.
        Some(Meaning::Anyone)
            if (0..end)
                .filter(said)
                .any(|k| sentence.same_clause(k, i) && sentence.meaning(k) == Some(Meaning::ByHand)) =>
        {
            None
        }
        // "the reader doesn't recognise anyone anymore": everyone is kept out.
        Some(Meaning::Anyone)
            if i > 0
                && matches!(sentence.meaning(i - 1), Some(Meaning::Works(_) | Meaning::Admits))
                && sentence.negation(i - 1).is_some() =>
        {
            None
        }
        Some(Meaning::Anyone | Meaning::Suspicious) => Some((i, false)),
        // "les badges expirés sont bien refusés": kept out, as they should be.
        Some(Meaning::Revoked) if refused => None,
        Some(Meaning::Revoked) => Some((i, true)),
        // "refuse tous les badges" is the opposite, even at the door of a room "réservée".
        Some(Meaning::Credential)
            if (0..end)
                .filter(said)
                .any(|k| sentence.same_clause(k, i) && matches!(sentence.meaning(k), Some(Meaning::Problem(_)))) =>
        {
            None
        }
        // "n'importe quel badge", "any card", "every badge": not one that was checked; a
        // badge that opens a room "réservée".
        Some(Meaning::Credential) if sentence.find(|m| m == Meaning::Restricted).is_some() => Some((i, false)),
        Some(Meaning::Credential) => match sentence.quantity_before(i) {
            // "any badge works on the server room door": with no choice of badge, any verb
            // that lets it through; "tous les badges fonctionnent" may be the system working.
            Some((Quantity::All, q)) => sentence.items.iter().find(|it| it.span == q).and_then(|it| {
                let whichever = matches!(it.first.as_str(), "n" | "any" | "whatever" | "quel" | "quelque" | "peu");
                let every = matches!(it.first.as_str(), "every" | "chaque" | "tous" | "toutes");
                (whichever || every).then_some((i, whichever))
            }),
            _ => None,
        },
        _ => None,
    });
    // "We blocked a lost fob on Monday. Today the log shows it opened the cash office."
    let (who, any_verb) = match who {
        Some(found) => found,
        // Said of the credential the sentence before revoked: by a pronoun or by naming it
        // again, not "Le technicien passe demain" or "le site est ouvert de 8h à 18h".
        None if revoked_before && !refused => {
            let how = (0..end).filter(said).find(|&i| opens(i, true))?;
            // "Il a ouvert", "L'un d'eux est passé", "let himself in with it".
            let pronoun = (how.saturating_sub(3)..(how + 4).min(end)).any(|k| {
                matches!(
                    sentence.items[k].first.as_str(),
                    "it" | "il"
                        | "elle"
                        | "ils"
                        | "elles"
                        | "eux"
                        | "they"
                        | "he"
                        | "she"
                        | "him"
                        | "them"
                        | "himself"
                        | "herself"
                        | "themselves"
                        | "qui"
                        | "who"
                )
            });
            let named_again = sentence.find(|m| matches!(m, Meaning::Credential | Meaning::Revoked)).is_some();
            return (pronoun || named_again).then_some(sentence.items[how].span);
        }
        None => return None,
    };
    // The name set right before "au lieu de" is no door opening: look after who.
    let how = (0..end).filter(said).find(|&i| opens(i, any_verb) && (!instead || i > who))?;
    let (a, b) = (sentence.items[who].span, sentence.items[how].span);
    Some(Span { start: a.start.min(b.start), end: a.end.max(b.end) })
}

/// An unknown or suspicious account: "compte administrateur inconnu", "unknown account".
fn unknown_account(sentence: &Sentence) -> Option<Span> {
    // "un individu a été vu sur les toits": someone seen where no one should be.
    if let (Some(seen), Some(who)) =
        (sentence.find(|m| m == Meaning::Seen), sentence.find(|m| matches!(m, Meaning::Suspicious | Meaning::Anyone)))
    {
        let (a, b) = (sentence.items[seen].span, sentence.items[who].span);
        return Some(Span { start: a.start.min(b.start), end: a.end.max(b.end) });
    }
    let account = sentence.find(|m| m == Meaning::Account)?;
    // "connecté avec le mot de passe admin depuis l'étranger": used from abroad.
    let abroad = || sentence.items.iter().position(|it| matches!(it.first.as_str(), "etranger" | "abroad"));
    let odd = sentence.find(|m| m == Meaning::Suspicious).or_else(abroad)?;
    let (a, b) = (sentence.items[account].span, sentence.items[odd].span);
    Some(Span { start: a.start.min(b.start), end: a.end.max(b.end) })
}

/// A password, a right or a setting changed by someone unknown: "the camera passwords
/// were changed", "quelqu'un a modifié les droits".
fn changed_behind_our_back(sentence: &Sentence) -> Option<Span> {
    let changed = sentence.find(|m| m == Meaning::Changed)?;
    // "the change was made from the account of a guy who left": someone gone, after it.
    let gone_after = || {
        (changed + 1..sentence.items.len()).find(|&k| {
            sentence.meaning(k) == Some(Meaning::Revoked)
                && (changed + 1..k).any(|a| sentence.meaning(a) == Some(Meaning::Account))
        })
    };
    let by_whom = sentence
        .find(|m| matches!(m, Meaning::Suspicious | Meaning::Disowned | Meaning::Secret))
        .or_else(gone_after)?;
    let (a, b) = (sentence.items[changed].span, sentence.items[by_whom].span);
    Some(Span { start: a.start.min(b.start), end: a.end.max(b.end) })
}

/// An account or a change the next sentence says nobody here made: "un nouvel utilisateur
/// en admin sur l'enregistreur. Nous, on n'a rien demandé."
fn disowned_after(before: &Sentence, sentence: &Sentence) -> Option<Span> {
    let by_whom = sentence.find(|m| m == Meaning::Disowned)?;
    // Someone away ("… avec le compte de Julien. Il est en vacances.") only when the sentence
    // speaks of the owner just named, not "Le gérant est en congés".
    let away = is_away(&sentence.items[by_whom]);
    let of_the_owner = sentence.items.first().is_some_and(|w| {
        matches!(
            w.first.as_str(),
            "il" | "elle"
                | "ils"
                | "elles"
                | "he"
                | "she"
                | "they"
                | "son"
                | "sa"
                | "his"
                | "her"
                | "its"
                | "owner"
                | "titulaire"
        ) || (0..sentence.items.len().min(3))
            .any(|k| matches!(sentence.items[k].first.as_str(), "titulaire" | "owner" | "proprietaire"))
    });
    if away && !of_the_owner {
        return None;
    }
    let mine = sentence.find(|m| matches!(m, Meaning::Account | Meaning::Changed));
    let what = before.find(|m| matches!(m, Meaning::Account | Meaning::Changed));
    what.filter(|_| mine.is_none()).map(|_| sentence.items[by_whom].span)
}

/// Whether the defect at `i` is said to be slight ("un peu penchée", "a bit grainy") and, in
/// a later clause or the next sentence, not to hide what must be seen ("mais on reconnaît
/// bien les gens", "all the pens are still in view").
fn slightly_but_seen(sentence: &Sentence, next: Option<&Sentence>, i: usize) -> bool {
    let slight = (i.saturating_sub(3)..=i).any(|k| {
        sentence.same_clause(k, i)
            && [&sentence.items[k].first, &sentence.items[k].last]
                .iter()
                .any(|w| matches!(w.as_str(), "peu" | "bit" | "legerement" | "slightly" | "little"))
    });
    // Seen "bien", "quand même", "still": not "on voit le plafond".
    let well = |s: &Sentence, k: usize| {
        (k.saturating_sub(3)..(k + 3).min(s.items.len())).any(|m| {
            matches!(s.items[m].meaning, Some(Meaning::Fine | Meaning::Still))
                || matches!(s.items[m].first.as_str(), "bien" | "clearly" | "fine")
        })
    };
    let seen = |s: &Sentence, k: usize| {
        well(s, k)
            && !matches!(s.items[k].meaning, Some(Meaning::Problem(_) | Meaning::Nothing))
            && s.negation(k).is_none()
            && [&s.items[k].first, &s.items[k].last].iter().any(|w| {
                matches!(
                    w.as_str(),
                    "voit"
                        | "reconnait"
                        | "reconnaissent"
                        | "visible"
                        | "visibles"
                        | "distingue"
                        | "see"
                        | "view"
                        | "recognise"
                        | "recognize"
                )
            })
    };
    slight
        && ((i + 1..sentence.items.len()).any(|k| !sentence.same_clause(k, i) && seen(sentence, k))
            || next.is_some_and(|s| (0..s.items.len()).any(|k| seen(s, k))))
}

/// Whether a sentence says something works: "les autres caméras fonctionnent
/// normalement", "rest of the site is normal". What is wrong is then only part of the site.
fn says_something_works(sentence: &Sentence) -> Option<Span> {
    (0..sentence.items.len()).find_map(|i| {
        let fine_after = (i + 1..sentence.items.len().min(i + 4)).any(|j| sentence.meaning(j) == Some(Meaning::Fine));
        // "intrusion alarms still arrive", "les alarmes de la centrale arrivent encore".
        let still = |k: usize| k < sentence.items.len() && sentence.meaning(k) == Some(Meaning::Still);
        let still_reported = sentence.meaning(i) == Some(Meaning::Works(Function::Report))
            && (i > 0 && still(i - 1) || still(i + 1))
            && matches!(sentence.subject_of(i), Some((_, Subject::Alarm)));
        // "alors que les alarmes d'intrusion arrivent", "the door alarms come": alarms of a
        // kind said to arrive.
        let kind_reported = sentence.meaning(i) == Some(Meaning::Works(Function::Report))
            && matches!(sentence.subject_of(i), Some((k, Subject::Alarm)) if k < i && (
                sentence.items[k].first != sentence.items[k].last
                    || k > 0
                        && sentence.same_clause(k - 1, k)
                        && matches!(
                            sentence.meaning(k - 1),
                            Some(Meaning::Door | Meaning::Place | Meaning::Sensitive | Meaning::Device(_))
                        )
            ));
        let works = matches!(sentence.meaning(i), Some(Meaning::Works(_)))
            && (fine_after || still_reported || kind_reported)
            && sentence.negation(i).is_none();
        // "les bâtiments A et B sont normaux", "the other sites are OK": a thing said to be
        // fine, other than a workstation ("le reste des PC fonctionne").
        // "everything went fine", "tout fonctionne" says nothing is partial.
        let of_part = match sentence.subject_of(i) {
            Some((_, Subject::Interface | Subject::Everything)) | None => false,
            // "les alarmes arrivent bien", "main building alarms are fine": part of the alarms
            // still come; "les alarmes sonnent bien sur place" are the sirens, not a part.
            Some((k, Subject::Alarm)) => {
                let qualified = k > 0
                    && sentence.same_clause(k - 1, k)
                    && !is_determiner(&sentence.items[k - 1].first)
                    && matches!(sentence.items[k - 1].meaning, None | Some(Meaning::Place | Meaning::Sensitive));
                // "intrusion alarms still arrive": a kind of alarm, one phrase of the lexicon.
                let of_a_kind = sentence.items[k].first != sentence.items[k].last;
                matches!(sentence.meaning(i), Some(Meaning::Works(Function::Report)))
                    || qualified
                    || of_a_kind
                    || sentence.restriction(k).is_some()
            }
            Some(_) => true,
        };
        // "Offices and lab are fine", "dans le A tout va bien": a place said fine; "partout
        // ailleurs c'est OK", "les autres tronçons sont OK": the other parts.
        let of_a_place = (i.saturating_sub(4)..i).any(|k| {
            sentence.same_clause(k, i)
                && (matches!(sentence.meaning(k), Some(Meaning::Place | Meaning::Sensitive | Meaning::Partial))
                    || sentence.items[k].meaning.is_none() && matches!(sentence.items[k].first.as_str(), "dans" | "in"))
        });
        let fine =
            sentence.meaning(i) == Some(Meaning::Fine) && sentence.negation(i).is_none() && (of_part || of_a_place);
        // "…, les étages fonctionnent": another part of the site works.
        let place_works = sentence.meaning(i) == Some(Meaning::Works(Function::Any))
            && sentence.negation(i).is_none()
            && i > 0
            && sentence.same_clause(i - 1, i)
            && matches!(sentence.meaning(i - 1), Some(Meaning::Place | Meaning::Sensitive));
        (works && of_part || fine || place_works).then_some(sentence.items[i].span)
    })
}

/// The system and scope a sentence leaves for the next one ("La caméra du hall. Elle est
/// HS depuis ce matin.").
#[derive(Debug, Clone)]
struct Carried {
    system: Option<System>,
    scope: Option<Known<Scope>>,
}

/// A finding: the facts one predicate gives, and whether its subject is unknown (a weak
/// finding, kept only when nothing else is found).
#[derive(Debug, Clone)]
pub struct Finding {
    /// The facts.
    pub facts: Facts,
    /// The subject is a thing the lexicon does not know, or nothing at all.
    pub weak: bool,
    /// The subject is a screen or an image, not a camera.
    screen_only: bool,
    /// Only a request or a polite ask ("pouvez-vous", "merci"): minor unless anything else
    /// is said.
    pub request: bool,
    /// Its scope is a floor or a building taken whole ("tout le RDC", "ce bâtiment n'a plus
    /// une seule image"): the whole site when the text says the site is no more than that.
    place_taken_whole: bool,
    /// A request in a sentence that names nothing ("Pas urgent.", "Can you send someone?"):
    /// it says how to handle the incident, not what it is.
    pub bare: bool,
    /// A device named with nothing understood of it, in a sentence that does not say it
    /// works: something may be wrong with it that the text says in words not understood.
    pub unread: bool,
}

/// A message that is news for the desk, not an incident: a test or a cut announced, a
/// failure said over, all said to be clear. Minor, like a request, unless anything else is
/// said.
fn news(sentence: &Sentence, said: Span) -> Finding {
    let mut f = finding(sentence, None, None, Some((Effect::Nuisance(Symptom::Configuration), said)));
    f.request = true;
    f
}

fn finding(
    sentence: &Sentence,
    subject: Option<(usize, Subject)>,
    carried: Option<&Carried>,
    effect: Option<(Effect, Span)>,
) -> Finding {
    let mut facts = Facts::default();
    let (system, scope) = match subject {
        Some((i, s)) => {
            (s.system(), sentence.scope_of(i, s).or_else(|| s.system().and_then(|sys| sentence.devices_scope(sys))))
        }
        None => (carried.and_then(|c| c.system), carried.and_then(|c| c.scope.clone())),
    };
    // A nuisance or an image says little of the system: a device of the sentence may
    // ("l'affichage *des caméras*").
    let system = system.or_else(|| {
        subject.filter(|(_, s)| *s != Subject::Unknown)?;
        (0..sentence.items.len()).find_map(|j| sentence.subject_at(j).and_then(Subject::system))
    });
    // "le NVR a perdu la journée sur la caméra de la réserve": the cameras say how much was
    // lost, not the recorder.
    let scope = match (subject, effect) {
        (Some((_, Subject::SystemName(s))), Some((Effect::RecordingLost, _))) => sentence.devices_scope(s).or(scope),
        _ => scope,
    };
    let subject_span: Vec<Span> = subject.map(|(i, _)| sentence.items[i].span).into_iter().collect();
    facts.system = system.map(|s| Known::said(s, &subject_span));
    facts.scope = scope;
    if let Some(j) = sentence.find(|m| matches!(m, Meaning::Sensitive | Meaning::MainDoor)) {
        facts.sensitive_zone = Some(Known::said(true, &[sentence.items[j].span]));
    }
    // "caméras HS en zone sensible": a place named in the sentence restricts "the cameras";
    // not the room where the screens stand ("the guard room screens are blank"), nor places
    // listed as none ("ni l'entrée, ni les quais, ni les bureaux").
    let screens = subject.is_some_and(|(i, _)| sentence.is_screen(i));
    if facts.scope.as_ref().is_some_and(|s| s.certainty == Certainty::Assumed) && !screens {
        // "à l'agence de Bourg-la-Reine": a word that names the site is all of it.
        let place = (0..sentence.items.len()).find(|&j| {
            matches!(sentence.meaning(j), Some(Meaning::Place | Meaning::Sensitive))
                && !sentence.listed_as_none(j)
                && !SITE_WORDS.contains(&sentence.items[j].first.as_str())
        });
        if let Some(j) = place {
            facts.scope = Some(Known::said(Scope::SeveralDevices, &[sentence.items[j].span]));
        }
    }
    // "des trous partout dans la timeline": everywhere in a thing, not on the site.
    let within_a_thing = |j: usize| {
        let mut k = j + 1;
        if !sentence
            .items
            .get(k)
            .is_some_and(|n| n.meaning.is_none() && matches!(n.first.as_str(), "dans" | "in" | "sur" | "on"))
        {
            return false;
        }
        k += 1;
        while sentence.items.get(k).is_some_and(|n| n.meaning.is_none() && is_determiner(&n.first)) {
            k += 1;
        }
        sentence.items.get(k).is_some_and(|n| {
            !matches!(n.meaning, Some(Meaning::Place | Meaning::Sensitive | Meaning::WholeSite))
                && !SITE_WORDS.contains(&n.first.as_str())
                && !BUILDING_WORDS.contains(&n.first.as_str())
        })
    };
    if let Some(j) = sentence.find(|m| m == Meaning::WholeSite).filter(|&j| !within_a_thing(j)) {
        // "cam hs partout": everywhere outweighs a bare singular; "sur le site" does not.
        let strong = !matches!(sentence.items[j].first.as_str(), "sur" | "du" | "on");
        let bare_one = subject.is_some_and(|(i, _)| sentence.quantity_before(i).is_none())
            && facts.scope.as_ref().is_some_and(|s| s.value == Scope::OneDevice);
        let weak_scope = facts.scope.as_ref().is_none_or(|s| s.certainty == Certainty::Assumed);
        let inferred = facts.scope.as_ref().is_some_and(|s| s.certainty == Certainty::Inferred);
        if weak_scope || strong && (bare_one || inferred) {
            facts.scope = Some(Known::said(Scope::WholeSite, &[sentence.items[j].span]));
        }
    }
    if let Some((_, span)) = effect {
        let at = sentence.items.iter().position(|it| it.span.start >= span.start).unwrap_or(0);
        // "… sont toutes noires : plus rien nulle part", "there's nothing left anywhere":
        // everywhere is said of the failure, whatever the devices named before.
        // So is "on ne voit plus rien, ni dedans ni dehors": the clause after it, when it
        // only says where.
        let everywhere = (0..sentence.items.len()).any(|j| {
            let said_after = sentence.clause[j] == sentence.clause[at] + 1
                && matches!(sentence.items[j].first.as_str(), "ni" | "neither")
                && j > at;
            sentence.meaning(j) == Some(Meaning::WholeSite)
                && (sentence.same_clause(j, at) || said_after)
                && !matches!(sentence.items[j].first.as_str(), "sur" | "du" | "on")
                && !within_a_thing(j)
        });
        if everywhere && subject.is_none_or(|(i, _)| !sentence.same_clause(i, at)) {
            facts.scope = Some(Known::said(Scope::WholeSite, &[span]));
        }
        // "nous n'avons que deux caméras et elles sont toutes les deux hors service", "none
        // of them works": every one of the devices named, when no place restricts them.
        let all_of_them = (0..sentence.items.len()).any(|k| {
            matches!(sentence.meaning(k), Some(Meaning::Quantity(Quantity::All | Quantity::NoneOf)))
                && matches!(sentence.items[k].last.as_str(), "them" | "deux" | "elles" | "eux")
        });
        if all_of_them && subject.is_some_and(|(i, s)| s.weight() == 2 && sentence.restriction(i).is_none()) {
            facts.scope = Some(Known::said(Scope::WholeSite, &[span]));
        }
        // "la caméra de l'entrée et toutes les autres sont noires": that one and all the rest.
        let and_all_the_others = (1..at).find(|&k| {
            sentence.same_clause(k, at)
                && sentence.meaning(k) == Some(Meaning::Partial)
                && matches!(sentence.items[k].first.as_str(), "toutes" | "tous" | "all")
                && matches!(sentence.items[k - 1].first.as_str(), "et" | "and")
        });
        if let Some(k) = and_all_the_others {
            facts.scope = Some(Known::said(Scope::WholeSite, &[sentence.items[k].span]));
        }
        // "on ne voit plus rien du tout", "sans ça il est aveugle": nothing at all, said of
        // nothing that has a size (no subject, a person, a program), is everything the
        // client watches.
        let nothing_at_all = matches!(effect, Some((Effect::Symptom(Symptom::Down), _)))
            && facts.scope.is_none()
            && !(0..sentence.items.len()).any(|j| {
                matches!(
                    sentence.subject_at(j),
                    Some(Subject::Device(_) | Subject::SystemName(_) | Subject::Door | Subject::Image)
                )
            })
            && sentence.items.iter().any(|it| {
                it.span.start >= span.start
                    && it.span.end <= span.end
                    && it.meaning == Some(Meaning::Nothing)
                    && matches!(
                        it.first.as_str(),
                        "plus" | "rien" | "il" | "est" | "sont" | "on" | "nous" | "we" | "blind" | "aveugle"
                    )
            });
        if nothing_at_all {
            facts.scope = Some(Known::assumed(Scope::WholeSite, &[span]));
        }
    }
    // "aucun lecteur ne fonctionne au 3e étage": a place said after the verb restricts
    // "none" or "all" of the devices, unless the site itself is named.
    if let Some((i, _)) = subject.filter(|(_, s)| s.weight() == 2 || *s == Subject::Image) {
        // "les trois caméras n'ont plus d'image": the cameras counted, whatever the subject.
        let counted = matches!(sentence.quantity_before(i), Some((Quantity::All | Quantity::NoneOf, _)))
            || facts.scope.as_ref().is_some_and(|s| {
                s.value == Scope::WholeSite
                    && s.evidence.iter().any(|e| {
                        sentence.items.iter().any(|it| {
                            (it.number.is_some() || it.meaning == Some(Meaning::Quantity(Quantity::Several)))
                                && e.start <= it.span.start
                                && it.span.end <= e.end
                        })
                    })
            });
        let site = (0..sentence.items.len())
            .any(|k| sentence.same_clause(k, i) && sentence.meaning(k) == Some(Meaning::WholeSite));
        // A place introduced by a preposition, not before `from`: "au *3e* étage", "on the
        // *second* floor".
        let introduced = |k: usize, from: usize| {
            let mut p = k.saturating_sub(1);
            while p > from
                && (sentence.items[p].first.starts_with(|c: char| c.is_ascii_digit())
                    || sentence.meaning(p) == Some(Meaning::Quantity(Quantity::One))
                    || sentence.items[p].meaning.is_none()
                        && matches!(sentence.items[p].first.as_str(), "l" | "le" | "la"))
            {
                p -= 1;
            }
            k > from
                && matches!(sentence.meaning(k), Some(Meaning::Place))
                && sentence.items[p].meaning.is_none()
                && matches!(
                    sentence.items[p].first.as_str(),
                    "au" | "aux" | "dans" | "in" | "at" | "on" | "en" | "sur" | "the"
                )
        };
        let place_after =
            (i + 1..sentence.items.len()).take_while(|&k| sentence.same_clause(k, i)).find(|&k| introduced(k, i + 1));
        // "Au 2e étage plus aucune caméra ne remonte": the place said first; "Au niveau -2 du
        // parking, toutes les caméras sont figées": in a clause of its own before, with no
        // verb of its own.
        let fronted = |k: usize| {
            sentence.clause[k] == 0
                && sentence.clause[i] == 1
                && !(0..sentence.items.len()).any(|m| {
                    sentence.clause[m] == 0
                        && matches!(
                            sentence.meaning(m),
                            Some(Meaning::Problem(_) | Meaning::Works(_) | Meaning::Negation(_) | Meaning::Missing)
                        )
                })
        };
        let place_before = (0..i).find(|&k| (sentence.same_clause(k, i) || fronted(k)) && introduced(k, 0));
        if let Some(k) = place_after
            .or(place_before)
            .filter(|_| counted && !site && facts.scope.as_ref().is_some_and(|s| s.value == Scope::WholeSite))
        {
            facts.scope = Some(Known::said(Scope::SeveralDevices, &[sentence.items[k].span]));
        }
    }
    // "le contrôle d'accès est HS sur l'entrée fournisseurs uniquement": one door only.
    if let Some((i, _)) = subject {
        let only_there = (i + 1..sentence.items.len()).take_while(|&k| sentence.same_clause(k, i)).find(|&k| {
            matches!(sentence.meaning(k), Some(Meaning::Door | Meaning::MainDoor | Meaning::Place | Meaning::Sensitive))
                && (k + 1..sentence.items.len().min(k + 4))
                    .any(|n| matches!(sentence.items[n].first.as_str(), "uniquement" | "seulement" | "only"))
        });
        if let Some(k) = only_there.filter(|_| facts.scope.as_ref().is_some_and(|s| s.value == Scope::WholeSite)) {
            facts.scope = Some(Known::said(Scope::SeveralDevices, &[sentence.items[k].span]));
        }
    }
    // "le sas reste bloqué, aucune des deux portes ne s'ouvre": the two doors of the airlock.
    if let Some((i, Subject::Door)) = subject {
        let two = sentence.quantity_before(i).is_some_and(|(_, q)| {
            sentence.items.iter().any(|it| {
                it.span.start >= q.start && it.span.end <= q.end && matches!(it.last.as_str(), "deux" | "two" | "both")
            })
        });
        let airlock = sentence.items.iter().any(|it| matches!(it.first.as_str(), "sas" | "airlock" | "mantrap"));
        if two && airlock && facts.scope.as_ref().is_some_and(|s| s.value == Scope::WholeSite) {
            facts.scope = Some(Known::said(Scope::OneDevice, &[sentence.items[i].span]));
        }
    }
    // "Bâtiment C : aucun lecteur ne fonctionne", "building D": one part of the site.
    if let Some(span) = sentence.named_building() {
        let weak = facts.scope.as_ref().is_none_or(|s| s.certainty < Certainty::Stated);
        let whole = facts.scope.as_ref().is_some_and(|s| s.value == Scope::WholeSite)
            && sentence.find(|m| m == Meaning::WholeSite).is_none();
        if weak || whole {
            facts.scope = Some(Known::said(Scope::SeveralDevices, &[span]));
        }
    }
    // "deux des sept agences", "dans toute l'usine", "toutes les salles": how much of the
    // site, said of its parts.
    if facts.scope.as_ref().is_none_or(|s| s.certainty == Certainty::Assumed) {
        if let Some((scope, span)) = sentence.parts_counted() {
            facts.scope = Some(Known::said(scope, &[span]));
        }
    }
    let weak = matches!(subject, Some((_, Subject::Unknown))) || subject.is_none() && carried.is_none();
    if let Some((effect, span)) = effect {
        let said = |v: bool| Some(Known::said(v, &[span]));
        match effect {
            Effect::Symptom(s) => facts.symptom = Some(Known::said(s, &[span])),
            Effect::Nuisance(n) => facts.nuisance = Some(Known::said(n, &[span])),
            Effect::RecordingLost => {
                // "a perdu deux jours d'images": a time lost is part of the recordings, not
                // all of them, unless every camera is said.
                let counted_time = (1..sentence.items.len()).any(|k| {
                    DURATION_WORDS.contains(&sentence.items[k].first.trim_end_matches('s'))
                        && (sentence.items[k - 1].number.is_some()
                            || matches!(
                                sentence.meaning(k - 1),
                                Some(Meaning::Quantity(Quantity::Several | Quantity::One))
                            ))
                });
                // "entre 2h et 5h", "from 12 to 15 March": a window of time.
                let window = (0..sentence.items.len().saturating_sub(3)).any(|k| {
                    let it = &sentence.items;
                    // A number, or an hour ("2h", "14h30").
                    let when = |n: &Item| n.number.is_some() || n.first.starts_with(|c: char| c.is_ascii_digit());
                    matches!(it[k].first.as_str(), "entre" | "between" | "from" | "de" | "du")
                        && when(&it[k + 1])
                        && matches!(it[k + 2].first.as_str(), "et" | "and" | "to" | "a" | "au")
                        && when(&it[k + 3])
                });
                let counted_time = counted_time || window;
                let every_device =
                    sentence.find(|m| matches!(m, Meaning::Quantity(Quantity::All | Quantity::NoneOf))).is_some();
                if counted_time && !every_device && facts.scope.as_ref().is_some_and(|s| s.value == Scope::WholeSite) {
                    facts.scope = Some(Known::said(Scope::SeveralDevices, &[span]));
                }
                // A window with nothing in it is a gap, whatever the number of cameras.
                if window && facts.scope.as_ref().is_none_or(|s| s.value == Scope::WholeSite) {
                    facts.scope = Some(Known::said(Scope::SeveralDevices, &[span]));
                }
                facts.recording_lost = said(true);
                facts.system = facts.system.or_else(|| Some(Known::said(System::Video, &[])));
            }
            Effect::AlarmsLost => facts.alarms_lost = said(true),
            Effect::Unauthorized => facts.unauthorized_access = said(true),
            Effect::Intrusion => facts.intrusion = said(true),
            Effect::SystemDown(s) => {
                facts.system = Some(Known::said(s, &subject_span));
                facts.symptom = Some(Known::said(Symptom::Down, &[span]));
            }
        }
        // "offline for a minute or two, then it's back": degraded, not out of service.
        let at = sentence.items.iter().position(|it| it.span.start >= span.start).unwrap_or(0);
        // "il perd le serveur puis se reconnecte quelques minutes après": also in a later
        // clause that names nothing else.
        let recurring = (0..sentence.items.len()).any(|k| {
            (sentence.same_clause(k, at)
                || sentence.clause[k] > sentence.clause[at]
                    && (0..k).filter(|&m| sentence.clause[m] == sentence.clause[k]).count() <= 2
                    && (0..k).all(|m| sentence.clause[m] != sentence.clause[k] || sentence.items[m].meaning.is_none()))
                && matches!(sentence.meaning(k), Some(Meaning::Intermittent | Meaning::Recurrent))
                && sentence.negation(k).is_none()
        });
        // "the link drops out every hour; during that time its alarms do not come through":
        // alarms lost now and then, anywhere in the sentence.
        let recurring_alarms = Facts::holds(&facts.alarms_lost)
            && (0..sentence.items.len()).any(|k| {
                matches!(sentence.meaning(k), Some(Meaning::Intermittent | Meaning::Recurrent))
                    && sentence.negation(k).is_none()
            });
        if recurring || recurring_alarms {
            if let Some(symptom) = facts.symptom.as_mut().filter(|s| s.value == Symptom::Down && recurring) {
                symptom.value = Symptom::Degraded;
            }
            if Facts::holds(&facts.alarms_lost) {
                facts.alarms_lost = None;
                facts.system = Some(Known::said(System::Hypervisor, &[]));
                facts.symptom = Some(Known::said(Symptom::Degraded, &[span]));
            }
        }
    }
    Finding {
        facts,
        weak: weak && facts_are_symptom_only(effect),
        screen_only: false,
        request: false,
        place_taken_whole: false,
        bare: false,
        unread: false,
    }
}

/// Only a failure of an unknown thing is weak: an intrusion or a door left open is never
/// discounted.
fn facts_are_symptom_only(effect: Option<(Effect, Span)>) -> bool {
    matches!(effect, Some((Effect::Symptom(_), _)))
}

/// What a client writes to announce work or a drill on purpose: "c'est prévu, pas besoin
/// d'intervenir", "we'll trigger the alarm on purpose, please ignore events".
const ANNOUNCED: &[&str] = &[
    "c est prevu",
    "prevu demain",
    "planned",
    "no action needed",
    "no need to intervene",
    "pas besoin d intervenir",
    "ne tenez pas compte",
    "please ignore",
    "on purpose",
    "expres",
    "volontairement",
    "deliberately",
    "merci de ne pas appeler",
    "merci de pas appeler",
    "prevue par",
    "prevu par",
    "ne pas tenir compte",
    "ne pas en tenir compte",
    "pour des travaux",
    "exercice d evacuation",
    "evacuation drill",
    "fire drill",
    "programmee",
    "scheduled",
];

/// Words of the future tense or of a day to come.
const FUTURE: &[&str] = &[
    "prevoyons",
    "seront",
    "sera",
    "aura",
    "auront",
    "will",
    "ll",
    "va",
    "vont",
    "allons",
    "going",
    "demain",
    "tomorrow",
    "prochain",
    "prochaine",
    "next",
];

/// Whether a word is of the future tense or of a day to come; "nous mettrons", "ils
/// couperont" by the French future's endings.
fn in_future(it: &Item) -> bool {
    let w = it.first.as_str();
    FUTURE.contains(&w) || it.meaning.is_none() && w.len() > 5 && (w.ends_with("rons") || w.ends_with("ront"))
}

/// Whether the text announces something done on purpose; the failures it tells in the
/// future ("seront éteints", "will be off") are then planned, not incidents.
fn announced(text: &str) -> bool {
    let folded = format!(" {} ", fold(text).replace([',', '.'], " "));
    ANNOUNCED.iter().any(|m| folded.contains(&format!(" {m} ")))
}

/// What a description says, finding by finding.
pub fn read(text: &str) -> Vec<Finding> {
    let announced = announced(text);
    let mut findings: Vec<Finding> = Vec::new();
    // Where each sentence's findings begin.
    let mut starts: Vec<usize> = Vec::new();
    let mut carried: Option<Carried> = None;
    let mut partial: Option<Span> = None;
    let mut one_fine = false;
    let mut place_fine = false;
    // The part that works is said as such: "les autres portes", "le reste du site".
    let mut rest_said = false;
    let mut fine_system: Option<System> = None;
    let mut none_of: Vec<Span> = Vec::new();
    let mut the_sender_works = false;
    let mut the_sender_detects = false;
    let has_quotes = text.contains(['«', '“', '"']) || text.contains(" '");
    let mut video_fine = false;
    let mut revoked_before = false;
    let mut site_is_part = false;
    let mut only_device: Option<System> = None;
    let mut only_devices = false;
    let mut inventory: Option<(System, Span, u32, usize)> = None;
    let all = sentences(text, items(text));
    let label = all.first().map_or(0, |first| first.label(text));
    for (n, sentence) in all.iter().enumerate() {
        // "Les badges des intérimaires ouvrent encore la pharmacie. Ils devaient expirer fin
        // août.": the next sentence says they should no longer open.
        let revoked_next = all.get(n + 1).is_some_and(|next| {
            next.find(|m| m == Meaning::Revoked).is_some()
                && next.items.first().is_some_and(|w| {
                    matches!(
                        w.first.as_str(),
                        "ils"
                            | "elles"
                            | "il"
                            | "elle"
                            | "he"
                            | "she"
                            | "they"
                            | "these"
                            | "those"
                            | "ces"
                            | "ceux"
                            | "his"
                            | "her"
                            | "their"
                            | "son"
                            | "sa"
                            | "leur"
                            | "leurs"
                    )
                })
        });
        let planned = announced && sentence.said_in_future();
        let mut found_here = false;
        // A failure said over ("le problème signalé lundi est résolu"): where it is.
        let mut over_here: Option<usize> = None;
        // "Hier une porte est restée ouverte pendant une livraison. Tout est rentré dans
        // l'ordre, la porte se verrouille bien.": a sentence that says everything is over,
        // of nothing else, ends what the sentences before it told; not a question, and not
        // "the coffee machine is fixed".
        let all_over = sentence.ends_what_came_before(text);
        if let Some(j) = all_over {
            let previous = starts.last().copied().unwrap_or(0);
            // A failure, not an intrusion or a door open to anyone: those stay facts to answer
            // once calm is back ("un intrus a été vu cette nuit. Tout est revenu au calme";
            // fail safe, whoever may have come in while the door was open).
            let told_before = findings[previous..].iter().any(|f| f.facts.symptom.is_some())
                && !findings[previous..]
                    .iter()
                    .any(|f| Facts::holds(&f.facts.intrusion) || Facts::holds(&f.facts.unauthorized_access));
            if told_before {
                // What the sentence just before told, not what came earlier.
                let previous = starts.last().copied().unwrap_or(0);
                let over: Vec<Finding> = findings.drain(previous..).filter(|f| f.request).collect();
                findings.extend(over);
                findings.push(news(sentence, sentence.items[j].span));
                carried = None;
            }
        }
        // "Un compte admin inconnu sur le VMS ? Non, c'est celui de votre technicien.": the
        // question the sentence answers "non" told no fact.
        // Not "No one was hurt": the word alone.
        let answers_no = sentence
            .items
            .first()
            .is_some_and(|w| matches!(w.first.as_str(), "non" | "no" | "nope") && w.first == w.last)
            && n.checked_sub(1)
                .and_then(|m| all[m].items.last())
                .zip(sentence.items.first())
                .is_some_and(|(question, answer)| between(text, question.span, answer.span).contains('?'));
        if answers_no {
            let previous = starts.last().copied().unwrap_or(0);
            let asked: Vec<Finding> = findings.drain(previous..).filter(|f| f.request).collect();
            findings.extend(asked);
            carried = None;
        }
        let first_here = findings.len();
        starts.push(first_here);
        site_is_part |= sentence.find(|m| m == Meaning::SiteIsPart).is_some();
        if let Some(k) = sentence.find(|m| m == Meaning::OnlyDevice) {
            if only_device.is_none() {
                only_device = sentence.the_only_device(k);
                // "nous n'avons que ces quatre caméras": the devices named are all there are.
                only_devices = only_device.is_some()
                    && matches!(sentence.items[k].last.as_str(), "ces" | "these" | "only" | "seules" | "seuls");
            }
        }
        if only_device.is_none() {
            if let Some(system) = sentence.every_device_counted() {
                only_device = Some(system);
                only_devices = true;
            }
        }
        // "on voudrait que la porte reste ouverte 5 secondes": a wish, not a fact; nor is a
        // case supposed in a question.
        let wish = sentence.find(|m| m == Meaning::Wish).or_else(|| sentence.supposed()).unwrap_or(usize::MAX);
        // "d'ailleurs", "par ailleurs" say "besides", not "elsewhere".
        // "même ceux de la direction", "even those of": the others too, not the rest fine.
        let besides = |j: usize| {
            sentence.items[j].first == "ailleurs" && j > 0 && matches!(sentence.items[j - 1].last.as_str(), "d" | "par")
                || j > 0 && matches!(sentence.items[j - 1].last.as_str(), "meme" | "even" | "ni" | "nor")
        };
        if let Some(j) = sentence.find(|m| m == Meaning::Partial).filter(|&j| !besides(j)) {
            // "le reste des PC fonctionne" speaks of workstations, not of the site.
            let of_workstations = matches!(sentence.subject_of(j), Some((k, Subject::Interface)) if k > j);
            // "la caméra 1 et toutes les autres sont noires": the others fail too.
            let others_fail = (j + 1..sentence.items.len()).take_while(|&k| sentence.same_clause(k, j)).any(|k| {
                matches!(sentence.meaning(k), Some(Meaning::Problem(_) | Meaning::Nothing | Meaning::Missing))
                    && sentence.negation(k).is_none()
            });
            if !of_workstations && !others_fail {
                partial = Some(sentence.items[j].span);
                place_fine = true;
                rest_said = true;
            }
        }
        none_of.extend(
            sentence
                .items
                .iter()
                .filter(|it| it.meaning == Some(Meaning::Quantity(Quantity::NoneOf)))
                .map(|it| it.span),
        );
        video_fine |= says_video_works(sentence);
        if partial.is_none() {
            partial = says_something_works(sentence);
            // "les alarmes intrusion arrivent bien", "the door alarms come": alarms of another
            // kind still arrive, the rest is said.
            rest_said |= partial.is_some_and(|span| {
                let works = sentence.items.iter().position(|it| it.span == span);
                works.and_then(|i| sentence.subject_of(i)).is_some_and(|(_, s)| s == Subject::Alarm)
            });
            // "plus de remontée d'alarmes vers l'hyperviseur ; la centrale, elle, détecte
            // bien": the panel that sends the alarms works, none of them arrives.
            the_sender_works = partial.is_some_and(|span| {
                let works = sentence.items.iter().position(|it| it.span == span);
                works.and_then(|i| sentence.subject_of(i)).is_some_and(|(_, s)| {
                    matches!(
                        s,
                        Subject::Device(System::IntrusionDetection) | Subject::SystemName(System::IntrusionDetection)
                    )
                })
            });
            // "nos tests déclenchent bien des détecteurs": the panel is said to detect.
            the_sender_detects = the_sender_works
                && partial.is_some_and(|span| {
                    sentence
                        .items
                        .iter()
                        .any(|it| it.span == span && it.meaning == Some(Meaning::Works(Function::Detect)))
                });
            // "…, les étages 1 à 4 sont ok", "the cameras at the gate are fine": another
            // place, or other cameras, work.
            place_fine |= partial.is_some_and(|span| {
                sentence.items.iter().position(|it| it.span == span).is_some_and(|i| {
                    (0..i).any(|k| {
                        sentence.same_clause(k, i)
                            && matches!(
                                sentence.meaning(k),
                                Some(Meaning::Place | Meaning::Sensitive | Meaning::Partial)
                            )
                    }) || matches!(sentence.subject_of(i), Some((_, Subject::Device(System::Video))))
                })
            });
            // "les badges marchent bien" says nothing of the cameras.
            fine_system = partial.and_then(|span| {
                let i = sentence.items.iter().position(|it| it.span == span)?;
                match sentence.subject_of(i)?.1 {
                    Subject::Device(s) | Subject::SystemName(s) => Some(s),
                    Subject::Door | Subject::Credential => Some(System::AccessControl),
                    Subject::Image | Subject::Recording => Some(System::Video),
                    _ => None,
                }
            });
            // "Lundi la caméra 12 a été nettoyée, RAS": one device said fine.
            one_fine = partial.is_some()
                && (0..sentence.items.len())
                    .find_map(|k| sentence.subject_at(k).filter(|s| s.weight() > 0).map(|s| (k, s)))
                    .and_then(|(k, s)| sentence.scope_of(k, s))
                    .is_some_and(|scope| scope.value == Scope::OneDevice);
        }
        // "Across the campus everything is fine except the sports hall, where none of the
        // cameras…": what the exception names is a part of the site.
        if partial.is_none() {
            // A place, not "sauf que": "tout va bien sauf que plus aucune caméra ne marche".
            let names_a_place = |e: usize| {
                (0..sentence.items.len()).any(|k| {
                    sentence.clause[k] == e
                        && (matches!(sentence.meaning(k), Some(Meaning::Place | Meaning::Sensitive))
                            || BUILDING_WORDS.contains(&sentence.items[k].first.as_str()))
                })
            };
            let fine_before_except = sentence.exceptions.first().filter(|&&e| names_a_place(e)).and_then(|&e| {
                (0..sentence.items.len())
                    .find(|&k| sentence.clause[k] < e && sentence.meaning(k) == Some(Meaning::Fine))
            });
            if let Some(k) = fine_before_except {
                partial = Some(sentence.items[k].span);
                place_fine = true;
            }
        }
        for i in 0..sentence.items.len() {
            let Some(mut meaning) = sentence.meaning(i) else { continue };
            // "recording stopped on camera 7": "stopped" with no verb after it is a failure.
            if meaning == Meaning::Negation(Negation::NoLonger)
                && matches!(sentence.items[i].first.as_str(), "stopped" | "stops" | "stop" | "ceased")
                && !(i + 1..sentence.items.len())
                    .take_while(|&j| sentence.same_clause(j, i))
                    .any(|j| matches!(sentence.meaning(j), Some(Meaning::Works(_))))
            {
                meaning = Meaning::Problem(Symptom::Down);
            }
            // A wish speaks for the rest of its clause: "…, et on voudrait que la porte reste
            // ouverte 5 secondes", but not for the next point of a list.
            if sentence.supposes(wish, i) && !matches!(meaning, Meaning::Request | Meaning::Nuisance(_)) {
                continue;
            }
            // "après la tentative d'effraction de l'hiver dernier", "la caméra qui était noire
            // remarche": over, not a failure now.
            if planned {
                continue;
            }
            // "par contre vidéo et intrusion remontent normalement": the intrusion alarms,
            // named as a kind that works.
            // "intrusion et vidéo arrivent normalement", "everything else (intrusion, access)
            // still comes through": a verb a little further, said well or still.
            let kind_that_works = (i + 1..sentence.items.len().min(i + 6)).any(|k| {
                matches!(sentence.meaning(k), Some(Meaning::Works(_)))
                    && sentence.negation(k).is_none()
                    && (sentence.meaning(k + 1) == Some(Meaning::Fine)
                        || k > 0 && sentence.meaning(k - 1) == Some(Meaning::Still))
                    && (sentence.same_clause(k, i) || sentence.items[i].first == "intrusion")
                    // Only other kinds listed between: not "intrusion cette nuit, la vidéo
                    // remonte bien".
                    && (i + 1..k).all(|m| {
                        matches!(
                            sentence.meaning(m),
                            Some(Meaning::Image | Meaning::SystemName(_) | Meaning::Door | Meaning::Still)
                        ) || matches!(sentence.items[m].first.as_str(), "et" | "and" | "access" | "acces")
                    })
            });
            // "les alarmes techniques et intrusion du bâtiment annexe": a kind of alarm listed.
            let listed_with_alarms = sentence.items[i].first == "intrusion"
                && i > 0
                && matches!(sentence.items[i - 1].first.as_str(), "et" | "and")
                && (i.saturating_sub(4)..i).any(|k| sentence.meaning(k) == Some(Meaning::Alarm));
            if meaning == Meaning::Intrusion && (kind_that_works || listed_with_alarms) {
                continue;
            }
            let over = sentence.said_over(i, text);
            if over
                && matches!(
                    meaning,
                    Meaning::Intrusion
                        | Meaning::Problem(_)
                        | Meaning::Unlocked
                        | Meaning::Forced
                        | Meaning::Missing
                        | Meaning::Nothing
                )
            {
                over_here.get_or_insert(i);
                continue;
            }
            if matches!(meaning, Meaning::Problem(_)) && sentence.dates_from(i) {
                continue;
            }
            // "…, le reste du site fonctionne": said of the rest, not of what failed before.
            let of_the_rest =
                (0..i).any(|k| sentence.same_clause(k, i) && sentence.meaning(k) == Some(Meaning::Partial));
            if matches!(meaning, Meaning::Works(_)) && of_the_rest && sentence.negation(i).is_none() {
                continue;
            }
            // "se ferme tout seul": closes by itself, the opposite of a door left open.
            if meaning == Meaning::Unlocked && i > 0 && sentence.meaning(i - 1) == Some(Meaning::Works(Function::Lock))
            {
                continue;
            }
            // "aucun badge désactivé n'a été accepté": the system doing its job.
            if meaning == Meaning::Admits
                && sentence.negation(i).is_some()
                && (0..sentence.items.len())
                    .any(|k| sentence.same_clause(k, i) && sentence.meaning(k) == Some(Meaning::Revoked))
            {
                continue;
            }
            // "a forcé la porte", "forced the depot door": the door after the verb was forced;
            // "a fracturé le local de stockage": a room forced is broken into.
            let after_verb = (i + 1..sentence.items.len().min(i + 4)).take_while(|&k| sentence.same_clause(k, i));
            let door_forced = meaning == Meaning::Forced
                && (after_verb
                    .clone()
                    .find(|&k| !matches!(sentence.items[k].meaning, None | Some(Meaning::Place | Meaning::Sensitive)))
                    .is_some_and(|k| matches!(sentence.meaning(k), Some(Meaning::Door | Meaning::MainDoor)))
                    || after_verb
                        .clone()
                        .find(|&k| sentence.items[k].meaning.is_some())
                        .is_some_and(|k| matches!(sentence.meaning(k), Some(Meaning::Place | Meaning::Sensitive))));
            // "une fenêtre du rez-de-chaussée forcée", "a window was forced": a way in.
            let window_forced = meaning == Meaning::Forced
                && (0..i).any(|k| {
                    sentence.same_clause(k, i)
                        && matches!(
                            sentence.items[k].first.as_str(),
                            "fenetre" | "fenetres" | "window" | "windows" | "vitre" | "baie"
                        )
                });
            if (door_forced || window_forced) && sentence.negation(i).is_none() {
                let f = finding(sentence, None, None, Some((Effect::Intrusion, sentence.items[i].span)));
                findings.push(f);
                found_here = true;
                continue;
            }
            // "l'effraction du mois dernier", "last week's break-in", "la tentative d'intrusion
            // de juillet": an event of the past; "le piratage dont parlent les journaux": one
            // of somewhere else.
            // "entré par le faux plafond depuis le local d'à côté": the way in, not another
            // site.
            let way_in = |j: usize| {
                (j.saturating_sub(4)..j)
                    .any(|k| matches!(sentence.items[k].first.as_str(), "depuis" | "from" | "via" | "through"))
            };
            let elsewhere = (0..sentence.items.len())
                .any(|j| sentence.same_clause(i, j) && sentence.meaning(j) == Some(Meaning::Elsewhere) && !way_in(j));
            if matches!(meaning, Meaning::Intrusion | Meaning::Forced)
                && (sentence.past_period(i) || sentence.named_by_month(i) || elsewhere)
            {
                continue;
            }
            // "la caméra a été recouverte, on ne sait pas par qui": the tampering is read as
            // what it does to the device, not as an unknown person on the systems.
            if meaning == Meaning::Disowned && sentence.device_tampered() {
                continue;
            }
            // "our neighbour got broken into, not us": not us is where it happened.
            if meaning == Meaning::Disowned && sentence.tells_of_an_intrusion_elsewhere() {
                continue;
            }
            // "je vous écris parce que mon collègue est en congé": someone away is only a
            // stranger's doing when an account or a badge of theirs was used.
            let away = matches!(sentence.items[i].last.as_str(), "conge" | "leave" | "holiday");
            if meaning == Meaning::Disowned
                && away
                && sentence.find(|m| matches!(m, Meaning::Account | Meaning::Credential)).is_none()
            {
                continue;
            }
            // "rien depuis ce matin sur les moniteurs": nothing shown on the screens, with no
            // verb.
            let nothing_on_screens = if matches!(sentence.items[i].first.as_str(), "rien" | "nothing")
                && meaning == Meaning::Quantity(Quantity::NoneOf)
                && !(0..sentence.items.len()).any(|k| {
                    sentence.same_clause(k, i)
                        && matches!(
                            sentence.meaning(k),
                            Some(Meaning::Works(_) | Meaning::Problem(_) | Meaning::Negation(Negation::Ne))
                        )
                }) {
                (i + 1..sentence.items.len())
                    .take_while(|&k| sentence.same_clause(k, i))
                    .find(|&k| sentence.is_screen(k))
            } else {
                None
            };
            if nothing_on_screens.is_some() {
                meaning = Meaning::Nothing;
            }
            let subject = nothing_on_screens
                .map(|k| (k, Subject::Image))
                // A phrase is its own subject only when it names its doors ("les deux portes
                // s'ouvrent").
                .or_else(|| sentence.subject_of(i).filter(|&(j, s)| j != i || s == Subject::Door))
                // "Depuis la mise à jour plus rien ne marche": the update only dates it.
                .filter(|&(j, s)| !(matches!(s, Subject::Nuisance(_)) && sentence.dates_from(j)));
            let none_counted = subject.is_some_and(|(j, _)| sentence.counted_as_none(j));
            let negation = sentence.negation(i);
            // "aucune caméra ne fonctionne" / "no camera works": all are down;
            // "aucune caméra n'est en panne": none is.
            let negated = negation.is_some() || none_counted;
            let object = subject.is_some_and(|(j, _)| j > i);
            let deactivated = ["desactiv", "disabled", "deactivated", "switched off"]
                .iter()
                .any(|w| sentence.items[i].first.starts_with(w));
            // "we open manually", "security comes to open it": people opening a door that
            // stays shut, the way round it, not a door left open (nor "falls back to 'open'").
            let people_open = meaning == Meaning::Unlocked
                && sentence.items[i].first == "open"
                && sentence.items[i].last == "open"
                && !(has_quotes && within_quotes(text, sentence.items[i].span))
                && (i > 0 && matches!(sentence.items[i - 1].first.as_str(), "we" | "to" | "i" | "they" | "you")
                    || (0..sentence.items.len())
                        .any(|k| sentence.same_clause(k, i) && sentence.meaning(k) == Some(Meaning::ByHand)));
            // "the doors themselves open and lock normally": doors doing their job.
            let normally = meaning == Meaning::Unlocked
                && sentence.negation(i).is_none()
                && sentence
                    .find(|m| {
                        matches!(m, Meaning::Revoked | Meaning::Unauthorized | Meaning::Anyone | Meaning::Suspicious)
                    })
                    .is_none()
                && (i + 1..sentence.items.len().min(i + 4)).any(|k| sentence.meaning(k) == Some(Meaning::Fine));
            // "no alarm, nobody came in": people, not alarms, did not come in.
            let nobody = meaning == Meaning::Enters
                && (i.saturating_sub(3)..i).any(|k| {
                    let w = &sentence.items[k];
                    matches!(w.first.as_str(), "nobody" | "personne")
                        || w.first == "no"
                            && (w.last == "one" || sentence.items.get(k + 1).is_some_and(|n| n.first == "one"))
                });
            if people_open || normally || nobody || meaning == Meaning::Intrusion && sentence.subject_at(i).is_some() {
                continue;
            }
            // "on a testé avec une porte ouverte, l'alerte est apparue 12 minutes après", "15
            // minutes after the door actually opened": a door opened to time the alarms.
            let timing_a_test = meaning == Meaning::Unlocked
                && sentence.items.iter().any(|it| {
                    [&it.first, &it.last].iter().any(|w| {
                        matches!(
                            w.as_str(),
                            "retard" | "late" | "later" | "essayer" | "teste" | "tested" | "test" | "testing" | "essai"
                        )
                    })
                })
                && (0..sentence.items.len()).any(|k| {
                    sentence.meaning(k) == Some(Meaning::Alarm)
                        || matches!(sentence.items[k].first.as_str(), "affichee" | "apparue" | "shown" | "appeared")
                });
            if timing_a_test {
                continue;
            }
            // "la porte ne se déverrouille plus", "the door won't unlock anymore": a door
            // that stopped opening, not one left open.
            let stopped = || {
                (0..sentence.items.len()).any(|k| {
                    sentence.same_clause(k, i)
                        && matches!(sentence.meaning(k), Some(Meaning::Negation(Negation::Plus | Negation::NoLonger)))
                })
            };
            if meaning == Meaning::Unlocked
                && negated
                && matches!(subject, Some((_, Subject::Door | Subject::Device(System::AccessControl))))
                && stopped()
            {
                meaning = Meaning::Works(Function::Open);
            }
            // "impossible d'entrer avec le bon badge", "le badge ne passe plus": people kept
            // out by the doors, a door that works badly (how many doors, the words do not
            // tell); not "personne n'est entré", nobody came in, nor people alone ("personne ne
            // peut entrer").
            let can = |k: usize| {
                matches!(
                    sentence.items[k].first.as_str(),
                    "peut" | "peuvent" | "pouvons" | "pouvez" | "can" | "cannot" | "cant" | "impossible"
                )
            };
            let kept_out = meaning == Meaning::Enters
                && negated
                && (stopped() || (0..=i).any(|k| sentence.same_clause(k, i) && can(k)))
                && matches!(
                    subject,
                    Some((
                        _,
                        Subject::Credential
                            | Subject::Door
                            | Subject::Device(System::AccessControl)
                            | Subject::SystemName(System::AccessControl)
                    ))
                );
            if kept_out {
                meaning = Meaning::Problem(Symptom::Degraded);
            }
            // "The doors unlock at 1am. I found them open": open, said of the doors of the
            // sentence before.
            let carried_door = meaning == Meaning::Unlocked
                && carried.as_ref().is_some_and(|c| c.system == Some(System::AccessControl));
            // "Can you check the warehouse cameras? They stopped recording since Tuesday": the
            // cameras of the sentence before no longer record.
            let carried_recording = meaning == Meaning::Missing
                && ["record", "enregistr"].iter().any(|w| sentence.items[i].last.starts_with(w))
                && carried.as_ref().is_some_and(|c| c.system == Some(System::Video));
            let read_of = subject
                .map(|(_, s)| s)
                .or(carried_door.then_some(Subject::Door))
                .or(carried_recording.then_some(Subject::Recording));
            // "There are gaps in the lobby camera recordings", "des trous dans les
            // enregistrements": what is missing is the recordings named after it.
            let recordings_after = || {
                (i + 1..sentence.items.len())
                    .take_while(|&k| sentence.same_clause(k, i))
                    .find_map(|k| {
                        sentence.subject_at(k).filter(|s| !matches!(s, Subject::Device(_) | Subject::Unknown))
                    })
                    .filter(|s| *s == Subject::Recording)
            };
            let after_it = subject.is_none_or(|(j, _)| j > i);
            let read_of =
                if meaning == Meaning::Missing && after_it { recordings_after().or(read_of) } else { read_of };
            // A verb of receiving alarms, not of sending: "ne reçoit plus aucune alarme".
            let received =
                ["recoi", "recev", "recu", "receiv", "arriv"].iter().any(|w| sentence.items[i].first.starts_with(w))
                    && (i + 1..sentence.items.len()).take_while(|&k| sentence.same_clause(k, i)).any(|k| {
                        matches!(
                            sentence.meaning(k),
                            Some(Meaning::Alarm | Meaning::SystemName(System::IntrusionDetection))
                        )
                    });
            if n == 0 && i < label {
                continue;
            }
            // "le logiciel de badges est passé en anglais tout seul": software that changes by
            // itself opens no door.
            let by_itself =
                matches!(sentence.items[i].first.as_str(), "tout" | "toute" | "toutes" | "tous" | "by" | "on");
            // "On a redémarré, ça n'a rien changé", "we rebooted it": what people tried, not a
            // device that restarts by itself.
            let restarted_by_people = matches!(meaning, Meaning::Problem(_))
                && ["redemarr", "reboot"].iter().any(|w| sentence.items[i].first.starts_with(w))
                && (i.saturating_sub(3)..i).any(|k| {
                    sentence.same_clause(k, i)
                        && matches!(
                            sentence.items[k].first.as_str(),
                            "on" | "nous" | "je" | "j" | "i" | "we" | "avons" | "ai" | "have" | "ve" | "vous" | "you"
                        )
                });
            // "in wrong order after reboot": the restart only dates what follows.
            let restart_dated = matches!(meaning, Meaning::Problem(_))
                && ["redemarr", "reboot", "restart"].iter().any(|w| sentence.items[i].first.starts_with(w))
                && sentence.dates_from(i);
            if restarted_by_people || restart_dated {
                continue;
            }
            // "We are open 7am to 9pm", "le site est ouvert de 8h à 18h": opening hours, not a
            // door left open. "Le technicien passe demain": a visit planned, not someone who
            // gets in.
            // "de 8h à 18h", "from 7am to 9pm", "en journée": a schedule; not "found open at
            // 3am".
            let clock = |k: usize| {
                sentence.items.get(k).is_some_and(|n| {
                    n.first.starts_with(|c: char| c.is_ascii_digit())
                        && (n.first.ends_with('h')
                            || n.first.ends_with("am")
                            || n.first.ends_with("pm")
                            || n.number.is_some())
                })
            };
            let at_hours = (i + 1..sentence.items.len().min(i + 3)).any(|k| {
                let w = sentence.items[k].first.as_str();
                matches!(w, "de" | "from")
                    && clock(k + 1)
                    && (k + 2..sentence.items.len().min(k + 4))
                        .any(|m| matches!(sentence.items[m].first.as_str(), "a" | "to" | "until" | "jusqu"))
                    || matches!(w, "en" | "during" | "in")
                        && sentence.items.get(k + 1).is_some_and(|n| {
                            n.first == "journee"
                                || n.first == "day"
                                || n.first == "the"
                                    && sentence
                                        .items
                                        .get(k + 2)
                                        .is_some_and(|d| matches!(d.first.as_str(), "day" | "daytime"))
                        })
            });
            let people_open = (i.saturating_sub(2)..i).any(|k| {
                matches!(sentence.items[k].first.as_str(), "we" | "nous" | "on")
                    && matches!(sentence.items[k + 1].first.as_str(), "are" | "re" | "sommes" | "est" | "were")
            });
            let planned = (i + 1..sentence.items.len().min(i + 3)).any(|k| {
                matches!(
                    sentence.items[k].first.as_str(),
                    "demain"
                        | "tomorrow"
                        | "lundi"
                        | "mardi"
                        | "mercredi"
                        | "jeudi"
                        | "vendredi"
                        | "samedi"
                        | "monday"
                        | "tuesday"
                        | "wednesday"
                        | "thursday"
                        | "friday"
                        | "saturday"
                        | "next"
                        | "prochain"
                        | "prochaine"
                        | "cet"
                        | "this"
                )
            });
            if meaning == Meaning::Unlocked && (at_hours || people_open) || meaning == Meaning::Enters && planned {
                continue;
            }
            // "Ça fait plusieurs fois", "It has happened several times": how often what was told
            // before happens, not a new failure of its own.
            // "Le problème persiste", "the issue was already reported": the problem told before.
            let the_problem = matches!(meaning, Meaning::Problem(_))
                && matches!(
                    sentence.items[i].first.as_str(),
                    "probleme" | "problemes" | "souci" | "soucis" | "issue" | "problem"
                );
            let remark = (meaning == Meaning::Intermittent || the_problem)
                && (0..sentence.items.len()).all(|k| {
                    k == i
                        || sentence.subject_at(k).is_none()
                            && !matches!(
                                sentence.meaning(k),
                                Some(Meaning::Problem(_) | Meaning::Works(_) | Meaning::Missing | Meaning::Nothing)
                            )
                });
            if remark {
                continue;
            }
            // "Since the update, the camera…": the update only dates what follows.
            let update = ["update", "mise", "maj", "upgrade", "migration"].contains(&sentence.items[i].first.as_str());
            if matches!(meaning, Meaning::Nuisance(_)) && update && sentence.dates_from(i) {
                continue;
            }
            // "le compte d'un technicien en congé a servi cette nuit": someone away is the point
            // only when their account, badge or code was used; "le gérant est en congés" is news.
            let away = is_away(&sentence.items[i]);
            let used = |s: &Sentence| {
                s.find(|m| matches!(m, Meaning::Account | Meaning::Credential | Meaning::Changed | Meaning::Revoked))
                    .is_some()
            };
            if meaning == Meaning::Disowned && away && !used(sentence) {
                continue;
            }
            // "personne de l'équipe n'a touché" is nobody; "deux personnes de l'équipe" are people.
            if meaning == Meaning::Disowned && sentence.items[i].first == "personnes" {
                continue;
            }
            if meaning == Meaning::Unlocked
                && by_itself
                && matches!(read_of, Some(Subject::SystemName(_) | Subject::Interface | Subject::InterfaceOf(_)))
            {
                continue;
            }
            let Some(mut effect) = effect(meaning, negated && !kept_out, read_of, object, deactivated, received) else {
                continue;
            };
            // "je n'ai pas reçu la facture": what did not arrive is a paper, not an alarm.
            let paper_after = || {
                (i + 1..sentence.items.len())
                    .find(|&k| !(sentence.items[k].meaning.is_none() && is_determiner(&sentence.items[k].first)))
                    .is_some_and(|k| sentence.meaning(k) == Some(Meaning::Request))
            };
            if effect == Effect::AlarmsLost && subject.is_none() && paper_after() {
                continue;
            }
            // "l'export d'hier 14h pour la caméra du hall : il n'y a rien": an export that holds
            // nothing is a recording missing.
            let empty_export = matches!(meaning, Meaning::Nothing | Meaning::Missing)
                && subject.is_some_and(|(k, _)| sentence.items[k].first.starts_with("export"));
            if empty_export {
                effect = Effect::RecordingLost;
            }
            // "on s'est fait voler le portable avec les identifiants de l'hyperviseur": stolen
            // credentials open the systems to whoever has them.
            if meaning == Meaning::Secret && !negated && sentence.tells_a_theft() {
                effect = Effect::Intrusion;
            }
            // "le logiciel plante quand on imprime un badge", "the VMS client crashes when I
            // export": a bug of the software, triggered by what the user does.
            if sentence.software_bug(i) && matches!(effect, Effect::Symptom(_) | Effect::SystemDown(_)) {
                effect = Effect::Nuisance(Symptom::Display);
            }
            // "Alarme de porte forcée en boucle": an alarm that repeats is a device working badly.
            if matches!(subject, Some((_, Subject::Alarm)))
                && matches!(sentence.items[i].last.as_str(), "boucle" | "loop")
                && effect == Effect::AlarmsLost
            {
                effect = Effect::Symptom(Symptom::Degraded);
            }
            // "les portes ouvertes apparaissent en vert sur le plan": the colour of a state.
            let coloured = (0..sentence.items.len()).any(|k| {
                sentence.same_clause(k, i)
                    && sentence.meaning(k) == Some(Meaning::Nuisance(Symptom::Display))
                    && matches!(
                        sentence.items[k].last.as_str(),
                        "vert" | "rouge" | "gris" | "orange" | "bleu" | "green" | "red" | "grey" | "gray" | "blue"
                    )
            });
            // "changer le texte de l'alarme « intrusion »", "the 'forced door' alarm wording":
            // a state named in quotes in a request is a label.
            // Not a request the quotes themselves make ("'write to this email to get them back'").
            let asked = (0..sentence.items.len()).any(|k| {
                matches!(sentence.meaning(k), Some(Meaning::Request | Meaning::Wish))
                    && !(n == 0 && k < label)
                    && !(has_quotes && within_quotes(text, sentence.items[k].span))
            });
            // "la mosaïque « intrusion »", "le nom de la caméra « Entrée effraction »", "la
            // caméra « Intrusion Est »", "la vue « effraction »": the name of a layout, a view
            // or a device, in quotes after it. After a colon, the quotes give what it says
            // ("l'écran des caméras : « vos fichiers ont été chiffrés »").
            let name_of_a_thing = has_quotes
                && within_quotes(text, sentence.items[i].span)
                && (0..i).rev().find(|&k| !within_quotes(text, sentence.items[k].span)).is_some_and(|k| {
                    matches!(sentence.meaning(k), Some(Meaning::Nuisance(_) | Meaning::Device(_) | Meaning::Image))
                        && !between(text, sentence.items[k].span, sentence.items[i].span).contains(':')
                });
            // "modifier le délai de l'alarme « porte restée ouverte »": anywhere in the quotes.
            let in_quotes =
                quoted(text, sentence.items[i].span) || has_quotes && within_quotes(text, sentence.items[i].span);
            // "the camera called 'Vault Intrusion'": a name given, quoted or not.
            // The quotes may open a clause of their own: "s'appelle « cam HS »".
            let called = (0..i).any(|k| {
                sentence.clause[k] + 1 >= sentence.clause[i]
                    && [&sentence.items[k].first, &sentence.items[k].last].iter().any(|w| {
                        matches!(w.as_str(), "called" | "named" | "appelee" | "nommee" | "intitulee" | "appelle")
                    })
            });
            let named = in_quotes && asked || name_of_a_thing || called;
            let coloured_door = coloured && meaning == Meaning::Unlocked;
            if matches!(meaning, Meaning::Unlocked | Meaning::Forced | Meaning::Intrusion) && (coloured_door || named) {
                effect = Effect::Nuisance(if named { Symptom::Configuration } else { Symptom::Display });
            }
            // "une caméra qui s'appelle 'PORTE BLOQUEE'": a failure word in a name given,
            // never in quotes alone ("caméra 5 'hors ligne'", "écrit « pas de signal »").
            if matches!(meaning, Meaning::Problem(_)) && in_quotes && called {
                effect = Effect::Nuisance(Symptom::Configuration);
            }
            // "la porte reste ouverte 20 secondes, c'est trop long": how long a door stays
            // open after a badge is a setting.
            let timed = (0..sentence.items.len()).any(|k| {
                sentence.same_clause(k, i)
                    && k > 0
                    && sentence.items[k - 1].number.is_some()
                    && matches!(
                        sentence.items[k].first.as_str(),
                        "s" | "sec" | "secs" | "seconde" | "secondes" | "second" | "seconds"
                    )
            });
            if meaning == Meaning::Unlocked && effect == Effect::Unauthorized && timed {
                effect = Effect::Nuisance(Symptom::Configuration);
            }
            // "affiche « porte ouverte » alors qu'elle est fermée": the software is wrong, the
            // door is not.
            let state = matches!(effect, Effect::Unauthorized | Effect::Intrusion) || sentence.shown_colour(i);
            if matches!(meaning, Meaning::Unlocked | Meaning::Forced | Meaning::Problem(_))
                && (state && sentence.shows_a_state_not_real() || sentence.shown_but_works(i))
            {
                effect = Effect::Nuisance(Symptom::Display);
            }
            // "un peu granuleuse mais on reconnaît bien les gens": a picture a little worse
            // that still shows what it must is a nuisance.
            if effect == Effect::Symptom(Symptom::Degraded)
                && matches!(subject, Some((_, Subject::Device(System::Video) | Subject::Image)))
                && slightly_but_seen(sentence, all.get(n + 1), i)
            {
                effect = Effect::Nuisance(Symptom::Display);
            }
            // "l'image de la caméra 7 est saccadée": a camera that works badly; the playback
            // or the zoom of the client that stutters is a nuisance.
            let stutters = sentence.items[i].first.starts_with("saccad")
                || matches!(sentence.items[i].first.as_str(), "choppy" | "jerky");
            if stutters && matches!(subject, Some((_, Subject::Device(System::Video) | Subject::Image))) {
                effect = Effect::Symptom(Symptom::Degraded);
            }
            // "la porte met 30 secondes à s'ouvrir": a door slow to open works badly.
            let to_open = (0..sentence.items.len()).any(|k| {
                sentence.same_clause(k, i)
                    && matches!(sentence.meaning(k), Some(Meaning::Works(Function::Open | Function::Lock)))
            });
            // "the relock delay is too short": a delay said to be a setting.
            let a_setting = (0..sentence.items.len()).any(|k| {
                sentence.same_clause(k, i) && sentence.meaning(k) == Some(Meaning::Nuisance(Symptom::Configuration))
            });
            if effect == Effect::Nuisance(Symptom::Slow)
                && to_open
                && !a_setting
                && matches!(subject, Some((_, Subject::Door | Subject::Device(System::AccessControl))))
            {
                effect = Effect::Symptom(Symptom::Degraded);
            }
            // The object of a verb that stopped: "l'hyperviseur n'affiche plus *les alarmes*"
            // (alarms lost), "the VMS can't reach *the cameras on the 3rd floor*" (those).
            let verb_object = if matches!(meaning, Meaning::Works(_)) && negated {
                (i + 1..sentence.items.len())
                    .take_while(|&k| sentence.same_clause(k, i))
                    .find_map(|k| sentence.subject_at(k).map(|s| sentence.head_of(k, s)))
                    .filter(|(k, _)| subject.is_none_or(|(j, _)| j != *k))
            } else {
                None
            };
            let system_subject = matches!(subject, None | Some((_, Subject::SystemName(_) | Subject::Everything)));
            let alarms_object = matches!(verb_object, Some((_, Subject::Alarm)))
                && system_subject
                && matches!(effect, Effect::Symptom(Symptom::Down) | Effect::AlarmsLost);
            if alarms_object {
                effect = Effect::AlarmsLost;
            }
            let span = negation.unwrap_or(sentence.items[i].span);
            let carry = if subject.is_none() { carried.as_ref() } else { None };
            let mut f = finding(sentence, subject, carry, Some((effect, span)));
            // "la zone 4 est en défaut, la centrale refuse de s'armer", "le contact ne remonte
            // plus, la centrale ne le voit pas": a panel that will not arm or see, said beside
            // one of its devices, fails for that device.
            // Not when the sentence says the panel itself, or all of it, is down ("les
            // barrières et la centrale sont toutes hors service").
            let panel_down = || {
                (0..sentence.items.len()).any(|k| {
                    matches!(sentence.meaning(k), Some(Meaning::Problem(_)))
                        && (matches!(
                            sentence.subject_of(k),
                            Some((_, Subject::SystemName(System::IntrusionDetection)))
                        ) || k > 0
                            && matches!(
                                sentence.meaning(k - 1),
                                Some(Meaning::Quantity(Quantity::All | Quantity::NoneOf))
                            ))
                })
            };
            let panel_for_a_device = matches!(subject, Some((_, Subject::SystemName(System::IntrusionDetection))))
                && matches!(meaning, Meaning::Works(Function::Detect | Function::Show))
                && negated
                && !panel_down();
            if panel_for_a_device {
                let device = |s: &Sentence, end: usize| {
                    (0..end.min(s.items.len())).find(|&k| {
                        s.subject_at(k) == Some(Subject::Device(System::IntrusionDetection))
                            && s.quantity_before(k).is_none_or(|(q, _)| !matches!(q, Quantity::All | Quantity::NoneOf))
                    })
                };
                let named = device(sentence, i).map(|k| sentence.items[k].span).or_else(|| {
                    n.checked_sub(1).and_then(|m| device(&all[m], usize::MAX).map(|k| all[m].items[k].span))
                });
                if let Some(at) = named {
                    if f.facts.scope.as_ref().is_some_and(|s| s.value == Scope::WholeSite) {
                        f.facts.scope = Some(Known::said(Scope::SeveralDevices, &[at]));
                    }
                }
            }
            // "le switch a grillé, c'est lui qui alimente toutes nos caméras": the devices it
            // powers fail with it.
            if let (Some(p), Effect::Symptom(_)) = (sentence.find(|m| m == Meaning::Powers), effect) {
                let powered = (p + 1..sentence.items.len())
                    .find_map(|k| sentence.subject_at(k).filter(|s| matches!(s, Subject::Device(_))).map(|s| (k, s)))
                    .filter(|&(k, _)| subject.is_none_or(|(j, _)| j != k));
                if let Some((k, device)) = powered {
                    f.facts.system = device.system().map(|s| Known::said(s, &[sentence.items[k].span]));
                    f.facts.scope = sentence.scope_of(k, device);
                    f.weak = false;
                }
            }
            // The alarms that no longer arrive say how much is lost, not the hypervisor.
            if alarms_object {
                if let Some((k, alarm)) = verb_object {
                    f.facts.scope = sentence.scope_of(k, alarm);
                }
            }
            // "le contact est HS, la centrale ne le voit plus": the pronoun before the verb
            // stands for the device named before the panel.
            let pronoun_object = verb_object.is_none()
                && matches!(meaning, Meaning::Works(_))
                && negated
                && i > 0
                && matches!(sentence.items[i - 1].first.as_str(), "le" | "la" | "l" | "les")
                && sentence.items[i - 1].meaning.is_none();
            let verb_object = if pronoun_object {
                let before = subject.map_or(i, |(j, _)| j);
                (0..before)
                    .rev()
                    .find_map(|k| {
                        sentence
                            .subject_at(k)
                            .filter(|s| matches!(s, Subject::Device(_) | Subject::Door))
                            .map(|s| (k, s))
                    })
                    .map(|(k, s)| sentence.head_of(k, s))
            } else {
                verb_object
            };
            if let Some((k, object @ (Subject::Device(_) | Subject::Door))) = verb_object {
                if system_subject {
                    if let Some(scope) = sentence.scope_of(k, object) {
                        f.facts.scope = Some(scope);
                        f.facts.system = object.system().map(|s| Known::said(s, &[sentence.items[k].span]));
                    }
                }
            }
            // "plus rien ne marche sur la vidéo", "ya plus rien qui marche sur la video":
            // nothing of the system named works.
            if matches!(subject, None | Some((_, Subject::Everything)))
                && f.facts.system.is_none()
                && effect == Effect::Symptom(Symptom::Down)
            {
                let named = (0..sentence.items.len()).filter(|&k| sentence.same_clause(k, i)).find_map(|k| {
                    match sentence.subject_at(k) {
                        Some(s @ (Subject::SystemName(_) | Subject::Device(_))) => Some((k, s)),
                        Some(Subject::Image) if sentence.items[k].first == "video" => {
                            Some((k, Subject::SystemName(System::Video)))
                        }
                        _ => None,
                    }
                });
                if let Some((k, named)) = named {
                    f.facts.system = named.system().map(|s| Known::said(s, &[sentence.items[k].span]));
                    f.facts.scope = Some(
                        sentence
                            .scope_of(k, named)
                            .unwrap_or_else(|| Known::said(Scope::WholeSite, &[sentence.items[k].span])),
                    );
                    f.weak = false;
                }
            }
            // "on ne voit plus rien": what one sees is the video.
            if meaning == Meaning::Works(Function::Show) && subject.is_none() && f.facts.system.is_none() {
                f.facts.system = Some(Known::said(System::Video, &[]));
            }
            // "toutes marchent sauf *celle* du quai 5": a pronoun in the clause counts the
            // devices of another.
            // "Toutes les caméras fonctionnent sauf celles de l'aile est, qui sont noires": the
            // pronoun may stand in the clause before.
            if let Some((j, _)) = subject.filter(|(j, _)| !sentence.same_clause(i, *j)) {
                let pronoun = (j + 1..=i)
                    .rev()
                    .find(|&k| matches!(sentence.items[k].first.as_str(), "celle" | "celui" | "celles" | "ceux"));
                if let Some(k) = pronoun {
                    let scope = if sentence.items[k].first.ends_with(['s', 'x']) {
                        Scope::SeveralDevices
                    } else {
                        Scope::OneDevice
                    };
                    f.facts.scope = Some(Known::said(scope, &[sentence.items[k].span]));
                }
            }
            // "la centrale est en défaut sur la zone 3": the system fails on that device only.
            if let (Some((_, Subject::SystemName(system))), Effect::Symptom(_)) = (subject, effect) {
                let on_device = (i + 1..sentence.items.len())
                    .take_while(|&k| sentence.same_clause(k, i))
                    .find(|&k| sentence.subject_at(k) == Some(Subject::Device(system)) && sentence.is_complement(k));
                if let Some(scope) = on_device
                    .and_then(|k| sentence.scope_of(k, Subject::Device(system)))
                    .filter(|s| s.value != Scope::WholeSite)
                {
                    f.facts.scope = Some(scope);
                }
            }
            f.screen_only = matches!(subject, Some((_, Subject::Image)));
            f.request = matches!(meaning, Meaning::Request | Meaning::Secret);
            // A slow alarm is an alarm that arrives late: the hypervisor is degraded.
            let alarms_late = (0..sentence.items.len()).any(|j| {
                sentence.same_clause(i, j)
                    && sentence.meaning(j) == Some(Meaning::Alarm)
                    && sentence.head_of(j, Subject::Alarm).1 == Subject::Alarm
            });
            // Not the search or the history of a screen ("la recherche dans le journal des
            // événements est lente"), nor when the alarms are said to arrive well.
            // "since the update" says when, not what is slow.
            let of_a_screen = || {
                (0..sentence.items.len()).any(|k| {
                    sentence.same_clause(k, i)
                        && matches!(
                            sentence.meaning(k),
                            Some(Meaning::Nuisance(Symptom::Configuration) | Meaning::Interface)
                        )
                        && !(k > 1
                            && matches!(sentence.items[k - 2].first.as_str(), "since" | "depuis" | "after" | "apres"))
                })
            };
            let alarms_arrive = || {
                all.iter().any(|s| {
                    (0..s.items.len()).any(|k| {
                        s.meaning(k) == Some(Meaning::Works(Function::Report))
                            && s.negation(k).is_none()
                            && matches!(s.subject_of(k), Some((_, Subject::Alarm)))
                            && (k + 1..s.items.len().min(k + 3)).any(|n| s.meaning(n) == Some(Meaning::Fine))
                    })
                })
            };
            // "Alarms do reach the PSIM but 3 to 8 minutes late": lateness said after the
            // alarms, whatever the clause.
            let late_after_alarms =
                matches!(meaning, Meaning::Problem(Symptom::Degraded) | Meaning::Nuisance(Symptom::Slow))
                    && matches!(sentence.items[i].last.as_str(), "late" | "retard")
                    && ((0..i).any(|j| sentence.meaning(j) == Some(Meaning::Alarm))
                        // "Les alarmes mettent 30 s à apparaître. Elles arrivent toutes, mais en
                        // retard.": the alarms of the sentence before.
                        || sentence.items.first().is_some_and(|w| matches!(w.first.as_str(), "elles" | "they"))
                            && n.checked_sub(1).is_some_and(|m| all[m].find(|m| m == Meaning::Alarm).is_some()));
            // "Gros décalage entre le déclenchement d'un détecteur et l'apparition de l'alarme
            // sur le superviseur": a lag of the alarms on their way to the hypervisor ("l'alarme"
            // is read there as the intrusion system, so the word itself is looked for).
            let lag_to_the_hypervisor = meaning == Meaning::Nuisance(Symptom::Slow)
                && matches!(sentence.items[i].last.as_str(), "decalage" | "delai" | "lag")
                && sentence
                    .items
                    .iter()
                    .any(|it| matches!(it.first.as_str(), "alarme" | "alarm" | "alarmes" | "alarms"))
                && sentence.find(|m| m == Meaning::SystemName(System::Hypervisor)).is_some();
            if (effect == Effect::Nuisance(Symptom::Slow)
                && (matches!(subject, Some((_, Subject::Alarm))) || alarms_late)
                && !of_a_screen()
                || late_after_alarms
                || lag_to_the_hypervisor)
                && !alarms_arrive()
            {
                f.facts.nuisance = None;
                f.facts.symptom = Some(Known::said(Symptom::Degraded, &[span]));
                f.facts.system = Some(Known::said(System::Hypervisor, &[]));
            }
            findings.push(f);
            found_here = true;
        }
        for (span, effect) in [
            (lets_the_wrong_people_in(sentence, wish, revoked_before || revoked_next), Effect::Unauthorized),
            (unknown_account(sentence), Effect::Intrusion),
            (changed_behind_our_back(sentence), Effect::Intrusion),
            // The sentence before, or the one before it when a question stands between
            // ("… utilisé depuis la Roumanie. C'est normal ? On n'a personne en Roumanie.").
            (
                n.checked_sub(1)
                    .and_then(|m| disowned_after(&all[m], sentence))
                    .or_else(|| n.checked_sub(2).and_then(|m| disowned_after(&all[m], sentence))),
                Effect::Intrusion,
            ),
        ] {
            if let Some(span) = span {
                let mut f = finding(sentence, None, None, Some((effect, span)));
                if effect == Effect::Unauthorized {
                    f.facts.system = Some(Known::said(System::AccessControl, &[]));
                }
                findings.push(f);
                found_here = true;
            }
        }
        // A wish is a request: "on voudrait", "we'd like".
        if wish != usize::MAX {
            let span = sentence.items[wish].span;
            let mut f = finding(sentence, None, None, Some((Effect::Nuisance(Symptom::Configuration), span)));
            f.request = true;
            f.facts.system = None;
            findings.push(f);
        }
        // A device counted by "plus aucune" with no verb: "plus aucune caméra depuis 8 h".
        for i in (0..sentence.items.len()).filter(|_| !planned) {
            let Some(
                subject @ (Subject::Device(_)
                | Subject::SystemName(_)
                | Subject::Image
                | Subject::Alarm
                | Subject::Recording
                | Subject::Door),
            ) = sentence.subject_at(i)
            else {
                continue;
            };
            let has_verb = (0..sentence.items.len()).filter(|&j| sentence.same_clause(j, i)).any(|j| {
                matches!(
                    sentence.meaning(j),
                    Some(
                        Meaning::Works(_)
                            | Meaning::Problem(_)
                            | Meaning::Nothing
                            | Meaning::Missing
                            | Meaning::Unlocked
                            | Meaning::Forced
                    )
                ) && !sentence.dates_from(j)
            });
            let denied = sentence.denied(i).or_else(|| sentence.but_not(i));
            // "plus d'alarme", "pas une seule alarme": alarms stopped coming; "aucune alarme
            // réelle" is a quiet night.
            let stopped = |span: Span| {
                matches!(
                    text[span.start..span.end].to_lowercase().split(' ').next(),
                    Some("plus" | "pas" | "no" | "not")
                )
            };
            let alarm_word =
                subject == Subject::Alarm || matches!(sentence.items[i].first.as_str(), "alarme" | "alarm");
            // "No intrusion, no alarm, all doors locked": a quiet night, listed.
            // "nuit calme, aucune alarme", "quiet night, no alarms": a report of a quiet watch.
            let quiet_watch = (0..i).any(|k| {
                sentence.meaning(k) == Some(Meaning::Fine)
                    && matches!(sentence.items[k].first.as_str(), "quiet" | "calm" | "nuit")
            });
            let quiet = alarm_word
                && (quiet_watch
                    || (0..sentence.items.len()).any(|k| {
                        // "plus de remontée d'alarmes, ni intrusion, ni vidéo": the kinds of
                        // alarm that no longer come, listed after them.
                        let kind_listed = k > i && sentence.listed_as_none(k);
                        matches!(sentence.meaning(k), Some(Meaning::Intrusion | Meaning::Forced))
                            && sentence.negation(k).is_some()
                            && !kind_listed
                    }));
            let alarm_stopped =
                !alarm_word || !quiet && denied.or(sentence.quantity_before(i).map(|(_, q)| q)).is_some_and(stopped);
            // A door is lost only when none is left ("plus aucun accès"), not when a text
            // contrasts it ("c'est le parking, pas l'entrée").
            let door_lost = subject != Subject::Door || sentence.counted_as_none(i);
            if (sentence.counted_as_none(i) || denied.is_some()) && !has_verb && alarm_stopped && door_lost {
                let q = sentence.quantity_before(i).map(|(_, q)| q).or(denied).unwrap_or(sentence.items[i].span);
                let span = Span { start: q.start, end: sentence.items[i].span.end };
                let effect = match subject {
                    Subject::Alarm => Effect::AlarmsLost,
                    Subject::Recording => Effect::RecordingLost,
                    _ => Effect::Symptom(Symptom::Down),
                };
                let mut f = finding(sentence, Some((i, subject)), None, Some((effect, span)));
                // "plus de vidéo", "no video": the video system, not one picture.
                // "Tout le premier étage n'a plus de vidéo": the video of that place.
                if subject == Subject::Image && sentence.items[i].first == "video" && f.facts.scope.is_none() {
                    let place = (0..sentence.items.len()).find(|&j| {
                        sentence.same_clause(j, i)
                            && matches!(sentence.meaning(j), Some(Meaning::Place | Meaning::Sensitive))
                            && !sentence.listed_as_none(j)
                    });
                    // Unless the text says the rest works, it may be all of the video.
                    f.facts.scope = Some(match place {
                        Some(j) => Known::inferred(Scope::WholeSite, &[span, sentence.items[j].span]),
                        None => Known::inferred(Scope::WholeSite, &[span]),
                    });
                }
                // "plus de caméra", "no cameras at all": none is left, unless a place or a
                // number says which.
                let none_left = matches!(text[q.start..q.end].to_lowercase().split(' ').next(), Some("plus" | "no"));
                let unrestricted = f
                    .facts
                    .scope
                    .as_ref()
                    .is_none_or(|s| s.value == Scope::OneDevice && sentence.quantity_before(i).is_none());
                let first_named = !(0..i)
                    .any(|k| sentence.same_clause(k, i) && sentence.subject_at(k).is_some_and(|s| s.weight() > 0));
                if none_left
                    && unrestricted
                    && first_named
                    && matches!(subject, Subject::Device(_))
                    && sentence.items[i].number.is_none()
                {
                    f.facts.scope = Some(Known::said(Scope::WholeSite, &[span]));
                }
                findings.push(f);
                found_here = true;
            }
        }
        // "l'hyperviseur affiche les alarmes intrusion mais plus celles du contrôle d'accès":
        // the verb left out after "mais plus" no longer brings some of the alarms.
        if !findings[first_here..].iter().any(|f| Facts::holds(&f.facts.alarms_lost)) {
            let but_no_longer = (2..sentence.items.len()).find(|&k| {
                matches!(sentence.items[k].first.as_str(), "celles" | "ceux" | "those")
                    && sentence.meaning(k - 1) == Some(Meaning::Negation(Negation::Plus))
                    // "mais" breaks the clause: "plus celles" opens the next one.
                    && !sentence.same_clause(k - 2, k - 1)
            });
            let shown = (0..sentence.items.len()).find(|&j| {
                matches!(sentence.meaning(j), Some(Meaning::Works(Function::Show | Function::Report)))
                    && sentence.negation(j).is_none()
            });
            let alarms = shown
                .and_then(|j| (j + 1..sentence.items.len()).find(|&a| sentence.meaning(a) == Some(Meaning::Alarm)));
            if let (Some(k), Some(a)) = (but_no_longer, alarms.filter(|&a| but_no_longer.is_some_and(|k| a < k))) {
                let span = Span { start: sentence.items[k - 1].span.start, end: sentence.items[k].span.end };
                let mut f = finding(sentence, Some((a, Subject::Alarm)), None, Some((Effect::AlarmsLost, span)));
                f.facts.scope = Some(Known::said(Scope::SeveralDevices, &[span]));
                findings.push(f);
                found_here = true;
            }
        }
        revoked_before = sentence.find(|m| m == Meaning::Revoked).is_some();
        // A cut or a drill announced: information for the desk, not an incident.
        if planned && !found_here {
            // The words that say so: "exercice", "c'est prévu", else the future tense.
            let said = sentence
                .find(|m| matches!(m, Meaning::Past | Meaning::Request))
                .or_else(|| sentence.items.iter().position(in_future));
            if let Some(said) = said.map(|k| &sentence.items[k]) {
                findings.push(news(sentence, said.span));
                found_here = true;
            }
        }
        // A failure said over and nothing else wrong: news for the desk, like a request
        // ("the barrier issue was fixed by your technician, all good now").
        // Not when part of it is excepted: "résolue sauf pour la caméra du quai".
        if let Some(i) = over_here.filter(|_| !found_here && !sentence.excepts_part()) {
            let said = sentence.find(|m| m == Meaning::Past).unwrap_or(i);
            findings.push(news(sentence, sentence.items[said].span));
            found_here = true;
        }
        // A nuisance named with nothing said of it ("le mot est écrit sans accent dans le
        // menu") is still a nuisance.
        if !found_here {
            // Not the update a failure dates from ("since the update, the camera…").
            let nuisance = (0..sentence.items.len()).find_map(|i| match sentence.subject_at(i) {
                Some(Subject::Nuisance(n)) if !sentence.dates_from(i) => Some((n, sentence.items[i].span)),
                _ => None,
            });
            if let Some((n, span)) = nuisance {
                findings.push(finding(sentence, None, None, Some((Effect::Nuisance(n), span))));
                found_here = true;
            }
        }
        // Devices named with nothing said of them still say which system.
        let best = (0..sentence.items.len())
            .filter_map(|i| sentence.subject_at(i).map(|s| (i, s)))
            .filter(|(_, s)| s.weight() > 0)
            .max_by_key(|(_, s)| s.weight());
        if let Some((i, s)) = best {
            if !found_here {
                let mut f = finding(sentence, Some((i, s)), None, None);
                f.weak = true;
                // Not when the sentence says it works, or asks, or tells of the past or the
                // future: "Does continuous recording use more disk?", "Nous allons couper le
                // courant samedi".
                let asked = sentence.items.last().is_some_and(|it| text[it.span.end..].trim_start().starts_with('?'));
                // Said of the device itself: "le reste est OK" is said of another part, and
                // "toutes les caméras fonctionnent, sauf celle de l'ascenseur" excepts one.
                let of_the_rest = |k: usize| {
                    (0..sentence.items.len())
                        .any(|m| sentence.same_clause(m, k) && sentence.meaning(m) == Some(Meaning::Partial))
                };
                let works = !sentence.excepts_part()
                    && sentence.items.iter().enumerate().any(|(k, it)| match it.meaning {
                        // "la gâche a été changée": something done to it.
                        Some(Meaning::Past | Meaning::Request | Meaning::Changed) => true,
                        Some(Meaning::Fine) => !of_the_rest(k),
                        Some(Meaning::Works(_)) => !of_the_rest(k) && sentence.negation(k).is_none(),
                        _ => false,
                    });
                f.unread = !works && !asked && !sentence.said_in_future() && !sentence.subject_line;
                findings.push(f);
            }
            carried = Some(Carried { system: s.system(), scope: sentence.scope_of(i, s) });
        }
        if inventory.is_none() {
            inventory = sentence.inventory().map(|(system, span, total)| (system, span, total, n));
        }
        let names_nothing = (0..sentence.items.len()).all(|i| sentence.subject_at(i).is_none());
        for f in &mut findings[first_here..] {
            f.bare = f.request && names_nothing;
            f.place_taken_whole = sentence.place_taken_whole(&f.facts);
            if let Some(scope) = sentence.all_but(&f.facts) {
                f.facts.scope = Some(scope);
            }
        }
    }
    // "Nous sommes une pharmacie avec 4 caméras. Aucune ne fonctionne": the devices the
    // site was said to have, all of them failing, are all of its video.
    if let Some((system, device, total, at)) = inventory {
        for (n, sentence) in all.iter().enumerate().skip(at + 1) {
            if sentence.counts_some(total) {
                continue;
            }
            let from = starts.get(n).copied().unwrap_or(findings.len()).min(findings.len());
            let to = starts.get(n + 1).copied().unwrap_or(findings.len()).min(findings.len());
            for f in findings[from..to].iter_mut() {
                if !f.facts.system.as_ref().is_some_and(|s| s.value == system) {
                    continue;
                }
                // "We have 3 cameras. None of them shows a picture": "none of them" counts
                // the devices said before.
                if f.facts.scope.is_none() && f.facts.symptom.is_some() {
                    if let Some(k) = sentence.find(|m| m == Meaning::Quantity(Quantity::NoneOf)) {
                        f.facts.scope = Some(Known::said(Scope::WholeSite, &[device, sentence.items[k].span]));
                        continue;
                    }
                }
                if let Some(scope) = f.facts.scope.as_mut().filter(|s| {
                    s.value == Scope::SeveralDevices
                        && s.evidence.iter().any(|e| e.start <= device.start && device.end <= e.end)
                }) {
                    scope.value = Scope::WholeSite;
                }
            }
        }
    }
    if let Some(system) = only_device {
        let of_it = |f: &Finding| f.facts.system.as_ref().is_some_and(|s| s.value == system);
        for f in findings.iter_mut().filter(|f| of_it(f)) {
            let all_of_them = |s: &Known<Scope>| {
                s.value == Scope::OneDevice || only_devices && s.value == Scope::SeveralDevices && partial.is_none()
            };
            if let Some(scope) = f.facts.scope.as_mut().filter(|s| all_of_them(s)) {
                scope.value = Scope::WholeSite;
            }
        }
    }
    if site_is_part {
        for f in findings.iter_mut().filter(|f| f.place_taken_whole) {
            if let Some(scope) = f.facts.scope.as_mut() {
                scope.value = Scope::WholeSite;
            }
        }
    }
    // "les caméras enregistrent et on les regarde sur l'autre poste sans souci": a dark
    // screen is then a broken monitor, not lost video.
    if video_fine {
        for f in &mut findings {
            if f.screen_only {
                if let Some(symptom) = f.facts.symptom.take() {
                    f.facts.nuisance = Some(Known { value: Symptom::Display, ..symptom });
                }
            }
        }
    }
    if let Some(span) = partial {
        for f in &mut findings {
            // Every system's alarms reach the hypervisor: another system said fine is a part of it.
            let other_system = fine_system.is_some_and(|p| {
                f.facts.system.as_ref().is_some_and(|s| s.value != p && s.value != System::Hypervisor)
                    && !Facts::holds(&f.facts.alarms_lost)
            });
            // The panel detects but nothing reaches the hypervisor: all of its alarms are lost.
            let to_the_hypervisor = Facts::holds(&f.facts.alarms_lost)
                || the_sender_detects && f.facts.system.as_ref().is_some_and(|s| s.value == System::Hypervisor);
            if the_sender_works && to_the_hypervisor || other_system {
                continue;
            }
            // "ne reçoit plus aucune alarme, le reste fonctionne": none of them is all of them.
            let none_lost = f.facts.alarms_lost.as_ref().is_some_and(|a| {
                a.evidence.iter().any(|e| none_of.iter().any(|q| e.start <= q.start && q.end <= e.end))
            });
            part_only(&mut f.facts, span, one_fine, rest_said && !none_lost);
            // "Au 3e étage plus aucune caméra ne marche ; les autres étages sont ok": "plus
            // aucune" counts the cameras of that floor, since another place works.
            if place_fine {
                if let Some(scope) = f.facts.scope.as_mut().filter(|s| {
                    s.value == Scope::WholeSite && s.evidence.iter().any(|e| none_of.iter().any(|q| q.start == e.start))
                }) {
                    scope.value = Scope::SeveralDevices;
                }
            }
        }
    }
    // "Alarme intrusion reçue à 6h12 : levée de doute faite, c'était la femme de ménage. Tout
    // est normal.", "l'écran affichait 'ALARME INTRUSION – TEST'": an intrusion alarm the text
    // says was a test or was checked and all clear is no intrusion; a break-in told in its
    // own words still is.
    let folded = fold(text);
    let checked = all.iter().any(|s| s.all_clear().is_some())
        || ["fausse alarme", "fausse alerte", "false alarm", "levee de doute faite"].iter().any(|w| folded.contains(w))
        || folded.split(' ').any(|w| matches!(w, "test" | "essai" | "tests" | "essais"));
    if checked {
        for f in &mut findings {
            let alarm_only = f.facts.intrusion.as_ref().is_some_and(|k| {
                !k.evidence.is_empty()
                    && k.evidence.iter().all(|e| text.get(e.start..e.end).is_some_and(|w| fold(w).contains("alarm")))
            });
            if alarm_only {
                f.facts.intrusion = None;
            }
        }
    }
    // "Nothing is broken, no alarm, nobody came in": "no alarm" in a list of all clear is a
    // calm night, not alarms that no longer arrive.
    if all.iter().any(|s| s.all_clear().is_some()) {
        for f in &mut findings {
            let calm = f.facts.alarms_lost.as_ref().is_some_and(|k| {
                !k.evidence.is_empty()
                    && k.evidence.iter().all(|e| {
                        text.get(e.start..e.end).is_some_and(|w| {
                            matches!(
                                fold(w).as_str(),
                                "no alarm" | "no alarms" | "aucune alarme" | "pas d alarme" | "pas d alarmes"
                            )
                        })
                    })
            });
            if calm {
                f.facts.alarms_lost = None;
            }
        }
    }
    // "c'était le chat du gardien. Aucune intrusion, la levée de doute l'a confirmé": when
    // nothing is said to be wrong and the client says all is clear, the message is news.
    let nothing_wrong = findings.iter().all(|f| {
        f.facts.symptom.is_none()
            && f.facts.nuisance.is_none()
            && !Facts::holds(&f.facts.intrusion)
            && !Facts::holds(&f.facts.unauthorized_access)
            && !Facts::holds(&f.facts.recording_lost)
            && !Facts::holds(&f.facts.alarms_lost)
    });
    // Not when any word says something is wrong, read or not ("no night footage", "zone 7
    // ouverte"): fail safe.
    if nothing_wrong && !all.iter().any(Sentence::tells_of_trouble) {
        if let Some((sentence, span)) = all.iter().find_map(|s| s.all_clear().map(|span| (s, span))) {
            // Like a bare request: it does not outweigh a device named with nothing understood.
            let mut f = news(sentence, span);
            f.bare = true;
            findings.push(f);
        }
    }
    // "Tout marche normalement pour l'instant", "aucun souci constaté": a device named with
    // nothing understood of it is not a doubt when the client says all is well; "Aucune
    // intrusion." says nothing of the devices.
    let all_well = all.iter().any(|s| {
        s.all_clear().is_some_and(|span| {
            !s.items.iter().any(|it| {
                span.start <= it.span.start && it.span.end <= span.end && it.meaning == Some(Meaning::Intrusion)
            })
        })
    });
    if all_well {
        for f in &mut findings {
            f.unread = false;
        }
    }
    findings
}

/// The word between a count and its total: "12 *sur* 40", "12 *of* 12", "12 *out* of 12"
/// ("out of" is one phrase of the lexicon).
fn says_out_of(item: &Item) -> bool {
    matches!(item.first.as_str(), "sur" | "of" | "out")
}

/// Whether the words at `span` stand between an opening and a closing quote, wherever they
/// are in it: « Entrée *effraction* ».
/// The text between two words: the punctuation that says how they stand to each other.
fn between(text: &str, before: Span, after: Span) -> &str {
    text.get(before.end..after.start).unwrap_or_default()
}

fn within_quotes(text: &str, span: Span) -> bool {
    let (before, after) = (&text[..span.start], &text[span.end..]);
    let open_french = before.matches('«').count() > before.matches('»').count() && after.contains('»');
    let open_curly = before.matches('“').count() > before.matches('”').count() && after.contains('”');
    let open_straight = before.matches('"').count() % 2 == 1 && after.contains('"');
    // 'Cour Noire': an apostrophe after a space opens a quote that one before a space or a
    // stop closes; "l'alarme" is no quote.
    let closes_single = |t: &str| t.find('\'').is_some_and(|c| !t[c + 1..].starts_with(char::is_alphanumeric));
    let open_single = before.rfind(" '").is_some_and(|o| !closes_single(&before[o + 2..])) && closes_single(after);
    open_french || open_curly || open_straight || open_single
}

/// Whether the words at `span` stand inside quotes: « intrusion », "forced door", 'open'.
fn quoted(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end_matches([' ', '\u{a0}']);
    let after = text[span.end..].trim_start_matches([' ', '\u{a0}']);
    let opens = |c: char| matches!(c, '«' | '“' | '"' | '\'' | '‘');
    let closes = |c: char| matches!(c, '»' | '”' | '"' | '\'' | '’');
    // An apostrophe opens a quote only after a space: "l'alarme" is no quote.
    let opened = before.chars().next_back().is_some_and(|c| {
        opens(c) && (c != '\'' || before[..before.len() - 1].ends_with([' ', '\u{a0}']) || before.len() == 1)
    });
    // The quote may close after the next word: 'forced door'.
    let closed = after.chars().next().is_some_and(closes)
        || after.split_whitespace().next().is_some_and(|w| w.chars().last().is_some_and(closes));
    opened && closed
}

/// Whether a sentence says the cameras work: "les caméras enregistrent", "cameras record
/// fine", "la vidéo fonctionne normalement".
fn says_video_works(sentence: &Sentence) -> bool {
    (0..sentence.items.len()).any(|i| {
        let fine_after = (i + 1..sentence.items.len().min(i + 4)).any(|j| sentence.meaning(j) == Some(Meaning::Fine));
        let works = match sentence.meaning(i) {
            Some(Meaning::Works(Function::Record | Function::Any)) => true,
            Some(Meaning::Works(_)) => fine_after,
            // "les images c'est bon", "cameras are recording fine".
            Some(Meaning::Fine) => true,
            _ => false,
        };
        let video = |s: Subject| {
            matches!(
                s,
                Subject::Device(System::Video)
                    | Subject::SystemName(System::Video)
                    | Subject::Image
                    | Subject::Recording
            )
        };
        // "toutes les caméras fonctionnent sauf une": one does not.
        let except = sentence.exceptions.contains(&(sentence.clause[i] + 1));
        // "other feeds are fine": the others work, the ones named before do not.
        // "the rest of the perimeter cameras are fine": any "rest of" before them.
        let others = |j: usize| {
            j > 0 && matches!(sentence.items[j - 1].first.as_str(), "other" | "autres")
                || (0..j).any(|k| sentence.same_clause(k, j) && sentence.meaning(k) == Some(Meaning::Partial))
        };
        works
            && !except
            && sentence.negation(i).is_none()
            // "les caméras, elles, fonctionnent": the pronoun repeats the subject.
            && matches!(sentence.subject_of(i), Some((j, s)) if (sentence.same_clause(i, j)
                || i > 1
                    && matches!(sentence.items[i - 1].first.as_str(), "elles" | "ils")
                    && !sentence.same_clause(i - 2, i - 1))
                && video(s)
                && !others(j))
    })
}

/// "Le reste fonctionne": what is wrong is only part of the site. A hypervisor that fails
/// works in part only when more than one device is said fine ("la caméra 12 a été
/// nettoyée, RAS" says nothing of it).
fn part_only(facts: &mut Facts, span: Span, one_fine: bool, rest_said: bool) {
    let inferred = facts.scope.as_ref().is_some_and(|s| s.certainty < Certainty::Stated && s.value == Scope::WholeSite);
    let alarms_without_scope = facts.scope.is_none() && Facts::holds(&facts.alarms_lost);
    // "l'hyperviseur ne reçoit plus l'alarme d'ouverture. Les autres portes remontent bien":
    // the hypervisor named is where the alarms arrive, not how many of them; nor is "du
    // site" of "le reste du site" the scope of what fails.
    let alarms_whole_by_name = rest_said
        && Facts::holds(&facts.alarms_lost)
        && facts.scope.as_ref().is_some_and(|s| {
            s.value == Scope::WholeSite
                && s.evidence.iter().all(|e| {
                    e.start.abs_diff(span.end) <= 1
                        || facts.system.as_ref().is_some_and(|system| system.evidence.contains(e))
                })
        });
    // "L'alarme ne détecte plus rien dans la crypte. Partout ailleurs c'est OK": the system
    // was named whole, the rest said fine makes it a part.
    let system_whole_by_name = rest_said
        && facts.scope.as_ref().is_some_and(|s| {
            s.value == Scope::WholeSite
                && facts.system.as_ref().is_some_and(|system| s.evidence.iter().all(|e| system.evidence.contains(e)))
        });
    if inferred || alarms_without_scope || alarms_whole_by_name || system_whole_by_name {
        facts.scope = Some(Known::said(Scope::SeveralDevices, &[span]));
    }
    let hypervisor = facts.system.as_ref().is_some_and(|s| s.value == System::Hypervisor) && !one_fine;
    if hypervisor {
        if let Some(symptom) = &mut facts.symptom {
            symptom.value = Symptom::Degraded;
        }
    }
}

/// How a text was read, word by word and finding by finding: for people tuning the
/// lexicon (`cargo run -p vigie-engine --example explain -- "texte"`).
#[doc(hidden)]
pub fn trace(text: &str) -> String {
    let mut out = String::new();
    for (n, sentence) in sentences(text, items(text)).iter().enumerate() {
        out.push_str(&format!("sentence {n}:"));
        for (i, item) in sentence.items.iter().enumerate() {
            let word = &text[item.span.start..item.span.end];
            match item.meaning {
                Some(m) => out.push_str(&format!(" [{}:{word}={m:?}]", sentence.clause[i])),
                None => out.push_str(&format!(" {word}")),
            }
        }
        out.push('\n');
    }
    for f in read(text) {
        out.push_str(&format!(
            "finding weak={} request={} bare={} unread={}: {:?}\n",
            f.weak, f.request, f.bare, f.unread, f.facts
        ));
    }
    out
}

/// Whether the text names a security device or system and, anywhere, something wrong that
/// is not denied, past or wished: the fail-safe check before a minor suggestion. A P3 needs
/// the nuisance alone ("the layout is broken, cameras record fine" passes: nothing is said
/// to be wrong with a device).
pub fn security_trouble(text: &str) -> Option<Span> {
    let mut device = false;
    let mut trouble: Option<Span> = None;
    let all = sentences(text, items(text));
    let video_fine = all.iter().any(says_video_works);
    let announced = announced(text);
    let label = all.first().map_or(0, |first| first.label(text));
    for (n, sentence) in all.iter().enumerate().filter(|(_, s)| !(announced && s.said_in_future())) {
        // Told, then said to be all over in the next sentence.
        if all.get(n + 1).is_some_and(|next| next.ends_what_came_before(text).is_some()) {
            continue;
        }
        let wish = sentence.find(|m| m == Meaning::Wish).or_else(|| sentence.supposed()).unwrap_or(usize::MAX);
        for i in 0..sentence.items.len() {
            let Some(meaning) = sentence.meaning(i) else { continue };
            if sentence.subject_at(i).is_some_and(|s| s.weight() > 0) {
                device = true;
            }
            if sentence.said_over(i, text) || sentence.supposes(wish, i) || n == 0 && i < label {
                continue;
            }
            // The software showing a state the door does not have, or a bug of a feature,
            // says nothing is wrong with a device.
            let shown_state = meaning == Meaning::Unlocked || sentence.shown_colour(i);
            if sentence.software_bug(i)
                || shown_state && sentence.shows_a_state_not_real()
                || sentence.shown_but_works(i)
                || meaning == Meaning::Problem(Symptom::Degraded) && slightly_but_seen(sentence, all.get(n + 1), i)
            {
                continue;
            }
            let negated = sentence.negation(i).is_some();
            let wrong = match meaning {
                Meaning::Problem(_) | Meaning::Missing | Meaning::Intermittent => !negated,
                Meaning::Nothing => true,
                Meaning::Works(_) => negated,
                _ => false,
            };
            // Said of a device, not of a layout, a name, the software or the heating.
            // "les postes affichent « connexion perdue » pour les 60 caméras": the screens
            // speak of the devices named right after the message.
            let devices_after = || {
                (i + 1..sentence.items.len().min(i + 6))
                    .any(|k| matches!(sentence.meaning(k), Some(Meaning::Device(_))))
            };
            // "affiche défaut zone 5": the device named right after the fault.
            let device_next = matches!(sentence.meaning(i + 1), Some(Meaning::Device(_)));
            let of_device = match sentence.subject_of(i) {
                _ if device_next && matches!(meaning, Meaning::Problem(_)) => true,
                Some((_, Subject::Image)) => !video_fine,
                Some((_, Subject::Interface)) if devices_after() => true,
                Some((_, s)) => s.weight() > 0 || s == Subject::InterfaceOf(System::Video),
                None => false,
            };
            if wrong && of_device && trouble.is_none() {
                trouble = Some(sentence.negation(i).unwrap_or(sentence.items[i].span));
            }
        }
    }
    trouble.filter(|_| device)
}

#[cfg(test)]
mod tests {
    use crate::classify::classify;
    use crate::Priority;

    fn suggested(text: &str) -> Priority {
        classify(Some(text), None).priority
    }

    #[test]
    fn every_one_of_a_count_is_the_whole() {
        assert_eq!(suggested("24 of 24 cameras offline since 3 am."), Priority::P1);
        assert_eq!(suggested("2 of 24 cameras offline since 3 am."), Priority::P2);
    }

    #[test]
    fn a_count_out_of_as_many_is_the_whole() {
        assert_eq!(suggested("quarante caméras sur quarante hors ligne dans le logiciel"), Priority::P1);
        assert_eq!(suggested("12 cameras out of 12 are offline"), Priority::P1);
        assert_eq!(suggested("12 caméras sur 40 hors ligne"), Priority::P2);
    }

    #[test]
    fn doors_that_open_with_a_badge_are_doors() {
        let text = "Toutes les portes à badge sont restées déverrouillées depuis la mise à jour de cette nuit.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn stolen_credentials_are_an_intrusion() {
        let text = "On s'est fait voler le PC portable du responsable sûreté, avec les identifiants de l'hyperviseur enregistrés dans le navigateur.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Comment changer les identifiants de l'hyperviseur ?"), Priority::P3);
    }

    #[test]
    fn a_window_forced_is_a_break_in() {
        let text = "Ce matin l'équipe a trouvé une fenêtre du rez-de-chaussée forcée, et il manque deux ordinateurs.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn a_place_said_first_restricts_none_of_the_cameras() {
        let text = "Au 2e étage plus aucune caméra ne remonte, le reste du site fonctionne.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("Plus aucune caméra ne remonte."), Priority::P1);
    }

    #[test]
    fn the_two_doors_of_an_airlock_are_one_airlock() {
        let text = "Le sas de l'agence reste bloqué, aucune des deux portes ne s'ouvre, les clients attendent dehors.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn recordings_that_stopped_are_missing_and_a_failed_test_is_a_failure() {
        assert_eq!(suggested("Two cameras aren't recording anymore, live view works fine though."), Priority::P2);
        assert_eq!(suggested("External siren didn't go off during the monthly test."), Priority::P2);
        assert_eq!(
            suggested(
                "Est-ce normal que je ne retrouve pas les images de la caméra 7 pour samedi ? Les autres jours y sont."
            ),
            Priority::P2
        );
    }

    #[test]
    fn expired_passes_still_accepted_let_people_in() {
        assert_eq!(
            suggested("Visitor passes that expired last week are still letting people through the gates."),
            Priority::P1
        );
        let text = "Les badges des intérimaires dont la date de validité est passée depuis fin mars sont encore acceptés aux portes du bâtiment A.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn a_cut_or_a_drill_announced_is_information() {
        let text = "Nous allons couper volontairement le courant du bâtiment B samedi : caméras et lecteurs seront éteints de 8h à 12h. C'est prévu, pas besoin d'intervenir.";
        assert_eq!(suggested(text), Priority::P3);
        let drill = "Heads-up: fire drill Thursday 2pm, we'll trigger the alarm on purpose, please ignore events between 2 and 2:30.";
        assert_eq!(suggested(drill), Priority::P3);
        let and_a_failure = "Nous allons couper le courant samedi, c'est prévu. Par contre depuis hier les caméras du parking sont noires.";
        assert_eq!(suggested(and_a_failure), Priority::P2);
    }

    #[test]
    fn a_failure_said_repaired_is_over_unless_it_is_back() {
        let text = "Suite à l'incident de la semaine dernière (caméra du hall HS, réparée jeudi par votre technicien), pourriez-vous nous envoyer le rapport ?";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(suggested("Our entire video surveillance is offline since the switch was replaced."), Priority::P1);
        assert_eq!(suggested("La caméra du hall a été réparée jeudi mais elle est de nouveau noire."), Priority::P2);
    }

    #[test]
    fn a_case_said_hypothetical_is_supposed() {
        let text =
            "Hypothetically, if our NVR died on a Sunday, how fast would someone come out on a Standard contract?";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(
            suggested("Nous avons subi une intrusion en 2023 et nous voudrions revoir le scénario de l'hyperviseur."),
            Priority::P3
        );
    }

    #[test]
    fn a_camera_named_in_quotes_is_a_name() {
        let text = "La caméra « Intrusion Est » s'affiche avec une icône de la mauvaise couleur dans l'arborescence, l'image est normale.";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(suggested("Caméra « Intrusion Quai » HS depuis hier."), Priority::P2);
    }

    #[test]
    fn the_only_camera_of_a_site_is_all_of_its_video() {
        let text =
            "On a une seule caméra, celle de l'entrée du dépôt, et elle ne renvoie plus d'image depuis hier soir.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(
            suggested("We only have the one camera, at the kiosk, and it's been black since Monday."),
            Priority::P1
        );
        assert_eq!(suggested("On a une seule caméra HS, celle de l'entrée."), Priority::P2);
    }

    #[test]
    fn alarms_that_no_longer_come_listed_by_kind_are_lost() {
        let text =
            "Plus de remontée d'alarmes sur l'hyperviseur, ni intrusion, ni contrôle d'accès, ni vidéo, depuis 9h.";
        assert_eq!(suggested(text), Priority::P1);
        let some = "Les alarmes intrusion du bâtiment 3 arrivent sur l'hyperviseur avec un libellé vide et certaines se perdent.";
        assert_eq!(suggested(some), Priority::P2);
    }

    #[test]
    fn badges_said_expired_in_the_next_sentence_are_revoked() {
        let text =
            "Les badges des intérimaires de l'été dernier ouvrent encore la pharmacie. Ils devaient expirer fin août.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn a_site_of_one_building_said_so_is_the_whole_site() {
        // "We only have one" names a building here, not a device.
        assert_eq!(
            suggested("We have only one building and all the cameras in it are black since noon."),
            Priority::P1
        );
        assert_eq!(suggested("We only have one floor and every camera on it shows a black screen."), Priority::P1);
    }

    #[test]
    fn any_badge_that_works_lets_anyone_in_but_every_badge_working_is_fine() {
        assert_eq!(
            suggested("Any badge works on the server room door, even visitor cards with no rights at all."),
            Priority::P1
        );
        assert_eq!(suggested("Tous les badges fonctionnent normalement, mais la caméra 4 est noire."), Priority::P2);
        let ours = "Les badges qu'on a désactivés dans le logiciel continuent d'ouvrir les portes du bâtiment A.";
        assert_eq!(suggested(ours), Priority::P1);
    }

    #[test]
    fn what_the_people_watching_no_longer_see_is_the_system() {
        let text = "Hello, security hypervisor is showing 'server not found' in all workstation since this morning, we cannot see nothing.";
        assert_eq!(suggested(text), Priority::P1);
        let reader =
            "Quand les collègues badgent à la porte de leur service, rien ne se passe, pas de bip, pas de lumière.";
        assert_eq!(suggested(reader), Priority::P2);
        assert_eq!(
            suggested("The camera of the reception is not giving image since two day, can you check please"),
            Priority::P2
        );
        assert_eq!(suggested("La caméra 11 au-dessus de la porte ne donne plus qu'un écran gris."), Priority::P2);
    }

    #[test]
    fn asking_for_someone_is_no_comfort_request() {
        assert_eq!(suggested("urgent. back office door forced alarm went off 3am need someone asap"), Priority::P2);
    }

    #[test]
    fn a_site_on_one_floor_loses_all_its_cameras_with_that_floor() {
        let text = "On est sur un seul plateau au 3e (c'est tous nos locaux) et toutes les cams du plateau sont HS depuis la coupure de courant.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Toutes les caméras du plateau B sont HS depuis la coupure de courant."), Priority::P2);
    }

    #[test]
    fn colloquial_failures_are_failures() {
        let text = "le controle d'acces est en carafe depuis la mise a jour windows du pc badge, faut que qqn vienne";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(
            suggested("External siren at the garden centre stayed silent during the monthly test"),
            Priority::P2
        );
        assert_eq!(suggested("Le tourniquet du hall tourne dans le vide, les gens passent sans badger."), Priority::P1);
        assert_eq!(suggested("Camera 'Reception' is spelled 'Recpetion', pls fix"), Priority::P3);
    }

    #[test]
    fn intrusion_named_as_a_kind_of_alarm_that_works_is_no_intrusion() {
        let text = "L'hyperviseur ne reçoit plus les alarmes du contrôle d'accès, par contre vidéo et intrusion remontent normalement.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn a_building_taken_whole_is_the_site_when_the_site_is_that_building() {
        let one_building = "Le site c'est un seul bâtiment. Et ce bâtiment n'a plus une seule image depuis 6h.";
        assert_eq!(suggested(one_building), Priority::P1);
        assert_eq!(suggested("Ce bâtiment n'a plus une seule image depuis 6h."), Priority::P2);
    }

    #[test]
    fn all_but_one_is_that_one() {
        let text = "Toutes les caméras fonctionnent sauf une, celle qui filme la caisse 2, elle reste figée sur une image d'hier.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(
            suggested("All cameras work except the one at the loading bay, it shows a black screen."),
            Priority::P2
        );
    }

    #[test]
    fn a_door_that_opens_by_pushing_is_open_to_anyone_however_calmly_said() {
        let text = "On a constaté que la porte de l'accueil s'ouvre simplement en la poussant. Pas urgent je pense.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn a_reader_that_recognises_nobody_keeps_everyone_out() {
        let text =
            "Fingerprint reader at the clean room doesn't recognise anyone anymore, we have to use the key to get in.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn each_point_of_a_list_is_a_sentence_of_its_own() {
        let text = "Deux choses : 1) on voudrait changer le nom de la caméra 3 ; 2) un badge désactivé ouvre encore la porte du local serveur.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Deux soucis : - on voudrait changer le nom de la caméra 3 - un badge désactivé ouvre encore la porte du local serveur.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Les caméras (2) du parking sont noires."), Priority::P2);
    }

    #[test]
    fn a_name_set_right_is_no_wish_for_the_rest_of_the_sentence() {
        let text = "Le nom de la caméra 4 est mal orthographié (« Entre » au lieu de « Entrée »), et le badge d'un magasinier licencié ouvre encore le vestiaire.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Le rapport des visiteurs laisse l'heure de sortie vide quand le badge n'a pas été rendu, on voudrait plutôt « non restitué ».";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn a_case_supposed_reaches_over_the_list_it_opens() {
        let text =
            "Notre assureur demande ce qui arriverait en cas d'incendie, de vol ou de piratage de l'enregistreur.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Quick question: if a camera goes down, a door is forced or the VMS is hacked, who do we call?";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(
            suggested("Si jamais il y a une coupure, une intrusion ou un piratage, qui prévenir ?"),
            Priority::P3
        );
        // A wish reaches no further than its clause.
        assert_eq!(suggested("On voudrait un délai de 5 s, et la caméra 3 est noire ou figée."), Priority::P2);
    }

    #[test]
    fn a_question_mark_ends_a_sentence() {
        let text = "Question bête : si un badge révoqué est présenté, la porte s'ouvre-t-elle ? Le badge du gardien licencié a ouvert le portail hier soir.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn alarms_that_no_longer_arrive_are_all_lost_when_only_their_sender_works() {
        let text = "Plus de remontée d'alarmes de la centrale intrusion vers l'hyperviseur. La centrale, elle, détecte bien quand on teste.";
        assert_eq!(suggested(text), Priority::P1);
        let text =
            "Les alarmes n'arrivent plus sur l'hyperviseur, alors que la centrale les affiche bien sur son clavier.";
        assert_eq!(suggested(text), Priority::P1);
        // Part of the alarms said to arrive still makes the loss partial.
        assert_eq!(
            suggested("Les alarmes du bâtiment B n'arrivent plus sur l'hyperviseur, celles du A arrivent bien."),
            Priority::P2
        );
    }

    #[test]
    fn quotes_after_a_colon_give_what_a_screen_says() {
        let text = "Message sur l'écran du PC des caméras : « vos fichiers ont été chiffrés, payez en bitcoin ».";
        assert_eq!(suggested(text), Priority::P1);
        // Quotes right after a device still name it.
        assert_eq!(suggested("Caméra « Intrusion Quai » HS depuis hier."), Priority::P2);
    }

    #[test]
    fn nothing_seen_inside_or_outside_is_the_whole_site() {
        assert_eq!(
            suggested("Les caméras du hall sont noires, on ne voit plus rien, ni dedans ni dehors."),
            Priority::P1
        );
        assert_eq!(suggested("Les caméras du hall sont noires."), Priority::P2);
    }

    #[test]
    fn someone_on_camera_where_no_one_should_be_is_an_intrusion() {
        let text = "Un individu dans les bureaux après la fermeture, il apparaît sur la caméra du couloir.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(
            suggested("Door forced on the rear fire exit, on camera we see two people in hoods going in."),
            Priority::P1
        );
    }

    #[test]
    fn both_doors_of_an_airlock_released_together_let_anyone_through() {
        assert_eq!(suggested("Airlock at the vault: both doors released at the same time, twice today."), Priority::P1);
    }

    #[test]
    fn a_count_before_its_total_is_the_whole_too() {
        assert_eq!(suggested("12 out of 12 cameras showing 'no signal' after the power cut."), Priority::P1);
        assert_eq!(suggested("8 sur 8 caméras noires depuis ce matin."), Priority::P1);
        assert_eq!(suggested("3 out of 12 cameras showing 'no signal' after the power cut."), Priority::P2);
    }

    #[test]
    fn the_only_cameras_there_are_are_all_of_the_video() {
        let text = "Les caméras de l'officine n'affichent plus rien. Nous n'avons que ces quatre caméras.";
        assert_eq!(suggested(text), Priority::P1);
        let text =
            "Les caméras du parking sont noires. Nous n'avons que ces quatre caméras au parking, les autres marchent.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn announced_tests_and_planned_cuts_are_no_failure() {
        assert_eq!(
            suggested("Test de la sirène prévu mardi 10h, merci de ne pas vous inquiéter si vous recevez l'alarme."),
            Priority::P3
        );
        assert_eq!(
            suggested("Our alarm test is scheduled for Friday 2pm, please don't dispatch anyone."),
            Priority::P3
        );
        // A turnstile people walk through without badging lets anyone in.
        assert_eq!(
            suggested("Turnstile at the staff entrance is stuck in free spin, people walk through without badging."),
            Priority::P1
        );
    }

    #[test]
    fn a_panel_that_arms_once_one_detector_is_excluded_has_one_detector_down() {
        let text =
            "Le détecteur du couloir nord est en défaut, la centrale refuse de s'armer tant qu'il n'est pas exclu.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("La centrale refuse de s'armer depuis ce matin."), Priority::P1);
    }

    #[test]
    fn badges_that_no_longer_work_with_nothing_to_restrict_them_are_the_whole_access_control() {
        assert_eq!(suggested("Mairie de Saint-Jory : les badges ne marchent plus."), Priority::P1);
        assert_eq!(suggested("Les badges des intérimaires ne marchent plus au portail du quai."), Priority::P2);
        assert_eq!(
            suggested("Hello, since the power cut every door controller in the factory is offline."),
            Priority::P1
        );
    }

    #[test]
    fn the_n_of_a_negation_names_no_building() {
        let text = "La centrale d'alarme n'est plus alimentée, donc le bâtiment n'est pas protégé la nuit.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Les caméras du bâtiment C sont noires."), Priority::P2);
    }

    #[test]
    fn a_view_that_shows_nothing_is_a_camera_picture_and_a_saved_view_a_layout() {
        assert_eq!(suggested("Two of the views from the shop floor turned black this morning."), Priority::P2);
        assert_eq!(suggested("Mon collègue ne retrouve plus sa vue personnalisée dans le VMS."), Priority::P3);
    }

    #[test]
    fn everyday_words_for_a_failure_are_read_as_the_trade_says_it() {
        // A little box or a little camera is a device, not a small request.
        let text =
            "Dans le couloir, le petit boîtier blanc au plafond n'a plus sa lumière rouge quand on passe devant.";
        assert_ne!(suggested(text), Priority::P3);
        assert_eq!(suggested("La petite caméra du poulailler reste avec un rond qui tourne."), Priority::P2);
        // The recorder of the cameras is the whole video; the badge system, the whole access control.
        assert_eq!(suggested("Bonsoir, l'enregistreur des caméras ne marche plus."), Priority::P1);
        assert_eq!(suggested("Le système des badges est en panne."), Priority::P1);
        // A card switched off that still goes through the main door.
        let text = "We switched off the card of a cleaner who left on friday. Monday 5am the log shows her card going through the main door.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn where_a_system_stands_is_no_part_of_it() {
        assert_eq!(suggested("La centrale dans l'entrée est éteinte."), Priority::P1);
        assert_eq!(suggested("Le VMS du bâtiment B est planté."), Priority::P2);
        assert_eq!(suggested("Le programme des caméras ne s'ouvre plus sur aucun poste."), Priority::P1);
    }

    #[test]
    fn a_revoked_code_or_fob_still_used_lets_the_wrong_people_in() {
        let text = "We removed the old door code 1984 last month but the delivery lads are still using it and it still works on the back door.";
        assert_eq!(suggested(text), Priority::P1);
        let text =
            "Un locataire expulsé rentre toujours dans le parking avec son bip, alors qu'on l'a retiré de la liste.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(
            suggested("Someone has jemmied the door to the plant room overnight, the lock's hanging off."),
            Priority::P1
        );
        assert_eq!(suggested("Le boîtier de l'alarme dans le garage bipe plus, écran vide."), Priority::P1);
    }

    #[test]
    fn strangers_seen_inside_and_changes_nobody_made_are_intrusions() {
        let text =
            "Il y a deux inconnus dans l'entrepôt en ce moment, on les voit sur l'écran, ils ne sont pas de chez nous.";
        assert_eq!(suggested(text), Priority::P1);
        let text =
            "Trois nouveaux badges ont été créés dans le logiciel cette nuit sans qu'aucun de nous ne l'ait fait.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(
            suggested("We found an admin account called 'maint_x' on the VMS that nobody created."),
            Priority::P1
        );
        let text = "Alarms are no longer forwarded to the central station at all; the dialler shows 'comms fail'.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn serious_words_told_only_as_context_stay_minor() {
        let text = "Our sister company across the street had a break-in last night, nothing to do with our systems, which are fine. Management now wants a quote for two extra outdoor cameras.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Le logo n'apparaît plus sur l'écran d'accueil du logiciel de badges. Aucune conséquence sur le fonctionnement.";
        assert_eq!(suggested(text), Priority::P3);
        // Late alarms are a degraded hypervisor, not slowness.
        assert_eq!(suggested("Les alarmes arrivent avec un quart d'heure de retard sur l'hyperviseur."), Priority::P2);
    }

    #[test]
    fn how_a_thing_comes_is_not_what_fails() {
        let text = "Les alarmes de la porte des urgences arrivent en double et parfois pas du tout dans l'hyperviseur.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(
            suggested("Caméra de l'entrée principale : image rose et déformée, on ne reconnaît personne."),
            Priority::P2
        );
        let text = "La caméra du parking s'affiche en noir et blanc en pleine journée, on voit tout mais on préférerait la couleur.";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn the_screen_of_the_cameras_gone_black_is_the_whole_video() {
        assert_eq!(suggested("slt c la boutique, l'ecran des cams est tout noir, les 4, rien a faire"), Priority::P1);
        assert_eq!(suggested("Les caméras du parking sont noires sur l'écran."), Priority::P2);
    }

    #[test]
    fn none_of_the_cameras_of_a_place_is_part_of_the_site_when_another_place_works() {
        let text = "Au rez-de-chaussée, plus aucune caméra ne fonctionne ; les étages 1 à 4 sont ok.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("The whole second floor has no video, the other floors are fine."), Priority::P2);
        // "d'ailleurs" is "besides", not "elsewhere".
        let text = "Rien n'est arrivé sur la supervision pendant le test. Rien de toute la journée d'ailleurs.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn another_system_said_to_work_leaves_the_failing_one_whole() {
        assert_eq!(suggested("Les caméras ne fonctionnent plus. Les badges marchent bien."), Priority::P1);
        assert_eq!(suggested("Les caméras ne fonctionnent plus. Les autres caméras marchent bien."), Priority::P2);
    }

    #[test]
    fn a_pronoun_stands_for_the_thing_its_sentence_is_about() {
        let text = "La caméra dôme de l'accueil ne s'affiche plus dans le VMS, elle ne répond pas au ping";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("The dome camera at reception disappeared from the VMS, it doesn't ping"), Priority::P2);
        // "assigned to it" is no subject; "elles" after its own subject repeats it.
        let text = "Recorder 'REC-04' stopped responding; the 24 cameras assigned to it are offline in the VMS. The other recorders are fine.";
        assert_eq!(suggested(text), Priority::P2);
        let text =
            "Le 2e écran du poste vidéo clignote quand on ouvre un menu, les images des caméras elles sont bonnes";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn text_message_words_and_kinds_of_alarm_are_read() {
        assert_eq!(suggested("cam tt HS sur le site, plus d'image nulle part"), Priority::P1);
        let text = "There is no intruder alarm on the whole site anymore, the panel lost power";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Part of the technical alarms no longer show up on the supervision, intrusion alarms still arrive";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn an_airlock_that_lets_two_people_through_at_once_lets_anyone_through() {
        let text = "Depuis ce matin, le SAS de la zone blanche laisse passer deux personnes à la fois";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Depuis ce matin, le SAS de la zone blanche pose problème, les deux portes s'ouvrent ensemble";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn a_camera_turned_away_from_what_it_watches_does_not_work() {
        let text = "La caméra du portail s'est décalée avec le vent, elle filme le ciel et plus l'entrée";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn names_seen_badly_and_failures_said_settled_are_minor() {
        let text = "Le menu déroulant des caméras dans le client web est tronqué, on ne voit pas la fin des noms";
        assert_eq!(suggested(text), Priority::P3);
        let text = "La panne de la semaine dernière sur les cams du parking est bien réglée, merci. Par contre le libellé de la cam 12 est toujours faux";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn a_failure_said_over_with_nothing_else_wrong_is_news_for_the_desk() {
        let text = "The barrier issue reported on Monday was fixed by your technician, thanks, all good now.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Le problème de caméra signalé lundi est résolu, c'était un câble débranché par l'électricien.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "The lobby camera that was black yesterday is working again since your tech came, you can close the ticket.";
        assert_eq!(suggested(text), Priority::P3);
        // Over in one sentence, wrong in the next; over but for one.
        let text = "Le problème de caméra signalé lundi est résolu. Par contre la caméra du quai est noire.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("La panne des caméras est résolue sauf pour la caméra du quai."), Priority::P2);
        assert_eq!(suggested("The camera issue is resolved except for the dock camera."), Priority::P2);
    }

    #[test]
    fn a_colleague_away_is_context_unless_their_account_or_badge_was_used() {
        let text = "Je vous écris parce que mon collègue de la sécurité est en congé. Les caméras du service de pédiatrie sont grises, les autres services sont normaux.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "Quelqu'un s'est connecté à l'hyperviseur avec le compte d'un technicien qui est en congé.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn every_building_is_the_whole_site_and_the_devices_on_one_switch_are_a_part() {
        let text = "Le système anti-intrusion n'est plus opérationnel dans aucun bâtiment depuis la coupure EDF.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(
            suggested("Le switch PoE du 2e a grillé, les 6 caméras branchées dessus sont coupées."),
            Priority::P2
        );
        let text = "Il n'y a plus d'images sur les caméras de l'aile est, mais rien n'a été volé.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn the_people_watching_who_have_no_picture_have_none_at_all() {
        let text = "Bonjour, il semblerait que nous n'ayons plus d'images depuis le week-end.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Nous n'avons plus d'images au parking."), Priority::P2);
    }

    #[test]
    fn badges_refused_at_a_reserved_door_keep_people_out() {
        let text = "Le portique d'accès à la zone réservée porte 12 refuse tous les badges, les agents passent par la porte 14.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "L'équipe de nettoyage a pu entrer dans la zone des serveurs alors que leurs badges n'ont aucun droit là-bas.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn an_expired_licence_and_devices_no_longer_recognised_are_failures_and_a_screensaver_a_setting() {
        let text = "Le VMS affiche \"licence expirée\" et a coupé l'affichage de toutes les caméras.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Depuis la mise à jour du VMS, les 5 caméras ONVIF de l'entrepôt ne sont plus reconnues, les autres marques s'affichent.";
        assert_eq!(suggested(text), Priority::P2);
        let text =
            "L'écran de veille du poste de supervision se déclenche au bout de 5 minutes, on aimerait le désactiver.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Mise à jour du firmware des caméras prévue par notre service informatique jeudi soir, il y aura quelques coupures courtes.";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn a_failure_said_over_in_the_next_clause_is_over_unless_the_clause_names_another() {
        let text = "The camera at the gate was offline yesterday but came back by itself this morning and works fine.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "La camera du hall était noire hier mais elle est revenue toute seule ce matin et marche bien.";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(suggested("La caméra 2 est noire, la 1 a été réparée."), Priority::P2);
        assert_eq!(suggested("La caméra 2 est noire, la caméra 1 a été réparée."), Priority::P2);
    }

    #[test]
    fn a_place_said_first_in_a_clause_of_its_own_restricts_all_the_cameras() {
        let text = "Au niveau -2 du parking souterrain, toutes les caméras sont figées sur la même image.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("Toutes les caméras sont figées sur la même image."), Priority::P1);
    }

    #[test]
    fn tests_and_drills_announced_in_the_future_tense_are_information() {
        let text = "Exercice d'évacuation prévu mardi : nous mettrons nous-mêmes les portes en libre passage de 14h à 14h30, c'est normal, pas besoin d'intervenir.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Test de la centrale d'alarme prévu jeudi à 10h, merci de ne pas tenir compte des alarmes entre 10h et 11h.";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn minutes_to_open_and_slow_event_logs_are_slowness() {
        assert_eq!(suggested("the VMS client take 5 min for open every morning, after it work normal"), Priority::P3);
        assert_eq!(suggested("Les exports PDF des journaux d'événements sont très lents."), Priority::P3);
        let text = "Monthly badge report generation is taking 20+ minutes, earlier it was 2 mins.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "La connexion au client web de l'hyperviseur prend presque 2 minutes le matin, ensuite ça va.";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn a_total_then_a_count_says_how_many() {
        assert_eq!(suggested("Sur les 40 caméras, 12 sont en défaut depuis la coupure."), Priority::P2);
        assert_eq!(suggested("Out of our 20 cameras, 20 are black since this morning."), Priority::P1);
        assert_eq!(suggested("Out of our 20 cameras 5 are black since the switch was replaced."), Priority::P2);
    }

    #[test]
    fn the_devices_of_one_recorder_are_a_part() {
        assert_eq!(suggested("One of our three NVRs is down, the cameras recorded on it are lost."), Priority::P2);
        let text = "l'enregistreur n°2 sur 3 est planté, les caméras qui sont dessus ne sont plus visibles";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn a_zone_of_the_alarm_and_a_door_only_are_parts() {
        assert_eq!(suggested("La zone parking de l'alarme ne s'arme plus, les autres zones s'arment."), Priority::P2);
        let text = "Le contrôle d'accès est HS sur l'entrée fournisseurs uniquement, la porte reste fermée.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("Dans l'annexe, plus aucune image. Le bâtiment principal fonctionne."), Priority::P2);
    }

    #[test]
    fn a_panel_that_detects_while_the_hypervisor_shows_nothing_loses_every_alarm() {
        let text = "L'hyperviseur n'affiche plus aucune alarme : tout est vert alors que nos tests déclenchent bien des détecteurs.";
        assert_eq!(suggested(text), Priority::P1);
        let text =
            "Le contrôle d'accès laisse passer des personnes qui ne sont pas autorisées dans la salle des coffres.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn a_message_that_says_all_is_clear_and_nothing_wrong_is_news() {
        let text = "L'alarme a sonné cette nuit à 3h, c'était le chat du gardien enfermé dans l'atelier. Aucune intrusion, la levée de doute vidéo l'a confirmé.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "J'ai lu dans la presse qu'un fabricant de caméras avait une faille. Nos caméras sont-elles concernées ? Nous n'avons constaté aucun problème.";
        assert_eq!(suggested(text), Priority::P3);
        // Not when any word says something is wrong, read or not.
        let text = "The door contact on the electrical room got painted over and fell off during the works. No break-in, nothing missing, but the door isn't supervised now.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "Playback for the cash office camera stops at 11pm, so we have no night footage from it. Everything else seems normal.";
        assert_ne!(suggested(text), Priority::P3);
    }

    #[test]
    fn what_the_software_says_of_a_device_is_of_that_device() {
        assert_eq!(
            suggested("The camera at the cash desk does not respond, the VMS says 'connection failed'."),
            Priority::P2
        );
        let text =
            "La caméra de la cour ne se connecte plus, le VMS indique 'hors ligne' en rouge pour elle seulement.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "plus rien dans le menu Favoris du VMS, mes vues enregistrées ont disparu.";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn expired_badges_refused_and_a_lost_password_are_no_breach() {
        let text = "La liste des badges n'affiche plus la colonne 'Date d'expiration'. Les badges expirés sont bien refusés aux portes, on a vérifié ce matin.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "On a perdu le mot de passe du compte de l'ancien responsable sur le logiciel de badges, il est parti à la retraite.";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn reports_about_intrusion_and_thanks_are_minor_and_images_put_online_an_intrusion() {
        let text = "Le rapport d'intrusion hebdomadaire ne nous est plus envoyé par mail depuis 2 semaines.";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(suggested("Thank you for the quick fix yesterday, the whole team is happy."), Priority::P3);
        let text = "Nous avons reçu un mail nous indiquant que nos caméras étaient diffusées sur un site web public.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Coupure électrique programmée samedi de 6h à 8h par le distributeur sur notre site. Les onduleurs prendront le relais.";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn everything_said_back_to_normal_ends_what_the_sentence_before_told() {
        let text = "Hier soir la caméra du hall était noire. Tout est rentré dans l'ordre, elle s'affiche bien.";
        assert_eq!(suggested(text), Priority::P3);
        // Not an intrusion or a door open to anyone: whoever came in, came in.
        let text = "Un intrus a été vu sur le parking cette nuit. Tout est revenu au calme ensuite.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Hier une porte est restée ouverte 10 min pendant une livraison. Tout est rentré dans l'ordre, la porte se verrouille bien.";
        assert_eq!(suggested(text), Priority::P1);
        // Only the sentence before; not as a question; not "the coffee machine is fixed".
        let text =
            "Toutes les caméras sont noires. Hier le lecteur du quai ne lisait plus. Tout est rentré dans l'ordre.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Les caméras du parking sont noires. Tout est rentré dans l'ordre ?"), Priority::P2);
        let text = "Handover note: night was calm. Alarm panel still in test mode, it has been like this for a week now. Coffee machine fixed.";
        assert_ne!(suggested(text), Priority::P3);
    }

    #[test]
    fn a_screen_that_shows_a_device_down_while_that_device_works_is_wrong() {
        let text = "Le tableau de bord affiche 'Centrale hors ligne' en rouge alors que la centrale est bien en ligne.";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(suggested("Le VMS affiche 'caméra 3 hors ligne' alors que la caméra 4 fonctionne."), Priority::P2);
        let text = "Le bandeau des alarmes en bas de l'écran est bloqué sur une vieille alarme acquittée d'hier, il ne défile plus.";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn everyday_names_of_devices_are_the_devices() {
        let text =
            "Les portes qui tournent à l'entrée du personnel : celle de gauche ne tourne plus du tout depuis ce matin.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "Le machin qui fait bip pour ouvrir la porte du service RH ne reconnaît plus nos cartes, la porte reste fermée.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("Lecteur porte B bip plus et la porte reste fermée, merci"), Priority::P2);
        let text = "Les agents demandent s'il est possible d'avoir un bip plus discret quand un badge est refusé.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "La barre du parking reste en l'air depuis ce matin, les voitures rentrent sans aucun contrôle.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn a_slow_history_is_no_late_alarm_when_the_alarms_arrive_well() {
        let text = "Le logiciel qui rassemble les alarmes met un temps fou à ouvrir l'historique, mais les alarmes arrivent bien.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "La recherche dans le journal des événements du contrôle d'accès est très lente.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Les alarmes arrivent en double ou en retard sur la supervision depuis mardi.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn the_building_unnamed_before_a_negation_is_the_site_and_installed_is_no_failure() {
        let text = "Le boîtier qui commande les portes a sauté, plus aucune porte du bâtiment ne réagit aux cartes.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Suite au cambriolage de 2023 vous nous aviez installé les nouvelles caméras, tout fonctionne parfaitement depuis. Est-il possible de mettre le logiciel vidéo en espagnol ?";
        assert_eq!(suggested(text), Priority::P3);
        let text = "L'alarme a déclenché à 3h12 et on voit un inconnu se promener dans l'entrepôt sur les images.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn failures_told_inside_routine_messages_are_read() {
        let text = "Madame, Monsieur, je vous informe que l'ensemble de notre dispositif de vidéoprotection est hors d'usage depuis ce matin 8h30. Je vous saurais gré d'intervenir dans les meilleurs délais.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "We had the fire drill this morning which went fine. Also, since the drill the front door magnet doesn't engage anymore and the door just swings open with a push. Could you resend last month's invoice?";
        assert_eq!(suggested(text), Priority::P1);
        let text = "En revenant au poste j'ai vu que le logiciel d'hypervision était fermé, et quand je le relance il tourne en boucle sur « initialisation », ça fait une heure.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn a_zone_named_after_a_room_is_that_room_and_an_empty_export_is_a_missing_recording() {
        let text = "Juste pour info, ce matin on a trouvé la porte de la réserve de la pharmacie (zone stupéfiants) ouverte alors que personne n'avait badgé.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "On a demandé l'export d'hier 14h pour la caméra du hall et il n'y a rien, la plage est vide.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("La zone 4 de l'alarme est en défaut."), Priority::P2);
    }

    #[test]
    fn alarms_shown_but_no_longer_those_of_one_system_are_partly_lost() {
        let text =
            "L'hyperviseur affiche les alarmes intrusion mais plus celles du contrôle d'accès, depuis la mise à jour.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn an_open_space_is_no_open_door_and_a_test_planned_is_information() {
        let text = "Le clavier de la centrale bipe très fort à chaque touche, dans l'open space ça dérange tout le monde. On peut baisser ?";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Nous prévoyons un test de la centrale intrusion jeudi 18 à 10h avec déclenchement de la sirène. Merci de ne pas en tenir compte.";
        assert_eq!(suggested(text), Priority::P3);
        // "le planning" is a schedule, not the future: a door set to "always open" in it.
        let text =
            "Depuis sa visite la porte du quai 3 est programmée en « toujours ouvert » dans le planning, jour et nuit.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn badges_created_behind_our_back_are_an_intrusion_and_a_link_that_drops_is_degraded() {
        let text = "Dans le logiciel de badges on voit 4 badges créés à notre insu avec un profil « accès total ». Personne ici ne les a créés.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "L'hyperviseur décroche toutes les 20 minutes environ, on doit se reconnecter. Les alarmes finissent par arriver.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "Suite à l'incident de la semaine dernière où les caméras étaient HS, pouvez-vous nous envoyer le compte rendu ? Tout refonctionne depuis votre intervention.";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn credentials_phished_accounts_nobody_made_and_rights_changed_by_no_admin_are_intrusions() {
        let text = "The password of our VMS administrator was phished and someone used it last night.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "There is a user 'tech9' in the access control software that nobody create.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Les droits du badge 4411 ont été passés en accès total hier soir, aucun admin n'a fait ça.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Quelqu'un s'est connecté sur le VMS avec un compte qu'on croyait supprimé depuis l'an dernier.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn a_terminated_badge_that_opens_and_an_airlock_that_opens_both_doors_let_people_in() {
        assert_eq!(suggested("A terminated employee's card still opens the warehouse door."), Priority::P1);
        assert_eq!(suggested("FYI the airlock of the lab opens the two doors in the same time."), Priority::P1);
    }

    #[test]
    fn alarms_minutes_after_they_trigger_are_late_and_none_received_are_lost() {
        let text = "Alarms now reach the hypervisor 3 to 8 min after they trigger.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("We no longer get any alarms on the PSIM since Monday."), Priority::P1);
    }

    #[test]
    fn the_only_camera_said_first_then_failing_is_all_of_the_video() {
        let text = "Notre agence n'a qu'une caméra et elle ne donne plus d'image depuis hier.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("The kiosk only has one camera and it went black this morning."), Priority::P1);
        // Counting the failing ones is no such thing.
        assert_eq!(suggested("On n'a qu'une caméra en panne, celle du portail."), Priority::P2);
    }

    #[test]
    fn what_the_vms_says_of_a_camera_seen_in_it_is_that_cameras() {
        let text = "La caméra 7 n'apparaît plus dans le VMS, message « perte de signal ».";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("Channel 2 on the shop DVR shows 'video loss' since Friday."), Priority::P2);
    }

    #[test]
    fn alarms_lost_while_the_rest_is_said_to_arrive_are_partly_lost_unless_none_arrives() {
        let text =
            "L'hyperviseur ne reçoit plus l'alarme de la porte du local vélos. Les autres portes remontent bien.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "Les alarmes de l'aile ouest n'arrivent plus sur l'hyperviseur, le reste du site remonte bien.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "L'hyperviseur ne reçoit plus aucune alarme, le reste fonctionne.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn a_failure_said_over_before_the_next_clause_names_anything_is_over() {
        let text = "Lundi tout le système vidéo était HS, c'est revenu le soir et les enregistrements sont complets, mais la mosaïque a perdu sa disposition.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "On Sunday every camera was down, it's fixed and nothing was lost, but the video wall now opens the wrong layout.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Lundi toutes les caméras étaient HS, c'est revenu le soir mais les enregistrements du week-end sont perdus.";
        assert_ne!(suggested(text), Priority::P3);
    }

    #[test]
    fn a_break_in_told_by_what_was_taken_or_how_they_came_is_an_intrusion() {
        assert_eq!(suggested("Alarme à 3h, fenêtre du bureau 4 brisée, ordinateurs volés."), Priority::P1);
        assert_eq!(suggested("Quelqu'un s'est introduit dans l'entrepôt cette nuit."), Priority::P1);
        let text = "Someone took remote control of the video workstation and deleted cameras.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn what_came_since_a_restart_and_what_the_others_do_are_read_apart() {
        assert_eq!(suggested("Le serveur vidéo a redémarré et depuis plus aucune image."), Priority::P1);
        let text = "The feeds of the car park cameras no longer show in the PSIM, other feeds are fine.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "Alarms do reach the hypervisor but 5 minutes late.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn an_account_or_a_change_nobody_here_made_is_an_intrusion_even_said_next() {
        let text = "Il y a un nouveau compte admin sur l'enregistreur. Nous, on n'a rien demandé.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Les droits de trois badges ont été modifiés cette nuit et nous n'avons touché à rien.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Quelqu'un s'est connecté au VMS avec le compte admin depuis l'étranger.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn what_a_pronoun_after_et_does_is_its_things() {
        let text = "Quand on badge à la porte du local serveur il n'y a plus de bip et ça n'ouvre pas.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "The reader at the archive room is acting up: it beeps but the lock never releases.";
        assert_eq!(suggested(text), Priority::P2);
        // "ça" of a nuisance stays a nuisance.
        assert_eq!(suggested("Le bip du lecteur est trop fort, ça dérange l'accueil."), Priority::P3);
    }

    #[test]
    fn a_detector_set_aside_and_footage_lost_each_night_are_failures() {
        let text = "Un détecteur du sous-sol reste allumé en permanence, on a dû le mettre de côté pour armer.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("The NVR is losing footage on cameras 3 to 6 every night."), Priority::P2);
        let text =
            "Rien d'urgent, mais je préfère vous dire que la caméra de la caisse ne montre plus qu'une image grise.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn devices_shown_down_while_all_of_them_work_are_a_display_problem() {
        assert_eq!(suggested("All 8 readers work, but the badge software shows reader 2 as offline."), Priority::P3);
        let text = "Le rapport dit « 5 caméras en défaut » alors que nous avons vérifié, elles marchent toutes.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Our 6 cameras are all fine except the staff room one, which shows 'video loss'.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("Le VMS affiche 3 caméras hors ligne, les autres marchent toutes."), Priority::P2);
    }

    #[test]
    fn drills_neighbours_and_failures_sorted_are_news_for_the_desk() {
        let text = "Alarme intrusion cette nuit au dépôt, c'était un exercice prévu, tout a marché.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Our neighbour got broken into last night, not us. How do I export a clip?";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(suggested("Test de l'alarme intrusion prévu mardi 9h, on vous prévient."), Priority::P3);
        let text =
            "The access control was down on Monday but your tech sorted it. Now the reports print without accents.";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn a_drop_that_comes_back_in_the_next_clause_is_degraded() {
        let text = "Le superviseur perd le serveur puis se reconnecte quelques minutes après.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "Toutes les caméras sont HS depuis ce matin, puis le réseau coupe quelques minutes.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn a_question_answered_no_told_no_fact() {
        let text = "Une porte forcée ? Non, c'est le vent. Par contre la caméra du quai est noire.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn the_only_building_the_only_recorder_and_the_building_tonight_are_the_whole_site() {
        assert_eq!(suggested("Plus aucune caméra dans le bâtiment. C'est notre unique bâtiment."), Priority::P1);
        assert_eq!(suggested("Our only NVR died overnight."), Priority::P1);
        let text = "The intrusion panel is completely dead, we can't arm the building tonight.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn a_building_abbreviated_or_excepted_is_a_part() {
        assert_eq!(suggested("Le bât. 3 n'a plus de caméras, les bâtiments 1 et 2 sont ok."), Priority::P2);
        let text = "Everything is fine except the gym, where none of the cameras show a picture.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("Tout va bien sauf que plus aucune caméra ne marche."), Priority::P1);
    }

    #[test]
    fn failures_typed_by_ear_and_idioms_are_failures() {
        assert_eq!(suggested("les cameras marche pu"), Priority::P1);
        assert_eq!(suggested("caméras plus dispo depuis ce matin"), Priority::P1);
        assert_eq!(suggested("The whole access control packed up this morning."), Priority::P1);
    }

    #[test]
    fn a_break_in_here_is_an_intrusion_and_one_next_door_is_news() {
        assert_eq!(suggested("On s'est fait cambrioler cette nuit."), Priority::P1);
        let text = "La boutique d'à côté s'est fait cambrioler, chez nous tout va bien.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Quelqu'un est entré par le plafond depuis le local vide d'à côté.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn cards_that_should_not_open_and_do_let_people_in() {
        let text = "We revoked the badges of two temps but they were still swiping in today.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Quand on passe une carte de fidélité devant le lecteur, la porte s'ouvre.";
        assert_eq!(suggested(text), Priority::P1);
        // Calling someone inside to open is how people get in while the reader is down.
        let text = "Le lecteur ne bipe plus, il faut appeler quelqu'un à l'intérieur pour ouvrir.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "The hypervisor disconnects from the intruder panel now and then and alarms are delayed.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn intrusion_listed_as_a_kind_of_alarm_is_no_intrusion_and_one_happening_is() {
        let text = "Les alarmes du contrôle d'accès n'arrivent plus ; intrusion et vidéo arrivent normalement.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "Les alarmes techniques et intrusion du bâtiment B arrivent avec 10 minutes de retard.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("Intrusion cette nuit, la vidéo remonte bien."), Priority::P1);
        assert_eq!(suggested("Intrusion cette nuit, les alarmes arrivent bien."), Priority::P1);
    }

    #[test]
    fn what_someone_only_thought_happened_is_no_fact() {
        let text = "Le gardien pensait avoir vu quelqu'un dans la cour, c'était un chat. Par contre la caméra de la cour a des coupures.";
        assert_eq!(suggested(text), Priority::P2);
        let text =
            "We thought someone had broken in, but no one got in. The detector in the hall stays in fault though.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("Someone had broken in through the back door."), Priority::P1);
        let text = "La police est passée pour une autre affaire ; deux caméras du parking sont figées.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn names_in_single_quotes_and_names_given_are_names() {
        let text = "la mosaïque 'Intrusion' a perdu sa disposition après la mise à jour";
        assert_eq!(suggested(text), Priority::P3);
        let text = "on a une caméra qui s'appelle 'PORTE BLOQUEE', on peut la renommer ?";
        assert_eq!(suggested(text), Priority::P3);
        // Quotes alone name nothing: what a screen writes is what it says.
        assert_eq!(suggested("La caméra 5 'hors ligne' depuis ce matin."), Priority::P2);
        assert_eq!(suggested("sur l'enregistreur un message 'vos fichiers ont été chiffrés' s'affiche"), Priority::P1);
        let text = "Sur la télé les quatre cases sont noires avec écrit « pas de signal » dedans.";
        assert_ne!(suggested(text), Priority::P3);
    }

    #[test]
    fn a_broken_device_replaced_is_over_unless_still_broken() {
        let text = "On a remplacé la caméra HS du hall jeudi, elle marche. On peut avoir le rapport ?";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(suggested("On a remplacé le switch mais la caméra 4 est toujours HS."), Priority::P2);
    }

    #[test]
    fn a_lost_badge_still_opening_and_someone_without_a_badge_getting_in_are_breaches() {
        let text = "Une intérimaire a perdu son badge, on l'a désactivé mais il ouvre toujours la porte du stock.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Un livreur qui n'a pas de badge est rentré en poussant la porte de service.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Un stagiaire a perdu son badge, pouvez-vous le désactiver ?"), Priority::P3);
        // Someone with a badge called to open a door whose keypad is down keeps others out.
        let text = "Le digicode du local vélos ne répond plus, il faut appeler quelqu'un avec un badge pour ouvrir.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn a_password_used_where_nobody_is_and_an_image_unusable_are_serious() {
        let text = "Un mail dit que le mot de passe admin du VMS a été utilisé depuis la Pologne. C'est normal ? On n'a personne en Pologne.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Pouvez-vous créer un compte admin pour notre technicien ? Merci. On n'a personne en interne qui sait le faire.";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(suggested("caméra 2 image coupée en deux et toute pixelisée, inutilisable"), Priority::P2);
    }

    #[test]
    fn losses_stops_and_mute_sirens_are_failures_and_a_former_contractor_s_badge_an_intrusion() {
        let text =
            "Un disque du NVR a été remplacé et on a perdu les enregistrements de 3 jours sur les caméras du parc.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "Un ancien prestataire a encore un accès au logiciel de badges et il a créé un badge hier. On ne lui a rien demandé.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Tout fonctionne sauf la caméra de la cour, qui reste sur 'connexion en cours'.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("Sirène extérieure muette au test de ce matin."), Priority::P2);
        let text = "Les enregistrements des caméras de l'entrepôt s'arrêtent chaque nuit vers 2h.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn the_only_camera_said_with_what_happened_since_is_all_of_the_video() {
        let text = "I only have one camera, over the till, and since Monday it shows only a black screen.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn nothing_at_all_said_of_nothing_smaller_is_everything_watched() {
        assert_eq!(suggested("Sur la petite télé du comptoir, on voit plus rien du tout."), Priority::P1);
        assert_eq!(
            suggested("Le logiciel ne s'ouvre plus et le gardien dit que sans ça il est aveugle."),
            Priority::P1
        );
        // Nothing on one camera is that camera.
        assert_eq!(suggested("La caméra du quai, on ne voit plus rien dessus."), Priority::P2);
    }

    #[test]
    fn what_lay_people_see_of_a_breach_is_a_breach() {
        // A ransom note the screen shows is not a label, even when it asks for an email.
        let text = "L'écran du NVR affiche un message : 'Your files are locked, write to this email to get them back'.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "J'ai vu un compte « admin3 » dans le logiciel des badges. Personne ne le connaît ici.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "The side doors of the gym unlock at midnight now. I found them open at 1am.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Le portillon laisse passer des personnes qui n'ont pas de badge, il suffit de pousser.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "C'est normal que les badges des anciens élèves marchent encore au portail ?";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Au sas de l'agence, les deux portes s'ouvrent maintenant en même temps."), Priority::P1);
        assert_eq!(suggested("On dirait que le système de vidéo ne marche plus."), Priority::P1);
        let text = "On n'arrive pas à désactiver le badge volé d'un agent, le logiciel se ferme.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("The emergency exit of the hall stays unlocked and opens from outside."), Priority::P1);
        // The panel that no longer sees a device speaks of that device.
        assert_eq!(suggested("Le contact de la fenêtre est HS, la centrale ne le voit plus."), Priority::P2);
        assert_eq!(suggested("Au sous-sol, les quatre caméras n'ont plus d'image."), Priority::P2);
    }

    #[test]
    fn a_door_that_stopped_unlocking_a_frozen_corner_and_a_program_that_no_longer_starts() {
        let text = "Le lecteur bipe et passe au vert, mais la porte ne se déverrouille plus.";
        assert_eq!(suggested(text), Priority::P2);
        // The others that move are the others, not the one frozen.
        let text = "Sur la télé, l'image de la caisse est figée depuis ce matin. Les autres images bougent.";
        assert_eq!(suggested(text), Priority::P2);
        // After "et", the verb's subject is the program, not the message it shows.
        let text = "Le logiciel de l'hyperviseur affiche « base indisponible » et ne se lance plus.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn rights_given_by_nobody_we_know_a_smashed_door_and_a_shop_left_without_alarm() {
        let text =
            "Quelqu'un a donné aux badges des livreurs l'accès au local serveur. Ce n'est ni moi ni mon adjoint.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Somebody smashed the side door of the club, the lock is broken."), Priority::P1);
        let text = "Le clavier de l'alarme est éteint, le magasin entier reste sans alarme ce soir.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("La surveillance vidéo est en rade depuis ce matin."), Priority::P1);
        let text = "The turnstile at the museum is stuck open, visitors walk straight through without paying.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("The car park barrier is stuck up, any car can drive in."), Priority::P1);
    }

    #[test]
    fn late_alarms_since_an_update_cloned_badges_and_a_forced_strike() {
        let text = "Alarms show up in the PSIM with about ten minutes delay since the update.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "Trois badges ont été créés cette nuit avec accès partout. Personne ici ne les a créés.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Alarm at 2am at the shop, police found the back window broken."), Priority::P1);
        assert_eq!(suggested("Porte du quai : gâche arrachée ce matin, câbles coupés dans le local."), Priority::P1);
        assert_eq!(suggested("Badge cloné probable : le même badge lu à deux entrées à la même minute."), Priority::P1);
    }

    #[test]
    fn settings_and_looks_that_worry_are_minor_and_an_unusable_picture_is_not() {
        assert_eq!(suggested("Camera 9 is upside down, we still see everything, just annoying."), Priority::P3);
        let text = "Le logiciel de badges déconnecte l'opérateur après 10 min d'inactivité, on voudrait 1 h.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "The browser shows a certificate warning for the VMS web page; live and playback work.";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(suggested("My favourite views are gone every time I log in to the VMS."), Priority::P3);
        let text = "La caméra du monte-charge est à l'envers et toute verte, rien d'exploitable.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn a_link_lost_now_and_then_recordings_not_saved_and_a_gate_opened_by_hand_for_everybody() {
        let text = "Each night the PSIM shows 'link lost' for the depot for a few minutes, then it comes back.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("Les deux caméras de la caisse n'enregistrent rien depuis lundi."), Priority::P2);
        let text = "The turnstile stays closed, badges refused, the guard opens the side gate by hand for everybody.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn a_zone_of_the_alarm_named_apart_is_one_zone() {
        assert_eq!(suggested("Une zone de l'alarme, la cave, est en défaut depuis l'orage."), Priority::P2);
    }

    #[test]
    fn a_fault_shown_for_a_zone_software_that_receives_nothing_and_a_dead_recording_pc() {
        let text = "Le boîtier de l'alarme fait bip et affiche défaut zone 3 depuis lundi, je sais pas quoi faire.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "Le logiciel de sécurité de la mairie ne reçoit plus aucune alarme depuis la coupure réseau.";
        assert_eq!(suggested(text), Priority::P1);
        // Sending is not receiving: a report the software no longer emails is a nuisance.
        let text = "Le logiciel n'envoie plus le rapport mensuel par mail.";
        assert_ne!(suggested(text), Priority::P1);
        assert_eq!(suggested("The recording PC in the cellar died, nobody can watch anything."), Priority::P1);
        assert_eq!(
            suggested("I hear someone on the roof, the intruder alarm is ringing. Police called."),
            Priority::P1
        );
    }

    #[test]
    fn old_badges_of_people_gone_an_unknown_program_and_a_small_site_without_surveillance() {
        let text = "Le badge d'un bénévole qui a démissionné ouvre toujours le local. On l'avait supprimé.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Un ancien locataire est entrée ce matin par le hall avec son ancien badge, rendu inactif en mai.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Un programme inconnu tourne sur le serveur vidéo depuis hier."), Priority::P1);
        assert_eq!(
            suggested("Les caméras de l'épicerie ne filment plus, on est sans aucune surveillance."),
            Priority::P1
        );
        // A migration: the old badges still pass because the new ones do not.
        let text = "Les lecteurs du 2e ne lisent plus les nouveaux badges, les anciens badges passent.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn an_invoice_not_received_is_not_an_alarm_and_the_rest_said_fine_leaves_the_failure() {
        assert_eq!(suggested("Bonjour, je n'ai pas reçu la facture de mars, pouvez-vous la renvoyer ?"), Priority::P3);
        let text = "The thermal camera on the fence shows a white picture. We can't see anything in that image. \
                    The rest of the perimeter cameras are fine.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("The gate barrier no longer lifts when reception presses the button."), Priority::P2);
        let text = "Sur les caméras du magasin la relecture ne remonte qu'à 4 jours, le reste a été écrasé.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "Badges were given access to the server room on Sunday. The log shows a user that we do not know.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Nous suspectons un clonage de badge à l'accueil."), Priority::P1);
        assert_eq!(suggested("The dome over the till has a crack and the image is completely smeared."), Priority::P2);
    }

    #[test]
    fn no_new_alarm_appearing_is_alarms_lost() {
        let text = "Since this morning the alarm list is frozen and no new alarms appear at all.";
        assert_eq!(suggested(text), Priority::P1);
        // The list's look is not the alarms.
        assert_eq!(suggested("Everything works, but the alarm list font is hard to read."), Priority::P3);
    }

    #[test]
    fn cards_not_in_the_system_released_maglocks_a_deleted_code_used_and_a_cut_fence() {
        let text = "Every card opens the bike store, even cards that are not even in the system.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Coupure électrique : les ventouses sont relâchées, les portes du labo s'ouvrent à la main.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "On avait supprimé le code de l'ancien gardien. Samedi ce code a servi à désarmer l'alarme.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Someone cut through the fence at the back and took two mowers."), Priority::P1);
    }

    #[test]
    fn a_camera_hidden_by_a_banner_alarms_that_pop_up_late_and_nothing_arriving_from_a_test() {
        let text = "A banner was hung in front of the car park camera, we only see the back of the banner.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "On the control room software the alarms from the fence pop up very late.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "I pressed the test on the panic button and nothing arrived on the operator screen.";
        assert_ne!(suggested(text), Priority::P3);
    }

    #[test]
    fn alarms_that_come_after_the_fact_a_stolen_password_used_and_a_mute_siren() {
        let text = "Big lag on the hypervisor, the alarm events come in ten minutes after they happen.";
        assert_eq!(suggested(text), Priority::P2);
        let text =
            "A pupil got hold of the admin password of the badge software and gave his own card access to the office.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "The loading bay cameras are showing the same picture since noon, the clock isn't moving.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("Au test, la sirène du hall n'a émis aucun son."), Priority::P2);
        let text = "Le lecteur du local bipe rouge avec tous les badges, même les autorisés.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "On the PSIM the dock cameras come up as stream unavailable when an alarm pops.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn settings_sounds_screensavers_and_who_knows_how_are_minor() {
        let text = "Can you rename camera 'CAM3' to 'Gate'? Nobody knows which one it is.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Le logiciel de l'hyperviseur nous déconnecte après 10 minutes, on peut allonger ce délai ?";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(suggested("The time shown on the camera pictures is one hour behind."), Priority::P3);
        assert_eq!(
            suggested("Les intitulés des alarmes sont tronqués dans la liste, on ne lit pas la fin."),
            Priority::P3
        );
        let text = "La mise en veille de l'écran de la loge arrive trop vite, il faut bouger la souris.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Le son d'alerte de l'hyperviseur est strident, peut-on le changer ?";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn people_opening_a_door_that_stays_shut_is_the_way_round_it() {
        assert_eq!(suggested("The yard gate is stuck closed, we open manually every time."), Priority::P2);
        let text = "The PIN pad of the store room is dead, the door stays shut and staff call security to open it.";
        assert_eq!(suggested(text), Priority::P2);
        // A reader that falls back to 'open' lets anyone in.
        let text = "The reader on the cage corridor accepts any finger since the wipe, it falls back to 'open'.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("The back door is stuck open since this morning."), Priority::P1);
    }

    #[test]
    fn a_panel_that_will_not_arm_or_see_beside_one_of_its_devices_fails_for_that_device() {
        let text = "Le détecteur de la réserve est en défaut, on ne peut plus armer la centrale sans l'exclure.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "Le contact de la porte arrière ne remonte plus : on ouvre et la centrale ne voit rien.";
        assert_eq!(suggested(text), Priority::P2);
        // The panel itself, or all of it, down is the whole intrusion detection.
        let text = "Les barrières infrarouges et la centrale sont toutes hors service, plus aucune détection.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("La centrale d'alarme ne s'arme plus du tout."), Priority::P1);
    }

    #[test]
    fn some_of_the_site_s_cameras_and_other_places_said_fine_are_a_part() {
        assert_eq!(suggested("Sur les 30 caméras du site, 4 sont noires depuis ce matin."), Priority::P2);
        assert_eq!(
            suggested("Of our two buildings, only the annex has no video. Offices and lab are fine."),
            Priority::P2
        );
    }

    #[test]
    fn a_door_opened_to_time_the_alarms_is_a_test() {
        let text = "Les alertes arrivent en retard : on a testé avec une porte ouverte, l'alerte est apparue 12 minutes après.";
        assert_eq!(suggested(text), Priority::P2);
        // Nothing arriving from the test is still a failure, never minor.
        let text = "Test: we opened a fire door on purpose, the bell rings but nothing pops up on the alarm screen.";
        assert_ne!(suggested(text), Priority::P3);
    }

    #[test]
    fn the_complete_system_is_all_of_it() {
        assert_eq!(suggested("The complete CCTV system at our office is not working since Monday."), Priority::P1);
    }

    #[test]
    fn a_lock_pulled_open_and_a_reader_that_takes_several_swipes() {
        let text =
            "Un livreur est entré dans la réserve en tirant fort sur la porte, la serrure électrique n'a pas tenu.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Lecteur du local technique : il faut passer le badge 5 ou 6 fois pour que ça ouvre.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn an_elided_de_names_no_building_and_a_comma_ends_the_site_named() {
        let text = "Au musée de la Marine, toutes les caméras de la galerie d'art ont cessé de fonctionner d'un coup.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Depuis l'orage, toutes les caméras du magasin, rayons comme réserve, sont hors service.";
        assert_eq!(suggested(text), Priority::P1);
        // A count out of the site's total still counts some of them.
        let text = "Sur les 10 caméras de la pharmacie, 3 n'affichent plus d'image depuis hier.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn all_the_pictures_of_the_cameras_are_all_the_cameras() {
        assert_eq!(suggested("Tous les flux des caméras sont gelés sur la même heure depuis la nuit."), Priority::P1);
        assert_eq!(suggested("Les images des caméras de la cour sont figées depuis ce matin."), Priority::P2);
        assert_eq!(
            suggested("Sur le poste 3, les vignettes des caméras sont coupées en bas de l'écran."),
            Priority::P3
        );
    }

    #[test]
    fn a_system_named_whole_is_a_part_when_everywhere_else_is_fine() {
        let text =
            "L'alarme ne détecte plus rien dans le garage, le détecteur reste éteint. Partout ailleurs c'est OK.";
        assert_eq!(suggested(text), Priority::P2);
        // "Even those of the management" counts them in, not out.
        let text = "Plus une seule porte du site n'accepte les badges, même ceux de la direction.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn the_cameras_counted_as_all_there_are_and_none_seen_is_the_whole_site() {
        let text = "On n'a que 3 caméras à la boulangerie, donc on ne voit plus rien du tout depuis ce matin.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Il y a 6 caméras dans la crèche et on n'en voit plus aucune sur l'écran du bureau.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Il y a 6 caméras dans la crèche et deux sont noires depuis ce matin.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn people_who_still_have_access_or_whose_access_was_copied_are_an_intrusion() {
        let text = "Un ancien technicien a encore un accès au logiciel de badges et il a changé des droits.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Le mot de passe admin de l'enregistreur est sur un site de fuite de données.";
        assert_eq!(suggested(text), Priority::P1);
        let text =
            "Un compte 'tech2' a été ajouté sur l'enregistreur cette nuit. Ce n'est pas moi, je suis seule à gérer.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Twelve new cards were enrolled on Saturday with full access. The office was closed all weekend.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "The same badge opened two buildings a minute apart; we think somebody made a copy of it.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Les badges rendus par les stagiaires partis déverrouillent encore la porte du labo.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn a_management_server_that_will_not_start_is_its_system_down() {
        let text = "Le serveur de gestion VMS ne démarre plus depuis la coupure, plus de direct ni de relecture.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn people_kept_out_by_a_door_are_a_door_that_fails_whatever_it_beeps() {
        let text = "Le badge ne passe plus sur la porte de l'atelier, ça fait bip rouge pour tout le monde.";
        assert_eq!(suggested(text), Priority::P2);
        let text =
            "Porte du local vélo : le lecteur fait deux bips et reste rouge, impossible d'entrer avec un bon badge.";
        assert_eq!(suggested(text), Priority::P2);
        // Doors that keep people out say nothing of how many doors.
        let text = "Le sas reste bloqué portes fermées, les visiteurs ne peuvent plus entrer, on les accompagne.";
        assert_eq!(suggested(text), Priority::P2);
        // Nobody came in is no failure.
        assert_ne!(suggested("Les portes étaient fermées, personne n'est entré cette nuit."), Priority::P1);
    }

    #[test]
    fn the_system_of_the_whole_site_is_not_the_site() {
        assert_eq!(suggested("Le contrôle d'accès de tout le lycée est en panne depuis ce matin."), Priority::P1);
    }

    #[test]
    fn devices_that_go_silent_or_stay_shut_fail() {
        let text = "La sirène du garage ne fait plus aucun bruit pendant les essais, le transmetteur appelle bien.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("The motion sensor in the hall doesn't blink anymore when I walk by."), Priority::P2);
        assert_eq!(
            suggested("The lab airlock stays locked on both sides and the exit button does nothing."),
            Priority::P2
        );
        assert_eq!(
            suggested("The reader says wrong PIN for every code. Door stays closed, we use the key."),
            Priority::P2
        );
        let text = "L'enregistreur n'a gardé que 3 jours au lieu de 30 pour la caméra du quai.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn a_picture_a_little_worse_that_still_shows_what_it_must_is_a_nuisance() {
        let text = "La nuit la caméra du hall est un peu granuleuse, mais on reconnaît bien les visages.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "The yard camera is a bit crooked, you see some sky. But the whole gate is still in view.";
        assert_eq!(suggested(text), Priority::P3);
        // Seen, but not what it must show; or no longer seen: a camera that works badly.
        assert_eq!(suggested("La caméra est un peu penchée, on voit surtout le mur."), Priority::P2);
        assert_eq!(suggested("L'image est un peu floue, on ne reconnaît plus bien les visages."), Priority::P2);
    }

    #[test]
    fn breaches_told_in_everyday_words() {
        let text = "Les badges des saisonniers qui ont fini leur mission ouvrent toujours la réserve.";
        assert_eq!(suggested(text), Priority::P1);
        let text =
            "The staff turnstiles stay in free position since the power cut, people walk in without showing badge.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Le sas de la salle serveur ne fait plus l'interverrouillage, on ouvre les deux portes à la fois.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Cette nuit quelqu'un a cassé la vitre de la porte de service et a pris la caisse.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Opened the shop and found the back door forced, the till is empty."), Priority::P1);
    }

    #[test]
    fn the_only_camera_named_before_is_all_of_the_video() {
        let text = "La caméra ne marche plus, c'est la seule qu'on a à l'agence.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("our office only has the one camera at the door and it shows nothing now"), Priority::P1);
    }

    #[test]
    fn an_intrusion_keypad_that_fails_is_no_intrusion() {
        let text = "The intrusion keypad at the side door no longer lights up, we disarm from the other one.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn the_cameras_a_site_was_said_to_have_all_failing_are_all_of_its_video() {
        let text = "Nous sommes une petite boulangerie avec 4 caméras. Aucune ne fonctionne depuis ce matin.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("We are a small office with 5 cameras. They all froze at 10:14."), Priority::P1);
        let text = "Cabinet d'architectes, 3 caméras en tout. Les 3 sont noires depuis 2 jours.";
        assert_eq!(suggested(text), Priority::P1);
        // Some of them, or those of one place, are not all of them.
        let text = "Nous avons 12 caméras sur le site. Deux sont noires depuis ce matin.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "Nous avons 6 caméras au parking. Elles ne fonctionnent plus depuis l'orage.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn breaches_a_question_or_a_list_does_not_hide() {
        let text = "Compte-rendu : 1) devis validé 2) les bureaux seront repeints en juin 3) depuis lundi aucun détecteur de la centrale ne remonte rien.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "L'ancien gardien se connecte encore au VMS depuis chez lui avec son compte.";
        assert_eq!(suggested(text), Priority::P1);
        let text =
            "Pourquoi tous les badges ouvrent la salle des coffres, même ceux des stagiaires qui n'y ont pas droit ?";
        assert_eq!(suggested(text), Priority::P1);
        let text = "A new admin user was created on the recorder at 3am on Saturday. We don't have weekend staff.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Message on the NVR: 'Your recordings have been locked. Pay to restore.' Is it spam?";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn an_intrusion_alarm_out_of_service_is_the_system_down() {
        let text = "L'alarme intrusion n'est plus en service sur tout le site depuis que la ligne a été coupée.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "The door release button at reception doesn't work anymore, we walk to the door to badge.";
        assert_eq!(suggested(text), Priority::P2);
        // The card of a former guard refused, as it should be, is no breach.
        let text = "La carte de l'ancien gardien est bien refusée, mais son nom est en majuscules dans la liste.";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn an_intrusion_alarm_checked_and_clear_is_no_intrusion() {
        let text = "Alarme intrusion reçue à 5h au PC : levée de doute faite, c'était le boulanger qui s'est trompé de code. Tout est normal.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "The PSIM shows the same 'intrusion zone 2' alarm twice at every monthly test; the zone works.";
        assert_ne!(suggested(text), Priority::P1);
        // A break-in told in its own words stays one.
        let text = "Alarme intrusion cette nuit : la porte arrière a été forcée. Tout est normal maintenant.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn breaches_told_as_questions() {
        let text = "Est-il normal que la serrure du local s'ouvre quand on tape 0000 ?";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(
            suggested("The reader of the archive room accepts a blank white card, is it supposed to?"),
            Priority::P1
        );
        let text = "Le badge volé de M. Roux a servi à 2h du matin au sous-sol, alors qu'on l'avait bloqué.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Cette nuit la souris du poste de garde s'est mise à bouger toute seule.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Toutes les caméras du site sont figées, l'heure ne bouge plus, ni sur le live ni ailleurs.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn people_who_left_and_still_get_in() {
        let text = "After the licenciement of a driver we turned his fob off on Monday, but the log shows him entering the yard today.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "The keypad of the back door still accepts the code of the old caretaker, we removed it in May.";
        assert_eq!(suggested(text), Priority::P1);
        let text =
            "Le badge d'un visiteur, normalement valable une seule journée, ouvre encore la porte de la direction.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "The account of our previous manager was used to log in at 2am; he left in March.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn both_doors_of_an_airlock_together_and_a_door_forced_are_breaches() {
        let text = "Sas du labo : les deux portes peuvent s'ouvrir en même temps depuis hier.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("urgent, back door forced, alarm went off at 2am"), Priority::P1);
        assert_eq!(suggested("There's a man we don't know inside the warehouse right now"), Priority::P1);
        // A label named in a request is a label.
        let text = "Pourrait-on avoir les libellés des alarmes en français ? Certains sont en anglais (Door Forced...)";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn the_one_place_a_small_site_has_is_the_whole_site() {
        assert_eq!(suggested("Our site is just one building and every camera in it is frozen."), Priority::P1);
        let text = "Le club n'a qu'un seul local, un vieux hangar. Toutes les caméras du hangar sont noires.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn alarms_of_one_kind_lost_while_another_kind_arrives_are_part_of_them() {
        let text =
            "Les alarmes techniques ne remontent plus sur l'hyperviseur, alors que les alarmes d'intrusion arrivent.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "On the PSIM the intrusion alarms from our Leeds branch show up, but its door alarms are missing.";
        assert_eq!(suggested(text), Priority::P2);
        // None of them arriving is all of them.
        assert_eq!(suggested("Plus aucune alarme n'arrive sur l'hyperviseur depuis cette nuit."), Priority::P1);
    }

    #[test]
    fn an_alarm_keypad_or_a_siren_is_one_device() {
        let text = "The alarm keypad in the warehouse isn't responding, but we can still arm from the office keypad.";
        assert_eq!(suggested(text), Priority::P2);
        let text = "Le clavier de l'alarme du hall ne s'allume plus, on arme avec celui du bureau.";
        assert_eq!(suggested(text), Priority::P2);
        // "On n'entend plus la sirène" denies the hearing, not every siren.
        assert_eq!(suggested("On n'entend plus la sirène du garage pendant les essais."), Priority::P2);
        // "Plus de caméras" is none of them.
        assert_eq!(suggested("Depuis l'orage, plus de caméras du tout sur l'écran."), Priority::P1);
    }

    #[test]
    fn a_flickering_screen_beside_cameras_said_to_work_and_slow_alarm_reports_are_nuisances() {
        let text = "L'écran du PC sécurité clignote quand on change de mosaïque. Les caméras, elles, fonctionnent.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Les rapports d'alarmes mensuels se génèrent très lentement dans l'hyperviseur.";
        assert_eq!(suggested(text), Priority::P3);
        // A feed missing where it should show, though it works elsewhere, is still missing.
        let text =
            "Le flux de la caméra du hall n'apparaît plus dans l'hyperviseur alors qu'il fonctionne dans le VMS.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn ransom_notes_left_as_files_and_doors_that_open_badge_or_not() {
        let text = "Tous les fichiers de l'enregistreur finissent par .locked et un fichier LISEZMOI est apparu.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("The access control files were replaced by READ_ME_TO_DECRYPT.txt"), Priority::P1);
        let text = "La porte du local s'ouvre dès qu'on tire dessus, badge ou pas badge.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn doors_that_stay_shut_and_kinds_of_alarm_that_still_arrive() {
        let text = "Gâche de la porte B12 qui ne libère plus -> porte toujours fermée, on passe par la B14.";
        assert_eq!(suggested(text), Priority::P2);
        let text =
            "La porte du personnel ne s'ouvre plus avec nos badges, on passe par la porte du public en attendant.";
        assert_eq!(suggested(text), Priority::P2);
        let text =
            "Les alarmes du contrôle d'accès n'arrivent plus dans l'hyperviseur ; celles de l'intrusion arrivent.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn doors_doing_their_job_and_slow_or_small_screens_are_not_failures() {
        let text =
            "The floor plan lost its door symbols after the update. The doors themselves open and lock normally.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Depuis les écrans 4K, la police des menus de l'hyperviseur est minuscule. Pas pratique pour lire.";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(suggested("Exporting a clip for the police took over an hour. Can it be faster?"), Priority::P3);
        // People with no right who got in, though the door opened normally, got in.
        let text = "Des intérimaires sont entrés dans la salle serveurs alors qu'ils n'y ont aucun droit, la porte s'est ouverte normalement.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn rights_changed_by_nobody_known_and_failures_seen_during_a_drill() {
        let text = "Les droits d'un badge visiteur ont été passés en accès total par on ne sait qui, à 4h du matin.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Des badges qu'on n'a jamais émis apparaissent dans la liste avec accès partout.";
        assert_eq!(suggested(text), Priority::P1);
        let text =
            "Two badges got full access on Sunday. The change was made from the account of a guy who left the company.";
        assert_eq!(suggested(text), Priority::P1);
        // Colours changed, an old colour code preferred: no one behind it.
        let text = "Les couleurs des alarmes ont changé après la mise à jour, on préférait l'ancien code couleur.";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(
            suggested("During the drill the sounder on floor 2 stayed silent, the others worked."),
            Priority::P2
        );
        let text = "The aisle cameras show live view but playback has nothing since Monday. Other cameras record fine.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("The gate camera is completely out of focus, plates are unreadable."), Priority::P2);
    }

    #[test]
    fn any_contactless_card_a_stranger_found_inside_and_gates_left_open() {
        let text =
            "Depuis la mise à jour, n'importe quelle carte sans contact ouvre les portes, même une carte de cantine.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Un individu non identifié a été trouvé dans le local technique par le gardien.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "The lobby speed gates are flapped open since the test, visitors walk straight to the lifts.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "The bollards at the car park entrance stay down, vans drive in without any check.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn a_farm_or_a_university_named_as_the_site_is_the_whole_site() {
        assert_eq!(suggested("Les caméras de l'exploitation ne marchent plus depuis hier midi."), Priority::P1);
        assert_eq!(suggested("Tout le système vidéo de l'université est à l'arrêt depuis la coupure."), Priority::P1);
    }

    #[test]
    fn the_establishment_named_and_an_airlock_open_at_both_ends() {
        let text = "sur l ecran du bureau on voit plus aucune camera de l etablissement depuis ce matin";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Sas du labo : on peut ouvrir la porte intérieure alors que l'extérieure est encore ouverte.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn no_alarm_and_nobody_in_is_a_calm_night() {
        let text = "Nothing is broken, no alarm, nobody came in. How long are the videos kept?";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Quiet night, no alarms, no one got in. Only thing: the event list shows every line twice.";
        assert_eq!(suggested(text), Priority::P3);
        // Alarms that no longer come in are lost.
        assert_eq!(suggested("No alarms have come in on the hypervisor since 2am."), Priority::P1);
    }

    #[test]
    fn an_apology_for_ones_english_and_a_device_repaired_then_broken_again() {
        let text = "Sorry for my english. Our two cameras at the till both are black screen since monday.";
        assert_ne!(suggested(text), Priority::P3);
        assert_ne!(suggested("The lift lobby camera you repaired last week is black again."), Priority::P3);
    }

    #[test]
    fn rights_granted_by_nobody_known_and_copied_badges_are_intrusions() {
        let text = "Le badge d'un intérimaire a reçu l'accès à la réserve, sans qu'on sache qui l'a fait.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("On pense que les badges du ménage ont été copiés."), Priority::P1);
    }

    #[test]
    fn alarms_late_said_of_them_in_the_next_sentence() {
        let text = "Les alarmes mettent une minute à s'afficher sur le PSIM. Elles arrivent, mais en retard.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn devices_counted_then_none_of_them_working() {
        let text = "We have 4 cameras in total: gate, yard, office, shed. None of them shows a picture today.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("On a 5 caméras en tout. Aucune ne donne d'image ce matin."), Priority::P1);
        assert_eq!(suggested("Le vigile n'a plus aucun visuel sur le site depuis minuit."), Priority::P1);
    }

    #[test]
    fn a_gate_left_unlocked_lets_people_in() {
        assert_eq!(suggested("Le portillon du parking reste déverrouillé depuis hier soir."), Priority::P1);
        let text = "Les badges des anciens vendangeurs ouvrent encore le chai alors qu'on les a désactivés.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn the_east_wing_before_its_verb_is_a_place() {
        assert_eq!(suggested("Les 4 caméras de l'aile Est donnent plus d'image depuis ce matin."), Priority::P2);
    }

    #[test]
    fn keyboard_shortcuts_zoom_and_winter_time_are_nuisances() {
        let text =
            "Depuis la mise à jour, les raccourcis clavier pour passer d'une caméra à l'autre ne répondent plus.";
        assert_eq!(suggested(text), Priority::P3);
        let text = "La badgeuse du hall affiche encore l'heure d'hiver, les portes marchent très bien.";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(suggested("Could the door alarm delay be raised from 20 to 40 seconds?"), Priority::P3);
        assert_eq!(
            suggested("Est-ce que les caméras filment aussi la nuit ? On ne sait pas quoi lui répondre."),
            Priority::P3
        );
    }

    #[test]
    fn the_title_of_an_earlier_ticket_is_not_a_failure_now() {
        let text = "Re: ticket 4411 (caméras HS) Bonjour, tout est revenu hier soir. Reste le nom d'une \
                    vue mal écrit.";
        assert_eq!(suggested(text), Priority::P3);
        // Without brackets, what follows the number is what is wrong now.
        assert_eq!(suggested("Relance ticket 4412 : la caméra du quai est toujours noire."), Priority::P2);
    }

    #[test]
    fn a_revoked_badge_said_in_the_next_sentence_and_a_title_before_a_name() {
        let text = "Pourquoi le badge de M. Durand ouvre encore le local ? Il a été licencié en mai.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "The cleaner got in last night with his old card, though their cards were cancelled.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn frozen_static_and_fogged_pictures_are_failures() {
        assert_eq!(suggested("No break-in. Just that the gate camera shows only static since noon."), Priority::P2);
        assert_eq!(suggested("The lens of the yard camera is fogged up, image unusable."), Priority::P2);
        let text = "Pourquoi la caméra du couloir montre la même personne assise depuis une heure ?";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("The recorder only keeps 2 days instead of 30 for the yard cameras."), Priority::P2);
    }

    #[test]
    fn someone_over_the_fence_or_an_outsider_in_the_software_is_an_intrusion() {
        assert_eq!(suggested("On a vu un homme passer par dessus la clôture du dépôt cette nuit."), Priority::P1);
        let text = "Une personne extérieure s'est connectée au logiciel des badges et a créé deux badges.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Depuis ce soir plus aucune protection intrusion sur l'agence."), Priority::P1);
    }

    #[test]
    fn welcome_messages_event_reports_and_silent_notifications_are_nuisances() {
        assert_eq!(suggested("The welcome message on the gate reader still says Happy New Year."), Priority::P3);
        let text = "No intrusion, all good. Could the weekly event report go to our new manager too?";
        assert_eq!(suggested(text), Priority::P3);
        let text = "Push notifications of the app have no sound, only vibration; alarms show on the PC as usual.";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn a_lag_of_the_alarms_to_the_hypervisor_and_video_totally_stopped() {
        let text = "Gros décalage entre le déclenchement d'un contact et l'alarme sur l'hyperviseur, 3 minutes.";
        assert_eq!(suggested(text), Priority::P2);
        assert_eq!(suggested("La vidéoprotection est totalement à l'arrêt depuis la coupure."), Priority::P1);
        assert_eq!(suggested("FYI the video surveillance has been off since the storm."), Priority::P1);
        assert_eq!(
            suggested("Le VMS affiche « licence bientôt expirée » à chaque ouverture, tout marche."),
            Priority::P3
        );
    }

    #[test]
    fn a_preface_for_information_changes_nothing() {
        // Without a word the lexicon knows for the failure, the suggestion stays on the safe side.
        assert_ne!(suggested("FYI the cameras in the yard don't give any image anymore."), Priority::P3);
        let text = "Planned power cut on Sunday morning, the NVR is on UPS. Letting you know so you don't panic.";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn an_account_nobody_created_a_silent_panic_button_and_a_recording_gap() {
        let text = "There is an admin account on the recorder called 'maint2' that nobody in our IT created.";
        assert_eq!(suggested(text), Priority::P1);
        assert_eq!(suggested("Le bouton d'alerte de la caisse ne déclenche plus rien à la centrale."), Priority::P2);
        let text = "The recording of the loading bay cameras stops at 02:00 and restarts at 06:00.";
        assert_eq!(suggested(text), Priority::P2);
    }

    #[test]
    fn a_label_before_a_colon_asks_nothing() {
        // Understood only by the fail-safe, these stay serious whatever label comes first.
        let text = "The camera of the pharmacy is freezed since morning.";
        assert_eq!(suggested(text), suggested(&format!("Question : {text}")));
        assert_ne!(suggested(&format!("Pour info : {text}")), Priority::P3);
        let text =
            "Question : message sur l'enregistreur : « vos fichiers ont été chiffrés, payez pour les récupérer ».";
        assert_eq!(suggested(text), Priority::P1);
        // A question the label opens is still one.
        let text = "Question : si un jour toutes les caméras tombent en panne la nuit, qui appeler ?";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(suggested("Question : comment exporter une vidéo sur une clé USB ?"), Priority::P3);
        // "Petit souci :" names no failure; what follows says what it is.
        let text = "Petit souci : la caméra 4 s'appelle « Parkng » au lieu de « Parking », merci de corriger.";
        assert_eq!(suggested(text), Priority::P3);
        assert_eq!(suggested("Petit souci : toutes les caméras sont HS depuis ce matin."), Priority::P1);
        assert_eq!(suggested("Petite question : la caméra du quai est noire depuis hier."), Priority::P2);
    }

    #[test]
    fn failures_understood_without_the_fail_safe() {
        // Each was suggested as major only because nothing was understood; a word of
        // politeness after it ("Pas urgent.") then made it minor.
        let with = |text: &str| suggested(&format!("{text} Pas urgent."));
        assert_eq!(with("La caméra du couloir ne filme plus rien."), Priority::P2);
        assert_eq!(with("There are gaps in the car park camera recordings since Sunday."), Priority::P2);
        assert_eq!(with("La caméra du quai ne se reconnecte plus depuis la coupure."), Priority::P2);
        assert_eq!(with("la caméra du fond du hangar donne plus signe de vie"), Priority::P2);
        assert_eq!(with("Two cameras of the yard keep freezing."), Priority::P2);
        assert_eq!(with("Le lecteur du parking lit un badge sur trois, faut s'y reprendre."), Priority::P2);
        assert_eq!(
            with("Le portique reste fermé, la porte ne se déverrouille pas avec un badge valide."),
            Priority::P2
        );
        // The weather is not a frozen picture.
        assert_ne!(suggested("It was freezing last night, the gate camera is fine."), Priority::P1);
        // What is missing is the thumbnails, not the recordings.
        let text = "Le client VMS n'est plus lent, mais il manque maintenant les miniatures dans la relecture.";
        assert_eq!(suggested(text), Priority::P3);
    }

    #[test]
    fn a_request_that_names_nothing_does_not_outweigh_the_fail_safe() {
        // Nothing understood of the device: the fail-safe's "unclear", whatever the ending.
        for ending in ["Pas urgent.", "Can you send someone?", "Merci de me rappeler."] {
            let text = format!("Toutes les caméras marchent, sauf celle du monte-charge. {ending}");
            assert_eq!(suggested(&text), Priority::P2, "{text}");
        }
        // A device in a question, in a sentence that says it works, or with all said to be
        // well, is no doubt: the request decides.
        assert_eq!(
            suggested("Does motion recording use less disk than continuous recording? Just asking."),
            Priority::P3
        );
        assert_eq!(suggested("Les caméras tournent bien, tout est normal. Juste pour info."), Priority::P3);
        assert_eq!(
            suggested("Le lecteur du hall a été changé la semaine dernière. Pouvez-vous envoyer la facture ?"),
            Priority::P3
        );
        // Calm words at the head of the text, or "no intruder" after it, are no nuisance.
        let unread = "la caméra 12 a une image toute brouillée depuis hier";
        for text in [
            format!("Demande urgente : {unread}."),
            format!("Rien de grave, {unread}."),
            format!("{unread}. Aucune intrusion."),
        ] {
            assert_eq!(suggested(&text), Priority::P2, "{text}");
        }
        assert_eq!(
            suggested("The alarm went off because a guard forgot the code. No intruder, we checked the video."),
            Priority::P3
        );
        // An email's subject line names the topic, not a failure.
        assert_eq!(suggested("Objet : caméras. Comment exporter une séquence sur clé USB ? Merci."), Priority::P3);
    }

    #[test]
    fn greetings_references_and_senders_open_no_clause() {
        for opening in ["Bonjour, ", "Hi all, ", "Ticket 5530 : ", "Ref 5530 : ", "Message de l'accueil : "] {
            let text = format!("{opening}les caméras sont toutes hors ligne");
            assert_eq!(suggested(&text), Priority::P1, "{text}");
            let text =
                format!("{opening}Dans la cour, plus aucune des deux caméras ne marche ; à l'entrée tout va bien.");
            assert_eq!(suggested(&text), Priority::P2, "{text}");
        }
        assert_eq!(suggested("Bonjour, vidéo HS sur tout le site"), Priority::P1);
    }

    #[test]
    fn life_around_the_incident_is_not_an_incident() {
        // Someone on leave, opening hours, a visit planned, an apology: news, not a breach.
        assert_eq!(suggested("Le nom de la caméra 2 est mal écrit. Le gérant est en congés."), Priority::P3);
        assert_eq!(
            suggested("Les noms imprimés sur les badges visiteurs sont tronqués. We are open 8am to 8pm."),
            Priority::P3
        );
        assert_eq!(
            suggested("Les noms imprimés sur les badges visiteurs sont tronqués. Le technicien passe jeudi."),
            Priority::P3
        );
        assert_eq!(suggested("La caméra du quai est noire. Sorry for the typos."), Priority::P2);
        assert_eq!(suggested("Le son des alarmes est trop fort, on peut le baisser ? No one was hurt."), Priority::P3);
        assert_eq!(suggested("On a redémarré le poste, ça n'a rien changé : le menu reste en anglais."), Priority::P3);
        assert_eq!(suggested("Le menu du VMS est en anglais. Le bâtiment est ouvert au public."), Priority::P3);
        assert_eq!(suggested("Le menu du VMS est en anglais. The gate stays open during the day."), Priority::P3);
        // Found open at night is no schedule.
        assert_eq!(suggested("The guard found the back door open at 3am."), Priority::P1);
        assert_eq!(suggested("Le menu du VMS est en anglais. Ça fait plusieurs fois."), Priority::P3);
        assert_eq!(suggested("Le menu du VMS est en anglais. Le problème avait déjà été signalé."), Priority::P3);
        assert_eq!(suggested("Toutes les caméras marchent sauf celle du hall. J'ai pris une photo."), Priority::P2);
        assert_eq!(
            suggested("Toutes les caméras marchent sauf celle du hall. Nous sommes une petite agence."),
            Priority::P2
        );
        // Someone away matters when their account or badge was used.
        let text = "Quelqu'un s'est connecté au VMS avec le compte de Paul. Il est en vacances depuis lundi.";
        assert_eq!(suggested(text), Priority::P1);
        let text = "Le badge d'une collègue en congé a ouvert la salle serveur cette nuit.";
        assert_eq!(suggested(text), Priority::P1);
    }

    #[test]
    fn the_update_a_failure_dates_from_is_not_the_failure() {
        assert_eq!(suggested("Depuis la mise à jour plus rien ne marche sur la vidéo."), Priority::P1);
        assert_eq!(suggested("Since the update, the camera of the loading bay is frozen."), Priority::P2);
        // The update is still the nuisance when nothing else is said.
        assert_eq!(suggested("Depuis la mise à jour c'est très lent."), Priority::P3);
    }

    #[test]
    fn the_software_a_device_is_seen_in_is_only_where() {
        assert_eq!(suggested("La caméra du hall n'apparaît plus dans le VMS (hors ligne)."), Priority::P2);
        assert_eq!(suggested("la cam 9 ne répond plus dans le VMS, délai dépassé"), Priority::P2);
    }

    #[test]
    fn breaches_said_in_words_of_every_day() {
        assert_eq!(suggested("Les badges désactivés sont de nouveau valides sur toutes les portes."), Priority::P1);
        assert_eq!(suggested("Le local des archives a été visité cette nuit."), Priority::P1);
        assert_eq!(suggested("Access rights were changed at 3am by an account nobody uses."), Priority::P1);
        assert_eq!(
            suggested("Deux badges administrateur ont été créés sans aucune demande de notre part."),
            Priority::P1
        );
        assert_eq!(suggested("Depuis hier on voit des connexions bizarres sur le compte du VMS."), Priority::P1);
        assert_eq!(suggested("we cannot view any camera, live or playback"), Priority::P1);
        assert_eq!(suggested("Le grillage a été découpé derrière l'entrepôt."), Priority::P1);
        // Not a door opening by itself, nor people let in.
        assert_eq!(suggested("Le logiciel de badges est passé en anglais tout seul."), Priority::P3);
        assert_ne!(suggested("Visitors without a badge cannot get in, as expected."), Priority::P1);
        assert_eq!(suggested("Les icônes de caméras sur le plan sont toutes grises."), Priority::P3);
    }
}
