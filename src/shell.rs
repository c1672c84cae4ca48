//! What the three bundles share around their pages: the session, the navigation bar,
//! logging in and going back to the page asked for, the focus after a change of page, and
//! the service worker.

use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::{Me, Role};

use crate::i18n::{provide_lang, t, Lang, Tr};
use crate::pages::login::{InvitationPage, LoginPage};
use crate::router::{navigate, title, use_path, Route};
use crate::{api, home_of, Session};

/// What both bundles share: the session, the navigation bar, login and the user's home.
/// A route the bundle does not hold is a full page load, which the server answers with the
/// other bundle.
#[component]
pub(crate) fn Shell(pages: fn(Route) -> Option<AnyView>) -> impl IntoView {
    let lang = provide_lang();
    let session = Session { user: RwSignal::new(None), checked: RwSignal::new(false) };
    provide_context(session);
    let path = use_path();
    spawn_local(async move {
        let me = api::me().await.ok();
        // The account's language follows its user from one device to another.
        if let Some(chosen) = me.as_ref().and_then(|me| crate::i18n::of_account(&me.lang)) {
            lang.set(chosen);
        }
        session.user.set(me);
        session.checked.set(true);
    });
    register_service_worker();
    // The page's own "loading" line has done its work.
    if let Some(loading) = document().get_element_by_id("loading") {
        loading.remove();
    }
    // Links inside the app change the page without reloading it.
    let click = window_event_listener(leptos::ev::click, move |ev| {
        use wasm_bindgen::JsCast;
        let anchor = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href^='/']").ok().flatten());
        if let Some(href) = anchor.filter(|a| !a.has_attribute("download")).and_then(|a| a.get_attribute("href")) {
            if !(ev.ctrl_key() || ev.meta_key() || ev.shift_key()) {
                ev.prevent_default();
                navigate(&href);
            }
        }
    });
    on_cleanup(move || click.remove());
    // The document says which language it is in and which page it shows, for screen
    // readers, browser tabs and history.
    Effect::new(move |_| {
        let (l, route) = (lang.get(), Route::of(&path.get()));
        let doc = document();
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", t(l, "fr", "en"));
        }
        doc.set_title(&format!("Vigie — {}", title(route, l)));
    });
    // After a change of page inside the app, the keyboard and screen readers start from the
    // new page's heading, as they would after a page load.
    Effect::new(move |previous: Option<String>| {
        let current = path.get();
        if previous.is_some_and(|p| p != current) {
            request_animation_frame(focus_heading);
        }
        current
    });
    // The same when the change crossed into another bundle (a full page load the app made,
    // after logging in say): the page that was left said so.
    Effect::new(move |_| {
        if session.checked.get() && take_handover() {
            request_animation_frame(focus_heading);
        }
    });
    let page = move || {
        let route = Route::of(&path.get());
        // Choosing one's password needs no session: the page does not follow it, so that
        // it is not drawn again while the person types.
        if route == Route::Invitation {
            return view! { <InvitationPage /> }.into_any();
        }
        match (route, session.checked.get(), session.user.get()) {
            (Route::Login, _, _) => view! { <LoginPage /> }.into_any(),
            (_, false, _) => view! { <main class="page">"…"</main> }.into_any(),
            (_, true, None) => {
                // The page asked for is opened once logged in: a link in an email survives.
                remember_after_login(&path.get_untracked());
                navigate("/login");
                view! { <LoginPage /> }.into_any()
            }
            (Route::Home, true, Some(me)) => {
                navigate(home_of(&me));
                ().into_any()
            }
            (Route::NotFound, ..) => view! { <main class="page">"404"</main> }.into_any(),
            (route, true, Some(me)) if !route.open_to(&me) => view! { <NotForYou home=home_of(&me) /> }.into_any(),
            (route, ..) => pages(route).unwrap_or_else(|| {
                if let Some(window) = web_sys::window() {
                    if let Ok(Some(storage)) = window.session_storage() {
                        let _ = storage.set_item(HANDOVER_KEY, "1");
                    }
                    let _ = window.location().assign(&path.get_untracked());
                }
                view! { <main class="page">"…"</main> }.into_any()
            }),
        }
    };
    view! {
        <Nav lang />
        {page}
    }
}

/// The page a logged-out visitor asked for, opened after logging in (this tab only).
const AFTER_LOGIN_KEY: &str = "vigie.after-login";

fn remember_after_login(path: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = storage.set_item(AFTER_LOGIN_KEY, path);
    }
}

/// Where to go once logged in: the page asked for before, if it is one of ours and open to
/// this user, else the user's home. Forgets it.
pub fn after_login(me: &Me) -> String {
    let storage = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    let asked = storage.as_ref().and_then(|s| s.get_item(AFTER_LOGIN_KEY).ok().flatten());
    if let Some(s) = &storage {
        let _ = s.remove_item(AFTER_LOGIN_KEY);
    }
    asked
        // Only a path of this site: `//elsewhere` would leave it.
        .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .filter(|p| {
            !matches!(Route::of(p), Route::Login | Route::Invitation | Route::NotFound) && Route::of(p).open_to(me)
        })
        .unwrap_or_else(|| home_of(me).to_string())
}

