//! The app's own router: a path is one of thirteen flat routes, two with an id
//! ([`Route::of`]), and a change of page is a history entry plus a signal ([`navigate`]).
//!
//! Why not `leptos_router`: the app has no nested routes, no route parameters beyond one
//! id, no transitions and no server rendering; what it needs is a `match` on the path's
//! segments and the `popstate` event. `leptos_router` brings matching, nested outlets,
//! query maps and its `<A>` component to each of the three bundles, the reporting page
//! first, which is already above its size goal (README, "What a phone downloads"). A route
//! a bundle does not hold is a full page load into the bundle that does ([`crate::App`],
//! [`crate::ReportApp`], [`crate::OfficeApp`]).

use leptos::prelude::*;
use vigie_api::{Me, Role};

use crate::i18n::{t, Lang};

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
pub(crate) fn use_path() -> RwSignal<String> {
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

/// The name of a page, for the document's title.
pub(crate) fn title(route: Route, lang: Lang) -> &'static str {
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
