//! The staff's actions on the incident, the conversation, and who has it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::IncidentView;

use super::{ActionForm, Outcome, FORMS};
use crate::i18n::{t, use_lang, Lang, Tr};
use crate::{api, Session};

/// The staff's actions, as a workspace: only those the incident's state allows, in the
/// order of the procedure (take charge, go on site, inform, resolve, close), each with its
/// refusal said in words beside it. A button for each event that needs nothing more, one
/// form for each that does, all drawn from [`FORMS`].
#[component]
pub(super) fn Actions(
    id: i64,
    incident: Signal<Option<IncidentView>>,
    time_zone: Signal<chrono_tz::Tz>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let lang = use_lang();
    let run = Callback::new(move |(action, body, outcome): (&'static str, serde_json::Value, Outcome)| {
        outcome.set(None);
        spawn_local(async move {
            match api::act(id, action, &body).await {
                Ok(_) => {
                    outcome.set(Some(Ok(())));
                    on_done();
                }
                Err(e) => outcome.set(Some(Err(e))),
            }
        });
    });
    let staff = move || incident.with(Option::is_some) && session.user.get().is_some_and(|u| u.is_staff());
    let allowed = move |action: &str| incident.with(|i| i.as_ref().is_some_and(|i| allows(i, action)));
    const BUTTONS: [(&str, &str, &str); 3] = [
        ("acknowledge", "Prise en charge faite", "Taken in charge"),
        ("dispatch", "Technicien envoyé", "Technician dispatched"),
        ("on-site", "Arrivé sur site", "On site"),
    ];
    let button = move |(action, fr, en): (&'static str, &'static str, &'static str)| {
        let outcome: Outcome = RwSignal::new(None);
        view! {
            <Show when=move || allowed(action)>
                <div class="action">
                    <button class="primary" data-testid=format!("action-{action}") on:click=move |_| run.run((action, serde_json::json!({}), outcome))><Tr fr en /></button>
                    <p class="error" role="alert" data-testid=format!("error-{action}")>{move || outcome.get().and_then(Result::err).map(|e| refusal(&e, lang.get()))}</p>
                </div>
            </Show>
        }
    };
    let current = Signal::derive(move || incident.get());
    view! {
        <Show when=staff>
            <section class="panel actions">
                <h2><Tr fr="Actions" en="Actions" /></h2>
                <Owner id incident on_done />
                {BUTTONS.into_iter().map(button).collect_view()}
                {FORMS.iter().map(|form| view! {
                    <Show when=move || allowed(form.action)>
                        <ActionForm action=form.action run time_zone incident=current />
                    </Show>
                }).collect_view()}
                {button(("close", "Clore l'incident", "Close the incident"))}
                <Show when=move || incident.with(|i| i.as_ref().is_some_and(|i| i.closed_at.is_some()))>
                    <p class="note" data-testid="actions-closed"><Tr fr="Incident clos : seules une perte de données et son information RGPD peuvent encore être enregistrées." en="Incident closed: only a data loss and its GDPR notice can still be recorded." /></p>
                </Show>
            </section>
        </Show>
    }
}

/// Writing on the incident: the client and the staff to each other, and the staff an
/// internal note the client never sees. What is written appears in the timeline.
#[component]
pub(super) fn Conversation(
    id: i64,
    incident: Signal<Option<IncidentView>>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let session = expect_context::<Session>();
    let staff = move || session.user.with(|u| u.as_ref().is_some_and(|u| u.is_staff()));
    let open = move || incident.with(|i| i.as_ref().is_some_and(|i| i.closed_at.is_none()));
    let text = RwSignal::new(String::new());
    let internal = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() || text.with_untracked(|t| t.trim().is_empty()) {
            return;
        }
        sending.set(true);
        spawn_local(async move {
            match api::message(id, &text.get_untracked(), internal.get_untracked()).await {
                Ok(_) => {
                    text.set(String::new());
                    internal.set(false);
                    error.set(None);
                    on_done();
                }
                Err(e) => error.set(Some(refusal(&e, lang.get_untracked()))),
            }
            sending.set(false);
        });
    };
    view! {
        <Show when=open>
            <form class="panel conversation" on:submit=send>
                <h2><Tr fr="Écrire" en="Write" /></h2>
                <label for="message-text">{move || if staff() { t(lang.get(), "Message au client, ou note pour l'équipe", "Message to the client, or a note for the team") } else { t(lang.get(), "Un message pour le support", "A message for the support team") }}</label>
                <textarea id="message-text" data-testid="message-text" rows="3" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <Show when=staff>
                    <label class="check">
                        <input type="checkbox" data-testid="message-internal" prop:checked=move || internal.get() on:change=move |ev| internal.set(event_target_checked(&ev)) />
                        <Tr fr="Note interne : jamais montrée au client" en="Internal note: never shown to the client" />
                    </label>
                </Show>
                <button type="submit" class="primary" data-testid="message-send" disabled=move || sending.get() || text.with(|t| t.trim().is_empty())>
                    {move || if internal.get() { t(lang.get(), "Ajouter la note", "Add the note") } else { t(lang.get(), "Envoyer", "Send") }}
                </button>
                <p class="error" role="alert" data-testid="message-error">{move || error.get()}</p>
            </form>
        </Show>
    }
}

