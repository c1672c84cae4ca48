//! Login.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::i18n::{t, use_lang, Tr};
use crate::Session;

/// The login form; on success, the user's home page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let session = expect_context::<Session>();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        spawn_local(async move {
            match api::login(&username.get_untracked(), &password.get_untracked()).await {
                Ok(me) => {
                    if let Some(chosen) = crate::i18n::of_account(&me.lang) {
                        lang.set(chosen);
                    }
                    let next = crate::after_login(&me);
                    session.user.set(Some(me));
                    error.set(None);
                    crate::navigate(&next);
                }
                Err(e) if e.status == 401 => error.set(Some(
                    t(lang.get_untracked(), "Identifiant ou mot de passe incorrect.", "Wrong username or password.")
                        .into(),
                )),
                Err(e) => error.set(Some(e.message)),
            }
            busy.set(false);
        });
    };
    view! {
        <main class="page narrow">
            <h1>"Vigie"</h1>
            <form class="panel" on:submit=submit>
                <div class="field">
                    <label for="login-username"><Tr fr="Identifiant" en="Username" /></label>
                    <input id="login-username" data-testid="login-username" autocomplete="username" required
                        prop:value=move || username.get() on:input=move |ev| username.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="login-password"><Tr fr="Mot de passe" en="Password" /></label>
                    <input id="login-password" data-testid="login-password" type="password" autocomplete="current-password" required
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
                </div>
                <p class="error" role="alert">{move || error.get()}</p>
                <button type="submit" data-testid="login-submit" disabled=move || busy.get()>
                    <Tr fr="Se connecter" en="Log in" />
                </button>
            </form>
        </main>
    }
}

/// Choosing one's password from an invitation (`/invitation#token`, the link emailed by
/// an administrator): twice the same, then the login page. The token stays in the
/// address's fragment, which the browser never sends to a server.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let lang = use_lang();
    let token = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string();
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        if password.get_untracked() != again.get_untracked() {
            error.set(Some(t(l, "Les deux mots de passe diffèrent.", "The two passwords differ.").into()));
            return;
        }
        busy.set(true);
        let token = token.clone();
        spawn_local(async move {
            match api::accept_invitation(&token, &password.get_untracked()).await {
                Ok(()) => done.set(true),
                Err(e) => error.set(Some(match e.field.as_deref() {
                    Some("token") => t(l, "Ce lien n'est plus valable (déjà utilisé ou expiré) : demandez une nouvelle invitation à votre administrateur.", "This link is no longer valid (used or expired): ask your administrator for a new invitation.").into(),
                    Some("password") => format!("{} ({})", t(l, "Mot de passe refusé : 12 caractères au moins, différent de l'identifiant", "Password refused: 12 characters at least, not the username"), e.message),
                    _ => e.message,
                })),
            }
            busy.set(false);
        });
    };
    view! {
        <main class="page narrow">
            <h1><Tr fr="Choisir votre mot de passe" en="Choose your password" /></h1>
            <Show when=move || !done.get() fallback=move || view! {
                <p role="status" data-testid="invitation-done"><Tr fr="Mot de passe enregistré." en="Password saved." /></p>
                <p><a class="button" href="/login"><Tr fr="Se connecter" en="Log in" /></a></p>
            }>
                <form class="panel" on:submit=submit.clone()>
                    <div class="field">
                        <label for="invitation-password"><Tr fr="Mot de passe (12 caractères au moins)" en="Password (12 characters at least)" /></label>
                        <input id="invitation-password" data-testid="invitation-password" type="password" autocomplete="new-password" required
                            prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for="invitation-again"><Tr fr="Le même, une seconde fois" en="The same, once more" /></label>
                        <input id="invitation-again" data-testid="invitation-again" type="password" autocomplete="new-password" required
                            prop:value=move || again.get() on:input=move |ev| again.set(event_target_value(&ev)) />
                    </div>
                    <p class="error" role="alert" data-testid="invitation-error">{move || error.get()}</p>
                    <button type="submit" class="primary" data-testid="invitation-submit" disabled=move || busy.get()>
                        <Tr fr="Enregistrer" en="Save" />
                    </button>
                </form>
            </Show>
        </main>
    }
}
