//! Prints how a description is read and classified:
//! `cargo run -p vigie-engine --example explain -- "Plus aucune caméra ne fonctionne"`.

fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    print!("{}", vigie_engine::classify::reading::trace(&text));
    let c = vigie_engine::classify(Some(&text), None);
    println!("=> {} {} {:?} {:?}", c.priority, c.rule, c.matched, c.questions);
}