/// A page this account may not use: said in words, with the way home, and nothing of the
/// page itself.
#[component]
fn NotForYou(home: &'static str) -> impl IntoView {
    view! {
        <main class="page narrow">
            <h1><Tr fr="Page réservée" en="Page not available" /></h1>
            <p data-testid="not-for-you"><Tr fr="Cette page n'est pas ouverte à votre compte." en="This page is not open to your account." /></p>
            <p><a class="button" href=home><Tr fr="Retour à l'accueil" en="Back to your home page" /></a></p>
        </main>
    }
}

/// Set in the tab's session storage when the app leaves for a page of another bundle, so
/// that the next page moves the focus to its heading as an in-app change does.
const HANDOVER_KEY: &str = "vigie.handover";

/// Whether the previous page handed over to this one; forgets it.
fn take_handover() -> bool {
    let Some(storage) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) else { return false };
    let handed = storage.get_item(HANDOVER_KEY).ok().flatten().is_some();
    if handed {
        let _ = storage.remove_item(HANDOVER_KEY);
    }
    handed
}

/// Moves the keyboard's focus to the page's heading.
fn focus_heading() {
    use wasm_bindgen::JsCast;
    if let Some(heading) = document().query_selector("main h1").ok().flatten() {
        let _ = heading.set_attribute("tabindex", "-1");
        let _ = heading.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// Installs the service worker that opens the reporting page with no network (`/sw.js`,
/// served with the build). A browser without service workers — or a page not served over
/// HTTPS or from localhost — simply goes without: the property is absent, nothing is
/// called.
fn register_service_worker() {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return };
    let Ok(container) = js_sys::Reflect::get(&window.navigator(), &"serviceWorker".into()) else { return };
    if container.is_undefined() {
        return;
    }
    let register =
        js_sys::Reflect::get(&container, &"register".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(register) = register {
        // A refusal (a browser's policy) is no reason to stop the page.
        let _ = register.call1(&container, &"/sw.js".into());
    }
}

/// Hands `fields` as one message to the service worker that controls the page; false when
/// none does (a first visit, a browser without workers).
pub fn tell_service_worker(fields: &[(&str, wasm_bindgen::JsValue)]) -> bool {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return false };
    let controller = js_sys::Reflect::get(&window.navigator(), &"serviceWorker".into())
        .ok()
        .filter(|c| !c.is_undefined())
        .and_then(|container| js_sys::Reflect::get(&container, &"controller".into()).ok())
        .filter(|c| c.is_object());
    let Some(controller) = controller else { return false };
    let message = js_sys::Object::new();
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&message, &(*name).into(), value);
    }
    js_sys::Reflect::get(&controller, &"postMessage".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .is_some_and(|post| post.call1(&controller, &message).is_ok())
}

#[component]
fn Nav(lang: RwSignal<Lang>) -> impl IntoView {
    let session = expect_context::<Session>();
    let role = move || session.user.with(|u| u.as_ref().map(|me| me.role));
    let logout = move |_| {
        spawn_local(async move {
            api::logout().await;
            session.user.set(None);
        })
    };
    // The device keeps the choice (see `provide_lang`), the account too once logged in.
    let switch = move |_| {
        lang.update(|l| *l = if *l == Lang::Fr { Lang::En } else { Lang::Fr });
        if session.user.with_untracked(Option::is_some) {
            let code = t(lang.get_untracked(), "fr", "en");
            spawn_local(async move {
                let _ = api::set_lang(code).await;
            });
        }
    };
    view! {
        <nav class="top">
            <Show when=move || session.user.get().is_some()>
                <a href="/report"><Tr fr="Signaler" en="Report" /></a>
                <a href="/incidents"><Tr fr="Incidents" en="Incidents" /></a>
                <Show when=move || role() != Some(Role::Client)>
                    <a href="/wall"><Tr fr="Mur" en="Wall" /></a>
                </Show>
                <a href="/reports"><Tr fr="Rapports SLA" en="SLA reports" /></a>
                <a href="/lessons"><Tr fr="Retours d'expérience" en="Lessons" /></a>
                <a href="/contacts"><Tr fr="Contacts" en="Contacts" /></a>
                <Show when=move || role() != Some(Role::Client)>
                    <a href="/oncall"><Tr fr="Astreinte" en="On call" /></a>
                </Show>
                <Show when=move || role() == Some(Role::Admin)>
                    <a href="/admin"><Tr fr="Administration" en="Administration" /></a>
                </Show>
                <button on:click=logout><Tr fr="Se déconnecter" en="Log out" /></button>
            </Show>
            <button class="lang" data-testid="lang-switch" lang=move || t(lang.get(), "en", "fr") on:click=switch>
                <Tr fr="English" en="Français" />
            </button>
        </nav>
    }
}
