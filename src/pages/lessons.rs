//! What is learned from incidents (`/lessons`, procedure §04): the technical reviews that
//! recurrent incidents open, with their preventive investment proposal (the client's users
//! see those of their own sites), and for staff the knowledge base of lessons learned,
//! searchable by system and symptom.

use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::{Lesson, Proposal, ProposalStatus, ReviewChange, ReviewView};

use crate::api::{self, List};
use crate::i18n::{t, use_lang, Tr};
use crate::Session;

/// The page.
#[component]
pub fn LessonsPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let staff = session.user.get_untracked().is_some_and(|me| me.is_staff());
    view! {
        <main class="page wide">
            <h1><Tr fr="Retours d'expérience" en="Lessons learned" /></h1>
            <Reviews staff />
            {staff.then(|| view! { <Lessons /> })}
        </main>
    }
}

#[component]
fn Reviews(staff: bool) -> impl IntoView {
    let lang = use_lang();
    let reviews: List<ReviewView> = RwSignal::new(None);
    let reload = move || api::load("/api/reviews", reviews);
    reload();
    let now = crate::clock::use_server_now();
    view! {
        <section>
            <h2><Tr fr="Revues techniques" en="Technical reviews" /></h2>
            {move || match reviews.get() {
                None => view! { <p>"…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p>{t(lang.get(), "Aucune revue ouverte.", "No review open.")}</p> }.into_any(),
                Some(Ok(list)) => list.into_iter().map(|review| view! { <ReviewCard review staff now=now.get_untracked() reload /> }).collect_view().into_any(),
            }}
        </section>
    }
}

#[component]
fn ReviewCard(
    review: ReviewView,
    staff: bool,
    now: chrono::DateTime<chrono::Utc>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let id = review.id;
    let proposal = review.proposal.clone();
    let related = review.related.join(", ");
    let (description, cost, status) = (
        RwSignal::new(proposal.as_ref().map(|p| p.description.clone()).unwrap_or_default()),
        RwSignal::new(proposal.as_ref().map(|p| p.estimated_cost_eur.to_string()).unwrap_or_default()),
        RwSignal::new(proposal.as_ref().map_or("proposed", |p| p.status.as_str()).to_string()),
    );
    let error = RwSignal::new(None::<String>);
    let progress_error = RwSignal::new(None::<String>);
    let send_progress = move |change: ReviewChange| {
        let sent = api::send_body("PUT", &format!("/api/reviews/{id}"), &change);
        spawn_local(async move {
            match sent.await {
                Ok(_) => reload(),
                Err(e) => progress_error.set(Some(e.message)),
            }
        });
    };
    let save = move |_| {
        let Ok(cost) = cost.get_untracked().trim().parse::<i64>() else {
            return error.set(Some(
                t(
                    lang.get_untracked(),
                    "Le coût estimé est un nombre d'euros.",
                    "The estimated cost is a number of euros.",
                )
                .into(),
            ));
        };
        let status = status.get_untracked().parse().unwrap_or(ProposalStatus::Proposed);
        let proposal = Proposal { description: description.get_untracked(), estimated_cost_eur: cost, status };
        let sent = api::send_body("PUT", &format!("/api/reviews/{id}/proposal"), &proposal);
        spawn_local(async move {
            match sent.await {
                Ok(_) => reload(),
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    let shown_status = match proposal.as_ref().map(|p| p.status) {
        Some(ProposalStatus::Accepted) => t(lang.get_untracked(), "acceptée", "accepted"),
        Some(ProposalStatus::Declined) => t(lang.get_untracked(), "refusée", "declined"),
        Some(ProposalStatus::Proposed) => t(lang.get_untracked(), "proposée", "proposed"),
        None => t(lang.get_untracked(), "à rédiger", "to be written"),
    };
    let (reference, kind) = (review.reference.clone(), review.incident_type.clone());
    let heading = reference.clone();
    view! {
        <article class="review" data-testid="review" data-reference=reference>
            <h3>{move || format!("{heading} — {}", crate::wording::code_label(&kind, lang.get()))}</h3>
            <p><Tr fr="Incidents liés : " en="Related incidents: " />{related}</p>
            <ReviewProgress review staff now on_send=Callback::new(send_progress) error=progress_error />
            <p data-testid="proposal"><Tr fr="Proposition d'investissement préventif : " en="Preventive investment proposal: " />
                {proposal.map(|p| format!("{} — {} € HT", p.description, p.estimated_cost_eur))}
                {format!(" ({shown_status})")}</p>
            {staff.then(|| view! {
                <form class="admin-form" on:submit=|ev| ev.prevent_default()>
                    <label><Tr fr="Description" en="Description" /><textarea rows="2" data-testid="proposal-description" bind:value=description></textarea></label>
                    <label><Tr fr="Coût estimé (€ HT)" en="Estimated cost (EUR excl. VAT)" /><input type="text" inputmode="numeric" data-testid="proposal-cost" bind:value=cost /></label>
                    <label><Tr fr="État" en="Status" />
                        <select data-testid="proposal-status" prop:value=move || status.get() on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="proposed"><Tr fr="proposée" en="proposed" /></option>
                            <option value="accepted"><Tr fr="acceptée" en="accepted" /></option>
                            <option value="declined"><Tr fr="refusée" en="declined" /></option>
                        </select>
                    </label>
                    <button type="submit" data-testid="proposal-save" on:click=save><Tr fr="Enregistrer" en="Save" /></button>
                    {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                </form>
            })}
        </article>
    }
}

/// Where a review stands: its status, owner, deadline and findings; staff take it (it is
/// then in progress, theirs) and close it with what it found, which the server requires.
/// What is to be sent goes to `on_send` (`PUT /api/reviews/{id}`); the server's refusal,
/// if any, comes back in `error`.
#[component]
pub fn ReviewProgress(
    review: ReviewView,
    staff: bool,
    now: chrono::DateTime<chrono::Utc>,
    on_send: Callback<ReviewChange>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let session = expect_context::<Session>();
    let status = review.status;
    let shown = match status.as_str() {
        "in_progress" => t(lang.get_untracked(), "en cours", "in progress"),
        "done" => t(lang.get_untracked(), "terminée", "done"),
        _ => t(lang.get_untracked(), "ouverte", "open"),
    };
    let clock = &review.clock;
    let late = clock.state == vigie_engine::sla::ClockState::Breached || clock.late_by_seconds.unwrap_or(0) > 0;
    let due = clock
        .due
        .map(|d| crate::wording::when(d, now, chrono_tz::Europe::Paris, lang.get_untracked()))
        .unwrap_or_default();
    let owner_id = review.owner_id;
    let owner = review.owner_name.unwrap_or_else(|| t(lang.get_untracked(), "personne", "nobody").to_string());
    let findings = RwSignal::new(review.findings.unwrap_or_default());
    let me = session.user.get_untracked().map(|u| u.id);
    let open = status != "done";
    let mine = owner_id.is_some() && owner_id == me;
    // Closing needs someone who did it: whoever closes a review nobody took.
    let closer = owner_id.or(me);
    view! {
        <p data-testid="review-status" data-status=status.clone() class:late=late>
            {format!("{} {shown} — {} {owner} — {} {due}", t(lang.get_untracked(), "Revue", "Review"), t(lang.get_untracked(), "responsable :", "owner:"), t(lang.get_untracked(), "échéance :", "due:"))}
        </p>
        {(!findings.get_untracked().is_empty()).then(|| view! { <p data-testid="review-findings"><Tr fr="Constats : " en="Findings: " />{findings.get_untracked()}</p> })}
        {(staff && open).then(|| view! {
            <form class="admin-form" on:submit=|ev| ev.prevent_default()>
                {(!mine || status == "open").then(|| view! {
                    <button type="button" data-testid="review-take" on:click=move |_| on_send.run(ReviewChange { owner_id: me, status: Some("in_progress".into()), findings: None })>
                        <Tr fr="Je la prends" en="Take it" />
                    </button>
                })}
                <label><Tr fr="Constats" en="Findings" /><textarea rows="3" data-testid="review-findings-input" bind:value=findings></textarea></label>
                <button type="button" data-testid="review-close" disabled=move || findings.with(|f| f.trim().is_empty())
                    on:click=move |_| on_send.run(ReviewChange { owner_id: closer, status: Some("done".into()), findings: Some(findings.get_untracked().trim().to_string()) })>
                    <Tr fr="Terminer la revue" en="Close the review" />
                </button>
                {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="review-error">{e}</p> })}
            </form>
        })}
    }
}

#[component]
fn Lessons() -> impl IntoView {
    let lang = use_lang();
    let (system, symptom, words) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let lessons: List<Lesson> = RwSignal::new(None);
    let search = move || {
        let mut query = Vec::new();
        for (key, value) in
            [("system", system.get_untracked()), ("symptom", symptom.get_untracked()), ("q", words.get_untracked())]
        {
            if !value.trim().is_empty() {
                query.push(format!("{key}={}", js_sys::encode_uri_component(value.trim())));
            }
        }
        api::load(&format!("/api/lessons?{}", query.join("&")), lessons);
    };
    search();
    view! {
        <section>
            <h2><Tr fr="Base de connaissances" en="Knowledge base" /></h2>
            <form class="lesson-search" on:submit=move |ev| { ev.prevent_default(); search(); }>
                <label><Tr fr="Système" en="System" />
                    <select data-testid="lesson-system" on:change=move |ev| system.set(event_target_value(&ev))>
                        <option value=""><Tr fr="Tous" en="All" /></option>
                        {["video", "access_control", "hypervisor", "intrusion_detection", "other"].into_iter().map(|code| view! {
                            <option value=code>{move || crate::wording::system_label(code, lang.get())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label><Tr fr="Symptôme" en="Symptom" />
                    <select data-testid="lesson-symptom" on:change=move |ev| symptom.set(event_target_value(&ev))>
                        <option value=""><Tr fr="Tous" en="All" /></option>
                        {["down", "degraded", "display", "slow", "configuration"].into_iter().map(|code| view! {
                            <option value=code>{move || crate::wording::symptom_label(code, lang.get())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label><Tr fr="Mots" en="Words" /><input type="search" data-testid="lesson-words" bind:value=words /></label>
                <button type="submit" data-testid="lesson-search"><Tr fr="Chercher" en="Search" /></button>
            </form>
            {move || match lessons.get() {
                None => view! { <p>"…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p>{t(lang.get(), "Aucun retour d'expérience trouvé.", "No lesson found.")}</p> }.into_any(),
                Some(Ok(list)) => list.into_iter().map(|l| view! {
                    <article class="lesson" data-testid="lesson">
                        <h3>{crate::wording::code_label(&format!("{}/{}", l.system, l.symptom), lang.get())}
                            {l.client_name.map(|client| format!(" — {client} / {}", l.site_name.unwrap_or_default()))}</h3>
                        <dl>
                            <dt>{t(lang.get(), "Ce qui s'est passé", "What happened")}</dt><dd>{l.what_happened}</dd>
                            <dt>{t(lang.get(), "Cause racine", "Root cause")}</dt><dd>{l.root_cause}</dd>
                            <dt>{t(lang.get(), "Ce qui l'évite", "What prevents it")}</dt><dd>{l.prevention}</dd>
                        </dl>
                    </article>
                }).collect_view().into_any(),
            }}
        </section>
    }
}
