//! Browser benchmarks of the app in headless Chromium, with wasm-bindgen-test's criterion:
//! the wall with 1,000 open incidents (first render, and the cost of one tick of the page
//! clock), and the priority suggestion on a keystroke.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=webdriver.json
//! cargo bench -p vigie-app --bench browser --target wasm32-unknown-unknown`
//! (or `cargo xtask bench`).
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;

use chrono::{DateTime, TimeDelta, Utc};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use vigie_api::IncidentView;
use vigie_app::live::Connection;
use vigie_app::pages::wall::WallView;
use vigie_engine::{classify, Priority};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_bench, wasm_bindgen_test_configure, Criterion};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

/// 1,000 open incidents of every priority, reported over the last two days.
fn incidents() -> Vec<IncidentView> {
    let start = at("2026-11-26T08:00:00+01:00");
    (0..1000)
        .map(|i| {
            let priority = [Priority::P1, Priority::P2, Priority::P3][i % 3];
            let mut incident =
                fixtures::open_incident(i as i64, priority, start + TimeDelta::minutes((i as i64 * 37) % 2880));
            incident.on_site_required = i % 7 == 0;
            incident
        })
        .collect()
}

fn host() -> web_sys::HtmlElement {
    let document = document();
    let element: web_sys::HtmlElement = document.create_element("section").expect("section").unchecked_into();
    document.body().expect("body").append_child(&element).expect("append");
    element
}

/// Short runs: the page must answer the test runner's polls between them.
fn quick() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(std::time::Duration::from_millis(300))
        .measurement_time(std::time::Duration::from_secs(2))
}

#[wasm_bindgen_bench]
async fn wall_with_1000_incidents(c: &mut Criterion) {
    *c = quick();
    let list = incidents();
    let now_at = at("2026-11-28T10:00:00+01:00");
    c.bench_async_function("wall: first render of 1,000 tiles", |b| {
        let list = list.clone();
        Box::pin(b.iter_future(move || {
            let list = list.clone();
            async move {
                let element = host();
                let handle = mount_to(element.clone(), move || {
                    view! { <WallView incidents=list now=now_at connection=Connection::Open /> }
                });
                tick().await;
                black_box(element.child_element_count());
                drop(handle);
                element.remove();
            }
        }))
    })
    .await;

    let element = host();
    let now = RwSignal::new(now_at);
    let incidents = RwSignal::new(list);
    let _handle = mount_to(element.clone(), move || view! { <WallView incidents now connection=Connection::Open /> });
    tick().await;
    c.bench_async_function("wall: one tick of the clock with 1,000 tiles", |b| {
        Box::pin(b.iter_future(move || async move {
            now.update(|t| *t += TimeDelta::seconds(1));
            tick().await;
        }))
    })
    .await;
}

#[wasm_bindgen_bench]
fn suggestion_on_a_keystroke(c: &mut Criterion) {
    *c = quick();
    let text = "Bonjour, depuis ce matin 7h plus aucune caméra ne s'affiche sur le mur d'images du poste \
                de garde, l'enregistreur NVR du parking semble HS et le lecteur de badge de l'entrée \
                principale fonctionne par intermittence.";
    c.bench_function("suggestion: classify the description after a keystroke", |b| {
        b.iter(|| black_box(classify(Some(black_box(text)), None)))
    });
}
