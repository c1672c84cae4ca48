//! Browser tests of the app's pages and components, in headless Chromium.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=webdriver.json
//! cargo test -p vigie-app --target wasm32-unknown-unknown`.
//!
//! Pattern of leptos' `examples/counter/tests/web.rs`: mount into a fresh element, act on
//! the DOM, let the reactive system run (`tick().await`), assert on the DOM. The page's
//! "now" is a signal the test sets, so deadlines are checked at chosen instants.

// A browser is needed: a native `cargo test` compiles this file to nothing.
#![cfg(target_arch = "wasm32")]

use std::any::Any;

use chrono::{DateTime, Utc};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use vigie_app::live::Connection;
use vigie_app::pages::wall::WallView;
use vigie_app::{wording, ReportPage};
use vigie_engine::{Policy, Priority};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, EventInit, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

mod fixtures;
use fixtures::incident;

const P1_TEXT: &str = "Plus aucune caméra ne fonctionne sur tout le site";
const P2_TEXT: &str = "une caméra HS en zone sensible";
const P3_TEXT: &str = "L'interface est lente";

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("test instant")
}

/// A mounted view and the element it lives in; dropping it unmounts the view.
struct Mounted {
    wrapper: HtmlElement,
    _handle: Box<dyn Any>,
}

fn mount(view: impl FnOnce() -> AnyView + 'static) -> Mounted {
    let document = document();
    let wrapper: HtmlElement = document.create_element("section").expect("section").unchecked_into();
    document.body().expect("body").append_child(&wrapper).expect("append");
    let handle = mount_to(wrapper.clone(), view);
    Mounted { wrapper, _handle: Box::new(handle) }
}

fn mount_report(now: RwSignal<DateTime<Utc>>) -> Mounted {
    mount(move || view! { <ReportPage now /> }.into_any())
}

impl Mounted {
    fn find(&self, test_id: &str) -> Option<HtmlElement> {
        let selector = format!("[data-testid=\"{test_id}\"]");
        self.wrapper.query_selector(&selector).expect("selector").map(JsCast::unchecked_into)
    }

    fn get(&self, test_id: &str) -> HtmlElement {
        self.find(test_id).unwrap_or_else(|| panic!("no element with data-testid={test_id}"))
    }

    fn text(&self, test_id: &str) -> String {
        self.get(test_id).text_content().unwrap_or_default()
    }

    fn attribute(&self, test_id: &str, name: &str) -> String {
        self.get(test_id).get_attribute(name).unwrap_or_default()
    }

    /// Types like a person: sets the value, then fires a bubbling `input` event (Leptos
    /// may listen on the document through event delegation).
    async fn type_description(&self, text: &str) {
        let area: HtmlTextAreaElement = self.get("report-description").unchecked_into();
        area.set_value(text);
        let init = EventInit::new();
        init.set_bubbles(true);
        let event = Event::new_with_event_init_dict("input", &init).expect("input event");
        area.dispatch_event(&event).expect("dispatch");
        tick().await;
    }
}

#[wasm_bindgen_test]
async fn suggestion_follows_the_description_as_it_is_typed() {
    let now = RwSignal::new(at("2026-11-25T10:00:00+01:00"));
    let page = mount_report(now);

    page.type_description(P1_TEXT).await;
    let priority = page.text("suggested-priority");
    assert!(priority.contains("P1") && priority.contains("Critique"), "{priority}");
    let reasons = page.get("suggestion-reasons");
    assert!(reasons.child_element_count() > 0, "no reason for P1");
    assert!(!page.text("suggestion-matched").is_empty());

    page.type_description(P3_TEXT).await;
    let priority = page.text("suggested-priority");
    assert!(priority.contains("P3") && priority.contains("Mineur"), "{priority}");
    assert!(page.get("suggestion-reasons").child_element_count() > 0, "no reason for P3");

    page.type_description(P2_TEXT).await;
    let priority = page.text("suggested-priority");
    assert!(priority.contains("P2") && priority.contains("Majeur"), "{priority}");
    assert!(page.get("suggestion-reasons").child_element_count() > 0, "no reason for P2");
    assert!(page.find("needs-details").is_none());

    page.type_description("ça ne marche pas").await;
    assert!(page.find("needs-details").is_some(), "a vague text asks for details");
}

#[wasm_bindgen_test]
async fn deciding_questions_appear_in_place_and_settle_the_priority() {
    let now = RwSignal::new(at("2026-11-25T10:00:00+01:00"));
    let page = mount_report(now);
    // "Les caméras", nothing to say how many: P1 to be safe, and the extent is asked.
    let text = "les caméras ne marchent plus";
    page.type_description(text).await;
    assert!(page.text("suggested-priority").contains("P1"), "{}", page.text("suggested-priority"));
    assert!(page.find("question-scope").is_some(), "the extent is asked");
    page.get("answer-scope-several_devices").click();
    tick().await;
    assert!(page.text("suggested-priority").contains("P2"), "{}", page.text("suggested-priority"));
    assert!(page.find("needs-details").is_none(), "answered: nothing more to ask");
    let area: HtmlTextAreaElement = page.get("report-description").unchecked_into();
    assert_eq!(area.value(), text, "the description is kept");
    let reasons = page.text("suggestion-reasons");
    assert!(reasons.contains("plusieurs équipements"), "{reasons}");
    // A reader that no longer reads: whether people can get in decides.
    page.type_description("le lecteur de l'entrée ne lit plus les badges").await;
    assert!(page.text("suggested-priority").contains("P2"));
    page.get("answer-unauthorized-yes").click();
    tick().await;
    assert!(page.text("suggested-priority").contains("P1"), "{}", page.text("suggested-priority"));
    assert!(page.text("suggestion-reasons").contains("non autorisées"), "{}", page.text("suggestion-reasons"));
}

#[wasm_bindgen_test]
async fn nothing_is_suggested_before_the_description() {
    let now = RwSignal::new(at("2026-11-25T10:00:00+01:00"));
    let page = mount_report(now);
    tick().await;
    assert!(page.find("suggested-priority").is_none());
    assert!(page.get("sla-preview").hidden());

    page.type_description(P2_TEXT).await;
    assert!(!page.get("sla-preview").hidden());

    page.type_description("   ").await;
    assert!(page.find("suggested-priority").is_none());
    assert!(page.get("sla-preview").hidden());
}

#[wasm_bindgen_test]
async fn p2_reported_friday_evening_is_due_monday_and_pauses_over_the_weekend() {
    let now = RwSignal::new(at("2026-11-27T17:59:00+01:00"));
    let page = mount_report(now);
    page.type_description(P2_TEXT).await;

    let deadline = page.text("sla-deadline");
    assert!(deadline.contains("lundi") && deadline.contains("11:59"), "{deadline}");
    assert!(deadline.contains("heures ouvrées"), "{deadline}");
    let countdown = page.text("sla-countdown");
    assert!(countdown.contains("4 h 00"), "{countdown}");

    now.set(at("2026-11-28T12:00:00+01:00"));
    tick().await;
    let countdown = page.text("sla-countdown");
    assert!(countdown.contains("En pause hors heures ouvrées"), "{countdown}");
    assert!(countdown.contains("lundi") && countdown.contains("08:00"), "{countdown}");
    assert_eq!(page.get("sla-countdown").get_attribute("data-state").as_deref(), Some("paused"));
    let deadline = page.text("sla-deadline");
    assert!(deadline.contains("lundi") && deadline.contains("11:59"), "the deadline moved: {deadline}");

    now.set(at("2026-11-30T10:59:00+01:00"));
    tick().await;
    let countdown = page.text("sla-countdown");
    assert!(countdown.contains("1 h 00") && !countdown.contains("pause"), "{countdown}");
    // Same day now: the time alone.
    let deadline = page.text("sla-deadline");
    assert!(deadline.contains("avant 11:59") && !deadline.contains("lundi"), "{deadline}");
}

#[wasm_bindgen_test]
async fn p1_deadline_is_one_elapsed_hour_in_paris_time() {
    let now = RwSignal::new(at("2026-11-27T17:59:00+01:00"));
    let page = mount_report(now);
    page.type_description(P1_TEXT).await;

    let deadline = page.text("sla-deadline");
    assert!(deadline.contains("Un technicien vous appelle avant 18:59"), "{deadline}");
    assert!(page.text("sla-countdown").contains("1 h 00"));

    // Time left is rounded up to the minute: never "0 min" while the clock runs.
    now.set(at("2026-11-27T18:58:30+01:00"));
    tick().await;
    let countdown = page.text("sla-countdown");
    assert!(countdown.contains("Il reste 1 min"), "{countdown}");

    now.set(at("2026-11-27T19:30:00+01:00"));
    tick().await;
    let countdown = page.text("sla-countdown");
    assert!(countdown.contains("dépassé") && countdown.contains("31 min"), "{countdown}");
}

#[wasm_bindgen_test]
async fn the_report_page_reads_in_english_one_click_away() {
    use vigie_app::i18n::Lang;
    let lang = RwSignal::new(Lang::Fr);
    let now = RwSignal::new(at("2026-11-27T17:59:00+01:00"));
    let page = mount(move || {
        provide_context(lang);
        view! { <ReportPage now /> }.into_any()
    });
    page.type_description(P2_TEXT).await;
    assert!(page.text("suggested-priority").contains("P2 Majeur"));
    lang.set(Lang::En);
    tick().await;
    assert!(page.text("suggested-priority").contains("P2 Major"), "{}", page.text("suggested-priority"));
    let reasons = page.text("suggestion-reasons");
    assert!(reasons.is_ascii() && !reasons.is_empty(), "the engine's English reasons: {reasons}");
    // Friday 17:59 in Paris: four business hours from Monday 08:00, in English, same instant.
    let deadline = page.text("sla-deadline");
    assert_eq!(deadline, "Taken in charge before Monday 30 November at 11:59 (business hours).");
    assert_eq!(page.text("sla-countdown"), "4 h 00 of business time left.");
    now.set(at("2026-11-27T18:05:00+01:00"));
    tick().await;
    let countdown = page.text("sla-countdown");
    assert_eq!(
        countdown,
        "Paused outside business hours, resumes Monday 30 November at 08:00. 3 h 59 of business time will be left."
    );
    lang.set(Lang::Fr);
    tick().await;
    assert!(page.text("sla-deadline").contains("Prise en charge avant lundi 30 novembre à 11:59"));
}

#[wasm_bindgen_test]
fn local_times_read_in_the_interface_language() {
    use vigie_app::i18n::Lang;
    let tz = chrono_tz::Europe::Paris;
    let now = at("2026-11-30T10:59:00+01:00");
    assert_eq!(wording::when(at("2026-11-30T11:59:00+01:00"), now, tz, Lang::Fr), "11:59");
    assert_eq!(wording::when(at("2026-12-01T08:00:00+01:00"), now, tz, Lang::Fr), "mardi 1er décembre à 08:00");
    // Late evening in UTC is already the next day in Paris.
    assert_eq!(wording::when(at("2026-11-30T23:30:00Z"), now, tz, Lang::Fr), "mardi 1er décembre à 00:30");
    // The wall's short form: the weekday within six days, the date beyond.
    assert_eq!(wording::short_time(at("2026-11-30T14:00:00+01:00"), now, tz, Lang::Fr), "14:00");
    assert_eq!(wording::short_time(at("2026-12-06T08:00:00+01:00"), now, tz, Lang::Fr), "dimanche 08:00");
    assert_eq!(wording::short_time(at("2026-12-07T08:00:00+01:00"), now, tz, Lang::Fr), "07/12 08:00");
    // English pages read English, on the site's 24-hour clock.
    assert_eq!(wording::when(at("2026-12-01T08:00:00+01:00"), now, tz, Lang::En), "Tuesday 1 December at 08:00");
    assert_eq!(wording::short_time(at("2026-12-06T08:00:00+01:00"), now, tz, Lang::En), "Sunday 08:00");
    assert_eq!(wording::duration(5 * 86_400 + 3 * 3_600, Lang::Fr), "5 j 3 h");
    assert_eq!(wording::duration(5 * 86_400 + 3 * 3_600, Lang::En), "5 d 3 h");
}

