//! Vigie in the browser: reporting an incident with an instant, explained priority; the
//! incidents and their live countdowns; the supervisor's wall display.
//!
//! Every rule comes from `vigie-engine`, the same code the server runs, so what the
//! browser shows and the server records never disagree. I/O lives in [`api`] and [`live`],
//! apart from the views.
//!
//! Components take "now" as a [`Signal`] instead of reading the clock, so tests drive
//! time; the pages wire the real, ticking clock corrected by the server's.

pub mod api;
pub mod clock;
pub mod countdown;
pub mod form;
pub mod i18n;
pub mod live;
pub mod pages;
mod report;
pub mod wording;

use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::{Me, Role};

use crate::i18n::{provide_lang, t, Lang, Tr};
use crate::pages::{
    admin::AdminPage,
    contacts::ContactsPage,
    incident::IncidentPage,
    incidents::IncidentsPage,
    lessons::LessonsPage,
    login::{InvitationPage, LoginPage},
    oncall::OnCallPage,
    postmortem::PostMortemPage,
    report_form::ReportFormPage,
    sla_report::SlaReportPage,
    wall::WallPage,
};
pub use report::ReportPage;

/// Who is logged in, shared by every page.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// The user, once known.
    pub user: RwSignal<Option<Me>>,
    /// Whether `GET /api/me` has answered.
    pub checked: RwSignal<bool>,
}

/// Where a user starts: the report page for a client, the wall for the operations manager,
/// the incidents for a technician.
pub fn home_of(me: &Me) -> &'static str {
    match me.role {
        Role::Client => "/report",
        Role::Supervisor => "/wall",
        _ => "/incidents",
    }
}

/// The app's routes (`/incidents/42` → `Route::Incident(42)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// `/login`.
    Login,
    /// `/invitation#token`: choosing one's password from an invitation.
    Invitation,
    /// `/`: the user's home.
    Home,
    /// `/report`.
    Report,
    /// `/incidents`.
    Incidents,
    /// `/incidents/{id}`.
    Incident(i64),
    /// `/wall`.
    Wall,
    /// `/postmortems/{id}`.
    PostMortem(i64),
    /// `/admin`: administration.
    Admin,
    /// `/reports`: SLA compliance reports.
    Reports,
    /// `/lessons`: technical reviews and lessons learned.
    Lessons,
    /// `/contacts`: who the client wants told.
    Contacts,
    /// `/oncall`: the on-call rota.
    OnCall,
    /// Anything else.
    NotFound,
}

impl Route {
    /// The route of a path.
    pub fn of(path: &str) -> Route {
        let parts: Vec<&str> = path.trim_matches('/').split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["login"] => Route::Login,
            ["invitation"] => Route::Invitation,
            ["report"] => Route::Report,
            ["incidents"] => Route::Incidents,
            ["incidents", id] => id.parse().map_or(Route::NotFound, Route::Incident),
            ["wall"] => Route::Wall,
            ["postmortems", id] => id.parse().map_or(Route::NotFound, Route::PostMortem),
            ["admin"] => Route::Admin,
            ["reports"] => Route::Reports,
            ["lessons"] => Route::Lessons,
            ["contacts"] => Route::Contacts,
            ["oncall"] => Route::OnCall,
            _ => Route::NotFound,
        }
    }
}

thread_local! {
    /// The app's current path, for [`navigate`]: it is called from event handlers and from
    /// async tasks (after logging in, say), where the reactive context is no longer at hand.
    static PATH: std::cell::Cell<Option<RwSignal<String>>> = const { std::cell::Cell::new(None) };
}

/// The current path, kept in step with the browser's history.
fn use_path() -> RwSignal<String> {
    let current = || web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_else(|| "/".into());
    let path = RwSignal::new(current());
    let handle = window_event_listener(leptos::ev::popstate, move |_| path.set(current()));
    on_cleanup(move || handle.remove());
    provide_context(path);
    PATH.with(|p| p.set(Some(path)));
    path
}

