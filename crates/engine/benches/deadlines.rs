//! Deadline computation over 10,000 report instants spread over 2026–2027, with the FR
//! calendar (Europe/Paris, Monday–Friday 08:00–18:00, French holidays), side by side with the
//! `workclock` crate on the same inputs and the same calendar.
//!
//! Run with `cargo bench -p vigie-engine --bench deadlines` (or `cargo xtask bench`).

use std::hint::black_box;

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jiff::civil::{date, time};
use jiff::{SignedDuration, Timestamp};
use vigie_engine::{Calendar, HolidayRegion, Target};
use workclock::{Holidays, Schedule, Weekdays, WorkDay};

const N: i64 = 10_000;

/// Report `i` is `i * 7919 mod (2 years of minutes)` minutes into 2026: every hour of the
/// day and every day of the week, nights, weekends and holidays included.
fn reports() -> Vec<DateTime<Utc>> {
    let base: DateTime<Utc> = "2026-01-01T00:00:00Z".parse().expect("valid instant");
    (0..N).map(|i| base + TimeDelta::minutes(i * 7919 % (2 * 525_600))).collect()
}

/// The same calendar for workclock: its holidays are a list of dates, so we give it ours.
fn workclock_schedule() -> Schedule {
    let holidays = (2026..=2028)
        .flat_map(|y| HolidayRegion::Fr.holidays_in(y))
        .map(|d| date(d.year_ce().1 as i16, d.month0() as i8 + 1, d.day0() as i8 + 1));
    Schedule::builder()
        .time_zone("Europe/Paris")
        .rule(WorkDay::new(time(8, 0, 0, 0), time(18, 0, 0, 0), Weekdays::MON_TO_FRI))
        .rule(Holidays::new(holidays))
        .build()
        .expect("valid schedule")
}

use chrono::Datelike;

fn to_jiff(t: DateTime<Utc>) -> Timestamp {
    Timestamp::from_second(t.timestamp()).expect("in range")
}

fn bench(c: &mut Criterion) {
    let calendar = Calendar::default();
    let schedule = workclock_schedule();
    let reports = reports();
    let jiff_reports: Vec<Timestamp> = reports.iter().map(|t| to_jiff(*t)).collect();

    // Both must give the same deadlines, or the comparison means nothing.
    for (t, j) in reports.iter().zip(&jiff_reports) {
        let ours = calendar.add(*t, TimeDelta::hours(4)).expect("deadline");
        let theirs = schedule.add(*j, SignedDuration::from_hours(4)).expect("deadline");
        assert_eq!(to_jiff(ours), theirs, "P2 deadline from {t}");
    }

    let mut group = c.benchmark_group("p2_take_charge_4_business_hours");
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function("vigie", |b| {
        b.iter(|| {
            for t in &reports {
                black_box(calendar.add(black_box(*t), TimeDelta::hours(4)).expect("deadline"));
            }
        })
    });
    group.bench_function("workclock", |b| {
        b.iter(|| {
            for t in &jiff_reports {
                black_box(schedule.add(black_box(*t), SignedDuration::from_hours(4)).expect("deadline"));
            }
        })
    });
    group.finish();

    // Every kind of target the policy uses, mixed as incidents arrive.
    let targets = [
        Target::Elapsed { minutes: 60 },
        Target::BusinessHours { minutes: 4 * 60 },
        Target::BusinessHours { minutes: 24 * 60 },
        Target::EndOfBusinessDay { days: 5 },
    ];
    let mut group = c.benchmark_group("mixed_targets");
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function("vigie", |b| {
        b.iter(|| {
            for (i, t) in reports.iter().enumerate() {
                let target = targets[i % targets.len()];
                black_box(target.deadline(black_box(*t), &calendar).expect("deadline"));
            }
        })
    });
    group.finish();
}

/// The priority suggestion runs on every keystroke in the browser.
fn classification(c: &mut Criterion) {
    let text = "Bonjour, depuis ce matin 7h plus aucune caméra ne s'affiche sur le mur d'images du poste \
                de garde, l'enregistreur NVR du parking semble HS et le lecteur de badge de l'entrée \
                principale fonctionne par intermittence. Aucune intrusion constatée, pas de panne totale \
                du contrôle d'accès. Merci de nous rappeler rapidement.";
    c.bench_function("classify_a_300_character_report", |b| b.iter(|| black_box(vigie_engine::classify(Some(black_box(text)), None))));
}

criterion_group!(benches, bench, classification);
criterion_main!(benches);
