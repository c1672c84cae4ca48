//! How well the priority suggestion does on the labelled corpus (`tests/corpus/`):
//! accuracy, the confusion matrix and the under-ratings, on the development set
//! (every file but the held-out ones) and on the held-out sets the rules were never tuned on:
//! `heldout.jsonl`, the held-out half, and `heldout-*.jsonl`, later batches written to the
//! same policy before any rule was changed after them.
//!
//! `cargo bench -p vigie-engine --bench corpus` (part of `cargo xtask bench`).
//! `cargo bench -p vigie-engine --bench corpus -- --dev-errors` also lists the development
//! half's mistakes, to tune the lexicon; the held-out half's texts are never printed.

use std::time::Instant;

use vigie_engine::{classify, Priority};

struct Case {
    id: String,
    text: String,
    expected: Priority,
}

fn load(name: &str) -> Vec<Case> {
    let path = format!("{}/tests/corpus/{name}.jsonl", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}: {e}: {line}"));
            Case {
                id: v["id"].as_str().expect("id").to_string(),
                text: v["text"].as_str().expect("text").to_string(),
                expected: v["priority"].as_str().expect("priority").parse().expect("P1, P2 or P3"),
            }
        })
        .collect()
}

fn report(name: &str, cases: &[Case], show_errors: bool) -> (f64, usize) {
    let mut matrix = [[0usize; 3]; 3];
    let mut errors = Vec::new();
    let started = Instant::now();
    for case in cases {
        let c = classify(Some(&case.text), None);
        matrix[case.expected as usize][c.priority as usize] += 1;
        if c.priority != case.expected {
            errors.push((case, c));
        }
    }
    let per_text = started.elapsed() / cases.len().max(1) as u32;
    let right: usize = (0..3).map(|i| matrix[i][i]).sum();
    let accuracy = right as f64 / cases.len() as f64;
    let under_p3 = matrix[0][2] + matrix[1][2];
    println!(
        "{name}: {} descriptions, accuracy {:.1} % ({right}/{}), {per_text:?} per description",
        cases.len(),
        accuracy * 100.0,
        cases.len()
    );
    println!("  expected \\ suggested     P1    P2    P3");
    for (i, p) in Priority::ALL.iter().enumerate() {
        println!("  {p}                    {:>5} {:>5} {:>5}", matrix[i][0], matrix[i][1], matrix[i][2]);
    }
    println!(
        "  P1 suggested as P3: {}   P2 suggested as P3: {}   P1 suggested as P2: {}   over-rated: {}",
        matrix[0][2],
        matrix[1][2],
        matrix[0][1],
        matrix[1][0] + matrix[2][0] + matrix[2][1]
    );
    if show_errors {
        for (case, c) in errors {
            println!(
                "  {} expected {} got {} ({}) {:?}\n      {}",
                case.id, case.expected, c.priority, c.rule, c.matched, case.text
            );
        }
    }
    (accuracy, under_p3)
}

fn main() {
    let show = std::env::args().any(|a| a == "--dev-errors");
    // Every file of the corpus but the held-out half is for development.
    let folder = format!("{}/tests/corpus", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{folder}: {e}"))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".jsonl").map(str::to_string))
        .filter(|name| !is_held_out(name))
        .collect();
    names.sort();
    for name in &names {
        let cases = load(name);
        let right = cases.iter().filter(|c| classify(Some(&c.text), None).priority == c.expected).count();
        println!("  {name}: {right}/{} ({:.1} %)", cases.len(), 100.0 * right as f64 / cases.len() as f64);
    }
    let development: Vec<Case> = names.iter().flat_map(|name| load(name)).collect();
    report(&format!("development set ({})", names.join(" + ")), &development, show);
    let mut held_out: Vec<String> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{folder}: {e}"))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".jsonl").map(str::to_string))
        .filter(|name| is_held_out(name))
        .collect();
    held_out.sort();
    let target = |accuracy: f64, under: usize| if accuracy >= 0.95 && under == 0 { "PASS" } else { "FAIL" };
    let (accuracy, under) = report("held-out half (heldout)", &load("heldout"), false);
    println!("held-out target (accuracy ≥ 95 %, no P1 or P2 suggested as P3): {}", target(accuracy, under));
    if held_out.len() > 1 {
        for name in held_out.iter().filter(|name| *name != "heldout") {
            report(&format!("later held-out batch ({name})"), &load(name), false);
        }
        let all: Vec<Case> = held_out.iter().flat_map(|name| load(name)).collect();
        let (accuracy, under) = report(&format!("all held-out sets ({})", held_out.join(" + ")), &all, false);
        println!("target on all held-out sets: {}", target(accuracy, under));
    }
}

/// `heldout.jsonl` and any later `heldout-*.jsonl`: measured, never tuned on.
fn is_held_out(name: &str) -> bool {
    name == "heldout" || name.starts_with("heldout-")
}
