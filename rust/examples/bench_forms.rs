//! The word-form layer and the compound analysis inside Rust (no Python call per word): time per
//! call of `compound_split`, `known` and `is_form`, cold (a fresh `Forms`: no split kept) and warm.
//!
//!     cargo run --release --example bench_forms -- DATA_DIR WORDS.txt
//!
//! WORDS.txt: one word a line (e.g. `bench/core_forms.py --dump-words`).

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use korrektor_core::forms::Forms;

fn per_call(items: &[String], repeat: usize, mut f: impl FnMut(&str) -> bool) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..repeat {
        let t = Instant::now();
        let mut acc = 0usize;
        for w in items {
            acc += usize::from(f(w));
        }
        black_box(acc);
        best = best.min(t.elapsed().as_secs_f64());
    }
    best / items.len() as f64
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, words] = &args[..] else {
        eprintln!("usage: bench_forms DATA_DIR WORDS.txt");
        std::process::exit(2);
    };
    let t = Instant::now();
    let forms = Forms::load(Path::new(dir), true).expect("load");
    println!("load: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let text = std::fs::read_to_string(words).expect("words");
    let items: Vec<String> = text.lines().map(str::to_owned).collect();
    println!("{} words", items.len());
    let dir = Path::new(dir);
    let fresh = || Forms::load(dir, true).expect("load");
    type Call = fn(&Forms, &str) -> bool;
    let calls: [(&str, Call); 3] = [
        ("compound_split", |f, w| f.compound_split(w).is_some()),
        ("known", |f, w| f.known(w)),
        ("is_form", |f, w| f.is_form(w)),
    ];
    for (name, call) in calls {
        // cold: a fresh instance per pass (no split kept); warm: the same words again
        let cold = (0..3)
            .map(|_| {
                let f = fresh();
                per_call(&items, 1, |w| call(&f, w))
            })
            .fold(f64::INFINITY, f64::min);
        let warm = per_call(&items, 5, |w| call(&forms, w));
        println!(
            "  {name:15} cold {:6.3} µs, warm {:6.3} µs per call",
            cold * 1e6,
            warm * 1e6
        );
    }
}
