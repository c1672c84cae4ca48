//! What is known about an incident, whichever input said it: the procedure's dimensions
//! (system × scope × symptom × sensitivity × unauthorised access, plus intrusion, lost
//! recordings and lost alarms), each with where it came from and how sure it is.
//!
//! The text ([`super::reading`]) and the questionnaire ([`super::Answers`]) both become
//! [`Facts`]; the two are merged and one table of rules ([`super::rules`]) decides, so the
//! two inputs can never give two different explanations.

use super::words::Span;
use super::{Answers, Scope, Symptom, System};

/// Which input said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The description.
    Text,
    /// The questionnaire.
    Answers,
}

/// How sure the input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Certainty {
    /// Inferred to be safe: "les caméras" with nothing to restrict them is read as every
    /// camera. An answer replaces it.
    Assumed,
    /// Read from the words around it: "les caméras du magasin" are every camera of the site,
    /// unless the text says the rest works.
    Inferred,
    /// Said in so many words, or answered.
    Stated,
}

/// One fact with its origin and the words that say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known<T> {
    /// The value.
    pub value: T,
    /// Which input said it.
    pub source: Source,
    /// How sure.
    pub certainty: Certainty,
    /// The spans of the description that say it (empty for answers).
    pub evidence: Vec<Span>,
}

impl<T> Known<T> {
    /// A fact stated in the text by the words at `evidence`.
    pub fn said(value: T, evidence: &[Span]) -> Known<T> {
        Known { value, source: Source::Text, certainty: Certainty::Stated, evidence: evidence.to_vec() }
    }

    /// A fact read from the words around it.
    pub fn inferred(value: T, evidence: &[Span]) -> Known<T> {
        Known { value, source: Source::Text, certainty: Certainty::Inferred, evidence: evidence.to_vec() }
    }

    /// A fact the text suggests without saying it.
    pub fn assumed(value: T, evidence: &[Span]) -> Known<T> {
        Known { value, source: Source::Text, certainty: Certainty::Assumed, evidence: evidence.to_vec() }
    }

    /// A fact answered in the questionnaire.
    pub fn answered(value: T) -> Known<T> {
        Known { value, source: Source::Answers, certainty: Certainty::Stated, evidence: Vec::new() }
    }
}

/// What is known about an incident.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The security system concerned.
    pub system: Option<Known<System>>,
    /// How much of it.
    pub scope: Option<Known<Scope>>,
    /// A security problem: [`Symptom::Down`] or [`Symptom::Degraded`].
    pub symptom: Option<Known<Symptom>>,
    /// A nuisance with no security impact: [`Symptom::Display`], [`Symptom::Slow`],
    /// [`Symptom::Configuration`] (requests and questions count as configuration).
    pub nuisance: Option<Known<Symptom>>,
    /// A sensitive zone or an important door.
    pub sensitive_zone: Option<Known<bool>>,
    /// Unauthorised people can get in.
    pub unauthorized_access: Option<Known<bool>>,
    /// An intrusion was detected, physical or on the systems.
    pub intrusion: Option<Known<bool>>,
    /// Recordings are lost or missing.
    pub recording_lost: Option<Known<bool>>,
    /// Alarms no longer reach the operators.
    pub alarms_lost: Option<Known<bool>>,
}

/// How severe a scope is, for the fail-safe merge.
fn scope_rank(scope: Scope) -> u8 {
    match scope {
        Scope::WholeSite => 3,
        Scope::SeveralDevices => 2,
        Scope::OneDevice => 1,
        Scope::InterfaceOnly => 0,
    }
}

/// How severe a symptom is, for the fail-safe merge.
pub fn symptom_rank(symptom: Symptom) -> u8 {
    match symptom {
        Symptom::Down => 4,
        Symptom::Degraded => 3,
        Symptom::Display | Symptom::Slow | Symptom::Configuration => 0,
    }
}

