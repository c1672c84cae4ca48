//! The page "signaler un incident": the client describes the problem and sees, as they
//! type, the priority the procedure suggests and when a technician must take charge.
//!
//! Everything shown is derived from three inputs: the description, when the report began,
//! and "now". The wording lives in plain functions below the components, so the views stay
//! small and the sentences are easy to read in one place.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use leptos::prelude::*;
use vigie_engine::classify::{Answers, Question, Scope, Symptom, System};
use vigie_engine::sla::{self, Clock, ClockKind, ClockState, IncidentTimes};
use vigie_engine::{classify, Calendar, Classification, Policy, Priority, Target};

use crate::i18n::{t, use_lang, Lang, Tr};
use crate::wording;

/// The reporting page.
///
/// `now` drives every deadline and countdown: [`crate::App`] passes the page's ticking
/// clock, tests pass a signal they set.
///
/// The incident's clocks start when the report begins (the first character typed, reset
/// when the description is emptied), not at every tick: "now" would make the countdown
/// stand still, always showing the full allowance.
#[component]
pub fn ReportPage(
    #[prop(into)] now: Signal<DateTime<Utc>>,
    /// The description, when the caller needs it (to submit the report).
    #[prop(optional)]
    description: Option<RwSignal<String>>,
    /// The questionnaire's answers, when the page shows the questionnaire.
    #[prop(optional)]
    answers: Option<RwSignal<Answers>>,
    /// The chosen site's calendar and the policy an incident reported there is under (its
    /// organisation's own, else its contract's), once known; until then the default
    /// calendar (Paris, FR) and the standard contract.
    #[prop(optional, into)]
    terms: Option<Signal<Option<(Calendar, Policy)>>>,
    /// What comes between the page's title and the description: the site picker.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let description = description.unwrap_or_else(|| RwSignal::new(String::new()));
    let answers = answers.unwrap_or_else(|| RwSignal::new(Answers::default()));
    let terms = terms.unwrap_or_else(|| Signal::derive(|| None));
    let started_at = RwSignal::new(None::<DateTime<Utc>>);
    // Nothing typed or answered, nothing suggested: an empty text would read as a
    // confident "P3".
    let classification = Memo::new(move |_| {
        let answered = answers.get();
        let answered = (answered != Answers::default()).then_some(answered);
        description.with(|text| {
            let text = Some(text.as_str()).filter(|t| !t.trim().is_empty());
            (text.is_some() || answered.is_some()).then(|| classify(text, answered.as_ref()))
        })
    });
    let priority = Memo::new(move |_| classification.with(|c| c.as_ref().map(|c| c.priority)));
    let reported_at = Signal::derive(move || started_at.get().unwrap_or_else(|| now.get()));

    let on_input = move |text: String| {
        if text.trim().is_empty() {
            started_at.set(None);
        } else if started_at.get_untracked().is_none() {
            started_at.set(Some(now.get_untracked()));
        }
        description.set(text);
    };

    // The caller puts it in the page's `<main>`.
    view! {
        <div class="page">
            <header class="page-header">
                <p class="brand">"Vigie"</p>
                <h1><Tr fr="Signaler un incident" en="Report an incident" /></h1>
            </header>
            {children.map(|c| c())}
            <DescriptionField description on_input />
            <SuggestionPanel classification answers />
            <SlaPreview priority reported_at now terms />
        </div>
    }
}

/// The description textarea. It reports every change through `on_input`.
#[component]
fn DescriptionField(description: RwSignal<String>, on_input: impl Fn(String) + 'static) -> impl IntoView {
    view! {
        <div class="field">
            <label for="report-description"><Tr fr="Décrivez le problème" en="Describe the problem" /></label>
            <p id="report-description-help" class="help">
                <Tr
                    fr="Ce qui ne fonctionne pas, où, et depuis quand. Par exemple\u{a0}: «\u{a0}Plus aucune caméra ne s'affiche sur le mur d'images depuis 14\u{a0}h\u{a0}»."
                    en="What is not working, where, and since when. For example: \u{201c}No camera shows on the video wall since 2 pm.\u{201d}"
                />
            </p>
            <textarea
                id="report-description"
                data-testid="report-description"
                rows="6"
                aria-describedby="report-description-help"
                prop:value=move || description.get()
                on:input=move |ev| on_input(event_target_value(&ev))
            ></textarea>
        </div>
    }
}