fn tiles(page: &Mounted) -> Vec<(String, String, String, String)> {
    let list = page.wrapper.query_selector_all("[data-testid=wall-tile]").expect("tiles");
    (0..list.length())
        .map(|i| {
            let tile: web_sys::Element = list.item(i).expect("tile").unchecked_into();
            let countdown = tile.query_selector("[data-testid=countdown]").expect("selector").expect("countdown");
            (
                tile.get_attribute("data-reference").unwrap_or_default(),
                tile.get_attribute("data-priority").unwrap_or_default(),
                countdown.get_attribute("data-state").unwrap_or_default(),
                countdown.get_attribute("data-deadline").unwrap_or_default(),
            )
        })
        .collect()
}

#[wasm_bindgen_test]
async fn wall_orders_tiles_by_urgency_and_changes_state_at_the_right_instant() {
    let now = RwSignal::new(at("2026-11-27T18:00:00+01:00"));
    let incidents = RwSignal::new(vec![
        incident(3, Priority::P3, "2026-11-27T10:00:00+01:00"),
        incident(1, Priority::P1, "2026-11-27T17:30:00+01:00"),
        incident(2, Priority::P2, "2026-11-27T17:00:00+01:00"),
    ]);
    let connection = RwSignal::new(Connection::Open);
    let page = mount(move || view! { <WallView incidents now connection /> }.into_any());
    tick().await;
    let shown = tiles(&page);
    let order: Vec<&str> = shown.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(order, ["INC-2026-000001", "INC-2026-000002", "INC-2026-000003"]);
    assert_eq!(shown[0].1, "P1");
    assert_eq!(shown[0].2, "ok");
    assert_eq!(shown[0].3, "2026-11-27T17:30:00.000Z");
    // The P2's business clock is paused on Friday evening; it resumes on Monday, and says so.
    assert_eq!(shown[1].2, "paused");
    assert_eq!(shown[1].3, "2026-11-30T10:00:00.000Z");
    let paused =
        page.wrapper.query_selector_all("[data-testid=wall-tile]").unwrap().item(1).unwrap().text_content().unwrap();
    assert!(paused.contains("En pause") && paused.contains("Reprise lundi 08:00"), "{paused}");
    assert!(page.text("connection-state").contains("En direct"));

    // 75 % of the P1's hour: at risk; at the hour: breached.
    now.set(at("2026-11-27T18:14:59+01:00"));
    tick().await;
    assert_eq!(tiles(&page)[0].2, "ok");
    now.set(at("2026-11-27T18:15:00+01:00"));
    tick().await;
    assert_eq!(tiles(&page)[0].2, "at-risk");
    now.set(at("2026-11-27T18:30:00+01:00"));
    tick().await;
    assert_eq!(tiles(&page)[0].2, "breached");
    assert!(page.wrapper.text_content().unwrap_or_default().contains("DÉPASSÉ"));

    // A new, more urgent incident goes first; the connection state is shown.
    incidents.update(|list| list.push(incident(4, Priority::P1, "2026-11-27T16:00:00+01:00")));
    connection.set(Connection::Closed);
    tick().await;
    assert_eq!(tiles(&page)[0].0, "INC-2026-000004");
    assert_eq!(page.attribute("connection-state", "data-state"), "closed");
}

#[wasm_bindgen_test]
async fn wall_countdown_ticks_in_business_time_and_pauses() {
    // A P2 reported Friday 17:00 (one business hour that day): on Monday 10:30 it has
    // 30 business minutes left, and 75 % of its 4 hours are used.
    let now = RwSignal::new(at("2026-11-30T10:30:00+01:00"));
    let incidents = RwSignal::new(vec![incident(2, Priority::P2, "2026-11-27T17:00:00+01:00")]);
    let page = mount(move || view! { <WallView incidents now connection=Connection::Open /> }.into_any());
    tick().await;
    let digits = || {
        page.wrapper
            .query_selector(".countdown-digits")
            .expect("sel")
            .expect("digits")
            .text_content()
            .unwrap_or_default()
    };
    assert_eq!(digits(), "30:00");
    assert_eq!(tiles(&page)[0].2, "at-risk");
    now.set(at("2026-11-30T10:30:01+01:00"));
    tick().await;
    assert_eq!(digits(), "29:59");
    // Saturday: paused, the business time left does not move.
    now.set(at("2026-11-28T12:00:00+01:00"));
    tick().await;
    assert_eq!((digits(), tiles(&page)[0].2.clone()), ("3:00:00".to_string(), "paused".to_string()));
    now.set(at("2026-11-28T15:00:00+01:00"));
    tick().await;
    assert_eq!(digits(), "3:00:00");
}

#[wasm_bindgen_test]
fn routes_of_paths() {
    use vigie_app::Route;
    assert_eq!(Route::of("/"), Route::Home);
    assert_eq!(Route::of("/login"), Route::Login);
    assert_eq!(Route::of("/report"), Route::Report);
    assert_eq!(Route::of("/incidents"), Route::Incidents);
    assert_eq!(Route::of("/incidents/42"), Route::Incident(42));
    assert_eq!(Route::of("/incidents/abc"), Route::NotFound);
    assert_eq!(Route::of("/wall/"), Route::Wall);
    assert_eq!(Route::of("/postmortems/7"), Route::PostMortem(7));
    assert_eq!(Route::of("/contacts"), Route::Contacts);
    assert_eq!(Route::of("/oncall"), Route::OnCall);
    assert_eq!(Route::of("/nowhere"), Route::NotFound);
}

#[wasm_bindgen_test]
async fn answers_alone_suggest_and_the_site_calendar_sets_the_deadline() {
    use vigie_engine::classify::Answers;
    use vigie_engine::{Calendar, CalendarSpec};
    let now = RwSignal::new(at("2026-11-27T10:00:00+01:00"));
    let answers = RwSignal::new(Answers::default());
    let reunion = Calendar::try_from(CalendarSpec {
        time_zone: Some("Indian/Reunion".into()),
        holidays: Some("FR-RE".into()),
        ..CalendarSpec::default()
    })
    .expect("calendar");
    let terms = Signal::derive(move || Some((reunion.clone(), Policy::default())));
    let page = mount(move || view! { <ReportPage now answers terms /> }.into_any());
    tick().await;
    assert!(page.find("suggested-priority").is_none());
    answers.update(|a| a.intrusion_detected = Some(true));
    tick().await;
    assert!(page.text("suggested-priority").contains("P1"));
    // A P1: a call within the hour, shown in the site's time zone (UTC+4): 14:00 there.
    assert!(page.text("sla-deadline").contains("14:00"), "{}", page.text("sla-deadline"));
}

#[wasm_bindgen_test]
fn postmortem_plan_lines_carry_owner_and_due_date() {
    use vigie_app::pages::postmortem::plan_items;
    let plan = plan_items("Audit des comptes ; Équipe N2 ; 2026-12-15\n\nSupervision PoE ; ; 15/12/2026");
    assert_eq!(plan.len(), 2);
    assert_eq!((plan[0].action.as_str(), plan[0].owner.as_str()), ("Audit des comptes", "Équipe N2"));
    assert_eq!(plan[0].due, chrono::NaiveDate::from_ymd_opt(2026, 12, 15));
    // No owner, a date in the wrong format: the engine's check will say so.
    assert_eq!((plan[1].owner.as_str(), plan[1].due), ("", None));
}

// ---------------------------------------------------------------------------------------
// The back office: the calendar editor's preview and the SLA report page.

impl Mounted {
    /// Sets an input's or a textarea's value and fires `input`, as typing does.
    async fn type_into(&self, test_id: &str, text: &str) {
        let field = self.get(test_id);
        if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
            input.set_value(text);
        } else {
            field.unchecked_ref::<HtmlTextAreaElement>().set_value(text);
        }
        self.fire(&field, "input").await;
    }

    /// Picks an option of a select and fires `change`.
    async fn choose(&self, test_id: &str, value: &str) {
        let select: web_sys::HtmlSelectElement = self.get(test_id).unchecked_into();
        select.set_value(value);
        self.fire(&select, "change").await;
    }

    async fn fire(&self, target: &web_sys::EventTarget, kind: &str) {
        let init = EventInit::new();
        init.set_bubbles(true);
        target.dispatch_event(&Event::new_with_event_init_dict(kind, &init).expect("event")).expect("dispatch");
        tick().await;
    }

    /// The preview's row of a date: (openings cell, holiday cell, business minutes).
    fn preview_day(&self, date: &str) -> (String, String, String) {
        let row = self
            .wrapper
            .query_selector(&format!("[data-testid=\"preview-day\"][data-date=\"{date}\"]"))
            .expect("selector")
            .unwrap_or_else(|| panic!("no preview row for {date}"));
        let cells = row.query_selector_all("td").expect("cells");
        let cell = |i| cells.item(i).and_then(|c| c.text_content()).unwrap_or_default();
        (cell(0), cell(1), row.get_attribute("data-minutes").unwrap_or_default())
    }

    fn count(&self, test_id: &str) -> u32 {
        self.wrapper.query_selector_all(&format!("[data-testid=\"{test_id}\"]")).expect("selector").length()
    }
}

fn mount_calendar_editor() -> Mounted {
    use vigie_app::pages::calendar_editor::{CalendarEditor, CalendarFields, CalendarForm};
    let fields = CalendarFields::new(CalendarForm::of(&Default::default()));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 21).expect("date");
    mount(move || view! { <CalendarEditor fields today=Signal::stored(today) /> }.into_any())
}

