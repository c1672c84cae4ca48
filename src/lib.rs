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
pub mod router;
mod shell;
pub mod wording;

use leptos::prelude::*;
use vigie_api::{Me, Role};

use crate::pages::{
    admin::AdminPage, contacts::ContactsPage, incident::IncidentPage, incidents::IncidentsPage, lessons::LessonsPage,
    oncall::OnCallPage, postmortem::PostMortemPage, report_form::ReportFormPage, sla_report::SlaReportPage,
    wall::WallPage,
};
pub use report::ReportPage;
pub use router::{navigate, Route};
pub use shell::after_login;
use shell::Shell;

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