/// The suggested priority, its reasons and what was recognised in the text.
///
/// The section is a polite live region, so a screen reader announces a new suggestion
/// without interrupting the typing.
#[component]
fn SuggestionPanel(classification: Memo<Option<Classification>>, answers: RwSignal<Answers>) -> impl IntoView {
    view! {
        <section class="panel suggestion" aria-live="polite" aria-labelledby="suggestion-title">
            <h2 id="suggestion-title"><Tr fr="Priorité suggérée" en="Suggested priority" /></h2>
            {move || match classification.get() {
                Some(c) => view! { <SuggestionDetails classification=c answers /> }.into_any(),
                None => {
                    view! {
                        <p class="hint"><Tr fr="La priorité suggérée s'affiche dès que vous décrivez le problème." en="The suggested priority shows as soon as you describe the problem." /></p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn SuggestionDetails(classification: Classification, answers: RwSignal<Answers>) -> impl IntoView {
    let Classification { priority, reasons, matched, needs_details, questions, .. } = classification;
    let lang = use_lang();
    view! {
        <PriorityBadge priority />
        <ul class="reasons" data-testid="suggestion-reasons">
            {reasons.into_iter().map(|reason| view! { <li>{move || if lang.get() == Lang::En { reason.en.clone() } else { reason.fr.clone() }}</li> }).collect_view()}
        </ul>
        {(!matched.is_empty())
            .then(|| {
                view! {
                    <p class="matched" data-testid="suggestion-matched">
                        <Tr fr="Repéré dans votre description\u{a0}: " en="Found in your description: " /> {quoted_list(&matched)}
                    </p>
                }
            })}
        {needs_details
            .then(|| {
                view! {
                    <div class="deciding" data-testid="needs-details">
                        <p class="note">
                            <Tr
                                fr="Votre description ne suffit pas pour être sûr : la priorité reste la plus prudente tant que vous n'avez pas répondu."
                                en="Your description is not enough to be sure: the priority stays on the safe side until you answer."
                            />
                        </p>
                        {questions.into_iter().map(|q| view! { <DecidingQuestion question=q answers /> }).collect_view()}
                    </div>
                }
            })}
    }
}

/// One question whose answer decides the priority, asked in place under the suggestion:
/// each choice is a button that writes the answer the questionnaire would.
#[component]
fn DecidingQuestion(question: Question, answers: RwSignal<Answers>) -> impl IntoView {
    type Choice = (&'static str, &'static str, &'static str, fn(&mut Answers));
    let (id, fr, en, choices): (&str, &str, &str, &[Choice]) = match question {
        Question::Scope => (
            "scope",
            "Combien d'équipements sont touchés ?",
            "How many devices are affected?",
            &[
                ("whole_site", "Tout le site", "The whole site", |a| a.scope = Some(Scope::WholeSite)),
                ("several_devices", "Plusieurs", "Several", |a| a.scope = Some(Scope::SeveralDevices)),
                ("one_device", "Un seul", "Only one", |a| a.scope = Some(Scope::OneDevice)),
            ],
        ),
        Question::UnauthorizedAccess => (
            "unauthorized",
            "Des personnes non autorisées peuvent-elles entrer ?",
            "Can unauthorised people get in?",
            &[
                ("yes", "Oui", "Yes", |a| a.unauthorized_access_possible = Some(true)),
                ("no", "Non, les portes restent fermées", "No, the doors stay shut", |a| {
                    a.unauthorized_access_possible = Some(false)
                }),
            ],
        ),
        Question::System => (
            "system",
            "Quel système est touché ?",
            "Which system is affected?",
            &[
                ("video", "Caméras, enregistrements", "Cameras, recordings", |a| a.system = Some(System::Video)),
                ("access_control", "Badges, portes", "Badges, doors", |a| a.system = Some(System::AccessControl)),
                ("intrusion_detection", "Alarme intrusion", "Intrusion alarm", |a| {
                    a.system = Some(System::IntrusionDetection)
                }),
                ("hypervisor", "Hyperviseur", "Hypervisor", |a| a.system = Some(System::Hypervisor)),
            ],
        ),
        Question::Symptom => (
            "symptom",
            "Que constatez-vous ?",
            "What do you see?",
            &[
                ("down", "Hors service", "Out of service", |a| a.symptom = Some(Symptom::Down)),
                ("degraded", "Fonctionne mal", "Works badly", |a| a.symptom = Some(Symptom::Degraded)),
                ("display", "Affichage, lenteur, réglage", "Display, slowness, setting", |a| {
                    a.symptom = Some(Symptom::Display)
                }),
            ],
        ),
    };
    view! {
        <fieldset class="question" data-testid=format!("question-{id}")>
            <legend><Tr fr en /></legend>
            {choices.iter().map(|&(value, fr, en, set)| view! {
                <button type="button" class="choice" data-testid=format!("answer-{id}-{value}") on:click=move |_| answers.update(set)>
                    <Tr fr en />
                </button>
            }).collect_view()}
        </fieldset>
    }
}

/// A priority as code and name, so it never relies on colour alone.
#[component]
fn PriorityBadge(priority: Priority) -> impl IntoView {
    let code = priority.as_str();
    let lang = use_lang();
    view! {
        <p class=format!("priority priority-{}", code.to_ascii_lowercase()) data-testid="suggested-priority">
            <span class="priority-code">{code}</span>
            " "
            <span class="priority-name">{move || wording::priority_label(priority, lang.get())}</span>
        </p>
    }
}

/// The take-charge deadline and its countdown, for the suggested priority.
///
/// The DOM stays in place and only its text changes each second, so assistive technology
/// is not flooded (the section is deliberately not a live region).
#[component]
fn SlaPreview(
    priority: Memo<Option<Priority>>,
    reported_at: Signal<DateTime<Utc>>,
    now: Signal<DateTime<Utc>>,
    terms: Signal<Option<(Calendar, Policy)>>,
) -> impl IntoView {
    // The site's calendar (in its time zone) and the policy its incidents are under once
    // chosen; the Paris calendar and the standard contract before.
    let terms = Memo::new(move |_| terms.get().unwrap_or_else(|| (Calendar::default(), Policy::default())));
    let take_charge = Memo::new(move |_| {
        let incident = IncidentTimes::reported(priority.get()?, reported_at.get());
        terms.with(|(calendar, policy)| sla::clock(ClockKind::TakeCharge, &incident, policy, calendar, now.get()).ok())
    });
    let tz = move || terms.with(|(calendar, _)| calendar.time_zone());
    let lang = use_lang();
    let deadline = move || {
        let lang = lang.get();
        take_charge
            .with(|c| c.as_ref().map_or_else(|| unavailable(lang), |c| deadline_sentence(c, now.get(), tz(), lang)))
    };
    let countdown =
        move || take_charge.with(|c| c.as_ref().map(|c| countdown_sentence(c, now.get(), tz(), lang.get())));
    let state = move || take_charge.with(|c| c.as_ref().map(|c| crate::countdown::Shown::of(c).as_str()));

    view! {
        <section
            class="panel sla"
            data-testid="sla-preview"
            aria-labelledby="sla-title"
            hidden=move || priority.get().is_none()
        >
            <h2 id="sla-title"><Tr fr="Délai de prise en charge" en="Take-charge deadline" /></h2>
            <p class="deadline" data-testid="sla-deadline">{deadline}</p>
            <p class="countdown" data-testid="sla-countdown" data-state=state>{countdown}</p>
        </section>
    }
}

fn unavailable(lang: Lang) -> String {
    t(
        lang,
        "Délai indisponible pour le moment\u{a0}: notre équipe vous rappelle dès réception.",
        "No deadline available just now: our team calls you back as soon as it receives the report.",
    )
    .to_string()
}

/// `« a », « b »`, with the non-breaking spaces French typography puts inside guillemets.
fn quoted_list(items: &[String]) -> String {
    items.iter().map(|m| format!("«\u{a0}{m}\u{a0}»")).collect::<Vec<_>>().join(", ")
}

/// What the client is promised: a call within an hour for elapsed-time clocks (P1), or
/// a take-charge within business hours (P2, P3).
fn deadline_sentence(clock: &Clock, now: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    let Some(due) = clock.due else {
        return unavailable(lang);
    };
    let when = wording::when(due, now, tz, lang);
    match (clock.target.is_some_and(Target::counts_business_time), lang) {
        (true, Lang::Fr) => format!("Prise en charge avant {when} (heures ouvrées)."),
        (true, Lang::En) => format!("Taken in charge before {when} (business hours)."),
        (false, Lang::Fr) => format!("Un technicien vous appelle avant {when}."),
        (false, Lang::En) => format!("A technician calls you before {when}."),
    }
}

/// The time left, and why it is not moving when a business clock is paused.
fn countdown_sentence(clock: &Clock, now: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    let business = clock.target.is_some_and(Target::counts_business_time);
    match clock.state {
        ClockState::Running | ClockState::AtRisk => {
            let left = wording::duration(up_to_the_minute(clock.left_seconds.unwrap_or(0)), lang);
            let kind = if business { t(lang, " en heures ouvrées", " of business time") } else { "" };
            match (clock.resumes_at.filter(|_| clock.paused), lang) {
                (Some(resumes), Lang::Fr) => format!(
                    "En pause hors heures ouvrées, reprend {}. Il restera {left}{kind}.",
                    wording::when(resumes, now, tz, lang)
                ),
                (Some(resumes), Lang::En) => format!(
                    "Paused outside business hours, resumes {}. {left}{kind} will be left.",
                    wording::when(resumes, now, tz, lang)
                ),
                (None, Lang::Fr) => format!("Il reste {left}{kind}."),
                (None, Lang::En) => format!("{left}{kind} left."),
            }
        }
        ClockState::Breached => {
            let late = wording::duration(clock.late_by_seconds.unwrap_or(0), lang);
            format!("{} {late}.", t(lang, "Délai dépassé de", "Deadline passed by"))
        }
        ClockState::Met => t(lang, "Incident pris en charge.", "Incident taken in charge.").to_string(),
        ClockState::NotApplicable => t(
            lang,
            "Pas de délai de prise en charge pour cette priorité.",
            "No take-charge deadline for this priority.",
        )
        .to_string(),
    }
}

/// Rounds time left up to a whole minute, as countdowns do: right after reporting a P1
/// reads "1 h 00", not "59 min", and a running clock never reads "0 min".
fn up_to_the_minute(seconds: i64) -> i64 {
    (seconds.max(0) + 59) / 60 * 60
}
