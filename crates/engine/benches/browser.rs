//! The engine's deadline benchmark compiled to WebAssembly and run in headless Chromium:
//! the rows of `deadlines.rs` for Vigie, on the same inputs, so that the browser's
//! countdowns can be compared with the server's. Each row prints one line,
//! `wasm-deadlines | <row> | <ns per input>`, that the native benchmark reads to print the
//! wasm/native ratio.
//!
//! Run on its own: `CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=webdriver.json
//! cargo bench -p vigie-engine --bench browser --target wasm32-unknown-unknown --profile
//! wasm-release` (the app's profile); the native `cargo bench -p vigie-engine --bench
//! deadlines` runs it so when ChromeDriver is installed.
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;

use chrono::TimeDelta;
use vigie_engine::{Calendar, Target};
use wasm_bindgen_test::{console_log, wasm_bindgen_bench, wasm_bindgen_test_configure, Criterion, Instant};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "inputs/mod.rs"]
mod inputs;

use inputs::{measure_ends, reports, N, ROWS};

/// Median of 5 timed runs of `run` (each repeated so that it lasts well above the browser's
/// timer resolution), per input.
fn median_ns(run: &dyn Fn()) -> f64 {
    const REPEAT: u32 = 10;
    run();
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..REPEAT {
                run();
            }
            start.elapsed().as_nanos() as f64 / f64::from(REPEAT)
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[2] / N as f64
}

#[wasm_bindgen_bench]
fn deadlines(c: &mut Criterion) {
    *c = Criterion::default()
        .sample_size(10)
        .warm_up_time(std::time::Duration::from_millis(300))
        .measurement_time(std::time::Duration::from_secs(1));
    let calendar = Calendar::default();
    let reports = reports();
    let ends = measure_ends(&reports);
    let add = |hours: i64| {
        let (calendar, reports) = (&calendar, &reports);
        move || {
            for t in reports {
                black_box(calendar.add(black_box(*t), TimeDelta::hours(hours)).expect("deadline"));
            }
        }
    };
    let fifth = || {
        for t in &reports {
            black_box(calendar.end_of_nth_business_day(black_box(*t), 5).expect("deadline"));
        }
    };
    let between = || {
        for (a, b) in reports.iter().zip(&ends) {
            black_box(calendar.business_time_between(black_box(*a), black_box(*b)).expect("measure"));
        }
    };
    let targets = [
        Target::Elapsed { minutes: 60 },
        Target::BusinessHours { minutes: 4 * 60 },
        Target::BusinessHours { minutes: 24 * 60 },
        Target::EndOfBusinessDay { days: 5 },
    ];
    let mixed = || {
        for (i, t) in reports.iter().enumerate() {
            black_box(targets[i % targets.len()].deadline(black_box(*t), &calendar).expect("deadline"));
        }
    };
    let (four, twenty_four) = (add(4), add(24));
    let rows: [(&str, &dyn Fn()); 5] =
        [(ROWS[0], &four), (ROWS[1], &twenty_four), (ROWS[2], &fifth), (ROWS[3], &between), ("mixed targets", &mixed)];
    for (name, run) in rows {
        c.bench_function(&format!("wasm: {name} ({N} inputs)"), |b| b.iter(run));
        console_log!("wasm-deadlines | {name} | {:.1}", median_ns(run));
    }
}
