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
                    let home = crate::home_of(&me);
                    session.user.set(Some(me));
                    error.set(None);
                    crate::navigate(home);
                }
                Err(e) if e.status == 401 => error.set(Some(t(lang.get_untracked(), "Identifiant ou mot de passe incorrect.", "Wrong username or password.").into())),
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