#[wasm_bindgen_test]
async fn calendar_preview_follows_the_hours_as_they_are_typed() {
    let page = mount_calendar_editor();
    tick().await;
    // The engine's default calendar, from Monday 21 December 2026: 30 days, Christmas marked.
    assert_eq!(page.count("preview-day"), 30);
    assert_eq!(page.preview_day("2026-12-21"), ("08:00–18:00".into(), String::new(), "600".into()));
    assert_eq!(page.preview_day("2026-12-25"), ("Fermé".into(), "Noël".into(), "0".into()));
    assert_eq!(page.preview_day("2026-12-26").0, "Fermé");

    // Saturday mornings open: the preview follows at once.
    page.type_into("calendar-hours-sat", "09:00-12:00").await;
    assert_eq!(page.preview_day("2026-12-26"), ("09:00–12:00".into(), String::new(), "180".into()));
    // In Alsace-Moselle, 26 December is a holiday (Saint-Étienne).
    page.choose("calendar-holidays", "FR-ALSACE-MOSELLE").await;
    assert_eq!(page.preview_day("2026-12-26"), ("Fermé".into(), "Saint-Étienne".into(), "0".into()));
    // An extra closed date.
    page.type_into("calendar-closed-dates", "2026-12-24").await;
    assert_eq!(page.preview_day("2026-12-24").1, "Fermeture exceptionnelle");

    // A wrong time: said under Monday's field, in French; the last valid preview stays,
    // marked as such.
    page.type_into("calendar-hours-mon", "08:00-25:00").await;
    let said = page.text("calendar-hours-mon-error");
    assert!(said.contains("Lundi") && said.contains("08:00-25:00") && said.contains("entre 00:00 et 24:00"), "{said}");
    assert_eq!(page.text("calendar-error"), said);
    assert_eq!(page.count("preview-day"), 30);
    assert_eq!(page.attribute("calendar-preview", "data-stale"), "true");
    page.type_into("calendar-hours-mon", "8 to 12").await;
    assert!(page.text("calendar-hours-mon-error").contains("Lundi"), "{}", page.text("calendar-error"));
    page.type_into("calendar-closed-dates", "2026-12-24 24/12").await;
    assert!(
        page.text("calendar-closed-dates-error").contains("« 24/12 » n'est pas une date"),
        "{}",
        page.text("calendar-closed-dates-error")
    );
    page.type_into("calendar-closed-dates", "2026-12-24").await;
    assert_eq!(page.count("calendar-closed-dates-error"), 0);
    page.type_into("calendar-hours-mon", "08:00-12:00 14:00-18:00").await;
    assert_eq!(page.preview_day("2026-12-28"), ("08:00–12:00, 14:00–18:00".into(), String::new(), "480".into()));

    // No opening hours at all is refused, not previewed as an always-closed calendar.
    for day in ["mon", "tue", "wed", "thu", "fri", "sat"] {
        page.type_into(&format!("calendar-hours-{day}"), "").await;
    }
    assert!(page.text("calendar-error").contains("Aucune heure d'ouverture"), "{}", page.text("calendar-error"));
}

#[wasm_bindgen_test]
async fn sla_report_page_shows_the_figures_and_the_charts() {
    use vigie_app::i18n::Lang;
    use vigie_app::pages::sla_report::SlaReportView;
    let report = serde_json::json!({
        "organisation_id": 1, "month": "2026-11",
        "by_priority": {"P1": 2, "P2": 5, "P3": 1},
        "by_source": {"client_portal": 6, "supervision": 2},
        "take_charge": {"on_time": 7, "total": 8, "percent": 87.5},
        "on_site": {"on_time": 1, "total": 2, "percent": 50.0},
        "client_updates": {"on_time": 0, "total": 0, "percent": null},
        "postmortems": {"on_time": 2, "total": 2, "percent": 100.0},
        "interventions": {"on_time": 0, "total": 0, "percent": null},
        "gdpr_notices": {"on_time": 0, "total": 0, "percent": null},
        "reopened": 1,
        "satisfaction": {"count": 2, "average": 4.5, "comments": [{"reference": "INC-2026-000003", "incident_id": 3, "score": 4, "comment": "Rapide"}]},
        "breaches": [
            {"reference": "INC-2026-000003", "incident_id": 3, "priority": "P1", "clock": "on_site", "due": "2026-11-03T10:00:00Z", "late_by_seconds": 3900},
            {"reference": "INC-2026-000007", "incident_id": 7, "priority": "P2", "clock": "take_charge", "due": "2026-11-12T09:00:00Z", "late_by_seconds": 600}
        ],
        "recurrent": [{"reference": "INC-2026-000007", "id": 7}]
    });
    let report = <vigie_api::reports::SlaReport as vigie_api::FromJson>::from_json(&report).expect("a report");
    let page = mount(move || view! { <SlaReportView report lang=Lang::Fr /> }.into_any());
    tick().await;
    assert_eq!(page.attribute("sla-report", "data-month"), "2026-11");
    // One bar per priority, its count written on it; the tallest is P2.
    let bars = page.get("chart-priority").query_selector_all("g[data-priority]").expect("bars");
    let counts: Vec<String> = (0..bars.length())
        .map(|i| bars.item(i).unwrap().unchecked_into::<web_sys::Element>().get_attribute("data-count").unwrap())
        .collect();
    assert_eq!(counts, ["2", "5", "1"]);
    assert!(page.get("chart-priority").get_attribute("aria-label").unwrap().contains("P2 : 5"));
    // Promises kept, with the figures in words; nothing due is a dash, not 0 %.
    let kept = page.text("chart-kept");
    // French figures have a decimal comma.
    for figure in ["Prise en charge", "87,5 % (7/8)", "50,0 % (1/2)", "100,0 % (2/2)", "—"] {
        assert!(kept.contains(figure), "{figure} in {kept}");
    }
    assert_eq!(page.count("breach-row"), 2);
    let breach = page
        .wrapper
        .query_selector("[data-testid=breach-row][data-reference=INC-2026-000003]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(breach.contains("Départ d'un technicien sur site") && breach.contains("1 h 05"), "{breach}");
    // The due time is Paris's (11:00 in November), in words; each reference links to its incident.
    assert!(breach.contains("mardi 3 novembre à 11:00"), "{breach}");
    let link = page.wrapper.query_selector("[data-reference=INC-2026-000003] a").unwrap().expect("a link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/incidents/3"));
    assert!(page.text("report-sources").contains("Portail client 6"), "{}", page.text("report-sources"));
    assert_eq!(page.text("report-recurrent"), "INC-2026-000007");
    let recurrent = page.get("report-recurrent").query_selector("a").unwrap().expect("a link");
    assert_eq!(recurrent.get_attribute("href").as_deref(), Some("/incidents/7"));
    assert!(page.text("report-satisfaction").contains("4,5/5 (2 réponse(s))"), "{}", page.text("report-satisfaction"));
    assert_eq!(page.text("report-comments"), "INC-2026-000003 — 4/5 : Rapide");
    assert!(page.text("report-reopened").ends_with(" 1"), "{}", page.text("report-reopened"));
}

fn clock_lines(page: &Mounted) -> Vec<(String, String)> {
    let list = page.wrapper.query_selector_all("[data-testid=countdown]").expect("countdowns");
    (0..list.length())
        .map(|i| {
            let line: web_sys::Element = list.item(i).expect("line").unchecked_into();
            (line.get_attribute("data-state").unwrap_or_default(), line.text_content().unwrap_or_default())
        })
        .collect()
}

