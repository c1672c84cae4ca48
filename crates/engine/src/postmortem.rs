//! Post-mortems (procedure §04): every P1 gets one within 5 business days of its
//! resolution, shared with the client. This module says which sections are still missing.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One line of the detailed timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What happened or was done.
    pub text: String,
}

/// One action of the implementation plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    /// What will be done.
    pub action: String,
    /// Who is responsible (*responsable*).
    pub owner: String,
    /// By when (*échéance*).
    pub due: Option<NaiveDate>,
}

/// A post-mortem document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostMortem {
    /// The detailed timeline of the incident and of the actions taken.
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
    /// The root cause analysis.
    #[serde(default)]
    pub root_cause: String,
    /// Corrective measures.
    #[serde(default)]
    pub corrective_measures: Vec<String>,
    /// Preventive measures.
    #[serde(default)]
    pub preventive_measures: Vec<String>,
    /// The implementation plan, with owners and due dates.
    #[serde(default)]
    pub plan: Vec<PlanItem>,
}

/// A required section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// *Chronologie détaillée*.
    Timeline,
    /// *Analyse de la cause racine*.
    RootCause,
    /// *Mesures correctives*.
    CorrectiveMeasures,
    /// *Mesures préventives*.
    PreventiveMeasures,
    /// *Plan de mise en œuvre avec responsables et échéances*.
    ImplementationPlan,
}

/// What is missing, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    /// The section.
    pub section: Section,
    /// What is wrong, in French.
    pub fr: String,
    /// What is wrong, in English.
    pub en: String,
}

impl PostMortem {
    /// The sections that are missing or incomplete; empty when the post-mortem can be
    /// published.
    ///
    /// ```
    /// use vigie_engine::postmortem::{PostMortem, Section};
    /// let draft = PostMortem { root_cause: "Onduleur en fin de vie".into(), ..Default::default() };
    /// let missing: Vec<Section> = draft.missing().iter().map(|m| m.section).collect();
    /// assert_eq!(missing, [Section::Timeline, Section::CorrectiveMeasures,
    ///                      Section::PreventiveMeasures, Section::ImplementationPlan]);
    /// ```
    pub fn missing(&self) -> Vec<Missing> {
        let blank = |s: &str| s.trim().is_empty();
        let mut out = Vec::new();
        let mut push = |section, fr: &str, en: &str| out.push(Missing { section, fr: fr.into(), en: en.into() });
        if self.timeline.iter().all(|e| blank(&e.text)) {
            push(Section::Timeline, "La chronologie détaillée est vide.", "The detailed timeline is empty.");
        }
        if blank(&self.root_cause) {
            push(Section::RootCause, "L'analyse de la cause racine manque.", "The root cause analysis is missing.");
        }
        if self.corrective_measures.iter().all(|m| blank(m)) {
            push(Section::CorrectiveMeasures, "Aucune mesure corrective.", "No corrective measure.");
        }
        if self.preventive_measures.iter().all(|m| blank(m)) {
            push(Section::PreventiveMeasures, "Aucune mesure préventive.", "No preventive measure.");
        }
        if self.plan.iter().all(|p| blank(&p.action)) {
            push(
                Section::ImplementationPlan,
                "Le plan de mise en œuvre est vide.",
                "The implementation plan is empty.",
            );
        } else {
            for item in self.plan.iter().filter(|p| !blank(&p.action)) {
                if blank(&item.owner) {
                    push(
                        Section::ImplementationPlan,
                        &format!("« {} » n'a pas de responsable.", item.action),
                        &format!("\"{}\" has no owner.", item.action),
                    );
                }
                if item.due.is_none() {
                    push(
                        Section::ImplementationPlan,
                        &format!("« {} » n'a pas d'échéance.", item.action),
                        &format!("\"{}\" has no due date.", item.action),
                    );
                }
            }
        }
        out
    }
}