impl Route {
    /// Whether `me` may use the page: the wall is the staff's, administration the
    /// administrator's; the server refuses the rest of what a role may not see.
    pub fn open_to(self, me: &Me) -> bool {
        match self {
            Route::Wall | Route::OnCall => me.is_staff(),
            Route::Admin => me.role == Role::Admin,
            _ => true,
        }
    }
}

/// Goes to another page of the app without reloading it.
pub fn navigate(to: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to));
    }
    if let Some(path) = PATH.with(std::cell::Cell::get) {
        path.set(to.to_string());
    }
}

/// The app: the incidents, the wall display and the post-mortems. Reporting is a bundle of
/// its own ([`ReportApp`]): "Signaler" from here is a page load into it, which the service
/// worker answers from its cache after the first visit.
#[component]
pub fn App() -> impl IntoView {
    view! { <Shell pages=app_pages /> }
}

fn app_pages(route: Route) -> Option<AnyView> {
    Some(match route {
        Route::Incidents => view! { <IncidentsPage /> }.into_any(),
        Route::Incident(id) => view! { <IncidentPage id /> }.into_any(),
        Route::Wall => view! { <WallPage /> }.into_any(),
        Route::PostMortem(id) => view! { <PostMortemPage id /> }.into_any(),
        _ => return None,
    })
}

/// Reporting alone (`/report`, and the login page): the bundle a phone downloads first,
/// built from `report.html` into `dist/report/`. It holds the report form and nothing a
/// client reporting from a car park does not need; every other page is a full page load
/// into the app.
#[component]
pub fn ReportApp() -> impl IntoView {
    view! { <Shell pages=report_pages /> }
}

fn report_pages(route: Route) -> Option<AnyView> {
    Some(match route {
        Route::Report => view! { <ReportFormPage /> }.into_any(),
        _ => return None,
    })
}

/// The back office: administration, SLA reports, technical reviews and lessons learned,
/// the contacts a client designates. A bundle of its own (`office.html`, built into
/// `dist/office/`), loaded only by whoever opens those pages, so that reporting from a
/// phone never downloads it.
#[component]
pub fn OfficeApp() -> impl IntoView {
    view! { <Shell pages=office_pages /> }
}

fn office_pages(route: Route) -> Option<AnyView> {
    Some(match route {
        Route::Admin => view! { <AdminPage /> }.into_any(),
        Route::Reports => view! { <SlaReportPage /> }.into_any(),
        Route::Lessons => view! { <LessonsPage /> }.into_any(),
        Route::Contacts => view! { <ContactsPage /> }.into_any(),
        Route::OnCall => view! { <OnCallPage /> }.into_any(),
        _ => return None,
    })
}

/// What both bundles share: the session, the navigation bar, login and the user's home.
/// A route the bundle does not hold is a full page load, which the server answers with the
/// other bundle.
#[component]
fn Shell(pages: fn(Route) -> Option<AnyView>) -> impl IntoView {
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

/// The name of a page, for the document's title.
fn title(route: Route, lang: Lang) -> &'static str {
    match route {
        Route::Login => t(lang, "Connexion", "Log in"),
        Route::Invitation => t(lang, "Choisir son mot de passe", "Choose your password"),
        Route::Report => t(lang, "Signaler un incident", "Report an incident"),
        Route::Incidents | Route::Home => t(lang, "Incidents", "Incidents"),
        Route::Incident(_) => t(lang, "Incident", "Incident"),
        Route::Wall => t(lang, "Mur", "Wall"),
        Route::PostMortem(_) => "Post-mortem",
        Route::Admin => "Administration",
        Route::Reports => t(lang, "Rapports SLA", "SLA reports"),
        Route::Lessons => t(lang, "Retours d'expérience", "Lessons learned"),
        Route::Contacts => t(lang, "Contacts à prévenir", "Who to tell"),
        Route::OnCall => t(lang, "Astreinte", "On call"),
        Route::NotFound => t(lang, "Page introuvable", "Page not found"),
    }
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