/// Keeps the surer fact; between two equally sure, the more severe (`rank`), and the
/// evidence of both when they agree.
fn merge_one<T: Copy + PartialEq>(
    a: Option<Known<T>>,
    b: Option<Known<T>>,
    rank: impl Fn(T) -> u8,
) -> Option<Known<T>> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => {
            let (mut keep, other) = match a.certainty.cmp(&b.certainty) {
                std::cmp::Ordering::Greater => (a, b),
                std::cmp::Ordering::Less => (b, a),
                std::cmp::Ordering::Equal if rank(b.value) > rank(a.value) => (b, a),
                std::cmp::Ordering::Equal => (a, b),
            };
            if keep.value == other.value {
                for span in other.evidence {
                    if !keep.evidence.contains(&span) {
                        keep.evidence.push(span);
                    }
                }
            }
            Some(keep)
        }
    }
}

impl Facts {
    /// The facts of the questionnaire.
    pub fn from_answers(a: &Answers) -> Facts {
        let flag = |v: Option<bool>| v.map(Known::answered);
        let (symptom, nuisance) = match a.symptom {
            Some(s @ (Symptom::Down | Symptom::Degraded)) => (Some(Known::answered(s)), None),
            Some(s) => (None, Some(Known::answered(s))),
            None => (None, None),
        };
        Facts {
            system: a.system.map(Known::answered),
            scope: a.scope.map(Known::answered),
            symptom,
            nuisance,
            sensitive_zone: flag(a.sensitive_zone),
            unauthorized_access: flag(a.unauthorized_access_possible),
            intrusion: flag(a.intrusion_detected),
            recording_lost: flag(a.recording_lost),
            alarms_lost: None,
        }
    }

    /// Both inputs together: a stated fact beats an assumed one, and between two stated
    /// facts the more severe wins (fail safe: "yes, people can get in" from either input is
    /// believed).
    pub fn merge(self, other: Facts) -> Facts {
        let flag = |v: bool| u8::from(v);
        Facts {
            system: merge_one(self.system, other.system, |_| 0),
            scope: merge_one(self.scope, other.scope, scope_rank),
            symptom: merge_one(self.symptom, other.symptom, symptom_rank),
            nuisance: merge_one(self.nuisance, other.nuisance, |_| 0),
            sensitive_zone: merge_one(self.sensitive_zone, other.sensitive_zone, flag),
            unauthorized_access: merge_one(self.unauthorized_access, other.unauthorized_access, flag),
            intrusion: merge_one(self.intrusion, other.intrusion, flag),
            recording_lost: merge_one(self.recording_lost, other.recording_lost, flag),
            alarms_lost: merge_one(self.alarms_lost, other.alarms_lost, flag),
        }
    }

    /// Whether a flag is known to be true.
    pub fn holds(flag: &Option<Known<bool>>) -> bool {
        flag.as_ref().is_some_and(|k| k.value)
    }

    /// Every span of evidence, in the order of the text.
    pub fn evidence(&self) -> Vec<Span> {
        let mut spans: Vec<Span> = [
            self.system.as_ref().map(|k| &k.evidence),
            self.scope.as_ref().map(|k| &k.evidence),
            self.symptom.as_ref().map(|k| &k.evidence),
            self.nuisance.as_ref().map(|k| &k.evidence),
            self.sensitive_zone.as_ref().filter(|k| k.value).map(|k| &k.evidence),
            self.unauthorized_access.as_ref().filter(|k| k.value).map(|k| &k.evidence),
            self.intrusion.as_ref().filter(|k| k.value).map(|k| &k.evidence),
            self.recording_lost.as_ref().filter(|k| k.value).map(|k| &k.evidence),
            self.alarms_lost.as_ref().filter(|k| k.value).map(|k| &k.evidence),
        ]
        .into_iter()
        .flatten()
        .flatten()
        .copied()
        .collect();
        crate::short_sort::by_key(&mut spans, |s| (s.start, s.end));
        spans.dedup();
        // A span inside another one says nothing more.
        let all = spans.clone();
        spans.retain(|s| !all.iter().any(|o| o != s && o.start <= s.start && s.end <= o.end));
        spans
    }
}