/// Who owns the incident: "I take it" for whoever does not yet, and the choice of anyone on
/// the team (or nobody).
#[component]
pub(super) fn Owner(
    id: i64,
    incident: Signal<Option<IncidentView>>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let session = expect_context::<Session>();
    let me = move || session.user.with(|u| u.as_ref().map(|u| u.id));
    let owner = move || incident.with(|i| i.as_ref().and_then(|i| i.assignee.as_ref().map(|a| a.id)));
    let open = move || incident.with(|i| i.as_ref().is_some_and(|i| i.closed_at.is_none()));
    let staff = RwSignal::new(Vec::<vigie_api::StaffMember>::new());
    spawn_local(async move { staff.set(api::staff().await.unwrap_or_default()) });
    let chosen = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let assign = move |user_id: Option<i64>| {
        spawn_local(async move {
            match api::act(id, "assign", &serde_json::json!(vigie_api::Assign { user_id })).await {
                Ok(_) => {
                    error.set(None);
                    chosen.set(String::new());
                    on_done();
                }
                Err(e) => error.set(Some(refusal(&e, lang.get_untracked()))),
            }
        });
    };
    view! {
        <Show when=open>
            <div class="action owner">
                <Show when=move || me().is_some() && owner() != me()>
                    <button class="primary" data-testid="action-take" on:click=move |_| assign(me())><Tr fr="Je la prends" en="I take it" /></button>
                </Show>
                <label for="assign-to"><Tr fr="Confier à" en="Assign to" /></label>
                <select id="assign-to" data-testid="assign-to" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="" selected=move || chosen.with(String::is_empty)><Tr fr="— choisir —" en="— choose —" /></option>
                    <option value="none"><Tr fr="Personne" en="Nobody" /></option>
                    {move || staff.get().into_iter().map(|m| view! { <option value=m.id.to_string()>{m.display_name}</option> }).collect_view()}
                </select>
                <button data-testid="action-assign" disabled=move || chosen.with(String::is_empty)
                    on:click=move |_| { let c = chosen.get_untracked(); assign(c.parse().ok()) }>
                    <Tr fr="Confier" en="Assign" />
                </button>
                <p class="error" role="alert" data-testid="error-assign">{move || error.get()}</p>
            </div>
        </Show>
    }
}

/// Whether the incident's state allows an action: what is done is not offered again, and
/// once it is closed only a data loss found afterwards and its GDPR notice are left (that
/// promise runs until the notice is sent). The server refuses the rest anyway.
pub fn allows(incident: &IncidentView, action: &str) -> bool {
    let open = incident.resolved_at.is_none();
    match action {
        "data-loss" => incident.data_loss_known_at.is_none(),
        "gdpr-notice" => incident.data_loss_known_at.is_some() && incident.gdpr_notice_sent_at.is_none(),
        _ if incident.closed_at.is_some() => false,
        "acknowledge" => open && incident.acknowledged_at.is_none(),
        "dispatch" => open && incident.dispatched_at.is_none() && incident.on_site_at.is_none(),
        "on-site" | "plan-intervention" => open && incident.on_site_at.is_none(),
        "on-site-needed" | "updates" => open,
        "resolve" => open,
        "close" => !open,
        _ => true,
    }
}

/// A refusal in words for the person who acted: the server's reason, after what kind of
/// refusal it is.
pub(super) fn refusal(e: &api::ApiError, lang: Lang) -> String {
    let lead = match e.status {
        0 => {
            return t(
                lang,
                "Réseau indisponible : rien n'a été enregistré, réessayez.",
                "Network unavailable: nothing was recorded, try again.",
            )
            .into()
        }
        400 | 422 => t(lang, "À corriger", "To correct"),
        403 => t(lang, "Action réservée", "Not allowed"),
        409 => t(lang, "Pas possible maintenant", "Not possible now"),
        _ => t(lang, "Refusé", "Refused"),
    };
    format!("{lead} : {}", e.message)
}