fn facts(page: &Mounted) -> Vec<(String, String)> {
    let list = page.wrapper.query_selector_all("[data-testid=facts] li").expect("facts");
    (0..list.length())
        .map(|i| {
            let line: web_sys::Element = list.item(i).expect("fact").unchecked_into();
            (line.get_attribute("data-fact").unwrap_or_default(), line.text_content().unwrap_or_default())
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_incident_page_shows_the_dispatch_the_arrival_and_a_clock_resolution_made_moot() {
    use vigie_app::pages::incident::IncidentDetails;
    // A P1 reported Friday 22:10 that needs a technician: dispatched at midnight (the
    // promise, due 02:10), arrived at 03:00.
    let mut p1 = incident(1, Priority::P1, "2026-11-27T22:10:00+01:00");
    p1.on_site_required = true;
    p1.acknowledged_at = Some(at("2026-11-27T22:20:00+01:00"));
    p1.dispatched_at = Some(at("2026-11-28T00:00:00+01:00"));
    p1.on_site_at = Some(at("2026-11-28T03:00:00+01:00"));
    let now = RwSignal::new(at("2026-11-28T03:30:00+01:00"));
    let page = mount(move || view! { <IncidentDetails incident=p1 now=now.into() /> }.into_any());
    tick().await;
    let shown = facts(&page);
    let kinds: Vec<&str> = shown.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(kinds, ["dispatched", "arrived"], "{shown:?}");
    assert!(shown[0].1.contains("00:00") && shown[1].1.contains("03:00"), "{shown:?}");
    let lines = clock_lines(&page);
    let on_site = lines.iter().find(|(_, text)| text.starts_with("Départ d'un technicien")).expect("the on-site line");
    assert_eq!(on_site.0, "met", "{lines:?}");
    drop(page);

    // The same P1 fixed remotely at 23:00, before anyone was sent: the on-site promise is
    // moot, said so, neither kept nor broken.
    let mut fixed = incident(2, Priority::P1, "2026-11-27T22:10:00+01:00");
    fixed.on_site_required = true;
    fixed.acknowledged_at = Some(at("2026-11-27T22:20:00+01:00"));
    fixed.resolved_at = Some(at("2026-11-27T23:00:00+01:00"));
    let page = mount(move || view! { <IncidentDetails incident=fixed now=now.into() /> }.into_any());
    tick().await;
    let lines = clock_lines(&page);
    let on_site = lines.iter().find(|(_, text)| text.starts_with("Départ d'un technicien")).expect("the on-site line");
    assert_eq!(on_site.0, "moot", "{lines:?}");
    assert!(on_site.1.contains("sans objet"), "{lines:?}");
    assert!(facts(&page).is_empty(), "nobody was sent: {:?}", facts(&page));
}

#[wasm_bindgen_test]
async fn a_take_charge_made_after_its_deadline_reads_late_never_kept() {
    use vigie_app::pages::incident::IncidentDetails;
    // A P1 reported at 10:00, taken in charge at 11:18: 18 minutes after its hour.
    let mut p1 = incident(4, Priority::P1, "2026-11-25T10:00:00+01:00");
    p1.acknowledged_at = Some(at("2026-11-25T11:18:00+01:00"));
    let now = RwSignal::new(at("2026-11-25T11:30:00+01:00"));
    let page = mount(move || view! { <IncidentDetails incident=p1 now=now.into() /> }.into_any());
    tick().await;
    let lines = clock_lines(&page);
    let take_charge = lines.iter().find(|(_, text)| text.starts_with("Prise en charge")).expect("the take-charge line");
    assert_eq!(take_charge.0, "late", "{lines:?}");
    assert!(take_charge.1.contains("en retard de 18 min") && !take_charge.1.contains("tenu"), "{lines:?}");
}

#[wasm_bindgen_test]
fn timeline_lines_say_what_changed_to_whom_and_by_which_channel() {
    use serde_json::json;
    use vigie_app::i18n::Lang;
    use vigie_app::pages::incident::detail;
    let (paris, now) = (chrono_tz::Europe::Paris, at("2026-11-25T11:30:00+01:00"));
    let said = |kind: &str, data: serde_json::Value, lang: Lang| {
        detail(&vigie_api::EventKind::from(kind), &data, paris, now, lang)
    };
    assert_eq!(
        said("reclassified", json!({"from": "P3", "to": "P1", "reason": "Tout le site"}), Lang::Fr),
        " : P3 → P1 — Tout le site"
    );
    assert_eq!(
        said(
            "notification_delivered",
            json!({"channel": "sms", "recipient": "Julie Martin", "subject": "Prise en charge"}),
            Lang::Fr
        ),
        " : par SMS à Julie Martin — « Prise en charge »"
    );
    assert_eq!(
        said("notification_delivered", json!({"channel": "email", "recipient": "Julie Martin"}), Lang::En),
        " : by email to Julie Martin"
    );
    assert_eq!(
        said("alert", json!({"clock": "take_charge", "level": "breached"}), Lang::Fr),
        " : Prise en charge dépassé"
    );
    assert_eq!(said("update", json!({"message": "Enregistreur redémarré"}), Lang::Fr), " : Enregistreur redémarré");
    assert_eq!(
        said(
            "type_corrected",
            json!({"from": "video/down", "to": "access_control/degraded", "reason": "Erreur"}),
            Lang::En
        ),
        " : Video — out of service → Access control — works badly — Erreur"
    );
    assert_eq!(said("closed", json!({}), Lang::Fr), "");
}

#[wasm_bindgen_test]
async fn a_p3_planned_after_its_deadline_is_at_risk_and_the_plan_is_shown_in_site_time() {
    use vigie_app::pages::incident::IncidentDetails;
    let mut p3 = incident(3, Priority::P3, "2026-11-27T17:59:00+01:00");
    p3.on_site_required = true;
    p3.acknowledged_at = Some(at("2026-11-30T09:00:00+01:00"));
    p3.intervention_planned_at = Some(at("2026-11-30T10:00:00+01:00"));
    p3.intervention_planned_for = Some(at("2026-12-07T09:00:00+01:00"));
    p3.intervention_plan_reason = Some("Le client ferme le site jusqu'au 4 décembre".into());
    let now = RwSignal::new(at("2026-11-30T10:05:00+01:00"));
    let page = mount(move || view! { <IncidentDetails incident=p3 now=now.into() /> }.into_any());
    tick().await;
    let shown = facts(&page);
    assert_eq!(shown[0].0, "planned", "{shown:?}");
    assert!(shown[0].1.contains("lundi 7 décembre à 09:00") && shown[0].1.contains("ferme le site"), "{shown:?}");
    let lines = clock_lines(&page);
    let intervention = lines
        .iter()
        .find(|(_, text)| text.starts_with("Planification de l'intervention"))
        .expect("the intervention line");
    assert_eq!(intervention.0, "at-risk", "{lines:?}");
    // The date typed on the page is read in the site's time, daylight saving included.
    let paris = chrono_tz::Europe::Paris;
    assert_eq!(
        vigie_app::pages::incident::site_instant("2026-12-03T14:00", paris).as_deref(),
        Some("2026-12-03T14:00:00+01:00")
    );
    assert_eq!(
        vigie_app::pages::incident::site_instant("2027-06-03T14:00", paris).as_deref(),
        Some("2027-06-03T14:00:00+02:00")
    );
    assert_eq!(
        vigie_app::pages::incident::site_instant("2027-03-28T02:30", paris),
        None,
        "skipped by the change to summer time"
    );
    assert_eq!(vigie_app::pages::incident::site_instant("demain", paris), None);
    // The field's value is read digit by digit: seconds allowed, nothing else.
    let site_instant = |value| vigie_app::pages::incident::site_instant(value, paris);
    assert_eq!(site_instant("2026-12-03T14:00:30").as_deref(), Some("2026-12-03T14:00:30+01:00"));
    assert_eq!(site_instant("2026-10-25T02:30").as_deref(), Some("2026-10-25T02:30:00+02:00"), "repeated: the first");
    for wrong in [
        "2026-12-3T14:00",
        "2026-02-30T10:00",
        "2026-12-03T24:00",
        "2026-12-03 14:00",
        "2026-12-03T14:00:",
        "+2026-12-03T14:00",
    ] {
        assert_eq!(site_instant(wrong), None, "{wrong}");
    }
}

// ---------------------------------------------------------------------------------------
// The report page's sites, and the contacts a client designates.

/// A site as `/api/sites` gives it, of the standard contract, under `policy`.
fn site_view(id: i64, organisation: &str, name: &str, policy: Policy) -> vigie_api::SiteView {
    vigie_api::SiteView {
        id,
        organisation_id: id,
        organisation_name: organisation.into(),
        contract: vigie_engine::Contract::Standard,
        name: name.into(),
        address: String::new(),
        calendar: vigie_engine::CalendarSpec::default(),
        sensitive_zones: vec![],
        policy,
        technical_contact: None,
    }
}

#[wasm_bindgen_test]
async fn the_preview_promises_the_site_s_own_policy_not_its_contract_s() {
    use vigie_app::pages::report_form::ReportForm;
    use vigie_engine::Contract;
    // The Demo Client has a policy of its own: a P1 taken in charge within 30 minutes; the
    // other organisation, on the same standard contract, has the contract's hour.
    let mut own = serde_json::to_value(Policy::for_contract(Contract::Standard)).unwrap();
    own["take_charge"]["P1"] = serde_json::json!({ "kind": "elapsed", "minutes": 30 });
    let own: Policy = serde_json::from_value(own).unwrap();
    let sites = RwSignal::new(vec![
        site_view(1, "Demo Client", "Siège Paris", own),
        site_view(2, "Musée", "Aile Denon", Policy::for_contract(Contract::Standard)),
    ]);
    let now = RwSignal::new(at("2026-11-25T10:00:00+01:00"));
    let page = mount(move || view! { <ReportForm now=now.into() sites /> }.into_any());
    tick().await;
    page.type_description(P1_TEXT).await;
    let deadline = page.text("sla-deadline");
    assert!(deadline.contains("Un technicien vous appelle avant 10:30"), "{deadline}");
    assert!(page.text("sla-countdown").contains("30 min"), "{}", page.text("sla-countdown"));
    // The other site: the contract's hour.
    page.choose("report-site", "2").await;
    let deadline = page.text("sla-deadline");
    assert!(deadline.contains("Un technicien vous appelle avant 11:00"), "{deadline}");
    page.choose("report-site", "1").await;
    assert!(page.text("sla-deadline").contains("10:30"), "{}", page.text("sla-deadline"));
}

impl Mounted {
    /// The `n`-th element marked `test_id`, inside `within` (the whole view when `None`).
    fn nth(&self, within: Option<&web_sys::Element>, test_id: &str, n: u32) -> HtmlElement {
        let list = match within {
            Some(e) => e.query_selector_all(&format!("[data-testid=\"{test_id}\"]")),
            None => self.wrapper.query_selector_all(&format!("[data-testid=\"{test_id}\"]")),
        }
        .expect("selector");
        list.item(n).unwrap_or_else(|| panic!("no {test_id} #{n}")).unchecked_into()
    }

    /// Types into an input like a person: its value, then a bubbling `input` event.
    async fn type_in(&self, input: &HtmlElement, text: &str) {
        input.unchecked_ref::<web_sys::HtmlInputElement>().set_value(text);
        self.fire(input, "input").await;
    }

    async fn click(&self, test_id: &str) {
        self.get(test_id).click();
        tick().await;
    }
}

fn contact(kind: vigie_api::ContactKind, name: &str, email: &str, phone: &str) -> vigie_api::Contact {
    vigie_api::Contact { kind, name: name.into(), email: email.into(), phone: phone.into() }
}

#[wasm_bindgen_test]
async fn contacts_are_edited_with_each_refusal_under_its_field() {
    use vigie_api::ContactKind::{Management, Technical};
    use vigie_app::pages::contacts::{OrganisationContacts, Saving};
    let julie = contact(Technical, "Julie Martin", "julie.martin@demo-client.example", "+33612345678");
    let paul = contact(Management, "Paul Bernard", "direction@demo-client.example", "+33698765432");
    let saved = RwSignal::new(vec![julie.clone(), paul.clone()]);
    let state = RwSignal::new(Saving::Idle);
    let sent = RwSignal::new(None::<Vec<vigie_api::Contact>>);
    let on_save = Callback::new(move |contacts| sent.set(Some(contacts)));
    let page = mount(move || view! { <OrganisationContacts saved state on_save /> }.into_any());
    tick().await;
    assert_eq!(page.count("contact"), 2);
    assert_eq!(page.nth(None, "contact-email", 0).unchecked_into::<web_sys::HtmlInputElement>().value(), julie.email);
    assert_eq!(page.attribute("save-status", "data-state"), "unchanged");

    // Julie hands over to Nadia, whose address is mistyped; Paul has no mobile any more.
    let (nadia, nadia_email) = (page.nth(None, "contact-name", 0), page.nth(None, "contact-email", 0));
    page.type_in(&nadia, "Nadia Haddad").await;
    page.type_in(&nadia_email, "nadia.haddad@demo-client").await;
    page.type_in(&page.nth(None, "contact-phone", 1), "").await;
    assert_eq!(page.attribute("save-status", "data-state"), "edited");
    assert!(page.text("save-status").contains("non enregistrées"), "{}", page.text("save-status"));
    page.click("contacts-save").await;
    assert_eq!(state.get_untracked(), Saving::Sending);
    let expected = vec![
        contact(Technical, "Nadia Haddad", "nadia.haddad@demo-client", "+33612345678"),
        contact(Management, "Paul Bernard", "direction@demo-client.example", ""),
    ];
    assert_eq!(sent.get_untracked(), Some(expected));

    // The server's refusal shows under the field it names, which says it is invalid.
    // (The server's message starts with the field, which the page shows it beside.)
    let refusal = vigie_app::api::ApiError {
        status: 422,
        message: "contacts[0].email: \"nadia.haddad@demo-client\" is not an email address".into(),
        field: Some("contacts[0].email".into()),
    };
    state.set(Saving::refused(refusal));
    tick().await;
    assert_eq!(page.count("field-error"), 1);
    let first = page.nth(None, "contact", 0);
    let error = page.nth(Some(&first), "field-error", 0);
    assert_eq!(error.text_content().unwrap(), "\"nadia.haddad@demo-client\" is not an email address");
    assert_eq!(nadia_email.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(nadia_email.get_attribute("aria-describedby"), Some(error.id()));
    assert_eq!(page.nth(None, "contact-email", 1).get_attribute("aria-invalid"), None);
    assert_eq!(page.attribute("save-status", "data-state"), "refused");
    // Typing in another field leaves it; correcting the field clears it.
    page.type_in(&nadia, "Nadia Haddad ").await;
    assert_eq!(page.count("field-error"), 1);
    page.type_in(&nadia_email, "nadia.haddad@demo-client.example").await;
    assert_eq!(page.count("field-error"), 0);
    assert_eq!(nadia_email.get_attribute("aria-invalid"), None);

    // Saved: the server holds what is on screen (trimmed).
    page.click("contacts-save").await;
    saved.set(vec![
        contact(Technical, "Nadia Haddad", "nadia.haddad@demo-client.example", "+33612345678"),
        contact(Management, "Paul Bernard", "direction@demo-client.example", ""),
    ]);
    state.set(Saving::Saved);
    tick().await;
    assert_eq!(page.attribute("save-status", "data-state"), "saved");
    assert!(page.text("save-status").contains("Enregistré"));

    // A refusal about the whole list (nobody left to tell) shows at the foot of the form.
    page.click("contact-add").await;
    assert_eq!(page.count("contact"), 3);
    assert_eq!(page.attribute("save-status", "data-state"), "edited");
    page.nth(None, "contact-remove", 2).click();
    tick().await;
    page.nth(None, "contact-remove", 0).click();
    tick().await;
    assert_eq!(page.count("contact"), 1);
    page.click("contacts-save").await;
    assert_eq!(sent.get_untracked().map(|c| c.len()), Some(1));
    state.set(Saving::Refused {
        field: Some("contacts".into()),
        message: "at least one technical contact is required".into(),
    });
    tick().await;
    assert!(page.text("form-error").contains("at least one technical contact"));
    assert_eq!(page.count("field-error"), 0);
}

#[wasm_bindgen_test]
async fn a_site_gets_a_technical_contact_of_its_own_or_none() {
    use vigie_api::ContactKind::Technical;
    use vigie_app::pages::contacts::{Saving, SiteContactForm};
    let site = site_view(1, "Demo Client", "Siège Paris", Policy::default());
    let saved = RwSignal::new(None::<vigie_api::Contact>);
    let state = RwSignal::new(Saving::Idle);
    let sent = RwSignal::new(None::<Option<vigie_api::Contact>>);
    let on_save = Callback::new(move |contact| sent.set(Some(contact)));
    let page = mount(move || view! { <SiteContactForm site saved state on_save /> }.into_any());
    tick().await;
    // None yet: the organisation's are told; no field to fill.
    let shown = |test_id: &str| page.get(test_id).closest("[hidden]").expect("closest").is_none();
    assert!(shown("site-contact-none") && !shown("site-contact-name"));
    page.click("site-contact-designate").await;
    assert!(!shown("site-contact-none") && shown("site-contact-name"));
    page.type_in(&page.get("site-contact-name"), "Marc Petit").await;
    page.type_in(&page.get("site-contact-email"), "marc.petit@demo-client.example").await;
    page.type_in(&page.get("site-contact-phone"), "06 22 33 44 55").await;
    page.click("site-contact-save").await;
    assert_eq!(
        sent.get_untracked(),
        Some(Some(contact(Technical, "Marc Petit", "marc.petit@demo-client.example", "06 22 33 44 55")))
    );
    state.set(Saving::Refused {
        field: Some("contact.phone".into()),
        message: "\"06 22 33 44 55\" is not a mobile number in E.164 form".into(),
    });
    tick().await;
    let phone = page.get("site-contact-phone");
    assert_eq!(phone.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(page.text("field-error").contains("E.164"));
    page.type_in(&phone, "+33622334455").await;
    page.click("site-contact-save").await;
    saved.set(Some(contact(Technical, "Marc Petit", "marc.petit@demo-client.example", "+33622334455")));
    state.set(Saving::Saved);
    tick().await;
    assert_eq!(page.attribute("save-status", "data-state"), "saved");

    // Back to the organisation's contacts: `None` is sent.
    page.click("site-contact-clear").await;
    assert_eq!(page.attribute("save-status", "data-state"), "edited");
    page.click("site-contact-save").await;
    assert_eq!(sent.get_untracked(), Some(None));
}

#[wasm_bindgen_test]
async fn the_wall_reads_across_a_room_in_words_and_says_when_it_is_stale() {
    use vigie_app::i18n::Lang;
    use vigie_app::pages::wall::{add_alert, short_reference, size_of, Alert};
    assert_eq!(short_reference("INC-2026-000013"), "#13");
    assert_eq!(short_reference("odd"), "odd");
    use vigie_engine::sla::ClockKind;
    // Tiles shrink with their number; 30 is the extra-small size.
    assert_eq!([size_of(1), size_of(7), size_of(13), size_of(30)], ["l", "m", "s", "xs"]);
    // Alerts in words, one line per incident and clock, the repeats counted.
    let mut alerts = Vec::new();
    let alert = |breached, escalated| Alert {
        reference: "INC-2026-000013".into(),
        clock: Some(ClockKind::TakeCharge),
        breached,
        escalated,
        count: 1,
    };
    add_alert(&mut alerts, alert(false, false));
    add_alert(&mut alerts, alert(true, false));
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].words(Lang::Fr), "INC-2026-000013 — Prise en charge : DÉPASSÉ (×2)");
    assert_eq!(alerts[0].words(Lang::En), "INC-2026-000013 — Take charge : BREACHED (×2)");
    add_alert(&mut alerts, alert(true, true));
    assert_eq!(alerts[0].words(Lang::Fr), "INC-2026-000013 — Prise en charge : DÉPASSÉ, ESCALADÉ (×3)");

    // A breached P1, a P2 paused on a Saturday, a resolved P1: each says what it is.
    let now = RwSignal::new(at("2026-11-28T12:00:00+01:00"));
    let mut resolved = incident(3, Priority::P1, "2026-11-28T09:00:00+01:00");
    resolved.acknowledged_at = Some(at("2026-11-28T09:10:00+01:00"));
    resolved.resolved_at = Some(at("2026-11-28T10:00:00+01:00"));
    resolved.status = vigie_api::Status::Resolved;
    let incidents = RwSignal::new(vec![
        resolved,
        incident(1, Priority::P1, "2026-11-28T10:00:00+01:00"),
        incident(2, Priority::P2, "2026-11-27T17:00:00+01:00"),
    ]);
    let connection = RwSignal::new(Connection::Open);
    let alerts = RwSignal::new(alerts);
    let updated = RwSignal::new(Some(at("2026-11-28T11:58:00+01:00")));
    let page = mount(move || view! { <WallView incidents now connection alerts updated /> }.into_any());
    tick().await;
    let list = page.wrapper.query_selector_all("[data-testid=wall-tile]").expect("tiles");
    let tile = |i: u32| list.item(i).expect("tile").unchecked_into::<web_sys::Element>();
    // The resolved incident goes last, marked.
    assert_eq!(tile(2).get_attribute("data-reference").as_deref(), Some("INC-2026-000003"));
    assert!(tile(2).class_list().contains("tile-resolved"));
    assert!(tile(0).class_list().contains("tile-breached"), "the breached P1 first, with its own look");
    assert!(tile(0).text_content().unwrap_or_default().contains("DÉPASSÉ"));
    assert!(tile(1).text_content().unwrap_or_default().contains("En pause"));
    // Paused is its own count; the resolved incident is not counted.
    assert_eq!(page.text("wall-counts"), "Dans les délais 0 · En pause 1 · À risque 0 · Dépassés 1");
    assert!(page.text("wall-alerts").contains("Prise en charge : DÉPASSÉ, ESCALADÉ (×3)"));
    // The connection lost: the whole wall dims and says since when.
    assert!(page.find("wall-stale").is_none());
    connection.set(Connection::Closed);
    tick().await;
    assert!(page.get("wall").class_list().contains("stale"));
    assert_eq!(page.text("wall-stale"), "Connexion perdue : affichage arrêté à 11:58");
}

#[wasm_bindgen_test]
fn short_times_read_in_english_on_english_pages() {
    use vigie_app::i18n::Lang;
    let now = at("2026-11-28T12:00:00+01:00");
    let tz = chrono_tz::Europe::Paris;
    assert_eq!(wording::short_time(at("2026-11-30T08:00:00+01:00"), now, tz, Lang::En), "Monday 08:00");
    assert_eq!(wording::short_time(at("2026-11-30T08:00:00+01:00"), now, tz, Lang::Fr), "lundi 08:00");
}

#[wasm_bindgen_test]
async fn the_policy_form_edits_each_promise_in_hours_and_days() {
    use vigie_app::pages::policy_form::PolicyForm;
    use vigie_engine::{Contract, Policy};
    let policy = RwSignal::new(serde_json::to_string_pretty(&Policy::for_contract(Contract::Standard)).unwrap());
    let page = mount(move || view! { <PolicyForm policy /> }.into_any());
    tick().await;
    // The procedure's P1 take-charge: one calendar hour, shown in hours.
    let amount: web_sys::HtmlInputElement = page.get("policy-take-charge-p1-amount").unchecked_into();
    assert_eq!(amount.value(), "1");
    assert_eq!(
        page.get("policy-take-charge-p1-kind").unchecked_into::<web_sys::HtmlSelectElement>().value(),
        "elapsed"
    );
    // Half an hour, typed the French way.
    amount.set_value("0,5");
    page.fire(&amount, "change").await;
    let saved: serde_json::Value = serde_json::from_str(&policy.get_untracked()).unwrap();
    assert_eq!(saved["take_charge"]["P1"], serde_json::json!({"kind": "elapsed", "minutes": 30}));
    // The P2 take-charge in business days; the P3 dispatch does not apply.
    page.choose("policy-take-charge-p2-kind", "end_of_business_day").await;
    page.choose("policy-on-site-p3-kind", "").await;
    let saved: serde_json::Value = serde_json::from_str(&policy.get_untracked()).unwrap();
    assert_eq!(saved["take_charge"]["P2"], serde_json::json!({"kind": "end_of_business_day", "days": 1}));
    assert!(saved["on_site"]["P3"].is_null(), "{saved}");
    // What is not a number is said, and changes nothing.
    let amount: web_sys::HtmlInputElement = page.get("policy-take-charge-p1-amount").unchecked_into();
    amount.set_value("une heure");
    page.fire(&amount, "change").await;
    assert!(page.text("policy-take-charge-p1").contains("nombre positif"));
    let after: serde_json::Value = serde_json::from_str(&policy.get_untracked()).unwrap();
    assert_eq!(after["take_charge"]["P1"]["minutes"], 30);
    // The result is a policy the engine accepts.
    let engine: Policy = serde_json::from_value(after).expect("a policy");
    engine.validate().expect("valid");
}

#[wasm_bindgen_test]
async fn the_client_confirms_or_reopens_then_rates_and_the_staff_see_none_of_it() {
    use vigie_app::pages::incident::ClientFollowUp;
    use vigie_app::Session;
    let now = RwSignal::new(at("2027-03-15T12:00:00+01:00"));
    let mut resolved = incident(7, Priority::P2, "2027-03-15T09:00:00+01:00");
    resolved.status = vigie_api::Status::Resolved;
    resolved.resolved_at = Some(at("2027-03-15T10:00:00+01:00"));
    resolved.closes_at = Some(at("2027-03-22T18:00:00+01:00"));
    let shown = RwSignal::new(Some(resolved.clone()));
    let mount_for = |role: vigie_api::Role| {
        mount(move || {
            let me = vigie_api::Me {
                id: 1,
                username: role.as_str().into(),
                display_name: role.as_str().into(),
                role,
                organisation_id: Some(1),
                phone: String::new(),
                lang: String::new(),
            };
            provide_context(Session { user: RwSignal::new(Some(me)), checked: RwSignal::new(true) });
            let incident = Signal::derive(move || shown.get());
            let time_zone = Signal::derive(|| chrono_tz::Europe::Paris);
            view! { <ClientFollowUp id=7 incident time_zone now=Signal::from(now) on_done=|| () /> }.into_any()
        })
    };
    let client = mount_for(vigie_api::Role::Client);
    let staff = mount_for(vigie_api::Role::Technician);
    tick().await;
    // Resolved: the client says whether the fix holds, and knows when it closes without an answer.
    assert!(client.text("confirmation").contains("lundi 22 mars à 18:00"), "{}", client.text("confirmation"));
    assert!(client.find("confirm").is_some());
    let reopen = client.get("reopen");
    assert!(reopen.has_attribute("disabled"), "a reopening says what is still wrong");
    let reason: HtmlTextAreaElement = client.get("reopen-reason").unchecked_into();
    reason.set_value("Le lecteur refuse encore les badges");
    let init = EventInit::new();
    init.set_bubbles(true);
    reason.dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    tick().await;
    assert!(!client.get("reopen").has_attribute("disabled"));
    assert!(staff.find("confirmation").is_none(), "the staff never answer for the client");

    // Closed: one question, 1 to 5, sent once a score is chosen.
    let mut closed = resolved.clone();
    closed.status = vigie_api::Status::Closed;
    closed.closed_at = Some(at("2027-03-15T13:00:00+01:00"));
    closed.closes_at = None;
    shown.set(Some(closed.clone()));
    tick().await;
    assert!(client.find("confirmation").is_none());
    assert!(client.get("rate").has_attribute("disabled"));
    client.get("score-4").click();
    tick().await;
    assert!(!client.get("rate").has_attribute("disabled"));
    assert!(staff.find("satisfaction").is_none());

    // Answered: thanked, and not asked again.
    closed.satisfaction =
        Some(vigie_api::Satisfaction { score: 4, comment: None, at: at("2027-03-15T13:05:00+01:00") });
    shown.set(Some(closed));
    tick().await;
    assert!(client.find("satisfaction").is_none());
    assert!(client.text("satisfaction-given").contains("4/5"));
}

// ---------------------------------------------------------------------------------------
// The staff's forms on the incident page, and what the page shows once the server has
// recorded what they sent. The forms hand what they send to a callback, as the contacts
// form does: the test reads it, then answers as the server would.

/// What an action form sent: its path under the incident, its body, the outcome to set.
type Sent = (&'static str, serde_json::Value, vigie_app::pages::incident::Outcome);

fn mount_action(action: &'static str, incident: vigie_api::IncidentView, sent: RwSignal<Option<Sent>>) -> Mounted {
    use vigie_app::pages::incident::ActionForm;
    let current = Signal::stored(Some(incident));
    let time_zone = Signal::stored(chrono_tz::Europe::Paris);
    let run = Callback::new(move |call: Sent| sent.set(Some(call)));
    mount(move || view! { <ActionForm action run time_zone incident=current /> }.into_any())
}

impl Mounted {
    fn disabled(&self, test_id: &str) -> bool {
        self.get(test_id).has_attribute("disabled")
    }

    fn value(&self, test_id: &str) -> String {
        let field = self.get(test_id);
        match field.dyn_ref::<web_sys::HtmlSelectElement>() {
            Some(select) => select.value(),
            None => match field.dyn_ref::<web_sys::HtmlInputElement>() {
                Some(input) => input.value(),
                None => field.unchecked_ref::<HtmlTextAreaElement>().value(),
            },
        }
    }
}

fn refused(status: u16, field: Option<&str>, message: &str) -> vigie_app::api::ApiError {
    vigie_app::api::ApiError { status, message: message.into(), field: field.map(str::to_string) }
}

#[wasm_bindgen_test]
async fn every_action_form_sends_the_body_its_api_type_reads() {
    use serde::de::DeserializeOwned;
    use vigie_api::{DataLoss, OnSiteNeeded, PlanIntervention, Reclassification, Resolve, TypeCorrection, Update};
    use vigie_engine::communication::GdprNotice;
    fn reads<T: DeserializeOwned>(body: &serde_json::Value) -> Result<(), String> {
        serde_json::from_value::<T>(body.clone()).map(drop).map_err(|e| e.to_string())
    }
    /// A form, every field it types filled in (its choices keep their first value), and
    /// whether the api's type reads what it sends.
    type Form = (&'static str, &'static [(&'static str, &'static str)], fn(&serde_json::Value) -> Result<(), String>);
    let forms: [Form; 8] = [
        ("on-site-needed", &[("reason", "Caméras du hall")], reads::<OnSiteNeeded>),
        ("plan-intervention", &[("planned-for", "2026-12-03T14:00"), ("reason", "Pièce")], reads::<PlanIntervention>),
        ("updates", &[("message", "Technicien en route")], reads::<Update>),
        ("reclassify", &[("reason", "Tout le site")], reads::<Reclassification>),
        ("type", &[("reason", "Erreur de saisie")], reads::<TypeCorrection>),
        ("data-loss", &[("description", "Images du parking"), ("known-at", "2026-12-03T09:00")], reads::<DataLoss>),
        (
            "gdpr-notice",
            &[
                ("nature", "Perte"),
                ("data-categories", "images, accès"),
                ("people-estimate", "40"),
                ("records-estimate", "1200"),
                ("consequences", "Aucune"),
                ("measures", "Sauvegarde"),
                ("contact", "dpo@example.fr"),
            ],
            reads::<GdprNotice>,
        ),
        (
            "resolve",
            &[("root-cause", "Switch"), ("actions", "Remplacé"), ("security-data-impact", "Aucun")],
            reads::<Resolve>,
        ),
    ];
    for (action, fields, read) in forms {
        let sent = RwSignal::new(None::<Sent>);
        let page = mount_action(action, incident(5, Priority::P2, "2026-11-25T09:00:00+01:00"), sent);
        tick().await;
        for (field, value) in fields {
            page.type_into(&format!("{action}-{field}"), value).await;
        }
        page.click(&format!("action-{action}")).await;
        let (_, body, _) = sent.get_untracked().unwrap_or_else(|| panic!("{action}: nothing sent"));
        assert_eq!(read(&body), Ok(()), "{action}: {body}");
        drop(page);
    }
}

#[wasm_bindgen_test]
async fn a_p3_reclassified_p1_is_taken_in_charge_within_the_hour_from_the_reclassification() {
    use serde_json::json;
    use vigie_app::pages::incident::IncidentDetails;
    // A P3 reported Wednesday 09:00: its take-charge counts 24 business hours.
    let p3 = incident(5, Priority::P3, "2026-11-25T09:00:00+01:00");
    let sent = RwSignal::new(None::<Sent>);
    let page = mount_action("reclassify", p3.clone(), sent);
    tick().await;
    // The choice starts at the current priority; nothing is sent without a reason.
    assert_eq!(page.value("reclassify-priority"), "P3");
    assert!(page.disabled("action-reclassify"));
    page.choose("reclassify-priority", "P1").await;
    assert!(page.disabled("action-reclassify"), "a new priority alone is not enough");
    page.type_into("reclassify-reason", "   ").await;
    assert!(page.disabled("action-reclassify"), "blanks are no reason");
    page.type_into("reclassify-reason", "Tout le site est touché").await;
    assert!(!page.disabled("action-reclassify"));
    page.click("action-reclassify").await;
    let (action, body, outcome) = sent.get_untracked().expect("sent");
    assert_eq!(action, "reclassify");
    assert_eq!(body, json!({ "priority": "P1", "reason": "Tout le site est touché" }));
    // The server's refusal is said at the foot of the form, in words.
    outcome.set(Some(Err(refused(409, None, "is closed"))));
    tick().await;
    assert_eq!(page.text("error-reclassify"), "Pas possible maintenant : is closed");
    // Done: the form is empty for the next time.
    outcome.set(Some(Ok(())));
    // The form's effect clears the fields, then the view shows it.
    tick().await;
    tick().await;
    assert_eq!(page.value("reclassify-reason"), "");
    assert_eq!(page.text("error-reclassify"), "");
    drop(page);

    // Recorded at 14:20: the take-charge now promises the P1's hour from 14:20, not from the
    // report (which would be long breached), and not the P3's business hours.
    let mut p1 = p3;
    p1.priority = Priority::P1;
    p1.priority_changes = vec![vigie_engine::sla::PriorityChange {
        at: at("2026-11-25T14:20:00+01:00"),
        from: Priority::P3,
        to: Priority::P1,
    }];
    let now = RwSignal::new(at("2026-11-25T14:30:00+01:00"));
    let page = mount(move || view! { <IncidentDetails incident=p1 now=now.into() /> }.into_any());
    tick().await;
    let take_charge = page.get("countdown");
    assert!(take_charge.text_content().unwrap().starts_with("Prise en charge"), "{:?}", clock_lines(&page));
    assert_eq!(take_charge.get_attribute("data-deadline").as_deref(), Some("2026-11-25T14:20:00+00:00"));
    assert_eq!(take_charge.get_attribute("data-state").as_deref(), Some("ok"));
    assert!(take_charge.text_content().unwrap().contains("reste 50 min"), "{:?}", clock_lines(&page));
    // 75 % of the hour from the reclassification: at risk.
    now.set(at("2026-11-25T15:05:00+01:00"));
    tick().await;
    assert_eq!(page.attribute("countdown", "data-state"), "at-risk", "{:?}", clock_lines(&page));
    now.set(at("2026-11-25T15:21:00+01:00"));
    tick().await;
    assert_eq!(page.attribute("countdown", "data-state"), "breached", "{:?}", clock_lines(&page));
}

#[wasm_bindgen_test]
async fn the_type_is_corrected_system_and_symptom_with_a_reason() {
    use serde_json::json;
    let video_down = incident(6, Priority::P2, "2026-11-25T09:00:00+01:00");
    let sent = RwSignal::new(None::<Sent>);
    let page = mount_action("type", video_down, sent);
    tick().await;
    // The current type is the starting choice, in words, never its code.
    assert_eq!((page.value("type-system"), page.value("type-symptom")), ("video".into(), "down".into()));
    let form = page.text("form-type");
    assert!(form.contains("Vidéo") && !form.contains("access_control"), "{form}");
    assert!(page.disabled("action-type"));
    page.choose("type-system", "access_control").await;
    page.choose("type-symptom", "degraded").await;
    assert!(page.disabled("action-type"), "a correction says why");
    page.type_into("type-reason", "Le lecteur du hall, pas la caméra").await;
    page.click("action-type").await;
    let (action, body, outcome) = sent.get_untracked().expect("sent");
    assert_eq!(action, "type");
    assert_eq!(
        body,
        json!({ "system": "access_control", "symptom": "degraded", "reason": "Le lecteur du hall, pas la caméra" })
    );
    // The server names a field of the form: said under it, the field marked.
    outcome.set(Some(Err(refused(422, Some("reason"), "reason: longer than 500 characters"))));
    tick().await;
    assert_eq!(page.text("type-reason-error"), "À corriger : longer than 500 characters");
    assert_eq!(page.attribute("type-reason", "aria-invalid"), "true");
    assert_eq!(page.attribute("type-reason", "aria-describedby"), "type-reason-error");
    assert_eq!(page.text("error-type"), "", "said once, under its field");
    page.type_into("type-reason", "Le lecteur du hall").await;
    assert!(page.find("type-reason-error").is_none(), "typing answers it");
}

#[wasm_bindgen_test]
async fn a_data_loss_is_recorded_known_since_a_time_of_the_site_or_now() {
    use serde_json::json;
    let p2 = incident(8, Priority::P2, "2026-11-25T09:00:00+01:00");
    let sent = RwSignal::new(None::<Sent>);
    let page = mount_action("data-loss", p2, sent);
    tick().await;
    assert!(page.text("form-data-loss").contains("Connue depuis (heure du site"), "{}", page.text("form-data-loss"));
    page.type_into("data-loss-known-at", "2026-11-25T08:30").await;
    assert!(page.disabled("action-data-loss"), "what is lost is said first");
    page.type_into("data-loss-description", "Images du parking du 24 au 25 novembre").await;
    page.click("action-data-loss").await;
    // 08:30 in Paris, as the site reads it.
    let (action, body, outcome) = sent.get_untracked().expect("sent");
    assert_eq!(action, "data-loss");
    assert_eq!(
        body,
        json!({ "description": "Images du parking du 24 au 25 novembre", "known_at": "2026-11-25T08:30:00+01:00" })
    );
    // The server refuses a time in the future: said under the field.
    outcome.set(Some(Err(refused(422, Some("known_at"), "known_at: 2026-11-26T08:30:00+00:00 is in the future"))));
    tick().await;
    assert_eq!(page.text("data-loss-known-at-error"), "À corriger : 2026-11-26T08:30:00+00:00 is in the future");
    assert_eq!(page.attribute("data-loss-known-at", "aria-invalid"), "true");
    assert_eq!(page.text("error-data-loss"), "");
    // A time the change to summer time skips is no time of the site: said there, nothing sent.
    sent.set(None);
    page.type_into("data-loss-known-at", "2027-03-28T02:30").await;
    assert!(page.find("data-loss-known-at-error").is_none(), "typing answers the refusal");
    page.click("action-data-loss").await;
    assert_eq!(sent.get_untracked().map(|s| s.0), None);
    assert_eq!(page.text("data-loss-known-at-error"), "Date et heure attendues, à l'heure du site.");
    // Left empty: known now, as the server takes it.
    page.type_into("data-loss-known-at", "").await;
    page.click("action-data-loss").await;
    let (_, body, outcome) = sent.get_untracked().expect("sent");
    assert_eq!(body, json!({ "description": "Images du parking du 24 au 25 novembre" }));
    outcome.set(Some(Ok(())));
    tick().await;
    tick().await;
    assert_eq!((page.value("data-loss-description"), page.value("data-loss-known-at")), (String::new(), String::new()));
}

#[wasm_bindgen_test]
async fn the_gdpr_notice_is_sent_whole_and_its_clock_runs_from_the_loss_until_it_is_sent() {
    use serde_json::json;
    use vigie_app::pages::incident::{allows, IncidentDetails};
    // Data lost, known at 10:00; the incident resolved at 11:00 and closed at 11:30.
    let mut lost = incident(9, Priority::P2, "2026-11-25T09:00:00+01:00");
    lost.acknowledged_at = Some(at("2026-11-25T09:10:00+01:00"));
    lost.data_loss_known_at = Some(at("2026-11-25T10:00:00+01:00"));
    lost.data_loss_description = Some("Images du parking".into());
    lost.resolved_at = Some(at("2026-11-25T11:00:00+01:00"));
    lost.closed_at = Some(at("2026-11-25T11:30:00+01:00"));
    lost.status = vigie_api::Status::Closed;
    // Closed, the notice is still owed: it is the one thing still offered, with the loss
    // itself while none is recorded.
    assert!(allows(&lost, "gdpr-notice") && !allows(&lost, "data-loss"));
    assert!(!allows(&lost, "updates") && !allows(&lost, "reclassify"));
    let mut closed_clean = incident(10, Priority::P2, "2026-11-25T09:00:00+01:00");
    closed_clean.closed_at = lost.closed_at;
    assert!(allows(&closed_clean, "data-loss") && !allows(&closed_clean, "gdpr-notice"));

    // The form: every field the notice needs, the categories as a list, the counts as numbers.
    let sent = RwSignal::new(None::<Sent>);
    let page = mount_action("gdpr-notice", lost.clone(), sent);
    tick().await;
    let fields = [
        ("gdpr-notice-nature", "Perte d'images de vidéoprotection"),
        ("gdpr-notice-data-categories", "images, plaques d'immatriculation"),
        ("gdpr-notice-people-estimate", "120"),
        ("gdpr-notice-records-estimate", "3400"),
        ("gdpr-notice-consequences", "Aucune image exploitable du 24 au 25"),
        ("gdpr-notice-measures", "Enregistreur remplacé"),
    ];
    for (field, text) in fields {
        page.type_into(field, text).await;
        assert!(page.disabled("action-gdpr-notice"), "sent before {field} and the contact");
    }
    page.type_into("gdpr-notice-contact", "dpo@vigie.example").await;
    page.click("action-gdpr-notice").await;
    let (action, body, _) = sent.get_untracked().expect("sent");
    assert_eq!(action, "gdpr-notice");
    assert_eq!(
        body,
        json!({
            "nature": "Perte d'images de vidéoprotection",
            "data_categories": ["images", "plaques d'immatriculation"],
            "people_estimate": 120,
            "records_estimate": 3400,
            "consequences": "Aucune image exploitable du 24 au 25",
            "measures": "Enregistreur remplacé",
            "contact": "dpo@vigie.example",
        })
    );
    drop(page);

    // The page: what was lost and that the notice is owed; its clock, 24 hours from 10:00,
    // runs on though the incident is closed.
    let now = RwSignal::new(at("2026-11-25T12:00:00+01:00"));
    let shown = lost.clone();
    let page = mount(move || view! { <IncidentDetails incident=shown now=now.into() /> }.into_any());
    tick().await;
    let said = facts(&page);
    let kinds: Vec<&str> = said.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(kinds, ["data-loss", "gdpr"], "{said:?}");
    assert!(said[0].1.contains("10:00") && said[0].1.contains("Images du parking"), "{said:?}");
    assert!(said[1].1.contains("Information RGPD à envoyer"), "{said:?}");
    let lines = clock_lines(&page);
    let gdpr = |page: &Mounted| {
        let list = page.wrapper.query_selector_all("[data-testid=countdown]").expect("countdowns");
        (0..list.length())
            .map(|i| list.item(i).unwrap().unchecked_into::<web_sys::Element>())
            .find(|line| line.text_content().unwrap_or_default().starts_with("Information RGPD"))
            .unwrap_or_else(|| panic!("no GDPR clock in {:?}", clock_lines(page)))
    };
    assert_eq!(gdpr(&page).get_attribute("data-deadline").as_deref(), Some("2026-11-26T09:00:00+00:00"), "{lines:?}");
    assert_eq!(gdpr(&page).get_attribute("data-state").as_deref(), Some("ok"));
    assert!(gdpr(&page).text_content().unwrap().contains("reste 22 h"), "{lines:?}");
    // 75 % of the 24 hours, at 04:00 the next day: at risk; at 10:00: breached.
    now.set(at("2026-11-26T04:00:00+01:00"));
    tick().await;
    assert_eq!(gdpr(&page).get_attribute("data-state").as_deref(), Some("at-risk"));
    now.set(at("2026-11-26T10:05:00+01:00"));
    tick().await;
    assert_eq!(gdpr(&page).get_attribute("data-state").as_deref(), Some("breached"));
    drop(page);

    // Sent at 16:00: said when, and the promise kept.
    let mut notified = lost;
    notified.gdpr_notice_sent_at = Some(at("2026-11-25T16:00:00+01:00"));
    assert!(!allows(&notified, "gdpr-notice"));
    let page = mount(move || view! { <IncidentDetails incident=notified now=now.into() /> }.into_any());
    tick().await;
    let said = facts(&page);
    assert!(said[1].1.contains("Information RGPD envoyée") && said[1].1.contains("16:00"), "{said:?}");
    assert_eq!(gdpr(&page).get_attribute("data-state").as_deref(), Some("met"));
}

#[wasm_bindgen_test]
async fn the_wall_counts_down_the_gdpr_notice_of_a_resolved_incident() {
    // Resolved at 11:00, data lost known at 10:00, nobody told yet: the notice is what the
    // wall counts down, by its name.
    let mut lost = incident(11, Priority::P2, "2026-11-25T09:00:00+01:00");
    lost.acknowledged_at = Some(at("2026-11-25T09:10:00+01:00"));
    lost.data_loss_known_at = Some(at("2026-11-25T10:00:00+01:00"));
    lost.resolved_at = Some(at("2026-11-25T11:00:00+01:00"));
    lost.status = vigie_api::Status::Resolved;
    let incidents = RwSignal::new(vec![lost]);
    let now = RwSignal::new(at("2026-11-25T12:00:00+01:00"));
    let page = mount(move || view! { <WallView incidents now connection=Connection::Open /> }.into_any());
    tick().await;
    let shown = tiles(&page);
    assert_eq!(shown.len(), 1);
    assert_eq!((shown[0].2.as_str(), shown[0].3.as_str()), ("ok", "2026-11-26T09:00:00.000Z"));
    let tile = page.get("wall-tile").text_content().unwrap_or_default();
    assert!(tile.contains("Information RGPD du client") && tile.contains("22:00:00"), "{tile}");
    now.set(at("2026-11-26T09:30:00+01:00"));
    tick().await;
    assert_eq!(tiles(&page)[0].2, "at-risk");
}

// ---------------------------------------------------------------------------------------
// The technical reviews that recurrent incidents open (procedure §04).

/// A review as `/api/reviews` gives it: of INC-2026-000012 (video down), due 22 December.
fn review(status: &str, owner: Option<(i64, &str)>, findings: Option<&str>, clock: &str) -> vigie_api::ReviewView {
    use vigie_api::FromJson;
    let written = serde_json::json!({
        "id": 3, "incident_id": 12, "reference": "INC-2026-000012", "organisation_id": 1, "site_id": 1,
        "incident_type": "video/down", "related": ["INC-2026-000004", "INC-2026-000009"],
        "status": status, "owner_id": owner.map(|o| o.0), "owner_name": owner.map(|o| o.1),
        "findings": findings, "proposal": null,
        "created_at": "2026-11-23T10:00:00Z", "closed_at": null,
        "clock": { "kind": "technical_review", "state": clock, "due": "2026-12-22T17:00:00Z", "late_by_seconds": null, "paused": false, "moot": false },
    });
    vigie_api::ReviewView::from_json(&written).expect("a review")
}

#[wasm_bindgen_test]
async fn a_technical_review_is_taken_then_closed_with_its_findings() {
    use vigie_app::pages::lessons::ReviewProgress;
    use vigie_app::Session;
    let shown = RwSignal::new(review("open", None, None, "running"));
    let sent = RwSignal::new(None::<vigie_api::ReviewChange>);
    let error = RwSignal::new(None::<String>);
    let now = at("2026-12-01T09:00:00+01:00");
    let mount_as = |role: vigie_api::Role, id: i64| {
        mount(move || {
            let me = vigie_api::Me {
                id,
                username: "camille".into(),
                display_name: "Camille Roux".into(),
                role,
                organisation_id: None,
                phone: String::new(),
                lang: String::new(),
            };
            provide_context(Session { user: RwSignal::new(Some(me)), checked: RwSignal::new(true) });
            let on_send = Callback::new(move |body| sent.set(Some(body)));
            // Remounted with each answer of the server, as the page reloads the list.
            (move || {
                let review = shown.get();
                view! { <ReviewProgress review staff=role.is_staff() now on_send error /> }
            })
            .into_any()
        })
    };
    let staff = mount_as(vigie_api::Role::Technician, 7);
    let client = mount_as(vigie_api::Role::Client, 21);
    tick().await;
    // Open, nobody on it, due in business days: said in words, in Paris time.
    assert_eq!(staff.attribute("review-status", "data-status"), "open");
    assert_eq!(
        staff.text("review-status"),
        "Revue ouverte — responsable : personne — échéance : mardi 22 décembre à 18:00"
    );
    assert!(!staff.get("review-status").class_list().contains("late"));
    // The client reads where it stands and acts on nothing.
    assert_eq!(client.text("review-status"), staff.text("review-status"));
    assert!(client.find("review-take").is_none() && client.find("review-close").is_none());

    // Taken: the owner is whoever takes it, and it is in progress.
    staff.click("review-take").await;
    let change = |status: &str, findings: Option<&str>| vigie_api::ReviewChange {
        owner_id: Some(7),
        status: Some(status.into()),
        findings: findings.map(String::from),
    };
    assert_eq!(sent.get_untracked(), Some(change("in_progress", None)));
    shown.set(review("in_progress", Some((7, "Camille Roux")), None, "running"));
    tick().await;
    assert_eq!(staff.attribute("review-status", "data-status"), "in_progress");
    assert!(staff.text("review-status").starts_with("Revue en cours — responsable : Camille Roux"));
    assert!(staff.find("review-take").is_none(), "already the owner's");
    // Closing says what it found: not before.
    assert!(staff.disabled("review-close"));
    staff.type_into("review-findings-input", "  ").await;
    assert!(staff.disabled("review-close"));
    staff.type_into("review-findings-input", "Alimentation PoE sous-dimensionnée sur le switch du parking ").await;
    staff.click("review-close").await;
    assert_eq!(
        sent.get_untracked(),
        Some(change("done", Some("Alimentation PoE sous-dimensionnée sur le switch du parking")))
    );
    // A refusal of the server is said.
    error.set(Some("findings: longer than 20000 characters".into()));
    tick().await;
    assert!(staff.text("review-error").contains("20000"));
    error.set(None);

    // Done, late: its findings shown, nothing left to do, the lateness marked.
    let findings = "Alimentation PoE sous-dimensionnée sur le switch du parking";
    let mut done = review("done", Some((7, "Camille Roux")), Some(findings), "met");
    done.clock.late_by_seconds = Some(86_400);
    shown.set(done);
    tick().await;
    assert_eq!(staff.attribute("review-status", "data-status"), "done");
    assert!(staff.text("review-status").starts_with("Revue terminée"));
    assert!(staff.get("review-status").class_list().contains("late"));
    assert_eq!(staff.text("review-findings"), format!("Constats : {findings}"));
    assert_eq!(client.text("review-findings"), format!("Constats : {findings}"));
    assert!(staff.find("review-take").is_none() && staff.find("review-close").is_none());
}

#[wasm_bindgen_test]
async fn the_on_site_need_brings_its_clock_counted_from_the_report() {
    use serde_json::json;
    use vigie_app::pages::incident::IncidentDetails;
    // A P1 reported Friday 22:10 that nobody yet said needs a technician: no on-site clock.
    let p1 = incident(13, Priority::P1, "2026-11-27T22:10:00+01:00");
    let sent = RwSignal::new(None::<Sent>);
    let page = mount_action("on-site-needed", p1.clone(), sent);
    tick().await;
    assert_eq!(page.value("on-site-needed-needed"), "false", "starts at the incident's current need");
    page.choose("on-site-needed-needed", "true").await;
    assert!(page.disabled("action-on-site-needed"), "a change of need says why");
    page.type_into("on-site-needed-reason", "Enregistreur bloqué").await;
    page.click("action-on-site-needed").await;
    let (action, body, _) = sent.get_untracked().expect("sent");
    assert_eq!((action, body), ("on-site-needed", json!({ "needed": true, "reason": "Enregistreur bloqué" })));
    drop(page);

    let on_site = |page: &Mounted| {
        clock_lines(page).into_iter().find(|(_, text)| text.starts_with("Départ d'un technicien")).map(|(s, _)| s)
    };
    let now = RwSignal::new(at("2026-11-27T22:30:00+01:00"));
    let without = p1.clone();
    let page = mount(move || view! { <IncidentDetails incident=without now=now.into() /> }.into_any());
    tick().await;
    assert_eq!(on_site(&page), None, "{:?}", clock_lines(&page));
    drop(page);
    // Recorded at 22:30: the clock is there, 4 hours from the report (02:10), not from 22:30.
    let mut needed = p1;
    needed.on_site_required = true;
    let page = mount(move || view! { <IncidentDetails incident=needed now=now.into() /> }.into_any());
    tick().await;
    assert_eq!(on_site(&page).as_deref(), Some("ok"), "{:?}", clock_lines(&page));
    let line = page.wrapper.query_selector_all("[data-testid=countdown]").unwrap();
    let deadlines: Vec<String> = (0..line.length())
        .map(|i| line.item(i).unwrap().unchecked_into::<web_sys::Element>().get_attribute("data-deadline").unwrap())
        .collect();
    assert!(deadlines.contains(&"2026-11-28T01:10:00+00:00".to_string()), "{deadlines:?}");
    assert!(facts(&page).iter().any(|(kind, _)| kind == "on-site-needed"), "{:?}", facts(&page));
}

/// `lagged` ends the stream: the listener marks it as connecting, and when the browser's
/// reconnection opens it again the page reloads its list, as on the first opening.
#[wasm_bindgen_test]
async fn a_lagged_stream_reloads_the_list_when_it_opens_again() {
    use vigie_app::live::reload_on_open;
    let owner = Owner::new();
    owner.set();
    let (connection, set_connection) = signal(Connection::Connecting);
    let reloads = RwSignal::new(0);
    reload_on_open(connection, move || reloads.update(|n| *n += 1));
    tick().await;
    assert_eq!(reloads.get_untracked(), 0, "nothing loads before the stream opens");
    set_connection.set(Connection::Open);
    tick().await;
    assert_eq!(reloads.get_untracked(), 1, "the first opening loads the list");
    // `lagged`: the stream is marked as connecting until the browser reconnects.
    set_connection.set(Connection::Connecting);
    tick().await;
    assert_eq!(reloads.get_untracked(), 1);
    set_connection.set(Connection::Open);
    tick().await;
    assert_eq!(reloads.get_untracked(), 2, "the reopened stream reloads what was missed");
}

// ---------------------------------------------------------------------------------------
// Working an incident as a team: its files, and the weekly on-call pattern.

#[wasm_bindgen_test]
async fn an_incident_s_files_show_images_small_and_every_file_as_a_link() {
    use vigie_app::pages::incident::FileList;
    let attachment = |id: i64, name: &str, content_type: &str, size: i64| vigie_api::Attachment {
        id,
        name: name.into(),
        content_type: content_type.into(),
        size,
        at: None,
        author: None,
    };
    let files = RwSignal::new(Vec::new());
    let page = mount(move || view! { <FileList files=files.into() /> }.into_any());
    tick().await;
    assert!(page.text("files-none").contains("Aucun fichier"));

    files.set(vec![
        attachment(7, "porte-parking.jpg", "image/jpeg", 1_572_864),
        attachment(8, "rapport.pdf", "application/pdf", 2048),
    ]);
    tick().await;
    assert_eq!(page.count("file"), 2);
    assert!(page.find("files-none").is_none());
    let (photo, pdf) = (page.nth(None, "file", 0), page.nth(None, "file", 1));
    assert_eq!(page.nth(Some(&photo), "file-link", 0).get_attribute("href").as_deref(), Some("/api/attachments/7"));
    assert_eq!(page.nth(Some(&pdf), "file-link", 0).text_content().as_deref(), Some("rapport.pdf"));
    // Only the image is shown small, through the file's own address.
    let thumb = photo.query_selector("img").expect("selector").expect("a thumbnail");
    assert_eq!(thumb.get_attribute("src").as_deref(), Some("/api/attachments/7"));
    assert!(pdf.query_selector("img").expect("selector").is_none());
    assert!(photo.text_content().unwrap_or_default().contains("JPEG · 1,5 Mo"), "{:?}", photo.text_content());
    assert!(pdf.text_content().unwrap_or_default().contains("PDF · 2,0 Ko"), "{:?}", pdf.text_content());
}

#[wasm_bindgen_test]
fn sizes_and_decimals_read_as_people_say_them() {
    use vigie_app::i18n::Lang;
    assert_eq!(wording::file_size(900, Lang::Fr), "900 o");
    assert_eq!(wording::file_size(2048, Lang::En), "2.0 KB");
    assert_eq!(wording::file_size(10 * 1024 * 1024, Lang::Fr), "10,0 Mo");
    assert_eq!(wording::decimal(87.5, 1, Lang::Fr), "87,5");
    assert_eq!(wording::decimal(2.0 / 3.0, 2, Lang::En), "0.67");
    assert_eq!(wording::decimal(100.0, 1, Lang::En), "100.0");
    assert_eq!(wording::decimal(-0.04, 1, Lang::En), "0.0");
    assert_eq!(wording::decimal(-12.25, 0, Lang::Fr), "-12");
    // And back: what is typed in the policy form, in minutes (hours typed) or days.
    use vigie_app::pages::policy_form::scaled;
    assert_eq!(
        [scaled("1,5", 60), scaled(" 2 ", 60), scaled(".25", 60), scaled("0,01", 60)],
        [Some(90), Some(120), Some(15), Some(1)]
    );
    assert_eq!([scaled("1.5", 1), scaled("1,4", 1), scaled("3.", 1)], [Some(2), Some(1), Some(3)]);
    for wrong in ["", ",", "-1", "1e3", "un", "1,5,0", "1 5"] {
        assert_eq!(scaled(wrong, 60), None, "{wrong:?}");
    }
}

#[wasm_bindgen_test]
async fn the_weekly_pattern_is_edited_and_a_refusal_shows_under_its_field() {
    use vigie_api::{OnCallSlot, Role, StaffMember};
    use vigie_app::pages::oncall::WeekEditor;
    let karim = vigie_api::OnCallPerson { id: 3, name: "Karim Haddad".into() };
    let saved =
        vec![vigie_api::OnCallSlotView { weekday: 5, start: "18:00".into(), end: "24:00".into(), person: karim }];
    let staff = Signal::stored(vec![
        StaffMember { id: 3, display_name: "Karim Haddad".into(), role: Role::Technician },
        StaffMember { id: 4, display_name: "Sophie Laurent".into(), role: Role::Supervisor },
    ]);
    let refusal = RwSignal::new(None::<vigie_app::api::ApiError>);
    let sent = RwSignal::new(None::<Vec<OnCallSlot>>);
    let on_save = Callback::new(move |slots| sent.set(Some(slots)));
    let page = mount(move || {
        view! { <WeekEditor saved=saved.clone() staff refusal sending=Signal::stored(false) on_save /> }.into_any()
    });
    tick().await;
    assert_eq!(page.count("week-slot"), 1);
    // Midnight as an end shows as 00:00 in a time field, which the server reads the same.
    let end = page.nth(None, "slot-end", 0).unchecked_into::<web_sys::HtmlInputElement>();
    assert_eq!(end.value(), "00:00");

    // A second slot, Saturday, for Sophie, whose start is mistyped.
    page.click("slot-add").await;
    assert_eq!(page.count("week-slot"), 2);
    let second = page.nth(None, "week-slot", 1);
    let weekday: web_sys::HtmlSelectElement = page.nth(Some(&second), "slot-weekday", 0).unchecked_into();
    weekday.set_value("6");
    page.fire(&weekday, "change").await;
    let person: web_sys::HtmlSelectElement = page.nth(Some(&second), "slot-person", 0).unchecked_into();
    person.set_value("4");
    page.fire(&person, "change").await;
    page.type_in(&page.nth(Some(&second), "slot-start", 0), "09:00").await;
    page.type_in(&page.nth(Some(&second), "slot-end", 0), "21:00").await;
    page.click("week-save").await;
    let slot = |weekday: u8, start: &str, end: &str, user_id: i64| OnCallSlot {
        weekday,
        start: start.into(),
        end: end.into(),
        user_id,
    };
    assert_eq!(sent.get_untracked(), Some(vec![slot(5, "18:00", "00:00", 3), slot(6, "09:00", "21:00", 4)]));

    // The server names the second slot's start: the message shows under it, and the field
    // says it is invalid; the first slot's fields do not.
    refusal.set(Some(vigie_app::api::ApiError {
        status: 422,
        message: "slots[1].start: overlaps slot 0".into(),
        field: Some("slots[1].start".into()),
    }));
    tick().await;
    assert_eq!(page.count("field-error"), 1);
    let error = page.nth(Some(&second), "field-error", 0);
    assert_eq!(error.text_content().as_deref(), Some("overlaps slot 0"));
    let start = page.nth(Some(&second), "slot-start", 0);
    assert_eq!(start.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(start.get_attribute("aria-describedby"), Some(error.id()));
    assert_eq!(page.nth(None, "slot-start", 0).get_attribute("aria-invalid"), None);

    // Removing the first slot leaves Sophie's alone, now the first.
    page.nth(None, "slot-remove", 0).click();
    tick().await;
    assert_eq!(page.count("week-slot"), 1);
    page.click("week-save").await;
    assert_eq!(sent.get_untracked(), Some(vec![slot(6, "09:00", "21:00", 4)]));
}
