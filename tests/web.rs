//! Browser tests of the reporting page, in headless Chromium.
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
use vigie_app::{fr, App, ReportPage};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, EventInit, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

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
    let wrapper: HtmlElement = document
        .create_element("section")
        .expect("section")
        .unchecked_into();
    document
        .body()
        .expect("body")
        .append_child(&wrapper)
        .expect("append");
    let handle = mount_to(wrapper.clone(), view);
    Mounted {
        wrapper,
        _handle: Box::new(handle),
    }
}

fn mount_report(now: RwSignal<DateTime<Utc>>) -> Mounted {
    mount(move || view! { <ReportPage now /> }.into_any())
}

impl Mounted {
    fn find(&self, test_id: &str) -> Option<HtmlElement> {
        let selector = format!("[data-testid=\"{test_id}\"]");
        self.wrapper
            .query_selector(&selector)
            .expect("selector")
            .map(JsCast::unchecked_into)
    }

    fn get(&self, test_id: &str) -> HtmlElement {
        self.find(test_id)
            .unwrap_or_else(|| panic!("no element with data-testid={test_id}"))
    }

    fn text(&self, test_id: &str) -> String {
        self.get(test_id).text_content().unwrap_or_default()
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
    assert!(
        priority.contains("P1") && priority.contains("Critique"),
        "{priority}"
    );
    let reasons = page.get("suggestion-reasons");
    assert!(reasons.child_element_count() > 0, "no reason for P1");
    assert!(!page.text("suggestion-matched").is_empty());

    page.type_description(P3_TEXT).await;
    let priority = page.text("suggested-priority");
    assert!(
        priority.contains("P3") && priority.contains("Mineur"),
        "{priority}"
    );
    assert!(
        page.get("suggestion-reasons").child_element_count() > 0,
        "no reason for P3"
    );

    page.type_description(P2_TEXT).await;
    let priority = page.text("suggested-priority");
    assert!(
        priority.contains("P2") && priority.contains("Majeur"),
        "{priority}"
    );
    assert!(
        page.get("suggestion-reasons").child_element_count() > 0,
        "no reason for P2"
    );
    assert!(page.find("needs-details").is_none());

    page.type_description("ça ne marche pas").await;
    assert!(
        page.find("needs-details").is_some(),
        "a vague text asks for details"
    );
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
    assert!(
        deadline.contains("lundi") && deadline.contains("11:59"),
        "{deadline}"
    );
    assert!(deadline.contains("heures ouvrées"), "{deadline}");
    let countdown = page.text("sla-countdown");
    assert!(countdown.contains("4 h 00"), "{countdown}");

    now.set(at("2026-11-28T12:00:00+01:00"));
    tick().await;
    let countdown = page.text("sla-countdown");
    assert!(
        countdown.contains("En pause hors heures ouvrées"),
        "{countdown}"
    );
    assert!(
        countdown.contains("lundi") && countdown.contains("08:00"),
        "{countdown}"
    );
    assert_eq!(
        page.get("sla-countdown")
            .get_attribute("data-state")
            .as_deref(),
        Some("paused")
    );
    let deadline = page.text("sla-deadline");
    assert!(
        deadline.contains("lundi") && deadline.contains("11:59"),
        "the deadline moved: {deadline}"
    );

    now.set(at("2026-11-30T10:59:00+01:00"));
    tick().await;
    let countdown = page.text("sla-countdown");
    assert!(
        countdown.contains("1 h 00") && !countdown.contains("pause"),
        "{countdown}"
    );
    // Same day now: the time alone.
    let deadline = page.text("sla-deadline");
    assert!(
        deadline.contains("avant 11:59") && !deadline.contains("lundi"),
        "{deadline}"
    );
}

#[wasm_bindgen_test]
async fn p1_deadline_is_one_elapsed_hour_in_paris_time() {
    let now = RwSignal::new(at("2026-11-27T17:59:00+01:00"));
    let page = mount_report(now);
    page.type_description(P1_TEXT).await;

    let deadline = page.text("sla-deadline");
    assert!(
        deadline.contains("Un technicien vous appelle avant 18:59"),
        "{deadline}"
    );
    assert!(page.text("sla-countdown").contains("1 h 00"));

    // Time left is rounded up to the minute: never "0 min" while the clock runs.
    now.set(at("2026-11-27T18:58:30+01:00"));
    tick().await;
    let countdown = page.text("sla-countdown");
    assert!(countdown.contains("Il reste 1 min"), "{countdown}");

    now.set(at("2026-11-27T19:30:00+01:00"));
    tick().await;
    let countdown = page.text("sla-countdown");
    assert!(
        countdown.contains("dépassé") && countdown.contains("31 min"),
        "{countdown}"
    );
}

#[wasm_bindgen_test]
async fn app_mounts_with_its_own_clock() {
    let page = mount(|| view! { <App /> }.into_any());
    tick().await;
    let title = page
        .wrapper
        .query_selector("h1")
        .expect("selector")
        .expect("h1");
    assert_eq!(
        title.text_content().as_deref(),
        Some("Signaler un incident")
    );
    page.type_description(P3_TEXT).await;
    assert!(page.text("sla-deadline").contains("heures ouvrées"));
}

#[wasm_bindgen_test]
fn local_times_read_in_french() {
    let tz = chrono_tz::Europe::Paris;
    let now = at("2026-11-30T10:59:00+01:00");
    assert_eq!(
        fr::local_time(at("2026-11-30T11:59:00+01:00"), now, tz),
        "11:59"
    );
    assert_eq!(
        fr::local_time(at("2026-12-01T08:00:00+01:00"), now, tz),
        "mardi 1er décembre à 08:00"
    );
    // Late evening in UTC is already the next day in Paris.
    assert_eq!(
        fr::local_time(at("2026-11-30T23:30:00Z"), now, tz),
        "mardi 1er décembre à 00:30"
    );
}
